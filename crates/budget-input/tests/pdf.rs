//! PDF, the form most disclosures are published in (issue 6): each sample printed by the test as
//! a PDF of several pages (narrative wrapped as on paper, every table cell drawn at its own x
//! position, a CJK CID font with a ToUnicode map and no embedded glyphs), read through the real
//! path (detection, `pdftotext -layout`, the space-aligned layout stage, the parser,
//! reconciliation) gives the same report as the text form.

mod support;

use budget_input::{detect, Format};
use support::*;

/// Lines on one page: most tables fit on a page, the narrative flows over several.
const LINES_PER_PAGE: usize = 50;

/// The text `pdftotext -layout` makes of a sample printed as PDF.
fn pdf_text(name: &str) -> String {
    let bytes = to_pdf(&parts(&sample(name)), LINES_PER_PAGE);
    assert_eq!(detect(&bytes), Format::Pdf, "{name} as PDF");
    budget_input::pdf::to_text(&bytes, budget_input::pdf::DEFAULT_TIMEOUT)
        .unwrap_or_else(|e| panic!("{name} as PDF: {e}"))
}

/// Samples whose PDF gives the same report (performance-target forms and claims left out, as
/// for space-aligned text: see `without_forms`).
const PDF_EXACT: [&str; 2] = ["000_ae56c58d42acd4fc.txt", "002_a82d126008b6a810.txt"];

/// The report without the performance-target forms and the findings about them (see
/// `without_forms`); claims and narrative findings stay.
fn without_form_tables(mut report: serde_json::Value) -> serde_json::Value {
    let is_form = |kind: &serde_json::Value| {
        kind.as_str()
            .is_some_and(|k| k.starts_with("performance_targets"))
    };
    if let Some(tables) = report["tables"].as_array_mut() {
        tables.retain(|t| !is_form(&t["kind"]));
    }
    if let Some(findings) = report["findings"].as_array_mut() {
        findings.retain(|f| !is_form(&f["location"]["table_kind"]));
    }
    report
}

#[test]
fn pdf_gives_the_same_report() {
    for name in PDF_EXACT {
        let text = pdf_text(name);
        let expected = without_form_tables(without_positions(report_of_text(&sample(name))));
        let actual = without_form_tables(without_positions(report_of_text(&text)));
        assert_same(name, "PDF", &expected, &actual);
    }
}

#[test]
fn pdf_text_keeps_pages_and_columns() {
    for name in SAMPLES {
        let text = pdf_text(name);
        let pages = text.matches('\u{c}').count();
        assert!(pages >= 5, "{name}: {pages} page breaks");
        assert!(
            text.contains("社会保障和就业支出") || text.contains("社会保障"),
            "{name}: CJK text extracted"
        );
    }
}
