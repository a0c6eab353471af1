//! The open data's contract: every JSON file validates against the JSON Schema published
//! beside it, carries its `version`, and holds every procedure; the CSV files start with a
//! UTF-8 BOM and have the columns the `/du-lieu/` page documents.

use std::path::Path;

use serde_json::Value;

use crate::common::{copy_dir, copy_fixture, fixtures, visible_text};

/// The bundled portal (its whole catalog and every month of its statistics), built in memory.
fn bundled() -> (congkhai::model::Portal, congkhai::output::Files) {
    congkhai::pipeline::build_in_memory(Path::new(env!("CARGO_MANIFEST_DIR")), None)
        .expect("the bundled portal builds")
}

fn json(files: &congkhai::output::Files, path: &str) -> Value {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} not built"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The schema a JSON file of `du-lieu/` is published with.
fn schema_of(path: &str) -> &'static str {
    if path == "du-lieu/thu-tuc.json" {
        "du-lieu/schema/thu-tuc.schema.json"
    } else if path == "du-lieu/thong-ke/tat-ca.json" {
        "du-lieu/schema/thong-ke-tat-ca.schema.json"
    } else if path.starts_with("du-lieu/thong-ke/") {
        "du-lieu/schema/thong-ke-thang.schema.json"
    } else {
        panic!("{path}: a JSON file without a schema")
    }
}

fn assert_valid(files: &congkhai::output::Files) -> usize {
    let mut checked = 0;
    for path in files.keys().filter(|p| {
        p.starts_with("du-lieu/") && p.ends_with(".json") && !p.starts_with("du-lieu/schema/")
    }) {
        let schema = json(files, schema_of(path));
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{path}"
        );
        jsonschema::meta::validate(&schema)
            .unwrap_or_else(|e| panic!("{}: not a valid schema: {e}", schema_of(path)));
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("a schema");
        let instance = json(files, path);
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}:\n{}", errors.join("\n"));
        assert_eq!(instance["version"], 1, "{path}");
        checked += 1;
    }
    checked
}

#[test]
fn every_json_file_of_the_bundled_portal_validates_against_its_published_schema() {
    let (portal, files) = bundled();
    let checked = assert_valid(&files);
    // The catalog, every month and the all-months file.
    assert_eq!(checked, 1 + portal.reports.len() + 1);
}

#[test]
fn the_schemas_hold_for_a_small_portal_and_reject_a_broken_record() {
    let dir = copy_fixture("basic");
    copy_dir(
        &fixtures().join("statistics/valid"),
        &dir.path().join("content/statistics"),
    );
    let (_, files) = congkhai::pipeline::build_in_memory(dir.path(), None).expect("builds");
    assert!(assert_valid(&files) >= 3);
    let schema = json(&files, "du-lieu/schema/thu-tuc.schema.json");
    let mut catalog = json(&files, "du-lieu/thu-tuc.json");
    catalog["procedures"][0]["status"] = "gone".into();
    catalog["procedures"][1]
        .as_object_mut()
        .unwrap()
        .remove("name");
    assert!(!jsonschema::is_valid(&schema, &catalog));
}

#[test]
fn the_open_catalog_round_trips_every_procedure() {
    let (portal, files) = bundled();
    let catalog = json(&files, "du-lieu/thu-tuc.json");
    let records = catalog["procedures"].as_array().expect("procedures");
    assert_eq!(records.len(), portal.procedures.len());
    for (p, r) in portal.procedures.iter().zip(records) {
        assert_eq!(r["slug"], p.slug.as_str());
        assert_eq!(r["name"], p.name.as_str());
        match &p.code {
            Some(code) => assert_eq!(r["code"], code.as_str(), "{}", p.slug),
            None => assert!(r["code"].is_null(), "{}", p.slug),
        }
        assert_eq!(r["updated"], p.updated.iso());
    }
    // Its date is the newest procedure's, from the content.
    let newest = portal.procedures.iter().map(|p| p.updated).max().unwrap();
    assert_eq!(catalog["updated"], newest.iso());
    assert_eq!(catalog["license"], "CC-BY-4.0");
}

#[test]
fn csv_files_have_a_bom_and_the_documented_columns() {
    let (_, files) = bundled();
    let page = String::from_utf8(files["du-lieu/index.html"].clone()).unwrap();
    let text = visible_text(&page);
    assert!(text.contains("CC BY 4.0"), "the licence is stated");
    assert!(text.contains("Cập nhật: danh mục thủ tục cập nhật đến ngày"));
    let csvs: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("du-lieu/") && p.ends_with(".csv"))
        .collect();
    assert!(csvs.len() >= 3);
    for path in csvs {
        let bytes = &files[path];
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{path}: a UTF-8 BOM");
        let header = std::str::from_utf8(&bytes[3..])
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string();
        for column in header.split(',') {
            assert!(
                page.contains(&format!("<code>{column}</code>")),
                "{path}: column {column} is documented on /du-lieu/"
            );
        }
    }
}

#[test]
fn the_cpsv_ap_export_has_every_procedure_that_applies_as_a_public_service() {
    let (portal, files) = bundled();
    let export = json(&files, "du-lieu/cpsv-ap.jsonld");
    assert_eq!(export["@context"]["cpsv"], "http://purl.org/vocab/cpsv#");
    assert_eq!(export["@context"]["cv"], "http://data.europa.eu/m8g/");
    let graph = export["@graph"].as_array().expect("a graph");
    let active: Vec<_> = portal.active().collect();
    assert_eq!(graph.len(), active.len());
    for (p, s) in active.iter().zip(graph) {
        assert_eq!(s["@type"], "cpsv:PublicService");
        assert_eq!(
            s["@id"],
            format!("{}/thu-tuc/{}/", portal.site.base_url, p.slug)
        );
        assert_eq!(s["dct:title"]["@value"], p.name.as_str());
        assert_eq!(
            s["dct:identifier"],
            p.code.clone().unwrap_or_else(|| p.slug.clone())
        );
        assert!(s["cv:hasCompetentAuthority"]["skos:prefLabel"]["@value"].is_string());
        assert!(!s["cv:hasChannel"].as_array().unwrap().is_empty());
        for cost in s["cv:hasCost"].as_array().into_iter().flatten() {
            if cost.get("cv:value").is_some() {
                assert_eq!(
                    cost["cv:currency"]["@id"],
                    "http://publications.europa.eu/resource/authority/currency/VND"
                );
            }
        }
    }
    let page = String::from_utf8(files["du-lieu/index.html"].clone()).unwrap();
    assert!(page.contains("href=\"../du-lieu/cpsv-ap.jsonld\""));
}
