//! Figures: the printed numbers of a paragraph, what follows them (a unit, `%`), and which of
//! them are not claims (bounds, thresholds, rates).

use std::ops::Range;

use budget_model::{Amount, Code, Percent, Unit};

use crate::vocab::ordinals::bracket_len;

use crate::vocab::narrative::figures::{
    is_bound, is_threshold, IGNORED_UNITS, MONEY_UNITS, PERCENT_SIGNS, WAN,
};

/// The printed numbers of `text`, in order: `8,763.47`, `809.97` (the gap of `809. 97` is gone
/// with the whitespace), `5521`, full-width digits. What the regex
/// `[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?` finds,
/// read by hand: this runs over every paragraph.
pub(super) fn numbers(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = next_digit(bytes, at)?;
        at = number_end(bytes, start);
        Some(start..at)
    })
}

/// Where the first digit at or after `at` (a character boundary) starts. The text is read
/// character by character from the lead bytes, without decoding: most characters are
/// ideographs of three bytes.
fn next_digit(bytes: &[u8], mut at: usize) -> Option<usize> {
    while let Some(&b) = bytes.get(at) {
        at += match b {
            b'0'..=b'9' => return Some(at),
            0xEF if digit_len(bytes, at).is_some() => return Some(at),
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
    }
    None
}

/// The byte length of the digit (`0`-`9`, `０`-`９`) at `at`, if one is there.
fn digit_len(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'0'..=b'9', ..] => Some(1),
        [0xEF, 0xBC, 0x90..=0x99, ..] => Some(3),
        _ => None,
    }
}

/// The byte length of the decimal point (`.`, `．`) at `at`, if one is there.
fn point_len(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at..)? {
        [b'.', ..] => Some(1),
        [0xEF, 0xBC, 0x8E, ..] => Some(3),
        _ => None,
    }
}

/// The end of the run of digits at `at` (at most `limit` of them), and how many there are.
fn digits_end(bytes: &[u8], mut at: usize, limit: usize) -> (usize, usize) {
    let mut count = 0;
    while count < limit {
        let Some(len) = digit_len(bytes, at) else {
            break;
        };
        at += len;
        count += 1;
    }
    (at, count)
}

/// The end of the number starting at `start` (a digit): up to three digits with groups of
/// `,ddd` after them, else a run of digits; then decimals when a digit follows the point.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let (run_end, run) = digits_end(bytes, start, usize::MAX);
    let mut end = run_end;
    if run <= 3 {
        while bytes.get(end) == Some(&b',') {
            let (group_end, group) = digits_end(bytes, end + 1, 3);
            if group < 3 {
                break;
            }
            end = group_end;
        }
    }
    if let Some(point) = point_len(bytes, end) {
        let (decimals_end, decimals) = digits_end(bytes, end + point, usize::MAX);
        if decimals > 0 {
            end = decimals_end;
        }
    }
    end
}

/// The classification codes printed in brackets after their names (`卫生健康支出（210）`): the
/// byte range of each, brackets included. What the regex `[（(]([0-9]{3}|[0-9]{5}|[0-9]{7})[)）]`
/// finds (when group 1 is a code), read by hand: this runs over every paragraph.
pub(super) fn printed_codes(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    // `（` is EF BC 88: an opening bracket starts with `(` or 0xEF.
    memchr::memchr2_iter(b'(', 0xEF, bytes)
        .filter_map(|open| {
            let inside = open + bracket_len(bytes.get(open..)?, b'(', 0x88)?;
            let digits = bytes
                .get(inside..)?
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            let close = bracket_len(bytes.get(inside + digits..)?, b')', 0x89)?;
            let code = text.get(inside..inside + digits)?;
            let printed = matches!(digits, 3 | 5 | 7) && Code::parse(code).is_some();
            printed.then_some(open..inside + digits + close)
        })
        .collect()
}

/// What a number turned out to be.
#[derive(Debug, Clone, Copy)]
pub(super) enum Value {
    /// With a money unit.
    Money(Amount),
    /// Without a unit, read in the default unit; only kept when its lead names a subject or a
    /// change.
    Bare(Amount),
    Percent(Percent),
    /// A money figure or percentage that is not a claim: a bound (`≤ 2600万元`), a threshold
    /// (`200万元以上`), a rate (`30元/人`).
    Ignored,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Figure {
    pub(super) start: usize,
    /// After the unit or `%`.
    pub(super) end: usize,
    pub(super) value: Value,
}

pub(super) fn figures(text: &str, default_unit: Unit) -> Vec<Figure> {
    let codes = printed_codes(text);
    numbers(text)
        .filter(|m| !codes.iter().any(|r| r.contains(&m.start)))
        .filter_map(|m| figure(text, m, default_unit))
        .collect()
}

pub(super) fn figure(text: &str, number: Range<usize>, default_unit: Unit) -> Option<Figure> {
    let digits = text.get(number.clone())?;
    let bound = is_bound(text.get(..number.start)?);
    let (suffix, len) = suffix(text.get(number.end..)?)?;
    let end = number.end + len;
    let value = match suffix {
        Suffix::Unit(_) if bound || is_threshold(text.get(end..)?) => Value::Ignored,
        Suffix::Unit(unit) => Value::Money(Amount::parse(digits, unit).ok()??),
        Suffix::Percent if bound => Value::Ignored,
        Suffix::Percent => Value::Percent(percent(digits)?),
        Suffix::Ignored => Value::Ignored,
        Suffix::Bare if bound => return None,
        Suffix::Bare => Value::Bare(Amount::parse(digits, default_unit).ok()??),
    };
    Some(Figure {
        start: number.start,
        end,
        value,
    })
}

enum Suffix {
    Unit(Unit),
    Percent,
    Bare,
    Ignored,
}

/// What follows a number, and its length in bytes.
fn suffix(after: &str) -> Option<(Suffix, usize)> {
    if let Some((word, unit)) = MONEY_UNITS.iter().find(|(w, _)| after.starts_with(w)) {
        return Some((Suffix::Unit(*unit), word.len()));
    }
    if let Some(rest) = after.strip_prefix(WAN) {
        // `0.63 万` then `元` on the next line is joined already; a bare `万` before a comma
        // still means 万元, but `479 万人` is a headcount.
        return ends_clause(rest).then_some((Suffix::Unit(Unit::WanYuan), WAN.len_utf8()));
    }
    if let Some(sign) = PERCENT_SIGNS.iter().find(|s| after.starts_with(*s)) {
        return Some((Suffix::Percent, sign.len()));
    }
    if let Some(ignored) = IGNORED_UNITS.iter().find(|u| after.starts_with(*u)) {
        return Some((Suffix::Ignored, ignored.len()));
    }
    ends_clause(after).then_some((Suffix::Bare, 0))
}

fn ends_clause(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_none_or(|c| matches!(c, '，' | ',' | '。' | '；' | ';' | '！' | '？'))
}

pub(super) fn percent(digits: &str) -> Option<Percent> {
    let number = Amount::parse(digits, Unit::Yuan).ok()??;
    Some(Percent {
        value: number.value,
        decimals: number.decimals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    #[test]
    fn printed_codes_are_what_the_regex_finds() {
        let re = Regex::new(r"[（(]([0-9]{3}|[0-9]{5}|[0-9]{7})[)）]").expect("valid regex");
        let texts = [
            "卫生健康支出（210）5.00万元，行政运行(2010101)3.00万元",
            "（一）(12)（1234）(123456)（2080505）(208",
            "（（210））(（210)",
            "社会保障和就业支出(208）",
            "",
        ];
        for text in texts {
            let expected: Vec<Range<usize>> = re
                .captures_iter(text)
                .filter(|c| c.get(1).is_some_and(|m| Code::parse(m.as_str()).is_some()))
                .filter_map(|c| c.get(0).map(|m| m.range()))
                .collect();
            assert_eq!(printed_codes(text), expected, "{text}");
        }
        assert_eq!(printed_codes("支出（210）").len(), 1);
    }
    #[test]
    fn numbers_are_what_the_regex_finds() {
        let number = Regex::new(
            r"[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?",
        )
        .unwrap();
        let texts = [
            "",
            "1",
            "8,763.47万元",
            "1234,567",
            "1,234,56",
            "1,2345",
            "12.",
            "12.3.4",
            "５５２１",
            "８,７６３．４７",
            "1,234.",
            "1,,234",
            "a1,234,567.8b",
            "0.5%",
            "1.5.",
            ",123",
            "１,２３４",
            "1234.５",
            "收入812.07万元，较上年减少131.10万元（下降13.9%）",
            "12,34",
            "1,234,5678",
        ];
        for text in texts {
            let want: Vec<_> = number.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(numbers(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn numbers_agree_with_the_regex(text in "[0-9０-９,.．a收 ]{0,24}") {
            let number = Regex::new(
                r"[0-9０-９]{1,3}(?:,[0-9０-９]{3})+(?:[.．][0-9０-９]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?",
            )
            .unwrap();
            let want: Vec<_> = number.find_iter(&text).map(|m| m.range()).collect();
            prop_assert_eq!(numbers(&text).collect::<Vec<_>>(), want);
        }
    }
}
