//! Each page type of a built portal and what it shows.

use crate::common::{build, copy_fixture, read, visible_text};

#[test]
fn every_page_type_is_built() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    for page in [
        "index.html",
        "thu-tuc/index.html",
        "cap-huyen/index.html",
        "cap-xa/index.html",
        "linh-vuc/ho-tich/index.html",
        "linh-vuc/chung-thuc/index.html",
        "don-vi/thu-nghiem/index.html",
        "don-vi/xa-an-binh/index.html",
        "don-vi/thi-tran-dong/index.html",
        "thu-tuc/dang-ky-khai-sinh/index.html",
        "thu-tuc/khai-sinh/index.html",
        "gioi-thieu/index.html",
        "404.html",
        "sitemap.xml",
        "assets/style.css",
        "bieu-mau/ho-tich/to-khai-khai-sinh.txt",
    ] {
        assert!(out.join(page).is_file(), "{page} is missing");
    }
}

#[test]
fn procedure_page_shows_every_component_in_order() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let text = visible_text(&read(&out, "thu-tuc/dang-ky-khai-sinh/index.html"));
    let expected_in_order = [
        "Đăng ký khai sinh",
        "Mã thủ tục: 1.001193",
        "Cấp thực hiện Cấp xã",
        "Lĩnh vực Hộ tịch",
        "Cơ quan thực hiện Ủy ban nhân dân cấp xã",
        "Cơ quan có thẩm quyền quyết định Chủ tịch UBND cấp xã",
        "Đối tượng thực hiện Công dân Việt Nam",
        "Cách thức thực hiện",
        "Trực tiếp",
        "Qua dịch vụ bưu chính công ích",
        "Trực tuyến : Nộp qua Cổng dịch vụ công của tỉnh",
        "Mức độ 3",
        "Trả kết quả qua dịch vụ bưu chính: Có",
        "Thời hạn giải quyết Ngay trong ngày tiếp nhận hồ sơ",
        "Phí, lệ phí",
        "Lệ phí đăng ký khai sinh: 0 đồng",
        "Lệ phí đăng ký khai sinh quá hạn: 5.000 đồng",
        "Thành phần, số lượng hồ sơ",
        "số lượng: 1 bộ",
        "Tờ khai đăng ký khai sinh theo mẫu 1 0 Tải to-khai-khai-sinh.txt",
        "Giấy chứng sinh 1 —",
        "Giấy tờ tùy thân của người đi đăng ký (xuất trình, không nộp)",
        "Kết quả thực hiện Giấy khai sinh (bản chính)",
        "Trình tự thực hiện Nộp hồ sơ tại Bộ phận tiếp nhận và trả kết quả.",
        "Yêu cầu, điều kiện thực hiện Không.",
        "Ghi chú Mang theo bản chính giấy tờ.",
        "Căn cứ pháp lý Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014",
        "Thủ tục hành chính liên quan Chứng thực bản sao từ bản chính (mã 2.000815)",
        "Quá trình công bố, sửa đổi 11/05/2020 : Quyết định số 2/QĐ-UBND – Sửa đổi 01/03/2019 : Quyết định số 1/QĐ-UBND",
        "Nơi tiếp nhận hồ sơ",
        "Bộ phận tiếp nhận và trả kết quả UBND thị trấn Đông",
        "Bộ phận tiếp nhận và trả kết quả UBND xã An Bình",
        "Nguồn thông tin",
        "Cơ sở dữ liệu quốc gia về thủ tục hành chính, thủ tục 1.001193",
        "Luật Hộ tịch số 60/2014/QH13",
        "Cập nhật 11/05/2020",
    ];
    let mut from = 0;
    for want in expected_in_order {
        match text[from..].find(want) {
            Some(i) => from += i + want.len(),
            None => panic!("`{want}` missing or out of order after byte {from} in:\n{text}"),
        }
    }
    // A commune procedure is not filed at the district office.
    assert!(
        !text.contains("Bộ phận tiếp nhận và trả kết quả huyện Thử Nghiệm ·"),
        "{text}"
    );
}

/// The procedure `slug` in the open catalog (`du-lieu/thu-tuc.json`) of the site in `out`.
fn open_data_record(out: &std::path::Path, slug: &str) -> serde_json::Value {
    let data: serde_json::Value = serde_json::from_str(&read(out, "du-lieu/thu-tuc.json")).unwrap();
    data["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == slug)
        .cloned()
        .unwrap_or_else(|| panic!("{slug} is not in the open catalog"))
}

#[test]
fn sources_link_to_the_records_they_name() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(html.contains(
        r#"<a href="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193" rel="nofollow noopener">Cơ sở dữ liệu quốc gia về thủ tục hành chính, thủ tục 1.001193</a>"#
    ), "{html}");
    let record = open_data_record(&out, "dang-ky-khai-sinh");
    assert_eq!(
        record["sources"][1]["title"],
        "Luật Hộ tịch số 60/2014/QH13"
    );
    assert!(record["sources"][1]["url"].is_null());
    let csv = read(&out, "du-lieu/thu-tuc.csv");
    assert!(
        csv.contains("thủ tục 1.001193 <https://dichvucong.gov.vn/"),
        "{csv}"
    );
}

#[test]
fn a_procedure_without_a_code_says_so_everywhere_it_would_show_one() {
    let site = copy_fixture("basic");
    let file = site
        .path()
        .join("content/procedures/cap-huyen/chung-thuc-ban-sao.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("code: \"2.000815\"\n", "")).unwrap();
    let o = crate::common::run(&["check", "--root", crate::common::path(site.path())]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    assert!(
        crate::common::stdout(&o).contains("ok: 3 procedures (1 without a code)"),
        "{}",
        crate::common::stdout(&o)
    );
    let out = site.path().join("public");
    build(site.path(), &out);
    let page = visible_text(&read(&out, "thu-tuc/chung-thuc-ban-sao/index.html"));
    assert!(page.contains("Mã thủ tục: chưa xác định"), "{page}");
    let related = visible_text(&read(&out, "thu-tuc/dang-ky-khai-sinh/index.html"));
    assert!(related.contains("Chứng thực bản sao từ bản chính"));
    assert!(!related.contains("(mã )"), "{related}");
    let list = visible_text(&read(&out, "linh-vuc/chung-thuc/index.html"));
    assert!(list.contains("Mã chưa xác định"), "{list}");
    let board = visible_text(&read(&out, "niem-yet/thu-nghiem/index.html"));
    assert!(board.contains("Chưa xác định"), "{board}");
    let record = open_data_record(&out, "chung-thuc-ban-sao");
    assert!(record["code"].is_null(), "{record}");
}

#[test]
fn raw_html_in_markdown_is_sanitised_and_values_escaped() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(
        html.contains("<b>bản chính</b>"),
        "safe inline HTML is kept"
    );
    // The only scripts are the page's own structured data (JSON, not run) and the theme's
    // offline-reading registration.
    assert_eq!(
        html.matches("<script").count(),
        html.matches("<script type=\"application/ld+json\">")
            .count()
            + html
                .matches("<script src=\"../../assets/offline.js\" defer>")
                .count(),
        "no script anywhere but the JSON-LD and the theme's own"
    );
}

#[test]
fn abolished_procedure_keeps_its_page_but_leaves_every_list() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let page = visible_text(&read(&out, "thu-tuc/thu-tuc-cu/index.html"));
    assert!(
        page.contains("Thủ tục này đã bị bãi bỏ và không còn áp dụng."),
        "{page}"
    );
    assert!(
        page.contains("Thay thế bằng: Đăng ký khai sinh (mã 1.001193)"),
        "{page}"
    );
    for list in [
        "index.html",
        "thu-tuc/index.html",
        "cap-xa/index.html",
        "linh-vuc/ho-tich/index.html",
        "don-vi/xa-an-binh/index.html",
    ] {
        assert!(
            !read(&out, list).contains("thu-tuc-cu/"),
            "{list} links the abolished procedure"
        );
    }
}

#[test]
fn lists_group_by_field_and_sort_in_vietnamese_order() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let all = visible_text(&read(&out, "thu-tuc/index.html"));
    assert!(all.contains("2 thủ tục"), "{all}");
    let ho_tich = all.rfind("Hộ tịch (1)").expect("field heading");
    let chung_thuc = all.rfind("Chứng thực (1)").expect("field heading");
    assert!(
        ho_tich < chung_thuc,
        "fields.yaml order: Hộ tịch before Chứng thực"
    );
    let district = visible_text(&read(&out, "cap-huyen/index.html"));
    assert!(
        district.contains("Chứng thực bản sao từ bản chính"),
        "a two-level procedure is listed at the district level"
    );
    assert!(!district.contains("Đăng ký khai sinh"), "{district}");
    let commune = visible_text(&read(&out, "cap-xa/index.html"));
    assert!(
        commune.contains("Đăng ký khai sinh")
            && commune.contains("Chứng thực bản sao từ bản chính"),
        "{commune}"
    );
}

#[test]
fn unit_page_shows_reception_and_procedures_by_field() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let unit = visible_text(&read(&out, "don-vi/xa-an-binh/index.html"));
    for want in [
        "Xã An Bình",
        "Bộ phận tiếp nhận và trả kết quả UBND xã An Bình",
        "Địa chỉ Thôn 1, xã An Bình",
        "Điện thoại 0210 222 2222",
        "Thời gian làm việc Thứ Hai – Thứ Sáu",
        "Hộ tịch (1)",
        "Đăng ký khai sinh",
        "Chứng thực (1)",
    ] {
        assert!(unit.contains(want), "`{want}` missing in {unit}");
    }
    let district = visible_text(&read(&out, "don-vi/thu-nghiem/index.html"));
    assert!(
        district.contains("Thư điện tử motcua@example.gov.vn"),
        "{district}"
    );
    assert!(
        !district.contains("Đăng ký khai sinh"),
        "the district does not handle a commune-only procedure"
    );
}

#[test]
fn alias_redirects_to_the_procedure() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let html = read(&out, "thu-tuc/khai-sinh/index.html");
    assert!(
        html.contains(r#"<meta http-equiv="refresh" content="0; url=../dang-ky-khai-sinh/">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="../dang-ky-khai-sinh/""#),
        "a plain link for browsers without refresh"
    );
    assert!(
        !read(&out, "sitemap.xml").contains("/thu-tuc/khai-sinh/</loc>"),
        "aliases are not in the sitemap"
    );
}

#[test]
fn links_are_relative_except_on_the_404_page() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let page = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(page.contains(r#"href="../../assets/style.css""#));
    assert!(page.contains(r#"href="../../linh-vuc/ho-tich/""#));
    assert!(!page.contains("href=\"/"), "no root-absolute link");
    let not_found = read(&out, "404.html");
    assert!(
        not_found.contains(r#"href="https://example.gov.vn/tthc/assets/style.css""#),
        "{not_found}"
    );
    assert!(not_found.contains(r#"href="https://example.gov.vn/tthc/thu-tuc/""#));
    let sitemap = read(&out, "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.gov.vn/tthc/thu-tuc/dang-ky-khai-sinh/</loc>"),
        "{sitemap}"
    );
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    let o = crate::common::run(&[
        "build",
        "--root",
        crate::common::path(site.path()),
        "--out",
        crate::common::path(&out),
        "--base-url",
        "https://portal.example.org/sub/",
    ]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    assert!(
        read(&out, "sitemap.xml").contains("<loc>https://portal.example.org/sub/thu-tuc/</loc>")
    );
}

#[test]
fn a_portal_with_only_content_uses_the_embedded_theme_and_a_theme_overrides_file_by_file() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Riêng: {{ page.title }}</h1>{% endblock content %}",
    )
    .unwrap();
    build(site.path(), &out);
    assert!(read(&out, "gioi-thieu/index.html").contains("<h1>Riêng: Giới thiệu</h1>"));
    assert!(
        read(&out, "index.html").contains("Theo lĩnh vực"),
        "other templates still come from the embedded theme"
    );
}

#[test]
fn a_portal_written_from_the_spec_alone_shows_every_value() {
    let site = copy_fixture("foreign");
    let out = site.path().join("public");
    build(site.path(), &out);
    let root = site.path().join("content/procedures");
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let slug = crate::common::stem(entry.path());
        let source = std::fs::read_to_string(entry.path()).unwrap();
        let page = visible_text(&read(&out, &format!("thu-tuc/{slug}/index.html")));
        for value in front_matter_strings(&source) {
            assert!(
                page.contains(&value),
                "{slug}: `{value}` is not shown on its page:\n{page}"
            );
        }
    }
}

/// Every quoted string value in a front matter (what a reader must find on the page).
fn front_matter_strings(source: &str) -> Vec<String> {
    let yaml = source.split("---").nth(1).unwrap();
    let mut values = Vec::new();
    for line in yaml.lines() {
        let mut rest = line;
        while let Some(start) = rest.find('"') {
            let after = &rest[start + 1..];
            let mut end = 0;
            let bytes = after.as_bytes();
            while end < bytes.len()
                && !(bytes[end] == b'"' && (end == 0 || bytes[end - 1] != b'\\'))
            {
                end += 1;
            }
            let value = after[..end].replace("\\\"", "\"");
            if !line.trim_start().starts_with("online_url")
                && !line.trim_start().starts_with("form")
            {
                values.push(value);
            }
            rest = &after[(end + 1).min(after.len())..];
        }
    }
    values
}

/// Every built HTML page of `out`, by path relative to it (with `/`).
fn html_pages(out: &std::path::Path) -> Vec<String> {
    crate::common::snapshot(out)
        .into_iter()
        .map(|(rel, _)| rel.replace('\\', "/"))
        .filter(|rel| rel.ends_with(".html"))
        .collect()
}

#[test]
fn the_header_links_statistics_and_listings_relatively_on_every_page() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    assert!(out.join("thong-ke/index.html").is_file() && out.join("niem-yet/index.html").is_file());
    let mut checked = 0;
    for rel in html_pages(&out) {
        let html = read(&out, &rel);
        let Some(nav) = html
            .split(r#"<nav aria-label="Điều hướng chính">"#)
            .nth(1)
            .and_then(|s| s.split("</nav>").next())
        else {
            assert!(
                html.contains(r#"http-equiv="refresh""#),
                "{rel} has no header navigation"
            );
            continue;
        };
        let root = if rel == "404.html" {
            "https://example.gov.vn/tthc/".to_string()
        } else {
            "../".repeat(rel.matches('/').count())
        };
        for (url, name) in [
            ("thu-tuc/", "Thủ tục"),
            ("thong-ke/", "Thống kê"),
            ("niem-yet/", "Niêm yết"),
        ] {
            assert!(
                nav.contains(&format!(r#"<a href="{root}{url}">{name}</a>"#)),
                "{rel}: the header links {name} at {root}{url}:\n{nav}"
            );
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} pages with a header");
}

#[test]
fn every_page_has_a_self_contained_svg_favicon_linked_relatively() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let pages = html_pages(&out);
    assert!(
        pages.iter().any(|p| p.starts_with("thu-tuc/khai-sinh/")),
        "an alias redirect page"
    );
    for rel in &pages {
        let root = if rel == "404.html" {
            "https://example.gov.vn/tthc/".to_string()
        } else {
            "../".repeat(rel.matches('/').count())
        };
        let link =
            format!(r#"<link rel="icon" href="{root}assets/favicon.svg" type="image/svg+xml">"#);
        assert!(read(&out, rel).contains(&link), "{rel} lacks {link}");
    }
    let svg = read(&out, "assets/favicon.svg");
    assert!(
        svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"),
        "{svg}"
    );
    assert!(svg.len() < 1024, "a small icon: {} bytes", svg.len());
    // Nothing fetched from elsewhere: the namespace is the only URL in it.
    assert_eq!(svg.matches("http").count(), 1, "{svg}");
    for s in ["href", "url(", "<image", "<script", "@import"] {
        assert!(!svg.contains(s), "favicon contains {s:?}");
    }
}

/// The basic portal with four months of statistics, built.
fn built_with_statistics() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_fixture("basic");
    crate::common::copy_dir(
        &crate::common::fixtures().join("statistics/valid"),
        &site.path().join("content/statistics"),
    );
    let out = site.path().join("public");
    build(site.path(), &out);
    (site, out)
}

/// Page script: WCAG contrast ratio of two computed colours (`rgb(...)`), as `contrast(a, b)`.
const CONTRAST_JS: &str = r#"
var lum = function (c) { var m = c.match(/[\d.]+/g).slice(0, 3).map(Number).map(function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]; };
var contrast = function (a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
"#;

#[test]
fn at_360_px_the_header_navigation_fits_and_every_link_is_whole() {
    let (_site, out) = built_with_statistics();
    let r = crate::common::in_chromium(
        &out.join("index.html"),
        360,
        r#"var links = Array.from(doc.querySelectorAll('.site-header .nav a'));
        var rects = links.map(function (a) { var b = a.getBoundingClientRect(); return { name: a.textContent, left: b.left, right: b.right, top: b.top, bottom: b.bottom, lines: a.getClientRects().length }; });
        return { scroll: doc.documentElement.scrollWidth, client: doc.documentElement.clientWidth, links: rects };"#,
    );
    assert!(r["scroll"].as_f64() <= r["client"].as_f64(), "{r}");
    let links = r["links"].as_array().unwrap();
    let names: Vec<&str> = links.iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["Thủ tục", "Cấp huyện", "Cấp xã", "Thống kê", "Niêm yết"]
    );
    for (i, a) in links.iter().enumerate() {
        assert!(
            a["left"].as_f64().unwrap() >= 0.0 && a["right"].as_f64().unwrap() <= 360.0,
            "{a}"
        );
        assert_eq!(a["lines"], 1, "a link broken over two lines: {a}");
        for b in &links[i + 1..] {
            let apart = a["right"].as_f64() <= b["left"].as_f64()
                || b["right"].as_f64() <= a["left"].as_f64()
                || a["bottom"].as_f64() <= b["top"].as_f64()
                || b["bottom"].as_f64() <= a["top"].as_f64();
            assert!(apart, "links overlap: {a} {b}");
        }
    }
}

#[test]
fn at_360_px_the_search_page_box_is_styled_visible_when_focused_and_in_contrast() {
    let (_site, out) = built_with_statistics();
    let script = format!(
        "{CONTRAST_JS}{}",
        r#"var input = doc.getElementById('search-q'), button = doc.querySelector('.search-form button');
        var page = win.getComputedStyle(doc.body).backgroundColor;
        var i = win.getComputedStyle(input), b = win.getComputedStyle(button);
        var ir = input.getBoundingClientRect(), br = button.getBoundingClientRect();
        var out = { scroll: doc.documentElement.scrollWidth, client: doc.documentElement.clientWidth,
          inputWidth: ir.width, inputHeight: ir.height, inputRight: ir.right, buttonRight: br.right, buttonHeight: br.height,
          inputBorder: parseFloat(i.borderTopWidth), inputBorderContrast: contrast(i.borderTopColor, page),
          buttonBorder: parseFloat(b.borderTopWidth), buttonText: contrast(b.color, b.backgroundColor), buttonAgainstPage: contrast(b.backgroundColor, page),
          buttonBg: b.backgroundColor, buttonFont: b.fontSize, inputFont: i.fontSize, bodyFont: win.getComputedStyle(doc.body).fontSize };
        input.focus();
        var f = win.getComputedStyle(input);
        out.focusOutline = f.outlineStyle; out.focusOutlineWidth = parseFloat(f.outlineWidth); out.focusShadow = f.boxShadow;
        return out;"#
    );
    let r = crate::common::in_chromium(&out.join("tim-kiem/index.html"), 360, &script);
    let n = |k: &str| r[k].as_f64().unwrap_or_else(|| panic!("{k}: {r}"));
    assert!(n("scroll") <= n("client"), "scrolls sideways: {r}");
    // Input and button side by side within the screen, large enough to use.
    assert!(n("inputRight") <= 360.0 && n("buttonRight") <= 360.0, "{r}");
    assert!(n("inputWidth") >= 150.0, "{r}");
    assert!(n("inputHeight") >= 36.0 && n("buttonHeight") >= 36.0, "{r}");
    assert_eq!(
        r["inputFont"], r["bodyFont"],
        "the page's font size, as in the header"
    );
    assert_eq!(r["buttonFont"], r["bodyFont"], "{r}");
    // Styled like the header box: 2 px borders, the brand colour on the button.
    assert!(n("inputBorder") >= 2.0 && n("buttonBorder") >= 2.0, "{r}");
    assert_eq!(r["buttonBg"], "rgb(138, 28, 28)", "{r}");
    // WCAG 2.1 AA: text 4.5:1, the input's edge and the button against the page 3:1.
    assert!(n("buttonText") >= 4.5, "{r}");
    assert!(
        n("inputBorderContrast") >= 3.0 && n("buttonAgainstPage") >= 3.0,
        "{r}"
    );
    // Focus is visible.
    assert_eq!(r["focusOutline"], "solid", "{r}");
    assert!(n("focusOutlineWidth") >= 2.0, "{r}");
}

#[test]
fn at_360_px_statistics_captions_wrap_instead_of_being_cut() {
    let (_site, out) = built_with_statistics();
    let script = r#"var out = [];
        doc.querySelectorAll('caption, figcaption').forEach(function (c) {
          var clip = doc.documentElement.clientWidth;
          for (var a = c.parentElement; a; a = a.parentElement) {
            if (win.getComputedStyle(a).overflowX !== 'visible') clip = Math.min(clip, a.getBoundingClientRect().right);
          }
          var range = doc.createRange(); range.selectNodeContents(c);
          var right = Math.max.apply(null, Array.from(range.getClientRects()).map(function (r) { return r.right; }));
          out.push({ text: c.textContent, right: right, clip: clip });
        });
        return out;"#;
    let mut seen = 0;
    for page in [
        "thong-ke/index.html",
        "thong-ke/2020/index.html",
        "thong-ke/2020/quy-1/index.html",
        "thong-ke/2020/03/index.html",
    ] {
        let r = crate::common::in_chromium(&out.join(page), 360, script);
        for c in r.as_array().unwrap() {
            let (right, clip) = (c["right"].as_f64().unwrap(), c["clip"].as_f64().unwrap());
            assert!(
                right <= clip + 0.5,
                "{page}: caption {:?} runs to {right} px, cut at {clip} px",
                c["text"]
            );
            seen += 1;
        }
    }
    assert!(seen >= 8, "only {seen} captions measured");
}
