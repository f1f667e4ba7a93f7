//! NARR-DIRECTION: the direction words of a change agree with each other and with the figures.

use budget_model::wording::narrative as wording;
use budget_model::{Amount, Change, Claim, Direction, Document, Finding, Severity};

use super::{evidence, narrative_finding};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The words that say which way a figure moved (增加/减少, 增长/下降,
    /// 大于/小于/等于, 持平) agree with each other and with the figures: the verb of the change
    /// and the verb of its percentage (`减少 131.10万元，下降 13.9%`); the verb and the figure
    /// the change is against, when the text prints it (`上年执行数 A，预算安排 B，增长 …`,
    /// `年初预算 A，支出决算 B，决算数大于年初预算数`: B above A). Figures equal within rounding
    /// say nothing about the direction.
    ///
    /// **Why it matters.** A reader takes the word, not the arithmetic: "增加" where the figures
    /// fell misstates the budget as surely as a wrong amount.
    ///
    /// **Example.** "年初预算 60万元，支出决算 56万元，决算数大于年初预算数": 56 is below 60:
    /// error. "较上年减少 5 万元，增长 3%": error.
    pub struct DirectionWords { id: "NARR-DIRECTION", severity: Severity::Error, summary: "the direction words of a change agree with each other and with the figures" }
}

impl Rule for DirectionWords {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        (0..doc.claims.len())
            .filter(|&i| {
                let claim = &doc.claims[i];
                let Some(change) = claim.change.as_ref().filter(|_| claim.amount.is_some()) else {
                    return false;
                };
                let two_words = change.percent_direction.is_some() && change.amount.is_some();
                two_words || change.base.is_some()
            })
            .collect()
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for claim in &doc.claims {
            let (Some(x), Some(change)) = (claim.amount, claim.change.as_ref()) else {
                continue;
            };
            let message = words_disagree(claim, change).or_else(|| against_base(claim, &x, change));
            if let Some(message) = message {
                let mut finding =
                    narrative_finding(&Self::INFO, Self::INFO.severity, message, claim);
                finding.evidence = evidence(doc, &[claim], &[]);
                out.push(finding);
            }
        }
    }
}

/// `减少 5 万元，增长 3%`: the change's verb and its percentage's verb point opposite ways.
fn words_disagree(claim: &Claim, change: &Change) -> Option<String> {
    let percent = change.percent_direction?;
    let moved = change.amount.is_some_and(|a| !a.is_zero())
        && change.percent.is_some_and(|p| !p.value.is_zero());
    let opposite = matches!(
        (change.direction, percent),
        (Direction::Increase, Direction::Decrease) | (Direction::Decrease, Direction::Increase)
    );
    (moved && opposite)
        .then(|| wording::directions_disagree(&claim.subject_text, change.direction, percent))
}

/// The verb against the figure and the printed base it compares with.
fn against_base(claim: &Claim, x: &Amount, change: &Change) -> Option<String> {
    let base = change.base?;
    let actual = if x.to_yuan() == base.to_yuan() {
        Direction::Unchanged
    } else if x.interval().intersects(&base.interval()) {
        // Equal within rounding: the words may say either.
        return None;
    } else if x.to_yuan() > base.to_yuan() {
        Direction::Increase
    } else {
        Direction::Decrease
    };
    (actual != change.direction).then(|| {
        wording::direction_against_figures(&claim.subject_text, change.direction, x, base, actual)
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;

    /// sn-xian-wjw-2022: "年初预算0万元，支出决算56万元，决算数大于年初预算数".
    #[test]
    fn a_comparison_word_must_match_the_figures() {
        let text = |a: &str| {
            format!("年初预算{a}万元，支出决算56万元，决算数大于年初预算数的主要原因是追加人员工资预算。\n")
        };
        let findings = reconcile(&parse(&text("0")));
        assert!(
            of_rule(&findings, "NARR-DIRECTION").is_empty(),
            "{findings:#?}"
        );
        let findings = reconcile(&parse(&text("60")));
        assert_eq!(
            serious(&findings, "NARR-DIRECTION").len(),
            1,
            "{findings:#?}"
        );
    }

    #[test]
    fn the_change_and_its_percentage_point_the_same_way() {
        let text = |verb: &str| {
            format!("收入预算总额为 812.07万元，较上年减少 131.10万元，{verb} 13.9%。\n")
        };
        let findings = reconcile(&parse(&text("下降")));
        assert!(
            of_rule(&findings, "NARR-DIRECTION").is_empty(),
            "{findings:#?}"
        );
        let findings = reconcile(&parse(&text("增长")));
        assert_eq!(
            serious(&findings, "NARR-DIRECTION").len(),
            1,
            "{findings:#?}"
        );
        // `增长-13.9%`: the sign, not the verb, gives the direction.
        let findings = reconcile(&parse(&text("增长-")));
        assert!(
            of_rule(&findings, "NARR-DIRECTION").is_empty(),
            "{findings:#?}"
        );
    }
}
