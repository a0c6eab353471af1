//! A period's figures laid out as the official periodic report on dossier handling
//! (Biểu số 06/VPCP/KSTT, "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị trực tiếp
//! giải quyết TTHC", issued with Circular 01/2020/TT-VPCP): rows by field within each level,
//! thirteen numbered columns. Offices copy these numbers into the report they send upwards,
//! so the page gives them in the form's own order and headings, and as CSV.
//!
//! The form has no column for withdrawn dossiers: they stay out of every column (as on the
//! statistics pages) and the page says how many there were, so that (3) = (7) + (11) +
//! withdrawn.

use std::collections::BTreeMap;

use crate::model::{Level, Portal};
use crate::report::{Figures, MonthlyReport};
use crate::stats;

/// The form's columns (3)–(13), after STT (1) and the field (2).
pub const HEADINGS: [&str; 11] = [
    "Số hồ sơ nhận giải quyết: Tổng số",
    "Trong đó: Trực tuyến",
    "Trong đó: Trực tiếp, dịch vụ bưu chính",
    "Từ kỳ trước",
    "Số hồ sơ đã giải quyết: Tổng số",
    "Trước hạn",
    "Đúng hạn",
    "Quá hạn",
    "Số hồ sơ đang giải quyết: Tổng số",
    "Trong hạn",
    "Quá hạn",
];

/// Columns (3)–(13) of a row.
pub fn columns(f: &Figures) -> [u64; 11] {
    [
        f.received_total(),
        f.received_online,
        f.received_direct + f.received_postal,
        f.carried_over,
        f.resolved(),
        f.resolved_early,
        f.resolved_on_time,
        f.resolved_late,
        f.pending(),
        f.pending_on_time,
        f.pending_overdue,
    ]
}

/// One field's row within a level.
#[derive(Debug, Clone, PartialEq)]
pub struct FormRow {
    /// The field's slug, `None` for rows of units that do not report by field.
    pub field: Option<String>,
    pub name: String,
    pub figures: Figures,
}

/// A level's rows (fields in the site's order) and its subtotal.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelBlock {
    pub level: Level,
    pub rows: Vec<FormRow>,
    pub total: Figures,
}

/// The whole form for a selection of months.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub levels: Vec<LevelBlock>,
    pub total: Figures,
}

/// Builds the form from the months of a period (in month order): every unit's rows added up
/// by level and field, each rolled up over the months like the statistics pages (flows add,
/// carried over is the first month's, pending the last month's).
pub fn build(portal: &Portal, sel: &[&MonthlyReport]) -> Form {
    let level_of = |unit: &str| portal.unit(unit).map_or(Level::Commune, |u| u.kind.level());
    let months: Vec<BTreeMap<(Level, Option<String>), Figures>> = sel
        .iter()
        .map(|r| {
            let mut m: BTreeMap<(Level, Option<String>), Figures> = BTreeMap::new();
            for row in &r.rows {
                *m.entry((level_of(&row.unit), row.field.clone()))
                    .or_default() += row.figures;
            }
            m
        })
        .collect();
    let rolled = stats::roll_up(&months);
    let field_pos = |f: &Option<String>| {
        f.as_ref().map_or(usize::MAX, |s| {
            portal
                .fields
                .iter()
                .position(|x| &x.slug == s)
                .unwrap_or(usize::MAX - 1)
        })
    };
    let mut levels = Vec::new();
    for level in [Level::District, Level::Commune] {
        let mut rows: Vec<FormRow> = rolled
            .iter()
            .filter(|((l, _), _)| *l == level)
            .map(|((_, field), f)| FormRow {
                field: field.clone(),
                name: match field {
                    Some(s) => portal
                        .field(s)
                        .map_or_else(|| s.clone(), |x| x.name.clone()),
                    None => "Chưa phân loại theo lĩnh vực".to_string(),
                },
                figures: *f,
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        rows.sort_by_key(|r| field_pos(&r.field));
        let total = rows.iter().map(|r| r.figures).sum();
        levels.push(LevelBlock { level, rows, total });
    }
    let total = levels.iter().map(|l| l.total).sum();
    Form { levels, total }
}

/// The form as CSV (UTF-8 with BOM, CRLF, for spreadsheets): the form's numbered headings,
/// then a heading row per level, its fields and its subtotal, and the grand total.
pub fn csv(form: &Form) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = vec![
        "(1) STT".to_string(),
        "(2) Lĩnh vực, công việc giải quyết theo cấp".to_string(),
    ];
    header.extend(
        HEADINGS
            .iter()
            .enumerate()
            .map(|(i, h)| format!("({}) {h}", i + 3)),
    );
    let mut rows = vec![header];
    let line = |stt: String, name: String, f: &Figures| {
        let mut v = vec![stt, name];
        v.extend(columns(f).iter().map(u64::to_string));
        v
    };
    for (i, block) in form.levels.iter().enumerate() {
        rows.push(line(
            crate::stats::roman(i as u8 + 1).to_string(),
            block.level.label().to_string(),
            &block.total,
        ));
        for (j, r) in block.rows.iter().enumerate() {
            rows.push(line((j + 1).to_string(), r.name.clone(), &r.figures));
        }
    }
    rows.push(line(String::new(), "Tổng cộng".to_string(), &form.total));
    for r in &rows {
        w.write_record(r).expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_columns_add_up_like_the_form() {
        let f = Figures {
            carried_over: 5,
            received_online: 10,
            received_direct: 20,
            received_postal: 2,
            resolved_early: 8,
            resolved_on_time: 15,
            resolved_late: 1,
            pending_on_time: 6,
            pending_overdue: 1,
            withdrawn: 6,
            ..Default::default()
        };
        let c = columns(&f);
        assert_eq!(c[0], c[1] + c[2] + c[3], "(3) = (4) + (5) + (6)");
        assert_eq!(c[4], c[5] + c[6] + c[7], "(7) = (8) + (9) + (10)");
        assert_eq!(c[8], c[9] + c[10], "(11) = (12) + (13)");
        assert_eq!(
            c[0],
            c[4] + c[8] + f.withdrawn,
            "(3) = (7) + (11) + withdrawn"
        );
    }
}
