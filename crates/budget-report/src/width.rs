//! Terminal width of text and greedy line wrapping. Chinese characters and full-width
//! punctuation take two columns, so wrapping by `chars().count()` would overflow the terminal.

/// The terminal columns a character takes: 2 for East Asian wide and full-width characters,
/// 0 for control characters, 1 otherwise. A table of the ranges that occur in budget documents,
/// not the full Unicode East Asian Width property.
pub fn char_width(c: char) -> usize {
    let cp = c as u32;
    let wide = matches!(cp,
        0x1100..=0x115F            // Hangul Jamo
        | 0x2E80..=0x303E          // CJK radicals, punctuation (、。「」)
        | 0x3041..=0x33FF          // kana, CJK compatibility
        | 0x3400..=0x4DBF          // CJK extension A
        | 0x4E00..=0x9FFF          // CJK unified ideographs
        | 0xA000..=0xA4CF          // Yi
        | 0xAC00..=0xD7A3          // Hangul syllables
        | 0xF900..=0xFAFF          // CJK compatibility ideographs
        | 0xFE30..=0xFE4F          // CJK compatibility forms
        | 0xFF00..=0xFF60          // full-width forms (，：（）)
        | 0xFFE0..=0xFFE6          // full-width signs
        | 0x20000..=0x3FFFD // CJK extensions B and beyond
    );
    if wide {
        2
    } else if c.is_control() {
        0
    } else {
        1
    }
}

/// The terminal columns a string takes.
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `text` on one line of at most `width` columns: newlines and tabs become spaces, and a text
/// too long is cut with `…` (one column) at its end.
pub fn truncate(text: &str, width: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if display_width(&flat) <= width {
        return flat;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in flat.chars() {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Wraps `text` to `width` columns. The first line starts with `first`, the following ones with
/// `rest` (both count towards the width). Breaks at spaces, or between any two wide characters,
/// or inside a word that is longer than a line. Newlines and tabs in `text` become spaces.
pub fn wrap(text: &str, first: &str, rest: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut used = display_width(first);
    let mut line_has_text = false;
    for token in tokens(text) {
        let w = display_width(token);
        if token == " " {
            if line_has_text && used < width {
                line.push(' ');
                used += 1;
            }
            continue;
        }
        if line_has_text && used + w > width {
            lines.push(line.trim_end().to_string());
            line = rest.to_string();
            used = display_width(rest);
        }
        for c in token.chars() {
            let cw = char_width(c);
            if used + cw > width && used > display_width(rest) {
                lines.push(line.trim_end().to_string());
                line = rest.to_string();
                used = display_width(rest);
            }
            line.push(c);
            used += cw;
        }
        line_has_text = true;
    }
    lines.push(line.trim_end().to_string());
    lines
}

/// Splits text into break units: a run of narrow non-space characters (a word, a number), a
/// single wide character, or a single space (standing for any run of whitespace). A number
/// keeps its unit (`6745.48万元`, `13.9%`) and a unit keeps the closing punctuation after it:
/// no line starts with `，`, `、`, `）` or the like (see [`glued`]).
fn tokens(text: &str) -> Vec<&str> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut last_space = false;
    for (i, c) in text.char_indices() {
        let is_space = c.is_whitespace();
        let is_wide = char_width(c) == 2;
        if is_space || is_wide {
            if let Some(s) = word_start.take() {
                spans.push((s, i));
            }
        }
        if is_space {
            if !last_space {
                spans.push((i, i + c.len_utf8()));
            }
        } else if is_wide {
            spans.push((i, i + c.len_utf8()));
        } else if word_start.is_none() {
            word_start = Some(i);
        }
        last_space = is_space;
    }
    if let Some(s) = word_start {
        spans.push((s, text.len()));
    }
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (s, e) in spans {
        match out.last_mut() {
            Some(last) if last.1 == s && glued(&text[last.0..last.1], &text[s..e]) => last.1 = e,
            _ => out.push((s, e)),
        }
    }
    out.into_iter()
        .map(|(s, e)| {
            if text[s..e].trim().is_empty() {
                " "
            } else {
                &text[s..e]
            }
        })
        .collect()
}

/// Closing punctuation: never the first character of a line.
const CLOSERS: &str = "，。、；：！？）】」』》〉”’%,.;:!?)]";
/// Units a figure is printed with: never apart from it.
const UNITS: &str = "万亿元个人%";

/// Whether `next` stays on the line of `before`, printed right after it: closing punctuation
/// after anything but a space, a unit after a figure (or after a unit: `万` `元`).
fn glued(before: &str, next: &str) -> bool {
    let (Some(last), Some(first)) = (before.chars().last(), next.chars().next()) else {
        return false;
    };
    if last.is_whitespace() || first.is_whitespace() {
        return false;
    }
    let closes = next.chars().count() == 1 && CLOSERS.contains(first);
    let figure = last.is_ascii_digit() || (UNITS.contains(last) && is_figure_with_unit(before));
    closes || (figure && next.chars().count() == 1 && UNITS.contains(first))
}

/// `6745.48万`: a figure and the units printed after it so far.
fn is_figure_with_unit(token: &str) -> bool {
    let digits = token.trim_end_matches(|c| UNITS.contains(c));
    digits.len() < token.len() && digits.chars().last().is_some_and(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_two_columns_wide() {
        assert_eq!(display_width("合计"), 4);
        assert_eq!(display_width("812.17万元"), 10);
        assert_eq!(display_width("（一）"), 6);
        assert_eq!(display_width("abc"), 3);
    }

    #[test]
    fn wraps_at_spaces_with_indents() {
        let lines = wrap("one two three four", "> ", "  ", 10);
        assert_eq!(lines, vec!["> one two", "  three", "  four"]);
    }

    #[test]
    fn wraps_chinese_between_characters() {
        let text = "收入预算总额为812.07万元，较上年减少131.10万元";
        let lines = wrap(text, "", "", 20);
        for l in &lines {
            assert!(display_width(l) <= 20, "{l:?}");
        }
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn hard_breaks_words_longer_than_a_line() {
        let lines = wrap(&"x".repeat(25), "", "", 10);
        assert_eq!(lines, vec!["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    }

    /// `6745.48万元` is never cut, and `，` never starts a line.
    #[test]
    fn keeps_a_figure_with_its_unit_and_punctuation_with_its_word() {
        // From the width of the longest unit on (`6745.48万元，`: 13 columns).
        for width in 13..40 {
            let text = "预算数为 6745.48万元，较上年减少 14.2万元、下降 13.9%。";
            for line in wrap(text, "", "", width) {
                assert!(
                    !line.starts_with(['，', '、', '。', '%', '元', '万']),
                    "{width}: {line:?}"
                );
                assert!(
                    !line.ends_with("6745.48") && !line.ends_with("6745.48万"),
                    "{line:?}"
                );
            }
            let joined: String = wrap(text, "", "", width).concat();
            assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        }
    }

    #[test]
    fn truncate_cuts_at_the_width_with_an_ellipsis() {
        assert_eq!(truncate("short\ttext", 20), "short text");
        assert_eq!(truncate("支出预算总计", 7), "支出预…");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(display_width(&truncate("叙述「支出预算总计」：上年", 9)), 9);
    }

    #[test]
    fn empty_text_gives_the_prefix_alone() {
        assert_eq!(wrap("", "source: ", "  ", 80), vec!["source:"]);
    }
}
