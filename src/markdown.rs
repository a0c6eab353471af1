//! Markdown bodies: safe HTML, plain text, and `##` sections.
//!
//! Content is untrusted HTML-wise: pulldown-cmark passes raw HTML through, so every piece of
//! HTML we publish from Markdown goes through ammonia's allow-list (no scripts, no event
//! handlers, no `javascript:` URLs, no SVG/MathML tricks).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Renders Markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    sanitize(&html)
}

/// Removes everything but a safe allow-list of tags, attributes and URL schemes.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .clean(html)
        .to_string()
}

/// The plain text of a Markdown fragment, blocks separated by newlines (raw HTML dropped).
pub fn to_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) if !out.ends_with('\n') => {
                out.push('\n');
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The message for an image a screen reader cannot describe.
pub fn image_without_alt() -> String {
    crate::tr!("image-without-alt")
}

/// Byte offsets of the images in `markdown` without a description: `![](…)` with empty
/// brackets, or a raw `<img>` without `alt`. The sanitiser keeps such images, and the
/// accessibility gates would only catch them in the built site: `check` says it first.
pub fn images_without_alt(markdown: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut image: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { .. }) => image = Some((range.start, String::new())),
            Event::End(TagEnd::Image) => {
                if let Some((start, alt)) = image.take()
                    && alt.trim().is_empty()
                {
                    found.push(start);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, alt)) = image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                found.extend(raw_imgs_without_alt(&html).map(|i| range.start + i));
            }
            _ => {}
        }
    }
    found
}

/// Offsets of `<img …>` tags in an HTML fragment that have no `alt` attribute.
fn raw_imgs_without_alt(html: &str) -> impl Iterator<Item = usize> + '_ {
    let lower = html.to_ascii_lowercase();
    let starts: Vec<usize> = lower.match_indices("<img").map(|(i, _)| i).collect();
    starts.into_iter().filter(move |&i| {
        let after = &lower[i + 4..];
        if after.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return false; // <imgx>, not an image
        }
        let tag = &after[..after.find('>').unwrap_or(after.len())];
        !tag.split(|c: char| c.is_ascii_whitespace() || c == '/')
            .any(|attr| attr == "alt" || attr.starts_with("alt="))
    })
}

/// A `##` section of a Markdown document, borrowed from the source.
#[derive(Debug, PartialEq, Eq)]
pub struct RawSection<'a> {
    /// The heading's text; empty for the part before the first heading.
    pub title: String,
    /// Byte offset of the heading in the source (0 for the part before it).
    pub offset: usize,
    /// The Markdown between this heading and the next `##` heading.
    pub markdown: &'a str,
}

/// Splits a document at its level-2 headings. The part before the first heading comes first
/// (with an empty title) when it holds anything but white space.
pub fn split_sections(markdown: &str) -> Vec<RawSection<'_>> {
    let mut headings: Vec<(usize, usize, String)> = Vec::new(); // (start, end, title)
    let mut current: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                current = Some((range.start, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title)) = current.as_mut() {
                    title.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => {
                if let Some((start, title)) = current.take() {
                    headings.push((start, range.end, title.trim().to_string()));
                }
            }
            _ => {}
        }
    }
    let mut sections = Vec::new();
    let first = headings.first().map_or(markdown.len(), |h| h.0);
    if !markdown[..first].trim().is_empty() {
        sections.push(RawSection {
            title: String::new(),
            offset: 0,
            markdown: &markdown[..first],
        });
    }
    for (i, (start, end, title)) in headings.iter().enumerate() {
        let next = headings.get(i + 1).map_or(markdown.len(), |h| h.0);
        sections.push(RawSection {
            title: title.clone(),
            offset: *start,
            markdown: &markdown[*end..next],
        });
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_without_a_description_are_found() {
        let md = "Sơ đồ: ![](a.png) và ![Sơ đồ nộp hồ sơ](b.png)\n\n\
                  <img src=\"c.png\">\n\n<p><IMG SRC=d.png ALT=\"Bản đồ\"> <img alt src=e.png></p>\n";
        let found = images_without_alt(md);
        let at: Vec<&str> = found.iter().map(|&i| &md[i..i + 6]).collect();
        assert_eq!(at, ["![](a.", "<img s"]);
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_html(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> [a](javascript:alert(1))",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn sections_split_at_level_two_headings() {
        let md = "intro\n\n## Trình tự thực hiện\n\n1. a\n\n### sub\n\n## Ghi chú\n\nb\n";
        let s = split_sections(md);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].title, "");
        assert_eq!(s[1].title, "Trình tự thực hiện");
        assert!(s[1].markdown.contains("### sub"));
        assert_eq!(s[2].title, "Ghi chú");
        assert_eq!(s[2].markdown.trim(), "b");
    }

    #[test]
    fn text_keeps_words_apart() {
        assert_eq!(
            to_text("1. Nộp hồ sơ\n2. Nhận *kết quả*"),
            "Nộp hồ sơ\nNhận kết quả"
        );
    }
}
