//! Following changes: `/thay-doi/` and `/atom.xml` list what changed in the catalog, newest
//! first, so that citizens, journalists and other portals can follow it without re-reading
//! every procedure; `robots.txt` points crawlers at the sitemap.
//!
//! A change is a procedure's `updated` date or one of its `history:` entries (the date a
//! decision published, amended or abolished it). Every date comes from the content, never
//! the clock, so the same content gives the same page and feed.

use serde::Serialize;

use crate::error::Result;
use crate::model::{Date, Portal, Procedure};
use crate::output::Output;
use crate::render::{Renderer, crumb};
use crate::text::{escape_xml, format_int};

/// Rows on `/thay-doi/`: a province's catalog has tens of thousands of changes, a phone
/// opens a few hundred rows; the open data has every procedure's dates.
pub const PAGE_LIMIT: usize = 300;
/// Entries in `/atom.xml` (feed readers keep what they have seen).
pub const FEED_LIMIT: usize = 100;

/// One change of one procedure.
#[derive(Debug, Clone)]
pub struct Change<'p> {
    pub date: Date,
    pub procedure: &'p Procedure,
    /// The decision (history entry) or `None` for the plain `updated` date.
    pub decision: Option<&'p str>,
    pub note: Option<&'p str>,
    /// Distinguishes changes of one procedure on one date (0 for the first), for the ids.
    pub nth: usize,
}

impl Change<'_> {
    /// What changed, in a sentence.
    pub fn summary(&self) -> String {
        let mut s = match self.decision {
            Some(d) => d.to_string(),
            None => "Cập nhật thông tin thủ tục".to_string(),
        };
        if let Some(n) = self.note {
            s.push_str(" – ");
            s.push_str(n);
        }
        s
    }

    /// A stable id: the procedure's URL and the date (and a counter when one procedure has
    /// several changes on one date). It never changes when other procedures do.
    pub fn id(&self, portal: &Portal) -> String {
        let mut id = format!(
            "{}#thay-doi-{}",
            crate::urls::procedure_url(portal, self.procedure),
            self.date.iso()
        );
        if self.nth > 0 {
            id.push_str(&format!("-{}", self.nth + 1));
        }
        id
    }
}

/// Every change of the catalog (abolished procedures included: abolition is news), newest
/// first; on one date in list order, then in the order of the history entries. A history
/// entry on the `updated` date stands for that update (no second row).
pub fn all(portal: &Portal) -> Vec<Change<'_>> {
    let mut changes: Vec<(usize, Change)> = Vec::new();
    for (i, p) in portal.procedures.iter().enumerate() {
        let mut dated: Vec<(Date, Option<&str>, Option<&str>)> = p
            .history
            .iter()
            .map(|h| (h.date, Some(h.decision.as_str()), h.note.as_deref()))
            .collect();
        if !p.history.iter().any(|h| h.date == p.updated) {
            dated.push((p.updated, None, None));
        }
        let mut per_date: std::collections::BTreeMap<Date, usize> = Default::default();
        for (date, decision, note) in dated {
            let n = per_date.entry(date).or_insert(0);
            let nth = *n;
            *n += 1;
            changes.push((
                i,
                Change {
                    date,
                    procedure: p,
                    decision,
                    note,
                    nth,
                },
            ));
        }
    }
    // Stable: equal keys keep the order they were pushed in (history order).
    changes.sort_by(|(i, a), (j, b)| b.date.cmp(&a.date).then(i.cmp(j)));
    changes.into_iter().map(|(_, c)| c).collect()
}

/// The newest date a change carries, if any.
pub fn newest(portal: &Portal) -> Option<Date> {
    all(portal).first().map(|c| c.date)
}

#[derive(Serialize)]
struct ChangeRow {
    date: String,
    date_iso: String,
    slug: String,
    name: String,
    code: Option<String>,
    summary: String,
    abolished: bool,
}

/// `/thay-doi/`, `/atom.xml` and `/robots.txt`.
pub fn render(r: &Renderer, out: &Output) -> Result<()> {
    let portal = r.portal();
    let changes = all(portal);
    let rows: Vec<ChangeRow> = changes
        .iter()
        .take(PAGE_LIMIT)
        .map(|c| ChangeRow {
            date: c.date.vi(),
            date_iso: c.date.iso(),
            slug: c.procedure.slug.clone(),
            name: c.procedure.name.clone(),
            code: c.procedure.code.clone(),
            summary: c.summary(),
            abolished: c.procedure.abolished,
        })
        .collect();
    let title = "Thay đổi thủ tục hành chính";
    let mut ctx = Renderer::ctx(title, vec![crumb("", "Trang chủ")]);
    ctx.insert("changes", &rows);
    ctx.insert("total", &format_int(changes.len() as i64));
    ctx.insert("shown", &format_int(rows.len() as i64));
    ctx.insert("limited", &(changes.len() > rows.len()));
    ctx.insert(
        "description",
        &format!(
            "Các thủ tục hành chính của {} mới được công bố, sửa đổi, bãi bỏ hoặc cập nhật, mới nhất trước; theo dõi qua nguồn tin Atom.",
            portal.site.title
        ),
    );
    r.render_page(
        out,
        "thay-doi/index.html",
        "changes.html",
        "the changes page",
        ctx,
    )?;
    out.put("atom.xml", atom(portal, &changes).into_bytes())?;
    out.put(
        "robots.txt",
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n",
            portal.site.base_url
        )
        .into_bytes(),
    )
}

/// An Atom date: the content's dates are local (Vietnam, UTC+7) days.
fn atom_date(d: Date) -> String {
    format!("{}T00:00:00+07:00", d.iso())
}

/// `/atom.xml`: the newest [`FEED_LIMIT`] changes, one entry each, absolute links.
pub fn atom(portal: &Portal, changes: &[Change]) -> String {
    let base = &portal.site.base_url;
    let site = &portal.site;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    let line = |xml: &mut String, indent: &str, tag: &str, text: &str| {
        xml.push_str(&format!("{indent}<{tag}>{}</{tag}>\n", escape_xml(text)));
    };
    line(
        &mut xml,
        "  ",
        "title",
        &format!("Thay đổi thủ tục hành chính – {}", site.title),
    );
    line(&mut xml, "  ", "id", &format!("{base}/thay-doi/"));
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape_xml(&format!("{base}/atom.xml"))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape_xml(&format!("{base}/thay-doi/"))
    ));
    // A feed without entries still needs an `updated`: the oldest date Atom can say is as
    // good as any, and it is the same on every build.
    let updated = changes
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |c| atom_date(c.date));
    line(&mut xml, "  ", "updated", &updated);
    xml.push_str("  <author>\n");
    line(&mut xml, "    ", "name", &site.feedback.agency);
    line(&mut xml, "    ", "email", &site.feedback.email);
    xml.push_str("  </author>\n");
    for c in changes.iter().take(FEED_LIMIT) {
        let p = c.procedure;
        let url = crate::urls::procedure_url(portal, p);
        xml.push_str("  <entry>\n");
        let mut title = match &p.code {
            Some(code) => format!("{} (mã {code})", p.name),
            None => p.name.clone(),
        };
        if p.abolished {
            title.push_str(" – đã bãi bỏ");
        }
        line(&mut xml, "    ", "title", &title);
        line(&mut xml, "    ", "id", &c.id(portal));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape_xml(&url)
        ));
        line(&mut xml, "    ", "updated", &atom_date(c.date));
        line(
            &mut xml,
            "    ",
            "summary",
            &format!("{}: {}", c.date.vi(), c.summary()),
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
