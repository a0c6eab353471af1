//! One month of per-procedure statistics (CSV): any text gives rows or located diagnostics,
//! never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = congkhai::catalog::timeliness::parse_for_fuzz(text);
});
