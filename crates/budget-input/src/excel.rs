//! Excel workbooks (.xlsx, .xls) → text, through `calamine` reading from memory.
//!
//! Each sheet is a run of blocks of rows separated by blank rows; each block is a table (merged
//! cells expanded, a title merged across the top as a line of text). A sheet that has no title
//! row is introduced by its name. Numbers are printed with the decimals of their number format
//! (`#,##0.00` → two decimals), because the printed precision is what rounding checks rely on.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Dimensions, Reader, Xls, Xlsx};
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::limits::{check_text_size, MAX_COLUMNS, MAX_ROWS, MAX_TABLE_CELLS};
use crate::table::{join_wrapped, push_line, push_table, Printed, Row};
use crate::zipped::{self, damaged};
use crate::{Format, InputError};
use budget_model::SheetLine;

/// The cells of one sheet that hold something, and its merged ranges.
#[derive(Debug, Default)]
struct Sheet {
    name: String,
    /// (row, column) → text; absolute positions.
    cells: HashMap<(u32, u32), String>,
    merges: Vec<Dimensions>,
}

/// The text of a workbook, and the sheet row of each of its lines.
pub(crate) type SheetText = (String, Vec<SheetLine>);

pub(crate) fn xlsx_to_text(bytes: &[u8]) -> Result<SheetText, InputError> {
    let format = Format::Xlsx;
    // Inflates every entry once, bounded, before calamine reads any of them.
    zipped::open(bytes, format)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| damaged(format, e))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        sheets.push(read_xlsx_sheet(&mut book, &name)?);
    }
    sheets_to_text(&sheets)
}

pub(crate) fn xls_to_text(bytes: &[u8]) -> Result<SheetText, InputError> {
    let format = Format::Xls;
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| damaged(format, e))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| damaged(format, e))?;
        let mut sheet = Sheet {
            name: name.clone(),
            merges: book.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            ..Sheet::default()
        };
        for (row, col, value) in range.used_cells() {
            let (Ok(r), Ok(c)) = (u32::try_from(row), u32::try_from(col)) else {
                continue;
            };
            let pos = (
                range.start().map_or(0, |s| s.0) + r,
                range.start().map_or(0, |s| s.1) + c,
            );
            add_cell(&mut sheet, pos, data_text(value, None), format)?;
        }
        sheets.push(sheet);
    }
    sheets_to_text(&sheets)
}

fn read_xlsx_sheet(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Sheet, InputError> {
    let format = Format::Xlsx;
    let styles = book.worksheet_style(name).map_err(|e| damaged(format, e))?;
    let merges = book
        .merge_cells_by_sheet_name(name)
        .map_err(|e| damaged(format, e))?;
    let mut sheet = Sheet {
        name: name.to_string(),
        merges,
        ..Sheet::default()
    };
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| damaged(format, e))?;
    while let Some(cell) = reader.next_cell().map_err(|e| damaged(format, e))? {
        let pos = cell.get_position();
        let number_format = styles
            .get(pos)
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.as_str());
        let text = data_ref_text(cell.get_value(), number_format);
        add_cell(&mut sheet, pos, text, format)?;
    }
    Ok(sheet)
}

fn add_cell(
    sheet: &mut Sheet,
    pos: (u32, u32),
    text: String,
    format: Format,
) -> Result<(), InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(());
    }
    if pos.0 as usize >= MAX_ROWS || pos.1 as usize >= MAX_COLUMNS {
        return Err(InputError::TooComplex {
            format,
            what: format!(
                "a cell at row {}, column {} (limits {MAX_ROWS} rows, {MAX_COLUMNS} columns)",
                pos.0 + 1,
                pos.1 + 1
            ),
        });
    }
    if sheet.cells.len() >= MAX_TABLE_CELLS {
        return Err(InputError::TooComplex {
            format,
            what: format!("more than {MAX_TABLE_CELLS} cells in a sheet"),
        });
    }
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    sheet.cells.insert(pos, join_wrapped(&lines));
    Ok(())
}

fn sheets_to_text(sheets: &[Sheet]) -> Result<SheetText, InputError> {
    let mut out = Output::default();
    for sheet in sheets.iter().filter(|s| !s.cells.is_empty()) {
        if !out.text.is_empty() {
            out.text.push('\n');
        }
        sheet_to_text(sheet, &mut out)?;
        check_text_size(&out.text)?;
    }
    Ok((out.text, out.lines))
}

/// The text written so far, and where its lines come from.
#[derive(Default)]
struct Output {
    text: String,
    lines: Vec<SheetLine>,
    /// How many bytes of `text` were counted for line breaks, and how many they hold.
    counted: usize,
    breaks: usize,
}

impl Output {
    /// The 1-based number of the line the text's end is on.
    fn next_line(&mut self) -> usize {
        let new = self.text.get(self.counted..).unwrap_or("");
        self.breaks += new.bytes().filter(|&b| b == b'\n').count();
        self.counted = self.text.len();
        1 + self.breaks
    }

    /// Appends a block of rows as a table; each row holding text is one line, whose origin is
    /// recorded. The block's rows are consecutive sheet rows from `first_row`; `first_col` is
    /// the sheet column of their first cell.
    fn push_block(
        &mut self,
        sheet: &Sheet,
        block: &[Row],
        (first_row, first_col): (u32, u32),
    ) -> Result<(), InputError> {
        let line = self.next_line();
        let printed = push_table(&mut self.text, block)?;
        let with_text = (first_row..)
            .zip(block)
            .filter_map(|(r, row)| Some((r, row.cells.iter().position(|c| !c.is_empty())?)));
        for (line, ((row, first), how)) in (line..).zip(with_text.zip(printed)) {
            // A line of text starts at the row's first cell with text; a row of cells, at
            // the sheet's first column.
            let offset = if how == Printed::Text { first } else { 0 };
            self.lines.push(SheetLine {
                line,
                sheet: sheet.name.clone(),
                row,
                first_column: first_col + u32::try_from(offset).unwrap_or(0),
            });
        }
        Ok(())
    }
}

/// One sheet: blocks of rows separated by blank rows, each a table.
fn sheet_to_text(sheet: &Sheet, out: &mut Output) -> Result<(), InputError> {
    let (first_row, first_col, rows) = sheet_rows(sheet);
    if !has_title_row(&rows) && !is_default_sheet_name(&sheet.name) {
        push_line(&mut out.text, sheet.name.trim());
    }
    let mut block: Vec<Row> = Vec::new();
    let mut block_start = first_row;
    for (r, row) in (first_row..).zip(rows) {
        if row.cells.iter().all(String::is_empty) {
            out.push_block(sheet, &block, (block_start, first_col))?;
            block.clear();
            block_start = r + 1;
            out.text.push('\n');
        } else {
            block.push(row);
        }
    }
    out.push_block(sheet, &block, (block_start, first_col))
}

/// The sheet's rows from its first to its last used row, from its first used column on; a
/// merged range's text stays in its top-left cell, and a row whose only text is a merged range
/// two columns wide or more is a banner.
fn sheet_rows(sheet: &Sheet) -> (u32, u32, Vec<Row>) {
    let first_row = sheet.cells.keys().map(|p| p.0).min().unwrap_or(0);
    let last_row = sheet.cells.keys().map(|p| p.0).max().unwrap_or(0);
    let first_col = sheet.cells.keys().map(|p| p.1).min().unwrap_or(0);
    let last_col = sheet.cells.keys().map(|p| p.1).max().unwrap_or(0);
    let width = (last_col - first_col + 1) as usize;
    let mut rows: Vec<Row> = (first_row..=last_row)
        .map(|_| Row {
            cells: vec![String::new(); width],
            banner: false,
        })
        .collect();
    for (&(r, c), text) in &sheet.cells {
        let row = &mut rows[(r - first_row) as usize];
        row.cells[(c - first_col) as usize] = text.clone();
    }
    for merge in &sheet.merges {
        let (r, c) = merge.start;
        let wide = merge.end.1 > merge.start.1;
        let Some(row) = r
            .checked_sub(first_row)
            .and_then(|i| rows.get_mut(i as usize))
        else {
            continue;
        };
        let col = c.checked_sub(first_col).map(|c| c as usize);
        let filled: Vec<usize> = (0..row.cells.len())
            .filter(|j| !row.cells[*j].is_empty())
            .collect();
        if wide && col.is_some() && filled.len() == 1 && Some(filled[0]) == col {
            row.banner = true;
        }
    }
    (first_row, first_col, rows)
}

/// Whether the first non-blank row holds a single text (a title), merged or not.
fn has_title_row(rows: &[Row]) -> bool {
    rows.iter()
        .find(|r| r.cells.iter().any(|c| !c.is_empty()))
        .is_some_and(|r| r.banner || r.cells.iter().filter(|c| !c.is_empty()).count() == 1)
}

/// `Sheet1`, `工作表1`: names that say nothing about the table.
fn is_default_sheet_name(name: &str) -> bool {
    let stem = name
        .trim()
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim();
    stem.is_empty() || ["sheet", "工作表", "表"].contains(&stem.to_lowercase().as_str())
}

fn data_ref_text(value: &DataRef<'_>, number_format: Option<&str>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f, number_format),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => b.to_string().to_uppercase(),
        DataRef::DateTime(d) => number_text(d.as_f64(), None),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn data_text(value: &Data, number_format: Option<&str>) -> String {
    match value {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f, number_format),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => b.to_string().to_uppercase(),
        Data::DateTime(d) => number_text(d.as_f64(), None),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// A number as Excel shows it: rounded to 15 significant digits, then to the format's decimals
/// (half away from zero); without a format, its shortest form.
fn number_text(value: f64, number_format: Option<&str>) -> String {
    let Some(shown) = significant(value) else {
        return value.to_string();
    };
    let Some(spec) = number_format.and_then(DecimalSpec::parse) else {
        return shown.normalize().to_string();
    };
    let scaled = if spec.percent {
        shown * Decimal::ONE_HUNDRED
    } else {
        shown
    };
    let mut rounded =
        scaled.round_dp_with_strategy(spec.max, RoundingStrategy::MidpointAwayFromZero);
    rounded = rounded.normalize();
    if rounded.scale() < spec.min {
        rounded.rescale(spec.min);
    }
    let suffix = if spec.percent { "%" } else { "" };
    format!("{rounded}{suffix}")
}

/// The value to Excel's 15 significant digits.
fn significant(value: f64) -> Option<Decimal> {
    let text = format!("{value:.14e}");
    Decimal::from_scientific(&text)
        .ok()
        .or_else(|| Decimal::from_f64(value))
}

/// The decimals a number format shows: `0.00` two, `0.0#` one or two, `0%` a percentage.
#[derive(Debug, PartialEq, Eq)]
struct DecimalSpec {
    min: u32,
    max: u32,
    percent: bool,
}

impl DecimalSpec {
    fn parse(code: &str) -> Option<DecimalSpec> {
        let section = code.split(';').next().unwrap_or("");
        let plain = strip_literals(section);
        if plain.eq_ignore_ascii_case("general") || !plain.contains(['0', '#']) {
            return None;
        }
        let decimals = plain.split_once('.').map_or("", |(_, d)| d);
        let digits: String = decimals
            .chars()
            .take_while(|c| matches!(c, '0' | '#' | '?'))
            .collect();
        let min = digits.chars().filter(|c| *c == '0').count() as u32;
        Some(DecimalSpec {
            min,
            max: digits.len() as u32,
            percent: plain.contains('%'),
        })
    }
}

/// A format section without quoted text, `[colour]` and escaped characters.
fn strip_literals(section: &str) -> String {
    let mut out = String::new();
    let mut chars = section.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '[' => {
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_format_decimals() {
        assert_eq!(number_text(8763.47, Some("#,##0.00")), "8763.47");
        assert_eq!(number_text(936760.0, Some("#,##0.00_ ")), "936760.00");
        assert_eq!(number_text(2.675, Some("0.00")), "2.68");
        assert_eq!(number_text(5521.0, None), "5521");
        assert_eq!(number_text(0.1 + 0.2, None), "0.3");
        assert_eq!(number_text(0.139, Some("0.0%")), "13.9%");
        assert_eq!(number_text(12.5, Some("0.0#")), "12.5");
        assert_eq!(
            number_text(12.0, Some("\"¥\"#,##0.00;[Red]-#,##0.00")),
            "12.00"
        );
        assert_eq!(number_text(3.0, Some("General")), "3");
    }

    /// Each line of a sheet's text knows its sheet row, and the column its first cell is in: a
    /// title's own column, a row of cells' first column, also when only one of its cells holds
    /// something.
    #[test]
    fn every_line_keeps_its_sheet_row() {
        let mut sheet = Sheet {
            name: "收入表".to_string(),
            ..Sheet::default()
        };
        let cells = [
            ((0, 1), "部门收入总表"),
            ((1, 1), "单位：万元"),
            ((2, 1), "项目"),
            ((2, 2), "合计"),
            ((2, 3), "财政拨款"),
            ((3, 1), "合计"),
            ((3, 2), "30.00"),
            ((3, 3), "30.00"),
            ((4, 3), "5.00"),
        ];
        for (pos, text) in cells {
            sheet.cells.insert(pos, text.to_string());
        }
        let (text, lines) = sheets_to_text(&[sheet]).expect("a sheet");
        assert_eq!(
            text,
            "部门收入总表\n单位：万元\n项目\t合计\t财政拨款\n合计\t30.00\t30.00\n\t\t5.00\n"
        );
        let at: Vec<(usize, u32, u32)> = lines
            .iter()
            .map(|l| (l.line, l.row, l.first_column))
            .collect();
        assert_eq!(at, [(1, 0, 1), (2, 1, 1), (3, 2, 1), (4, 3, 1), (5, 4, 1)]);
        assert_eq!(lines[4].cell_name(2), "收入表!D5");
        assert_eq!(lines[0].cell_name(0), "收入表!B1");
    }

    #[test]
    fn default_sheet_names() {
        assert!(is_default_sheet_name("Sheet1"));
        assert!(is_default_sheet_name("工作表 2"));
        assert!(!is_default_sheet_name("部门收入总表"));
    }
}
