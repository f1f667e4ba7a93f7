//! Performance-target forms (绩效目标表), one rule per file: their money lines add up
//! (FORM-SUM), and the department form repeats the document's totals (FORM-DEPT). The form
//! reader gives every line its label words with their meanings (`Row::parts`).

mod department_form;
mod form_sums;

use budget_model::{Amount, Row};

use crate::Rule;

pub use department_form::DepartmentForm;
pub use form_sums::FormSums;

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&FormSums, &DepartmentForm]
}

/// The amounts a form line prints, in order.
fn amounts(row: &Row) -> Vec<Amount> {
    row.values.iter().flatten().copied().collect()
}
