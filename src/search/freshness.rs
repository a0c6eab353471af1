//! Whether the search index kept in the cache was built from the content as it is now.
//!
//! `congkhai search` answers from the index of the last build; after an edit that index is
//! older than the content, and a silent answer from it would contradict the file the officer
//! just saved. The build writes a fingerprint of `content/` (each file's path, size and
//! modification time: cheap, and any save changes it) beside the index; `search` compares.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use crate::catalog::source;
use crate::error::{Error, Result};

/// The fingerprint's file name inside the index folder.
pub const FILE: &str = "content.fingerprint";

/// The fingerprint of `root/content` now.
pub fn fingerprint(root: &Path) -> Result<String> {
    let content = root.join("content");
    let mut h = DefaultHasher::new();
    for path in source::walk(&content, "")? {
        let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        path.strip_prefix(&content).unwrap_or(&path).hash(&mut h);
        meta.len().hash(&mut h);
        if let Ok(modified) = meta.modified() {
            modified.hash(&mut h);
        }
    }
    Ok(format!("{:016x}\n", h.finish()))
}

/// Whether the index in `dir` was built from the content of `root` as it is now (`false` when
/// either cannot be read: rebuilding is the safe answer).
pub fn is_fresh(root: &Path, dir: &Path) -> bool {
    let saved = std::fs::read_to_string(dir.join(FILE));
    matches!((saved, fingerprint(root)), (Ok(a), Ok(b)) if a == b)
}
