//! The only code that writes the site: everything goes into a fresh folder beside the
//! target, which is swapped in only when complete, so a failed build never leaves a half
//! site (or no site) for the public.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The site's files by path relative to its root (with `/`), sorted so output is written
/// in the same order every time.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Writes `files` into `out`, replacing what was there only once everything is written.
pub fn write_site(out: &Path, files: &Files) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let fresh = parent.join(format!(".{name}.new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_all(&fresh, files).and_then(|()| swap(out, &fresh, &old));
    if result.is_err() {
        let _ = fs::remove_dir_all(&fresh);
    }
    result
}

fn write_all(dir: &Path, files: &Files) -> Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).map_err(|e| Error::io(p, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

/// Two renames: the old site moves aside, the new one takes its name. Between them the
/// folder is missing for a moment; it is never half written.
fn swap(out: &Path, fresh: &Path, old: &Path) -> Result<()> {
    let had_old = out.exists();
    if had_old {
        fs::rename(out, old).map_err(|e| Error::io(out, e))?;
    }
    if let Err(e) = fs::rename(fresh, out) {
        if had_old {
            let _ = fs::rename(old, out);
        }
        return Err(Error::io(out, e));
    }
    if had_old {
        fs::remove_dir_all(old).map_err(|e| Error::io(old, e))?;
    }
    Ok(())
}
