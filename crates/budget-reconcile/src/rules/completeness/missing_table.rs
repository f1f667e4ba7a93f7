//! COMP-MISSING: every table the contents list is printed.

use budget_model::wording::tables as wording;
use budget_model::{title_core, ContentsEntry, Document, Finding, Severity, Table};

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
    /// When most of the listed tables (three or more, over half) are absent, the file is not a
    /// document that forgot its tables: it is the narrative half of a publication whose tables
    /// are published as another file (附件2 报表), or its tables could not be read. That is said
    /// once, as a warning listing the entries, not as one error per table.
    ///
    /// **Example.** 目录 lists `表1 2023年部门综合预算收支总表 否` (not empty) but the document
    /// prints no 收支总表: error, naming the entry. A 情况说明 file whose contents list fourteen
    /// tables and which prints none: one warning.
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
        let listed = doc.contents.iter().filter(|e| !e.declared_empty).count();
        if most_missing(missing.len(), listed) {
            out.push(tables_elsewhere(&missing, listed));
            return;
        }
        for entry in missing {
            let mut f = finding(wording::missing_table(&entry.title), entry.title.clone());
            f.location.table_kind = entry.kind;
            f.location.table_title = Some(entry.title.clone());
            out.push(f);
        }
    }
}

/// Fewest missing tables that, when they are also most of those listed, make a file the half of
/// a publication without its tables rather than a document with gaps.
const MANY_MISSING: usize = 3;

fn most_missing(missing: usize, listed: usize) -> bool {
    missing >= MANY_MISSING && missing * 2 > listed
}

/// One warning for a file that prints few or none of the tables its contents list.
fn tables_elsewhere(missing: &[&ContentsEntry], listed: usize) -> Finding {
    let titles: Vec<String> = missing.iter().map(|e| e.title.clone()).collect();
    let mut f = finding(
        wording::most_tables_missing(missing.len(), listed),
        titles.join("\n"),
    );
    f.severity = Severity::Warning;
    f.consequences = missing
        .iter()
        .map(|e| {
            format!(
                "[{}] {}",
                MissingTable::INFO.id,
                wording::missing_table(&e.title)
            )
        })
        .collect();
    f
}

fn finding(message: String, source_text: String) -> Finding {
    let info = &MissingTable::INFO;
    Finding::about_document(info.id, info.severity, message, source_text)
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
