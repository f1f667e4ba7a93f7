//! NARR-YOY-PARTS: the changes of the parts add up to the change of the whole.

use budget_model::wording::narrative as wording;
use budget_model::{Amount, Claim, Direction, Document, Finding, Severity, Subject, Unit};
use rust_decimal::Decimal;

use super::parts::{sentences, table_splits};
use super::{claim_location, evidence};
use crate::findings::{describe, from_comparison, severity_of};
use crate::query::claims::claim_index;
use crate::tolerance::{compare_sum, Outcome, RunningSum};
use crate::totals::Figure;
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** When the narrative splits a whole into parts (按支出功能科目划分,
    /// 按支出项目类别划分, the income sources …) and states each part's change against last year,
    /// the parts' changes add up to the whole's change. Parts are the claims with a change that
    /// follow the whole in the same section, on its side of the budget (expenditure classes do
    /// not split an income), and whose amounts add up to the whole's amount (so they are a
    /// complete split), or the classes listed under it that a table shows to be its complete
    /// split (see NARR-PARTS), whether their amounts add up or not; "与上年保持一致" counts as
    /// zero.
    ///
    /// **Why it matters.** A part's change copied from another section (all money instead of
    /// 财政拨款) or mistyped shows up only this way.
    ///
    /// **Example.** 财政拨款支出 8763.47，较上年增加 1044.91; 社会保障和就业 592.54 (+79.22)、
    /// 卫生健康 7697.58 (−14333.97)、住房保障 473.35 (+92.05): the parts add up to 8763.47 but
    /// their changes to −14162.70, not +1044.91: error.
    pub struct ChangeParts { id: "NARR-YOY-PARTS", severity: Severity::Error, summary: "the parts' changes add up to the whole's change" }
}

impl Rule for ChangeParts {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for (whole, run, table) in change_splits(doc) {
            if let Some(mut f) = check_split(whole, &run) {
                let claims: Vec<&Claim> = std::iter::once(whole).chain(run).collect();
                let cells: Vec<&Figure<'_>> = table.iter().collect();
                f.evidence = evidence(doc, &claims, &cells);
                out.push(f);
            }
        }
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        change_splits(doc)
            .into_iter()
            .filter(|(whole, run, _)| {
                signed_change(whole).is_some() && run.iter().all(|c| signed_change(c).is_some())
            })
            .flat_map(|(whole, run, _)| std::iter::once(whole).chain(run))
            .filter_map(|c| claim_index(doc, c))
            .collect()
    }
}

/// The wholes with a change and their splits: runs of the claims after a total whose amounts
/// add up to it, then the lists a table shows to be complete even when their amounts do not
/// add up (that is NARR-PARTS' finding; their changes are checked here all the same), with the
/// table cell of the whole.
fn change_splits(doc: &Document) -> Vec<(&Claim, Vec<&Claim>, Option<Figure<'_>>)> {
    let mut out: Vec<(&Claim, Vec<&Claim>, Option<Figure<'_>>)> = Vec::new();
    let mut checked: Vec<Vec<usize>> = Vec::new();
    let claims: Vec<&Claim> = doc
        .claims
        .iter()
        .filter(|c| c.amount.is_some() && c.change.is_some())
        .collect();
    for (i, whole) in claims.iter().enumerate() {
        if !matches!(whole.subject, Subject::Total(_)) {
            continue;
        }
        // Parts are on the whole's side: expenditure classes do not split an income.
        let other_side = |c: &Claim| match (c.subject.side(), whole.subject.side()) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        };
        let followers: Vec<&Claim> = claims[i + 1..]
            .iter()
            .copied()
            .take_while(|c| c.same_section(whole) && c.subject != whole.subject)
            .filter(|c| !other_side(c))
            .collect();
        for run in splits(whole, &followers) {
            checked.push(run.iter().filter_map(|c| claim_index(doc, c)).collect());
            out.push((whole, run, None));
        }
    }
    for split in table_splits(doc) {
        let (Some(whole), Some(run)) = (
            doc.claims.get(split.whole),
            split
                .parts
                .iter()
                .map(|&i| doc.claims.get(i))
                .collect::<Option<Vec<&Claim>>>(),
        ) else {
            continue;
        };
        if !checked.contains(&split.parts) {
            out.push((whole, run, Some(split.total)));
        }
    }
    out
}

/// Contiguous runs of claims whose amounts add up to the whole's amount (within rounding).
fn splits<'c>(whole: &Claim, followers: &[&'c Claim]) -> Vec<Vec<&'c Claim>> {
    let Some(total) = whole.amount else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0;
    while start < followers.len() {
        let mut parts = RunningSum::default();
        let mut found = None;
        for (k, claim) in followers[start..].iter().enumerate() {
            let Some(a) = claim.amount else { break };
            parts.add(&a);
            if k >= 1 && parts.outcome(&total) != Outcome::Mismatch {
                found = Some(start + k + 1);
                break;
            }
            if parts.exceeds(&total) {
                break;
            }
        }
        match found {
            Some(mut end) => {
                // Parts printed as zero complete the split too.
                while followers
                    .get(end)
                    .and_then(|c| c.amount)
                    .is_some_and(|a| a.is_zero())
                {
                    end += 1;
                }
                out.push(followers[start..end].to_vec());
                start = end;
            }
            None => start += 1,
        }
    }
    out
}

/// A change as a signed amount: decreases negative, unchanged zero.
fn signed_change(claim: &Claim) -> Option<Amount> {
    let change = claim.change.as_ref()?;
    let unit = claim.amount.map_or(Unit::WanYuan, |a| a.unit);
    match change.direction {
        Direction::Unchanged => Some(Amount::new(Decimal::ZERO, unit, 2)),
        Direction::Increase => change.amount,
        Direction::Decrease => change
            .amount
            .map(|a| Amount::new(-a.value, a.unit, a.decimals)),
    }
}

fn check_split(whole: &Claim, parts: &[&Claim]) -> Option<Finding> {
    let whole_change = signed_change(whole)?;
    let part_changes: Option<Vec<Amount>> = parts.iter().map(|c| signed_change(c)).collect();
    let cmp = compare_sum(&whole_change, &part_changes?);
    let severity = severity_of(&ChangeParts::INFO, &cmp)?;
    let names: Vec<&str> = parts.iter().map(|c| c.subject_text.as_str()).collect();
    let message = wording::parts_changes_differ(&whole.subject_text, &describe(&cmp), &names);
    let source = sentences(whole, parts);
    Some(from_comparison(
        &ChangeParts::INFO,
        severity,
        message,
        claim_location(whole),
        &cmp,
        source,
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use budget_model::{Claim, Direction, Subject, TotalKind, Unit};

    fn split_claims(third_change: &str) -> Vec<Claim> {
        let code = |c: &str| Subject::Code(budget_model::Code::parse(c).expect("a code"));
        vec![
            with_change(
                claim(
                    Subject::Total(TotalKind::FiscalExpenditure),
                    "财政拨款支出预算总额",
                    "8763.47",
                    Unit::WanYuan,
                ),
                Direction::Increase,
                "1044.91",
                None,
            ),
            with_change(
                claim(code("208"), "社会保障和就业支出", "592.54", Unit::WanYuan),
                Direction::Increase,
                "79.22",
                None,
            ),
            with_change(
                claim(code("210"), "卫生健康支出", "7697.58", Unit::WanYuan),
                Direction::Increase,
                third_change,
                None,
            ),
            with_change(
                claim(code("221"), "住房保障支出", "473.35", Unit::WanYuan),
                Direction::Increase,
                "92.05",
                None,
            ),
        ]
    }

    #[test]
    fn parts_changes_must_add_up_to_the_whole() {
        let findings = reconcile(&doc_with_claims("", split_claims("873.64")));
        assert!(
            of_rule(&findings, "NARR-YOY-PARTS").is_empty(),
            "{findings:#?}"
        );
        let mut claims = split_claims("14333.97");
        if let Some(change) = claims[2].change.as_mut() {
            change.direction = Direction::Decrease;
        }
        let findings = reconcile(&doc_with_claims("", claims));
        let f = serious(&findings, "NARR-YOY-PARTS");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert_eq!(
            f[0].expected.map(|a| a.to_string()).as_deref(),
            Some("-14162.70万元")
        );
    }

    #[test]
    fn parts_in_another_section_are_not_parts() {
        let mut claims = split_claims("14333.97");
        if let Some(change) = claims[2].change.as_mut() {
            change.direction = Direction::Decrease;
        }
        for part in &mut claims[1..] {
            part.part_of = Some(Subject::Total(TotalKind::Basic));
        }
        let findings = reconcile(&doc_with_claims("", claims));
        assert!(
            of_rule(&findings, "NARR-YOY-PARTS").is_empty(),
            "{findings:#?}"
        );
    }

    /// An income is not split by expenditure classes, even when their amounts add up to it.
    #[test]
    fn parts_on_the_other_side_are_not_parts() {
        let mut claims = split_claims("14333.97");
        if let Some(change) = claims[2].change.as_mut() {
            change.direction = Direction::Decrease;
        }
        claims[0].subject = Subject::Total(TotalKind::GeneralBudgetIncome);
        let findings = reconcile(&doc_with_claims("", claims));
        assert!(
            of_rule(&findings, "NARR-YOY-PARTS").is_empty(),
            "{findings:#?}"
        );
    }
}
