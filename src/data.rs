//! Open data (`/du-lieu/`): the catalog and the monthly statistics as CSV and JSON, so that
//! journalists, researchers and other systems can reuse the figures without scraping pages.
//!
//! CSV files start with a UTF-8 byte-order mark so that spreadsheet programs show the
//! Vietnamese text correctly when the file is opened by double-click; columns use the same
//! English names as `content/statistics/*.csv`, plus the units' and fields' names.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::model::Portal;
use crate::output::Output;
use crate::render::{Renderer, crumb};
use crate::report::{COLUMNS, Figures, MonthlyReport};
use crate::urls::{ALL_CSV, ALL_JSON};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The shape of the JSON files: raised when a field changes meaning or goes away (adding a
/// field keeps it), so that scripts reading them can tell. Their JSON Schemas are published
/// beside them (`du-lieu/schema/`).
pub const VERSION: u64 = 1;
/// The licence of every open-data file (SPDX id), stated on `/du-lieu/` and in the JSON.
pub const LICENSE: &str = "CC-BY-4.0";
pub const LICENSE_URL: &str = "https://creativecommons.org/licenses/by/4.0/deed.vi";
/// The schemas, relative to the site root.
pub const CATALOG_SCHEMA: &str = "du-lieu/schema/thu-tuc.schema.json";
pub const MONTH_SCHEMA: &str = "du-lieu/schema/thong-ke-thang.schema.json";
pub const ALL_MONTHS_SCHEMA: &str = "du-lieu/schema/thong-ke-tat-ca.schema.json";

/// The columns of `thu-tuc.csv` (and fields of a record of `thu-tuc.json`), with what each
/// means: the page states it, the schema describes it.
pub const CATALOG_COLUMNS: &[(&str, &str)] = &[
    (
        "code",
        "Mã thủ tục trên Cơ sở dữ liệu quốc gia (trống khi chưa xác định)",
    ),
    ("slug", "Mã đường dẫn của thủ tục trên cổng"),
    ("name", "Tên thủ tục"),
    ("url", "Địa chỉ trang thủ tục"),
    ("levels", "Cấp thực hiện"),
    ("field", "Mã lĩnh vực"),
    ("field_name", "Tên lĩnh vực"),
    ("agency", "Cơ quan thực hiện"),
    ("processing_time", "Thời hạn giải quyết"),
    (
        "online",
        "Mức độ dịch vụ công trực tuyến (trống khi không có)",
    ),
    ("channels", "Cách thức thực hiện"),
    ("fees", "Phí, lệ phí (tên: số tiền)"),
    ("updated", "Ngày cập nhật (YYYY-MM-DD)"),
    (
        "status",
        "Tình trạng: active (đang áp dụng) hoặc abolished (đã bãi bỏ)",
    ),
    ("units", "Mã các đơn vị tiếp nhận hồ sơ"),
    ("sources", "Nguồn thông tin (tên văn bản, hồ sơ và địa chỉ)"),
];

fn string_or_null(description: &str) -> Value {
    json!({ "type": ["string", "null"], "description": description })
}

fn strings(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": description })
}

/// The JSON Schema (draft 2020-12) of `thu-tuc.json`.
pub fn catalog_schema() -> Value {
    let describe = |key: &str| {
        CATALOG_COLUMNS
            .iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, d)| *d)
    };
    let string = |key: &str| json!({ "type": "string", "description": describe(key) });
    let mut props = Map::new();
    props.insert("code".into(), string_or_null(describe("code")));
    for key in [
        "slug",
        "name",
        "url",
        "field",
        "field_name",
        "agency",
        "processing_time",
    ] {
        props.insert(key.into(), string(key));
    }
    props.insert("online".into(), string_or_null(describe("online")));
    for key in ["levels", "channels", "fees", "units"] {
        props.insert(key.into(), strings(describe(key)));
    }
    props.insert(
        "updated".into(),
        json!({ "type": "string", "format": "date", "description": describe("updated") }),
    );
    props.insert(
        "status".into(),
        json!({ "enum": ["active", "abolished"], "description": describe("status") }),
    );
    props.insert(
        "sources".into(),
        json!({
            "type": "array",
            "description": describe("sources"),
            "items": {
                "type": "object",
                "properties": { "title": { "type": "string" }, "url": { "type": ["string", "null"] } },
                "required": ["title", "url"],
                "additionalProperties": false
            }
        }),
    );
    let required: Vec<&str> = CATALOG_COLUMNS.iter().map(|(k, _)| *k).collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Danh mục thủ tục hành chính (thu-tuc.json)",
        "type": "object",
        "properties": {
            "version": { "const": VERSION, "description": "Phiên bản cấu trúc tệp" },
            "license": { "const": LICENSE },
            "license_url": { "const": LICENSE_URL },
            "updated": { "type": ["string", "null"], "format": "date", "description": "Ngày cập nhật mới nhất của danh mục" },
            "procedures": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": props,
                    "required": required,
                    "additionalProperties": false
                }
            }
        },
        "required": ["version", "license", "license_url", "updated", "procedures"],
        "additionalProperties": false
    })
}

/// The schema of one month's figures (a month file, and each month of the all-months file).
fn month_schema_body() -> Value {
    let mut figures = Map::new();
    for c in figure_columns() {
        figures.insert(c.into(), json!({ "type": "integer", "minimum": 0 }));
    }
    let figure_names: Vec<&str> = figure_columns().collect();
    let mut row = figures.clone();
    row.insert("unit".into(), json!({ "type": "string" }));
    row.insert("unit_name".into(), json!({ "type": ["string", "null"] }));
    row.insert("field".into(), json!({ "type": ["string", "null"] }));
    row.insert("field_name".into(), json!({ "type": ["string", "null"] }));
    let mut row_required = vec!["unit", "unit_name", "field", "field_name"];
    row_required.extend(figure_names.iter().copied());
    json!({
        "type": "object",
        "properties": {
            "month": { "type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$" },
            "total": {
                "type": "object",
                "properties": figures,
                "required": figure_names,
                "additionalProperties": false
            },
            "rows": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": row,
                    "required": row_required,
                    "additionalProperties": false
                }
            }
        },
        "required": ["month", "total", "rows"]
    })
}

/// The JSON Schema of `thong-ke/<yyyy>-<mm>.json`.
pub fn month_schema() -> Value {
    let mut s = month_schema_body();
    let m = s.as_object_mut().expect("an object");
    m.insert(
        "$schema".into(),
        json!("https://json-schema.org/draft/2020-12/schema"),
    );
    m.insert(
        "title".into(),
        json!("Thống kê giải quyết hồ sơ một tháng (thong-ke/YYYY-MM.json)"),
    );
    m["properties"]
        .as_object_mut()
        .expect("properties")
        .insert("version".into(), json!({ "const": VERSION }));
    m.insert(
        "required".into(),
        json!(["version", "month", "total", "rows"]),
    );
    m.insert("additionalProperties".into(), json!(false));
    s
}

/// The JSON Schema of `thong-ke/tat-ca.json`.
pub fn all_months_schema() -> Value {
    let mut month = month_schema_body();
    month
        .as_object_mut()
        .expect("an object")
        .insert("additionalProperties".into(), json!(false));
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Thống kê giải quyết hồ sơ, tất cả các tháng (thong-ke/tat-ca.json)",
        "type": "object",
        "properties": {
            "version": { "const": VERSION },
            "months": { "type": "array", "items": month }
        },
        "required": ["version", "months"],
        "additionalProperties": false
    })
}

fn csv_bytes(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let fail = |e: csv::Error| Error::Usage(crate::tr!("open-data-failed", error = e));
    w.write_record(header).map_err(fail)?;
    for r in rows {
        w.write_record(r).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::Usage(crate::tr!("open-data-failed", error = e)))
}

/// Rows only (no byte-order mark, no header): a part of a file begun by [`csv_bytes`].
fn csv_rows(rows: &[Vec<String>]) -> Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fail = |e: csv::Error| Error::Usage(crate::tr!("open-data-failed", error = e));
    for r in rows {
        w.write_record(r).map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::Usage(crate::tr!("open-data-failed", error = e)))
}

fn json_bytes(v: &Value) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(v).expect("JSON values serialise");
    out.push(b'\n');
    out
}

/// The figure columns (every column after `unit` and `field`).
fn figure_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS.iter().skip(2).map(|(c, _)| *c)
}

fn figures_json(f: &Figures) -> Map<String, Value> {
    figure_columns()
        .map(|c| (c.to_string(), json!(f.get(c).unwrap_or(0))))
        .collect()
}

fn stat_header(with_month: bool) -> Vec<&'static str> {
    let mut h = Vec::new();
    if with_month {
        h.push("month");
    }
    h.extend(["unit", "unit_name", "field", "field_name"]);
    h.extend(figure_columns());
    h
}

fn stat_rows(portal: &Portal, r: &MonthlyReport, with_month: bool) -> Vec<Vec<String>> {
    r.rows
        .iter()
        .map(|row| {
            let mut v = Vec::new();
            if with_month {
                v.push(r.month.to_string());
            }
            v.push(row.unit.clone());
            v.push(
                portal
                    .unit(&row.unit)
                    .map_or_else(String::new, |u| u.name.clone()),
            );
            v.push(row.field.clone().unwrap_or_default());
            v.push(
                row.field
                    .as_ref()
                    .and_then(|f| portal.field(f))
                    .map_or_else(String::new, |f| f.name.clone()),
            );
            v.extend(figure_columns().map(|c| row.figures.get(c).unwrap_or(0).to_string()));
            v
        })
        .collect()
}

fn month_json(portal: &Portal, r: &MonthlyReport) -> Value {
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let mut m = Map::new();
            m.insert("unit".into(), json!(row.unit));
            m.insert(
                "unit_name".into(),
                json!(portal.unit(&row.unit).map(|u| u.name.clone())),
            );
            m.insert("field".into(), json!(row.field));
            m.insert(
                "field_name".into(),
                json!(
                    row.field
                        .as_ref()
                        .and_then(|f| portal.field(f))
                        .map(|f| f.name.clone())
                ),
            );
            m.extend(figures_json(&row.figures));
            Value::Object(m)
        })
        .collect();
    let total: Figures = r.rows.iter().map(|x| x.figures).sum();
    json!({ "month": r.month.to_string(), "total": figures_json(&total), "rows": rows })
}

/// The columns of the per-procedure file: the content's columns, with names beside slugs.
const PROCEDURE_HEADER: &[&str] = &[
    "month",
    "procedure_code",
    "procedure",
    "procedure_name",
    "unit",
    "unit_name",
    "received",
    "resolved_on_time",
    "resolved_late",
    "average_days",
];

/// Every per-procedure row, by month, then in catalog order, then unit order.
fn procedure_rows(portal: &Portal) -> Vec<Vec<String>> {
    let mut rows: Vec<(crate::report::Month, usize, Vec<String>)> = Vec::new();
    for (i, p) in portal.procedures.iter().enumerate() {
        for r in portal.timeliness.get(&p.slug).into_iter().flatten() {
            rows.push((
                r.month,
                i,
                vec![
                    r.month.to_string(),
                    p.code.clone().unwrap_or_default(),
                    p.slug.clone(),
                    p.name.clone(),
                    r.unit.clone(),
                    portal
                        .unit(&r.unit)
                        .map_or_else(String::new, |u| u.name.clone()),
                    r.received.to_string(),
                    r.resolved_on_time.to_string(),
                    r.resolved_late.to_string(),
                    r.average_days.map_or_else(String::new, |d| format!("{d}")),
                ],
            ));
        }
    }
    // Stable: within a procedure and month, the rows keep their unit order.
    rows.sort_by_key(|(m, i, _)| (*m, *i));
    rows.into_iter().map(|(_, _, r)| r).collect()
}

/// A procedure in the open catalog.
#[derive(Serialize)]
struct ProcedureRecord {
    /// `null` where no code of the catalog's date is known.
    code: Option<String>,
    slug: String,
    name: String,
    url: String,
    levels: Vec<String>,
    field: String,
    field_name: String,
    agency: String,
    processing_time: String,
    online: Option<String>,
    channels: Vec<String>,
    fees: Vec<String>,
    updated: String,
    status: &'static str,
    units: Vec<String>,
    sources: Vec<crate::model::SourceRef>,
}

fn record(portal: &Portal, p: &crate::model::Procedure) -> ProcedureRecord {
    ProcedureRecord {
        code: p.code.clone(),
        slug: p.slug.clone(),
        name: p.name.clone(),
        url: format!("{}/thu-tuc/{}/", portal.site.base_url, p.slug),
        levels: p.levels.iter().map(|l| l.label().to_string()).collect(),
        field: p.field.clone(),
        field_name: portal
            .field(&p.field)
            .map_or_else(String::new, |f| f.name.clone()),
        agency: p.agency.clone(),
        processing_time: p.processing_time.text.clone(),
        online: p.online.map(|o| o.label()),
        channels: p
            .channels
            .iter()
            .map(|c| c.via.label().to_string())
            .collect(),
        fees: p
            .fees
            .iter()
            .map(|f| match f.amount {
                Some(a) => format!("{}: {}", f.name, crate::text::format_money(a)),
                None => f.name.clone(),
            })
            .collect(),
        updated: p.updated.iso(),
        status: if p.abolished { "abolished" } else { "active" },
        units: p.handled_by.clone(),
        sources: p.sources.clone(),
    }
}

/// A procedure's row of `thu-tuc.csv`.
fn catalog_row(p: &ProcedureRecord) -> Vec<String> {
    vec![
        p.code.clone().unwrap_or_default(),
        p.slug.clone(),
        p.name.clone(),
        p.url.clone(),
        p.levels.join("; "),
        p.field.clone(),
        p.field_name.clone(),
        p.agency.clone(),
        p.processing_time.clone(),
        p.online.clone().unwrap_or_default(),
        p.channels.join("; "),
        p.fees.join("; "),
        p.updated.clone(),
        p.status.to_string(),
        p.units.join(" "),
        p.sources
            .iter()
            .map(|s| match &s.url {
                Some(url) => format!("{} <{url}>", s.title),
                None => s.title.clone(),
            })
            .collect::<Vec<_>>()
            .join("; "),
    ]
}

/// Writes the catalog files (`thu-tuc.json`, its schema, the CPSV-AP export, `thu-tuc.csv`)
/// from one piece per procedure (see [`crate::data_rows`]); returns each file's size.
fn catalog_files(r: &Renderer, out: &Output) -> Result<Vec<(String, usize)>> {
    let portal = r.portal();
    let pieces = crate::data_rows::pieces(r, &|p| {
        let rec = record(portal, p);
        let row = catalog_row(&rec);
        (
            serde_json::to_value(&rec).expect("a record serialises"),
            row,
        )
    });
    let updated = portal.procedures.iter().map(|p| p.updated).max();
    let json = crate::data_rows::Frame::new(&json!({
        "version": VERSION,
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "updated": updated.map(|d| d.iso()),
        "procedures": crate::data_rows::placeholder(),
    }));
    let cpsv =
        crate::data_rows::Frame::new(&crate::cpsv::document(crate::data_rows::placeholder()));
    let header: Vec<&str> = CATALOG_COLUMNS.iter().map(|(c, _)| *c).collect();
    let csv_header = csv_bytes(&header, &[]).expect("a header writes to memory");
    let mut csv: Vec<&[u8]> = vec![&csv_header];
    csv.extend(pieces.iter().map(|p| p.csv.as_slice()));
    let schema = json_bytes(&catalog_schema());
    let files: [(&str, Vec<&[u8]>); 4] = [
        (
            "du-lieu/thu-tuc.json",
            json.parts(pieces.iter().map(|p| p.json.as_slice())),
        ),
        (CATALOG_SCHEMA, vec![&schema]),
        (
            crate::cpsv::PATH,
            cpsv.parts(pieces.iter().filter_map(|p| p.cpsv.as_deref())),
        ),
        ("du-lieu/thu-tuc.csv", csv),
    ];
    let mut sizes = Vec::new();
    for (path, parts) in files {
        sizes.push((path.to_string(), parts.iter().map(|p| p.len()).sum()));
        out.put_parts(path, &parts)?;
    }
    Ok(sizes)
}

/// The statistics files (each month's CSV and JSON, all months', their schemas).
fn statistics_files(portal: &Portal) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    // The all-months files are put together from each month's bytes, made with the month's
    // own file: at 2.000 units the whole history as rows of strings, or as one JSON value,
    // took several hundred megabytes for a moment.
    let mut all_csv = csv_bytes(&stat_header(true), &[])?;
    let all_json = crate::data_rows::Frame::new(
        &json!({ "version": VERSION, "months": crate::data_rows::placeholder() }),
    );
    let mut months_json = Vec::new();
    for rep in &portal.reports {
        let m = rep.month;
        files.push((
            format!("du-lieu/thong-ke/{m}.csv"),
            csv_bytes(&stat_header(false), &stat_rows(portal, rep, false))?,
        ));
        let mut file = month_json(portal, rep);
        months_json.push(crate::data_rows::indented(&file));
        file.as_object_mut()
            .expect("an object")
            .insert("version".into(), json!(VERSION));
        files.push((format!("du-lieu/thong-ke/{m}.json"), json_bytes(&file)));
        all_csv.extend(csv_rows(&stat_rows(portal, rep, true))?);
    }
    files.push((ALL_CSV.into(), all_csv));
    files.push((
        ALL_JSON.into(),
        all_json
            .parts(months_json.iter().map(|p| p.as_slice()))
            .concat(),
    ));
    files.push((MONTH_SCHEMA.into(), json_bytes(&month_schema())));
    files.push((ALL_MONTHS_SCHEMA.into(), json_bytes(&all_months_schema())));
    Ok(files)
}

/// A kept file: its path, bytes and hash.
type Kept = (String, Vec<u8>, u64);

/// Files made by `make` from inputs that hash to `inputs()`: under `serve`, kept by that
/// hash and not made again while they are unchanged (`build` does not hash them).
fn kept(
    r: &Renderer,
    inputs: &dyn Fn() -> u64,
    make: impl FnOnce() -> Result<Vec<(String, Vec<u8>)>>,
) -> Result<std::sync::Arc<Vec<Kept>>> {
    let hashed = || -> Result<Vec<Kept>> {
        Ok(make()?
            .into_iter()
            .map(|(path, bytes)| {
                let hash = crate::output::file_hash(&bytes);
                (path, bytes, hash)
            })
            .collect())
    };
    match r.memo() {
        Some(memo) => memo.try_piece(crate::memo::hash_debug(r.globals(), &inputs()), hashed),
        None => hashed().map(std::sync::Arc::new),
    }
}

/// A column (or schema) and what it means, for the page.
#[derive(Serialize)]
struct ColumnDoc {
    name: &'static str,
    meaning: &'static str,
}

/// An open-data file, listed on `/du-lieu/`.
#[derive(Serialize)]
struct DataFile {
    url: String,
    name: String,
    format: &'static str,
    size: String,
}

/// Writes every open-data file and the `/du-lieu/` index page.
pub fn render(r: &Renderer, out: &Output) -> Result<()> {
    let portal = r.portal();
    let mut listed: Vec<(String, String, &'static str)> = Vec::new();
    // Each file's size, for the list on the page.
    let mut sizes = std::collections::HashMap::new();
    // Kept files, handed over with their hash (neither copied nor hashed again).
    let mut sizes_kept = Vec::new();
    let mut put_kept = |files: &[Kept]| -> Result<()> {
        for (path, bytes, hash) in files {
            sizes_kept.push((path.clone(), bytes.len()));
            out.put_known(path.as_str(), bytes, *hash)?;
        }
        Ok(())
    };
    // The catalog's date: its newest procedure's, from the content.
    let updated = portal.procedures.iter().map(|p| p.updated).max();
    sizes.extend(catalog_files(r, out)?);
    listed.push((
        "du-lieu/thu-tuc.csv".into(),
        "Danh mục thủ tục hành chính".into(),
        "CSV",
    ));
    listed.push((
        "du-lieu/thu-tuc.json".into(),
        "Danh mục thủ tục hành chính".into(),
        "JSON",
    ));
    listed.push((
        crate::cpsv::PATH.into(),
        "Danh mục thủ tục đang áp dụng theo từ vựng dịch vụ công châu Âu (CPSV-AP)".into(),
        "JSON-LD",
    ));
    if !portal.reports.is_empty() {
        let inputs =
            || crate::memo::hash_debug(r.figures_key(), &("months", &portal.units, &portal.fields));
        put_kept(&kept(r, &inputs, || statistics_files(portal))?)?;
        listed.push((
            ALL_CSV.into(),
            "Thống kê giải quyết hồ sơ, tất cả các tháng".into(),
            "CSV",
        ));
        listed.push((
            ALL_JSON.into(),
            "Thống kê giải quyết hồ sơ, tất cả các tháng".into(),
            "JSON",
        ));
        for rep in portal.reports.iter().rev() {
            let m = rep.month;
            listed.push((
                format!("du-lieu/thong-ke/{m}.csv"),
                format!("Thống kê giải quyết hồ sơ tháng {}", m.vi()),
                "CSV",
            ));
            listed.push((
                format!("du-lieu/thong-ke/{m}.json"),
                format!("Thống kê giải quyết hồ sơ tháng {}", m.vi()),
                "JSON",
            ));
        }
    }
    if !portal.timeliness.is_empty() {
        let inputs = || {
            let names: Vec<_> = portal
                .procedures
                .iter()
                .filter(|p| portal.timeliness.contains_key(&p.slug))
                .map(|p| (&p.code, &p.slug, &p.name))
                .collect();
            crate::memo::hash_debug(r.figures_key(), &("procedures", &portal.units, &names))
        };
        let made = kept(r, &inputs, || {
            let bytes = csv_bytes(PROCEDURE_HEADER, &procedure_rows(portal))?;
            Ok(vec![(crate::urls::PROCEDURES_CSV.to_string(), bytes)])
        })?;
        put_kept(&made)?;
        listed.push((
            crate::urls::PROCEDURES_CSV.into(),
            "Số liệu giải quyết hồ sơ theo từng thủ tục, tất cả các tháng".into(),
            "CSV",
        ));
    }
    sizes.extend(sizes_kept);
    let list: Vec<DataFile> = listed
        .into_iter()
        .map(|(url, name, format)| {
            let bytes = sizes.get(&url).copied().unwrap_or(0);
            let size = format!(
                "{} KB",
                crate::text::format_decimal(bytes as f64 / 1024.0, 1)
            );
            DataFile {
                url,
                name,
                format,
                size,
            }
        })
        .collect();
    let mut ctx = Renderer::ctx("Dữ liệu mở", vec![crumb("", "Trang chủ")]);
    ctx.insert("data_files", &list);
    ctx.insert("has_procedure_data", &!portal.timeliness.is_empty());
    let columns: Vec<&str> = COLUMNS.iter().map(|(c, _)| *c).collect();
    ctx.insert("columns", &columns);
    ctx.insert("updated", &updated.map(|d| d.vi()));
    ctx.insert("updated_iso", &updated.map(|d| d.iso()));
    ctx.insert("license_url", LICENSE_URL);
    let catalog_columns: Vec<ColumnDoc> = CATALOG_COLUMNS
        .iter()
        .map(|(name, meaning)| ColumnDoc { name, meaning })
        .collect();
    ctx.insert("catalog_columns", &catalog_columns);
    let mut schemas = vec![("Danh mục thủ tục (thu-tuc.json)", CATALOG_SCHEMA)];
    if !portal.reports.is_empty() {
        schemas.push(("Thống kê một tháng (thong-ke/YYYY-MM.json)", MONTH_SCHEMA));
        schemas.push((
            "Thống kê tất cả các tháng (thong-ke/tat-ca.json)",
            ALL_MONTHS_SCHEMA,
        ));
    }
    let schemas: Vec<ColumnDoc> = schemas
        .into_iter()
        .map(|(meaning, name)| ColumnDoc { name, meaning })
        .collect();
    ctx.insert("schemas", &schemas);
    r.render_page(
        out,
        "du-lieu/index.html",
        "stats-data.html",
        "the open data page",
        ctx,
    )
}
