//! NARR-COMPLETION: a completion rate of final accounts computes from its budget and its actual.

use budget_model::wording::narrative as wording;
use budget_model::{format_value, Amount, Claim, Document, Finding, Measure, Percent, Severity};
use rust_decimal::Decimal;

use super::{evidence, narrative_finding};
use crate::tolerance::{percent_allowance, percent_interval, PercentRounding};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** A completion rate of final accounts computes: "年初预算 A，支出决算
    /// B，完成年初预算的 C%" (or 全年预算): C = B / A × 100, every printed figure standing for its
    /// rounding, C possibly truncated. A rate printed against a budget of zero is a finding of
    /// its own: a warning when something was spent (against nothing, nothing is completed),
    /// info when nothing was.
    ///
    /// **Why it matters.** The completion rate is how final accounts say whether a department
    /// spent what it was given; a rate that does not follow from the two figures beside it is
    /// either a wrong rate or a wrong figure.
    ///
    /// **Example.** "年初预算999.83万元，支出决算1,182.59万元，完成年初预算的118.28%":
    /// 1182.59 / 999.83 = 118.28%: consistent. Printed 108.28%: error.
    pub struct Completion { id: "NARR-COMPLETION", severity: Severity::Error, summary: "a final-accounts completion rate computes from the budget and the actual figure" }
}

impl Rule for Completion {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        (0..doc.claims.len())
            .filter(|&i| doc.claims[i].completion.is_some() && budget_before(doc, i).is_some())
            .collect()
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for (i, claim) in doc.claims.iter().enumerate() {
            let (Some(c), Some(b)) = (claim.completion, claim.amount) else {
                continue;
            };
            let Some(budget) = budget_before(doc, i) else {
                continue;
            };
            let Some(a) = budget.amount else {
                continue;
            };
            if let Some(mut f) = check_rate(claim, &a, &b, &c) {
                f.evidence = evidence(doc, &[budget, claim], &[]);
                out.push(f);
            }
        }
    }
}

/// The budget figure a completion is against: the nearest figure before the claim in its
/// sentence that states a budget (年初预算, 全年预算, 预算数).
fn budget_before(doc: &Document, i: usize) -> Option<&Claim> {
    let claim = doc.claims.get(i)?;
    let before = doc.claims.get(..i)?;
    before
        .iter()
        .rev()
        .take_while(|c| same_sentence(c, claim))
        .find(|c| c.amount.is_some() && is_budget(c.measure))
}

/// Whether two claims are read from one sentence: a claim the next sentence speaks of
/// (`…完成年初预算的 C%。决算数小于年初预算数…`) carries both sentences.
fn same_sentence(a: &Claim, b: &Claim) -> bool {
    a.sentence.contains(&b.sentence) || b.sentence.contains(&a.sentence)
}

fn is_budget(measure: Measure) -> bool {
    matches!(
        measure,
        Measure::InitialBudget | Measure::FullYearBudget | Measure::Budget
    )
}

/// The finding for a rate that does not compute, or one printed against a zero budget.
fn check_rate(claim: &Claim, a: &Amount, b: &Amount, c: &Percent) -> Option<Finding> {
    if a.is_zero() {
        // Nothing budgeted and nothing spent: the rate names nothing, and misleads no one.
        let severity = if b.is_zero() {
            Severity::Info
        } else {
            Severity::Warning
        };
        let message = wording::completion_of_zero(&claim.subject_text, b, c.value);
        return Some(narrative_finding(
            &Completion::INFO,
            severity,
            message,
            claim,
        ));
    }
    let (budget, actual) = (a.interval(), b.interval());
    if budget.lo <= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let (lo, hi) = (
        actual.lo / budget.hi * hundred,
        actual.hi / budget.lo * hundred,
    );
    let printed = percent_interval(c, PercentRounding::Printed);
    if printed.lo <= hi && lo <= printed.hi {
        return None;
    }
    let expected = (b.to_yuan() / a.to_yuan() * hundred).round_dp(c.decimals);
    let message = wording::completion_differs(
        &claim.subject_text,
        a,
        b,
        format_value(expected, c.decimals),
        c.value,
        percent_allowance(c, PercentRounding::Printed),
    );
    Some(narrative_finding(
        &Completion::INFO,
        Severity::Error,
        message,
        claim,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;

    const TEXT: &str = "五、一般公共预算财政拨款支出决算情况说明\n\
        教育支出（类）普通教育（款）学前教育（项）。年初预算999.83万元，支出决算1,182.59万元，\
        完成年初预算的118.28%。决算数大于年初预算数的主要原因是：追加了业务经费。\n";

    fn findings(text: &str) -> Vec<budget_model::Finding> {
        reconcile(&parse(text))
    }

    #[test]
    fn a_completion_rate_that_computes_is_no_finding() {
        let doc = parse(TEXT);
        assert!(
            doc.claims.iter().any(|c| c.completion.is_some()),
            "{:#?}",
            doc.claims
        );
        assert!(of_rule(&findings(TEXT), "NARR-COMPLETION").is_empty());
    }

    #[test]
    fn a_completion_rate_that_does_not_compute_is_an_error() {
        let found = findings(&TEXT.replace("118.28%", "108.28%"));
        let f = serious(&found, "NARR-COMPLETION");
        assert_eq!(f.len(), 1, "{found:#?}");
        assert_eq!(f[0].severity, budget_model::Severity::Error);
        assert!(f[0].message.contains("118.28%"), "{}", f[0].message);
    }

    #[test]
    fn a_rate_of_nothing_spent_against_nothing_budgeted_is_only_info() {
        let text = TEXT
            .replace("999.83", "0")
            .replace("1,182.59", "0")
            .replace("118.28", "0");
        let found = findings(&text);
        assert!(serious(&found, "NARR-COMPLETION").is_empty(), "{found:#?}");
        assert_eq!(of_rule(&found, "NARR-COMPLETION").len(), 1, "{found:#?}");
    }

    #[test]
    fn a_completion_rate_against_a_zero_budget_is_a_warning() {
        let text = TEXT.replace("999.83", "0");
        let found = findings(&text);
        let f = serious(&found, "NARR-COMPLETION");
        assert_eq!(f.len(), 1, "{found:#?}");
        assert_eq!(f[0].severity, budget_model::Severity::Warning);
    }
}
