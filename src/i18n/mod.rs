//! The tool's messages, in Vietnamese by default and in English on request.
//!
//! The people who run congkhai are district and commune officers: every message they read
//! (problems found by `check`, what `build`, `stats import`, `new`, `init`, `serve` and
//! `search` report) comes from the message catalogs `vi.ftl` and `en.ftl` beside this file, in
//! Fluent syntax (<https://projectfluent.org>), so that wording lives in one place per
//! language, translators need no Rust, and a test holds the two catalogs to the same messages
//! and arguments.
//!
//! The language is chosen once per process: `--lang vi|en`, else `CONGKHAI_LANG`, else the
//! locale (`LC_ALL`, `LC_MESSAGES`, `LANG` starting with `en`), else Vietnamese.

use std::fmt::Display;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language of the tool's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Tiếng Việt (the default).
    Vi,
    /// English.
    En,
}

pub const VI: &str = include_str!("vi.ftl");
pub const EN: &str = include_str!("en.ftl");

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the language for the rest of the process (the first call wins: the command line is
/// read once, before any message is made).
pub fn set(lang: Lang) {
    let _ = LANG.set(lang);
}

/// The language in use: set by `--lang`, else from the environment.
pub fn lang() -> Lang {
    *LANG.get_or_init(from_env)
}

fn from_env() -> Lang {
    let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if let Some(v) = get("CONGKHAI_LANG") {
        return if v.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Vi
        };
    }
    let locale = get("LC_ALL")
        .or_else(|| get("LC_MESSAGES"))
        .or_else(|| get("LANG"))
        .unwrap_or_default();
    if locale.to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Vi
    }
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static VI_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let (cell, source, id) = match lang {
        Lang::Vi => (&VI_BUNDLE, VI, unic_langid::langid!("vi")),
        Lang::En => (&EN_BUNDLE, EN, unic_langid::langid!("en")),
    };
    cell.get_or_init(|| {
        let resource = FluentResource::try_new(source.to_string())
            .unwrap_or_else(|(_, errors)| panic!("{lang:?} message catalog: {errors:?}"));
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Messages go to terminals and editors' problem lists: no bidi isolation marks.
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .unwrap_or_else(|errors| panic!("{lang:?} message catalog: {errors:?}"));
        bundle
    })
}

/// The message `id` in `lang`, with `args` (each shown as text).
pub fn message_in(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        // A missing message is a bug the catalog test catches; never lose what was meant.
        return format!("{id} {args:?}");
    };
    let mut fluent_args = FluentArgs::new();
    for (k, v) in args {
        fluent_args.set(*k, FluentValue::from(v.as_str()));
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// The message `id` in the language in use.
pub fn message(id: &str, args: &[(&str, String)]) -> String {
    message_in(lang(), id, args)
}

/// Turns any shown value into a message argument.
pub fn arg(v: impl Display) -> String {
    v.to_string()
}

/// `tr!("id")` or `tr!("id", name = value, …)`: the message in the language in use.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::i18n::message($id, &[$((stringify!($k), $crate::i18n::arg(&$v))),+])
    };
}

/// Every message of `lang`, one per line as `id: text`, each variable shown as `<name>`: the
/// whole wording of the tool in one reviewable text (the tests keep a snapshot of it).
pub fn snapshot(lang: Lang) -> String {
    let source = match lang {
        Lang::Vi => VI,
        Lang::En => EN,
    };
    let mut out = String::new();
    for (id, vars) in catalog(source) {
        let args: Vec<(&str, String)> = vars
            .iter()
            .map(|v| (v.as_str(), format!("<{v}>")))
            .collect();
        out.push_str(&format!("{id}: {}\n", message_in(lang, &id, &args)));
    }
    out
}

/// Every message id with the names of its variables, in file order.
fn catalog(source: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in source.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some((id, rest)) = line.split_once(" =")
            && !line.starts_with(' ')
        {
            out.push((id.trim().to_string(), vars(rest)));
        } else if let Some(last) = out.last_mut() {
            last.1.extend(vars(line));
        }
    }
    for (_, v) in &mut out {
        v.sort();
        v.dedup();
    }
    out
}

fn vars(s: &str) -> Vec<String> {
    s.split("{ $")
        .skip(1)
        .filter_map(|p| p.split([' ', '}']).next())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogs_have_the_same_messages_with_the_same_arguments() {
        let (vi, en) = (catalog(VI), catalog(EN));
        assert!(vi.len() > 50, "{} messages", vi.len());
        assert_eq!(
            vi.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            en.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            "same ids, same order"
        );
        for ((id, a), (_, b)) in vi.iter().zip(&en) {
            assert_eq!(a, b, "arguments of {id}");
        }
    }

    #[test]
    fn every_message_formats_in_both_languages_without_errors() {
        for (lang, source) in [(Lang::Vi, VI), (Lang::En, EN)] {
            for (id, vars) in catalog(source) {
                let args: Vec<(&str, String)> = vars
                    .iter()
                    .map(|v| (v.as_str(), format!("<{v}>")))
                    .collect();
                let text = message_in(lang, &id, &args);
                assert!(!text.contains("{ $"), "{lang:?} {id}: {text}");
                for v in &vars {
                    assert!(
                        text.contains(&format!("<{v}>")),
                        "{lang:?} {id} drops {v}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn vietnamese_is_nfc() {
        assert!(unicode_normalization::is_nfc(VI));
    }
}
