//! What a statistics page shows beyond the dossier counts: feedback and recommendations
//! (phản ánh, kiến nghị) and how they were answered, and apology letters set against the
//! dossiers that went past their deadline. Shown only where the month files have the columns.

use serde::Serialize;

use crate::model::Portal;
use crate::report::{Figures, MonthlyReport};
use crate::stats::{self, Rate};
use crate::text::format_int;

/// One unit's (or the total's) feedback and apology figures, formatted.
#[derive(Debug, Serialize)]
pub struct Row {
    pub name: String,
    pub link: Option<String>,
    pub cells: Vec<String>,
    /// Something was answered late, or a late dossier went without a letter.
    pub flagged: bool,
}

/// A table by unit with its total row.
#[derive(Debug, Serialize)]
pub struct Table {
    pub id: String,
    pub caption: String,
    pub headings: Vec<&'static str>,
    /// The units with something to show (the total counts every unit).
    pub rows: Vec<Row>,
    pub total: Row,
    /// Says how many units are in the total but not listed, having nothing to show.
    pub others: Option<String>,
    /// One sentence for the page: the period's totals.
    pub summary: String,
    /// What a flagged row's mark says (a flag is never colour alone).
    pub flag: &'static str,
}

fn n(v: u64) -> String {
    format_int(v as i64)
}

/// "Bảng liệt kê các đơn vị có số liệu; 3 đơn vị khác {what} (có trong dòng tổng)."
fn unlisted(count: usize, what: &str) -> Option<String> {
    (count > 0).then(|| {
        format!(
            "Bảng liệt kê các đơn vị có số liệu; {} đơn vị khác {what} (có trong dòng tổng).",
            format_int(count as i64)
        )
    })
}

/// Answered in time / answered.
pub fn feedback_rate(f: &Figures) -> Option<Rate> {
    Rate::new(f.feedback_answered_on_time, f.feedback_answered())
}

fn feedback_cells(f: &Figures) -> Vec<String> {
    vec![
        n(f.feedback_carried_over),
        n(f.feedback_received),
        n(f.feedback_answered_on_time),
        n(f.feedback_answered_late),
        n(f.feedback_pending),
        feedback_rate(f).map_or_else(|| "–".into(), Rate::vi),
    ]
}

/// Dossiers that went past their deadline during the period: resolved late, plus still
/// overdue at its end, less those already overdue when it began (they were counted, and had
/// their letter, before). `overdue_before` is the pending overdue at the end of the month
/// before the period (0 when that month has no report).
pub fn newly_late(f: &Figures, overdue_before: u64) -> u64 {
    f.late_dossiers().saturating_sub(overdue_before)
}

fn apology_cells(f: &Figures, overdue_before: u64) -> Vec<String> {
    vec![
        n(f.resolved_late),
        n(f.pending_overdue),
        n(newly_late(f, overdue_before)),
        n(f.apologies),
    ]
}

/// Per unit, the pending overdue at the end of the month before `sel` (the carried-over
/// overdue dossiers of the period).
fn overdue_before(
    portal: &Portal,
    sel: &[&MonthlyReport],
) -> std::collections::BTreeMap<String, u64> {
    let Some(first) = sel.first() else {
        return Default::default();
    };
    portal
        .reports
        .iter()
        .find(|r| r.month == first.month.prev())
        .map(|prev| {
            stats::month_by_unit(prev)
                .into_iter()
                .map(|(u, f)| (u, f.pending_overdue))
                .collect()
        })
        .unwrap_or_default()
}

/// The feedback table of a period, or `None` when none of its months has the columns.
pub fn feedback_table(portal: &Portal, sel: &[&MonthlyReport], what: &str) -> Option<Table> {
    if !sel.iter().any(|r| r.has_feedback) {
        return None;
    }
    let by_unit = stats::by_unit(sel);
    let total = stats::total(sel);
    let rows: Vec<Row> = portal
        .units
        .iter()
        .filter_map(|u| {
            // Units with nothing to report are summed in the total, not listed: a province
            // has hundreds of units, most with no feedback in a month.
            let f = by_unit.get(&u.slug).filter(|f| f.feedback_total() > 0)?;
            Some(Row {
                name: u.name.clone(),
                link: Some(format!("don-vi/{}/", u.slug)),
                cells: feedback_cells(f),
                flagged: f.feedback_answered_late > 0,
            })
        })
        .collect();
    let others = unlisted(
        by_unit.len() - rows.len(),
        "không có phản ánh, kiến nghị nào",
    );
    let summary = format!(
        "Trong {what}, các đơn vị tiếp nhận {} phản ánh, kiến nghị mới (cộng {} từ kỳ trước chuyển qua), đã xử lý {} ({} trong hạn, {} quá hạn), còn {} đang xử lý.",
        n(total.feedback_received),
        n(total.feedback_carried_over),
        n(total.feedback_answered()),
        n(total.feedback_answered_on_time),
        n(total.feedback_answered_late),
        n(total.feedback_pending)
    );
    Some(Table {
        id: "phan-anh".into(),
        caption: format!("Phản ánh, kiến nghị về thủ tục hành chính theo đơn vị, {what}"),
        headings: vec![
            "Kỳ trước chuyển qua",
            "Mới tiếp nhận",
            "Đã xử lý trong hạn",
            "Đã xử lý quá hạn",
            "Đang xử lý",
            "Tỷ lệ xử lý trong hạn",
        ],
        rows,
        total: Row {
            name: "Toàn huyện".into(),
            link: None,
            cells: feedback_cells(&total),
            flagged: total.feedback_answered_late > 0,
        },
        others,
        summary,
        flag: "⚠ Có phản ánh, kiến nghị xử lý quá hạn",
    })
}

/// The apology table of a period, or `None` when none of its months has the column.
pub fn apology_table(portal: &Portal, sel: &[&MonthlyReport], what: &str) -> Option<Table> {
    if !sel.iter().any(|r| r.has_apologies) {
        return None;
    }
    let by_unit = stats::by_unit(sel);
    let before = overdue_before(portal, sel);
    let total = stats::total(sel);
    let total_before: u64 = before.values().sum();
    let rows: Vec<Row> = portal
        .units
        .iter()
        .filter_map(|u| {
            let f = by_unit.get(&u.slug)?;
            let b = before.get(&u.slug).copied().unwrap_or(0);
            // Only units with late dossiers or letters: the others have nothing to show.
            if f.late_dossiers() == 0 && f.apologies == 0 {
                return None;
            }
            Some(Row {
                name: u.name.clone(),
                link: Some(format!("don-vi/{}/", u.slug)),
                cells: apology_cells(f, b),
                flagged: newly_late(f, b) > 0 && f.apologies == 0,
            })
        })
        .collect();
    let others = unlisted(by_unit.len() - rows.len(), "không có hồ sơ quá hạn nào");
    let late = newly_late(&total, total_before);
    let summary = if late == 0 && total.apologies == 0 {
        format!("Trong {what} không có hồ sơ nào trở thành quá hạn, không cần phiếu xin lỗi.")
    } else {
        format!(
            "Trong {what} có {} hồ sơ trở thành quá hạn; các đơn vị đã phát hành {} phiếu xin lỗi và hẹn lại ngày trả kết quả.",
            n(late),
            n(total.apologies)
        )
    };
    Some(Table {
        id: "xin-loi".into(),
        caption: format!("Hồ sơ quá hạn và phiếu xin lỗi theo đơn vị, {what}"),
        headings: vec![
            "Đã giải quyết quá hạn",
            "Đang giải quyết quá hạn (cuối kỳ)",
            "Trở thành quá hạn trong kỳ",
            "Phiếu xin lỗi đã phát hành",
        ],
        rows,
        total: Row {
            name: "Toàn huyện".into(),
            link: None,
            cells: apology_cells(&total, total_before),
            flagged: late > 0 && total.apologies == 0,
        },
        others,
        summary,
        flag: "⚠ Có hồ sơ quá hạn chưa có phiếu xin lỗi",
    })
}

/// A unit's feedback and apologies over some months (`f` rolled up), for its page: `None`
/// when its months have neither column.
pub fn unit_sentence(f: &Figures, feedback: bool, apologies: bool) -> Option<String> {
    let mut parts = Vec::new();
    if feedback {
        parts.push(format!(
            "tiếp nhận {} phản ánh, kiến nghị, đã xử lý {} ({} trong hạn)",
            n(f.feedback_received),
            n(f.feedback_answered()),
            n(f.feedback_answered_on_time)
        ));
    }
    if apologies {
        parts.push(format!(
            "phát hành {} phiếu xin lỗi và hẹn lại ngày trả kết quả",
            n(f.apologies)
        ));
    }
    (!parts.is_empty()).then(|| {
        let mut s = parts.join("; ");
        s.replace_range(..1, &s[..1].to_uppercase());
        s + "."
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_dossiers_newly_past_their_deadline_call_for_a_letter() {
        // Two were overdue at the end of the month before: one resolved late now, one still
        // overdue; one more went overdue this month.
        let f = Figures {
            resolved_late: 1,
            pending_overdue: 2,
            ..Default::default()
        };
        assert_eq!(newly_late(&f, 2), 1);
        assert_eq!(newly_late(&f, 0), 3);
        assert_eq!(newly_late(&f, 5), 0);
    }
}
