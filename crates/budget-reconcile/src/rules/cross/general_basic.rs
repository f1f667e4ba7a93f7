//! XT-GENERAL-BASIC.

use budget_model::wording::tables as wording;
use budget_model::{Amount, ColumnRole, Document, Finding, Row, Severity, Table, TableKind};

use super::{compare_parts, report, At};
use crate::query::tables::{basic_column, parsed, total_cells};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The 基本支出 total of the 一般公共预算支出表 (its 基本支出 column, or
    /// 人员经费 + 公用经费 when it splits basic expenditure that way) equals the 合计 of the
    /// 一般公共预算基本支出表, and of its function-classified version when one is printed; and,
    /// when both tables print them, the 人员经费 and 公用经费 totals agree too.
    ///
    /// **Why it matters.** The basic-expenditure table details, by economic nature, the same
    /// money the general-budget table shows as 基本支出; a difference means the detail does not
    /// describe the budget it belongs to.
    ///
    /// **Example.** 一般公共预算支出表 合计 基本支出 6,824.03 and 一般公共预算基本支出表 合计
    /// 6,824.03: consistent. A basic table totalling 6,724.03 would be 100.00 short: error.
    pub struct GeneralBasic { id: "XT-GENERAL-BASIC", severity: Severity::Error, summary: "the general-budget table's basic expenditure total equals the basic-expenditure table's total" }
}

impl Rule for GeneralBasic {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let basic = [
            TableKind::GeneralBudgetBasicExpenditure,
            TableKind::GeneralBudgetBasicExpenditureFunction,
        ];
        general_basic(
            &Self::INFO,
            doc,
            TableKind::GeneralBudgetExpenditure,
            &basic,
            out,
        );
    }
}

/// The general-budget table's (`general`) basic expenditure against the total of each basic
/// table of `basic`, reported under `info`: a budget's tables here, final accounts' under
/// their own rule.
pub(crate) fn general_basic(
    info: &RuleInfo,
    doc: &Document,
    general: TableKind,
    basic_kinds: &[TableKind],
    out: &mut Vec<Finding>,
) {
    let Some(general) = parsed(doc, general) else {
        return;
    };
    let Some(gen_row) = general.total_row() else {
        return;
    };
    let mut basic = total_cells(general, ColumnRole::Basic);
    if basic.is_empty() {
        basic = total_cells(general, ColumnRole::Personnel);
        basic.extend(total_cells(general, ColumnRole::Public));
    }
    for &kind in basic_kinds {
        let Some(table) = parsed(doc, kind) else {
            continue;
        };
        let column = basic_column(table);
        let checks = [
            (column, basic.clone(), wording::BASIC),
            (
                table.column_with_role(ColumnRole::Personnel),
                total_cells(general, ColumnRole::Personnel),
                wording::PERSONNEL,
            ),
            (
                table.column_with_role(ColumnRole::Public),
                total_cells(general, ColumnRole::Public),
                wording::PUBLIC,
            ),
        ];
        for (column, expected, what) in checks {
            if let Some(j) = column.filter(|_| !expected.is_empty()) {
                let tables = (table, general, gen_row);
                check_basic_total(info, doc, tables, j, &expected, what, out);
            }
        }
    }
}

/// The rows that print a basic table's total: its total row, or, for a list printed in
/// sections each closed by its total (人员经费合计, then 公用经费合计), those totals.
fn total_rows(table: &Table) -> Vec<&Row> {
    let sectioned = table.rows.iter().any(|r| r.section.is_some());
    if sectioned {
        let totals: Vec<&Row> = table.rows.iter().filter(|r| r.role.is_total()).collect();
        if totals.len() > 1 {
            return totals;
        }
    }
    table.total_row().into_iter().collect()
}

fn check_basic_total(
    info: &RuleInfo,
    doc: &Document,
    (table, general, gen_row): (&Table, &Table, &Row),
    column: usize,
    expected: &[Amount],
    what: &str,
    out: &mut Vec<Finding>,
) {
    let rows = total_rows(table);
    let Some(&row) = rows.first() else {
        return;
    };
    let printed: Vec<Amount> = rows
        .iter()
        .filter_map(|r| r.value(column))
        .copied()
        .collect();
    let Some(cmp) = compare_parts(&printed, expected) else {
        return;
    };
    let what = wording::total_row_figure(&general.title, what, cmp.expected);
    let at = At::cell(doc, table, row, Some(column));
    report(info, at, &cmp, &what, &[gen_row], out);
}
