//! The input as numbered lines with character offsets, the unit every later stage points back to
//! (findings name lines and character offsets of the input as the user sees it: for a PDF,
//! `pdftotext`'s lines).
//!
//! The parser reads the input with its space-aligned tables rewritten as tab-separated rows
//! ([`budget_input::layout`]); each line it reads keeps the number, offset and text of the input
//! line(s) it stands for.

use std::borrow::Cow;

use budget_input::layout::Aligned;

/// One line as the parser reads it, and where it is in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLine<'a> {
    /// 1-based number of the input line it is printed on.
    pub number: usize,
    /// Character (not byte) offset of that input line's first character.
    pub start: usize,
    /// The line without its line ending, as the parser reads it: a row of a space-aligned table
    /// rewritten with tabs, every other line as in the input.
    pub text: &'a str,
    /// The input as printed: the line itself, or the lines a rewritten table row stands for
    /// (more than one when its label wrapped onto the lines below).
    pub source: &'a str,
}

/// The lines at which a new page starts: one entry per form feed (`pdftotext` starts each page
/// after the first with one), so a line's page is one more than the breaks at or before it.
/// Counted in the input, which the rewriting of tables does not touch.
pub fn page_breaks(input: &str) -> Vec<usize> {
    // Form feeds are rare: find them, and count the line ends between one and the next.
    let bytes = input.as_bytes();
    let (mut line, mut from) = (1, 0);
    memchr::memchr_iter(0x0c, bytes)
        .map(|at| {
            line += memchr::memchr_iter(b'\n', &bytes[from..at]).count();
            from = at;
            line
        })
        .collect()
}

/// Splits text (after CRLF has been normalized to LF) into lines, each its own source.
pub fn lines(text: &str) -> Vec<TextLine<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        out.push(TextLine {
            number: i + 1,
            start,
            text: line,
            source: line,
        });
        start += line.chars().count() + 1;
    }
    out
}

/// The lines of `aligned` (the input with its tables rewritten), each numbered, placed and quoted
/// by the input line(s) it stands for.
pub fn aligned_lines<'a>(input: &'a str, aligned: &'a Aligned<'_>) -> Vec<TextLine<'a>> {
    let rewritten: &'a str = match &aligned.text {
        Cow::Borrowed(_) => return lines(input),
        Cow::Owned(text) => text,
    };
    let printed = lines(input);
    let ends = byte_ends(input);
    rewritten
        .split('\n')
        .enumerate()
        .filter_map(|(i, text)| {
            let origin = aligned.origin(i);
            let first = printed.get(origin.start)?;
            let from = ends.get(origin.start)? - first.text.len();
            let to = *ends.get(origin.end.checked_sub(1)?)?;
            Some(TextLine {
                text,
                source: input.get(from..to).unwrap_or(first.text),
                ..*first
            })
        })
        .collect()
}

/// The byte offset where each line of `text` ends (before its line end).
fn byte_ends(text: &str) -> Vec<usize> {
    let mut end = 0;
    text.split('\n')
        .map(|line| {
            end += line.len() + 1;
            end - 1
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_input::layout::align_tables;

    #[test]
    fn lines_of_a_rewritten_table_keep_their_input_lines() {
        let input = "\
说明文字
项目          合计        基本支出
合计          30.00       10.00
一般公共服务  10.00       10.00
支出

教育支出      20.00       20.00
其后的文字";
        let aligned = align_tables(input);
        let lines = aligned_lines(input, &aligned);
        let numbers: Vec<usize> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 7, 8]);
        assert_eq!(lines[3].text, "一般公共服务支出\t10.00\t10.00");
        assert_eq!(lines[3].source, "一般公共服务  10.00       10.00\n支出");
        assert_eq!(lines[4].source, "教育支出      20.00       20.00");
        let last = &lines[5];
        assert_eq!((last.text, last.source), ("其后的文字", "其后的文字"));
        // The offset is the input's: the characters of every line before it and their ends.
        let before: usize = input
            .split('\n')
            .take(7)
            .map(|l| l.chars().count() + 1)
            .sum();
        assert_eq!(last.start, before);
        assert_eq!(
            input.chars().skip(last.start).take(5).collect::<String>(),
            "其后的文字"
        );
    }

    #[test]
    fn text_without_tables_is_its_own_source() {
        let input = "第一行\n合计\t1.00\n";
        let aligned = align_tables(input);
        assert_eq!(aligned_lines(input, &aligned), lines(input));
        assert_eq!(lines(input)[1].source, "合计\t1.00");
    }

    #[test]
    fn pages_follow_form_feeds_of_the_input() {
        assert_eq!(page_breaks("一\n\u{c}二\n三\n\u{c}\u{c}四"), [2, 4, 4]);
        assert!(page_breaks("一\n二").is_empty());
        // `pdftotext` starts each page's first line with the form feed that ended the page
        // before.
        let text = "page one\nmore\n\u{c}page two\n\u{c}page three\n";
        let document = crate::parse_text(text, "pages");
        let pages: Vec<Option<usize>> = (1..=4).map(|l| document.page_of_line(l)).collect();
        assert_eq!(pages, [Some(1), Some(1), Some(2), Some(3)]);
    }
}
