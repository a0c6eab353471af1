//! Being told that the portal changed: the OS's file notifications on `content/` and
//! `themes/` (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), through
//! the `notify` crate.
//!
//! A province's portal is ten thousand files: one look at them all ([`super::watch`]) takes
//! 15–30 ms, so polling could afford a look only every few hundred milliseconds, and a save
//! waited on average half of that before its rebuild began. A notification comes at once.
//! The notifications name the files, so the rebuild starts without a look at them all: the
//! snapshot is brought up to date at the named files only. A missed notification (a network
//! drive, a folder reached through a link) is caught by a look at them all every few
//! seconds, and where the OS cannot watch at all `serve` polls as before.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// The notifications of a portal's watched folders, for as long as it lives.
pub struct Notices {
    _watcher: notify::RecommendedWatcher,
    /// The watched folders as given to the OS, each with its name under the portal.
    dirs: Vec<(PathBuf, &'static str)>,
    /// The paths of each notification; `None` when it did not say (an error, an overflow
    /// of the OS's queue): then only a look tells what changed.
    events: Receiver<Option<Vec<PathBuf>>>,
}

/// What the notifications said, from the first to the last of a burst.
#[derive(Debug, Default)]
pub struct Heard {
    /// The files and folders named, relative to the portal (`content/…`), without editors'
    /// leftovers.
    pub paths: BTreeSet<PathBuf>,
    /// Some notification did not name its files (or named one outside the watched
    /// folders): only a look tells what changed.
    pub unknown: bool,
}

impl Notices {
    fn add(&self, heard: &mut Heard, event: Option<Vec<PathBuf>>) {
        let Some(paths) = event.filter(|p| !p.is_empty()) else {
            heard.unknown = true;
            return;
        };
        for path in paths {
            let inside = self.dirs.iter().find_map(|(dir, name)| {
                path.strip_prefix(dir)
                    .ok()
                    .map(|rest| Path::new(name).join(rest))
            });
            match inside {
                Some(rel) if super::watch::leftover(&rel) => {}
                Some(rel) => {
                    heard.paths.insert(rel);
                }
                None => heard.unknown = true,
            }
        }
    }
}

impl Notices {
    /// Starts watching `root/content` and `root/themes` (those that exist); `None` when the
    /// OS cannot (no watches left, a file system without notifications).
    pub fn start(root: &Path) -> Option<Notices> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
            // Reading a file changes nothing (every build reads them all); an error may
            // hide a change, so it counts as one, of unknown files.
            match e {
                Ok(e) if e.kind.is_access() => {}
                Ok(e) if !e.need_rescan() => {
                    let _ = tx.send(Some(e.paths));
                }
                _ => {
                    let _ = tx.send(None);
                }
            }
        })
        .ok()?;
        let mut dirs = Vec::new();
        for name in ["content", "themes"] {
            let dir = root.join(name);
            if dir.is_dir() {
                watcher.watch(&dir, RecursiveMode::Recursive).ok()?;
                dirs.push((dir, name));
            }
        }
        (!dirs.is_empty()).then_some(Notices {
            _watcher: watcher,
            dirs,
            events,
        })
    }

    /// Waits for a notification, at most `timeout`, then until `quiet` has passed without
    /// one (editors write a file in several steps: truncate, write, rename; one save gives
    /// one build). `None` when none came in `timeout`.
    pub fn hear(&self, timeout: Duration, quiet: Duration) -> Option<Heard> {
        let mut heard = Heard::default();
        match self.events.recv_timeout(timeout) {
            Ok(event) => self.add(&mut heard, event),
            Err(RecvTimeoutError::Timeout) => return None,
            // The watcher's thread is gone: nothing more will come; the caller looks at the
            // files itself each time, a few times a second.
            Err(RecvTimeoutError::Disconnected) => {
                std::thread::sleep(timeout.min(Duration::from_millis(250)));
                return None;
            }
        }
        while let Ok(event) = self.events.recv_timeout(quiet) {
            self.add(&mut heard, event);
        }
        Some(heard)
    }
}
