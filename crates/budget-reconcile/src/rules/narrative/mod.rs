//! Narrative against tables, one rule per file: every figure the text states about a total, a
//! code or a 三公 item is the table's figure (in the right unit); year-over-year claims and shares
//! compute; the parts listed under a whole add up to it, and their changes to its change; counts
//! split in a sentence add up; a final-accounts completion rate computes.

mod amount;
mod change_parts;
mod completion;
mod counts;
mod direction;
mod parts;
mod previous_year;
mod restated;
mod share;
mod year_over_year;
mod zero_base;

use budget_model::{Claim, Document, Evidence, Finding, Location, Severity};

use crate::findings::row_evidence;
use crate::query::claims::claim_index;
use crate::totals::Figure;

use crate::{Rule, RuleInfo};

pub use amount::NarrativeAmount;
pub use change_parts::ChangeParts;
pub use completion::Completion;
pub use counts::Counts;
pub use direction::DirectionWords;
pub use parts::Parts;
pub use previous_year::{previous_year_findings, StatedLastYear};
pub use restated::Restated;
pub use share::Share;
pub use year_over_year::YearOverYear;
pub use zero_base::ZeroBase;

/// The rules of this family, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &NarrativeAmount,
        &YearOverYear,
        &ZeroBase,
        &DirectionWords,
        &Completion,
        &Parts,
        &ChangeParts,
        &Share,
        &Restated,
        &Counts,
        &StatedLastYear,
    ]
}

/// Where a narrative finding points: the claim's line and character offsets.
fn claim_location(claim: &Claim) -> Location {
    Location {
        line: Some(claim.line),
        start: Some(claim.start),
        end: Some(claim.end),
        ..Location::default()
    }
}

/// What a narrative finding rests on: the claims it reads, in order (the one it points at
/// first), then the table cells it compared them with. A claim first means the finding is
/// never folded into a table finding, nor a table finding into it.
fn evidence(doc: &Document, claims: &[&Claim], cells: &[&Figure<'_>]) -> Vec<Evidence> {
    let claims = claims
        .iter()
        .filter_map(|c| claim_index(doc, c))
        .map(|claim| Evidence::Claim { claim });
    let cells = cells
        .iter()
        .filter_map(|f| row_evidence(doc, f.row, Some(f.column)));
    let mut out: Vec<Evidence> = Vec::new();
    for e in claims.chain(cells) {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

fn narrative_finding(
    info: &RuleInfo,
    severity: Severity,
    message: String,
    claim: &Claim,
) -> Finding {
    Finding {
        rule: info.id.to_string(),
        severity,
        message,
        location: claim_location(claim),
        expected: None,
        printed: claim.amount,
        difference: None,
        tolerance: None,
        source_text: claim.sentence.clone(),
        consequences: Vec::new(),
        evidence: Vec::new(),
        related: Vec::new(),
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Claims built by hand and tables parsed from text, for the rules' tests.

    use budget_model::{
        Amount, Change, Claim, Direction, Document, Finding, Percent, Severity, Subject, Unit,
    };
    use rust_decimal::Decimal;

    pub fn parse(text: &str) -> Document {
        budget_parse::parse_text(text, "fixture")
    }

    pub fn reconcile(doc: &Document) -> Vec<Finding> {
        crate::reconcile(doc)
    }

    pub fn of_rule<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
        findings.iter().filter(|f| f.rule == rule).collect()
    }

    pub fn serious<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
        of_rule(findings, rule)
            .into_iter()
            .filter(|f| f.severity >= Severity::Warning)
            .collect()
    }

    pub fn amount(text: &str, unit: Unit) -> Amount {
        Amount::parse(text, unit)
            .expect("a number")
            .expect("not blank")
    }

    pub fn claim(subject: Subject, text: &str, value: &str, unit: Unit) -> Claim {
        Claim {
            amount: Some(amount(value, unit)),
            sentence: format!("{text}{value}{unit}"),
            start: 0,
            end: 1,
            line: 1,
            headings: vec!["支出预算情况".into()],
            ..Claim::new(subject, text)
        }
    }

    pub fn with_change(
        mut c: Claim,
        direction: Direction,
        d: &str,
        percent: Option<&str>,
    ) -> Claim {
        let unit = c.amount.map_or(Unit::WanYuan, |a| a.unit);
        c.change = Some(Change {
            amount: Some(amount(d, unit)),
            percent: percent.map(percent_of),
            ..Change::new(direction)
        });
        c
    }

    pub fn percent_of(text: &str) -> Percent {
        let value: Decimal = text.parse().expect("a percent");
        Percent {
            value,
            decimals: value.scale(),
        }
    }

    pub fn doc_with_claims(text: &str, claims: Vec<Claim>) -> Document {
        let mut doc = parse(text);
        doc.claims = claims;
        doc
    }
}
