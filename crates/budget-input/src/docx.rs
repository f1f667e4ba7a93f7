//! Word documents (.docx) → text: each paragraph of the body a line, each table tab-separated
//! rows (`gridSpan` and `vMerge` expanded like merged cells), tables nested in a cell read as the
//! cell's text.

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::limits::{check_text_size, MAX_COLUMNS, MAX_TABLE_DEPTH};
use crate::table::{join_wrapped, push_line, push_table, CellBudget, Row};
use crate::zipped::{self, damaged};
use crate::{Format, InputError};

const FORMAT: Format = Format::Docx;

pub(crate) fn to_text(bytes: &[u8]) -> Result<String, InputError> {
    let mut zip = zipped::open(bytes, FORMAT)?;
    let xml = zipped::read(&mut zip, "word/document.xml", FORMAT)?
        .ok_or_else(|| damaged(FORMAT, "word/document.xml is missing"))?;
    let xml = String::from_utf8(xml).map_err(|e| damaged(FORMAT, e))?;
    body_to_text(&xml)
}

/// A table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<Cell>>,
}

/// A cell being read: its paragraphs, its span, whether it continues a vertical merge.
#[derive(Default)]
struct Cell {
    paragraphs: Vec<String>,
    span: usize,
    continues: bool,
}

#[derive(Default)]
struct State {
    out: String,
    tables: Vec<Table>,
    /// Cells being read, one per open table (innermost last).
    cells: Vec<Cell>,
    paragraph: String,
    in_text: bool,
    /// Nested tables past [`MAX_TABLE_DEPTH`] are not tracked; their text joins the cell.
    ignored_tables: usize,
}

fn body_to_text(xml: &str) -> Result<String, InputError> {
    let mut reader = Reader::from_str(xml);
    let mut state = State::default();
    loop {
        match reader.read_event().map_err(|e| damaged(FORMAT, e))? {
            Event::Start(e) => state.start(&e)?,
            Event::Empty(e) => {
                state.start(&e)?;
                state.end(e.local_name().as_ref())?;
            }
            Event::End(e) => state.end(e.local_name().as_ref())?,
            Event::Text(t) if state.in_text => {
                let text = t.xml10_content();
                state.paragraph.push_str(&text);
            }
            Event::GeneralRef(r) if state.in_text => {
                let name: &str = r.as_ref();
                if let Some(s) = resolve_xml_entity(name) {
                    state.paragraph.push_str(s);
                } else if let Ok(Some(c)) = r.resolve_char_ref() {
                    state.paragraph.push(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        check_text_size(&state.out)?;
        if state.paragraph.len() > crate::limits::MAX_TEXT_BYTES {
            return Err(InputError::Text(crate::DecodeError::TooLarge {
                size: state.paragraph.len(),
                limit: crate::limits::MAX_TEXT_BYTES,
            }));
        }
    }
    Ok(state.out)
}

impl State {
    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), InputError> {
        match e.local_name().as_ref() {
            "t" => self.in_text = true,
            "tab" | "br" | "cr" => self.paragraph.push(' '),
            "tbl" if self.tables.len() < MAX_TABLE_DEPTH && self.ignored_tables == 0 => {
                self.tables.push(Table::default());
            }
            "tbl" => self.ignored_tables += 1,
            "tr" if self.ignored_tables == 0 => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                }
            }
            "tc" if self.ignored_tables == 0 && !self.tables.is_empty() => {
                self.cells.push(Cell {
                    span: 1,
                    ..Cell::default()
                });
            }
            "gridSpan" if self.ignored_tables == 0 => {
                let span = val(e).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
                if let Some(c) = self.cells.last_mut() {
                    c.span = span.clamp(1, MAX_COLUMNS);
                }
            }
            "vMerge" if self.ignored_tables == 0 => {
                let restart = val(e).is_some_and(|v| v == "restart");
                if let Some(c) = self.cells.last_mut() {
                    c.continues = !restart;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), InputError> {
        match name {
            "t" => self.in_text = false,
            "p" => self.end_paragraph(),
            "tbl" if self.ignored_tables > 0 => self.ignored_tables -= 1,
            "tc" if self.ignored_tables == 0 => self.end_cell(),
            "tbl" => self.end_table()?,
            _ => {}
        }
        Ok(())
    }

    fn end_paragraph(&mut self) {
        let text = std::mem::take(&mut self.paragraph);
        match self.cells.last_mut() {
            Some(cell) if !self.tables.is_empty() => cell.paragraphs.push(text),
            _ => push_line(&mut self.out, text.trim()),
        }
    }

    fn end_cell(&mut self) {
        // A cell belongs to the innermost table that has an open row.
        if let (Some(cell), Some(table)) = (self.cells.pop(), self.tables.last_mut()) {
            if let Some(row) = table.rows.last_mut() {
                row.push(cell);
            }
        }
    }

    fn end_table(&mut self) -> Result<(), InputError> {
        let Some(table) = self.tables.pop() else {
            return Ok(());
        };
        let rows = expand(&table)?;
        match self.cells.last_mut() {
            // A table nested in a cell becomes that cell's text.
            Some(cell) if !self.tables.is_empty() => {
                for row in rows {
                    cell.paragraphs.push(row.cells.join(" ").trim().to_string());
                }
            }
            _ => {
                push_table(&mut self.out, &rows)?;
            }
        }
        Ok(())
    }
}

/// The `w:val` attribute of an element.
fn val(e: &BytesStart<'_>) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == "val")
        .map(|a| a.value.to_string())
}

/// Grid spans and vertical merges → rows, the text in the top-left position of a merge (a cell
/// continuing a vertical merge is printed in every row it covers, so it is simply left empty).
fn expand(table: &Table) -> Result<Vec<Row>, InputError> {
    let mut budget = CellBudget::new(FORMAT);
    let mut out = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        let mut cells = Vec::new();
        let mut banner = None;
        for cell in row {
            let text = if cell.continues {
                String::new()
            } else {
                join_wrapped(&cell.paragraphs)
            };
            let col = cells.len();
            budget.check_width(col + cell.span)?;
            cells.resize(col + cell.span, String::new());
            if !text.is_empty() {
                banner = match banner {
                    None if cell.span >= 2 => Some(true),
                    _ => Some(false),
                };
            }
            cells[col] = text;
        }
        budget.take_row(cells.len())?;
        out.push(Row {
            cells,
            banner: banner == Some(true),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body>{inner}</w:body></w:document>"
        )
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(text))
    }

    #[test]
    fn paragraphs_and_tables() {
        let xml = body(&format!(
            "{}<w:tbl><w:tr>{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>{}",
            p("说明 &amp; 概况"),
            tc("部门收入总表", "<w:gridSpan w:val=\"2\"/>"),
            tc("项目", "<w:vMerge w:val=\"restart\"/>"),
            tc("合计", ""),
            tc("", "<w:vMerge/>"),
            tc("1.00", ""),
            p("注")
        ));
        assert_eq!(
            body_to_text(&xml).unwrap(),
            "说明 & 概况\n部门收入总表\n项目\t合计\n\t1.00\n注\n"
        );
    }
}
