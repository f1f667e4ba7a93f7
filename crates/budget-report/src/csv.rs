//! One row per finding, for a spreadsheet ([`to_csv`]): the document, the rule, where, the
//! figures (numbers without their unit, which has a column of its own, so that a spreadsheet
//! reads them as numbers) and the message. Many documents' rows go under one header: a batch's
//! findings are one table.

use budget_model::{format_value, Amount, Finding, Reconciliation};

use crate::text::{difference_and_tolerance_numbers, unit_label};

/// The columns, in order.
pub const CSV_HEADER: [&str; 17] = [
    "source",
    "entity",
    "year",
    "rule",
    "severity",
    "table",
    "row_code",
    "row_label",
    "column",
    "page",
    "location",
    "unit",
    "expected",
    "printed",
    "difference",
    "tolerance",
    "message",
];

/// The header line alone (see [`CSV_HEADER`]).
pub fn to_csv_header() -> String {
    csv_text(|w| {
        let _ = w.write_record(CSV_HEADER);
    })
}

/// The report's findings as CSV rows, under [`CSV_HEADER`] when `header` is set. A document
/// without findings gives no row.
pub fn to_csv(report: &Reconciliation, header: bool) -> String {
    csv_text(|w| {
        if header {
            let _ = w.write_record(CSV_HEADER);
        }
        for f in &report.findings {
            let _ = w.write_record(record(report, f));
        }
    })
}

/// What `write` writes, as text. Writing into memory cannot fail; a record that did would only
/// lose that record.
fn csv_text(write: impl FnOnce(&mut csv::Writer<Vec<u8>>)) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    write(&mut writer);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn record(report: &Reconciliation, f: &Finding) -> [String; 17] {
    let facts = &report.document.facts;
    let l = &f.location;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let number = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let amount = |a: Option<Amount>| {
        a.map(|a| format_value(a.value, a.decimals))
            .unwrap_or_default()
    };
    let [difference, tolerance] = difference_and_tolerance_numbers(f);
    // A spreadsheet's cell, else the line of the text; the file first for a publication of
    // several.
    let place = match &l.cell {
        Some(cell) => cell.clone(),
        None => l.line.map(|n| format!("line {n}")).unwrap_or_default(),
    };
    let location = match &l.file {
        Some(file) => format!("{file} {place}").trim_end().to_string(),
        None => place,
    };
    [
        facts.source.clone(),
        text(&facts.entity),
        facts.year.map(|y| y.to_string()).unwrap_or_default(),
        f.rule.clone(),
        f.severity.as_str().to_string(),
        text(&l.table_title),
        text(&l.row_code),
        text(&l.row_label),
        text(&l.column),
        number(l.page),
        location,
        unit_label(f).to_string(),
        amount(f.expected),
        amount(f.printed),
        difference.unwrap_or_default(),
        tolerance.unwrap_or_default(),
        f.message.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample;

    #[test]
    fn one_row_per_finding_under_one_header() {
        let r = sample();
        let csv = to_csv(&r, true);
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(header, CSV_HEADER);
        let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        assert_eq!(rows.len(), r.findings.len());
        assert_eq!(&rows[0][3], r.findings[0].rule.as_str());
        assert_eq!(&rows[0][16], r.findings[0].message.as_str());
        assert!(rows.iter().all(|row| row.len() == CSV_HEADER.len()));
        assert!(!to_csv(&r, false).starts_with("source,"));
        assert!(csv.starts_with(&to_csv_header()));
    }
}
