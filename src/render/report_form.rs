//! A period's official report form page (`/thong-ke/<kỳ>/bieu-06/`, printable on A4
//! landscape) and its CSV (`bieu-06.csv` beside it), from `official_form`.

use serde::Serialize;

use super::{Crumb, Renderer};
use crate::error::Result;
use crate::official_form::{self, Form, HEADINGS};
use crate::output::Output;
use crate::report::MonthlyReport;
use crate::stats::{Period, roman};
use crate::text::{format_int, lower_first};

/// A row of the form as shown: STT, name, columns (3)–(13) formatted.
#[derive(Debug, Serialize)]
pub struct FormRowView {
    pub stt: String,
    pub name: String,
    pub cells: Vec<String>,
    /// A level's heading row (with its subtotal) rather than a field.
    pub heading: bool,
}

/// The folder of a period's form, under the site root.
pub fn path(p: Period) -> String {
    format!("{}bieu-06/", p.path())
}

/// "từ ngày 01/01/2020 đến ngày 31/03/2020": the calendar days the months cover.
fn span(sel: &[&MonthlyReport]) -> String {
    match (sel.first(), sel.last()) {
        (Some(a), Some(b)) => format!(
            "từ ngày 01/{:02}/{} đến ngày {:02}/{:02}/{}",
            a.month.month,
            a.month.year,
            crate::model::days_in_month(b.month.year, b.month.month),
            b.month.month,
            b.month.year
        ),
        _ => String::new(),
    }
}

fn rows(form: &Form) -> Vec<FormRowView> {
    let cells = |f: &crate::report::Figures| {
        official_form::columns(f)
            .iter()
            .map(|&v| format_int(v as i64))
            .collect::<Vec<_>>()
    };
    let mut v = Vec::new();
    for (i, block) in form.levels.iter().enumerate() {
        v.push(FormRowView {
            stt: roman(i as u8 + 1).to_string(),
            name: block.level.label().to_string(),
            cells: cells(&block.total),
            heading: true,
        });
        for (j, r) in block.rows.iter().enumerate() {
            v.push(FormRowView {
                stt: (j + 1).to_string(),
                name: r.name.clone(),
                cells: cells(&r.figures),
                heading: false,
            });
        }
    }
    v.push(FormRowView {
        stt: String::new(),
        name: "Tổng cộng".into(),
        cells: cells(&form.total),
        heading: true,
    });
    v
}

/// Writes the form page and CSV of period `p` (its months `sel`).
pub fn render(
    r: &Renderer,
    out: &Output,
    p: Period,
    sel: &[&MonthlyReport],
    crumbs: Vec<Crumb>,
) -> Result<()> {
    let portal = r.portal();
    let form = official_form::build(portal, sel);
    let dir = path(p);
    out.put(format!("{dir}bieu-06.csv"), official_form::csv(&form))?;
    let what = p.label();
    let mut ctx = Renderer::ctx(
        &format!("Biểu số 06/VPCP/KSTT, {}", lower_first(&what)),
        crumbs,
    );
    // The reporting body: the district's people's committee ("Ủy ban nhân dân huyện Yên Lập").
    let reporter = portal
        .units
        .iter()
        .find(|u| u.kind.level() == crate::model::Level::District)
        .map_or_else(
            || portal.site.title.clone(),
            |u| format!("Ủy ban nhân dân {}", lower_first(&u.name)),
        );
    ctx.insert("reporter", &reporter);
    ctx.insert("period", &what);
    ctx.insert("span", &span(sel));
    ctx.insert("headings", &HEADINGS);
    ctx.insert("rows", &rows(&form));
    ctx.insert("withdrawn", &format_int(form.total.withdrawn as i64));
    ctx.insert("has_withdrawn", &(form.total.withdrawn > 0));
    ctx.insert("stats_link", &p.path());
    r.render_page(
        out,
        &format!("{dir}index.html"),
        "stats-form.html",
        &format!("the report form {dir}"),
        ctx,
    )
}
