//! NARR-YOY-ZERO: a growth rate printed against a base of zero.

use budget_model::wording::narrative as wording;
use budget_model::{Amount, Document, Finding, Severity};
use rust_decimal::Decimal;

use super::year_over_year::from_zero;
use super::{evidence, narrative_finding};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** A change whose base is zero (an increase by the whole figure,
    /// `公务接待费 5000 元，较上年增加 5000 元`, or a printed last year of 0) has no growth
    /// rate, yet a percentage is printed. Writing `100%` for "new this year" is a common
    /// convention: that is only noted (info). Any other rate printed against zero (`增长 0%`,
    /// `增长 275%`) is a warning: one of the figures is wrong, or the rate is meaningless.
    ///
    /// **Why it matters.** A rate against nothing cannot be checked nor compared; a reader
    /// should know that "100%" here means "new", not "doubled".
    ///
    /// **Example.** "公务接待费 5000 元，较上年增加 5000 元（100%）": info, from zero.
    /// "1668.14万元，比年初预算数增加 1668.14万元，增长 0%": warning.
    pub struct ZeroBase { id: "NARR-YOY-ZERO", severity: Severity::Warning, summary: "a growth rate printed against a base of zero (100% noted, others warned)" }
}

impl Rule for ZeroBase {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        (0..doc.claims.len())
            .filter(|&i| {
                let claim = &doc.claims[i];
                match (claim.amount, claim.change.as_ref()) {
                    (Some(x), Some(change)) => change.percent.is_some() && from_zero(&x, change),
                    _ => false,
                }
            })
            .collect()
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for claim in &doc.claims {
            let (Some(x), Some(change)) = (claim.amount, claim.change.as_ref()) else {
                continue;
            };
            let Some(p) = change.percent else { continue };
            if !from_zero(&x, change) {
                continue;
            }
            let conventional = p.value == Decimal::ONE_HUNDRED;
            let severity = if conventional {
                Severity::Info
            } else {
                Self::INFO.severity
            };
            let moved: Amount = change.amount.unwrap_or(x);
            let message =
                wording::rate_from_zero(&claim.subject_text, moved, p.value, conventional);
            let mut finding = narrative_finding(&Self::INFO, severity, message, claim);
            finding.evidence = evidence(doc, &[claim], &[]);
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use budget_model::{Severity, Subject, Unit};

    fn reception(d: &str, p: &str) -> budget_model::Claim {
        let base = claim(
            Subject::Other("公务接待费".into()),
            "公务接待费",
            "5000",
            Unit::Yuan,
        );
        with_change(base, budget_model::Direction::Increase, d, Some(p))
    }

    /// 004: "公务接待费 5000 元，较上年增加 5000 元（100%）": new this year, only noted.
    #[test]
    fn a_hundred_percent_from_zero_is_noted() {
        let findings = reconcile(&doc_with_claims("", vec![reception("5000", "100")]));
        let f = of_rule(&findings, "NARR-YOY-ZERO");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert_eq!(f[0].severity, Severity::Info);
        assert!(of_rule(&findings, "NARR-YOY").is_empty(), "{findings:#?}");
    }

    #[test]
    fn another_rate_from_zero_is_a_warning() {
        let findings = reconcile(&doc_with_claims("", vec![reception("5000", "0")]));
        assert_eq!(
            serious(&findings, "NARR-YOY-ZERO").len(),
            1,
            "{findings:#?}"
        );
        // Not from zero: last year was 2500, the rate is NARR-YOY's.
        let findings = reconcile(&doc_with_claims("", vec![reception("2500", "100")]));
        assert!(
            of_rule(&findings, "NARR-YOY-ZERO").is_empty(),
            "{findings:#?}"
        );
        assert!(of_rule(&findings, "NARR-YOY").is_empty(), "{findings:#?}");
    }
}
