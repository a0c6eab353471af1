//! Reading `content/statistics/thu-tuc/YYYY-MM.csv`: how one month's dossiers of each
//! procedure went at each unit (received, resolved in time, resolved late, average time taken).
//!
//! Read after the catalog, because every row names a procedure (by code or slug) that must
//! exist, and after the monthly reports, because a unit's procedures cannot have resolved more
//! dossiers than the unit's own report says it resolved that month. Every problem is reported
//! at its line and column, all at once.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diag::Diagnostics;
use crate::error::Result;
use crate::model::{Procedure, Unit};
use crate::report::{Month, MonthlyReport, PROCEDURE_COLUMNS, ProcedureMonth};

use super::csv_file::CsvFile;
use super::source;

/// The folder under `content/statistics/` that holds the per-procedure files.
pub const FOLDER: &str = "thu-tuc";

/// Reads every `*.csv` in `dir`, checked against the catalog and the monthly reports; the
/// rows by procedure slug, each procedure's rows in month order then unit order. With
/// `catalog_ok` false (the catalog itself has problems, so some procedures are missing from
/// `procedures`) procedure names are not checked, to avoid a flood of follow-on errors.
pub fn load(
    dir: &Path,
    procedures: &[Procedure],
    catalog_ok: bool,
    units: &[Unit],
    reports: &[MonthlyReport],
    diags: &mut Diagnostics,
) -> Result<BTreeMap<String, Vec<ProcedureMonth>>> {
    let by_name = names(procedures);
    let unit_order: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.slug.as_str(), i))
        .collect();
    let mut out: BTreeMap<String, Vec<ProcedureMonth>> = BTreeMap::new();
    let files = source::month_files(dir, None, &crate::tr!("timeliness-subfolder"), diags)?;
    for (path, month, text) in files {
        let report = reports.iter().find(|r| r.month == month);
        let names = catalog_ok.then_some(&by_name);
        for row in parse(&path, month, &text, names, &unit_order, report, diags) {
            out.entry(row.procedure.clone()).or_default().push(row);
        }
    }
    for rows in out.values_mut() {
        rows.sort_by_key(|r| (r.month, unit_order.get(r.unit.as_str()).copied()));
    }
    Ok(out)
}

/// Checks one month's text against a loaded portal, as [`load`] would: for `stats import`,
/// before it writes anything.
pub fn check_text(
    portal: &crate::model::Portal,
    path: &Path,
    month: Month,
    text: &str,
    diags: &mut Diagnostics,
) -> Vec<ProcedureMonth> {
    let by_name = names(&portal.procedures);
    let units: HashMap<&str, usize> = portal
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.slug.as_str(), i))
        .collect();
    let report = portal.reports.iter().find(|r| r.month == month);
    parse(path, month, text, Some(&by_name), &units, report, diags)
}

/// Entry point for the fuzz target only: checks `text` as a per-procedure month against a
/// small catalog (`1.001193`, `dang-ky-khai-sinh`), two units and a month report; returns how
/// many rows passed. It must never panic, whatever the text.
#[doc(hidden)]
pub fn parse_for_fuzz(text: &str) -> usize {
    use crate::report::{Figures, ReportRow};
    let month = Month::parse("2020-01").expect("a month");
    let procedures = HashMap::from([
        ("1.001193", "dang-ky-khai-sinh"),
        ("dang-ky-khai-sinh", "dang-ky-khai-sinh"),
    ]);
    let units = HashMap::from([("xa-an-binh", 0), ("yen-lap", 1)]);
    let report = MonthlyReport {
        month,
        rows: vec![ReportRow {
            unit: "xa-an-binh".into(),
            field: None,
            figures: Figures {
                resolved_on_time: 10,
                resolved_late: 1,
                ..Default::default()
            },
        }],
        has_survey: false,
        has_feedback: false,
        has_apologies: false,
    };
    let path = Path::new("content/statistics/thu-tuc/2020-01.csv");
    let mut diags = Diagnostics::new(Path::new(""));
    let checked = parse(
        path,
        month,
        text,
        Some(&procedures),
        &units,
        Some(&report),
        &mut diags,
    );
    let unchecked = parse(path, month, text, None, &units, None, &mut diags);
    checked.len() + unchecked.len()
}

/// A procedure is named by its code where it has one, or by its slug: both → its slug.
fn names(procedures: &[Procedure]) -> HashMap<&str, &str> {
    let mut by_name = HashMap::new();
    for p in procedures {
        by_name.insert(p.slug.as_str(), p.slug.as_str());
        if let Some(code) = &p.code {
            by_name.insert(code.as_str(), p.slug.as_str());
        }
    }
    by_name
}

/// A decimal number of days as people write it: `4`, `4.5`, `4,5`; never negative.
pub fn parse_days(s: &str) -> Option<f64> {
    let s = s.trim();
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && s.bytes().filter(|&b| b == b'.' || b == b',').count() <= 1
        && s.as_bytes()[0].is_ascii_digit()
        && s.as_bytes()[s.len() - 1].is_ascii_digit();
    if !ok {
        return None;
    }
    s.replace(',', ".").parse().ok()
}

/// Parses and checks one month's file; the rows that passed every check.
fn parse(
    path: &Path,
    month: Month,
    text: &str,
    procedures: Option<&HashMap<&str, &str>>,
    units: &HashMap<&str, usize>,
    report: Option<&MonthlyReport>,
    diags: &mut Diagnostics,
) -> Vec<ProcedureMonth> {
    let Some(file) = CsvFile::open(path, text, diags) else {
        return Vec::new();
    };
    let known: Vec<(&str, bool)> = PROCEDURE_COLUMNS.iter().map(|c| (*c, true)).collect();
    if !file.check_columns(&known, diags) {
        return Vec::new();
    }
    let names = file.names.clone();
    let index = |c: &str| names.iter().position(|n| n == c).expect("checked above");
    let mut rows = Vec::new();
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    // Unit → (resolved, resolved late, line and column of its first row), for the check
    // against the unit's own report.
    let mut per_unit: BTreeMap<String, (u64, u64, usize, usize)> = BTreeMap::new();
    for row in file.rows(diags) {
        let line = row.line;
        let cell = |c: &str| row.cell(index(c));
        let mut ok = true;
        let (name, name_col) = cell("procedure");
        let slug = match procedures {
            Some(known) => known.get(name).copied(),
            None => Some(name), // not checked; the rows are not kept either
        };
        if slug.is_none() || name.is_empty() {
            let msg = if name.is_empty() {
                crate::tr!("timeliness-procedure-empty")
            } else {
                crate::tr!("timeliness-unknown-procedure", procedure = name)
            };
            diags.at(path, line, name_col, msg);
            ok = false;
        }
        let (unit, unit_col) = cell("unit");
        if unit.is_empty() {
            diags.at(path, line, unit_col, crate::tr!("csv-unit-empty"));
            ok = false;
        } else if !units.contains_key(unit) {
            diags.at(
                path,
                line,
                unit_col,
                crate::tr!("csv-unknown-unit", unit = unit),
            );
            ok = false;
        }
        let mut count = |c: &str| -> u64 {
            let (value, col) = cell(c);
            if value.is_empty() {
                diags.at(path, line, col, crate::tr!("csv-cell-empty", column = c));
                ok = false;
                return 0;
            }
            crate::report::parse_count(value).unwrap_or_else(|| {
                diags.at(
                    path,
                    line,
                    col,
                    crate::tr!("csv-not-count", column = c, value = value),
                );
                ok = false;
                0
            })
        };
        let received = count("received");
        let on_time = count("resolved_on_time");
        let late = count("resolved_late");
        let (days, days_col) = cell("average_days");
        let average_days = if days.is_empty() {
            if on_time + late > 0 {
                diags.at(path, line, days_col, crate::tr!("timeliness-days-empty"));
                ok = false;
            }
            None
        } else {
            match parse_days(days) {
                Some(d) => Some(d),
                None => {
                    diags.at(
                        path,
                        line,
                        days_col,
                        crate::tr!("timeliness-days-invalid", value = days),
                    );
                    ok = false;
                    None
                }
            }
        };
        if !ok {
            continue;
        }
        let slug = slug.expect("checked");
        if let Some(first) = seen.insert((slug.to_string(), unit.to_string()), line) {
            diags.at(
                path,
                line,
                name_col,
                crate::tr!(
                    "timeliness-duplicate",
                    procedure = name,
                    unit = unit,
                    first = first
                ),
            );
            continue;
        }
        let u = per_unit
            .entry(unit.to_string())
            .or_insert((0, 0, line, unit_col));
        u.0 += on_time + late;
        u.1 += late;
        rows.push(ProcedureMonth {
            month,
            procedure: slug.to_string(),
            unit: unit.to_string(),
            received,
            resolved_on_time: on_time,
            resolved_late: late,
            // A month with nothing resolved has no average, whatever the cell says.
            average_days: average_days.filter(|_| on_time + late > 0),
        });
    }
    if let Some(report) = report {
        for (unit, (resolved, late, line, col)) in per_unit {
            let own = crate::stats::unit_total(&[report], &unit).unwrap_or_default();
            let over = if resolved > own.resolved() {
                Some(("resolved", resolved, own.resolved()))
            } else if late > own.resolved_late {
                Some(("resolved_late", late, own.resolved_late))
            } else {
                None
            };
            if let Some((what, count, total)) = over {
                let msg = crate::tr!(
                    "timeliness-more-than-unit",
                    unit = unit,
                    what = what,
                    count = count,
                    month = month,
                    total = total
                );
                diags.at(path, line, col, msg);
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_with_a_dot_or_a_comma_and_nothing_else() {
        assert_eq!(parse_days("4"), Some(4.0));
        assert_eq!(parse_days("4,5"), Some(4.5));
        assert_eq!(parse_days(" 12.25 "), Some(12.25));
        for bad in ["", "-1", "4,", ",5", "1.2.3", "4 ngày", "1e3"] {
            assert_eq!(parse_days(bad), None, "{bad}");
        }
    }
}
