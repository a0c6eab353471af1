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
pub(super) fn epoch(docs: &[&Procedure], shards: usize) -> [u8; 8] {
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

/// One field's postings of one term: the documents (ascending) and the term's frequency in
/// each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Posting {
    pub field: u8,
    pub docs: Vec<u32>,
    pub freqs: Vec<u32>,
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

/// The number of shards for `terms` distinct terms: the power of two nearest (by ratio) to
/// `terms / TERMS_PER_SHARD`.
///
/// A power of two, so that the count, and with it which shard holds each term, stays the same
/// through most edits: an edit rewrites only the shards of the terms it touches (`serve`
/// patches just those), where a count that moved with every new term would rewrite them all.
/// The nearest one rather than the next one up: rounding up aimed at the files' size and
/// missed by up to half, and did at 100.000 generated procedures (433.042 terms gave 131.072
/// shards of 68 bytes median, where 65.536 is within 10 % of the aim); the nearest misses by
/// at most √2 either way, so a province's site carries no more files than the aim calls for,
/// each a file to write, store and upload.
pub(super) fn shard_count(terms: usize) -> usize {
    let aim = terms.div_ceil(TERMS_PER_SHARD).max(1) as u128;
    let up = aim.next_power_of_two();
    let down = up / 2;
    // Nearer to `up` by ratio when aim / down ≥ up / aim, i.e. aim² ≥ 2·down².
    let nearest = if down == 0 || aim * aim >= 2 * down * down {
        up
    } else {
        down
    };
    nearest as usize
}

/// The shard of `term` among `shards` (a power of two).
pub(super) fn shard_of(term: &[u8], shards: usize) -> usize {
    (fnv1a32(term) as usize) & (shards - 1)
}

/// Appends one term and its postings (in field order) to a shard.
pub(super) fn encode_term(out: &mut Vec<u8>, term: &[u8], postings: &[Posting]) {
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

/// The file of field norms: the epoch, then one byte per document.
pub(super) fn norms_file(epoch: &[u8; 8], norms: &[u8]) -> Vec<u8> {
    let mut bytes = epoch.to_vec();
    bytes.extend_from_slice(norms);
    bytes
}

/// The summary file of the documents `chunk` (one group).
pub(super) fn summaries_file(portal: &Portal, epoch: &[u8; 8], chunk: &[&Procedure]) -> Vec<u8> {
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
    serde_json::to_vec(&json!({"epoch": hex(epoch), "rows": rows})).expect("json")
}

/// A term's document frequency in the fields the prefix vocabulary lists (names, keywords,
/// pairs); 0 leaves it out of the vocabulary.
pub(super) fn vocab_df(postings: &[Posting]) -> usize {
    postings
        .iter()
        .filter(|p| [NAME, KEYWORDS, PAIRS].contains(&usize::from(p.field)))
        .map(|p| p.docs.len())
        .sum()
}

/// One vocabulary file: its terms (sorted) with their document frequency.
pub(super) fn vocab_file(list: &[(&str, usize)]) -> Vec<u8> {
    let rows: Vec<serde_json::Value> = list.iter().map(|(t, df)| json!([t, df])).collect();
    serde_json::to_vec(&rows).expect("json")
}

/// `meta.json`; `others`: every other file of the export with its [`file_hash`], in path
/// order (`build` is their hash).
///
/// [`file_hash`]: crate::output::file_hash
pub(super) fn meta_file<'a>(
    portal: &Portal,
    docs: usize,
    shards: usize,
    epoch: &[u8; 8],
    tokens: &[u64],
    others: impl Iterator<Item = (&'a str, u64)>,
) -> Vec<u8> {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for (path, hash) in others {
        fnv1a64(&mut h, path.as_bytes());
        fnv1a64(&mut h, &hash.to_le_bytes());
    }
    let table: Vec<u32> = (0..=255u8).map(FieldNormReader::id_to_fieldnorm).collect();
    let meta = json!({
        "version": FORMAT,
        "build": format!("{h:016x}"),
        "epoch": hex(epoch),
        "docs": docs,
        "shards": shards,
        "group": GROUP,
        "fields": FIELDS.iter().zip(tokens).map(|((name, boost), t)| json!({"name": name, "boost": boost, "tokens": t})).collect::<Vec<_>>(),
        "norms": table,
        "field_names": portal.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        "levels": [Level::District.label(), Level::Commune.label()],
    });
    serde_json::to_vec(&meta).expect("json")
}

/// The files, from the postings of every term (in field order), the token count of each
/// field and the field norms.
fn write(
    portal: &Portal,
    docs: &[&Procedure],
    terms: &[(Vec<u8>, Vec<Posting>)],
    tokens: &[u64],
    norms: Vec<Vec<u8>>,
) -> Export {
    let shards = shard_count(terms.len());
    let epoch = epoch(docs, shards);
    let mut files = BTreeMap::new();
    let mut shard_bytes: Vec<Vec<u8>> = vec![epoch.to_vec(); shards];
    for (term, postings) in terms {
        encode_term(&mut shard_bytes[shard_of(term, shards)], term, postings);
    }
    for (i, bytes) in shard_bytes.into_iter().enumerate() {
        files.insert(format!("s/{i}.bin"), bytes);
    }
    for (fid, (name, _)) in FIELDS.iter().enumerate() {
        files.insert(format!("n/{name}.bin"), norms_file(&epoch, &norms[fid]));
    }
    for (g, chunk) in docs.chunks(GROUP).enumerate() {
        files.insert(format!("r/{g}.json"), summaries_file(portal, &epoch, chunk));
    }
    // Prefix vocabulary: folded name and keyword terms and pairs, by first character.
    let mut vocab: BTreeMap<String, Vec<(&str, usize)>> = BTreeMap::new();
    for (term, postings) in terms {
        let df = vocab_df(postings);
        if df == 0 {
            continue;
        }
        // Terms come from text; one that is not could not be typed either.
        let Ok(term) = std::str::from_utf8(term) else {
            continue;
        };
        vocab.entry(vocab_key(term)).or_default().push((term, df));
    }
    for (key, list) in vocab {
        files.insert(format!("v/{key}.json"), vocab_file(&list));
    }
    let hashes: Vec<(&str, u64)> = files
        .iter()
        .map(|(path, bytes)| (path.as_str(), crate::output::file_hash(bytes)))
        .collect();
    let meta = meta_file(
        portal,
        docs.len(),
        shards,
        &epoch,
        tokens,
        hashes.into_iter(),
    );
    files.insert("meta.json".to_string(), meta);
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

    #[test]
    fn the_shard_count_is_the_nearest_power_of_two_to_the_aim() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(1), 1);
        assert_eq!(shard_count(TERMS_PER_SHARD * 1024), 1024);
        // The geometric midpoint of 4.096 and 8.192 is 5.793: below it the count stays down.
        assert_eq!(shard_count(TERMS_PER_SHARD * 5792), 4096);
        assert_eq!(shard_count(TERMS_PER_SHARD * 5793), 8192);
        // The two generated catalogs of the benchmark.
        assert_eq!(shard_count(43_044), 8192);
        assert_eq!(shard_count(433_042), 65_536);
    }
}
