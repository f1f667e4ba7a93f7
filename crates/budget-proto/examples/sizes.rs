//! Prints the encoded size of each pipeline message for the given documents:
//! `cargo run --release -p budget-proto --example sizes FILE...`
use prost::Message;

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(bytes) = std::fs::read(&path) else {
            eprintln!("{path}: unreadable");
            continue;
        };
        let Ok(document) = budget_parse::parse(&bytes, &path) else {
            eprintln!("{path}: not parsed");
            continue;
        };
        let findings = budget_reconcile::reconcile(&document);
        let pb_document = budget_proto::pb::Document::from(&document);
        let lines: usize = document.tables.iter().map(|t| t.rows.len()).sum();
        println!(
            "{path}: source {} B, document {} B ({} tables, {lines} rows, {} claims), {} findings {} B",
            bytes.len(),
            pb_document.encoded_len(),
            document.tables.len(),
            document.claims.len(),
            findings.len(),
            findings.iter().map(|f| budget_proto::pb::Finding::from(f).encoded_len()).sum::<usize>(),
        );
    }
}
