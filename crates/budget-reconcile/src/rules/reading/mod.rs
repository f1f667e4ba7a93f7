//! Whether a table was read right, judged from its own figures before any error is reported from
//! it (READ-DOUBT).

mod doubtful_table;

use crate::Rule;

pub use doubtful_table::DoubtfulTable;

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&DoubtfulTable]
}
