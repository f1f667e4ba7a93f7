//! A table row with a very wide line (hostile input: the input crates allow up to a million
//! cells) is read in time linear in its cells, never quadratic.

use std::time::{Duration, Instant};

#[test]
fn a_line_of_a_million_cells_is_read_quickly() {
    let n = 1_000_000;
    for (syntax, text) in [
        ("pipes", format!("部门支出总表\n|{}\n", "1.00|".repeat(n))),
        ("tabs", format!("部门支出总表\n{}\n", "1.00\t".repeat(n))),
    ] {
        let start = Instant::now();
        let _ = budget_parse::parse_text(&text, "wide");
        let elapsed = start.elapsed();
        // Quadratic work on a million cells takes minutes; linear work well under this bound
        // even in a debug build on a busy machine.
        assert!(
            elapsed < Duration::from_secs(60),
            "{syntax}: {elapsed:?} for {n} cells"
        );
        eprintln!("{syntax}: {elapsed:?}");
    }
}
