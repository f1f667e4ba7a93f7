//! XT-SUMMARY-VS-EXPENDITURE.

use budget_model::{CodeScheme, ColumnRole, Document, Finding, Severity, TableKind};

use super::{compare_code, Pair};
use crate::query::tables::{
    classes, coded, coded_table, function_section, parsed, rows_in, section_column,
};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The expenditure side of the 收支总表, 类 by 类, equals the 类 rows of
    /// the 支出总表 (its 合计 column). When the 支出总表 prints only 款 or 项 rows, their sum
    /// stands for the 类; a 类 missing on one side counts as zero.
    ///
    /// **Why it matters.** Both tables show all of the department's spending by function; a 类
    /// that differs means one of them was not updated after a change.
    ///
    /// **Example.** 收支预算总表 `卫生健康支出 12,192.64` and 部门支出总表 `210 卫生健康支出
    /// 12,192.64`: consistent. Printed 12,092.64 in the summary, it would be 100.00 short: error.
    pub struct SummaryVsExpenditure { id: "XT-SUMMARY-VS-EXPENDITURE", severity: Severity::Error, summary: "the summary's expenditure by function class equals the expenditure table's class rows" }
}

impl Rule for SummaryVsExpenditure {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let kinds = (
            TableKind::IncomeExpenditureSummary,
            TableKind::ExpenditureSummary,
        );
        summary_vs_expenditure(&Self::INFO, doc, kinds, out);
    }
}

/// The summary's (`kinds.0`) expenditure 类 by 类 against the expenditure table's (`kinds.1`)
/// 合计 column, reported under `info`: a budget's tables here, final accounts' under their own
/// rule.
pub(crate) fn summary_vs_expenditure(
    info: &RuleInfo,
    doc: &Document,
    (summary, expenditure): (TableKind, TableKind),
    out: &mut Vec<Finding>,
) {
    let (Some(summary), Some(exp)) = (parsed(doc, summary), parsed(doc, expenditure)) else {
        return;
    };
    let Some(total) = exp.column_with_role(ColumnRole::Total) else {
        return;
    };
    let Some(section) = function_section(summary) else {
        return;
    };
    let Some(column) = section_column(summary, section) else {
        return;
    };
    let printed_rows = coded(&rows_in(summary, section), CodeScheme::Function);
    let exp_rows = coded_table(exp, CodeScheme::Function);
    let pair = Pair {
        doc,
        printed: (summary, &printed_rows, column),
        expected: (exp, &exp_rows, total),
    };
    for class in pair.codes(classes) {
        compare_code(info, &pair, &class, out);
    }
}
