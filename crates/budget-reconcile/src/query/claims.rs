//! Queries on narrative claims: the table cells a claim may describe (by its subject, its
//! funds and its section), and the whole a breakdown belongs to.

use budget_model::{
    compact, strip_ordinal, Claim, CodeScheme, ColumnRole, Document, Fund, Measure, Row, RowRole,
    Side, Subject, Table, TableKind, TableStatus, ThreePublicItem, TotalKind,
};
use rust_decimal::Decimal;

use super::tables::only_column;
use crate::totals::{self, Figure};

/// Where a claim of the document is: its index in `Document::claims`, found by its address
/// (rules hold references into the document, not indexes).
pub fn claim_index(doc: &Document, claim: &Claim) -> Option<usize> {
    let address = claim as *const Claim;
    if !doc.claims.as_ptr_range().contains(&address) {
        return None;
    }
    doc.claims.iter().position(|c| std::ptr::eq(c, claim))
}

/// The table cells a claim may describe, the most likely first.
pub fn figures_for<'d>(doc: &'d Document, claim: &Claim) -> Vec<Figure<'d>> {
    let fiscal = claim.is_fiscal();
    match &claim.subject {
        Subject::Total(kind) => total_figures(doc, *kind, fiscal, &claim.subject_text),
        Subject::Code(code) => {
            let mut out = Vec::new();
            let function = code.scheme() == CodeScheme::Function;
            let part = claim.part_of.as_ref().and_then(part_role);
            for kind in code_tables(function, fiscal, claim.measure) {
                for table in doc
                    .tables_of(kind)
                    .filter(|t| t.status == TableStatus::Parsed)
                {
                    out.extend(
                        table
                            .rows
                            .iter()
                            .filter(|r| r.code.as_ref() == Some(code))
                            .filter_map(|r| match part {
                                Some(role) => part_figure(table, r, role),
                                None => row_figure(table, r),
                            }),
                    );
                }
            }
            out
        }
        Subject::ThreePublic(item) => three_public_figures(doc, *item, claim),
        Subject::Other(_) => {
            let zero = claim.amount.is_some_and(|a| a.value.is_zero());
            let mut out = income_source_figures(doc, &claim.subject_text, zero);
            // The summary tables count every fund's money: a figure of one fund is not theirs.
            if out.is_empty() && claim.measure == Measure::Budget && claim.fund.is_none() {
                out = named_column_figures(doc, &claim.subject_text, zero);
            }
            if out.is_empty() && claim.measure == Measure::Budget {
                out = titled_table_figures(doc, &claim.subject_text);
            }
            out
        }
        Subject::Count(_) => Vec::new(),
    }
}

/// The 收支总表 row of an income source the claim's words name whole (`事业收入`, `本年上级补助
/// 收入`, `财政专户管理资金收入` for the row `财政专户管理资金`): a source the subjects of the
/// narrative do not type.
///
/// A row printing no amount at all states zero: it describes a figure of zero (`事业收入0万元`),
/// and only such a figure (`zero`), so that an amount the reading lost is never taken for a
/// printed zero.
fn income_source_figures<'d>(doc: &'d Document, words: &str, zero: bool) -> Vec<Figure<'d>> {
    use budget_parse::vocab::narrative::INCOME;
    let words = compact(words);
    let name = item_name(&words);
    if !name.ends_with(INCOME.text) {
        return Vec::new();
    }
    let bare = name.strip_suffix(INCOME.text).unwrap_or(name);
    income_rows(
        doc,
        TableKind::IncomeExpenditureSummary,
        |r| r.role == RowRole::Item && (named_as(r, name) || named_as(r, bare)),
        |t, r| totals::first_figure(t, r).or_else(|| blank_zero(t, r, zero)),
    )
}

/// The total of a table of no standard kind whose title ends naming what the claim's words name
/// (`一般公共预算机关运行经费预算支出` and the 十、2017年度X一般公共预算机关运行经费支出预算表): its
/// total row, or its one line of figures, at its first amount.
fn titled_table_figures<'d>(doc: &'d Document, words: &str) -> Vec<Figure<'d>> {
    use budget_parse::vocab::narrative::table_item_name;
    /// The fewest characters of a name told apart from the words around it.
    const MIN_NAME_CHARS: usize = 4;
    let name = table_item_name(item_name(&compact(words)));
    if name.chars().count() < MIN_NAME_CHARS {
        return Vec::new();
    }
    doc.tables_of(TableKind::Other)
        .filter(|t| t.status == TableStatus::Parsed)
        // The title may lead with its number, its year and its entity.
        .filter(|t| table_item_name(&t.title).ends_with(&name))
        .filter_map(|t| totals::first_figure(t, totals::totals_row(t)?))
        .collect()
}

/// Zeros for the totals the 收支总表 lists on its income side without an amount (its 上年结转 row,
/// its 政府性基金 or 其他收入 row printed blank): they state zero, for a figure of zero only.
pub fn blank_total_figures(doc: &Document, kind: TotalKind) -> Vec<Figure<'_>> {
    use budget_parse::vocab::narrative::OTHER_INCOME;
    let wanted = |r: &Row| match kind {
        TotalKind::CarryOver => r.role == RowRole::CarriedOver,
        TotalKind::GovernmentFund => r.fund == Some(Fund::GovernmentFund),
        TotalKind::OtherIncome => r.role == RowRole::Item && named_as(r, OTHER_INCOME),
        _ => false,
    };
    income_rows(doc, TableKind::IncomeExpenditureSummary, wanted, |t, r| {
        blank_zero(t, r, true)
    })
}

/// An item's name without the words around it that name no item: this year's (`本年事业收入`),
/// a measure (`单位预留机动经费预算数`).
fn item_name(words: &str) -> &str {
    use budget_parse::vocab::narrative::{without_budget_word, without_measure, THIS_YEAR_WORDS};
    let name = THIS_YEAR_WORDS
        .iter()
        .find_map(|w| words.strip_prefix(w))
        .unwrap_or(words);
    without_budget_word(without_measure(name))
}

/// A zero where `row` prints nothing, in the first column of its side, when a figure of zero
/// is what is looked for.
fn blank_zero<'d>(table: &'d Table, row: &'d Row, zero: bool) -> Option<Figure<'d>> {
    if !zero || row.values.iter().any(Option::is_some) {
        return None;
    }
    let column = table
        .columns
        .iter()
        .position(|c| c.section.as_ref().map(|s| s.side) == row.side())?;
    Some(Figure {
        amount: totals::blank_amount(table),
        table,
        row,
        column,
    })
}

/// The total row's cell of the column of a summary table that the claim's words name whole
/// (`上缴上级支出`, `单位预留机动经费预算数` for the column `单位预留机动经费`): spending and income
/// printed beside the standard parts. A blank cell states zero, for a figure of zero only.
fn named_column_figures<'d>(doc: &'d Document, words: &str, zero: bool) -> Vec<Figure<'d>> {
    let words = compact(words);
    let name = item_name(&words);
    let kinds = [TableKind::ExpenditureSummary, TableKind::IncomeSummary];
    let mut out = Vec::new();
    for table in kinds.iter().flat_map(|k| doc.tables_of(*k)) {
        if table.status != TableStatus::Parsed {
            continue;
        }
        let Some(row) = totals::totals_row(table) else {
            continue;
        };
        let named = |c: &budget_model::Column| {
            c.name
                .rsplit('/')
                .next()
                .is_some_and(|leaf| compact(leaf) == name)
        };
        for column in (0..table.columns.len()).filter(|&j| named(&table.columns[j])) {
            let amount = match row.value(column) {
                Some(a) => *a,
                None if zero => totals::blank_amount(table),
                None => continue,
            };
            out.push(Figure {
                amount,
                table,
                row,
                column,
            });
        }
    }
    out
}

/// The whole an economic breakdown in the narrative belongs to: the nearest total stated before
/// it in the same section ("基本支出 627.27万元，其中：工资福利支出 …").
pub fn economic_whole(claims: &[Claim], i: usize) -> Option<&Claim> {
    let claim = &claims[i];
    claims[..i]
        .iter()
        .rev()
        .take_while(|c| c.same_section(claim))
        .find(|c| matches!(c.subject, Subject::Total(_)))
}

/// The tables that print rows by code, those of the claim's money first: of final accounts for
/// a figure of the year's actuals (决算), of a budget for the others.
fn code_tables(function: bool, fiscal: bool, measure: Measure) -> Vec<TableKind> {
    use TableKind::*;
    if measure == Measure::FinalAccounts {
        let kinds = match (function, fiscal) {
            (false, _) => vec![],
            (true, true) => vec![FinalGeneralBudgetExpenditure, FinalExpenditure],
            (true, false) => vec![FinalExpenditure, FinalGeneralBudgetExpenditure],
        };
        return kinds;
    }
    let (all, general): (&[TableKind], &[TableKind]) = if function {
        (
            &[ExpenditureSummary, IncomeExpenditureSummary, IncomeSummary],
            &[
                GeneralBudgetExpenditure,
                FiscalAppropriationSummary,
                GeneralBudgetBasicExpenditureFunction,
            ],
        )
    } else {
        (
            &[GeneralBudgetExpenditureEconomic],
            &[
                GeneralBudgetBasicExpenditure,
                GeneralBudgetExpenditureEconomic,
            ],
        )
    };
    let (first, second) = if fiscal {
        (general, all)
    } else {
        (all, general)
    };
    first.iter().chain(second).copied().collect()
}

/// The column a part of a code's spending is printed in (`专项业务经费：②培训支出（2050803）
/// 107.6万元`: the 项目支出 of 2050803), for a claim that is part of such a total.
fn part_role(whole: &Subject) -> Option<ColumnRole> {
    match whole {
        Subject::Total(TotalKind::Basic) => Some(ColumnRole::Basic),
        Subject::Total(TotalKind::Project) => Some(ColumnRole::Project),
        Subject::Total(TotalKind::Personnel) => Some(ColumnRole::Personnel),
        Subject::Total(TotalKind::Public) => Some(ColumnRole::Public),
        _ => None,
    }
}

/// A row's cell in the column of `role` (none when its table prints no such column: a part is
/// never compared with the row's whole).
fn part_figure<'d>(table: &'d Table, row: &'d Row, role: ColumnRole) -> Option<Figure<'d>> {
    figure_where(table, row, |r| r == role)
}

/// A row's headline figure: its total column (合计, or the single amount column of its side).
pub fn row_figure<'d>(table: &'d Table, row: &'d Row) -> Option<Figure<'d>> {
    figure_where(table, row, |role| {
        matches!(
            role,
            ColumnRole::Total | ColumnRole::Amount | ColumnRole::Basic
        )
    })
}

/// A row's first cell, in a column of its section whose role `wanted` accepts.
fn figure_where<'d>(
    table: &'d Table,
    row: &'d Row,
    wanted: impl Fn(ColumnRole) -> bool,
) -> Option<Figure<'d>> {
    let column = (0..table.columns.len()).find(|&j| {
        let c = &table.columns[j];
        c.section == row.section && wanted(c.role) && row.value(j).is_some()
    })?;
    Some(Figure {
        amount: *row.value(column)?,
        table,
        row,
        column,
    })
}

/// The cells that print a document total of `kind`, those of fiscal money first when `fiscal`.
/// `words` are the claim's words for its subject: an income source the rows type by neither
/// role nor fund (其他收入) is found by them.
pub fn total_figures<'d>(
    doc: &'d Document,
    kind: TotalKind,
    fiscal: bool,
    words: &str,
) -> Vec<Figure<'d>> {
    use TotalKind::*;
    let general = || {
        doc.tables_of(TableKind::GeneralBudgetExpenditure)
            .filter_map(|t| totals::total_of(t, ColumnRole::Total))
            .collect::<Vec<_>>()
    };
    let of = |kinds: &[TableKind], role: ColumnRole| -> Vec<Figure<'_>> {
        kinds
            .iter()
            .flat_map(|k| totals_in(doc, *k, role))
            .collect()
    };
    let mut out: Vec<Figure<'_>> = match kind {
        // A total named under a 财政拨款 heading (`（二）财政拨款收支情况 … 支出预算总计 A`) is
        // the fiscal total.
        Income if !fiscal => totals::income_total(doc).into_iter().collect(),
        Expenditure if !fiscal => totals::expenditure_total(doc).into_iter().collect(),
        Income | Expenditure | FiscalIncome | FiscalExpenditure => {
            // 财政拨款收入 is the total with last year's carry-over or this year's alone.
            let mut v: Vec<_> = totals::fiscal_total(doc).into_iter().collect();
            v.extend(totals::fiscal_this_year(doc));
            v.extend(general());
            v.extend(summary_income(doc, |r| {
                matches!(r.fund, Some(Fund::Fiscal | Fund::GeneralBudget))
            }));
            v
        }
        // General-budget money only: the 一般公共预算 row or column of the fiscal summary, the
        // general-budget table's total and the summary's 一般公共预算 income row; never the
        // total of all fiscal money, which holds 政府性基金 too.
        GeneralBudgetIncome | GeneralBudgetExpenditure => {
            let is_general = |r: &Row| r.fund == Some(Fund::GeneralBudget);
            let mut v = income_rows(
                doc,
                TableKind::FiscalAppropriationSummary,
                is_general,
                totals::first_figure,
            );
            v.extend(of(
                &[TableKind::FiscalAppropriationSummary],
                ColumnRole::GeneralBudget,
            ));
            v.extend(general());
            v.extend(summary_income(doc, is_general));
            v
        }
        // 财政拨款 money only when the section says so: the general-budget tables, never the
        // total of all money (事业收入 and 其他收入 are in it).
        Basic if fiscal => {
            let mut v = of(&[TableKind::GeneralBudgetExpenditure], ColumnRole::Basic);
            v.extend(
                doc.tables_of(TableKind::GeneralBudgetBasicExpenditure)
                    .filter_map(totals::basic_table_total),
            );
            v
        }
        Basic => {
            let mut v = of(&[TableKind::ExpenditureSummary], ColumnRole::Basic);
            v.extend(of(
                &[TableKind::GeneralBudgetExpenditure],
                ColumnRole::Basic,
            ));
            v.extend(totals::basic_total(doc));
            v
        }
        Project if fiscal => of(&[TableKind::GeneralBudgetExpenditure], ColumnRole::Project),
        Project => of(
            &[
                TableKind::ExpenditureSummary,
                TableKind::GeneralBudgetExpenditure,
            ],
            ColumnRole::Project,
        ),
        // All funds' 人员经费 and 公用经费 are the 支出总表's, where it prints them; the general
        // budget's are the general-budget tables'.
        Personnel | Public => {
            let role = if kind == Personnel {
                ColumnRole::Personnel
            } else {
                ColumnRole::Public
            };
            let general = [
                TableKind::GeneralBudgetBasicExpenditure,
                TableKind::GeneralBudgetExpenditure,
            ];
            let mut v = if fiscal {
                Vec::new()
            } else {
                of(&[TableKind::ExpenditureSummary], role)
            };
            v.extend(of(&general, role));
            v
        }
        CarryOver => {
            let mut v = summary_income(doc, |r| r.role == RowRole::CarriedOver);
            v.extend(of(&[TableKind::IncomeSummary], ColumnRole::CarryOver));
            v
        }
        OtherIncome => summary_income(doc, |r| {
            r.role == RowRole::Item && r.fund.is_none() && named_as(r, words)
        }),
        GovernmentFund => Vec::new(),
    };
    out.retain(|f| f.table.status == TableStatus::Parsed);
    out
}

/// The total-row cells of `role`'s column in the tables of `kind`.
fn totals_in(doc: &Document, kind: TableKind, role: ColumnRole) -> Vec<Figure<'_>> {
    doc.tables_of(kind)
        .filter_map(|t| totals::total_of(t, role))
        .collect()
}

/// The cells of final accounts that print the year's actual total of `kind` (决算数): the
/// 收入决算表 / 支出决算表 totals, the 收入支出决算总表's current-year and grand totals, the
/// general-budget table's for fiscal money, the 政府性基金 table's for that fund (none for the
/// others). A figure matching any of them is accepted.
pub fn final_total_figures(doc: &Document, kind: TotalKind, fund: Option<Fund>) -> Vec<Figure<'_>> {
    use TableKind::FinalGovernmentFund;
    use TotalKind::{Expenditure, GovernmentFund, Income};
    let of = |table: TableKind, role: ColumnRole| totals_in(doc, table, role);
    let fiscal = matches!(fund, Some(Fund::Fiscal | Fund::GeneralBudget));
    let mut out = match (fund, kind) {
        (Some(Fund::GovernmentFund), Income) => {
            of(FinalGovernmentFund, ColumnRole::CurrentYearTotal)
        }
        (Some(Fund::GovernmentFund), Expenditure) => of(FinalGovernmentFund, ColumnRole::Total),
        // The fund named without its flow: its income or its spending.
        (Some(Fund::GovernmentFund), GovernmentFund) => [
            of(FinalGovernmentFund, ColumnRole::CurrentYearTotal),
            of(FinalGovernmentFund, ColumnRole::Total),
        ]
        .concat(),
        (Some(Fund::GovernmentFund | Fund::StateCapital), _) => Vec::new(),
        _ => final_fiscal_or_all(doc, kind, fiscal),
    };
    out.retain(|f| f.table.status == TableStatus::Parsed);
    out
}

/// [`final_total_figures`] of all money, or of fiscal money when `fiscal`.
fn final_fiscal_or_all(doc: &Document, kind: TotalKind, fiscal: bool) -> Vec<Figure<'_>> {
    use TableKind::{
        FinalExpenditure, FinalFiscalAppropriationSummary, FinalGeneralBudgetExpenditure,
        FinalIncome, FinalIncomeExpenditureSummary,
    };
    use TotalKind::*;
    let of = |table: TableKind, role: ColumnRole| totals_in(doc, table, role);
    let summary = |table: TableKind, side: Side| {
        [
            RowRole::CurrentYearTotal,
            RowRole::GrandTotal,
            RowRole::Total,
        ]
        .into_iter()
        .filter_map(|role| totals::summary_total(doc, table, side, role))
        .collect::<Vec<_>>()
    };
    let general = || of(FinalGeneralBudgetExpenditure, ColumnRole::Total);
    match kind {
        Income if !fiscal => [
            of(FinalIncome, ColumnRole::Total),
            summary(FinalIncomeExpenditureSummary, Side::Income),
        ]
        .concat(),
        Expenditure if !fiscal => [
            of(FinalExpenditure, ColumnRole::Total),
            summary(FinalIncomeExpenditureSummary, Side::Expenditure),
        ]
        .concat(),
        Income | FiscalIncome => [
            summary(FinalFiscalAppropriationSummary, Side::Income),
            general(),
        ]
        .concat(),
        Expenditure | FiscalExpenditure => [
            summary(FinalFiscalAppropriationSummary, Side::Expenditure),
            general(),
        ]
        .concat(),
        GeneralBudgetIncome | GeneralBudgetExpenditure => general(),
        Basic | Project => {
            let role = if kind == Basic {
                ColumnRole::Basic
            } else {
                ColumnRole::Project
            };
            let general = of(FinalGeneralBudgetExpenditure, role);
            if fiscal {
                general
            } else {
                [of(FinalExpenditure, role), general].concat()
            }
        }
        _ => Vec::new(),
    }
}

/// Cells a claim's total may equal without being the cell it describes: a general-budget total
/// equal to the total of all fiscal money says the document has no other fiscal money, which
/// is no contradiction. Never reported against (see [`total_figures`] for those).
pub fn also_consistent<'d>(doc: &'d Document, claim: &Claim) -> Vec<Figure<'d>> {
    use TotalKind::*;
    match claim.subject {
        Subject::Total(GeneralBudgetIncome | GeneralBudgetExpenditure) => {
            totals::fiscal_total(doc).into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// The income rows of the 收支总表 that `wanted` accepts and that print an amount, each at its
/// first amount, in table order.
fn summary_income<'d>(doc: &'d Document, wanted: impl Fn(&Row) -> bool) -> Vec<Figure<'d>> {
    income_rows(
        doc,
        TableKind::IncomeExpenditureSummary,
        wanted,
        totals::first_figure,
    )
}

/// The income rows of the first parsed table of `kind` that `wanted` accepts, each with the
/// figure `figure` reads of it (those it reads none of left out), in table order.
fn income_rows<'d>(
    doc: &'d Document,
    kind: TableKind,
    wanted: impl Fn(&Row) -> bool,
    figure: impl Fn(&'d Table, &'d Row) -> Option<Figure<'d>>,
) -> Vec<Figure<'d>> {
    let Some(table) = doc
        .tables_of(kind)
        .find(|t| t.status == TableStatus::Parsed)
    else {
        return Vec::new();
    };
    table
        .rows
        .iter()
        .filter(|r| r.side() == Some(Side::Income) && wanted(r))
        .filter_map(|row| figure(table, row))
        .collect()
}

/// Whether a row's label, without its list number, is what the narrative calls it
/// (`七、其他收入` or `八、其他收入` for `其他收入`).
fn named_as(row: &Row, words: &str) -> bool {
    compact(strip_ordinal(&row.label)) == compact(words)
}

fn three_public_figures<'d>(
    doc: &'d Document,
    item: ThreePublicItem,
    claim: &Claim,
) -> Vec<Figure<'d>> {
    let final_table = doc.table(TableKind::FinalThreePublicExpenses);
    let Some(table) = doc.table(TableKind::ThreePublicExpenses).or(final_table) else {
        return Vec::new();
    };
    if has_item_columns(table) {
        item_column_figure(table, item, claim.measure)
            .into_iter()
            .collect()
    } else {
        item_row_figures(table, item, claim.fund)
    }
}

/// The figure of a 三公 table printing the items in columns.
fn item_column_figure(
    table: &Table,
    item: ThreePublicItem,
    measure: Measure,
) -> Option<Figure<'_>> {
    let roles: &[ColumnRole] = match item {
        ThreePublicItem::Total => &[ColumnRole::ThreePublic, ColumnRole::Total],
        ThreePublicItem::Abroad => &[ColumnRole::Abroad],
        ThreePublicItem::Reception => &[ColumnRole::Reception],
        ThreePublicItem::Vehicle => &[ColumnRole::Vehicle],
        ThreePublicItem::VehicleOperation => &[ColumnRole::VehicleOperation],
        ThreePublicItem::VehiclePurchase => &[ColumnRole::VehiclePurchase],
    };
    // An item headed twice (one block of columns per year, the years' captions not read)
    // does not say which column is this year's: no figure rather than a guess.
    let columns = roles
        .iter()
        .map(|r| table.columns_with_role(*r))
        .find(|c| !c.is_empty())?;
    // The table's total row, else its first row of figures (a one-line table); of a table
    // printing one row per year (2025年, 2026年, 增减), the latest year's.
    let printed = |r: &&Row| r.values.iter().any(Option::is_some) && !r.label.trim().is_empty();
    let latest = table
        .rows
        .iter()
        .filter_map(|r| budget_parse::vocab::facts::year_named(&r.label))
        .max();
    let this_year =
        |r: &&Row| latest.is_none() || budget_parse::vocab::facts::year_named(&r.label) == latest;
    let row = if table.kind.is_final_accounts() {
        measure_row(table, measure)?
    } else {
        table
            .rows
            .iter()
            .filter(printed)
            .find(|r| r.is_total())
            .or_else(|| table.rows.iter().filter(printed).find(this_year))
            .or_else(|| totals::only_row_of_figures(table))?
    };
    let column = match columns[..] {
        [column] => column,
        _ => general_budget_block(table, &columns, row)?,
    };
    // A blank cell of the 三公 table is printed zero.
    let amount = row
        .value(column)
        .copied()
        .unwrap_or_else(|| totals::blank_amount(table));
    // A 三公 budget is never negative: a negative cell is a change (增减) read as the item.
    if amount.value < Decimal::ZERO {
        return None;
    }
    Some(Figure {
        amount,
        table,
        row,
        column,
    })
}

/// Of an item printed once per fund (a block of columns per fund), the general budget's column,
/// when the row spends nothing of the other funds: its figure is then the fiscal figure. None
/// when the columns are not fund blocks (one block per year, say).
fn general_budget_block(table: &Table, columns: &[usize], row: &Row) -> Option<usize> {
    use budget_parse::vocab::headers::{header_word, HeaderWord};
    let fund = |j: usize| {
        table.columns[j]
            .section
            .as_ref()
            .map(|s| header_word(&s.name))
    };
    let general = HeaderWord::Role(ColumnRole::GeneralBudget);
    let mut blocks = columns.iter().map(|&j| (j, fund(j)));
    if blocks.clone().any(|(_, f)| f.is_none()) {
        return None;
    }
    let [column] = blocks
        .clone()
        .filter(|(_, f)| *f == Some(general))
        .map(|(j, _)| j)
        .collect::<Vec<_>>()[..]
    else {
        return None;
    };
    let others_spend =
        blocks.any(|(j, _)| j != column && row.value(j).is_some_and(|a| !a.value.is_zero()));
    (!others_spend).then_some(column)
}

/// The figures of a budget 三公 table listing the items as rows (行政经费, “三公”经费, 其中：
/// （一）因公出国（境）支出 …) and the funds in columns (合计, 一般公共预算 …): the one row naming
/// the item, in its 合计 column and its 一般公共预算 column, the claim's fund first. Nothing when
/// the item is not named by exactly one row or a column is headed twice (one block per year).
fn item_row_figures(table: &Table, item: ThreePublicItem, fund: Option<Fund>) -> Vec<Figure<'_>> {
    use budget_parse::vocab::narrative::three_public_item;
    if table.kind.is_final_accounts() {
        return Vec::new();
    }
    let named = |r: &&Row| three_public_item(&compact(&r.label)).map(|(i, _)| i) == Some(item);
    let mut rows = table.rows.iter().filter(named);
    let (Some(row), None) = (rows.next(), rows.next()) else {
        return Vec::new();
    };
    let mut roles = [ColumnRole::Total, ColumnRole::GeneralBudget];
    if fund == Some(Fund::GeneralBudget) {
        roles.reverse();
    }
    roles
        .iter()
        .filter_map(|role| only_column(table, *role))
        .filter_map(|column| {
            let amount = *row.value(column)?;
            (amount.value >= Decimal::ZERO).then_some(Figure {
                amount,
                table,
                row,
                column,
            })
        })
        .collect()
}

/// The row of a final-accounts 三公 table that prints what a claim measures: 决算数 for the
/// accounts' figure, 预算数 for the budget's (全年预算数 or 年初预算数 as the table prints it).
fn measure_row(table: &Table, measure: Measure) -> Option<&Row> {
    use budget_parse::vocab::tables::{BUDGET_FIGURE_ROW, FINAL_FIGURE_ROW};
    let word = if measure == Measure::FinalAccounts {
        FINAL_FIGURE_ROW
    } else {
        BUDGET_FIGURE_ROW
    };
    table
        .rows
        .iter()
        .find(|r| compact(strip_ordinal(&r.label)).ends_with(word))
}

/// Whether a 三公 table prints the items in columns (因公出国, 公务接待, 公务用车 …), the layout
/// its figures are read by.
fn has_item_columns(table: &Table) -> bool {
    use ColumnRole::*;
    table.columns.iter().any(|c| {
        matches!(
            c.role,
            Abroad | Reception | Vehicle | VehicleOperation | VehiclePurchase
        )
    })
}
