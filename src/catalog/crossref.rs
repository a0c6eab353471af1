//! Checks that need the whole portal: slugs, codes, fields, units, offices, forms,
//! related procedures. Every problem is located in the file that made the reference.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use crate::catalog::procedure::Parsed;
use crate::diag::{Diagnostics, Pos};
use crate::model::{Field, Level, Procedure, Site, Unit, UnitKind};
use crate::text::{collation_key, is_slug};

#[allow(clippy::too_many_arguments)] // each is one table of the portal being cross-checked
pub fn check(
    site: &Site,
    district_pos: Pos,
    fields: &[Field],
    units: &[(PathBuf, Unit)],
    forms: &BTreeMap<String, PathBuf>,
    forms_dir: &Path,
    parsed: &mut [(PathBuf, Parsed)],
    diags: &mut Diagnostics,
) -> Vec<Procedure> {
    let site_path = forms_dir.with_file_name("site.yaml");
    let districts: Vec<&(PathBuf, Unit)> = units
        .iter()
        .filter(|(_, u)| u.kind == UnitKind::District)
        .collect();
    match districts.iter().find(|(_, u)| u.slug == site.district) {
        Some(_) if districts.len() == 1 => {}
        Some(_) => {
            for (path, u) in districts.iter().filter(|(_, u)| u.slug != site.district) {
                diags.at(path, 1, 1, format!("a portal has exactly one district unit, and site.yaml names `{}`, not `{}`", site.district, u.slug));
            }
        }
        None => {
            let known: Vec<&str> = units.iter().map(|(_, u)| u.slug.as_str()).collect();
            diags.pos(
                &site_path,
                district_pos,
                format!(
                    "`district: {}` names no unit of kind district in content/units/ (units: {})",
                    site.district,
                    known.join(", ")
                ),
            );
        }
    }
    let district_offices: BTreeSet<&str> = units
        .iter()
        .find(|(_, u)| u.slug == site.district)
        .map(|(_, u)| u.offices.iter().map(|o| o.slug.as_str()).collect())
        .unwrap_or_default();

    // Slugs and aliases share one namespace: /thu-tuc/<slug>/.
    let mut urls: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut codes: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (path, p) in parsed.iter() {
        let pr = &p.procedure;
        if !is_slug(&pr.slug) {
            diags.at(
                path,
                1,
                1,
                format!(
                    "file name `{}` must be a slug (lowercase ASCII letters, digits, -)",
                    pr.slug
                ),
            );
        }
        match urls.get(&pr.slug) {
            Some(other) => diags.at(
                path,
                1,
                1,
                format!("slug `{}` is already used by {}", pr.slug, other.display()),
            ),
            None => {
                urls.insert(pr.slug.clone(), pr.source.clone());
            }
        }
        if let Some(code) = &pr.code {
            match codes.get(code) {
                Some(other) => diags.pos(
                    path,
                    p.doc().key_pos("code"),
                    format!("code \"{code}\" is already used by {}", other.display()),
                ),
                None => {
                    codes.insert(code.clone(), pr.source.clone());
                }
            }
        }
    }
    for (path, p) in parsed.iter() {
        for alias in &p.procedure.aliases {
            let pos = p.doc().value_pos("aliases", alias);
            if !is_slug(alias) {
                diags.pos(path, pos, format!("alias `{alias}` must be a slug"));
            } else if let Some(other) = urls.get(alias) {
                diags.pos(
                    path,
                    pos,
                    format!("alias `{alias}` is already used by {}", other.display()),
                );
            } else {
                urls.insert(alias.clone(), p.procedure.source.clone());
            }
        }
    }
    let slugs: BTreeSet<String> = parsed
        .iter()
        .map(|(_, p)| p.procedure.slug.clone())
        .collect();

    for (path, p) in parsed.iter_mut() {
        let doc = p.doc();
        let pr = &p.procedure;
        let mut handled_by = Vec::new();
        if !fields.iter().any(|f| f.slug == pr.field) {
            let known: Vec<&str> = fields.iter().map(|f| f.slug.as_str()).collect();
            diags.pos(
                path,
                doc.value_pos("field", &pr.field),
                format!(
                    "unknown field `{}` (fields.yaml lists: {})",
                    pr.field,
                    known.join(", ")
                ),
            );
        }
        if let Some(office) = &pr.office {
            let pos = doc.value_pos("office", office);
            if district_offices.is_empty() && !units.iter().any(|(_, u)| u.slug == site.district) {
                // The missing district unit is reported once, in site.yaml.
            } else if !pr.levels.contains(&Level::District) {
                diags.pos(
                    path,
                    pos,
                    "`office` is only for a procedure handled at the district level",
                );
            } else if !district_offices.contains(office.as_str()) {
                let known: Vec<&str> = district_offices.iter().copied().collect();
                diags.pos(
                    path,
                    pos,
                    format!(
                        "unknown office `{office}` (the district unit lists: {})",
                        known.join(", ")
                    ),
                );
            }
        }
        match &pr.units {
            Some(list) => {
                for slug in list {
                    let pos = doc.value_pos("units", slug);
                    match units.iter().find(|(_, u)| &u.slug == slug) {
                        None => diags.pos(path, pos, format!("unknown unit `{slug}`")),
                        Some((_, u)) if !pr.levels.contains(&u.kind.level()) => diags.pos(
                            path,
                            pos,
                            format!(
                                "unit `{slug}` is {}-level but the procedure's level is {}",
                                level_word(u.kind.level()),
                                levels_word(&pr.levels)
                            ),
                        ),
                        Some(_) => handled_by.push(slug.clone()),
                    }
                }
            }
            None => {
                handled_by = units
                    .iter()
                    .filter(|(_, u)| pr.levels.contains(&u.kind.level()))
                    .map(|(_, u)| u.slug.clone())
                    .collect();
            }
        }
        for (i, item) in pr.dossier.items.iter().enumerate() {
            let Some(form) = &item.form else { continue };
            let nth = pr.dossier.items[..i]
                .iter()
                .filter(|it| it.form.is_some())
                .count();
            let pos = doc.nth_value_pos("form", nth, form);
            if let Some(msg) = form_problem(form, forms, forms_dir) {
                diags.pos(path, pos, msg);
            }
        }
        for (key, list) in [("related", &pr.related), ("replaced_by", &pr.replaced_by)] {
            for slug in list {
                if !slugs.contains(slug) {
                    diags.pos(
                        path,
                        doc.value_pos(key, slug),
                        format!("`{key}` names `{slug}`, which is no procedure's slug"),
                    );
                } else if slug == &pr.slug {
                    diags.pos(
                        path,
                        doc.value_pos(key, slug),
                        format!("`{key}` names the procedure itself"),
                    );
                }
            }
        }
        p.procedure.handled_by = handled_by;
    }
    if !diags.is_empty() {
        return Vec::new();
    }
    let order: BTreeMap<&str, usize> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.slug.as_str(), i))
        .collect();
    let mut procedures: Vec<Procedure> = parsed.iter().map(|(_, p)| p.procedure.clone()).collect();
    procedures.sort_by_cached_key(|p| {
        (
            order.get(p.field.as_str()).copied(),
            collation_key(&p.name),
            p.code.clone(),
            p.slug.clone(),
        )
    });
    procedures
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::District => "district",
        Level::Commune => "commune",
    }
}

fn levels_word(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| level_word(*l))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// A form path must stay inside `content/forms/`: no absolute path, no `..`, no symlink
/// pointing out, and the file must exist.
fn form_problem(form: &str, forms: &BTreeMap<String, PathBuf>, forms_dir: &Path) -> Option<String> {
    let path = Path::new(form);
    if path.is_absolute() || form.starts_with('/') || form.starts_with('\\') {
        return Some(format!(
            "form `{form}` must be a path inside content/forms/, not an absolute path"
        ));
    }
    if path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
        || form.contains('\\')
    {
        return Some(format!(
            "form `{form}` must be a path inside content/forms/ without `..` or `.`"
        ));
    }
    let Some(file) = forms.get(form) else {
        return Some(format!("form `{form}` does not exist in content/forms/"));
    };
    let inside = match (file.canonicalize(), forms_dir.canonicalize()) {
        (Ok(f), Ok(d)) => f.starts_with(d),
        _ => false,
    };
    (!inside).then(|| format!("form `{form}` is a link that points outside content/forms/"))
}
