//! The search files under `serve`: kept from one build to the next together with the
//! postings they were made from, and patched for the procedures an edit changed.
//!
//! Made whole, the files of a province's index (10.000 procedures, 60.000 terms) take
//! 100–150 ms on every save, most of it counting every token of every procedure again. An
//! edit changes the terms of one procedure: patched, only that procedure's old and new terms
//! are looked at, and only the shards holding them, the field norms, its summary group, the
//! vocabulary of the initials it touched and `meta.json` are made again. The files are the
//! same bytes a whole export makes (the random-edit tests compare `serve` with `build`).
//!
//! The patch keeps document ids: when the list of procedures changes (one added, removed,
//! renamed into another place in the order) or the shard count changes, or the fields do,
//! everything is made again from each procedure's kept tokens.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::tokenizer::MAX_TOKEN_LEN;

use super::export::{self, GROUP, Posting};
use super::index::{FIELDS, KEYWORDS, NAME, PAIRS};
use crate::model::{Portal, Procedure};

/// A procedure's tokens by field (see [`super::index::tokens`]).
pub type Tokens = Arc<[Vec<String>; 6]>;

/// The exported files and what they were made from.
pub struct Kept {
    /// A hash of what the files depend on besides the documents (the fields).
    context: u64,
    /// The documents in order: their slugs, the keys of their tokens, the tokens.
    slugs: Vec<String>,
    keys: Vec<u64>,
    tokens: Vec<Tokens>,
    /// Tokens counted per document and field (tantivy leaves out the overlong), and their
    /// sum per field.
    counts: Vec<[u32; 6]>,
    totals: [u64; 6],
    /// Every term's postings, in field order.
    terms: BTreeMap<String, Vec<Posting>>,
    /// The terms of each shard.
    shards: Vec<BTreeSet<String>>,
    epoch: [u8; 8],
    /// The files, by path in the index folder, with their hashes.
    files: BTreeMap<String, (Vec<u8>, u64)>,
}

/// A field's tokens as tantivy counts them: how many, and each term's frequency.
fn counted(list: &[String]) -> (u32, HashMap<&str, u32>) {
    let mut count = 0;
    let mut freqs: HashMap<&str, u32> = HashMap::new();
    for t in list.iter().filter(|t| t.len() <= MAX_TOKEN_LEN) {
        count += 1;
        *freqs.entry(t.as_str()).or_default() += 1;
    }
    (count, freqs)
}

fn context(portal: &Portal) -> u64 {
    let fields: Vec<(&str, &str)> = portal
        .fields
        .iter()
        .map(|f| (f.slug.as_str(), f.name.as_str()))
        .collect();
    crate::memo::hash_debug(0, &fields)
}

impl Kept {
    /// Brings the files kept in `slot` up to date with `docs` (the active procedures in
    /// order), whose tokens have the keys `keys` and are made by `tokens` (called only for the
    /// documents whose key changed, or for all when everything is made again).
    pub fn update<'s>(
        slot: &'s mut Option<Kept>,
        portal: &Portal,
        docs: &[&Procedure],
        keys: Vec<u64>,
        tokens: &(dyn Fn(usize) -> Tokens + Sync),
    ) -> &'s Kept {
        let context = context(portal);
        let patched = match slot {
            Some(kept)
                if kept.context == context
                    && kept.slugs.len() == docs.len()
                    && kept.slugs.iter().zip(docs).all(|(s, p)| *s == p.slug) =>
            {
                kept.patch(portal, docs, &keys, tokens)
            }
            _ => false,
        };
        if !patched {
            use rayon::prelude::*;
            let all: Vec<Tokens> = (0..docs.len()).into_par_iter().map(tokens).collect();
            *slot = Some(Kept::new(portal, docs, keys, all, context));
        }
        slot.as_ref().expect("kept or made")
    }

    /// The files, by path in the index folder, with their hashes.
    pub fn files(&self) -> impl Iterator<Item = (&str, &[u8], u64)> {
        self.files
            .iter()
            .map(|(path, (bytes, hash))| (path.as_str(), bytes.as_slice(), *hash))
    }

    /// Everything made from the tokens: the postings counted as tantivy counts them (a
    /// lookup per token, sorted once at the end), then every file.
    fn new(
        portal: &Portal,
        docs: &[&Procedure],
        keys: Vec<u64>,
        tokens: Vec<Tokens>,
        context: u64,
    ) -> Kept {
        let n = docs.len();
        let mut counts = vec![[0u32; 6]; n];
        let mut totals = [0u64; 6];
        let mut fields: Vec<HashMap<&str, Posting>> =
            (0..FIELDS.len()).map(|_| HashMap::new()).collect();
        for (doc, fields_of_doc) in tokens.iter().enumerate() {
            for (fid, list) in fields_of_doc.iter().enumerate() {
                let mut count = 0u32;
                for t in list.iter().filter(|t| t.len() <= MAX_TOKEN_LEN) {
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
                counts[doc][fid] = count;
                totals[fid] += u64::from(count);
            }
        }
        // Every (term, posting), sorted by term then field.
        let mut all: Vec<(&str, Posting)> = fields.into_iter().flatten().collect();
        all.sort_unstable_by(|(a, p), (b, q)| a.cmp(b).then(p.field.cmp(&q.field)));
        let mut grouped: Vec<(String, Vec<Posting>)> = Vec::new();
        for (term, posting) in all {
            match grouped.last_mut() {
                Some((last, postings)) if last == term => postings.push(posting),
                _ => grouped.push((term.to_string(), vec![posting])),
            }
        }
        let shard_n = export::shard_count(grouped.len());
        let mut shards = vec![BTreeSet::new(); shard_n];
        for (term, _) in &grouped {
            shards[export::shard_of(term.as_bytes(), shard_n)].insert(term.clone());
        }
        let terms: BTreeMap<String, Vec<Posting>> = grouped.into_iter().collect();
        let mut kept = Kept {
            context,
            slugs: docs.iter().map(|p| p.slug.clone()).collect(),
            keys,
            tokens,
            counts,
            totals,
            terms,
            shards,
            epoch: export::epoch(docs, shard_n),
            files: BTreeMap::new(),
        };
        for s in 0..shard_n {
            kept.write_shard(s);
        }
        for fid in 0..FIELDS.len() {
            kept.write_norms(fid);
        }
        for g in 0..n.div_ceil(GROUP) {
            kept.write_summaries(portal, docs, g);
        }
        let initials: BTreeSet<String> = kept.terms.keys().map(|t| export::vocab_key(t)).collect();
        for key in initials {
            kept.write_vocab(&key);
        }
        kept.write_meta(portal);
        kept
    }

    /// Patches the postings and files for the documents whose key changed; `false` when the
    /// shard count would change (then everything has to be made again).
    fn patch(
        &mut self,
        portal: &Portal,
        docs: &[&Procedure],
        keys: &[u64],
        tokens: &(dyn Fn(usize) -> Tokens + Sync),
    ) -> bool {
        let changed: Vec<usize> = (0..keys.len())
            .filter(|&i| keys[i] != self.keys[i])
            .collect();
        if changed.is_empty() {
            return true;
        }
        let mut dirty: BTreeSet<String> = BTreeSet::new();
        let mut initials: BTreeSet<String> = BTreeSet::new();
        let mut norms = [false; 6];
        for &i in &changed {
            let new_tokens = tokens(i);
            let old_tokens = Arc::clone(&self.tokens[i]);
            let doc = i as u32;
            for fid in 0..FIELDS.len() {
                let (old_count, old) = counted(&old_tokens[fid]);
                let (new_count, new) = counted(&new_tokens[fid]);
                if old_count != new_count {
                    self.counts[i][fid] = new_count;
                    self.totals[fid] =
                        self.totals[fid] - u64::from(old_count) + u64::from(new_count);
                    norms[fid] = true;
                }
                let in_vocab = [NAME, KEYWORDS, PAIRS].contains(&fid);
                for term in old.keys().filter(|t| !new.contains_key(*t)) {
                    self.remove(term, fid as u8, doc);
                    dirty.insert(term.to_string());
                    if in_vocab {
                        initials.insert(export::vocab_key(term));
                    }
                }
                for (term, &tf) in new.iter().filter(|(t, tf)| old.get(*t) != Some(*tf)) {
                    self.set(term, fid as u8, doc, tf);
                    dirty.insert(term.to_string());
                    if in_vocab {
                        initials.insert(export::vocab_key(term));
                    }
                }
            }
            self.tokens[i] = new_tokens;
            self.keys[i] = keys[i];
        }
        let shard_n = self.shards.len();
        if export::shard_count(self.terms.len()) != shard_n {
            return false;
        }
        let mut shards = BTreeSet::new();
        for term in dirty {
            let s = export::shard_of(term.as_bytes(), shard_n);
            shards.insert(s);
            if self.terms.contains_key(&term) {
                self.shards[s].insert(term);
            } else {
                self.shards[s].remove(&term);
            }
        }
        for s in shards {
            self.write_shard(s);
        }
        for fid in (0..FIELDS.len()).filter(|&f| norms[f]) {
            self.write_norms(fid);
        }
        let groups: BTreeSet<usize> = changed.iter().map(|i| i / GROUP).collect();
        for g in groups {
            self.write_summaries(portal, docs, g);
        }
        for key in initials {
            self.write_vocab(&key);
        }
        self.write_meta(portal);
        true
    }

    /// `doc`'s frequency of `term` in `field` is now `tf` (> 0).
    fn set(&mut self, term: &str, field: u8, doc: u32, tf: u32) {
        let postings = match self.terms.get_mut(term) {
            Some(p) => p,
            None => self.terms.entry(term.to_string()).or_default(),
        };
        match postings.iter().position(|p| p.field >= field) {
            Some(k) if postings[k].field == field => {
                let p = &mut postings[k];
                match p.docs.binary_search(&doc) {
                    Ok(j) => p.freqs[j] = tf,
                    Err(j) => {
                        p.docs.insert(j, doc);
                        p.freqs.insert(j, tf);
                    }
                }
            }
            at => postings.insert(
                at.unwrap_or(postings.len()),
                Posting {
                    field,
                    docs: vec![doc],
                    freqs: vec![tf],
                },
            ),
        }
    }

    /// `doc` no longer has `term` in `field`.
    fn remove(&mut self, term: &str, field: u8, doc: u32) {
        let Some(postings) = self.terms.get_mut(term) else {
            return;
        };
        if let Some(k) = postings.iter().position(|p| p.field == field) {
            let p = &mut postings[k];
            if let Ok(j) = p.docs.binary_search(&doc) {
                p.docs.remove(j);
                p.freqs.remove(j);
            }
            if p.docs.is_empty() {
                postings.remove(k);
            }
        }
        if postings.is_empty() {
            self.terms.remove(term);
        }
    }

    fn put(&mut self, path: String, bytes: Vec<u8>) {
        let hash = crate::output::file_hash(&bytes);
        self.files.insert(path, (bytes, hash));
    }

    fn write_shard(&mut self, s: usize) {
        let mut bytes = self.epoch.to_vec();
        for term in &self.shards[s] {
            export::encode_term(&mut bytes, term.as_bytes(), &self.terms[term]);
        }
        self.put(format!("s/{s}.bin"), bytes);
    }

    fn write_norms(&mut self, fid: usize) {
        let norms: Vec<u8> = self
            .counts
            .iter()
            .map(|c| FieldNormReader::fieldnorm_to_id(c[fid]))
            .collect();
        let bytes = export::norms_file(&self.epoch, &norms);
        self.put(format!("n/{}.bin", FIELDS[fid].0), bytes);
    }

    fn write_summaries(&mut self, portal: &Portal, docs: &[&Procedure], g: usize) {
        let chunk = &docs[g * GROUP..docs.len().min((g + 1) * GROUP)];
        let bytes = export::summaries_file(portal, &self.epoch, chunk);
        self.put(format!("r/{g}.json"), bytes);
    }

    /// The vocabulary file of the initial `key`, or none when no term of it is listed.
    fn write_vocab(&mut self, key: &str) {
        let candidates: Box<dyn Iterator<Item = (&String, &Vec<Posting>)>> = if key == "_" {
            Box::new(self.terms.iter())
        } else {
            Box::new(
                self.terms
                    .range(key.to_string()..)
                    .take_while(|(t, _)| t.starts_with(key)),
            )
        };
        let list: Vec<(&str, usize)> = candidates
            .filter(|(t, _)| export::vocab_key(t) == key)
            .map(|(t, p)| (t.as_str(), export::vocab_df(p)))
            .filter(|(_, df)| *df > 0)
            .collect();
        let path = format!("v/{key}.json");
        if list.is_empty() {
            self.files.remove(&path);
        } else {
            let bytes = export::vocab_file(&list);
            self.put(path, bytes);
        }
    }

    fn write_meta(&mut self, portal: &Portal) {
        let others = self
            .files
            .iter()
            .filter(|(path, _)| *path != "meta.json")
            .map(|(path, (_, hash))| (path.as_str(), *hash));
        let bytes = export::meta_file(
            portal,
            self.slugs.len(),
            self.shards.len(),
            &self.epoch,
            &self.totals,
            others,
        );
        self.put("meta.json".to_string(), bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random edits of procedures' tokens (terms added, removed, repeated, in every field):
    /// the patched files are those made from scratch.
    #[test]
    fn patched_files_are_the_files_made_whole() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let portal = crate::catalog::load(root).expect("the bundled catalog loads");
        let docs: Vec<&Procedure> = portal.active().collect();
        let n = docs.len();
        let mut tokens: Vec<Tokens> = docs
            .iter()
            .map(|p| Arc::new(super::super::index::tokens(&portal, p)))
            .collect();
        let mut keys: Vec<u64> = (0..n as u64).collect();
        let mut slot = None;
        let make = |t: &Vec<Tokens>| {
            let t = t.clone();
            move |i: usize| Arc::clone(&t[i])
        };
        Kept::update(&mut slot, &portal, &docs, keys.clone(), &make(&tokens));
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        let mut patched = 0;
        for step in 0..40 {
            // One to three procedures edited.
            for _ in 0..1 + next(3) {
                let i = next(n);
                let mut fields = (*tokens[i]).clone();
                let f = next(6);
                match next(4) {
                    0 => fields[f].push(format!("moi{}", next(50))),
                    1 if !fields[f].is_empty() => {
                        let k = next(fields[f].len());
                        fields[f].remove(k);
                    }
                    2 if !fields[f].is_empty() => {
                        let k = next(fields[f].len());
                        let t = fields[f][k].clone();
                        fields[f].push(t);
                    }
                    _ => {
                        // A term of another procedure, or every term gone.
                        let other = &tokens[next(n)][f];
                        if other.is_empty() {
                            fields[f].clear();
                        } else {
                            fields[f].push(other[next(other.len())].clone());
                        }
                    }
                }
                tokens[i] = Arc::new(fields);
                keys[i] = 1_000_000 + step * 10 + next(10) as u64;
            }
            let before = slot.as_ref().map(|k: &Kept| k.shards.len());
            let got: Vec<(String, Vec<u8>)> =
                Kept::update(&mut slot, &portal, &docs, keys.clone(), &make(&tokens))
                    .files()
                    .map(|(p, b, _)| (p.to_string(), b.to_vec()))
                    .collect();
            if before == slot.as_ref().map(|k| k.shards.len()) {
                patched += 1;
            }
            let mut fresh = None;
            let want: Vec<(String, Vec<u8>)> =
                Kept::update(&mut fresh, &portal, &docs, keys.clone(), &make(&tokens))
                    .files()
                    .map(|(p, b, _)| (p.to_string(), b.to_vec()))
                    .collect();
            assert!(got == want, "step {step}: patched files differ");
        }
        assert!(patched > 30, "only {patched} of 40 steps patched");
    }
}
