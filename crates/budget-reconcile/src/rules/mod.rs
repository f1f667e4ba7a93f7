//! The rules, one module per family: sums inside a table, relations across tables, narrative
//! against tables, completeness of the set of tables.

pub mod completeness;
pub mod cross;
pub mod forms;
pub mod narrative;
pub mod sums;

use crate::Rule;

/// Every rule, in catalogue order.
pub fn all() -> Vec<&'static dyn Rule> {
    let mut out = sums::rules();
    out.extend(cross::rules());
    out.extend(narrative::rules());
    out.extend(forms::rules());
    out.extend(completeness::rules());
    out
}

/// Whether `text` may hold whitespace, from its bytes alone: ASCII whitespace, or the first byte
/// of a character between U+0080 and U+3FFF (every other whitespace character is there).
/// Tested in blocks without an early exit inside one, which the compiler turns into wide
/// operations.
pub(crate) fn may_hold_space(text: &str) -> bool {
    text.as_bytes().chunks(16).any(|block| {
        block.iter().fold(false, |seen, &b| {
            seen | matches!(b, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3)
        })
    })
}
