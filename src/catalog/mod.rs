//! Reading a portal's `content/`: the only code that touches its files.
//!
//! Loading never stops at the first problem: every file is read and checked, every
//! cross-reference resolved, and all diagnostics come back together, sorted.

mod crossref;
mod csv_file;
mod procedure;
mod raw;
pub mod source;
pub mod statistics;
pub mod timeliness;
pub mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostics, Pos};
use crate::error::{Error, Result};
use crate::markdown;
use crate::model::{Contact, Field, Office, Page, Portal, Procedure, Reception, Site, Unit};
use crate::text::{collation_key, is_slug};
use procedure::Parsed;
use yaml::Doc;

pub use procedure::{NOTES, REQUIREMENTS, STEPS};

/// What the fuzz targets learn from one run of the procedure parser.
#[doc(hidden)]
pub struct FuzzOutcome {
    /// How many diagnostics were recorded.
    pub diagnostics: usize,
    /// Whether the file was accepted (no diagnostic) with a stray control character in one of
    /// its values: that character would reach the HTML, so this must never be true.
    pub accepted_control_character: bool,
}

/// Entry point for the fuzz targets (`fuzz/`, cargo-fuzz) only: runs the whole one-file
/// procedure parser (source decoding, front matter, YAML, keys, Markdown sections, checks) on
/// `bytes`. It must never panic, whatever the input.
#[doc(hidden)]
pub fn parse_procedure_for_fuzz(bytes: &[u8]) -> FuzzOutcome {
    let path = Path::new("content/procedures/fuzz.md");
    let mut diags = Diagnostics::new(Path::new(""));
    let mut accepted = None;
    match source::decode(bytes) {
        Ok(text) => accepted = procedure::parse(path, path, &text, &mut diags),
        Err(pos) => diags.pos(path, pos, "not UTF-8"),
    }
    let accepted_control_character = diags.is_empty()
        && accepted.is_some_and(|p| {
            let p = p.procedure;
            let mut values = vec![&p.name, &p.agency, &p.result, &p.processing_time.text];
            values.extend(&p.subjects);
            values.extend(&p.legal_basis);
            values.extend(&p.keywords);
            values.extend(p.sources.iter().map(|s| &s.title));
            values.extend(p.dossier.items.iter().map(|i| &i.name));
            values.extend(p.fees.iter().map(|f| &f.name));
            values
                .iter()
                .any(|v| v.chars().any(crate::text::is_stray_control))
        });
    FuzzOutcome {
        diagnostics: diags.len(),
        accepted_control_character,
    }
}

/// URL sections of the site: a free page may not take one of these slugs.
pub const RESERVED_SLUGS: &[&str] = &[
    "thu-tuc",
    "cap-huyen",
    "cap-xa",
    "linh-vuc",
    "don-vi",
    "niem-yet",
    "thong-ke",
    "tim-kiem",
    "du-lieu",
    "bieu-mau",
];

/// Loads and validates the portal under `root` (the folder holding `content/`).
/// The fields of a portal alone (for `congkhai new`, which must not depend on the rest of
/// the content being valid).
pub fn load_fields_only(root: &Path) -> Result<Vec<crate::model::Field>> {
    let mut diags = Diagnostics::new(root);
    let fields = load_fields(&root.join("content/fields.yaml"), &mut diags)?;
    match fields {
        Some(fields) if diags.is_empty() => Ok(fields),
        _ => Err(Error::Content(diags.into_sorted())),
    }
}

/// What `serve` keeps of each procedure file between builds: the file's text (by hash) and
/// what reading it gave, problems included. A file saved unchanged is not parsed again, and
/// one whose stamp (size, times, inode) is settled and unchanged is not even read (a
/// province's ten thousand files took most of a rebuild's loading); the checks across files
/// (slugs, codes, links) always run on the whole catalog.
#[derive(Default)]
pub struct ParseCache(
    std::sync::Mutex<HashMap<PathBuf, ParsedFile>>,
    statistics::Kept,
);

/// What is kept of one file.
struct ParsedFile {
    /// Its settled stamp when read (see [`source::Stamp::settled`]).
    stamp: Option<source::Stamp>,
    /// The hash of its bytes.
    key: u64,
    /// What reading it gave.
    read: std::sync::Arc<(Diagnostics, Option<Parsed>)>,
    /// The procedure the last build made of it, handed back after the build (see
    /// [`ParseCache::give_back`]): the next load moves it into the portal instead of copying
    /// the parse again.
    built: Option<Procedure>,
}

impl ParseCache {
    /// The hash of each file's bytes as last read, by its path relative to `root` (what a
    /// procedure's `source` holds): after a load, that of every procedure of the portal.
    pub fn texts(&self, root: &Path) -> HashMap<PathBuf, u64> {
        self.0
            .lock()
            .expect("no panic under the lock")
            .iter()
            .map(|(path, kept)| {
                (
                    path.strip_prefix(root).unwrap_or(path).to_path_buf(),
                    kept.key,
                )
            })
            .collect()
    }

    /// Takes back the procedures of a finished build of the portal at `root` (loaded through
    /// this cache), for the next load: copying ten thousand parsed procedures, and dropping
    /// the last build's, cost more than the rest of loading them. A procedure differs from
    /// its parse only by what the cross-checks set again on every load (`handled_by`).
    pub fn give_back(&self, root: &Path, procedures: Vec<Procedure>) {
        let mut files = self.0.lock().expect("no panic under the lock");
        for p in procedures {
            if let Some(kept) = files.get_mut(&root.join(&p.source)) {
                kept.built = Some(p);
            }
        }
    }
}

/// Reads and validates the portal at `root`.
pub fn load(root: &Path) -> Result<Portal> {
    load_with(root, None)
}

/// [`load`], reusing what `cache` remembers of files whose text has not changed.
pub fn load_with(root: &Path, cache: Option<&ParseCache>) -> Result<Portal> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::io(&content, crate::tr!("no-content-folder")));
    }
    let t = std::time::Instant::now();
    let lap = |what: &str| {
        if std::env::var_os("CONGKHAI_TIMINGS").is_some() {
            eprintln!("  load, {what}: {} ms", t.elapsed().as_millis());
        }
    };
    let mut diags = Diagnostics::new(root);
    let site = load_site(&content.join("site.yaml"), &mut diags)?;
    let fields = load_fields(&content.join("fields.yaml"), &mut diags)?;
    let units = load_units(&content.join("units"), &mut diags)?;
    let forms = load_forms(&content.join("forms"))?;
    let pages = load_pages(&content.join("pages"), &mut diags)?;
    lap("units, pages");
    // The monthly reports (a province's are thousands of files, read one after another) are
    // read while the procedures are: neither needs the other.
    let mut stats_diags = Diagnostics::new(root);
    let read_reports = || {
        let reports = statistics::load(
            &content.join("statistics"),
            &units,
            fields.as_deref(),
            &mut stats_diags,
            cache.map(|c| &c.1),
        );
        lap("statistics");
        reports
    };
    let (reports, each) = rayon::join(read_reports, || read_procedures(root, &content, cache));
    diags.absorb(stats_diags);
    let reports = reports?;
    let each = each?;
    // Sized once: a procedure is about a kilobyte inline, and growing the vector by doubling
    // copied the whole catalog several times over, on one thread.
    let mut parsed = Vec::with_capacity(each.len());
    for r in each {
        let (own, p) = r?;
        diags.absorb(own);
        parsed.extend(p);
    }
    lap("procedures read");
    let (Some((site, district_pos)), Some(fields)) = (site, fields) else {
        return Err(Error::Content(diags.into_sorted()));
    };
    let procedures = crossref::check(
        &site,
        district_pos,
        &fields,
        &units,
        &forms,
        &content.join("forms"),
        parsed,
        &mut diags,
    );
    lap("cross-references");
    let mut units: Vec<Unit> = units.into_iter().map(|(_, u)| u).collect();
    units.sort_by_cached_key(|u| (u.kind.level(), collation_key(&u.name), u.slug.clone()));
    let timeliness = timeliness::load(
        &content.join("statistics").join(timeliness::FOLDER),
        &procedures,
        diags.is_empty(),
        &units,
        &reports,
        &mut diags,
    )?;
    if !diags.is_empty() {
        return Err(Error::Content(diags.into_sorted()));
    }
    let warnings = diags.take_warnings();
    let mut portal = Portal {
        site,
        fields,
        units,
        procedures,
        pages,
        forms,
        reports,
        timeliness,
        warnings,
        handled: Default::default(),
        slugs: Default::default(),
    };
    portal.index();
    Ok(portal)
}

/// One file's problems and, when it could be read, its procedure.
type ReadProcedure = Result<(Diagnostics, Option<(PathBuf, Parsed)>)>;

/// Reads and parses every procedure file. Each file is read and parsed on its own (in
/// parallel: a province has thousands), its problems kept apart and returned in file order,
/// so the report is the same as one read after another.
fn read_procedures(
    root: &Path,
    content: &Path,
    cache: Option<&ParseCache>,
) -> Result<Vec<ReadProcedure>> {
    use rayon::prelude::*;
    let files = source::walk(&content.join("procedures"), ".md")?;
    // Read ahead only when the files are new to this process: on `serve`'s later loads they
    // were read a moment ago (and most are not read at all), and eight threads opening ten
    // thousand files only took the cores from the rebuild.
    let remembered =
        cache.is_some_and(|c| !c.0.lock().expect("no panic under the lock").is_empty());
    let ahead = (!remembered).then(|| source::ReadAhead::start(&files));
    let each: Vec<ReadProcedure> = files
        .into_par_iter()
        .map(|path| {
            let mut own = Diagnostics::new(root);
            let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
            // Taken before the bytes are read: a write after it changes the stamp.
            let stamp = cache.map(|_| source::Stamp::of(&meta));
            let settled = stamp.filter(|s| s.settled(std::time::SystemTime::now()));
            let remembered = |matches: &dyn Fn(&ParsedFile) -> bool| {
                // Only the handles are taken under the lock; a copy is made outside it.
                let cache = cache?;
                let mut files = cache.0.lock().expect("no panic under the lock");
                let kept = files.get_mut(&path).filter(|kept| matches(kept))?;
                kept.stamp = settled;
                Some((std::sync::Arc::clone(&kept.read), kept.built.take()))
            };
            let reuse = |(read, built): (
                std::sync::Arc<(Diagnostics, Option<Parsed>)>,
                Option<Procedure>,
            )| {
                let (diags, parsed) = &*read;
                let parsed = parsed.as_ref().map(|p| match built {
                    Some(procedure) => Parsed {
                        procedure,
                        yaml_text: p.yaml_text.clone(),
                        yaml_line_offset: p.yaml_line_offset,
                        name_key: p.name_key.clone(),
                    },
                    None => p.clone(),
                });
                Ok((diags.clone(), parsed.map(|p| (path.clone(), p))))
            };
            // The same settled stamp: the same bytes, not read again.
            if let Some(kept) = settled.and_then(|s| remembered(&|k| k.stamp == Some(s))) {
                return reuse(kept);
            }
            let Some(bytes) = source::read_bytes_of(&path, &meta, &mut own)? else {
                return Ok((own, None));
            };
            // Keyed on the bytes as read: an unchanged file is neither decoded nor parsed.
            let key = cache.map(|_| {
                // In memory only, for this process: std's hasher, faster than FNV on whole files.
                let mut h = std::hash::DefaultHasher::new();
                std::hash::Hasher::write(&mut h, &bytes);
                std::hash::Hasher::finish(&h)
            });
            if let Some(kept) = key.and_then(|key| remembered(&|k| k.key == key)) {
                return reuse(kept);
            }
            let Some(text) = source::decode_or_report(&path, &bytes, &mut own) else {
                return Ok((own, None));
            };
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let p = procedure::parse(&path, &rel, &text, &mut own);
            if let (Some(cache), Some(key)) = (cache, key) {
                cache.0.lock().expect("no panic under the lock").insert(
                    path.clone(),
                    ParsedFile {
                        stamp: settled,
                        key,
                        read: std::sync::Arc::new((own.clone(), p.clone())),
                        built: None,
                    },
                );
            }
            Ok((own, p.map(|p| (path, p))))
        })
        .collect();
    drop(ahead);
    Ok(each)
}

fn load_doc<T: serde::de::DeserializeOwned>(
    path: &Path,
    required: &[&str],
    optional: &[&str],
    diags: &mut Diagnostics,
) -> Result<Option<(T, String)>> {
    if !path.is_file() {
        diags.at(path, 1, 1, crate::tr!("file-missing"));
        return Ok(None);
    }
    let Some(text) = source::read_text(path, diags)? else {
        return Ok(None);
    };
    let doc = Doc::whole(&text);
    let value = match doc.value() {
        Ok(v) => v,
        Err((pos, msg)) => {
            diags.pos(path, pos, msg);
            return Ok(None);
        }
    };
    for (pos, msg) in yaml::check_text_values(&doc, &value) {
        diags.pos(path, pos, msg);
    }
    for (pos, msg) in yaml::placeholders(&doc, &value) {
        diags.warn(path, pos, msg);
    }
    if !required.is_empty() {
        let problems = yaml::check_keys(&doc, &value, required, optional);
        if !problems.is_empty() {
            for (pos, msg) in problems {
                diags.pos(path, pos, msg);
            }
            return Ok(None);
        }
    }
    match doc.parse_value::<T>(value) {
        Ok(t) => Ok(Some((t, text))),
        Err(problems) => {
            for (pos, msg) in problems {
                diags.pos(path, pos, msg);
            }
            Ok(None)
        }
    }
}

fn load_site(path: &Path, diags: &mut Diagnostics) -> Result<Option<(Site, Pos)>> {
    let Some((raw, text)) =
        load_doc::<raw::RawSite>(path, raw::SITE_REQUIRED, raw::SITE_OPTIONAL, diags)?
    else {
        return Ok(None);
    };
    let doc = Doc::whole(&text);
    procedure::check_url(
        path,
        doc.value_pos("base_url", &raw.base_url),
        "base_url",
        &raw.base_url,
        diags,
    );
    if let Some(url) = &raw.online_portal {
        procedure::check_url(
            path,
            doc.value_pos("online_portal", url),
            "online_portal",
            url,
            diags,
        );
    }
    let theme = raw.theme.unwrap_or_else(|| "default".to_string());
    if !is_slug(&theme) {
        diags.pos(
            path,
            doc.key_pos("theme"),
            crate::tr!("theme-not-slug", theme = theme),
        );
    }
    let f = raw.feedback;
    let district_pos = doc.value_pos("district", &raw.district);
    Ok(Some((
        Site {
            title: raw.title,
            district: raw.district,
            province: raw.province,
            base_url: raw.base_url.trim().trim_end_matches('/').to_string(),
            theme,
            feedback: Contact {
                agency: f.agency,
                address: f.address,
                phone: f.phone,
                email: f.email,
            },
            online_portal: raw.online_portal,
            sample: raw.sample,
        },
        district_pos,
    )))
}

fn load_fields(path: &Path, diags: &mut Diagnostics) -> Result<Option<Vec<Field>>> {
    let Some((raw, text)) = load_doc::<Vec<raw::RawField>>(path, &[], &[], diags)? else {
        return Ok(None);
    };
    let doc = Doc::whole(&text);
    let mut fields: Vec<Field> = Vec::new();
    for (i, f) in raw.into_iter().enumerate() {
        let pos = doc.nth_value_pos("slug", i, &f.slug);
        if !is_slug(&f.slug) {
            diags.pos(path, pos, crate::tr!("field-not-slug", slug = f.slug));
        }
        if fields.iter().any(|g| g.slug == f.slug) {
            diags.pos(path, pos, crate::tr!("field-twice", slug = f.slug));
        }
        fields.push(Field {
            slug: f.slug,
            name: f.name,
        });
    }
    if fields.is_empty() {
        diags.at(path, 1, 1, crate::tr!("no-fields"));
    }
    Ok(Some(fields))
}

fn load_units(dir: &Path, diags: &mut Diagnostics) -> Result<Vec<(PathBuf, Unit)>> {
    let mut units = Vec::new();
    for path in source::walk(dir, ".yaml")? {
        let slug = source::stem(&path);
        if !is_slug(&slug) {
            diags.at(&path, 1, 1, crate::tr!("unit-file-not-slug", slug = slug));
        }
        let Some((raw, text)) =
            load_doc::<raw::RawUnit>(&path, raw::UNIT_REQUIRED, raw::UNIT_OPTIONAL, diags)?
        else {
            continue;
        };
        let doc = Doc::whole(&text);
        if raw.kind != crate::model::UnitKind::District && !raw.offices.is_empty() {
            diags.pos(
                &path,
                doc.key_pos("offices"),
                crate::tr!("offices-district-only"),
            );
        }
        let mut offices: Vec<Office> = Vec::new();
        for (i, o) in raw.offices.into_iter().enumerate() {
            if !is_slug(&o.slug) || offices.iter().any(|p| p.slug == o.slug) {
                diags.pos(
                    &path,
                    doc.nth_value_pos("slug", i, &o.slug),
                    crate::tr!("office-slug-bad", slug = o.slug),
                );
            }
            offices.push(Office {
                slug: o.slug,
                name: o.name,
            });
        }
        let r = raw.reception;
        let reception = Reception {
            name: r.name,
            address: r.address,
            phone: r.phone,
            email: r.email,
            hours: r.hours,
        };
        units.push((
            path,
            Unit {
                slug,
                name: raw.name,
                kind: raw.kind,
                reception,
                offices,
            },
        ));
    }
    Ok(units)
}

fn load_forms(dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
    let mut forms = BTreeMap::new();
    for path in source::walk(dir, "")? {
        let rel = path.strip_prefix(dir).unwrap_or(&path);
        let key = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        forms.insert(key, path);
    }
    Ok(forms)
}

fn load_pages(dir: &Path, diags: &mut Diagnostics) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    for path in source::walk(dir, ".md")? {
        if path.parent() != Some(dir) {
            diags.at(&path, 1, 1, crate::tr!("page-subfolder"));
            continue;
        }
        let slug = source::stem(&path);
        if !is_slug(&slug) {
            diags.at(&path, 1, 1, crate::tr!("page-not-slug", slug = slug));
        } else if RESERVED_SLUGS.contains(&slug.as_str()) {
            diags.at(&path, 1, 1, crate::tr!("page-reserved", slug = slug));
        }
        let Some(text) = source::read_text(&path, diags)? else {
            continue;
        };
        let fm = match yaml::split_front_matter(&text) {
            Ok(fm) => fm,
            Err((pos, msg)) => {
                diags.pos(&path, pos, msg);
                continue;
            }
        };
        crate::catalog::procedure::check_body_controls(&path, fm.body, fm.body_line_offset, diags);
        let parsed = fm.yaml.value().and_then(|v| {
            for (pos, msg) in yaml::check_text_values(&fm.yaml, &v) {
                diags.pos(&path, pos, msg);
            }
            let problems = yaml::check_keys(&fm.yaml, &v, &["title"], &["description"]);
            match problems.into_iter().next() {
                Some(p) => Err(p),
                None => fm.yaml.parse::<raw::RawPage>(),
            }
        });
        for offset in markdown::images_without_alt(fm.body) {
            let pos = Pos::of_offset(fm.body, offset);
            diags.pos(
                &path,
                Pos::new(pos.line + fm.body_line_offset, pos.column),
                markdown::image_without_alt(),
            );
        }
        match parsed {
            Ok(raw) => pages.push(Page {
                slug,
                title: raw.title,
                description: raw.description,
                html: markdown::to_html(fm.body),
            }),
            Err((pos, msg)) => diags.pos(&path, pos, msg),
        }
    }
    Ok(pages)
}

/// A free page may not take the name of a theme's static folder or file (`/assets/`).
pub fn check_page_slugs(root: &Path, portal: &Portal, static_roots: &[String]) -> Result<()> {
    let mut diags = Diagnostics::new(root);
    for page in portal
        .pages
        .iter()
        .filter(|p| static_roots.contains(&p.slug))
    {
        let path = root
            .join("content")
            .join("pages")
            .join(format!("{}.md", page.slug));
        diags.at(&path, 1, 1, crate::tr!("page-static", slug = page.slug));
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::Content(diags.into_sorted()))
    }
}
