//! The rules read the typed model, never Chinese labels: no CJK character may appear in
//! `src/` outside comments (doc comments hold the rules' three-part docs, with the document's
//! own words) and `#[cfg(test)]` code. Chinese vocabulary lives in `budget-parse`'s `vocab`,
//! the fixed phrases of messages in `budget_model::wording`.

use std::path::{Path, PathBuf};

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' // CJK punctuation (、。「」)
        | '\u{3400}'..='\u{9fff}' // ideographs
        | '\u{ff00}'..='\u{ffef}' // full-width forms (（）：，)
    )
}

/// The code of a line without its comment: everything before a `//` that is not inside a string
/// or character literal.
fn code_of(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' && previous != '\'' {
            in_string = true;
        } else if c == '/' && previous == '/' {
            return &line[..i - 1];
        }
        previous = c;
    }
    line
}

/// The lines of a source file with CJK outside comments, before its `#[cfg(test)]` code.
fn offending_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .filter(|(_, l)| code_of(l).chars().any(is_cjk))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_cjk_outside_comments_and_tests() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 10,
        "found {} files under {src:?}",
        files.len()
    );
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap_or(&file).to_string_lossy();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        for (n, line) in offending_lines(&text) {
            found.push(format!("{relative}:{n}: {line}"));
        }
    }
    assert!(
        found.is_empty(),
        "CJK outside comments:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scan_sees_code_and_skips_comments_and_tests() {
    let text = "/// 合计 in a doc comment\nlet a = 1; // 合计 in a comment\nlet s = \"合计\";\nlet u = \"http://x\"; let t = \"总计\";\n#[cfg(test)]\nlet c = \"合计\";\n";
    let lines: Vec<usize> = offending_lines(text).into_iter().map(|(n, _)| n).collect();
    assert_eq!(lines, [3, 4]);
}
