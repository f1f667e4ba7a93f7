//! The rules, one module per family: sums inside a table, relations across tables, narrative
//! against tables, completeness of the set of tables.

pub mod completeness;
pub mod cross;
pub mod forms;
pub mod narrative;
pub mod sums;

use crate::Rule;

/// Every rule, in catalogue order.
pub fn all() -> Vec<&'static dyn Rule> {
    let mut out = sums::rules();
    out.extend(cross::rules());
    out.extend(narrative::rules());
    out.extend(forms::rules());
    out.extend(completeness::rules());
    out
}
