//! Relations across tables (勾稽关系, domain.md "Relations that must hold"), one rule per file:
//! the summary's own identities, the summary against the expenditure table, all money against
//! general-budget money, the fiscal summary against the general-budget table, basic expenditure
//! across tables, the 人员/公用 split, 三公 against the basic table, and projects against
//! 项目支出 and the performance forms.
//!
//! Every comparison goes through the interval rule of `tolerance.rs`, after unit conversion, so
//! a last-digit difference is at most `info`. This module holds what the rules share: where a
//! compared figure is printed, the finding it makes, the folding of one wrong figure's
//! consequences, and whether the department has money other than general-budget appropriation.

mod basic_personnel_public;
mod expenditure_vs_general;
pub mod final_accounts;
mod fiscal_vs_general;
mod general_basic;
mod projects;
mod summary_balance;
mod summary_vs_expenditure;
mod three_public_vs_basic;

use budget_model::wording::tables as wording;
use budget_model::{
    sum_interval, Amount, Code, Document, Finding, Fund, Location, Row, RowRole, Severity, Side,
    Table, TableKind,
};
use rust_decimal::Decimal;

use crate::findings::{cell_location, describe, evidence, row_name, severity_of};
use crate::query::tables::{
    code_amounts, code_parts, parsed, rows_in, section_column, sections_on, union, ByCode,
};
use crate::tolerance::{compare_interval, Comparison, Outcome};
use crate::{Rule, RuleInfo};

pub use basic_personnel_public::BasicPersonnelPublic;
pub use expenditure_vs_general::ExpenditureVsGeneral;
pub use fiscal_vs_general::FiscalVsGeneral;
pub use general_basic::GeneralBasic;
pub use projects::Projects;
pub use summary_balance::SummaryBalance;
pub use summary_vs_expenditure::SummaryVsExpenditure;
pub use three_public_vs_basic::ThreePublicVsBasic;

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
            (None, Some(code)) => wording::unlisted(code),
            (None, None) => String::new(),
        };
        let column = self
            .column
            .and_then(|j| self.table.columns.get(j))
            .map(|c| wording::column(&c.name))
            .unwrap_or_default();
        format!("{}{row}{column}", wording::title(&self.table.title))
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
        message: wording::at_with(&at.name(), &describe(cmp), what),
        location: at.location(),
        expected: Some(cmp.expected),
        printed: Some(cmp.printed),
        difference: Some(cmp.difference),
        tolerance: Some(cmp.tolerance),
        source_text: lines.join("\n"),
        consequences: Vec::new(),
        evidence: evidence(at.doc, at.row.map(|r| (r, at.column)), evidence_rows),
        related: Vec::new(),
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
    sections_on(table, Side::Income).into_iter().any(|s| {
        let column = section_column(table, s);
        rows_in(table, s).iter().any(|r| {
            let nonzero = column
                .and_then(|j| r.value(j))
                .is_some_and(|a| !a.is_zero());
            let general = matches!(r.fund, Some(Fund::Fiscal | Fund::GeneralBudget));
            nonzero && r.role != RowRole::OfWhich && !general && !r.role.is_total()
        })
    })
}

fn income_other_money(table: &Table) -> bool {
    use budget_model::ColumnRole::*;
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
    /// The codes to compare: those of either table, when both tables print coded rows. A table
    /// laid out by another key (budget units, 单位编码) prints none of the codes of the other,
    /// and a code missing from it says nothing about the document.
    fn codes(&self, of: impl Fn(&[&'d Row]) -> Vec<Code>) -> Vec<Code> {
        let (printed, expected) = (&self.printed.1.rows, &self.expected.1.rows);
        if printed.is_empty() || expected.is_empty() {
            return Vec::new();
        }
        union(of(printed), of(expected))
    }

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
        let what = wording::code_in_column(&et.title, column, c.code, c.cmp.expected);
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
