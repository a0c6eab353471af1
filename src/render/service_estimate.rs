//! A period's service index estimate page (`/thong-ke/<kỳ>/chi-so/`): the indicators of
//! Decision 766/QĐ-TTg that the published figures allow, for the whole portal and each unit,
//! from `service_index`.

use serde::Serialize;

use super::{Crumb, Renderer};
use crate::error::Result;
use crate::output::Output;
use crate::report::{Figures, MonthlyReport};
use crate::service_index::{self, Estimate, Inputs, LEFT_OUT};
use crate::stats::{self, Period};
use crate::text::{format_decimal, lower_first};

/// Where the national portal publishes the official scores.
pub const NATIONAL_RANKING: &str =
    "https://dichvucong.gov.vn/p/home/dvc-index-tinhthanhpho-tonghop.html";

#[derive(Debug, Serialize)]
pub struct IndicatorView {
    pub group: &'static str,
    pub name: &'static str,
    pub max: String,
    pub rate: String,
    pub points: String,
    pub basis: String,
}

/// One unit's (or the total's) estimate, formatted.
#[derive(Debug, Serialize)]
pub struct EstimateView {
    pub name: String,
    pub link: Option<String>,
    pub points: String,
    pub max: String,
    /// Points as a share of the maximum: comparable between units whose maxima differ.
    pub share: String,
    /// Points of each indicator, in the order of `indicators` ("–" where not scored).
    pub cells: Vec<String>,
}

fn points(v: f64) -> String {
    format_decimal(v, 1)
}

fn percent(r: Option<f64>) -> String {
    r.map_or_else(
        || "–".into(),
        |r| format!("{}%", format_decimal((r * 1000.0).round() / 10.0, 1)),
    )
}

fn view(name: &str, link: Option<String>, e: &Estimate) -> EstimateView {
    EstimateView {
        name: name.to_string(),
        link,
        points: points(e.points),
        max: points(e.max),
        share: percent((e.max > 0.0).then(|| e.points / e.max)),
        cells: e
            .indicators
            .iter()
            .filter(|i| i.max.is_some())
            .map(|i| i.points.map_or_else(|| "–".into(), points))
            .collect(),
    }
}

/// The most units drawn in the chart.
const CHART_UNITS: usize = 40;

/// Each unit's points as a share of its maximum, as bars: which units lag is what readers
/// look for first.
fn share_chart(
    portal: &crate::model::Portal,
    by_unit: &std::collections::BTreeMap<String, Figures>,
    inputs: Inputs,
    what: &str,
) -> super::stats::ChartView {
    let units: Vec<(String, Option<f64>, bool)> = portal
        .units
        .iter()
        .filter_map(|u| {
            let e = service_index::estimate(by_unit.get(&u.slug)?, inputs);
            let share = (e.max > 0.0).then(|| (e.points / e.max * 1000.0).round() / 10.0);
            Some((u.name.clone(), share, false))
        })
        .collect();
    // A province's hundreds of units would make a chart metres long: past CHART_UNITS it
    // shows the lowest ones, which are the ones readers look for (the table has them all).
    let all = units.len();
    let mut units = units;
    if all > CHART_UNITS {
        units.sort_by(|a, b| a.1.unwrap_or(f64::MAX).total_cmp(&b.1.unwrap_or(f64::MAX)));
        units.truncate(CHART_UNITS);
    }
    let lowest = units
        .iter()
        .filter_map(|u| u.1.map(|r| (r, &u.0)))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    let whom = if all > CHART_UNITS {
        format!("{CHART_UNITS} đơn vị có tỷ lệ thấp nhất trong {all} đơn vị")
    } else {
        format!("{all} đơn vị")
    };
    let mut desc = format!(
        "Biểu đồ thanh ngang, {what}: điểm ước tính của {whom}, tính bằng phần trăm điểm tối đa của các chỉ số tính được, trên thang 0–100%."
    );
    if let Some((r, name)) = lowest {
        desc.push_str(&format!(" Thấp nhất: {name}, {}%.", format_decimal(r, 1)));
    }
    super::stats::ChartView {
        id: "ty-le-dat".into(),
        heading: if all > CHART_UNITS {
            format!("Tỷ lệ đạt của điểm ước tính: {CHART_UNITS} đơn vị thấp nhất")
        } else {
            "Tỷ lệ đạt của điểm ước tính theo đơn vị".into()
        },
        svg: crate::charts::unit_rate_bars(
            "ty-le-dat",
            "Tỷ lệ đạt của điểm ước tính theo đơn vị",
            &desc,
            &units,
        ),
    }
}

/// The folder of a period's estimate, under the site root.
pub fn path(p: Period) -> String {
    format!("{}chi-so/", p.path())
}

/// Writes the estimate page of period `p` (its months `sel`).
pub fn render(
    r: &Renderer,
    out: &Output,
    p: Period,
    sel: &[&MonthlyReport],
    crumbs: Vec<Crumb>,
) -> Result<()> {
    let portal = r.portal();
    let inputs = Inputs {
        feedback: sel.iter().all(|m| m.has_feedback),
        survey: sel.iter().all(|m| m.has_survey),
    };
    let total: Figures = stats::total(sel);
    let whole = service_index::estimate(&total, inputs);
    let indicators: Vec<IndicatorView> = whole
        .indicators
        .iter()
        .map(|i| IndicatorView {
            group: i.group,
            name: i.name,
            max: i.max.map_or_else(|| "–".into(), points),
            rate: percent(i.rate),
            points: i.points.map_or_else(|| "–".into(), points),
            basis: i.basis.clone(),
        })
        .collect();
    let scored_names: Vec<&str> = whole
        .indicators
        .iter()
        .filter(|i| i.max.is_some())
        .map(|i| i.name)
        .collect();
    let by_unit = stats::by_unit(sel);
    let units: Vec<EstimateView> = portal
        .units
        .iter()
        .filter_map(|u| {
            let f = by_unit.get(&u.slug)?;
            Some(view(
                &u.name,
                Some(format!("don-vi/{}/", u.slug)),
                &service_index::estimate(f, inputs),
            ))
        })
        .collect();
    let what = lower_first(&p.label());
    let chart = share_chart(portal, &by_unit, inputs, &what);
    let mut ctx = Renderer::ctx(&format!("Ước tính chỉ số phục vụ, {what}"), crumbs);
    ctx.insert("charts", &[chart]);
    ctx.insert("period", &what);
    ctx.insert("indicators", &indicators);
    ctx.insert("total", &view("Toàn huyện", None, &whole));
    ctx.insert("scored", &scored_names);
    ctx.insert("units", &units);
    let left_out: Vec<String> = LEFT_OUT
        .iter()
        .map(|(name, pts)| format!("{name}: {pts} điểm"))
        .collect();
    ctx.insert("left_out", &left_out);
    ctx.insert("inputs_feedback", &inputs.feedback);
    ctx.insert("national", NATIONAL_RANKING);
    ctx.insert("stats_link", &p.path());
    let dir = path(p);
    r.render_page(
        out,
        &format!("{dir}index.html"),
        "stats-estimate.html",
        &format!("the service index estimate {dir}"),
        ctx,
    )
}
