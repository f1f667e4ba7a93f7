//! YEAR-STATED: what this year's document says about last year against last year's document of
//! the same entity.

use budget_model::wording::years as wording;
use budget_model::{
    Amount, Claim, Direction, Document, Evidence, Finding, Location, Severity, Subject,
};
use budget_parse::vocab::narrative::{compares_with_actuals, compares_with_last_years_budget};
use rust_decimal::Decimal;

use super::amount::cells_described;
use super::claim_location;
use crate::findings::{cell_location, describe, from_comparison, row_name};
use crate::tolerance::{compare_interval, Outcome};
use crate::totals::Figure;
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** Every figure this year's narrative gives for last year, outright
    /// (`上年预算数 A`) or through its change (`412.50万元，比上年预算减少 31万元`: last year
    /// 443.50), equals last year's budget document of the same entity: the cell that document
    /// prints for the same item (a total, a classification code, a 三公 item), after converting
    /// units, within the rounding of the figures it is worked out from. A comparison with last
    /// year's actual spending (上年执行数, 决算) is not checked: a budget does not print it. Run
    /// with two documents: `budget-audit check --previous LAST_YEAR THIS_YEAR`, or a batch
    /// holding both years. An error when the sentence names last year's budget, a warning when
    /// it only says "上年" (it may mean last year's actual spending).
    ///
    /// **Why it matters.** A figure copied from the wrong year, or a change worked out against
    /// a figure that was never published, is one of the commonest errors of a disclosure and
    /// the one no check of a single document can see.
    ///
    /// **Example.** 2018: "公务接待费预算支出 412.50 万元，比上年预算减少 31 万元" while the 2017
    /// document's 三公 table prints 公务接待费 440.00: last year was 443.50 by the 2018 text,
    /// error (difference 3.50万元).
    pub struct StatedLastYear { id: "YEAR-STATED", severity: Severity::Error, summary: "what this year's document says of last year equals last year's document" }
}

impl Rule for StatedLastYear {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    /// Needs last year's document too: see [`previous_year_findings`].
    fn check(&self, _doc: &Document, _out: &mut Vec<Finding>) {}
}

/// A figure of last year as this year's sentence gives it.
struct LastYear {
    /// The value, in the unit of the figure it comes from.
    amount: Amount,
    /// Half the width of the values it may stand for, in yuan: the rounding of the figures it
    /// is worked out from.
    radius: Decimal,
    /// How it follows from the sentence.
    how: String,
}

/// The findings of [`StatedLastYear`] for `current` against `previous`, last year's document of
/// the same entity (its source names it in the findings); each finding is located in `current`
/// and relates to the cell of `previous` it was compared with.
pub fn previous_year_findings(previous: &Document, current: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    // Last year's figures looked up as last year's document states them: its own budget.
    let as_this_year: Vec<Claim> = current
        .claims
        .iter()
        .map(|c| Claim {
            measure: budget_model::Measure::Budget,
            ..c.clone()
        })
        .collect();
    for (i, claim) in current.claims.iter().enumerate() {
        if compares_with_actuals(&claim.sentence) {
            continue;
        }
        let Some(last_year) = last_year_of(claim) else {
            continue;
        };
        let cells = cells_described(previous, &as_this_year, i);
        if let Some(mut finding) = compare(previous, claim, &last_year, &cells) {
            finding.evidence = vec![Evidence::Claim { claim: i }];
            out.push(finding);
        }
    }
    out
}

/// Last year's figure a claim states: outright (上年预算数 A), as the base of its change, or
/// worked out from this year's figure and the change.
fn last_year_of(claim: &Claim) -> Option<LastYear> {
    if !matches!(
        claim.subject,
        Subject::Total(_) | Subject::Code(_) | Subject::ThreePublic(_)
    ) {
        return None;
    }
    let outright = |a: Amount| LastYear {
        amount: a,
        radius: a.half_ulp_yuan(),
        how: wording::STATED_OUTRIGHT.to_string(),
    };
    if claim.measure == budget_model::Measure::LastYearBudget {
        return claim.amount.map(outright);
    }
    if !claim.measure.is_this_years_budget() {
        return None;
    }
    let (amount, change) = (claim.amount?, claim.change.as_ref()?);
    if let Some(base) = change.base {
        return Some(outright(base));
    }
    if change.direction == Direction::Unchanged {
        return Some(LastYear {
            amount,
            radius: amount.half_ulp_yuan(),
            how: wording::UNCHANGED.to_string(),
        });
    }
    let d = change.amount?;
    let (sign, yuan) = match change.direction {
        Direction::Increase => ('-', amount.to_yuan() - d.to_yuan()),
        _ => ('+', amount.to_yuan() + d.to_yuan()),
    };
    let factor = amount.unit.yuan_factor();
    Some(LastYear {
        amount: Amount::new(
            (yuan / factor).normalize(),
            amount.unit,
            amount.decimals.max(d.decimals),
        ),
        radius: amount.half_ulp_yuan() + d.half_ulp_yuan(),
        how: wording::derived_from(amount, sign, d),
    })
}

/// The finding when no cell of last year's document holds the figure, against the first.
fn compare(
    previous: &Document,
    claim: &Claim,
    last_year: &LastYear,
    cells: &[Figure<'_>],
) -> Option<Finding> {
    let value = last_year.amount.to_yuan();
    let interval = budget_model::Interval {
        lo: value - last_year.radius,
        hi: value + last_year.radius,
    };
    let outcome = |f: &Figure<'_>| compare_interval(&f.amount, interval, value);
    if cells
        .iter()
        .any(|f| outcome(f).outcome != Outcome::Mismatch)
    {
        return None;
    }
    let figure = cells.first()?;
    let cmp = outcome(figure);
    let explicit = claim.measure == budget_model::Measure::LastYearBudget
        || compares_with_last_years_budget(&claim.sentence);
    let severity = if explicit {
        StatedLastYear::INFO.severity
    } else {
        Severity::Warning
    };
    let source = previous.facts.source.as_str();
    let message = wording::stated_last_year_differs(
        &claim.subject_text,
        last_year.amount,
        &last_year.how,
        source,
        &figure.table.title,
        &row_name(figure.row),
        &describe(&cmp),
    );
    let text = format!("{}\n{source}: {}", claim.sentence, figure.row.source);
    let mut finding = from_comparison(
        &StatedLastYear::INFO,
        severity,
        message,
        claim_location(claim),
        &cmp,
        text,
    );
    finding.related = vec![previous_location(previous, figure)];
    Some(finding)
}

/// Where the cell of last year's document is printed, naming that document (and, for a
/// publication of several files, the file).
fn previous_location(previous: &Document, figure: &Figure<'_>) -> Location {
    let column = figure.table.columns.get(figure.column);
    let mut l = cell_location(figure.table, figure.row, column);
    l.page = previous.page_of_line(figure.row.line);
    l.bbox = figure.row.boxes.get(figure.column).copied().flatten();
    previous.localize(&mut l);
    if l.file.is_none() {
        l.file = Some(previous.facts.source.clone());
    }
    l
}
