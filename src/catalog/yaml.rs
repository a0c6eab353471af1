//! The only user of serde_yaml: YAML documents and Markdown front matter, with every error
//! located in the file (not in the front-matter block, a classic off-by-N in site generators).

use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::diag::Pos;

/// A YAML document inside a file: its text and the line where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Doc<'a> {
    pub text: &'a str,
    /// How many lines of the file come before `text`.
    pub line_offset: usize,
}

/// A Markdown file split into its front matter and body.
#[derive(Debug)]
pub struct FrontMatter<'a> {
    pub yaml: Doc<'a>,
    pub body: &'a str,
    /// How many lines of the file come before `body`.
    pub body_line_offset: usize,
}

/// Splits `---\n yaml \n---\n body`. Errors carry the position to report.
pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, (Pos, String)> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| (text.trim_end() == "---").then_some(""))
    else {
        return Err((Pos::new(1, 1), crate::tr!("fm-missing")));
    };
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(FrontMatter {
                yaml: Doc {
                    text: yaml,
                    line_offset: 1,
                },
                body,
                body_line_offset: i + 2,
            });
        }
        offset += line.len();
    }
    Err((Pos::new(1, 1), crate::tr!("fm-unclosed")))
}

impl<'a> Doc<'a> {
    pub fn whole(text: &'a str) -> Self {
        Doc {
            text,
            line_offset: 0,
        }
    }

    /// Converts a position inside the document to a position in the file.
    pub fn file_pos(&self, pos: Pos) -> Pos {
        Pos::new(pos.line + self.line_offset, pos.column)
    }

    /// Parses the document into a generic value (syntax check).
    pub fn value(&self) -> Result<Value, (Pos, String)> {
        serde_yaml::from_str::<Value>(self.text).map_err(|e| self.error(e))
    }

    /// Deserialises the document into `T`; the first error, located.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, (Pos, String)> {
        serde_yaml::from_str::<T>(self.text).map_err(|e| self.error(e))
    }

    /// Deserialises the document into `T`, reporting a type error in every top-level key, not
    /// only the first: serde stops at the first bad value, so each top-level `key: value` block
    /// is also parsed on its own (the other keys absent) and its own errors kept. A file with a
    /// wrong date, a text where a number belongs and a misspelt level is fixed in one round.
    pub fn parse_each_key<T: DeserializeOwned>(&self) -> Result<T, Vec<(Pos, String)>> {
        let first = match self.parse::<T>() {
            Ok(t) => return Ok(t),
            Err(e) => e,
        };
        let mut problems: Vec<(Pos, String)> = self
            .top_level_blocks()
            .into_iter()
            .filter_map(|block| match serde_yaml::from_str::<T>(block.text) {
                // Alone, a block lacks every other key: that is no problem of its own.
                Err(e) if e.to_string().starts_with("missing field `") => None,
                Err(e) => Some(block.error(e)),
                Ok(_) => None,
            })
            .collect();
        if !problems.contains(&first) {
            problems.push(first);
        }
        Err(problems)
    }

    /// [`Doc::parse_each_key`] from the document's `value` (from [`Doc::value`]) instead of
    /// its text: the YAML is not read a second time (it was a sixth of loading a province's
    /// catalog). When the value does not fit (a number where text belongs is text only when
    /// read from the text), the text is read after all, which also locates every error.
    pub fn parse_value<T: DeserializeOwned>(&self, value: Value) -> Result<T, Vec<(Pos, String)>> {
        serde_yaml::from_value(value).or_else(|_| self.parse_each_key())
    }

    /// The document cut into its top-level `key: …` blocks, each with its lines counted from the
    /// file. Empty when the document is not a plain block mapping (flow style, a key split over
    /// lines…): then only whole-document errors are reported, as before.
    fn top_level_blocks(&self) -> Vec<Doc<'a>> {
        let mut starts = Vec::new();
        let mut offset = 0;
        for (i, line) in self.text.split_inclusive('\n').enumerate() {
            let first = line.chars().next().unwrap_or(' ');
            let starts_key = !matches!(first, ' ' | '\t' | '#' | '-' | '\n' | '\r' | '{' | '[')
                && line.contains(':');
            if starts_key {
                starts.push((offset, i));
            }
            offset += line.len();
        }
        let mut blocks = Vec::new();
        for (n, &(start, line)) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(self.text.len(), |&(s, _)| s);
            let block = Doc {
                text: &self.text[start..end],
                line_offset: self.line_offset + line,
            };
            // A block that is not one `key: value` on its own means the cut was wrong.
            match block.value() {
                Ok(Value::Mapping(m)) if m.len() == 1 => blocks.push(block),
                _ => return Vec::new(),
            }
        }
        blocks
    }

    fn error(&self, e: serde_yaml::Error) -> (Pos, String) {
        let pos = e
            .location()
            .map_or(Pos::new(1, 1), |l| Pos::new(l.line(), l.column()));
        let english = clean_message(&e.to_string());
        // serde_yaml places a duplicate key at the start of its mapping: point at the repeat.
        let pos = duplicate_key(&english)
            .and_then(|key| self.repeated_key(pos, key))
            .unwrap_or(pos);
        let mut message = translate(&english);
        // An unquoted `: ` inside a value (`name: Đăng ký: trong nước`) is the classic
        // surprise: say what to write.
        if english.contains("mapping values are not allowed") {
            message.push_str(&format!(" ({})", crate::tr!("yaml-colon-hint")));
        }
        // The parser's wording for a tab says nothing of tabs; editors put them in by accident.
        let line = self
            .text
            .lines()
            .nth(pos.line.saturating_sub(1))
            .unwrap_or("");
        if line.trim_end().contains('\t') && !english.contains("tab") {
            message.push_str(&format!(" ({})", crate::tr!("yaml-tab-hint")));
        }
        (self.file_pos(pos), message)
    }

    /// The second `key:` at the column of the mapping that starts at `start`.
    fn repeated_key(&self, start: Pos, key: &str) -> Option<Pos> {
        let mut seen = 0;
        for (i, line) in self
            .text
            .lines()
            .enumerate()
            .skip(start.line.saturating_sub(1))
        {
            let trimmed = line.trim_start_matches([' ', '-']);
            let column = line.chars().count() - trimmed.chars().count() + 1;
            let rest = trimmed.strip_prefix(key).or_else(|| {
                trimmed
                    .strip_prefix('"')
                    .and_then(|t| t.strip_prefix(key))
                    .and_then(|t| t.strip_prefix('"'))
            });
            if column == start.column && rest.is_some_and(|r| r.trim_start().starts_with(':')) {
                seen += 1;
                if seen == 2 {
                    return Some(Pos::new(i + 1, column));
                }
            }
        }
        None
    }

    /// The position of a top-level `key:` (or the document's first line when absent).
    pub fn key_pos(&self, key: &str) -> Pos {
        self.find_key(key, 0)
            .map_or(self.file_pos(Pos::new(1, 1)), |p| self.file_pos(p))
    }

    /// The position of `value` written after `key:` (on its line or the lines below it); the
    /// key's position when the value is not found as written.
    pub fn value_pos(&self, key: &str, value: &str) -> Pos {
        self.find_value_after(key, value, 0)
    }

    /// Like [`Doc::value_pos`], but for the `nth` occurrence of `key` (0-based): for keys
    /// that repeat inside list items, such as `form:` in the dossier.
    pub fn nth_value_pos(&self, key: &str, nth: usize, value: &str) -> Pos {
        self.find_value_after(key, value, nth)
    }

    fn find_value_after(&self, key: &str, value: &str, nth: usize) -> Pos {
        let Some(key_pos) = self.find_key(key, nth) else {
            return self.file_pos(Pos::new(1, 1));
        };
        for (i, line) in self.text.lines().enumerate().skip(key_pos.line - 1) {
            let from = if i == key_pos.line - 1 {
                key_pos.column - 1 + key.len()
            } else {
                0
            };
            let line_from: String = line.chars().skip(from).collect();
            if let Some(byte) = line_from.find(value) {
                let col = from + line_from[..byte].chars().count() + 1;
                return self.file_pos(Pos::new(i + 1, col));
            }
            // Stop at the next key at the same or a lower indentation.
            if i > key_pos.line - 1
                && !line.trim().is_empty()
                && indent(line) < key_pos.column
                && !line.trim_start().starts_with('-')
            {
                break;
            }
        }
        self.file_pos(key_pos)
    }

    /// The `nth` line where `key:` starts a mapping entry (after indentation and `- `).
    pub fn find_key(&self, key: &str, nth: usize) -> Option<Pos> {
        let mut seen = 0;
        for (i, line) in self.text.lines().enumerate() {
            let trimmed = line.trim_start_matches([' ', '-']);
            let quoted = trimmed
                .strip_prefix('"')
                .and_then(|t| t.strip_prefix(key))
                .and_then(|t| t.strip_prefix('"'));
            let rest = trimmed.strip_prefix(key).or(quoted);
            if rest.is_some_and(|r| r.trim_start().starts_with(':')) {
                if seen == nth {
                    let column = line.chars().count() - trimmed.chars().count() + 1;
                    return Some(Pos::new(i + 1, column));
                }
                seen += 1;
            }
        }
        None
    }
}

/// Every string value (or list entry) that holds a stray control character, located at its
/// key. Run on the generic value, before typed parsing, so that it covers every key of every
/// file the same way and reports them all.
pub fn check_text_values(doc: &Doc, value: &Value) -> Vec<(Pos, String)> {
    find_strings(doc, value, &mut |key, s| {
        let (_, c) = crate::text::stray_controls(s).next()?;
        Some(crate::tr!(
            "value-control",
            key = key,
            char = crate::text::codepoint(c)
        ))
    })
}

/// Values still holding what `congkhai init` wrote for the officer to replace: an address
/// "(thay bằng …)", an example.gov.vn address. They pass every other check, so without this
/// a starter portal would publish "Số điện thoại (thay bằng số thật)" on its notice board.
pub fn placeholders(doc: &Doc, value: &Value) -> Vec<(Pos, String)> {
    find_strings(doc, value, &mut |key, s| {
        let lower = s.to_lowercase();
        let example = ["example.gov.vn", "example.com", "example.org", "example.vn"]
            .iter()
            .any(|d| lower.contains(d));
        (lower.contains("(thay bằng") || example)
            .then(|| crate::tr!("placeholder", key = key, value = s))
    })
}

/// Applies `found(key, text)` to every string in `value` (in document order) and locates each
/// message at its nearest key.
fn find_strings(
    doc: &Doc,
    value: &Value,
    found: &mut dyn FnMut(&str, &str) -> Option<String>,
) -> Vec<(Pos, String)> {
    let mut problems = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    walk_strings(doc, value, None, &mut seen, found, &mut problems);
    problems
}

/// Walks `value` in document order; `key` is the `(name, nth)` of the nearest enclosing key.
fn walk_strings(
    doc: &Doc,
    value: &Value,
    key: Option<(&str, usize)>,
    seen: &mut std::collections::HashMap<String, usize>,
    found: &mut dyn FnMut(&str, &str) -> Option<String>,
    problems: &mut Vec<(Pos, String)>,
) {
    match value {
        Value::String(s) => {
            let (pos, name) = match key {
                Some((name, nth)) => (
                    doc.find_key(name, nth)
                        .map_or(doc.file_pos(Pos::new(1, 1)), |p| doc.file_pos(p)),
                    format!("`{name}`"),
                ),
                None => (doc.file_pos(Pos::new(1, 1)), crate::tr!("a-value")),
            };
            if let Some(message) = found(&name, s) {
                problems.push((pos, message));
            }
        }
        Value::Sequence(items) => {
            for item in items {
                walk_strings(doc, item, key, seen, found, problems);
            }
        }
        Value::Mapping(map) => {
            for (k, v) in map {
                let Some(name) = k.as_str() else {
                    walk_strings(doc, v, key, seen, found, problems);
                    continue;
                };
                let nth = seen.entry(name.to_string()).or_insert(0);
                let here = *nth;
                *nth += 1;
                walk_strings(doc, v, Some((name, here)), seen, found, problems);
            }
        }
        Value::Tagged(t) => walk_strings(doc, &t.value, key, seen, found, problems),
        _ => {}
    }
}

/// The key of serde_yaml's `[path: ]duplicate entry with key "K"` message.
fn duplicate_key(message: &str) -> Option<&str> {
    let marker = "duplicate entry with key \"";
    let at = message.find(marker)? + marker.len();
    message[at..].split('"').next()
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count() + 1
}

/// Checks the keys of a top-level mapping: every unknown key and every missing required key
/// is returned, located, so that a file with several typos is fixed in one pass.
pub fn check_keys(
    doc: &Doc,
    value: &Value,
    required: &[&str],
    optional: &[&str],
) -> Vec<(Pos, String)> {
    let mut problems = Vec::new();
    let Some(map) = value.as_mapping() else {
        let message = if value.is_null() {
            crate::tr!("yaml-empty")
        } else {
            crate::tr!("yaml-not-mapping")
        };
        problems.push((doc.file_pos(Pos::new(1, 1)), message));
        return problems;
    };
    for key in map.keys() {
        let name = key
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| format!("{key:?}"));
        if !required.contains(&name.as_str()) && !optional.contains(&name.as_str()) {
            let mut known: Vec<&str> = required.iter().chain(optional).copied().collect();
            known.sort_unstable();
            let message = match known
                .iter()
                .filter(|k| edit_distance(k, &name) <= 2)
                .min_by_key(|k| edit_distance(k, &name))
            {
                Some(close) => crate::tr!("unknown-key-close", key = name, close = close),
                None => crate::tr!("unknown-key", key = name, known = known.join(", ")),
            };
            problems.push((doc.key_pos(&name), message));
        }
    }
    for key in required {
        if !map.contains_key(*key) {
            problems.push((
                doc.file_pos(Pos::new(1, 1)),
                crate::tr!("missing-key", key = key),
            ));
        }
    }
    problems
}

/// Levenshtein distance, for "did you mean" hints on misspelt keys.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// serde_yaml's messages end with " at line L column C"; we print the position ourselves.
fn clean_message(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(i) = out.find(" at line ") {
        let tail = &out[i + " at line ".len()..];
        let end = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .map_or(out.len(), |e| i + " at line ".len() + e);
        out.replace_range(i..end, "");
    }
    let out = out.trim().trim_end_matches(',');
    // Say what the content format means, not the Rust type.
    out.replace("expected u32", "expected a whole number ≥ 0")
        .replace("expected u64", "expected a whole number ≥ 0")
        .replace("expected u8", "expected a whole number ≥ 0")
        .replace("expected f64", "expected a number")
}

/// serde's and the YAML parser's messages, in the officer's language. Their English wording
/// is stable (it is what `clean_message` already relies on); anything not recognised is kept
/// as written, inside a plain Vietnamese sentence.
fn translate(english: &str) -> String {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return english.to_string();
    }
    // serde_yaml prefixes the path of the value: `dossier.items[0].copies: …`.
    let (path, rest) = match english.split_once(": ") {
        Some((p, r))
            if !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || "_.[]".contains(c)) =>
        {
            (format!("{p}: "), r)
        }
        _ => (String::new(), english),
    };
    let body = if let Some(r) = rest.strip_prefix("invalid type: ") {
        match r.split_once(", expected ") {
            Some((found, expected)) => crate::tr!(
                "serde-invalid-type",
                found = kind(found),
                expected = expectation(expected)
            ),
            None => rest.to_string(),
        }
    } else if let Some(r) = rest.strip_prefix("unknown variant `") {
        match r.split_once("`, expected ") {
            Some((value, allowed)) => crate::tr!(
                "serde-unknown-variant",
                value = value,
                allowed = alternatives(allowed)
            ),
            None => rest.to_string(),
        }
    } else if let Some(r) = rest.strip_prefix("unknown field `") {
        match r.split_once("`, expected ") {
            Some((key, allowed)) => crate::tr!(
                "serde-unknown-field",
                key = key,
                allowed = alternatives(allowed)
            ),
            None => rest.to_string(),
        }
    } else if let Some(r) = rest.strip_prefix("missing field `") {
        crate::tr!("serde-missing-field", key = r.trim_end_matches('`'))
    } else if let Some(key) = duplicate_key(rest) {
        crate::tr!("serde-duplicate", key = key)
    } else if rest.contains("mapping values are not allowed") {
        crate::tr!("serde-yaml-colon")
    } else if rest.starts_with("did not find")
        || rest.starts_with("found ")
        || rest.starts_with("could not find")
        || rest.starts_with("while ")
        || rest.starts_with("control characters")
        || rest.starts_with("invalid ")
    {
        crate::tr!("serde-yaml-syntax", detail = rest)
    } else {
        rest.to_string()
    };
    format!("{path}{body}")
}

/// `string "năm"`, `integer `5`` … in words.
fn kind(found: &str) -> String {
    for (prefix, id) in [
        ("string", "kind-string"),
        ("integer", "kind-integer"),
        ("floating point", "kind-float"),
        ("boolean", "kind-bool"),
        ("map", "kind-map"),
        ("sequence", "kind-seq"),
        ("unit value", "kind-null"),
        ("null", "kind-null"),
    ] {
        if let Some(rest) = found.strip_prefix(prefix) {
            return format!("{}{rest}", crate::i18n::message(id, &[]));
        }
    }
    found.to_string()
}

/// serde's built-in expectations (`a string`, `struct RawTime`…) in words; our own visitors'
/// expectations are already in the user's language.
fn expectation(expected: &str) -> String {
    let id = match expected {
        "a string" => "exp-string",
        "a sequence" => "exp-seq",
        "a boolean" => "exp-bool",
        "a number" | "f64" => "exp-number",
        "a whole number ≥ 0" => "count-expected",
        e if e.starts_with("struct ") || e == "a map" => "exp-map",
        _ => return expected.to_string(),
    };
    crate::i18n::message(id, &[])
}

/// "one of `a`, `b`" or "`a` or `b`" → "`a`, `b`" in the user's language.
fn alternatives(s: &str) -> String {
    let s = s.strip_prefix("one of ").unwrap_or(s);
    s.replace(" or ", &format!(" {} ", crate::tr!("or")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_lines_count_from_the_file() {
        let fm = split_front_matter("---\na: 1\nb: [\n---\nbody\n").unwrap();
        assert_eq!(fm.body, "body\n");
        assert_eq!(fm.body_line_offset, 4);
        let (pos, _) = fm.yaml.value().unwrap_err();
        assert!(pos.line >= 3, "{pos:?}");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let (_, msg) = split_front_matter("---\na: 1\n").unwrap_err();
        assert_eq!(msg, crate::tr!("fm-unclosed"));
    }

    #[test]
    fn keys_and_values_are_located() {
        let doc = Doc {
            text: "code: \"1\"\nunits: [xa-a, xa-b]\ndossier:\n  items:\n    - name: x\n      form: a.docx\n    - name: y\n      form: b.docx\n",
            line_offset: 1,
        };
        assert_eq!(doc.key_pos("units"), Pos::new(3, 1));
        assert_eq!(doc.value_pos("units", "xa-b"), Pos::new(3, 15));
        assert_eq!(doc.nth_value_pos("form", 1, "b.docx"), Pos::new(9, 13));
    }

    #[test]
    fn a_duplicate_key_is_located_at_its_repeat() {
        let doc = Doc {
            text: "code: \"1\"\nname: a\nlevel: x\nname: b\n",
            line_offset: 1,
        };
        let (pos, msg) = doc.value().unwrap_err();
        assert!(msg.contains("\"name\""), "{msg}");
        assert_eq!(pos, Pos::new(5, 1));
        let nested = Doc {
            text: "name: a\ndossier:\n  items:\n    - name: x\n      form: a\n      name: y\n",
            line_offset: 0,
        };
        let (pos, _) = nested.value().unwrap_err();
        assert_eq!(pos, Pos::new(6, 7));
    }

    #[test]
    fn messages_lose_the_duplicate_location() {
        assert_eq!(
            clean_message("invalid type: integer `5`, expected a string at line 2 column 7"),
            "invalid type: integer `5`, expected a string"
        );
    }
}
