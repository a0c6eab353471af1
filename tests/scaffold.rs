//! `congkhai init` and `congkhai new procedure`: files the website team starts from.

use std::fs;

use crate::common::{build, path, run, stderr, stdout};

#[test]
fn init_writes_a_portal_that_checks_builds_and_restyles_from_its_own_theme_copy() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("huyen-moi");
    let o = run(&["init", path(&root)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("congkhai serve --root"));
    let o = run(&["check", "--root", path(&root)]);
    assert!(
        o.status.success(),
        "a new portal checks clean: {}",
        stderr(&o)
    );
    // …but every placeholder the officer must replace is pointed at, so none is published.
    let warnings = stderr(&o);
    for expected in [
        "content/site.yaml:6:1: warning: `base_url` looks like a placeholder (`https://example.gov.vn/tthc`)",
        "content/site.yaml:10:3: warning: `phone` looks like a placeholder (`Số điện thoại (thay bằng số thật)`)",
        "content/units/xa-moi.yaml:6:3: warning: `address` looks like a placeholder",
        "8 warnings",
    ] {
        assert!(warnings.contains(expected), "{expected} in:\n{warnings}");
    }
    let site = root.join("content/site.yaml");
    let real = fs::read_to_string(&site).unwrap().replace(
        "https://example.gov.vn/tthc",
        "https://huyenmoi.gov.vn/tthc",
    );
    fs::write(&site, real).unwrap();
    let o = run(&["check", "--root", path(&root)]);
    assert!(!stderr(&o).contains("base_url"), "{}", stderr(&o));
    assert!(stderr(&o).contains("7 warnings"), "{}", stderr(&o));

    let out = dir.path().join("site");
    build(&root, &out);
    let page = fs::read_to_string(out.join("thu-tuc/dang-ky-khai-sinh/index.html")).unwrap();
    assert!(page.contains("<h1>Đăng ký khai sinh</h1>"));
    assert!(out.join("gioi-thieu/index.html").is_file());

    // The theme copy is the default theme: removing it changes nothing in the site.
    fs::rename(root.join("themes"), dir.path().join("themes-away")).unwrap();
    let embedded = dir.path().join("site-embedded");
    build(&root, &embedded);
    for file in [
        "index.html",
        "thu-tuc/dang-ky-khai-sinh/index.html",
        "assets/style.css",
    ] {
        assert_eq!(
            fs::read(out.join(file)).unwrap(),
            fs::read(embedded.join(file)).unwrap(),
            "{file}"
        );
    }
    fs::rename(dir.path().join("themes-away"), root.join("themes")).unwrap();

    // And editing the copy restyles the site.
    let base = root.join("themes/default/templates/base.html");
    let text = fs::read_to_string(&base).unwrap();
    fs::write(
        &base,
        text.replacen("</footer>", "<p>Bản của huyện</p></footer>", 1),
    )
    .unwrap();
    build(&root, &out);
    assert!(
        fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("Bản của huyện")
    );

    let o = run(&["init", path(&root)]);
    assert_eq!(o.status.code(), Some(2), "never over an existing portal");
    assert!(stderr(&o).contains("already exists"));
}

/// `congkhai new procedure` for the district's marriage registration with a foreigner.
fn new_marriage(root: &std::path::Path) -> std::process::Output {
    run(&[
        "new",
        "procedure",
        "--root",
        path(root),
        "--level",
        "district",
        "--field",
        "ho-tich",
        "Đăng ký kết hôn có yếu tố nước ngoài",
    ])
}

#[test]
fn new_procedure_leaves_exactly_the_required_values_to_fill_in() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    assert!(run(&["init", path(root)]).status.success());
    let o = new_marriage(root);
    assert!(o.status.success(), "{}", stderr(&o));
    let rel = "content/procedures/cap-huyen/ho-tich/dang-ky-ket-hon-co-yeu-to-nuoc-ngoai.md";
    let file = root.join(rel);
    assert!(
        stdout(&o).contains(rel),
        "the path is printed: {}",
        stdout(&o)
    );
    let text = fs::read_to_string(&file).unwrap();
    assert!(text.contains("name: \"Đăng ký kết hôn có yếu tố nước ngoài\""));

    let o = run(&["check", "--root", path(root)]);
    assert_eq!(o.status.code(), Some(1));
    let problems: Vec<String> = stderr(&o)
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("{rel}:")))
        .map(|l| l.split_once(": ").unwrap().1.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "`code` is empty: leave the key out where no code is known",
            "`agency` is empty",
            "`subjects` must list at least one entry",
            "`processing_time.text` is empty: give the time limit in the legal wording",
            "`dossier.items` must list at least one item",
            "`result` is empty",
            "`legal_basis` must list at least one entry",
            "`sources` must list at least one entry",
            "the section `## Trình tự thực hiện` is empty: write the steps, from filing to the result",
        ]
    );

    // Filled in, it builds.
    let filled = text
        .replacen("code: \"\"", "code: \"2.000528\"", 1)
        .replacen("agency: \"\"", "agency: \"Phòng Tư pháp\"", 1)
        .replacen("subjects: []", "subjects: [\"Công dân Việt Nam\"]", 1)
        .replacen("  text: \"\"", "  text: \"15 ngày làm việc\"", 1)
        .replacen(
            "items: []",
            "items: [{name: \"Tờ khai đăng ký kết hôn\", originals: 1}]",
            1,
        )
        .replacen("result: \"\"", "result: \"Giấy chứng nhận kết hôn\"", 1)
        .replacen(
            "legal_basis: []",
            "legal_basis: [\"Luật Hộ tịch số 60/2014/QH13\"]",
            1,
        )
        .replacen(
            "sources: []",
            "sources: [{title: \"Luật Hộ tịch số 60/2014/QH13\"}]",
            1,
        )
        .replacen(
            "## Trình tự thực hiện\n",
            "## Trình tự thực hiện\n\n1. Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả.\n",
            1,
        );
    fs::write(&file, filled).unwrap();
    let o = run(&["check", "--root", path(root)]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = new_marriage(root);
    assert_eq!(o.status.code(), Some(2), "never overwrites");
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    let o = run(&[
        "new",
        "procedure",
        "--root",
        path(root),
        "--level",
        "commune",
        "--field",
        "ho-tịch",
        "X",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no field `ho-tịch` in content/fields.yaml; the fields are: ho-tich"),
        "{}",
        stderr(&o)
    );
}
