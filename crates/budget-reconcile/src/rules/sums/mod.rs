//! Sums inside one table, one rule per file: rows against their sub-rows (SUM-ROWS), and row
//! totals against their part columns (SUM-COLS).

mod sum_columns;
mod sum_rows;

use crate::Rule;

pub use sum_columns::SumColumns;
pub use sum_rows::SumRows;

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&SumRows, &SumColumns]
}
