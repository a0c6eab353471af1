//! Checks that need the whole portal: slugs, codes, fields, units, offices, forms,
//! related procedures. Every problem is located in the file that made the reference.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::catalog::procedure::Parsed;
use crate::diag::{Diagnostics, Pos};
use crate::model::{Field, Level, Procedure, Site, Unit, UnitKind};
use crate::text::is_slug;

#[allow(clippy::too_many_arguments)] // each is one table of the portal being cross-checked
pub fn check(
    site: &Site,
    district_pos: Pos,
    fields: &[Field],
    units: &[(PathBuf, Unit)],
    forms: &BTreeMap<String, PathBuf>,
    forms_dir: &Path,
    mut parsed: Vec<(PathBuf, Parsed)>,
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
                diags.at(
                    path,
                    1,
                    1,
                    crate::tr!("one-district", named = site.district, other = u.slug),
                );
            }
        }
        None => {
            let known: Vec<&str> = units.iter().map(|(_, u)| u.slug.as_str()).collect();
            diags.pos(
                &site_path,
                district_pos,
                crate::tr!(
                    "district-not-found",
                    district = site.district,
                    known = known.join(", ")
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
    // Hash maps: only looked up, never listed, so their order cannot reach the output.
    let mut urls: HashMap<&str, &Path> = HashMap::with_capacity(parsed.len());
    let mut codes: HashMap<&str, &Path> = HashMap::with_capacity(parsed.len());
    for (path, p) in parsed.iter() {
        let pr = &p.procedure;
        if !is_slug(&pr.slug) {
            diags.at(path, 1, 1, crate::tr!("file-not-slug", slug = pr.slug));
        }
        match urls.get(pr.slug.as_str()) {
            Some(other) => diags.at(
                path,
                1,
                1,
                crate::tr!("slug-taken", slug = pr.slug, other = other.display()),
            ),
            None => {
                urls.insert(&pr.slug, &pr.source);
            }
        }
        if let Some(code) = &pr.code {
            match codes.get(code.as_str()) {
                Some(other) => diags.pos(
                    path,
                    p.doc().key_pos("code"),
                    crate::tr!("code-taken", code = code, other = other.display()),
                ),
                None => {
                    codes.insert(code, &pr.source);
                }
            }
        }
    }
    for (path, p) in parsed.iter() {
        for alias in &p.procedure.aliases {
            let pos = p.doc().value_pos("aliases", alias);
            if !is_slug(alias) {
                diags.pos(path, pos, crate::tr!("alias-not-slug", alias = alias));
            } else if let Some(other) = urls.get(alias.as_str()) {
                diags.pos(
                    path,
                    pos,
                    crate::tr!("alias-taken", alias = alias, other = other.display()),
                );
            } else {
                urls.insert(alias, &p.procedure.source);
            }
        }
    }
    let slugs: HashSet<String> = parsed
        .iter()
        .map(|(_, p)| p.procedure.slug.clone())
        .collect();

    let unit_by_slug: std::collections::HashMap<&str, &Unit> =
        units.iter().map(|(_, u)| (u.slug.as_str(), u)).collect();
    for (path, p) in parsed.iter_mut() {
        let doc = p.doc();
        let pr = &p.procedure;
        let mut handled_by = Vec::new();
        if !fields.iter().any(|f| f.slug == pr.field) {
            let known: Vec<&str> = fields.iter().map(|f| f.slug.as_str()).collect();
            diags.pos(
                path,
                doc.value_pos("field", &pr.field),
                crate::tr!("unknown-field", field = pr.field, known = known.join(", ")),
            );
        }
        // Positions are looked up in the text only for a problem to report.
        if let Some(office) = &pr.office {
            let pos = || doc.value_pos("office", office);
            if district_offices.is_empty() && !units.iter().any(|(_, u)| u.slug == site.district) {
                // The missing district unit is reported once, in site.yaml.
            } else if !pr.levels.contains(&Level::District) {
                diags.pos(path, pos(), crate::tr!("office-not-district"));
            } else if !district_offices.contains(office.as_str()) {
                let known: Vec<&str> = district_offices.iter().copied().collect();
                diags.pos(
                    path,
                    pos(),
                    crate::tr!("unknown-office", office = office, known = known.join(", ")),
                );
            }
        }
        match &pr.units {
            Some(list) => {
                for slug in list {
                    let pos = || doc.value_pos("units", slug);
                    match unit_by_slug.get(slug.as_str()) {
                        None => {
                            diags.pos(path, pos(), crate::tr!("unknown-unit-slug", slug = slug))
                        }
                        Some(u) if !pr.levels.contains(&u.kind.level()) => diags.pos(
                            path,
                            pos(),
                            crate::tr!(
                                "unit-wrong-level",
                                slug = slug,
                                unit_level = level_word(u.kind.level()),
                                levels = levels_word(&pr.levels)
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
                        crate::tr!("names-no-slug", key = key, slug = slug),
                    );
                } else if slug == &pr.slug {
                    diags.pos(
                        path,
                        doc.value_pos(key, slug),
                        crate::tr!("names-itself", key = key),
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
    // Each field's place looked up once per procedure, not twice per comparison; slugs are
    // unique (checked above), so the order is total and an unstable sort gives the same.
    // The positions are sorted, then the procedures put in place once: moving kilobyte-sized
    // values at every step of the sort cost more than the comparisons at 100.000 procedures.
    let mut keys = Vec::with_capacity(parsed.len());
    let mut procedures: Vec<Procedure> = parsed
        .into_iter()
        .map(|(_, p)| {
            keys.push((order.get(p.procedure.field.as_str()).copied(), p.name_key));
            p.procedure
        })
        .collect();
    let mut at: Vec<usize> = (0..procedures.len()).collect();
    at.sort_unstable_by(|&a, &b| {
        let (pa, pb) = (&procedures[a], &procedures[b]);
        (&keys[a].0, &keys[a].1, &pa.code, &pa.slug)
            .cmp(&(&keys[b].0, &keys[b].1, &pb.code, &pb.slug))
    });
    permute(&mut procedures, &at);
    procedures
}

/// Puts `items[at[k]]` at position `k` for every `k`, in place: each item moves once along
/// its cycle (a sorted copy of the whole catalog was a fresh 100 MB at 100.000 procedures).
fn permute<T>(items: &mut [T], at: &[usize]) {
    let mut done = vec![false; items.len()];
    for start in 0..items.len() {
        let mut here = start;
        while !done[here] {
            done[here] = true;
            let from = at[here];
            if from == start {
                break;
            }
            items.swap(here, from);
            here = from;
        }
    }
}

fn level_word(level: Level) -> String {
    match level {
        Level::District => crate::tr!("level-district"),
        Level::Commune => crate::tr!("level-commune"),
    }
}

fn levels_word(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| level_word(*l))
        .collect::<Vec<_>>()
        .join(&format!(" {} ", crate::tr!("and")))
}

/// A form path must stay inside `content/forms/`: no absolute path, no `..`, no symlink
/// pointing out, and the file must exist.
fn form_problem(form: &str, forms: &BTreeMap<String, PathBuf>, forms_dir: &Path) -> Option<String> {
    let path = Path::new(form);
    if path.is_absolute() || form.starts_with('/') || form.starts_with('\\') {
        return Some(crate::tr!("form-absolute", form = form));
    }
    if path
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
        || form.contains('\\')
    {
        return Some(crate::tr!("form-dots", form = form));
    }
    let Some(file) = forms.get(form) else {
        return Some(crate::tr!("form-missing", form = form));
    };
    let inside = match (file.canonicalize(), forms_dir.canonicalize()) {
        (Ok(f), Ok(d)) => f.starts_with(d),
        _ => false,
    };
    (!inside).then(|| crate::tr!("form-outside", form = form))
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        // Cycles of several lengths and a fixed point.
        let at = [3, 0, 4, 1, 2, 5, 7, 6];
        let mut items: Vec<char> = "abcdefgh".chars().collect();
        permute(&mut items, &at);
        let want: Vec<char> = at
            .iter()
            .map(|&i| "abcdefgh".as_bytes()[i] as char)
            .collect();
        assert_eq!(items, want);
    }
}
