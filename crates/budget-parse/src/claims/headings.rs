//! Headings and list items: what a narrative line is (a heading of some level, a list item, text)
//! and the path of headings above the current line.

use super::paragraphs::*;
use crate::vocab::narrative::ends_with_title_word;
use crate::vocab::narrative::figures::MONEY_HINTS;
use crate::vocab::ordinals::ordinal;

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
