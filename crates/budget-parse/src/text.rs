//! Decoded text as numbered lines with character offsets, the unit every later stage points back
//! to (findings name lines and character offsets of the decoded text).

/// One line of the decoded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextLine<'a> {
    /// 1-based line number.
    pub number: usize,
    /// Character (not byte) offset of the line's first character in the decoded text.
    pub start: usize,
    /// The line without its line ending.
    pub text: &'a str,
}

/// The lines at which a new page starts: one entry per form feed (`pdftotext` starts each page
/// after the first with one), so a line's page is one more than the breaks at or before it.
pub fn page_breaks(lines: &[TextLine<'_>]) -> Vec<usize> {
    lines
        .iter()
        .flat_map(|l| std::iter::repeat_n(l.number, l.text.matches('\u{c}').count()))
        .collect()
}

/// Splits decoded text into lines (after CRLF has been normalized to LF).
pub fn lines(text: &str) -> Vec<TextLine<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        out.push(TextLine {
            number: i + 1,
            start,
            text: line,
        });
        start += line.chars().count() + 1;
    }
    out
}
