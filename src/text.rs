//! Vietnamese text: normalisation, ASCII folding, slugs, collation and number formatting.
//!
//! Kept in one place because the site, the search analyzer and the print listings must agree
//! on every rule (a list sorted one way on screen and another on paper would confuse staff).

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

/// Normalises text to NFC: content may arrive in NFD from some editors (macOS), and a
/// decomposed "ế" would otherwise compare, sort and search differently from a composed one.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Folds Vietnamese letters to ASCII: diacritics are dropped and đ/Đ become d/D.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            c if is_combining_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}')
}

/// A URL slug: lowercase ASCII letters, digits and `-`.
/// A control character no page can show (NUL, BEL, ESC, DEL, C1…): line breaks and tabs
/// are text. Such characters come from paste accidents or YAML escapes like `"\0"`, and
/// would otherwise reach the HTML, the PDFs and the open data.
pub fn is_stray_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// The byte offset and character of every stray control character in `s`.
pub fn stray_controls(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    s.char_indices().filter(|(_, c)| is_stray_control(*c))
}

/// How a stray control character is named in messages: `U+0007`.
pub fn codepoint(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Whether `s` is a valid slug: non-empty, lowercase ASCII letters, digits and single `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
/// with the letters Vietnamese does not use (f j w z) placed where the Latin alphabet puts them.
const ALPHABET: &[&str] = &[
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
    "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
];

/// Tone marks in the CLDR Vietnamese order: ngang, huyền, hỏi, ngã, sắc, nặng.
fn tone_rank(c: char) -> Option<u8> {
    Some(match c {
        '\u{0300}' => 1, // huyền
        '\u{0309}' => 2, // hỏi
        '\u{0303}' => 3, // ngã
        '\u{0301}' => 4, // sắc
        '\u{0323}' => 5, // nặng
        _ => return None,
    })
}

/// A sort key for Vietnamese alphabetical order: letters first (with ă, â, đ, ê, ô, ơ, ư as
/// letters of their own), tones only to break ties, case last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollationKey {
    letters: Vec<u32>,
    tones: Vec<u8>,
    text: String,
}

impl Ord for CollationKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.letters
            .cmp(&other.letters)
            .then_with(|| self.tones.cmp(&other.tones))
            .then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for CollationKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Builds the [`CollationKey`] of `s`.
pub fn collation_key(s: &str) -> CollationKey {
    let mut letters = Vec::new();
    let mut tones = Vec::new();
    let lower = s.to_lowercase();
    let mut chars = lower.nfd().peekable();
    while let Some(c) = chars.next() {
        if tone_rank(c).is_some() || is_combining_mark(c) {
            continue; // a stray mark without a base letter
        }
        // Gather the letter's own marks (breve, circumflex, horn) and its tone.
        let mut base = c.to_string();
        let mut tone = 0;
        while let Some(&m) = chars.peek() {
            if let Some(t) = tone_rank(m) {
                tone = t;
            } else if is_combining_mark(m) {
                base.push(m);
            } else {
                break;
            }
            chars.next();
        }
        let letter: String = base.nfc().collect();
        let rank = match ALPHABET.iter().position(|l| *l == letter) {
            Some(i) => 0x1_0000 + i as u32 * 4,
            // Digits, spaces and punctuation sort before letters, by code point.
            None => c as u32,
        };
        letters.push(rank);
        tones.push(tone);
    }
    CollationKey {
        letters,
        tones,
        text: s.to_string(),
    }
}

/// "Quý I/2020" → "quý I/2020": for labels inside a sentence.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}

/// Formats a whole number the Vietnamese way: `7.599`, `1.250.000`.
pub fn format_int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// Formats a decimal the Vietnamese way with at most `decimals` places, trailing zeros
/// dropped: `98,5`, `0,5`, `12`.
pub fn format_decimal(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (s.as_str(), ""),
    };
    let int: i64 = int.parse().unwrap_or(0);
    let sign = if x < 0.0 && int == 0 && !frac.is_empty() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{}", format_int(int))
    } else {
        format!("{sign}{},{frac}", format_int(int))
    }
}

/// Escapes text for XML and HTML text or attribute values (`&`, `<`, `>`, `"`), for the
/// markup we write without a template: SVG charts, QR codes, the sitemap.
pub fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A sum of money: `50.000 đồng`.
pub fn format_money(amount: u64) -> String {
    format!("{} đồng", format_int(amount as i64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_vietnamese_letter() {
        assert_eq!(fold("Đăng ký khai sinh"), "Dang ky khai sinh");
        assert_eq!(fold("Chứng thực đỗ ưởng ỵ"), "Chung thuc do uong y");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slugify("Xã Hưng Long"), "xa-hung-long");
        assert_eq!(slugify("  Đăng ký -- kết hôn!"), "dang-ky-ket-hon");
        assert!(is_slug("xa-hung-long") && !is_slug("Xa") && !is_slug("a--b") && !is_slug(""));
    }

    #[test]
    fn vietnamese_alphabetical_order() {
        let mut words = vec![
            "đường",
            "dương",
            "ăn",
            "an",
            "ân",
            "bà",
            "ba",
            "bá",
            "cơ",
            "co",
            "cô",
        ];
        words.sort_by_key(|w| collation_key(w));
        assert_eq!(
            words,
            [
                "an",
                "ăn",
                "ân",
                "ba",
                "bà",
                "bá",
                "co",
                "cô",
                "cơ",
                "dương",
                "đường"
            ]
        );
        // Letters decide before tones: "bả" < "bac".
        assert!(collation_key("bả") < collation_key("bac"));
    }

    #[test]
    fn numbers_in_vietnamese_style() {
        assert_eq!(format_int(7599), "7.599");
        assert_eq!(format_int(1_250_000), "1.250.000");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_decimal(98.5, 1), "98,5");
        assert_eq!(format_decimal(100.0, 1), "100");
        assert_eq!(format_decimal(0.5, 2), "0,5");
        assert_eq!(format_money(50_000), "50.000 đồng");
    }
}
