//! The search analyzer on any query a citizen (or an attacker) can type: never a panic; every
//! term is one non-empty token with its folded form; bigrams pair two terms; and for text in
//! the Vietnamese alphabet, typing without diacritics gives the same folded terms as typing
//! with them ("dang ky khai sinh" finds "Đăng ký khai sinh").
#![no_main]

use congkhai::search::analyzer::{self, MAX_TOKEN_CHARS};
use congkhai::text::fold;
use libfuzzer_sys::fuzz_target;

const VIETNAMESE: &str =
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";

fuzz_target!(|q: &str| {
    let query = analyzer::query(q);
    for t in &query.terms {
        assert!(!t.accented.is_empty());
        assert!(!t.accented.chars().any(char::is_whitespace), "{t:?}");
        assert_eq!(t.folded, fold(&t.accented));
        // Lowercasing may lengthen a token a little (İ → i̇), never by much.
        assert!(t.accented.chars().count() <= 3 * MAX_TOKEN_CHARS, "{t:?}");
    }
    for (i, a) in query.terms.iter().enumerate() {
        assert!(!query.terms[i + 1..].contains(a), "duplicate term {a:?}");
    }
    for b in &query.bigrams {
        assert_eq!(b.matches(' ').count(), 1, "{b:?}");
    }
    let vietnamese = q.chars().all(|c| {
        c == ' '
            || c.is_ascii_digit()
            || VIETNAMESE.contains(c)
            || VIETNAMESE.contains(c.to_lowercase().next().unwrap_or(c))
    });
    if vietnamese {
        assert_eq!(
            analyzer::folded(q),
            analyzer::folded(&fold(q)),
            "diacritics change the folded terms of {q:?}"
        );
    }
});
