//! Helpers the unit tests of several modules share.

use budget_model::Table;

/// The amounts printed in the row labelled `label`, as printed; the test fails when no row is.
pub(crate) fn printed_in_row(table: &Table, label: &str) -> Vec<String> {
    let row = table
        .rows
        .iter()
        .find(|r| r.label == label)
        .unwrap_or_else(|| panic!("no row {label}"));
    row.values
        .iter()
        .flatten()
        .map(|a| a.value.to_string())
        .collect()
}
