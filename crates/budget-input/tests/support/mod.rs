//! The sample documents in other forms, built by the tests: HTML, .xlsx, .docx, space-aligned
//! columns, PDF. Each form is rendered from the sample's text (its narrative lines and its
//! tables as the parser splits them into cells), as a publisher would print the same document.
#![allow(dead_code)]

use std::io::Write;

use budget_parse::grid::{blocks, Block};
use budget_parse::text::lines;
use serde_json::Value;

pub const SAMPLES: [&str; 4] = [
    "000_ae56c58d42acd4fc.txt",
    "002_a82d126008b6a810.txt",
    "003_da13a1aa64cf934e.txt",
    "004_564002215bad1a4c.txt",
];

pub fn sample(name: &str) -> String {
    let path = format!(
        "{}/../../../shared/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A document as narrative lines and tables of cells, in order.
pub enum Part {
    Line(String),
    Table(Vec<Vec<String>>),
}

pub fn parts(text: &str) -> Vec<Part> {
    let text = text.replace("\r\n", "\n");
    let lines = lines(&text);
    blocks(&lines)
        .into_iter()
        .map(|b| match b {
            Block::Text(l) => Part::Line(l.text.to_string()),
            Block::Grid(g) => Part::Table(g.rows.into_iter().map(|r| r.cells).collect()),
        })
        .collect()
}

// ---- reports -------------------------------------------------------------------------------

/// The JSON report of a text, its source name fixed.
pub fn report_of_text(text: &str) -> Value {
    let document = budget_parse::parse_text(text, "document");
    let findings = budget_reconcile::reconcile(&document);
    budget_report::to_json(&budget_model::Reconciliation { document, findings })
}

/// The report of bytes in any form, through detection and conversion.
pub fn report_of_bytes(bytes: &[u8]) -> Value {
    let (_, text) = budget_input::read_text(bytes).expect("converts");
    report_of_text(&text)
}

/// The report without the positions in the text (line, offsets, quoted source text), which
/// differ between forms that lay the same document out on different lines.
pub fn without_positions(mut report: Value) -> Value {
    strip(&mut report);
    report
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if matches!(key.as_str(), "line" | "start" | "end" | "source_text") {
                    *value = Value::Null;
                } else {
                    strip(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

/// Asserts two reports are equal, naming the first differing table, claim or finding.
pub fn assert_same(name: &str, form: &str, expected: &Value, actual: &Value) {
    if expected == actual {
        return;
    }
    for key in ["document", "tables", "claims", "findings"] {
        let (e, a) = (&expected[key], &actual[key]);
        if e == a {
            continue;
        }
        if let (Some(e), Some(a)) = (e.as_array(), a.as_array()) {
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                assert_eq!(x, y, "{name} as {form}: {key}[{i}] differs");
            }
            assert_eq!(
                e.len(),
                a.len(),
                "{name} as {form}: number of {key} differs"
            );
        }
        assert_eq!(e, a, "{name} as {form}: {key} differs");
    }
}

// ---- HTML ----------------------------------------------------------------------------------

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A web page: a paragraph per line (`<br>` for a blank one), a `<table>` per table.
pub fn to_html(parts: &[Part]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>预算公开</title>\
         <style>td { border: 1px solid; }</style><script>var x = '<table>';</script></head>\n<body>\n",
    );
    for part in parts {
        match part {
            Part::Line(l) if l.trim().is_empty() => out.push_str("<br>\n"),
            Part::Line(l) => out.push_str(&format!("<p>{}</p>\n", escape(l))),
            Part::Table(rows) => {
                out.push_str("<table border=\"1\">\n");
                for row in rows {
                    out.push_str("  <tr>");
                    for cell in row {
                        out.push_str(&format!("<td>{}</td>", escape(cell)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</table>\n");
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}

// ---- xlsx ----------------------------------------------------------------------------------

/// A figure the way a spreadsheet stores it: a number and the decimals its format shows. Codes
/// with leading zeros (`05`), long identifiers and anything else stay text.
pub fn as_number(cell: &str) -> Option<(f64, usize)> {
    let plain: String = cell.chars().filter(|c| *c != ',' && *c != ' ').collect();
    let digits = plain.chars().filter(char::is_ascii_digit).count();
    let unsigned = plain.strip_prefix('-').unwrap_or(&plain);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let well_formed = !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
        && !(int.len() > 1 && int.starts_with('0'))
        && !(unsigned.contains('.') && frac.is_empty());
    if !well_formed
        || digits > 15
        || budget_model::Amount::parse(cell, budget_model::Unit::Yuan)
            .ok()
            .flatten()
            .is_none()
    {
        return None;
    }
    plain.parse().ok().map(|v| (v, frac.len()))
}

/// A workbook with one sheet: a merged row per line of text, a row per table row, numbers
/// stored as numbers with a `#,##0.00`-style format.
pub fn to_xlsx(parts: &[Part]) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("部门预算公开").expect("sheet name");
    let mut row: u32 = 0;
    for part in parts {
        match part {
            Part::Line(l) if l.trim().is_empty() => row += 1,
            Part::Line(l) => {
                sheet
                    .merge_range(row, 0, row, 5, l, &Format::new())
                    .expect("merge");
                row += 1;
            }
            Part::Table(rows) => {
                for cells in rows {
                    for (j, cell) in cells.iter().enumerate() {
                        let col = j as u16;
                        match as_number(cell) {
                            Some((v, d)) => {
                                let code = if d == 0 {
                                    "#,##0".to_string()
                                } else {
                                    format!("#,##0.{}", "0".repeat(d))
                                };
                                let format = Format::new().set_num_format(code);
                                sheet
                                    .write_number_with_format(row, col, v, &format)
                                    .expect("number");
                            }
                            None if cell.is_empty() => {}
                            None => {
                                sheet.write_string(row, col, cell).expect("string");
                            }
                        }
                    }
                    row += 1;
                }
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

// ---- docx ----------------------------------------------------------------------------------

fn w_paragraph(text: &str) -> String {
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        escape(text)
    )
}

pub fn docx_document_xml(parts: &[Part]) -> String {
    let mut body = String::new();
    for part in parts {
        match part {
            Part::Line(l) => body.push_str(&w_paragraph(l.trim())),
            Part::Table(rows) => {
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
                for cells in rows {
                    body.push_str("<w:tr>");
                    for cell in cells {
                        body.push_str(&format!("<w:tc>{}</w:tc>", w_paragraph(cell)));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

/// A zip of the given entries (deflated).
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        writer.start_file(*name, options).expect("zip entry");
        writer.write_all(data).expect("zip write");
    }
    writer.finish().expect("zip").into_inner()
}

pub const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
</Types>";

pub const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

/// A minimal Word document: content types, the package relationship and the body.
pub fn to_docx(parts: &[Part]) -> Vec<u8> {
    let body = docx_document_xml(parts);
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", body.as_bytes()),
    ])
}

// ---- space-aligned columns -----------------------------------------------------------------

/// Display width: East Asian wide characters (CJK, full-width forms) take two columns.
pub fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let wide = matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}');
            if wide { 2 } else { 1 }
        })
        .sum()
}

fn is_figure(cell: &str) -> bool {
    budget_model::Amount::parse(cell, budget_model::Unit::Yuan)
        .ok()
        .flatten()
        .is_some()
}

/// Text as a terminal shows a table: each column padded to its widest cell, figures in columns of
/// amounts right-aligned, everything else left-aligned, two spaces between columns. Runs of spaces inside a cell are printed as one.
pub fn to_layout(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Line(l) => {
                out.push_str(l);
                out.push('\n');
            }
            Part::Table(rows) => {
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        r.iter()
                            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
                            .collect()
                    })
                    .collect();
                let n = rows.iter().map(Vec::len).max().unwrap_or(0);
                let widths: Vec<usize> = (0..n)
                    .map(|j| {
                        rows.iter()
                            .filter_map(|r| r.get(j))
                            .map(|c| width(c))
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let numeric: Vec<bool> = (0..n)
                    .map(|j| {
                        let cells: Vec<&String> = rows
                            .iter()
                            .filter_map(|r| r.get(j))
                            .filter(|c| !c.is_empty())
                            .collect();
                        let amounts = cells.iter().filter(|c| c.contains(['.', ','])).count();
                        amounts * 2 > cells.len()
                    })
                    .collect();
                for row in &rows {
                    let mut line = String::new();
                    for (j, w) in widths.iter().enumerate() {
                        let cell = row.get(j).map_or("", String::as_str);
                        let pad = " ".repeat(w - width(cell));
                        if j > 0 {
                            line.push_str("  ");
                        }
                        if numeric[j] && is_figure(cell) {
                            line.push_str(&pad);
                            line.push_str(cell);
                        } else {
                            line.push_str(cell);
                            line.push_str(&pad);
                        }
                    }
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
            }
        }
    }
    out
}
