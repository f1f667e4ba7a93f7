//! What a single cell holds: an amount, a code, a label.

use budget_model::{Amount, Unit};

/// Whether a label names a total row; the vocabulary's entry, named here too for the readers of
/// layout.
pub use crate::vocab::tables::is_total_label;

/// Digit runs this long without separators or decimals are identifiers (project numbers such as
/// `41050024000000038938`), not amounts.
const IDENTIFIER_DIGITS: usize = 16;

/// The amount a cell holds, if it holds one.
pub fn cell_amount(cell: &str, unit: Unit) -> Option<Amount> {
    // Reading stops at the first character no number has, so most cells (labels) are settled
    // at once; only an amount is looked at again. A cell of digits only has as many digits as
    // bytes.
    let amount = Amount::read(cell, unit)?;
    let plain = cell.bytes().all(|b| b.is_ascii_digit());
    if plain && cell.len() >= IDENTIFIER_DIGITS {
        return None;
    }
    Some(amount)
}

pub fn is_amount(cell: &str) -> bool {
    cell_amount(cell, Unit::Yuan).is_some()
}

/// Whether a cell holds words (CJK ideographs), as labels do.
pub fn has_words(cell: &str) -> bool {
    cell.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Whether a cell holds only ASCII digits (a code, an ordinal or an identifier).
pub fn is_digits(cell: &str) -> bool {
    !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_not_amounts() {
        assert!(cell_amount("41050024000000038938", Unit::WanYuan).is_none());
        assert!(cell_amount("936,760.00", Unit::Yuan).is_some());
        assert!(cell_amount("≥2次", Unit::Yuan).is_none());
        assert!(cell_amount("100%", Unit::Yuan).is_none());
    }
}
