//! Relations across tables (勾稽关系, domain.md "Relations that must hold"): the summary's own
//! identities, the summary against the expenditure table, all money against general-budget
//! money, the fiscal summary against the general-budget table, basic expenditure across tables,
//! the 人员/公用 split, 三公 against the basic table, and projects against 项目支出 and the
//! performance forms.
//!
//! Every comparison goes through the interval rule of `tolerance.rs`, after unit conversion, so
//! a last-digit difference is at most `info`.

use std::borrow::Cow;

use budget_model::{
    has_word, is_chinese_numeral, strip_ordinal, sum_interval, Amount, Code, CodeLevel, CodeScheme,
    ColumnRole, Document, Finding, Location, Row, Severity, Table, TableKind, TableStatus,
};
use rust_decimal::Decimal;

use super::{code_key, may_hold_space};
use crate::findings::{cell_location, describe, evidence, row_name, severity_of};
use crate::tolerance::{compare_interval, compare_sum, sum_outcome, Comparison, Outcome};
use crate::{rule, Rule, RuleInfo};

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &SummaryBalance,
        &SummaryVsExpenditure,
        &ExpenditureVsGeneral,
        &FiscalVsGeneral,
        &GeneralBasic,
        &BasicPersonnelPublic,
        &ThreePublicVsBasic,
        &Projects,
    ]
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: tables, labels, sides of side-by-side tables, amounts by code, findings.
// ---------------------------------------------------------------------------------------------

fn parsed(doc: &Document, kind: TableKind) -> Option<&Table> {
    doc.tables_of(kind)
        .find(|t| t.status == TableStatus::Parsed)
}

/// `text` without its whitespace; borrowed when it has none.
fn compact(text: &str) -> Cow<'_, str> {
    // Most labels hold no space: kept whole, without testing every character.
    if !may_hold_space(text) || !text.contains(char::is_whitespace) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    out.extend(text.split(char::is_whitespace));
    Cow::Owned(out)
}

/// A row's label without its list ordinal and spaces: `九、上年结转(结余)` → `上年结转(结余)`.
fn key(row: &Row) -> Cow<'_, str> {
    compact(strip_ordinal(&row.label))
}

/// "其中" rows are of-which: a part of the row above, never a separate part of a sum.
fn is_of_which(row: &Row) -> bool {
    row.label
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(2)
        .eq("其中".chars())
}

/// Whether a row whose key is `key` is a total row.
fn total_key(row: &Row, key: &str) -> bool {
    row.is_total() || has_word(key, "合计") || has_word(key, "总计")
}

/// How deep a printed list ordinal is: `一、` 1, `（一）` 2, `1、` 3, `（1）` 4; none when the
/// label has no ordinal. Sub-items of `一、财政拨款收入` are `（一）...`; summing only the
/// shallowest level avoids counting them twice.
fn ordinal_level(label: &str) -> Option<u8> {
    let s = budget_model::trim(label);
    let chinese = |t: &str| !t.is_empty() && t.chars().all(is_chinese_numeral);
    let arabic = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if let Some(rest) = s.strip_prefix(['(', '（']) {
        let inner = rest.split([')', '）']).next()?.trim();
        return match () {
            _ if chinese(inner) => Some(2),
            _ if arabic(inner) => Some(4),
            _ => None,
        };
    }
    // The head before the separator is all numerals: a label starting otherwise (most do) has
    // no ordinal, wherever its first separator is.
    let numeral = |c: char| c.is_ascii_digit() || is_chinese_numeral(c);
    if !s.starts_with(numeral) {
        return None;
    }
    let end = s.find(['、', '.', '．'])?;
    let head = s.get(..end)?;
    match () {
        _ if chinese(head) => Some(1),
        _ if arabic(head) => Some(3),
        _ => None,
    }
}

/// The rows of a side-by-side table on one side (`收入`, `支出`, `支出:<scheme>`).
fn side<'d>(table: &'d Table, section: &str) -> Vec<&'d Row> {
    table
        .rows
        .iter()
        .filter(|r| r.section.as_deref() == Some(section))
        .collect()
}

fn sections_starting<'d>(table: &'d Table, prefix: &str) -> Vec<&'d str> {
    let mut out: Vec<&str> = Vec::new();
    for row in &table.rows {
        if let Some(s) = row.section.as_deref() {
            if s.starts_with(prefix) && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// The column a side's amounts are read from: its 合计, else its single amount column.
fn side_column(table: &Table, section: &str) -> Option<usize> {
    let on_side = side_columns(table, section);
    let with = |role: ColumnRole| on_side.iter().find(|(_, r)| *r == role).map(|(j, _)| *j);
    with(ColumnRole::Total)
        .or_else(|| with(ColumnRole::Amount))
        .or_else(|| on_side.first().map(|(j, _)| *j))
}

/// The columns of one side, with their roles.
fn side_columns(table: &Table, section: &str) -> Vec<(usize, ColumnRole)> {
    table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.section.as_deref() == Some(section))
        .map(|(j, c)| (j, c.role))
        .collect()
}

/// The expenditure side whose rows carry function 类 codes.
fn function_side(table: &Table) -> Option<&str> {
    sections_starting(table, "支出").into_iter().find(|s| {
        side(table, s)
            .iter()
            .any(|r| r.code.as_ref().is_some_and(is_function))
    })
}

fn is_function(code: &Code) -> bool {
    code.scheme() == CodeScheme::Function
}

/// The coded rows of a table in one scheme.
fn coded<'d>(rows: &[&'d Row], scheme: CodeScheme) -> ByCode<'d> {
    ByCode::new(
        rows.iter()
            .copied()
            .filter(|r| r.code.as_ref().is_some_and(|c| c.scheme() == scheme))
            .collect(),
    )
}

/// Coded rows with their positions sorted by code, built once per table so that a code's rows
/// and the codes below it are found by a binary search instead of a scan of every row.
struct ByCode<'d> {
    rows: Vec<&'d Row>,
    /// Each row's code (with its sort key) and position, in code order and, within a code, in
    /// row order.
    index: Vec<(u64, &'d Code, usize)>,
}

/// A code's sort key ([`code_key`]).
fn sort_key(code: &Code) -> u64 {
    code_key(code.as_str())
}

impl<'d> ByCode<'d> {
    fn new(rows: Vec<&'d Row>) -> Self {
        let mut index: Vec<(u64, &Code, usize)> = rows
            .iter()
            .enumerate()
            .filter_map(|(k, r)| r.code.as_ref().map(|c| (sort_key(c), c, k)))
            .collect();
        // Stable: rows of one code stay in row order.
        index.sort_by_key(|&(key, _, _)| key);
        ByCode { rows, index }
    }

    /// The rows printing `code`, in row order.
    fn with_code<'a>(&'a self, code: &'a Code) -> impl Iterator<Item = &'d Row> + 'a {
        let key = sort_key(code);
        let start = self.index.partition_point(|&(k, _, _)| k < key);
        self.index[start..]
            .iter()
            .take_while(move |&&(k, _, _)| k == key)
            .map(|&(_, _, row)| self.rows[row])
    }

    /// The codes printed below `code` with no printed code between, in code order. Codes
    /// starting with `code` sort right after it, and after their own ancestors.
    fn nearest_below(&self, code: &Code) -> Vec<&'d Code> {
        let key = sort_key(code);
        let start = self.index.partition_point(|&(k, _, _)| k <= key);
        let mut nearest: Vec<&'d Code> = Vec::new();
        for &(_, c, _) in self.index[start..]
            .iter()
            .take_while(|(_, c, _)| code.is_ancestor_of(c))
        {
            let covered = nearest
                .last()
                .is_some_and(|n| *n == c || n.is_ancestor_of(c));
            if !covered {
                nearest.push(c);
            }
        }
        nearest
    }
}

/// The printed amounts that stand for `code` in column `j`, with the rows they come from: the
/// code's own cells, or, when its row is missing or blank (tables that print only 项), the
/// amounts of the nearest rows below it.
fn code_parts<'d>(rows: &ByCode<'d>, code: &Code, j: usize) -> (Vec<Amount>, Vec<&'d Row>) {
    let mut parts = Vec::new();
    let mut evidence = Vec::new();
    visit_parts(rows, code, j, &mut |row, a| {
        parts.push(a);
        evidence.push(row);
    });
    (parts, evidence)
}

/// The amounts of [`code_parts`] alone, for comparisons that need their rows only when they
/// report.
fn code_amounts(rows: &ByCode, code: &Code, j: usize) -> Vec<Amount> {
    let mut parts = Vec::new();
    visit_parts(rows, code, j, &mut |_, a| parts.push(a));
    parts
}

/// Calls `found` with each amount of [`code_parts`] and the row it comes from.
fn visit_parts<'d>(
    rows: &ByCode<'d>,
    code: &Code,
    j: usize,
    found: &mut dyn FnMut(&'d Row, Amount),
) {
    let mut any = false;
    for row in rows.with_code(code) {
        if let Some(a) = row.value(j) {
            found(row, *a);
            any = true;
        }
    }
    if any {
        return;
    }
    for child in rows.nearest_below(code) {
        visit_parts(rows, child, j, found);
    }
}

/// The distinct 类 of the rows' codes, in code order.
fn classes(rows: &[&Row]) -> Vec<Code> {
    let mut out: Vec<Code> = rows
        .iter()
        .filter_map(|r| r.code.as_ref())
        .map(Code::class)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn all_codes(rows: &[&Row]) -> Vec<Code> {
    let mut out: Vec<Code> = rows.iter().filter_map(|r| r.code.clone()).collect();
    out.sort();
    out.dedup();
    out
}

/// The total row's cells in the columns of `role`.
fn total_cells(table: &Table, role: ColumnRole) -> Vec<Amount> {
    let Some(row) = table.total_row() else {
        return Vec::new();
    };
    table
        .columns_with_role(role)
        .into_iter()
        .filter_map(|j| row.value(j).copied())
        .collect()
}

fn zero_like(a: &Amount) -> Amount {
    Amount::new(Decimal::ZERO, a.unit, a.decimals)
}

/// Compares printed figures (usually one cell; several when a code is printed on two rows) with
/// the figures they should equal. Blank on both sides is no comparison; blank on one side is
/// zero. `None` when there is nothing to compare, or the figures are exactly equal.
fn compare_parts(printed: &[Amount], expected: &[Amount]) -> Option<Comparison> {
    // Most figures agree exactly: nothing to compare, nothing to report.
    if let ([p], [e]) = (printed, expected) {
        if p.unit == e.unit && p.value == e.value {
            return None;
        }
    }
    let (first, rest) = match printed.split_first() {
        Some((first, rest)) => (*first, rest),
        None => (zero_like(expected.first()?), &[][..]),
    };
    let exact = |xs: &[Amount]| xs.iter().map(Amount::to_yuan).sum::<Decimal>();
    let interval = sum_interval(expected) - sum_interval(rest);
    Some(compare_interval(
        &first,
        interval,
        exact(expected) - exact(rest),
    ))
}

/// Where a compared figure is printed: a cell, or (when the row is missing) the table.
#[derive(Clone, Copy)]
struct At<'d> {
    doc: &'d Document,
    table: &'d Table,
    row: Option<&'d Row>,
    column: Option<usize>,
    /// The code the figure is about, when the row is missing.
    code: Option<&'d Code>,
}

impl<'d> At<'d> {
    fn cell(doc: &'d Document, table: &'d Table, row: &'d Row, column: Option<usize>) -> Self {
        At {
            doc,
            table,
            row: Some(row),
            column,
            code: None,
        }
    }

    fn location(&self) -> Location {
        let column = self.column.and_then(|j| self.table.columns.get(j));
        match self.row {
            Some(row) => cell_location(self.table, row, column),
            None => Location {
                table_kind: Some(self.table.kind),
                table_title: Some(self.table.title.clone()),
                row_code: self.code.map(Code::to_string),
                column: column.map(|c| c.name.clone()),
                line: Some(self.table.lines.0),
                ..Location::default()
            },
        }
    }

    fn name(&self) -> String {
        let row = match (self.row, self.code) {
            (Some(row), _) => row_name(row),
            (None, Some(code)) => format!("{code}（未列）"),
            (None, None) => String::new(),
        };
        let column = self
            .column
            .and_then(|j| self.table.columns.get(j))
            .map(|c| format!("「{}」", c.name))
            .unwrap_or_default();
        format!("《{}》{row}{column}", self.table.title)
    }
}

/// A finding for a comparison at `at`, its evidence the printed rows of both sides.
fn finding(
    info: &RuleInfo,
    severity: Severity,
    at: At,
    cmp: &Comparison,
    what: &str,
    evidence_rows: &[&Row],
) -> Finding {
    let mut lines: Vec<&str> = at.row.map(|r| r.source.as_str()).into_iter().collect();
    for row in evidence_rows {
        if !lines.contains(&row.source.as_str()) {
            lines.push(&row.source);
        }
    }
    Finding {
        rule: info.id.to_string(),
        severity,
        message: format!("{}：{}（{what}）", at.name(), describe(cmp)),
        location: at.location(),
        expected: Some(cmp.expected),
        printed: Some(cmp.printed),
        difference: Some(cmp.difference),
        tolerance: Some(cmp.tolerance),
        source_text: lines.join("\n"),
        consequences: Vec::new(),
        evidence: evidence(at.doc, at.row.map(|r| (r, at.column)), evidence_rows),
    }
}

/// Pushes a finding when the comparison calls for one under the rule's severity.
fn report(
    info: &RuleInfo,
    at: At,
    cmp: &Comparison,
    what: &str,
    evidence: &[&Row],
    out: &mut Vec<Finding>,
) {
    if let Some(severity) = severity_of(info, cmp) {
        out.push(finding(info, severity, at, cmp, what, evidence));
    }
}

/// The severity of a figure that may exceed the other but never fall short of it: `short`
/// when it falls short beyond rounding, `over` (if any) when it exceeds it beyond rounding.
fn one_sided(cmp: &Comparison, short: Severity, over: Option<Severity>) -> Option<Severity> {
    match cmp.outcome {
        Outcome::Exact => None,
        Outcome::Rounding => Some(Severity::Info),
        Outcome::Mismatch if cmp.difference.is_sign_negative() => Some(short),
        Outcome::Mismatch => over,
    }
}

/// One wrong cell upsets its 款, its 类 and the total: a warning or error on a code is folded
/// into one on a code below it (or on the same code, in an earlier column), so the reader sees
/// the most specific figure with its consequences attached. `None` is the total row.
fn fold_to_deepest(found: Vec<(Option<Code>, Finding)>) -> Vec<Finding> {
    let serious = |f: &Finding| f.severity >= Severity::Warning;
    let below = |upper: &Option<Code>, lower: &Option<Code>| match (upper, lower) {
        (None, Some(_)) => true,
        (Some(u), Some(l)) => u.is_ancestor_of(l),
        _ => false,
    };
    let root: Vec<Option<usize>> = (0..found.len())
        .map(|i| {
            let (code, f) = &found[i];
            if !serious(f) {
                return None;
            }
            let deeper = |j: usize| {
                let (other, g) = &found[j];
                j != i && serious(g) && (below(code, other) || (other == code && j < i))
            };
            let mut candidates = (0..found.len()).filter(|&j| deeper(j));
            let first = candidates.next()?;
            // Prefer a candidate that is itself a root.
            Some(
                std::iter::once(first)
                    .chain(candidates)
                    .find(|&j| {
                        !(0..found.len()).any(|k| {
                            let (c, g) = &found[k];
                            k != j
                                && serious(g)
                                && (below(&found[j].0, c) || (c == &found[j].0 && k < j))
                        })
                    })
                    .unwrap_or(first),
            )
        })
        .collect();
    let mut kept: Vec<Option<Finding>> = found.into_iter().map(|(_, f)| Some(f)).collect();
    for (i, r) in root.iter().enumerate() {
        let Some(r) = *r else { continue };
        if let Some(folded) = kept.get_mut(i).and_then(Option::take) {
            if let Some(Some(root)) = kept.get_mut(r) {
                root.consequences
                    .push(format!("[{}] {}", folded.rule, folded.message));
                root.consequences.extend(folded.consequences);
            }
        }
    }
    kept.into_iter().flatten().collect()
}

/// Whether the department has money other than general-budget appropriation this year (上年结转,
/// 事业收入, 其他收入, 政府性基金 ...), from the 收支总表 income side or the 收入总表 total
/// row. `None` when neither table is printed.
fn other_money(doc: &Document) -> Option<bool> {
    let summary = parsed(doc, TableKind::IncomeExpenditureSummary).map(summary_other_money);
    let income = parsed(doc, TableKind::IncomeSummary).map(income_other_money);
    match (summary, income) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(false) || b.unwrap_or(false)),
    }
}

fn summary_other_money(table: &Table) -> bool {
    sections_starting(table, "收入").into_iter().any(|s| {
        let column = side_column(table, s);
        side(table, s).iter().any(|r| {
            let nonzero = column
                .and_then(|j| r.value(j))
                .is_some_and(|a| !a.is_zero());
            // The label is read only for rows printing money.
            if !nonzero || is_of_which(r) {
                return false;
            }
            let k = key(r);
            let general = !(has_word(&k, "结转") || has_word(&k, "结余"))
                && (has_word(&k, "财政拨款") || has_word(&k, "一般公共预算"));
            !general && !total_key(r, &k)
        })
    })
}

fn income_other_money(table: &Table) -> bool {
    use ColumnRole::*;
    let Some(row) = table.total_row() else {
        return false;
    };
    table.columns.iter().enumerate().any(|(j, c)| {
        matches!(
            c.role,
            CarryOver | CarryOverPart | OtherIncome | GovernmentFund | StateCapital
        ) && row.value(j).is_some_and(|a| !a.is_zero())
    })
}

// ---------------------------------------------------------------------------------------------
// XT-SUMMARY-BALANCE
// ---------------------------------------------------------------------------------------------

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
    pub struct SummaryBalance { id: "XT-SUMMARY-BALANCE", severity: Severity::Error, summary: "收支总表 / 财政拨款收支总表: 收入总计 = 支出总计 and their internal identities" }
}

impl Rule for SummaryBalance {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for kind in [
            TableKind::IncomeExpenditureSummary,
            TableKind::FiscalAppropriationSummary,
        ] {
            if let Some(table) = parsed(doc, kind) {
                check_balance(doc, table, out);
            }
        }
    }
}

/// A row of one side with the amount it prints and its label read once: the checks below look
/// at every line's key and level many times.
struct Line<'d> {
    row: &'d Row,
    column: Option<usize>,
    amount: Option<Amount>,
    key: Cow<'d, str>,
    level: Option<u8>,
    of_which: bool,
    total: bool,
}

impl Line<'_> {
    /// Of-which rows and total rows are never items of a sum.
    fn is_item(&self) -> bool {
        !self.of_which && !self.total && !self.key.is_empty()
    }
}

fn lines<'d>(table: &'d Table, section: &str) -> Vec<Line<'d>> {
    let column = side_column(table, section);
    side(table, section)
        .into_iter()
        .map(|row| {
            let key = key(row);
            Line {
                row,
                column,
                amount: column.and_then(|j| row.value(j)).copied(),
                total: total_key(row, &key),
                key,
                level: ordinal_level(&row.label),
                of_which: is_of_which(row),
            }
        })
        .collect()
}

fn check_balance(doc: &Document, table: &Table, out: &mut Vec<Finding>) {
    let Some(income) = sections_starting(table, "收入").first().copied() else {
        return;
    };
    let inc = lines(table, income);
    let grand_in = grand_total(&inc, "收入");
    check_income_side(doc, table, &inc, grand_in, out);
    check_headings(doc, table, &inc, out);
    for section in sections_starting(table, "支出") {
        let exp = lines(table, section);
        let grand_out = grand_total(&exp, "支出");
        if let (Some(g_in), Some(g_out)) = (grand_in, grand_out) {
            compare_lines(doc, table, g_out, &[g_in], "应等于收入总计", out);
        }
        check_expenditure_side(doc, table, &exp, grand_out, out);
        check_headings(doc, table, &exp, out);
    }
}

/// A numbered heading (`一、财政拨款收入`) equals its numbered sub-items (`（一）` ...), when
/// at least one of them is printed.
fn check_headings(doc: &Document, table: &Table, lines: &[Line], out: &mut Vec<Finding>) {
    for (i, heading) in lines.iter().enumerate() {
        let Some(level) = heading.level else {
            continue;
        };
        let under: Vec<&Line> = lines
            .iter()
            .skip(i + 1)
            .take_while(|l| l.level.is_none_or(|d| d > level) && !l.total)
            .filter(|l| l.level.is_some())
            .collect();
        let items = top_items(&under);
        if items.iter().any(|l| l.amount.is_some()) {
            compare_lines(doc, table, heading, &items, "应等于其下各项之和", out);
        }
    }
}

/// Compares a line with the sum of other lines (blank lines count as zero; a blank printed
/// line is skipped).
fn compare_lines(
    doc: &Document,
    table: &Table,
    total: &Line,
    parts: &[&Line],
    what: &str,
    out: &mut Vec<Finding>,
) {
    let Some(printed) = total.amount else {
        return;
    };
    let values: Vec<Amount> = parts.iter().filter_map(|l| l.amount).collect();
    if exactly_equal(&printed, &values) {
        return;
    }
    let cmp = compare_sum(&printed, &values);
    let what = match parts {
        [_, _, ..] => {
            let names: Vec<&str> = parts.iter().map(|l| l.key.as_ref()).collect();
            format!("{what}：{}", names.join(" + "))
        }
        _ => what.to_string(),
    };
    let rows: Vec<&Row> = parts.iter().map(|l| l.row).collect();
    let at = At::cell(doc, table, total.row, total.column);
    report(&SummaryBalance::INFO, at, &cmp, &what, &rows, out);
}

/// 收入总计 / 支出总计 (or 总计), else the side's last 收入合计 / 支出合计.
fn grand_total<'a, 'd>(lines: &'a [Line<'d>], side: &str) -> Option<&'a Line<'d>> {
    let grand = format!("{side}总计");
    let total = format!("{side}合计");
    let mut from_end = lines.iter().rev();
    from_end
        .clone()
        .find(|l| l.key == grand || l.key == "总计")
        .or_else(|| from_end.find(|l| l.key == total))
}

/// The shallowest list level among lines: the items a total sums (of-which and total rows are
/// never items).
fn top_items<'a, 'd>(lines: &[&'a Line<'d>]) -> Vec<&'a Line<'d>> {
    let candidates: Vec<&Line> = lines.iter().copied().filter(|l| l.is_item()).collect();
    let top = candidates.iter().filter_map(|l| l.level).min();
    candidates
        .into_iter()
        .filter(|l| top.is_none() || l.level == top)
        .collect()
}

fn check_income_side(
    doc: &Document,
    table: &Table,
    inc: &[Line],
    grand: Option<&Line>,
    out: &mut Vec<Finding>,
) {
    let before_grand: Vec<&Line> = match grand {
        Some(g) => inc
            .iter()
            .take_while(|l| !std::ptr::eq(l.row, g.row))
            .collect(),
        None => inc.iter().collect(),
    };
    let current = before_grand
        .iter()
        .position(|l| matches!(l.key.as_ref(), "本年收入合计" | "本年收入"));
    let current_line = current.and_then(|i| before_grand.get(i).copied());
    if let Some(g) = grand {
        match current_line {
            Some(c) => {
                let mut parts = vec![c];
                parts.extend(lines_named(&before_grand, &["上年结转", "非财政拨款结余"]));
                compare_lines(doc, table, g, &parts, "应等于本年收入合计 + 上年结转", out);
            }
            None => {
                let items = top_items(&before_grand);
                compare_lines(doc, table, g, &items, "应等于各收入项之和", out);
            }
        }
    }
    // A numbered 本年收入 (`一、本年收入`) is a heading: `check_headings` sums its items.
    if let (Some(i), Some(c)) = (current, current_line.filter(|c| c.level.is_none())) {
        let items = top_items(before_grand.get(..i).unwrap_or(&[]));
        if !items.is_empty() {
            compare_lines(doc, table, c, &items, "应等于各收入项之和", out);
        }
    }
}

/// The lines whose key contains one of `words`, at their shallowest level (a numbered
/// `二、上年结转` and not also the sub-items under it).
fn lines_named<'a, 'd>(lines: &[&'a Line<'d>], words: &[&str]) -> Vec<&'a Line<'d>> {
    let named: Vec<&Line> = lines
        .iter()
        .copied()
        .filter(|l| !l.of_which && words.iter().any(|w| has_word(&l.key, w)))
        .collect();
    let top = named.iter().map(|l| l.level).min();
    named
        .into_iter()
        .filter(|l| top.is_none() || l.level == top.flatten())
        .collect()
}

fn check_expenditure_side(
    doc: &Document,
    table: &Table,
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
        .find(|l| matches!(l.key.as_ref(), "本年支出合计" | "本年支出"));
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
    parts.extend(lines_named(&all, &["结转下年", "年终结转", "年末结转"]));
    compare_lines(doc, table, g, &parts, "应等于本年支出合计 + 结转下年", out);
}

/// Whether a printed figure is exactly the sum of its parts: no comparison needed. A cheap
/// test first; most figures agree.
fn exactly_equal(printed: &Amount, parts: &[Amount]) -> bool {
    match parts {
        [one] => one.unit == printed.unit && one.value == printed.value,
        _ => parts.iter().map(Amount::to_yuan).sum::<Decimal>() == printed.to_yuan(),
    }
}

// ---------------------------------------------------------------------------------------------
// XT-SUMMARY-VS-EXPENDITURE
// ---------------------------------------------------------------------------------------------

rule! {
    /// **What it checks.** The expenditure side of the 收支总表, 类 by 类, equals the 类 rows of
    /// the 支出总表 (its 合计 column). When the 支出总表 prints only 款 or 项 rows, their sum
    /// stands for the 类; a 类 missing on one side counts as zero.
    ///
    /// **Why it matters.** Both tables show all of the department's spending by function; a 类
    /// that differs means one of them was not updated after a change.
    ///
    /// **Example.** 收支预算总表 `卫生健康支出 12,192.64` and 部门支出总表 `210 卫生健康支出
    /// 12,192.64`: consistent. Printed 12,092.64 in the summary, it would be 100.00 short: error.
    pub struct SummaryVsExpenditure { id: "XT-SUMMARY-VS-EXPENDITURE", severity: Severity::Error, summary: "收支总表 per-类 expenditure = 支出总表 类 rows" }
}

impl Rule for SummaryVsExpenditure {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let (Some(summary), Some(exp)) = (
            parsed(doc, TableKind::IncomeExpenditureSummary),
            parsed(doc, TableKind::ExpenditureSummary),
        ) else {
            return;
        };
        let Some(total) = exp.column_with_role(ColumnRole::Total) else {
            return;
        };
        let Some(section) = function_side(summary) else {
            return;
        };
        let Some(column) = side_column(summary, section) else {
            return;
        };
        let printed_rows = coded(&side(summary, section), CodeScheme::Function);
        let exp_rows = coded(&exp.rows.iter().collect::<Vec<_>>(), CodeScheme::Function);
        let pair = Pair {
            doc,
            printed: (summary, &printed_rows, column),
            expected: (exp, &exp_rows, total),
        };
        for class in union(classes(&printed_rows.rows), classes(&exp_rows.rows)) {
            compare_code(&Self::INFO, &pair, &class, out);
        }
    }
}

fn union(mut a: Vec<Code>, b: Vec<Code>) -> Vec<Code> {
    a.extend(b);
    a.sort();
    a.dedup();
    a
}

/// Two tables compared code by code: each side's table, its coded rows and the column read.
struct Pair<'d, 'r> {
    doc: &'d Document,
    printed: (&'d Table, &'r ByCode<'d>, usize),
    expected: (&'d Table, &'r ByCode<'d>, usize),
}

/// One code compared.
struct Compared<'d> {
    cmp: Comparison,
    code: &'d Code,
}

impl<'d> Pair<'d, '_> {
    /// The comparison of one code.
    fn compare(&self, code: &'d Code) -> Option<Compared<'d>> {
        let (_, prows, pj) = self.printed;
        let (_, erows, ej) = self.expected;
        let printed = code_amounts(prows, code, pj);
        let expected = code_amounts(erows, code, ej);
        let cmp = compare_parts(&printed, &expected)?;
        Some(Compared { cmp, code })
    }

    /// The finding for a comparison, written only when one is reported: where the printed
    /// figure is, and the rows of both sides as evidence.
    fn finding(&self, info: &RuleInfo, severity: Severity, c: &Compared) -> Finding {
        let (pt, prows, pj) = self.printed;
        let (et, erows, ej) = self.expected;
        let code = c.code;
        let (_, mut evidence) = code_parts(prows, code, pj);
        let (_, other) = code_parts(erows, code, ej);
        let own = |r: &&&Row| r.code.as_ref() == Some(code);
        let at = match evidence
            .iter()
            .find(own)
            .copied()
            .or_else(|| prows.with_code(code).next())
        {
            Some(row) => At::cell(self.doc, pt, row, Some(pj)),
            None => At {
                doc: self.doc,
                table: pt,
                row: None,
                column: Some(pj),
                code: Some(code),
            },
        };
        evidence.extend(other);
        let column = et.columns.get(ej).map_or("", |col| col.name.as_str());
        let what = format!(
            "{}「{column}」列 {} 为 {}",
            et.title, c.code, c.cmp.expected
        );
        finding(info, severity, at, &c.cmp, &what, &evidence)
    }
}

fn compare_code(info: &RuleInfo, pair: &Pair, code: &Code, out: &mut Vec<Finding>) {
    if let Some(c) = pair.compare(code) {
        if let Some(severity) = severity_of(info, &c.cmp) {
            out.push(pair.finding(info, severity, &c));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// XT-EXPENDITURE-VS-GENERAL
// ---------------------------------------------------------------------------------------------

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
    pub struct ExpenditureVsGeneral { id: "XT-EXPENDITURE-VS-GENERAL", severity: Severity::Error, summary: "支出总表 >= 一般公共预算支出表 per code and column (equal without other money)" }
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
        let exp_rows = coded(&exp.rows.iter().collect::<Vec<_>>(), CodeScheme::Function);
        let gen_rows = coded(
            &general.rows.iter().collect::<Vec<_>>(),
            CodeScheme::Function,
        );
        let codes = union(all_codes(&exp_rows.rows), all_codes(&gen_rows.rows));
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
            for code in &codes {
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

/// The column of `role` when the table has exactly one (two 人员经费 columns are parts, not
/// comparable one by one with a table that has one).
fn only_column(table: &Table, role: ColumnRole) -> Option<usize> {
    match table.columns_with_role(role).as_slice() {
        [j] => Some(*j),
        _ => None,
    }
}

fn compare_totals_at_least(pair: &Pair, over: Option<Severity>) -> Option<Finding> {
    let (pt, _, pj) = pair.printed;
    let (et, _, ej) = pair.expected;
    let (prow, erow) = (pt.total_row()?, et.total_row()?);
    let printed: Vec<Amount> = prow.value(pj).copied().into_iter().collect();
    let expected: Vec<Amount> = erow.value(ej).copied().into_iter().collect();
    let cmp = compare_parts(&printed, &expected)?;
    let severity = one_sided(&cmp, Severity::Error, over)?;
    let column = et.columns.get(ej).map_or("", |c| c.name.as_str());
    let what = format!("{}「{column}」列合计为 {}", et.title, cmp.expected);
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

// ---------------------------------------------------------------------------------------------
// XT-FISCAL-VS-GENERAL
// ---------------------------------------------------------------------------------------------

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
    pub struct FiscalVsGeneral { id: "XT-FISCAL-VS-GENERAL", severity: Severity::Error, summary: "财政拨款收支总表 一般公共预算 per 类 and total = 一般公共预算支出表" }
}

impl Rule for FiscalVsGeneral {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let (Some(fiscal), Some(general)) = (
            parsed(doc, TableKind::FiscalAppropriationSummary),
            parsed(doc, TableKind::GeneralBudgetExpenditure),
        ) else {
            return;
        };
        let Some(total) = general.column_with_role(ColumnRole::Total) else {
            return;
        };
        let Some((section, column)) = general_column(fiscal) else {
            return;
        };
        let fiscal_rows = coded(&side(fiscal, section), CodeScheme::Function);
        let gen_rows = coded(
            &general.rows.iter().collect::<Vec<_>>(),
            CodeScheme::Function,
        );
        let pair = Pair {
            doc,
            printed: (fiscal, &fiscal_rows, column),
            expected: (general, &gen_rows, total),
        };
        let mut found = Vec::new();
        for class in union(classes(&fiscal_rows.rows), classes(&gen_rows.rows)) {
            if let Some(c) = pair.compare(&class) {
                if let Some(severity) = severity_of(&Self::INFO, &c.cmp) {
                    let f = pair.finding(&Self::INFO, severity, &c);
                    found.push((Some(class.clone()), f));
                }
            }
        }
        if let Some(f) = fiscal_total(doc, fiscal, section, column, general, total) {
            found.push((None, f));
        }
        out.extend(fold_to_deepest(found));
    }
}

/// The function side of a fiscal summary and its general-budget column: the 一般公共预算
/// column, or the side's single column when no 政府性基金 / 国有资本经营 income is printed.
fn general_column(fiscal: &Table) -> Option<(&str, usize)> {
    let section = function_side(fiscal)?;
    let on_side = side_columns(fiscal, section);
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
    sections_starting(fiscal, "收入").into_iter().any(|s| {
        lines(fiscal, s).iter().any(|l| {
            (has_word(&l.key, "政府性基金") || has_word(&l.key, "国有资本"))
                && l.amount.is_some_and(|a| !a.is_zero())
        })
    })
}

fn fiscal_total(
    doc: &Document,
    fiscal: &Table,
    section: &str,
    column: usize,
    general: &Table,
    total: usize,
) -> Option<Finding> {
    let row = side(fiscal, section)
        .into_iter()
        .find(|r| matches!(key(r).as_ref(), "本年支出合计" | "本年支出"))?;
    let gen_row = general.total_row()?;
    let printed: Vec<Amount> = row.value(column).copied().into_iter().collect();
    let expected: Vec<Amount> = gen_row.value(total).copied().into_iter().collect();
    let cmp = compare_parts(&printed, &expected)?;
    let severity = severity_of(&FiscalVsGeneral::INFO, &cmp)?;
    let what = format!("{} 合计为 {}", general.title, cmp.expected);
    let at = At::cell(doc, fiscal, row, Some(column));
    Some(finding(
        &FiscalVsGeneral::INFO,
        severity,
        at,
        &cmp,
        &what,
        &[gen_row],
    ))
}

// ---------------------------------------------------------------------------------------------
// XT-GENERAL-BASIC
// ---------------------------------------------------------------------------------------------

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
    pub struct GeneralBasic { id: "XT-GENERAL-BASIC", severity: Severity::Error, summary: "一般公共预算支出表 基本支出 total = 基本支出表 合计" }
}

impl Rule for GeneralBasic {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(general) = parsed(doc, TableKind::GeneralBudgetExpenditure) else {
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
        for kind in [
            TableKind::GeneralBudgetBasicExpenditure,
            TableKind::GeneralBudgetBasicExpenditureFunction,
        ] {
            let Some(table) = parsed(doc, kind) else {
                continue;
            };
            let column = basic_column(table);
            let checks = [
                (column, basic.clone(), "基本支出"),
                (
                    table.column_with_role(ColumnRole::Personnel),
                    total_cells(general, ColumnRole::Personnel),
                    "人员经费",
                ),
                (
                    table.column_with_role(ColumnRole::Public),
                    total_cells(general, ColumnRole::Public),
                    "公用经费",
                ),
            ];
            for (column, expected, what) in checks {
                if let Some(j) = column.filter(|_| !expected.is_empty()) {
                    let tables = (table, general, gen_row);
                    check_basic_total(doc, tables, j, &expected, what, out);
                }
            }
        }
    }
}

/// The 合计 column of a basic-expenditure table (read as 基本支出 or 合计).
fn basic_column(table: &Table) -> Option<usize> {
    table
        .column_with_role(ColumnRole::Basic)
        .or_else(|| table.column_with_role(ColumnRole::Total))
}

fn check_basic_total(
    doc: &Document,
    (table, general, gen_row): (&Table, &Table, &Row),
    column: usize,
    expected: &[Amount],
    what: &str,
    out: &mut Vec<Finding>,
) {
    let Some(row) = table.total_row() else {
        return;
    };
    let printed: Vec<Amount> = row.value(column).copied().into_iter().collect();
    let Some(cmp) = compare_parts(&printed, expected) else {
        return;
    };
    let what = format!("{} 合计行{what}为 {}", general.title, cmp.expected);
    let at = At::cell(doc, table, row, Some(column));
    report(&GeneralBasic::INFO, at, &cmp, &what, &[gen_row], out);
}

// ---------------------------------------------------------------------------------------------
// XT-BASIC-PERSONNEL-PUBLIC
// ---------------------------------------------------------------------------------------------

/// The 部门预算支出经济分类 类 whose 基本支出 is 人员经费 or 公用经费 (domain.md; every 款 of
/// `reference/dept_econ_codes.tsv` falls in the group of its 类). Other 类 count as printed.
const ECONOMIC_GROUPS: &[(&str, ColumnRole)] = &[
    ("301", ColumnRole::Personnel),
    ("302", ColumnRole::Public),
    ("303", ColumnRole::Personnel),
    ("310", ColumnRole::Public),
];

fn economic_group(class: &Code) -> Option<ColumnRole> {
    ECONOMIC_GROUPS
        .iter()
        .find(|(code, _)| *code == class.as_str())
        .map(|(_, role)| *role)
}

rule! {
    /// **What it checks.** In the 一般公共预算基本支出表, the 人员经费 total equals the 合计 of
    /// 301 工资福利支出 + 303 对个人和家庭的补助, and the 公用经费 total equals 302 商品和服务
    /// 支出 + 310 资本性支出. Other economic 类 count where the table prints them (their 人员经费
    /// or 公用经费 cells). When the table prints only 款 rows, they stand for their 类.
    ///
    /// **Why it matters.** 人员经费 and 公用经费 are defined by economic class; a split that does
    /// not follow the classes misstates how much goes to staff and how much to running costs,
    /// figures the narrative and the 机关运行经费 repeat.
    ///
    /// **Example.** 人员经费 5,879.96 = 301 5,864.54 + 303 15.42; 公用经费 944.07 = 302 933.79 +
    /// 310 10.28: consistent. 人员经费 624.57 against 款 rows adding up to 624.58 is rounding:
    /// info.
    pub struct BasicPersonnelPublic { id: "XT-BASIC-PERSONNEL-PUBLIC", severity: Severity::Error, summary: "基本支出表 人员经费 = 301 + 303, 公用经费 = 302 + 310" }
}

impl Rule for BasicPersonnelPublic {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(table) = parsed(doc, TableKind::GeneralBudgetBasicExpenditure) else {
            return;
        };
        let (Some(total_row), Some(column)) = (table.total_row(), basic_column(table)) else {
            return;
        };
        let rows = coded(
            &table.rows.iter().collect::<Vec<_>>(),
            CodeScheme::DeptEconomic,
        );
        if rows.rows.is_empty() {
            return;
        }
        for role in [ColumnRole::Personnel, ColumnRole::Public] {
            let printed_at = table.columns_with_role(role);
            let printed: Vec<Amount> = printed_at
                .iter()
                .filter_map(|&j| total_row.value(j).copied())
                .collect();
            let Some(&first) = printed_at.first() else {
                continue;
            };
            let (parts, evidence, names) = group_parts(&rows, role, column, &printed_at);
            let Some(cmp) = compare_parts(&printed, &parts) else {
                continue;
            };
            let what = format!("应等于 {} 之和", names.join(" + "));
            let at = At::cell(doc, table, total_row, Some(first));
            report(&Self::INFO, at, &cmp, &what, &evidence, out);
        }
    }
}

/// The amounts of a group (人员经费 or 公用经费): the 合计 of its 类, plus what other 类 print
/// in the group's own columns.
fn group_parts<'d>(
    rows: &ByCode<'d>,
    role: ColumnRole,
    total: usize,
    own_columns: &[usize],
) -> (Vec<Amount>, Vec<&'d Row>, Vec<String>) {
    let mut parts = Vec::new();
    let mut evidence = Vec::new();
    let mut names = Vec::new();
    for class in classes(&rows.rows) {
        let columns: Vec<usize> = match economic_group(&class) {
            Some(group) if group == role => vec![total],
            Some(_) => continue,
            None => own_columns.to_vec(),
        };
        for j in columns {
            let (p, e) = code_parts(rows, &class, j);
            if !p.is_empty() {
                names.push(class.to_string());
            }
            parts.extend(p);
            evidence.extend(e);
        }
    }
    names.dedup();
    (parts, evidence, names)
}

// ---------------------------------------------------------------------------------------------
// XT-THREE-PUBLIC-VS-BASIC
// ---------------------------------------------------------------------------------------------

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
    pub struct ThreePublicVsBasic { id: "XT-THREE-PUBLIC-VS-BASIC", severity: Severity::Warning, summary: "三公 公务接待费 >= 30217, 公务用车运行维护费 >= 30231 of the basic table" }
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
        let rows = coded(
            &basic.rows.iter().collect::<Vec<_>>(),
            CodeScheme::DeptEconomic,
        );
        for item in three_public_items(three, row) {
            let Some(code) = Code::parse(item.code) else {
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
            let what = format!(
                "不应小于《{}》{code} {}（{}）",
                basic.title, item.name, cmp.expected
            );
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

fn three_public_items(table: &Table, row: &Row) -> Vec<ThreePublicItem> {
    let cell = |j: usize| row.value(j).copied().into_iter().collect::<Vec<_>>();
    let mut items = Vec::new();
    if let Some(j) = table.column_with_role(ColumnRole::Reception) {
        items.push(ThreePublicItem {
            code: "30217",
            name: "公务接待费",
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
            name: "公务用车运行维护费",
            printed: cell(j),
            plus,
            column: j,
        });
    }
    items
}

// ---------------------------------------------------------------------------------------------
// XT-PROJECTS
// ---------------------------------------------------------------------------------------------

rule! {
    /// **What it checks.** The projects of the 项目支出表 (专项业务经费支出表) add up to 项目支出
    /// (专项业务经费): the 一般公共预算支出表's, or the 支出总表's when the department has other
    /// money; and every project named in a performance-target form (项目支出绩效目标表, the
    /// department form's tasks, 专项资金 forms) has there the amount the 项目支出表 gives it
    /// (年度资金总额, else the form's only total). Headings (unit rows, categories such as
    /// 专用项目) are recognised as rows that equal the projects under them and are not counted.
    /// A form that prints only 实施期资金总额 and differs is a warning (a multi-year project),
    /// any other difference an error.
    ///
    /// **Why it matters.** The project list is where 项目支出 is explained; projects that do not
    /// add up, or a performance target set for a different amount than budgeted, mean the
    /// project list or the form was not updated.
    ///
    /// **Example.** 专项业务经费支出表: 20,000 + 275,100 + 50,000 = 345,100 = 一般公共预算支出表
    /// 专项业务经费支出 合计: consistent; 绩效目标表 `医保专网建设经费` 实施期资金总额 275,100 =
    /// its project: consistent. A form printing 257,100 would be 18,000 short: warning.
    pub struct Projects { id: "XT-PROJECTS", severity: Severity::Error, summary: "projects add up to 项目支出 and match the performance forms" }
}

impl Rule for Projects {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(table) = parsed(doc, TableKind::ProjectExpenditure) else {
            return;
        };
        let Some(column) = table
            .column_with_role(ColumnRole::Total)
            .or_else(|| table.column_with_role(ColumnRole::Amount))
            .or(if table.columns.is_empty() {
                None
            } else {
                Some(0)
            })
        else {
            return;
        };
        let entity = doc.facts.entity.as_deref().map(compact);
        let candidates: Vec<Project> = table
            .rows
            .iter()
            .filter_map(|row| {
                let amount = *row.value(column)?;
                let name = key(row);
                let skip = name.is_empty()
                    || total_key(row, &name)
                    || entity.as_deref() == Some(compact(&row.label).as_ref());
                (!skip).then_some(Project { row, amount, name })
            })
            .collect();
        let projects = project_leaves(&candidates);
        check_project_sum(doc, table, column, &candidates, &projects, out);
        let names: Vec<&str> = projects.iter().map(|p| p.name.as_ref()).collect();
        for form in doc.tables.iter().filter(|t| is_form(t)) {
            check_form(doc, (table, form), &projects, &names, out);
        }
    }
}

#[derive(Clone)]
struct Project<'d> {
    row: &'d Row,
    amount: Amount,
    /// The row's label as a key (`key`).
    name: Cow<'d, str>,
}

fn is_form(table: &Table) -> bool {
    table.kind.is_performance_form()
}

/// Names of category headings in project tables.
const CATEGORY_NAMES: &[&str] = &[
    "专用项目",
    "一般项目",
    "专项项目",
    "项目支出",
    "专项业务经费",
];

/// How the names of units (unit rows of a project table) end.
const UNIT_ENDINGS: &[&str] = &[
    "局",
    "中心",
    "委员会",
    "办公室",
    "院",
    "所",
    "站",
    "处",
    "馆",
    "队",
];

/// A heading by its name: a category (专用项目, 特定目标类) or a unit (…局, …中心).
fn is_heading_name(name: &str) -> bool {
    name.ends_with('类')
        || CATEGORY_NAMES.contains(&name)
        || UNIT_ENDINGS.iter().any(|s| name.ends_with(s))
}

/// The projects of a project table, headings left out: rows named as a category or a unit,
/// and, reading upward, a row that equals the two or more projects since the last heading (or
/// all projects so far).
fn project_leaves<'d>(rows: &[Project<'d>]) -> Vec<Project<'d>> {
    let mut leaves: Vec<Project> = Vec::new();
    let mut pending: Vec<Amount> = Vec::new();
    for p in rows.iter().rev() {
        if is_heading_name(&p.name) {
            pending.clear();
            continue;
        }
        let all: Vec<Amount> = leaves.iter().map(|l| l.amount).collect();
        let equals = |parts: &[Amount]| {
            parts.len() >= 2 && sum_outcome(&p.amount, parts) != Outcome::Mismatch
        };
        if equals(&pending) || equals(&all) {
            pending.clear();
            continue;
        }
        pending.push(p.amount);
        leaves.push(p.clone());
    }
    leaves.reverse();
    leaves
}

fn check_project_sum(
    doc: &Document,
    table: &Table,
    column: usize,
    candidates: &[Project],
    projects: &[Project],
    out: &mut Vec<Finding>,
) {
    let references: Vec<(&Table, &Row, usize)> = project_references(doc);
    let Some(&(rt, row, j)) = references.first() else {
        return;
    };
    let Some(printed) = row.value(j) else {
        return;
    };
    let sum = |ps: &[Project]| ps.iter().map(|p| p.amount).collect::<Vec<_>>();
    let matches_any = |parts: &[Amount]| {
        references.iter().any(|(_, r, j)| {
            r.value(*j)
                .is_some_and(|a| sum_outcome(a, parts) != Outcome::Mismatch)
        })
    };
    let parts = sum(projects);
    let cmp = compare_sum(printed, &parts);
    if cmp.outcome == Outcome::Mismatch && (matches_any(&parts) || matches_any(&sum(candidates))) {
        return;
    }
    let names: Vec<&str> = projects.iter().map(|p| p.name.as_ref()).collect();
    let column_name = table.columns.get(column).map_or("", |c| c.name.as_str());
    let what = format!(
        "《{}》「{column_name}」各项目之和：{}",
        table.title,
        names.join("、")
    );
    let evidence: Vec<&Row> = projects.iter().map(|p| p.row).collect();
    report(
        &Projects::INFO,
        At::cell(doc, rt, row, Some(j)),
        &cmp,
        &what,
        &evidence,
        out,
    );
}

/// The 项目支出 totals the project list should add up to, the preferred one first: the
/// 支出总表's when the department has other money, else the 一般公共预算支出表's.
fn project_references(doc: &Document) -> Vec<(&Table, &Row, usize)> {
    let of = |kind: TableKind| {
        let table = parsed(doc, kind)?;
        let row = table.total_row()?;
        let j = table.column_with_role(ColumnRole::Project)?;
        row.value(j).map(|_| (table, row, j))
    };
    let general = of(TableKind::GeneralBudgetExpenditure);
    let all = of(TableKind::ExpenditureSummary);
    let ordered = if other_money(doc) == Some(true) {
        [all, general]
    } else {
        [general, all]
    };
    ordered.into_iter().flatten().collect()
}

/// The words of a form row's label: `其中：财政拨款 / 其他经费` → [财政拨款, 其他经费].
fn label_parts(row: &Row) -> Vec<String> {
    row.label
        .split(" / ")
        .map(|p| {
            compact(p)
                .trim_start_matches("其中")
                .trim_matches([':', '：'])
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// A project's amount as a form prints it.
struct FormAmount<'d> {
    name: String,
    row: &'d Row,
    amount: Amount,
    /// The amount is the year's (年度资金总额, a task's 预算金额), not the whole period's.
    annual: bool,
}

fn form_amounts<'d>(form: &'d Table, names: &[&str]) -> Vec<FormAmount<'d>> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for row in &form.rows {
        let values: Vec<Amount> = row.values.iter().flatten().copied().collect();
        let names_project = row.label.trim_start().starts_with("项目名称");
        if values.is_empty() && !names_project {
            continue;
        }
        let parts = label_parts(row);
        if parts.first().map(String::as_str) == Some("项目名称") {
            current = parts.get(1).cloned();
            continue;
        }
        if let Some(name) = parts.iter().find(|p| names.contains(&p.as_str())) {
            if let Some(&amount) = values.first() {
                out.push(FormAmount {
                    name: name.clone(),
                    row,
                    amount,
                    annual: true,
                });
                continue;
            }
        }
        if let Some((amount, annual)) = funds_total(&parts, &values) {
            if let Some(name) = current.take() {
                out.push(FormAmount {
                    name,
                    row,
                    amount,
                    annual,
                });
            }
        }
    }
    out
}

/// The 资金总额 of a funds line: the 年度 one when the line prints 实施期 and 年度 side by side.
fn funds_total(parts: &[String], values: &[Amount]) -> Option<(Amount, bool)> {
    let totals: Vec<&String> = parts.iter().filter(|p| p.contains("资金总额")).collect();
    if totals.is_empty() {
        return None;
    }
    let annual = totals.iter().position(|p| p.contains("年度"));
    match annual {
        Some(i) if values.len() == totals.len() => values.get(i).map(|a| (*a, true)),
        _ => values
            .first()
            .map(|a| (*a, !totals.iter().any(|p| p.contains("实施期")))),
    }
}

fn check_form(
    doc: &Document,
    (table, form): (&Table, &Table),
    projects: &[Project],
    names: &[&str],
    out: &mut Vec<Finding>,
) {
    for entry in form_amounts(form, names) {
        let Some(project) = projects.iter().find(|p| p.name == entry.name) else {
            continue;
        };
        let cmp = compare_sum(&entry.amount, &[project.amount]);
        let severity = match cmp.outcome {
            Outcome::Exact => continue,
            Outcome::Rounding => Severity::Info,
            Outcome::Mismatch if entry.annual => Projects::INFO.severity,
            Outcome::Mismatch => Severity::Warning,
        };
        let what = format!(
            "《{}》项目「{}」为 {}",
            table.title, entry.name, cmp.expected
        );
        let at = At::cell(doc, form, entry.row, None);
        out.push(finding(
            &Projects::INFO,
            severity,
            at,
            &cmp,
            &what,
            &[project.row],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinal_levels() {
        assert_eq!(ordinal_level("一、财政拨款收入"), Some(1));
        assert_eq!(ordinal_level("（一）一般公共预算收入"), Some(2));
        assert_eq!(ordinal_level("(二)政府性基金预算收入"), Some(2));
        assert_eq!(ordinal_level("1、一般公共预算拨款"), Some(3));
        assert_eq!(ordinal_level("(1)工资福利支出"), Some(4));
        assert_eq!(ordinal_level("本年收入合计"), None);
        assert_eq!(ordinal_level("其中：财政拨款"), None);
    }

    #[test]
    fn sort_keys_sort_as_codes() {
        let mut codes: Vec<Code> = ["2080505", "208", "30217", "20805", "210", "2080501", "301"]
            .into_iter()
            .filter_map(Code::parse)
            .collect();
        let mut by_key = codes.clone();
        by_key.sort_by_key(sort_key);
        codes.sort();
        assert_eq!(by_key, codes);
    }

    #[test]
    fn funds_total_prefers_the_year() {
        let a = |v: &str| Amount::parse(v, budget_model::Unit::Yuan).ok().flatten();
        let parts = vec!["实施期资金总额".to_string(), "年度资金总额".to_string()];
        let values: Vec<Amount> = [a("500"), a("300")].into_iter().flatten().collect();
        let got = funds_total(&parts, &values).map(|(x, annual)| (x.to_string(), annual));
        assert_eq!(got, Some(("300元".to_string(), true)));
        let only = vec!["实施期资金总额".to_string()];
        let got = funds_total(&only, &values[..1]).map(|(_, annual)| annual);
        assert_eq!(got, Some(false));
    }
}
