//! Notice-board listings (niêm yết): `/niem-yet/` and `/niem-yet/<unit>/`.
//!
//! Every one-stop office must post the procedures it handles, by field, with where to send
//! feedback. A listing is an ordinary page of the site made to print as that notice on A4
//! (the print rules are in the theme's stylesheet): the unit's reception office, the date
//! of the listing, one numbered table per field with a QR code per procedure that opens its
//! page, and the feedback notice. Built on `render`, so a portal's theme can restyle it.
//!
//! The listing's date is the newest `updated` among its procedures, never the clock, so two
//! builds of the same content print the same sheet.

use serde::Serialize;

use crate::error::Result;
use crate::model::{ChannelKind, Date, Portal, Procedure, Unit, UnitKind};
use crate::output::Output;
use crate::qr;
use crate::render::views::UnitView;
use crate::render::{Renderer, crumb};
use crate::text::{format_int, format_money};

/// The title of `/niem-yet/`, also its breadcrumb on each listing.
const INDEX_TITLE: &str = "Niêm yết thủ tục hành chính";

/// Renders `/niem-yet/` and one listing per unit into `out`.
pub fn listings(r: &Renderer, out: &Output) -> Result<()> {
    use rayon::prelude::*;
    let portal = r.portal();
    let made: Vec<Result<IndexEntry>> = portal
        .units
        .par_iter()
        .map(|unit| listing(r, out, unit))
        .collect();
    let mut entries = Vec::new();
    let mut failed = Vec::new();
    for m in made {
        match m {
            Ok(e) => entries.push(e),
            Err(e) => failed.push(e),
        }
    }
    crate::error::Error::merge(failed)?;
    let mut ctx = Renderer::ctx(INDEX_TITLE, vec![crumb("", "Trang chủ")]);
    ctx.insert("entries", &entries);
    r.render_page(
        out,
        "niem-yet/index.html",
        "niem-yet-index.html",
        "the listings index",
        ctx,
    )
}

/// One unit's listing; its line on the index.
fn listing(r: &Renderer, out: &Output, unit: &Unit) -> Result<IndexEntry> {
    let portal = r.portal();
    let listing = Listing::new(portal, unit)?;
    let entry = IndexEntry {
        slug: unit.slug.clone(),
        name: unit.name.clone(),
        count: listing.total.clone(),
        date: listing.date.clone(),
    };
    let mut ctx = Renderer::ctx(
        &format!("Niêm yết thủ tục hành chính – {}", unit.name),
        vec![crumb("", "Trang chủ"), crumb("niem-yet/", INDEX_TITLE)],
    );
    ctx.insert("listing", &listing);
    r.render_page(
        out,
        &format!("niem-yet/{}/index.html", unit.slug),
        "niem-yet.html",
        &format!("listing {}", unit.slug),
        ctx,
    )?;
    Ok(entry)
}

/// A unit on `/niem-yet/`.
#[derive(Debug, Serialize)]
struct IndexEntry {
    slug: String,
    name: String,
    count: String,
    date: Option<ListingDate>,
}

/// What `niem-yet.html` sees.
#[derive(Debug, Serialize)]
pub struct Listing {
    pub unit: UnitView,
    /// The district's name above a commune's (the issuing hierarchy of the header).
    pub parent: Option<String>,
    /// `None` when the unit handles no procedure yet.
    pub date: Option<ListingDate>,
    pub total: String,
    pub groups: Vec<ListingGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListingDate {
    /// `15/06/2020`.
    pub vi: String,
    /// `2020-06-15`.
    pub iso: String,
}

/// The procedures of one field, in `fields.yaml` order.
#[derive(Debug, Serialize)]
pub struct ListingGroup {
    pub slug: String,
    /// `I`, `II`, ...: the numbering of official lists.
    pub numeral: String,
    pub name: String,
    pub count: String,
    pub rows: Vec<ListingRow>,
}

/// One procedure on the board.
#[derive(Debug, Serialize)]
pub struct ListingRow {
    /// Numbered through the whole listing (STT), so a citizen can say "number 12".
    pub stt: String,
    pub code: Option<String>,
    pub name: String,
    pub slug: String,
    /// Absolute: the QR code leaves the site.
    pub url: String,
    /// The time limit as the law words it, in full: the board is what a citizen relies on, so
    /// no short form ("Trong ngày") that drops the conditions after it.
    pub time: String,
    /// One line per fee, each shown as its own list item.
    pub fees: Vec<String>,
    /// In words, in the order direct, postal, online.
    pub channels: Vec<String>,
    /// Inline SVG.
    pub qr: String,
}

impl Listing {
    pub fn new(portal: &Portal, unit: &Unit) -> Result<Self> {
        let procedures: Vec<&Procedure> = portal.handled_by(&unit.slug).collect();
        let date = procedures.iter().map(|p| p.updated).max().map(listing_date);
        let mut groups: Vec<ListingGroup> = Vec::new();
        for (i, p) in procedures.iter().enumerate() {
            if groups.last().is_none_or(|g| g.slug != p.field) {
                let name = portal
                    .field(&p.field)
                    .map_or_else(|| p.field.clone(), |f| f.name.clone());
                groups.push(ListingGroup {
                    slug: p.field.clone(),
                    numeral: roman(groups.len() + 1),
                    name,
                    count: String::new(),
                    rows: Vec::new(),
                });
            }
            let row = ListingRow::new(portal, p, i + 1)?;
            groups.last_mut().expect("pushed above").rows.push(row);
        }
        for g in &mut groups {
            g.count = format_int(g.rows.len() as i64);
        }
        let parent = match unit.kind {
            UnitKind::District => None,
            UnitKind::Commune | UnitKind::Town => Some(portal.district().name.clone()),
        };
        Ok(Listing {
            unit: UnitView::new(portal, unit),
            parent,
            date,
            total: format_int(procedures.len() as i64),
            groups,
        })
    }
}

impl ListingRow {
    fn new(portal: &Portal, p: &Procedure, stt: usize) -> Result<Self> {
        let url = crate::urls::procedure_url(portal, p);
        let qr = qr::svg(
            &url,
            qr::Alt::Named(&format!(
                "Mã QR mở trang thủ tục {} ({url})",
                p.code.as_deref().unwrap_or(&p.name)
            )),
        )?;
        Ok(ListingRow {
            stt: format_int(stt as i64),
            code: p.code.clone(),
            name: p.name.clone(),
            slug: p.slug.clone(),
            url,
            time: p.processing_time.text.clone(),
            fees: fees(p),
            channels: channels(p),
            qr,
        })
    }
}

fn listing_date(d: Date) -> ListingDate {
    ListingDate {
        vi: d.vi(),
        iso: d.iso(),
    }
}

/// Each fee as one line: "name: amount", with the content's note where it has one. The
/// lines are shown as list items, never joined into one sentence; a note in brackets after
/// the amount loses its closing full stop ("(miễn cho người khuyết tật)", not "(… tật.)").
fn fees(p: &Procedure) -> Vec<String> {
    p.fees
        .iter()
        .map(|f| match (f.amount, &f.text) {
            (Some(a), Some(t)) => format!("{}: {} ({})", f.name, format_money(a), unstop(t)),
            (Some(a), None) => format!("{}: {}", f.name, format_money(a)),
            (None, Some(t)) => format!("{}: {t}", f.name),
            (None, None) => f.name.clone(),
        })
        .collect()
}

/// `t` without a single closing full stop or semicolon (an abbreviation's dot, as in
/// "v.v.", stays).
fn unstop(t: &str) -> &str {
    let t = t.trim_end();
    if t.ends_with("v.v.") {
        return t;
    }
    t.strip_suffix(['.', ';']).unwrap_or(t)
}

/// Short words for a narrow column; the online channel says how far it goes online.
fn channels(p: &Procedure) -> Vec<String> {
    let mut out = Vec::new();
    if p.has_channel(ChannelKind::Direct) {
        out.push("Trực tiếp".to_string());
    }
    if p.has_channel(ChannelKind::Postal) {
        out.push("Qua bưu chính".to_string());
    }
    if p.has_channel(ChannelKind::Online) {
        out.push(match p.online {
            Some(o) if o.files_online() => format!("Trực tuyến ({})", o.label().to_lowercase()),
            _ => "Trực tuyến".to_string(),
        });
    }
    out
}

/// Roman numerals for field headings (I. Hộ tịch, II. Chứng thực, ...).
fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            s.push_str(letters);
            n -= value;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bracketed_note_loses_its_closing_full_stop_only() {
        assert_eq!(
            unstop("Miễn cho người khuyết tật."),
            "Miễn cho người khuyết tật"
        );
        assert_eq!(unstop("Mỗi bản;"), "Mỗi bản");
        assert_eq!(unstop("Giấy tờ, v.v."), "Giấy tờ, v.v.");
        assert_eq!(unstop("Mỗi trường hợp"), "Mỗi trường hợp");
    }

    #[test]
    fn roman_numerals() {
        let got: Vec<String> = [1, 4, 9, 14, 19, 24, 40].into_iter().map(roman).collect();
        assert_eq!(got, ["I", "IV", "IX", "XIV", "XIX", "XXIV", "XL"]);
    }
}
