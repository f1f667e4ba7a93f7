//! PDF, the form most disclosures are published in (issue 6): each sample printed by the test as
//! a PDF of several pages (narrative wrapped as on paper, every table cell drawn at its own x
//! position, a CJK CID font with a ToUnicode map and no embedded glyphs), read through the real
//! path (detection, `pdftotext -layout`, the space-aligned layout stage, the parser,
//! reconciliation) gives the same report as the text form.

mod forms;

use budget_input::{detect, Format};
use forms::*;

/// Lines on one page: most tables fit on a page, the narrative flows over several.
const LINES_PER_PAGE: usize = 50;

/// The text `pdftotext -layout` makes of a sample printed as PDF.
fn pdf_text(name: &str) -> String {
    let bytes = to_pdf(&parts(&sample(name)), LINES_PER_PAGE);
    assert_eq!(detect(&bytes), Format::Pdf, "{name} as PDF");
    budget_input::pdf::to_text(&bytes, budget_input::pdf::DEFAULT_TIMEOUT)
        .unwrap_or_else(|e| panic!("{name} as PDF: {e}"))
}

/// Every sample's PDF gives the same report as its text form: first without the
/// performance-target forms and the findings about them (`without_form_tables`), then the whole
/// report, forms included (see `space_aligned_text_gives_the_same_report` in formats.rs).
#[test]
fn pdf_gives_the_same_report() {
    for name in SAMPLES {
        let text = pdf_text(name);
        let expected = without_positions(report_of_text(&sample(name)));
        let actual = without_positions(report_of_text(&text));
        let (tables_expected, tables_actual) = (
            without_form_tables(expected.clone()),
            without_form_tables(actual.clone()),
        );
        assert_same(name, "PDF", &tables_expected, &tables_actual);
        assert_same(name, "PDF with forms", &expected, &actual);
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

/// A finding names the page its row is printed on: the page of the PDF it names holds the row
/// and its table's title (or the table goes on from the page before); a text form without page
/// breaks names no page.
#[test]
fn findings_name_the_page_of_their_table() {
    // 004's findings are all about tables missing from it, which have no row or page.
    let mut named = 0;
    for name in SAMPLES {
        let text = pdf_text(name);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let report = report_of_text(&text);
        let findings = report["findings"].as_array().expect("findings");
        for f in findings {
            let location = &f["location"];
            let (Some(title), Some(row)) = (
                location["table_title"].as_str(),
                location["row_label"].as_str(),
            ) else {
                continue;
            };
            let page = location["page"]
                .as_u64()
                .expect("a table finding names its page");
            let page = page as usize;
            // A table longer than a page goes on over the next one: its title is on the page or
            // the one before.
            let titled = pages_with(&pages, title)
                .iter()
                .any(|p| *p == page || *p + 1 == page);
            assert!(
                pages[page - 1].contains(row) && titled,
                "{name}: page {page} does not hold {title} / {row} (title on {:?}, row on {:?})",
                pages_with(&pages, title),
                pages_with(&pages, row)
            );
            named += 1;
        }
        let plain = report_of_text(&sample(name));
        assert!(plain["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .all(|f| f["location"]["page"].is_null()));
    }
    assert!(named > 0, "no finding on a table");
}

/// Every finding with a line points at `pdftotext`'s text as the user sees it (the space-aligned
/// tables are rewritten before the parser reads them, yet lines, offsets and quotes are the
/// input's).
#[test]
fn findings_quote_the_pdf_text_at_their_lines() {
    let mut checked = 0;
    for name in SAMPLES {
        let text = pdf_text(name);
        checked += assert_locations_in(name, "PDF", &text, &report_of_text(&text));
    }
    assert!(checked > 0, "no finding on a line");
}

fn pages_with(pages: &[&str], text: &str) -> Vec<usize> {
    (1..=pages.len())
        .filter(|p| pages[p - 1].contains(text))
        .collect()
}

/// The geometry reader (`pdftotext -bbox-layout`, not yet what `convert` uses) reads the
/// samples' tables as their text form does.
#[test]
fn geometry_reader_gives_the_same_tables() {
    for name in SAMPLES.iter().filter(|n| !n.starts_with("003")) {
        let bytes = to_pdf(&parts(&sample(name)), LINES_PER_PAGE);
        let text =
            budget_input::pdf::to_text_from_boxes(&bytes, budget_input::pdf::DEFAULT_TIMEOUT)
                .unwrap_or_else(|e| panic!("{name} as PDF: {e}"));
        let expected = without_form_tables(without_positions(report_of_text(&sample(name))));
        let actual = without_form_tables(without_positions(report_of_text(&text)));
        assert_same(name, "PDF read by geometry", &expected, &actual);
    }
}
