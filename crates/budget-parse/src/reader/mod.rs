//! Grid → typed columns and rows, one module per layout:
//! * [`columnar`]: code column(s), a label column, amount columns under a (multi-row) header;
//! * [`side_by_side`]: 收入 items and amounts on the left, 支出 items and amounts on the right;
//! * [`form`]: label/amount pairs anywhere in the row (performance-target forms);
//! * [`flat`]: a side-by-side summary flattened onto one line of text;
//! * [`halves`]: a list printed in halves side by side, unfolded for the columnar reader.
//!
//! [`header`] reads header rows into column paths and roles, for every layout.

mod columnar;
mod flat;
mod form;
mod halves;
mod header;
mod side_by_side;

use budget_model::{Amount, Column, Row, Side, Unit};

use crate::cells::{cell_amount, has_words};
use crate::columns::normalize_header;
use crate::grid::{Cell, Grid, GridRow};
use crate::vocab::tables::side_of;

pub use columnar::{
    is_numbering_row, lists_coded_amounts, only_coded_amounts, read_columnar, repair_three_public,
};
pub use flat::read_flat_line;
pub use form::read_form;
pub use halves::{close_sections_at_totals, unfold_halves};
pub use side_by_side::read_side_by_side;

/// Columns and rows read from a grid, plus agency codes seen in code columns.
#[derive(Debug, Default)]
pub struct ReadTable {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// (agency code, label) pairs, e.g. (`313002`, `安阳市社会医疗保险中心`).
    pub agencies: Vec<(String, String)>,
}

/// Whether the header puts 收入 and 支出 side by side: in one of its first rows, or in two
/// rows of header words one above the other, 收入 left of 支出 (`收入` over the left half,
/// `支出` one row lower over the right half).
pub fn is_side_by_side(grid: &Grid) -> bool {
    let header = grid.rows.iter().take(3).take_while(|row| {
        !row.cells
            .iter()
            .any(|c| cell_amount(c, Unit::Yuan).is_some())
    });
    let mut income: Option<usize> = None;
    let mut expenditure: Option<usize> = None;
    for row in header {
        for (j, cell) in row.cells.iter().enumerate() {
            match side_of(&normalize_header(cell)) {
                Some(Side::Income) => income = income.or(Some(j)),
                Some(Side::Expenditure) => expenditure = expenditure.or(Some(j)),
                None => {}
            }
        }
    }
    matches!((income, expenditure), (Some(i), Some(e)) if i < e)
}

/// Header cells to keep and repair (a table has a few header rows).
pub(super) fn owned(cells: &[Cell<'_>]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[derive(Debug, Default)]
pub(super) struct Counts {
    pub words: usize,
    pub amounts: usize,
}

/// The amount each cell of the data rows holds, read once per table. (Cells are trimmed
/// already, by [`crate::grid::clean_cell`].)
pub(super) fn cell_amounts(data: &[&GridRow], unit: Unit) -> Vec<Vec<Option<Amount>>> {
    data.iter()
        .map(|row| row.cells.iter().map(|c| cell_amount(c, unit)).collect())
        .collect()
}

/// The amount of cell `j` of data row `i`, if it holds one.
pub(super) fn amount_at(amounts: &[Vec<Option<Amount>>], i: usize, j: usize) -> Option<Amount> {
    amounts.get(i)?.get(j).copied().flatten()
}

/// How many cells of each column hold words and amounts, in one pass over the data.
pub(super) fn column_counts(
    data: &[&GridRow],
    amounts: &[Vec<Option<Amount>>],
    width: usize,
) -> Vec<Counts> {
    let mut counts: Vec<Counts> = (0..width).map(|_| Counts::default()).collect();
    for (i, row) in data.iter().enumerate() {
        for (j, (cell, count)) in row.cells.iter().zip(counts.iter_mut()).enumerate() {
            if has_words(cell) {
                count.words += 1;
            } else if amount_at(amounts, i, j).is_some() {
                count.amounts += 1;
            }
        }
    }
    counts
}
