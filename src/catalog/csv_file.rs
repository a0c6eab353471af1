//! Reading a content CSV file (the monthly statistics, the per-procedure figures) so that every
//! problem can be put at its line and column: the header checked against the known columns,
//! the rows with the column where each cell starts. What the cells mean is the caller's.

use std::path::Path;

use crate::diag::Diagnostics;

/// A file's header, its rows still to read.
pub struct CsvFile<'t> {
    path: &'t Path,
    lines: Vec<&'t str>,
    delimiter: u8,
    records: csv::StringRecordsIntoIter<&'t [u8]>,
    /// The header's names, trimmed.
    pub names: Vec<String>,
    header_line: usize,
    header_cols: Vec<usize>,
}

/// A row with something in it and as many cells as the header.
pub struct Row {
    pub line: usize,
    cells: Vec<String>,
    cols: Vec<usize>,
}

impl Row {
    /// The cell of column `i` (trimmed) and the 1-based character column where it starts.
    pub fn cell(&self, i: usize) -> (&str, usize) {
        (self.cells[i].trim(), self.cols.get(i).copied().unwrap_or(1))
    }
}

impl<'t> CsvFile<'t> {
    /// Reads the header of `text` (`,` or `;` separated, see [`crate::report::csv_delimiter`]);
    /// `None`, with the problem recorded, when the file is empty or unreadable as CSV.
    pub fn open(path: &'t Path, text: &'t str, diags: &mut Diagnostics) -> Option<Self> {
        let lines: Vec<&str> = text.split('\n').collect();
        let delimiter = crate::report::csv_delimiter(lines.first().copied().unwrap_or(""));
        let mut records = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .into_records();
        let header = match records.next() {
            None => {
                diags.at(path, 1, 1, crate::tr!("csv-empty"));
                return None;
            }
            Some(Err(e)) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diags.at(path, line, 1, crate::tr!("csv-invalid", error = e));
                return None;
            }
            Some(Ok(h)) => h,
        };
        let header_line = header.position().map_or(1, |p| p.line() as usize);
        let header_cols =
            cell_columns(lines.get(header_line - 1).copied().unwrap_or(""), delimiter);
        Some(CsvFile {
            path,
            lines,
            delimiter,
            records,
            names: header.iter().map(|h| h.trim().to_string()).collect(),
            header_line,
            header_cols,
        })
    }

    /// Checks the header against `known` (name, required): unknown and repeated columns at
    /// their cell, missing required ones at the header's start. `false` when any was found.
    pub fn check_columns(&self, known: &[(&str, bool)], diags: &mut Diagnostics) -> bool {
        let mut ok = true;
        for (i, name) in self.names.iter().enumerate() {
            let col = self.header_cols.get(i).copied().unwrap_or(1);
            if !known.iter().any(|(c, _)| c == name) {
                let known: Vec<&str> = known.iter().map(|(c, _)| *c).collect();
                let msg = crate::tr!("csv-unknown-column", name = name, known = known.join(", "));
                diags.at(self.path, self.header_line, col, msg);
                ok = false;
            } else if self.names[..i].contains(name) {
                let msg = crate::tr!("csv-column-twice", name = name);
                diags.at(self.path, self.header_line, col, msg);
                ok = false;
            }
        }
        for (c, required) in known {
            if *required && !self.has(c) {
                let msg = crate::tr!("csv-missing-column", name = c);
                diags.at(self.path, self.header_line, 1, msg);
                ok = false;
            }
        }
        ok
    }

    /// Reports a problem on the header line, at its start.
    pub fn header_problem(&self, message: String, diags: &mut Diagnostics) {
        diags.at(self.path, self.header_line, 1, message);
    }

    pub fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    /// The position of column `name` in the header.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The rows: blank ones skipped, unreadable ones and those with the wrong number of cells
    /// reported and left out.
    pub fn rows(self, diags: &mut Diagnostics) -> Vec<Row> {
        let mut rows = Vec::new();
        for record in self.records {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(1, |p| p.line() as usize);
                    diags.at(self.path, line, 1, crate::tr!("csv-invalid", error = e));
                    continue;
                }
            };
            let line = record.position().map_or(1, |p| p.line() as usize);
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if record.len() != self.names.len() {
                let msg = crate::tr!("csv-cells", cells = record.len(), header = self.names.len());
                diags.at(self.path, line, 1, msg);
                continue;
            }
            rows.push(Row {
                line,
                cols: cell_columns(
                    self.lines.get(line - 1).copied().unwrap_or(""),
                    self.delimiter,
                ),
                cells: record.iter().map(str::to_string).collect(),
            });
        }
        rows
    }
}

/// The 1-based character column where each cell of a CSV line starts (quotes respected).
fn cell_columns(line: &str, delimiter: u8) -> Vec<usize> {
    let mut cols = vec![1];
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        match c {
            '"' => quoted = !quoted,
            c if c == char::from(delimiter) && !quoted => cols.push(i + 2),
            _ => {}
        }
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_columns_respect_quotes() {
        assert_eq!(cell_columns("a,bb,c", b','), vec![1, 3, 6]);
        assert_eq!(cell_columns("\"x,y\",đ,3", b','), vec![1, 7, 9]);
        assert_eq!(cell_columns("a;bb;c", b';'), vec![1, 3, 6]);
    }
}
