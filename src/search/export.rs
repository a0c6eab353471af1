//! The static search files the browser reads, exported from the built tantivy index through
//! its public reader API (term dictionaries, postings with term frequencies, field norms).
//!
//! Layout under the index folder, one fixed folder (`tim-kiem/chi-muc/`): a file whose bytes
//! did not change keeps its name and bytes from build to build, so `serve` rewrites only the
//! few files an edit touches (a folder named after a hash of everything moved all 8.500
//! files of a province on every save).
//! - `meta.json`: document count, shard count, fields with boosts and token totals, tantivy's
//!   field-norm table, field names and level labels for the summaries, and two hashes:
//!   `build`, of every other file (`search.js` asks for each file with `?v=<build>`, so no
//!   browser or proxy cache hands an old file to a new `meta.json`; the browser fetches
//!   `meta.json` itself fresh), and `epoch` (see below);
//! - `s/<n>.bin`: the epoch (8 bytes), then the postings of the terms whose FNV-1a hash is
//!   `n` modulo the shard count, so one query term costs one small request. Per term: varint
//!   length, UTF-8 bytes, varint number of fields, then per field: field id byte, varint
//!   document frequency, the doc-id gaps, then the term frequencies (all varints);
//! - `n/<field>.bin`: the epoch (8 bytes), then one byte per document, tantivy's quantised
//!   field-norm id;
//! - `r/<g>.json`: `{"epoch", "rows"}`, the result summaries of documents `g*GROUP ..`,
//!   `[slug, name, code, levels, field, processing time]`;
//! - `v/<c>.json`: the folded terms and syllable pairs of names and keywords starting with `c`,
//!   with their document frequency, for prefix matching while typing (a pair `khai s…` tells
//!   which syllables follow `khai`).
//!
//! The epoch is a hash of what gives document ids and shards their meaning: the format, the
//! shard count and the documents in order. A file read with a `meta.json` of another epoch
//! (a site updated between two requests of one visitor) would point at other procedures;
//! `search.js` checks it, and on a mismatch reads `meta.json` again and runs the query anew.
//! Files of the same epoch agree on which procedure each id is; only the epoch, not every
//! edit, changes them all (adding, removing or reordering procedures moves the ids anyway).
//!
//! Everything is written in a fixed order from sorted data, so the files are byte-identical
//! across builds of the same content.

use std::collections::BTreeMap;

use serde_json::json;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Index, TERMINATED};

use super::index::{FIELDS, KEYWORDS, NAME, PAIRS};
use crate::model::{Level, Portal, Procedure};

/// Documents per summary file: a page of ten results usually touches one or two files.
pub const GROUP: usize = 32;
/// The average number of distinct terms per shard the shard count aims at.
pub const TERMS_PER_SHARD: usize = 6;

/// FNV-1a, 32 bits, over UTF-8: the shard of a term (`search.js` has the same function).
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn fnv1a64(h: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *h ^= u64::from(b);
        *h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The exported files, by path relative to the index folder.
pub struct Export {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// The format of the files, in `meta.json` and in the epoch: `search.js` reads version 2.
const FORMAT: u64 = 2;

/// The epoch of an export (see the module's doc): format, shard count, documents in order.
fn epoch(docs: &[&Procedure], shards: usize) -> [u8; 8] {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    fnv1a64(&mut h, &FORMAT.to_le_bytes());
    fnv1a64(&mut h, &(shards as u64).to_le_bytes());
    for p in docs {
        fnv1a64(&mut h, p.slug.as_bytes());
        fnv1a64(&mut h, &[0]);
    }
    h.to_be_bytes()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One field's postings of one term.
struct Posting {
    field: u8,
    docs: Vec<u32>,
    freqs: Vec<u32>,
}

pub fn export(index: &Index, portal: &Portal, docs: &[&Procedure]) -> tantivy::Result<Export> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let schema = index.schema();
    let n = docs.len();
    let mut terms: BTreeMap<Vec<u8>, Vec<Posting>> = BTreeMap::new();
    let mut tokens = vec![0u64; FIELDS.len()];
    let mut norms = vec![vec![0u8; n]; FIELDS.len()];
    for seg in searcher.segment_readers() {
        for (fid, (name, _)) in FIELDS.iter().enumerate() {
            let field = schema.get_field(name)?;
            let inverted = seg.inverted_index(field)?;
            tokens[fid] += inverted.total_num_tokens();
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let mut postings = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                let mut p = Posting {
                    field: fid as u8,
                    docs: Vec::new(),
                    freqs: Vec::new(),
                };
                while postings.doc() != TERMINATED {
                    p.docs.push(postings.doc());
                    p.freqs.push(postings.term_freq());
                    postings.advance();
                }
                terms.entry(stream.key().to_vec()).or_default().push(p);
            }
            let fieldnorms = seg.get_fieldnorms_reader(field)?;
            for (doc, norm) in norms[fid]
                .iter_mut()
                .enumerate()
                .take(seg.max_doc() as usize)
            {
                *norm = fieldnorms.fieldnorm_id(doc as u32);
            }
        }
    }

    let terms: Vec<(Vec<u8>, Vec<Posting>)> = terms.into_iter().collect();
    Ok(write(portal, docs, &terms, &tokens, norms))
}

/// The same files as [`export`] of the index [`super::index::build`] makes from `docs`,
/// made from each document's tokens (`per_doc`, in document order, see
/// [`super::index::tokens`]) without building an index: `serve` keeps the tokens of every
/// procedure and only analyses the edited ones again. It counts what tantivy counts: a term's
/// frequency per document, a field's tokens (its norm, quantised by tantivy's own table), and
/// leaves out the tokens tantivy drops (longer than its limit).
pub fn export_tokens(
    portal: &Portal,
    docs: &[&Procedure],
    per_doc: &[&[Vec<String>; 6]],
) -> Export {
    let n = docs.len();
    let mut tokens = vec![0u64; FIELDS.len()];
    let mut norms = vec![vec![0u8; n]; FIELDS.len()];
    // Hashed while counting (a lookup per token), sorted once at the end: a sorted map
    // compared every token with a dozen others.
    let mut fields: Vec<std::collections::HashMap<&str, Posting>> =
        (0..FIELDS.len()).map(|_| Default::default()).collect();
    for (doc, fields_of_doc) in per_doc.iter().enumerate() {
        for (fid, list) in fields_of_doc.iter().enumerate() {
            let mut count = 0u32;
            for t in list
                .iter()
                .filter(|t| t.len() <= tantivy::tokenizer::MAX_TOKEN_LEN)
            {
                count += 1;
                let p = fields[fid].entry(t.as_str()).or_insert_with(|| Posting {
                    field: fid as u8,
                    docs: Vec::new(),
                    freqs: Vec::new(),
                });
                if p.docs.last() == Some(&(doc as u32)) {
                    *p.freqs.last_mut().expect("one per doc") += 1;
                } else {
                    p.docs.push(doc as u32);
                    p.freqs.push(1);
                }
            }
            tokens[fid] += u64::from(count);
            norms[fid][doc] = FieldNormReader::fieldnorm_to_id(count);
        }
    }
    // Every (term, posting) in field order, then sorted by term: the sort is stable, so a
    // term's postings stay in field order.
    let mut all: Vec<(&str, Posting)> = fields.into_iter().flatten().collect();
    all.sort_by_key(|(term, p)| (term.as_bytes(), p.field));
    let mut terms: Vec<(Vec<u8>, Vec<Posting>)> = Vec::new();
    for (term, posting) in all {
        match terms.last_mut() {
            Some((last, postings)) if last.as_slice() == term.as_bytes() => postings.push(posting),
            _ => terms.push((term.as_bytes().to_vec(), vec![posting])),
        }
    }
    write(portal, docs, &terms, &tokens, norms)
}

/// The files, from the postings of every term (in field order), the token count of each
/// field and the field norms.
fn write(
    portal: &Portal,
    docs: &[&Procedure],
    terms: &[(Vec<u8>, Vec<Posting>)],
    tokens: &[u64],
    mut norms: Vec<Vec<u8>>,
) -> Export {
    let n = docs.len();
    let shards = (terms.len().div_ceil(TERMS_PER_SHARD))
        .max(1)
        .next_power_of_two();
    let epoch = epoch(docs, shards);
    let mut files = BTreeMap::new();
    let mut shard_bytes: Vec<Vec<u8>> = vec![epoch.to_vec(); shards];
    for (term, postings) in terms {
        let out = &mut shard_bytes[(fnv1a32(term) as usize) & (shards - 1)];
        varint(out, term.len() as u64);
        out.extend_from_slice(term);
        varint(out, postings.len() as u64);
        for p in postings {
            out.push(p.field);
            varint(out, p.docs.len() as u64);
            let mut prev = 0;
            for (i, &d) in p.docs.iter().enumerate() {
                varint(out, u64::from(if i == 0 { d } else { d - prev }));
                prev = d;
            }
            for &tf in &p.freqs {
                varint(out, u64::from(tf));
            }
        }
    }
    for (i, bytes) in shard_bytes.into_iter().enumerate() {
        files.insert(format!("s/{i}.bin"), bytes);
    }
    for (fid, (name, _)) in FIELDS.iter().enumerate() {
        let mut bytes = epoch.to_vec();
        bytes.append(&mut norms[fid]);
        files.insert(format!("n/{name}.bin"), bytes);
    }

    // Summaries, in document order.
    for (g, chunk) in docs.chunks(GROUP).enumerate() {
        let rows: Vec<serde_json::Value> = chunk
            .iter()
            .map(|p| {
                let levels = p.levels.iter().map(|l| match l {
                    Level::District => 1,
                    Level::Commune => 2,
                });
                let field = portal
                    .fields
                    .iter()
                    .position(|f| f.slug == p.field)
                    .unwrap_or(0);
                json!([
                    p.slug,
                    p.name,
                    p.code,
                    levels.sum::<u32>(),
                    field,
                    p.processing_time.short()
                ])
            })
            .collect();
        files.insert(
            format!("r/{g}.json"),
            serde_json::to_vec(&json!({"epoch": hex(&epoch), "rows": rows})).expect("json"),
        );
    }

    // Prefix vocabulary: folded name and keyword terms and pairs, by first character.
    let mut vocab: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for (term, postings) in terms {
        let df: usize = postings
            .iter()
            .filter(|p| [NAME, KEYWORDS, PAIRS].contains(&usize::from(p.field)))
            .map(|p| p.docs.len())
            .sum();
        if df == 0 {
            continue;
        }
        let term = String::from_utf8_lossy(term).into_owned();
        vocab.entry(vocab_key(&term)).or_default().push((term, df));
    }
    for (key, list) in vocab {
        let rows: Vec<serde_json::Value> = list.into_iter().map(|(t, df)| json!([t, df])).collect();
        files.insert(
            format!("v/{key}.json"),
            serde_json::to_vec(&rows).expect("json"),
        );
    }

    // Every file but `meta.json`, which names them by this hash.
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for (path, bytes) in &files {
        fnv1a64(&mut h, path.as_bytes());
        fnv1a64(&mut h, &crate::output::file_hash(bytes).to_le_bytes());
    }
    let table: Vec<u32> = (0..=255u8).map(FieldNormReader::id_to_fieldnorm).collect();
    let meta = json!({
        "version": FORMAT,
        "build": format!("{h:016x}"),
        "epoch": hex(&epoch),
        "docs": n,
        "shards": shards,
        "group": GROUP,
        "fields": FIELDS.iter().zip(tokens).map(|((name, boost), t)| json!({"name": name, "boost": boost, "tokens": t})).collect::<Vec<_>>(),
        "norms": table,
        "field_names": portal.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        "levels": [Level::District.label(), Level::Commune.label()],
    });
    files.insert(
        "meta.json".to_string(),
        serde_json::to_vec(&meta).expect("json"),
    );
    Export { files }
}

/// The vocabulary file of a term: its first character if an ASCII letter or digit, else `_`.
pub fn vocab_key(term: &str) -> String {
    match term.chars().next() {
        Some(c) if c.is_ascii_alphanumeric() => c.to_string(),
        _ => "_".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_and_varint_match_the_browser() {
        // Values checked against search.js's functions.
        assert_eq!(fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        let mut v = Vec::new();
        varint(&mut v, 300);
        assert_eq!(v, [0xac, 0x02]);
    }
}
