//! Statistics pages (`/thong-ke/…`), the unit pages' last-12-months block and the home
//! page's latest-month block: aggregates from `stats`, charts from `charts`, formatted here
//! (Vietnamese numbers and rates) so the templates only lay them out.

use serde::Serialize;
use tera::Context;

use super::{Renderer, crumb};
use crate::charts;
use crate::error::Result;
use crate::model::Portal;
use crate::output::Output;
use crate::report::{Figures, Month, MonthlyReport};
use crate::stats::{self, Period, Rate};
use crate::text::{format_int, lower_first};

/// One row of a table in the official form's columns, formatted.
#[derive(Debug, Serialize)]
pub struct RowView {
    pub name: String,
    /// Relative to the site root.
    pub link: Option<String>,
    pub overdue: bool,
    pub cells: Vec<String>,
}

/// A table by unit or by field with its total row.
#[derive(Debug, Serialize)]
pub struct TableView {
    pub id: String,
    pub caption: String,
    pub first: String,
    pub withdrawn: bool,
    pub survey: bool,
    pub rows: Vec<RowView>,
    pub total: RowView,
}

/// A unit's place in the ranking by on-time rate.
#[derive(Debug, Serialize)]
pub struct RankView {
    pub name: String,
    pub link: String,
    pub rate: String,
    pub resolved: String,
    pub overdue: bool,
}

/// One month of a trend: the numbers behind the charts.
#[derive(Debug, Serialize)]
pub struct MonthRow {
    pub label: String,
    pub link: String,
    pub received: String,
    pub resolved: String,
    pub early: String,
    pub on_time: String,
    pub late: String,
    pub rate: String,
    pub pending_overdue: String,
    pub online: String,
    pub postal: String,
    pub overdue: bool,
}

/// A headline figure with its change from the previous period.
#[derive(Debug, Serialize)]
pub struct Headline {
    pub label: String,
    pub value: String,
    pub change: Option<String>,
}

/// A chart and what it shows.
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub id: String,
    pub heading: String,
    pub svg: String,
}

#[derive(Debug, Serialize)]
pub struct LinkView {
    pub url: String,
    pub name: String,
}

/// The summary of a period: headline figures and the detail every statistics page shows.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub period: String,
    /// The period inside a sentence ("quý I/2020").
    pub period_lc: String,
    pub months: String,
    pub received_new: String,
    pub carried_over: String,
    pub resolved: String,
    pub early: String,
    pub on_time: String,
    pub late: String,
    pub rate: String,
    pub pending: String,
    pub pending_overdue: String,
    pub withdrawn: String,
    pub online: String,
    pub postal: String,
    pub satisfaction: Option<String>,
    pub headlines: Vec<Headline>,
    pub overdue: bool,
}

fn n(v: u64) -> String {
    format_int(v as i64)
}

fn rate(r: Option<Rate>) -> String {
    r.map_or_else(|| "–".to_string(), Rate::vi)
}

/// "+12", "−3", "không đổi".
fn signed(d: i64) -> String {
    match d {
        0 => "không đổi".to_string(),
        d if d > 0 => format!("tăng {}", format_int(d)),
        d => format!("giảm {}", format_int(-d)),
    }
}

fn summary(portal: &Portal, period: Period) -> Summary {
    let sel = stats::reports_in(&portal.reports, period);
    let f = stats::total(&sel);
    let prev_sel = stats::reports_in(&portal.reports, period.prev());
    let prev = (!prev_sel.is_empty()).then(|| stats::total(&prev_sel));
    let survey = sel.iter().any(|r| r.has_survey);
    let mut headlines = vec![
        Headline {
            label: "Hồ sơ mới tiếp nhận".into(),
            value: n(f.received_new()),
            change: prev.map(|p| signed(stats::change(f.received_new(), p.received_new()))),
        },
        Headline {
            label: "Hồ sơ đã giải quyết".into(),
            value: n(f.resolved()),
            change: prev.map(|p| signed(stats::change(f.resolved(), p.resolved()))),
        },
        Headline {
            label: "Giải quyết đúng hạn và trước hạn".into(),
            value: rate(stats::on_time_rate(&f)),
            change: prev
                .and_then(|p| stats::rate_change(stats::on_time_rate(&f), stats::on_time_rate(&p)))
                .map(|d| {
                    let pts = crate::text::format_decimal(d.unsigned_abs() as f64 / 10.0, 1);
                    match d {
                        0 => "không đổi".to_string(),
                        d if d > 0 => format!("tăng {pts} điểm phần trăm"),
                        _ => format!("giảm {pts} điểm phần trăm"),
                    }
                }),
        },
        Headline {
            label: "Hồ sơ giải quyết quá hạn".into(),
            value: n(f.resolved_late),
            change: None,
        },
    ];
    if survey {
        headlines.push(Headline {
            label: "Người dân hài lòng".into(),
            value: rate(stats::satisfaction(&f)),
            change: None,
        });
    }
    let months = match (sel.first(), sel.last()) {
        (Some(a), Some(b)) if a.month != b.month => format!("{} – {}", a.month.vi(), b.month.vi()),
        (Some(a), _) => a.month.vi(),
        _ => String::new(),
    };
    Summary {
        period: period.label(),
        period_lc: lower_first(&period.label()),
        months,
        headlines,
        ..figures_summary(&f, survey)
    }
}

/// The figures of a [`Summary`], formatted; period, months and headlines left empty.
fn figures_summary(f: &Figures, survey: bool) -> Summary {
    Summary {
        period: String::new(),
        period_lc: String::new(),
        months: String::new(),
        received_new: n(f.received_new()),
        carried_over: n(f.carried_over),
        resolved: n(f.resolved()),
        early: n(f.resolved_early),
        on_time: n(f.resolved_on_time),
        late: n(f.resolved_late),
        rate: rate(stats::on_time_rate(f)),
        pending: n(f.pending()),
        pending_overdue: n(f.pending_overdue),
        withdrawn: n(f.withdrawn),
        online: rate(stats::online_share(f)),
        postal: rate(stats::postal_share(f)),
        satisfaction: survey.then(|| rate(stats::satisfaction(f))),
        headlines: Vec::new(),
        overdue: stats::has_overdue(f),
    }
}

fn cells(f: &Figures, withdrawn: bool, survey: bool) -> Vec<String> {
    let mut v = vec![
        n(f.carried_over),
        n(f.received_online),
        n(f.received_direct),
        n(f.received_postal),
        n(f.resolved_early),
        n(f.resolved_on_time),
        n(f.resolved_late),
        rate(stats::on_time_rate(f)),
        n(f.pending_on_time),
        n(f.pending_overdue),
    ];
    if withdrawn {
        v.push(n(f.withdrawn));
    }
    if survey {
        v.push(rate(stats::satisfaction(f)));
    }
    v
}

fn tables(portal: &Portal, sel: &[&MonthlyReport], what: &str) -> (TableView, Option<TableView>) {
    let total = stats::total(sel);
    let withdrawn = portal
        .reports
        .iter()
        .flat_map(|r| &r.rows)
        .any(|r| r.figures.withdrawn > 0);
    let survey = sel.iter().any(|r| r.has_survey);
    let by_unit = stats::by_unit(sel);
    let rows = portal
        .units
        .iter()
        .filter_map(|u| {
            let f = by_unit.get(&u.slug)?;
            Some(RowView {
                name: u.name.clone(),
                link: Some(format!("don-vi/{}/", u.slug)),
                overdue: stats::has_overdue(f),
                cells: cells(f, withdrawn, survey),
            })
        })
        .collect();
    let total_row = |name: &str| RowView {
        name: name.into(),
        link: None,
        overdue: stats::has_overdue(&total),
        cells: cells(&total, withdrawn, survey),
    };
    let units = TableView {
        id: "theo-don-vi".into(),
        caption: format!("Tình hình giải quyết hồ sơ theo đơn vị, {what}"),
        first: "Đơn vị".into(),
        withdrawn,
        survey,
        rows,
        total: total_row("Toàn huyện"),
    };
    let by_field = stats::by_field(sel);
    if by_field.keys().all(Option::is_none) {
        return (units, None);
    }
    let mut rows: Vec<RowView> = portal
        .fields
        .iter()
        .filter_map(|fl| {
            let f = by_field.get(&Some(fl.slug.clone()))?;
            Some(RowView {
                name: fl.name.clone(),
                link: Some(format!("linh-vuc/{}/", fl.slug)),
                overdue: stats::has_overdue(f),
                cells: cells(f, withdrawn, survey),
            })
        })
        .collect();
    if let Some(f) = by_field.get(&None) {
        rows.push(RowView {
            name: "Chưa phân loại theo lĩnh vực".into(),
            link: None,
            overdue: stats::has_overdue(f),
            cells: cells(f, withdrawn, survey),
        });
    }
    let fields = TableView {
        id: "theo-linh-vuc".into(),
        caption: format!("Tình hình giải quyết hồ sơ theo lĩnh vực, {what}"),
        first: "Lĩnh vực".into(),
        withdrawn,
        survey,
        rows,
        total: total_row("Tổng cộng"),
    };
    (units, Some(fields))
}

fn ranking(portal: &Portal, sel: &[&MonthlyReport]) -> Vec<RankView> {
    let by_unit = stats::by_unit(sel);
    let order: Vec<&str> = portal.units.iter().map(|u| u.slug.as_str()).collect();
    stats::ranking(&by_unit, &order)
        .into_iter()
        .map(|(slug, f)| RankView {
            name: portal
                .unit(slug)
                .map_or_else(|| slug.to_string(), |u| u.name.clone()),
            link: format!("don-vi/{slug}/"),
            rate: rate(stats::on_time_rate(f)),
            resolved: n(f.resolved()),
            overdue: stats::has_overdue(f),
        })
        .collect()
}

/// The months of a trend, optionally for one unit only.
fn month_rows(
    portal: &Portal,
    months: &[&MonthlyReport],
    unit: Option<&str>,
) -> Vec<(Month, Figures)> {
    months
        .iter()
        .filter_map(|r| match unit {
            None => Some((r.month, stats::total(&[r]))),
            Some(u) => stats::unit_month(portal.unit_rows(r, u)).map(|f| (r.month, f)),
        })
        .collect()
}

fn month_views(rows: &[(Month, Figures)]) -> Vec<MonthRow> {
    rows.iter()
        .map(|(m, f)| MonthRow {
            label: m.label(),
            link: Period::Month(*m).path(),
            received: n(f.received_new()),
            resolved: n(f.resolved()),
            early: n(f.resolved_early),
            on_time: n(f.resolved_on_time),
            late: n(f.resolved_late),
            rate: rate(stats::on_time_rate(f)),
            pending_overdue: n(f.pending_overdue),
            online: rate(stats::online_share(f)),
            postal: rate(stats::postal_share(f)),
            overdue: stats::has_overdue(f),
        })
        .collect()
}

fn short(m: Month) -> String {
    format!("{}/{:02}", m.month, m.year % 100)
}

fn trend_charts(id: &str, rows: &[(Month, Figures)], whom: &str) -> Vec<ChartView> {
    if rows.is_empty() {
        return Vec::new();
    }
    let span = match (rows.first(), rows.last()) {
        (Some(a), Some(b)) if a.0 != b.0 => format!("từ {} đến {}", a.0.vi(), b.0.vi()),
        (Some(a), _) => format!("tháng {}", a.0.vi()),
        _ => String::new(),
    };
    let bars: Vec<(String, u64, u64, u64)> = rows
        .iter()
        .map(|(m, f)| {
            (
                short(*m),
                f.resolved_early,
                f.resolved_on_time,
                f.resolved_late,
            )
        })
        .collect();
    let late: u64 = rows.iter().map(|(_, f)| f.resolved_late).sum();
    let resolved: u64 = rows.iter().map(|(_, f)| f.resolved()).sum();
    let max = rows
        .iter()
        .max_by_key(|(_, f)| f.resolved())
        .expect("non-empty");
    let desc = format!(
        "Biểu đồ cột chồng theo tháng, {span}, {whom}: tổng cộng {} hồ sơ đã giải quyết, trong đó {} quá hạn. Tháng nhiều nhất: {} với {} hồ sơ. Số liệu chi tiết ở bảng dưới biểu đồ.",
        n(resolved),
        n(late),
        max.0.label(),
        n(max.1.resolved())
    );
    let shares: Vec<(String, Option<f64>, Option<f64>)> = rows
        .iter()
        .map(|(m, f)| {
            (
                short(*m),
                stats::online_share(f).map(Rate::percent),
                stats::postal_share(f).map(Rate::percent),
            )
        })
        .collect();
    let first = &rows[0].1;
    let last = &rows[rows.len() - 1].1;
    let share_desc = format!(
        "Biểu đồ đường, {span}, {whom}: tỷ lệ hồ sơ nộp trực tuyến từ {} lên {} (tháng cuối); qua dịch vụ bưu chính từ {} đến {}. Số liệu chi tiết ở bảng dưới biểu đồ.",
        rate(stats::online_share(first)),
        rate(stats::online_share(last)),
        rate(stats::postal_share(first)),
        rate(stats::postal_share(last))
    );
    let share_desc = share_desc.replace(
        " lên ",
        if stats::online_share(last).map(Rate::tenths)
            >= stats::online_share(first).map(Rate::tenths)
        {
            " lên "
        } else {
            " xuống "
        },
    );
    vec![
        ChartView {
            id: format!("{id}-giai-quyet"),
            heading: "Hồ sơ đã giải quyết theo tháng: trước hạn, đúng hạn, quá hạn".into(),
            svg: charts::resolved_bars(
                &format!("{id}-giai-quyet"),
                "Hồ sơ đã giải quyết theo tháng",
                &desc,
                &bars,
            ),
        },
        ChartView {
            id: format!("{id}-kenh"),
            heading: "Tỷ lệ hồ sơ nộp trực tuyến và qua bưu chính".into(),
            svg: charts::share_lines(
                &format!("{id}-kenh"),
                "Tỷ lệ hồ sơ nộp trực tuyến và qua bưu chính theo tháng",
                &share_desc,
                &shares,
            ),
        },
    ]
}

fn unit_chart(portal: &Portal, sel: &[&MonthlyReport], what: &str) -> ChartView {
    let by_unit = stats::by_unit(sel);
    let units: Vec<(String, Option<f64>, bool)> = portal
        .units
        .iter()
        .filter_map(|u| {
            by_unit.get(&u.slug).map(|f| {
                (
                    u.name.clone(),
                    stats::on_time_rate(f).map(Rate::percent),
                    stats::has_overdue(f),
                )
            })
        })
        .collect();
    let full = units.iter().filter(|u| u.1 == Some(100.0)).count();
    let lowest = units
        .iter()
        .filter_map(|u| u.1.map(|r| (r, &u.0)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    let mut desc = format!(
        "Biểu đồ thanh ngang, {what}: tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn của {} đơn vị trên thang 0–100%; {} đơn vị đạt 100%.",
        units.len(),
        full
    );
    if let Some((r, name)) = lowest {
        desc.push_str(&format!(
            " Thấp nhất: {name}, {}%.",
            crate::text::format_decimal(r, 1)
        ));
    }
    ChartView {
        id: "ty-le-don-vi".into(),
        heading: "Tỷ lệ giải quyết đúng hạn theo đơn vị".into(),
        svg: charts::unit_rate_bars(
            "ty-le-don-vi",
            "Tỷ lệ giải quyết đúng hạn theo đơn vị",
            &desc,
            &units,
        ),
    }
}

/// Open-data files linked from a page.
fn data_links(months: &[&MonthlyReport]) -> Vec<LinkView> {
    let mut v = Vec::new();
    if let [one] = months {
        let m = one.month;
        v.push(LinkView {
            url: format!("du-lieu/thong-ke/{m}.csv"),
            name: format!("Số liệu tháng {} (CSV)", m.vi()),
        });
        v.push(LinkView {
            url: format!("du-lieu/thong-ke/{m}.json"),
            name: format!("Số liệu tháng {} (JSON)", m.vi()),
        });
    }
    v.push(LinkView {
        url: crate::urls::ALL_CSV.into(),
        name: "Số liệu tất cả các tháng (CSV)".into(),
    });
    v.push(LinkView {
        url: crate::urls::ALL_JSON.into(),
        name: "Số liệu tất cả các tháng (JSON)".into(),
    });
    v.push(LinkView {
        url: "du-lieu/".into(),
        name: "Tất cả dữ liệu mở".into(),
    });
    v
}

/// Every period that has at least one report: years, quarters and months.
fn periods(reports: &[MonthlyReport]) -> Vec<Period> {
    let mut v: Vec<Period> = Vec::new();
    for r in reports {
        for p in [
            Period::Year(r.month.year),
            Period::Quarter(r.month.year, r.month.quarter()),
            Period::Month(r.month),
        ] {
            if !v.contains(&p) {
                v.push(p);
            }
        }
    }
    v
}

/// A year's quarters and months with reports, as links.
#[derive(Debug, Serialize)]
pub struct YearNav {
    pub year: String,
    pub link: String,
    pub quarters: Vec<LinkView>,
    pub months: Vec<LinkView>,
}

fn year_nav(reports: &[MonthlyReport]) -> Vec<YearNav> {
    let mut out: Vec<YearNav> = Vec::new();
    for p in periods(reports) {
        match p {
            Period::Year(y) => out.push(YearNav {
                year: y.to_string(),
                link: p.path(),
                quarters: Vec::new(),
                months: Vec::new(),
            }),
            Period::Quarter(_, q) => out.last_mut().expect("year first").quarters.push(LinkView {
                url: p.path(),
                name: format!("Quý {}", stats::roman(q)),
            }),
            Period::Month(m) => out.last_mut().expect("year first").months.push(LinkView {
                url: p.path(),
                name: format!("Tháng {}", m.month),
            }),
        }
    }
    out
}

/// Renders `/thong-ke/` and every year, quarter and month page.
pub fn render(r: &Renderer, out: &Output) -> Result<()> {
    // Under `serve`: made again only when what its pages show changed (the figures, the
    // units, and the fields, site values and templates every page has), never for an edited
    // procedure, which no statistics page shows: at 10.000 procedures and 200 units its
    // tables and charts were a sixth of every save's work.
    let key = r.inputs_key(std::iter::empty(), &("statistics", r.figures_key()));
    match r.memo().zip(key) {
        Some((memo, key)) => memo.stage("statistics", key, out, |o| render_all(r, o)),
        None => render_all(r, out),
    }
}

fn render_all(r: &Renderer, out: &Output) -> Result<()> {
    let portal = r.portal();
    let reports = &portal.reports;
    let nav = year_nav(reports);
    let home = crumb("", "Trang chủ");
    let section = crumb("thong-ke/", "Thống kê");
    // Overview.
    let mut ctx = Renderer::ctx(
        "Thống kê tình hình giải quyết hồ sơ",
        vec![home.clone_crumb()],
    );
    ctx.insert("nav", &nav);
    if let Some(latest) = reports.last() {
        let m = latest.month;
        ctx.insert("latest", &summary(portal, Period::Month(m)));
        ctx.insert("latest_link", &Period::Month(m).path());
        let ytd: Vec<&MonthlyReport> = reports
            .iter()
            .filter(|x| x.month.year == m.year && x.month <= m)
            .collect();
        let mut ytd_sum = summary(portal, Period::Year(m.year));
        ytd_sum.period = format!("Từ đầu năm {} đến hết tháng {}", m.year, m.vi());
        // A part-year compares badly with the whole previous year: no changes shown.
        for h in &mut ytd_sum.headlines {
            h.change = None;
        }
        ctx.insert("ytd", &ytd_sum);
        let (units, _) = tables(
            portal,
            &ytd,
            &format!("từ đầu năm {} đến hết tháng {}", m.year, m.vi()),
        );
        ctx.insert("units_table", &units);
        let trend = stats::last_months(reports, m, 12);
        let rows = month_rows(portal, &trend, None);
        ctx.insert("trend", &month_views(&rows));
        ctx.insert("charts", &trend_charts("xu-huong", &rows, "toàn huyện"));
        ctx.insert("data_links", &data_links(&[]));
    }
    r.render_page(
        out,
        "thong-ke/index.html",
        "stats-index.html",
        "the statistics overview",
        ctx,
    )?;
    crate::error::each(&periods(reports), |&p| {
        let sel = stats::reports_in(reports, p);
        let what = lower_first(&p.label());
        let mut crumbs = vec![home.clone_crumb(), section.clone_crumb()];
        match p {
            Period::Quarter(y, _) => {
                crumbs.push(crumb(&Period::Year(y).path(), &Period::Year(y).label()))
            }
            Period::Month(m) => {
                crumbs.push(crumb(
                    &Period::Year(m.year).path(),
                    &Period::Year(m.year).label(),
                ));
                let q = Period::Quarter(m.year, m.quarter());
                crumbs.push(crumb(&q.path(), &q.label()));
            }
            Period::Year(_) => {}
        }
        let title = format!("Thống kê giải quyết hồ sơ {what}");
        let sub_crumbs: Vec<super::Crumb> = crumbs
            .iter()
            .map(|c| c.clone_crumb())
            .chain([crumb(&p.path(), &p.label())])
            .collect();
        let mut ctx = Renderer::ctx(&title, crumbs);
        ctx.insert("summary", &summary(portal, p));
        let (units, fields) = tables(portal, &sel, &what);
        ctx.insert("units_table", &units);
        ctx.insert("fields_table", &fields);
        ctx.insert("ranking", &ranking(portal, &sel));
        ctx.insert(
            "feedback_table",
            &super::accountability::feedback_table(portal, &sel, &what),
        );
        ctx.insert(
            "apology_table",
            &super::accountability::apology_table(portal, &sel, &what),
        );
        // A month page shows the trend of the 12 months up to it; others, their own months.
        let trend: Vec<&MonthlyReport> = match p {
            Period::Month(m) => stats::last_months(reports, m, 12),
            _ => sel.clone(),
        };
        let rows = month_rows(portal, &trend, None);
        ctx.insert("trend", &month_views(&rows));
        let mut charts = trend_charts("xu-huong", &rows, "toàn huyện");
        charts.push(unit_chart(portal, &sel, &what));
        ctx.insert("charts", &charts);
        ctx.insert("data_links", &data_links(&sel));
        ctx.insert("is_month", &matches!(p, Period::Month(_)));
        let sub: Vec<LinkView> = match p {
            Period::Year(y) => (1..=4)
                .map(|q| Period::Quarter(y, q))
                .filter(|q| reports.iter().any(|x| q.contains(x.month)))
                .map(|q| LinkView {
                    url: q.path(),
                    name: q.label(),
                })
                .collect(),
            Period::Quarter(..) => sel
                .iter()
                .map(|x| LinkView {
                    url: Period::Month(x.month).path(),
                    name: x.month.label(),
                })
                .collect(),
            Period::Month(_) => Vec::new(),
        };
        ctx.insert("sub", &sub);
        ctx.insert("form_link", &super::report_form::path(p));
        ctx.insert("estimate_link", &super::service_estimate::path(p));
        let again = || sub_crumbs.iter().map(|c| c.clone_crumb()).collect();
        super::report_form::render(r, out, p, &sel, again())?;
        super::service_estimate::render(r, out, p, &sel, again())?;
        let path = format!("{}index.html", p.path());
        r.render_page(
            out,
            &path,
            "stats-period.html",
            &format!("the statistics page {}", p.path()),
            ctx,
        )
    })
}

/// What a unit page shows: its last 12 months (inserted as `unit_stats`).
#[derive(Debug, Serialize)]
pub struct UnitStats {
    pub months: Vec<MonthRow>,
    pub charts: Vec<ChartView>,
    pub total: Summary,
    pub per_day: Option<String>,
    pub period: String,
    /// Feedback and apologies over the same months, in a sentence, where reported.
    pub accountability: Option<String>,
}

/// The last 12 months of `unit`, or `None` when it has no figures.
pub fn unit_block(portal: &Portal, unit: &str) -> Option<UnitStats> {
    let latest = portal.reports.last()?.month;
    let months = stats::last_months(&portal.reports, latest, 12);
    let rows = month_rows(portal, &months, Some(unit));
    if rows.is_empty() {
        return None;
    }
    let name = portal.unit(unit).map_or(unit, |u| u.name.as_str());
    let received: u64 = rows.iter().map(|(_, f)| f.received_new()).sum();
    let days: u32 = rows.iter().map(|(m, _)| m.weekdays()).sum();
    let per_day = (days > 0).then(|| crate::text::format_decimal(received as f64 / days as f64, 1));
    let sel: Vec<&MonthlyReport> = months
        .iter()
        .copied()
        .filter(|r| rows.iter().any(|(m, _)| *m == r.month))
        .collect();
    // The unit's own months rolled up (not every unit's, then this one picked out: a
    // province has thousands of units, each with its page).
    let own: Vec<std::collections::BTreeMap<(), Figures>> = rows
        .iter()
        .map(|(_, f)| std::collections::BTreeMap::from([((), *f)]))
        .collect();
    let f = stats::roll_up(&own).remove(&()).unwrap_or_default();
    let survey = sel.iter().any(|r| r.has_survey);
    let total = figures_summary(&f, survey);
    let period = format!("{} – {}", rows[0].0.vi(), rows[rows.len() - 1].0.vi());
    let mut charts = trend_charts("don-vi", &rows, name);
    charts.truncate(1);
    let accountability = super::accountability::unit_sentence(
        &f,
        sel.iter().any(|r| r.has_feedback),
        sel.iter().any(|r| r.has_apologies),
    );
    Some(UnitStats {
        months: month_views(&rows),
        charts,
        total,
        per_day,
        period,
        accountability,
    })
}

/// What the home page shows: the latest month (inserted as `latest_stats`).
pub fn home_block(portal: &Portal) -> Option<Summary> {
    let m = portal.reports.last()?.month;
    Some(summary(portal, Period::Month(m)))
}

/// Inserts the home page's statistics block into its context.
pub fn insert_home(portal: &Portal, ctx: &mut Context) {
    if let Some(s) = home_block(portal) {
        ctx.insert(
            "latest_stats_link",
            &Period::Month(portal.reports.last().expect("some").month).path(),
        );
        ctx.insert("latest_stats", &s);
    }
}

trait CloneCrumb {
    fn clone_crumb(&self) -> super::Crumb;
}

impl CloneCrumb for super::Crumb {
    fn clone_crumb(&self) -> super::Crumb {
        crumb(&self.url, &self.name)
    }
}
