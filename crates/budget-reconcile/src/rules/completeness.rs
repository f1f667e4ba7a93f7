//! Completeness: the tables the contents promise are printed, and empty tables say why.

use budget_model::{
    ContentsEntry, Document, Finding, Location, Severity, Table, TableKind, TableStatus,
};

use crate::{rule, Rule, RuleInfo};

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&MissingTable, &EmptyWithoutReason]
}

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
                message: format!("目录列出的《{}》未在文档中出现", entry.title),
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
            let want = core_title(&entry.title);
            let have = core_title(&table.title);
            !want.is_empty() && (have.contains(&want) || want.contains(&have) && !have.is_empty())
        }
    }
}

/// A title without its year and spaces: `2024年部门预算表` → `部门预算表`.
fn core_title(title: &str) -> String {
    let t: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    match t.find('年') {
        Some(i) if t[..i].chars().all(|c| c.is_ascii_digit()) => {
            t[i + '年'.len_utf8()..].to_string()
        }
        _ => t,
    }
}

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
    /// **Example.** `政府性基金预算支出表` printed with its header only and nothing in the
    /// document saying there is no government-fund money: warning.
    pub struct EmptyWithoutReason { id: "COMP-EMPTY-REASON", severity: Severity::Warning, summary: "an empty table says why it is empty" }
}

impl Rule for EmptyWithoutReason {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for table in doc.tables.iter().filter(|t| t.status == TableStatus::Empty) {
            let declared = doc.contents.iter().any(|e| {
                e.declared_empty && e.empty_reason.is_some() && e.kind == Some(table.kind)
            });
            if table.note.is_some() || declared || !is_money_table(table.kind) {
                continue;
            }
            out.push(Finding {
                rule: Self::INFO.id.into(),
                severity: Self::INFO.severity,
                message: format!("《{}》为空表，但文档未说明原因", table.title),
                location: Location {
                    table_kind: Some(table.kind),
                    table_title: Some(table.title.clone()),
                    line: Some(table.lines.0),
                    ..Location::default()
                },
                expected: None,
                printed: None,
                difference: None,
                tolerance: None,
                source_text: table.title.clone(),
                consequences: Vec::new(),
                evidence: Vec::new(),
            });
        }
    }
}
