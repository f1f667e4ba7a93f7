//! PDF → text, two ways, both through poppler's `pdftotext` (Debian package `poppler-utils`):
//!
//! * `to_text` (what [`crate::convert`] uses): `pdftotext -layout`, tables kept aligned with
//!   spaces and rewritten as tab-separated rows by [`crate::layout`];
//! * `to_text_from_boxes`: the words with their boxes (`-bbox`) turned into text by their
//!   geometry ([`bbox_to_text`]): narrative as lines, every table row one tab-separated line
//!   with one cell per column of its table (blank cells empty, so an amount stays under its
//!   header), text not sure to be a table spaced as `-layout` prints it.
//!
//! Both put page breaks as form feeds at the start of each page's first line, so that a line
//! number can be mapped to its page ([`page_of_line`]).
//!
//! * [`words`]: the XHTML of `-bbox` (or `-bbox-layout`) → words with boxes, page by page;
//! * [`geometry`]: words → lines, tables (rows × columns) and text, pure and unit-tested;
//! * [`emit`]: what the pages show → the text;
//! * [`place`]: where a figure of either reading is printed, found among its page's words;
//! * `process` (behind the `pdftotext` feature, the one place of the crate that does I/O): runs
//!   `pdftotext` as a child process with a timeout and bounded output.

pub mod emit;
pub mod geometry;
pub mod place;
#[cfg(feature = "pdftotext")]
mod process;
pub mod words;

#[cfg(feature = "pdftotext")]
pub use process::{checked, to_text, to_text_from_boxes, words_of, DEFAULT_TIMEOUT, PDFTOTEXT};

use crate::InputError;

/// The text of a PDF given as the XHTML of `pdftotext -bbox` (or `-bbox-layout`).
pub fn bbox_to_text(xhtml: &str) -> Result<String, InputError> {
    pages_to_text(&words::read_pages(xhtml)?)
}

/// The text of a PDF's pages of words, tables rebuilt from their geometry.
pub fn pages_to_text(pages: &[Vec<words::Word>]) -> Result<String, InputError> {
    let text = emit::text(&geometry::read(pages));
    crate::limits::check_text_size(&text)?;
    Ok(text)
}

/// The 1-based page of a 1-based line of text produced by [`bbox_to_text`]: a page's first line
/// starts with the form feed that ended the page before.
pub fn page_of_line(text: &str, line: usize) -> usize {
    let breaks: usize = text
        .split('\n')
        .take(line)
        .map(|l| l.matches('\u{c}').count())
        .sum();
    breaks + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_form_feeds() {
        let text = "page one\nmore\n\u{c}page two\n\u{c}page three\n";
        assert_eq!(page_of_line(text, 1), 1);
        assert_eq!(page_of_line(text, 2), 1);
        assert_eq!(page_of_line(text, 3), 2);
        assert_eq!(page_of_line(text, 4), 3);
    }
}
