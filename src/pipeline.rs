//! The stages, and the only place that knows them: `check` and `build` both run the whole
//! pipeline; only `build` writes, each file as soon as it is made.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::catalog;
use crate::error::{Error, Result};
use crate::model::Portal;
use crate::output::{Files, Output, Staging};
use crate::render::{self, Renderer, theme::Theme};

/// What `build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/public`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Threads to render with (default: one per core); the site is the same whatever it is.
    pub jobs: Option<usize>,
}

/// What a build produced, for the summary line.
#[derive(Debug)]
pub struct Report {
    pub out: PathBuf,
    pub procedures: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub millis: u128,
    pub warnings: Vec<crate::diag::Diagnostic>,
}

/// Reads and validates the portal, with `base_url` overridden when asked.
fn load(root: &Path, base_url: Option<&str>) -> Result<(Portal, Theme)> {
    load_with(root, base_url, None)
}

fn load_with(
    root: &Path,
    base_url: Option<&str>,
    cache: Option<&catalog::ParseCache>,
) -> Result<(Portal, Theme)> {
    let mut portal = catalog::load_with(root, cache)?;
    if let Some(url) = base_url {
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(Error::Usage(crate::tr!("base-url-flag", url = url)));
        }
        portal.site.base_url = url.trim_end_matches('/').to_string();
    }
    let theme = Theme::load(root, &portal.site.theme)?;
    catalog::check_page_slugs(root, &portal, &theme.static_roots())?;
    Ok((portal, theme))
}

/// Every stage of the site, each taking the validated portal (through the renderer) and
/// handing its files to `out`. They run side by side, as do the pages inside each; every
/// failure of every stage is reported. `index_cache`: the portal whose cache folder keeps the
/// search index (build), or `None` to keep it in memory only (check, which writes nothing).
pub fn stages(renderer: &Renderer, out: &Output, index_cache: Option<&Path>) -> Result<()> {
    type Stage<'s> = (&'static str, &'s (dyn Fn() -> Result<()> + Sync));
    let stages: [Stage; 6] = [
        #[cfg(feature = "search")]
        ("search", &|| {
            crate::search::stage(index_cache, renderer, out)
        }),
        #[cfg(not(feature = "search"))]
        ("search", &|| Ok(())),
        ("pages", &|| render::render(renderer, out)), // home, lists, procedures, units
        ("statistics", &|| render::stats::render(renderer, out)), // /thong-ke/
        ("listings", &|| crate::print::listings(renderer, out)), // /niem-yet/: notice boards
        ("open data", &|| crate::data::render(renderer, out)), // /du-lieu/
        ("changes", &|| crate::changes::render(renderer, out)), // /thay-doi/, atom.xml
    ];
    #[cfg(not(feature = "search"))]
    let _ = index_cache; // only the search index is kept
    let (built, content) = rayon::join(
        || crate::error::each(&stages, |(name, stage)| timed(name, stage)),
        || crate::offline::content_hash(renderer),
    );
    built?;
    // Last: it lists every page the others wrote.
    timed("sitemap", &|| render::sitemap(renderer.portal(), out))?;
    // After everything: its version covers every file, the sitemap included.
    timed("service worker", &|| {
        crate::offline::service_worker(renderer, out, content)
    })
}

/// Runs `work`; with `CONGKHAI_TIMINGS` set, says on stderr how long it took (for profiling
/// a build: the stages overlap, so their times add up to more than the build's, and each line
/// also says when the stage began and ended, counted from the first timed step).
fn timed<T>(name: &str, work: &dyn Fn() -> T) -> T {
    if std::env::var_os("CONGKHAI_TIMINGS").is_none() {
        return work();
    }
    static FIRST: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let first = *FIRST.get_or_init(Instant::now);
    let start = Instant::now();
    let t = work();
    let (from, to) = (start - first, first.elapsed());
    eprintln!(
        "{name}: {} ms (+{} → +{} ms)",
        (to - from).as_millis(),
        from.as_millis(),
        to.as_millis()
    );
    t
}

/// Runs `work` on `jobs` threads (`None`: one per core). The output does not depend on it.
fn with_jobs<T: Send>(jobs: Option<usize>, work: impl FnOnce() -> T + Send) -> T {
    match jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        },
        None => work(),
    }
}

/// `congkhai check`: everything `build` does except writing.
pub fn check(root: &Path) -> Result<Portal> {
    let (portal, theme) = load(root, None)?;
    let out = Output::discard();
    {
        let renderer = Renderer::new(&portal, &theme)?;
        stages(&renderer, &out, None)?;
    }
    Ok(portal)
}

/// Builds the site into memory (tests, and `serve`'s comparison with the site on disk).
pub fn build_in_memory(root: &Path, jobs: Option<usize>) -> Result<(Portal, Files)> {
    let (portal, theme) = load(root, None)?;
    let out = Output::memory();
    with_jobs(jobs, || {
        let renderer = Renderer::new(&portal, &theme)?;
        stages(&renderer, &out, None)
    })?;
    Ok((portal, out.into_files()))
}

/// `serve`'s builds: each one after the first re-renders only the pages and stages whose
/// inputs changed (through the same stages as `build`, see [`crate::memo`]) and rewrites only
/// the files that differ, so the edited page is back in a fraction of a full build.
pub struct Incremental {
    root: PathBuf,
    out: PathBuf,
    memo: crate::memo::Memo,
    parsed: catalog::ParseCache,
    /// The files on disk, as the last successful build left them.
    on_disk: std::collections::BTreeMap<String, crate::output::Written>,
}

impl Incremental {
    pub fn new(root: &Path, out: &Path) -> Self {
        Incremental {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            memo: crate::memo::Memo::new(),
            parsed: catalog::ParseCache::default(),
            on_disk: Default::default(),
        }
    }

    /// Builds the site as it is now; a failure leaves the folder as it was.
    pub fn build(&mut self) -> Result<Report> {
        self.build_then(|_| {})
    }

    /// [`Incremental::build`], calling `ready` as soon as every new file is in place (before
    /// the files no longer made are removed: nothing links to them, and on a changed search
    /// index they are a thousand).
    pub fn build_then(&mut self, ready: impl FnOnce(&Report)) -> Result<Report> {
        let start = Instant::now();
        let (portal, theme) = timed("load", &|| load_with(&self.root, None, Some(&self.parsed)))?;
        self.memo
            .set_procedures(&portal.procedures, &self.parsed.texts(&self.root));
        let out = Output::diff(self.on_disk.clone());
        {
            let renderer = Renderer::new(&portal, &theme)?.with_memo(&self.memo);
            // The search index in memory only: written to the cache (and synced) on every save
            // it cost more than the rest of the rebuild; `congkhai search` notices and reindexes.
            stages(&renderer, &out, None)?;
        }
        let written = Instant::now();
        let (on_disk, stale) = out.apply(&self.out)?;
        self.on_disk = on_disk;
        if std::env::var_os("CONGKHAI_TIMINGS").is_some() {
            eprintln!("write: {} ms", written.elapsed().as_millis());
        }
        let report = Report {
            out: self.out.clone(),
            procedures: portal.procedures.len(),
            pages: self.on_disk.keys().filter(|k| k.ends_with(".html")).count(),
            files: self.on_disk.len(),
            bytes: self.on_disk.values().map(|w| w.len).sum(),
            millis: start.elapsed().as_millis(),
            warnings: portal.warnings,
        };
        ready(&report);
        // After the announcement: the next load takes them instead of copying its parses.
        self.parsed.give_back(&self.root, portal.procedures);
        crate::output::remove_stale(&self.out, &stale)?;
        Ok(report)
    }
}

/// `congkhai build`.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let start = Instant::now();
    let (portal, theme) = timed("load", &|| load(&opts.root, opts.base_url.as_deref()))?;
    let out = opts.out.clone().unwrap_or_else(|| opts.root.join("public"));
    let staging = Staging::begin(&out, Some(&crate::manifest::path(&opts.root)))?;
    with_jobs(opts.jobs, || {
        let renderer = Renderer::new(&portal, &theme)?;
        stages(&renderer, staging.output(), Some(&opts.root))
    })?;
    let swap = Instant::now();
    let written = staging.commit()?;
    if std::env::var_os("CONGKHAI_TIMINGS").is_some() {
        eprintln!("swap: {} ms", swap.elapsed().as_millis());
    }
    Ok(Report {
        out,
        procedures: portal.procedures.len(),
        pages: written.keys().filter(|k| k.ends_with(".html")).count(),
        files: written.len(),
        bytes: written.values().map(|w| w.len).sum(),
        millis: start.elapsed().as_millis(),
        warnings: portal.warnings,
    })
}
