//! Normalized document → findings. Each rule is a small unit with a stable id, a severity and a
//! three-part doc (what it checks, why it matters, an example), kept in its doc comment and
//! printed by `budget-audit rules`. Pure and synchronous.

pub mod findings;
pub mod query;
mod rule;
pub mod rules;
pub mod tolerance;
pub mod totals;

use budget_model::{Document, Finding};

pub use rule::{Rule, RuleInfo};

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
    for f in &mut findings {
        f.location.page = f.location.line.and_then(|l| document.page_of_line(l));
    }
    findings.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.location.line.unwrap_or(0)));
    findings
}

/// One wrong cell upsets every sum it takes part in. A finding whose evidence (its source
/// text) contains the row another finding points at, in the same table, is a consequence of
/// that other finding: it is folded into it rather than reported on its own. Only errors and
/// warnings fold; a finding is folded into one of the same or higher severity.
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

/// The finding that `i` is a consequence of, if any: one in the same table, of no weaker
/// severity, whose row is part of `i`'s evidence while `i`'s row is not part of its own — the
/// more specific of two findings that share a row.
fn root_of(findings: &[Finding], i: usize) -> Option<usize> {
    let f = &findings[i];
    if f.severity < budget_model::Severity::Warning || f.location.table_title.is_none() {
        return None;
    }
    let own_row = f.source_text.lines().next()?;
    (0..findings.len()).find(|&j| {
        let r = &findings[j];
        let Some(root_row) = r.source_text.lines().next() else {
            return false;
        };
        j != i
            && r.severity >= f.severity
            && r.location.table_title == f.location.table_title
            && root_row != own_row
            && f.source_text.lines().any(|l| l == root_row)
            && !r.source_text.lines().any(|l| l == own_row)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use budget_model::{Location, Severity};

    fn finding(rule: &str, line: usize, source: &str) -> Finding {
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
            source_text: source.into(),
            consequences: Vec::new(),
        }
    }

    #[test]
    fn a_wrong_cell_is_reported_once_with_its_consequences() {
        let row = "2080505\t机关事业单位基本养老保险缴费支出\t686.06\t586.06\t";
        let parent = "05\t行政事业单位养老支出\t592.54\t592.54\t";
        let sum_cols = finding("SUM-COLS", 12, row);
        let sum_rows = finding("SUM-ROWS", 10, &format!("{parent}\n{row}"));
        let unrelated = finding("SUM-ROWS", 30, "a\nb");
        let folded = fold_consequences(vec![sum_rows, sum_cols, unrelated]);
        assert_eq!(folded.len(), 2);
        let root = folded.iter().find(|f| f.rule == "SUM-COLS").unwrap();
        assert_eq!(
            root.consequences,
            vec!["[SUM-ROWS] SUM-ROWS at 10".to_string()]
        );
    }
}
