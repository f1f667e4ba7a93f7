//! The repository's own document (`examples/demo-budget-2026.txt`, see `examples/README.md`):
//! exactly its five planted errors are found, each where it was planted, and nothing else.

use budget_model::{Reconciliation, Severity};

fn demo() -> Reconciliation {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/demo-budget-2026.txt");
    let bytes = std::fs::read(path).expect("the demo document is in the repository");
    let document = budget_parse::parse(&bytes, "demo-budget-2026.txt").expect("it parses");
    budget_reconcile::reconciliation(document)
}

#[test]
fn the_demo_document_holds_exactly_its_planted_errors() {
    let r = demo();
    assert_eq!(r.document.facts.entity.as_deref(), Some("示例市示例局"));
    assert_eq!(r.document.facts.year, Some(2026));
    let mut found: Vec<(&str, Option<&str>, Option<&str>, String)> = r
        .findings
        .iter()
        .map(|f| {
            let printed = f.printed.map(|a| a.value.to_string()).unwrap_or_default();
            (
                f.rule.as_str(),
                f.location.row_code.as_deref(),
                f.location.column.as_deref(),
                printed,
            )
        })
        .collect();
    let mut expected = vec![
        (
            "SUM-COLS",
            Some("2101101"),
            Some("合计"),
            "151.00".to_string(),
        ),
        ("COMP-MISSING", None, None, String::new()),
        ("NARR-AMOUNT", None, None, "1250.00".to_string()),
        ("NARR-YOY", None, None, "1200.00".to_string()),
        ("NARR-AMOUNT", None, None, "5.00".to_string()),
    ];
    found.sort();
    expected.sort();
    assert_eq!(found, expected, "findings: {:#?}", r.findings);
    assert!(r.findings.iter().all(|f| f.severity == Severity::Error));
    let missing = r.findings.iter().find(|f| f.rule == "COMP-MISSING");
    assert!(missing.is_some_and(|f| f.message.contains("政府采购预算表")));
    let yoy = r.findings.iter().find(|f| f.rule == "NARR-YOY");
    assert!(yoy.is_some_and(|f| f.message.contains("9.09%") && f.message.contains("10.00%")));
}
