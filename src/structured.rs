//! Structured data (schema.org JSON-LD) for procedure and unit pages, so that search engines
//! and other portals read the facts without scraping the HTML.
//!
//! The JSON is built with serde_json and made safe for a `<script>` element here: content is
//! untrusted, and a `</script>` or `<!--` in a name must stay text inside the JSON string.

use serde_json::{Map, Value, json};

use crate::model::{ChannelKind, Portal, Procedure, TimeUnit, Unit};

/// `value` as JSON that cannot end or confuse the `<script>` element holding it: `<`, `>` and
/// `&` become `\u003c`, `\u003e`, `\u0026` (still the same JSON string), as do the line
/// separators older JavaScript parsers reject.
pub fn script_json(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values serialise");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A number as ISO 8601 wants it: `15`, `1.5`.
fn iso_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The processing time as an ISO 8601 duration, where the content gives a number. ISO 8601
/// has no working days: `P15D` then counts working days (`15 ngày làm việc`), which the
/// channel's `description` says in words. "Trong ngày" (0) has no duration and gets none.
pub fn duration(p: &Procedure) -> Option<String> {
    match p.processing_time.value {
        Some((v, _)) if v <= 0.0 => None,
        Some((v, TimeUnit::Hours)) => Some(format!("PT{}H", iso_number(v))),
        Some((v, TimeUnit::Days | TimeUnit::WorkingDays)) => Some(format!("P{}D", iso_number(v))),
        None => None,
    }
}

/// Past this many units, `areaServed` names the district instead of each unit.
const UNITS_NAMED: usize = 5;

fn organization(name: &str) -> Value {
    json!({ "@type": "GovernmentOrganization", "name": name })
}

/// A procedure page's `GovernmentService`.
pub fn procedure(portal: &Portal, p: &Procedure) -> String {
    let url = crate::urls::procedure_url(portal, p);
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("GovernmentService"));
    m.insert("@id".into(), json!(url));
    m.insert("url".into(), json!(url));
    m.insert("name".into(), json!(p.name));
    if let Some(code) = &p.code {
        m.insert("identifier".into(), json!(code));
    }
    if let Some(f) = portal.field(&p.field) {
        m.insert("serviceType".into(), json!(f.name));
    }
    let mut provider = Map::new();
    provider.insert("@type".into(), json!("GovernmentOrganization"));
    provider.insert("name".into(), json!(p.agency));
    if let Some(office) = &p.office {
        provider.insert("department".into(), organization(office));
    }
    m.insert("provider".into(), Value::Object(provider));
    // A handful of units by name; more (every commune of a district, thousands in a province)
    // would weigh more than the page: then the district, which covers them all.
    let served: Vec<&crate::model::Unit> = if p.handled_by.len() > UNITS_NAMED {
        vec![portal.district()]
    } else {
        p.handled_by.iter().filter_map(|s| portal.unit(s)).collect()
    };
    let areas: Vec<Value> = served
        .iter()
        .map(|u| json!({ "@type": "AdministrativeArea", "name": u.name }))
        .collect();
    if !areas.is_empty() {
        m.insert("areaServed".into(), Value::Array(areas));
    }
    let audience: Vec<Value> = p
        .subjects
        .iter()
        .map(|s| json!({ "@type": "Audience", "audienceType": s }))
        .collect();
    if !audience.is_empty() {
        m.insert("audience".into(), Value::Array(audience));
    }
    let time = duration(p);
    let channels: Vec<Value> = p
        .channels
        .iter()
        .map(|c| {
            let mut ch = Map::new();
            ch.insert("@type".into(), json!("ServiceChannel"));
            ch.insert("name".into(), json!(c.via.label()));
            let mut description = format!("Thời hạn giải quyết: {}", p.processing_time.text);
            if let Some(note) = &c.note {
                description = format!("{note}. {description}");
            }
            ch.insert("description".into(), json!(description));
            if let Some(t) = &time {
                ch.insert("processingTime".into(), json!(t));
            }
            if c.via == ChannelKind::Online
                && let Some(u) = p.online_url.as_ref().or(portal.site.online_portal.as_ref())
            {
                ch.insert("serviceUrl".into(), json!(u));
            }
            Value::Object(ch)
        })
        .collect();
    if !channels.is_empty() {
        m.insert("availableChannel".into(), Value::Array(channels));
    }
    if !p.result.is_empty() {
        m.insert(
            "serviceOutput".into(),
            json!({ "@type": "Thing", "name": p.result }),
        );
    }
    let offers: Vec<Value> = p
        .fees
        .iter()
        .map(|f| {
            let mut o = Map::new();
            o.insert("@type".into(), json!("Offer"));
            o.insert("name".into(), json!(f.name));
            if let Some(a) = f.amount {
                o.insert("price".into(), json!(a));
                o.insert("priceCurrency".into(), json!("VND"));
            }
            if let Some(t) = &f.text {
                o.insert("description".into(), json!(t));
            }
            Value::Object(o)
        })
        .collect();
    if !offers.is_empty() {
        m.insert("offers".into(), Value::Array(offers));
    }
    m.insert("dateModified".into(), json!(p.updated.iso()));
    script_json(&Value::Object(m))
}

/// A unit page's `GovernmentOffice`: its one-stop office.
pub fn unit(portal: &Portal, u: &Unit) -> String {
    let r = &u.reception;
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("GovernmentOffice"));
    m.insert(
        "url".into(),
        json!(format!("{}/don-vi/{}/", portal.site.base_url, u.slug)),
    );
    m.insert("name".into(), json!(r.name));
    m.insert(
        "address".into(),
        json!({
            "@type": "PostalAddress",
            "streetAddress": r.address,
            "addressRegion": portal.site.province,
            "addressCountry": "VN",
        }),
    );
    m.insert("telephone".into(), json!(r.phone));
    if let Some(e) = &r.email {
        m.insert("email".into(), json!(e));
    }
    // Free text as the content gives it ("Sáng 7h30–11h30…"): the content format has no
    // machine-readable hours to turn into `Mo-Fr 07:30-17:00`.
    m.insert("openingHours".into(), json!(r.hours));
    m.insert("parentOrganization".into(), organization(&u.name));
    script_json(&Value::Object(m))
}
