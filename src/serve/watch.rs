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
            walk(&root.join(dir), &mut files);
        }
        Snapshot(files)
    }

    /// Where `path` is, or would be, in the snapshot: its files are in the walk's order,
    /// which is the order of paths compared part by part.
    fn position(&self, path: &Path) -> usize {
        self.0.partition_point(|(p, _)| Path::new(p) < path)
    }

    /// Whether the file at `path` (as the snapshot names it) is as the snapshot saw it, or
    /// is missing now and was then (nor held any file then): a notification about it changed
    /// nothing (a file an editor made and removed again, a file touched by another program's
    /// reading).
    pub fn unchanged(&self, path: &Path) -> bool {
        let now = std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| Stamp::of(&m));
        let at = self.0.get(self.position(path));
        let then = at.filter(|(p, _)| Path::new(p) == path).map(|(_, s)| s);
        // A folder the snapshot held files in.
        let held = at.is_some_and(|(p, _)| Path::new(p).starts_with(path));
        match (now, then) {
            (None, None) => !held && !path.exists(),
            (Some(now), Some(then)) => now == *then,
            _ => false,
        }
    }

    /// Brings the snapshot up to date at `paths` (files or folders, named as the snapshot
    /// names them), looking at nothing else: what it held at or under each goes, what is
    /// there now comes in. Notified changes are recorded so, before the rebuild they start,
    /// and a later change to the same file differs from it.
    pub fn update(&mut self, paths: &[PathBuf]) {
        for path in paths {
            let start = self.position(path);
            let end = start
                + self.0[start..]
                    .iter()
                    .take_while(|(p, _)| Path::new(p).starts_with(path))
                    .count();
            let mut now = Vec::new();
            walk(path, &mut now);
            self.0.splice(start..end, now);
        }
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

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// Appends the files at or under `path`, in the walk's order, but editors' leftovers.
fn walk(path: &Path, files: &mut Vec<(OsString, Stamp)>) {
    let walker = WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !ignored(e.file_name().to_str()));
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(meta) = entry.metadata() {
            files.push((entry.into_path().into_os_string(), Stamp::of(&meta)));
        }
    }
}

/// Whether some part of `path` (inside a watched folder) is an editor's leftover, which a
/// snapshot leaves out.
pub fn leftover(path: &Path) -> bool {
    path.components().any(|c| ignored(c.as_os_str().to_str()))
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

    #[test]
    fn updated_at_the_changed_paths_it_is_a_new_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        for d in ["procedures/a", "procedures/b", "units"] {
            std::fs::create_dir_all(content.join(d)).unwrap();
        }
        for f in [
            "procedures/a/x.md",
            "procedures/b/y.md",
            "units/u.yaml",
            "site.yaml",
        ] {
            std::fs::write(content.join(f), "1").unwrap();
        }
        std::fs::create_dir_all(dir.path().join("themes/t")).unwrap();
        std::fs::write(dir.path().join("themes/t/base.html"), "1").unwrap();
        let mut last = Snapshot::take(dir.path());
        let x = content.join("procedures/a/x.md");
        assert!(last.unchanged(&x) && last.unchanged(&content.join("gone.md")));

        // Changed, added (also in a new folder, named by the folder only), removed.
        std::fs::write(&x, "22").unwrap();
        std::fs::write(content.join("procedures/a-b.md"), "1").unwrap();
        std::fs::create_dir_all(content.join("procedures/c/d")).unwrap();
        std::fs::write(content.join("procedures/c/d/z.md"), "1").unwrap();
        std::fs::write(content.join("procedures/c/.z.md.swp"), "1").unwrap();
        std::fs::remove_dir_all(content.join("procedures/b")).unwrap();
        std::fs::remove_file(content.join("units/u.yaml")).unwrap();
        let paths = [
            x.clone(),
            content.join("procedures/a-b.md"),
            content.join("procedures/c"),
            content.join("procedures/b"),
            content.join("units/u.yaml"),
        ];
        assert!(paths.iter().all(|p| !last.unchanged(p)));
        last.update(&paths);
        assert_eq!(last, Snapshot::take(dir.path()));
        assert!(last.unchanged(&x));
    }
}
