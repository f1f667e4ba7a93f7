//! The document's headline figures as its tables print them: total, basic and project
//! expenditure, personnel and public funds, fiscal appropriation, income. Rules that compare a
//! figure printed elsewhere (narrative, forms) with "the" total read it here, each with the
//! table cell it comes from.

use budget_model::{Amount, ColumnRole, Document, Row, RowRole, Side, Table, TableKind};

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
