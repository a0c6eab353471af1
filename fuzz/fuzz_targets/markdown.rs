//! Markdown rendering: never a panic, never a script tag or a javascript: URL in the output, and
//! sections that tile the input; images without alt found only where an image starts.
#![no_main]

use congkhai::markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let html = markdown::to_html(text);
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "script survived: {html}");
    // "javascript:" as text is fine; inside a tag (an attribute value) it is not. The
    // serializer escapes every `<` of text, so each raw `<` opens a tag.
    for tag in lower.split('<').skip(1) {
        let tag: String = tag.split('>').next().unwrap_or("").chars().filter(|c| !c.is_whitespace()).collect();
        assert!(!tag.contains("=\"javascript:"), "javascript: URL survived: {html}");
    }
    let _ = markdown::to_text(text);
    for offset in markdown::images_without_alt(text) {
        assert!(text.is_char_boundary(offset), "offset {offset} inside a character");
        let at = text[offset..].to_ascii_lowercase();
        assert!(at.starts_with("![") || at.starts_with("<img"), "not an image at {offset}: {text:?}");
    }
    let sections = markdown::split_sections(text);
    let mut last = 0;
    for s in &sections {
        assert!(s.offset >= last || s.offset == 0, "sections out of order");
        assert!(s.offset <= text.len());
        last = s.offset;
    }
});
