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

/// The value of `role`'s column on the total row of `table`; of a table printing one line of
/// figures without a label (`合计 | 基本支出 | 项目支出` over `28,849.38 | 17,123.19 | …`), on
/// that line.
pub fn total_of<'d>(table: &'d Table, role: ColumnRole) -> Option<Figure<'d>> {
    let column = table.column_with_role(role)?;
    let row = table
        .rows
        .iter()
        .find(|r| r.is_total() && r.value(column).is_some())
        .or_else(|| only_row_of_figures(table).filter(|r| r.label.trim().is_empty()))?;
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

/// Total income: 收支总表 收入总计, else 收入总表 合计, else the 收支总表's 收入合计 (a 收支总表
/// printing no 总计 totals with 合计, carry-over included).
pub fn income_total(doc: &Document) -> Option<Figure<'_>> {
    let kind = TableKind::IncomeExpenditureSummary;
    summary_total(doc, kind, Side::Income, RowRole::GrandTotal)
        .or_else(|| {
            parsed(doc, TableKind::IncomeSummary).and_then(|t| total_of(t, ColumnRole::Total))
        })
        .or_else(|| summary_total(doc, kind, Side::Income, RowRole::Total))
}

/// Fiscal appropriation: 财政拨款收支总表 收入总计 (or 收入合计).
pub fn fiscal_total(doc: &Document) -> Option<Figure<'_>> {
    let kind = TableKind::FiscalAppropriationSummary;
    summary_total(doc, kind, Side::Income, RowRole::GrandTotal)
        .or_else(|| summary_total(doc, kind, Side::Income, RowRole::Total))
}

/// This year's fiscal appropriation: 财政拨款收支总表 本年收入合计, without 上年结转.
pub fn fiscal_this_year(doc: &Document) -> Option<Figure<'_>> {
    let kind = TableKind::FiscalAppropriationSummary;
    summary_total(doc, kind, Side::Income, RowRole::CurrentYearTotal)
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

/// The 合计 of a basic-expenditure table: its Total or Basic column, or its only column.
pub fn basic_table_total(table: &Table) -> Option<Figure<'_>> {
    total_of(table, ColumnRole::Basic)
        .or_else(|| total_of(table, ColumnRole::Total))
        // A table of one column of amounts (`金额`): its 合计 row.
        .or_else(|| {
            let one = table.columns.len() == 1;
            one.then(|| total_of(table, ColumnRole::Amount)).flatten()
        })
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
pub fn first_figure<'d>(table: &'d Table, row: &'d Row) -> Option<Figure<'d>> {
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

/// The row of a table's totals: its total row, else its one line of figures (a table of totals
/// printing a single unlabelled line).
pub fn totals_row(table: &Table) -> Option<&Row> {
    let total = table.rows.iter().find(|r| r.is_total());
    total.or_else(|| only_row_of_figures(table))
}

/// Zero in a table's unit, as a cell it prints blank states it.
pub fn blank_amount(table: &Table) -> Amount {
    Amount::new(rust_decimal::Decimal::ZERO, table.unit, 2)
}

/// The one row of a table that prints figures, its label lost or never printed (a 三公 table
/// of one line of figures under its header); `None` when there are more.
pub fn only_row_of_figures(table: &Table) -> Option<&Row> {
    let mut rows = table
        .rows
        .iter()
        .filter(|r| r.values.iter().any(Option::is_some));
    match (rows.next(), rows.next()) {
        (Some(row), None) => Some(row),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Document {
        budget_parse::parse_text(text, "fixture")
    }

    const SUMMARY: &str = "收支预算总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n二、财政拨款收入\t100.00\t社会保障和就业支出\t130.00\n（一）一般公共预算收入\t100.00\t\t\n八、其他收入\t20.00\t\t\n本年收入合计\t120.00\t本年支出合计\t130.00\n九、上年结转(结余)\t10.00\t结转下年\t\n收入总计\t130.00\t支出总计\t130.00\n";

    #[test]
    fn summary_totals_by_role_whatever_their_numbers() {
        let doc = document(SUMMARY);
        let grand = income_total(&doc).map(|f| f.amount.to_string());
        assert_eq!(grand.as_deref(), Some("130.00万元"));
        let kind = TableKind::IncomeExpenditureSummary;
        let carried = summary_total(&doc, kind, Side::Income, RowRole::CarriedOver);
        assert_eq!(
            carried.map(|f| f.row.label.as_str()),
            Some("九、上年结转(结余)")
        );
        let current = summary_total(&doc, kind, Side::Expenditure, RowRole::CurrentYearTotal);
        assert_eq!(
            current.map(|f| f.amount.to_string()).as_deref(),
            Some("130.00万元")
        );
    }

    /// Jiangsu's 收支预算总表 totals with 收入合计 (当年收入小计 + 上年结转资金), no 总计.
    #[test]
    fn a_summary_without_grand_total_totals_with_its_total() {
        let text = SUMMARY
            .replace(
                "本年收入合计\t120.00\t本年支出合计",
                "当年收入小计\t120.00\t当年支出小计",
            )
            .replace("收入总计\t130.00\t支出总计", "收入合计\t130.00\t支出合计");
        let doc = document(&text);
        let total = income_total(&doc).map(|f| f.amount.to_string());
        assert_eq!(total.as_deref(), Some("130.00万元"));
    }

    /// Jiangsu's 一般公共预算基本支出预算表 prints one column, `金额`: its 合计 is the total.
    #[test]
    fn a_basic_table_of_one_column_totals_with_it() {
        let doc = document("一般公共预算基本支出表\n单位：万元\n科目编码\t科目名称\t金额\n\t合计\t17.00\n301\t工资福利支出\t17.00\n");
        let table = doc
            .table(TableKind::GeneralBudgetBasicExpenditure)
            .expect("the table");
        let total = basic_table_total(table).map(|f| f.amount.to_string());
        assert_eq!(total.as_deref(), Some("17.00万元"));
    }
}
