//! The catalog in the EU Core Public Service Vocabulary Application Profile (CPSV-AP) as
//! JSON-LD (`du-lieu/cpsv-ap.jsonld`), for catalogues of public services that read it rather
//! than this portal's own JSON. Only the procedures that still apply are services; the
//! abolished ones stay in `thu-tuc.json` with their status.

use serde_json::{Map, Value, json};

use crate::model::{ChannelKind, Portal, Procedure};

/// Where it is published (relative to the site root).
pub const PATH: &str = "du-lieu/cpsv-ap.jsonld";

fn vi(text: &str) -> Value {
    json!({ "@language": "vi", "@value": text })
}

pub fn service(portal: &Portal, p: &Procedure) -> Value {
    let mut m = Map::new();
    m.insert("@id".into(), json!(crate::urls::procedure_url(portal, p)));
    m.insert("@type".into(), json!("cpsv:PublicService"));
    m.insert(
        "dct:identifier".into(),
        json!(p.code.clone().unwrap_or_else(|| p.slug.clone())),
    );
    m.insert("dct:title".into(), vi(&p.name));
    let field = portal
        .field(&p.field)
        .map_or_else(|| p.field.clone(), |f| f.name.clone());
    m.insert(
        "dct:description".into(),
        vi(&format!(
            "Thủ tục hành chính {}, lĩnh vực {field}. Thời hạn giải quyết: {}",
            crate::render::views::levels_label(&p.levels).to_lowercase(),
            p.processing_time.text
        )),
    );
    m.insert("cv:thematicArea".into(), vi(&field));
    m.insert(
        "dct:language".into(),
        json!({ "@id": "http://publications.europa.eu/resource/authority/language/VIE" }),
    );
    m.insert(
        "cv:hasCompetentAuthority".into(),
        json!({ "@type": "cv:PublicOrganisation", "skos:prefLabel": vi(&p.agency) }),
    );
    let channels: Vec<Value> = p
        .channels
        .iter()
        .map(|c| {
            let kind = match c.via {
                ChannelKind::Direct => "direct",
                ChannelKind::Postal => "postal",
                ChannelKind::Online => "online",
            };
            let mut ch = json!({ "@type": "cv:Channel", "dct:type": kind, "dct:description": vi(c.via.label()) });
            if c.via == ChannelKind::Online
                && let Some(u) = &p.online_url
            {
                ch["cv:ownedBy"] = json!({ "@id": u });
            }
            ch
        })
        .collect();
    m.insert("cv:hasChannel".into(), Value::Array(channels));
    if let Some(d) = crate::structured::duration(p) {
        m.insert(
            "cv:processingTime".into(),
            json!({ "@type": "xsd:duration", "@value": d }),
        );
    }
    let costs: Vec<Value> = p
        .fees
        .iter()
        .map(|f| {
            let mut c = json!({ "@type": "cv:Cost", "dct:description": vi(&f.name) });
            if let Some(a) = f.amount {
                c["cv:value"] = json!(a);
                c["cv:currency"] =
                    json!({ "@id": "http://publications.europa.eu/resource/authority/currency/VND" });
            }
            c
        })
        .collect();
    if !costs.is_empty() {
        m.insert("cv:hasCost".into(), Value::Array(costs));
    }
    let inputs: Vec<Value> = p
        .dossier
        .items
        .iter()
        .map(|i| json!({ "@type": "cv:Evidence", "dct:title": vi(&i.name) }))
        .collect();
    m.insert("cv:hasInput".into(), Value::Array(inputs));
    m.insert(
        "cpsv:produces".into(),
        json!({ "@type": "cv:Output", "dct:title": vi(&p.result) }),
    );
    let legal: Vec<Value> = p
        .legal_basis
        .iter()
        .map(|l| json!({ "@type": "eli:LegalResource", "dct:title": vi(l) }))
        .collect();
    m.insert("cv:hasLegalResource".into(), Value::Array(legal));
    let areas: Vec<Value> = p
        .handled_by
        .iter()
        .filter_map(|s| portal.unit(s))
        .map(|u| json!({ "@type": "dct:Location", "skos:prefLabel": vi(&u.name) }))
        .collect();
    if !areas.is_empty() {
        m.insert("dct:spatial".into(), Value::Array(areas));
    }
    m.insert(
        "dct:modified".into(),
        json!({ "@type": "xsd:date", "@value": p.updated.iso() }),
    );
    Value::Object(m)
}

/// The whole export.
pub fn export(portal: &Portal) -> Value {
    let graph: Vec<Value> = portal.active().map(|p| service(portal, p)).collect();
    document(Value::Array(graph))
}

/// The export around `graph`, its services.
pub fn document(graph: Value) -> Value {
    json!({
        "@context": {
            "cpsv": "http://purl.org/vocab/cpsv#",
            "cv": "http://data.europa.eu/m8g/",
            "dct": "http://purl.org/dc/terms/",
            "eli": "http://data.europa.eu/eli/ontology#",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "xsd": "http://www.w3.org/2001/XMLSchema#"
        },
        "@graph": graph
    })
}
