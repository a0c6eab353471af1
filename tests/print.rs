//! Notice-board listings and print sheets (issue 7): the pages as HTML, then printed to PDF
//! in real headless Chromium and read back with poppler-utils, as a one-stop office would
//! print them. The fixture `tests/fixtures/print` is a fictional district with 41 commune
//! procedures (40 active ones for Xã An Bình), enough for several A4 pages.
//!
//! Tests that print need `chromium` and `poppler-utils` (Debian packages); without them they
//! fail with the install line rather than pass silently.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::common::{self, read, visible_text};

const BASE: &str = "https://minhson.example.gov.vn/tthc";

/// The fixture built once for the whole module (builds are deterministic, reads only).
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = SITE.get_or_init(|| {
        // A copy: a build may keep caches beside its content.
        let dir = common::copy_fixture("print");
        let out = dir.path().join("public");
        common::build(dir.path(), &out);
        (dir, out)
    });
    out
}

/// (slug, code, name) of every active procedure that `unit` handles, read from the fixture's
/// files (not from the code under test).
fn procedures_of(unit: &str) -> Vec<(String, String, String)> {
    let dir = common::fixtures().join("print/content/procedures");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .map(|v| v.trim_matches('"').to_string())
        };
        if field("status").as_deref() == Some("abolished") {
            continue;
        }
        let level = field("level").unwrap();
        let commune = unit != "huyen-minh-son";
        if (level == "commune") != commune {
            continue;
        }
        if let Some(units) = field("units")
            && !units.contains(unit)
        {
            continue;
        }
        let slug = crate::common::stem(entry.path());
        out.push((slug, field("code").unwrap(), field("name").unwrap()));
    }
    out
}

// ---------------------------------------------------------------- the pages as HTML

#[test]
fn every_unit_has_a_listing_linked_from_the_index_home_and_unit_page() {
    let out = site();
    let index = read(out, "niem-yet/index.html");
    for unit in [
        "huyen-minh-son",
        "thi-tran-minh-son",
        "xa-an-binh",
        "xa-phu-loc",
        "xa-tan-lap",
    ] {
        assert!(
            index.contains(&format!(r#"href="{unit}/""#)),
            "/niem-yet/ links {unit}"
        );
        assert!(
            out.join(format!("niem-yet/{unit}/index.html")).is_file(),
            "listing of {unit}"
        );
        let unit_page = read(out, &format!("don-vi/{unit}/index.html"));
        assert!(
            unit_page.contains(&format!(r#"href="../../niem-yet/{unit}/""#)),
            "unit page {unit} links its listing"
        );
    }
    assert!(
        read(out, "index.html").contains(r#"href="niem-yet/""#),
        "home links /niem-yet/"
    );
}

#[test]
fn listing_shows_office_date_fields_in_order_numbered_rows_and_feedback() {
    let html = read(site(), "niem-yet/xa-an-binh/index.html");
    let text = visible_text(&html);
    // Header: the unit, its reception office, the newest `updated` of its active procedures
    // (an abolished one dated 2025 does not count).
    for s in [
        "Xã An Bình",
        "Huyện Minh Sơn",
        "Thôn Đồng Chằm, xã An Bình, huyện Minh Sơn",
        "sáng thứ Bảy: 7h30–11h30",
        "0210 3870 201",
        "Cập nhật đến ngày 15/03/2024",
        "40 thủ tục",
    ] {
        assert!(text.contains(s), "listing shows {s:?}");
    }
    assert!(html.contains(r#"<time datetime="2024-03-15">15/03/2024</time>"#));
    // Fields in fields.yaml order, numbered I, II, ...; a field the unit lacks is left out.
    let headings = [
        "I. Lĩnh vực Hộ tịch (17 thủ tục)",
        "II. Lĩnh vực Chứng thực (9 thủ tục)",
        "III. Lĩnh vực Hòa giải ở cơ sở",
        "IV. Lĩnh vực Bảo trợ xã hội",
        "V. Lĩnh vực Văn hóa",
    ];
    let at: Vec<usize> = headings
        .iter()
        .map(|h| text.find(h).unwrap_or_else(|| panic!("heading {h:?}")))
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "fields in fields.yaml order"
    );
    assert!(
        !text.contains("hộ kinh doanh"),
        "district-only field left out"
    );
    // Every procedure once, STT 1..40 through the listing.
    let expected = procedures_of("xa-an-binh");
    assert_eq!(expected.len(), 40);
    for (slug, code, name) in &expected {
        assert_eq!(
            html.matches(&format!(r#"href="../../thu-tuc/{slug}/""#))
                .count(),
            1,
            "{slug} listed once"
        );
        assert!(
            text.contains(code.as_str()) && text.contains(name.as_str()),
            "{code} {name}"
        );
    }
    assert!(
        html.contains(r#"<td class="c-stt" data-label="STT">40</td>"#)
            && !html.contains(r#"data-label="STT">41<"#)
    );
    assert!(
        !text.contains("thủ tục cũ đã bãi bỏ"),
        "abolished procedure not posted"
    );
    assert!(
        !html.contains("dang-ky-giam-sat-viec-giam-ho"),
        "a procedure limited to Xã Phú Lộc is not on Xã An Bình's board"
    );
    assert!(
        read(site(), "niem-yet/xa-phu-loc/index.html").contains("dang-ky-giam-sat-viec-giam-ho")
    );
    // A row: time, fees, channels in words.
    assert!(text.contains("Phí chứng thực chữ ký: 10.000 đồng (Mỗi trường hợp)"));
    assert!(text.contains("Trực tiếp Qua bưu chính Trực tuyến (mức độ 3)"));
    // Feedback notice from site.yaml.
    for s in [
        "Tiếp nhận phản ánh, kiến nghị",
        "Văn phòng HĐND và UBND huyện Minh Sơn",
        "0210 3870 123",
        "phananh.minhson@example.gov.vn",
    ] {
        assert!(text.contains(s), "feedback notice shows {s:?}");
    }
}

#[test]
fn listing_qr_codes_are_inline_svg_with_an_accessible_name_and_the_page_works_without_js() {
    let html = read(site(), "niem-yet/xa-an-binh/index.html");
    assert_eq!(html.matches("<svg class=\"qr\"").count(), 40);
    assert_eq!(
        html.matches(r#"role="img" aria-label="Mã QR mở trang thủ tục "#)
            .count(),
        40
    );
    assert!(html.contains(&format!(
        r#"aria-label="Mã QR mở trang thủ tục 1.001193 ({BASE}/thu-tuc/dang-ky-khai-sinh/)""#
    )));
    // The print button needs the script, so it starts hidden; the text explains Ctrl+P.
    assert!(html.contains(r#"<button type="button" class="print-button" data-print hidden>"#));
    assert!(html.contains("Ctrl+P"));
    assert!(html.contains(r#"<script src="../../assets/print.js" defer></script>"#));
    assert!(!html.contains("onclick"), "no inline handlers");
    assert!(
        site().join("assets/print.js").is_file() && site().join("assets/niem-yet.css").is_file()
    );
}

#[test]
fn procedure_page_carries_its_qr_code_and_checklist_for_print() {
    let html = read(site(), "thu-tuc/dang-ky-khai-sinh/index.html");
    assert!(html.contains(r#"<figure class="print-qr"><svg class="qr""#));
    assert!(html.contains(&format!(
        r#"<p class="print-url">Trên cổng: <span>{BASE}/thu-tuc/dang-ky-khai-sinh/</span></p>"#
    )));
    assert_eq!(
        html.matches(r#"<span class="box" aria-hidden="true">☐</span>"#)
            .count(),
        2
    );
}

/// The `processing_time.text` of the fixture procedure `slug`, read from its file.
fn time_text_of(slug: &str) -> String {
    let file = common::fixtures().join(format!("print/content/procedures/cap-xa/{slug}.md"));
    let text = fs::read_to_string(&file).unwrap();
    let mut lines = text
        .lines()
        .skip_while(|l| !l.starts_with("processing_time:"));
    lines
        .find_map(|l| l.trim_start().strip_prefix("text: "))
        .map(|v| v.trim_matches('"').to_string())
        .unwrap_or_else(|| panic!("no processing_time.text in {}", file.display()))
}

/// The HTML of the listing row of procedure `slug`.
fn row_of<'a>(html: &'a str, slug: &str) -> &'a str {
    let at = html
        .find(&format!(r#"href="../../thu-tuc/{slug}/""#))
        .unwrap_or_else(|| panic!("{slug} not listed"));
    let start = html[..at].rfind("<tr>").unwrap();
    let end = at + html[at..].find("</tr>").unwrap();
    &html[start..end]
}

#[test]
fn listing_shows_every_time_limit_in_full_as_the_law_words_it() {
    let html = read(site(), "niem-yet/xa-an-binh/index.html");
    for (slug, _, _) in procedures_of("xa-an-binh") {
        let want = time_text_of(&slug);
        let cell = format!(r#"<td class="c-time" data-label="Thời hạn giải quyết">{want}</td>"#);
        assert!(
            row_of(&html, &slug).contains(&cell),
            "{slug}: the board shows the whole time limit {want:?}:\n{}",
            row_of(&html, &slug)
        );
    }
    // Đăng ký kết hôn: "value: 0" once printed as "Trong ngày", dropping the conditions.
    let row = row_of(&html, "dang-ky-ket-hon");
    assert!(row.contains("trường hợp cần xác minh thì không quá 05 ngày làm việc"));
    assert!(!row.contains(">Trong ngày<"), "{row}");
}

#[test]
fn listing_shows_each_fee_as_its_own_item_in_vietnamese_style() {
    let html = read(site(), "niem-yet/xa-an-binh/index.html");
    let row = row_of(&html, "dang-ky-ket-hon");
    assert!(
        row.contains(concat!(
            r#"<td class="c-fee" data-label="Phí, lệ phí"><ul class="fees">"#,
            "<li>Lệ phí đăng ký kết hôn: Miễn lệ phí đối với công dân Việt Nam cư trú ở trong nước; miễn lệ phí đối với người thuộc hộ nghèo, người khuyết tật.</li>",
            "<li>Phí cấp bản sao trích lục kết hôn (nếu có yêu cầu): 8.000 đồng (Mỗi bản sao)</li>",
            "</ul></td>"
        )),
        "{row}"
    );
    // A procedure without fees says so in a word.
    assert!(
        row_of(&html, "dang-ky-ket-hon-luu-dong")
            .contains(r#"data-label="Phí, lệ phí">Không</td>"#)
    );
    let text = visible_text(&html);
    for bad in [".;", ".)", ";;", "tật.Phí"] {
        assert!(!text.contains(bad), "the listing reads {bad:?}");
    }
}

#[test]
fn at_360_px_each_fee_of_the_listing_stays_on_its_own_line() {
    let r = common::in_chromium(
        &site().join("niem-yet/xa-an-binh/index.html"),
        360,
        r#"var row = doc.querySelector('a[href$="/dang-ky-ket-hon/"]').closest('tr');
        var items = Array.from(row.querySelectorAll('.c-fee li'));
        return items.map(function (li) { var b = li.getBoundingClientRect(); return { top: b.top, bottom: b.bottom, before: win.getComputedStyle(li, '::before').content, after: win.getComputedStyle(li, '::after').content }; });"#,
    );
    let items = r.as_array().unwrap();
    assert_eq!(items.len(), 2, "{r}");
    assert!(
        items[1]["top"].as_f64().unwrap() >= items[0]["bottom"].as_f64().unwrap() - 0.5,
        "the second fee starts on its own line: {r}"
    );
    for li in items {
        for k in ["before", "after"] {
            assert!(
                !li[k].as_str().unwrap().contains(';'),
                "joined with a semicolon: {r}"
            );
        }
    }
}

// ---------------------------------------------------------------- printed by Chromium

fn tool(name: &str) -> Command {
    if Command::new(name).arg("-v").output().is_err() {
        panic!("`{name}` not found: install poppler-utils (`apt-get install -y poppler-utils`)");
    }
    Command::new(name)
}

/// Prints the built page `rel` to a PDF in `dir`, as a one-stop office would (no browser
/// header or footer: the page's own @page rules number the pages).
fn print_pdf(rel: &str, dir: &Path) -> PathBuf {
    print_page(&site().join(rel), dir)
}

/// Prints the page at `html` (a built file) to a PDF in `dir`.
fn print_page(html: &Path, dir: &Path) -> PathBuf {
    let rel = html.display();
    let pdf = dir.join("out.pdf");
    let profile = dir.join("profile");
    let o = common::headless()
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("run chromium");
    assert!(
        pdf.is_file() && fs::metadata(&pdf).unwrap().len() > 1000,
        "chromium printed no PDF for {rel}:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    pdf
}

/// Each page's size in points.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let o = tool("pdfinfo")
        .args(["-f", "1", "-l", "9999"])
        .arg(pdf)
        .output()
        .unwrap();
    let info = String::from_utf8(o.stdout).unwrap();
    info.lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .map(|l| {
            let dims: Vec<f64> = l
                .split(" size: ")
                .nth(1)
                .unwrap()
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (dims[0], dims[1])
        })
        .collect()
}

/// The text of page `n` (1-based), NFC.
fn page_text(pdf: &Path, n: usize) -> String {
    let o = tool("pdftotext")
        .args(["-enc", "UTF-8", "-f", &n.to_string(), "-l", &n.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap().nfc().collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_a4(sizes: &[(f64, f64)]) {
    for (i, (w, h)) in sizes.iter().enumerate() {
        assert!(
            (w - 595.3).abs() < 1.5 && (h - 841.9).abs() < 1.5,
            "page {} is {w} x {h} pt, not A4 portrait",
            i + 1
        );
    }
}

#[test]
fn commune_listing_prints_on_a4_with_every_procedure_page_numbers_and_no_navigation() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = print_pdf("niem-yet/xa-an-binh/index.html", dir.path());
    let sizes = page_sizes(&pdf);
    let pages = sizes.len();
    assert_a4(&sizes);
    // 40 procedures, each row at least a 2 cm QR code tall: 5 to 8 per page.
    assert!((4..=12).contains(&pages), "40 procedures on {pages} pages");
    let texts: Vec<String> = (1..=pages).map(|n| page_text(&pdf, n)).collect();
    let all = squash(&texts.join("\n"));
    for (_, code, name) in procedures_of("xa-an-binh") {
        assert!(all.contains(&code), "code {code} printed");
        assert!(all.contains(&squash(&name)), "name {name:?} printed");
    }
    assert!(
        all.contains("Văn phòng HĐND và UBND huyện Minh Sơn")
            && all.contains("phananh.minhson@example.gov.vn")
    );
    for (i, text) in texts.iter().enumerate() {
        let n = i + 1;
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert!(
            text.contains(&format!("Trang {n}/{pages}")),
            "page {n} numbered:\n{text}"
        );
        let content: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !l.starts_with("Trang "))
            .collect();
        assert!(content.len() >= 3, "page {n} is (nearly) empty:\n{text}");
        // A page with procedure rows repeats the table header.
        if content.iter().any(|l| l.starts_with("Trực tiếp")) {
            assert!(
                text.contains("Tên thủ tục") && text.contains("Mã QR"),
                "page {n} repeats the table header"
            );
        }
        // A field heading is never the last thing on a page.
        let last = content.last().unwrap();
        assert!(
            !last.contains("Lĩnh vực"),
            "page {n} ends on a field heading: {last}"
        );
    }
    // No site navigation, no breadcrumbs, no screen-only hints.
    for s in [
        "Bỏ qua, đến nội dung chính",
        "Trang chủ",
        "Ctrl+P",
        "In bản niêm yết",
    ] {
        assert!(!all.contains(s), "printed listing shows {s:?}");
    }
}

#[test]
fn procedure_page_prints_as_a_complete_sheet_with_checklist_and_qr() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = print_pdf("thu-tuc/dang-ky-khai-sinh/index.html", dir.path());
    let sizes = page_sizes(&pdf);
    assert_a4(&sizes);
    assert!(
        (1..=3).contains(&sizes.len()),
        "a short procedure on {} pages",
        sizes.len()
    );
    let all = squash(
        &(1..=sizes.len())
            .map(|n| page_text(&pdf, n))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    for s in [
        "Đăng ký khai sinh",
        "1.001193",
        "Cách thức thực hiện",
        "Thời hạn giải quyết",
        "Phí, lệ phí",
        "Thành phần, số lượng hồ sơ",
        "Kết quả thực hiện",
        "Trình tự thực hiện",
        "Căn cứ pháp lý",
        "Nơi tiếp nhận hồ sơ",
        // Four offices handle it: folded in a <details> on screen, unfolded on paper.
        "Thôn Gò Mít, xã Tân Lập",
        "Khu Tân An, thị trấn Minh Sơn",
        &format!("{BASE}/thu-tuc/dang-ky-khai-sinh/"),
        "Trang 1/",
    ] {
        assert!(all.contains(s), "printed procedure shows {s:?}:\n{all}");
    }
    assert_eq!(all.matches('☐').count(), 2, "one checkbox per dossier item");
    for s in ["Bỏ qua, đến nội dung chính", "Trang chủ", "Tìm thủ tục"] {
        assert!(!all.contains(s), "printed procedure shows {s:?}");
    }
    let codes = decode_qr_codes(&pdf, dir.path());
    assert_eq!(
        codes.iter().map(|c| c.url.as_str()).collect::<Vec<_>>(),
        [format!("{BASE}/thu-tuc/dang-ky-khai-sinh/")]
    );
}

#[test]
fn listing_fits_a_360_px_screen_without_horizontal_scroll() {
    let listing = site().join("niem-yet/xa-an-binh/index.html");
    let m = crate::common::in_chromium(
        &listing,
        360,
        "var d = doc.documentElement; return [d.scrollWidth, d.clientWidth];",
    );
    let (content, frame) = (m[0].as_u64().unwrap(), m[1].as_u64().unwrap());
    assert!(
        content <= frame,
        "the listing scrolls sideways at 360 px: {content} px of content in {frame} px"
    );
}

// ---------------------------------------------------------------- QR codes read back

/// Print resolution: rqrr, a stricter reader than a phone camera, misses one code in twenty at 200 dpi.
const DPI: f64 = 300.0;

struct Scanned {
    url: String,
    /// The symbol's side on paper, quiet zone excluded.
    side_mm: f64,
}

/// Rasterises `pdf` (grey, at `DPI`) and decodes every QR code on every page.
fn decode_qr_codes(pdf: &Path, dir: &Path) -> Vec<Scanned> {
    let prefix = dir.join("page");
    let o = tool("pdftoppm")
        .args(["-gray", "-r", &DPI.to_string()])
        .arg(pdf)
        .arg(&prefix)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "pdftoppm: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut images: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    images.sort();
    let mut found = Vec::new();
    for image in images {
        let (w, h, pixels) = read_pgm(&image);
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| pixels[y * w + x]);
        for grid in prepared.detect_grids() {
            let (_, url) = grid.decode().unwrap_or_else(|e| {
                panic!("a QR code on {} does not decode: {e:?}", image.display())
            });
            let [a, b, _, d] = grid.bounds;
            let px = (f64::from(b.x - a.x).hypot(f64::from(b.y - a.y))
                + f64::from(d.x - a.x).hypot(f64::from(d.y - a.y)))
                / 2.0;
            found.push(Scanned {
                url,
                side_mm: px / DPI * 25.4,
            });
        }
    }
    found
}

/// A binary PGM (P5, 8-bit) as pdftoppm writes it.
fn read_pgm(path: &Path) -> (usize, usize, Vec<u8>) {
    let bytes = fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5", "{}", path.display());
    assert_eq!(fields[3], "255");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let data = bytes[i + 1..].to_vec();
    assert_eq!(data.len(), w * h);
    (w, h, data)
}

#[test]
fn listing_qr_codes_scan_to_each_procedures_absolute_url_at_least_2_cm_wide() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = print_pdf("niem-yet/xa-an-binh/index.html", dir.path());
    let scanned = decode_qr_codes(&pdf, dir.path());
    let urls: BTreeSet<String> = scanned.iter().map(|s| s.url.clone()).collect();
    let expected: BTreeSet<String> = procedures_of("xa-an-binh")
        .into_iter()
        .map(|(slug, _, _)| format!("{BASE}/thu-tuc/{slug}/"))
        .collect();
    let missing: Vec<&String> = expected.difference(&urls).collect();
    assert!(
        missing.is_empty(),
        "QR codes not found or unreadable: {missing:?}"
    );
    assert_eq!(urls, expected);
    assert_eq!(scanned.len(), 40, "one QR code per procedure");
    for s in &scanned {
        assert!(
            s.side_mm >= 19.5,
            "{} printed {:.1} mm wide",
            s.url,
            s.side_mm
        );
    }
}

#[test]
fn a_sample_portals_listing_says_so_on_paper_and_prints_time_limits_and_fees_whole() {
    // The fixture's site.yaml has `sample: true`.
    let dir = tempfile::tempdir().unwrap();
    let pdf = print_pdf("niem-yet/xa-an-binh/index.html", dir.path());
    let first = squash(&page_text(&pdf, 1));
    assert!(
        first.contains(
            "Trang mẫu: thông tin liên hệ và số liệu thống kê trên cổng này chỉ mang tính minh họa."
        ),
        "the first printed page says the portal is a sample:\n{first}"
    );
    let pages = page_sizes(&pdf).len();
    let all = squash(
        &(1..=pages)
            .map(|n| page_text(&pdf, n))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    assert!(
        all.contains("trường hợp cần xác minh thì không quá 05 ngày làm việc"),
        "the whole time limit is printed:\n{all}"
    );
    assert!(all.contains("người khuyết tật."), "{all}");
    assert!(!all.contains("tật.;") && !all.contains("tật. ;"), "{all}");
}

#[test]
fn the_report_form_prints_on_a4_landscape_with_numbered_pages_and_every_row() {
    let portal = common::copy_fixture("basic");
    common::copy_dir(
        &common::fixtures().join("statistics/valid"),
        &portal.path().join("content/statistics"),
    );
    let out = portal.path().join("public");
    common::build(portal.path(), &out);
    let dir = tempfile::tempdir().unwrap();
    let pdf = print_page(
        &out.join("thong-ke/2020/quy-1/bieu-06/index.html"),
        dir.path(),
    );
    let sizes = page_sizes(&pdf);
    for (w, h) in &sizes {
        assert!(
            (w - 841.9).abs() < 1.0 && (h - 595.0).abs() < 1.0,
            "A4 landscape, not {w} × {h}"
        );
    }
    let pages = sizes.len();
    let all = squash(
        &(1..=pages)
            .map(|n| page_text(&pdf, n))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    for s in [
        "Biểu số 06/VPCP/KSTT",
        "Cấp huyện",
        "Cấp xã",
        "Hộ tịch",
        "Tổng cộng",
        "(13)",
    ] {
        assert!(all.contains(s), "{s:?} printed:\n{all}");
    }
    assert!(all.contains(&format!("Trang {pages}/{pages}")));
    // No site navigation on paper.
    assert!(!all.contains("Bỏ qua, đến nội dung chính") && !all.contains("Tải biểu"));
}
