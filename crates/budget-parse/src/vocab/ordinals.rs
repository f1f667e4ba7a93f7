//! List numbers: the ordinals that number headings, list items and table rows (`第一部分`,
//! `一、`, `（一）`, `1、`, `（1）`, `①`), and how deep each is. The one home of list-number
//! levels, for the narrative's headings and the tables' numbered rows alike.

use budget_model::is_chinese_numeral;

/// The length of the bracket `bytes` starts with: the ASCII one, or the full-width one
/// (EF BC `full_width_last`).
pub fn bracket_len(bytes: &[u8], ascii: u8, full_width_last: u8) -> Option<usize> {
    match bytes {
        [b, ..] if *b == ascii => Some(1),
        [0xEF, 0xBC, last, ..] if *last == full_width_last => Some(3),
        _ => None,
    }
}

/// The level and byte length of the ordinal a heading or list item starts with: `第一部分` 0,
/// `一、` 1, `（一）` 2, `1、` / `1.` 3, `（1）` / `1)` / `①` 4. Read by hand (see
/// [`ordinal_len`]): this runs on every narrative line.
pub fn ordinal(text: &str) -> Option<(u8, usize)> {
    // Only the levels whose ordinals can start with the first character are tried; most lines
    // start otherwise and try none.
    let levels: &[u8] = match text.chars().next()? {
        '第' => &[0],
        '（' | '(' => &[2, 4],
        '0'..='9' => &[3, 4],
        '①'..='⑳' => &[4],
        c if is_chinese_numeral(c) => &[1],
        _ => return None,
    };
    let (level, len) = levels
        .iter()
        .find_map(|&level| ordinal_len(text, level).map(|len| (level, len)))?;
    // `1.5` is a number, not an ordinal.
    let decimal = level == 3
        && text[..len].ends_with('.')
        && text[len..].starts_with(|c: char| c.is_ascii_digit());
    (!decimal).then_some((level, len))
}

/// The byte length of the ordinal of `level` that `text` starts with: what the regex of the
/// level matches.
///
/// 0: `^第[一二三四五六七八九十百零0-9]+(?:部分|章|节)`; 1: `^[一二三四五六七八九十百零]+[、.．]`;
/// 2: `^[（(][一二三四五六七八九十百零]+[)）]`; 3: `^[0-9]{1,2}[、.．]`;
/// 4: `^(?:[（(][0-9]{1,2}[)）]|[0-9]{1,2}[)）]|[①-⑳])`.
fn ordinal_len(text: &str, level: u8) -> Option<usize> {
    let numerals = |t: &str| Some(leading(t, is_chinese_numeral)).filter(|&n| n > 0);
    let two_digits =
        |t: &str| Some(leading(t, |c| c.is_ascii_digit())).filter(|n| (1..=2).contains(n));
    let (body, ends): (usize, &[char]) = match level {
        0 => {
            let rest = text.strip_prefix('第')?;
            let head = text.len() - rest.len();
            let run = leading(rest, |c| is_chinese_numeral(c) || c.is_ascii_digit());
            let after = text.get(head + run..)?;
            let tail = ["部分", "章", "节"]
                .into_iter()
                .find(|w| after.starts_with(w))?;
            return (run > 0).then_some(head + run + tail.len());
        }
        1 => (numerals(text)?, &['、', '.', '．']),
        2 => {
            let open = bracket_len(text.as_bytes(), b'(', 0x88)?;
            (open + numerals(text.get(open..)?)?, &[')', '）'])
        }
        3 => (two_digits(text)?, &['、', '.', '．']),
        _ => {
            if text.starts_with(|c| ('①'..='⑳').contains(&c)) {
                return Some('①'.len_utf8());
            }
            let open = bracket_len(text.as_bytes(), b'(', 0x88).unwrap_or(0);
            (open + two_digits(text.get(open..)?)?, &[')', '）'])
        }
    };
    let end = text
        .get(body..)?
        .chars()
        .next()
        .filter(|c| ends.contains(c))?;
    Some(body + end.len_utf8())
}

/// The byte length of the characters `text` starts with that satisfy `pred`.
pub fn leading(text: &str, pred: impl Fn(char) -> bool) -> usize {
    text.find(|c: char| !pred(c)).unwrap_or(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn ordinals_are_what_the_regexes_find() {
        let regexes = [
            r"^第[一二三四五六七八九十百零0-9]+(?:部分|章|节)",
            r"^[一二三四五六七八九十百零]+[、.．]",
            r"^[（(][一二三四五六七八九十百零]+[)）]",
            r"^[0-9]{1,2}[、.．]",
            r"^(?:[（(][0-9]{1,2}[)）]|[0-9]{1,2}[)）]|[①-⑳])",
        ]
        .map(|re| Regex::new(re).expect("valid regex"));
        let texts = [
            "第一部分",
            "一二部分",
            "第2章 概况",
            "第十节",
            "第部分",
            "第一",
            "一、概况",
            "十二.",
            "一二",
            "、",
            "（一）收入",
            "(二)",
            "（）",
            "（一",
            "（12）",
            "(1)",
            "(123)",
            "1)",
            "12）",
            "123)",
            "1、",
            "12.",
            "123、",
            "1.5万元",
            "①说明",
            "⑳",
            "㉑",
            "收入",
            "",
            "（1）（2）",
        ];
        for text in texts {
            for (level, re) in regexes.iter().enumerate() {
                let level = u8::try_from(level).expect("five levels");
                let expected = re.find(text).map(|m| m.end());
                assert_eq!(ordinal_len(text, level), expected, "{text:?} level {level}");
            }
        }
        assert_eq!(ordinal("1.5万元"), None);
        assert_eq!(ordinal("（一）收入"), Some((2, "（一）".len())));
    }
}
