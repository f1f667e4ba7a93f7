//! One fixture per rule, one file per rule named after the rule's file in `src/rules/<family>/`:
//! a small document that violates it and one that satisfies it. Table fixtures are written as
//! text in the syntax of the samples and parsed (`fixtures` holds the shared helpers). (The
//! narrative rules' fixtures are beside each rule, in `src/rules/narrative/`.)

mod department_form;
mod empty_note_with_amounts;
mod empty_without_reason;
mod fixtures;
mod form_sums;
mod missing_table;
mod sum_columns;
mod sum_rows;
