//! What a build left in its output folder: each file's length and hash, and which file on
//! disk it is (inode and modification time). The next build of the same folder links a file
//! it would write unchanged to the old one instead of writing it (see
//! [`crate::output::Staging`]) — telling "unchanged" from this list rather than by reading
//! the old file back, which on a province's site meant reading 3 GB from the disk.
//!
//! Kept in the portal's cache folder, never in the site (it would be published). A file
//! whose inode, size or date no longer match (edited by hand, replaced by another tool) is
//! written again; a missing or unreadable list only means every file is written.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Where a portal keeps the list of its last build's files.
pub fn path(root: &Path) -> PathBuf {
    root.join(".congkhai-cache").join("output.manifest")
}

/// The first line of the file: its format.
const HEADER: &str = "congkhai output manifest 1";

/// One file of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub len: u64,
    pub hash: u64,
    /// The file's identity on disk when the build finished.
    pub ino: u64,
    pub mtime_ns: i128,
}

impl Entry {
    /// The identity part of an entry, from a file's metadata.
    pub fn of(meta: &fs::Metadata, hash: u64) -> Entry {
        Entry {
            len: meta.len(),
            hash,
            ino: inode(meta),
            mtime_ns: meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128),
        }
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &fs::Metadata) -> u64 {
    0
}

/// The files of the build that made an output folder.
#[derive(Debug, Default)]
pub struct Manifest {
    files: HashMap<String, Entry>,
}

impl Manifest {
    /// The list kept at `at` for the output folder `out`; empty if there is none, it is for
    /// another folder, or it cannot be read.
    pub fn read(at: &Path, out: &Path) -> Manifest {
        let Ok(text) = fs::read_to_string(at) else {
            return Manifest::default();
        };
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) || lines.next() != Some(&*out.to_string_lossy()) {
            return Manifest::default();
        }
        let files = lines
            .filter_map(|line| {
                let mut f = line.splitn(5, ' ');
                let hash = u64::from_str_radix(f.next()?, 16).ok()?;
                let len = f.next()?.parse().ok()?;
                let ino = f.next()?.parse().ok()?;
                let mtime_ns = f.next()?.parse().ok()?;
                let path = f.next()?.to_string();
                Some((
                    path,
                    Entry {
                        len,
                        hash,
                        ino,
                        mtime_ns,
                    },
                ))
            })
            .collect();
        Manifest { files }
    }

    /// Whether `old` (the file at `path` in the folder) is the one the list describes and
    /// holds bytes of length `len` hashing to `hash`: its entry when it is.
    pub fn unchanged(&self, path: &str, old: &Path, len: u64, hash: u64) -> Option<Entry> {
        let entry = self.files.get(path)?;
        if entry.len != len || entry.hash != hash {
            return None;
        }
        let meta = fs::symlink_metadata(old).ok()?;
        (meta.is_file() && Entry::of(&meta, hash) == *entry).then_some(*entry)
    }

    /// Writes the list of `files` (path → entry) for the folder `out` to `at`, replacing the
    /// old list whole.
    pub fn write(at: &Path, out: &Path, files: &std::collections::BTreeMap<String, Entry>) {
        use std::fmt::Write;
        let mut text = format!("{HEADER}\n{}\n", out.to_string_lossy());
        for (path, e) in files {
            let _ = writeln!(
                text,
                "{:016x} {} {} {} {path}",
                e.hash, e.len, e.ino, e.mtime_ns
            );
        }
        let tmp: PathBuf = at.with_extension("new");
        let written = at
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&tmp, text))
            .and_then(|()| fs::rename(&tmp, at));
        if written.is_err() {
            // Only a cache: the next build writes every file.
            let _ = fs::remove_file(&tmp);
            let _ = fs::remove_file(at);
        }
    }
}
