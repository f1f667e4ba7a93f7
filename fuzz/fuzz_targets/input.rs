//! Detection and conversion of arbitrary bytes (HTML, xlsx, xls, docx, text), then parsing.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = budget_input::convert(bytes) {
        let _ = budget_parse::parse_text(&text, "fuzz");
    }
});
