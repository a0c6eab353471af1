//! `congkhai serve`: builds the portal into `<root>/public`, serves it on a local address,
//! rebuilds when a file under `content/` or `themes/` changes and reloads the open pages.
//!
//! The stages: `notices` hears of changes from the OS and `watch` finds what changed (or,
//! where the OS cannot tell, notices it by looking a few times a second), the ordinary `pipeline::build` rebuilds (so the
//! preview is exactly what `build` publishes, and a failed rebuild leaves the previous site
//! in place), `live` tells the pages, `http` serves them.

mod http;
mod live;
mod notices;
mod watch;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::pipeline;

use live::Live;
use watch::Snapshot;

/// Without notifications from the OS: how often the portal's files are looked at (at least:
/// a look that takes long, on a province's thousands of files, is repeated less often, so
/// that watching never costs more than a tenth of a core). How long they must stay unchanged
/// (no notification, or two looks alike) before a rebuild starts. With notifications, how
/// often the files are looked at all the same, for a change the OS did not report.
const POLL: Duration = Duration::from_millis(40);
const QUIET: Duration = Duration::from_millis(30);
const LOOK_ANYWAY: Duration = Duration::from_secs(2);

pub fn serve(root: &Path, bind: &str, port: u16) -> Result<()> {
    let out = root.join("public");
    let snapshot = Snapshot::take(root);
    let mut builds = pipeline::Incremental::new(root, &out);
    let r = builds.build()?;
    eprintln!(
        "{}",
        crate::tr!("serve-built", procedures = r.procedures, ms = r.millis)
    );

    let addr = format!("{bind}:{port}");
    let listener = TcpListener::bind(&addr)
        .map_err(|e| Error::Usage(crate::tr!("serve-cannot-listen", addr = addr, error = e)))?;
    println!(
        "{}",
        crate::tr!("serve-serving", out = out.display(), addr = addr)
    );
    let live = Arc::new(Live::new());
    {
        let live = Arc::clone(&live);
        let root = root.to_path_buf();
        std::thread::spawn(move || rebuild_on_change(root, builds, snapshot, &live));
    }
    http::run(listener, out, live);
    Ok(())
}

/// The watcher thread: one rebuild per settled change, forever.
fn rebuild_on_change(
    root: PathBuf,
    mut builds: pipeline::Incremental,
    mut last: Snapshot,
    live: &Live,
) {
    // CONGKHAI_POLL: only look (a file system whose notifications misbehave; tests of the
    // fallback).
    let notices = match std::env::var_os("CONGKHAI_POLL") {
        Some(_) => None,
        None => notices::Notices::start(&root),
    };
    let timings = std::env::var_os("CONGKHAI_TIMINGS").is_some();
    let mut pause = POLL;
    // A first look at once: a file saved during the first build was told to no one.
    let mut look_anyway = Duration::ZERO;
    loop {
        // Told which files changed, or time to look at them all.
        let heard = match &notices {
            Some(n) => {
                let heard = n.hear(look_anyway, QUIET);
                look_anyway = LOOK_ANYWAY;
                heard
            }
            None => {
                std::thread::sleep(pause);
                None
            }
        };
        let changed: Vec<PathBuf> = match heard {
            Some(heard) if !heard.unknown => {
                let changed: Vec<PathBuf> = heard
                    .paths
                    .into_iter()
                    .map(|p| root.join(p))
                    .filter(|p| !last.unchanged(p))
                    .collect();
                if changed.is_empty() {
                    continue;
                }
                last.update(&changed);
                changed
            }
            // Looked at: compared with the last look, and waited on until still.
            heard => {
                let looked = std::time::Instant::now();
                let now = Snapshot::take(&root);
                if notices.is_none() {
                    pause = POLL.max(looked.elapsed() * 10);
                }
                if timings && now != last {
                    eprintln!("watch: {} ms", looked.elapsed().as_millis());
                }
                if now == last {
                    continue;
                }
                // After notifications the files have settled already; found by looking,
                // they may still be being written.
                let now = if heard.is_some() {
                    now
                } else {
                    watch::settle(&root, now, QUIET)
                };
                let changed = now.changes_since(&last);
                last = now;
                changed
            }
        };
        let names: Vec<String> = changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
            .collect();
        eprintln!("{}", crate::tr!("serve-changed", files = names.join(", ")));
        // The open page reloads as soon as the new files are in place.
        let announce = |r: &pipeline::Report| {
            eprintln!(
                "{}",
                crate::tr!("serve-rebuilt", procedures = r.procedures, ms = r.millis)
            );
            live.rebuilt(None);
        };
        match builds.build_then(announce) {
            Ok(_) => {}
            Err(e) => {
                eprintln!("{e}\n{}", crate::tr!("serve-kept"));
                live.rebuilt(Some(e.to_string()));
            }
        }
    }
}
