//! The summary of a run over many documents, for a terminal: how many came out how, then every
//! document ranked by what is wrong in it (see [`crate::index::ranked`]) with its counts and its
//! most severe findings, each on one line of at most 80 columns.

use crate::index::{ranked, EntryStatus, IndexEntry};
use crate::width::{display_width, truncate, wrap};

const WIDTH: usize = 80;
/// Where a document's name and its findings start: after the three counts.
const INDENT: &str = "                          ";

/// The run summary of `entries`; ends with a newline.
pub fn summary_text(entries: &[IndexEntry]) -> String {
    let mut out = wrap(&headline(entries), "", "  ", WIDTH);
    out.push(String::new());
    out.push(format!(
        "{:>6} {:>8} {:>6}    document",
        "errors", "warnings", "infos"
    ));
    for entry in ranked(entries) {
        entry_lines(entry, &mut out);
    }
    out.join("\n") + "\n"
}

fn headline(entries: &[IndexEntry]) -> String {
    let count = |keep: &dyn Fn(&[usize; 3]) -> bool| {
        entries
            .iter()
            .filter(|e| e.counts().as_ref().is_some_and(keep))
            .count()
    };
    let errors = count(&|c| c[0] > 0);
    let warnings = count(&|c| c[0] == 0 && c[1] > 0);
    let clean = count(&|c| c[0] == 0 && c[1] == 0);
    let failed = entries.iter().filter(|e| e.counts().is_none()).count();
    format!(
        "运行摘要 / run summary: {} documents: {errors} with errors, {warnings} with warnings \
         only, {clean} with neither, {failed} not checked",
        entries.len()
    )
}

fn entry_lines(entry: &IndexEntry, out: &mut Vec<String>) {
    let counts = match entry.counts() {
        Some([e, w, i]) => format!("{e:>6} {w:>8} {i:>6}    "),
        None => format!("{:>22}    ", "not checked"),
    };
    out.push(one_line(entry.name(), &counts));
    // Without an entity, the name is already the file's.
    if entry.entity.is_some() {
        out.push(one_line(&entry.source, INDENT));
    }
    if let EntryStatus::Failed(reason) = &entry.status {
        out.push(one_line(reason, INDENT));
    }
    for f in &entry.top {
        let line = format!("{} {}: {}", f.severity, f.rule, f.message);
        out.push(one_line(&line, INDENT));
    }
}

/// `text` after `prefix`, cut to one line of the width.
fn one_line(text: &str, prefix: &str) -> String {
    let room = WIDTH.saturating_sub(display_width(prefix));
    format!("{prefix}{}", truncate(text, room))
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn a_summary_ranks_documents_by_what_is_wrong_and_fits_the_terminal() {
        let r = sample();
        let mut clean = r.clone();
        clean.findings.clear();
        clean.document.facts.source = "clean.txt".to_string();
        let entries = [
            IndexEntry::checked("", &clean),
            IndexEntry::checked("", &r),
            IndexEntry::failed("", "broken.pdf", "the PDF file is damaged"),
        ];
        let text = summary_text(&entries);
        let broken = text.find("broken.pdf").expect("the failed one is listed");
        let worst = text.find(&r.document.facts.source).expect("the sample");
        let best = text.find("clean.txt").expect("the clean one");
        assert!(broken < worst && worst < best, "{text}");
        assert!(text.contains("the PDF file is damaged"), "{text}");
        let first = &entries[1].top[0];
        assert!(
            text.contains(&format!("{} {}: ", first.severity, first.rule)),
            "{text}"
        );
        assert!(text.contains("3 documents: 1 with errors"), "{text}");
        for line in text.lines() {
            assert!(display_width(line) <= WIDTH, "too wide: {line}");
        }
    }
}
