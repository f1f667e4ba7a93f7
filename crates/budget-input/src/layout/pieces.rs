//! The pieces of a line of space-aligned text: runs of text between gaps of two spaces or more,
//! with their positions, and what a piece is (a figure, a code).

use budget_model::is_amount;

use crate::table::dates_a_number;

/// A piece of text between gaps of two spaces or more, with its position on the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Measure {
    Chars,
    Display,
}

impl Measure {
    pub(super) fn width(self, c: char) -> usize {
        match self {
            Measure::Chars => 1,
            Measure::Display if is_wide(c) => 2,
            Measure::Display => 1,
        }
    }
}

pub(super) fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}')
}

/// Splits a line into pieces at runs of two spaces or more (one space stays inside a piece).
/// A form feed (page break) counts as nothing.
pub(super) fn pieces(line: &str, measure: Measure) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut current: Option<Piece> = None;
    let mut spaces = 0;
    for c in line.chars() {
        if c == '\u{c}' {
            continue;
        }
        if c == ' ' {
            spaces += 1;
            pos += 1;
            continue;
        }
        if spaces >= 2 {
            out.extend(current.take());
        }
        let piece = current.get_or_insert_with(|| Piece {
            start: pos,
            end: pos,
            text: String::new(),
        });
        if spaces == 1 && !piece.text.is_empty() {
            piece.text.push(' ');
        }
        spaces = 0;
        piece.text.push(c);
        pos += measure.width(c);
        piece.end = pos;
    }
    out.extend(current);
    out
}

/// Whether a piece is a figure: an amount, a percentage or a dash for nothing.
pub(super) fn is_figure(text: &str) -> bool {
    is_amount(text)
        || matches!(text, "-" | "—" | "--" | "——")
        || text
            .strip_suffix('%')
            .is_some_and(|n| is_amount(n) && !n.is_empty())
}

/// A classification code printed in its own column (`208`, `20805`, `2080505`, `30101`).
pub(super) fn is_code(text: &str) -> bool {
    (3..=7).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// Pieces that ran together with one space where a column was too narrow: a label followed by
/// amounts (`养老保险缴费支出 12.00`), a code followed by its name (`2080505 机关事业单位…`),
/// amounts side by side (`1,234.56 1,000.00`).
pub(super) fn split_collisions(pieces: Vec<Piece>, measure: Measure) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if !piece.text.contains(' ') || is_figure(&piece.text) {
            out.push(piece);
            continue;
        }
        let words: Vec<&str> = piece.text.split(' ').collect();
        let mut head = words.len();
        while head > 0 && is_figure(words[head - 1]) {
            head -= 1;
        }
        // "809. 97": an amount broken by a space is one amount, not two.
        if head == 0 && words.len() == 2 && !words[0].contains('.') {
            out.push(piece);
            continue;
        }
        let lead = if head > 1 && is_code(words[0]) && !dates_a_number(words[1]) {
            1
        } else {
            leading_amounts(&words[..head])
        };
        let mut parts: Vec<String> = words[..lead].iter().map(|w| w.to_string()).collect();
        if head > lead {
            parts.push(words[lead..head].join(" "));
        }
        parts.extend(words[head.max(lead)..].iter().map(|w| w.to_string()));
        let mut pos = piece.start;
        for part in parts {
            let width: usize = part.chars().map(|c| measure.width(c)).sum();
            out.push(Piece {
                start: pos,
                end: pos + width,
                text: part,
            });
            pos += width + 1;
        }
    }
    out
}

/// How many words at the start of a label's words are amounts of the column on its left, glued
/// to it by one space (`258,596,001.79 支出总计`: a side-by-side table's income total and the
/// expenditure label beside it). Only amounts with decimals or thousands separators count, and
/// only before a word that starts with a character that is no digit or unit, so that a year, a
/// list number (`2021 年`, `1 工资`) or an amount with its unit (`1.5 万元`) stays whole.
fn leading_amounts(words: &[&str]) -> usize {
    let lead = words
        .iter()
        .take_while(|w| is_amount(w) && w.contains(['.', ',']))
        .count();
    let label_follows = words
        .get(lead)
        .and_then(|w| w.chars().next())
        .is_some_and(|c| {
            !c.is_ascii_digit() && !matches!(c, '.' | ',' | '-' | '%' | '万' | '元' | '亿')
        });
    if lead > 0 && label_follows {
        lead
    } else {
        0
    }
}

/// A data line: two pieces or more, one of them a figure.
pub(super) fn is_data(pieces: &[Piece]) -> bool {
    pieces.len() >= 2 && pieces.iter().any(|p| is_figure(&p.text))
}

/// A line that declares the unit or is a title beside it: never a header.
pub(super) fn is_unit_line(line: &str) -> bool {
    line.contains("单位：") || line.contains("单位:")
}

/// Lines already in another table syntax (tabs, pipes) are never part of a layout table.
pub(super) fn is_other_syntax(line: &str) -> bool {
    line.contains('\t') || line.trim_start().starts_with('|')
}

/// The pieces of a line as `pdftotext` places them (in characters); none for a line in another
/// table syntax.
pub(super) fn line_pieces(line: &str) -> Vec<Piece> {
    if is_other_syntax(line) {
        return Vec::new();
    }
    split_collisions(pieces(line, Measure::Chars), Measure::Chars)
}
