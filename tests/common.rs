//! Helpers shared by the test areas: fixture copies, running the binary, reading output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// The congkhai binary built for this test run.
pub fn congkhai() -> Command {
    Command::new(env!("CARGO_BIN_EXE_congkhai"))
}

/// A temporary copy of `tests/fixtures/<name>`, so builds never write into the source tree.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixtures().join(name), dir.path());
    dir
}

/// Copies `from` into `to`, merging over what is there (used to lay a broken case over a
/// valid portal).
pub fn copy_dir(from: &Path, to: &Path) {
    // Build leftovers of a fixture built in place (git ignores them) are not part of it.
    let walk = walkdir::WalkDir::new(from).sort_by_file_name().into_iter();
    for entry in
        walk.filter_entry(|e| e.file_name() != ".congkhai-cache" && e.file_name() != "public")
    {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("mkdir");
        } else {
            fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// Runs `congkhai <args>` and returns its output.
pub fn run(args: &[&str]) -> Output {
    congkhai().args(args).output().expect("run congkhai")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Builds the portal at `root` into `out`, asserting success.
pub fn build(root: &Path, out: &Path) {
    let o = run(&["build", "--root", path(root), "--out", path(out)]);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
}

/// A file's name without its extension: a procedure's slug.
pub fn stem(p: &Path) -> String {
    p.file_stem()
        .expect("a file name")
        .to_string_lossy()
        .into_owned()
}

pub fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A built file as text.
pub fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every file under `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            files.push((rel, fs::read(entry.path()).expect("read")));
        }
    }
    files
}

/// The visible text of an HTML page, tags removed and entities decoded, white space folded:
/// what a reader sees, for asserting that a value "appears on its page".
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
