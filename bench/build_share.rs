//! Benchmark (not a test): the search stage's share of a whole build.
//!
//! Runs `pipeline::build` (everything, written to a temp folder) and, separately, the search
//! stage alone (tantivy index in the cache + export + search page) on the same portal, RUNS
//! times each, and prints the medians and the share. The goal (issue 5) is at most 20%.
//!
//! Usage: cargo run --example search-build-share -- [ROOT] [RUNS]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use congkhai::output::Output;
use congkhai::pipeline::{self, BuildOptions};
use congkhai::render::{Renderer, theme::Theme};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(7);
    let out = std::env::temp_dir().join(format!("congkhai-build-share-{}", std::process::id()));
    let opts = BuildOptions {
        root: root.clone(),
        out: Some(out.clone()),
        base_url: None,
        jobs: None,
    };
    let mut builds = Vec::new();
    let mut stages = Vec::new();
    let portal = congkhai::catalog::load(&root).expect("the portal loads");
    let theme = Theme::load(&root, &portal.site.theme).expect("the theme loads");
    let renderer = Renderer::new(&portal, &theme).expect("templates parse");
    for _ in 0..runs {
        let t = Instant::now();
        pipeline::build(&opts).expect("build");
        builds.push(t.elapsed());
        let out = Output::discard();
        let t = Instant::now();
        congkhai::search::stage(Some(&root), &renderer, &out).expect("search stage");
        stages.push(t.elapsed());
    }
    let _ = std::fs::remove_dir_all(&out);
    let (b, s) = (median(builds), median(stages));
    println!(
        "{} procedures: build {:.0} ms, search stage {:.0} ms (median of {runs}): {:.1}% of the build",
        portal.procedures.len(),
        b.as_secs_f64() * 1000.0,
        s.as_secs_f64() * 1000.0,
        100.0 * s.as_secs_f64() / b.as_secs_f64()
    );
}
