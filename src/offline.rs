//! Offline reading: `sw.js` at the site root, a service worker that keeps the pages a visitor
//! opened (and the assets and search files) readable without a network, and `/ngoai-tuyen/`,
//! the page it shows for a page never opened. A village with a weak signal is where a citizen
//! reads the list of papers to bring.
//!
//! The cache is named after the build: a hash of every file's path and size, of the theme
//! and site values and of the catalog, all from the content (no clock), so the same content
//! gives the same `sw.js` and a changed site makes browsers drop the old cache.

use crate::error::Result;
use crate::output::Output;
use crate::render::{Renderer, crumb};

/// The offline page's folder (relative to the site root).
pub const PAGE: &str = "ngoai-tuyen/";

/// `/ngoai-tuyen/`.
pub fn page(r: &Renderer, out: &Output) -> Result<()> {
    let mut ctx = Renderer::ctx("Không có kết nối mạng", vec![crumb("", "Trang chủ")]);
    ctx.insert(
        "description",
        "Trang hiển thị khi thiết bị không có kết nối mạng và trang cần xem chưa được lưu để đọc ngoại tuyến.",
    );
    r.render_page(
        out,
        &format!("{PAGE}index.html"),
        "offline.html",
        "the offline page",
        ctx,
    )
}

/// The part of the build version that comes from the catalog itself (the files' sizes miss
/// an edit of the same length, a date): made while the stages run. Each procedure by the
/// hash of its file's text made when it was read: hashing its parsed fields again cost a
/// twentieth of a province's build.
pub fn content_hash(r: &Renderer) -> u64 {
    use std::hash::Hasher;
    let portal = r.portal();
    let rest = (
        &portal.fields,
        &portal.units,
        &portal.pages,
        &portal.reports,
        &portal.timeliness,
    );
    // A procedure is its file's text plus the units that handle it (the units themselves
    // are in `rest`).
    let mut h = crate::hash::Fnv(crate::memo::hash_debug(r.globals(), &rest));
    for p in &portal.procedures {
        h.write_u64(p.source_hash);
        h.write(p.source.as_os_str().as_encoded_bytes());
        for unit in &p.handled_by {
            h.write(unit.as_bytes());
            h.write_u8(0);
        }
    }
    h.finish()
}

/// `sw.js`, once every other file is written (its version covers them all); `content` is
/// [`content_hash`].
pub fn service_worker(r: &Renderer, out: &Output, content: u64) -> Result<()> {
    let written = out.written();
    let listing: Vec<(&String, usize)> = written.iter().map(|(k, w)| (k, w.len)).collect();
    let version = format!("{:016x}", crate::memo::hash_debug(content, &listing));
    // The theme's assets and the offline page, ready before the first time they are needed.
    let mut precache: Vec<String> = r
        .theme()
        .statics
        .keys()
        .filter(|p| p.starts_with("assets/") && written.contains_key(p.as_str()))
        .cloned()
        .collect();
    precache.push(PAGE.to_string());
    let script = include_str!("offline/sw.js")
        .replace(
            "__VERSION__",
            &serde_json::to_string(&version).expect("a string"),
        )
        .replace(
            "__PRECACHE__",
            &serde_json::to_string(&precache).expect("strings"),
        );
    out.put("sw.js", script.into_bytes())
}
