//! The document's headline figures as its tables print them: total, basic and project
//! expenditure, personnel and public funds, fiscal appropriation, income. Rules that compare a
//! figure printed elsewhere (narrative, forms) with "the" total read it here, each with the
//! table cell it comes from.

use budget_model::{Amount, ColumnRole, Document, Fund, Row, RowRole, Side, Table, TableKind};

use crate::query::tables::parsed;

/// A headline figure and where it is printed.
#[derive(Debug, Clone, Copy)]
pub struct Figure<'d> {
    pub amount: Amount,
    pub table: &'d Table,
    pub row: &'d Row,
    pub column: usize,
}

/// The value of `role`'s column on the total row of `table`.
pub fn total_of<'d>(table: &'d Table, role: ColumnRole) -> Option<Figure<'d>> {
    let column = table.column_with_role(role)?;
    let row = table
        .rows
        .iter()
        .find(|r| r.is_total() && r.value(column).is_some())?;
    Some(Figure {
        amount: *row.value(column)?,
        table,
        row,
        column,
    })
}

/// Total expenditure: 支出总表 合计, else the 支出 side's 支出总计 of the 收支总表.
pub fn expenditure_total(doc: &Document) -> Option<Figure<'_>> {
    parsed(doc, TableKind::ExpenditureSummary)
        .and_then(|t| total_of(t, ColumnRole::Total))
        .or_else(|| {
            summary_total(
                doc,
                TableKind::IncomeExpenditureSummary,
                Side::Expenditure,
                RowRole::GrandTotal,
            )
        })
}

/// Total income: 收支总表 收入总计, else 收入总表 合计.
pub fn income_total(doc: &Document) -> Option<Figure<'_>> {
    let kind = TableKind::IncomeExpenditureSummary;
    summary_total(doc, kind, Side::Income, RowRole::GrandTotal).or_else(|| {
        parsed(doc, TableKind::IncomeSummary).and_then(|t| total_of(t, ColumnRole::Total))
    })
}

/// Fiscal appropriation: 财政拨款收支总表 收入总计 (or 收入合计).
pub fn fiscal_total(doc: &Document) -> Option<Figure<'_>> {
    let kind = TableKind::FiscalAppropriationSummary;
    summary_total(doc, kind, Side::Income, RowRole::GrandTotal)
        .or_else(|| summary_total(doc, kind, Side::Income, RowRole::Total))
}

/// 基本支出 and 项目支出 of all money: the 支出总表's, else the general-budget table's when the
/// document has nothing but general-budget money.
pub fn basic_total(doc: &Document) -> Option<Figure<'_>> {
    parsed(doc, TableKind::ExpenditureSummary)
        .and_then(|t| total_of(t, ColumnRole::Basic))
        .or_else(|| {
            parsed(doc, TableKind::GeneralBudgetBasicExpenditure).and_then(basic_table_total)
        })
}

pub fn project_total(doc: &Document) -> Option<Figure<'_>> {
    parsed(doc, TableKind::ExpenditureSummary)
        .and_then(|t| total_of(t, ColumnRole::Project))
        .or_else(|| {
            parsed(doc, TableKind::GeneralBudgetExpenditure)
                .and_then(|t| total_of(t, ColumnRole::Project))
        })
}

/// The 合计 of a basic-expenditure table: its Total or Basic column.
pub fn basic_table_total(table: &Table) -> Option<Figure<'_>> {
    total_of(table, ColumnRole::Basic).or_else(|| total_of(table, ColumnRole::Total))
}

/// The first row of a role on one side of a side-by-side summary (收入总计: income, grand total).
pub fn summary_total(
    doc: &Document,
    kind: TableKind,
    side: Side,
    role: RowRole,
) -> Option<Figure<'_>> {
    summary_row_where(doc, kind, side, |r| r.role == role)
}

/// A row of a side-by-side summary by side and printed label (spaces ignored).
pub fn summary_row<'d>(
    doc: &'d Document,
    kind: TableKind,
    side: Side,
    label: &str,
) -> Option<Figure<'d>> {
    summary_row_where(doc, kind, side, |r| is_compact_of(label, &r.label))
}

/// The first row on `side` of a summary that `wanted` accepts, with its first amount.
fn summary_row_where<'d>(
    doc: &'d Document,
    kind: TableKind,
    side: Side,
    wanted: impl Fn(&Row) -> bool,
) -> Option<Figure<'d>> {
    let table = parsed(doc, kind)?;
    let row = table
        .rows
        .iter()
        .find(|r| r.side() == Some(side) && wanted(r))?;
    first_figure(table, row)
}

/// A row's first printed amount, where it is printed.
fn first_figure<'d>(table: &'d Table, row: &'d Row) -> Option<Figure<'d>> {
    let (column, amount) = row
        .values
        .iter()
        .enumerate()
        .find_map(|(j, v)| v.map(|a| (j, a)))?;
    Some(Figure {
        amount,
        table,
        row,
        column,
    })
}

/// Whether `compact` is `text` without its whitespace (compared without building that text).
fn is_compact_of(compact: &str, text: &str) -> bool {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .eq(compact.chars())
}

/// The lines of the 收支总表's income side that name fiscal appropriation (一、财政拨款收入,
/// or its 一般公共预算 part when that is the shallowest printed), by their fund and list level,
/// whatever their list number (a document printing `二、财政拨款收入` is read the same).
pub fn fiscal_income_lines(doc: &Document) -> Vec<Figure<'_>> {
    let fiscal = |r: &Row| {
        matches!(r.role, RowRole::Item | RowRole::Heading)
            && matches!(r.fund, Some(Fund::Fiscal | Fund::GeneralBudget))
    };
    shallowest_income_lines(doc, fiscal)
}

/// The lines of the 收支总表's income side that carry money over from last year (上年结转,
/// 上年结转结余, 九、上年结转(结余)), by their role.
pub fn carried_over_lines(doc: &Document) -> Vec<Figure<'_>> {
    shallowest_income_lines(doc, |r| r.role == RowRole::CarriedOver)
}

/// The income-side rows of the 收支总表 that `wanted` accepts, at the shallowest list level
/// among them, with their first amounts.
fn shallowest_income_lines<'d>(
    doc: &'d Document,
    wanted: impl Fn(&Row) -> bool,
) -> Vec<Figure<'d>> {
    let Some(table) = parsed(doc, TableKind::IncomeExpenditureSummary) else {
        return Vec::new();
    };
    let rows: Vec<&Row> = table
        .rows
        .iter()
        .filter(|r| r.side() == Some(Side::Income) && wanted(r))
        .collect();
    let top = rows.iter().map(|r| r.list_level).min();
    rows.into_iter()
        .filter(|r| Some(r.list_level) == top)
        .filter_map(|row| first_figure(table, row))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Document {
        budget_parse::parse_text(text, "fixture")
    }

    const SUMMARY: &str = "收支预算总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n二、财政拨款收入\t100.00\t社会保障和就业支出\t130.00\n（一）一般公共预算收入\t100.00\t\t\n八、其他收入\t20.00\t\t\n本年收入合计\t120.00\t本年支出合计\t130.00\n九、上年结转(结余)\t10.00\t结转下年\t\n收入总计\t130.00\t支出总计\t130.00\n";

    #[test]
    fn summary_lines_by_role_and_fund_whatever_their_numbers() {
        let doc = document(SUMMARY);
        let labels = |figures: Vec<Figure>| -> Vec<String> {
            figures.iter().map(|f| f.row.label.clone()).collect()
        };
        assert_eq!(labels(fiscal_income_lines(&doc)), ["二、财政拨款收入"]);
        assert_eq!(labels(carried_over_lines(&doc)), ["九、上年结转(结余)"]);
        let grand = income_total(&doc).map(|f| f.amount.to_string());
        assert_eq!(grand.as_deref(), Some("130.00万元"));
    }
}
