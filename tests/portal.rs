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

#[test]
fn sources_link_to_the_records_they_name() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(html.contains(
        r#"<a href="https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193" rel="nofollow noopener">Cơ sở dữ liệu quốc gia về thủ tục hành chính, thủ tục 1.001193</a>"#
    ), "{html}");
    let data: serde_json::Value =
        serde_json::from_str(&read(&out, "du-lieu/thu-tuc.json")).unwrap();
    let record = data
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "dang-ky-khai-sinh")
        .unwrap();
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
    let data: serde_json::Value =
        serde_json::from_str(&read(&out, "du-lieu/thu-tuc.json")).unwrap();
    let record = data
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "chung-thuc-ban-sao")
        .unwrap();
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
    assert!(!html.contains("<script"), "no script anywhere");
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
