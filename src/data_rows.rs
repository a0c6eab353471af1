//! The catalog's open-data files (`thu-tuc.json`, `thu-tuc.csv`, `cpsv-ap.jsonld`) put
//! together from one piece per procedure: its JSON record, CSV row and CPSV-AP service, each
//! already serialised in its place in the file. Under `serve` each procedure's piece is kept
//! by the key of what it shows, so an edit serialises one procedure again instead of ten
//! thousand; `build` makes the pieces in parallel. Either way the files are the same bytes as
//! serialising the whole document at once (pretty JSON indents each level by two spaces, and
//! no JSON string holds a raw line break, so a piece made alone is indented line by line).

use std::hash::Hasher;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;

use crate::model::{Portal, Procedure};
use crate::render::Renderer;

/// One procedure's share of the catalog files.
pub struct Piece {
    /// Its record in `thu-tuc.json`, indented for the `procedures` array.
    pub json: Vec<u8>,
    /// Its row of `thu-tuc.csv`, with the line ending.
    pub csv: Vec<u8>,
    /// Its service in `cpsv-ap.jsonld` (indented for `@graph`); `None` when abolished.
    pub cpsv: Option<Vec<u8>>,
}

/// The pieces of every procedure, in catalog order.
pub fn pieces(r: &Renderer, record: &Record<'_>) -> Vec<Arc<Piece>> {
    let portal = r.portal();
    portal
        .procedures
        .par_iter()
        .map(|p| {
            let make = || Piece::new(portal, p, record);
            match r
                .memo()
                .and_then(|memo| Some((memo, key(portal, memo, p)?)))
            {
                Some((memo, key)) => memo.piece(key, make),
                None => Arc::new(make()),
            }
        })
        .collect()
}

/// A procedure's record in `thu-tuc.json` and its row of `thu-tuc.csv`.
pub type Record<'r> = dyn Fn(&Procedure) -> (Value, Vec<String>) + Sync + 'r;

/// A key of everything a procedure's piece shows: the procedure, its field's name, the
/// names of the units that handle it and the site's address.
fn key(portal: &Portal, memo: &crate::memo::Memo, p: &Procedure) -> Option<u64> {
    let mut h = crate::hash::Fnv(memo.procedure(p)?);
    h.write(portal.site.base_url.as_bytes());
    h.write_u8(0);
    if let Some(f) = portal.field(&p.field) {
        h.write(f.name.as_bytes());
    }
    h.write_u8(0);
    for u in &p.handled_by {
        if let Some(u) = portal.unit(u) {
            h.write(u.name.as_bytes());
        }
        h.write_u8(0);
    }
    Some(h.finish())
}

impl Piece {
    fn new(portal: &Portal, p: &Procedure, record: &Record<'_>) -> Piece {
        let (json, row) = record(p);
        Piece {
            json: indented(&json),
            csv: csv_row(&row),
            cpsv: (!p.abolished).then(|| indented(&crate::cpsv::service(portal, p))),
        }
    }
}

/// `value` pretty-printed as an element of an array two levels deep.
pub fn indented(value: &Value) -> Vec<u8> {
    let text = serde_json::to_vec_pretty(value).expect("JSON values serialise");
    // Exactly: a province keeps 100.000 of these until the file is written, and a guess that
    // fell short doubled the buffer.
    let lines = text.iter().filter(|b| **b == b'\n').count() + 1;
    let mut out = Vec::with_capacity(text.len() + 4 * lines);
    for line in text.split(|b| *b == b'\n') {
        if !out.is_empty() {
            out.push(b'\n');
        }
        out.extend_from_slice(b"    ");
        out.extend_from_slice(line);
    }
    out
}

/// One CSV record, as the catalog's CSV writer writes it (into memory, where writing
/// strings cannot fail).
fn csv_row(fields: &[String]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(fields)
        .expect("a record of strings writes to memory");
    let mut row = w.into_inner().expect("memory takes every byte");
    row.shrink_to_fit(); // kept until the file is written, like the JSON pieces
    row
}

/// The marker that stands for an array in a document until the array's pieces replace it.
const MARK: &str = "\u{1}pieces\u{1}";

/// A placeholder value for the array at `document`'s key, replaced by [`Frame::parts`].
pub fn placeholder() -> Value {
    Value::String(MARK.into())
}

/// A document pretty-printed around its [`placeholder`] (an array one level down), ready to
/// take the array's items.
pub struct Frame {
    text: Vec<u8>,
    at: usize,
    mark: usize,
}

impl Frame {
    pub fn new(document: &Value) -> Frame {
        let text = serde_json::to_vec_pretty(document).expect("JSON values serialise");
        let mark = serde_json::to_vec(&placeholder()).expect("a string serialises");
        let at = text
            .windows(mark.len())
            .position(|w| w == mark.as_slice())
            .expect("the document holds the placeholder");
        Frame {
            text,
            at,
            mark: mark.len(),
        }
    }

    /// The document's bytes (with its final newline), `items` in place of the placeholder,
    /// as parts to write one after another: a province's catalog is hundreds of megabytes,
    /// never joined in memory.
    pub fn parts<'a>(&'a self, items: impl Iterator<Item = &'a [u8]>) -> Vec<&'a [u8]> {
        let mut parts: Vec<&[u8]> = vec![&self.text[..self.at], b"["];
        let mut any = false;
        for item in items {
            parts.push(if any { b",\n" } else { b"\n" });
            parts.push(item);
            any = true;
        }
        parts.push(if any { b"\n  ]" } else { b"]" });
        parts.push(&self.text[self.at + self.mark..]);
        parts.push(b"\n");
        parts
    }
}
