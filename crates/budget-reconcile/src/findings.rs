//! Building findings: where they point and what they carry.

use budget_model::{
    difference_text, tolerance_text, Column, Document, Evidence, Finding, Location, Row, Severity,
    Table,
};

use crate::tolerance::{Comparison, Outcome};
use crate::RuleInfo;

/// The severity a comparison earns under a rule: none when exact, `info` within rounding, the
/// rule's own severity beyond it.
/// A finding about a whole table (the `index`-th of the document): located at its title, quoting
/// it, resting on the table.
pub fn table_finding(
    info: &RuleInfo,
    severity: Severity,
    message: String,
    table: &Table,
    index: usize,
) -> Finding {
    Finding {
        rule: info.id.into(),
        severity,
        message,
        location: Location {
            table_kind: Some(table.kind),
            table_title: Some(table.title.clone()),
            line: Some(table.lines.0),
            ..Location::default()
        },
        expected: None,
        printed: None,
        difference: None,
        tolerance: None,
        source_text: table.title.clone(),
        consequences: Vec::new(),
        evidence: vec![Evidence::Table { table: index }],
        related: Vec::new(),
    }
}

pub fn severity_of(info: &RuleInfo, cmp: &Comparison) -> Option<Severity> {
    match cmp.outcome {
        Outcome::Exact => None,
        Outcome::Rounding => Some(Severity::Info),
        Outcome::Mismatch => Some(info.severity),
    }
}

/// The location of a table cell (or row, when `column` is none).
pub fn cell_location(table: &Table, row: &Row, column: Option<&Column>) -> Location {
    Location {
        table_kind: Some(table.kind),
        table_title: Some(table.title.clone()),
        row_code: row.code.as_ref().map(|c| c.to_string()),
        row_label: Some(row.label.clone()),
        column: column.map(|c| c.name.clone()),
        line: Some(row.line),
        ..Location::default()
    }
}

/// A finding from a comparison.
pub fn from_comparison(
    info: &RuleInfo,
    severity: Severity,
    message: String,
    location: Location,
    cmp: &Comparison,
    source_text: String,
) -> Finding {
    Finding {
        rule: info.id.to_string(),
        severity,
        message,
        location,
        expected: Some(cmp.expected),
        printed: Some(cmp.printed),
        difference: Some(cmp.difference),
        tolerance: Some(cmp.tolerance),
        source_text,
        consequences: Vec::new(),
        evidence: Vec::new(),
        related: Vec::new(),
    }
}

/// "印 592.54万元，应为 592.55万元（差 -0.01万元，容差 ±0.015万元）".
pub fn describe(cmp: &Comparison) -> String {
    budget_model::wording::tables::printed_vs_expected(
        cmp.printed,
        cmp.expected,
        difference_text(cmp.difference, cmp.printed.decimals),
        tolerance_text(cmp.tolerance, cmp.printed.decimals),
        cmp.printed.unit,
    )
}

/// How a row is named in messages: `208 社会保障和就业支出`.
pub fn row_name(row: &Row) -> String {
    let mut name = String::new();
    push_row_name(&mut name, row);
    name
}

/// Appends [`row_name`] to `out`, for messages that list many rows.
pub fn push_row_name(out: &mut String, row: &Row) {
    if row.code.is_none() && row.label.trim().is_empty() {
        out.push_str(budget_model::wording::tables::UNNAMED_ROW);
        return;
    }
    if let Some(code) = &row.code {
        out.push_str(code.as_str());
        if !row.label.is_empty() {
            out.push(' ');
        }
    }
    out.push_str(&row.label);
}

/// Where a row of the document is: (table index, row index), found by the row's address in
/// the document's tables (rules hold references into the document, not indexes).
pub fn row_at(doc: &Document, row: &Row) -> Option<(usize, usize)> {
    let address = row as *const Row;
    doc.tables.iter().enumerate().find_map(|(t, table)| {
        if !table.rows.as_ptr_range().contains(&address) {
            return None;
        }
        let r = table.rows.iter().position(|r| std::ptr::eq(r, row))?;
        Some((t, r))
    })
}

/// The evidence of a row, or of one of its cells when `column` is given.
pub fn row_evidence(doc: &Document, row: &Row, column: Option<usize>) -> Option<Evidence> {
    let (table, row) = row_at(doc, row)?;
    Some(match column {
        Some(column) => Evidence::Cell { table, row, column },
        None => Evidence::Row { table, row },
    })
}

/// The evidence of a finding: the printed cell (or row) first, then the other rows it was
/// compared with, each once.
pub fn evidence(doc: &Document, at: Option<(&Row, Option<usize>)>, rows: &[&Row]) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::with_capacity(rows.len() + 1);
    let mut seen: Vec<(usize, usize)> = Vec::with_capacity(rows.len() + 1);
    if let Some((row, column)) = at {
        if let Some(e) = row_evidence(doc, row, column) {
            seen.extend(e.row());
            out.push(e);
        }
    }
    for row in rows {
        let Some(place) = row_at(doc, row) else {
            continue;
        };
        if !seen.contains(&place) {
            seen.push(place);
            out.push(Evidence::Row {
                table: place.0,
                row: place.1,
            });
        }
    }
    out
}
