//! XT-EXPENDITURE-VS-GENERAL.

use budget_model::wording::tables as wording;
use budget_model::{Amount, CodeScheme, ColumnRole, Document, Finding, Severity, TableKind};

use super::{compare_parts, finding, fold_to_deepest, one_sided, other_money, At, Pair};
use crate::query::tables::{all_codes, coded_table, only_column, parsed};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The 支出总表 (all money) is at least the 一般公共预算支出表
    /// (general-budget money only), row code by row code and column by column (合计, 基本支出,
    /// 项目支出, and 人员经费 / 公用经费 when each table has one such column), and on the 合计
    /// row. When the 收支总表 and 收入总表 show no money but
    /// general-budget appropriation (no 上年结转, 事业收入, 其他收入, 政府性基金 ...), the two
    /// must be equal. A shortfall is an error; an excess where they must be equal is a warning.
    /// A difference on a 项 is reported once, with its 款, 类 and total attached.
    ///
    /// **Why it matters.** General-budget money is part of all money: a general-budget figure
    /// larger than the total spending on the same code is impossible, and an unexplained excess
    /// means money with no source.
    ///
    /// **Example.** `2101506 医疗保障经办事务`: 支出总表 1,163.04 ≥ 一般公共预算支出表 1,133.04,
    /// with 其他收入 3,141.30 in the 收支总表: consistent. With 支出总表 1,033.04 the general
    /// budget would exceed all money by 100.00: error.
    pub struct ExpenditureVsGeneral { id: "XT-EXPENDITURE-VS-GENERAL", severity: Severity::Error, summary: "the expenditure table (all money) is at least the general-budget table, code by code" }
}

impl Rule for ExpenditureVsGeneral {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let (Some(exp), Some(general)) = (
            parsed(doc, TableKind::ExpenditureSummary),
            parsed(doc, TableKind::GeneralBudgetExpenditure),
        ) else {
            return;
        };
        let over = (other_money(doc) == Some(false)).then_some(Severity::Warning);
        let exp_rows = coded_table(exp, CodeScheme::Function);
        let gen_rows = coded_table(general, CodeScheme::Function);
        let mut found = Vec::new();
        for role in SPLIT_ROLES {
            let (Some(ej), Some(gj)) = (only_column(exp, role), only_column(general, role)) else {
                continue;
            };
            let pair = Pair {
                doc,
                printed: (exp, &exp_rows, ej),
                expected: (general, &gen_rows, gj),
            };
            if let Some(f) = compare_totals_at_least(&pair, over) {
                found.push((None, f));
            }
            for code in &pair.codes(all_codes) {
                if let Some(c) = pair.compare(code) {
                    if let Some(severity) = one_sided(&c.cmp, Severity::Error, over) {
                        let f = pair.finding(&Self::INFO, severity, &c);
                        found.push((Some(code.clone()), f));
                    }
                }
            }
        }
        out.extend(fold_to_deepest(found));
    }
}

/// The columns compared between the 支出总表 and the 一般公共预算支出表.
const SPLIT_ROLES: [ColumnRole; 5] = [
    ColumnRole::Total,
    ColumnRole::Basic,
    ColumnRole::Project,
    ColumnRole::Personnel,
    ColumnRole::Public,
];

fn compare_totals_at_least(pair: &Pair, over: Option<Severity>) -> Option<Finding> {
    let (pt, _, pj) = pair.printed;
    let (et, _, ej) = pair.expected;
    let (prow, erow) = (pt.total_row()?, et.total_row()?);
    let printed: Vec<Amount> = prow.value(pj).copied().into_iter().collect();
    let expected: Vec<Amount> = erow.value(ej).copied().into_iter().collect();
    let cmp = compare_parts(&printed, &expected)?;
    let severity = one_sided(&cmp, Severity::Error, over)?;
    let column = et.columns.get(ej).map_or("", |c| c.name.as_str());
    let what = wording::column_total(&et.title, column, cmp.expected);
    let at = At::cell(pair.doc, pt, prow, Some(pj));
    Some(finding(
        &ExpenditureVsGeneral::INFO,
        severity,
        at,
        &cmp,
        &what,
        &[erow],
    ))
}
