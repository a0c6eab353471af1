//! The written site: byte-identical across builds, and never half-written.

use std::fs;

use crate::common::{build, copy_fixture, path, run, snapshot, stderr};

#[test]
fn two_builds_are_byte_identical() {
    let site = copy_fixture("basic");
    let a = site.path().join("a");
    let b = site.path().join("b");
    build(site.path(), &a);
    build(site.path(), &b);
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(!sa.is_empty());
    assert_eq!(
        sa.iter().map(|f| &f.0).collect::<Vec<_>>(),
        sb.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((name, x), (_, y)) in sa.iter().zip(&sb) {
        assert!(x == y, "{name} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let before = snapshot(&out);
    // Break the content: an unknown field.
    let file = site
        .path()
        .join("content/procedures/cap-xa/dang-ky-khai-sinh.md");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("field: ho-tich", "field: khong-co");
    fs::write(&file, text).unwrap();
    let o = run(&["build", "--root", path(site.path()), "--out", path(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "content/procedures/cap-xa/dang-ky-khai-sinh.md:5:8: unknown field `khong-co`"
        ),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&out), before, "the previous site is untouched");
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary folder is left behind");
}

#[test]
fn a_broken_template_names_the_template_and_the_page() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let before = snapshot(&out);
    let templates = site.path().join("themes/default/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(templates.join("procedure.html"), "{% extends \"base.html\" %}{% block content %}{{ p.no_such_thing.deeper }}{% endblock content %}").unwrap();
    let o = run(&["build", "--root", path(site.path()), "--out", path(&out)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("templates/procedure.html"), "{err}");
    assert!(err.contains("while rendering procedure "), "{err}");
    assert_eq!(snapshot(&out), before);
}

#[test]
fn a_rebuild_removes_pages_that_no_longer_exist() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    assert!(out.join("gioi-thieu/index.html").exists());
    fs::remove_file(site.path().join("content/pages/gioi-thieu.md")).unwrap();
    build(site.path(), &out);
    assert!(
        !out.join("gioi-thieu").exists(),
        "a stale page would stay published forever"
    );
}
