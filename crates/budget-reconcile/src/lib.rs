//! Normalized document → findings. Each rule is a small unit with a stable id, a severity and a
//! three-part doc (what it checks, why it matters, an example), kept in its doc comment and
//! printed by `budget-audit rules`. Pure and synchronous.

pub mod findings;
pub mod pairing;
pub mod placing;
pub mod plausibility;
pub mod publication;
pub mod query;
mod rule;
pub mod rules;
pub mod tolerance;
pub mod totals;

use budget_model::{Document, Evidence, Finding, NarrativeCoverage, Reconciliation};

pub use plausibility::{most_plausible, read_document};
pub use publication::read_publication;
pub use rule::{Rule, RuleInfo};
pub use rules::narrative::previous_year_findings;

/// Every rule, in the order the catalogue lists them.
pub fn catalogue() -> Vec<&'static dyn Rule> {
    rules::all()
}

/// The catalogue entry of one rule, by id (case-insensitive).
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    catalogue()
        .into_iter()
        .map(|r| r.info())
        .find(|info| info.id.eq_ignore_ascii_case(id))
}

/// Runs every rule on a document and returns the findings, most severe first, then in document
/// order.
pub fn reconcile(document: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in catalogue() {
        rule.check(document, &mut findings);
    }
    let mut findings = fold_consequences(findings);
    for rule in catalogue() {
        findings = rule.review(document, findings);
    }
    locate(document, &mut findings);
    sort_findings(&mut findings);
    findings
}

/// Gives each finding its page, box, spreadsheet cell and file, from its line and evidence.
fn locate(document: &Document, findings: &mut [Finding]) {
    for f in findings {
        f.location.page = f.location.line.and_then(|l| document.page_of_line(l));
        f.location.bbox = placing::finding_box(document, f);
        f.location.cell = placing::finding_cell(document, f);
        document.localize(&mut f.location);
    }
}

/// Most severe first, then in document order.
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.location.line.unwrap_or(0)));
}

/// Checks what `report`'s document says about last year against `previous`, last year's
/// document of the same entity ([`previous_year_findings`]): the findings join the report's,
/// and the document names `previous` as the one it was compared with.
pub fn compare_with_previous(report: &mut Reconciliation, previous: &Document) {
    let mut found = previous_year_findings(previous, &report.document);
    locate(&report.document, &mut found);
    report.findings.extend(found);
    sort_findings(&mut report.findings);
    report.document.previous = Some(previous.facts.source.clone());
}

/// Reconciles a document: its findings ([`reconcile`]) and how much of its narrative they
/// cover ([`narrative_coverage`]).
pub fn reconciliation(document: Document) -> Reconciliation {
    let findings = reconcile(&document);
    let coverage = narrative_coverage(&document);
    Reconciliation {
        document,
        findings,
        coverage,
    }
}

/// The narrative's figures, those a table cell describes and those some rule compares (see
/// [`Rule::covers`]).
pub fn narrative_coverage(document: &Document) -> NarrativeCoverage {
    let figures: Vec<usize> = (0..document.claims.len())
        .filter(|&i| document.claims[i].amount.is_some())
        .collect();
    let mut checked: Vec<usize> = catalogue()
        .into_iter()
        .flat_map(|rule| rule.covers(document))
        .filter(|i| figures.binary_search(i).is_ok())
        .collect();
    checked.sort_unstable();
    checked.dedup();
    NarrativeCoverage {
        resolved: rules::narrative::NarrativeAmount::resolved(document),
        figures,
        checked,
    }
}

/// One wrong cell upsets every sum it takes part in. A finding whose evidence contains the row
/// another finding points at, in the same table, is a consequence of that other finding: it is
/// folded into it rather than reported on its own. Only errors and warnings fold; a finding is
/// folded into one of the same or higher severity.
pub fn fold_consequences(findings: Vec<Finding>) -> Vec<Finding> {
    let roots: Vec<Option<usize>> = (0..findings.len()).map(|i| root_of(&findings, i)).collect();
    let mut kept: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    for (i, root) in roots.iter().enumerate() {
        let Some(r) = *root else { continue };
        if let Some(folded) = kept[i].take() {
            if let Some(root) = kept[r].as_mut() {
                root.consequences
                    .push(format!("[{}] {}", folded.rule, folded.message));
                root.consequences.extend(folded.consequences);
            }
        }
    }
    kept.into_iter().flatten().collect()
}

/// The (table, row) a finding points at: its first piece of evidence.
fn own_row(f: &Finding) -> Option<(usize, usize)> {
    f.evidence.first().and_then(Evidence::row)
}

/// Whether a finding's evidence holds a row.
fn rests_on(f: &Finding, row: (usize, usize)) -> bool {
    f.evidence.iter().any(|e| e.row() == Some(row))
}

/// The finding that `i` is a consequence of, if any: one in the same table, of no weaker
/// severity, whose row is part of `i`'s evidence while `i`'s row is not part of its own — the
/// more specific of two findings that share a row.
fn root_of(findings: &[Finding], i: usize) -> Option<usize> {
    let f = &findings[i];
    if f.severity < budget_model::Severity::Warning {
        return None;
    }
    let own = own_row(f)?;
    (0..findings.len()).find(|&j| {
        let r = &findings[j];
        let Some(root) = own_row(r) else {
            return false;
        };
        j != i
            && r.severity >= f.severity
            && root.0 == own.0
            && root != own
            && rests_on(f, root)
            && !rests_on(r, own)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::{Location, Severity};

    fn finding(rule: &str, line: usize, rows: &[usize]) -> Finding {
        Finding {
            rule: rule.into(),
            severity: Severity::Error,
            message: format!("{rule} at {line}"),
            location: Location {
                table_title: Some("部门支出总表".into()),
                line: Some(line),
                ..Location::default()
            },
            expected: None,
            printed: None,
            difference: None,
            tolerance: None,
            source_text: String::new(),
            consequences: Vec::new(),
            evidence: rows
                .iter()
                .map(|&row| Evidence::Row { table: 3, row })
                .collect(),
            related: Vec::new(),
        }
    }

    #[test]
    fn a_wrong_cell_is_reported_once_with_its_consequences() {
        // Row 5 is a 项 (2080505), row 4 its 款 (20805); the 款's sum rests on the 项.
        let sum_cols = finding("SUM-COLS", 12, &[5]);
        let sum_rows = finding("SUM-ROWS", 10, &[4, 5]);
        let unrelated = finding("SUM-ROWS", 30, &[20, 21]);
        let folded = fold_consequences(vec![sum_rows, sum_cols, unrelated]);
        assert_eq!(folded.len(), 2);
        let root = folded.iter().find(|f| f.rule == "SUM-COLS").unwrap();
        assert_eq!(
            root.consequences,
            vec!["[SUM-ROWS] SUM-ROWS at 10".to_string()]
        );
    }

    #[test]
    fn rows_printed_alike_are_told_apart_by_their_place() {
        // Two rows with the same printed text (a table flattened onto one line) are still two
        // rows: a finding on one is no consequence of a finding on the other.
        let a = finding("SUM-ROWS", 7, &[1, 2]);
        let b = finding("SUM-ROWS", 7, &[3, 4]);
        assert_eq!(fold_consequences(vec![a, b]).len(), 2);
    }

    #[test]
    fn rows_of_other_tables_do_not_fold() {
        let mut in_other_table = finding("SUM-COLS", 12, &[5]);
        in_other_table.evidence = vec![Evidence::Row { table: 4, row: 5 }];
        let sum_rows = finding("SUM-ROWS", 10, &[4, 5]);
        assert_eq!(fold_consequences(vec![sum_rows, in_other_table]).len(), 2);
    }
}
