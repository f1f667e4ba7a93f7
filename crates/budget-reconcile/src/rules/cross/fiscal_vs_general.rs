//! XT-FISCAL-VS-GENERAL.

use budget_model::wording::tables as wording;
use budget_model::{
    Amount, CodeScheme, ColumnRole, Document, Finding, Fund, RowRole, Section, Severity, Side,
    Table, TableKind,
};

use super::summary_balance::lines;
use super::{compare_parts, finding, fold_to_deepest, At, Pair};
use crate::findings::severity_of;
use crate::query::tables::{
    classes, coded, coded_table, function_section, parsed, rows_in, section_columns, sections_on,
};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** In the 财政拨款收支总表, the 一般公共预算 column of the expenditure
    /// side (or its single expenditure column, when the table has no other fiscal income) equals,
    /// 类 by 类, the 类 rows of the 一般公共预算支出表 (合计 column), and its 本年支出 total
    /// equals the 一般公共预算支出表 合计. A difference on a 类 is reported once, with the total
    /// attached.
    ///
    /// **Why it matters.** Both tables show the same general-budget appropriation by function;
    /// a difference means the appropriation was changed in one table only.
    ///
    /// **Example.** 财政拨款收支总表 `卫生健康支出 7,697.58` (一般公共预算支出) and
    /// 一般公共预算支出表 `210 卫生健康支出 7,697.58`: consistent. Printed 7,797.58, it would be
    /// 100.00 too large: error.
    pub struct FiscalVsGeneral { id: "XT-FISCAL-VS-GENERAL", severity: Severity::Error, summary: "the fiscal summary's general-budget expenditure per class and in total equals the general-budget table" }
}

impl Rule for FiscalVsGeneral {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let kinds = (
            TableKind::FiscalAppropriationSummary,
            TableKind::GeneralBudgetExpenditure,
        );
        fiscal_vs_general(&Self::INFO, doc, kinds, out);
    }
}

/// The fiscal summary's (`kinds.0`) general-budget expenditure per 类 and in total against the
/// general-budget table (`kinds.1`), reported under `info`: a budget's tables here, final
/// accounts' under their own rule.
pub(crate) fn fiscal_vs_general(
    info: &RuleInfo,
    doc: &Document,
    (fiscal, general): (TableKind, TableKind),
    out: &mut Vec<Finding>,
) {
    let (Some(fiscal), Some(general)) = (parsed(doc, fiscal), parsed(doc, general)) else {
        return;
    };
    let Some(total) = general.column_with_role(ColumnRole::Total) else {
        return;
    };
    let Some((section, column)) = general_column(fiscal) else {
        return;
    };
    let fiscal_rows = coded(&rows_in(fiscal, section), CodeScheme::Function);
    let gen_rows = coded_table(general, CodeScheme::Function);
    let pair = Pair {
        doc,
        printed: (fiscal, &fiscal_rows, column),
        expected: (general, &gen_rows, total),
    };
    let mut found = Vec::new();
    for class in pair.codes(classes) {
        if let Some(c) = pair.compare(&class) {
            if let Some(severity) = severity_of(info, &c.cmp) {
                let f = pair.finding(info, severity, &c);
                found.push((Some(class.clone()), f));
            }
        }
    }
    let tables = (fiscal, general);
    if let Some(f) = fiscal_total(info, doc, tables, section, (column, total)) {
        found.push((None, f));
    }
    out.extend(fold_to_deepest(found));
}

/// The function side of a fiscal summary and its general-budget column: the 一般公共预算
/// column, or the side's single column when no 政府性基金 / 国有资本经营 income is printed.
fn general_column(fiscal: &Table) -> Option<(&Section, usize)> {
    let section = function_section(fiscal)?;
    let on_side = section_columns(fiscal, section);
    if let Some((j, _)) = on_side
        .iter()
        .find(|(_, role)| *role == ColumnRole::GeneralBudget)
    {
        return Some((section, *j));
    }
    match on_side.as_slice() {
        [(j, _)] if !other_fiscal_income(fiscal) => Some((section, *j)),
        _ => None,
    }
}

fn other_fiscal_income(fiscal: &Table) -> bool {
    sections_on(fiscal, Side::Income).into_iter().any(|s| {
        lines(fiscal, s).iter().any(|l| {
            matches!(l.row.fund, Some(Fund::GovernmentFund | Fund::StateCapital))
                && l.amount.is_some_and(|a| !a.is_zero())
        })
    })
}

fn fiscal_total(
    info: &RuleInfo,
    doc: &Document,
    (fiscal, general): (&Table, &Table),
    section: &Section,
    (column, total): (usize, usize),
) -> Option<Finding> {
    let row = rows_in(fiscal, section)
        .into_iter()
        .find(|r| r.role == RowRole::CurrentYearTotal)?;
    let gen_row = general.total_row()?;
    let printed: Vec<Amount> = row.value(column).copied().into_iter().collect();
    let expected: Vec<Amount> = gen_row.value(total).copied().into_iter().collect();
    let cmp = compare_parts(&printed, &expected)?;
    let severity = severity_of(info, &cmp)?;
    let what = wording::table_total(&general.title, cmp.expected);
    let at = At::cell(doc, fiscal, row, Some(column));
    Some(finding(info, severity, at, &cmp, &what, &[gen_row]))
}
