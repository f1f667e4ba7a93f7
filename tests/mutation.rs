//! Mutation test (issue 4): change one printed table amount of a sample by far more than
//! rounding, and the report must gain an error or warning that names the changed figure. Run
//! over every amount cell of every table of the four samples; at least 90% must be detected.

use std::collections::HashSet;
use std::sync::LazyLock;

use budget_model::{format_value, Amount, Document, Finding, Severity, TableStatus};
use regex::Regex;
use rust_decimal::Decimal;

const SAMPLES: [&str; 4] = [
    "000_ae56c58d42acd4fc.txt",
    "002_a82d126008b6a810.txt",
    "003_da13a1aa64cf934e.txt",
    "004_564002215bad1a4c.txt",
];

/// How much a mutation adds, in the printed unit: far beyond any rounding.
const SHIFT: i64 = 100;

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d[\d,]*(?:\.\s?\d+)?").expect("valid regex"));

fn sample(name: &str) -> String {
    let path = format!("{}/../shared/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn check(text: &str) -> (Document, Vec<Finding>) {
    let doc = budget_parse::parse(text.as_bytes(), "mutant").expect("parses");
    let findings = budget_reconcile::reconcile(&doc);
    (doc, findings)
}

fn serious(findings: &[Finding]) -> HashSet<String> {
    findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| format!("{}|{}", f.rule, f.message))
        .collect()
}

/// One amount cell of a table: its line, the byte range of its printed text, the amount.
struct Cell {
    line: usize,
    range: std::ops::Range<usize>,
    amount: Amount,
}

/// Every amount cell of the parsed tables, located in the text by its printed form.
fn cells(doc: &Document, lines: &[&str]) -> Vec<Cell> {
    let mut out = Vec::new();
    for table in doc
        .tables
        .iter()
        .filter(|t| t.status == TableStatus::Parsed)
    {
        for row in &table.rows {
            let Some(line) = lines.get(row.line - 1) else {
                continue;
            };
            let tokens: Vec<(std::ops::Range<usize>, Amount)> = NUMBER
                .find_iter(line)
                .filter_map(|m| {
                    let a = Amount::parse(m.as_str(), table.unit).ok().flatten()?;
                    Some((m.range(), a))
                })
                .collect();
            let mut used: HashSet<usize> = HashSet::new();
            for amount in row.values.iter().flatten() {
                let found = tokens
                    .iter()
                    .enumerate()
                    .find(|(i, (_, a))| a == amount && !used.contains(i));
                if let Some((i, (range, a))) = found {
                    used.insert(i);
                    out.push(Cell {
                        line: row.line,
                        range: range.clone(),
                        amount: *a,
                    });
                }
            }
        }
    }
    // A cell printed once but read into two rows (side-by-side tables) is mutated once.
    let mut seen = HashSet::new();
    out.retain(|c| seen.insert((c.line, c.range.start)));
    out
}

fn mutate(text: &str, cell: &Cell) -> (String, Amount) {
    let mutated = Amount::new(
        cell.amount.value + Decimal::from(SHIFT),
        cell.amount.unit,
        cell.amount.decimals,
    );
    let printed = format_value(mutated.value, mutated.decimals);
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let line = &mut lines[cell.line - 1];
    line.replace_range(cell.range.clone(), &printed);
    (lines.join("\n"), mutated)
}

/// Whether a finding names the mutated figure: as the printed amount, or in its source text.
fn names(finding: &Finding, mutated: &Amount) -> bool {
    let printed = format_value(mutated.value, mutated.decimals);
    finding
        .printed
        .is_some_and(|p| p.to_yuan() == mutated.to_yuan())
        || finding.source_text.contains(&printed)
        || finding.consequences.iter().any(|c| c.contains(&printed))
}

#[test]
fn changed_table_amounts_are_detected() {
    let mut total = 0;
    let mut detected = 0;
    let mut missed: Vec<String> = Vec::new();
    for name in SAMPLES {
        let text = sample(name);
        let (doc, findings) = check(&text);
        let baseline = serious(&findings);
        let lines: Vec<&str> = text.split('\n').collect();
        for cell in cells(&doc, &lines) {
            let (mutated_text, mutated) = mutate(&text, &cell);
            let (_, after) = check(&mutated_text);
            total += 1;
            let hit = after.iter().any(|f| {
                f.severity >= Severity::Warning
                    && !baseline.contains(&format!("{}|{}", f.rule, f.message))
                    && names(f, &mutated)
            });
            if hit {
                detected += 1;
            } else {
                missed.push(format!("{name}:{} {}", cell.line, cell.amount));
            }
        }
    }
    let rate = f64::from(detected) / f64::from(total.max(1));
    println!(
        "mutation detection: {detected}/{total} = {:.1}%",
        rate * 100.0
    );
    assert!(total >= 200, "only {total} cells were mutated");
    assert!(
        rate >= 0.90,
        "detected {detected}/{total} ({:.1}%); missed e.g. {:?}",
        rate * 100.0,
        &missed[..missed.len().min(40)]
    );
}
