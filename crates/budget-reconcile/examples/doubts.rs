//! Prints how much each reading of a file is doubted by its own sums (see
//! `budget_reconcile::plausibility`): `cargo run -p budget-reconcile --features
//! budget-input/pdftotext --example doubts FILE...`. For work on the choice between readings.
use budget_model::Severity;
use budget_reconcile::plausibility::Doubt;
use budget_reconcile::rules::sums::{SumColumns, SumRows};
use budget_reconcile::Rule;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let readings = match budget_input::readings(&bytes) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        for (n, text) in readings.enumerate() {
            let doc = budget_parse::parse_text(&text, &path);
            println!("== {path} reading {n}: {:?}", Doubt::of(&doc));
            let mut findings = Vec::new();
            SumRows.check(&doc, &mut findings);
            SumColumns.check(&doc, &mut findings);
            for rule in budget_reconcile::rules::cross::rules() {
                rule.check(&doc, &mut findings);
            }
            for f in findings.iter().filter(|f| f.severity >= Severity::Warning) {
                println!("   {} {:?} {}", f.rule, f.evidence.first(), f.message);
            }
        }
    }
}
