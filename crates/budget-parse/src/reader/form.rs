//! The form layout (performance-target forms): label/amount pairs anywhere in the row; every
//! row's words are its label, its amounts its values.

use budget_model::Unit;

use super::ReadTable;
use crate::cells::{cell_amount, has_words, is_digits};
use crate::grid::Grid;
use crate::rows::{form_row, Printed};
use crate::vocab::tables::PART_SEPARATOR;

/// Reads a form: every row's words are its label, its amounts its values.
pub fn read_form(grid: &Grid, unit: Unit) -> ReadTable {
    let mut out = ReadTable::default();
    for row in &grid.rows {
        let mut words: Vec<&str> = Vec::new();
        let mut values = Vec::new();
        // Codes come before names: digits printed before the first word are an identifier.
        let first_word = row.cells.iter().position(|c| has_words(c)).unwrap_or(0);
        for (j, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match cell_amount(cell, unit) {
                Some(amount) if !(j < first_word && is_digits(cell)) => values.push(Some(amount)),
                _ => words.push(cell),
            }
        }
        if words.is_empty() && values.is_empty() {
            continue;
        }
        out.rows.push(form_row(Printed {
            code: None,
            label: words.join(PART_SEPARATOR),
            values,
            section: None,
            line: row.line,
            source: row.source,
        }));
    }
    out
}
