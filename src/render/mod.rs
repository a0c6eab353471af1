//! Pages: the model through tera templates into HTML files.
//!
//! Every page is a folder with `index.html`, and every link is relative (`../../thu-tuc/x/`)
//! so the site works under a sub-path and from any static server; only `404.html`, which a
//! server shows at any depth, links absolutely from `base_url`.

pub mod accountability;
pub mod report_form;
pub mod service_estimate;
pub mod stats;
pub mod theme;
pub mod timeliness;
pub mod views;

use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::Diagnostic;
use crate::error::{Error, Result, each};
use crate::memo::Memo;
use crate::model::{Level, Portal, Procedure};
use crate::output::Output;
use crate::text::{escape_xml, format_int};
use theme::{Origin, Theme};
use views::{FieldGroup, ProcedureRow, ProcedureView, UnitView, group_by_field};

/// A step of the breadcrumb trail.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub url: String,
    pub name: String,
}

/// The templates of a theme, parsed once.
pub struct Renderer<'a> {
    tera: Tera,
    theme: &'a Theme,
    portal: &'a Portal,
    /// `serve`'s memory of the previous build, if any.
    memo: Option<&'a Memo>,
    /// Hash of the templates and the site-wide values every page sees: part of every page's
    /// key in the memo.
    globals: u64,
    /// Under a memo: the hash of what any procedure or listing page may show of the portal
    /// besides its own procedures (the units, how many procedures each handles).
    shared: u64,
    /// See [`Renderer::figures_key`].
    figures: std::sync::OnceLock<u64>,
}

impl<'a> Renderer<'a> {
    /// The portal being rendered.
    pub fn portal(&self) -> &'a Portal {
        self.portal
    }

    /// The theme it renders with.
    pub fn theme(&self) -> &'a Theme {
        self.theme
    }

    pub fn new(portal: &'a Portal, theme: &'a Theme) -> Result<Self> {
        let mut tera = Tera::new();
        let mut problems = Vec::new();
        let mut sources = Vec::new();
        for (name, file) in &theme.templates {
            match std::str::from_utf8(&file.bytes) {
                Ok(text) => sources.push((name.clone(), text.to_string())),
                Err(_) => {
                    problems.push(template_diag(theme, name, crate::tr!("template-not-utf8")))
                }
            }
        }
        if let Err(e) = tera.add_raw_templates(sources) {
            problems.push(template_diag(theme, "", error_chain(&e)));
        }
        if !problems.is_empty() {
            return Err(Error::Content(problems));
        }
        // The same for every page: serialised once, not once per page.
        tera.global_context().insert("site", &portal.site);
        tera.global_context().insert("fields", &portal.fields);
        let globals = crate::memo::hash_debug(
            0,
            &(
                &theme.templates.keys().collect::<Vec<_>>(),
                &portal.site,
                &portal.fields,
            ),
        );
        let globals = theme.templates.values().fold(globals, |h, f| {
            crate::memo::hash_debug(h, &f.bytes.as_slice())
        });
        Ok(Renderer {
            tera,
            theme,
            portal,
            memo: None,
            globals,
            shared: 0,
            figures: std::sync::OnceLock::new(),
        })
    }

    /// The same renderer, skipping the pages whose inputs `memo` has seen (for `serve`).
    pub fn with_memo(mut self, memo: &'a Memo) -> Self {
        self.memo = Some(memo);
        let counts: Vec<usize> = self.portal.handled.values().map(Vec::len).collect();
        self.shared = crate::memo::hash_debug(
            self.globals,
            &(&self.portal.units, &self.portal.handled.keys(), &counts),
        );
        self
    }

    /// Under a memo, a key of the inputs of a page that shows `procs` (their own content)
    /// and what [`Renderer::with_memo`] calls shared, plus `extra`; `None` without a memo or
    /// when a procedure's file was not read by this build.
    pub fn inputs_key<'p>(
        &self,
        procs: impl IntoIterator<Item = &'p Procedure>,
        extra: &dyn std::fmt::Debug,
    ) -> Option<u64> {
        let memo = self.memo?;
        let mut h = crate::hash::Fnv(crate::memo::hash_debug(self.shared, extra));
        for p in procs {
            std::hash::Hasher::write_u64(&mut h, memo.procedure(p)?);
        }
        Some(std::hash::Hasher::finish(&h))
    }

    /// [`Renderer::inputs_key`] for a page that shows `procs` as list rows only: keyed on
    /// what each row shows (see [`views::ProcedureRow`]) and the procedure's field, so an
    /// edit of anything else in a procedure (a sentence of its steps) leaves the lists it
    /// is on as they were. A province's lists are pages of 500 rows, several per procedure.
    pub fn rows_key<'p>(
        &self,
        procs: impl IntoIterator<Item = &'p Procedure>,
        extra: &dyn std::fmt::Debug,
    ) -> Option<u64> {
        /// A key of one procedure's list row (a type of its own among the memo's pieces).
        struct RowKey(u64);
        let memo = self.memo?;
        let mut h = crate::hash::Fnv(crate::memo::hash_debug(self.shared, extra));
        for p in procs {
            let row = memo.piece(memo.procedure(p)?, || {
                RowKey(crate::memo::hash_debug(
                    0,
                    &(views::ProcedureRow::new(p), &p.field),
                ))
            });
            std::hash::Hasher::write_u64(&mut h, row.0);
        }
        Some(std::hash::Hasher::finish(&h))
    }

    /// A hash of the monthly and per-procedure figures, for the keys of pages that show some
    /// of them: made once per build, by the first page that asks.
    pub fn figures_key(&self) -> u64 {
        *self.figures.get_or_init(|| {
            crate::memo::hash_debug(0, &(&self.portal.reports, &self.portal.timeliness))
        })
    }

    /// The hash of the templates and site-wide values (a stage's memo key starts from it).
    pub fn globals(&self) -> u64 {
        self.globals
    }

    /// `serve`'s memory of the previous build, if any (stages use it for their own work).
    pub fn memo(&self) -> Option<&'a Memo> {
        self.memo
    }

    /// Renders `template` for the page at `path` (e.g. `thu-tuc/x/index.html`); `what` names
    /// the page in error messages ("procedure dang-ky-khai-sinh").
    fn page(
        &self,
        out: &Output,
        path: &str,
        template: &str,
        what: &str,
        ctx: Context,
    ) -> Result<()> {
        self.finish(out, path, template, what, with_root(path, ctx))
    }

    fn finish(
        &self,
        out: &Output,
        path: &str,
        template: &str,
        what: &str,
        ctx: Context,
    ) -> Result<()> {
        let ctx = self.complete(path, ctx);
        match self.memo {
            Some(memo) => {
                let key = crate::memo::hash_debug(self.globals, &(template, &ctx));
                memo.page(out, path, key, || self.html(template, what, &ctx))
            }
            None => out.put(path, self.html(template, what, &ctx)?),
        }
    }

    /// [`Renderer::render_page`] for a page whose inputs (besides the templates and site-wide
    /// values) hash to `inputs` (see [`Renderer::inputs_key`]): when they are unchanged, its
    /// context is not even built. A page whose context is costly (a procedure, a listing
    /// with a QR code per row) is skipped this way in a fraction of the time.
    pub fn render_keyed(
        &self,
        out: &Output,
        path: &str,
        template: &str,
        what: &str,
        inputs: Option<u64>,
        ctx: impl FnOnce() -> Result<Context>,
    ) -> Result<()> {
        match (self.memo, inputs) {
            (Some(memo), Some(inputs)) => {
                let key = crate::memo::hash_debug(self.globals, &(template, path, inputs));
                memo.page(out, path, key, || {
                    let ctx = self.complete(path, with_root(path, ctx()?));
                    self.html(template, what, &ctx)
                })
            }
            _ => self.page(out, path, template, what, ctx()?),
        }
    }

    /// What every page's context holds besides its own values.
    fn complete(&self, path: &str, mut ctx: Context) -> Context {
        ctx.insert("page_path", path.trim_end_matches("index.html"));
        // Every page carries a description and OpenGraph meta (shared links, search results):
        // pages that know better say so, the others get one from their title.
        if !ctx.contains_key("description") {
            let title = ctx
                .get("title")
                .and_then(|t| t.as_str())
                .unwrap_or(&self.portal.site.title)
                .to_string();
            ctx.insert(
                "description",
                &default_description(&self.portal.site, &title),
            );
        }
        if !ctx.contains_key("og_type") {
            ctx.insert("og_type", "website");
        }
        ctx
    }

    fn html(&self, template: &str, what: &str, ctx: &Context) -> Result<Vec<u8>> {
        self.tera
            .render(template, ctx)
            .map(String::into_bytes)
            .map_err(|e| {
                Error::Content(vec![template_diag(
                    self.theme,
                    template,
                    crate::tr!("template-render", what = what, error = error_chain(&e)),
                )])
            })
    }

    /// Renders `template` as the page at `path` with the common context (site, root, fields)
    /// plus `ctx`: the entry point for stages built on render (search page, listings,
    /// statistics). `what` names the page in error messages.
    pub fn render_page(
        &self,
        out: &Output,
        path: &str,
        template: &str,
        what: &str,
        ctx: Context,
    ) -> Result<()> {
        self.page(out, path, template, what, ctx)
    }

    /// A context with the page title and breadcrumb trail every page template expects.
    pub fn ctx(title: &str, crumbs: Vec<Crumb>) -> Context {
        let mut ctx = Context::new();
        ctx.insert("title", title);
        ctx.insert("crumbs", &crumbs);
        ctx
    }
}

/// `ctx` with the relative way back to the site root from the page at `path`.
fn with_root(path: &str, mut ctx: Context) -> Context {
    let depth = path.matches('/').count();
    ctx.insert("root", &"../".repeat(depth));
    ctx
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = s.source();
    }
    msg
}

fn template_diag(theme: &Theme, name: &str, message: String) -> Diagnostic {
    let path = match theme.templates.get(name).map(|f| &f.origin) {
        Some(Origin::File(p)) => p.clone(),
        _ => format!("(default theme) templates/{name}").into(),
    };
    Diagnostic {
        path,
        line: 1,
        column: 1,
        message,
    }
}

/// The description of a page that has none of its own.
pub fn default_description(site: &crate::model::Site, title: &str) -> String {
    if title == site.title {
        format!(
            "{title}, tỉnh {}: tra cứu thủ tục hành chính cấp huyện và cấp xã, hồ sơ, thời hạn, phí, lệ phí và số liệu giải quyết hồ sơ.",
            site.province
        )
    } else {
        format!("{title} – {}, tỉnh {}.", site.title, site.province)
    }
}

/// A breadcrumb step; `url` is relative to the site root ("" for the home page).
pub fn crumb(url: &str, name: &str) -> Crumb {
    Crumb {
        url: url.to_string(),
        name: name.to_string(),
    }
}

/// Renders the core pages of the site (home, lists, procedures, units, free pages, 404) and
/// copies the theme's static files and the forms into `out`.
pub fn render(r: &Renderer, out: &Output) -> Result<()> {
    let portal = r.portal;
    let theme = r.theme;
    // Each part independent of the others: side by side, every failure reported.
    let parts: [&(dyn Fn() -> Result<()> + Sync); 7] = [
        &|| home(r, out),
        &|| lists(r, out),
        &|| each(&portal.procedures, |p| procedure(r, out, p)),
        &|| each(&portal.units, |u| unit(r, out, u)),
        &|| each(&portal.pages, |page| free_page(r, out, page)),
        &|| not_found(r, out),
        &|| crate::offline::page(r, out),
    ];
    each(&parts, |part| part())?;
    for (path, file) in &theme.statics {
        out.put(path.clone(), file.bytes.clone())?;
    }
    for (rel, path) in &portal.forms {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        out.put(format!("bieu-mau/{rel}"), bytes)?;
    }
    Ok(())
}

/// A procedure's page, and a redirect from each of its former slugs.
fn procedure(r: &Renderer, out: &Output, p: &crate::model::Procedure) -> Result<()> {
    let portal = r.portal;
    // Besides the procedure and the shared values, its page shows the names and codes of
    // the procedures it links to.
    let links: Vec<(&str, &str, Option<&str>)> = p
        .related
        .iter()
        .chain(&p.replaced_by)
        .filter_map(|s| portal.procedure(s))
        .map(|q| (q.slug.as_str(), q.name.as_str(), q.code.as_deref()))
        .collect();
    // And its per-procedure figures, when the portal publishes them.
    let figures = portal.timeliness.get(&p.slug);
    let inputs = r.inputs_key([p], &(&links, figures));
    let ctx = || {
        let mut ctx = Renderer::ctx(
            &p.name,
            vec![
                crumb("", "Trang chủ"),
                crumb("thu-tuc/", "Thủ tục hành chính"),
            ],
        );
        ctx.insert("p", &ProcedureView::new(portal, p));
        ctx.insert("timeliness", &timeliness::view(portal, p));
        ctx.insert(
            "description",
            &format!(
                "Thủ tục {} ({}, lĩnh vực {}): trình tự, hồ sơ, thời hạn, phí, lệ phí.",
                p.name,
                views::levels_label(&p.levels),
                portal
                    .field(&p.field)
                    .map_or(p.field.as_str(), |f| f.name.as_str())
            ),
        );
        ctx.insert("og_type", "article");
        ctx.insert("structured_data", &crate::structured::procedure(portal, p));
        // The print sheet's QR code (shown on paper only): the page's own absolute URL.
        ctx.insert(
            "qr",
            &crate::qr::svg(
                &crate::urls::procedure_url(portal, p),
                crate::qr::Alt::Decorative,
            )?,
        );
        Ok(ctx)
    };
    r.render_keyed(
        out,
        &format!("thu-tuc/{}/index.html", p.slug),
        "procedure.html",
        &format!("procedure {}", p.slug),
        inputs,
        ctx,
    )?;
    for alias in &p.aliases {
        let mut ctx = Renderer::ctx(&p.name, Vec::new());
        ctx.insert("slug", &p.slug);
        r.page(
            out,
            &format!("thu-tuc/{alias}/index.html"),
            "redirect.html",
            &format!("alias {alias} of {}", p.slug),
            ctx,
        )?;
    }
    Ok(())
}

fn unit(r: &Renderer, out: &Output, u: &crate::model::Unit) -> Result<()> {
    let portal = r.portal;
    let procs: Vec<&Procedure> = portal.handled_by(&u.slug).collect();
    let dir = format!("don-vi/{}/", u.slug);
    // A province's own unit can handle thousands: then one page per field below it.
    let parts = (procs.len() > LIST_LIMIT).then(|| by_field(portal, &procs));
    // Besides its procedures and the shared values (the units among them): the unit itself
    // and the monthly figures its block shows.
    let inputs = r.rows_key(procs.iter().copied(), &(u, r.figures_key()));
    let ctx = || {
        let mut ctx = Renderer::ctx(&u.name, vec![crumb("", "Trang chủ")]);
        ctx.insert("unit", &UnitView::new(portal, u));
        ctx.insert("structured_data", &crate::structured::unit(portal, u));
        match &parts {
            None => ctx.insert("groups", &group_by_field(portal, procs.iter().copied())),
            Some(parts) => {
                ctx.insert("groups", &Vec::<FieldGroup>::new());
                let links: Vec<SplitLink> = parts
                    .iter()
                    .map(|(f, list)| SplitLink {
                        url: format!("{dir}{}/", f.slug),
                        name: f.name.clone(),
                        count: format_int(list.len() as i64),
                    })
                    .collect();
                ctx.insert("split", &links);
            }
        }
        ctx.insert("unit_stats", &stats::unit_block(portal, &u.slug)); // its last 12 months
        Ok(ctx)
    };
    r.render_keyed(
        out,
        &format!("{dir}index.html"),
        "unit.html",
        &format!("unit {}", u.slug),
        inputs,
        ctx,
    )?;
    let Some(parts) = parts else { return Ok(()) };
    let crumbs = vec![crumb("", "Trang chủ"), crumb(&dir, &u.name)];
    each(&parts, |(f, list)| {
        paged(
            r,
            out,
            &format!("{dir}{}/", f.slug),
            &format!("{}: lĩnh vực {}", u.name, f.name),
            crumbs.clone(),
            list,
        )
    })
}

fn free_page(r: &Renderer, out: &Output, page: &crate::model::Page) -> Result<()> {
    let mut ctx = Renderer::ctx(&page.title, vec![crumb("", "Trang chủ")]);
    ctx.insert("page", page);
    if let Some(d) = &page.description {
        ctx.insert("description", d);
    }
    r.page(
        out,
        &format!("{}/index.html", page.slug),
        "page.html",
        &format!("page {}", page.slug),
        ctx,
    )
}

fn home(r: &Renderer, out: &Output) -> Result<()> {
    let portal = r.portal;
    let mut recent: Vec<&Procedure> = portal.active().collect();
    recent.sort_by_key(|p| std::cmp::Reverse(p.updated));
    recent.truncate(8);
    // Its context holds a row of every procedure (the field groups, the counts by level):
    // keyed on what the rows show, the newest procedures' dates, the free pages and the
    // figures, it is not put together again for an edit that changes none of them.
    let newest: Vec<(&str, String)> = recent
        .iter()
        .map(|p| (p.slug.as_str(), p.updated.vi()))
        .collect();
    let inputs = r.rows_key(
        portal.active(),
        &("home", &newest, &portal.pages, r.figures_key()),
    );
    r.render_keyed(
        out,
        "index.html",
        "home.html",
        "the home page",
        inputs,
        || {
            let mut ctx = Renderer::ctx(&portal.site.title, Vec::new());
            let count = |level: Level| {
                portal
                    .active()
                    .filter(|p| p.levels.contains(&level))
                    .count() as i64
            };
            ctx.insert("count_all", &format_int(portal.active().count() as i64));
            ctx.insert("count_district", &format_int(count(Level::District)));
            ctx.insert("count_commune", &format_int(count(Level::Commune)));
            let groups: Vec<FieldGroup> = group_by_field(portal, portal.active());
            ctx.insert("field_groups", &groups);
            let units: Vec<UnitView> = portal
                .units
                .iter()
                .map(|u| UnitView::new(portal, u))
                .collect();
            ctx.insert("units", &units);
            let recent: Vec<Recent> = recent
                .iter()
                .map(|p| Recent {
                    row: ProcedureRow::new(p),
                    date: p.updated.vi(),
                })
                .collect();
            ctx.insert("recent", &recent);
            ctx.insert("pages", &portal.pages);
            stats::insert_home(portal, &mut ctx); // the latest month, where visitors land
            Ok(ctx)
        },
    )
}

#[derive(Serialize)]
struct Recent {
    row: ProcedureRow,
    date: String,
}

/// Above this many procedures a list no longer fits one page a phone can open (about 400 bytes
/// of HTML a row): the whole-catalog lists and a unit's list then become one page per field,
/// and a field's list is cut into pages of [`PAGE_SIZE`]. The bundled district (under 300)
/// never reaches it; a province (thousands) does.
pub const LIST_LIMIT: usize = 1000;
/// Rows on one page of a paginated list (`…/trang-2/`, `…/trang-3/`, …).
pub const PAGE_SIZE: usize = 500;

/// Where the fields of a split list go.
#[derive(Clone, Copy)]
enum Split {
    /// To the field's own page (`linh-vuc/<field>/`), which lists the same procedures.
    FieldPages,
    /// To a page under the list (`cap-huyen/<field>/`).
    Below,
}

fn lists(r: &Renderer, out: &Output) -> Result<()> {
    let portal = r.portal;
    let home = || vec![crumb("", "Trang chủ")];
    let active: Vec<&Procedure> = portal.active().collect();
    list(
        r,
        out,
        "thu-tuc/",
        "Danh mục thủ tục hành chính",
        home(),
        active.clone(),
        Split::FieldPages,
    )?;
    for (level, dir, title) in [
        (
            Level::District,
            "cap-huyen/",
            "Thủ tục hành chính cấp huyện",
        ),
        (Level::Commune, "cap-xa/", "Thủ tục hành chính cấp xã"),
    ] {
        let of_level = active
            .iter()
            .copied()
            .filter(|p| p.levels.contains(&level))
            .collect();
        list(r, out, dir, title, home(), of_level, Split::Below)?;
    }
    each(&portal.fields, |f| {
        let crumbs = vec![
            crumb("", "Trang chủ"),
            crumb("thu-tuc/", "Thủ tục hành chính"),
        ];
        let of_field: Vec<&Procedure> = active
            .iter()
            .copied()
            .filter(|p| p.field == f.slug)
            .collect();
        paged(
            r,
            out,
            &format!("linh-vuc/{}/", f.slug),
            &format!("Lĩnh vực {}", f.name),
            crumbs,
            &of_field,
        )
    })
}

/// A list page at `dir`: whole, or past [`LIST_LIMIT`] a page of links to one list per field.
fn list(
    r: &Renderer,
    out: &Output,
    dir: &str,
    title: &str,
    crumbs: Vec<Crumb>,
    procs: Vec<&Procedure>,
    split: Split,
) -> Result<()> {
    if procs.len() <= LIST_LIMIT {
        return paged(r, out, dir, title, crumbs, &procs);
    }
    let parts = by_field(r.portal, &procs);
    let links: Vec<SplitLink> = parts
        .iter()
        .map(|(f, list)| SplitLink {
            url: match split {
                Split::FieldPages => format!("linh-vuc/{}/", f.slug),
                Split::Below => format!("{dir}{}/", f.slug),
            },
            name: f.name.clone(),
            count: format_int(list.len() as i64),
        })
        .collect();
    let mut ctx = Renderer::ctx(title, crumbs.clone());
    ctx.insert("total", &format_int(procs.len() as i64));
    ctx.insert("groups", &Vec::<FieldGroup>::new());
    ctx.insert("split", &links);
    r.page(
        out,
        &format!("{dir}index.html"),
        "list.html",
        &format!("the list {dir}"),
        ctx,
    )?;
    if let Split::Below = split {
        let mut below = crumbs;
        below.push(crumb(dir, title));
        each(&parts, |(f, list)| {
            paged(
                r,
                out,
                &format!("{dir}{}/", f.slug),
                &format!("{title}: lĩnh vực {}", f.name),
                below.clone(),
                list,
            )
        })?;
    }
    Ok(())
}

/// `procs` (in list order, so grouped by field) cut at each change of field.
fn by_field<'p>(
    portal: &'p Portal,
    procs: &[&'p Procedure],
) -> Vec<(&'p crate::model::Field, Vec<&'p Procedure>)> {
    let mut parts: Vec<(&crate::model::Field, Vec<&Procedure>)> = Vec::new();
    for &p in procs {
        match parts.last_mut() {
            Some((f, list)) if f.slug == p.field => list.push(p),
            _ => {
                if let Some(f) = portal.field(&p.field) {
                    parts.push((f, vec![p]));
                }
            }
        }
    }
    parts
}

/// A list at `dir`, cut into pages of [`PAGE_SIZE`] past [`LIST_LIMIT`]: page 1 at `dir`,
/// the others at `dir/trang-N/`, each linking to all of them.
fn paged(
    r: &Renderer,
    out: &Output,
    dir: &str,
    title: &str,
    crumbs: Vec<Crumb>,
    procs: &[&Procedure],
) -> Result<()> {
    let chunks: Vec<&[&Procedure]> = if procs.len() <= LIST_LIMIT {
        vec![procs]
    } else {
        procs.chunks(PAGE_SIZE).collect()
    };
    let page_dir = |k: usize| {
        if k == 1 {
            dir.to_string()
        } else {
            format!("{dir}trang-{k}/")
        }
    };
    let n = chunks.len();
    each(
        &chunks.iter().enumerate().collect::<Vec<_>>(),
        |&(i, chunk)| {
            let k = i + 1;
            let mut page_crumbs = crumbs.clone();
            let page_title = if k == 1 {
                title.to_string()
            } else {
                page_crumbs.push(crumb(dir, title));
                format!("{title} (trang {k}/{n})")
            };
            // What the page shows besides its procedures (and the shared values): its title,
            // trail and place among the pages.
            let inputs = r.rows_key(
                chunk.iter().copied(),
                &(&page_title, &page_crumbs, procs.len(), i, n, dir),
            );
            let ctx = || {
                let mut ctx = Renderer::ctx(&page_title, page_crumbs.clone());
                ctx.insert("total", &format_int(procs.len() as i64));
                ctx.insert("groups", &group_by_field(r.portal, chunk.iter().copied()));
                if n > 1 {
                    let pages: Vec<PagerLink> = (1..=n)
                        .map(|j| PagerLink {
                            url: page_dir(j),
                            label: format_int(j as i64),
                            current: j == k,
                        })
                        .collect();
                    ctx.insert("pager", &pages);
                    ctx.insert(
                        "page_range",
                        &format!(
                            "{}–{}",
                            format_int((i * PAGE_SIZE + 1) as i64),
                            format_int((i * PAGE_SIZE + chunk.len()) as i64)
                        ),
                    );
                }
                Ok(ctx)
            };
            r.render_keyed(
                out,
                &format!("{}index.html", page_dir(k)),
                "list.html",
                &format!("the list {}", page_dir(k)),
                inputs,
                ctx,
            )
        },
    )
}

/// A field's part of a split list.
#[derive(Serialize)]
struct SplitLink {
    url: String,
    name: String,
    count: String,
}

/// One page of a paginated list.
#[derive(Serialize)]
struct PagerLink {
    url: String,
    label: String,
    current: bool,
}

fn not_found(r: &Renderer, out: &Output) -> Result<()> {
    let ctx = Renderer::ctx("Không tìm thấy trang", Vec::new());
    let mut ctx = ctx;
    // Served at any depth: absolute links from base_url.
    ctx.insert("root", &format!("{}/", r.portal.site.base_url));
    r.finish(out, "404.html", "404.html", "the 404 page", ctx)
}

/// `sitemap.xml` over every page written so far (alias redirects left out): run it last.
/// `<lastmod>` comes from the content: a procedure's `updated`, the newest change for the
/// pages that show changes (home, `/thay-doi/`); the other pages show no date and have none.
pub fn sitemap(portal: &Portal, out: &Output) -> Result<()> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let base = &portal.site.base_url;
    let aliases: std::collections::BTreeSet<String> = portal
        .procedures
        .iter()
        .flat_map(|p| p.aliases.iter().map(|a| format!("thu-tuc/{a}/index.html")))
        .collect();
    let mut lastmod: std::collections::HashMap<String, crate::model::Date> = portal
        .procedures
        .iter()
        .map(|p| (format!("thu-tuc/{}/index.html", p.slug), p.updated))
        .collect();
    if let Some(newest) = portal.active().map(|p| p.updated).max() {
        lastmod.insert("index.html".into(), newest); // its "Mới cập nhật" list
    }
    if let Some(newest) = crate::changes::newest(portal) {
        lastmod.insert("thay-doi/index.html".into(), newest);
    }
    for path in out
        .written()
        .into_keys()
        .filter(|k| k.ends_with("index.html") && !aliases.contains(k))
        // Shown only by the service worker, for pages never opened: nothing to index.
        .filter(|k| *k != format!("{}index.html", crate::offline::PAGE))
    {
        let url = format!("{base}/{}", path.trim_end_matches("index.html"));
        match lastmod.get(&path) {
            Some(d) => xml.push_str(&format!(
                "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
                escape_xml(&url),
                d.iso()
            )),
            None => xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(&url))),
        }
    }
    xml.push_str("</urlset>\n");
    out.put("sitemap.xml", xml.into_bytes())
}
