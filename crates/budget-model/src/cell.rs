//! What one printed table cell holds, as every reader of tables sees it: the space-aligned layout
//! recovery of `budget-input` and the table reader of `budget-parse` ask the same questions (is
//! this an amount, does this label name a total), so the answers live here, once.

use crate::{Amount, Unit};

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

/// Whether a cell holds an amount (see [`cell_amount`]).
pub fn is_amount(cell: &str) -> bool {
    cell_amount(cell, Unit::Yuan).is_some()
}

/// Label text without spaces.
pub fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(text.split(char::is_whitespace));
    out
}

/// The word of a total (合计) and of a grand total (总计).
pub const TOTAL: &str = "合计";
pub const GRAND_TOTAL: &str = "总计";

/// Whether a word ends with a total word (合计, 总计): a total row's label, a total column's
/// header.
pub fn ends_with_total(word: &str) -> bool {
    word.ends_with(TOTAL) || word.ends_with(GRAND_TOTAL)
}

/// Whether a label names a total row (合计, 总计, 收入总计, 本年支出合计 ...).
pub fn is_total_label(label: &str) -> bool {
    let l = compact(crate::strip_ordinal(label));
    ends_with_total(&l) && l.chars().count() <= 8
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

    #[test]
    fn total_labels() {
        assert!(is_total_label("合计"));
        assert!(is_total_label("本年收入合计"));
        assert!(is_total_label("收入总计"));
        assert!(!is_total_label("社会保障和就业支出"));
    }
}
