//! Reading content files: UTF-8 checked, BOM dropped, CRLF (and a lone CR) folded to LF, text normalised to NFC.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostics, Pos};
use crate::error::{Error, Result};
use crate::text::nfc;

/// Files larger than this are refused: no honest content file comes close, and reading a
/// runaway file (a log written into `content/` by mistake) would stall the build.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a text file. Returns `Ok(None)` after recording a diagnostic when the file is not
/// valid content (not UTF-8, too large); an unreadable file is an I/O error.
pub fn read_text(path: &Path, diags: &mut Diagnostics) -> Result<Option<String>> {
    let Some(bytes) = read_bytes(path, diags)? else {
        return Ok(None);
    };
    Ok(decode_or_report(path, &bytes, diags))
}

/// A file's bytes, as [`read_text`] reads them before decoding (`Ok(None)` after recording a
/// diagnostic when the file is too large).
pub fn read_bytes(path: &Path, diags: &mut Diagnostics) -> Result<Option<Vec<u8>>> {
    let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
    read_bytes_of(path, &meta, diags)
}

/// [`read_bytes`] of a file whose metadata `meta` was just taken.
pub fn read_bytes_of(
    path: &Path,
    meta: &fs::Metadata,
    diags: &mut Diagnostics,
) -> Result<Option<Vec<u8>>> {
    if meta.len() > MAX_FILE_BYTES {
        diags.at(
            path,
            1,
            1,
            crate::tr!("file-too-large", size = meta.len(), max = MAX_FILE_BYTES),
        );
        return Ok(None);
    }
    fs::read(path).map(Some).map_err(|e| Error::io(path, e))
}

/// What a file looked like, from its metadata: size, modification time and, on Unix, the
/// change time (which no tool can set back, unlike the modification time: `cp -p`, `touch`)
/// and the inode (a file replaced by a rename).
///
/// `serve` reads again only the files whose stamp changed. A write within the file system's
/// clock tick after a read leaves the stamp as it was, so a stamp is only [`Stamp::settled`]
/// once the file has not been written for a while: a file saved in the last second is read
/// again each time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    changed: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Stamp {
    pub fn of(meta: &fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            changed: u64::try_from(meta.ctime()).ok().map(|s| {
                std::time::UNIX_EPOCH
                    + std::time::Duration::new(s, u32::try_from(meta.ctime_nsec()).unwrap_or(0))
            }),
            #[cfg(unix)]
            inode: (meta.dev(), meta.ino()),
        }
    }

    /// Whether the file was last written over a second before `now` (the stamp was taken
    /// just before): a later write then changes its stamp.
    pub fn settled(&self, now: std::time::SystemTime) -> bool {
        const SETTLED: std::time::Duration = std::time::Duration::from_secs(1);
        #[cfg(unix)]
        let last = self.modified.max(self.changed);
        #[cfg(not(unix))]
        let last = self.modified;
        last.and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= SETTLED)
    }
}

/// [`decode`], recording a diagnostic when `bytes` are not UTF-8.
pub fn decode_or_report(path: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<String> {
    match decode(bytes) {
        Ok(text) => Some(text),
        Err(pos) => {
            diags.pos(path, pos, crate::tr!("not-utf8"));
            None
        }
    }
}

/// Decodes UTF-8 content: an optional BOM is dropped, CRLF becomes LF, text becomes NFC.
/// On invalid UTF-8, returns the position of the first bad byte.
pub fn decode(bytes: &[u8]) -> std::result::Result<String, Pos> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(Pos::of_offset(good, good.len()));
        }
    };
    // A lone CR (old Mac files, mixed exports) is a line break too, as YAML and editors
    // count it: left alone, error lines from the YAML parser would not match ours.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    Ok(nfc(&text))
}

/// A few threads reading files ahead of their parser, so each is in the system's cache when
/// it gets there. On a cold cache a province's hundred thousand small files each wait on
/// the disk, and the parsing threads spent much of their time waiting one file at a time;
/// reading many at once keeps the disk busy instead. The readers stop when this is dropped.
pub struct ReadAhead {
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl ReadAhead {
    pub fn start(files: &[PathBuf]) -> ReadAhead {
        use std::io::Read;
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        const READERS: usize = 8;
        let done = Arc::new(AtomicBool::new(false));
        let next = Arc::new(AtomicUsize::new(0));
        let files: Arc<[PathBuf]> = files.into();
        // Not worth threads for a district's few hundred files.
        let readers = (0..READERS.min(files.len() / 256))
            .map(|_| {
                let (done, next, files) =
                    (Arc::clone(&done), Arc::clone(&next), Arc::clone(&files));
                std::thread::spawn(move || {
                    let mut buf = vec![0; 1 << 16];
                    while !done.load(Ordering::Relaxed) {
                        let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            break;
                        };
                        if let Ok(mut f) = fs::File::open(file) {
                            let _ = f.read(&mut buf);
                        }
                    }
                })
            })
            .collect();
        ReadAhead { done, readers }
    }
}

impl Drop for ReadAhead {
    fn drop(&mut self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
        for r in self.readers.drain(..) {
            let _ = r.join();
        }
    }
}

/// The files under `dir` whose name ends with `ext`, sorted, following no symlink out of
/// the walk. A missing folder gives no files; a symlink loop or unreadable folder is an
/// I/O error naming the path.
pub fn walk(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if !dir.exists() {
        return Ok(files);
    }
    for entry in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            let message = if e.loop_ancestor().is_some() {
                crate::tr!("symlink-loop")
            } else {
                e.to_string()
            };
            Error::io(&path, message)
        })?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.ends_with(ext) && !name.starts_with('.') {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// The month files directly in `dir` (`YYYY-MM.csv`), in name order, with their month and
/// text. A file in a sub-folder is reported with `subfolder` (the folder `skip` excepted); a
/// name that is not a month, or a file that is not valid text, is reported and passed over.
pub fn month_files(
    dir: &Path,
    skip: Option<&Path>,
    subfolder: &str,
    diags: &mut Diagnostics,
) -> Result<Vec<(PathBuf, crate::report::Month, String)>> {
    let mut out = Vec::new();
    for path in walk(dir, ".csv")? {
        if skip.is_some_and(|s| path.starts_with(s)) {
            continue;
        }
        if path.parent() != Some(dir) {
            diags.at(&path, 1, 1, subfolder.to_string());
            continue;
        }
        let name = stem(&path);
        let Some(month) = crate::report::Month::parse(&name) else {
            diags.at(&path, 1, 1, crate::tr!("stats-name-not-month", name = name));
            continue;
        };
        if let Some(text) = read_text(&path, diags)? {
            out.push((path, month, text));
        }
    }
    Ok(out)
}

/// The file name of `path` without its extension.
pub fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_and_lone_cr_become_plain_lines() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFa: 1\r\nb: 2\rc: 3\n").unwrap(),
            "a: 1\nb: 2\nc: 3\n"
        );
    }
}
