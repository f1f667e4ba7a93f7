//! The report for people, as one self-contained HTML page: the document facts, a summary of the
//! findings by severity and by rule, each finding with its location, figures and source excerpt
//! (the printed figure highlighted with `<mark>`), then every table with the offending cells
//! marked. No scripts, no external resources: the CSS is in the page.
//!
//! Every piece of document text goes through maud's escaping (`(expr)` in a template), so a
//! document that prints `<script>` shows it as text; `PreEscaped` is used only for the constant
//! stylesheet.

use std::collections::BTreeMap;

use budget_model::{
    format_value, Amount, Document, DocumentKind, Finding, Reconciliation, Row, Scope, Severity,
    Table, TableStatus, Unit,
};
use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::text::{location_text, related_text};

const CSS: &str = "\
body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222;max-width:1200px}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}\
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}\
td.num{text-align:right;font-variant-numeric:tabular-nums}\
td.bad-error{background:#fdd;outline:2px solid #c00}\
td.bad-warning{background:#fff0d0;outline:2px solid #c80}\
td.bad-info{background:#e8eef6;outline:1px dashed #468}\
tr.bad-row{background:#fff4f4}\
.sev{font-weight:bold;padding:0 .4em;border-radius:3px;color:#fff}\
.sev-error{background:#c00}.sev-warning{background:#c80}.sev-info{background:#468}\
.finding{border-left:4px solid #ccc;padding:.3em 1em;margin:1em 0}\
.finding.error{border-color:#c00}.finding.warning{border-color:#c80}.finding.info{border-color:#468}\
pre.source{white-space:pre-wrap;background:#f6f6f6;padding:.5em}\
mark{background:#ff0;font-weight:bold}\
form.filters{display:flex;gap:.5em;margin:1em 0}td.top div{margin:.1em 0}\
th[data-key]{cursor:pointer}th[aria-sort=ascending]::after{content:' \\25B2'}th[aria-sort=descending]::after{content:' \\25BC'}\
dl.facts{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dl.facts dt{font-weight:bold}";

/// Renders one reconciled document as a complete HTML page.
pub fn to_html(r: &Reconciliation) -> String {
    let body = html! {
        (facts(&r.document))
        (summary(&r.findings))
        (findings(&r.findings))
        (tables(r))
    };
    page(&r.document.facts.heading(), body)
}

/// A complete page: `title` as its title and heading, then `body`. It runs no script and loads
/// nothing (its Content-Security-Policy says so).
pub(crate) fn page(title: &str, body: Markup) -> String {
    render_page(title, body, None)
}

/// [`page`] with one script of its own, inline: the policy allows that script (by its hash)
/// and nothing else, so the page still loads nothing from elsewhere.
pub(crate) fn page_with_script(title: &str, body: Markup, script: &str) -> String {
    render_page(title, body, Some(script))
}

fn render_page(title: &str, body: Markup, script: Option<&str>) -> String {
    let scripts = script.map_or_else(|| "'none'".to_string(), script_hash);
    let policy = format!("default-src 'none'; style-src 'unsafe-inline'; script-src {scripts}");
    html! {
        (DOCTYPE)
        html lang="zh" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(policy);
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { (title) }
                (body)
                @if let Some(script) = script { script { (PreEscaped(script)) } }
            }
        }
    }
    .into_string()
}

/// A script as a Content-Security-Policy source: `'sha256-BASE64'` of its text.
fn script_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn facts(doc: &Document) -> Markup {
    let f = &doc.facts;
    let count = |s: TableStatus| doc.tables.iter().filter(|t| t.status == s).count();
    let tables = format!(
        "{} ({} parsed, {} empty, {} unparsed)",
        doc.tables.len(),
        count(TableStatus::Parsed),
        count(TableStatus::Empty),
        count(TableStatus::Unparsed)
    );
    let scope = f.scope.map(|s| match s {
        Scope::Department => "部门 (department)",
        Scope::Unit => "单位 (unit)",
    });
    html! {
        dl.facts {
            dt { "source" } dd { (f.source) }
            @if let Some(parts) = doc.parts_summary() { dt { "files" } dd { (parts) } }
            @if let Some(previous) = &doc.previous { dt { "previous" } dd { (previous) } }
            dt { "entity" } dd { (or_dash(f.entity.as_deref())) }
            dt { "entity code" } dd { (or_dash(f.entity_code.as_deref())) }
            dt { "year" } dd { (or_dash(f.year.map(|y| y.to_string()).as_deref())) }
            dt { "kind" } dd { (or_dash(f.kind.map(DocumentKind::label))) }
            dt { "scope" } dd { (or_dash(scope)) }
            dt { "unit" } dd { (or_dash(f.unit.map(Unit::label))) }
            dt { "tables" } dd { (tables) }
            dt { "claims" } dd { (doc.claims.len()) }
        }
    }
}

fn or_dash(v: Option<&str>) -> &str {
    v.unwrap_or("—")
}

fn summary(findings: &[Finding]) -> Markup {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut by_rule: BTreeMap<&str, (usize, Severity)> = BTreeMap::new();
    for f in findings {
        let entry = by_rule.entry(&f.rule).or_insert((0, f.severity));
        entry.0 += 1;
        entry.1 = entry.1.max(f.severity);
    }
    html! {
        h2 { "Summary" }
        table.summary-severity {
            tr { th { "severity" } th { "findings" } }
            @for s in [Severity::Error, Severity::Warning, Severity::Info] {
                tr { td { (severity_badge(s)) } td.num { (count(s)) } }
            }
        }
        @if !by_rule.is_empty() {
            table.summary-rule {
                tr { th { "rule" } th { "worst" } th { "findings" } }
                @for (rule, (n, worst)) in &by_rule {
                    tr { td { code { (rule) } } td { (severity_badge(*worst)) } td.num { (n) } }
                }
            }
        }
    }
}

pub(crate) fn severity_badge(s: Severity) -> Markup {
    html! { span class=(format!("sev sev-{}", s.as_str())) { (s.as_str()) } }
}

fn findings(findings: &[Finding]) -> Markup {
    html! {
        h2 { "Findings" }
        @if findings.is_empty() {
            p { "No findings." }
        }
        @for (i, f) in findings.iter().enumerate() {
            (finding(i, f))
        }
    }
}

fn finding(i: usize, f: &Finding) -> Markup {
    html! {
        section class=(format!("finding {}", f.severity.as_str())) id=(finding_id(i)) {
            p {
                (severity_badge(f.severity)) " "
                code.rule { (f.rule) } " "
                span.message { (f.message) }
            }
            @if let Some(at) = location_text(&f.location) {
                p.location { "at " @if let Some(t) = &f.location.table_title { b { (t) } ", " } (at) }
            }
            @for at in f.related.iter().filter_map(related_text) {
                p.location { "and " (at) }
            }
            (figures(f))
            @if !f.source_text.trim().is_empty() {
                pre.source { (highlighted(&f.source_text, f.printed.as_ref())) }
            }
            @if !f.consequences.is_empty() {
                ul.consequences {
                    @for c in &f.consequences { li { "also: " (c) } }
                }
            }
        }
    }
}

fn finding_id(i: usize) -> String {
    format!("finding-{}", i + 1)
}

fn figures(f: &Finding) -> Markup {
    let [difference, tolerance] = crate::text::difference_and_tolerance(f);
    let rows = [
        ("expected", f.expected.map(|a| a.to_string())),
        ("printed", f.printed.map(|a| a.to_string())),
        ("difference", difference),
        ("tolerance", tolerance),
    ];
    if rows.iter().all(|(_, v)| v.is_none()) {
        return html! {};
    }
    html! {
        table.figures {
            tr {
                @for (name, value) in &rows {
                    @if value.is_some() { th { (name) } }
                }
            }
            tr {
                @for (_, value) in &rows {
                    @if let Some(v) = value { td.num { (v) } }
                }
            }
        }
    }
}

/// The source text with every printed occurrence of the printed figure inside `<mark>`.
/// A negative figure the text prints with a direction word instead of its sign (`减少14162.7`
/// for -14162.7) is marked where its digits are.
fn highlighted(source: &str, printed: Option<&Amount>) -> Markup {
    let figure = printed.map(|a| format_value(a.value, a.decimals));
    let mut parts = split_marks(source, figure.as_deref().unwrap_or(""));
    if let Some(unsigned) = figure.as_deref().and_then(|f| f.strip_prefix('-')) {
        if !parts.iter().any(|(_, marked)| *marked) {
            parts = split_marks(source, unsigned);
        }
    }
    html! {
        @for (text, marked) in parts {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

/// Splits `source` into (text, marked) pieces: a piece is marked when it prints `figure`
/// (`8763.47`) as a whole number, in any of the forms the parser reads: `8,763.47`, `8763. 47`,
/// full-width digits.
fn split_marks<'a>(source: &'a str, figure: &str) -> Vec<(&'a str, bool)> {
    let mut parts = Vec::new();
    let mut rest_start = 0;
    let mut i = 0;
    while i < source.len() {
        let hit = figure_len(&source[i..], figure).filter(|n| stands_alone(source, i, i + n));
        match hit {
            Some(n) => {
                if rest_start < i {
                    parts.push((&source[rest_start..i], false));
                }
                parts.push((&source[i..i + n], true));
                i += n;
                rest_start = i;
            }
            None => i += source[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if rest_start < source.len() {
        parts.push((&source[rest_start..], false));
    }
    parts
}

/// The byte length of `figure` as printed at the start of `text`, if it is there: thousands
/// separators and spaces may sit between its characters, digits may be full-width.
fn figure_len(text: &str, figure: &str) -> Option<usize> {
    if figure.is_empty() {
        return None;
    }
    let mut chars = text.char_indices().peekable();
    for (k, want) in figure.chars().enumerate() {
        if k > 0 {
            while let Some((_, ',' | ' ' | '，')) = chars.peek() {
                chars.next();
            }
        }
        let (_, got) = chars.next()?;
        if half_width(got) != want {
            return None;
        }
    }
    Some(chars.peek().map_or(text.len(), |(at, _)| *at))
}

/// `０`–`９` and `．` as ASCII; other characters unchanged.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | '．' | '－' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn stands_alone(source: &str, start: usize, end: usize) -> bool {
    let numeric = |c: char| half_width(c).is_ascii_digit() || c == '.' || c == ',';
    let before = source[..start].chars().next_back();
    let after = source[end..].chars().next();
    !before.is_some_and(numeric) && !after.is_some_and(|c| half_width(c).is_ascii_digit())
}

fn tables(r: &Reconciliation) -> Markup {
    html! {
        h2 { "Tables" }
        @for t in &r.document.tables {
            (table(t, &r.findings))
        }
    }
}

fn table(t: &Table, findings: &[Finding]) -> Markup {
    html! {
        section.table {
            h3 { (t.title) }
            p.table-meta {
                (t.kind.as_str()) ", " (t.unit.label()) ", lines " (t.lines.0) "–" (t.lines.1)
                ", " (status_text(t.status))
            }
            @if let Some(note) = &t.note { p.note { (note) } }
            @if !t.rows.is_empty() {
                table.cells {
                    tr {
                        th { "code" } th { "label" }
                        @for c in &t.columns { th { (c.name) } }
                    }
                    @for row in &t.rows {
                        (table_row(t, row, findings))
                    }
                }
            }
        }
    }
}

fn status_text(s: TableStatus) -> &'static str {
    match s {
        TableStatus::Parsed => "parsed",
        TableStatus::Empty => "empty",
        TableStatus::Unparsed => "unparsed",
    }
}

fn table_row(t: &Table, row: &Row, findings: &[Finding]) -> Markup {
    let row_findings: Vec<(usize, &Finding)> = findings
        .iter()
        .enumerate()
        .filter(|(_, f)| points_at_row(f, t, row))
        .collect();
    html! {
        tr class=[(!row_findings.is_empty()).then_some("bad-row")] {
            td { (row.code.as_ref().map(|c| c.as_str()).unwrap_or("")) }
            td { (row.label) }
            @for (ci, column) in t.columns.iter().enumerate() {
                @let value = row.value(ci).map(|a| format_value(a.value, a.decimals)).unwrap_or_default();
                @match worst_at(&row_findings, &column.name) {
                    Some((i, f)) => {
                        td class=(format!("num bad-{}", f.severity.as_str())) title=(format!("{} {}", f.rule, f.severity.as_str())) {
                            a href=(format!("#{}", finding_id(i))) { (value) }
                        }
                    }
                    None => { td.num { (value) } }
                }
            }
        }
    }
}

/// Of a row's findings, the most severe one on the column named `column` (the first of them on
/// a tie): the cell is outlined in its severity's colour and links to it.
fn worst_at<'f>(
    row_findings: &[(usize, &'f Finding)],
    column: &str,
) -> Option<(usize, &'f Finding)> {
    row_findings
        .iter()
        .filter(|(_, f)| f.location.column.as_deref() == Some(column))
        .rev()
        .max_by_key(|(_, f)| f.severity)
        .copied()
}

/// Whether a finding's location names this table and this row (by code, else by label).
fn points_at_row(f: &Finding, t: &Table, row: &Row) -> bool {
    let l = &f.location;
    if l.table_title.as_deref() != Some(t.title.as_str()) {
        return false;
    }
    match (&l.row_code, &row.code) {
        (Some(code), Some(row_code)) => code == row_code.as_str(),
        (Some(_), None) => false,
        (None, _) => l.row_label.as_deref() == Some(row.label.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    const SCRIPT: &str = "<script>alert(1)</script>";

    #[test]
    fn is_one_page_with_facts_summary_findings_and_tables() {
        let page = to_html(&sample());
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<title>南昌市医疗保障服务中心 2024 单位预算</title>"));
        let order = ["Summary", "Findings", "Tables"].map(|h| page.find(&format!("<h2>{h}</h2>")));
        assert!(order.iter().all(Option::is_some), "{page}");
        assert!(order[0] < order[1] && order[1] < order[2]);
        assert!(page.contains("SUM-ROWS"));
        assert!(page.contains("812.07万元") && page.contains("812.17万元"));
        assert!(page.contains("0.10万元") && page.contains("0.015万元"));
        assert!(page.contains("also: XT-T5-T6 合计 differs too"));
    }

    #[test]
    fn needs_no_script_and_no_external_resource() {
        let page = to_html(&sample());
        assert!(!page.contains("<script"));
        assert!(!page.contains("src="));
        assert!(!page.contains("<link"));
    }

    #[test]
    fn the_printed_figure_is_marked_in_the_source() {
        let page = to_html(&sample());
        assert!(
            page.contains("<pre class=\"source\">| 合计 | <mark>812.17</mark> | 700.10"),
            "{page}"
        );
    }

    /// `减少14162.7`: the figure -14162.7 written with a word for its sign is marked.
    #[test]
    fn a_figure_signed_by_a_word_is_marked() {
        let printed = Amount::new(rust_decimal::Decimal::new(-141627, 1), Unit::WanYuan, 1);
        let page = highlighted("较上年减少14162.7万元。", Some(&printed)).into_string();
        assert_eq!(page, "较上年减少<mark>14162.7</mark>万元。");
        let page = highlighted("增减 -14162.7", Some(&printed)).into_string();
        assert_eq!(page, "增减 <mark>-14162.7</mark>");
    }

    #[test]
    fn the_offending_cell_is_marked_in_its_table() {
        let page = to_html(&sample());
        assert!(
            page.contains("<td class=\"num bad-error\" title=\"SUM-ROWS error\"><a href=\"#finding-1\">12.00</a></td>"),
            "{page}"
        );
        assert!(page.contains("id=\"finding-1\""));
    }

    /// A cell is outlined in the colour of its worst finding: an info alone is no error.
    #[test]
    fn a_cell_is_outlined_by_its_worst_finding() {
        let mut r = sample();
        let flagged = |r: &Reconciliation| {
            let page = to_html(r);
            let at = page.find(">12.00</a></td>").expect("the flagged cell");
            let start = page[..at].rfind("<td class=\"").expect("its cell");
            page[start..at].to_string()
        };
        assert!(flagged(&r).contains("num bad-error"), "{}", flagged(&r));
        for f in &mut r.findings {
            f.severity = Severity::Info;
        }
        assert!(flagged(&r).contains("num bad-info"), "{}", flagged(&r));
    }

    #[test]
    fn document_text_is_escaped_everywhere() {
        let mut r = sample();
        r.document.facts.entity = Some(SCRIPT.to_string());
        r.document.tables[0].rows[1].label = SCRIPT.to_string();
        r.document.tables[0].title = SCRIPT.to_string();
        r.document.claims[0].sentence = SCRIPT.to_string();
        r.findings[0].source_text = format!("{SCRIPT} 812.17");
        r.findings[0].message = SCRIPT.to_string();
        r.findings[0].location.row_label = Some(SCRIPT.to_string());
        let page = to_html(&r);
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    #[test]
    fn figures_are_marked_only_as_whole_numbers() {
        let parts = split_marks("112.00 12.00 12.001 12.00", "12.00");
        let marked: Vec<&str> = parts.iter().filter(|p| p.1).map(|p| p.0).collect();
        assert_eq!(marked, ["12.00", "12.00"]);
        let all: String = parts.iter().map(|p| p.0).collect();
        assert_eq!(all, "112.00 12.00 12.001 12.00");
    }

    #[test]
    fn figures_are_found_in_every_printed_form() {
        let marked = |source| {
            split_marks(source, "8763.47")
                .into_iter()
                .filter(|p| p.1)
                .map(|p| p.0)
                .collect::<Vec<_>>()
        };
        assert_eq!(marked("合计 8,763.47 元"), ["8,763.47"]);
        assert_eq!(marked("| 8763. 47 |"), ["8763. 47"]);
        assert_eq!(marked("共８７６３．４７万元"), ["８７６３．４７"]);
        assert!(marked("8763.470 18763.47").is_empty());
        assert!(split_marks("abc", "").iter().all(|p| !p.1));
    }

    #[test]
    fn a_document_without_findings_says_so() {
        let mut r = sample();
        r.findings.clear();
        let page = to_html(&r);
        assert!(page.contains("No findings."));
        assert!(!page.contains("class=\"num bad-"));
    }
}
