//! COMP-EMPTY-REASON: an empty table says why it is empty.

use budget_model::wording::tables as wording;
use budget_model::{Document, Finding, Severity, TableKind, TableStatus};

use crate::findings::table_finding;

use crate::{rule, Rule, RuleInfo};

/// Tables of figures (not the indicator forms of performance targets).
fn is_money_table(kind: TableKind) -> bool {
    kind != TableKind::Other && !kind.is_performance_form()
}

rule! {
    /// **What it checks.** A table of figures printed without any amount says why: a note printed with it
    /// (注：若为空表，则为该部门（单位）无政府性基金收支), a reason in the contents (公开空表理由), or
    /// a sentence of the narrative that says the department has no such money.
    ///
    /// **Why it matters.** The 公开 rules require empty tables to be published with their reason;
    /// an unexplained empty table may be a table whose figures were lost.
    ///
    /// A document of tables only (no narrative figure at all: the 报表 half of a publication
    /// printed in two files) may give its reasons in the other file: there the finding is info.
    ///
    /// **Example.** `政府性基金预算支出表` printed with its header only and nothing in the
    /// document saying there is no government-fund money: warning.
    pub struct EmptyWithoutReason { id: "COMP-EMPTY-REASON", severity: Severity::Warning, summary: "an empty table says why it is empty" }
}

impl Rule for EmptyWithoutReason {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let tables_only = doc.claims.is_empty();
        let empty = doc.tables.iter().enumerate();
        for (index, table) in empty.filter(|(_, t)| t.status == TableStatus::Empty) {
            let declared = doc.contents.iter().any(|e| {
                e.declared_empty && e.empty_reason.is_some() && e.kind == Some(table.kind)
            });
            if table.note.is_some() || declared || !is_money_table(table.kind) {
                continue;
            }
            let (severity, message) = if tables_only {
                let message = wording::empty_without_reason_in_tables_only(&table.title);
                (Severity::Info, message)
            } else {
                let message = wording::empty_without_reason(&table.title);
                (Self::INFO.severity, message)
            };
            out.push(table_finding(&Self::INFO, severity, message, table, index));
        }
    }
}
