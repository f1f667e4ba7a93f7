//! XT-THREE-PUBLIC-VS-BASIC.

use budget_model::wording::tables as wording;
use budget_model::{
    Amount, Code, CodeScheme, ColumnRole, Document, Finding, Row, Severity, Table, TableKind,
};

use super::{compare_parts, finding, one_sided, At};
use crate::query::tables::{basic_column, code_parts, coded_table, parsed};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The 三公 table's 公务接待费 is at least 30217 公务接待费 of the basic
    /// expenditure table, and its 公务用车运行维护费 (or 公务用车购置及运行维护费 less 购置) at
    /// least 30231 公务用车运行维护费. The 三公 figure may be larger (project money pays for
    /// some), never smaller: smaller is a warning.
    ///
    /// **Why it matters.** The 三公 figures are the most read numbers of a budget; a 三公 table
    /// that shows less than the basic expenditure already spends on the same item understates
    /// them.
    ///
    /// **Example.** 三公 公务接待费 209.94 and 基本支出表 30217 公务接待费 196.73: consistent (the
    /// rest is project money). A 三公 公务接待费 of 96.73 would be 100.00 short: warning.
    pub struct ThreePublicVsBasic { id: "XT-THREE-PUBLIC-VS-BASIC", severity: Severity::Warning, summary: "the three-public reception and vehicle operation figures are at least 30217 and 30231 of the basic table" }
}

impl Rule for ThreePublicVsBasic {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(three) = parsed(doc, TableKind::ThreePublicExpenses) else {
            return;
        };
        let Some(basic) = parsed(doc, TableKind::GeneralBudgetBasicExpenditure)
            .or_else(|| parsed(doc, TableKind::GeneralBudgetExpenditureEconomic))
        else {
            return;
        };
        let Some(row) = three.total_row().or_else(|| {
            three
                .rows
                .iter()
                .find(|r| r.values.iter().any(Option::is_some))
        }) else {
            return;
        };
        let Some(column) = basic_column(basic) else {
            return;
        };
        let rows = coded_table(basic, CodeScheme::DeptEconomic);
        for item in three_public_items(three, row) {
            let Some(code) = Code::parse(item.code).filter(|_| !item.is_change()) else {
                continue;
            };
            let (mut expected, evidence) = code_parts(&rows, &code, column);
            expected.extend(item.plus);
            let Some(cmp) = compare_parts(&item.printed, &expected) else {
                continue;
            };
            let Some(severity) = one_sided(&cmp, Self::INFO.severity, None) else {
                continue;
            };
            let what = wording::at_least(&basic.title, &code, item.name, cmp.expected);
            let at = At::cell(doc, three, row, Some(item.column));
            out.push(finding(&Self::INFO, severity, at, &cmp, &what, &evidence));
        }
    }
}

/// A 三公 figure to compare with an economic 款: the printed cell, what is added to the 款
/// (the 购置 when the cell is 购置及运行维护 together), and where it is printed.
struct ThreePublicItem {
    code: &'static str,
    name: &'static str,
    printed: Vec<Amount>,
    plus: Vec<Amount>,
    column: usize,
}

impl ThreePublicItem {
    /// Whether a figure of the item is negative: no spending but a change (a 增减 column whose
    /// header was not read as one), which says nothing of what the basic table spends.
    fn is_change(&self) -> bool {
        self.printed
            .iter()
            .chain(&self.plus)
            .any(|a| a.value.is_sign_negative())
    }
}

fn three_public_items(table: &Table, row: &Row) -> Vec<ThreePublicItem> {
    let cell = |j: usize| row.value(j).copied().into_iter().collect::<Vec<_>>();
    let mut items = Vec::new();
    if let Some(j) = table.column_with_role(ColumnRole::Reception) {
        items.push(ThreePublicItem {
            code: "30217",
            name: wording::RECEPTION,
            printed: cell(j),
            plus: Vec::new(),
            column: j,
        });
    }
    let operation = table.column_with_role(ColumnRole::VehicleOperation);
    let vehicle = table.column_with_role(ColumnRole::Vehicle);
    let purchase = table.column_with_role(ColumnRole::VehiclePurchase);
    let (j, plus) = match (operation, vehicle) {
        (Some(j), _) => (Some(j), Vec::new()),
        (None, Some(j)) => (Some(j), purchase.map(cell).unwrap_or_default()),
        (None, None) => (None, Vec::new()),
    };
    if let Some(j) = j {
        items.push(ThreePublicItem {
            code: "30231",
            name: wording::VEHICLE_OPERATION,
            printed: cell(j),
            plus,
            column: j,
        });
    }
    items
}
