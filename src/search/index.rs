//! The tantivy index: schema, documents from the model, and the query both the `search`
//! command and (mirrored) the browser run.
//!
//! Text is analysed by [`super::analyzer`] and handed to tantivy as its tokens joined by a
//! separator that [`Split`] cuts again, so the index holds exactly the terms the browser
//! computes. (tantivy's pre-tokenized text does the same but serialises every token on its
//! way to the indexing thread: that was most of the index's build time.) Fields keep term frequencies and field norms
//! (BM25 needs both) but no positions: syllable pairs give phrase-like precision at a fraction
//! of the size.

use std::path::Path;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};
use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument, Term};

use super::analyzer::{self, Syllable};
use crate::model::{Portal, Procedure};

/// The searched fields, in the order of their ids in the exported files, with their boosts.
/// Boosts are exactly representable in f32 (tantivy) and f64 (the browser).
pub const FIELDS: [(&str, f32); 6] = [
    ("name", 6.0),     // folded syllables of the name
    ("code", 6.0),     // the code and its dot-prefixes
    ("keywords", 3.0), // folded syllables of each keyword
    ("body", 1.0),     // everything else a citizen may remember (see `body_text`)
    ("accents", 1.5),  // name and keywords as written, for queries typed with diacritics
    ("pairs", 2.0),    // folded syllable pairs of the name and keywords
];

pub const NAME: usize = 0;
pub const CODE: usize = 1;
pub const KEYWORDS: usize = 2;
pub const BODY: usize = 3;
pub const ACCENTS: usize = 4;
pub const PAIRS: usize = 5;

/// The fields a query syllable is looked up in by its folded form.
pub const FOLDED_FIELDS: [usize; 4] = [NAME, CODE, KEYWORDS, BODY];

/// The schema's fields: the searched ones (by the index in [`FIELDS`]) and the stored ones
/// the `search` command prints.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub searched: [Field; 6],
    pub slug: Field,
    pub code: Field,
    pub name: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(SPLIT)
        .set_fieldnorms(true)
        .set_index_option(IndexRecordOption::WithFreqs);
    let opts = TextOptions::default().set_indexing_options(indexing);
    let searched = FIELDS.map(|(name, _)| b.add_text_field(name, opts.clone()));
    let slug = b.add_text_field("stored_slug", STORED);
    let code = b.add_text_field("stored_code", STORED);
    let name = b.add_text_field("stored_name", STORED);
    (
        b.build(),
        Fields {
            searched,
            slug,
            code,
            name,
        },
    )
}

fn fields_of(index: &Index) -> tantivy::Result<Fields> {
    let s = index.schema();
    let mut searched = Vec::new();
    for (name, _) in FIELDS {
        searched.push(s.get_field(name)?);
    }
    Ok(Fields {
        searched: searched.try_into().expect("six fields"),
        slug: s.get_field("stored_slug")?,
        code: s.get_field("stored_code")?,
        name: s.get_field("stored_name")?,
    })
}

/// The tokenizer of the searched fields: the text is the analyser's tokens joined by [`SEP`].
const SPLIT: &str = "congkhai-split";
/// Never in a token: tokens come from content, where control characters are refused.
const SEP: char = '\u{1f}';

/// Cuts the text at [`SEP`]: each piece one token, at consecutive positions.
#[derive(Clone)]
struct Split;

struct SplitStream<'a> {
    pieces: std::str::Split<'a, char>,
    token: Token,
    started: bool,
}

impl Tokenizer for Split {
    type TokenStream<'a> = SplitStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SplitStream<'a> {
        SplitStream {
            pieces: text.split(SEP),
            token: Token::default(),
            started: false,
        }
    }
}

impl TokenStream for SplitStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(piece) = self.pieces.next() else {
            return false;
        };
        if self.started {
            self.token.position += 1;
        } else {
            self.token.position = 0;
            self.started = true;
        }
        self.token.text.clear();
        self.token.text.push_str(piece);
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Adds `tokens` to `field` of `doc` (nothing for none: an empty text would be one token).
fn add_tokens(doc: &mut TantivyDocument, field: Field, tokens: &[String]) {
    if !tokens.is_empty() {
        doc.add_text(field, tokens.join(&SEP.to_string()));
    }
}

/// The text of a procedure that is not its name, code or keywords: what a citizen may remember
/// of it (the field, the agency, the result, the papers to bring, the steps).
fn body_text(portal: &Portal, p: &Procedure) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(f) = portal.field(&p.field) {
        parts.push(f.name.clone());
    }
    parts.push(p.agency.clone());
    parts.extend(p.decides.clone());
    parts.push(p.result.clone());
    parts.extend(p.subjects.iter().cloned());
    parts.extend(p.dossier.items.iter().map(|i| i.name.clone()));
    parts.extend(p.fees.iter().map(|f| f.name.clone()));
    parts.extend(p.legal_basis.iter().cloned());
    let b = &p.body;
    for s in b
        .intro
        .iter()
        .chain(std::iter::once(&b.steps))
        .chain(&b.requirements)
        .chain(&b.notes)
        .chain(&b.others)
    {
        parts.push(s.title.clone());
        parts.push(s.text.clone());
    }
    parts
}

/// The tokens of each searched field of a procedure (by the index in [`FIELDS`]): what its
/// tantivy document holds, and what `serve` keeps of it between builds.
pub fn tokens(portal: &Portal, p: &Procedure) -> [Vec<String>; 6] {
    let name = analyzer::syllables(&p.name);
    let folded_name: Vec<String> = name.iter().map(|s| s.folded.clone()).collect();
    let code = analyzer::code_tokens(p.code.as_deref().unwrap_or(""));
    let mut accents: Vec<String> = name.iter().map(|s| s.accented.clone()).collect();
    let mut keywords = Vec::new();
    let mut pairs = analyzer::bigrams(&folded_name);
    for k in &p.keywords {
        let syl = analyzer::syllables(k);
        let folded: Vec<String> = syl.iter().map(|s| s.folded.clone()).collect();
        pairs.extend(analyzer::bigrams(&folded));
        keywords.extend(folded);
        accents.extend(syl.into_iter().map(|s| s.accented));
    }
    let body: Vec<String> = body_text(portal, p)
        .iter()
        .flat_map(|t| analyzer::folded(t))
        .collect();
    [folded_name, code, keywords, body, accents, pairs]
}

/// One tantivy document per procedure.
fn document(portal: &Portal, p: &Procedure, f: &Fields) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    for (field, tokens) in f.searched.iter().zip(tokens(portal, p)) {
        add_tokens(&mut doc, *field, &tokens);
    }
    doc.add_text(f.slug, &p.slug);
    doc.add_text(f.code, p.code.as_deref().unwrap_or(""));
    doc.add_text(f.name, &p.name);
    doc
}

/// Indexes `docs` (in this order: tantivy's doc ids are their positions) into a new index in
/// `dir`, or in memory without one. One writer thread and one commit give a single segment,
/// which the export and the tie order (document order) rely on.
pub fn build(portal: &Portal, docs: &[&Procedure], dir: Option<&Path>) -> tantivy::Result<Index> {
    let (schema, fields) = schema();
    let index = match dir {
        Some(dir) => Index::create_in_dir(dir, schema)?,
        None => Index::create_in_ram(schema),
    };
    index
        .tokenizers()
        .register(SPLIT, TextAnalyzer::from(Split));
    // The arena grows as needed; the budget only has to be large enough never to flush early.
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 1 << 30)?;
    // Documents are analysed side by side, a batch at a time (a province's whole catalog of
    // analysed documents would be a gigabyte), and added in order on this thread.
    use rayon::prelude::*;
    for batch in docs.chunks(512) {
        let made: Vec<TantivyDocument> = batch
            .par_iter()
            .map(|p| document(portal, p, &fields))
            .collect();
        for doc in made {
            writer.add_document(doc)?;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let segments = index.searchable_segment_ids()?.len();
    if segments > 1 {
        return Err(tantivy::TantivyError::InternalError(format!(
            "the search index has {segments} segments; one was expected"
        )));
    }
    Ok(index)
}

/// A match, as `congkhai search --json` prints it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub url: String,
    pub code: String,
    pub name: String,
    pub score: f32,
    /// The document's position in the index (list order of the active procedures).
    #[serde(skip)]
    pub doc: u32,
}

/// The hits of one search.
#[derive(Debug, Clone)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// How many documents matched in all.
    pub total: usize,
    /// True when no document had every term, so any term was enough.
    pub fallback: bool,
}

fn term_query(field: Field, text: &str, boost: f32) -> Box<dyn Query> {
    let q = TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    );
    Box::new(BoostQuery::new(Box::new(q), boost))
}

/// The clause of one query syllable: its folded form in the folded fields, and its accented
/// form in `accents` when it was typed with diacritics. Scores are summed.
fn syllable_clause(f: &Fields, s: &Syllable) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> = FOLDED_FIELDS
        .iter()
        .map(|&i| {
            (
                Occur::Should,
                term_query(f.searched[i], &s.folded, FIELDS[i].1),
            )
        })
        .collect();
    if s.has_marks() {
        should.push((
            Occur::Should,
            term_query(f.searched[ACCENTS], &s.accented, FIELDS[ACCENTS].1),
        ));
    }
    Box::new(BooleanQuery::new(should))
}

/// The tantivy query for `q`: every syllable required (`Must`) or, for the fallback, any
/// (`Should`); syllable pairs only add to the score.
pub fn query(f: &Fields, q: &analyzer::Query, require_all: bool) -> BooleanQuery {
    let occur = if require_all {
        Occur::Must
    } else {
        Occur::Should
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = q
        .terms
        .iter()
        .map(|s| (occur, syllable_clause(f, s)))
        .collect();
    for b in &q.bigrams {
        clauses.push((
            Occur::Should,
            term_query(f.searched[PAIRS], b, FIELDS[PAIRS].1),
        ));
    }
    BooleanQuery::new(clauses)
}

/// Runs `q` over `index`: every syllable required, and if nothing has them all, any.
pub fn search(index: &Index, q: &str, limit: usize) -> tantivy::Result<Found> {
    let f = fields_of(index)?;
    let analysed = analyzer::query(q);
    if analysed.terms.is_empty() {
        return Ok(Found {
            hits: Vec::new(),
            total: 0,
            fallback: false,
        });
    }
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let collector = (TopDocs::with_limit(limit.max(1)).order_by_score(), Count);
    let (mut top, mut total) = searcher.search(&query(&f, &analysed, true), &collector)?;
    let mut fallback = false;
    if total == 0 && analysed.terms.len() > 1 {
        (top, total) = searcher.search(&query(&f, &analysed, false), &collector)?;
        fallback = true;
    }
    let mut hits = Vec::new();
    for (score, addr) in top.into_iter().take(limit) {
        let DocAddress { doc_id, .. } = addr;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        hits.push(Hit {
            url: format!("thu-tuc/{}/", text(f.slug)),
            code: text(f.code),
            name: text(f.name),
            score,
            doc: doc_id,
        });
    }
    Ok(Found {
        hits,
        total,
        fallback,
    })
}
