//! Completeness, one rule per file: the tables the contents promise are printed
//! (COMP-MISSING), empty tables say why (COMP-EMPTY-REASON), and a table whose note says it
//! is empty prints no amount (COMP-EMPTY-NOTE), and the document holds something to check
//! (COMP-NOTHING).

mod empty_note_with_amounts;
mod empty_without_reason;
mod missing_table;
mod nothing_to_check;

use crate::Rule;

pub use empty_note_with_amounts::EmptyNoteWithAmounts;
pub use empty_without_reason::EmptyWithoutReason;
pub use missing_table::MissingTable;
pub use nothing_to_check::NothingToCheck;

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &MissingTable,
        &EmptyWithoutReason,
        &EmptyNoteWithAmounts,
        &NothingToCheck,
    ]
}
