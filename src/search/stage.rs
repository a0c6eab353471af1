//! The search stage and the `congkhai search` command: build the tantivy index, export it,
//! render the search page, answer queries from the command line.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Portal, Procedure};
use crate::output::Output;
use crate::render::{Renderer, crumb};

use super::{export, incremental, index};

/// Where the search page lives, and the folder of the exported index under it (always the
/// same folder: see [`export`] for how a visitor never mixes two builds' files).
pub const PAGE: &str = "tim-kiem/index.html";
pub const INDEX_DIR: &str = "tim-kiem/chi-muc";

/// The cache folder of a portal.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".congkhai-cache").join("search")
}

/// A fresh folder for this build's index, swapped in for the old one once the build has used
/// it: builds of the same portal running at once (tests) never write into each other's index.
struct Fresh {
    dir: PathBuf,
    target: PathBuf,
}

impl Fresh {
    fn create(root: &Path) -> Option<Fresh> {
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        let target = cache_dir(root);
        let parent = target.parent()?.to_path_buf();
        let n = SEQ.fetch_add(1, Ordering::Relaxed);
        let dir = parent.join(format!("search.new-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).ok()?;
        // Tells backup and other tools that the folder is a cache (https://bford.info/cachedir/).
        let _ = std::fs::write(
            parent.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# congkhai's search index, rebuilt by `congkhai build`.\n",
        );
        Some(Fresh { dir, target })
    }

    /// Puts the fresh index where `congkhai search` looks; the old one goes away.
    fn commit(self) {
        let old = self.dir.with_file_name(format!(
            "search.old-{}",
            self.dir
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("x")
                .trim_start_matches("search.new-")
        ));
        let had_old = std::fs::rename(&self.target, &old).is_ok();
        if std::fs::rename(&self.dir, &self.target).is_err() {
            // Another build of the same portal got there first: its index is as good as ours.
            let _ = std::fs::remove_dir_all(&self.dir);
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
    }

    fn discard(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn tantivy_error(dir: &Path, e: impl std::fmt::Display) -> Error {
    Error::io(dir, crate::tr!("search-index-error", error = e))
}

/// A field or unit link on the search page, for visitors without JavaScript.
#[derive(Serialize)]
struct Link {
    url: String,
    name: String,
}

/// The search stage of the pipeline: indexes the active procedures (abolished ones are left
/// out of search), exports the static files into `out` and renders the search page.
/// With `cache_root`, the tantivy index is kept in its cache folder for `congkhai search`;
/// without (as in `check`, which writes nothing), it lives in memory only.
pub fn stage(cache_root: Option<&Path>, r: &Renderer, out: &Output) -> Result<()> {
    match r.memo() {
        // Under `serve`: the files kept from the last build, patched for the procedures whose
        // tokens changed; tokens are analysed again only for the edited procedures.
        Some(memo) => {
            use rayon::prelude::*;
            let portal = r.portal();
            let docs: Vec<&Procedure> = portal.active().collect();
            let keys: Option<Vec<u64>> = docs
                .par_iter()
                .map(|p| {
                    // The field's name is part of the text (see `index::tokens`).
                    let field = portal.field(&p.field).map(|f| f.name.as_str());
                    Some(crate::memo::hash_debug(memo.procedure(p)?, &field))
                })
                .collect();
            let Some(keys) = keys else {
                return run(cache_root, r, out);
            };
            let tokens = |i: usize| -> incremental::Tokens {
                memo.piece(keys[i], || index::tokens(portal, docs[i]))
            };
            let kept = memo.kept::<Option<incremental::Kept>>();
            let mut kept = kept.lock().expect("no panic under the lock");
            let files = incremental::Kept::update(&mut kept, portal, &docs, keys.clone(), &tokens);
            for (path, bytes, hash) in files.files() {
                out.put_known(format!("{INDEX_DIR}/{path}"), bytes, hash)?;
            }
            page(r, out)
        }
        None => run(cache_root, r, out),
    }
}

fn run(cache_root: Option<&Path>, r: &Renderer, out: &Output) -> Result<()> {
    let portal: &Portal = r.portal();
    let docs: Vec<&Procedure> = portal.active().collect();
    // Taken before indexing, so that a file saved during the build makes the index stale.
    let content_now = cache_root.map(super::freshness::fingerprint).transpose()?;
    let fresh = cache_root.and_then(Fresh::create);
    let dir = fresh.as_ref().map(|f| f.dir.clone());
    let built = index::build(portal, &docs, dir.as_deref())
        .and_then(|idx| export::export(&idx, portal, &docs));
    let exported = match built {
        Ok(e) => e,
        Err(e) => {
            if let Some(f) = fresh {
                f.discard();
            }
            let where_ =
                cache_root.map_or_else(|| Path::new("(in memory)").to_path_buf(), cache_dir);
            return Err(tantivy_error(&where_, e));
        }
    };
    if let Some(f) = fresh {
        if let Some(print) = &content_now {
            let _ = std::fs::write(f.dir.join(super::freshness::FILE), print);
        }
        f.commit();
    }
    publish(r, out, exported)
}

/// Hands `out` the exported index and the search page that points to it.
fn publish(r: &Renderer, out: &Output, exported: export::Export) -> Result<()> {
    // Side by side: a province's index is tens of thousands of small files.
    use rayon::prelude::*;
    let failed: Vec<Error> = exported
        .files
        .into_par_iter()
        .filter_map(|(path, bytes)| out.put(format!("{INDEX_DIR}/{path}"), bytes).err())
        .collect();
    Error::merge(failed)?;
    page(r, out)
}

/// The search page.
fn page(r: &Renderer, out: &Output) -> Result<()> {
    let portal = r.portal();
    let mut ctx = Renderer::ctx("Tìm kiếm thủ tục hành chính", vec![crumb("", "Trang chủ")]);
    ctx.insert("index_url", "chi-muc/");
    let fields: Vec<Link> = portal
        .fields
        .iter()
        .map(|f| Link {
            url: format!("linh-vuc/{}/", f.slug),
            name: f.name.clone(),
        })
        .collect();
    // `portal.units` is already in display order (district first, then Vietnamese order).
    let units: Vec<Link> = portal
        .units
        .iter()
        .map(|u| Link {
            url: format!("don-vi/{}/", u.slug),
            name: u.name.clone(),
        })
        .collect();
    ctx.insert("browse_fields", &fields);
    ctx.insert("browse_units", &units);
    r.render_page(out, PAGE, "search.html", "the search page", ctx)
}

/// `congkhai search`: runs `query` over the index of the last build of `root`.
/// When the content changed since that build (or there was none), the index is built again in
/// memory from the content as it is now, and a note says so: an answer never contradicts the
/// files on disk.
pub fn command(root: &Path, query: &str, limit: usize, json: bool) -> Result<()> {
    let dir = cache_dir(root);
    let cached = dir.join("meta.json").is_file();
    let idx = if cached && super::freshness::is_fresh(root, &dir) {
        tantivy::Index::open_in_dir(&dir).map_err(|e| tantivy_error(&dir, e))?
    } else {
        let portal = crate::catalog::load(root)?;
        let docs: Vec<&Procedure> = portal.active().collect();
        eprintln!(
            "{}",
            if cached {
                crate::tr!("search-stale")
            } else {
                crate::tr!("search-no-build")
            }
        );
        index::build(&portal, &docs, None).map_err(|e| tantivy_error(&dir, e))?
    };
    let found = index::search(&idx, query, limit).map_err(|e| tantivy_error(&dir, e))?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&found.hits).expect("json")
        );
        return Ok(());
    }
    if found.hits.is_empty() {
        println!("{}", crate::tr!("search-none", query = query));
        return Ok(());
    }
    if found.fallback {
        println!("{}", crate::tr!("search-partial"));
    }
    for (i, h) in found.hits.iter().enumerate() {
        println!(
            "{:>3}. {} ({}) {:.4}\n     {}",
            i + 1,
            h.name,
            if h.code.is_empty() {
                crate::tr!("search-no-code")
            } else {
                h.code.clone()
            },
            h.score,
            h.url
        );
    }
    println!(
        "{}",
        crate::tr!(
            "search-count",
            count = crate::text::format_int(found.total as i64)
        )
    );
    Ok(())
}
