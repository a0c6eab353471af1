//! View structs: what templates see. Everything is formatted here (Vietnamese numbers and
//! dates, labels, relative URLs) so templates stay simple and a theme author cannot get a
//! number format wrong.

use serde::Serialize;

use crate::model::{ChannelKind, Level, Portal, Procedure, Unit, UnitKind};
use crate::text::{format_int, format_money};

/// A procedure in a list.
#[derive(Debug, Serialize)]
pub struct ProcedureRow {
    pub slug: String,
    pub code: Option<String>,
    pub name: String,
    pub levels: String,
    pub time: String,
    pub online: Option<String>,
}

impl ProcedureRow {
    pub fn new(p: &Procedure) -> Self {
        ProcedureRow {
            slug: p.slug.clone(),
            code: p.code.clone(),
            name: p.name.clone(),
            levels: levels_label(&p.levels),
            time: p.processing_time.short(),
            online: p.online.filter(|o| o.files_online()).map(|o| o.label()),
        }
    }
}

/// Procedures of one field.
#[derive(Debug, Serialize)]
pub struct FieldGroup {
    pub slug: String,
    pub name: String,
    pub count: String,
    pub procedures: Vec<ProcedureRow>,
}

/// Groups procedures (already in list order) by field, in `fields.yaml` order; empty
/// groups are left out.
pub fn group_by_field<'a>(
    portal: &Portal,
    procedures: impl Iterator<Item = &'a Procedure>,
) -> Vec<FieldGroup> {
    let mut groups: Vec<FieldGroup> = Vec::new();
    for p in procedures {
        if groups.last().is_none_or(|g| g.slug != p.field) {
            let name = portal
                .field(&p.field)
                .map_or_else(|| p.field.clone(), |f| f.name.clone());
            groups.push(FieldGroup {
                slug: p.field.clone(),
                name,
                count: String::new(),
                procedures: Vec::new(),
            });
        }
        groups
            .last_mut()
            .expect("pushed above")
            .procedures
            .push(ProcedureRow::new(p));
    }
    for g in &mut groups {
        g.count = format_int(g.procedures.len() as i64);
    }
    groups
}

pub fn levels_label(levels: &[Level]) -> String {
    match levels {
        [one] => one.label().to_string(),
        _ => "Cấp huyện, cấp xã".to_string(),
    }
}

/// A unit with its one-stop office.
#[derive(Debug, Serialize)]
pub struct UnitView {
    pub slug: String,
    pub name: String,
    pub kind: &'static str,
    pub reception_name: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub hours: String,
    pub count: String,
}

impl UnitView {
    pub fn new(portal: &Portal, u: &Unit) -> Self {
        let r = &u.reception;
        UnitView {
            slug: u.slug.clone(),
            name: u.name.clone(),
            kind: match u.kind {
                UnitKind::District => "Cấp huyện",
                UnitKind::Commune => "Xã",
                UnitKind::Town => "Thị trấn",
            },
            reception_name: r.name.clone(),
            address: r.address.clone(),
            phone: r.phone.clone(),
            email: r.email.clone(),
            hours: r.hours.clone(),
            count: format_int(portal.handled_count(&u.slug) as i64),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Link {
    pub slug: String,
    pub name: String,
    pub code: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ChannelView {
    pub label: &'static str,
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct FeeView {
    pub name: String,
    pub amount: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub name: String,
    pub originals: String,
    pub copies: String,
    pub form: Option<String>,
    pub form_name: Option<String>,
    pub present: bool,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub title: String,
    pub html: String,
}

#[derive(Debug, Serialize)]
pub struct HistoryView {
    pub date: String,
    pub date_iso: String,
    pub decision: String,
    pub note: Option<String>,
}

/// Above this many receiving units (every commune of a province), a procedure page names
/// none of them: their addresses would outweigh the procedure (2.000 communes are 500 KB), and
/// each unit's page and the home page's list of units already say where to go.
pub const UNITS_LISTED: usize = 30;

/// Everything a procedure page shows, in the official order.
#[derive(Debug, Serialize)]
pub struct ProcedureView {
    pub slug: String,
    /// `None` shows as "chưa xác định".
    pub code: Option<String>,
    pub name: String,
    pub levels: String,
    pub field_slug: String,
    pub field_name: String,
    pub agency: String,
    pub decides: Option<String>,
    pub coordinates: Option<String>,
    pub office: Option<String>,
    pub authorized: Option<String>,
    pub subjects: Vec<String>,
    pub channels: Vec<ChannelView>,
    pub online: Option<String>,
    pub online_url: Option<String>,
    pub return_by_post: bool,
    pub time_text: String,
    pub fees: Vec<FeeView>,
    pub dossier_sets: Option<String>,
    pub items: Vec<ItemView>,
    /// Whether any dossier item has a form to download (else the column is left out,
    /// which keeps the table readable on a 360 px phone).
    pub has_forms: bool,
    pub result: String,
    pub intro: Option<String>,
    pub steps: String,
    pub requirements: Option<String>,
    pub notes: Option<String>,
    pub others: Vec<SectionView>,
    pub legal_basis: Vec<String>,
    pub sources: Vec<crate::model::SourceRef>,
    pub related: Vec<Link>,
    pub history: Vec<HistoryView>,
    /// The units that receive it, with their addresses; empty when there are more than
    /// [`UNITS_LISTED`] (then `units_total` says how many, and the page links to the list).
    pub units: Vec<UnitView>,
    /// `7.599`-style count of the units that receive it.
    pub units_total: String,
    pub updated: String,
    pub updated_iso: String,
    pub abolished: bool,
    pub replaced_by: Vec<Link>,
    pub keywords: Vec<String>,
}

fn count(n: Option<u32>) -> String {
    n.map_or_else(|| "—".to_string(), |n| format_int(n as i64))
}

fn link(portal: &Portal, slug: &str) -> Option<Link> {
    portal.procedure(slug).map(|p| Link {
        slug: p.slug.clone(),
        name: p.name.clone(),
        code: p.code.clone(),
    })
}

impl ProcedureView {
    pub fn new(portal: &Portal, p: &Procedure) -> Self {
        let field = portal.field(&p.field);
        let office = p
            .office
            .as_ref()
            .and_then(|o| portal.district().offices.iter().find(|x| &x.slug == o))
            .map(|o| o.name.clone());
        let channels = [
            ChannelKind::Direct,
            ChannelKind::Postal,
            ChannelKind::Online,
        ]
        .into_iter()
        .filter_map(|k| p.channels.iter().find(|c| c.via == k))
        .map(|c| ChannelView {
            label: c.via.label(),
            note: c.note.clone(),
        })
        .collect();
        ProcedureView {
            slug: p.slug.clone(),
            code: p.code.clone(),
            name: p.name.clone(),
            levels: levels_label(&p.levels),
            field_slug: p.field.clone(),
            field_name: field.map_or_else(|| p.field.clone(), |f| f.name.clone()),
            agency: p.agency.clone(),
            decides: p.decides.clone(),
            coordinates: p.coordinates.clone(),
            office,
            authorized: p.authorized.clone(),
            subjects: p.subjects.clone(),
            channels,
            online: p.online.map(|o| o.label()),
            online_url: p.online_url.clone(),
            return_by_post: p.return_by_post,
            time_text: p.processing_time.text.clone(),
            fees: p
                .fees
                .iter()
                .map(|f| FeeView {
                    name: f.name.clone(),
                    amount: f.amount.map(format_money),
                    text: f.text.clone(),
                })
                .collect(),
            dossier_sets: p
                .dossier
                .sets
                .map(|n| format!("{} bộ", format_int(n as i64))),
            items: p
                .dossier
                .items
                .iter()
                .map(|i| ItemView {
                    name: i.name.clone(),
                    originals: if i.present {
                        "—".into()
                    } else {
                        count(i.originals)
                    },
                    copies: if i.present {
                        "—".into()
                    } else {
                        count(i.copies)
                    },
                    form: i.form.clone(),
                    form_name: i
                        .form
                        .as_ref()
                        .map(|f| f.rsplit('/').next().unwrap_or(f).to_string()),
                    present: i.present,
                })
                .collect(),
            has_forms: p.dossier.items.iter().any(|i| i.form.is_some()),
            result: p.result.clone(),
            intro: p.body.intro.as_ref().map(|s| s.html.clone()),
            steps: p.body.steps.html.clone(),
            requirements: p.body.requirements.as_ref().map(|s| s.html.clone()),
            notes: p.body.notes.as_ref().map(|s| s.html.clone()),
            others: p
                .body
                .others
                .iter()
                .map(|s| SectionView {
                    title: s.title.clone(),
                    html: s.html.clone(),
                })
                .collect(),
            legal_basis: p.legal_basis.clone(),
            sources: p.sources.clone(),
            related: p.related.iter().filter_map(|s| link(portal, s)).collect(),
            history: p
                .history
                .iter()
                .map(|h| HistoryView {
                    date: h.date.vi(),
                    date_iso: h.date.iso(),
                    decision: h.decision.clone(),
                    note: h.note.clone(),
                })
                .collect(),
            units_total: format_int(if p.abolished {
                0
            } else {
                p.handled_by.len() as i64
            }),
            units: if p.abolished || p.handled_by.len() > UNITS_LISTED {
                Vec::new()
            } else {
                // By index: scanning every unit for each procedure was quadratic in a province.
                portal
                    .units_among(&p.handled_by)
                    .into_iter()
                    .map(|u| UnitView::new(portal, u))
                    .collect()
            },
            updated: p.updated.vi(),
            updated_iso: p.updated.iso(),
            abolished: p.abolished,
            replaced_by: p
                .replaced_by
                .iter()
                .filter_map(|s| link(portal, s))
                .collect(),
            keywords: p.keywords.clone(),
        }
    }
}
