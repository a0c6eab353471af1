//! The whole one-file procedure parser, from raw bytes (BOM, CRLF, NFC, invalid UTF-8) to a
//! procedure or diagnostics: never a panic, and never a file accepted with a control character
//! in a value (it would reach the pages).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let outcome = congkhai::catalog::parse_procedure_for_fuzz(bytes);
    assert!(
        !outcome.accepted_control_character,
        "accepted with a control character in a value"
    );
});
