//! Charts as inline SVG, drawn at build time: no JavaScript, no fonts or files to fetch.
//!
//! Each chart scales with its container (a `viewBox`, no fixed width) so that it fits a
//! 360 px screen and an A4 page, carries a `<title>` and `<desc>` for screen readers, and
//! never relies on colour alone: late dossiers are hatched, the two share lines differ in
//! dash and marker shape, and every series is named in a legend. The numbers are also in a
//! table next to each chart (the render code puts it there). Colours reach 3:1 against white
//! (WCAG 1.4.11) and text 4.5:1.

use std::fmt::Write;

use crate::text::{escape_xml, format_int};

/// Resolved before the deadline (dark green, 7.9:1 on white).
pub const EARLY: &str = "#1b5e20";
/// Resolved on the deadline (blue, 4.6:1 on white).
pub const ON_TIME: &str = "#1f6fb0";
/// Resolved late (red, 5.6:1 on white), hatched as well.
pub const LATE: &str = "#c62828";
/// Postal share line (brown, 6.9:1 on white).
pub const POSTAL: &str = "#7a4100";
const INK: &str = "#1a1a1a";
const GRID: &str = "#767676";

const W: f64 = 360.0;

/// The opening of a chart: `<svg>` with its title and description, and a hatch pattern.
fn open(out: &mut String, id: &str, h: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
         font-family=\"system-ui, sans-serif\" font-size=\"13\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>\
         <defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <rect width=\"6\" height=\"6\" fill=\"{LATE}\"/><rect width=\"2\" height=\"6\" fill=\"#ffffff\"/></pattern></defs>",
        escape_xml(title),
        escape_xml(desc)
    );
}

/// A "nice" axis maximum ≥ `max`: 1, 2 or 5 times a power of ten.
pub fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let mut p = 1.0;
    while p * 10.0 <= max {
        p *= 10.0;
    }
    for m in [1.0, 2.0, 5.0, 10.0] {
        if m * p >= max {
            return m * p;
        }
    }
    10.0 * p
}

/// A legend entry: a swatch (fill may be a pattern URL) and its label, from `x`.
fn legend(out: &mut String, x: f64, y: f64, fill: &str, label: &str) -> f64 {
    let _ = write!(
        out,
        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"{INK}\" stroke-width=\"0.5\"/>\
         <text x=\"{:.1}\" y=\"{y:.1}\" fill=\"{INK}\">{}</text>",
        y - 11.0,
        x + 19.0,
        escape_xml(label)
    );
    x + 19.0 + label.chars().count() as f64 * 7.2 + 16.0
}

/// Monthly stacked bars of dossiers resolved early / on time / late.
/// `months`: (short label such as "3/20", early, on time, late).
pub fn resolved_bars(
    id: &str,
    title: &str,
    desc: &str,
    months: &[(String, u64, u64, u64)],
) -> String {
    let (h, left, right, top, bottom) = (230.0, 44.0, 6.0, 34.0, 24.0);
    let mut out = String::new();
    open(&mut out, id, h, title, desc);
    let mut x = left;
    x = legend(&mut out, x, 18.0, EARLY, "Trước hạn");
    x = legend(&mut out, x, 18.0, ON_TIME, "Đúng hạn");
    legend(&mut out, x, 18.0, &format!("url(#{id}-hatch)"), "Quá hạn");
    let max = nice_max(
        months
            .iter()
            .map(|m| (m.1 + m.2 + m.3) as f64)
            .fold(0.0, f64::max),
    );
    let plot_h = h - top - bottom;
    let plot_w = W - left - right;
    grid(&mut out, [left, right, top, plot_h], max, |v| {
        format_int(v.round() as i64)
    });
    let band = plot_w / months.len().max(1) as f64;
    let bar = (band * 0.7).min(40.0);
    // Label every month when they fit, otherwise every other one.
    let step = if band >= 30.0 { 1 } else { 2 };
    for (i, (label, early, on_time, late)) in months.iter().enumerate() {
        let bx = left + band * i as f64 + (band - bar) / 2.0;
        let mut y = top + plot_h;
        for (v, fill) in [
            (*early, EARLY.to_string()),
            (*on_time, ON_TIME.to_string()),
            (*late, format!("url(#{id}-hatch)")),
        ] {
            if v == 0 {
                continue;
            }
            let bh = plot_h * v as f64 / max;
            y -= bh;
            let _ = write!(
                out,
                "<rect x=\"{bx:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"0.5\"/>"
            );
        }
        if i % step == 0 || i + 1 == months.len() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{INK}\" font-size=\"12\">{}</text>",
                bx + bar / 2.0,
                h - 6.0,
                escape_xml(label)
            );
        }
    }
    let _ = write!(
        out,
        "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\"/>",
        top + plot_h,
        W - right,
        top + plot_h
    );
    out.push_str("</svg>");
    out
}

/// Online and postal shares of newly received dossiers over time, as two lines that differ
/// in colour, dash and marker shape. `months`: (short label, online %, postal %).
pub fn share_lines(
    id: &str,
    title: &str,
    desc: &str,
    months: &[(String, Option<f64>, Option<f64>)],
) -> String {
    let (h, left, right, top, bottom) = (210.0, 44.0, 20.0, 34.0, 24.0);
    let mut out = String::new();
    open(&mut out, id, h, title, desc);
    // Legend: line samples with their markers.
    let _ = write!(
        out,
        "<line x1=\"{left}\" y1=\"12\" x2=\"{:.1}\" y2=\"12\" stroke=\"{ON_TIME}\" stroke-width=\"2.5\"/>\
         <circle cx=\"{:.1}\" cy=\"12\" r=\"4\" fill=\"{ON_TIME}\"/>\
         <text x=\"{:.1}\" y=\"16\" fill=\"{INK}\">Trực tuyến</text>\
         <line x1=\"{:.1}\" y1=\"12\" x2=\"{:.1}\" y2=\"12\" stroke=\"{POSTAL}\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>\
         <rect x=\"{:.1}\" y=\"8\" width=\"8\" height=\"8\" fill=\"{POSTAL}\"/>\
         <text x=\"{:.1}\" y=\"16\" fill=\"{INK}\">Qua bưu chính</text>",
        left + 28.0,
        left + 14.0,
        left + 34.0,
        left + 130.0,
        left + 158.0,
        left + 140.0,
        left + 164.0
    );
    let max = nice_max(
        months
            .iter()
            .flat_map(|m| [m.1, m.2])
            .flatten()
            .fold(0.0, f64::max),
    )
    .min(100.0);
    let plot_h = h - top - bottom;
    let plot_w = W - left - right;
    grid(&mut out, [left, right, top, plot_h], max, |v| {
        format!("{}%", crate::text::format_decimal(v, 1))
    });
    let n = months.len().max(1);
    let xs = |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let ys = |v: f64| top + plot_h - plot_h * v / max;
    for (k, colour, dash) in [(1, ON_TIME, ""), (2, POSTAL, " stroke-dasharray=\"6 4\"")] {
        let pts: Vec<String> = months
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                if k == 1 { m.1 } else { m.2 }.map(|v| format!("{:.1},{:.1}", xs(i), ys(v)))
            })
            .collect();
        let _ = write!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>",
            pts.join(" ")
        );
        for (i, m) in months.iter().enumerate() {
            let Some(v) = (if k == 1 { m.1 } else { m.2 }) else {
                continue;
            };
            let (x, y) = (xs(i), ys(v));
            if k == 1 {
                let _ = write!(
                    out,
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{colour}\"/>"
                );
            } else {
                let _ = write!(
                    out,
                    "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"7\" height=\"7\" fill=\"{colour}\"/>",
                    x - 3.5,
                    y - 3.5
                );
            }
        }
    }
    let step = if plot_w / n as f64 >= 30.0 { 1 } else { 2 };
    for (i, m) in months.iter().enumerate() {
        if i % step == 0 || i + 1 == months.len() {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{INK}\" font-size=\"12\">{}</text>",
                xs(i),
                h - 6.0,
                escape_xml(&m.0)
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// On-time rate per unit as horizontal bars on a 0–100% scale: the unit's name and its rate
/// on one line, the bar below, so that long names fit a narrow screen. `units`: (name, rate
/// in %, or `None` when it resolved nothing; whether it has overdue dossiers, marked "⚠").
pub fn unit_rate_bars(
    id: &str,
    title: &str,
    desc: &str,
    units: &[(String, Option<f64>, bool)],
) -> String {
    let row = 34.0;
    let h = 8.0 + row * units.len() as f64;
    let mut out = String::new();
    open(&mut out, id, h, title, desc);
    let (left, right) = (4.0, 4.0);
    let plot_w = W - left - right;
    for (i, (name, rate, overdue)) in units.iter().enumerate() {
        let y = 4.0 + row * i as f64;
        let value = match rate {
            Some(r) => format!("{}%", crate::text::format_decimal(*r, 1)),
            None => "chưa có hồ sơ giải quyết".to_string(),
        };
        let mark = if *overdue {
            " ⚠ có hồ sơ quá hạn"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<text x=\"{left}\" y=\"{:.1}\" fill=\"{INK}\">{}{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{INK}\" font-weight=\"700\">{}</text>",
            y + 13.0,
            escape_xml(name),
            escape_xml(mark),
            W - right,
            y + 13.0,
            escape_xml(&value)
        );
        let _ = write!(
            out,
            "<rect x=\"{left}\" y=\"{:.1}\" width=\"{plot_w:.1}\" height=\"10\" fill=\"#ffffff\" stroke=\"{GRID}\" stroke-width=\"0.5\"/>",
            y + 18.0
        );
        if let Some(r) = rate {
            let fill = if *overdue {
                format!("url(#{id}-hatch)")
            } else {
                ON_TIME.to_string()
            };
            let _ = write!(
                out,
                "<rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"10\" fill=\"{fill}\"/>",
                y + 18.0,
                plot_w * r / 100.0
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Five horizontal grid lines from 0 to `max` with their labels. `frame` is
/// `[left, right, top, plot_height]`.
fn grid(out: &mut String, frame: [f64; 4], max: f64, label: impl Fn(f64) -> String) {
    let [left, right, top, plot_h] = frame;
    for i in 0..=4 {
        let v = max * i as f64 / 4.0;
        let y = top + plot_h - plot_h * i as f64 / 4.0;
        let _ = write!(
            out,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{GRID}\" stroke-width=\"0.5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>",
            W - right,
            left - 4.0,
            y + 4.0,
            escape_xml(&label(v))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_axis_maxima() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(2599.0), 5000.0);
        assert_eq!(nice_max(2000.0), 2000.0);
        assert_eq!(nice_max(38.0), 50.0);
    }

    #[test]
    fn charts_have_title_desc_and_escape_text() {
        let svg = resolved_bars(
            "c1",
            "Hồ sơ <đã> giải quyết",
            "mô tả & số liệu",
            &[("1/20".into(), 10, 90, 0)],
        );
        assert!(svg.starts_with("<svg class=\"chart\""));
        assert!(svg.contains("<title id=\"c1-t\">Hồ sơ &lt;đã&gt; giải quyết</title>"));
        assert!(svg.contains("<desc id=\"c1-d\">mô tả &amp; số liệu</desc>"));
        assert!(svg.ends_with("</svg>"));
        let bars = unit_rate_bars(
            "c2",
            "t",
            "d",
            &[
                ("Xã <A>".into(), Some(98.5), true),
                ("Xã B".into(), None, false),
            ],
        );
        assert!(
            bars.contains("Xã &lt;A&gt; ⚠ có hồ sơ quá hạn")
                && bars.contains("98,5%")
                && bars.contains("chưa có hồ sơ giải quyết")
        );
        let lines = share_lines(
            "c3",
            "t",
            "d",
            &[
                ("1/20".into(), Some(30.0), Some(2.5)),
                ("2/20".into(), Some(35.0), None),
            ],
        );
        assert!(lines.contains("<polyline") && lines.contains("stroke-dasharray"));
    }

    #[test]
    fn charts_are_deterministic() {
        let m = vec![("1/20".to_string(), 3, 4, 1), ("2/20".to_string(), 5, 0, 0)];
        assert_eq!(
            resolved_bars("x", "t", "d", &m),
            resolved_bars("x", "t", "d", &m)
        );
    }
}
