//! Broken portals and their exact diagnostics.
//!
//! Each case under `tests/fixtures/invalid/<case>/` holds only the files that differ from the
//! valid `basic` portal, laid over a copy of it, and `expected.vi.txt` / `expected.txt`:
//! exactly what `congkhai check` prints in Vietnamese (the default) and in English.
//! `tests/fixtures/messages/{vi,en}.txt` hold every message of the tool. Set
//! `SNAPSHOTS=overwrite` to rewrite the expectations after a deliberate change of wording,
//! then read the diff.

use std::fs;
use std::path::Path;

use crate::common::{copy_dir, copy_fixture, fixtures, path, run, run_in, stderr};

/// Compares `got` with the snapshot file, or rewrites it under `SNAPSHOTS=overwrite`.
fn snapshot(expected_path: &Path, got: &str) {
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        fs::create_dir_all(expected_path.parent().unwrap()).unwrap();
        fs::write(expected_path, got).unwrap();
    }
    let expected = fs::read_to_string(expected_path).unwrap_or_default();
    assert_eq!(
        got,
        expected,
        "{} differs (SNAPSHOTS=overwrite rewrites it)",
        expected_path.display()
    );
}

fn check_case(case: &str, prepare: impl FnOnce(&Path)) {
    let site = copy_fixture("basic");
    let dir = fixtures().join("invalid").join(case);
    copy_dir(&dir.join("content"), &site.path().join("content"));
    prepare(site.path());
    for (lang, file) in [("vi", "expected.vi.txt"), ("en", "expected.txt")] {
        let o = run_in(lang, &["check", "--root", path(site.path())]);
        assert_eq!(
            o.status.code(),
            Some(1),
            "content errors exit 1:\n{}",
            stderr(&o)
        );
        snapshot(&dir.join(file), &stderr(&o));
    }
}

#[test]
fn every_message_of_the_tool_in_vietnamese_and_english() {
    use congkhai::i18n::{Lang, snapshot as messages};
    let dir = fixtures().join("messages");
    snapshot(&dir.join("vi.txt"), &messages(Lang::Vi));
    snapshot(&dir.join("en.txt"), &messages(Lang::En));
}

#[test]
fn messages_are_vietnamese_by_default_and_english_on_request() {
    let site = copy_fixture("basic");
    let levle = site
        .path()
        .join("content/procedures/cap-xa/dang-ky-khai-sinh.md");
    let text = fs::read_to_string(&levle)
        .unwrap()
        .replacen("level:", "levle:", 1);
    fs::write(&levle, text).unwrap();
    let args = ["check", "--root", path(site.path())];
    let default = crate::common::congkhai()
        .env_remove("CONGKHAI_LANG")
        .env("LANG", "C.UTF-8")
        .args(args)
        .output()
        .unwrap();
    assert!(
        stderr(&default).contains("không có khóa `levle`: có phải là `level`?"),
        "{}",
        stderr(&default)
    );
    assert!(
        stderr(&default).ends_with("3 lỗi\n"),
        "{}",
        stderr(&default)
    );
    let locale = crate::common::congkhai()
        .env_remove("CONGKHAI_LANG")
        .env("LANG", "en_US.UTF-8")
        .args(args)
        .output()
        .unwrap();
    assert!(stderr(&locale).contains("unknown key `levle`: did you mean `level`?"));
    let flag = run_in("en", &args);
    assert!(stderr(&flag).ends_with("3 problems\n"), "{}", stderr(&flag));
}

#[test]
fn broken_procedures_are_all_reported_with_line_and_column() {
    check_case("procedures", |root| {
        // A form that is a symlink pointing out of content/forms/ (made here: git and other
        // platforms treat committed symlinks differently).
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            root.join("content/site.yaml"),
            root.join("content/forms/ho-tich/link-ra-ngoai.docx"),
        )
        .unwrap();
    });
}

#[test]
fn broken_site_fields_units_and_pages_are_all_reported() {
    check_case("site", |_| {});
}

#[test]
fn check_accepts_a_valid_portal_and_writes_nothing() {
    let site = copy_fixture("basic");
    let o = run(&["check", "--root", path(site.path())]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!site.path().join("public").exists(), "check writes nothing");
    assert!(
        !site.path().join(".congkhai-cache").exists(),
        "not even the search index"
    );
}

#[test]
fn a_missing_content_folder_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["check", "--root", path(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no content folder here"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    let o = run(&["build", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
    let site = copy_fixture("basic");
    let o = run(&[
        "build",
        "--root",
        path(site.path()),
        "--base-url",
        "ftp://x",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
