//! Aggregation of the monthly reports: pure functions, no I/O, no formatting beyond rates.
//!
//! Unit × field × month figures roll up into quarters, years and the district total. Over a
//! span of months the flows (received, resolved, withdrawn, surveyed) add up, while the stocks
//! do not: what was carried over is the first month's, what is pending is the last month's.
//! That keeps every aggregate balanced exactly like a single month of the official form.

use std::collections::BTreeMap;

use crate::report::{Figures, Month, MonthlyReport};
use crate::text::format_decimal;

/// A reporting period: a month, a quarter or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    Month(Month),
    Quarter(u16, u8),
    Year(u16),
}

impl Period {
    pub fn contains(self, m: Month) -> bool {
        match self {
            Period::Month(x) => x == m,
            Period::Quarter(y, q) => m.year == y && m.quarter() == q,
            Period::Year(y) => m.year == y,
        }
    }

    /// The period before, of the same length.
    pub fn prev(self) -> Period {
        match self {
            Period::Month(m) => Period::Month(m.prev()),
            Period::Quarter(y, 1) => Period::Quarter(y - 1, 4),
            Period::Quarter(y, q) => Period::Quarter(y, q - 1),
            Period::Year(y) => Period::Year(y - 1),
        }
    }

    /// "Tháng 3/2020", "Quý I/2020", "Năm 2020".
    pub fn label(self) -> String {
        match self {
            Period::Month(m) => m.label(),
            Period::Quarter(y, q) => format!("Quý {}/{y}", roman(q)),
            Period::Year(y) => format!("Năm {y}"),
        }
    }

    /// The page's path under the site root: `thong-ke/2020/quy-1/`.
    pub fn path(self) -> String {
        match self {
            Period::Month(m) => format!("thong-ke/{:04}/{:02}/", m.year, m.month),
            Period::Quarter(y, q) => format!("thong-ke/{y}/quy-{q}/"),
            Period::Year(y) => format!("thong-ke/{y}/"),
        }
    }
}

/// I, II, III, IV: how Vietnamese reports name quarters.
pub fn roman(q: u8) -> &'static str {
    ["I", "II", "III", "IV"]
        .get(q as usize - 1)
        .copied()
        .unwrap_or("?")
}

/// The reports of the months in `period`, in month order.
pub fn reports_in(reports: &[MonthlyReport], period: Period) -> Vec<&MonthlyReport> {
    reports
        .iter()
        .filter(|r| period.contains(r.month))
        .collect()
}

/// Rolls monthly figures (in month order) up into one: flows add, carried-over is the first
/// month's and pending the last month's (0 where a key has no row in that month).
pub fn roll_up<K: Ord + Clone>(months: &[BTreeMap<K, Figures>]) -> BTreeMap<K, Figures> {
    let mut out: BTreeMap<K, Figures> = BTreeMap::new();
    for m in months {
        for (k, f) in m {
            let e = out.entry(k.clone()).or_default();
            e.received_online += f.received_online;
            e.received_direct += f.received_direct;
            e.received_postal += f.received_postal;
            e.resolved_early += f.resolved_early;
            e.resolved_on_time += f.resolved_on_time;
            e.resolved_late += f.resolved_late;
            e.withdrawn += f.withdrawn;
            e.surveyed += f.surveyed;
            e.satisfied += f.satisfied;
            e.feedback_received += f.feedback_received;
            e.feedback_answered_on_time += f.feedback_answered_on_time;
            e.feedback_answered_late += f.feedback_answered_late;
            e.apologies += f.apologies;
        }
    }
    for (k, e) in out.iter_mut() {
        let first = months.first().and_then(|m| m.get(k));
        e.carried_over = first.map_or(0, |f| f.carried_over);
        e.feedback_carried_over = first.map_or(0, |f| f.feedback_carried_over);
        let last = months.last().and_then(|m| m.get(k));
        e.pending_on_time = last.map_or(0, |f| f.pending_on_time);
        e.pending_overdue = last.map_or(0, |f| f.pending_overdue);
        e.feedback_pending = last.map_or(0, |f| f.feedback_pending);
    }
    out
}

/// One month's figures per unit (a unit's field rows added up).
pub fn month_by_unit(report: &MonthlyReport) -> BTreeMap<String, Figures> {
    let mut out: BTreeMap<String, Figures> = BTreeMap::new();
    for r in &report.rows {
        *out.entry(r.unit.clone()).or_default() += r.figures;
    }
    out
}

/// One month's figures per field; `None` gathers the rows of units that do not split by
/// field ("chưa phân loại").
pub fn month_by_field(report: &MonthlyReport) -> BTreeMap<Option<String>, Figures> {
    let mut out: BTreeMap<Option<String>, Figures> = BTreeMap::new();
    for r in &report.rows {
        *out.entry(r.field.clone()).or_default() += r.figures;
    }
    out
}

/// Figures per unit over the given months.
pub fn by_unit(reports: &[&MonthlyReport]) -> BTreeMap<String, Figures> {
    roll_up(&reports.iter().map(|r| month_by_unit(r)).collect::<Vec<_>>())
}

/// Figures per field over the given months.
pub fn by_field(reports: &[&MonthlyReport]) -> BTreeMap<Option<String>, Figures> {
    roll_up(
        &reports
            .iter()
            .map(|r| month_by_field(r))
            .collect::<Vec<_>>(),
    )
}

/// The whole district (every unit) over the given months.
pub fn total(reports: &[&MonthlyReport]) -> Figures {
    let months: Vec<BTreeMap<(), Figures>> = reports
        .iter()
        .map(|r| BTreeMap::from([((), r.rows.iter().map(|r| r.figures).sum())]))
        .collect();
    roll_up(&months).remove(&()).unwrap_or_default()
}

/// One unit in one month, from its rows (see [`crate::model::Portal::unit_rows`]): the same
/// as [`unit_total`] of that month (`None` without rows).
pub fn unit_month(rows: &[crate::report::ReportRow]) -> Option<Figures> {
    if rows.is_empty() {
        return None;
    }
    roll_up(&[BTreeMap::from([((), rows.iter().map(|r| r.figures).sum())])]).remove(&())
}

/// One unit over the given months (`None` when it has no row in any of them).
pub fn unit_total(reports: &[&MonthlyReport], unit: &str) -> Option<Figures> {
    // Only this unit's rows, month by month (a month without them stays in, empty, as in
    // `by_unit`): summing every unit to read one made a province's unit pages quadratic.
    let months: Vec<BTreeMap<(), Figures>> = reports
        .iter()
        .map(|r| {
            let mut own = BTreeMap::new();
            for row in r.rows.iter().filter(|row| row.unit == unit) {
                *own.entry(()).or_default() += row.figures;
            }
            own
        })
        .collect();
    roll_up(&months).remove(&())
}

/// A share, kept as a fraction so that rounding happens once, when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub num: u64,
    pub den: u64,
}

impl Rate {
    /// `None` when there is nothing to divide by (no rate is shown, not "0%").
    pub fn new(num: u64, den: u64) -> Option<Rate> {
        (den > 0).then_some(Rate { num, den })
    }

    /// Tenths of a percent, rounded half up; never 100% unless all, never 0% unless none, so
    /// a single late dossier among thousands still shows as "99,9%", not "100%".
    pub fn tenths(self) -> u64 {
        let t = (2000 * self.num as u128 + self.den as u128) / (2 * self.den as u128);
        let t = t as u64;
        if self.num < self.den && t >= 1000 {
            999
        } else if self.num > 0 && t == 0 {
            1
        } else {
            t
        }
    }

    /// The percentage as a number (for charts).
    pub fn percent(self) -> f64 {
        self.tenths() as f64 / 10.0
    }

    /// `98,5%`, `100%`.
    pub fn vi(self) -> String {
        format!("{}%", format_decimal(self.percent(), 1))
    }
}

/// (early + on time) / resolved.
pub fn on_time_rate(f: &Figures) -> Option<Rate> {
    Rate::new(f.resolved_in_time(), f.resolved())
}

/// Online / newly received.
pub fn online_share(f: &Figures) -> Option<Rate> {
    Rate::new(f.received_online, f.received_new())
}

/// By post / newly received.
pub fn postal_share(f: &Figures) -> Option<Rate> {
    Rate::new(f.received_postal, f.received_new())
}

/// Satisfied / surveyed.
pub fn satisfaction(f: &Figures) -> Option<Rate> {
    Rate::new(f.satisfied, f.surveyed)
}

/// Change of a count from the previous period.
pub fn change(cur: u64, prev: u64) -> i64 {
    cur as i64 - prev as i64
}

/// Change of a rate in tenths of a percentage point.
pub fn rate_change(cur: Option<Rate>, prev: Option<Rate>) -> Option<i64> {
    Some(cur?.tenths() as i64 - prev?.tenths() as i64)
}

/// Units ranked by on-time rate (best first), then by how many were resolved (more first),
/// then by `order` (the site's unit order); units that resolved nothing come last.
pub fn ranking<'a>(
    by_unit: &'a BTreeMap<String, Figures>,
    order: &[&str],
) -> Vec<(&'a str, &'a Figures)> {
    // By lookup: a province ranks two thousand units, and ties are common.
    let at: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, o)| (*o, i))
        .rev()
        .collect();
    let pos = |u: &str| at.get(u).copied().unwrap_or(usize::MAX);
    let mut v: Vec<(&str, &Figures)> = by_unit.iter().map(|(u, f)| (u.as_str(), f)).collect();
    v.sort_by(|a, b| {
        let ra = on_time_rate(a.1);
        let rb = on_time_rate(b.1);
        // Exact comparison of fractions, not of rounded percentages.
        let cmp_rate = match (ra, rb) {
            (Some(x), Some(y)) => {
                ((y.num as u128) * (x.den as u128)).cmp(&((x.num as u128) * (y.den as u128)))
            }
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        cmp_rate
            .then_with(|| b.1.resolved().cmp(&a.1.resolved()))
            .then_with(|| pos(a.0).cmp(&pos(b.0)))
    });
    v
}

/// Whether figures show dossiers past their deadline: resolved late or pending overdue.
pub fn has_overdue(f: &Figures) -> bool {
    f.resolved_late > 0 || f.pending_overdue > 0
}

/// The last `n` months that have a report, up to and including `upto`, in month order.
pub fn last_months(reports: &[MonthlyReport], upto: Month, n: usize) -> Vec<&MonthlyReport> {
    let v: Vec<&MonthlyReport> = reports.iter().filter(|r| r.month <= upto).collect();
    v[v.len().saturating_sub(n)..].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ReportRow;

    fn f(
        carried: u64,
        online: u64,
        direct: u64,
        early: u64,
        on_time: u64,
        late: u64,
        pending: u64,
    ) -> Figures {
        Figures {
            carried_over: carried,
            received_online: online,
            received_direct: direct,
            resolved_early: early,
            resolved_on_time: on_time,
            resolved_late: late,
            pending_on_time: pending,
            ..Default::default()
        }
    }

    fn report(month: u8, rows: Vec<(&str, Option<&str>, Figures)>) -> MonthlyReport {
        MonthlyReport {
            month: Month { year: 2020, month },
            rows: rows
                .into_iter()
                .map(|(u, fl, f)| ReportRow {
                    unit: u.into(),
                    field: fl.map(Into::into),
                    figures: f,
                })
                .collect(),
            has_survey: false,
            has_feedback: false,
            has_apologies: false,
        }
    }

    fn three_months() -> Vec<MonthlyReport> {
        vec![
            report(
                1,
                vec![
                    ("a", Some("x"), f(2, 5, 5, 1, 8, 0, 3)),
                    ("a", Some("y"), f(0, 1, 1, 0, 2, 0, 0)),
                    ("b", None, f(1, 0, 4, 0, 4, 1, 0)),
                ],
            ),
            report(
                2,
                vec![
                    ("a", Some("x"), f(3, 4, 4, 2, 6, 0, 3)),
                    ("b", None, f(0, 2, 2, 1, 2, 0, 1)),
                ],
            ),
            report(
                3,
                vec![
                    ("a", Some("x"), f(3, 6, 6, 3, 9, 0, 3)),
                    ("b", None, f(1, 3, 3, 2, 4, 0, 1)),
                ],
            ),
        ]
    }

    #[test]
    fn spans_take_first_carry_and_last_pending() {
        let reps = three_months();
        let q1 = reports_in(&reps, Period::Quarter(2020, 1));
        let a = unit_total(&q1, "a").unwrap();
        assert_eq!(a.carried_over, 2);
        assert_eq!(a.received_new(), 10 + 2 + 8 + 12);
        assert_eq!(a.resolved(), 9 + 2 + 8 + 12);
        assert_eq!(a.pending(), 3);
        assert!(a.balances(), "{a:?}");
    }

    #[test]
    fn units_add_up_to_the_district_and_months_to_the_quarter() {
        let reps = three_months();
        for period in [
            Period::Month(Month {
                year: 2020,
                month: 2,
            }),
            Period::Quarter(2020, 1),
            Period::Year(2020),
        ] {
            let sel = reports_in(&reps, period);
            let t = total(&sel);
            assert_eq!(
                by_unit(&sel).into_values().sum::<Figures>(),
                t,
                "{period:?}"
            );
            assert_eq!(
                by_field(&sel).into_values().sum::<Figures>(),
                t,
                "{period:?}"
            );
            assert!(t.balances());
        }
        let q = total(&reports_in(&reps, Period::Quarter(2020, 1)));
        let months: Vec<Figures> = reps.iter().map(|r| total(&[r])).collect();
        assert_eq!(
            q.resolved(),
            months.iter().map(Figures::resolved).sum::<u64>()
        );
        assert_eq!(q.carried_over, months[0].carried_over);
        assert_eq!(q.pending(), months[2].pending());
    }

    #[test]
    fn rates_round_half_up_and_never_overstate() {
        assert_eq!(Rate::new(197, 200).unwrap().vi(), "98,5%");
        assert_eq!(Rate::new(1, 3).unwrap().vi(), "33,3%");
        assert_eq!(Rate::new(2, 3).unwrap().vi(), "66,7%");
        assert_eq!(Rate::new(1, 8).unwrap().vi(), "12,5%"); // 12.5 exactly
        assert_eq!(Rate::new(1, 16).unwrap().vi(), "6,3%"); // 6.25 → half up
        assert_eq!(Rate::new(7599, 7599).unwrap().vi(), "100%");
        assert_eq!(
            Rate::new(7598, 7599).unwrap().vi(),
            "99,9%",
            "one late dossier is not 100%"
        );
        assert_eq!(Rate::new(1, 7599).unwrap().vi(), "0,1%");
        assert_eq!(Rate::new(0, 5).unwrap().vi(), "0%");
        assert_eq!(Rate::new(3, 0), None);
        assert_eq!(
            rate_change(Rate::new(99, 100), Rate::new(97, 100)),
            Some(20)
        );
    }

    #[test]
    fn ranking_by_exact_rate_then_volume() {
        let mut m = BTreeMap::new();
        m.insert("a".to_string(), f(0, 0, 10, 0, 9, 1, 0)); // 90%
        m.insert("b".to_string(), f(0, 0, 20, 0, 18, 2, 0)); // 90%, more resolved
        m.insert("c".to_string(), f(0, 0, 3, 0, 3, 0, 0)); // 100%
        m.insert("d".to_string(), f(0, 0, 0, 0, 0, 0, 0)); // nothing resolved
        let r: Vec<&str> = ranking(&m, &["d", "c", "b", "a"])
            .into_iter()
            .map(|(u, _)| u)
            .collect();
        assert_eq!(r, ["c", "b", "a", "d"]);
    }

    #[test]
    fn periods_label_and_path() {
        assert_eq!(Period::Quarter(2020, 1).label(), "Quý I/2020");
        assert_eq!(Period::Quarter(2020, 1).path(), "thong-ke/2020/quy-1/");
        assert_eq!(
            Period::Month(Month {
                year: 2020,
                month: 3
            })
            .path(),
            "thong-ke/2020/03/"
        );
        assert_eq!(Period::Quarter(2020, 1).prev(), Period::Quarter(2019, 4));
    }
}
