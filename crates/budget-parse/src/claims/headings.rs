//! Headings and list items: what a narrative line is (a heading of some level, a list item, text)
//! and the path of headings above the current line.

use budget_model::is_chinese_numeral;

use super::figures::bracket_len;
use super::paragraphs::*;
use crate::vocab::narrative::ends_with_title_word;
use crate::vocab::narrative::figures::MONEY_HINTS;

pub(super) enum LineKind {
    /// A heading: its level (see [`ordinal`]; 9 for headings without an ordinal) and its name.
    /// `bare`: the line is only an ordinal (`第二部分`), its name follows on the next line.
    Heading {
        level: u8,
        name: String,
        bare: bool,
    },
    /// Starts a list item (`（一）...。`, `1. ...`, `- ...`): always a new paragraph.
    ListItem,
    Text,
}

/// `continues`: the previous line left its sentence unfinished, so a short line is more likely
/// the end of that sentence than a title.
pub(super) fn line_kind(body: &Body, continues: bool) -> LineKind {
    let text = body.text.trim_end_matches(['。', '.']);
    let ordinal = ordinal(&body.text);
    let name = ordinal
        .and_then(|(_, len)| text.get(len..))
        .filter(|n| !n.is_empty());
    let bare = ordinal.is_some() && name.is_none();
    let name = name.unwrap_or(text);
    let markdown_title =
        body.markdown_heading && text.chars().count() <= 60 && !has_money_hint(text);
    // Only read when it can matter.
    let title = !markdown_title && (ordinal.is_some() || !continues) && is_title(text);
    if markdown_title || (ordinal.is_some() && title) {
        return LineKind::Heading {
            level: ordinal.map_or(9, |(level, _)| level),
            name: name.to_string(),
            bare,
        };
    }
    if !continues && title && ends_with_title_word(text) {
        return LineKind::Heading {
            level: 9,
            name: text.to_string(),
            bare: false,
        };
    }
    if ordinal.is_some() || body.bullet {
        LineKind::ListItem
    } else {
        LineKind::Text
    }
}

/// Short, no sentence punctuation, no amount: `（三）财政拨款支出情况`.
/// Sentence punctuation, a figure with a unit (see [`has_money_hint`]) and colons are looked for
/// in one pass.
fn is_title(text: &str) -> bool {
    if text.chars().count() > 40 {
        return false;
    }
    let mut after_digit = false;
    let mut colon = false;
    for c in text.chars() {
        match c {
            '，' | ',' | '；' | ';' | '！' | '？' | '!' | '?' | '。' => return false,
            c if after_digit && MONEY_HINTS.contains(&c) => return false,
            '：' | ':' => colon = true,
            _ => {}
        }
        after_digit = matches!(c, '0'..='9' | '０'..='９');
    }
    !colon || ends_with_title_word(text)
}

/// A figure with a unit, which a title never has: a digit followed by `万`, `元`, `%` or `％`
/// (what the regex `[0-9０-９](?:万元|万|元|%|％)` matches).
fn has_money_hint(text: &str) -> bool {
    let mut after_digit = false;
    for c in text.chars() {
        if after_digit && MONEY_HINTS.contains(&c) {
            return true;
        }
        after_digit = matches!(c, '0'..='9' | '０'..='９');
    }
    false
}

/// The level and byte length of the ordinal a heading or list item starts with: `第一部分` 0,
/// `一、` 1, `（一）` 2, `1、` / `1.` 3, `（1）` / `1)` / `①` 4. Read by hand (see
/// [`ordinal_len`]): this runs on every narrative line.
fn ordinal(text: &str) -> Option<(u8, usize)> {
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
pub(super) fn leading(text: &str, pred: impl Fn(char) -> bool) -> usize {
    text.find(|c: char| !pred(c)).unwrap_or(text.len())
}

/// The path of headings above the current line: level, name, and whether the name is still to
/// come (`第二部分` on a line of its own).
#[derive(Debug, Default)]
pub(super) struct Headings(pub(super) Vec<(u8, String, bool)>);

impl Headings {
    pub(super) fn enter(&mut self, level: u8, name: String, bare: bool) {
        if let Some(top) = self.0.last_mut().filter(|(_, _, bare)| *bare && level == 9) {
            *top = (top.0, name, false);
            return;
        }
        while self.0.last().is_some_and(|(l, _, _)| *l >= level) {
            self.0.pop();
        }
        self.0.push((level, name, bare));
    }

    pub(super) fn names(&self) -> Vec<String> {
        self.0.iter().map(|(_, name, _)| name.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
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

    /// What [`is_title`] computes, one condition at a time.
    fn is_title_plainly(text: &str) -> bool {
        text.chars().count() <= 40
            && !text
                .chars()
                .any(|c| matches!(c, '，' | ',' | '；' | ';' | '！' | '？' | '!' | '?' | '。'))
            && !has_money_hint(text)
            && (!text.chars().any(|c| matches!(c, '：' | ':')) || ends_with_title_word(text))
    }

    proptest! {
        #[test]
        fn is_title_reads_as_its_conditions(text in "[一二（）情况说明表:：，。5５万元%％a ]{0,45}") {
            prop_assert_eq!(is_title(&text), is_title_plainly(&text));
        }
    }

    #[test]
    fn money_hint_is_what_the_regex_finds() {
        let hint = Regex::new(r"[0-9０-９](?:万元|万|元|%|％)").unwrap();
        let texts = [
            "",
            "5万",
            "5 万",
            "５元",
            "12%",
            "１２％",
            "万5",
            "（三）财政拨款支出情况",
            "共3个",
            "合计812.07万元",
            "x9％y",
        ];
        for text in texts {
            assert_eq!(has_money_hint(text), hint.is_match(text), "{text:?}");
        }
    }
}
