//! Disclosure beyond the dossier counts: feedback and recommendations, apology letters,
//! per-procedure timeliness, the official report form and the service index estimate.

use std::fs;
use std::path::Path;

use crate::common::{
    build, copy_dir, copy_fixture, fixtures, path, read, run, stderr, visible_text,
};

const HEADER: &str = "unit,field,carried_over,received_online,received_direct,received_postal,resolved_early,resolved_on_time,resolved_late,pending_on_time,pending_overdue,withdrawn,feedback_carried_over,feedback_received,feedback_answered_on_time,feedback_answered_late,feedback_pending,apologies";

/// The basic portal with the valid months 2020-01 … 2020-04, April rewritten with feedback
/// and apology columns: Huyện Thử Nghiệm received 3 feedback items (2 answered in time, 1
/// still open) and had 4 dossiers go past their deadline (2 resolved late, 2 still overdue),
/// for which it issued 4 letters.
fn portal_with_feedback() -> tempfile::TempDir {
    let dir = copy_fixture("basic");
    let stats = dir.path().join("content/statistics");
    copy_dir(&fixtures().join("statistics/valid"), &stats);
    write(
        &stats.join("2020-04.csv"),
        &[
            "thu-nghiem,ho-tich,10,100,300,0,100,300,2,6,2,0,0,3,2,0,1,4",
            "thu-nghiem,chung-thuc,10,50,100,0,50,100,0,10,0,0,0,0,0,0,0,0",
            "xa-an-binh,ho-tich,6,20,40,0,20,40,0,6,0,0,0,0,0,0,0,0",
            "xa-an-binh,chung-thuc,4,10,20,0,10,20,0,4,0,0,0,0,0,0,0,0",
            "thi-tran-dong,ho-tich,6,50,100,0,50,100,0,5,0,1,0,0,0,0,0,0",
        ],
    );
    dir
}

fn write(file: &Path, rows: &[&str]) {
    let mut text = format!("{HEADER}\n");
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    fs::write(file, text).unwrap();
}

/// May: every row carried over from April; `thu_nghiem` are Huyện Thử Nghiệm's two rows.
fn may(dir: &Path, thu_nghiem: [&str; 2]) {
    write(
        &dir.join("content/statistics/2020-05.csv"),
        &[
            thu_nghiem[0],
            thu_nghiem[1],
            "xa-an-binh,ho-tich,6,0,0,0,0,6,0,0,0,0,0,0,0,0,0,0",
            "xa-an-binh,chung-thuc,4,0,0,0,0,4,0,0,0,0,0,0,0,0,0,0",
            "thi-tran-dong,ho-tich,5,0,0,0,0,5,0,0,0,0,0,0,0,0,0,0",
        ],
    );
}

fn check(root: &Path) -> (bool, Vec<String>) {
    let o = run(&["check", "--root", path(root)]);
    (
        o.status.success(),
        stderr(&o).lines().map(str::to_string).collect(),
    )
}

#[test]
fn feedback_that_does_not_balance_or_carry_over_is_reported_where_it_is() {
    let dir = portal_with_feedback();
    may(
        dir.path(),
        [
            // April left 1 feedback item open: 0 carried over is wrong (cell 13, column 41).
            "thu-nghiem,ho-tich,8,10,0,0,5,5,3,5,0,0,0,2,2,0,0,0",
            // 0 + 3 received, but 1 + 0 answered and 1 pending.
            "thu-nghiem,chung-thuc,10,5,0,0,0,15,0,0,0,0,0,3,1,0,1,0",
        ],
    );
    let f = "content/statistics/2020-05.csv";
    assert_eq!(
        check(dir.path()),
        (
            false,
            vec![
                format!(
                    "{f}:2:41: feedback_carried_over of unit `thu-nghiem` is 0, but 2020-04 ended with 1 feedback items pending"
                ),
                format!(
                    "{f}:3:45: feedback does not balance: feedback_carried_over + feedback_received = 3, but answered + pending = 2"
                ),
                "2 problems".to_string(),
            ]
        )
    );
}

#[test]
fn feedback_columns_come_all_together() {
    let dir = portal_with_feedback();
    fs::write(
        dir.path().join("content/statistics/2020-05.csv"),
        HEADER.replace(",feedback_pending", "") + "\n",
    )
    .unwrap();
    let (ok, lines) = check(dir.path());
    assert!(!ok);
    assert_eq!(
        lines,
        [
            "content/statistics/2020-05.csv:1:1: missing column `feedback_pending`: the feedback columns (feedback_carried_over, feedback_received, feedback_answered_on_time, feedback_answered_late, feedback_pending) come all five or not at all",
            "1 problem"
        ]
    );
}

#[test]
fn a_unit_with_newly_late_dossiers_and_no_apology_gets_a_warning() {
    let dir = portal_with_feedback();
    // 3 resolved late in May, 2 of them overdue since April (they had their letters then):
    // 1 newly late, and no letter.
    let late = "thu-nghiem,ho-tich,8,10,0,0,5,5,3,5,0,0,1,2,3,0,0,";
    let other = "thu-nghiem,chung-thuc,10,5,0,0,0,15,0,0,0,0,0,3,2,0,1,0";
    may(dir.path(), [&format!("{late}0"), other]);
    let (ok, lines) = check(dir.path());
    assert!(ok, "{lines:?}");
    assert!(
        lines.contains(&"content/statistics/2020-05.csv:2:1: warning: unit `thu-nghiem` had 1 dossiers go past their deadline in 2020-05 but issued no apology letter (apologies is 0); each late dossier calls for a letter of apology with a new return date".to_string()),
        "{lines:?}"
    );
    may(dir.path(), [&format!("{late}1"), other]);
    let (ok, lines) = check(dir.path());
    assert!(ok);
    assert!(!lines.iter().any(|l| l.contains("apology")), "{lines:?}");
}

#[test]
fn the_period_page_shows_feedback_and_apologies_beside_the_late_dossiers() {
    let dir = portal_with_feedback();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let text = visible_text(&read(&out, "thong-ke/2020/04/index.html"));
    assert!(
        text.contains("Trong tháng 4/2020, các đơn vị tiếp nhận 3 phản ánh, kiến nghị mới (cộng 0 từ kỳ trước chuyển qua), đã xử lý 2 (2 trong hạn, 0 quá hạn), còn 1 đang xử lý."),
        "{text}"
    );
    assert!(text.contains("Huyện Thử Nghiệm 0 3 2 0 1 100%"), "{text}");
    assert!(
        text.contains("Trong tháng 4/2020 có 4 hồ sơ trở thành quá hạn; các đơn vị đã phát hành 4 phiếu xin lỗi và hẹn lại ngày trả kết quả."),
        "{text}"
    );
    // March has neither column: no such sections.
    let march = visible_text(&read(&out, "thong-ke/2020/03/index.html"));
    assert!(!march.contains("Phản ánh, kiến nghị về thủ tục hành chính"));
    assert!(!march.contains("phiếu xin lỗi"));
}

/// A procedure of 3 working days at xa-an-binh and Huyện Thử Nghiệm, for the per-procedure
/// figures (the basic portal's others have no time limit as a number, or 0 days).
fn add_three_day_procedure(root: &Path) {
    let base = root.join("content/procedures/cap-xa");
    let text = fs::read_to_string(base.join("dang-ky-khai-sinh.md"))
        .unwrap()
        .replace("code: \"1.001193\"\n", "")
        .replace(
            "name: \"Đăng ký khai sinh\"",
            "name: \"Cấp giấy xác nhận tình trạng hôn nhân\"",
        )
        .replace("  value: 0\n", "  value: 3\n")
        .replace("aliases: [khai-sinh]\n", "");
    fs::write(base.join("xac-nhan-hon-nhan.md"), text).unwrap();
}

fn per_procedure(root: &Path, month: &str, rows: &[&str]) {
    let dir = root.join("content/statistics/thu-tuc");
    fs::create_dir_all(&dir).unwrap();
    let mut text =
        "procedure,unit,received,resolved_on_time,resolved_late,average_days\n".to_string();
    for r in rows {
        text.push_str(r);
        text.push('\n');
    }
    fs::write(dir.join(format!("{month}.csv")), text).unwrap();
}

#[test]
fn per_procedure_figures_appear_on_the_procedure_page() {
    let dir = copy_fixture("basic");
    copy_dir(
        &fixtures().join("statistics/valid"),
        &dir.path().join("content/statistics"),
    );
    add_three_day_procedure(dir.path());
    per_procedure(
        dir.path(),
        "2020-03",
        &[
            "xac-nhan-hon-nhan,xa-an-binh,12,10,0,3",
            "1.001193,xa-an-binh,40,38,0,\"0,5\"",
        ],
    );
    per_procedure(
        dir.path(),
        "2020-04",
        &["xac-nhan-hon-nhan,thu-nghiem,9,6,2,6"],
    );
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let text = visible_text(&read(&out, "thu-tuc/xac-nhan-hon-nhan/index.html"));
    // 18 resolved, 16 in time: 88,9%; (10 × 3 + 8 × 6) / 18 = 4,33 days against 3.
    assert!(
        text.contains("Từ tháng 03/2020 đến tháng 04/2020: 18 hồ sơ đã giải quyết, 88,9% trước hạn và đúng hạn. Trung bình 4,3 ngày làm việc, lâu hơn thời hạn 3 ngày làm việc theo quy định."),
        "{text}"
    );
    assert!(text.contains("Tháng 3/2020 12 10 0 100% 3"), "{text}");
    assert!(text.contains("Tháng 4/2020 9 8 2 75% 6"), "{text}");
    // Named by code, within the day: the average without a comparison.
    let birth = visible_text(&read(&out, "thu-tuc/dang-ky-khai-sinh/index.html"));
    assert!(
        birth.contains("Tháng 03/2020: 38 hồ sơ đã giải quyết, 100% trước hạn và đúng hạn. Trung bình 0,5 ngày làm việc (thời hạn: Trong ngày)."),
        "{birth}"
    );
    // A procedure without figures has no such section; the figures are open data.
    let copy = visible_text(&read(&out, "thu-tuc/chung-thuc-ban-sao/index.html"));
    assert!(!copy.contains("Thời gian giải quyết thực tế"));
    let csv = read(&out, "du-lieu/thong-ke/thu-tuc.csv");
    assert!(
        csv.contains("2020-04,,xac-nhan-hon-nhan,Cấp giấy xác nhận tình trạng hôn nhân,thu-nghiem,Huyện Thử Nghiệm,9,6,2,6\r\n"),
        "{csv}"
    );
}

#[test]
fn per_procedure_rows_are_checked_against_the_catalog_and_the_units_figures() {
    let dir = copy_fixture("basic");
    copy_dir(
        &fixtures().join("statistics/valid"),
        &dir.path().join("content/statistics"),
    );
    per_procedure(
        dir.path(),
        "2020-04",
        &[
            "khong-co,thu-nghiem,1,1,0,1",
            "1.001193,xa-khong-co,1,1,0,1",
            "1.001193,xa-an-binh,5,5,0,",
            "1.001193,xa-an-binh,5,5,0,abc",
            "1.001193,thu-nghiem,5,5,0,1",
            "dang-ky-khai-sinh,thu-nghiem,5,5,0,1",
            // xa-an-binh resolved nothing late in April.
            "2.000815,xa-an-binh,10,7,3,1",
            ",thu-nghiem,1,1,0,1",
            // thi-tran-dong resolved 150 in April.
            "1.001193,thi-tran-dong,200,200,0,1",
        ],
    );
    let old = dir.path().join("content/statistics/thu-tuc/cu");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("2020-01.csv"), "procedure\n").unwrap();
    let f = "content/statistics/thu-tuc/2020-04.csv";
    assert_eq!(
        check(dir.path()),
        (
            false,
            vec![
                format!(
                    "{f}:2:1: no procedure `khong-co` in the catalog: write a procedure code or a file name (without .md) from content/procedures/"
                ),
                format!(
                    "{f}:3:10: unknown unit `xa-khong-co`: there is no content/units/xa-khong-co.yaml"
                ),
                format!("{f}:4:27: `average_days` is empty but dossiers were resolved"),
                format!(
                    "{f}:5:27: `average_days` must be a number of days ≥ 0 (e.g. 4 or 4,5), not `abc`"
                ),
                format!(
                    "{f}:7:1: duplicate row for procedure `dang-ky-khai-sinh` at unit `thu-nghiem` (first at line 6)"
                ),
                format!(
                    "{f}:8:10: the procedures of unit `xa-an-binh` add up to 3 in resolved_late, more than the 0 of the unit's figures for 2020-04 (content/statistics/2020-04.csv)"
                ),
                format!("{f}:9:1: `procedure` is empty: write the procedure's code or slug"),
                format!(
                    "{f}:10:10: the procedures of unit `thi-tran-dong` add up to 200 in resolved, more than the 150 of the unit's figures for 2020-04 (content/statistics/2020-04.csv)"
                ),
                "content/statistics/thu-tuc/cu/2020-01.csv:1:1: per-procedure files must be directly in content/statistics/thu-tuc/ (no sub-folders)".to_string(),
                "9 problems".to_string(),
            ]
        )
    );
}

/// The whole-number after `label` in `text` ("Đã giải quyết 7.599 hồ sơ" → 7599).
fn number_after(text: &str, label: &str) -> u64 {
    let rest = &text[text
        .find(label)
        .unwrap_or_else(|| panic!("{label} in {text}"))
        + label.len()..];
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .filter(char::is_ascii_digit)
        .collect();
    digits
        .parse()
        .unwrap_or_else(|_| panic!("a number after {label}"))
}

#[test]
fn the_report_form_adds_up_to_the_statistics_page() {
    let dir = copy_fixture("basic");
    copy_dir(
        &fixtures().join("statistics/valid"),
        &dir.path().join("content/statistics"),
    );
    let out = dir.path().join("public");
    build(dir.path(), &out);
    for period in ["2020/quy-1", "2020/04", "2020"] {
        let page = visible_text(&read(&out, &format!("thong-ke/{period}/index.html")));
        let csv = read(&out, &format!("thong-ke/{period}/bieu-06/bieu-06.csv"));
        let rows: Vec<Vec<String>> = csv
            .trim_start_matches('\u{feff}')
            .lines()
            .map(|l| {
                let mut r = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .from_reader(l.as_bytes());
                r.records()
                    .next()
                    .unwrap()
                    .unwrap()
                    .iter()
                    .map(str::to_string)
                    .collect()
            })
            .collect();
        assert_eq!(rows[0][2], "(3) Số hồ sơ nhận giải quyết: Tổng số");
        assert_eq!(rows[0][12], "(13) Quá hạn");
        let num = |r: &[String], c: usize| r[c].parse::<u64>().unwrap();
        let total = rows.last().unwrap();
        assert_eq!(total[1], "Tổng cộng");
        // The form's total against the page's summary.
        assert_eq!(
            num(total, 5),
            number_after(&page, "Kỳ trước chuyển qua"),
            "{period}"
        );
        assert_eq!(
            num(total, 2) - num(total, 5),
            number_after(&page, "Mới tiếp nhận"),
            "{period}"
        );
        // "Đã giải quyết 7.599 hồ sơ: trước hạn 2.600, đúng hạn 4.999, quá hạn 0".
        let resolved = &page[page.find("Đã giải quyết ").expect("the summary")..];
        assert_eq!(
            num(total, 6),
            number_after(resolved, "Đã giải quyết"),
            "{period}"
        );
        assert_eq!(
            num(total, 7),
            number_after(resolved, "trước hạn"),
            "{period}"
        );
        assert_eq!(
            num(total, 8),
            number_after(resolved, "đúng hạn"),
            "{period}"
        );
        assert_eq!(num(total, 9), number_after(resolved, "quá hạn"), "{period}");
        assert_eq!(
            num(total, 10),
            number_after(&page, "Đang giải quyết cuối kỳ"),
            "{period}"
        );
        // The level rows (I, II) add up to the total, and each level's fields to the level.
        let levels: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| r[0] == "I" || r[0] == "II")
            .collect();
        assert_eq!(levels.len(), 2, "{period}: district and commune levels");
        for c in 2..13 {
            assert_eq!(
                levels.iter().map(|r| num(r, c)).sum::<u64>(),
                num(total, c),
                "{period} column {}",
                c + 1
            );
        }
        let level_at = rows.iter().position(|r| r[0] == "II").unwrap();
        for c in 2..13 {
            let fields: u64 = rows[2..level_at].iter().map(|r| num(r, c)).sum();
            assert_eq!(
                fields,
                num(&rows[1], c),
                "{period}: district fields, column {}",
                c + 1
            );
        }
        // The page prints on A4 landscape and links its CSV.
        let html = read(&out, &format!("thong-ke/{period}/bieu-06/index.html"));
        assert!(html.contains("Biểu số 06/VPCP/KSTT"));
        assert!(html.contains("bieu-06.csv"));
    }
    let css = read(&out, "assets/bieu-06.css");
    assert!(css.contains("size: A4 landscape"));
}

#[test]
fn the_service_index_estimate_matches_a_hand_computation() {
    let dir = portal_with_feedback();
    let out = dir.path().join("public");
    build(dir.path(), &out);
    let text = visible_text(&read(&out, "thong-ke/2020/04/chi-so/index.html"));
    assert!(text.contains("Đây là ước tính, không phải kết quả chính thức."));
    // Huyện Thử Nghiệm, April: resolved 150 + 400 in time + 2 late = 552, pending 16 within
    // time + 2 overdue. Tiến độ: (550 + 16) / (552 + 18) × 20 = 19,86. Feedback: 3 to handle,
    // 2 answered in time + 1 open = 100 % → 6. Satisfaction: (552 − 3 with feedback − 2 late)
    // / 552 = 99,1 % ≥ 90 % → 6. Total 31,86 of 32 = 99,6 %.
    assert!(
        text.contains("Huyện Thử Nghiệm 19,9 6 6 31,9 32 99,6%"),
        "{text}"
    );
    // Xã An Bình: everything in time, no feedback: the feedback-satisfaction points are shared
    // (9 + 9), so 20 + 9 + 9 = 38 of 38.
    assert!(text.contains("Xã An Bình 20 9 9 38 38 100%"), "{text}");
    // The whole district: in time 230 + 560 = 790 of 792 resolved, pending 31 within time of
    // 33: (790 + 31) / 825 × 20 = 19,90; feedback 6; satisfaction (792 − 3 − 2) / 792 → 6.
    assert!(text.contains("Toàn huyện 19,9 6 6 31,9 32 99,7%"), "{text}");
    assert!(text.contains("Điểm ước tính: 31,9 trên 32 điểm"), "{text}");
    // What needs national data is named, and the official ranking linked.
    assert!(text.contains("Số hóa hồ sơ, kết quả giải quyết: 22 điểm"));
    assert!(
        read(&out, "thong-ke/2020/04/chi-so/index.html").contains("https://dichvucong.gov.vn/")
    );
}

#[test]
fn a_per_procedure_export_is_imported_and_checked() {
    let dir = copy_fixture("basic");
    copy_dir(
        &fixtures().join("statistics/valid"),
        &dir.path().join("content/statistics"),
    );
    let export = fixtures().join("statistics/import/thu-tuc-2020-04.csv");
    let import = |file: &Path| {
        crate::common::congkhai()
            .args([
                "stats",
                "import",
                path(file),
                "--period",
                "2020-04",
                "--by-procedure",
            ])
            .args(["--root", path(dir.path())])
            .output()
            .unwrap()
    };
    let o = import(&export);
    assert!(o.status.success(), "{}", stderr(&o));
    // Codes kept, a name resolved to its procedure's code, unit names to slugs, early and on
    // time added up, total and numbering rows left out.
    assert_eq!(
        fs::read_to_string(dir.path().join("content/statistics/thu-tuc/2020-04.csv")).unwrap(),
        "procedure,unit,received,resolved_on_time,resolved_late,average_days\n\
         1.001193,xa-an-binh,40,38,0,\"0,5\"\n\
         2.000815,thu-nghiem,25,24,1,\"0,8\"\n"
    );
    assert!(run(&["check", "--root", path(dir.path())]).status.success());
    // A procedure the catalog does not have is reported at the export's row; nothing written.
    let bad = dir.path().join("bad.csv");
    fs::write(
        &bad,
        fs::read_to_string(&export)
            .unwrap()
            .replace("Chứng thực bản sao từ bản chính", "Thủ tục không có"),
    )
    .unwrap();
    fs::remove_file(dir.path().join("content/statistics/thu-tuc/2020-04.csv")).unwrap();
    let o = import(&bad);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(&format!(
            "{}:6:1: no procedure `Thủ tục không có` in the catalog",
            bad.display()
        )),
        "{}",
        stderr(&o)
    );
    assert!(
        !dir.path()
            .join("content/statistics/thu-tuc/2020-04.csv")
            .exists()
    );
}
