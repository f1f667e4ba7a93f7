//! Template residue: text of the template a disclosure was written from, left in the published
//! document (placeholders such as `XX局` or `X万元`, instructions to the author such as
//! `请核实` or `若无此项请删除`, and a year in a heading that is not the document's). The
//! parser finds them; the rules report them.

use serde::{Deserialize, Serialize};

/// What kind of template text was left in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidueKind {
    /// A placeholder for a name, a year or a figure (`XX局`, `XXXX年`, `X万元`, `××`).
    Placeholder,
    /// An instruction to the author (`请核实…`, `若无…请删除`).
    Instruction,
    /// A year in a heading or a table title (or a `YYYY年预算` in the text) that is neither the
    /// document's year nor, where the words allow it, last year.
    ForeignYear,
}

/// One piece of template text found in the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Residue {
    pub kind: ResidueKind,
    /// The words found (`XX局`, `请核实`, `2023年`).
    pub text: String,
    /// The line they are printed on, as printed.
    pub source: String,
    /// 1-based line of the decoded text, and the character offsets of `text` in it.
    pub line: usize,
    pub start: usize,
    pub end: usize,
    /// For a foreign year: the year printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
}
