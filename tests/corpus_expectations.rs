//! The corpus expectations (issue 12, item 7): for every real document of `../shared/corpus`,
//! `tests/corpus/expect/<stem>.toml` lists the standard tables printed in it (kind, printed title,
//! empty or not; read by hand from `pdftotext -layout`) and every error and warning the checker
//! reports on it, each reviewed by hand: `real` with a one-line check of the printed figures,
//! `false` with the layout trait that misreads it (`mechanism`), `doubtful` with why, or
//! `unreviewed` (written by the bless mode, waiting for a human).
//!
//! Each document goes through what `budget-audit check` runs (both readings of the PDF,
//! `most_plausible`, `reconcile`). The test fails on
//! * a reported error or warning the file does not list (unjustified),
//! * a `real` finding no longer reported (lost detection),
//! * a `false` / `doubtful` finding no longer reported (stale: run the bless mode),
//! * an `unreviewed` entry,
//! * an expected table that the checker found (`found_today`, the default) and no longer finds.
//!
//! Tables the checker misses today carry `found_today = false` and are printed as gaps; one it now
//! finds is printed as "now found". A summary per document (real / false / doubtful, tables found)
//! is printed (`-- --nocapture`) and repeated when the test fails, so the gap to issue 12's
//! acceptance (no false finding, every table found) stays visible.
//!
//! `BLESS_CORPUS=1 cargo test --test corpus_expectations` rewrites the files after a change of
//! the checker: stale `false` / `doubtful` entries go (or their `count` shrinks), new findings are
//! appended as `unreviewed`, tables now found get `found_today = true`. It never marks a finding
//! real or false and never forgets a real one: that is a reviewer's job.
//!
//! A finding is keyed by its rule and, for a table finding, the table title, the row (code, else
//! label) and the column of its location; for a narrative one, a short fragment of its
//! `source_text` (whitespace removed) around the printed figure. The keys do not depend on line
//! numbers or messages, so they survive most changes of the parser.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use budget_model::{format_value, Document, Finding, Severity, Table, TableStatus};
use budget_reconcile::pairing::{self, Half};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

const BLESS: &str = "BLESS_CORPUS";

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn expect_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/expect")
}

// ---------------------------------------------------------------------------------------------
// The expectation files.

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Expectations {
    /// The PDF's file name in the corpus.
    document: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tables: Vec<ExpectedTable>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    findings: Vec<Expected>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ExpectedTable {
    /// A `TableKind` string (`kind` of the JSON report); final accounts use the kinds of
    /// `../shared/docs/final_accounts.md`.
    kind: String,
    /// The title as printed.
    title: String,
    /// The table prints no figure other than zero.
    #[serde(default, skip_serializing_if = "is_false")]
    empty: bool,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    found_today: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Expected {
    rule: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    table: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    row: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    column: Option<String>,
    /// For a finding without a table: a fragment of its source text (whitespace removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// How many reported findings have this key (a finding reported twice).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    count: usize,
    severity: String,
    verdict: Verdict,
    /// For `false`: the layout trait that misreads the document (tests/corpus/REVIEW.md codes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mechanism: Option<String>,
    /// One line of arithmetic from the printed figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    check: Option<String>,
    /// For `doubtful`: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    why: Option<String>,
    /// For `unreviewed`: the checker's message, to start the review from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Verdict {
    Real,
    False,
    Doubtful,
    Unreviewed,
}

fn is_false(b: &bool) -> bool {
    !*b
}
fn is_true(b: &bool) -> bool {
    *b
}
fn yes() -> bool {
    true
}
fn one() -> usize {
    1
}
fn is_one(n: &usize) -> bool {
    *n == 1
}

fn read_expectations(path: &Path) -> Expectations {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write_expectations(path: &Path, expectations: &Expectations) {
    let text = toml::to_string(expectations).expect("expectations serialize");
    let unchanged = std::fs::read_to_string(path).is_ok_and(|old| old == text);
    if !unchanged {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

// ---------------------------------------------------------------------------------------------
// The checker, as `budget-audit check` runs it.

/// One PDF as `check` reads it, or the PDFs of one publication read as one document.
fn check(pdfs: &[PathBuf]) -> (Document, Vec<Finding>) {
    let files: Vec<(Vec<u8>, String)> = pdfs
        .iter()
        .map(|pdf| {
            let bytes = std::fs::read(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
            (bytes, pdf.display().to_string())
        })
        .collect();
    let document = match files.as_slice() {
        [(bytes, source)] => budget_reconcile::read_document(bytes, source),
        several => {
            let parts: Vec<(&[u8], &str)> = several
                .iter()
                .map(|(b, s)| (b.as_slice(), s.as_str()))
                .collect();
            budget_reconcile::read_publication(&parts, &name_of(pdfs))
        }
    }
    .unwrap_or_else(|e| panic!("{}: cannot be read: {e}", name_of(pdfs)));
    let findings = budget_reconcile::reconcile(&document);
    (document, findings)
}

fn serious(findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Keys.

#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Table {
        rule: String,
        table: String,
        row: Option<String>,
        column: Option<String>,
    },
    Text {
        rule: String,
        fragment: String,
    },
}

fn without_spaces(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The key of a reported finding; `others` are the document's other findings (for a fragment
/// that tells this one apart).
fn key_of(f: &Finding, others: &[&Finding]) -> Key {
    let l = &f.location;
    match &l.table_title {
        Some(table) => Key::Table {
            rule: f.rule.clone(),
            table: table.clone(),
            row: l.row_code.clone().or_else(|| l.row_label.clone()),
            column: l.column.clone(),
        },
        None => {
            let rivals: Vec<String> = others
                .iter()
                .filter(|o| o.rule == f.rule && o.location.table_title.is_none())
                .map(|o| without_spaces(&o.source_text))
                .filter(|o| *o != without_spaces(&f.source_text))
                .collect();
            Key::Text {
                rule: f.rule.clone(),
                fragment: fragment(f, &rivals),
            }
        }
    }
}

/// A short piece of the finding's first source line: the printed figure with a few characters
/// around it (else the line's end), widened until no rival source text contains it.
fn fragment(f: &Finding, rivals: &[String]) -> String {
    let first_line = f.source_text.lines().next().unwrap_or("");
    let line: Vec<char> = without_spaces(first_line).chars().collect();
    let printed = f.printed.map(|a| format_value(a.value, a.decimals));
    let (mut a, mut b) = printed
        .and_then(|p| figure_span(&line, &p))
        .map(|(s, e)| (s.saturating_sub(8), (e + 4).min(line.len())))
        .unwrap_or((line.len().saturating_sub(16), line.len()));
    loop {
        let piece: String = line[a..b].iter().collect();
        let whole = a == 0 && b == line.len();
        if whole || !rivals.iter().any(|r| r.contains(&piece)) {
            return piece;
        }
        a = a.saturating_sub(4);
        b = (b + 4).min(line.len());
    }
}

/// Where a number equal to `printed` (commas aside) is written in `line`.
fn figure_span(line: &[char], printed: &str) -> Option<(usize, usize)> {
    let mut i = 0;
    while i < line.len() {
        if !line[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < line.len() && (line[i].is_ascii_digit() || line[i] == ',' || line[i] == '.') {
            i += 1;
        }
        let mut end = i;
        while end > start && !line[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let number: String = line[start..end].iter().filter(|c| **c != ',').collect();
        if number == printed {
            return Some((start, end));
        }
    }
    None
}

impl Expected {
    fn matches(&self, key: &Key, source: &str) -> bool {
        match key {
            Key::Table {
                rule,
                table,
                row,
                column,
            } => {
                self.text.is_none()
                    && &self.rule == rule
                    && self.table.as_ref() == Some(table)
                    && &self.row == row
                    && &self.column == column
            }
            Key::Text { rule, .. } => {
                self.table.is_none()
                    && &self.rule == rule
                    && self
                        .text
                        .as_ref()
                        .is_some_and(|t| source.contains(&without_spaces(t)))
            }
        }
    }

    fn unreviewed(key: Key, f: &Finding) -> Expected {
        let (rule, table, row, column, text) = match key {
            Key::Table {
                rule,
                table,
                row,
                column,
            } => (rule, Some(table), row, column, None),
            Key::Text { rule, fragment } => (rule, None, None, None, Some(fragment)),
        };
        Expected {
            rule,
            table,
            row,
            column,
            text,
            count: 1,
            severity: f.severity.as_str().to_string(),
            verdict: Verdict::Unreviewed,
            mechanism: None,
            check: None,
            why: None,
            message: Some(f.message.clone()),
        }
    }

    fn label(&self) -> String {
        let place = match (&self.table, &self.text) {
            (Some(t), _) => format!(
                "《{t}》 {} 「{}」",
                self.row.as_deref().unwrap_or("-"),
                self.column.as_deref().unwrap_or("-")
            ),
            (None, Some(text)) => format!("“{text}”"),
            (None, None) => String::new(),
        };
        format!("{} {place}", self.rule)
    }
}

// ---------------------------------------------------------------------------------------------
// Comparing one document.

#[derive(Default)]
struct Outcome {
    problems: Vec<String>,
    notes: Vec<String>,
    counts: BTreeMap<&'static str, usize>,
    tables_found: usize,
    tables_expected: usize,
}

/// Which expectation each reported finding meets (`None`: none does), and how many findings
/// each expectation meets.
fn tally(expected: &[Expected], findings: &[Finding]) -> (Vec<(Key, Option<usize>)>, Vec<usize>) {
    let assigned: Vec<(Key, Option<usize>)> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let others: Vec<&Finding> = findings
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, o)| o)
                .collect();
            let key = key_of(f, &others);
            let source = without_spaces(&f.source_text);
            let entry = expected.iter().position(|e| e.matches(&key, &source));
            (key, entry)
        })
        .collect();
    let mut met = vec![0usize; expected.len()];
    for i in assigned.iter().filter_map(|(_, entry)| *entry) {
        met[i] += 1;
    }
    (assigned, met)
}

fn compare_findings(expect: &Expectations, findings: &[Finding], out: &mut Outcome) {
    let (assigned, met) = tally(&expect.findings, findings);
    for (e, met) in expect.findings.iter().zip(met) {
        judge_entry(e, met, out);
    }
    for ((key, entry), f) in assigned.iter().zip(findings) {
        let verdict = match entry {
            Some(i) => {
                let e = &expect.findings[*i];
                if e.severity != f.severity.as_str() {
                    out.problems.push(format!(
                        "severity changed {}: expected {}, reported {}",
                        e.label(),
                        e.severity,
                        f.severity.as_str()
                    ));
                }
                e.verdict
            }
            None => {
                let e = Expected::unreviewed(key.clone(), f);
                out.problems
                    .push(format!("unjustified {}: {}", e.label(), f.message));
                Verdict::Unreviewed
            }
        };
        *out.counts.entry(verdict_name(verdict)).or_default() += 1;
    }
}

fn verdict_name(v: Verdict) -> &'static str {
    match v {
        Verdict::Real => "real",
        Verdict::False => "false",
        Verdict::Doubtful => "doubtful",
        Verdict::Unreviewed => "unreviewed",
    }
}

fn judge_entry(e: &Expected, met: usize, out: &mut Outcome) {
    let label = e.label();
    match e.verdict {
        Verdict::Real if met < e.count => out.problems.push(format!(
            "lost detection {label}: reported {met} of {} times",
            e.count
        )),
        Verdict::False | Verdict::Doubtful if met < e.count => out.problems.push(format!(
            "stale {label} ({}): reported {met} of {} times; run {BLESS}=1 cargo test --test corpus_expectations",
            verdict_name(e.verdict),
            e.count
        )),
        Verdict::Unreviewed => out
            .problems
            .push(format!("unreviewed {label}: give it a verdict")),
        _ => {}
    }
    if met > e.count {
        out.problems.push(format!(
            "unjustified {label}: reported {met} times, the file lists {}",
            e.count
        ));
    }
}

/// Entries no longer reported go (a real one stays: its loss must fail), a false or doubtful
/// entry reported fewer times shrinks, an unreviewed one takes the count reported; findings no
/// entry meets are appended as unreviewed.
fn bless_findings(expect: &mut Expectations, findings: &[Finding]) {
    let (assigned, met) = tally(&expect.findings, findings);
    let mut kept = Vec::new();
    for (mut e, met) in std::mem::take(&mut expect.findings).into_iter().zip(met) {
        match e.verdict {
            Verdict::Real => {}
            _ if met == 0 => continue,
            Verdict::False | Verdict::Doubtful => e.count = e.count.min(met),
            Verdict::Unreviewed => e.count = met,
        }
        kept.push(e);
    }
    for ((key, entry), f) in assigned.iter().zip(findings) {
        if entry.is_some() {
            continue;
        }
        let source = without_spaces(&f.source_text);
        match kept.iter_mut().find(|e| e.matches(key, &source)) {
            Some(e) => e.count += 1,
            None => kept.push(Expected::unreviewed(key.clone(), f)),
        }
    }
    expect.findings = kept;
}

// ---------------------------------------------------------------------------------------------
// Tables.

/// A parsed table prints no figure other than zero.
fn is_empty(t: &Table) -> bool {
    t.status == TableStatus::Empty
        || t.rows
            .iter()
            .flat_map(|r| r.values.iter().flatten())
            .all(|a| a.value == Decimal::ZERO)
}

fn same_title(a: &str, b: &str) -> bool {
    let (a, b) = (without_spaces(a), without_spaces(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Whether the parsed `t` can stand for the expected table: same kind, both empty or both
/// printed, and one title within the other (the parser may drop an ordinal or a year; a
/// narrative heading of the same kind, "（九）国有资本经营预算支出情况说明", is no table).
fn stands_for(e: &ExpectedTable, t: &Table) -> bool {
    let emptiness = if e.empty {
        is_empty(t)
    } else {
        t.status != TableStatus::Empty
    };
    t.kind.as_str() == e.kind && emptiness && same_title(&e.title, &t.title)
}

/// Each expected table gets at most one parsed table, the first that stands for it.
fn match_tables(expected: &[ExpectedTable], tables: &[Table]) -> Vec<Option<usize>> {
    let mut used = vec![false; tables.len()];
    expected
        .iter()
        .map(|e| {
            let pick = (0..tables.len()).find(|&j| !used[j] && stands_for(e, &tables[j]));
            if let Some(j) = pick {
                used[j] = true;
            }
            pick
        })
        .collect()
}

fn compare_tables(expect: &Expectations, doc: &Document, out: &mut Outcome) {
    let found = match_tables(&expect.tables, &doc.tables);
    out.tables_expected = expect.tables.len();
    out.tables_found = found.iter().flatten().count();
    for (e, hit) in expect.tables.iter().zip(found) {
        let name = format!(
            "{} 《{}》{}",
            e.kind,
            e.title,
            if e.empty { " (empty)" } else { "" }
        );
        match (hit.is_some(), e.found_today) {
            (true, false) => out.notes.push(format!("now found, update: {name}")),
            (false, true) => out.problems.push(format!("table no longer found: {name}")),
            (false, false) => out.notes.push(format!("gap: {name}")),
            (true, true) => {}
        }
    }
}

/// Tables now found get `found_today = true`; none is ever set back to false here.
fn bless_tables(expect: &mut Expectations, doc: &Document) {
    let found = match_tables(&expect.tables, &doc.tables);
    for (e, hit) in expect.tables.iter_mut().zip(found) {
        e.found_today |= hit.is_some();
    }
}

// ---------------------------------------------------------------------------------------------
// The corpus.

fn corpus_pdfs() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    pdfs.sort();
    pdfs
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("a file name")
        .to_string()
}

fn require_pdftotext() {
    let ran = Command::new("pdftotext").arg("-v").output();
    assert!(
        ran.is_ok(),
        "pdftotext is needed to read the corpus (poppler-utils); it could not be run"
    );
}

/// How the expectations name a document: the stems of its PDFs joined by `+`.
fn name_of(pdfs: &[PathBuf]) -> String {
    let stems: Vec<String> = pdfs.iter().map(|p| stem(p)).collect();
    stems.join("+")
}

/// Checks one document (a PDF, or the PDFs of one publication) against its file (blessing it
/// first when asked); also gives the half of a publication a single PDF is.
fn run_one(pdfs: &[PathBuf], bless: bool) -> (Outcome, Option<Half>) {
    let path = expect_dir().join(format!("{}.toml", name_of(pdfs)));
    let mut out = Outcome::default();
    let document: Vec<String> = pdfs.iter().map(|p| format!("{}.pdf", stem(p))).collect();
    let mut expect = if path.exists() {
        read_expectations(&path)
    } else if bless {
        Expectations {
            document: document.join(" + "),
            ..Expectations::default()
        }
    } else {
        out.problems.push(format!(
            "no expectations file {}; run {BLESS}=1 to start one",
            path.display()
        ));
        return (out, None);
    };
    let (doc, findings) = check(pdfs);
    let half = match pdfs {
        [pdf] => Half::of(pdf, &doc),
        _ => None,
    };
    let findings = serious(findings);
    if bless {
        bless_tables(&mut expect, &doc);
        bless_findings(&mut expect, &findings);
        write_expectations(&path, &expect);
    }
    compare_tables(&expect, &doc, &mut out);
    compare_findings(&expect, &findings, &mut out);
    (out, half)
}

/// Runs every document on the available cores.
fn run_all(documents: &[Vec<PathBuf>], bless: bool) -> Vec<(Outcome, Option<Half>)> {
    let next = AtomicUsize::new(0);
    type Results = Vec<Option<(Outcome, Option<Half>)>>;
    let results: Mutex<Results> = Mutex::new((0..documents.len()).map(|_| None).collect());
    let pdfs = documents;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers.min(pdfs.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(pdf) = pdfs.get(i) else { break };
                let outcome = run_one(pdf, bless);
                results.lock().expect("results")[i] = Some(outcome);
            });
        }
    });
    results
        .into_inner()
        .expect("results")
        .into_iter()
        .map(|o| o.expect("every document checked"))
        .collect()
}

fn summary_line(name: &str, o: &Outcome) -> String {
    let n = |v: &str| o.counts.get(v).copied().unwrap_or(0);
    format!(
        "{name:<36} real {:>2}  false {:>3}  doubtful {:>2}  unreviewed {:>2}  tables {:>3}/{:<3}",
        n("real"),
        n("false"),
        n("doubtful"),
        n("unreviewed"),
        o.tables_found,
        o.tables_expected
    )
}

fn report(documents: &[Vec<PathBuf>], outcomes: &[Outcome]) -> (String, usize) {
    let mut text = String::new();
    let mut total = Outcome::default();
    let mut problems = 0;
    for (pdfs, o) in documents.iter().zip(outcomes) {
        text.push_str(&summary_line(&name_of(pdfs), o));
        text.push('\n');
        for line in o.problems.iter().map(|p| format!("  FAIL {p}")) {
            text.push_str(&line);
            text.push('\n');
        }
        for line in o.notes.iter().map(|n| format!("  {n}")) {
            text.push_str(&line);
            text.push('\n');
        }
        problems += o.problems.len();
        for (k, v) in &o.counts {
            *total.counts.entry(k).or_default() += v;
        }
        total.tables_found += o.tables_found;
        total.tables_expected += o.tables_expected;
    }
    text.push_str(&summary_line("TOTAL", &total));
    text.push('\n');
    (text, problems)
}

/// Every PDF of the corpus alone, then the publications of two files that a batch pairs
/// (`budget_reconcile::pairing`, the pairing `budget-audit check` does), each read as one.
/// The pairs found must be the corpus's `*-text.pdf` / `*-tables.pdf` pairs (its README names
/// them so) and no other.
#[test]
fn corpus_findings_and_tables_meet_the_expectations() {
    require_pdftotext();
    let pdfs = corpus_pdfs();
    assert!(!pdfs.is_empty(), "no PDF in {}", corpus_dir().display());
    let bless = std::env::var_os(BLESS).is_some_and(|v| v != "0");
    let singles: Vec<Vec<PathBuf>> = pdfs.iter().map(|p| vec![p.clone()]).collect();
    let (mut outcomes, halves): (Vec<Outcome>, Vec<Option<Half>>) =
        run_all(&singles, bless).into_iter().unzip();
    let halves: Vec<Half> = halves.into_iter().flatten().collect();
    let publications: Vec<Vec<PathBuf>> = pairing::pairs(&halves)
        .into_iter()
        .map(|(n, t)| vec![halves[n].path.clone(), halves[t].path.clone()])
        .collect();
    assert_eq!(
        publications.iter().map(|p| name_of(p)).collect::<Vec<_>>(),
        named_pairs(&pdfs),
        "the publications a batch pairs"
    );
    outcomes.extend(run_all(&publications, bless).into_iter().map(|(o, _)| o));
    let documents = [singles, publications].concat();
    let (text, problems) = report(&documents, &outcomes);
    println!("{text}");
    let orphans = orphan_files(&documents);
    assert!(
        orphans.is_empty(),
        "expectation files without a corpus PDF: {orphans:?}"
    );
    assert!(problems == 0, "{problems} problems\n{text}");
}

/// The corpus's `X-text.pdf` / `X-tables.pdf` pairs, as `X-text+X-tables`.
fn named_pairs(pdfs: &[PathBuf]) -> Vec<String> {
    let stems: Vec<String> = pdfs.iter().map(|p| stem(p)).collect();
    stems
        .iter()
        .filter_map(|s| s.strip_suffix("-text"))
        .filter(|base| stems.contains(&format!("{base}-tables")))
        .map(|base| format!("{base}-text+{base}-tables"))
        .collect()
}

/// Expectation files whose document is not in the corpus.
fn orphan_files(documents: &[Vec<PathBuf>]) -> Vec<String> {
    let stems: Vec<String> = documents.iter().map(|p| name_of(p)).collect();
    let mut orphans: Vec<String> = std::fs::read_dir(expect_dir())
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .map(|p| stem(&p))
                .filter(|s| !stems.contains(s))
                .collect()
        })
        .unwrap_or_default();
    orphans.sort();
    orphans
}
