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

/// Above this many procedures a unit's listing is no longer one document: a sheet of 300 rows
/// with their QR codes is already about 750 KB of HTML and 60 A4 pages. The listing page then
/// links to one printable document per field (`niem-yet/<unit>/<field>/`), itself cut into
/// parts of this many rows (`…/<field>/phan-2/`). The bundled district's listing stays whole.
pub const LISTING_LIMIT: usize = 300;

/// One unit's listing (one document, or past [`LISTING_LIMIT`] one per field); its line on the
/// index.
fn listing(r: &Renderer, out: &Output, unit: &Unit) -> Result<IndexEntry> {
    let portal = r.portal();
    let procs: Vec<&Procedure> = portal.handled_by(&unit.slug).collect();
    let date = procs.iter().map(|p| p.updated).max().map(listing_date);
    let entry = IndexEntry {
        slug: unit.slug.clone(),
        name: unit.name.clone(),
        count: format_int(procs.len() as i64),
        date: date.clone(),
    };
    let dir = format!("niem-yet/{}/", unit.slug);
    let title = format!("{INDEX_TITLE} – {}", unit.name);
    let crumbs = || vec![crumb("", "Trang chủ"), crumb("niem-yet/", INDEX_TITLE)];
    // Under `serve`: every document of the listing shows only these procedures and the
    // shared values, so an unchanged listing is not even put together again (its QR codes
    // are most of the work).
    let inputs = r.inputs_key(procs.iter().copied(), &("listing", &unit.slug));
    // Whole, or split: the fields in listing order, each numbered as in the whole listing.
    let mut fields: Vec<(usize, &str, Vec<&Procedure>)> = Vec::new();
    if procs.len() > LISTING_LIMIT {
        for &p in &procs {
            match fields.last_mut() {
                Some((_, f, list)) if *f == p.field => list.push(p),
                _ => fields.push((fields.len() + 1, &p.field, vec![p])),
            }
        }
    }
    r.render_keyed(
        out,
        &format!("{dir}index.html"),
        "niem-yet.html",
        &format!("listing {}", unit.slug),
        inputs,
        || {
            let mut listing = Listing::new(portal, unit, date.clone(), procs.len(), Vec::new());
            if procs.len() <= LISTING_LIMIT {
                listing.groups = groups(r, &procs, 1, 1)?;
            } else {
                listing.parts = fields
                    .iter()
                    .map(|(n, f, list)| ListingPart {
                        url: format!("{dir}{f}/"),
                        numeral: roman(*n),
                        name: field_name(portal, f),
                        count: format_int(list.len() as i64),
                    })
                    .collect();
            }
            let mut ctx = Renderer::ctx(&title, crumbs());
            ctx.insert("listing", &listing);
            ctx.insert("description", &listing_description(unit));
            Ok(ctx)
        },
    )?;
    let documents: Vec<(usize, &str, usize, &[&Procedure], usize)> = fields
        .iter()
        .flat_map(|(n, f, list)| {
            let parts = list.len().div_ceil(LISTING_LIMIT);
            list.chunks(LISTING_LIMIT)
                .enumerate()
                .map(move |(k, chunk)| (*n, *f, k + 1, chunk, parts))
        })
        .collect();
    crate::error::each(&documents, |&(n, f, part, chunk, parts)| {
        let part_dir = if part == 1 {
            format!("{dir}{f}/")
        } else {
            format!("{dir}{f}/phan-{part}/")
        };
        // Each document keyed on its own procedures and place (a province's district listing
        // is dozens of documents of 300 rows, each row a QR code: an edit remakes one).
        let inputs = r.inputs_key(
            chunk.iter().copied(),
            &("listing", &unit.slug, n, f, part, parts, &date),
        );
        r.render_keyed(
            out,
            &format!("{part_dir}index.html"),
            "niem-yet.html",
            &format!("listing {part_dir}"),
            inputs,
            || {
                let mut doc = Listing::new(portal, unit, date.clone(), chunk.len(), Vec::new());
                // Numbered through the field's document, part after part.
                doc.groups = groups(r, chunk, n, (part - 1) * LISTING_LIMIT + 1)?;
                doc.part = Some(format!(
                    "Lĩnh vực {}{}",
                    field_name(portal, f),
                    if parts > 1 {
                        format!(", phần {part}/{parts}")
                    } else {
                        String::new()
                    }
                ));
                let mut page_crumbs = crumbs();
                page_crumbs.push(crumb(&dir, &unit.name));
                let mut ctx = Renderer::ctx(
                    &format!("{title} – {}", doc.part.as_deref().unwrap_or_default()),
                    page_crumbs,
                );
                ctx.insert("listing", &doc);
                ctx.insert("description", &listing_description(unit));
                Ok(ctx)
            },
        )
    })?;
    Ok(entry)
}

fn field_name(portal: &Portal, slug: &str) -> String {
    portal
        .field(slug)
        .map_or_else(|| slug.to_string(), |f| f.name.clone())
}

/// The tables of `procs` (in list order), fields numbered from `first_numeral`, rows from
/// `first_stt`.
fn groups(
    r: &Renderer,
    procs: &[&Procedure],
    first_numeral: usize,
    first_stt: usize,
) -> Result<Vec<ListingGroup>> {
    let portal = r.portal();
    let mut groups: Vec<ListingGroup> = Vec::new();
    for (i, p) in procs.iter().enumerate() {
        if groups.last().is_none_or(|g| g.slug != p.field) {
            groups.push(ListingGroup {
                slug: p.field.clone(),
                numeral: roman(first_numeral + groups.len()),
                name: field_name(portal, &p.field),
                count: String::new(),
                rows: Vec::new(),
            });
        }
        let row = ListingRow::new(r, p, first_stt + i)?;
        groups.last_mut().expect("pushed above").rows.push(row);
    }
    for g in &mut groups {
        g.count = format_int(g.rows.len() as i64);
    }
    Ok(groups)
}

/// A field's document of a split listing, as the listing page links to it.
#[derive(Debug, Serialize)]
pub struct ListingPart {
    pub url: String,
    pub numeral: String,
    pub name: String,
    pub count: String,
}

/// A unit on `/niem-yet/`.
#[derive(Debug, Serialize)]
struct IndexEntry {
    slug: String,
    name: String,
    count: String,
    date: Option<ListingDate>,
}

/// The description of a unit's listing pages (search results, shared links).
fn listing_description(unit: &crate::model::Unit) -> String {
    format!(
        "Danh mục thủ tục hành chính niêm yết tại {}, bản in khổ A4 có mã QR.",
        unit.reception.name
    )
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
    /// A split listing's page: its field documents (and no groups).
    pub parts: Vec<ListingPart>,
    /// A field document of a split listing: which field (and part).
    pub part: Option<String>,
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
    /// The header of `unit`'s listing (dated `date`, `total` procedures); the caller fills in
    /// the tables or the parts.
    fn new(
        portal: &Portal,
        unit: &Unit,
        date: Option<ListingDate>,
        total: usize,
        groups: Vec<ListingGroup>,
    ) -> Self {
        let parent = match unit.kind {
            UnitKind::District => None,
            UnitKind::Commune | UnitKind::Town => Some(portal.district().name.clone()),
        };
        Listing {
            unit: UnitView::new(portal, unit),
            parent,
            date,
            total: format_int(total as i64),
            groups,
            parts: Vec::new(),
            part: None,
        }
    }
}

impl ListingRow {
    fn new(r: &Renderer, p: &Procedure, stt: usize) -> Result<Self> {
        let portal = r.portal();
        let url = crate::urls::procedure_url(portal, p);
        let alt = format!(
            "Mã QR mở trang thủ tục {} ({url})",
            p.code.as_deref().unwrap_or(&p.name)
        );
        let qr = match r.memo() {
            // Under `serve`, each code is drawn once per address and text.
            Some(memo) => {
                let key = crate::memo::hash_debug(0, &("qr", &url, &alt));
                String::clone(&*memo.try_piece(key, || qr::svg(&url, qr::Alt::Named(&alt)))?)
            }
            None => qr::svg(&url, qr::Alt::Named(&alt))?,
        };
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
