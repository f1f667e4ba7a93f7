//! FORM-SUM: the money lines of a performance-target form add up.

use budget_model::wording::tables as wording;
use budget_model::{Amount, Document, Finding, Row, Severity, Table, Term};

use super::amounts;
use crate::findings::{cell_location, describe, evidence, from_comparison, severity_of};
use crate::tolerance::{compare_sum, Comparison, Outcome};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The money lines of performance-target forms add up: 年度资金总额 =
    /// 财政拨款 + 其他资金 + 上年结转 (each column of a form with 实施期 and 年度 columns); a
    /// 合计 line equals the sum of the lines above it with the same columns (金额合计 of the
    /// 年度主要任务); on a line under a header 总额 / 财政拨款 / 其他资金, 总额 = the other two.
    ///
    /// **Why it matters.** The forms state how much money each target gets; a form whose own
    /// lines disagree cannot be matched to the budget tables.
    ///
    /// **Example.** 项目资金: 年度资金总额 535.93 = 财政拨款 270 + 其他资金 0 + 上年结转 265.93:
    /// consistent. With 上年结转 printed 256.93 it would be 9.00 short: error.
    pub struct FormSums { id: "FORM-SUM", severity: Severity::Error, summary: "the money lines of a performance-target form add up" }
}

impl Rule for FormSums {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for table in doc.tables.iter().filter(|t| t.kind.is_performance_form()) {
            let lines: Vec<Line> = table.rows.iter().map(Line::of).collect();
            let form = Form { doc, table };
            check_fund_lines(&form, &lines, out);
            check_total_lines(&form, &lines, out);
            check_header_rows(&form, &lines, out);
        }
    }
}

/// A form row with its amounts, read once; its words are read as the checks need them.
struct Line<'t> {
    row: &'t Row,
    amounts: Vec<Amount>,
}

impl<'t> Line<'t> {
    fn of(row: &'t Row) -> Self {
        Line {
            row,
            amounts: amounts(row),
        }
    }
}

fn sources(lines: &[&Line]) -> String {
    lines
        .iter()
        .map(|l| l.row.source.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A form of the document.
struct Form<'d> {
    doc: &'d Document,
    table: &'d Table,
}

/// Pushes a finding when the comparison calls for one; its evidence is `lines`.
fn report(
    info: &RuleInfo,
    form: &Form,
    row: &Row,
    what: &str,
    cmp: &Comparison,
    lines: &[&Line],
    out: &mut Vec<Finding>,
) {
    if let Some(severity) = severity_of(info, cmp) {
        let message = wording::at_with(&row.label, &describe(cmp), what);
        let location = cell_location(form.table, row, None);
        let mut finding = from_comparison(info, severity, message, location, cmp, sources(lines));
        let rows: Vec<&Row> = lines.iter().map(|l| l.row).collect();
        finding.evidence = evidence(form.doc, Some((row, None)), &rows);
        out.push(finding);
    }
}

/// 资金总额 = 财政拨款 + 其他资金 + 上年结转, column by column.
fn check_fund_lines(form: &Form, lines: &[Line], out: &mut Vec<Finding>) {
    for (i, line) in lines.iter().enumerate() {
        // A line without amounts has nothing to compare.
        if line.amounts.is_empty() || !has_term(line.row, Term::Funds) {
            continue;
        }
        let parts: Vec<&Line> = lines[i + 1..]
            .iter()
            .take_while(|l| has_term(l.row, Term::FundPart))
            .collect();
        if parts.is_empty() {
            continue;
        }
        let mut evidence = vec![line];
        evidence.extend(parts.iter().copied());
        let sum = Sum {
            line,
            parts: &parts,
            evidence: &evidence,
        };
        compare_by_column(form, &sum, wording::FUNDS_EQUAL_SOURCES, out);
    }
}

/// A line's amounts compared, column by column, with the sums of the same columns of its
/// parts; `evidence` the lines the finding rests on.
struct Sum<'a, 't> {
    line: &'a Line<'t>,
    parts: &'a [&'a Line<'t>],
    evidence: &'a [&'a Line<'t>],
}

fn compare_by_column(form: &Form, sum: &Sum, what: &str, out: &mut Vec<Finding>) {
    for (j, total) in sum.line.amounts.iter().enumerate() {
        let values: Vec<Amount> = sum
            .parts
            .iter()
            .filter_map(|l| l.amounts.get(j).copied())
            .collect();
        let cmp = compare_sum(total, &values);
        let row = sum.line.row;
        report(&FormSums::INFO, form, row, what, &cmp, sum.evidence, out);
    }
}

/// Whether one of a line's words has a meaning.
fn has_term(row: &Row, term: Term) -> bool {
    row.parts.iter().any(|p| p.is(term))
}

/// A 合计 line equals the sum of the lines above it with the same number of amounts. A task
/// whose description wraps over several lines prints its amounts on one of them: the lines
/// without amounts between the tasks are skipped, up to the form's header line, when the tasks
/// so gathered add up (the lines right above the 合计 alone are compared otherwise).
fn check_total_lines(form: &Form, lines: &[Line], out: &mut Vec<Finding>) {
    for (i, line) in lines.iter().enumerate() {
        let last_is_total = line.row.parts.last().is_some_and(|p| p.is(Term::Total));
        if line.amounts.is_empty() || !last_is_total {
            continue;
        }
        let width = line.amounts.len();
        let above = &lines[..i];
        let mut parts: Vec<&Line> = above
            .iter()
            .rev()
            .take_while(|l| l.amounts.len() == width)
            .collect();
        let spanning = tasks_above(above, width);
        if spanning.len() > parts.len() && adds_up(line, &spanning) {
            continue;
        }
        if parts.len() < 2 {
            continue;
        }
        parts.reverse();
        let mut evidence = parts.clone();
        evidence.push(line);
        let sum = Sum {
            line,
            parts: &parts,
            evidence: &evidence,
        };
        compare_by_column(form, &sum, wording::TOTAL_EQUALS_LINES_ABOVE, out);
    }
}

/// The lines of `width` amounts above a 合计, lines without amounts skipped, up to a header
/// line, a line of other amounts or another 合计.
fn tasks_above<'a, 't>(above: &'a [Line<'t>], width: usize) -> Vec<&'a Line<'t>> {
    let mut out = Vec::new();
    for l in above.iter().rev() {
        let is_total = l.row.parts.last().is_some_and(|p| p.is(Term::Total));
        if is_total || header_width(l.row).is_some() {
            break;
        }
        match l.amounts.len() {
            0 => continue,
            n if n == width => out.push(l),
            _ => break,
        }
    }
    out
}

/// Whether every amount of `line` is the sum of the same column of `parts`, within rounding.
fn adds_up(line: &Line, parts: &[&Line]) -> bool {
    line.amounts.iter().enumerate().all(|(j, total)| {
        let values: Vec<Amount> = parts
            .iter()
            .filter_map(|l| l.amounts.get(j).copied())
            .collect();
        compare_sum(total, &values).outcome != Outcome::Mismatch
    })
}

/// Under a header line `总额 / 财政拨款 / 其他资金`, each line's 总额 = the other amounts.
fn check_header_rows(form: &Form, lines: &[Line], out: &mut Vec<Finding>) {
    let mut width = None;
    for line in lines {
        if line.amounts.is_empty() {
            width = header_width(line.row);
            continue;
        }
        if Some(line.amounts.len()) != width {
            continue;
        }
        let cmp = compare_sum(&line.amounts[0], &line.amounts[1..]);
        report(
            &FormSums::INFO,
            form,
            line.row,
            wording::AMOUNT_EQUALS_SOURCES,
            &cmp,
            &[line],
            out,
        );
    }
}

/// The number of words of a header line (`总额 / 财政拨款 / 其他资金`, or one whose first word
/// ends with 合计) of three words or more; none for any other line.
fn header_width(row: &Row) -> Option<usize> {
    let first = row.parts.first()?;
    if !(first.is(Term::Amount) || first.is(Term::Total)) {
        return None;
    }
    let width = row.parts.len();
    (width >= 3).then_some(width)
}
