//! A publication of several files read as one document: a narrative file (情况说明) and a
//! tables file (报表) that a publisher put online separately. Each file is read as the checker
//! reads one ([`crate::read_document`]: its most plausible reading), their texts are joined in
//! the order given, one page after another, and the joined text is parsed once, so that the
//! narrative's figures meet the tables they describe. The document records its files
//! ([`Document::parts`]) and every finding names the file, line and page it points at
//! ([`Document::localize`]).

use budget_input::pdf::words::Word;
use budget_model::{Document, DocumentPart, PartHolds, SheetLine};

use crate::plausibility::most_plausible_by;

/// One file's most plausible reading: its text, what it holds, and what placing needs.
struct PartReading {
    text: String,
    holds: PartHolds,
    pages: Option<Vec<Vec<Word>>>,
    sheet_lines: Vec<SheetLine>,
}

/// Reads `files` (bytes and the name each was submitted under) as one publication; `source`
/// names the whole in its facts. An unreadable file makes the publication unreadable, with the
/// file named in the reason.
pub fn read_publication(files: &[(&[u8], &str)], source: &str) -> Result<Document, String> {
    let mut joined = Joined::default();
    for &(bytes, name) in files {
        let part = read_part(bytes, name).map_err(|e| format!("{name}: {e}"))?;
        joined.push(name, part);
    }
    let mut document = budget_parse::parse_text(&joined.text, source);
    crate::placing::place(&mut document, &joined.pages);
    document.sheet_lines = joined.sheet_lines;
    document.parts = joined.parts;
    Ok(document)
}

fn read_part(bytes: &[u8], name: &str) -> Result<PartReading, String> {
    let mut texts = budget_input::readings(bytes).map_err(|e| e.to_string())?;
    let readings = texts
        .by_ref()
        .map(|text| (budget_parse::parse_text(&text, name), text));
    let (doc, text) = most_plausible_by(readings, |(doc, _)| doc)
        .ok_or_else(|| "the document gave no text to read".to_string())?;
    Ok(PartReading {
        text,
        holds: PartHolds::of(&doc),
        pages: texts.pages().map(<[Vec<Word>]>::to_vec),
        sheet_lines: texts.sheet_lines().to_vec(),
    })
}

/// The texts of the files joined so far, with their pages and sheet lines counted from the
/// joined text's start.
#[derive(Default)]
struct Joined {
    text: String,
    /// Lines of `text` so far (its newlines).
    lines: usize,
    chars: usize,
    pages: Vec<Vec<Word>>,
    sheet_lines: Vec<SheetLine>,
    parts: Vec<DocumentPart>,
}

impl Joined {
    /// Appends a file's text on a page of its own.
    fn push(&mut self, name: &str, part: PartReading) {
        if !self.text.is_empty() {
            self.append(if self.text.ends_with('\u{c}') {
                ""
            } else if self.text.ends_with('\n') {
                "\u{c}"
            } else {
                "\n\u{c}"
            });
        }
        let first_line = self.lines + 1;
        self.parts.push(DocumentPart {
            source: name.to_string(),
            holds: part.holds,
            first_line,
            first_page: self.pages.len() + 1,
            first_char: self.chars,
        });
        let mut pages = part.pages.unwrap_or_default();
        pages.resize(page_count(&part.text), Vec::new());
        self.pages.extend(pages);
        self.sheet_lines
            .extend(part.sheet_lines.into_iter().map(|s| SheetLine {
                line: s.line + first_line - 1,
                ..s
            }));
        self.append(&part.text);
    }

    fn append(&mut self, text: &str) {
        self.lines += text.bytes().filter(|&b| b == b'\n').count();
        self.chars += text.chars().count();
        self.text.push_str(text);
    }
}

/// The pages of a text: one more than its form feeds (each starts a page), unless the text
/// ends with one (pdftotext ends every page with one).
fn page_count(text: &str) -> usize {
    let feeds = text.bytes().filter(|&b| b == 0x0c).count();
    if text.ends_with('\u{c}') {
        feeds.max(1)
    } else {
        feeds + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NARRATIVE: &str = "某局2024年部门预算情况说明\n\
        一、收支预算总体情况\n\
        2024年部门支出预算总计180.00万元。\n";
    const TABLES: &str = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
        \t合计\t180.00\t130.00\t50.00\n2101101\t行政单位医疗\t100.00\t100.00\t\n\
        2101102\t事业单位医疗\t50.00\t\t50.00\n2101103\t公务员医疗补助\t30.00\t30.00\t\n";

    #[test]
    fn two_files_are_read_as_one_document_each_on_its_pages() {
        let files = [
            (NARRATIVE.as_bytes(), "x-text.txt"),
            (TABLES.as_bytes(), "x-tables.txt"),
        ];
        let doc = read_publication(&files, "x-text.txt + x-tables.txt").unwrap();
        assert_eq!(doc.facts.entity.as_deref(), Some("某局"));
        assert_eq!(doc.facts.year, Some(2024));
        assert!(doc.claims.iter().any(|c| c.amount.is_some()));
        assert_eq!(doc.tables.len(), 1);
        let holds: Vec<PartHolds> = doc.parts.iter().map(|p| p.holds).collect();
        assert_eq!(holds, [PartHolds::Narrative, PartHolds::Tables]);
        let tables = &doc.parts[1];
        assert_eq!((tables.first_line, tables.first_page), (4, 2));
        assert_eq!(tables.first_char, NARRATIVE.chars().count() + 1);
        // The table's rows are lines of the second file.
        let row = &doc.tables[0].rows[1];
        let mut location = budget_model::Location {
            line: Some(row.line),
            page: doc.page_of_line(row.line),
            ..Default::default()
        };
        doc.localize(&mut location);
        assert_eq!(location.file.as_deref(), Some("x-tables.txt"));
        assert_eq!((location.line, location.page), (Some(5), Some(1)));
    }

    #[test]
    fn an_unreadable_file_names_itself() {
        let files = [
            (NARRATIVE.as_bytes(), "a.txt"),
            (&[0u8, 159, 146][..], "b.bin"),
        ];
        let err = read_publication(&files, "a + b").unwrap_err();
        assert!(err.starts_with("b.bin: "), "{err}");
    }

    #[test]
    fn pages_count_form_feeds_that_start_a_page() {
        assert_eq!(page_count("one"), 1);
        assert_eq!(page_count("one\n\u{c}two\n"), 2);
        assert_eq!(page_count("one\n\u{c}two\n\u{c}"), 2);
        assert_eq!(page_count("\u{c}"), 1);
    }
}
