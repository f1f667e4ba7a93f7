//! NARR-COUNT: counts split in a sentence add up.

use budget_model::wording::narrative as wording;
use budget_model::{Amount, Claim, Count, Document, Finding, Severity, Subject};

use super::{claim_location, evidence, narrative_finding};
use crate::findings::{describe, from_comparison, severity_of};
use crate::query::claims::claim_index;
use crate::tolerance::compare_sum;
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** A sentence that counts things and then splits the count ("部门预算
    /// 安排项目 4 个，项目预算金额合计 5083.74 万元，其中：机关项目 3 个 … 629.3 万元；中心项目
    /// 1 个 … 350 万元；分局项目 3 个 … 4101.44 万元") adds up: the parts' counts sum to the
    /// total count, and when each part states an amount, the parts' amounts sum to the total
    /// amount. Only the counts after `其中` are parts: counts side by side (`跟踪项目 4 个，评价
    /// 项目 4 个`) are parallel.
    ///
    /// **Why it matters.** Counts and amounts of projects are how the public follows what the
    /// money buys; a split that does not add up means a project is missing or double-counted.
    ///
    /// **Example.** 3 + 1 + 3 = 7 projects, not 4: error; 629.3 + 350 + 4101.44 = 5080.74, not
    /// 5083.74: error.
    pub struct Counts { id: "NARR-COUNT", severity: Severity::Error, summary: "counts split in a sentence add up (N projects = the parts' counts and amounts)" }
}

impl Rule for Counts {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for split in count_splits(doc) {
            check_count_split(doc, &split, out);
        }
    }

    fn covers(&self, doc: &Document) -> Vec<usize> {
        count_splits(doc)
            .iter()
            .flat_map(|split| {
                let (sentence, _) = split[0];
                let counts = split.iter().map(|(c, _)| *c);
                let amounts = sentence_amounts(doc, sentence).into_iter().map(|(c, _)| c);
                counts.chain(amounts).collect::<Vec<_>>()
            })
            .filter_map(|c| claim_index(doc, c))
            .collect()
    }
}

/// The counts of each sentence that splits a total: the total (its first count) and the
/// parts its `其中` lists, at least two; parallel counts are no parts.
fn count_splits(doc: &Document) -> Vec<Vec<(&Claim, &Count)>> {
    let counts: Vec<(&Claim, &Count)> = doc
        .claims
        .iter()
        .filter_map(|c| match &c.subject {
            Subject::Count(n) => Some((c, n)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < counts.len() {
        let (first, _) = counts[i];
        let group: Vec<_> = counts[i..]
            .iter()
            .take_while(|(c, _)| c.start == first.start && c.end == first.end)
            .copied()
            .collect();
        i += group.len().max(1);
        let split: Vec<_> = group
            .iter()
            .enumerate()
            .filter(|(k, (c, _))| *k == 0 || c.part_of.is_some())
            .map(|(_, pair)| *pair)
            .collect();
        if split.len() >= 3 {
            out.push(split);
        }
    }
    out
}

/// The amounts stated in a count's sentence, in order.
fn sentence_amounts<'d>(doc: &'d Document, sentence: &Claim) -> Vec<(&'d Claim, Amount)> {
    doc.claims
        .iter()
        .filter(|c| c.start >= sentence.start && c.start < sentence.end)
        .filter_map(|c| c.amount.map(|a| (c, a)))
        .collect()
}

fn check_count_split(doc: &Document, group: &[(&Claim, &Count)], out: &mut Vec<Finding>) {
    let (sentence, total) = group[0];
    let parts = &group[1..];
    let counted: Vec<&Claim> = group.iter().map(|(c, _)| *c).collect();
    let sum: u32 = parts.iter().map(|(_, n)| n.count).sum();
    if sum != total.count {
        let listed: Vec<u32> = parts.iter().map(|(_, n)| n.count).collect();
        let message = wording::counts_differ(total.count, &total.noun, &listed, sum);
        let mut finding = narrative_finding(&Counts::INFO, Severity::Error, message, sentence);
        finding.evidence = evidence(doc, &counted, &[]);
        out.push(finding);
    }
    let stated = sentence_amounts(doc, sentence);
    let amounts: Vec<Amount> = stated.iter().map(|&(_, a)| a).collect();
    if amounts.len() == parts.len() + 1 {
        let cmp = compare_sum(&amounts[0], &amounts[1..]);
        if let Some(severity) = severity_of(&Counts::INFO, &cmp) {
            let message = wording::counted_amounts_differ(&total.noun, &describe(&cmp));
            let location = claim_location(sentence);
            let mut finding = from_comparison(
                &Counts::INFO,
                severity,
                message,
                location,
                &cmp,
                sentence.sentence.clone(),
            );
            let claims: Vec<&Claim> = stated.iter().map(|&(c, _)| c).collect();
            finding.evidence = evidence(doc, &claims, &[]);
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use rust_decimal::Decimal;

    #[test]
    fn counts_split_in_a_sentence_must_add_up() {
        let text = |parts: &str| {
            format!("部门预算安排项目 4 个，项目预算金额合计 5083.74 万元，其中：{parts}。\n")
        };
        let bad = parse(&text("机关项目 3 个，项目预算金额 629.3 万元；中心项目 1 个，项目金额 350 万元；分局项目 3 个，项目预算金额 4101.44 万元"));
        let findings = reconcile(&bad);
        let f = serious(&findings, "NARR-COUNT");
        assert_eq!(f.len(), 2, "{findings:#?}");
        assert!(f[0].message.contains("3 + 1 + 3 = 7"), "{}", f[0].message);
        assert_eq!(f[1].difference, Some(Decimal::new(300, 2)));
        let parallel = parse("跟踪项目 4 个，评价项目 4 个，新增项目 4 个。\n");
        assert!(of_rule(&reconcile(&parallel), "NARR-COUNT").is_empty());
        let good = parse(&text("机关项目 2 个，项目预算金额 632.3 万元；中心项目 1 个，项目金额 350 万元；分局项目 1 个，项目预算金额 4101.44 万元"));
        assert!(of_rule(&reconcile(&good), "NARR-COUNT").is_empty());
    }
}
