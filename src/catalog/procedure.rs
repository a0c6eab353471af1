//! One procedure file: front matter → [`Procedure`], with the checks that need only the file.

use std::path::Path;

use crate::catalog::raw::{self, RawChannel, RawOnline, RawProcedure, RawStatus, RawTimeUnit};
use crate::catalog::yaml::{self, Doc};
use crate::diag::{Diagnostics, Pos};
use crate::markdown;
use crate::model::{
    Body, Channel, ChannelKind, Date, Dossier, DossierItem, Fee, HistoryEntry, Online, Procedure,
    ProcessingTime, Section, SourceRef, TimeUnit,
};

/// The steps section every procedure must have.
pub const STEPS: &str = "Trình tự thực hiện";
pub const REQUIREMENTS: &str = "Yêu cầu, điều kiện";
pub const NOTES: &str = "Ghi chú";

/// A parsed procedure with the front matter kept for locating later cross-reference errors.
#[derive(Clone)]
pub struct Parsed {
    pub procedure: Procedure,
    pub yaml_text: String,
    pub yaml_line_offset: usize,
    /// The name's collation key, for the catalog's order: made with the parse (in parallel,
    /// and kept with it by `serve`), not once per file on every load's sort.
    pub name_key: crate::text::CollationKey,
}

impl Parsed {
    pub fn doc(&self) -> Doc<'_> {
        Doc {
            text: &self.yaml_text,
            line_offset: self.yaml_line_offset,
        }
    }
}

/// Parses one procedure file; records every problem found and returns `None` when the file
/// cannot become a procedure.
pub fn parse(path: &Path, rel: &Path, text: &str, diags: &mut Diagnostics) -> Option<Parsed> {
    let fm = match yaml::split_front_matter(text) {
        Ok(fm) => fm,
        Err((pos, msg)) => {
            diags.pos(path, pos, msg);
            return None;
        }
    };
    let doc = fm.yaml;
    let value = match doc.value() {
        Ok(v) => v,
        Err((pos, msg)) => {
            diags.pos(path, pos, msg);
            return None;
        }
    };
    let key_problems = yaml::check_keys(
        &doc,
        &value,
        raw::PROCEDURE_REQUIRED,
        raw::PROCEDURE_OPTIONAL,
    );
    for (pos, msg) in yaml::check_text_values(&doc, &value) {
        diags.pos(path, pos, msg);
    }
    for (pos, msg) in yaml::placeholders(&doc, &value) {
        diags.warn(path, pos, msg);
    }
    let body = parse_body(path, fm.body, fm.body_line_offset, diags);
    if !key_problems.is_empty() {
        for (pos, msg) in key_problems {
            diags.pos(path, pos, msg);
        }
        return None;
    }
    let raw: RawProcedure = match doc.parse_value(value) {
        Ok(r) => r,
        Err(problems) => {
            for (pos, msg) in problems {
                diags.pos(path, pos, msg);
            }
            return None;
        }
    };
    // Local problems in `convert` are recorded, and the procedure still goes on to the
    // cross-reference checks so that one pass reports everything.
    let mut procedure = convert(path, rel, &doc, raw, body?, diags);
    procedure.source_hash = crate::hash::file_hash(text.as_bytes());
    Some(Parsed {
        name_key: crate::text::collation_key(&procedure.name),
        procedure,
        yaml_text: doc.text.to_string(),
        yaml_line_offset: doc.line_offset,
    })
}

fn parse_body(
    path: &Path,
    body: &str,
    line_offset: usize,
    diags: &mut Diagnostics,
) -> Option<Body> {
    let mut steps = None;
    let mut requirements = None;
    let mut notes = None;
    let mut others = Vec::new();
    let mut intro = None;
    check_body_controls(path, body, line_offset, diags);
    for offset in markdown::images_without_alt(body) {
        let pos = Pos::of_offset(body, offset);
        diags.pos(
            path,
            Pos::new(pos.line + line_offset, pos.column),
            markdown::image_without_alt(),
        );
    }
    for raw in markdown::split_sections(body) {
        let section = Section {
            title: raw.title.clone(),
            html: markdown::to_html(raw.markdown),
            text: markdown::to_text(raw.markdown),
        };
        let pos = Pos::of_offset(body, raw.offset);
        let pos = Pos::new(pos.line + line_offset, pos.column);
        let slot = match raw.title.as_str() {
            "" => &mut intro,
            STEPS => &mut steps,
            REQUIREMENTS => &mut requirements,
            NOTES => &mut notes,
            _ => {
                others.push(section);
                continue;
            }
        };
        if raw.title == STEPS && section.text.trim().is_empty() {
            diags.pos(path, pos, crate::tr!("steps-empty", title = STEPS));
        }
        if slot.is_some() {
            diags.pos(path, pos, crate::tr!("section-twice", title = raw.title));
        }
        *slot = Some(section);
    }
    let Some(steps) = steps else {
        diags.at(
            path,
            line_offset + 1,
            1,
            crate::tr!("no-steps", title = STEPS),
        );
        return None;
    };
    Some(Body {
        steps,
        requirements,
        notes,
        others,
        intro,
    })
}

fn convert(
    path: &Path,
    rel: &Path,
    doc: &Doc,
    raw: RawProcedure,
    body: Body,
    diags: &mut Diagnostics,
) -> Procedure {
    let mut levels = raw.level.0;
    levels.sort();
    levels.dedup();
    if levels.is_empty() {
        diags.pos(path, doc.key_pos("level"), crate::tr!("level-empty"));
    }
    let code = raw.code.map(|c| c.0.trim().to_string());
    if code.as_deref() == Some("") {
        diags.pos(path, doc.key_pos("code"), crate::tr!("code-empty"));
    }
    for (key, value) in [
        ("name", &raw.name),
        ("agency", &raw.agency),
        ("result", &raw.result),
    ] {
        if value.trim().is_empty() {
            diags.pos(path, doc.key_pos(key), crate::tr!("value-empty", key = key));
        }
    }
    for (key, empty) in [
        ("subjects", raw.subjects.is_empty()),
        ("legal_basis", raw.legal_basis.is_empty()),
        ("sources", raw.sources.is_empty()),
    ] {
        if empty {
            diags.pos(path, doc.key_pos(key), crate::tr!("list-empty", key = key));
        }
    }
    if raw.channels.is_empty() {
        diags.pos(path, doc.key_pos("channels"), crate::tr!("channels-empty"));
    }
    let mut channels: Vec<Channel> = Vec::new();
    for c in raw.channels {
        let (via, note) = match c {
            RawChannel::Bare(k) => (k, None),
            RawChannel::Noted(n) => (n.via, n.note),
        };
        let via = match via {
            raw::RawChannelKind::Direct => ChannelKind::Direct,
            raw::RawChannelKind::Postal => ChannelKind::Postal,
            raw::RawChannelKind::Online => ChannelKind::Online,
        };
        if channels.iter().any(|c| c.via == via) {
            let name = format!("{via:?}").to_lowercase();
            diags.pos(
                path,
                doc.value_pos("channels", &name),
                crate::tr!("channel-twice", name = name),
            );
        }
        channels.push(Channel { via, note });
    }
    let online = match raw.online {
        None | Some(RawOnline::None) => None,
        Some(RawOnline::Level(n)) => Some(Online::Level(n)),
        Some(RawOnline::Partial) => Some(Online::Partial),
        Some(RawOnline::Full) => Some(Online::Full),
    };
    if let Some(level) = online
        && level.files_online()
        && !channels.iter().any(|c| c.via == ChannelKind::Online)
    {
        diags.pos(
            path,
            doc.key_pos("online"),
            crate::tr!("online-needs-channel", level = level.label()),
        );
    }
    for (key, url) in [("online_url", &raw.online_url)] {
        if let Some(url) = url {
            check_url(path, doc.value_pos(key, url), key, url, diags);
        }
    }
    let mut urls = 0;
    for (i, s) in raw.sources.iter().enumerate() {
        if s.title.trim().is_empty() {
            diags.pos(
                path,
                doc.nth_value_pos("title", i, ""),
                crate::tr!("source-title-empty"),
            );
        }
        if let Some(url) = &s.url {
            check_url(path, doc.nth_value_pos("url", urls, url), "url", url, diags);
            urls += 1;
        }
    }
    let t = raw.processing_time;
    let value = match (t.value, t.unit) {
        (Some(v), Some(u)) if v >= 0.0 && v.is_finite() => Some((
            v,
            match u {
                RawTimeUnit::WorkingDays => TimeUnit::WorkingDays,
                RawTimeUnit::Days => TimeUnit::Days,
                RawTimeUnit::Hours => TimeUnit::Hours,
            },
        )),
        (None, None) => None,
        (Some(_), Some(_)) => {
            diags.pos(
                path,
                doc.key_pos("value"),
                crate::tr!("time-value-negative"),
            );
            None
        }
        _ => {
            diags.pos(
                path,
                doc.key_pos("processing_time"),
                crate::tr!("time-value-unit"),
            );
            None
        }
    };
    if t.text.trim().is_empty() {
        diags.pos(
            path,
            doc.key_pos("processing_time"),
            crate::tr!("time-text-empty"),
        );
    }
    if raw.dossier.items.is_empty() {
        diags.pos(path, doc.key_pos("dossier"), crate::tr!("dossier-empty"));
    }
    let status = raw.status.unwrap_or(RawStatus::Active);
    if status == RawStatus::Active && !raw.replaced_by.is_empty() {
        diags.pos(
            path,
            doc.key_pos("replaced_by"),
            crate::tr!("replaced-by-active"),
        );
    }
    let updated = date(path, doc, "updated", 0, &raw.updated, diags);
    let mut history: Vec<HistoryEntry> = raw
        .history
        .into_iter()
        .enumerate()
        .map(|(i, h)| HistoryEntry {
            date: date(path, doc, "date", i, &h.date, diags),
            decision: h.decision,
            note: h.note,
        })
        .collect();
    history.sort_by_key(|h| std::cmp::Reverse(h.date));
    Procedure {
        slug: crate::catalog::source::stem(path),
        source: rel.to_path_buf(),
        source_hash: 0,
        code,
        name: raw.name,
        levels,
        field: raw.field,
        agency: raw.agency,
        decides: raw.decides,
        coordinates: raw.coordinates,
        office: raw.office,
        authorized: raw.authorized,
        units: raw.units,
        handled_by: Vec::new(),
        subjects: raw.subjects,
        channels,
        return_by_post: raw.return_by_post,
        online,
        online_url: raw.online_url,
        processing_time: ProcessingTime {
            value,
            text: t.text,
        },
        fees: raw
            .fees
            .into_iter()
            .map(|f| Fee {
                name: f.name,
                amount: f.amount.map(|m| m.0),
                text: f.text,
            })
            .collect(),
        dossier: Dossier {
            sets: raw.dossier.sets.map(|c| c.0),
            items: raw
                .dossier
                .items
                .into_iter()
                .map(|i| DossierItem {
                    name: i.name,
                    originals: i.originals.map(|c| c.0),
                    copies: i.copies.map(|c| c.0),
                    form: i.form,
                    present: i.present,
                })
                .collect(),
        },
        result: raw.result,
        legal_basis: raw.legal_basis,
        sources: raw
            .sources
            .into_iter()
            .map(|s| SourceRef {
                title: s.title,
                url: s.url,
            })
            .collect(),
        keywords: raw.keywords,
        updated,
        history,
        aliases: raw.aliases,
        related: raw.related,
        abolished: status == RawStatus::Abolished,
        replaced_by: raw.replaced_by,
        body,
    }
}

/// Reports every stray control character in a Markdown body, at its line and column.
pub fn check_body_controls(path: &Path, body: &str, line_offset: usize, diags: &mut Diagnostics) {
    for (offset, c) in crate::text::stray_controls(body) {
        let pos = Pos::of_offset(body, offset);
        diags.pos(
            path,
            Pos::new(pos.line + line_offset, pos.column),
            crate::tr!("body-control", char = crate::text::codepoint(c)),
        );
    }
}

/// Parses a `YYYY-MM-DD` date written at the `nth` `key:`; records a located problem (and
/// returns a placeholder) when it is not a real date.
fn date(
    path: &Path,
    doc: &Doc,
    key: &str,
    nth: usize,
    value: &str,
    diags: &mut Diagnostics,
) -> Date {
    Date::parse(value.trim()).unwrap_or_else(|| {
        diags.pos(
            path,
            doc.nth_value_pos(key, nth, value),
            crate::tr!("not-a-date", key = key, value = value),
        );
        Date {
            year: 1970,
            month: 1,
            day: 1,
        }
    })
}

/// URLs in content must be http or https: anything else (javascript:, data:, file:) is refused.
pub fn check_url(path: &Path, pos: Pos, key: &str, url: &str, diags: &mut Diagnostics) {
    let lower = url.trim().to_ascii_lowercase();
    let ok = ["http://", "https://"]
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len());
    // Characters that RFC 3986 never allows in a URL: escaped on output they are harmless,
    // but a link carrying them is broken (and usually a paste error or an injection attempt).
    let illegal = |c: char| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c);
    if !ok || url.chars().any(illegal) {
        diags.pos(path, pos, crate::tr!("bad-url", key = key, url = url));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_ok(url: &str) -> bool {
        let mut diags = Diagnostics::new(Path::new("/"));
        check_url(
            Path::new("/x.md"),
            Pos::new(1, 1),
            "online_url",
            url,
            &mut diags,
        );
        diags.is_empty()
    }

    #[test]
    fn only_well_formed_http_urls_pass() {
        assert!(url_ok("https://dichvucong.phutho.gov.vn/"));
        assert!(url_ok("http://example.gov.vn/a?b=c&d='e'"));
        for bad in [
            "javascript:alert(1)",
            "ftp://example.gov.vn",
            "https://",
            "https://x/\"onmouseover=\"a",
            "https://x/<script>",
            "https://x/a b",
            "data:text/html,x",
        ] {
            assert!(!url_ok(bad), "{bad}");
        }
    }
}
