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

/// A sample's text. The samples sit beside the repository (`../shared/samples/`); this module is
/// included by tests of the root package and of member crates, so the folder is looked for above
/// the including package's directory.
pub fn sample(name: &str) -> String {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = manifest
        .ancestors()
        .map(|dir| dir.join("../shared/samples").join(name))
        .find(|path| path.exists())
        .unwrap_or_else(|| manifest.join("../shared/samples").join(name));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
            Block::Grid(g) => Part::Table(
                g.rows
                    .into_iter()
                    .map(|r| r.cells.into_iter().map(|c| c.into_owned()).collect())
                    .collect(),
            ),
        })
        .collect()
}

// ---- reports -------------------------------------------------------------------------------

/// The JSON report of a text, its source name fixed.
pub fn report_of_text(text: &str) -> Value {
    let document = budget_parse::parse_text(text, "document");
    budget_report::to_json(&budget_reconcile::reconciliation(document))
}

/// The report of bytes in any form, through detection and conversion.
pub fn report_of_bytes(bytes: &[u8]) -> Value {
    let text = budget_input::convert(bytes).expect("converts");
    report_of_text(&text)
}

/// Asserts that every finding of `report` with a line points at `text`, the input as the user
/// sees it: a finding on a row quotes that line of the input; a finding on a claim has offsets
/// starting on that line, and the input's characters there are words of the sentence it quotes.
/// Returns how many findings were checked.
pub fn assert_locations_in(name: &str, form: &str, text: &str, report: &Value) -> usize {
    let lines: Vec<&str> = text.split('\n').collect();
    let chars: Vec<char> = text.chars().collect();
    let line_start = |line: usize| -> usize {
        lines[..line - 1]
            .iter()
            .map(|l| l.chars().count() + 1)
            .sum()
    };
    let compact = |s: &str| s.split_whitespace().collect::<String>();
    let mut checked = 0;
    for f in report["findings"].as_array().expect("findings") {
        let location = &f["location"];
        let Some(line) = location["line"].as_u64().map(|l| l as usize) else {
            continue;
        };
        let quoted = f["source_text"].as_str().expect("source text");
        let rule = &f["rule"];
        match (location["start"].as_u64(), location["end"].as_u64()) {
            (Some(start), Some(end)) => {
                let (start, end) = (start as usize, end as usize);
                let claim: String = chars[start..end].iter().collect();
                let first = line_start(line);
                assert!(
                    (first..=first + lines[line - 1].chars().count()).contains(&start),
                    "{name} as {form}: {rule} starts at {start}, not on line {line}"
                );
                assert!(
                    compact(quoted).contains(&compact(&claim)),
                    "{name} as {form}: {rule} at {start}..{end} holds {claim:?}, not in {quoted:?}"
                );
            }
            _ => assert!(
                quoted.contains(lines[line - 1]),
                "{name} as {form}: {rule} names line {line} ({:?}) but quotes {quoted:?}",
                lines[line - 1]
            ),
        }
        checked += 1;
    }
    checked
}

/// The report without the positions in the text (line, page, offsets, quoted source text), which
/// differ between forms that lay the same document out on different lines.
pub fn without_positions(mut report: Value) -> Value {
    strip(&mut report);
    report
}

fn strip(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if matches!(
                    key.as_str(),
                    "line" | "page" | "start" | "end" | "source_text"
                ) {
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

/// Performance-target forms (项目支出绩效目标表 …) are forms, not columns: label and value cells
/// of varying widths side by side, which space alignment finds harder to tell apart. The
/// comparison of the columnar tables leaves them out, and so the claims and the findings not
/// about a columnar table, since a form that stays text adds narrative; the facts, every other
/// table and the findings about them must be equal. (The whole reports, forms included, are
/// compared too: a difference there and not here is in the forms.)
pub fn without_forms(report: serde_json::Value) -> serde_json::Value {
    let mut report = without_form_tables(report);
    if let Some(findings) = report["findings"].as_array_mut() {
        findings.retain(|f| !f["location"]["table_kind"].is_null());
    }
    report["claims"] = serde_json::Value::Null;
    report
}

/// The report without the performance-target forms and the findings about them; claims and
/// narrative findings stay.
pub fn without_form_tables(mut report: serde_json::Value) -> serde_json::Value {
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

/// Where each cell of a table goes when printed with spaces: its start column (in display
/// width) and its text. Each column is padded to its widest cell, figures in columns of amounts
/// are right-aligned, everything else left-aligned, `gap` columns between columns. Runs of
/// spaces inside a cell are printed as one.
pub fn place_cells(rows: &[Vec<String>], gap: usize) -> Vec<Vec<(usize, String)>> {
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
    rows.iter()
        .map(|row| {
            let mut placed = Vec::new();
            let mut x = 0;
            for (j, w) in widths.iter().enumerate() {
                let cell = row.get(j).map_or("", String::as_str);
                if !cell.is_empty() {
                    let right = numeric[j] && is_figure(cell);
                    let start = if right { x + w - width(cell) } else { x };
                    placed.push((start, cell.to_string()));
                }
                x += w + gap;
            }
            placed
        })
        .collect()
}

/// A row of placed cells as a line of text padded with spaces.
fn print_placed(cells: &[(usize, String)]) -> String {
    let mut line = String::new();
    let mut at = 0;
    for (start, cell) in cells {
        line.push_str(&" ".repeat(start.saturating_sub(at)));
        line.push_str(cell);
        at = start.max(&at) + width(cell);
    }
    line
}

/// Text as a terminal shows a table (see [`place_cells`]).
pub fn to_layout(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Line(l) => {
                out.push_str(l);
                out.push('\n');
            }
            Part::Table(rows) => {
                for row in place_cells(rows, 2) {
                    out.push_str(print_placed(&row).trim_end());
                    out.push('\n');
                }
            }
        }
    }
    out
}

// ---- PDF -----------------------------------------------------------------------------------

/// Font size of the PDF pages; an ASCII character is half an em wide, a CJK one a full em.
const PDF_FONT_SIZE: f32 = 7.0;
const PDF_LEADING: f32 = 10.0;
const PDF_MARGIN: f32 = 36.0;
/// A4 landscape, as wide tables are printed.
const PDF_PAGE: (f32, f32) = (842.0, 595.0);
/// Narrative lines wrap at this display width, as a paragraph wraps on a printed page.
const PDF_WRAP: usize = 110;
/// Space between table columns (in half ems), as cell padding and rules leave on paper.
const PDF_CELL_GAP: usize = 4;

/// A narrative line wrapped at [`PDF_WRAP`] display columns, its indentation kept. A table the
/// text form holds flattened onto one line (bare figures, no sentence) stays one line.
fn wrap(line: &str) -> Vec<(usize, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let figures = line.split_whitespace().filter(|w| is_figure(w)).count();
    if figures >= 4 && !line.contains(['。', '；', ';']) {
        return vec![(indent, line.trim().to_string())];
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for c in line.trim().chars() {
        if width(&current) + width(&c.to_string()) > PDF_WRAP - indent.min(PDF_WRAP / 2) {
            out.push((indent, std::mem::take(&mut current)));
        }
        current.push(c);
    }
    out.push((indent, current));
    out
}

/// A printed line: its pieces of text, each at its start column (display width).
pub type PrintLine = Vec<(usize, String)>;

/// The pages of a document: narrative wrapped and flowing from page to page, table cells at
/// their columns. As a publisher typesets it, a table is kept on one page with the title and
/// unit lines above it (a new page begins when the rest of the page is too short), unless it is
/// longer than a page.
pub fn print_pages(parts: &[Part], lines_per_page: usize) -> Vec<Vec<PrintLine>> {
    let lines_per_page = lines_per_page.max(1);
    // Groups of lines kept together: a table with the lines of text right above it.
    let mut groups: Vec<(Vec<PrintLine>, bool)> = Vec::new();
    for part in parts {
        match part {
            Part::Line(l) if l.trim().is_empty() => groups.push((vec![Vec::new()], false)),
            Part::Line(l) => groups.push((wrap(l).into_iter().map(|p| vec![p]).collect(), false)),
            Part::Table(rows) => {
                let mut lines = Vec::new();
                while let Some((last, false)) = groups.last() {
                    if lines.len() + last.len() > 6 {
                        break;
                    }
                    let (mut above, _) = groups.pop().unwrap_or_default();
                    above.append(&mut lines);
                    lines = above;
                }
                lines.extend(place_cells(rows, PDF_CELL_GAP));
                groups.push((lines, true));
            }
        }
    }
    let mut pages: Vec<Vec<PrintLine>> = vec![Vec::new()];
    for (lines, keep) in groups {
        let room = lines_per_page - pages.last().map_or(0, Vec::len);
        if keep && lines.len() > room && lines.len() <= lines_per_page {
            pages.push(Vec::new());
        }
        for line in lines {
            if pages.last().is_some_and(|p| p.len() >= lines_per_page) {
                pages.push(Vec::new());
            }
            if let Some(page) = pages.last_mut() {
                page.push(line);
            }
        }
    }
    pages
}

/// The glyph of a character: its code point as a two-byte CID (Identity-H), so the ToUnicode
/// map is the identity on the characters used.
fn cid(c: char) -> u16 {
    u16::try_from(u32::from(c)).unwrap_or(0x3000)
}

/// A PDF as a disclosure is printed: the pages of [`print_pages`] on A4 landscape, each table cell drawn at its own x position (so only the positions,
/// not spaces, tell the columns apart). The font is a CID font without embedded glyphs
/// (Identity-H, explicit widths: CJK a full em, the rest half an em) with a ToUnicode map, which
/// is what text extraction reads; no font file or system font is needed.
pub fn to_pdf(parts: &[Part], lines_per_page: usize) -> Vec<u8> {
    use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str};

    let pages = print_pages(parts, lines_per_page);
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let font = Ref::new(3);
    let cid_font = Ref::new(4);
    let descriptor = Ref::new(5);
    let to_unicode = Ref::new(6);
    let first_page = 7;
    let page_ref = |i: usize| Ref::new(first_page + 2 * i as i32);
    let content_ref = |i: usize| Ref::new(first_page + 2 * i as i32 + 1);
    let font_name = Name(b"F1");

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree)
        .kids((0..pages.len()).map(page_ref))
        .count(pages.len() as i32);

    let mut used = std::collections::BTreeSet::new();
    for (i, page_lines) in pages.iter().enumerate() {
        // A page too wide for the font is printed smaller, as tables are fitted to the page.
        let widest = page_lines
            .iter()
            .flatten()
            .map(|(column, text)| column + width(text))
            .max()
            .unwrap_or(0)
            .max(1);
        let size = PDF_FONT_SIZE.min((PDF_PAGE.0 - 2.0 * PDF_MARGIN) * 2.0 / widest as f32);
        let half_em = size / 2.0;
        let mut content = Content::new();
        for (n, line) in page_lines.iter().enumerate() {
            let y = PDF_PAGE.1 - PDF_MARGIN - PDF_LEADING * size / PDF_FONT_SIZE * n as f32;
            for (column, text) in line {
                let x = PDF_MARGIN + half_em * *column as f32;
                let mut bytes = Vec::new();
                for c in text.chars() {
                    used.insert(c);
                    bytes.extend(cid(c).to_be_bytes());
                }
                content
                    .begin_text()
                    .set_font(font_name, size)
                    .set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y])
                    .show(Str(&bytes))
                    .end_text();
            }
        }
        let mut page = pdf.page(page_ref(i));
        page.media_box(Rect::new(0.0, 0.0, PDF_PAGE.0, PDF_PAGE.1))
            .parent(tree)
            .contents(content_ref(i));
        page.resources().fonts().pair(font_name, font);
        page.finish();
        pdf.stream(content_ref(i), &content.finish());
    }

    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    pdf.type0_font(font)
        .base_font(Name(b"SimSun"))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(to_unicode);
    {
        let mut cid_dict = pdf.cid_font(cid_font);
        cid_dict
            .subtype(CidFontType::Type2)
            .base_font(Name(b"SimSun"))
            .system_info(system)
            .font_descriptor(descriptor)
            .default_width(1000.0)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        let mut widths = cid_dict.widths();
        for c in &used {
            let w = if width(&c.to_string()) == 2 {
                1000.0
            } else {
                500.0
            };
            widths.consecutive(cid(*c), [w]);
        }
    }
    pdf.font_descriptor(descriptor)
        .name(Name(b"SimSun"))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(0.0, -140.0, 1000.0, 860.0))
        .italic_angle(0.0)
        .ascent(860.0)
        .descent(-140.0)
        .cap_height(700.0)
        .stem_v(80.0);
    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
    for c in &used {
        cmap.pair(cid(*c), *c);
    }
    pdf.stream(to_unicode, &cmap.finish());
    pdf.finish()
}
