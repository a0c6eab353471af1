//! Following the catalog: the changes page, the Atom feed, the sitemap's dates, robots.txt,
//! every page's description and OpenGraph meta, and the JSON-LD of procedure and unit pages.

use std::path::Path;

use crate::common::{build, copy_fixture, read, snapshot, visible_text};

const BASE: &str = "https://example.gov.vn/tthc";

fn built(fixture: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_fixture(fixture);
    let out = site.path().join("public");
    build(site.path(), &out);
    (site, out)
}

/// The text of every `<tag>…</tag>` in `xml`, in order (no nesting of the same tag).
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.split(&open)
        .skip(1)
        .map(|s| s.split(&close).next().expect("closed"))
        .collect()
}

/// Checks that `xml` is well formed as far as its elements go: every tag closed in order.
fn assert_balanced(xml: &str) {
    let body = xml.split_once("?>").expect("an XML declaration").1;
    let mut stack: Vec<String> = Vec::new();
    for part in body.split('<').skip(1) {
        let tag = part.split('>').next().expect("a tag");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "misnested </{name}>");
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().expect("a name");
            stack.push(name.to_string());
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    assert!(!body.contains("& "), "a bare & in the XML");
}

#[test]
fn the_changes_page_lists_updates_and_history_newest_first_with_dates_from_the_content() {
    let (_site, out) = built("basic");
    let text = visible_text(&read(&out, "thay-doi/index.html"));
    let order = [
        "11/05/2020 : Đăng ký khai sinh (mã 1.001193) Quyết định số 2/QĐ-UBND – Sửa đổi",
        "02/01/2020 : Chứng thực bản sao từ bản chính",
        "01/03/2019 : Đăng ký khai sinh (mã 1.001193) Quyết định số 1/QĐ-UBND",
        "01/01/2019 : Thủ tục cũ đã bãi bỏ",
    ];
    let mut at = 0;
    for row in order {
        let found = text[at..]
            .find(row)
            .unwrap_or_else(|| panic!("{row:?} missing or out of order in:\n{text}"));
        at += found + row.len();
    }
    assert!(
        text.contains("Thủ tục cũ đã bãi bỏ (mã 9.999999) (đã bãi bỏ)"),
        "{text}"
    );
    // The history entry of the `updated` date stands for the update: no second row.
    assert_eq!(text.matches("11/05/2020").count(), 1, "{text}");
    for page in ["index.html", "thu-tuc/dang-ky-khai-sinh/index.html"] {
        let html = read(&out, page);
        assert!(
            html.contains("thay-doi/\">"),
            "{page} links the changes page"
        );
        assert!(html.contains("atom.xml\">"), "{page} links the feed");
    }
}

#[test]
fn the_atom_feed_has_one_entry_per_change_with_stable_ids_and_absolute_links() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    build(site.path(), &out);
    let feed = read(&out, "atom.xml");
    assert_balanced(&feed);
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(feed.contains(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{BASE}/atom.xml\"/>"
    )));
    let entries = elements(&feed, "entry");
    assert_eq!(entries.len(), 4, "{feed}");
    let ids: Vec<&str> = entries
        .iter()
        .map(|e| elements(e, "id")[0])
        .collect::<Vec<_>>();
    let unique: std::collections::BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");
    assert_eq!(
        ids[0],
        format!("{BASE}/thu-tuc/dang-ky-khai-sinh/#thay-doi-2020-05-11")
    );
    let updated: Vec<&str> = entries.iter().map(|e| elements(e, "updated")[0]).collect();
    assert_eq!(
        updated,
        [
            "2020-05-11T00:00:00+07:00",
            "2020-01-02T00:00:00+07:00",
            "2019-03-01T00:00:00+07:00",
            "2019-01-01T00:00:00+07:00"
        ]
    );
    // The feed's own date is its newest entry's, from the content.
    assert_eq!(elements(&feed, "updated")[0], "2020-05-11T00:00:00+07:00");
    for e in &entries {
        assert!(e.contains(&format!("href=\"{BASE}/thu-tuc/")), "{e}");
    }
    assert!(feed.contains("<name>Văn phòng HĐND và UBND huyện Thử Nghiệm</name>"));

    // Another procedure's change leaves the ids of the others as they were.
    let file = site
        .path()
        .join("content/procedures/cap-huyen/chung-thuc-ban-sao.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("updated: 2020-01-02", "updated: 2021-02-03"),
    )
    .unwrap();
    build(site.path(), &out);
    let again = read(&out, "atom.xml");
    let new_ids: Vec<&str> = elements(&again, "entry")
        .iter()
        .map(|e| elements(e, "id")[0])
        .collect();
    assert_eq!(
        new_ids[0],
        format!("{BASE}/thu-tuc/chung-thuc-ban-sao/#thay-doi-2021-02-03")
    );
    for id in &ids {
        if !id.contains("chung-thuc") {
            assert!(new_ids.contains(id), "{id} kept");
        }
    }
}

#[test]
fn the_sitemap_dates_pages_from_the_content_and_robots_txt_points_at_it() {
    let (_site, out) = built("basic");
    let sitemap = read(&out, "sitemap.xml");
    assert_balanced(&sitemap);
    for (url, date) in [
        ("thu-tuc/dang-ky-khai-sinh/", "2020-05-11"),
        ("thu-tuc/chung-thuc-ban-sao/", "2020-01-02"),
        ("thu-tuc/thu-tuc-cu/", "2019-01-01"),
        ("", "2020-05-11"),
        ("thay-doi/", "2020-05-11"),
    ] {
        let entry = format!("<url><loc>{BASE}/{url}</loc><lastmod>{date}</lastmod></url>");
        assert!(sitemap.contains(&entry), "{entry} in\n{sitemap}");
    }
    // Pages that show no date carry none.
    assert!(sitemap.contains(&format!("<url><loc>{BASE}/thu-tuc/</loc></url>")));
    assert_eq!(
        read(&out, "robots.txt"),
        format!("User-agent: *\nAllow: /\nSitemap: {BASE}/sitemap.xml\n")
    );
}

/// The `content` of the `<meta {attr}="{name}">` elements of `html`.
fn meta<'a>(html: &'a str, attr: &str, name: &str) -> Vec<&'a str> {
    let start = format!("<meta {attr}=\"{name}\" content=\"");
    html.split(&start)
        .skip(1)
        .map(|s| s.split('"').next().expect("closed"))
        .collect()
}

#[test]
fn every_page_has_one_description_and_opengraph_meta_with_its_absolute_url() {
    let (_site, out) = built("basic");
    let pages: Vec<String> = snapshot(&out)
        .into_iter()
        .map(|(rel, _)| rel.replace('\\', "/"))
        .filter(|rel| rel.ends_with(".html"))
        .collect();
    assert!(pages.len() > 20);
    for page in &pages {
        let html = read(&out, page);
        if html.contains("http-equiv=\"refresh\"") {
            continue; // an alias's redirect, not indexed
        }
        let description = meta(&html, "name", "description");
        assert_eq!(description.len(), 1, "{page}: one description");
        assert!(description[0].len() > 20, "{page}: {description:?}");
        assert_eq!(meta(&html, "property", "og:description"), description);
        assert_eq!(meta(&html, "property", "og:locale"), ["vi_VN"], "{page}");
        assert_eq!(meta(&html, "property", "og:title").len(), 1, "{page}");
        assert_eq!(meta(&html, "property", "og:type").len(), 1, "{page}");
        let url = format!("{BASE}/{}", page.trim_end_matches("index.html"));
        assert_eq!(meta(&html, "property", "og:url"), [url.as_str()], "{page}");
    }
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert_eq!(
        meta(&html, "name", "description"),
        [
            "Thủ tục Đăng ký khai sinh (Cấp xã, lĩnh vực Hộ tịch): trình tự, hồ sơ, thời hạn, phí, lệ phí."
        ]
    );
    assert_eq!(meta(&html, "property", "og:type"), ["article"]);
}

/// The JSON-LD of a built page, parsed.
fn json_ld(out: &Path, page: &str) -> serde_json::Value {
    let html = read(out, page);
    let script = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap_or_else(|| panic!("{page} has no JSON-LD"))
        .split("</script>")
        .next()
        .expect("closed");
    serde_json::from_str(script).unwrap_or_else(|e| panic!("{page}: {e}\n{script}"))
}

#[test]
fn a_procedure_page_describes_its_government_service_in_json_ld() {
    let (_site, out) = built("basic");
    let v = json_ld(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert_eq!(v["@context"], "https://schema.org");
    assert_eq!(v["@type"], "GovernmentService");
    assert_eq!(v["name"], "Đăng ký khai sinh");
    assert_eq!(v["identifier"], "1.001193");
    assert_eq!(v["serviceType"], "Hộ tịch");
    assert_eq!(v["url"], format!("{BASE}/thu-tuc/dang-ky-khai-sinh/"));
    assert_eq!(v["provider"]["@type"], "GovernmentOrganization");
    assert_eq!(v["provider"]["name"], "Ủy ban nhân dân cấp xã");
    assert_eq!(v["audience"][0]["audienceType"], "Công dân Việt Nam");
    assert!(v["areaServed"].as_array().is_some_and(|a| !a.is_empty()));
    let channels = v["availableChannel"].as_array().expect("channels");
    assert_eq!(channels.len(), 3);
    assert!(channels.iter().all(|c| c["@type"] == "ServiceChannel"));
    // "Ngay trong ngày" (0 working days) has no duration.
    assert!(channels.iter().all(|c| c.get("processingTime").is_none()));
    assert_eq!(
        channels[2]["serviceUrl"],
        "https://dichvucong.example.gov.vn/khai-sinh"
    );
    assert_eq!(v["serviceOutput"]["name"], "Giấy khai sinh (bản chính)");
    let offers = v["offers"].as_array().expect("offers");
    assert_eq!(offers[1]["price"], 5000);
    assert_eq!(offers[1]["priceCurrency"], "VND");
    assert_eq!(v["dateModified"], "2020-05-11");

    let unit = json_ld(&out, "don-vi/thu-nghiem/index.html");
    assert_eq!(unit["@type"], "GovernmentOffice");
    assert_eq!(unit["address"]["@type"], "PostalAddress");
    assert_eq!(unit["address"]["addressCountry"], "VN");
    assert!(unit["telephone"].is_string());
    assert!(unit["openingHours"].is_string());
}

#[test]
fn hostile_content_cannot_break_out_of_the_json_ld_script() {
    let (_site, out) = built("hostile");
    for page in [
        "thu-tuc/dang-ky-khai-sinh/index.html",
        "thu-tuc/chung-thuc-ban-sao/index.html",
        "don-vi/xa-an-binh/index.html",
    ] {
        let html = read(&out, page);
        let script = html
            .split("<script type=\"application/ld+json\">")
            .nth(1)
            .expect("JSON-LD")
            .split("</script>")
            .next()
            .expect("closed");
        assert!(!script.contains('<'), "{page}: a raw < inside the script");
        let v: serde_json::Value = serde_json::from_str(script).expect("whole JSON");
        assert!(v["name"].is_string(), "{page}");
    }
    let unit = json_ld(&out, "don-vi/xa-an-binh/index.html");
    assert_eq!(
        unit["address"]["streetAddress"],
        "Thôn 1 \u{202E}<script>window.__xss='rtl'</script>"
    );
    let v = json_ld(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert_eq!(
        v["name"],
        "Đăng ký khai sinh <img src=x onerror=\"window.__xss='name'\">"
    );
    assert_eq!(
        v["identifier"],
        "1.001193<script>window.__xss='code'</script>"
    );
    // The hostile code's `</script>` is in the JSON as text, escaped.
    let html = read(&out, "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(
        html.contains("\\u003c/script\\u003e"),
        "escaped in the JSON"
    );
}
