//! QR codes as inline SVG, made at build time (nothing fetched, no script), for the printed
//! notices: a citizen standing at the board scans one to open the procedure's page.
//!
//! A leaf module so that both `render` (the procedure page's print sheet) and `print` (the
//! notice-board listings) can use it. The SVG has no size of its own: the stylesheet gives
//! it one (at least 2 cm on paper), and `shape-rendering="crispEdges"` keeps the modules
//! sharp at any scale.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex, OnceLock};

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::{Color, EcLevel};

use crate::error::{Error, Result};

/// How the SVG presents itself to assistive technology.
#[derive(Debug, Clone, Copy)]
pub enum Alt<'a> {
    /// `role="img"` with this accessible name.
    Named(&'a str),
    /// Hidden from assistive technology: the same URL is on the page as text or a link.
    Decorative,
}

/// An inline `<svg class="qr">` encoding `data` (error correction M, which survives a
/// smudged or creased sheet, with the standard 4-module quiet zone).
pub fn svg(data: &str, alt: Alt) -> Result<String> {
    let code = matrix(data)?;
    let width = code.width;
    // One path for all dark modules, each horizontal run of them one rectangle: a listing
    // carries a code per procedure, and one rectangle per module made it 4 times heavier.
    let mut d = String::new();
    for y in 0..width {
        let row = |x: usize| code.is_dark(y * width + x);
        // Where the pen is after the last run drawn in this row, if any.
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < width {
            if !row(x) {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && row(x) {
                x += 1;
            }
            let run = x - start;
            // A 1-unit-wide stroke through the middle of the row draws the run; moves within
            // a row are relative, which keeps a code to about 2 KB.
            match pen {
                None => {
                    let _ = write!(d, "M{} {}.5h{run}", start + QUIET, y + QUIET);
                }
                Some(end) => {
                    let _ = write!(d, "m{} 0h{run}", start - end);
                }
            }
            pen = Some(x);
        }
    }
    let side = width + 2 * QUIET;
    let a11y = match alt {
        Alt::Named(name) => format!(
            r#"role="img" aria-label="{}""#,
            crate::text::escape_xml(name)
        ),
        Alt::Decorative => r#"aria-hidden="true""#.to_string(),
    };
    Ok(format!(
        r##"<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges" focusable="false" {a11y}><rect width="{side}" height="{side}" fill="#fff"/><path stroke="#000" stroke-width="1" fill="none" d="{d}"/></svg>"##
    ))
}

/// A code's modules, row by row, one bit each (dark = 1): kept for every URL of the build, so
/// small (about 200 bytes for a procedure URL).
struct Matrix {
    width: usize,
    dark: Vec<u64>,
}

impl Matrix {
    fn is_dark(&self, i: usize) -> bool {
        self.dark[i / 64] >> (i % 64) & 1 == 1
    }
}

/// The code for `data`, made once per process: the same procedure URL is printed on its page
/// and on the listing of every unit that handles it (at province scale, thousands of times).
fn matrix(data: &str) -> Result<Arc<Matrix>> {
    static CODES: OnceLock<Mutex<HashMap<String, Arc<Matrix>>>> = OnceLock::new();
    let codes = CODES.get_or_init(Default::default);
    if let Some(m) = codes.lock().expect("no panic under the lock").get(data) {
        return Ok(Arc::clone(m));
    }
    // Made outside the lock: two threads may both make the same code, never a different one.
    let fail =
        |e: qrcode::types::QrError| Error::Usage(crate::tr!("qr-failed", data = data, error = e));
    let bits = qrcode::bits::encode_auto(data.as_bytes(), EcLevel::M).map_err(fail)?;
    let version = bits.version();
    let (codewords, ec) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).map_err(fail)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&codewords, &ec);
    // One fixed mask instead of the best of eight: the standard lets the encoder choose, every
    // reader reads any of them, and scoring all eight was a third of a province's build.
    canvas.apply_mask(MaskPattern::Checkerboard);
    let width = version.width() as usize;
    let mut dark = vec![0u64; (width * width).div_ceil(64)];
    for (i, c) in canvas.into_colors().into_iter().enumerate() {
        if c == Color::Dark {
            dark[i / 64] |= 1 << (i % 64);
        }
    }
    let m = Arc::new(Matrix { width, dark });
    codes
        .lock()
        .expect("no panic under the lock")
        .insert(data.to_string(), Arc::clone(&m));
    Ok(m)
}

/// The standard quiet zone around a QR code, in modules.
const QUIET: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_svg_without_prolog_or_fixed_size() {
        let s = svg(
            "https://example.gov.vn/thu-tuc/dang-ky-khai-sinh/",
            Alt::Decorative,
        )
        .unwrap();
        assert!(s.starts_with(r#"<svg class="qr""#), "{s}");
        assert!(!s.contains("<?xml"));
        let tag = &s[..s.find('>').unwrap()];
        assert!(
            !tag.contains("width=") && tag.contains(r#"viewBox="0 0 "#),
            "the stylesheet sizes it: {tag}"
        );
        assert!(s.ends_with("</svg>"));
        assert!(s.contains(r#"aria-hidden="true""#));
        // One opening svg tag, one path of dark modules.
        assert_eq!(s.matches("<svg").count(), 1);
        assert_eq!(s.matches("<path").count(), 1);
    }

    #[test]
    fn named_svg_escapes_its_label() {
        let s = svg("x", Alt::Named(r#"Mã QR "A" & <B>"#)).unwrap();
        assert!(
            s.contains(r#"role="img" aria-label="Mã QR &quot;A&quot; &amp; &lt;B&gt;""#),
            "{s}"
        );
    }

    #[test]
    fn same_input_same_bytes() {
        let a = svg("https://example.gov.vn/a/", Alt::Decorative).unwrap();
        assert_eq!(
            a,
            svg("https://example.gov.vn/a/", Alt::Decorative).unwrap()
        );
    }
}
