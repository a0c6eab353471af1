//! The validated portal: plain data, no I/O, no rendering.
//!
//! `catalog` builds a [`Portal`] only when every check passed, so the stages after it
//! (render, search, print) can rely on every cross-reference resolving.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Everything `build` publishes, validated.
#[derive(Debug, Clone)]
pub struct Portal {
    pub site: Site,
    /// In display order (the order of `fields.yaml`).
    pub fields: Vec<Field>,
    /// Sorted: the district first, then the commune-level units in Vietnamese order.
    pub units: Vec<Unit>,
    /// Sorted by field order, then name (Vietnamese order), then code.
    pub procedures: Vec<Procedure>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// Form files under `content/forms/`, by their path relative to it (with `/`).
    pub forms: BTreeMap<String, PathBuf>,
    /// Monthly dossier-handling reports (`content/statistics/`), by month.
    pub reports: Vec<crate::report::MonthlyReport>,
    /// Per-procedure monthly figures (`content/statistics/thu-tuc/`), by procedure slug, each
    /// in month order then unit order.
    pub timeliness: BTreeMap<String, Vec<crate::report::ProcedureMonth>>,
    /// What `check` and `build` report without failing (placeholders left from `init`).
    pub warnings: Vec<crate::diag::Diagnostic>,
    /// For each unit, the positions in `procedures` of the active procedures it handles: every
    /// unit page, listing and procedure page asks, and a scan of the whole catalog per question
    /// made a province-scale build quadratic. Made by [`Portal::index`].
    pub handled: BTreeMap<String, Vec<usize>>,
    /// Positions of units, fields and procedures by slug, for [`Portal::unit`] and friends:
    /// looked up for every row, link and unit of every page.
    pub slugs: Slugs,
}

/// Positions by slug (see [`Portal::index`]).
#[derive(Debug, Clone, Default)]
pub struct Slugs {
    units: std::collections::HashMap<String, usize>,
    fields: std::collections::HashMap<String, usize>,
    procedures: std::collections::HashMap<String, usize>,
    /// Each month's rows of each unit (contiguous: a report's rows are sorted by unit), for
    /// [`Portal::unit_rows`]: a province's unit pages read their own rows of every month, and
    /// scanning a whole report for each of two thousand units made them quadratic.
    unit_rows: std::collections::HashMap<
        crate::report::Month,
        std::collections::HashMap<String, std::ops::Range<usize>>,
    >,
}

impl Portal {
    pub fn field(&self, slug: &str) -> Option<&Field> {
        self.slugs.fields.get(slug).map(|&i| &self.fields[i])
    }

    pub fn unit(&self, slug: &str) -> Option<&Unit> {
        self.slugs.units.get(slug).map(|&i| &self.units[i])
    }

    /// The units named by `slugs`, in the portal's order of units (unknown slugs left out).
    pub fn units_among(&self, slugs: &[String]) -> Vec<&Unit> {
        let mut at: Vec<usize> = slugs
            .iter()
            .filter_map(|s| self.slugs.units.get(s).copied())
            .collect();
        at.sort_unstable();
        at.dedup();
        at.into_iter().map(|i| &self.units[i]).collect()
    }

    pub fn procedure(&self, slug: &str) -> Option<&Procedure> {
        self.slugs
            .procedures
            .get(slug)
            .map(|&i| &self.procedures[i])
    }

    /// The district unit named by `site.yaml`.
    pub fn district(&self) -> &Unit {
        self.unit(&self.site.district)
            .expect("validated: the district unit exists")
    }

    /// Procedures that still apply, in list order.
    pub fn active(&self) -> impl Iterator<Item = &Procedure> {
        self.procedures.iter().filter(|p| p.is_active())
    }

    /// The active procedures that `unit` handles, in list order.
    pub fn handled_by<'a>(&'a self, unit: &'a str) -> impl Iterator<Item = &'a Procedure> + 'a {
        self.handled
            .get(unit)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.procedures[i])
    }

    /// How many active procedures `unit` handles.
    pub fn handled_count(&self, unit: &str) -> usize {
        self.handled.get(unit).map_or(0, Vec::len)
    }

    /// Fills [`Portal::handled`] and [`Portal::slugs`] (once everything is in its final order;
    /// call it again after changing the lists).
    pub fn index(&mut self) {
        let mut handled: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, p) in self.procedures.iter().enumerate() {
            if p.is_active() {
                for u in &p.handled_by {
                    handled.entry(u.clone()).or_default().push(i);
                }
            }
        }
        self.handled = handled;
        let positions = |slugs: &mut dyn Iterator<Item = &String>| {
            let mut map = std::collections::HashMap::new();
            for (i, s) in slugs.enumerate() {
                map.entry(s.clone()).or_insert(i);
            }
            map
        };
        self.slugs = Slugs {
            units: positions(&mut self.units.iter().map(|u| &u.slug)),
            fields: positions(&mut self.fields.iter().map(|f| &f.slug)),
            procedures: positions(&mut self.procedures.iter().map(|p| &p.slug)),
            unit_rows: self
                .reports
                .iter()
                .map(|r| {
                    let mut at: std::collections::HashMap<String, std::ops::Range<usize>> =
                        Default::default();
                    for (i, row) in r.rows.iter().enumerate() {
                        at.entry(row.unit.clone()).or_insert(i..i).end = i + 1;
                    }
                    (r.month, at)
                })
                .collect(),
        };
    }

    /// The rows of `unit` in `report` (one of this portal's reports).
    pub fn unit_rows<'r>(
        &self,
        report: &'r crate::report::MonthlyReport,
        unit: &str,
    ) -> &'r [crate::report::ReportRow] {
        match self.slugs.unit_rows.get(&report.month) {
            Some(at) => at
                .get(unit)
                .map_or(&[], |range| &report.rows[range.clone()]),
            // Not indexed (a portal put together by hand): the unit's rows are still together.
            None => {
                let start = report.rows.iter().position(|r| r.unit == unit);
                let start = start.unwrap_or(report.rows.len());
                let len = report.rows[start..]
                    .iter()
                    .take_while(|r| r.unit == unit)
                    .count();
                &report.rows[start..start + len]
            }
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Site {
    pub title: String,
    pub district: String,
    pub province: String,
    /// Without a trailing `/`.
    pub base_url: String,
    pub theme: String,
    pub feedback: Contact,
    pub online_portal: Option<String>,
    pub sample: bool,
}

/// Where citizens send feedback (phản ánh, kiến nghị).
#[derive(Debug, Clone, Serialize)]
pub struct Contact {
    pub agency: String,
    pub address: String,
    pub phone: String,
    pub email: String,
}

/// A field (lĩnh vực).
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    District,
    Commune,
}

impl Level {
    /// "Cấp huyện" / "Cấp xã".
    pub fn label(self) -> &'static str {
        match self {
            Level::District => "Cấp huyện",
            Level::Commune => "Cấp xã",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    District,
    Commune,
    Town,
}

impl UnitKind {
    /// The level of the procedures a unit of this kind handles (a town is commune level).
    pub fn level(self) -> Level {
        match self {
            UnitKind::District => Level::District,
            UnitKind::Commune | UnitKind::Town => Level::Commune,
        }
    }
}

/// An administrative unit: the district or a commune / town.
#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub slug: String,
    pub name: String,
    pub kind: UnitKind,
    pub reception: Reception,
    pub offices: Vec<Office>,
}

/// The one-stop office (Bộ phận tiếp nhận và trả kết quả).
#[derive(Debug, Clone, Serialize)]
pub struct Reception {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub hours: String,
}

/// A specialised office of the district (phòng, ban).
#[derive(Debug, Clone, Serialize)]
pub struct Office {
    pub slug: String,
    pub name: String,
}

/// A calendar date from the content (never from the clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: u16 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// `15/06/2020`.
    pub fn vi(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// `2020-06-15`.
    pub fn iso(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// A channel of filing (cách thức thực hiện).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChannelKind {
    Direct,
    Postal,
    Online,
}

impl ChannelKind {
    pub fn label(self) -> &'static str {
        match self {
            ChannelKind::Direct => "Trực tiếp",
            ChannelKind::Postal => "Qua dịch vụ bưu chính công ích",
            ChannelKind::Online => "Trực tuyến",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Channel {
    pub via: ChannelKind,
    pub note: Option<String>,
}

/// The online public service (dịch vụ công trực tuyến).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Online {
    /// Levels 1–4 of Decree 43/2011.
    Level(u8),
    /// "Một phần" (Decree 42/2022).
    Partial,
    /// "Toàn trình" (Decree 42/2022).
    Full,
}

impl Online {
    pub fn label(self) -> String {
        match self {
            Online::Level(n) => format!("Mức độ {n}"),
            Online::Partial => "Một phần".to_string(),
            Online::Full => "Toàn trình".to_string(),
        }
    }

    /// Whether citizens can file online at this level (so an online channel must exist).
    pub fn files_online(self) -> bool {
        matches!(self, Online::Level(3 | 4) | Online::Partial | Online::Full)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    WorkingDays,
    Days,
    Hours,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProcessingTime {
    /// A structured duration where the law gives one (value, unit).
    pub value: Option<(f64, TimeUnit)>,
    pub text: String,
}

impl ProcessingTime {
    /// A short form for lists: "5 ngày làm việc", "Trong ngày", or the text itself.
    pub fn short(&self) -> String {
        match self.value {
            Some((0.0, _)) => "Trong ngày".to_string(),
            Some((v, unit)) => {
                let unit = match unit {
                    TimeUnit::WorkingDays => "ngày làm việc",
                    TimeUnit::Days => "ngày",
                    TimeUnit::Hours => "giờ",
                };
                format!("{} {unit}", crate::text::format_decimal(v, 2))
            }
            None => self.text.clone(),
        }
    }
}

/// A fee or charge (phí, lệ phí).
#[derive(Debug, Clone, Serialize)]
pub struct Fee {
    pub name: String,
    pub amount: Option<u64>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dossier {
    pub sets: Option<u32>,
    pub items: Vec<DossierItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DossierItem {
    pub name: String,
    pub originals: Option<u32>,
    pub copies: Option<u32>,
    /// A path under `content/forms/`, checked to exist.
    pub form: Option<String>,
    /// To be shown (xuất trình), not handed in.
    pub present: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub date: Date,
    pub decision: String,
    pub note: Option<String>,
}

/// A `##` section of a procedure's Markdown body.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub title: String,
    /// Sanitised HTML.
    pub html: String,
    /// Plain text, for search and summaries.
    pub text: String,
}

/// The body of a procedure, split into its sections.
#[derive(Debug, Clone, Serialize)]
pub struct Body {
    /// `## Trình tự thực hiện` (required).
    pub steps: Section,
    /// `## Yêu cầu, điều kiện`.
    pub requirements: Option<Section>,
    /// `## Ghi chú`.
    pub notes: Option<Section>,
    /// Any other `##` section, in its order.
    pub others: Vec<Section>,
    /// Text before the first `##` heading, if any.
    pub intro: Option<Section>,
}

/// One administrative procedure (thủ tục hành chính).
#[derive(Debug, Clone, Serialize)]
pub struct Procedure {
    pub slug: String,
    /// The source file, relative to the portal root.
    pub source: PathBuf,
    /// [`crate::hash::file_hash`] of the file's text: what the procedure holds, apart from
    /// `handled_by`, in one number (the service worker's version and `serve`'s keys use it
    /// instead of hashing every field again).
    #[serde(skip)]
    pub source_hash: u64,
    /// The code in the National Database; `None` where no code of the catalog's date is known
    /// (a borrowed or invented code would send citizens to the wrong record).
    pub code: Option<String>,
    pub name: String,
    /// Sorted, without duplicates.
    pub levels: Vec<Level>,
    pub field: String,
    pub agency: String,
    pub decides: Option<String>,
    pub coordinates: Option<String>,
    pub office: Option<String>,
    pub authorized: Option<String>,
    /// The units listed in the file, if any (`handled_by` is what applies).
    pub units: Option<Vec<String>>,
    /// The units that handle it, in unit order: `units`, or every unit of its levels.
    pub handled_by: Vec<String>,
    pub subjects: Vec<String>,
    pub channels: Vec<Channel>,
    pub return_by_post: bool,
    pub online: Option<Online>,
    pub online_url: Option<String>,
    pub processing_time: ProcessingTime,
    pub fees: Vec<Fee>,
    pub dossier: Dossier,
    pub result: String,
    pub legal_basis: Vec<String>,
    /// The public records and legal texts the facts were taken from (Nguồn thông tin).
    pub sources: Vec<SourceRef>,
    pub keywords: Vec<String>,
    pub updated: Date,
    pub history: Vec<HistoryEntry>,
    pub aliases: Vec<String>,
    pub related: Vec<String>,
    pub abolished: bool,
    pub replaced_by: Vec<String>,
    pub body: Body,
}

impl Procedure {
    pub fn is_active(&self) -> bool {
        !self.abolished
    }

    pub fn has_channel(&self, kind: ChannelKind) -> bool {
        self.channels.iter().any(|c| c.via == kind)
    }
}

/// A public record or legal text a procedure's facts come from.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRef {
    pub title: String,
    pub url: Option<String>,
}

/// A free page (giới thiệu, hướng dẫn, liên hệ).
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub html: String,
}
