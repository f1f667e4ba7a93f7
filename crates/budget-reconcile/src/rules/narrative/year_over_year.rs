//! NARR-YOY: a change against last year and its percentage compute.

use budget_model::wording::narrative as wording;
use budget_model::{format_value, Amount, Claim, Direction, Document, Finding, Percent, Severity};
use rust_decimal::Decimal;

use super::{evidence, narrative_finding};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** "X，较上年增加 D，增长 P%" computes: last year is X − D (X + D for a
    /// decrease) and P = D / last year × 100, within the rounding of every printed figure (the
    /// interval of D over the interval of last year must meet P's interval). An increase from
    /// zero (X = D, not zero) has no percentage: printing one is an error.
    ///
    /// **Why it matters.** Growth rates are the figures the press repeats; a rate that does not
    /// follow from the printed amounts is either a wrong rate or a wrong amount.
    ///
    /// **Example.** "收入预算总额为 812.07万元，较上年减少 131.10万元，下降 13.9%": last year
    /// 943.17, 131.10 / 943.17 = 13.90%: consistent. "公务接待费 5000 元，较上年增加 5000 元
    /// （100%）": last year was 0: error.
    pub struct YearOverYear { id: "NARR-YOY", severity: Severity::Error, summary: "a year-over-year change and its percentage compute" }
}

impl Rule for YearOverYear {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for claim in &doc.claims {
            let (Some(x), Some(change)) = (claim.amount, claim.change.as_ref()) else {
                continue;
            };
            let (Some(d), Some(p)) = (change.amount, change.percent) else {
                continue;
            };
            if let Some(mut finding) = check_yoy(claim, &x, &d, change.direction, &p) {
                finding.evidence = evidence(doc, &[claim], &[]);
                out.push(finding);
            }
        }
    }
}

fn check_yoy(
    claim: &Claim,
    x: &Amount,
    d: &Amount,
    direction: Direction,
    p: &Percent,
) -> Option<Finding> {
    let last = match direction {
        Direction::Increase => x.interval() - d.interval(),
        Direction::Decrease => x.interval() + d.interval(),
        Direction::Unchanged => return None,
    };
    // Nothing last year and nothing this year (`0万元，比上年增加0万元，增长0%`) is no growth
    // at all, not growth from zero.
    let from_zero = direction == Direction::Increase && x.to_yuan() == d.to_yuan() && !d.is_zero();
    if from_zero {
        let message = wording::growth_from_zero(&claim.subject_text, d, p.value);
        return Some(narrative_finding(
            &YearOverYear::INFO,
            Severity::Error,
            message,
            claim,
        ));
    }
    if last.lo <= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let d_int = d.interval();
    let (lo, hi) = (d_int.lo / last.hi * hundred, d_int.hi / last.lo * hundred);
    let half = Decimal::new(5, p.decimals + 1);
    let (p_lo, p_hi) = (p.value - half, p.value + half);
    if p_lo <= hi && lo <= p_hi {
        return None;
    }
    let expected = (d.to_yuan() / last.mid() * hundred).round_dp(p.decimals);
    let message = wording::growth_rate_differs(
        &claim.subject_text,
        &format_value(last.mid() / x.unit.yuan_factor(), x.decimals),
        d,
        expected,
        p.value,
        half,
    );
    Some(narrative_finding(
        &YearOverYear::INFO,
        Severity::Error,
        message,
        claim,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use budget_model::{Direction, Subject, TotalKind, Unit};

    #[test]
    fn year_over_year_percent_must_compute() {
        let base = claim(
            Subject::Total(TotalKind::Income),
            "收入预算总额",
            "812.07",
            Unit::WanYuan,
        );
        let good = with_change(base.clone(), Direction::Decrease, "131.10", Some("13.9"));
        assert!(of_rule(&reconcile(&doc_with_claims("", vec![good])), "NARR-YOY").is_empty());
        let bad = with_change(base, Direction::Decrease, "131.10", Some("16.1"));
        let findings = reconcile(&doc_with_claims("", vec![bad]));
        let f = serious(&findings, "NARR-YOY");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert!(f[0].message.contains("13.9%"), "{}", f[0].message);
    }

    #[test]
    fn an_increase_from_zero_has_no_percentage() {
        let base = claim(
            Subject::Other("公务接待费".into()),
            "公务接待费",
            "5000",
            Unit::Yuan,
        );
        let bad = with_change(base.clone(), Direction::Increase, "5000", Some("100"));
        let findings = reconcile(&doc_with_claims("", vec![bad]));
        assert_eq!(serious(&findings, "NARR-YOY").len(), 1, "{findings:#?}");
        let good = with_change(base, Direction::Increase, "5000", None);
        assert!(of_rule(&reconcile(&doc_with_claims("", vec![good])), "NARR-YOY").is_empty());
    }

    /// `0万元，比上年增加0万元，增长0%`: nothing either year, no growth from zero.
    #[test]
    fn nothing_either_year_is_no_growth_from_zero() {
        let base = claim(
            Subject::Other("因公出国（境）费".into()),
            "因公出国（境）费",
            "0",
            Unit::WanYuan,
        );
        let zero = with_change(base, Direction::Increase, "0", Some("0"));
        let findings = reconcile(&doc_with_claims("", vec![zero]));
        assert!(of_rule(&findings, "NARR-YOY").is_empty(), "{findings:#?}");
    }
}
