//! Monthly statistics (issue 6): reading and checking `content/statistics/*.csv`, the
//! `/thong-ke/` pages, the unit and home blocks, the open data, and `stats import`.

use std::fs;
use std::path::Path;

use crate::common::{
    build, copy_dir, copy_fixture, fixtures, path, read, run, stderr, stdout, visible_text,
};

/// The basic portal with four valid months (2020-01 … 2020-04) in `content/statistics/`.
fn portal_with_statistics() -> tempfile::TempDir {
    let dir = copy_fixture("basic");
    copy_dir(
        &fixtures().join("statistics/valid"),
        &dir.path().join("content/statistics"),
    );
    dir
}

/// `congkhai check` on `root`: exit code 1 and every diagnostic line.
fn check_problems(root: &Path) -> Vec<String> {
    let o = run(&["check", "--root", path(root)]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "check should fail:\n{}{}",
        stdout(&o),
        stderr(&o)
    );
    stderr(&o).lines().map(str::to_string).collect()
}

#[test]
fn valid_statistics_pass_check() {
    let dir = portal_with_statistics();
    let o = run(&["check", "--root", path(dir.path())]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn every_broken_row_is_reported_at_its_line_and_column() {
    let dir = portal_with_statistics();
    let stats = dir.path().join("content/statistics");
    fs::copy(
        fixtures().join("statistics/broken/2020-05.csv"),
        stats.join("2020-05.csv"),
    )
    .unwrap();
    let f = "content/statistics/2020-05.csv";
    let expected = [
        format!(
            "{f}:2:20: carried_over is 7, but 2020-04 ended with 8 pending for unit `thu-nghiem` and field `ho-tich`"
        ),
        format!("{f}:3:1: unknown unit `xa-khong-co`: there is no content/units/xa-khong-co.yaml"),
        format!("{f}:4:15: unknown field `khong-ro`: it is not in content/fields.yaml"),
        format!("{f}:5:25: `received_online` must be a whole number ≥ 0, not `-1`"),
        format!("{f}:6:26: `received_online` must be a whole number ≥ 0, not `2.5`"),
        format!(
            "{f}:7:1: row does not balance: carried_over + received = 16, but resolved + pending + withdrawn = 10"
        ),
        format!("{f}:8:46: `satisfied` (5) is more than `surveyed` (3)"),
        format!(
            "{f}:9:1: duplicate row for unit `xa-an-binh` and field `chung-thuc` (first at line 8)"
        ),
        format!(
            "{f}:10:12: unit `xa-an-binh` has rows by field and a row without field in the same month (first row at line 7); give one or the other"
        ),
        format!("{f}:11:1: row has 3 cells but the header has 14"),
        format!("{f}:12:28: `received_online` is empty: write 0 when there were none"),
        "11 problems".to_string(),
    ];
    assert_eq!(check_problems(dir.path()), expected);
}

#[test]
fn header_problems_name_the_columns() {
    let dir = portal_with_statistics();
    fs::copy(
        fixtures().join("statistics/broken-header/2020-05.csv"),
        dir.path().join("content/statistics/2020-05.csv"),
    )
    .unwrap();
    let f = "content/statistics/2020-05.csv";
    assert_eq!(
        check_problems(dir.path()),
        [
            format!("{f}:1:1: missing required column `received_online`"),
            format!("{f}:1:1: missing required column `resolved_late`"),
            format!(
                "{f}:1:25: unknown column `recieved_online` (the columns are: unit, field, carried_over, received_online, received_direct, received_postal, resolved_early, resolved_on_time, resolved_late, pending_on_time, pending_overdue, withdrawn, surveyed, satisfied, feedback_carried_over, feedback_received, feedback_answered_on_time, feedback_answered_late, feedback_pending, apologies)"
            ),
            "3 problems".to_string(),
        ]
    );
}

#[test]
fn a_file_name_that_is_not_a_month_is_an_error() {
    let dir = portal_with_statistics();
    copy_dir(
        &fixtures().join("statistics/bad-name"),
        &dir.path().join("content/statistics"),
    );
    assert_eq!(
        check_problems(dir.path()),
        [
            "content/statistics/2020-13.csv:1:1: file name `2020-13` is not a month: statistics files are named YYYY-MM.csv (e.g. 2020-03.csv)",
            "1 problem"
        ]
    );
}

#[test]
fn switching_to_rows_by_field_checks_the_units_total() {
    // xa-an-binh reports one row in 2020-03 and rows by field in 2020-04 (valid fixture);
    // break April's total carried over (10 expected).
    let dir = portal_with_statistics();
    let p = dir.path().join("content/statistics/2020-04.csv");
    let text = fs::read_to_string(&p).unwrap().replace(
        "xa-an-binh,chung-thuc,4,10,20,0,10,20,0,4,0,0",
        "xa-an-binh,chung-thuc,5,10,20,0,10,21,0,4,0,0",
    );
    fs::write(&p, text).unwrap();
    assert_eq!(
        check_problems(dir.path()),
        [
            "content/statistics/2020-04.csv:4:1: carried_over for unit `xa-an-binh` adds up to 11, but 2020-03 ended with 10 pending for it",
            "1 problem"
        ]
    );
}

#[test]
fn the_q1_2020_page_shows_the_published_totals() {
    let dir = portal_with_statistics();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let html = read(&out, "thong-ke/2020/quy-1/index.html");
    assert!(html.contains("<span class=\"hl-label\">Hồ sơ đã giải quyết</span> <strong class=\"hl-value\">7.599</strong>"), "{html}");
    assert!(html.contains("<span class=\"hl-label\">Hồ sơ giải quyết quá hạn</span> <strong class=\"hl-value\">0</strong>"));
    let text = visible_text(&html);
    assert!(
        text.contains("Thống kê giải quyết hồ sơ quý I/2020"),
        "{text}"
    );
    assert!(
        text.contains("Đã giải quyết 7.599 hồ sơ: trước hạn 2.600, đúng hạn 4.999, quá hạn 0"),
        "{text}"
    );
    // Months make up the quarter: 2.930 + 2.415 + 2.254.
    for (month, resolved) in [
        ("Tháng 1/2020", "2.930"),
        ("Tháng 2/2020", "2.415"),
        ("Tháng 3/2020", "2.254"),
    ] {
        assert!(
            text.contains(&format!("{month} ")) && text.contains(resolved),
            "{month}"
        );
    }
    // Every unit, the total, the ranking, the charts with their titles, the sample note.
    for s in [
        "Huyện Thử Nghiệm",
        "Thị trấn Đông",
        "Xã An Bình",
        "Toàn huyện",
        "Chưa phân loại theo lĩnh vực",
        "Xếp hạng đơn vị",
    ] {
        assert!(text.contains(s), "{s}");
    }
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 3);
    assert_eq!(html.matches("<title id=").count(), 3);
    assert_eq!(html.matches("<desc id=").count(), 3);
    // The charts need no JavaScript: the only script is the theme's offline-reading one.
    assert_eq!(
        html.matches("<script").count(),
        html.matches("assets/offline.js\" defer></script>").count(),
        "no JavaScript on statistics pages"
    );
    assert!(text.contains("số liệu minh họa"));
}

#[test]
fn overdue_units_are_flagged_in_words_not_only_colour() {
    let dir = portal_with_statistics();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let html = read(&out, "thong-ke/2020/04/index.html");
    let row = html
        .split("<tr class=\"overdue\">")
        .nth(1)
        .expect("an overdue row");
    assert!(row.starts_with("<th scope=\"row\"><a href=\"../../../don-vi/thu-nghiem/\">Huyện Thử Nghiệm</a> <span class=\"flag\">⚠ Có hồ sơ quá hạn</span>"), "{row}");
    // April: thu-nghiem resolved 552, 2 of them late: 99,6% on time.
    assert!(
        visible_text(&html).contains("Huyện Thử Nghiệm : 99,6%"),
        "{}",
        visible_text(&html)
    );
}

#[test]
fn overview_unit_and_home_pages_show_the_latest_figures() {
    let dir = portal_with_statistics();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let overview = visible_text(&read(&out, "thong-ke/index.html"));
    assert!(
        overview.contains("Tháng 4/2020 (tháng mới nhất)"),
        "{overview}"
    );
    assert!(overview.contains("Từ đầu năm 2020 đến hết tháng 04/2020"));
    assert!(overview.contains("Xu hướng 12 tháng gần nhất"));
    let unit = visible_text(&read(&out, "don-vi/xa-an-binh/index.html"));
    assert!(
        unit.contains("Tình hình giải quyết hồ sơ 12 tháng gần nhất (01/2020 – 04/2020)"),
        "{unit}"
    );
    let home = visible_text(&read(&out, "index.html"));
    assert!(
        home.contains("Tình hình giải quyết hồ sơ tháng 4/2020"),
        "{home}"
    );
    for y in [
        "thong-ke/2020/index.html",
        "thong-ke/2020/quy-2/index.html",
        "thong-ke/2020/01/index.html",
    ] {
        assert!(out.join(y).is_file(), "{y}");
    }
}

#[test]
fn open_data_has_every_month_in_csv_and_json() {
    let dir = portal_with_statistics();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let csv = fs::read(out.join("du-lieu/thong-ke/2020-01.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFunit,unit_name,field,field_name,carried_over,"),
        "BOM and header"
    );
    let text = String::from_utf8(csv).unwrap();
    assert!(text.contains("\r\nthu-nghiem,Huyện Thử Nghiệm,ho-tich,Hộ tịch,10,300,900,50,400,840,0,20,0,0,100,98,0,0,0,0,0,0\r\n"), "{text}");
    let all = read(&out, "du-lieu/thong-ke/tat-ca.csv");
    assert_eq!(
        all.lines().count(),
        1 + 4 + 4 + 4 + 5,
        "header + every row of every month"
    );
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "du-lieu/thong-ke/2020-03.json")).unwrap();
    assert_eq!(json["month"], "2020-03");
    assert_eq!(json["total"]["resolved_on_time"], 770 + 290 + 90 + 464);
    assert_eq!(json["rows"].as_array().unwrap().len(), 4);
    let all_json: serde_json::Value =
        serde_json::from_str(&read(&out, "du-lieu/thong-ke/tat-ca.json")).unwrap();
    assert_eq!(all_json["months"].as_array().unwrap().len(), 4);
    let index = read(&out, "du-lieu/index.html");
    for f in [
        "thu-tuc.csv",
        "thu-tuc.json",
        "thong-ke/tat-ca.csv",
        "thong-ke/2020-04.json",
    ] {
        assert!(index.contains(&format!("href=\"../du-lieu/{f}\"")), "{f}");
        assert!(out.join("du-lieu").join(f).is_file(), "{f}");
    }
    // Linked from each statistics page.
    assert!(
        read(&out, "thong-ke/2020/03/index.html")
            .contains("href=\"../../../du-lieu/thong-ke/2020-03.csv\"")
    );
}

#[test]
fn statistics_output_is_byte_identical_across_builds() {
    let dir = portal_with_statistics();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build(dir.path(), &a);
    build(dir.path(), &b);
    for rel in [
        "thong-ke/index.html",
        "thong-ke/2020/quy-1/index.html",
        "du-lieu/thong-ke/tat-ca.json",
        "don-vi/xa-an-binh/index.html",
    ] {
        assert_eq!(
            fs::read(a.join(rel)).unwrap(),
            fs::read(b.join(rel)).unwrap(),
            "{rel}"
        );
    }
}

fn import(root: &Path, file: &str) -> std::process::Output {
    import_with(root, file, &[])
}

/// `stats import` of the fixture export `file` as 2020-05, with `extra` arguments.
fn import_with(root: &Path, file: &str, extra: &[&str]) -> std::process::Output {
    let export = fixtures().join("statistics/import").join(file);
    let mut args = vec![
        "stats",
        "import",
        path(&export),
        "--period",
        "2020-05",
        "--root",
        path(root),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_csv_export_is_imported() {
    let dir = portal_with_statistics();
    let o = import(dir.path(), "bao-cao-2020-05.csv");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("note: the export has one column for in person and by post: it went to received_direct, with received_postal 0"));
    let written = fs::read_to_string(dir.path().join("content/statistics/2020-05.csv")).unwrap();
    assert_eq!(
        written,
        fs::read_to_string(fixtures().join("statistics/import/expected-2020-05.csv")).unwrap()
    );
    // And the portal still checks.
    assert!(run(&["check", "--root", path(dir.path())]).status.success());
}

#[test]
fn an_xlsx_export_is_imported() {
    let dir = portal_with_statistics();
    let o = import(dir.path(), "bao-cao-2020-05.xlsx");
    assert!(o.status.success(), "{}", stderr(&o));
    let written = fs::read_to_string(dir.path().join("content/statistics/2020-05.csv")).unwrap();
    assert_eq!(
        written,
        fs::read_to_string(fixtures().join("statistics/import/expected-2020-05.csv")).unwrap()
    );
}

#[test]
fn an_unknown_unit_name_lists_the_known_ones() {
    let dir = portal_with_statistics();
    let o = import(dir.path(), "unknown-unit.csv");
    assert_eq!(o.status.code(), Some(1));
    let export = fixtures().join("statistics/import/unknown-unit.csv");
    assert!(
        stderr(&o).contains(&format!(
            "{}:6:1: unknown unit `Xã Phú Lộc`; the units are: Huyện Thử Nghiệm, Thị trấn Đông, Xã An Bình",
            export.display()
        )),
        "{}",
        stderr(&o)
    );
    assert!(
        !dir.path().join("content/statistics/2020-05.csv").exists(),
        "nothing written on error"
    );
}

#[test]
fn an_existing_month_is_replaced_only_when_asked() {
    let dir = portal_with_statistics();
    assert!(import(dir.path(), "bao-cao-2020-05.csv").status.success());
    let target = dir.path().join("content/statistics/2020-05.csv");
    // Someone corrected the published month by hand (one more dossier received and resolved
    // on time at Thị trấn Đông); a second import must not silently undo it.
    let corrected = fs::read_to_string(&target).unwrap().replace(
        "thi-tran-dong,ho-tich,5,10,20,0,10,24,0,1,0",
        "thi-tran-dong,ho-tich,5,10,21,0,10,25,0,1,0",
    );
    fs::write(&target, &corrected).unwrap();
    let o = import(dir.path(), "bao-cao-2020-05.csv");
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("2020-05.csv already exists: nothing was written. Add --replace"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), corrected, "untouched");

    let o = import_with(dir.path(), "bao-cao-2020-05.csv", &["--replace"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("existed and was replaced: 1 rows changed, 0 added, 0 removed"),
        "{}",
        stdout(&o)
    );
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .contains("thi-tran-dong,ho-tich,5,10,20,0,10,24,0,1,0")
    );
}

#[test]
fn a_semicolon_file_with_thousands_separators_reads_like_stats_import_reads_it() {
    let dir = portal_with_statistics();
    // What a spreadsheet in a Vietnamese locale saves: `;` between cells, `.` between thousands.
    fs::write(
        dir.path().join("content/statistics/2020-05.csv"),
        "unit;field;carried_over;received_online;received_direct;received_postal;resolved_early;resolved_on_time;resolved_late;pending_on_time;pending_overdue\n\
         thu-nghiem;ho-tich;8;1.000;0;0;0;1.000;0;8;0\n\
         thu-nghiem;chung-thuc;10;0;0;0;5;5;0;0;0\n\
         xa-an-binh;ho-tich;6;0;0;0;6;0;0;0;0\n\
         xa-an-binh;chung-thuc;4;0;2.5;0;4;0;0;0;0\n\
         thi-tran-dong;ho-tich;5;0;0;0;5;0;0;0;0\n",
    )
    .unwrap();
    assert_eq!(
        check_problems(dir.path()),
        [
            "content/statistics/2020-05.csv:5:27: `received_direct` must be a whole number ≥ 0, not `2.5`",
            "1 problem",
        ],
        "the cell is located with `;` as the separator"
    );
    let p = dir.path().join("content/statistics/2020-05.csv");
    fs::write(&p, fs::read_to_string(&p).unwrap().replace(";2.5;", ";0;")).unwrap();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let json: serde_json::Value =
        serde_json::from_str(&read(&out, "du-lieu/thong-ke/2020-05.json")).unwrap();
    assert_eq!(json["total"]["received_online"], 1000);
}

#[test]
fn dossiers_pending_at_a_months_end_cannot_vanish_from_the_next_month() {
    let dir = portal_with_statistics();
    // April ended with 4 pending for xa-an-binh/chung-thuc; May forgets that row.
    fs::write(
        dir.path().join("content/statistics/2020-05.csv"),
        "unit,field,carried_over,received_online,received_direct,received_postal,resolved_early,resolved_on_time,resolved_late,pending_on_time,pending_overdue\n\
         thu-nghiem,ho-tich,8,10,10,0,10,10,0,8,0\n\
         thu-nghiem,chung-thuc,10,0,0,0,5,5,0,0,0\n\
         xa-an-binh,ho-tich,6,0,0,0,6,0,0,0,0\n\
         thi-tran-dong,ho-tich,5,0,0,0,5,0,0,0,0\n",
    )
    .unwrap();
    assert_eq!(
        check_problems(dir.path()),
        [
            "content/statistics/2020-05.csv:1:1: 2020-04 ended with 4 dossiers pending for unit `xa-an-binh` and field `chung-thuc`, but this month has no row for them: add one with carried_over 4",
            "1 problem",
        ]
    );
}

#[test]
fn an_import_that_breaks_the_carry_over_is_refused() {
    let dir = portal_with_statistics();
    // April ended with 8 pending for thu-nghiem/ho-tich; make it 9.
    let p = dir.path().join("content/statistics/2020-04.csv");
    let text = fs::read_to_string(&p).unwrap().replace(
        "thu-nghiem,ho-tich,10,100,300,0,100,300,2,6,2,0",
        "thu-nghiem,ho-tich,10,100,300,0,100,299,2,7,2,0",
    );
    fs::write(&p, text).unwrap();
    let o = import(dir.path(), "bao-cao-2020-05.csv");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains(":4:1: carried_over is 8, but 2020-04 ended with 9 pending for unit `thu-nghiem` and field `ho-tich`"), "{}", stderr(&o));
}

#[test]
fn the_bundled_sample_matches_the_published_q1_2020_totals() {
    use congkhai::report::Month;
    use congkhai::stats::{self, Period};
    let portal = congkhai::catalog::load(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the bundled catalog checks");
    assert_eq!(
        portal
            .reports
            .first()
            .map(|r| r.month.to_string())
            .as_deref(),
        Some("2019-01")
    );
    assert_eq!(
        portal
            .reports
            .last()
            .map(|r| r.month.to_string())
            .as_deref(),
        Some("2020-05")
    );
    assert_eq!(
        portal.reports.len(),
        17,
        "every month from 2019-01 to 2020-05"
    );
    for r in &portal.reports {
        let units: std::collections::BTreeSet<&str> =
            r.rows.iter().map(|x| x.unit.as_str()).collect();
        assert_eq!(
            units.len(),
            18,
            "{}: the district office and 17 commune-level units",
            r.month
        );
    }
    let q1 = stats::reports_in(&portal.reports, Period::Quarter(2020, 1));
    let total = stats::total(&q1);
    assert_eq!(total.resolved(), 7599);
    assert_eq!(total.resolved_late, 0);
    assert_eq!(
        stats::by_unit(&q1)
            .into_values()
            .sum::<congkhai::report::Figures>(),
        total,
        "units add up to the district"
    );
    // Hưng Long: about 10 new dossiers per working day (Monday to Friday), none late.
    for r in &portal.reports {
        let f = stats::unit_total(&[r], "xa-hung-long").expect("Hưng Long reports every month");
        let per_day = f.received_new() as f64 / Month::weekdays(r.month) as f64;
        assert!((7.5..=11.5).contains(&per_day), "{}: {per_day}", r.month);
        assert_eq!(f.resolved_late + f.pending_overdue, 0);
        assert_eq!(f.satisfied, f.surveyed);
    }
}
