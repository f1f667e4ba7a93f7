//! XT-SUMMARY-BALANCE: the identities of the side-by-side summaries.

use std::borrow::Cow;

use budget_model::wording::tables as wording;
use budget_model::{
    Amount, CodeLevel, Document, Finding, Row, RowRole, Section, Severity, Side, Table, TableKind,
};
use rust_decimal::Decimal;

use super::{report, At};
use crate::query::tables::{key, parsed, rows_in, section_column, sections_on};
use crate::tolerance::compare_sum;
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The identities of the side-by-side summaries (收支总表 and
    /// 财政拨款收支总表): 收入总计 = 支出总计 (on every expenditure side, when a table prints
    /// several classifications); 本年收入合计 + 上年结转 (+ 使用非财政拨款结余) = 收入总计;
    /// 本年支出合计 + 结转下年 = 支出总计 (the 类 rows stand in for 本年支出合计 when it is not
    /// printed); the income items add up to 本年收入合计. Only the top-level items are summed:
    /// `其中：` rows are of-which, and sub-items such as `（一）一般公共预算收入` under
    /// `一、财政拨款收入` are parts of their heading, not of the total; a numbered heading in
    /// turn equals its numbered sub-items (`一、财政拨款收入` = `（一）` + `（二）` + `（三）`,
    /// `1、人员经费和公用经费支出` = `(1)` + ... + `(4)`). Several differences caused by one
    /// wrong figure are reported once, on that figure.
    ///
    /// **Why it matters.** The summary is the first table a reader sees and the one every other
    /// table is checked against; a summary that does not balance means a source of money or a
    /// use of it is missing or mistyped.
    ///
    /// **Example.** 收支预算总表: 一、财政拨款收入 8,763.47 + 七、其他收入 3,141.30 = 本年收入合计
    /// 11,904.77; + 九、上年结转 1,353.76 = 收入总计 13,258.53 = 支出总计: consistent. Had 七、
    /// 其他收入 been printed 3,041.30, 本年收入合计 would be 100.00 too large: error.
    pub struct SummaryBalance { id: "XT-SUMMARY-BALANCE", severity: Severity::Error, summary: "the side-by-side summaries balance: income = expenditure, and their internal identities" }
}

impl Rule for SummaryBalance {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let kinds = [
            TableKind::IncomeExpenditureSummary,
            TableKind::FiscalAppropriationSummary,
        ];
        check_summaries(&Self::INFO, doc, kinds, out);
    }
}

/// The identities of the side-by-side summaries of `kinds`, reported under `info`: the
/// budget's summaries here, final accounts' under their own rule.
pub(crate) fn check_summaries(
    info: &'static RuleInfo,
    doc: &Document,
    kinds: [TableKind; 2],
    out: &mut Vec<Finding>,
) {
    for kind in kinds {
        if let Some(table) = parsed(doc, kind) {
            check_balance(&Summary { info, doc, table }, out);
        }
    }
}

/// The summary checked, and the rule its findings are reported under.
struct Summary<'d> {
    info: &'static RuleInfo,
    doc: &'d Document,
    table: &'d Table,
}

/// A row of one side with the amount it prints and its name read once: the checks below look
/// at every line's role and level many times.
pub(super) struct Line<'d> {
    pub row: &'d Row,
    column: Option<usize>,
    pub amount: Option<Amount>,
    /// The label without its list number, to name the line in messages.
    key: Cow<'d, str>,
    level: Option<u8>,
    role: RowRole,
}

impl Line<'_> {
    /// The label without its list number.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Of-which rows and total rows are never items of a sum.
    fn is_item(&self) -> bool {
        self.role != RowRole::OfWhich && !self.is_total() && !self.key.is_empty()
    }

    fn is_total(&self) -> bool {
        self.role.is_total()
    }
}

/// The lines of one section of a side-by-side table.
pub(super) fn lines<'d>(table: &'d Table, section: &Section) -> Vec<Line<'d>> {
    let column = section_column(table, section);
    rows_in(table, section)
        .into_iter()
        .map(|row| Line {
            row,
            column,
            amount: column.and_then(|j| row.value(j)).copied(),
            key: key(row),
            level: row.list_level,
            role: row.role,
        })
        .collect()
}

fn check_balance(cx: &Summary, out: &mut Vec<Finding>) {
    let table = cx.table;
    let Some(income) = sections_on(table, Side::Income).first().copied() else {
        return;
    };
    let inc = lines(table, income);
    let grand_in = grand_total(&inc);
    check_income_side(cx, &inc, grand_in, out);
    check_headings(cx, &inc, out);
    let sections = sections_on(table, Side::Expenditure);
    let all_exp: Vec<Vec<Line>> = sections.iter().map(|s| lines(table, s)).collect();
    // A side printed in several classifications may print this year's total once for all
    // (`当年支出小计` under the last): a section without totals of its own is summed to it.
    let shared_current = all_exp
        .iter()
        .flatten()
        .find(|l| l.role == RowRole::CurrentYearTotal);
    for exp in &all_exp {
        check_expenditure_items(cx, exp, shared_current, out);
    }
    for exp in all_exp {
        let grand_out = grand_total(&exp);
        if let (Some(g_in), Some(g_out)) = (grand_in, grand_out) {
            let what = wording::EQUALS_INCOME_GRAND_TOTAL;
            compare_lines(cx, g_out, &[g_in], what, out);
        }
        check_expenditure_side(cx, &exp, grand_out, out);
        check_headings(cx, &exp, out);
    }
}

/// A numbered heading (`一、财政拨款收入`) equals its numbered sub-items (`（一）` ...), when
/// at least one of them is printed.
fn check_headings(cx: &Summary, lines: &[Line], out: &mut Vec<Finding>) {
    for (i, heading) in lines.iter().enumerate() {
        let Some(level) = heading.level else {
            continue;
        };
        let under: Vec<&Line> = lines
            .iter()
            .skip(i + 1)
            .take_while(|l| l.level.is_none_or(|d| d > level) && !l.is_total())
            .filter(|l| l.level.is_some())
            .collect();
        let items = top_items(&under);
        if items.iter().any(|l| l.amount.is_some()) {
            compare_lines(cx, heading, &items, wording::EQUALS_ITS_ITEMS, out);
        }
    }
}

/// Compares a line with the sum of other lines (blank lines count as zero; a blank printed
/// line is skipped, and so is a comparison whose parts are all blank: a total with nothing
/// printed against it is a reading that lost the figures, not a document that says zero).
fn compare_lines(cx: &Summary, total: &Line, parts: &[&Line], what: &str, out: &mut Vec<Finding>) {
    let Some(printed) = total.amount else {
        return;
    };
    let values: Vec<Amount> = parts.iter().filter_map(|l| l.amount).collect();
    if values.is_empty() || exactly_equal(&printed, &values) {
        return;
    }
    let cmp = compare_sum(&printed, &values);
    let what = match parts {
        [_, _, ..] => {
            let names: Vec<&str> = parts.iter().map(|l| l.key.as_ref()).collect();
            wording::with_parts(what, &names)
        }
        _ => what.to_string(),
    };
    let rows: Vec<&Row> = parts.iter().map(|l| l.row).collect();
    let at = At::cell(cx.doc, cx.table, total.row, total.column);
    report(cx.info, at, &cmp, &what, &rows, out);
}

/// The side's grand total (收入总计 / 支出总计, or 总计), else its last total (收入合计 / 支出合计).
fn grand_total<'a, 'd>(lines: &'a [Line<'d>]) -> Option<&'a Line<'d>> {
    let mut from_end = lines.iter().rev();
    from_end
        .clone()
        .find(|l| l.role == RowRole::GrandTotal)
        .or_else(|| from_end.find(|l| l.role == RowRole::Total))
}

/// The shallowest list level among lines: the items a total sums (of-which and total rows are
/// never items). A heading that prints no amount while its numbered sub-items do (`1、财政拨款`
/// blank, `(1)一般公共预算拨款收入 …` below it) stands for them: its sub-items are summed in
/// its place.
fn top_items<'a, 'd>(lines: &[&'a Line<'d>]) -> Vec<&'a Line<'d>> {
    let candidates: Vec<&Line> = lines.iter().copied().filter(|l| l.is_item()).collect();
    let top = candidates.iter().filter_map(|l| l.level).min();
    let mut out = Vec::new();
    for (i, line) in candidates.iter().enumerate() {
        if top.is_some() && line.level != top {
            continue;
        }
        let parts = match (line.amount, line.level) {
            (None, Some(level)) => {
                let under: Vec<&Line> = candidates[i + 1..]
                    .iter()
                    .copied()
                    .take_while(|l| l.level.is_some_and(|d| d > level))
                    .collect();
                top_items(&under)
            }
            _ => Vec::new(),
        };
        if parts.iter().any(|l| l.amount.is_some()) {
            out.extend(parts);
        } else {
            out.push(*line);
        }
    }
    out
}

fn check_income_side(cx: &Summary, inc: &[Line], grand: Option<&Line>, out: &mut Vec<Finding>) {
    let before_grand: Vec<&Line> = match grand {
        Some(g) => inc
            .iter()
            .take_while(|l| !std::ptr::eq(l.row, g.row))
            .collect(),
        None => inc.iter().collect(),
    };
    let current = before_grand
        .iter()
        .position(|l| l.role == RowRole::CurrentYearTotal);
    let current_line = current.and_then(|i| before_grand.get(i).copied());
    if let Some(g) = grand {
        match current_line {
            Some(c) => {
                let mut parts = vec![c];
                parts.extend(lines_of(&before_grand, RowRole::CarriedOver));
                let what = wording::EQUALS_CURRENT_INCOME_AND_CARRY_OVER;
                compare_lines(cx, g, &parts, what, out);
            }
            None => {
                let items = top_items(&before_grand);
                compare_lines(cx, g, &items, wording::EQUALS_INCOME_ITEMS, out);
            }
        }
    }
    // A numbered 本年收入 (`一、本年收入`) is a heading: `check_headings` sums its items.
    if let (Some(i), Some(c)) = (current, current_line.filter(|c| c.level.is_none())) {
        let items = top_items(before_grand.get(..i).unwrap_or(&[]));
        if !items.is_empty() {
            compare_lines(cx, c, &items, wording::EQUALS_INCOME_ITEMS, out);
        }
    }
}

/// The lines of a role: the unnumbered ones, and the numbered ones at their shallowest list
/// level (a numbered `二、上年结转` and not also numbered sub-items under it). An unnumbered
/// line (`使用非财政拨款结余`) does not hide a numbered one (`十、上年结转(结余)`).
fn lines_of<'a, 'd>(lines: &[&'a Line<'d>], role: RowRole) -> Vec<&'a Line<'d>> {
    let named: Vec<&Line> = lines.iter().copied().filter(|l| l.role == role).collect();
    let top = named.iter().filter_map(|l| l.level).min();
    named
        .into_iter()
        .filter(|l| l.level.is_none() || l.level == top)
        .collect()
}

/// This year's expenditure equals the side's top-level items: its own 本年支出合计 (or the one
/// printed for all its classifications, when it prints no total) against its items. Items of
/// function classes printed under their own total are SUM-ROWS' (by their codes).
fn check_expenditure_items(
    cx: &Summary,
    exp: &[Line],
    shared_current: Option<&Line>,
    out: &mut Vec<Finding>,
) {
    let own_total = exp.iter().any(Line::is_total);
    let own_current = exp.iter().find(|l| l.role == RowRole::CurrentYearTotal);
    let Some(current) = own_current.or(shared_current.filter(|_| !own_total)) else {
        return;
    };
    let coded = exp.iter().any(|l| l.row.code.is_some());
    if own_total && coded {
        return;
    }
    let before: Vec<&Line> = exp
        .iter()
        .take_while(|l| !std::ptr::eq(l.row, current.row) && !l.is_total())
        .collect();
    let items = top_items(&before);
    compare_lines(cx, current, &items, wording::EQUALS_EXPENDITURE_ITEMS, out);
}

fn check_expenditure_side(
    cx: &Summary,
    exp: &[Line],
    grand: Option<&Line>,
    out: &mut Vec<Finding>,
) {
    let Some(g) = grand else {
        return;
    };
    let all: Vec<&Line> = exp.iter().collect();
    let current = all
        .iter()
        .copied()
        .find(|l| l.role == RowRole::CurrentYearTotal);
    let mut parts: Vec<&Line> = match current {
        Some(c) => vec![c],
        None => all
            .iter()
            .copied()
            .filter(|l| {
                l.row
                    .code
                    .as_ref()
                    .is_some_and(|c| c.level() == CodeLevel::Class)
            })
            .collect(),
    };
    if parts.is_empty() {
        return;
    }
    parts.extend(lines_of(&all, RowRole::CarriedForward));
    let what = wording::EQUALS_CURRENT_EXPENDITURE_AND_CARRY_FORWARD;
    compare_lines(cx, g, &parts, what, out);
}

/// Whether a printed figure is exactly the sum of its parts: no comparison needed. A cheap
/// test first; most figures agree.
fn exactly_equal(printed: &Amount, parts: &[Amount]) -> bool {
    match parts {
        [one] => one.unit == printed.unit && one.value == printed.value,
        _ => parts.iter().map(Amount::to_yuan).sum::<Decimal>() == printed.to_yuan(),
    }
}
