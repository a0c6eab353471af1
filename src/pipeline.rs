//! The stage order, and the only place that knows it: `check` and `build` both run the
//! whole pipeline in memory; only `build` writes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::catalog;
use crate::error::{Error, Result};
use crate::model::Portal;
use crate::output::{self, Files};
use crate::render::{self, Renderer, theme::Theme};

/// What `build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/public`.
    pub out: Option<PathBuf>,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
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

/// Reads, validates and renders everything; returns the portal and the site's files.
/// `keep_index` keeps the search index in the portal's cache folder (build), or in memory
/// only (check, which writes nothing).
pub fn assemble(root: &Path, base_url: Option<&str>, keep_index: bool) -> Result<(Portal, Files)> {
    let mut portal = catalog::load(root)?;
    if let Some(url) = base_url {
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://")) {
            return Err(Error::Usage(crate::tr!("base-url-flag", url = url)));
        }
        portal.site.base_url = url.trim_end_matches('/').to_string();
    }
    let theme = Theme::load(root, &portal.site.theme)?;
    catalog::check_page_slugs(root, &portal, &theme.static_roots())?;
    let mut files = Files::new();
    let renderer = Renderer::new(&portal, &theme)?;
    render::render(&renderer, &mut files)?;
    // Later stages (search, statistics, listings, open data) plug in here, in this order.
    #[cfg(feature = "search")]
    crate::search::stage(keep_index.then_some(root), &renderer, &mut files)?;
    #[cfg(not(feature = "search"))]
    let _ = keep_index; // only the search index is kept
    render::stats::render(&renderer, &mut files)?; // /thong-ke/: the disclosure of results
    crate::print::listings(&renderer, &mut files)?;
    crate::data::render(&renderer, &mut files)?; // /du-lieu/: the same figures as open data
    render::sitemap(&portal, &mut files);
    Ok((portal, files))
}

/// `congkhai check`: everything `build` does except writing.
pub fn check(root: &Path) -> Result<Portal> {
    assemble(root, None, false).map(|(portal, _)| portal)
}

/// `congkhai build`.
pub fn build(opts: &BuildOptions) -> Result<Report> {
    let start = Instant::now();
    let (portal, files) = assemble(&opts.root, opts.base_url.as_deref(), true)?;
    let out = opts.out.clone().unwrap_or_else(|| opts.root.join("public"));
    output::write_site(&out, &files)?;
    Ok(Report {
        out,
        procedures: portal.procedures.len(),
        pages: files.keys().filter(|k| k.ends_with(".html")).count(),
        files: files.len(),
        bytes: files.values().map(Vec::len).sum(),
        millis: start.elapsed().as_millis(),
        warnings: portal.warnings,
    })
}
