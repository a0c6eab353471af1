//! Reading `content/statistics/YYYY-MM.csv`: one month of dossier handling per file.
//!
//! Every rule of the content format is checked and every broken row is reported at its CSV
//! line (and the column of the offending cell), all at once, so that a clerk fixing a month
//! sees every problem in one `congkhai check`. The carried-over figures are checked across
//! months last, once every file has been read.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::error::Result;
use crate::model::{Field, Unit};
use crate::report::{COLUMNS, FEEDBACK_COLUMNS, Figures, Month, MonthlyReport, ReportRow};
use crate::text::collation_key;

use super::csv_file::CsvFile;
use super::source;

/// Where a row came from, for the cross-month checks.
#[derive(Debug, Clone)]
pub struct RowPos {
    pub line: usize,
    /// Column of the `unit` and `carried_over` cells (1-based characters).
    pub unit_col: usize,
    pub carried_col: usize,
    /// Column of the `feedback_carried_over` cell, where the file has one.
    pub feedback_col: usize,
}

/// A parsed month with the position of each row, in the same order as `report.rows`.
#[derive(Debug, Clone)]
pub struct Located {
    pub path: PathBuf,
    pub report: MonthlyReport,
    pub positions: Vec<RowPos>,
    /// Whether every row of the file was read: rows with problems are left out of `report`,
    /// so a row missing from an incomplete file may only be a rejected one.
    pub complete: bool,
}

/// Reads every `*.csv` under `dir` (missing folder: no statistics), checks each file and
/// the carry-over between consecutive months. `fields` is `None` when `fields.yaml` itself
/// is broken (then field slugs are not checked, to avoid a flood of follow-on errors).
/// With `kept` (under `serve`), the reports and problems of files whose text, units and
/// fields are those of the last load are not made again: parsing, checking and sorting two
/// years of a province's figures was a fifth of a rebuild's loading.
pub fn load(
    dir: &Path,
    units: &[(PathBuf, Unit)],
    fields: Option<&[Field]>,
    diags: &mut Diagnostics,
    kept: Option<&Kept>,
) -> Result<Vec<MonthlyReport>> {
    // The per-procedure files are read with the catalog, by `timeliness`.
    let per_procedure = dir.join(super::timeliness::FOLDER);
    let files = source::month_files(
        dir,
        Some(&per_procedure),
        &crate::tr!("stats-subfolder"),
        diags,
    )?;
    let Some(kept) = kept else {
        return Ok(reports(files, units, fields, diags));
    };
    let key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::hash::DefaultHasher::new();
        crate::memo::hash_debug(0, &(units, fields)).hash(&mut h);
        for (path, _, text) in &files {
            path.hash(&mut h);
            text.hash(&mut h);
        }
        h.finish()
    };
    let mut slot = kept.0.lock().expect("no panic under the lock");
    if let Some((_, reports, problems)) = slot.as_ref().filter(|(k, _, _)| *k == key) {
        diags.absorb(problems.clone());
        return Ok(reports.clone());
    }
    let mut own = diags.fresh();
    let made = reports(files, units, fields, &mut own);
    *slot = Some((key, made.clone(), own.clone()));
    diags.absorb(own);
    Ok(made)
}

/// What `serve` keeps of the statistics from one load to the next: the key of their files,
/// units and fields, the reports and the problems found.
#[derive(Default)]
pub struct Kept(std::sync::Mutex<Option<(u64, Vec<MonthlyReport>, Diagnostics)>>);

/// The reports of the month files `files`, checked and sorted.
fn reports(
    files: Vec<(PathBuf, Month, String)>,
    units: &[(PathBuf, Unit)],
    fields: Option<&[Field]>,
    diags: &mut Diagnostics,
) -> Vec<MonthlyReport> {
    let unit_slugs: Vec<&str> = units.iter().map(|(_, u)| u.slug.as_str()).collect();
    let field_slugs: Option<Vec<&str>> =
        fields.map(|f| f.iter().map(|f| f.slug.as_str()).collect());
    let mut months = Vec::new();
    for (path, month, text) in files {
        if let Some(located) = parse(
            &path,
            month,
            &text,
            &unit_slugs,
            field_slugs.as_deref(),
            diags,
        ) {
            months.push(located);
        }
    }
    check_carry_over(&months, diags);
    check_apologies(&months, diags);
    // Sort rows the way the site lists units (district first, Vietnamese order) and fields.
    let unit_key: HashMap<&str, _> = units
        .iter()
        .map(|(_, u)| {
            (
                u.slug.as_str(),
                (u.kind.level(), collation_key(&u.name), u.slug.clone()),
            )
        })
        .collect();
    let field_index: HashMap<&str, usize> = fields
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, f)| (f.slug.as_str(), i))
        .collect();
    let mut reports: Vec<MonthlyReport> = months.into_iter().map(|l| l.report).collect();
    for r in &mut reports {
        r.rows.sort_by(|a, b| {
            let ka = (
                unit_key.get(a.unit.as_str()),
                a.field.as_ref().map(|f| field_index.get(f.as_str())),
            );
            let kb = (
                unit_key.get(b.unit.as_str()),
                b.field.as_ref().map(|f| field_index.get(f.as_str())),
            );
            ka.cmp(&kb)
                .then_with(|| a.unit.cmp(&b.unit))
                .then_with(|| a.field.cmp(&b.field))
        });
    }
    reports.sort_by_key(|r| r.month);
    reports
}

/// Parses and checks one month's CSV `text`; `None` when the header is unusable. Problems
/// in rows are recorded and the broken rows left out.
pub fn parse(
    path: &Path,
    month: Month,
    text: &str,
    units: &[&str],
    fields: Option<&[&str]>,
    diags: &mut Diagnostics,
) -> Option<Located> {
    let problems_before = diags.len();
    let file = CsvFile::open(path, text, diags)?;
    let mut broken = !file.check_columns(COLUMNS, diags);
    let has_feedback = FEEDBACK_COLUMNS.iter().any(|c| file.has(c));
    if has_feedback {
        for c in FEEDBACK_COLUMNS.iter().filter(|c| !file.has(c)) {
            file.header_problem(crate::tr!("csv-feedback-column", name = c), diags);
            broken = true;
        }
    }
    if broken {
        return None;
    }
    let names = file.names.clone();
    let index = |c: &str| names.iter().position(|n| n == c);
    let mut report = MonthlyReport {
        month,
        rows: Vec::new(),
        has_survey: file.has("surveyed") || file.has("satisfied"),
        has_feedback,
        has_apologies: file.has("apologies"),
    };
    let mut positions = Vec::new();
    // (unit, field) → first line; unit → (has split rows, has unsplit rows, first line).
    let mut seen: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
    let mut modes: BTreeMap<String, (bool, bool, usize)> = BTreeMap::new();
    for row in file.rows(diags) {
        let line = row.line;
        let cell = |c: &str| index(c).map(|i| row.cell(i));
        let mut ok = true;
        let (unit, unit_col) = cell("unit").expect("required column");
        if unit.is_empty() {
            diags.at(path, line, unit_col, crate::tr!("csv-unit-empty"));
            ok = false;
        } else if !units.contains(&unit) {
            diags.at(
                path,
                line,
                unit_col,
                crate::tr!("csv-unknown-unit", unit = unit),
            );
            ok = false;
        }
        let (field, field_col) = cell("field").expect("required column");
        let field = (!field.is_empty()).then(|| field.to_string());
        if let (Some(f), Some(known)) = (&field, fields)
            && !known.contains(&f.as_str())
        {
            diags.at(
                path,
                line,
                field_col,
                crate::tr!("csv-unknown-field", field = f),
            );
            ok = false;
        }
        let mut figures = Figures::default();
        for (c, required) in COLUMNS.iter().skip(2) {
            let Some((value, vcol)) = cell(c) else {
                continue;
            };
            let slot = figures.get_mut(c).expect("a figure column");
            if value.is_empty() {
                if *required {
                    diags.at(path, line, vcol, crate::tr!("csv-cell-empty", column = c));
                    ok = false;
                }
                continue;
            }
            match crate::report::parse_count(value) {
                Some(n) => *slot = n,
                None => {
                    diags.at(
                        path,
                        line,
                        vcol,
                        crate::tr!("csv-not-count", column = c, value = value),
                    );
                    ok = false;
                }
            }
        }
        if !ok {
            continue;
        }
        if !figures.balances() {
            diags.at(
                path,
                line,
                unit_col,
                crate::tr!(
                    "csv-unbalanced",
                    received = figures.received_total(),
                    handled = figures.handled_total()
                ),
            );
            ok = false;
        }
        if !figures.feedback_balances() {
            let fcol = cell("feedback_carried_over").map_or(1, |(_, c)| c);
            diags.at(
                path,
                line,
                fcol,
                crate::tr!(
                    "csv-feedback-unbalanced",
                    received = figures.feedback_total(),
                    handled = figures.feedback_answered() + figures.feedback_pending
                ),
            );
            ok = false;
        }
        if figures.satisfied > figures.surveyed {
            let scol = cell("satisfied").map_or(1, |(_, c)| c);
            diags.at(
                path,
                line,
                scol,
                crate::tr!(
                    "csv-satisfied",
                    satisfied = figures.satisfied,
                    surveyed = figures.surveyed
                ),
            );
            ok = false;
        }
        let key = (unit.to_string(), field.clone());
        if let Some(first) = seen.get(&key) {
            let what = match &field {
                Some(f) => crate::tr!("csv-field-named", field = f),
                None => crate::tr!("csv-no-field"),
            };
            diags.at(
                path,
                line,
                unit_col,
                crate::tr!("csv-duplicate-row", unit = unit, what = what, first = first),
            );
            continue;
        }
        seen.insert(key, line);
        let mode = modes
            .entry(unit.to_string())
            .or_insert((false, false, line));
        if field.is_some() {
            mode.0 = true
        } else {
            mode.1 = true
        }
        if mode.0 && mode.1 {
            diags.at(
                path,
                line,
                field_col,
                crate::tr!("csv-mixed-rows", unit = unit, first = mode.2),
            );
            continue;
        }
        if ok {
            let carried_col = cell("carried_over").map_or(1, |(_, c)| c);
            report.rows.push(ReportRow {
                unit: unit.to_string(),
                field,
                figures,
            });
            positions.push(RowPos {
                line,
                unit_col,
                carried_col,
                feedback_col: cell("feedback_carried_over").map_or(1, |(_, c)| c),
            });
        }
    }
    Some(Located {
        path: path.to_path_buf(),
        report,
        positions,
        complete: diags.len() == problems_before,
    })
}

/// Checks each month's `carried_over` against the previous month's pending, where the
/// previous month's file is present: row by row, or on the unit's total when the unit
/// switched between rows by field and a single row.
pub fn check_carry_over(months: &[Located], diags: &mut Diagnostics) {
    let by_month: BTreeMap<Month, &Located> = months.iter().map(|l| (l.report.month, l)).collect();
    for cur in months {
        let Some(prev) = by_month.get(&cur.report.month.prev()) else {
            continue;
        };
        check_pair(prev, cur, diags);
        if prev.report.has_feedback && cur.report.has_feedback {
            check_feedback_pair(prev, cur, diags);
        }
    }
}

/// The feedback carried over into `cur` against what was still open at the end of the month
/// before: row by row, or on the unit's total when the unit switched between rows by field and
/// a single row (as for dossiers).
pub fn check_feedback_pair(prev: &Located, cur: &Located, diags: &mut Diagnostics) {
    let mut prev_split: HashMap<&str, bool> = HashMap::new();
    let mut prev_unit: HashMap<&str, u64> = HashMap::new();
    let mut prev_row: HashMap<(&str, Option<&str>), u64> = HashMap::new();
    for r in &prev.report.rows {
        prev_split.entry(&r.unit).or_insert(r.field.is_some());
        *prev_unit.entry(&r.unit).or_default() += r.figures.feedback_pending;
        prev_row
            .entry((&r.unit, r.field.as_deref()))
            .or_insert(r.figures.feedback_pending);
    }
    let mut cur_unit: HashMap<&str, u64> = HashMap::new();
    for r in &cur.report.rows {
        *cur_unit.entry(&r.unit).or_default() += r.figures.feedback_carried_over;
    }
    let mut unit_done = std::collections::HashSet::new();
    for (row, pos) in cur.report.rows.iter().zip(&cur.positions) {
        let split = prev_split.get(row.unit.as_str()).copied();
        let switched = split.is_some() && split != Some(row.field.is_some());
        let (carried, pending) = if switched {
            if !unit_done.insert(row.unit.as_str()) {
                continue;
            }
            (
                cur_unit.get(row.unit.as_str()).copied().unwrap_or(0),
                prev_unit.get(row.unit.as_str()).copied().unwrap_or(0),
            )
        } else {
            (
                row.figures.feedback_carried_over,
                prev_row
                    .get(&(row.unit.as_str(), row.field.as_deref()))
                    .copied()
                    .unwrap_or(0),
            )
        };
        if carried != pending {
            diags.at(
                &cur.path,
                pos.line,
                pos.feedback_col,
                crate::tr!(
                    "carry-feedback",
                    carried = carried,
                    month = prev.report.month,
                    pending = pending,
                    unit = row.unit
                ),
            );
        }
    }
}

/// Warns where a unit had dossiers go past their deadline in a month and issued no apology
/// letter: the one-stop-shop rules call for one to each applicant whose dossier is late, and
/// the portal shows the two side by side. Dossiers already overdue at the previous month's end
/// had their letter then, so only the newly late count: resolved late or pending overdue,
/// less what was pending overdue before. Only months whose file has `apologies` are looked at.
pub fn check_apologies(months: &[Located], diags: &mut Diagnostics) {
    let by_month: BTreeMap<Month, &Located> = months.iter().map(|l| (l.report.month, l)).collect();
    for m in months.iter().filter(|m| m.report.has_apologies) {
        let mut overdue_before: HashMap<&str, u64> = HashMap::new();
        if let Some(prev) = by_month.get(&m.report.month.prev()) {
            for row in &prev.report.rows {
                *overdue_before.entry(&row.unit).or_default() += row.figures.pending_overdue;
            }
        }
        // Unit → (late dossiers, apologies, line of its first row); warnings are sorted later.
        let mut units: HashMap<&str, (u64, u64, usize)> = HashMap::new();
        for (row, pos) in m.report.rows.iter().zip(&m.positions) {
            let u = units.entry(&row.unit).or_insert((0, 0, pos.line));
            u.0 += row.figures.late_dossiers();
            u.1 += row.figures.apologies;
        }
        for (unit, (late, apologies, line)) in units {
            let newly = late.saturating_sub(overdue_before.get(unit).copied().unwrap_or(0));
            if newly > 0 && apologies == 0 {
                diags.warn(
                    &m.path,
                    crate::diag::Pos::new(line, 1),
                    crate::tr!(
                        "apology-missing",
                        unit = unit,
                        late = newly,
                        month = m.report.month
                    ),
                );
            }
        }
    }
}

/// The carry-over check of `cur` against the month before it. Rows are looked up through
/// maps made once per month: a province reports thousands of rows a month.
pub fn check_pair(prev: &Located, cur: &Located, diags: &mut Diagnostics) {
    use std::collections::{HashMap, HashSet};
    let prev_month = prev.report.month;
    // The previous month: per unit, whether its first row is by field, and its pending total;
    // per (unit, field), the pending of its first row.
    let mut prev_split: HashMap<&str, bool> = HashMap::new();
    let mut prev_unit_pending: HashMap<&str, u64> = HashMap::new();
    let mut prev_pending: HashMap<(&str, Option<&str>), u64> = HashMap::new();
    for r in &prev.report.rows {
        prev_split.entry(&r.unit).or_insert(r.field.is_some());
        *prev_unit_pending.entry(&r.unit).or_default() += r.figures.pending();
        prev_pending
            .entry((&r.unit, r.field.as_deref()))
            .or_insert(r.figures.pending());
    }
    // This month: per unit, its carried-over total and which kinds of rows it has.
    let mut cur_carried: HashMap<&str, u64> = HashMap::new();
    let mut cur_kinds: HashMap<&str, (bool, bool)> = HashMap::new();
    let mut cur_keys: HashSet<(&str, Option<&str>)> = HashSet::new();
    for r in &cur.report.rows {
        *cur_carried.entry(&r.unit).or_default() += r.figures.carried_over;
        let kinds = cur_kinds.entry(&r.unit).or_default();
        if r.field.is_some() {
            kinds.0 = true;
        } else {
            kinds.1 = true;
        }
        cur_keys.insert((&r.unit, r.field.as_deref()));
    }
    let mut unit_done: HashSet<&str> = HashSet::new();
    for (row, pos) in cur.report.rows.iter().zip(&cur.positions) {
        let split = prev_split.get(row.unit.as_str()).copied();
        if split.is_some() && split != Some(row.field.is_some()) {
            // Switched: compare the unit's totals once, at its first row.
            if !unit_done.insert(&row.unit) {
                continue;
            }
            let carried = cur_carried.get(row.unit.as_str()).copied().unwrap_or(0);
            let pending = prev_unit_pending
                .get(row.unit.as_str())
                .copied()
                .unwrap_or(0);
            if carried != pending {
                diags.at(
                    &cur.path,
                    pos.line,
                    pos.unit_col,
                    crate::tr!(
                        "carry-unit-total",
                        unit = row.unit,
                        carried = carried,
                        month = prev_month,
                        pending = pending
                    ),
                );
            }
            continue;
        }
        let pending = prev_pending
            .get(&(row.unit.as_str(), row.field.as_deref()))
            .copied()
            .unwrap_or(0);
        if row.figures.carried_over == pending {
            continue;
        }
        let what = match &row.field {
            Some(f) => crate::tr!("csv-field-named", field = f),
            None => crate::tr!("csv-no-field"),
        };
        diags.at(
            &cur.path,
            pos.line,
            pos.carried_col,
            crate::tr!(
                "carry-mismatch",
                carried = row.figures.carried_over,
                month = prev_month,
                pending = pending,
                unit = row.unit,
                what = what
            ),
        );
    }
    // Dossiers still pending at the end of the previous month cannot vanish: they need a row
    // this month (where they are resolved or still pending), or the disclosure loses them.
    let rows_known = cur.complete;
    for old in prev.report.rows.iter().filter(|_| rows_known) {
        let pending = old.figures.pending();
        let (by_field, whole) = cur_kinds
            .get(old.unit.as_str())
            .copied()
            .unwrap_or_default();
        let switched = if old.field.is_some() { whole } else { by_field };
        if pending == 0 || switched || cur_keys.contains(&(old.unit.as_str(), old.field.as_deref()))
        {
            continue;
        }
        let what = match &old.field {
            Some(f) => crate::tr!("csv-field-named", field = f),
            None => crate::tr!("csv-no-field"),
        };
        diags.at(
            &cur.path,
            1,
            1,
            crate::tr!(
                "carry-vanished",
                month = prev_month,
                pending = pending,
                unit = old.unit,
                what = what
            ),
        );
    }
}
