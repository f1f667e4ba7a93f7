//! COMP-EMPTY-NOTE: a table whose note says it is empty prints no amount.

use budget_model::wording::tables as wording;
use budget_model::{Document, Finding, Severity, TableKind, TableStatus};
use budget_parse::vocab::titles::says_this_table_is_empty;

use crate::findings::table_finding;
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** A table whose own note says it is empty (`注：本部门无政府性基金收支，
    /// 故本表无数据`, `此表为空`) prints no amount other than zero. A note that only says what
    /// an empty table would mean (`若为空表，则…`) says nothing of this one.
    ///
    /// **Why it matters.** The note and the figures cannot both be right: either the money
    /// exists and the note was left from a template, or the figures were copied in by mistake.
    ///
    /// **Example.** 政府性基金预算财政拨款收入支出决算表 printing 收入 120.00 under
    /// `注：本部门无政府性基金收支，故本表无数据`: warning.
    pub struct EmptyNoteWithAmounts { id: "COMP-EMPTY-NOTE", severity: Severity::Warning, summary: "a table whose note says it is empty prints no amount" }
}

impl Rule for EmptyNoteWithAmounts {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for (index, table) in doc.tables.iter().enumerate() {
            let Some(note) = table.note.as_deref() else {
                continue;
            };
            let standard = table.kind != TableKind::Other && !table.kind.is_performance_form();
            let amounts = table.status == TableStatus::Parsed
                && table
                    .rows
                    .iter()
                    .flat_map(|r| r.values.iter().flatten())
                    .any(|a| !a.is_zero());
            if standard && amounts && says_this_table_is_empty(note) {
                let message = wording::empty_note_with_amounts(&table.title, note);
                out.push(table_finding(
                    &Self::INFO,
                    Self::INFO.severity,
                    message,
                    table,
                    index,
                ));
            }
        }
    }
}
