//! Space-aligned tables (the output of `pdftotext -layout`, or text padded into columns) →
//! tab-separated lines, so that the parser's grid stage reads them like any other table.
//!
//! A table is a run of lines whose pieces of text (separated by two spaces or more) line up in
//! columns: at least two data lines (a label or code and amounts), the header lines directly
//! above them, wrapped label lines between them, and rows whose first cells are blank (the right
//! half of a side-by-side table, figures under an empty label) however many. Lines of cells
//! without any figure (a list of tables with 是否空表, an empty table, a form) make a table too
//! when two of them line up. A line holding only a label (a form's 年度绩效目标 above its text)
//! is a row when it lies between rows of a table, or, with a blank first cell, starts where a
//! column of the row below starts (a form going on from the page before). Columns are the union
//! of the spans of all the table's pieces: a column is as wide as its widest cell, so the cells
//! of a column overlap (labels left-aligned, amounts right-aligned) and a header over a column
//! empty in every data row keeps a column of its own. Only a piece reaching over two data
//! columns (a header spanning them), or a label alone on its line reaching over two columns, is
//! left out and goes to the first of them, as a merged cell is printed. A label wrapped onto the
//! next line joins its cell.
//!
//! Positions are measured two ways, in characters (as `pdftotext` places text) and in display
//! columns (CJK characters two wide, as text padded for a terminal is); the measure under which
//! most pieces line up with a piece on another line (then the least slack) is used. Text that
//! holds no such table is returned unchanged (borrowed).
//!
//! A rewritten table has fewer lines than the original when blank lines inside it are dropped
//! and wrapped labels are joined, so every line of the result records the lines of the original
//! it stands for ([`Aligned::origin`]): the parser numbers lines, offsets and quotes by the
//! original, as the user sees it.

use std::borrow::Cow;
use std::ops::Range;

mod columns;
mod pieces;
mod regions;
#[cfg(test)]
mod tests;

/// Text whose space-aligned tables are rewritten as tab-separated rows, and where each of its
/// lines comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aligned<'a> {
    /// The text the parser reads: the input with its tables rewritten (borrowed when none was).
    pub text: Cow<'a, str>,
    /// Per line of `text`, the lines of the input (0-based indices) it stands for; empty when
    /// every line stands for the input's line of the same index.
    origins: Vec<Range<usize>>,
}

impl Aligned<'_> {
    /// The lines of the input (0-based indices, at least one) that line `index` of
    /// [`Aligned::text`] stands for: itself outside tables, the line a table row is printed on
    /// and the lines its wrapped label goes on to.
    pub fn origin(&self, index: usize) -> Range<usize> {
        self.origins.get(index).cloned().unwrap_or(index..index + 1)
    }
}

/// Rewrites the space-aligned tables of `text` as tab-separated lines; the rest is unchanged.
pub fn align_tables(text: &str) -> Aligned<'_> {
    let unchanged = || Aligned {
        text: Cow::Borrowed(text),
        origins: Vec::new(),
    };
    if !text.contains("  ") {
        return unchanged();
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let regions = regions::find_regions(&lines);
    if regions.is_empty() {
        return unchanged();
    }
    let mut out = Output::default();
    let mut next = 0;
    for region in regions {
        let Some(rows) = columns::rewrite(
            &lines[region.start..region.end],
            region.first_data - region.start,
        ) else {
            continue;
        };
        out.push_unchanged(&lines, next..region.start);
        for row in rows {
            let lines = region.start + row.lines.start..region.start + row.lines.end;
            out.push(&row.text, lines);
        }
        next = region.end;
    }
    out.push_unchanged(&lines, next..lines.len());
    // `split` gave one more piece than there are line ends.
    out.text.pop();
    if out.text == text {
        return unchanged();
    }
    Aligned {
        text: Cow::Owned(out.text),
        origins: out.origins,
    }
}

/// The rewritten text as it is built, with the origin of each line.
#[derive(Default)]
struct Output {
    text: String,
    origins: Vec<Range<usize>>,
}

impl Output {
    fn push(&mut self, line: &str, origin: Range<usize>) {
        self.text.push_str(line);
        self.text.push('\n');
        self.origins.push(origin);
    }

    fn push_unchanged(&mut self, lines: &[&str], range: Range<usize>) {
        let (start, end) = (range.start, range.end);
        for (i, line) in lines.iter().enumerate().take(end).skip(start) {
            self.push(line, i..i + 1);
        }
    }
}
