//! Finding what changed in the portal: a snapshot of every file under `content/` and
//! `themes/` (path, size, modification time), compared with the last one. `serve` takes one
//! when the OS tells of a change (see `notices`), every few seconds all the same, and, where
//! the OS cannot tell, a few times a second. Editors' temporary files (dot files, `~`
//! backups, `.swp`) are ignored.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use walkdir::WalkDir;

/// What a file looked like at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// Every watched file of a portal at one moment, in the walk's order (sorted by name in
/// each folder). A list of plain byte strings rather than a map of paths: a province's
/// snapshot is ten thousand files, taken a few times a second, and comparing paths component
/// by component cost more than the walk itself.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snapshot(Vec<(OsString, Stamp)>);

impl Snapshot {
    /// Takes a snapshot of `root/content` and `root/themes` (either may be missing).
    pub fn take(root: &Path) -> Snapshot {
        let mut files = Vec::new();
        for dir in ["content", "themes"] {
            let walker = WalkDir::new(root.join(dir))
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !ignored(e.file_name().to_str()));
            for entry in walker.flatten() {
                if !entry.file_type().is_file() {
                    continue;
                }
                if let Ok(meta) = entry.metadata() {
                    let stamp = Stamp {
                        len: meta.len(),
                        modified: meta.modified().ok(),
                    };
                    files.push((entry.into_path().into_os_string(), stamp));
                }
            }
        }
        Snapshot(files)
    }

    /// The files added, removed or changed since `older`, for the log line.
    pub fn changes_since(&self, older: &Snapshot) -> Vec<PathBuf> {
        let before: HashMap<&OsString, &Stamp> = older.0.iter().map(|(p, s)| (p, s)).collect();
        let now: HashMap<&OsString, &Stamp> = self.0.iter().map(|(p, s)| (p, s)).collect();
        let mut changed: Vec<PathBuf> = self
            .0
            .iter()
            .filter(|(path, stamp)| before.get(path) != Some(&stamp))
            .map(|(path, _)| PathBuf::from(path))
            .collect();
        changed.extend(
            older
                .0
                .iter()
                .filter(|(path, _)| !now.contains_key(path))
                .map(|(path, _)| PathBuf::from(path)),
        );
        changed.sort();
        changed
    }
}

/// Editors write a file in several steps (truncate, write, rename): wait until two
/// snapshots `quiet` apart agree before rebuilding, so one save gives one build.
pub fn settle(root: &Path, mut current: Snapshot, quiet: Duration) -> Snapshot {
    loop {
        std::thread::sleep(quiet);
        let next = Snapshot::take(root);
        if next == current {
            return next;
        }
        current = next;
    }
}

fn ignored(name: Option<&str>) -> bool {
    let Some(name) = name else { return true };
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".swx")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sees_added_changed_and_removed_files_but_not_editor_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        std::fs::create_dir_all(content.join("procedures")).unwrap();
        std::fs::write(content.join("site.yaml"), "a").unwrap();
        std::fs::write(content.join("old.md"), "x").unwrap();
        let before = Snapshot::take(dir.path());

        std::fs::write(content.join("site.yaml"), "ab").unwrap();
        std::fs::write(content.join("procedures/new.md"), "x").unwrap();
        std::fs::remove_file(content.join("old.md")).unwrap();
        std::fs::write(content.join(".site.yaml.swp"), "x").unwrap();
        std::fs::write(content.join("site.yaml~"), "x").unwrap();
        let after = Snapshot::take(dir.path());

        let changed: Vec<String> = after
            .changes_since(&before)
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(
            changed,
            [
                "content/old.md",
                "content/procedures/new.md",
                "content/site.yaml"
            ]
        );
        assert_eq!(
            Snapshot::take(dir.path()),
            after,
            "nothing changed, same snapshot"
        );
    }
}
