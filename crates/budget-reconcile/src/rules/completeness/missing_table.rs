//! COMP-MISSING: every table the contents list is printed.

use budget_model::wording::tables as wording;
use budget_model::{title_core, ContentsEntry, Document, Finding, Location, Severity, Table};

use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** Every table the contents (目录) list, and do not declare empty, is
    /// printed in the document. Tables are matched by meaning (their kind), or by title when the
    /// contents name a table of no standard kind; each printed table answers one entry.
    ///
    /// **Why it matters.** The 公开 rules require the full set of tables; a table promised and
    /// never printed is the most common gap in published budgets, and it hides the figures a
    /// reader would check the others against.
    ///
    /// **Example.** 目录 lists `表1 2023年部门综合预算收支总表 否` (not empty) but the document
    /// prints no 收支总表: error, naming the entry.
    pub struct MissingTable { id: "COMP-MISSING", severity: Severity::Error, summary: "every table the contents list is printed" }
}

impl Rule for MissingTable {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let mut unused: Vec<&Table> = doc.tables.iter().collect();
        let mut missing: Vec<&ContentsEntry> = Vec::new();
        for entry in &doc.contents {
            match unused.iter().position(|t| answers(entry, t)) {
                Some(i) => {
                    unused.remove(i);
                }
                None if !entry.declared_empty => missing.push(entry),
                None => {}
            }
        }
        for entry in missing {
            out.push(Finding {
                rule: Self::INFO.id.into(),
                severity: Self::INFO.severity,
                message: wording::missing_table(&entry.title),
                location: Location {
                    table_kind: entry.kind,
                    table_title: Some(entry.title.clone()),
                    ..Location::default()
                },
                expected: None,
                printed: None,
                difference: None,
                tolerance: None,
                source_text: entry.title.clone(),
                consequences: Vec::new(),
                evidence: Vec::new(),
            });
        }
    }
}

/// Whether a printed table is the one a contents entry names.
fn answers(entry: &ContentsEntry, table: &Table) -> bool {
    match entry.kind {
        Some(kind) => kind == table.kind,
        None => {
            let want = title_core(&entry.title);
            let have = title_core(&table.title);
            !want.is_empty() && (have.contains(&want) || want.contains(&have) && !have.is_empty())
        }
    }
}
