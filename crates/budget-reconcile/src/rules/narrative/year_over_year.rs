//! NARR-YOY: a change against last year, its amount and its percentage compute.

use budget_model::wording::narrative as wording;
use budget_model::{
    format_value, Amount, Change, Claim, Direction, Document, Finding, Interval, Percent, Severity,
};
use rust_decimal::Decimal;

use super::{evidence, narrative_finding};
use crate::tolerance::{percent_allowance, percent_interval, PercentRounding};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** "X，较上年增加 D，增长 P%" computes: last year is X − D (X + D for a
    /// decrease), or the figure the text prints for it (`上年执行数 A，预算安排 X`, `比上年预算数
    /// A 增加 D`), and P = D / last year × 100. Every printed figure stands for its rounding;
    /// a percentage may also have been truncated (publishers do), so P may be up to one unit of
    /// its last digit below the exact rate. When last year is printed, D must be X − A too. A
    /// rate against a zero base is NARR-YOY-ZERO's, not this rule's.
    ///
    /// **Why it matters.** Growth rates are the figures the press repeats; a rate that does not
    /// follow from the printed amounts is either a wrong rate or a wrong amount.
    ///
    /// **Example.** "收入预算总额为 812.07万元，较上年减少 131.10万元，下降 13.9%": last year
    /// 943.17, 131.10 / 943.17 = 13.90%: consistent. "增加 2228.78万元，增长 10.15%" with last
    /// year 21940.96: 10.158%, truncated: consistent. "减少 1237.7万元，减少 13.22%" of
    /// 4335.3万元: 1237.7 / 5573.0 = 22.21%: error.
    pub struct YearOverYear { id: "NARR-YOY", severity: Severity::Error, summary: "a year-over-year change, its amount and its percentage compute" }
}

impl Rule for YearOverYear {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        (0..doc.claims.len())
            .filter(|&i| {
                let claim = &doc.claims[i];
                let (Some(x), Some(change)) = (claim.amount, claim.change.as_ref()) else {
                    return false;
                };
                let amount = change.base.is_some() && change.amount.is_some();
                let rate = change.percent.is_some()
                    && !from_zero(&x, change)
                    && change_size(&x, change).is_some_and(|s| s.last_year.lo > Decimal::ZERO);
                amount || rate
            })
            .collect()
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for claim in &doc.claims {
            let (Some(x), Some(change)) = (claim.amount, claim.change.as_ref()) else {
                continue;
            };
            let findings = [
                check_amount(claim, &x, change),
                change_size(&x, change).and_then(|size| check_rate(claim, &x, change, &size)),
            ];
            for mut finding in findings.into_iter().flatten() {
                finding.evidence = evidence(doc, &[claim], &[]);
                out.push(finding);
            }
        }
    }
}

/// The size of a change and last year's figure, as intervals of yuan.
pub(super) struct Size {
    pub(super) change: Interval,
    pub(super) last_year: Interval,
}

/// What the change says last year was, and by how much the figure moved: from the printed base
/// when there is one, else from the printed change. None for no change or no figures.
pub(super) fn change_size(x: &Amount, change: &Change) -> Option<Size> {
    if let Some(base) = change.base {
        return Some(Size {
            change: (x.interval() - base.interval()).abs(),
            last_year: base.interval(),
        });
    }
    let d = change.amount?;
    let last_year = match change.direction {
        Direction::Increase => x.interval() - d.interval(),
        Direction::Decrease => x.interval() + d.interval(),
        Direction::Unchanged => return None,
    };
    Some(Size {
        change: d.interval(),
        last_year,
    })
}

/// Whether the change is against a base of exactly zero: an increase by the whole figure, or a
/// printed base of zero.
pub(super) fn from_zero(x: &Amount, change: &Change) -> bool {
    match (change.base, change.amount) {
        (Some(base), _) => base.is_zero() && !x.is_zero(),
        (None, Some(d)) => {
            change.direction == Direction::Increase && x.to_yuan() == d.to_yuan() && !d.is_zero()
        }
        (None, None) => false,
    }
}

/// A printed change against a printed base: D = |X − A|, within rounding.
fn check_amount(claim: &Claim, x: &Amount, change: &Change) -> Option<Finding> {
    let (base, d) = (change.base?, change.amount?);
    let expected = (x.interval() - base.interval()).abs();
    if expected.intersects(&d.interval()) {
        return None;
    }
    let value = (x.to_yuan() - base.to_yuan()).abs() / d.unit.yuan_factor();
    let expected_amount = Amount::new(value, d.unit, d.decimals);
    let message = wording::change_differs(&claim.subject_text, x, base, expected_amount, d);
    let mut f = narrative_finding(&YearOverYear::INFO, Severity::Error, message, claim);
    f.expected = Some(expected_amount);
    Some(f)
}

fn check_rate(claim: &Claim, x: &Amount, change: &Change, size: &Size) -> Option<Finding> {
    let p = change.percent?;
    if from_zero(x, change) {
        return None;
    }
    let last = size.last_year;
    if last.lo <= Decimal::ZERO {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let (lo, hi) = (
        size.change.lo / last.hi * hundred,
        size.change.hi / last.lo * hundred,
    );
    let printed = percent_interval(&p, PercentRounding::Printed);
    if printed.lo <= hi && lo <= printed.hi {
        return None;
    }
    Some(rate_finding(claim, x, change, size, &p))
}

fn rate_finding(claim: &Claim, x: &Amount, change: &Change, size: &Size, p: &Percent) -> Finding {
    let hundred = Decimal::ONE_HUNDRED;
    let last = size.last_year.mid();
    let expected = (size.change.mid() / last * hundred).round_dp(p.decimals);
    let moved = Amount::new(size.change.mid() / x.unit.yuan_factor(), x.unit, x.decimals);
    let message = wording::growth_rate_differs(
        &claim.subject_text,
        &format_value(last / x.unit.yuan_factor(), x.decimals),
        change.amount.unwrap_or(moved),
        expected,
        p.value,
        percent_allowance(p, PercentRounding::Printed),
    );
    narrative_finding(&YearOverYear::INFO, Severity::Error, message, claim)
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

    /// js-jcy-2019: "支出 24169.74万元 … 增加 2228.78万元，增长 10.15%": 2228.78 / 21940.96 =
    /// 10.158%, printed truncated; 10.14% is no rounding nor truncation of it.
    #[test]
    fn a_truncated_percentage_is_no_error() {
        let base = claim(
            Subject::Total(TotalKind::Expenditure),
            "支出预算总计",
            "24169.74",
            Unit::WanYuan,
        );
        let truncated = with_change(base.clone(), Direction::Increase, "2228.78", Some("10.15"));
        let findings = reconcile(&doc_with_claims("", vec![truncated]));
        assert!(of_rule(&findings, "NARR-YOY").is_empty(), "{findings:#?}");
        let wrong = with_change(base, Direction::Increase, "2228.78", Some("10.14"));
        let findings = reconcile(&doc_with_claims("", vec![wrong]));
        assert_eq!(serious(&findings, "NARR-YOY").len(), 1, "{findings:#?}");
    }

    /// `上年执行数 10.00 万元，预算安排 12.00 万元，增长 P%`: last year is the printed base.
    #[test]
    fn a_printed_base_is_last_year() {
        let text = |p: &str| {
            format!("公务接待费上年执行数 10.00 万元，2024 年预算安排 12.00 万元，增长 {p}%。\n")
        };
        let findings = reconcile(&parse(&text("20")));
        assert!(of_rule(&findings, "NARR-YOY").is_empty(), "{findings:#?}");
        let findings = reconcile(&parse(&text("16.7")));
        let f = serious(&findings, "NARR-YOY");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert!(f[0].message.contains("= 20.0%"), "{}", f[0].message);
    }

    /// `比上年预算数 10.00 万元增加 3.00 万元`: 12.00 − 10.00 = 2.00, not 3.00.
    #[test]
    fn a_change_against_a_printed_base_must_be_their_difference() {
        let text =
            |d: &str| format!("公务接待费 12.00 万元，比上年预算数 10.00 万元增加 {d} 万元。\n");
        let findings = reconcile(&parse(&text("2.00")));
        assert!(of_rule(&findings, "NARR-YOY").is_empty(), "{findings:#?}");
        let findings = reconcile(&parse(&text("3.00")));
        let f = serious(&findings, "NARR-YOY");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert_eq!(
            f[0].expected.map(|a| a.to_string()).as_deref(),
            Some("2.00万元")
        );
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
        assert!(
            of_rule(&findings, "NARR-YOY-ZERO").is_empty(),
            "{findings:#?}"
        );
    }
}
