//! The site's addresses that more than one stage needs, in one place below them all: the
//! pages link to the open data, the printed sheets and listings encode procedure URLs in
//! their QR codes. They are fixed by the site map (printed codes depend on them).

use crate::model::{Portal, Procedure};

/// Every month's statistics in one file (relative to the site root).
/// Per-procedure monthly figures, every month, as open data.
pub const PROCEDURES_CSV: &str = "du-lieu/thong-ke/thu-tuc.csv";
pub const ALL_CSV: &str = "du-lieu/thong-ke/tat-ca.csv";
pub const ALL_JSON: &str = "du-lieu/thong-ke/tat-ca.json";

/// The absolute URL a printed QR code opens.
pub fn procedure_url(portal: &Portal, p: &Procedure) -> String {
    format!("{}/thu-tuc/{}/", portal.site.base_url, p.slug)
}
