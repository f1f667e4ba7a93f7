//! The FA family: relations across the tables of final accounts (部门决算, final_accounts.md
//! "Relations that must hold"). The nine tables are not the budget's: the summary balances
//! with 结余分配 and 年末结转和结余, its income is the income table's 合计 row, and the
//! general-budget table's basic expenditure is the basic table's 人员经费 and 公用经费 together.
//! Where a relation is the budget's own on other tables, the budget rule's check runs on the
//! final-accounts kinds under an FA id; the income relation is the final accounts' alone.

use budget_model::wording::tables as wording;
use budget_model::{
    Amount, ColumnRole, Document, Finding, Row, RowRole, Severity, Side, Table, TableKind,
};

use super::summary_balance::{check_summaries, lines, Line};
use super::{compare_parts, finding, At};
use crate::findings::severity_of;
use crate::query::tables::{parsed, sections_on};
use crate::{rule, Rule, RuleInfo};

/// The rules of this family, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &FinalSummaryBalance,
        &FinalSummaryVsIncome,
        &FinalIncomeVsFiscal,
        &FinalSummaryVsExpenditure,
        &FinalFiscalVsGeneral,
        &FinalGeneralBasic,
    ]
}

rule! {
    /// **What it checks.** The identities of the 收入支出决算总表 and the 财政拨款收入支出决算总表:
    /// 收入总计 = 支出总计; 本年收入合计 + 使用非财政拨款结余 (用事业基金弥补收支差额) + 年初结转和
    /// 结余 = 收入总计; 本年支出合计 + 结余分配 + 年末结转和结余 = 支出总计; the income sources add up
    /// to 本年收入合计.
    ///
    /// **Why it matters.** The summary is the accounts' own balance sheet of the year: a side
    /// that does not add up means a source or a use of money is missing or mistyped.
    ///
    /// **Example.** 本年收入合计 2,015,094.22 + 年初结转和结余 465,278.48 = 总计 2,480,372.70;
    /// 本年支出合计 2,074,962.01 + 结余分配 6,374.88 + 年末结转和结余 399,035.80 = 2,480,372.69,
    /// within rounding of 总计 2,480,372.70: consistent.
    pub struct FinalSummaryBalance { id: "FA-SUMMARY-BALANCE", severity: Severity::Error, summary: "the final accounts' summaries balance: income = expenditure, and their internal identities" }
}

impl Rule for FinalSummaryBalance {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let kinds = [
            TableKind::FinalIncomeExpenditureSummary,
            TableKind::FinalFiscalAppropriationSummary,
        ];
        check_summaries(&Self::INFO, doc, kinds, out);
    }
}

rule! {
    /// **What it checks.** The income side of the 收入支出决算总表 equals the 合计 row of the
    /// 收入决算表, column by column: 本年收入合计, and each source the income table prints as a
    /// column (财政拨款收入 = 一般公共预算财政拨款收入 + 政府性基金预算财政拨款收入 + 国有资本经营预算
    /// 财政拨款收入; 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入 one for one).
    ///
    /// **Why it matters.** Both tables show the year's income by source; a source that differs
    /// means one of them was not updated.
    ///
    /// **Example.** 总表 五、事业收入 1,110,972.11 and 收入决算表 合计「事业收入」1,110,972.11:
    /// consistent. Printed 1,110,872.11 in the income table, it would be 100.00 short: error.
    pub struct FinalSummaryVsIncome { id: "FA-SUMMARY-VS-INCOME", severity: Severity::Error, summary: "the final summary's income by source equals the income table's total row" }
}

impl Rule for FinalSummaryVsIncome {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let (Some(summary), Some(income)) = (
            parsed(doc, TableKind::FinalIncomeExpenditureSummary),
            parsed(doc, TableKind::FinalIncome),
        ) else {
            return;
        };
        let Some(section) = sections_on(summary, Side::Income).first().copied() else {
            return;
        };
        let Some(total) = income.total_row() else {
            return;
        };
        let inc = lines(summary, section);
        for (j, column) in income.columns.iter().enumerate() {
            let parts = summary_lines_of(&inc, &column.name, column.role);
            if let Some(f) = compare_source(doc, (income, total, j), summary, &parts) {
                out.push(f);
            }
        }
    }
}

/// The summary's income lines that make up an income-table column: this year's total for its
/// 合计 column, else the items whose name ends with the column's (`财政拨款收入` is
/// `一般公共预算财政拨款收入` + `政府性基金预算财政拨款收入` + …).
fn summary_lines_of<'a, 'd>(
    lines: &'a [Line<'d>],
    name: &str,
    role: ColumnRole,
) -> Vec<&'a Line<'d>> {
    if role == ColumnRole::Total {
        return lines
            .iter()
            .filter(|l| l.row.role == RowRole::CurrentYearTotal)
            .take(1)
            .collect();
    }
    let name: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    if name.is_empty() {
        return Vec::new();
    }
    lines
        .iter()
        .filter(|l| l.row.role == RowRole::Item && l.key().ends_with(name.as_str()))
        .collect()
}

/// The income table's total-row figure of column `j` against the summary lines that make it.
fn compare_source(
    doc: &Document,
    (income, total, j): (&Table, &Row, usize),
    summary: &Table,
    parts: &[&Line],
) -> Option<Finding> {
    let info = &FinalSummaryVsIncome::INFO;
    let expected: Vec<Amount> = parts.iter().filter_map(|l| l.amount).collect();
    if expected.is_empty() {
        return None;
    }
    let printed: Vec<Amount> = total.value(j).copied().into_iter().collect();
    let cmp = compare_parts(&printed, &expected)?;
    let severity = severity_of(info, &cmp)?;
    let names: Vec<&str> = parts.iter().map(|l| l.row.label.as_str()).collect();
    let what = wording::summary_lines(&summary.title, &names, cmp.expected);
    let rows: Vec<&Row> = parts.iter().map(|l| l.row).collect();
    let at = At::cell(doc, income, total, Some(j));
    Some(finding(info, severity, at, &cmp, &what, &rows))
}

rule! {
    /// **What it checks.** The 财政拨款收入 of the 收入决算表 (its 合计 row) is at least the
    /// 本年收入合计 of the 财政拨款收入支出决算总表 (一般公共预算 + 政府性基金 + 国有资本经营预算
    /// 财政拨款): equal when the department has no other fiscal money, never less.
    ///
    /// **Why it matters.** The fiscal summary details the appropriation the income table
    /// counts; a fiscal summary that receives more than the income table says came in has
    /// money from nowhere.
    ///
    /// **Example.** 收入决算表 合计「财政拨款收入」805,251.56 and 财政拨款收入支出决算总表
    /// 本年收入合计 805,251.56: consistent. An income table printing 805,151.56 would be 100.00
    /// short: error.
    pub struct FinalIncomeVsFiscal { id: "FA-INCOME-VS-FISCAL", severity: Severity::Error, summary: "the income table's fiscal appropriation is at least the fiscal summary's income of the year" }
}

impl Rule for FinalIncomeVsFiscal {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let (Some(income), Some(fiscal)) = (
            parsed(doc, TableKind::FinalIncome),
            parsed(doc, TableKind::FinalFiscalAppropriationSummary),
        ) else {
            return;
        };
        let (Some(total), Some(j)) = (
            income.total_row(),
            income.column_with_role(ColumnRole::FiscalSubtotal),
        ) else {
            return;
        };
        let Some(section) = sections_on(fiscal, Side::Income).first().copied() else {
            return;
        };
        let inc = lines(fiscal, section);
        let Some(current) = inc.iter().find(|l| l.row.role == RowRole::CurrentYearTotal) else {
            return;
        };
        let (Some(printed), Some(expected)) = (total.value(j), current.amount) else {
            return;
        };
        let Some(cmp) = compare_parts(&[*printed], &[expected]) else {
            return;
        };
        let Some(severity) = super::one_sided(&cmp, Severity::Error, None) else {
            return;
        };
        let what = wording::summary_lines(&fiscal.title, &[current.row.label.as_str()], expected);
        let at = At::cell(doc, income, total, Some(j));
        out.push(finding(
            &Self::INFO,
            severity,
            at,
            &cmp,
            &what,
            &[current.row],
        ));
    }
}

rule! {
    /// **What it checks.** The expenditure side of the 收入支出决算总表, 类 by 类, equals the 类
    /// rows of the 支出决算表 (its 本年支出合计 column).
    ///
    /// **Why it matters.** Both tables show the year's spending by function; a 类 that differs
    /// means one of them was not updated after a change.
    ///
    /// **Example.** 总表 九、卫生健康支出 1,474,833.23 and 支出决算表 `210 卫生健康支出
    /// 1,474,833.23`: consistent.
    pub struct FinalSummaryVsExpenditure { id: "FA-SUMMARY-VS-EXPENDITURE", severity: Severity::Error, summary: "the final summary's expenditure by function class equals the expenditure table's class rows" }
}

impl Rule for FinalSummaryVsExpenditure {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let kinds = (
            TableKind::FinalIncomeExpenditureSummary,
            TableKind::FinalExpenditure,
        );
        super::summary_vs_expenditure::summary_vs_expenditure(&Self::INFO, doc, kinds, out);
    }
}

rule! {
    /// **What it checks.** The general-budget expenditure of the 财政拨款收入支出决算总表, per 类
    /// and in total, equals the 一般公共预算财政拨款支出决算表 (its 合计 column).
    ///
    /// **Why it matters.** The fiscal summary and the general-budget table show the same money;
    /// a 类 that differs means one of them was not updated.
    ///
    /// **Example.** 财政拨款收入支出决算总表 `214 交通运输支出 1,531.04` (一般公共预算财政拨款) and
    /// 一般公共预算财政拨款支出决算表 `214 交通运输支出 1,531.04`: consistent.
    pub struct FinalFiscalVsGeneral { id: "FA-FISCAL-VS-GENERAL", severity: Severity::Error, summary: "the final fiscal summary's general-budget expenditure per class and in total equals the general-budget table" }
}

impl Rule for FinalFiscalVsGeneral {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let kinds = (
            TableKind::FinalFiscalAppropriationSummary,
            TableKind::FinalGeneralBudgetExpenditure,
        );
        super::fiscal_vs_general::fiscal_vs_general(&Self::INFO, doc, kinds, out);
    }
}

rule! {
    /// **What it checks.** The 基本支出 total of the 一般公共预算财政拨款支出决算表 equals the
    /// 一般公共预算财政拨款基本支出决算表: its 人员经费合计 + 公用经费合计 (or its 合计).
    ///
    /// **Why it matters.** The basic-expenditure table details, by economic nature, the money
    /// the general-budget table shows as 基本支出.
    ///
    /// **Example.** 一般公共预算财政拨款支出决算表 合计 基本支出 746.39 and 基本支出决算表 人员经费合计
    /// 649.20 + 公用经费合计 97.19 = 746.39: consistent.
    pub struct FinalGeneralBasic { id: "FA-GENERAL-BASIC", severity: Severity::Error, summary: "the final general-budget table's basic expenditure equals the basic-expenditure table's totals" }
}

impl Rule for FinalGeneralBasic {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        super::general_basic::general_basic(
            &Self::INFO,
            doc,
            TableKind::FinalGeneralBudgetExpenditure,
            &[TableKind::FinalGeneralBudgetBasicExpenditure],
            out,
        );
    }
}
