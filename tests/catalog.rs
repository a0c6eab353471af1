//! The bundled Yên Lập catalog (`content/`): its shape, asserted from the files themselves.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use congkhai::model::{Level, Portal};

use crate::common::{build, read};

fn portal() -> Portal {
    congkhai::catalog::load(Path::new(env!("CARGO_MANIFEST_DIR")))
        .expect("the bundled catalog passes check")
}

#[test]
fn counts_by_level_and_field() {
    let p = portal();
    let active: Vec<_> = p.active().collect();
    let at = |level| active.iter().filter(|x| x.levels.contains(&level)).count();
    assert!(
        at(Level::District) >= 210,
        "district-level procedures: {}",
        at(Level::District)
    );
    assert!(
        at(Level::Commune) >= 100,
        "commune-level procedures: {}",
        at(Level::Commune)
    );
    assert!(active.len() >= 275, "procedures: {}", active.len());
    let mut by_field: BTreeMap<&str, usize> = BTreeMap::new();
    for x in &active {
        *by_field.entry(x.field.as_str()).or_default() += 1;
    }
    assert!(by_field.len() >= 15, "fields with procedures: {by_field:?}");
    for field in [
        "ho-tich",
        "chung-thuc",
        "dat-dai",
        "moi-truong",
        "xay-dung",
        "ho-kinh-doanh",
        "bao-tro-xa-hoi",
        "nguoi-co-cong",
        "giao-duc-dao-tao",
        "van-hoa",
        "y-te",
        "tin-nguong-ton-giao",
        "thi-dua-khen-thuong",
        "khieu-nai",
        "to-cao",
        "nong-nghiep",
        "luu-thong-hang-hoa",
        "hoa-giai-co-so",
        "nuoi-con-nuoi",
    ] {
        assert!(
            by_field.get(field).copied().unwrap_or(0) >= 1,
            "no procedure in field {field}"
        );
    }
    for f in &p.fields {
        assert!(
            by_field.contains_key(f.slug.as_str()),
            "field {} has no procedure",
            f.slug
        );
    }
}

#[test]
fn every_unit_of_2020_is_present() {
    let p = portal();
    let names: BTreeSet<&str> = p.units.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(p.district().slug, "yen-lap");
    let communes = [
        "Mỹ Lung",
        "Mỹ Lương",
        "Lương Sơn",
        "Xuân An",
        "Xuân Viên",
        "Xuân Thủy",
        "Hưng Long",
        "Thượng Long",
        "Nga Hoàng",
        "Trung Sơn",
        "Đồng Thịnh",
        "Phúc Khánh",
        "Ngọc Lập",
        "Ngọc Đồng",
        "Minh Hòa",
        "Đồng Lạc",
    ];
    for c in communes {
        assert!(
            names.contains(format!("Xã {c}").as_str()),
            "Xã {c} is missing: {names:?}"
        );
    }
    assert!(names.contains("Thị trấn Yên Lập"));
    assert_eq!(p.units.len(), 18, "the district, 16 communes and the town");
}

#[test]
fn every_commune_level_procedure_is_reachable_from_every_commune_page() {
    let p = portal();
    let out = tempfile::tempdir().unwrap();
    build(Path::new(env!("CARGO_MANIFEST_DIR")), out.path());
    for unit in p.units.iter().filter(|u| u.kind.level() == Level::Commune) {
        let page = read(out.path(), &format!("don-vi/{}/index.html", unit.slug));
        for x in p.active().filter(|x| x.levels.contains(&Level::Commune)) {
            let handles = x
                .units
                .as_ref()
                .is_none_or(|list| list.contains(&unit.slug));
            let linked = page.contains(&format!("href=\"../../thu-tuc/{}/\"", x.slug));
            assert_eq!(linked, handles, "{} on the page of {}", x.slug, unit.slug);
        }
    }
}

#[test]
fn the_published_q1_2020_totals_are_told_apart_from_the_illustrative_figures() {
    let out = tempfile::tempdir().unwrap();
    build(Path::new(env!("CARGO_MANIFEST_DIR")), out.path());
    // The portal's own theme (themes/yen-lap, over the default) says which figures are real.
    let q1 = read(out.path(), "thong-ke/2020/quy-1/index.html");
    assert!(q1.contains(
        "minh họa, trừ tổng số của toàn huyện Quý I/2020 (7.599 hồ sơ đã giải quyết, \
         không có hồ sơ quá hạn) là số liệu đã được công bố"
    ));
    assert!(q1.contains("<strong class=\"hl-value\">7.599</strong>"));
    let data = read(out.path(), "du-lieu/index.html");
    assert!(data.contains("minh họa, trừ tổng số của toàn huyện Quý I/2020."));
}

#[test]
fn no_required_component_is_empty_and_codes_are_unique() {
    let p = portal();
    let mut codes = BTreeSet::new();
    for x in &p.procedures {
        if let Some(code) = &x.code {
            assert!(codes.insert(code.as_str()), "code {code} twice");
        }
        let id = &x.slug;
        for (what, value) in [
            ("name", &x.name),
            ("agency", &x.agency),
            ("result", &x.result),
            ("time", &x.processing_time.text),
        ] {
            assert!(!value.trim().is_empty(), "{id}: empty {what}");
        }
        assert!(!x.body.steps.text.trim().is_empty(), "{id}: no steps");
        assert!(
            !x.subjects.is_empty() && x.subjects.iter().all(|s| !s.trim().is_empty()),
            "{id}: subjects"
        );
        assert!(
            !x.legal_basis.is_empty() && x.legal_basis.iter().all(|s| !s.trim().is_empty()),
            "{id}: legal basis"
        );
        assert!(
            !x.dossier.items.is_empty()
                && x.dossier.items.iter().all(|i| !i.name.trim().is_empty()),
            "{id}: dossier"
        );
        assert!(!x.channels.is_empty(), "{id}: channels");
        assert!(
            x.fees.iter().all(|f| !f.name.trim().is_empty()),
            "{id}: a fee without a name"
        );
        assert!(!x.keywords.is_empty(), "{id}: no keywords for search");
        assert!(
            !x.sources.is_empty() && x.sources.iter().all(|s| !s.title.trim().is_empty()),
            "{id}: no sources"
        );
        // The catalog describes the rules in force on 30/06/2020: nothing dated after it.
        let day = |d: congkhai::model::Date| (d.year, d.month, d.day);
        assert!(
            day(x.updated) <= (2020, 6, 30),
            "{id}: updated {} is after the catalog's date",
            x.updated.iso()
        );
        for h in &x.history {
            assert!(
                day(h.date) <= (2020, 6, 30),
                "{id}: history after 2020-06-30"
            );
        }
    }
}

/// One entry of the 2020 checklist (`tests/fixtures/reference/`, a copy of the reference list
/// of district- and commune-level procedures in force in mid-2020).
#[derive(serde::Deserialize)]
struct ChecklistEntry {
    code: Option<String>,
    name: String,
}

#[test]
fn every_checklist_procedure_is_in_the_catalog_or_its_absence_is_explained() {
    let p = portal();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let list: Vec<ChecklistEntry> = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/fixtures/reference/procedures-2020.json"))
            .unwrap(),
    )
    .unwrap();
    assert!(list.len() >= 300, "checklist entries: {}", list.len());
    let coverage = std::fs::read_to_string(root.join("docs/catalog-coverage.md")).unwrap();
    // Each row of the coverage table: | code | checklist name | level | where it is or why not |
    let rows: Vec<Vec<&str>> = coverage
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Mã") && !l.starts_with("| ---"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let codes: BTreeSet<&str> = p
        .procedures
        .iter()
        .filter_map(|x| x.code.as_deref())
        .collect();
    let mut missing = Vec::new();
    for e in &list {
        let code = e.code.as_deref().filter(|c| !c.is_empty());
        let row = rows
            .iter()
            .find(|r| r.len() == 4 && r[1] == e.name && code.is_none_or(|c| r[0] == c));
        let in_catalog = code.is_some_and(|c| codes.contains(c));
        match row {
            // A row either links the catalog's page (which must exist) or gives a reason.
            Some(r) => {
                if let Some(slug) = r[3]
                    .split("thu-tuc/")
                    .nth(1)
                    .map(|s| s.split(['/', ')']).next().unwrap_or(""))
                {
                    assert!(
                        p.procedure(slug).is_some(),
                        "{}: no procedure {slug}",
                        e.name
                    );
                } else {
                    assert!(
                        r[3].starts_with("Không đưa vào:") && r[3].len() > 20,
                        "{}: the row neither links a page nor says why it is left out",
                        e.name
                    );
                }
            }
            None if in_catalog => {}
            None => missing.push(format!("{} {}", code.unwrap_or("(no code)"), e.name)),
        }
    }
    assert!(
        missing.is_empty(),
        "neither in the catalog nor in docs/catalog-coverage.md: {missing:#?}"
    );
}

#[test]
fn content_files_are_nfc_utf8() {
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("content")) {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy();
        if !(name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".csv")) {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        assert!(
            unicode_normalization::is_nfc(&text),
            "{} is not NFC",
            entry.path().display()
        );
    }
}
