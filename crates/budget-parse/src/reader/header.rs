//! Header rows → column paths (`基本支出/人员经费`) and typed columns, for every layout: the
//! repairs of what text extraction does to headers (merged cells, shifted rows, group labels
//! printed once) and the fallback names of columns without a header.

use budget_model::{Column, Section};

use crate::columns::{normalize_header, roles};
use crate::vocab::tables::{ends_with_total, unnamed_column, SUBTOTAL};

/// The header rows with every cell normalized ([`normalize_header`]), once per table.
pub(super) fn normalized(header: &[Vec<String>]) -> Vec<Vec<String>> {
    header
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| normalize_header(c).into_owned())
                .collect()
        })
        .collect()
}

/// Header text of a column over all (normalized) header rows, for finding label and code
/// columns.
pub(super) fn header_text(words: &[Vec<String>], j: usize) -> String {
    words
        .iter()
        .filter_map(|row| row.get(j))
        .map(String::as_str)
        .collect()
}

/// Whether column `j` has header text of its own (not only a group label spanning it), in the
/// normalized header rows.
pub(super) fn has_own_header(words: &[Vec<String>], j: usize) -> bool {
    words
        .iter()
        .any(|row| row.get(j).is_some_and(|c| !c.is_empty()))
}

/// For each value column, its header path from top to bottom, after repairing what text
/// extraction does to headers: cells merged into one (`合计   上年结转`), rows shifted against the
/// data, group labels printed once over the columns they span.
pub(super) fn header_paths(
    header: &[Vec<String>],
    value_cols: &[usize],
    width: usize,
) -> Vec<Vec<String>> {
    let first_value = value_cols.first().copied().unwrap_or(0);
    let mut anchored = false;
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(header.len());
    for row in header {
        let cells = split_merged_cells(row);
        let (aligned, had_anchor) = if anchored {
            (pad(cells, width), false)
        } else {
            align_row(cells, first_value, width)
        };
        anchored |= had_anchor;
        rows.push(aligned);
    }
    fill_group_labels(&mut rows, value_cols);
    value_cols
        .iter()
        .map(|&j| {
            let mut path: Vec<String> = Vec::new();
            for row in &rows {
                let word = normalize_header(&row[j]);
                if !word.is_empty() && path.last().map(String::as_str) != Some(&*word) {
                    path.push(word.into_owned());
                }
            }
            path
        })
        .collect()
}

/// Text extraction sometimes prints two header cells as one, separated by spaces
/// (`合计   上年结转`, `合计 基本支出 项目支`).
fn split_merged_cells(row: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(row.len());
    for cell in row {
        if !cell.contains(char::is_whitespace) {
            out.push(cell.clone());
            continue;
        }
        let parts: Vec<&str> = cell.split_whitespace().collect();
        // Reading the words' roles only matters when there are several.
        let known = || {
            parts
                .iter()
                .filter(|p| crate::columns::is_known_word(p))
                .count()
        };
        if parts.len() > 1 && known() >= 2 {
            out.extend(parts.into_iter().map(str::to_string));
        } else {
            out.push(cell.clone());
        }
    }
    out
}

/// Shifts the top header row that has a 合计/总计 cell so that the cell sits over the first
/// amount column. Returns the row and whether it had such a cell.
fn align_row(mut cells: Vec<String>, first_value: usize, width: usize) -> (Vec<String>, bool) {
    let anchor = cells.iter().position(|c| {
        let w = normalize_header(c);
        ends_with_total(&w)
    });
    if let Some(p) = anchor {
        if p < first_value {
            let pad = vec![String::new(); first_value - p];
            cells.splice(p..p, pad);
        } else if p > first_value && cells[first_value..p].iter().all(|c| c.trim().is_empty()) {
            cells.drain(first_value..p);
        }
    }
    (pad(cells, width), anchor.is_some())
}

fn pad(mut cells: Vec<String>, width: usize) -> Vec<String> {
    cells.resize(width.max(cells.len()), String::new());
    cells
}

/// A group label printed once spans the empty cells on its right, as a merged cell does, in
/// every header row but the last. It spans the columns between the value columns too: a column
/// empty in every row (nothing printed in it, not even a header) is still under the merged cell,
/// so the value columns after it belong to the same group; a form that drops such a column
/// (space-aligned text, PDF) reads the same group.
fn fill_group_labels(rows: &mut [Vec<String>], value_cols: &[usize]) {
    let (Some(&first), Some(&last)) = (value_cols.first(), value_cols.last()) else {
        return;
    };
    for r in 0..rows.len().saturating_sub(1) {
        for j in first + 1..=last {
            let left = normalize_header(&rows[r][j - 1]);
            let left_is_group = !left.is_empty() && !ends_with_total(&left) && left != SUBTOTAL;
            if rows[r][j].trim().is_empty() && left_is_group {
                rows[r][j] = rows[r][j - 1].clone();
            }
        }
    }
}

pub(super) fn make_columns(
    paths: &[Vec<String>],
    value_cols: &[usize],
    numbering: Option<&[String]>,
    section: Option<&Section>,
) -> Vec<Column> {
    let column_roles = roles(paths);
    paths
        .iter()
        .zip(value_cols)
        .zip(column_roles)
        .map(|((path, &j), role)| {
            let numbered = numbering.and_then(|n| n.get(j)).map(String::as_str);
            let fallback = unnamed_column(numbered, j + 1);
            let name = if path.is_empty() {
                fallback
            } else {
                path.join("/")
            };
            Column {
                name,
                role,
                section: section.cloned(),
            }
        })
        .collect()
}
