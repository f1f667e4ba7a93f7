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

/// The amounts of a cell that holds two or more printed against each other
/// (`161,603.34147,502.38`: glyph boxes measured wider than printed join neighbouring columns).
/// An amount has one decimal point, so each piece ends as many decimals after its point as the
/// last one does; `None` unless every piece is an amount.
pub fn glued_amounts(cell: &str) -> Option<Vec<&str>> {
    if !cell.is_ascii() || cell.matches('.').count() < 2 {
        return None;
    }
    let decimals = cell.rsplit('.').next().map_or(0, str::len);
    if decimals == 0 || decimals > 2 {
        return None;
    }
    let mut pieces = Vec::new();
    let mut rest = cell;
    while !rest.is_empty() {
        let end = rest.find('.')? + 1 + decimals;
        let piece = rest.get(..end)?;
        let digits = piece.trim_start_matches('-');
        let starts = digits.starts_with(|c: char| c.is_ascii_digit())
            && (!digits.starts_with('0') || digits.starts_with("0."));
        let ends = piece[piece.len() - decimals..]
            .bytes()
            .all(|b| b.is_ascii_digit());
        if !starts || !ends || !is_amount(piece) {
            return None;
        }
        pieces.push(piece);
        rest = &rest[end..];
    }
    Some(pieces)
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
/// The word of a group's own total (小计).
pub const SUBTOTAL: &str = "小计";
/// The word of the three public expenses (“三公”经费), in a total column's header that counts
/// them alone (三公经费合计), not the 会议费 and 培训费 printed beside them.
pub const THREE_PUBLIC: &str = "三公";

/// The two-character words of a table's header and totals that publishers print letter-spaced
/// across their cell (`合   计`, `项      目`, `收      入`): read as one word.
pub const LETTER_SPACED_WORDS: &[&str] = &[
    TOTAL,
    GRAND_TOTAL,
    SUBTOTAL,
    "项目",
    "科目",
    "名称",
    "收入",
    "支出",
    "金额",
];

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
    fn amounts_printed_against_each_other_come_apart() {
        assert_eq!(
            glued_amounts("161,603.34147,502.38"),
            Some(vec!["161,603.34", "147,502.38"])
        );
        assert_eq!(
            glued_amounts("1.0012.503.1"),
            None,
            "decimals of unequal length"
        );
        assert_eq!(glued_amounts("5.0012.00"), Some(vec!["5.00", "12.00"]));
        assert_eq!(glued_amounts("161,603.34"), None, "one amount");
        assert_eq!(glued_amounts("3.1.4"), None, "a section number");
        assert_eq!(glued_amounts("2026.01.15"), None, "a date");
        assert_eq!(glued_amounts("12.512.6"), Some(vec!["12.5", "12.6"]));
    }

    #[test]
    fn total_labels() {
        assert!(is_total_label("合计"));
        assert!(is_total_label("本年收入合计"));
        assert!(is_total_label("收入总计"));
        assert!(!is_total_label("社会保障和就业支出"));
    }
}
