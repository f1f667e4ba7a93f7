//! Tables of every structured format → the text syntax the parser reads.
//!
//! A table is a list of rows of cell texts, merged cells already expanded: the text sits in the
//! top-left position and the positions it covers are empty, which is how a table converted to
//! text prints a group label once over the columns it spans (the parser reads it that way). A
//! row whose only text is one merged cell spanning several columns (a title, `单位：万元`, a
//! note) is a line of text, as it is in a document printed as text.

use crate::limits::{check_text_size, MAX_COLUMNS, MAX_TABLE_CELLS};
use crate::{Format, InputError};

/// One row of a table, merged cells expanded.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub cells: Vec<String>,
    /// The row's only text is one merged cell spanning two columns or more.
    pub banner: bool,
}

/// How a row of a table was printed: as one line of text (a banner, a title above the table),
/// or as tab-separated cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Printed {
    Text,
    Cells,
}

/// Appends a table to `out`: banners as text lines, other rows as tab-separated lines padded to
/// the table's width. Returns how each row holding text was printed, one line each, in order.
pub(crate) fn push_table(out: &mut String, rows: &[Row]) -> Result<Vec<Printed>, InputError> {
    let width = rows
        .iter()
        .filter(|r| !r.banner)
        .map(|r| last_filled(&r.cells))
        .max()
        .unwrap_or(0);
    let header_start = rows.iter().position(|r| filled(&r.cells) >= 2);
    let mut printed = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        if row.cells.iter().all(String::is_empty) {
            continue;
        }
        let leading = header_start.is_some_and(|h| i < h) && is_edge_text(&row.cells);
        if row.banner || leading || width < 2 {
            let text: Vec<&str> = row.cells.iter().map(String::as_str).collect();
            push_line(out, text.join(" ").trim());
            printed.push(Printed::Text);
        } else {
            push_cells(out, &row.cells, width);
            printed.push(Printed::Cells);
        }
        check_text_size(out)?;
    }
    Ok(printed)
}

/// Appends a line of text. Tabs inside it would make it a table row, so they become spaces.
pub(crate) fn push_line(out: &mut String, text: &str) {
    for c in text.chars() {
        out.push(if matches!(c, '\t' | '\n' | '\r') {
            ' '
        } else {
            c
        });
    }
    out.push('\n');
}

/// Appends a row of cells, tab-separated and padded to `width`; tabs and line breaks inside a
/// cell become spaces.
pub(crate) fn push_cells(out: &mut String, cells: &[String], width: usize) {
    for j in 0..width {
        if j > 0 {
            out.push('\t');
        }
        if let Some(cell) = cells.get(j) {
            for c in cell.chars() {
                out.push(if matches!(c, '\t' | '\n' | '\r') {
                    ' '
                } else {
                    c
                });
            }
        }
    }
    out.push('\n');
}

fn filled(cells: &[String]) -> usize {
    cells.iter().filter(|c| !c.is_empty()).count()
}

/// A row above the table's first full row whose only text is a title in its first column or a
/// unit line (`单位：万元`): printed above the table, not merged.
fn is_edge_text(cells: &[String]) -> bool {
    match cells.iter().position(|c| !c.is_empty()) {
        Some(j) => filled(cells) == 1 && (j == 0 || cells[j].starts_with("单位")),
        None => false,
    }
}

/// The number of cells up to the last one with text.
fn last_filled(cells: &[String]) -> usize {
    cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1)
}

/// Counts cells as a table grows, failing past [`MAX_TABLE_CELLS`] or [`MAX_COLUMNS`].
#[derive(Debug)]
pub(crate) struct CellBudget {
    format: Format,
    used: usize,
}

impl CellBudget {
    pub fn new(format: Format) -> Self {
        CellBudget { format, used: 0 }
    }

    /// Fails for a row wider than [`MAX_COLUMNS`].
    pub fn check_width(&self, width: usize) -> Result<(), InputError> {
        if width > MAX_COLUMNS {
            return Err(self.too_complex(format!("a row {width} cells wide")));
        }
        Ok(())
    }

    /// Accounts for a row `width` cells wide.
    pub fn take_row(&mut self, width: usize) -> Result<(), InputError> {
        self.check_width(width)?;
        self.used = self.used.saturating_add(width.max(1));
        if self.used > MAX_TABLE_CELLS {
            return Err(self.too_complex(format!("more than {MAX_TABLE_CELLS} table cells")));
        }
        Ok(())
    }

    fn too_complex(&self, what: String) -> InputError {
        InputError::TooComplex {
            format: self.format,
            what,
        }
    }
}

/// Tracks cells covered by merges from rows above (HTML rowspan, Word vMerge, Excel merged
/// ranges) while a table is read row by row.
#[derive(Debug, Default)]
pub(crate) struct Spans {
    /// For each column, how many more rows are covered by a cell above.
    below: Vec<usize>,
}

impl Spans {
    /// Whether column `j` of the current row is covered by a cell above.
    pub fn covered(&self, j: usize) -> bool {
        self.below.get(j).is_some_and(|n| *n > 0)
    }

    /// Records a cell at `col` spanning `cols` columns and `rows` rows (including its own) for
    /// the rows after the current one. Call [`Spans::next_row`] after the row's last cell.
    pub fn cover(&mut self, col: usize, cols: usize, rows: usize, pending: &mut Vec<usize>) {
        let end = col.saturating_add(cols);
        if pending.len() < end {
            pending.resize(end, 0);
        }
        for slot in &mut pending[col..end] {
            *slot = rows.saturating_sub(1);
        }
    }

    /// Moves to the next row: columns covered this row count one down, `pending` holds the
    /// spans started on this row.
    pub fn next_row(&mut self, pending: Vec<usize>) {
        let width = self.below.len().max(pending.len());
        let mut next = vec![0; width];
        for (j, slot) in next.iter_mut().enumerate() {
            let old = self.below.get(j).copied().unwrap_or(0);
            let new = pending.get(j).copied().unwrap_or(0);
            *slot = if old > 0 { old - 1 } else { new };
        }
        self.below = next;
    }

    /// The columns still covered from above (the row is at least this wide).
    pub fn width(&self) -> usize {
        self.below.iter().rposition(|n| *n > 0).map_or(0, |i| i + 1)
    }
}

/// A merged cell's text: whitespace runs collapsed; between two CJK characters a line break
/// disappears (a wrapped label), elsewhere it is a space.
pub(crate) fn join_wrapped(parts: &[String]) -> String {
    let mut out = String::new();
    for part in parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()) {
        let glue = match (out.chars().last(), part.chars().next()) {
            (Some(a), Some(b)) if is_wide(a) && is_wide(b) => "",
            (Some(_), _) => " ",
            _ => "",
        };
        out.push_str(glue);
        out.push_str(part);
    }
    out
}

/// Whether a word after a number makes it a date (`2026 年度…`, `2026 年预算数`, `3 月`): the
/// number is no code and no amount.
pub(crate) fn dates_a_number(word: &str) -> bool {
    word.starts_with(['年', '月', '日'])
}

/// CJK ideographs, punctuation and full-width forms: text where a line break is no space.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Row {
        Row {
            cells: cells.iter().map(|c| c.to_string()).collect(),
            banner: false,
        }
    }

    #[test]
    fn banners_are_text_and_rows_are_padded() {
        let mut title = row(&["部门收入总表", "", ""]);
        title.banner = true;
        let rows = [
            title,
            row(&["项目", "合计", "基本支出"]),
            row(&["合计", "", ""]),
        ];
        let mut out = String::new();
        push_table(&mut out, &rows).unwrap();
        assert_eq!(out, "部门收入总表\n项目\t合计\t基本支出\n合计\t\t\n");
    }

    #[test]
    fn spans_cover_rows_below() {
        let mut spans = Spans::default();
        let mut pending = Vec::new();
        spans.cover(1, 2, 3, &mut pending);
        spans.next_row(pending);
        assert!(!spans.covered(0) && spans.covered(1) && spans.covered(2));
        spans.next_row(Vec::new());
        assert!(spans.covered(2));
        spans.next_row(Vec::new());
        assert!(!spans.covered(2));
    }

    #[test]
    fn wrapped_cjk_labels_join_without_spaces() {
        let parts = ["一般公共".to_string(), "服务支出".to_string()];
        assert_eq!(join_wrapped(&parts), "一般公共服务支出");
        let parts = ["Total".to_string(), "amount".to_string()];
        assert_eq!(join_wrapped(&parts), "Total amount");
    }
}
