//! Front matter splitting and YAML parsing with located errors, on text as the catalog reads
//! it (through `source::decode`): any input gives a value or a located error, never a panic,
//! and every position points inside the file.
#![no_main]

use congkhai::catalog::source;
use congkhai::catalog::yaml::{self, Doc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = source::decode(bytes) else { return };
    // YAML (1.1, libyaml) also breaks lines at NEL, LS and PS; a position may count those.
    let lines = text.split(['\n', '\u{85}', '\u{2028}', '\u{2029}']).count() + 1;
    let check = |doc: &Doc| match doc.value() {
        Ok(value) => {
            for (pos, _) in yaml::check_keys(doc, &value, &["code", "name"], &["level"])
                .into_iter()
                .chain(yaml::check_text_values(doc, &value))
            {
                assert!(pos.line >= 1 && pos.line <= lines, "{pos:?} outside the file");
            }
            for key in ["code", "name", "level", "- x"] {
                let _ = doc.key_pos(key);
                let _ = doc.value_pos(key, "x");
                let _ = doc.nth_value_pos(key, 1, "đ");
            }
        }
        Err((pos, _)) => assert!(pos.line >= 1 && pos.line <= lines, "{pos:?} outside the file"),
    };
    match yaml::split_front_matter(&text) {
        Ok(fm) => {
            assert!(fm.body.len() <= text.len());
            check(&fm.yaml);
        }
        Err((pos, _)) => assert_eq!((pos.line, pos.column), (1, 1)),
    }
    check(&Doc::whole(&text));
});
