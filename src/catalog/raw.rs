//! The content format as written: serde structs that mirror `content-format.md` exactly,
//! with unknown keys rejected. `catalog` turns them into the validated `model`.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

use crate::model::{Level, UnitKind};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: String,
    pub district: String,
    pub province: String,
    pub base_url: String,
    pub theme: Option<String>,
    pub feedback: RawFeedback,
    pub online_portal: Option<String>,
    #[serde(default)]
    pub sample: bool,
}
pub const SITE_REQUIRED: &[&str] = &["title", "district", "province", "base_url", "feedback"];
pub const SITE_OPTIONAL: &[&str] = &["theme", "online_portal", "sample"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeedback {
    pub agency: String,
    pub address: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    pub name: String,
    pub kind: UnitKind,
    pub reception: RawReception,
    #[serde(default)]
    pub offices: Vec<RawOffice>,
}
pub const UNIT_REQUIRED: &[&str] = &["name", "kind", "reception"];
pub const UNIT_OPTIONAL: &[&str] = &["offices"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReception {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub hours: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffice {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProcedure {
    pub code: Option<Code>,
    pub name: String,
    pub level: Levels,
    pub field: String,
    pub agency: String,
    pub decides: Option<String>,
    pub coordinates: Option<String>,
    pub office: Option<String>,
    pub authorized: Option<String>,
    pub units: Option<Vec<String>>,
    pub subjects: Vec<String>,
    pub channels: Vec<RawChannel>,
    #[serde(default)]
    pub return_by_post: bool,
    pub online: Option<RawOnline>,
    pub online_url: Option<String>,
    pub processing_time: RawTime,
    pub fees: Vec<RawFee>,
    pub dossier: RawDossier,
    pub result: String,
    pub legal_basis: Vec<String>,
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// `YYYY-MM-DD`, checked after parsing so that a bad date does not hide other problems.
    pub updated: String,
    #[serde(default)]
    pub history: Vec<RawHistory>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub related: Vec<String>,
    pub status: Option<RawStatus>,
    #[serde(default)]
    pub replaced_by: Vec<String>,
}
pub const PROCEDURE_REQUIRED: &[&str] = &[
    "name",
    "level",
    "field",
    "agency",
    "subjects",
    "channels",
    "processing_time",
    "fees",
    "dossier",
    "result",
    "legal_basis",
    "sources",
    "updated",
];
pub const PROCEDURE_OPTIONAL: &[&str] = &[
    "code",
    "decides",
    "coordinates",
    "office",
    "authorized",
    "units",
    "return_by_post",
    "online",
    "online_url",
    "keywords",
    "history",
    "aliases",
    "related",
    "status",
    "replaced_by",
];

/// `level:` — one level, or a list of them. Written by hand rather than as an untagged enum:
/// serde's untagged enums lose the value's position and say only "did not match any variant",
/// where a user needs "unknown level `province`" at the value itself.
#[derive(Debug)]
pub struct Levels(pub Vec<Level>);

fn level_named<E: de::Error>(s: &str) -> Result<Level, E> {
    match s {
        "district" => Ok(Level::District),
        "commune" => Ok(Level::Commune),
        _ => Err(E::custom(crate::tr!(
            "unknown-level",
            value = s,
            expected = crate::tr!("levels-expected")
        ))),
    }
}

impl<'de> Deserialize<'de> for Levels {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Levels;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!("levels-expected"))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Levels, E> {
                Ok(Levels(vec![level_named(s)?]))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Levels, A::Error> {
                let mut levels = Vec::new();
                while let Some(s) = seq.next_element::<LevelName>()? {
                    levels.push(s.0);
                }
                Ok(Levels(levels))
            }
        }
        d.deserialize_any(V)
    }
}

/// One entry of a `level:` list: a name, with the same message as a single level.
struct LevelName(Level);

impl<'de> Deserialize<'de> for LevelName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = LevelName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!("level-name-expected"))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<LevelName, E> {
                level_named(s).map(LevelName)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawChannelKind {
    Direct,
    Postal,
    Online,
}

/// A `channels:` entry: a bare kind (`direct`) or `{via, note}`. Hand-written for the same
/// reason as [`Levels`]: a located, plain message instead of "did not match any variant".
#[derive(Debug)]
pub enum RawChannel {
    Bare(RawChannelKind),
    Noted(RawNotedChannel),
}

impl<'de> Deserialize<'de> for RawChannel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawChannel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!("channel-expected"))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawChannel, E> {
                RawChannelKind::deserialize(de::value::StrDeserializer::<E>::new(s))
                    .map(RawChannel::Bare)
                    .map_err(|_| {
                        E::custom(crate::tr!(
                            "unknown-channel",
                            value = s,
                            expected = crate::tr!("channel-expected")
                        ))
                    })
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<RawChannel, A::Error> {
                RawNotedChannel::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawChannel::Noted)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotedChannel {
    pub via: RawChannelKind,
    pub note: Option<String>,
}

/// `online:` — none, 1–4, partial or full.
#[derive(Debug, Clone, Copy)]
pub enum RawOnline {
    None,
    Level(u8),
    Partial,
    Full,
}

impl<'de> Deserialize<'de> for RawOnline {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawOnline;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!("online-expected"))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<RawOnline, E> {
                match n {
                    1..=4 => Ok(RawOnline::Level(n as u8)),
                    _ => Err(E::custom(crate::tr!("online-level-missing", value = n))),
                }
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<RawOnline, E> {
                self.visit_u64(u64::try_from(n).unwrap_or(u64::MAX))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawOnline, E> {
                match s {
                    "none" => Ok(RawOnline::None),
                    "partial" => Ok(RawOnline::Partial),
                    "full" => Ok(RawOnline::Full),
                    _ => Err(E::custom(crate::tr!("online-unknown", value = s))),
                }
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTime {
    pub value: Option<f64>,
    pub unit: Option<RawTimeUnit>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RawTimeUnit {
    WorkingDays,
    Days,
    Hours,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFee {
    pub name: String,
    pub amount: Option<Money>,
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDossier {
    pub sets: Option<Count>,
    pub items: Vec<RawDossierItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDossierItem {
    pub name: String,
    pub originals: Option<Count>,
    pub copies: Option<Count>,
    pub form: Option<String>,
    #[serde(default)]
    pub present: bool,
}

/// A `sources:` entry: a public record or legal text the procedure's facts were taken from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: String,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHistory {
    pub date: String,
    pub decision: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawStatus {
    Active,
    Abolished,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    pub title: String,
    pub description: Option<String>,
}

/// A procedure code: a string. An unquoted number is refused with a message that says to
/// quote it, because YAML would silently turn `1.000100` into `1.0001`.
#[derive(Debug, Clone)]
pub struct Code(pub String);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!("code-expected"))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Code, E> {
                Ok(Code(s.to_string()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Code, E> {
                Err(E::custom(crate::tr!("code-number-lossy", value = n)))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Code, E> {
                Err(E::custom(crate::tr!("code-number", value = n)))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Code, E> {
                Err(E::custom(crate::tr!("code-number", value = n)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A count of papers or sets: a whole number ≥ 0. `01` (how a count is often typed, and how a
/// spreadsheet shows it) is read as 1: YAML would otherwise read it as the text "01".
#[derive(Debug, Clone, Copy)]
pub struct Count(pub u32);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!("count-expected"))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Count, E> {
                u32::try_from(n)
                    .map(Count)
                    .map_err(|_| E::custom(crate::tr!("count-too-large", value = n)))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Count, E> {
                Err(E::custom(crate::tr!("count-negative", value = n)))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Count, E> {
                Err(E::custom(crate::tr!("count-fraction", value = n)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Count, E> {
                let t = s.trim();
                if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                    return t
                        .parse::<u32>()
                        .map(Count)
                        .map_err(|_| E::custom(crate::tr!("count-too-large", value = t)));
                }
                Err(E::custom(crate::tr!("count-not-number", value = s)))
            }
        }
        d.deserialize_any(V)
    }
}

/// An amount of money in whole đồng. A dot or comma in it is refused with the fix, because in
/// Vietnamese `2.000` means two thousand while YAML reads it as the number 2.
#[derive(Debug, Clone, Copy)]
pub struct Money(pub u64);

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!("money-expected"))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Money, E> {
                Ok(Money(n))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Money, E> {
                Err(E::custom(crate::tr!("money-negative", value = n)))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Money, E> {
                Err(E::custom(crate::tr!("money-decimal", value = n)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Money, E> {
                let digits: String = s
                    .chars()
                    .filter(|c| !matches!(c, '.' | ',' | ' '))
                    .collect();
                Err(E::custom(
                    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                        crate::tr!("money-not-amount-hint", value = s, digits = digits)
                    } else {
                        crate::tr!("money-not-amount", value = s)
                    },
                ))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The top-level keys of the first fenced example under the heading that starts with
    /// `heading` in the content-format document, with whether its comment says "required"
    /// (`Some(true)`), "optional" (`Some(false)`) or neither.
    fn documented(heading: &str) -> Vec<(String, Option<bool>)> {
        let doc = include_str!("../../docs/content-format.md");
        let section = doc
            .split("\n## ")
            .find(|s| s.starts_with(heading))
            .unwrap_or_else(|| panic!("no section {heading}"));
        let block = section.split("```").nth(1).expect("an example");
        block
            .lines()
            .filter_map(|line| {
                let (key, rest) = line.split_once(':')?;
                let plain =
                    !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
                plain.then(|| {
                    let comment = rest.split_once("# ").map_or("", |(_, c)| c);
                    let kind = if comment.starts_with("required") {
                        Some(true)
                    } else if comment.starts_with("optional") {
                        Some(false)
                    } else {
                        None
                    };
                    (key.to_string(), kind)
                })
            })
            .collect()
    }

    fn agree(heading: &str, required: &[&str], optional: &[&str]) {
        let doc = documented(heading);
        for (key, kind) in &doc {
            let is_required = required.contains(&key.as_str());
            assert!(
                is_required || optional.contains(&key.as_str()),
                "{heading}: `{key}` is documented but the loader does not accept it"
            );
            if let Some(kind) = kind {
                assert_eq!(*kind, is_required, "{heading}: `{key}` required or not");
            }
        }
        for key in required.iter().chain(optional) {
            assert!(
                doc.iter().any(|(k, _)| k == key),
                "{heading}: the loader accepts `{key}` but the format document does not show it"
            );
        }
    }

    #[test]
    fn the_format_document_and_the_loader_agree_on_every_top_level_key() {
        agree("`content/site.yaml`", SITE_REQUIRED, SITE_OPTIONAL);
        agree("`content/units/", UNIT_REQUIRED, UNIT_OPTIONAL);
        agree(
            "`content/procedures/",
            PROCEDURE_REQUIRED,
            PROCEDURE_OPTIONAL,
        );
    }
}
