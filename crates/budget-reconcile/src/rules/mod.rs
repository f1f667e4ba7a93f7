//! The rules, one module per family: sums inside a table, relations across tables, narrative
//! against tables, completeness of the set of tables, template residue left in the text, and
//! whether a table's reading holds.

pub mod completeness;
pub mod cross;
pub mod forms;
pub mod narrative;
pub mod reading;
pub mod sums;
pub mod template;

use crate::Rule;

/// Every rule, in catalogue order.
pub fn all() -> Vec<&'static dyn Rule> {
    let mut out = sums::rules();
    out.extend(cross::rules());
    out.extend(cross::final_accounts::rules());
    out.extend(narrative::rules());
    out.extend(forms::rules());
    out.extend(completeness::rules());
    out.extend(template::rules());
    out.extend(reading::rules());
    out
}

/// A number that sorts as a classification code does, so that codes are sorted and searched
/// without comparing strings: the code's digits left-aligned in eight bytes. A code has 3, 5
/// or 7 digits (`Code::parse`); `208` sorts before `20801`, as `208` followed by zero bytes
/// does.
pub(crate) fn code_key(code: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, digit) in bytes.iter_mut().zip(code.bytes()) {
        *b = digit;
    }
    u64::from_be_bytes(bytes)
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
