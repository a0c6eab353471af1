//! One month of statistics (CSV): any text gives rows or located diagnostics, never a panic.
#![no_main]

use std::path::Path;

use congkhai::catalog::statistics;
use congkhai::diag::Diagnostics;
use congkhai::report::Month;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let month = Month::parse("2020-01").expect("a month");
    let mut diags = Diagnostics::new(Path::new(""));
    let path = Path::new("content/statistics/2020-01.csv");
    let _ = statistics::parse(path, month, text, &["xa-an-binh", "yen-lap"], Some(&["ho-tich"]), &mut diags);
    let _ = statistics::parse(path, month, text, &["xa-an-binh"], None, &mut diags);
});
