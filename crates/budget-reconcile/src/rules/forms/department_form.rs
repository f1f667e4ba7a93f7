//! FORM-DEPT: the department performance form repeats the document's totals.

use budget_model::wording::tables as wording;
use budget_model::{Amount, Document, Finding, LabelPart, Row, Severity, TableKind, Term};

use super::amounts;
use crate::findings::{cell_location, describe, evidence, from_comparison, severity_of};
use crate::tolerance::{compare_equal, Comparison};
use crate::totals::{self, Figure};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The department-wide performance form (部门整体支出绩效目标表) repeats
    /// the document's totals: 收入预算合计 = 收入总计, 支出预算合计 (or 金额合计) = total
    /// expenditure, 财政拨款 = the fiscal appropriation, 基本支出 and 项目支出 = the 支出总表's.
    ///
    /// **Why it matters.** The form is what the performance review reads; if its money differs
    /// from the budget tables, one of them was not updated.
    ///
    /// **Example.** 收入预算合计 13,258.53 and 收支总表 收入总计 13,258.53: consistent; 其中：
    /// 基本支出 7,802.78 vs 支出总表 基本支出 7,802.78: consistent.
    pub struct DepartmentForm { id: "FORM-DEPT", severity: Severity::Error, summary: "the department performance form repeats the document's totals" }
}

impl Rule for DepartmentForm {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for table in doc.tables_of(TableKind::PerformanceTargetsDepartment) {
            for row in &table.rows {
                for (word, amount) in labelled_amounts(row) {
                    let Some(figure) = headline(doc, word) else {
                        continue;
                    };
                    let cmp = compare_equal(&amount, &figure.amount);
                    if let Some(severity) = severity_of(&Self::INFO, &cmp) {
                        let (severity, message) = judged(word, severity, &cmp, &figure);
                        let source = format!("{}\n{}", row.source, figure.row.source);
                        let location = cell_location(table, row, None);
                        let mut finding =
                            from_comparison(&Self::INFO, severity, message, location, &cmp, source);
                        finding.evidence = evidence(doc, Some((row, None)), &[figure.row]);
                        out.push(finding);
                    }
                }
            }
        }
    }
}

/// The severity and message of a form figure that differs from the document's: the sum of the
/// tasks a form lists (金额合计) is only information, as the tasks need not cover the whole
/// budget; any other figure keeps the comparison's severity.
fn judged(
    word: &LabelPart,
    severity: Severity,
    cmp: &Comparison,
    figure: &Figure,
) -> (Severity, String) {
    let (table, label) = (&figure.table.title, &figure.row.label);
    if word.is(Term::TaskTotal) {
        let message = wording::form_task_total(&describe(cmp), table, label);
        return (severity.min(Severity::Info), message);
    }
    let message = wording::form_figure(&word.text, &describe(cmp), table, label);
    (severity, message)
}

/// Pairs a form line's words with its amounts: one word per amount when they match in number,
/// else the first amount for the last word.
fn labelled_amounts(row: &Row) -> Vec<(&LabelPart, Amount)> {
    let values = amounts(row);
    // A line without amounts pairs nothing; most lines of a form are text.
    if values.is_empty() {
        return Vec::new();
    }
    let parts = &row.parts;
    if parts.len() == values.len() {
        return parts.iter().zip(values).collect();
    }
    match (parts.last(), values.first()) {
        (Some(p), Some(v)) => vec![(p, *v)],
        _ => Vec::new(),
    }
}

/// The document's figure a form word names: 收入预算合计, 支出预算合计 (金额合计), 财政拨款,
/// 基本支出, 项目支出.
fn headline<'d>(doc: &'d Document, word: &LabelPart) -> Option<Figure<'d>> {
    if word.is(Term::IncomeTotal) {
        totals::income_total(doc)
    } else if word.is(Term::ExpenditureTotal) || word.is(Term::TaskTotal) {
        totals::expenditure_total(doc)
    } else if word.is(Term::Fiscal) {
        totals::fiscal_total(doc)
    } else if word.is(Term::Basic) {
        totals::basic_total(doc)
    } else if word.is(Term::Project) {
        totals::project_total(doc)
    } else {
        None
    }
}
