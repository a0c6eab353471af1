//! Monthly dossier-handling reports (`content/statistics/YYYY-MM.csv`) as plain data.
//!
//! Kept apart from `model.rs` because the figures have arithmetic of their own (sums,
//! balances) that both `catalog` (validation) and `stats` (aggregation) rely on.

use std::fmt;
use std::ops::{Add, AddAssign};

use serde::Serialize;

/// Reads a count as people write it: `1234`, or with Vietnamese thousands separators
/// (`1.234`, `1 234`, `12.345.678`). A dot that is not a thousands separator (`2.5`) makes it
/// no count. `check` and `stats import` both read counts with this one function.
pub fn parse_count(s: &str) -> Option<u64> {
    let s = s.trim();
    let groups: Vec<&str> = s.split(['.', ' ', '\u{a0}']).collect();
    let first = groups.first()?;
    let well_formed = !first.is_empty()
        && first.len() <= if groups.len() > 1 { 3 } else { usize::MAX }
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if !well_formed {
        return None;
    }
    groups.concat().parse().ok()
}

/// The separator of a CSV file, from its first line: `;` where it is used more than `,`
/// (spreadsheets in a Vietnamese locale save with `;`, since `,` is their decimal mark).
pub fn csv_delimiter(first_line: &str) -> u8 {
    if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// A calendar month (kỳ báo cáo).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    /// Parses `YYYY-MM` with a real month (01–12) and a four-digit year.
    pub fn parse(s: &str) -> Option<Month> {
        let b = s.as_bytes();
        if b.len() != 7
            || b[4] != b'-'
            || !b
                .iter()
                .enumerate()
                .all(|(i, c)| i == 4 || c.is_ascii_digit())
        {
            return None;
        }
        let year: u16 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        ((1..=12).contains(&month) && year >= 1900).then_some(Month { year, month })
    }

    /// The month before.
    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The quarter, 1–4.
    pub fn quarter(self) -> u8 {
        (self.month - 1) / 3 + 1
    }

    /// `03/2020`, the way Vietnamese reports write a period.
    pub fn vi(self) -> String {
        format!("{:02}/{:04}", self.month, self.year)
    }

    /// "Tháng 3/2020".
    pub fn label(self) -> String {
        format!("Tháng {}/{:04}", self.month, self.year)
    }

    /// Monday-to-Friday days in the month (public holidays are not known to the content).
    pub fn weekdays(self) -> u32 {
        let days = crate::model::days_in_month(self.year, self.month) as u32;
        (1..=days)
            .filter(|&d| weekday(self.year, self.month, d) < 5)
            .count() as u32
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Day of the week, 0 = Monday … 6 = Sunday (Sakamoto's method).
fn weekday(year: u16, month: u8, day: u32) -> u32 {
    const T: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 {
        year as u32 - 1
    } else {
        year as u32
    };
    let sunday0 = (y + y / 4 - y / 100 + y / 400 + T[month as usize - 1] + day) % 7;
    (sunday0 + 6) % 7
}

/// The figures of one row of the official reporting form, or a sum of rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub carried_over: u64,
    pub received_online: u64,
    pub received_direct: u64,
    pub received_postal: u64,
    pub resolved_early: u64,
    pub resolved_on_time: u64,
    pub resolved_late: u64,
    pub pending_on_time: u64,
    pub pending_overdue: u64,
    pub withdrawn: u64,
    pub surveyed: u64,
    pub satisfied: u64,
    /// Feedback and recommendations (phản ánh, kiến nghị) on administrative procedures:
    /// carried over, newly received, answered within and after the legal time, still open.
    /// A separate flow from the dossiers, balanced and carried over the same way.
    pub feedback_carried_over: u64,
    pub feedback_received: u64,
    pub feedback_answered_on_time: u64,
    pub feedback_answered_late: u64,
    pub feedback_pending: u64,
    /// Apology letters issued for late dossiers (phiếu xin lỗi và hẹn lại ngày trả kết quả).
    pub apologies: u64,
}

/// The CSV columns, in the order of the official form; `true` where required.
pub const COLUMNS: &[(&str, bool)] = &[
    ("unit", true),
    ("field", true),
    ("carried_over", true),
    ("received_online", true),
    ("received_direct", true),
    ("received_postal", true),
    ("resolved_early", true),
    ("resolved_on_time", true),
    ("resolved_late", true),
    ("pending_on_time", true),
    ("pending_overdue", true),
    ("withdrawn", false),
    ("surveyed", false),
    ("satisfied", false),
    ("feedback_carried_over", false),
    ("feedback_received", false),
    ("feedback_answered_on_time", false),
    ("feedback_answered_late", false),
    ("feedback_pending", false),
    ("apologies", false),
];

/// The feedback columns: a file has all of them or none, since a partial set cannot be
/// balanced.
pub const FEEDBACK_COLUMNS: &[&str] = &[
    "feedback_carried_over",
    "feedback_received",
    "feedback_answered_on_time",
    "feedback_answered_late",
    "feedback_pending",
];

impl Figures {
    /// The figure of a CSV column, by name (`unit` and `field` are not figures).
    pub fn get_mut(&mut self, column: &str) -> Option<&mut u64> {
        Some(match column {
            "carried_over" => &mut self.carried_over,
            "received_online" => &mut self.received_online,
            "received_direct" => &mut self.received_direct,
            "received_postal" => &mut self.received_postal,
            "resolved_early" => &mut self.resolved_early,
            "resolved_on_time" => &mut self.resolved_on_time,
            "resolved_late" => &mut self.resolved_late,
            "pending_on_time" => &mut self.pending_on_time,
            "pending_overdue" => &mut self.pending_overdue,
            "withdrawn" => &mut self.withdrawn,
            "surveyed" => &mut self.surveyed,
            "satisfied" => &mut self.satisfied,
            "feedback_carried_over" => &mut self.feedback_carried_over,
            "feedback_received" => &mut self.feedback_received,
            "feedback_answered_on_time" => &mut self.feedback_answered_on_time,
            "feedback_answered_late" => &mut self.feedback_answered_late,
            "feedback_pending" => &mut self.feedback_pending,
            "apologies" => &mut self.apologies,
            _ => return None,
        })
    }

    /// The figure of a CSV column, by name.
    pub fn get(&self, column: &str) -> Option<u64> {
        let mut copy = *self;
        copy.get_mut(column).map(|v| *v)
    }

    /// Newly received in the period, every channel.
    pub fn received_new(&self) -> u64 {
        self.received_online + self.received_direct + self.received_postal
    }

    /// Everything to handle: carried over plus newly received.
    pub fn received_total(&self) -> u64 {
        self.carried_over + self.received_new()
    }

    pub fn resolved(&self) -> u64 {
        self.resolved_early + self.resolved_on_time + self.resolved_late
    }

    /// Resolved before or on the deadline.
    pub fn resolved_in_time(&self) -> u64 {
        self.resolved_early + self.resolved_on_time
    }

    pub fn pending(&self) -> u64 {
        self.pending_on_time + self.pending_overdue
    }

    /// Everything accounted for: resolved, pending and withdrawn.
    pub fn handled_total(&self) -> u64 {
        self.resolved() + self.pending() + self.withdrawn
    }

    /// Whether the row balances: what came in equals what went out or stayed.
    pub fn balances(&self) -> bool {
        self.received_total() == self.handled_total()
    }

    /// Feedback to handle: carried over plus newly received.
    pub fn feedback_total(&self) -> u64 {
        self.feedback_carried_over + self.feedback_received
    }

    /// Feedback answered, in time or late.
    pub fn feedback_answered(&self) -> u64 {
        self.feedback_answered_on_time + self.feedback_answered_late
    }

    /// Whether the feedback figures balance: carried over + received = answered + pending.
    pub fn feedback_balances(&self) -> bool {
        self.feedback_total() == self.feedback_answered() + self.feedback_pending
    }

    /// Dossiers that went past their deadline in the period: resolved late or still pending
    /// overdue. Each of them calls for an apology letter to the applicant.
    pub fn late_dossiers(&self) -> u64 {
        self.resolved_late + self.pending_overdue
    }
}

impl AddAssign for Figures {
    fn add_assign(&mut self, o: Figures) {
        self.carried_over += o.carried_over;
        self.received_online += o.received_online;
        self.received_direct += o.received_direct;
        self.received_postal += o.received_postal;
        self.resolved_early += o.resolved_early;
        self.resolved_on_time += o.resolved_on_time;
        self.resolved_late += o.resolved_late;
        self.pending_on_time += o.pending_on_time;
        self.pending_overdue += o.pending_overdue;
        self.withdrawn += o.withdrawn;
        self.surveyed += o.surveyed;
        self.satisfied += o.satisfied;
        self.feedback_carried_over += o.feedback_carried_over;
        self.feedback_received += o.feedback_received;
        self.feedback_answered_on_time += o.feedback_answered_on_time;
        self.feedback_answered_late += o.feedback_answered_late;
        self.feedback_pending += o.feedback_pending;
        self.apologies += o.apologies;
    }
}

impl Add for Figures {
    type Output = Figures;
    fn add(mut self, o: Figures) -> Figures {
        self += o;
        self
    }
}

impl std::iter::Sum for Figures {
    fn sum<I: Iterator<Item = Figures>>(iter: I) -> Figures {
        iter.fold(Figures::default(), |a, b| a + b)
    }
}

/// One row: a unit's figures for one field, or for all its fields (`field: None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub unit: String,
    pub field: Option<String>,
    pub figures: Figures,
}

/// One month's report, rows sorted by unit order (district first) then field order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthlyReport {
    pub month: Month,
    pub rows: Vec<ReportRow>,
    /// Whether the file had the survey columns (so "no survey" differs from "0 surveyed").
    pub has_survey: bool,
    /// Whether the file had the feedback columns.
    pub has_feedback: bool,
    /// Whether the file had the `apologies` column.
    pub has_apologies: bool,
}

/// The columns of `content/statistics/thu-tuc/YYYY-MM.csv`, all required.
pub const PROCEDURE_COLUMNS: &[&str] = &[
    "procedure",
    "unit",
    "received",
    "resolved_on_time",
    "resolved_late",
    "average_days",
];

/// One procedure's dossiers at one unit in one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcedureMonth {
    pub month: Month,
    /// The procedure's slug (the file may name it by code).
    pub procedure: String,
    pub unit: String,
    pub received: u64,
    /// Resolved by the deadline, early ones included.
    pub resolved_on_time: u64,
    pub resolved_late: u64,
    /// Average working days the resolved dossiers took; `None` when none were resolved.
    pub average_days: Option<f64>,
}

impl ProcedureMonth {
    pub fn resolved(&self) -> u64 {
        self.resolved_on_time + self.resolved_late
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_only_when_real() {
        assert_eq!(
            Month::parse("2020-03"),
            Some(Month {
                year: 2020,
                month: 3
            })
        );
        for bad in [
            "2020-13",
            "2020-00",
            "2020-3",
            "20-03",
            "2020_03",
            "２020-03",
            "abcd-01",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Month::parse("2020-01").unwrap().prev().to_string(),
            "2019-12"
        );
        assert_eq!(
            Month::parse("2019-12").unwrap().next().to_string(),
            "2020-01"
        );
        assert_eq!(Month::parse("2020-06").unwrap().quarter(), 2);
    }

    #[test]
    fn weekdays_of_a_month() {
        // March 2020 began on a Sunday: 22 weekdays. February 2020 (leap): 20.
        assert_eq!(
            Month {
                year: 2020,
                month: 3
            }
            .weekdays(),
            22
        );
        assert_eq!(
            Month {
                year: 2020,
                month: 2
            }
            .weekdays(),
            20
        );
        assert_eq!(weekday(2020, 6, 15), 0, "15/06/2020 was a Monday");
    }

    #[test]
    fn figures_balance() {
        let f = Figures {
            carried_over: 5,
            received_online: 10,
            resolved_on_time: 12,
            pending_on_time: 2,
            withdrawn: 1,
            ..Default::default()
        };
        assert!(f.balances());
        assert_eq!(f.received_total(), 15);
        assert_eq!(f.handled_total(), 15);
    }
}

#[cfg(test)]
mod count_tests {
    use super::*;

    #[test]
    fn counts_read_vietnamese_thousands_and_refuse_decimals() {
        assert_eq!(parse_count("7599"), Some(7599));
        assert_eq!(parse_count("7.599"), Some(7599));
        assert_eq!(parse_count("1 234 567"), Some(1_234_567));
        assert_eq!(parse_count(" 12 "), Some(12));
        assert_eq!(parse_count("2.5"), None);
        assert_eq!(parse_count("12.34"), None);
        assert_eq!(parse_count("1234.567"), None);
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count(""), None);
        assert_eq!(parse_count("."), None);
    }

    #[test]
    fn semicolon_files_are_recognised() {
        assert_eq!(csv_delimiter("unit;field;carried_over"), b';');
        assert_eq!(csv_delimiter("unit,field,carried_over"), b',');
    }
}
