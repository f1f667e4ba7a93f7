//! `budget_parse::parse` on arbitrary bytes: it returns a document or an error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = budget_parse::parse(bytes, "fuzz");
    if let Ok(text) = std::str::from_utf8(bytes) {
        // The space-aligned layout stage sees text the decoder would reject too.
        let _ = budget_input::layout::align_tables(text);
    }
});
