//! `congkhai stats import FILE --period YYYY-MM`: turns a one-stop-shop report export (CSV,
//! or XLSX read with calamine) into `content/statistics/YYYY-MM.csv`.
//!
//! Exports follow the official reporting form: Vietnamese column headings, often on two rows
//! (a group such as "Số hồ sơ đã giải quyết" over "Trước hạn / Đúng hạn / Quá hạn"), unit and
//! field names instead of slugs, and a total row. Headings are matched on their folded text
//! (no diacritics, lowercase), names are mapped to slugs, and the result goes through the same
//! checks as `congkhai check` before anything is written. Exports of figures per procedure
//! (`--by-procedure`) go the same way into `content/statistics/thu-tuc/` (see `procedures`).

use std::path::{Path, PathBuf};

use clap::Subcommand;

use crate::catalog::statistics;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::model::Portal;
use crate::report::{COLUMNS, Figures, Month};
use crate::text::{fold, nfc};

mod procedures;

/// `congkhai stats …`
#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Import a one-stop-shop report export (CSV or XLSX) as content/statistics/YYYY-MM.csv
    /// (or, with --by-procedure, content/statistics/thu-tuc/YYYY-MM.csv).
    Import {
        /// The export: .csv or .xlsx (first worksheet).
        file: PathBuf,
        /// The month it reports, YYYY-MM.
        #[arg(long)]
        period: String,
        /// The portal folder (holding content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Replace the month's file if it exists (without this, an existing month is never
        /// overwritten: published figures must not change by accident).
        #[arg(long)]
        replace: bool,
        /// The export gives figures per procedure (code or name, unit, received, resolved
        /// early / on time / late, average days): write content/statistics/thu-tuc/YYYY-MM.csv.
        #[arg(long)]
        by_procedure: bool,
    },
}

/// Runs a `stats` command and prints what it did.
pub fn run(cmd: StatsCommand) -> Result<()> {
    match cmd {
        StatsCommand::Import {
            file,
            period,
            root,
            replace,
            by_procedure,
        } => {
            let done = if by_procedure {
                procedures::import(&root, &file, &period, replace)?
            } else {
                import(&root, &file, &period, replace)?
            };
            for note in &done.notes {
                println!("{}", crate::tr!("import-note", note = note));
            }
            println!(
                "{}",
                crate::tr!("import-wrote", rows = done.rows, path = done.path.display())
            );
            Ok(())
        }
    }
}

/// What an import wrote.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub rows: usize,
    /// Things the user should know (e.g. in person and by post were combined).
    pub notes: Vec<String>,
}

/// A column of the export, mapped to a content column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Unit,
    Field,
    Figure(&'static str),
    /// In person and by post in one column (as the official form has it).
    DirectAndPostal,
}

/// Folds a heading or a name for matching: no diacritics, lowercase, single spaces.
fn key(s: &str) -> String {
    fold(&nfc(s))
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Maps a (combined) heading to a column. Group words decide between "quá hạn" resolved
/// late and "quá hạn" still pending.
fn target(heading: &str) -> Option<Target> {
    let h = key(heading);
    let has = |w: &str| h.contains(w);
    if has("stt") && h.len() <= 4 {
        return None;
    }
    if has("tong") {
        return None; // totals are recomputed, not imported
    }
    if has("xin loi") {
        return Some(Target::Figure("apologies"));
    }
    // Feedback (phản ánh, kiến nghị) has a group of its own, whose sub-headings reuse the
    // dossier words ("kỳ trước", "quá hạn"): decided before them.
    if has("phan anh") || has("kien nghi") {
        return Some(Target::Figure(if has("ky truoc") {
            "feedback_carried_over"
        } else if has("dang xu ly") || has("chua xu ly") {
            "feedback_pending"
        } else if has("qua han") {
            "feedback_answered_late"
        } else if has("trong han") || has("dung han") {
            "feedback_answered_on_time"
        } else if has("tiep nhan") {
            "feedback_received"
        } else {
            return None;
        }));
    }
    if has("linh vuc") {
        return Some(Target::Field);
    }
    if has("don vi") || has("co quan") || has("dia phuong") {
        return Some(Target::Unit);
    }
    if has("ky truoc") {
        return Some(Target::Figure("carried_over"));
    }
    if has("dang giai quyet") || has("chua giai quyet") {
        if has("qua han") {
            return Some(Target::Figure("pending_overdue"));
        }
        if has("trong han") || has("chua den han") {
            return Some(Target::Figure("pending_on_time"));
        }
        return None;
    }
    if has("da giai quyet")
        || has("giai quyet") && (has("truoc han") || has("dung han") || has("qua han"))
    {
        if has("truoc han") {
            return Some(Target::Figure("resolved_early"));
        }
        if has("dung han") {
            return Some(Target::Figure("resolved_on_time"));
        }
        if has("qua han") {
            return Some(Target::Figure("resolved_late"));
        }
        return None;
    }
    if has("rut") || has("tra lai") {
        return Some(Target::Figure("withdrawn"));
    }
    if has("khao sat") {
        return Some(Target::Figure("surveyed"));
    }
    if has("hai long") {
        return Some(Target::Figure("satisfied"));
    }
    if has("truc tuyen") {
        return Some(Target::Figure("received_online"));
    }
    if has("truc tiep") && has("buu chinh") {
        return Some(Target::DirectAndPostal);
    }
    if has("buu chinh") {
        return Some(Target::Figure("received_postal"));
    }
    if has("truc tiep") {
        return Some(Target::Figure("received_direct"));
    }
    None
}

/// Reads the export's cells as text, row by row.
fn read_cells(file: &Path) -> Result<Vec<Vec<String>>> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => {
            use calamine::{Data, Reader, open_workbook_auto};
            let mut wb = open_workbook_auto(file).map_err(|e| Error::io(file, e))?;
            let range = wb
                .worksheet_range_at(0)
                .ok_or_else(|| Error::io(file, crate::tr!("import-no-sheet")))?
                .map_err(|e| Error::io(file, e))?;
            Ok(range
                .rows()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                            Data::Empty => String::new(),
                            other => other.to_string(),
                        })
                        .collect()
                })
                .collect())
        }
        "csv" | "txt" => {
            let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
            let text = crate::catalog::source::decode(&bytes)
                .map_err(|p| Error::io(file, crate::tr!("import-not-utf8", line = p.line)))?;
            let delim = crate::report::csv_delimiter(text.lines().next().unwrap_or(""));
            let mut rd = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delim)
                .from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for rec in rd.records() {
                let rec = rec.map_err(|e| Error::io(file, e))?;
                rows.push(rec.iter().map(str::to_string).collect());
            }
            Ok(rows)
        }
        _ => Err(Error::Usage(crate::tr!(
            "import-format",
            file = file.display()
        ))),
    }
}

/// The header: its last row's index and the column mapping (group headings spread over
/// merged cells to the right are combined with the sub-headings below them).
fn header(rows: &[Vec<String>]) -> Option<(usize, Vec<Option<Target>>)> {
    header_with(rows, &target, &|t| matches!(t, Target::Unit))
}

/// [`header`] for any kind of export: `classify` maps a (combined) heading to a column, and
/// the header starts at the first row with an `anchor` column (the unit, in both exports).
fn header_with<T>(
    rows: &[Vec<String>],
    classify: &dyn Fn(&str) -> Option<T>,
    anchor: &dyn Fn(&T) -> bool,
) -> Option<(usize, Vec<Option<T>>)> {
    let first = rows
        .iter()
        .position(|r| r.iter().any(|c| classify(c).is_some_and(|t| anchor(&t))))?;
    let is_number =
        |c: &str| !c.trim().is_empty() && c.trim().chars().all(|ch| ch.is_ascii_digit());
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut last = first;
    // Following rows without numbers are sub-headings (a numbering row "(1) (2)…" is skipped later).
    while let Some(next) = rows.get(last + 1) {
        if next.iter().any(|c| is_number(c)) || next.iter().all(|c| c.trim().is_empty()) {
            break;
        }
        last += 1;
    }
    let mut headings = vec![String::new(); width];
    for row in &rows[first..=last] {
        let mut group = String::new();
        for (i, h) in headings.iter_mut().enumerate() {
            let cell = row.get(i).map_or("", |c| c.trim());
            if !cell.is_empty() {
                group = cell.to_string();
            }
            // A group heading spreads right over empty (merged) cells, but only above sub-headings.
            let below_has = rows[first..=last]
                .iter()
                .skip_while(|r| !std::ptr::eq(*r, row))
                .skip(1)
                .any(|r| r.get(i).is_some_and(|c| !c.trim().is_empty()));
            let text = if cell.is_empty() && below_has {
                group.as_str()
            } else {
                cell
            };
            if !text.is_empty() {
                h.push(' ');
                h.push_str(text);
            }
        }
    }
    Some((last, headings.iter().map(|h| classify(h)).collect()))
}

/// Finds the slug for a unit or field name: exact name, the name without "UBND", the slug
/// itself, or the folded name when only one candidate folds to it.
fn resolve<'a>(name: &str, candidates: &'a [(String, String)]) -> Option<&'a str> {
    let n = nfc(name.trim()).to_lowercase();
    let n = n
        .strip_prefix("ubnd ")
        .or_else(|| n.strip_prefix("ủy ban nhân dân "))
        .unwrap_or(&n)
        .trim()
        .to_string();
    if let Some((s, _)) = candidates
        .iter()
        .find(|(s, nm)| nm.to_lowercase() == n || *s == n)
    {
        return Some(s);
    }
    let k = key(&n);
    let hits: Vec<&(String, String)> = candidates.iter().filter(|(_, nm)| key(nm) == k).collect();
    match hits.as_slice() {
        [one] => Some(&one.0),
        _ => None,
    }
}

/// Imports `file` for `period` into `root/content/statistics/<period>.csv`.
pub fn import(root: &Path, file: &Path, period: &str, replace: bool) -> Result<Imported> {
    let month = Month::parse(period)
        .ok_or_else(|| Error::Usage(crate::tr!("import-period", period = period)))?;
    let path = root
        .join("content")
        .join("statistics")
        .join(format!("{month}.csv"));
    // Checked before reading the export: refusing late would still cost the user a round.
    if path.exists() && !replace {
        return Err(Error::Usage(crate::tr!(
            "import-exists",
            path = path.display(),
            month = month
        )));
    }
    let portal = crate::catalog::load(root)?;
    let rows = read_cells(file)?;
    let (last_header, targets) = header(&rows).ok_or_else(|| {
        Error::Content(vec![Diagnostic {
            path: file.to_path_buf(),
            line: 1,
            column: 1,
            message: crate::tr!("import-no-heading"),
        }])
    })?;
    let mut diags = Diagnostics::new(Path::new(""));
    let mut notes = Vec::new();
    let combined = targets.contains(&Some(Target::DirectAndPostal));
    if combined {
        notes.push(crate::tr!("import-combined"));
    }
    for (col, name) in COLUMNS
        .iter()
        .filter(|(_, req)| *req)
        .map(|(c, _)| *c)
        .enumerate()
    {
        let found = targets.iter().any(|t| match t {
            Some(Target::Figure(c)) => *c == name,
            Some(Target::Unit) => name == "unit",
            Some(Target::Field) => name == "field",
            Some(Target::DirectAndPostal) => name == "received_direct" || name == "received_postal",
            None => false,
        });
        if !found && name != "field" {
            diags.at(
                file,
                last_header + 1,
                col + 1,
                crate::tr!("import-no-column", heading = heading_of(name), name = name),
            );
        }
    }
    if !diags.is_empty() {
        return Err(Error::Content(diags.into_sorted()));
    }
    let units: Vec<(String, String)> = portal
        .units
        .iter()
        .map(|u| (u.slug.clone(), u.name.clone()))
        .collect();
    let fields: Vec<(String, String)> = portal
        .fields
        .iter()
        .map(|f| (f.slug.clone(), f.name.clone()))
        .collect();
    let has_field = targets.contains(&Some(Target::Field));
    let has = |c: &str| {
        targets
            .iter()
            .any(|t| matches!(t, Some(Target::Figure(x)) if *x == c))
    };
    let mut out_cols: Vec<&str> = COLUMNS
        .iter()
        .filter(|(c, req)| *req || has(c))
        .map(|(c, _)| *c)
        .collect();
    if has("satisfied") && !out_cols.contains(&"surveyed") {
        out_cols.push("surveyed");
    }
    let mut csv_rows: Vec<(usize, String, String, Figures)> = Vec::new();
    let mut current_unit: Option<String> = None;
    for (i, row) in rows.iter().enumerate().skip(last_header + 1) {
        let line = i + 1;
        let cell = |t: Target| {
            targets
                .iter()
                .position(|x| *x == Some(t))
                .and_then(|c| row.get(c))
                .map_or("", |s| s.trim())
        };
        let unit_name = cell(Target::Unit);
        let field_name = if has_field { cell(Target::Field) } else { "" };
        let numeric = row
            .iter()
            .any(|c| !c.trim().is_empty() && c.trim().chars().all(|ch| ch.is_ascii_digit()));
        if row.iter().all(|c| c.trim().is_empty())
            || key(unit_name).starts_with("tong")
            || key(field_name).starts_with("tong")
        {
            continue;
        }
        if unit_name.is_empty() && field_name.is_empty() || !numeric && unit_name.starts_with('(') {
            continue; // the numbering row "(1) (2) (3)…" or a blank separator
        }
        let unit = if unit_name.is_empty() {
            match &current_unit {
                Some(u) => u.clone(),
                None => {
                    diags.at(file, line, 1, crate::tr!("import-no-unit"));
                    continue;
                }
            }
        } else {
            match resolve(unit_name, &units) {
                Some(s) => s.to_string(),
                None => {
                    let known: Vec<&str> = units.iter().map(|(_, n)| n.as_str()).collect();
                    diags.at(
                        file,
                        line,
                        1,
                        crate::tr!(
                            "import-unknown-unit",
                            name = unit_name,
                            known = known.join(", ")
                        ),
                    );
                    current_unit = None;
                    continue;
                }
            }
        };
        current_unit = Some(unit.clone());
        let field = if field_name.is_empty() {
            String::new()
        } else {
            match resolve(field_name, &fields) {
                Some(s) => s.to_string(),
                None => {
                    let known: Vec<&str> = fields.iter().map(|(_, n)| n.as_str()).collect();
                    diags.at(
                        file,
                        line,
                        1,
                        crate::tr!(
                            "import-unknown-field",
                            name = field_name,
                            known = known.join(", ")
                        ),
                    );
                    continue;
                }
            }
        };
        let mut f = Figures::default();
        let mut ok = true;
        for (c, t) in targets.iter().enumerate() {
            let name = match t {
                Some(Target::Figure(n)) => *n,
                Some(Target::DirectAndPostal) => "received_direct",
                _ => continue,
            };
            let raw = row.get(c).map_or("", |s| s.trim());
            let v = if raw.is_empty() {
                0
            } else if let Some(v) = crate::report::parse_count(raw) {
                v
            } else {
                diags.at(
                    file,
                    line,
                    c + 1,
                    crate::tr!("import-not-count", value = raw, heading = heading_of(name)),
                );
                ok = false;
                continue;
            };
            *f.get_mut(name).expect("a figure column") += v;
        }
        if ok {
            csv_rows.push((line, unit, field, f));
        }
    }
    if !diags.is_empty() {
        return Err(Error::Content(diags.into_sorted()));
    }
    // Write the content file's text, then check it exactly as `congkhai check` would.
    let mut w = csv::Writer::from_writer(Vec::new());
    let map_err = |e: csv::Error| Error::io(file, e);
    w.write_record(&out_cols).map_err(map_err)?;
    for (_, unit, field, f) in &csv_rows {
        let rec: Vec<String> = out_cols
            .iter()
            .map(|c| match *c {
                "unit" => unit.clone(),
                "field" => field.clone(),
                c => f.get(c).unwrap_or(0).to_string(),
            })
            .collect();
        w.write_record(&rec).map_err(map_err)?;
    }
    let text = String::from_utf8(w.into_inner().map_err(|e| Error::io(file, e))?)
        .expect("UTF-8 in, UTF-8 out");
    check(
        &portal,
        file,
        month,
        &text,
        &csv_rows.iter().map(|r| r.0).collect::<Vec<_>>(),
    )?;
    let dir = root.join("content").join("statistics");
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    if let Ok(old) = std::fs::read_to_string(&path) {
        notes.push(replaced_note(&path, &old, &text));
    }
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(Imported {
        path,
        rows: csv_rows.len(),
        notes,
    })
}

/// The heading an export uses for a content column (what the officer sees in the export,
/// whatever the language of the messages): the official form's wording.
fn heading_of(column: &str) -> &'static str {
    match column {
        "unit" => "\"Đơn vị\"",
        "field" => "\"Lĩnh vực\"",
        "carried_over" => "\"Kỳ trước chuyển qua\"",
        "received_online" => "\"Tiếp nhận trực tuyến\"",
        "received_direct" => "\"Tiếp nhận trực tiếp\"",
        "received_postal" => "\"Tiếp nhận qua bưu chính\"",
        "resolved_early" => "\"Đã giải quyết – Trước hạn\"",
        "resolved_on_time" => "\"Đã giải quyết – Đúng hạn\"",
        "resolved_late" => "\"Đã giải quyết – Quá hạn\"",
        "pending_on_time" => "\"Đang giải quyết – Trong hạn\"",
        "pending_overdue" => "\"Đang giải quyết – Quá hạn\"",
        "withdrawn" => "\"Rút hồ sơ / trả lại\"",
        "surveyed" => "\"Số người được khảo sát\"",
        "feedback_carried_over" => "\"Phản ánh, kiến nghị – Kỳ trước chuyển qua\"",
        "feedback_received" => "\"Phản ánh, kiến nghị – Mới tiếp nhận\"",
        "feedback_answered_on_time" => "\"Phản ánh, kiến nghị – Đã xử lý trong hạn\"",
        "feedback_answered_late" => "\"Phản ánh, kiến nghị – Đã xử lý quá hạn\"",
        "feedback_pending" => "\"Phản ánh, kiến nghị – Đang xử lý\"",
        "apologies" => "\"Phiếu xin lỗi\"",
        "satisfied" => "\"Số người hài lòng\"",
        _ => "",
    }
}

/// Says what replacing a month's file changed, by row (a row is a unit and field).
fn replaced_note(path: &Path, old: &str, new: &str) -> String {
    let rows = |text: &str| -> std::collections::BTreeMap<String, String> {
        let mut lines = text.lines();
        let header = lines.next().unwrap_or("");
        let cols: Vec<&str> = header.split(',').collect();
        let at = |name: &str| cols.iter().position(|c| *c == name);
        let (u, f) = (at("unit"), at("field"));
        lines
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).copied().unwrap_or("");
                (format!("{}/{}", cell(u), cell(f)), l.to_string())
            })
            .collect()
    };
    let (old, new) = (rows(old), rows(new));
    let changed = new
        .iter()
        .filter(|(k, v)| old.get(*k).is_some_and(|o| o != *v))
        .count();
    let added = new.keys().filter(|k| !old.contains_key(*k)).count();
    let removed = old.keys().filter(|k| !new.contains_key(*k)).count();
    crate::tr!(
        "import-replaced",
        path = path.display(),
        changed = changed,
        added = added,
        removed = removed
    )
}

/// Runs the content checks on the generated text; problems are reported at the export's
/// rows (`lines[i]` is the export row of the generated CSV's row `i`).
fn check(portal: &Portal, file: &Path, month: Month, text: &str, lines: &[usize]) -> Result<()> {
    let mut diags = Diagnostics::new(Path::new(""));
    let units: Vec<&str> = portal.units.iter().map(|u| u.slug.as_str()).collect();
    let fields: Vec<&str> = portal.fields.iter().map(|f| f.slug.as_str()).collect();
    let Some(located) = statistics::parse(file, month, text, &units, Some(&fields), &mut diags)
    else {
        return Err(Error::Content(diags.into_sorted()));
    };
    if let Some(prev) = portal.reports.iter().find(|r| r.month == month.prev()) {
        let prev = statistics::Located {
            path: file.to_path_buf(),
            report: prev.clone(),
            positions: vec![
                statistics::RowPos {
                    line: 0,
                    unit_col: 1,
                    carried_col: 1,
                    feedback_col: 1
                };
                prev.rows.len()
            ],
            complete: true,
        };
        statistics::check_pair(&prev, &located, &mut diags);
        if prev.report.has_feedback && located.report.has_feedback {
            statistics::check_feedback_pair(&prev, &located, &mut diags);
        }
    }
    if diags.is_empty() {
        return Ok(());
    }
    Err(at_export_rows(diags, file, lines))
}

/// The problems found in a generated content file, put back at the export's rows:
/// `lines[i]` is the export row of the generated file's row `i` (line `i + 2`).
fn at_export_rows(diags: Diagnostics, file: &Path, lines: &[usize]) -> Error {
    let mapped = diags
        .into_sorted()
        .into_iter()
        .map(|d| Diagnostic {
            path: file.to_path_buf(),
            line: lines.get(d.line.wrapping_sub(2)).copied().unwrap_or(d.line),
            column: 1,
            ..d
        })
        .collect();
    Error::Content(mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_the_official_form() {
        assert_eq!(target("Đơn vị"), Some(Target::Unit));
        assert_eq!(target("Lĩnh vực"), Some(Target::Field));
        assert_eq!(
            target("Số hồ sơ nhận giải quyết Từ kỳ trước"),
            Some(Target::Figure("carried_over"))
        );
        assert_eq!(
            target("Số hồ sơ nhận giải quyết: Trực tuyến"),
            Some(Target::Figure("received_online"))
        );
        assert_eq!(
            target("Trực tiếp và dịch vụ bưu chính"),
            Some(Target::DirectAndPostal)
        );
        assert_eq!(
            target("Số hồ sơ đã giải quyết - Quá hạn"),
            Some(Target::Figure("resolved_late"))
        );
        assert_eq!(
            target("Số hồ sơ đang giải quyết Quá hạn"),
            Some(Target::Figure("pending_overdue"))
        );
        assert_eq!(
            target("Số hồ sơ đang giải quyết: Trong hạn"),
            Some(Target::Figure("pending_on_time"))
        );
        assert_eq!(target("Tổng số"), None);
        assert_eq!(
            target("Phản ánh, kiến nghị Kỳ trước chuyển qua"),
            Some(Target::Figure("feedback_carried_over"))
        );
        assert_eq!(
            target("Phản ánh, kiến nghị: Đã xử lý quá hạn"),
            Some(Target::Figure("feedback_answered_late"))
        );
        assert_eq!(
            target("Phản ánh, kiến nghị Đang xử lý"),
            Some(Target::Figure("feedback_pending"))
        );
        assert_eq!(
            target("Số phiếu xin lỗi và hẹn lại ngày trả kết quả"),
            Some(Target::Figure("apologies"))
        );
    }

    #[test]
    fn names_resolve_to_slugs() {
        let units = vec![
            ("xa-hung-long".to_string(), "Xã Hưng Long".to_string()),
            ("yen-lap".to_string(), "Huyện Yên Lập".to_string()),
        ];
        assert_eq!(resolve("UBND xã Hưng Long", &units), Some("xa-hung-long"));
        assert_eq!(resolve("XA HUNG LONG", &units), Some("xa-hung-long"));
        assert_eq!(resolve("yen-lap", &units), Some("yen-lap"));
        assert_eq!(resolve("Xã Hưng Lộc", &units), None);
    }
}
