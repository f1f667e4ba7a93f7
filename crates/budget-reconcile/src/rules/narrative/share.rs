//! NARR-SHARE: a share (占 P%) computes against its whole.

use budget_model::wording::narrative as wording;
use budget_model::{Amount, Claim, Document, Finding, Percent, Severity};
use rust_decimal::Decimal;

use super::{evidence, narrative_finding};
use crate::tolerance::{percent_interval, PercentRounding};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** "A，占 P%" computes against the right denominator: the whole the
    /// parser linked the share to, the nearest one stated before it in the same section that is
    /// at least as large (基本支出 of 支出合计, 人员经费 of 基本支出). P must meet the interval of
    /// A / whole × 100 given the rounding of both amounts; P may be rounded or truncated (up to
    /// one unit of its last digit below the exact share), and shares of one whole that add up
    /// to exactly 100% were forced to (the largest-remainder method): each may be one unit off
    /// either way.
    ///
    /// **Why it matters.** A share that does not compute means the part, the whole or the rate
    /// was changed without the others.
    ///
    /// **Example.** "支出合计8825.49万元，其中：基本支出704.49万元，占7.98%": 704.49 / 8825.49 =
    /// 7.982%: consistent.
    pub struct Share { id: "NARR-SHARE", severity: Severity::Error, summary: "a share (a part as P% of a whole) computes against its whole" }
}

impl Rule for Share {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        doc.claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.amount.is_some() && c.share.is_some())
            .filter_map(|(i, c)| {
                let whole = c.share_of?;
                doc.claims.get(whole)?.amount?;
                Some([i, whole])
            })
            .flatten()
            .collect()
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for claim in &doc.claims {
            let (Some(part), Some(p)) = (claim.amount, claim.share) else {
                continue;
            };
            let Some(whole_claim) = claim.share_of.and_then(|i| doc.claims.get(i)) else {
                continue;
            };
            let Some(whole) = whole_claim.amount else {
                continue;
            };
            let rounding = rounding_of(doc, claim.share_of);
            if let Some(mut f) = check_share(claim, &part, whole_claim, &whole, &p, rounding) {
                f.evidence = evidence(doc, &[claim, whole_claim], &[]);
                out.push(f);
            }
        }
    }
}

/// How the shares of one whole were rounded: forced to add up to 100 when two or more of them
/// add up to exactly 100 (`基本支出 占 56.17%，项目支出 占 43.83%`).
fn rounding_of(doc: &Document, whole: Option<usize>) -> PercentRounding {
    let shares: Vec<Decimal> = doc
        .claims
        .iter()
        .filter(|c| whole.is_some() && c.share_of == whole)
        .filter_map(|c| c.share.map(|p| p.value))
        .collect();
    if shares.len() >= 2 && shares.iter().sum::<Decimal>() == Decimal::ONE_HUNDRED {
        PercentRounding::ForcedToHundred
    } else {
        PercentRounding::Printed
    }
}

fn check_share(
    claim: &Claim,
    part: &Amount,
    whole_claim: &Claim,
    whole: &Amount,
    p: &Percent,
    rounding: PercentRounding,
) -> Option<Finding> {
    let hundred = Decimal::ONE_HUNDRED;
    let (a, w) = (part.interval(), whole.interval());
    if w.lo <= Decimal::ZERO {
        return None;
    }
    let (lo, hi) = (a.lo / w.hi * hundred, a.hi / w.lo * hundred);
    let printed = percent_interval(p, rounding);
    if printed.lo <= hi && lo <= printed.hi {
        return None;
    }
    let expected = (part.to_yuan() / whole.to_yuan() * hundred).round_dp(p.decimals.max(2));
    let message = wording::share_differs(
        &claim.subject_text,
        part,
        &whole_claim.subject_text,
        whole,
        expected,
        p.value,
    );
    let mut f = narrative_finding(&Share::INFO, Severity::Error, message, claim);
    f.source_text = format!("{}\n{}", whole_claim.sentence, claim.sentence);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use budget_model::{Evidence, Subject, TotalKind, Unit};

    #[test]
    fn a_share_must_compute_against_its_whole() {
        let whole = claim(
            Subject::Total(TotalKind::Expenditure),
            "支出合计",
            "8825.49",
            Unit::WanYuan,
        );
        let mut part = claim(
            Subject::Total(TotalKind::Basic),
            "基本支出",
            "704.49",
            Unit::WanYuan,
        );
        part.share = Some(percent_of("7.98"));
        part.share_of = Some(0);
        let good = reconcile(&doc_with_claims("", vec![whole.clone(), part.clone()]));
        assert!(of_rule(&good, "NARR-SHARE").is_empty(), "{good:#?}");
        part.share = Some(percent_of("8.98"));
        let bad = reconcile(&doc_with_claims("", vec![whole.clone(), part.clone()]));
        let f = serious(&bad, "NARR-SHARE");
        assert_eq!(f.len(), 1, "{bad:#?}");
        assert_eq!(
            f[0].evidence,
            [Evidence::Claim { claim: 1 }, Evidence::Claim { claim: 0 }]
        );
        // 7.99 is one unit above 7.982, which neither rounding nor truncation explains; but
        // when the shares of the whole were forced to add up to 100, it may be.
        part.share = Some(percent_of("7.99"));
        let bad = reconcile(&doc_with_claims("", vec![whole.clone(), part.clone()]));
        assert_eq!(serious(&bad, "NARR-SHARE").len(), 1, "{bad:#?}");
        let mut project = claim(
            Subject::Total(TotalKind::Project),
            "项目支出",
            "8121.00",
            Unit::WanYuan,
        );
        project.share = Some(percent_of("92.01"));
        project.share_of = Some(0);
        let forced = reconcile(&doc_with_claims(
            "",
            vec![whole.clone(), part.clone(), project],
        ));
        assert!(of_rule(&forced, "NARR-SHARE").is_empty(), "{forced:#?}");
        part.share = Some(percent_of("7.98"));
        // A share linked to no whole is not checked.
        part.share_of = None;
        let alone = reconcile(&doc_with_claims("", vec![whole, part]));
        assert!(of_rule(&alone, "NARR-SHARE").is_empty(), "{alone:#?}");
    }
}
