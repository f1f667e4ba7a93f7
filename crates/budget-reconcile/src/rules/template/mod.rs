//! Template residue: text of the template a disclosure was written from, left in the published
//! document. One rule per kind of residue the parser finds ([`budget_model::ResidueKind`]).

mod residue;

use crate::Rule;

pub use residue::{ForeignYear, Instruction, Placeholder};

/// The rules of this family, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&Placeholder, &Instruction, &ForeignYear]
}
