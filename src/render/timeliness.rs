//! A procedure page's "how long it really takes" block: its dossiers of the last 12 months
//! with per-procedure figures, how many were resolved in time, and the average time taken
//! against the legal time limit.

use serde::Serialize;

use crate::model::{Portal, Procedure, TimeUnit};
use crate::report::{Month, ProcedureMonth};
use crate::stats::Rate;
use crate::text::{format_decimal, format_int};

/// One month of a procedure, every unit added up.
#[derive(Debug, Serialize)]
pub struct MonthView {
    pub label: String,
    pub received: String,
    pub resolved: String,
    pub late: String,
    pub rate: String,
    pub average: String,
}

/// What the procedure page shows (inserted as `timeliness`).
#[derive(Debug, Serialize)]
pub struct TimelinessView {
    /// "Từ tháng 06/2019 đến tháng 05/2020", or "Tháng 05/2020".
    pub period: String,
    pub months: Vec<MonthView>,
    pub resolved: String,
    pub rate: String,
    /// Average working days over the period ("4,2"), `None` when nothing was resolved.
    pub average: Option<String>,
    /// The legal time limit ("5 ngày làm việc"), when the catalog gives it as a number.
    pub limit: Option<String>,
    /// The average set against the limit, in words, when both are in working days.
    pub verdict: Option<String>,
    /// The average as a share of the limit, for the bar (0–100, capped).
    pub bar: Option<u32>,
}

/// The sums of a set of rows: received, resolved in time, resolved late, and the day-weighted
/// total from which the average comes (each row's average times its resolved dossiers).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Totals {
    pub received: u64,
    pub on_time: u64,
    pub late: u64,
    pub days: f64,
}

impl Totals {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a ProcedureMonth>) -> Totals {
        let mut t = Totals::default();
        for r in rows {
            t.received += r.received;
            t.on_time += r.resolved_on_time;
            t.late += r.resolved_late;
            t.days += r.average_days.unwrap_or(0.0) * r.resolved() as f64;
        }
        t
    }

    pub fn resolved(&self) -> u64 {
        self.on_time + self.late
    }

    /// Resolved in time / resolved.
    pub fn rate(&self) -> Option<Rate> {
        Rate::new(self.on_time, self.resolved())
    }

    /// The average working days per resolved dossier (weighted by each month's and unit's
    /// resolved dossiers, not an average of averages).
    pub fn average(&self) -> Option<f64> {
        (self.resolved() > 0).then(|| self.days / self.resolved() as f64)
    }
}

/// The block for `p`, or `None` when no per-procedure figures name it.
pub fn view(portal: &Portal, p: &Procedure) -> Option<TimelinessView> {
    let rows = portal.timeliness.get(&p.slug)?;
    let mut months: Vec<Month> = rows.iter().map(|r| r.month).collect();
    months.dedup(); // rows come in month order
    let months = &months[months.len().saturating_sub(12)..];
    let first = *months.first()?;
    let last = *months.last()?;
    let in_window: Vec<&ProcedureMonth> = rows.iter().filter(|r| r.month >= first).collect();
    let month_views = months
        .iter()
        .map(|&m| {
            let t = Totals::of(in_window.iter().copied().filter(|r| r.month == m));
            MonthView {
                label: m.label(),
                received: format_int(t.received as i64),
                resolved: format_int(t.resolved() as i64),
                late: format_int(t.late as i64),
                rate: t.rate().map_or_else(|| "–".into(), Rate::vi),
                average: t
                    .average()
                    .map_or_else(|| "–".into(), |a| format_decimal(a, 1)),
            }
        })
        .collect();
    let total = Totals::of(in_window.iter().copied());
    let average = total.average();
    let limit = p.processing_time.value;
    let working_limit = match limit {
        Some((v, TimeUnit::WorkingDays)) if v > 0.0 => Some(v),
        _ => None,
    };
    let verdict = average.zip(working_limit).map(|(a, l)| {
        let (a1, l1) = (format_decimal(a, 1), format_decimal(l, 2));
        if a <= l {
            format!(
                "Trung bình {a1} ngày làm việc, trong thời hạn {l1} ngày làm việc theo quy định."
            )
        } else {
            format!(
                "Trung bình {a1} ngày làm việc, lâu hơn thời hạn {l1} ngày làm việc theo quy định."
            )
        }
    });
    let bar = average
        .zip(working_limit)
        .map(|(a, l)| ((a / l * 100.0).round() as u32).min(100));
    Some(TimelinessView {
        period: if first == last {
            format!("Tháng {}", first.vi())
        } else {
            format!("Từ tháng {} đến tháng {}", first.vi(), last.vi())
        },
        months: month_views,
        resolved: format_int(total.resolved() as i64),
        rate: total.rate().map_or_else(|| "–".into(), Rate::vi),
        average: average.map(|a| format_decimal(a, 1)),
        limit: limit.map(|_| p.processing_time.short()),
        verdict,
        bar,
    })
}
