//! Helpers shared by the test areas: fixture copies, running the binary, reading output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// The congkhai binary built for this test run, speaking English (most tests assert the
/// English wording; `run_in` asks for a language explicitly).
pub fn congkhai() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_congkhai"));
    c.env("CONGKHAI_LANG", "en");
    c
}

/// Runs `congkhai --lang <lang> <args>`.
pub fn run_in(lang: &str, args: &[&str]) -> Output {
    congkhai()
        .args(["--lang", lang])
        .args(args)
        .output()
        .expect("run congkhai")
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

/// The Chromium binary (CI installs it), or a failure that says how to install it.
pub fn chromium() -> &'static str {
    static BIN: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        for bin in ["chromium", "chromium-browser", "google-chrome"] {
            if Command::new(bin)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
            {
                return bin;
            }
        }
        panic!(
            "this test loads pages in headless Chromium: install it with `apt-get install -y chromium`"
        )
    })
}

/// Headless Chromium with the flags every browser test needs (no sandbox as root, no network
/// chatter on a machine without internet, no first-run screens).
pub fn headless() -> Command {
    let mut c = Command::new(chromium());
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
    ]);
    c
}

/// Loads the built page `page` in headless Chromium in a frame `width` px wide (so the page's
/// media queries see a phone of that width) and returns what `script` gives back as JSON.
/// `script` is the body of a function of `doc` and `win`, the page's document and window,
/// run once the page has loaded, e.g. `return doc.title;`.
pub fn in_chromium(page: &Path, width: u32, script: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let harness = dir.path().join("harness.html");
    fs::write(
        &harness,
        format!(
            r#"<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="file://{page}" style="width:{width}px;height:800px;border:0"></iframe><pre id="r"></pre>
<script>document.getElementById("f").addEventListener("load", function () {{
var out; try {{ out = (function (doc, win) {{ {script} }})(this.contentDocument, this.contentWindow); }} catch (e) {{ out = {{ error: String(e) }}; }}
document.getElementById("r").textContent = "RESULT" + JSON.stringify(out === undefined ? null : out); }});</script></body></html>"#,
            page = page.display()
        ),
    )
    .expect("write harness");
    let o = headless()
        .args([
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("file://{}", harness.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&o.stdout);
    let json = dom
        .split("RESULT")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| {
            panic!(
                "no result from Chromium for {}:\n{}",
                page.display(),
                String::from_utf8_lossy(&o.stderr)
            )
        })
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON from the page script");
    if let Some(e) = v.get("error") {
        panic!("the page script failed on {}: {e}", page.display());
    }
    v
}
