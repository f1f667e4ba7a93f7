//! Prints the errors and warnings found in files: `cargo run -p budget-reconcile --example
//! findings FILE...` (the CLI's `check` is the real interface; this is for rule development).
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let Ok(doc) = budget_parse::parse(&bytes, &path) else {
            eprintln!("{path}: unparsable");
            continue;
        };
        let findings = budget_reconcile::reconcile(&doc);
        println!(
            "== {path}: {} claims, {} findings",
            doc.claims.len(),
            findings.len()
        );
        for f in findings
            .iter()
            .filter(|f| f.severity >= budget_model::Severity::Warning)
        {
            println!("{} {} {}", f.severity, f.rule, f.message);
        }
    }
}
