//! The report for people: the document facts, a summary of the findings by severity, then the
//! findings grouped by table (in document order), the narrative findings under
//! "叙述 / narrative" and findings that point nowhere in particular under "文档 / document";
//! last, the narrative figures no table cell describes (how many were resolved and checked is
//! among the facts).
//! Every line fits an 80-column terminal (Chinese characters count two columns).

use budget_model::{
    Claim, Document, DocumentKind, Finding, Location, NarrativeCoverage, Reconciliation, Scope,
    Severity, TableStatus,
};

use crate::json::decimal_text;
use crate::width::{display_width, wrap};

const WIDTH: usize = 80;
const NARRATIVE: &str = "叙述 / narrative";
const DOCUMENT: &str = "文档 / document";
const UNRESOLVED: &str = "未对应表格的叙述数字 / unresolved narrative figures";

/// Renders one reconciled document as text; ends with a newline.
pub fn to_text(r: &Reconciliation) -> String {
    render(r, false)
}

/// [`to_text`] with each finding's severity coloured for a terminal (ANSI escapes: error red,
/// warning yellow, info cyan). Lines are wrapped before colouring, so they fit as the plain
/// text does.
pub fn to_colored_text(r: &Reconciliation) -> String {
    render(r, true)
}

fn render(r: &Reconciliation, color: bool) -> String {
    let mut out = Vec::new();
    facts_lines(&r.document, &mut out);
    coverage_line(&r.coverage, &mut out);
    out.push(String::new());
    out.push(summary_line(&r.findings));
    for group in groups(r) {
        out.push(String::new());
        let heading = wrap(&group.heading, "", "  ", WIDTH);
        let underline = heading.iter().map(|l| display_width(l)).max().unwrap_or(0);
        out.extend(heading);
        out.push("-".repeat(underline.min(WIDTH)));
        for f in group.findings {
            let first = out.len();
            finding_lines(f, &mut out);
            if color {
                out[first] = colored_head(&out[first], f.severity);
            }
        }
    }
    unresolved_lines(r, &mut out);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

fn facts_lines(doc: &Document, out: &mut Vec<String>) {
    let f = &doc.facts;
    out.push(f.heading());
    field("source", &f.source, out);
    if let Some(parts) = doc.parts_summary() {
        field("files", &parts, out);
    }
    if let Some(previous) = &doc.previous {
        field("previous", previous, out);
    }
    let entity = match (&f.entity, &f.entity_code) {
        (Some(e), Some(c)) => format!("{e} (code {c})"),
        (Some(e), None) => e.clone(),
        (None, Some(c)) => format!("— (code {c})"),
        (None, None) => "—".to_string(),
    };
    field("entity", &entity, out);
    field("year", &or_dash(f.year.map(|y| y.to_string())), out);
    field("kind", &or_dash(f.kind.map(kind_text)), out);
    field("scope", &or_dash(f.scope.map(scope_text)), out);
    field("unit", &or_dash(f.unit.map(|u| u.label().to_string())), out);
    field("tables", &tables_text(doc), out);
    field("claims", &doc.claims.len().to_string(), out);
}

/// `figures  12 (9 resolved to a table cell, 10 checked)`.
fn coverage_line(c: &NarrativeCoverage, out: &mut Vec<String>) {
    let text = format!(
        "{} ({} resolved to a table cell, {} checked)",
        c.figures.len(),
        c.resolved.len(),
        c.checked.len()
    );
    field("figures", &text, out);
}

/// The narrative figures no table cell describes, one a line: `L64 本年度预算安排 270万元`.
fn unresolved_lines(r: &Reconciliation, out: &mut Vec<String>) {
    let claims: Vec<&Claim> = r
        .coverage
        .unresolved()
        .filter_map(|i| r.document.claims.get(i))
        .collect();
    if claims.is_empty() {
        return;
    }
    out.push(String::new());
    out.push(UNRESOLVED.to_string());
    out.push("-".repeat(display_width(UNRESOLVED)));
    for c in claims {
        let amount = c.amount.map(|a| a.to_string()).unwrap_or_default();
        let (file, n) = r.document.local_line(c.line);
        let file = file.map(|f| format!("{f} ")).unwrap_or_default();
        let line = format!("{file}L{n} {} {amount}", c.subject_text);
        out.extend(wrap(&line, "  ", "    ", WIDTH));
    }
}

fn field(name: &str, value: &str, out: &mut Vec<String>) {
    let first = format!("  {name:<8} ");
    out.extend(wrap(value, &first, &" ".repeat(11), WIDTH));
}

fn or_dash(v: Option<String>) -> String {
    v.unwrap_or_else(|| "—".to_string())
}

fn scope_text(s: Scope) -> String {
    match s {
        Scope::Department => "部门 (department)".to_string(),
        Scope::Unit => "单位 (unit)".to_string(),
    }
}

fn kind_text(k: DocumentKind) -> String {
    format!("{} ({})", k.label(), k.as_str().replace('_', " "))
}

fn tables_text(doc: &Document) -> String {
    let count = |s: TableStatus| doc.tables.iter().filter(|t| t.status == s).count();
    format!(
        "{} ({} parsed, {} empty, {} unparsed)",
        doc.tables.len(),
        count(TableStatus::Parsed),
        count(TableStatus::Empty),
        count(TableStatus::Unparsed)
    )
}

/// `findings: 1 error, 2 warnings, 0 info`.
fn summary_line(findings: &[Finding]) -> String {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let errors = count(Severity::Error);
    let warnings = count(Severity::Warning);
    format!(
        "findings: {errors} {}, {warnings} {}, {} info",
        plural(errors, "error"),
        plural(warnings, "warning"),
        count(Severity::Info)
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

struct Group<'a> {
    heading: String,
    findings: Vec<&'a Finding>,
}

/// Where a finding is listed: under a table (by title, or by kind when the table has no title,
/// e.g. a table the contents promise but the document never prints), under the narrative, or
/// under the document as a whole.
#[derive(Clone, PartialEq, Eq)]
enum GroupKey {
    Table(String),
    Narrative,
    Document,
}

fn group_key(l: &Location) -> GroupKey {
    let title = l.table_title.clone();
    let kind = l.table_kind.map(|k| k.display_name().to_string());
    match title.or(kind) {
        Some(t) => GroupKey::Table(t),
        None if l.start.is_some() || l.line.is_some() => GroupKey::Narrative,
        None => GroupKey::Document,
    }
}

/// Groups in reading order: tables in document order, then tables the document does not hold,
/// then the narrative, then the document as a whole. Within a group the most severe come first.
fn groups(r: &Reconciliation) -> Vec<Group<'_>> {
    let mut keys: Vec<GroupKey> = r
        .document
        .tables
        .iter()
        .map(|t| GroupKey::Table(t.title.clone()))
        .collect();
    keys.extend(r.findings.iter().map(|f| group_key(&f.location)));
    keys.push(GroupKey::Narrative);
    keys.push(GroupKey::Document);
    let mut seen: Vec<GroupKey> = Vec::new();
    keys.retain(|k| {
        let new = !seen.contains(k);
        if new {
            seen.push(k.clone());
        }
        new
    });
    keys.into_iter().filter_map(|k| group_for(r, k)).collect()
}

fn group_for(r: &Reconciliation, key: GroupKey) -> Option<Group<'_>> {
    let mut findings: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| group_key(&f.location) == key)
        .collect();
    if findings.is_empty() {
        return None;
    }
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let heading = match key {
        GroupKey::Table(title) => table_heading(&r.document, title),
        GroupKey::Narrative => NARRATIVE.to_string(),
        GroupKey::Document => DOCUMENT.to_string(),
    };
    Some(Group { heading, findings })
}

/// `部门支出总表 [expenditure_summary, 万元, lines 40–58]` for a table the document holds.
fn table_heading(doc: &Document, title: String) -> String {
    match doc.tables.iter().find(|t| t.title == title) {
        Some(t) => format!(
            "{title} [{}, {}, lines {}–{}]",
            t.kind.as_str(),
            t.unit.label(),
            t.lines.0,
            t.lines.1
        ),
        None => format!("{title} [not in the document]"),
    }
}

/// A finding's first line with its severity word coloured.
fn colored_head(line: &str, severity: Severity) -> String {
    use anstyle::AnsiColor;
    let color = match severity {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    let style = color.on_default().bold();
    let word = severity.as_str();
    match line.strip_prefix(word) {
        Some(rest) => format!("{style}{word}{style:#}{rest}"),
        None => line.to_string(),
    }
}

fn finding_lines(f: &Finding, out: &mut Vec<String>) {
    let head = format!("{:<7} {}  ", f.severity.as_str(), f.rule);
    out.extend(wrap(&f.message, &head, "    ", WIDTH));
    if let Some(at) = location_text(&f.location) {
        out.extend(wrap(&at, "    at: ", "        ", WIDTH));
    }
    for at in f.related.iter().filter_map(related_text) {
        out.extend(wrap(&at, "    and: ", "        ", WIDTH));
    }
    for figures in figures_lines(f) {
        out.extend(wrap(&figures, "    ", "      ", WIDTH));
    }
    if !f.source_text.trim().is_empty() {
        out.extend(source_lines(&f.source_text));
    }
    for c in &f.consequences {
        out.extend(wrap(c, "    also: ", "          ", WIDTH));
    }
}

/// `row 208 社会保障和就业支出, column 合计, line 120` (`page 3, line 120` when the input had pages,
/// `cell Sheet1!D12` for a spreadsheet).
/// A place in another document a finding rests on: its table, then where in it.
pub(crate) fn related_text(l: &Location) -> Option<String> {
    let at = location_text(l)?;
    Some(match &l.table_title {
        Some(table) => format!("《{table}》, {at}"),
        None => at,
    })
}

pub(crate) fn location_text(l: &Location) -> Option<String> {
    let mut parts: Vec<String> = l.file.iter().map(|f| format!("file {f}")).collect();
    let row = match (&l.row_code, &l.row_label) {
        (Some(c), Some(t)) => Some(format!("row {c} {t}")),
        (Some(c), None) => Some(format!("row {c}")),
        (None, Some(t)) => Some(format!("row {t}")),
        (None, None) => None,
    };
    parts.extend(row);
    parts.extend(l.column.as_ref().map(|c| format!("column {c}")));
    parts.extend(l.page.map(|n| format!("page {n}")));
    // A spreadsheet's cell says where to look; the line of the text read from it does not.
    match &l.cell {
        Some(cell) => parts.push(format!("cell {cell}")),
        None => parts.extend(l.line.map(|n| format!("line {n}"))),
    }
    if let (Some(s), Some(e)) = (l.start, l.end) {
        parts.push(format!("chars {s}–{e}"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `expected 812.07万元, printed 812.17万元` and `difference 0.1万元, tolerance 0.015万元`:
/// two short lines, so that a figure is never split by wrapping.
fn figures_lines(f: &Finding) -> Vec<String> {
    let printed = [
        f.expected.map(|a| format!("expected {a}")),
        f.printed.map(|a| format!("printed {a}")),
    ];
    let [difference, tolerance] = difference_and_tolerance(f);
    let computed = [
        difference.map(|d| format!("difference {d}")),
        tolerance.map(|t| format!("tolerance {t}")),
    ];
    [printed, computed]
        .into_iter()
        .map(|parts| parts.into_iter().flatten().collect::<Vec<_>>().join(", "))
        .filter(|line| !line.is_empty())
        .collect()
}

/// A finding's difference and tolerance with their unit, as its message prints them
/// (`budget_model::difference_text`, `tolerance_text`): at the printed figure's precision.
pub(crate) fn difference_and_tolerance(f: &Finding) -> [Option<String>; 2] {
    let label = unit_label(f);
    difference_and_tolerance_numbers(f).map(|n| n.map(|n| format!("{n}{label}")))
}

/// The unit a finding's figures are in (its printed figure's, else its expected one's), as
/// printed after a number; empty when it has neither.
pub(crate) fn unit_label(f: &Finding) -> &'static str {
    f.printed.or(f.expected).map_or("", |a| a.unit.label())
}

/// [`difference_and_tolerance`] without the unit (CSV gives it a column of its own).
pub(crate) fn difference_and_tolerance_numbers(f: &Finding) -> [Option<String>; 2] {
    let decimals = f.printed.or(f.expected).map(|a| a.decimals);
    let text =
        |d: rust_decimal::Decimal, format: fn(rust_decimal::Decimal, u32) -> String| match decimals
        {
            Some(n) => format(d, n),
            None => decimal_text(d),
        };
    [
        f.difference.map(|d| text(d, budget_model::difference_text)),
        f.tolerance.map(|t| text(t, budget_model::tolerance_text)),
    ]
}

/// The printed source, at most four lines: enough to find it in the document.
fn source_lines(text: &str) -> Vec<String> {
    const MAX: usize = 4;
    let mut lines = wrap(text, "    source: ", "            ", WIDTH);
    if lines.len() > MAX {
        lines.truncate(MAX);
        if let Some(last) = lines.last_mut() {
            while display_width(last) > WIDTH - 2 {
                last.pop();
            }
            last.push_str(" …");
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn starts_with_the_document_facts_then_the_summary() {
        let text = to_text(&sample());
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "南昌市医疗保障服务中心 2024 单位预算");
        assert!(lines[1].contains("samples/x.txt"));
        assert!(lines[2].contains("南昌市医疗保障服务中心 (code 123001)"));
        assert!(text.contains("  year     2024\n"));
        assert!(text.contains("  unit     万元\n"));
        assert!(text.contains("tables   2 (1 parsed, 1 empty, 0 unparsed)"));
        assert!(text.contains("figures  1 (0 resolved to a table cell, 1 checked)"));
        // The unresolved figure is listed at the end.
        let unresolved = lines
            .iter()
            .position(|l| l.starts_with("未对应表格"))
            .unwrap();
        assert!(lines[unresolved + 2].starts_with("  L"), "{text}");
        let summary = lines
            .iter()
            .position(|l| l.starts_with("findings:"))
            .unwrap();
        assert_eq!(lines[summary], "findings: 1 error, 1 warning, 1 info");
        let first_heading = lines
            .iter()
            .position(|l| l.starts_with("部门支出总表"))
            .unwrap();
        assert!(summary < first_heading);
    }

    #[test]
    fn groups_by_table_in_document_order_with_narrative_last() {
        let text = to_text(&sample());
        let table = text.find("部门支出总表 [expenditure_summary, 万元, lines 40–58]");
        let narrative = text.find(NARRATIVE);
        assert!(table.is_some() && narrative.is_some(), "{text}");
        assert!(table < narrative);
        let error = text.find("error   SUM-ROWS").unwrap();
        let warning = text.find("warning SUM-COLS").unwrap();
        assert!(error < warning, "most severe first within a table");
        assert!(narrative.unwrap() < text.find("info    NARR-YOY").unwrap());
    }

    #[test]
    fn shows_location_figures_and_source() {
        let text = to_text(&sample());
        assert!(text.contains("    at: row 208 社会保障和就业支出, column 合计, line 41"));
        assert!(text.contains("    expected 812.07万元, printed 812.17万元\n"));
        assert!(text.contains("    difference 0.10万元, tolerance 0.015万元\n"));
        assert!(text.contains("    source: | 合计 | 812.17 |"));
        assert!(text.contains("    also: XT-T5-T6 合计 differs too"));
    }

    /// Coloured, the severities carry ANSI escapes, nothing else does, and without them the
    /// text is the plain text.
    #[test]
    fn colored_text_styles_the_severities_only() {
        let plain = to_text(&sample());
        let colored = to_colored_text(&sample());
        assert!(
            colored.contains("\u{1b}[1m\u{1b}[31merror\u{1b}[0m   SUM-ROWS"),
            "{colored}"
        );
        assert!(colored.contains("\u{1b}[1m\u{1b}[33mwarning\u{1b}[0m SUM-COLS"));
        assert!(colored.contains("\u{1b}[1m\u{1b}[36minfo\u{1b}[0m    NARR-YOY"));
        let stripped = regex_free_strip(&colored);
        assert_eq!(stripped, plain);
    }

    /// `text` without its `ESC [ … m` sequences.
    fn regex_free_strip(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn every_line_fits_80_columns() {
        let text = to_text(&sample());
        for line in text.lines() {
            assert!(display_width(line) <= WIDTH, "{line:?}");
        }
    }

    #[test]
    fn long_source_text_is_cut_after_four_lines() {
        let lines = source_lines(&"合计 812.17 ".repeat(60));
        assert_eq!(lines.len(), 4);
        assert!(lines[3].ends_with(" …"));
    }

    #[test]
    fn a_document_without_findings_says_so() {
        let mut r = sample();
        r.findings.clear();
        r.coverage = NarrativeCoverage::default();
        let text = to_text(&r);
        assert!(text.contains("findings: 0 errors, 0 warnings, 0 info"));
        assert!(!text.contains(NARRATIVE));
        assert!(text.ends_with("0 info\n"));
    }

    #[test]
    fn unknown_facts_show_a_dash_and_the_source_as_title() {
        let mut r = sample();
        r.document.facts = budget_model::Facts {
            source: "a.txt".to_string(),
            ..Default::default()
        };
        let text = to_text(&r);
        assert!(text.starts_with("a.txt\n"));
        assert!(text.contains("  year     —\n"));
        assert!(text.contains("  kind     —\n"));
    }

    #[test]
    fn final_accounts_say_so_in_the_title_and_the_facts() {
        let mut r = sample();
        r.document.facts.kind = Some(DocumentKind::FinalAccounts);
        let text = to_text(&r);
        let title = text.lines().next().unwrap_or_default();
        assert!(title.ends_with(" 单位决算"), "{title}");
        assert!(
            text.contains("  kind     决算 (final accounts)\n"),
            "{text}"
        );
    }
}
