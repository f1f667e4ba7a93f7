//! Searching the short texts of titles, labels and leads.

/// Where `word` first occurs in `text` (a byte index, as [`str::find`] gives), for the short
/// texts searched again and again: titles, labels, leads, header cells. `str::find` with a
/// `&str` sets up a two-way searcher on every call, which costs more than scanning a few dozen
/// bytes. A match can only start on a character boundary, because `word` starts with a
/// character.
pub fn find_word(text: &str, word: &str) -> Option<usize> {
    let (haystack, needle) = (text.as_bytes(), word.as_bytes());
    let (Some(&first), Some(&last)) = (needle.first(), needle.last()) else {
        return Some(0);
    };
    haystack.windows(needle.len()).position(|w| {
        // The first and last bytes rule out most places before the whole word is compared.
        w[0] == first && w[w.len() - 1] == last && w == needle
    })
}

/// `- 10 -`, `第 3 页`, `3/40`: a line that is only a page number, furniture of the page and
/// never part of the text flowing across it.
pub fn is_page_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_whitespace() || "-—–/第页共".contains(c))
}

/// The characters besides digits and numerals of a table's number (`表10`, `公开 10 表`,
/// `预算01表`, `附表 3-1`).
pub const TABLE_NUMBER_CHARS: &[char] = &['公', '开', '预', '算', '附', '表', '第', '-', '—', '_'];

/// Whether a line is only a table's number (`表10`, `表 1`, `公开 10 表`, `预算01表`), a label
/// of the table below it: furniture of the page, neither narrative nor a row.
pub fn is_table_number(text: &str) -> bool {
    let t = text.trim();
    t.contains('表')
        && t.chars().all(|c| {
            c.is_whitespace()
                || c.is_ascii_digit()
                || TABLE_NUMBER_CHARS.contains(&c)
                || crate::is_chinese_numeral(c)
        })
}

/// A CJK unified ideograph (U+4E00–U+9FFF): the characters of names and labels.
pub fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// [`str::trim`] for the short texts of cells and labels, which mostly start and end with a
/// character that cannot be whitespace (a digit, a letter, an ideograph): that is settled from
/// the bytes at either end, without decoding characters.
pub fn trim(text: &str) -> &str {
    // Plain spaces first (`| 208 |`): they are single bytes, so the cut is a character boundary.
    let bytes = text.as_bytes();
    let start = bytes.iter().position(|&b| b != b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b != b' ')
        .map_or(start, |i| i + 1);
    let inner = &text[start..end];
    if inner.is_empty() || (solid_start(inner.as_bytes()) && solid_end(inner.as_bytes())) {
        inner
    } else {
        inner.trim()
    }
}

/// The first character is not whitespace: printable ASCII, or a character of three or four
/// bytes from U+4000 on (every non-ASCII whitespace character is below U+3001).
fn solid_start(bytes: &[u8]) -> bool {
    bytes
        .first()
        .is_some_and(|&b| b.is_ascii_graphic() || b >= 0xE4)
}

/// The last character is not whitespace (see [`solid_start`]): printable ASCII, or a character
/// of three bytes whose first byte is 0xE4 or more.
fn solid_end(bytes: &[u8]) -> bool {
    match bytes {
        [.., last] if last.is_ascii_graphic() => true,
        [.., lead, _, _] => (0xE4..0xF0).contains(lead),
        _ => false,
    }
}

/// Whether `text` holds `word`; see [`find_word`].
pub fn has_word(text: &str, word: &str) -> bool {
    find_word(text, word).is_some()
}

/// A title without its year and spaces: `2024年部门预算表` → `部门预算表`, to match a title
/// the contents print with the table's own.
pub fn title_core(title: &str) -> String {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    match t.find('年') {
        Some(i) if t[..i].chars().all(|c| c.is_ascii_digit()) => {
            t[i + '年'.len_utf8()..].to_string()
        }
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_numbers() {
        assert!(is_table_number("表10"));
        assert!(is_table_number("\u{c}        表 1"));
        assert!(is_table_number("预算01表"));
        assert!(is_table_number("公开 10 表"));
        assert!(!is_table_number("10"));
        assert!(!is_table_number("部门收支总表"));
        assert!(!is_table_number("表 1 收支总表"));
    }

    #[test]
    fn title_core_drops_the_year() {
        assert_eq!(title_core("2024年 部门预算表"), "部门预算表");
        assert_eq!(title_core("部门年度预算表"), "部门年度预算表");
    }

    #[test]
    fn trim_agrees_with_str_trim() {
        let texts = [
            "",
            " ",
            "a",
            " a ",
            "收入",
            " 收入\u{3000}",
            "\u{3000}",
            "\u{a0}x\u{a0}",
            "（一）",
            "8,763.47",
            "\t合计",
            "é",
            "x\u{2003}",
            "\u{85}",
            "😀 ",
            "😀",
            "a\u{200a}",
        ];
        for text in texts {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }

    #[test]
    fn find_word_agrees_with_str_find() {
        let texts = [
            "",
            "收入",
            "一般公共预算收入支出",
            "abcabd",
            "收收入",
            "预算收支",
            "é收入",
        ];
        let words = ["收入", "支出", "收支", "abd", "a", "入", "收收", "é", ""];
        for text in texts {
            for word in words {
                assert_eq!(find_word(text, word), text.find(word), "{text:?} {word:?}");
            }
        }
    }
}
