//! What a single cell holds: an amount, a code, a label.

// The questions every reader of tables asks of a cell live in the model, with the
// space-aligned layout recovery of `budget-input`.
pub use budget_model::{cell_amount, compact, is_amount, is_total_label};

/// Whether a cell holds words (CJK ideographs), as labels do.
pub fn has_words(cell: &str) -> bool {
    cell.chars().any(budget_model::is_ideograph)
}

/// Whether a cell holds only ASCII digits (a code, an ordinal or an identifier).
pub fn is_digits(cell: &str) -> bool {
    !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit())
}
