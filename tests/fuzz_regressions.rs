//! Replays every input kept in `fuzz/regressions/` (found by `fuzz/run.sh`) through detection,
//! conversion and the parser: none may panic.

use std::time::{Duration, Instant};

#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/regressions");
    let entries = std::fs::read_dir(dir).expect("fuzz/regressions exists");
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable");
        let start = Instant::now();
        let _ = budget_parse::parse(&bytes, "regression");
        if let Ok(text) = budget_input::convert(&bytes) {
            let _ = budget_parse::parse_text(&text, "regression");
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{}: too slow",
            path.display()
        );
    }
}
