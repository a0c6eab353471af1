//! `congkhai stats import FILE --period YYYY-MM --by-procedure`: an export of one month's
//! figures per procedure (procedure code or name, unit, received, resolved early / on time /
//! late, average days) into `content/statistics/thu-tuc/YYYY-MM.csv`, checked like
//! `congkhai check` checks it before anything is written.

use std::path::Path;

use super::{Imported, at_export_rows, header_with, key, read_cells, resolve};
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::report::{Month, PROCEDURE_COLUMNS};

/// A column of a per-procedure export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Code,
    Name,
    Unit,
    Received,
    /// Early and on time: both count as resolved in time.
    InTime,
    Late,
    Days,
}

/// Maps a (combined) heading to a column; totals, numbering and pending dossiers are left out.
fn column(heading: &str) -> Option<Column> {
    let h = key(heading);
    let has = |w: &str| h.contains(w);
    if has("stt") && h.len() <= 4 || has("tong") || has("dang giai quyet") || has("ky truoc") {
        return None;
    }
    if has("trung binh") || has("so ngay") {
        return Some(Column::Days);
    }
    if has("don vi") || has("co quan") || has("dia phuong") {
        return Some(Column::Unit);
    }
    if has("ma thu tuc") || has("ma tthc") || h == "ma" {
        return Some(Column::Code);
    }
    if has("thu tuc") || has("tthc") {
        return Some(Column::Name);
    }
    if has("truoc han") || has("dung han") || has("trong han") {
        return Some(Column::InTime);
    }
    if has("qua han") {
        return Some(Column::Late);
    }
    if has("tiep nhan") {
        return Some(Column::Received);
    }
    None
}

/// Imports `file` for `period` into `root/content/statistics/thu-tuc/<period>.csv`.
pub fn import(root: &Path, file: &Path, period: &str, replace: bool) -> Result<Imported> {
    let month = Month::parse(period)
        .ok_or_else(|| Error::Usage(crate::tr!("import-period", period = period)))?;
    let dir = root
        .join("content")
        .join("statistics")
        .join(crate::catalog::timeliness::FOLDER);
    let path = dir.join(format!("{month}.csv"));
    if path.exists() && !replace {
        return Err(Error::Usage(crate::tr!(
            "import-exists",
            path = path.display(),
            month = month
        )));
    }
    let portal = crate::catalog::load(root)?;
    let rows = read_cells(file)?;
    let no_heading = || {
        Error::Content(vec![Diagnostic {
            path: file.to_path_buf(),
            line: 1,
            column: 1,
            message: crate::tr!("import-no-heading"),
        }])
    };
    let (last_header, columns) =
        header_with(&rows, &column, &|c| *c == Column::Unit).ok_or_else(no_heading)?;
    let has = |c: Column| columns.contains(&Some(c));
    let mut diags = Diagnostics::new(Path::new(""));
    for (needed, name) in [
        (has(Column::Code) || has(Column::Name), "procedure"),
        (has(Column::Received), "received"),
        (has(Column::InTime), "resolved_on_time"),
        (has(Column::Late), "resolved_late"),
        (has(Column::Days), "average_days"),
    ] {
        if !needed {
            diags.at(
                file,
                last_header + 1,
                1,
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
    // A procedure is written by its code where it has one (what the national database and
    // the exports use), else by its slug; names resolve like unit names.
    let procedures: Vec<(String, String)> = portal
        .procedures
        .iter()
        .map(|p| {
            (
                p.code.clone().unwrap_or_else(|| p.slug.clone()),
                p.name.clone(),
            )
        })
        .collect();
    let mut out: Vec<(usize, Vec<String>)> = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(last_header + 1) {
        let line = i + 1;
        let cells = |c: Column| -> Vec<&str> {
            columns
                .iter()
                .enumerate()
                .filter(|(_, x)| **x == Some(c))
                .map(|(n, _)| row.get(n).map_or("", |s| s.trim()))
                .collect()
        };
        let first = |c: Column| cells(c).first().copied().unwrap_or("");
        let (code, name, unit) = (
            first(Column::Code),
            first(Column::Name),
            first(Column::Unit),
        );
        if row.iter().all(|c| c.trim().is_empty())
            || key(unit).starts_with("tong")
            || key(name).starts_with("tong")
            || (code.is_empty() && name.is_empty())
        {
            continue; // blank, total or numbering rows
        }
        let procedure = if !code.is_empty() {
            code.to_string()
        } else if let Some(p) = resolve(name, &procedures) {
            p.to_string()
        } else {
            name.to_string() // reported by the check below, at this row
        };
        let unit = resolve(unit, &units).map_or_else(|| unit.to_string(), str::to_string);
        let mut figures = Vec::new();
        for (c, name) in [
            (Column::Received, "received"),
            (Column::InTime, "resolved_on_time"),
            (Column::Late, "resolved_late"),
        ] {
            let mut sum = 0;
            for raw in cells(c) {
                match (raw.is_empty(), crate::report::parse_count(raw)) {
                    (true, _) => {}
                    (false, Some(v)) => sum += v,
                    (false, None) => diags.at(
                        file,
                        line,
                        1,
                        crate::tr!("import-not-count", value = raw, heading = heading_of(name)),
                    ),
                }
            }
            figures.push(sum.to_string());
        }
        let days = first(Column::Days).replace('.', ",");
        out.push((line, [vec![procedure, unit], figures, vec![days]].concat()));
    }
    if !diags.is_empty() {
        return Err(Error::Content(diags.into_sorted()));
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let map_err = |e: csv::Error| Error::io(file, e);
    w.write_record(PROCEDURE_COLUMNS).map_err(map_err)?;
    for (_, r) in &out {
        w.write_record(r).map_err(map_err)?;
    }
    let text = String::from_utf8(w.into_inner().map_err(|e| Error::io(file, e))?)
        .expect("UTF-8 in, UTF-8 out");
    // Checked exactly as `congkhai check` would; problems reported at the export's rows.
    crate::catalog::timeliness::check_text(&portal, &path, month, &text, &mut diags);
    if !diags.is_empty() {
        let lines: Vec<usize> = out.iter().map(|(l, _)| *l).collect();
        return Err(at_export_rows(diags, file, &lines));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    std::fs::write(&path, &text).map_err(|e| Error::io(&path, e))?;
    Ok(Imported {
        path,
        rows: out.len(),
        notes: Vec::new(),
    })
}

/// The heading an export uses for a column of the per-procedure file.
fn heading_of(column: &str) -> &'static str {
    match column {
        "procedure" => "\"Mã thủ tục\" hoặc \"Tên thủ tục\"",
        "received" => "\"Số hồ sơ tiếp nhận\"",
        "resolved_on_time" => "\"Trước hạn\" / \"Đúng hạn\"",
        "resolved_late" => "\"Quá hạn\"",
        _ => "\"Số ngày giải quyết trung bình\"",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_of_a_per_procedure_export() {
        assert_eq!(column("Mã TTHC"), Some(Column::Code));
        assert_eq!(column("Tên thủ tục hành chính"), Some(Column::Name));
        assert_eq!(column("Đơn vị tiếp nhận"), Some(Column::Unit));
        assert_eq!(column("Số hồ sơ tiếp nhận"), Some(Column::Received));
        assert_eq!(column("Đã giải quyết Trước hạn"), Some(Column::InTime));
        assert_eq!(column("Đã giải quyết Quá hạn"), Some(Column::Late));
        assert_eq!(column("Đang giải quyết Quá hạn"), None);
        assert_eq!(
            column("Thời gian giải quyết trung bình (ngày)"),
            Some(Column::Days)
        );
        assert_eq!(column("Tổng số"), None);
    }
}
