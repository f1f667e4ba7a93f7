//! What a rule is: a stable id, a severity, a one-line summary and a three-part doc (what it
//! checks, why it matters, an example), written once as the rule's doc comment and printed by
//! `budget-audit rules` from the code.

use budget_model::{Document, Finding, Severity};

/// The catalogue entry of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// Stable id, e.g. `SUM-ROWS`.
    pub id: &'static str,
    /// The severity of a discrepancy beyond rounding.
    pub severity: Severity,
    pub summary: &'static str,
    /// The rule's doc comment: what it checks, why it matters, an example.
    pub doc: &'static str,
}

/// A reconciliation rule.
pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    /// Appends the rule's findings for one document.
    fn check(&self, doc: &Document, out: &mut Vec<Finding>);
    /// Judges the findings of all rules, once they are folded into their root causes, and
    /// returns them, changed or not. Most rules only check; a rule about the reading itself
    /// (READ-DOUBT) reviews.
    fn review(&self, _doc: &Document, findings: Vec<Finding>) -> Vec<Finding> {
        findings
    }
    /// The narrative claims the rule compares with something (a table cell, other claims),
    /// whether they agree or not, as indexes into `Document::claims`: what the report counts
    /// as checked. Rules about tables compare no claim.
    fn covers(&self, _doc: &Document) -> Vec<usize> {
        Vec::new()
    }
}

/// Declares a rule struct whose doc comment is also its catalogue text:
///
/// ```ignore
/// rule! {
///     /// What it checks ...
///     pub struct SumRows { id: "SUM-ROWS", severity: Severity::Error, summary: "..." }
/// }
/// ```
#[macro_export]
macro_rules! rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident { id: $id:literal, severity: $severity:expr, summary: $summary:literal $(,)? }
    ) => {
        $(#[doc = $doc])*
        $vis struct $name;

        impl $name {
            pub const INFO: $crate::RuleInfo = $crate::RuleInfo {
                id: $id,
                severity: $severity,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}
