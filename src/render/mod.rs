//! Pages: the model through tera templates into HTML files.
//!
//! Every page is a folder with `index.html`, and every link is relative (`../../thu-tuc/x/`)
//! so the site works under a sub-path and from any static server; only `404.html`, which a
//! server shows at any depth, links absolutely from `base_url`.

pub mod stats;
pub mod theme;
pub mod views;

use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::Diagnostic;
use crate::error::{Error, Result, each};
use crate::model::{Level, Portal};
use crate::output::Output;
use crate::text::{escape_xml, format_int};
use theme::{Origin, Theme};
use views::{FieldGroup, ProcedureRow, ProcedureView, UnitView, group_by_field};

/// A step of the breadcrumb trail.
#[derive(Debug, Serialize)]
pub struct Crumb {
    pub url: String,
    pub name: String,
}

/// The templates of a theme, parsed once.
pub struct Renderer<'a> {
    tera: Tera,
    theme: &'a Theme,
    portal: &'a Portal,
}

impl<'a> Renderer<'a> {
    /// The portal being rendered.
    pub fn portal(&self) -> &'a Portal {
        self.portal
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
        Ok(Renderer {
            tera,
            theme,
            portal,
        })
    }

    /// Renders `template` for the page at `path` (e.g. `thu-tuc/x/index.html`); `what` names
    /// the page in error messages ("procedure dang-ky-khai-sinh").
    fn page(
        &self,
        out: &Output,
        path: &str,
        template: &str,
        what: &str,
        mut ctx: Context,
    ) -> Result<()> {
        let depth = path.matches('/').count();
        ctx.insert("root", &"../".repeat(depth));
        self.finish(out, path, template, what, ctx)
    }

    fn finish(
        &self,
        out: &Output,
        path: &str,
        template: &str,
        what: &str,
        mut ctx: Context,
    ) -> Result<()> {
        ctx.insert("site", &self.portal.site);
        ctx.insert("page_path", path.trim_end_matches("index.html"));
        ctx.insert("fields", &self.portal.fields);
        let html = self.tera.render(template, &ctx).map_err(|e| {
            Error::Content(vec![template_diag(
                self.theme,
                template,
                crate::tr!("template-render", what = what, error = error_chain(&e)),
            )])
        })?;
        out.put(path, html.into_bytes())
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
    let parts: [&(dyn Fn() -> Result<()> + Sync); 6] = [
        &|| home(r, out),
        &|| lists(r, out),
        &|| each(&portal.procedures, |p| procedure(r, out, p)),
        &|| each(&portal.units, |u| unit(r, out, u)),
        &|| each(&portal.pages, |page| free_page(r, out, page)),
        &|| not_found(r, out),
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
    let mut ctx = Renderer::ctx(
        &p.name,
        vec![
            crumb("", "Trang chủ"),
            crumb("thu-tuc/", "Thủ tục hành chính"),
        ],
    );
    ctx.insert("p", &ProcedureView::new(portal, p));
    // The print sheet's QR code (shown on paper only): the page's own absolute URL.
    ctx.insert(
        "qr",
        &crate::qr::svg(
            &crate::urls::procedure_url(portal, p),
            crate::qr::Alt::Decorative,
        )?,
    );
    r.page(
        out,
        &format!("thu-tuc/{}/index.html", p.slug),
        "procedure.html",
        &format!("procedure {}", p.slug),
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
    let mut ctx = Renderer::ctx(&u.name, vec![crumb("", "Trang chủ")]);
    ctx.insert("unit", &UnitView::new(portal, u));
    ctx.insert(
        "groups",
        &group_by_field(portal, portal.handled_by(&u.slug)),
    );
    ctx.insert("unit_stats", &stats::unit_block(portal, &u.slug)); // its last 12 months
    r.page(
        out,
        &format!("don-vi/{}/index.html", u.slug),
        "unit.html",
        &format!("unit {}", u.slug),
        ctx,
    )
}

fn free_page(r: &Renderer, out: &Output, page: &crate::model::Page) -> Result<()> {
    let mut ctx = Renderer::ctx(&page.title, vec![crumb("", "Trang chủ")]);
    ctx.insert("page", page);
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
    let mut recent: Vec<_> = portal.active().collect();
    recent.sort_by_key(|p| std::cmp::Reverse(p.updated));
    let recent: Vec<Recent> = recent
        .into_iter()
        .take(8)
        .map(|p| Recent {
            row: ProcedureRow::new(p),
            date: p.updated.vi(),
        })
        .collect();
    ctx.insert("recent", &recent);
    ctx.insert("pages", &portal.pages);
    stats::insert_home(portal, &mut ctx); // the latest month, where visitors land
    r.page(out, "index.html", "home.html", "the home page", ctx)
}

#[derive(Serialize)]
struct Recent {
    row: ProcedureRow,
    date: String,
}

fn lists(r: &Renderer, out: &Output) -> Result<()> {
    let portal = r.portal;
    let all = Renderer::ctx("Danh mục thủ tục hành chính", vec![crumb("", "Trang chủ")]);
    list(
        r,
        out,
        "thu-tuc/index.html",
        all,
        group_by_field(portal, portal.active()),
    )?;
    for (level, path, title) in [
        (
            Level::District,
            "cap-huyen/index.html",
            "Thủ tục hành chính cấp huyện",
        ),
        (
            Level::Commune,
            "cap-xa/index.html",
            "Thủ tục hành chính cấp xã",
        ),
    ] {
        let ctx = Renderer::ctx(title, vec![crumb("", "Trang chủ")]);
        list(
            r,
            out,
            path,
            ctx,
            group_by_field(
                portal,
                portal.active().filter(|p| p.levels.contains(&level)),
            ),
        )?;
    }
    for f in &portal.fields {
        let ctx = Renderer::ctx(
            &format!("Lĩnh vực {}", f.name),
            vec![
                crumb("", "Trang chủ"),
                crumb("thu-tuc/", "Thủ tục hành chính"),
            ],
        );
        let groups = group_by_field(portal, portal.active().filter(|p| p.field == f.slug));
        list(
            r,
            out,
            &format!("linh-vuc/{}/index.html", f.slug),
            ctx,
            groups,
        )?;
    }
    Ok(())
}

fn list(
    r: &Renderer,
    out: &Output,
    path: &str,
    mut ctx: Context,
    groups: Vec<FieldGroup>,
) -> Result<()> {
    let total: usize = groups.iter().map(|g| g.procedures.len()).sum();
    ctx.insert("total", &format_int(total as i64));
    ctx.insert("groups", &groups);
    r.page(out, path, "list.html", &format!("the list {path}"), ctx)
}

fn not_found(r: &Renderer, out: &Output) -> Result<()> {
    let ctx = Renderer::ctx("Không tìm thấy trang", Vec::new());
    let mut ctx = ctx;
    // Served at any depth: absolute links from base_url.
    ctx.insert("root", &format!("{}/", r.portal.site.base_url));
    r.finish(out, "404.html", "404.html", "the 404 page", ctx)
}

/// `sitemap.xml` over every page written so far (alias redirects left out): run it last.
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
    for path in out
        .written()
        .into_keys()
        .filter(|k| k.ends_with("index.html") && !aliases.contains(k))
    {
        let url = format!("{base}/{}", path.trim_end_matches("index.html"));
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(&url)));
    }
    xml.push_str("</urlset>\n");
    out.put("sitemap.xml", xml.into_bytes())
}
