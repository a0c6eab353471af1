//! The Vietnamese analyzer, shared by indexing and querying (and mirrored line for line by
//! `themes/default/static/assets/search.js`, so the browser finds exactly what tantivy finds).
//!
//! Text → NFC → syllables → lowercase → fold. Vietnamese writes one syllable per word-piece,
//! so splitting on anything that is not a letter or digit gives syllables. Citizens usually
//! type without diacritics, so matching happens on the folded form (`đăng` → `dang`, with
//! `đ` → `d`); the accent-preserving form is kept too, to reward a query typed with them.
//! A `.` between a digit and a letter or digit stays inside the token, so procedure codes
//! (`1.001193`, `2.000620.000.00.00.H14`) are one token each.

use crate::text::{fold, nfc};

/// Tokens longer than this (in chars) are dropped: they are never typed (base64, URLs).
pub const MAX_TOKEN_CHARS: usize = 40;

/// One analysed syllable: as written (lowercase, NFC) and folded to ASCII.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    pub accented: String,
    pub folded: String,
}

impl Syllable {
    /// Whether the syllable was written with diacritics (or đ).
    pub fn has_marks(&self) -> bool {
        self.accented != self.folded
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into lowercase NFC tokens (see the module doc for the rule).
pub fn tokens(text: &str) -> Vec<String> {
    let text = nfc(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let joins_code = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric());
        if is_word_char(c) || joins_code {
            cur.push(c);
        } else if !cur.is_empty() {
            push_token(&mut out, std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        push_token(&mut out, cur);
    }
    out
}

fn push_token(out: &mut Vec<String>, token: String) {
    if token.chars().count() <= MAX_TOKEN_CHARS {
        out.push(token.to_lowercase());
    }
}

/// The syllables of `text`, accented and folded.
pub fn syllables(text: &str) -> Vec<Syllable> {
    tokens(text)
        .into_iter()
        .map(|accented| Syllable {
            folded: fold(&accented),
            accented,
        })
        .collect()
}

/// The folded forms of `text`'s syllables.
pub fn folded(text: &str) -> Vec<String> {
    tokens(text).iter().map(|t| fold(t)).collect()
}

/// Pairs of consecutive folded syllables, joined by a space (`dang ky`, `ky khai`): most
/// Vietnamese words are two syllables, so a pair matches a word, not two stray syllables.
pub fn bigrams(folded: &[String]) -> Vec<String> {
    folded
        .windows(2)
        .map(|w| format!("{} {}", w[0], w[1]))
        .collect()
}

/// The tokens a procedure code is found by: every dot-prefix of two components or more, so
/// the national code `2.000620` finds `2.000620.000.00.00.H14`.
pub fn code_tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in folded(code) {
        let parts: Vec<&str> = token.split('.').collect();
        for n in 2..=parts.len() {
            let prefix = parts[..n].join(".");
            if !out.contains(&prefix) {
                out.push(prefix);
            }
        }
        if parts.len() < 2 && !out.contains(&token) {
            out.push(token);
        }
    }
    out
}

/// A query, analysed: its distinct syllables (first occurrence order) and distinct bigrams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<Syllable>,
    pub bigrams: Vec<String>,
}

/// Analyses a query the way `search.js` does.
pub fn query(q: &str) -> Query {
    let all = syllables(q);
    let folded_all: Vec<String> = all.iter().map(|s| s.folded.clone()).collect();
    let mut terms: Vec<Syllable> = Vec::new();
    for s in all {
        if !terms
            .iter()
            .any(|t| t.folded == s.folded && t.accented == s.accented)
        {
            terms.push(s);
        }
    }
    let mut pairs: Vec<String> = Vec::new();
    for b in bigrams(&folded_all) {
        if !pairs.contains(&b) {
            pairs.push(b);
        }
    }
    Query {
        terms,
        bigrams: pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_syllables_and_keeps_accents() {
        let s = syllables("Đăng ký KHAI SINH");
        let folded: Vec<_> = s.iter().map(|s| s.folded.as_str()).collect();
        let accented: Vec<_> = s.iter().map(|s| s.accented.as_str()).collect();
        assert_eq!(folded, ["dang", "ky", "khai", "sinh"]);
        assert_eq!(accented, ["đăng", "ký", "khai", "sinh"]);
        assert!(s[0].has_marks() && !s[2].has_marks());
    }

    #[test]
    fn nfd_input_is_not_split_inside_syllables() {
        let nfd = "Chu\u{031B}\u{0301}ng thu\u{031B}\u{0323}c";
        assert_eq!(folded(nfd), ["chung", "thuc"]);
        assert_eq!(tokens(nfd), ["chứng", "thực"]);
    }

    #[test]
    fn codes_stay_whole_and_national_prefix_finds_provincial_code() {
        assert_eq!(tokens("Mã 1.001193, hết."), ["mã", "1.001193", "hết"]);
        assert_eq!(
            code_tokens("2.000620.000.00.00.H14"),
            [
                "2.000620",
                "2.000620.000",
                "2.000620.000.00",
                "2.000620.000.00.00",
                "2.000620.000.00.00.h14"
            ]
        );
        assert_eq!(tokens("năm 2020. Sau"), ["năm", "2020", "sau"]);
    }

    #[test]
    fn query_terms_are_distinct_with_bigrams() {
        let q = query("khai sinh, khai sinh");
        assert_eq!(q.terms.len(), 2);
        assert_eq!(q.bigrams, ["khai sinh", "sinh khai"]);
        assert!(query(" ,.; ").terms.is_empty());
    }
}
