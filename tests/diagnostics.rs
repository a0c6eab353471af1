//! Broken portals and their exact diagnostics.
//!
//! Each case under `tests/fixtures/invalid/<case>/` holds only the files that differ from the
//! valid `basic` portal, laid over a copy of it, and `expected.txt`: exactly what
//! `congkhai check` prints. Set `SNAPSHOTS=overwrite` to rewrite the expectations after a
//! deliberate change of wording, then read the diff.

use std::fs;
use std::path::Path;

use crate::common::{copy_dir, copy_fixture, fixtures, path, run, stderr};

fn check_case(case: &str, prepare: impl FnOnce(&Path)) {
    let site = copy_fixture("basic");
    let dir = fixtures().join("invalid").join(case);
    copy_dir(&dir.join("content"), &site.path().join("content"));
    prepare(site.path());
    let o = run(&["check", "--root", path(site.path())]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "content errors exit 1:\n{}",
        stderr(&o)
    );
    let got = stderr(&o);
    let expected_path = dir.join("expected.txt");
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        fs::write(&expected_path, &got).unwrap();
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        got, expected,
        "diagnostics of case `{case}` differ (SNAPSHOTS=overwrite rewrites them)"
    );
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
