//! The same document in any form gives the same report as its text form (issue 6): each
//! sample rendered by the test as HTML, .xlsx, .docx, space-aligned columns, GBK, UTF-16 and
//! CRLF, detected and converted, then parsed and reconciled.
//!
//! Forms that keep the text byte for byte in another encoding must give exactly the same report.
//! Forms that lay the document out anew (a table row is a `<tr>`, a spreadsheet row) cannot keep
//! line numbers or the quoted source text, so those positions are left out of the comparison;
//! everything else (facts, every table and cell, claims, findings with their figures) must be
//! equal.

mod forms;

use budget_input::{detect, Format};
use forms::*;

fn text_report(name: &str) -> serde_json::Value {
    report_of_text(&sample(name))
}

fn check_form(form: &str, expected_format: Format, render: impl Fn(&str) -> Vec<u8>) {
    for name in SAMPLES {
        let bytes = render(&sample(name));
        assert_eq!(detect(&bytes), expected_format, "{name} as {form}");
        let expected = without_positions(text_report(name));
        let actual = without_positions(report_of_bytes(&bytes));
        assert_same(name, form, &expected, &actual);
    }
}

fn check_exact(form: &str, render: impl Fn(&str) -> Vec<u8>) {
    for name in SAMPLES {
        let bytes = render(&sample(name));
        assert_eq!(detect(&bytes), Format::Text, "{name} as {form}");
        assert_same(name, form, &text_report(name), &report_of_bytes(&bytes));
    }
}

#[test]
fn samples_hold_no_space_aligned_tables() {
    for name in SAMPLES {
        let text = sample(name);
        assert!(
            matches!(
                budget_input::layout::align_tables(&text).text,
                std::borrow::Cow::Borrowed(_)
            ),
            "{name}: the layout stage must leave the samples unchanged"
        );
    }
}

#[test]
fn gbk_bytes_give_the_same_report() {
    check_exact("GBK", |text| {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable, "the sample is representable in GBK");
        bytes.into_owned()
    });
}

#[test]
fn gb18030_bytes_give_the_same_report() {
    check_exact("GB18030", |text| {
        encoding_rs::GB18030.encode(text).0.into_owned()
    });
}

#[test]
fn utf16_with_and_without_bom_gives_the_same_report() {
    check_exact("UTF-16LE with BOM", |text| {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    });
    check_exact("UTF-16BE without BOM", |text| {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    });
}

#[test]
fn crlf_and_utf8_bom_give_the_same_report() {
    check_exact("CRLF", |text| text.replace('\n', "\r\n").into_bytes());
    check_exact("UTF-8 BOM", |text| {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(text.as_bytes());
        bytes
    });
}

#[test]
fn html_gives_the_same_report() {
    check_form("HTML", Format::Html, |text| {
        to_html(&parts(text)).into_bytes()
    });
}

#[test]
fn gbk_html_gives_the_same_report() {
    check_form("GBK HTML", Format::Html, |text| {
        let html = to_html(&parts(text)).replace("utf-8", "gbk");
        encoding_rs::GBK.encode(&html).0.into_owned()
    });
}

#[test]
fn xlsx_gives_the_same_report() {
    check_form("xlsx", Format::Xlsx, |text| to_xlsx(&parts(text)));
}

#[test]
fn docx_gives_the_same_report() {
    check_form("docx", Format::Docx, |text| to_docx(&parts(text)));
}

/// Every sample's space-aligned form gives the same report as its text form: first its
/// columnar tables (a difference only in the whole report is in the forms), then the whole
/// report, performance-target forms and claims included.
///
/// 003's 政府性基金支出预算表 has a column empty in every row, header and body (between 人员经费
/// and 公用经费), which space alignment cannot show; both forms read 公用经费 under the 基本支出
/// header spanning it (see `fill_group_labels` in budget-parse's reader). Form rows holding only
/// a label (002's 年度绩效目标 above its text, 003's 年度履职目标, 003's rows going on from the
/// page before with blank first cells) are rows of the form, as in the text form (see
/// `label_rows` in budget-input's layout).
#[test]
fn space_aligned_text_gives_the_same_report() {
    for name in SAMPLES {
        let text = to_layout(&parts(&sample(name)));
        assert_eq!(detect(text.as_bytes()), Format::Text);
        let expected = without_positions(text_report(name));
        let actual = without_positions(report_of_bytes(text.as_bytes()));
        let (columns_expected, columns_actual) = (
            without_forms(expected.clone()),
            without_forms(actual.clone()),
        );
        assert_same(
            name,
            "space-aligned text",
            &columns_expected,
            &columns_actual,
        );
        assert_same(name, "space-aligned text with forms", &expected, &actual);
    }
}

/// Every finding with a line points at the space-aligned text as the user sees it, as it does
/// at the text form.
#[test]
fn space_aligned_findings_quote_their_lines() {
    let mut checked = 0;
    for name in SAMPLES {
        let text = sample(name);
        assert_locations_in(name, "text", &text, &report_of_text(&text));
        let text = to_layout(&parts(&text));
        checked += assert_locations_in(name, "space-aligned text", &text, &report_of_text(&text));
    }
    assert!(checked > 0, "no finding on a line");
}
