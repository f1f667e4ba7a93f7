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

/// Two-character words of headers and total rows that tables print letter-spaced, one
/// character at each end of the cell (`项      目`, `收      入`, `合      计`). Never `款项`:
/// `类 款 项` are the headers of three code columns.
const SPACED_WORDS: [&str; 10] = [
    "项目", "收入", "支出", "合计", "总计", "科目", "金额", "名称", "编码", "功能",
];

/// Whether `left` and `right`, printed apart on one line, are the two halves of one
/// letter-spaced word ([`SPACED_WORDS`]).
pub fn is_spaced_word(left: &str, right: &str) -> bool {
    let (l, r) = (left.trim(), right.trim());
    l.chars().count() == 1
        && r.chars().count() == 1
        && SPACED_WORDS.iter().any(|w| w.strip_prefix(l) == Some(r))
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
    fn letter_spaced_words_are_known_words() {
        assert!(is_spaced_word("项", "目"));
        assert!(is_spaced_word("合", " 计"));
        assert!(!is_spaced_word("款", "项"));
        assert!(!is_spaced_word("项目", "名称"));
    }

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
