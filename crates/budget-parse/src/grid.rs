//! Lines → blocks. A table printed as markdown pipes or as tab-separated cells becomes a [`Grid`]
//! of trimmed cell texts; every other line stays text.

use std::borrow::Cow;

use crate::text::TextLine;

/// The text of a cell: borrowed from its line, owned only when markup had to be removed.
pub type Cell<'a> = Cow<'a, str>;

/// Consecutive table lines, split into cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid<'a> {
    pub rows: Vec<GridRow<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow<'a> {
    /// The input line the row is printed on (1-based).
    pub line: usize,
    pub cells: Vec<Cell<'a>>,
    /// The row as printed in the input (see [`TextLine::source`]).
    pub source: &'a str,
}

impl Grid<'_> {
    pub fn first_line(&self) -> usize {
        self.rows.first().map_or(0, |r| r.line)
    }

    pub fn last_line(&self) -> usize {
        self.rows.last().map_or(0, |r| r.line)
    }
}

/// A block of the document: a table grid or a line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block<'a> {
    Grid(Grid<'a>),
    Text(TextLine<'a>),
}

/// Groups the lines of a document into grids and text lines, in order.
pub fn blocks<'a>(lines: &[TextLine<'a>]) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    let mut current: Vec<GridRow<'a>> = Vec::new();
    for line in lines {
        match split_cells(line.text) {
            Some(cells) => {
                if !is_separator(&cells) {
                    current.push(GridRow {
                        line: line.number,
                        cells,
                        source: line.source,
                    });
                }
            }
            None => {
                flush(&mut current, &mut out);
                out.push(Block::Text(*line));
            }
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush<'a>(rows: &mut Vec<GridRow<'a>>, out: &mut Vec<Block<'a>>) {
    if !rows.is_empty() {
        out.push(Block::Grid(Grid {
            rows: std::mem::take(rows),
        }));
    }
}

/// Splits a table line into cells: `| a | b |` (markdown) or `a\tb` (tab-separated). Returns
/// `None` for a line of text.
pub fn split_cells(line: &str) -> Option<Vec<Cell<'_>>> {
    let trimmed = line.trim();
    if let Some(after) = trimmed.strip_prefix('|') {
        if memchr::memchr(b'|', after.as_bytes()).is_some() {
            let inner = after.trim_start_matches('|');
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            return Some(cells_of(inner, b'|'));
        }
    }
    memchr::memchr(b'\t', line.as_bytes()).map(|_| cells_of(line, b'\t'))
}

/// The cleaned cells of `text` split at `separator` (an ASCII byte, so every piece is text).
/// Most lines hold no markup: that is settled for the whole line at once, and their cells are
/// only trimmed.
fn cells_of(text: &str, separator: u8) -> Vec<Cell<'_>> {
    let bytes = text.as_bytes();
    let markup = memchr::memchr2(b'<', b'*', bytes).is_some();
    let mut cells = Vec::with_capacity(memchr::memchr_iter(separator, bytes).count() + 1);
    let mut start = 0;
    for end in memchr::memchr_iter(separator, bytes).chain(std::iter::once(bytes.len())) {
        let piece = text.get(start..end).unwrap_or("");
        cells.push(if markup {
            clean_cell(piece)
        } else {
            Cow::Borrowed(budget_model::trim(piece))
        });
        start = end + 1;
    }
    cells
}

fn is_markup_byte(b: u8) -> bool {
    b == b'<' || b == b'*'
}

/// Cell text without markup (`<br>`, `**`) or surrounding spaces.
pub fn clean_cell(cell: &str) -> Cell<'_> {
    let trimmed = budget_model::trim(cell);
    if !trimmed.bytes().any(is_markup_byte) {
        return Cow::Borrowed(trimmed);
    }
    let no_br = cell.replace("<br>", "").replace("<br/>", "");
    let t = no_br.trim();
    let t = t
        .strip_prefix("**")
        .and_then(|s| s.strip_suffix("**"))
        .filter(|s| !s.is_empty())
        .unwrap_or(t);
    Cow::Owned(t.trim().to_string())
}

/// Whether a line is a table line ([`split_cells`] reads it), without splitting it.
pub fn is_table_line(line: &str) -> bool {
    let trimmed = line.trim();
    (trimmed.starts_with('|') && trimmed.bytes().filter(|&b| b == b'|').count() >= 2)
        || line.contains('\t')
}

/// `|---|:---:|` rows of markdown tables.
fn is_separator(cells: &[Cell<'_>]) -> bool {
    cells
        .iter()
        .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
        && cells.iter().any(|c| c.contains('-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_pipe_and_tab_rows() {
        assert_eq!(
            split_cells("| 208 | 社会保障和就业支出 | 756. 56 |  |").unwrap(),
            vec!["208", "社会保障和就业支出", "756. 56", ""]
        );
        assert_eq!(
            split_cells("\t合计\t8,763.47").unwrap(),
            vec!["", "合计", "8,763.47"]
        );
        assert_eq!(
            split_cells("| 2080505 | 机关事业单位基本养老保险缴<br>费支出 |").unwrap()[1],
            "机关事业单位基本养老保险缴费支出"
        );
        assert_eq!(split_cells("收入预算情况"), None);
    }

    #[test]
    fn groups_lines_into_blocks() {
        let text = "标题\n| a | b |\n|---|---|\n| 1 | 2 |\n\n正文";
        let lines = crate::text::lines(text);
        let b = blocks(&lines);
        assert_eq!(b.len(), 4);
        match &b[1] {
            Block::Grid(g) => assert_eq!(g.rows.len(), 2),
            other => panic!("expected a grid, got {other:?}"),
        }
    }
}
