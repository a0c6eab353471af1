//! The whole one-file procedure parser, from raw bytes (BOM, CRLF, NFC, invalid UTF-8) to a
//! procedure or diagnostics: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = congkhai::catalog::parse_procedure_for_fuzz(bytes);
});
