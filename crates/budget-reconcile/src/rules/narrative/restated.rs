//! NARR-RESTATED: a quantity the narrative states twice has the same figures both times.

use budget_model::wording::narrative as wording;
use budget_model::{compact, Amount, Claim, Document, Finding, Severity, Subject};

use super::{claim_location, evidence};
use crate::findings::{describe, from_comparison, severity_of};
use crate::query::claims::{claim_index, figures_for};
use crate::tolerance::{compare_equal, equal_outcome, Outcome};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** When the narrative states the same quantity twice in a row (an
    /// item's amount in its heading line and again in its body, or a figure repeated in the
    /// next sentence), both statements print the same amount and, when both state the change
    /// against last year with an amount, the same change. The same quantity is: the same
    /// subject (a total, a class or a 三公 item, named by the same words), of the same measure
    /// and money, the part of the same whole, under the same headings, in two different
    /// sentences, with no other figure stated between them (further apart, lists of the same
    /// names for different wholes are common: the classes of 基本支出, then those of 项目支出).
    /// Other named items (机关运行经费, 会议费) are one quantity only when the first statement
    /// is a line of its own (a heading line and its body): items named alike in the sentences
    /// of a list (`项目金额：2600万元 … 项目金额：5521万元`) are parallel. A figure the tables
    /// print is left to NARR-AMOUNT, which says which of the two is wrong.
    ///
    /// **Why it matters.** Two figures for one thing leave the reader to guess; one of them was
    /// copied from somewhere else or not updated.
    ///
    /// **Example.** "（二）机关运行经费 944.07 万元" then "机关运行经费预算 994.07 万元，比上年
    /// 增加 13.38 万元": error.
    pub struct Restated { id: "NARR-RESTATED", severity: Severity::Error, summary: "a quantity stated twice in the narrative has the same figures both times" }
}

impl Rule for Restated {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        restatements(doc)
            .into_iter()
            .flat_map(|(a, b)| [a, b])
            .filter_map(|c| claim_index(doc, c))
            .collect()
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for (first, later) in restatements(doc) {
            if let Some(mut f) = compare(doc, first, later) {
                f.evidence = evidence(doc, &[later, first], &[]);
                out.push(f);
            }
        }
    }
}

/// The pairs of claims stating one quantity twice in a row.
fn restatements(doc: &Document) -> Vec<(&Claim, &Claim)> {
    let stated: Vec<&Claim> = doc.claims.iter().filter(|c| c.amount.is_some()).collect();
    stated
        .windows(2)
        .filter_map(|pair| match pair {
            [first, later] => Some((*first, *later)),
            _ => None,
        })
        .filter(|(first, later)| {
            same_quantity(first, later) && (resolved(&first.subject) || heads(first))
        })
        .collect()
}

/// Subjects the reader knows. Other words (`项目金额`) are often parallel items of a list: they
/// are one quantity only when the first statement is a line of its own ([`heads`]).
fn resolved(subject: &Subject) -> bool {
    matches!(
        subject,
        Subject::Total(_) | Subject::Code(_) | Subject::ThreePublic(_)
    )
}

/// Whether the claim is all its sentence says, but for a list number and a full stop
/// (`（一）部门机关运行经费预算 944.07 万元。`): the heading line of an item, whose body follows.
fn heads(claim: &Claim) -> bool {
    /// A list number and the closing punctuation.
    const AROUND: usize = 5;
    let span = claim.end.saturating_sub(claim.start);
    span + AROUND >= claim.sentence.chars().count()
}

fn same_quantity(a: &Claim, b: &Claim) -> bool {
    a.subject == b.subject
        && compact(&a.subject_text) == compact(&b.subject_text)
        && a.measure == b.measure
        && a.fund == b.fund
        && a.same_section(b)
        && a.sentence != b.sentence
}

fn compare(doc: &Document, first: &Claim, later: &Claim) -> Option<Finding> {
    let (a, b) = (first.amount?, later.amount?);
    if equal_outcome(&b, &a) == Outcome::Mismatch {
        // Which of the two is right is the tables' to say.
        if !figures_for(doc, later).is_empty() {
            return None;
        }
        return differs(first, later, (a, b), wording::restated_differs);
    }
    let (x, y) = (change_amount(first)?, change_amount(later)?);
    differs(first, later, (x, y), wording::restated_change_differs)
}

/// The finding of a figure stated again (`later`) that differs from what `first` said of it.
fn differs(
    first: &Claim,
    later: &Claim,
    (said, again): (Amount, Amount),
    words: fn(&str, &str) -> String,
) -> Option<Finding> {
    let cmp = compare_equal(&again, &said);
    let severity = severity_of(&Restated::INFO, &cmp)?;
    let message = words(&later.subject_text, &describe(&cmp));
    Some(from_comparison(
        &Restated::INFO,
        severity,
        message,
        claim_location(later),
        &cmp,
        format!("{}\n{}", first.sentence, later.sentence),
    ))
}

/// A change stated with an amount, signed: decreases negative.
fn change_amount(claim: &Claim) -> Option<Amount> {
    let change = claim.change.as_ref()?;
    let a = change.amount?;
    Some(match change.direction {
        budget_model::Direction::Decrease => Amount::new(-a.value, a.unit, a.decimals),
        _ => a,
    })
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;

    fn text(heading: &str, body: &str, change: &str) -> String {
        format!(
            "五、机关运行经费情况说明\n（一）部门机关运行经费预算 {heading} 万元。\n部门机关运行经费预算 {body} 万元，比上年增加 {change} 万元，增长 1.44%。\n"
        )
    }

    /// 002: "部门机关运行经费预算 944.07 万元" stated once in its heading line and again in its
    /// body.
    #[test]
    fn a_quantity_stated_twice_has_one_amount() {
        let findings = reconcile(&parse(&text("944.07", "944.07", "13.38")));
        assert!(
            of_rule(&findings, "NARR-RESTATED").is_empty(),
            "{findings:#?}"
        );
        let findings = reconcile(&parse(&text("994.07", "944.07", "13.38")));
        let f = serious(&findings, "NARR-RESTATED");
        assert_eq!(f.len(), 1, "{findings:#?}");
        assert_eq!(
            f[0].expected.map(|a| a.to_string()).as_deref(),
            Some("994.07万元")
        );
    }

    #[test]
    fn a_quantity_stated_twice_has_one_change() {
        let body = "“三公”经费 213.24 万元，比上年减少 29.31 万元。";
        let again = |d: &str| {
            format!(
                "五、“三公”经费情况说明\n{body}\n“三公”经费 213.24 万元，比上年减少 {d} 万元。\n"
            )
        };
        let findings = reconcile(&parse(&again("29.31")));
        assert!(
            of_rule(&findings, "NARR-RESTATED").is_empty(),
            "{findings:#?}"
        );
        let findings = reconcile(&parse(&again("26.01")));
        assert_eq!(
            serious(&findings, "NARR-RESTATED").len(),
            1,
            "{findings:#?}"
        );
    }

    /// Parallel items of one list (`项目金额：2600万元 … 项目金额：5521万元`) are not one
    /// quantity.
    #[test]
    fn parallel_items_are_not_restatements() {
        let text = "1. 项目名称：离休干部医疗费，项目金额：2600万元。\n2. 项目名称：城乡居民医保，项目金额：5521万元。\n";
        let findings = reconcile(&parse(text));
        assert!(
            of_rule(&findings, "NARR-RESTATED").is_empty(),
            "{findings:#?}"
        );
    }
}
