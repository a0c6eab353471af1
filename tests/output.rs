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

/// A rebuild links the files it would write unchanged to the previous site's (no data
/// written, nothing freed when the old site goes, the file keeps its date for a deploy by
/// `rsync`), writes the changed ones as new files, and never writes into the previous site:
/// a copy of the old site kept by a hard link still has the old bytes.
#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_never_writes_into_the_old_ones() {
    use std::os::unix::fs::MetadataExt;
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    // Twice: the third build then fills the first one's folder, recycled (see the next test).
    build(site.path(), &out);
    let unchanged = out.join("gioi-thieu/index.html");
    let changed = out.join("thu-tuc/dang-ky-khai-sinh/index.html");
    let (unchanged_ino, changed_ino) = (
        fs::metadata(&unchanged).unwrap().ino(),
        fs::metadata(&changed).unwrap().ino(),
    );
    let kept = site.path().join("kept.html");
    fs::hard_link(&changed, &kept).unwrap();
    let old_bytes = fs::read(&changed).unwrap();

    let file = site
        .path()
        .join("content/procedures/cap-xa/dang-ky-khai-sinh.md");
    let text = fs::read_to_string(&file).unwrap();
    let body = text.rfind("\n## ").expect("a section in the body");
    let edited = format!(
        "{}\nMột câu mới để kiểm tra việc dựng lại.\n{}",
        &text[..body],
        &text[body..]
    );
    fs::write(&file, edited).unwrap();
    build(site.path(), &out);

    assert_eq!(
        fs::metadata(&unchanged).unwrap().ino(),
        unchanged_ino,
        "an unchanged page is the same file"
    );
    assert_ne!(
        fs::metadata(&changed).unwrap().ino(),
        changed_ino,
        "a changed page is a new file"
    );
    assert!(
        String::from_utf8(fs::read(&changed).unwrap())
            .unwrap()
            .contains("Một câu mới để kiểm tra việc dựng lại.")
    );
    assert_eq!(
        fs::read(&kept).unwrap(),
        old_bytes,
        "the old file was not written into"
    );
    // And the result is the site a build into an empty folder gives.
    let fresh = site.path().join("fresh");
    build(site.path(), &fresh);
    assert_eq!(snapshot(&out), snapshot(&fresh));
}

/// Every file and folder under `dir` (folders marked with a final `/`), sorted.
fn tree(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.expect("walk");
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            if e.file_type().is_dir() {
                format!("{rel}/")
            } else {
                rel.into_owned()
            }
        })
        .collect()
}

/// The site a build replaces is kept in the cache folder and becomes the next build's fresh
/// folder. Whatever that folder holds (pages of two builds ago, files put there by hand, a
/// file where a folder belongs or the other way round), the result is exactly the site a
/// build into an empty folder gives: nothing stale or foreign is published.
#[test]
fn a_rebuild_in_the_recycled_folder_gives_exactly_a_fresh_site() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    assert!(out.join("gioi-thieu/index.html").exists());
    fs::remove_file(site.path().join("content/pages/gioi-thieu.md")).unwrap();
    build(site.path(), &out);
    let spare = site.path().join(".congkhai-cache/site.spare");
    assert!(
        spare.join("gioi-thieu/index.html").is_file(),
        "the replaced site is kept for the next build"
    );
    // Meddling with the spare folder.
    fs::write(spare.join("la.html"), "<script>alert(1)</script>").unwrap();
    fs::create_dir_all(spare.join("thu-muc-la/sau")).unwrap();
    fs::write(spare.join("thu-muc-la/sau/index.html"), "lạ").unwrap();
    let page = spare.join("thu-tuc/dang-ky-khai-sinh");
    fs::remove_dir_all(&page).unwrap();
    fs::write(&page, "a file where a folder belongs").unwrap();
    fs::remove_file(spare.join("404.html")).unwrap();
    fs::create_dir_all(spare.join("404.html/x")).unwrap();
    // And a change, so that the build has something to write.
    let file = site
        .path()
        .join("content/procedures/cap-xa/dang-ky-khai-sinh.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replacen("name: ", "name: Thử ", 1)).unwrap();
    build(site.path(), &out);

    let fresh = site.path().join("fresh");
    build(site.path(), &fresh);
    assert_eq!(tree(&out), tree(&fresh));
    assert_eq!(snapshot(&out), snapshot(&fresh));
    assert!(!out.join("gioi-thieu").exists());
}

/// The list of the last build's files (kept in the cache, not in the site) only says which
/// files may be linked: a file edited by hand in the site since, even to the same length, is
/// written again with the bytes the build makes.
#[test]
fn a_file_edited_in_the_site_by_hand_is_written_again() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let page = out.join("gioi-thieu/index.html");
    let good = fs::read(&page).unwrap();
    let mut bad = good.clone();
    let at = bad.len() / 2;
    bad[at] = if bad[at] == b'x' { b'y' } else { b'x' };
    // Rewritten in place: same file, same length, only its date changes.
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&page, &bad).unwrap();
    build(site.path(), &out);
    assert_eq!(fs::read(&page).unwrap(), good);
    assert!(
        !snapshot(&out)
            .iter()
            .any(|(name, _)| name.contains("manifest")),
        "the list stays out of the site"
    );
}
