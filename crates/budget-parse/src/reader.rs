//! Grid → typed columns and rows. Three layouts:
//! * columnar: code column(s), a label column, amount columns under a (multi-row) header;
//! * side by side: 收入 items and amounts on the left, 支出 items and amounts on the right;
//! * form: label/amount pairs anywhere in the row (performance-target forms).

use std::borrow::Cow;

use budget_model::{
    function_class_by_name, has_word, Amount, Classification, Code, CodeReader, Column, ColumnRole,
    Row, Section, Side, Unit,
};

use crate::cells::{cell_amount, has_words, is_amount, is_digits};
use crate::columns::{normalize_header, roles};
use crate::grid::{Cell, Grid, GridRow};
use crate::rows::{form_row, typed_row, Printed};
use crate::vocab::tables::{
    compact, is_flat_income, is_total_label, section_scheme, side_of, side_section, AMOUNT_COLUMN,
    FLAT_EXPENDITURE_COLUMNS, PART_SEPARATOR,
};

/// Columns and rows read from a grid, plus agency codes seen in code columns.
#[derive(Debug, Default)]
pub struct ReadTable {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// (agency code, label) pairs, e.g. (`313002`, `安阳市社会医疗保险中心`).
    pub agencies: Vec<(String, String)>,
}

/// Whether the first header row puts 收入 and 支出 side by side.
pub fn is_side_by_side(grid: &Grid) -> bool {
    grid.rows.iter().take(3).any(|row| {
        let words: Vec<Cow<str>> = row.cells.iter().map(|c| normalize_header(c)).collect();
        let has = |side: Side| words.iter().any(|w| side_of(w) == Some(side));
        has(Side::Income) && has(Side::Expenditure)
    })
}

/// The header rows and the data rows of a grid.
struct Split<'g> {
    header: Vec<Vec<String>>,
    /// Column labels from a numbering row (`** ** 1 2 3`), when printed.
    numbering: Option<Vec<String>>,
    data: Vec<&'g GridRow<'g>>,
    width: usize,
}

fn split<'g>(grid: &'g Grid<'_>) -> Split<'g> {
    let numbering_at = grid
        .rows
        .iter()
        .take(6)
        .position(|r| is_numbering_row(&r.cells));
    let data_start = match numbering_at {
        Some(i) => i + 1,
        None => grid
            .rows
            .iter()
            .position(|r| is_data_row(&r.cells))
            .unwrap_or(grid.rows.len()),
    };
    let header: Vec<Vec<String>> = grid.rows[..data_start]
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != numbering_at)
        .map(|(_, r)| owned(&r.cells))
        .collect();
    let data: Vec<&GridRow> = grid.rows[data_start..].iter().collect();
    let width = data
        .iter()
        .map(|r| r.cells.len())
        .chain(header.iter().map(Vec::len))
        .max()
        .unwrap_or(0);
    Split {
        header,
        numbering: numbering_at.map(|i| owned(&grid.rows[i].cells)),
        data,
        width,
    }
}

/// Header cells to keep and repair (a table has a few header rows).
fn owned(cells: &[Cell<'_>]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

/// `** | ** | 1 | 2 | 3` or `栏次 | 1 | 2`.
pub fn is_numbering_row(cells: &[Cell<'_>]) -> bool {
    let filled = || cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    // Most rows hold other text: settled before any number is collected.
    let others_are_marks =
        filled().all(|c| c.parse::<u32>().is_ok() || c.chars().all(|ch| ch == '*') || c == "栏次");
    if !others_are_marks {
        return false;
    }
    let numbers: Vec<u32> = filled().filter_map(|c| c.parse().ok()).collect();
    numbers.len() >= 2
        && numbers.first() == Some(&1)
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

/// A row with an amount, a classification code, or a total label and nothing but amounts
/// starts the data.
fn is_data_row(cells: &[Cell<'_>]) -> bool {
    let filled: Vec<(&str, bool)> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(|c| (c, is_amount(c)))
        .collect();
    let amounts = filled.iter().filter(|(_, amount)| *amount).count();
    let total_row = || {
        filled
            .iter()
            .any(|(c, _)| is_total_label(c) && compact(c).chars().count() <= 3)
            && filled.len() - amounts == 1
    };
    filled.iter().any(|(c, amount)| *amount && !is_digits(c))
        || filled.iter().take(3).any(|(c, _)| Code::parse(c).is_some())
        || amounts >= 2
        || total_row()
}

/// The header rows with every cell normalized ([`normalize_header`]), once per table.
fn normalized(header: &[Vec<String>]) -> Vec<Vec<String>> {
    header
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| normalize_header(c).into_owned())
                .collect()
        })
        .collect()
}

/// Header text of a column over all (normalized) header rows, for finding label and code
/// columns.
fn header_text(words: &[Vec<String>], j: usize) -> String {
    words
        .iter()
        .filter_map(|row| row.get(j))
        .map(String::as_str)
        .collect()
}

fn is_agency_header(text: &str) -> bool {
    [
        "单位代码",
        "单位编码",
        "部门编码",
        "部门(单位)代码",
        "部门（单位）代码",
    ]
    .iter()
    .any(|w| has_word(text, w))
}

fn is_code_header(text: &str) -> bool {
    ["编码", "代码", "序号", "备注", "简介", "说明"]
        .iter()
        .any(|w| has_word(text, w))
}

/// Whether a (normalized) header row names column `j` 类, 款 or 项 (codes split over columns).
fn is_split_code_column(words: &[Vec<String>], j: usize) -> bool {
    words
        .iter()
        .filter_map(|row| row.get(j))
        .any(|c| matches!(c.as_str(), "类" | "款" | "项"))
}

#[derive(Debug, Default)]
struct Counts {
    words: usize,
    amounts: usize,
}

/// The amount each cell of the data rows holds, read once per table. (Cells are trimmed
/// already, by [`crate::grid::clean_cell`].)
fn cell_amounts(data: &[&GridRow], unit: Unit) -> Vec<Vec<Option<Amount>>> {
    data.iter()
        .map(|row| row.cells.iter().map(|c| cell_amount(c, unit)).collect())
        .collect()
}

/// The amount of cell `j` of data row `i`, if it holds one.
fn amount_at(amounts: &[Vec<Option<Amount>>], i: usize, j: usize) -> Option<Amount> {
    amounts.get(i)?.get(j).copied().flatten()
}

/// How many cells of each column hold words and amounts, in one pass over the data.
fn column_counts(data: &[&GridRow], amounts: &[Vec<Option<Amount>>], width: usize) -> Vec<Counts> {
    let mut counts: Vec<Counts> = (0..width).map(|_| Counts::default()).collect();
    for (i, row) in data.iter().enumerate() {
        for (j, (cell, count)) in row.cells.iter().zip(counts.iter_mut()).enumerate() {
            if has_words(cell) {
                count.words += 1;
            } else if amount_at(amounts, i, j).is_some() {
                count.amounts += 1;
            }
        }
    }
    counts
}

/// Reads a columnar table.
pub fn read_columnar(grid: &Grid, unit: Unit) -> ReadTable {
    let split = split(grid);
    let amounts = cell_amounts(&split.data, unit);
    let counts = column_counts(&split.data, &amounts, split.width);
    let words = normalized(&split.header);
    let headers: Vec<String> = (0..split.width).map(|j| header_text(&words, j)).collect();
    let label_col = find_label_column(&counts, &headers);
    let code_cols = code_columns(label_col, &headers, &words);
    let agency_cols: Vec<usize> = (0..label_col.unwrap_or(0))
        .filter(|&j| is_agency_header(&headers[j]))
        .collect();
    let value_cols: Vec<usize> = (label_col.map_or(0, |l| l + 1)..split.width)
        .filter(|&j| !is_code_header(&headers[j]) && !is_split_code_column(&words, j))
        .filter(|&j| counts[j].words <= counts[j].amounts)
        .filter(|&j| !(counts[j].words > 0 && counts[j].amounts == 0))
        .collect();
    let value_cols: Vec<usize> = value_cols
        .into_iter()
        .filter(|&j| counts[j].amounts > 0 || has_own_header(&words, j))
        .collect();
    let paths = header_paths(&split.header, &value_cols, split.width);
    let columns = make_columns(&paths, &value_cols, split.numbering.as_deref(), None);
    let mut out = ReadTable {
        columns,
        ..ReadTable::default()
    };
    // A mask, not `value_cols.contains`: a row may have a million cells.
    let mut is_value = vec![false; split.width];
    for &j in &value_cols {
        if let Some(v) = is_value.get_mut(j) {
            *v = true;
        }
    }
    let mut codes = CodeReader::new();
    let mut code_cells: Vec<&str> = Vec::with_capacity(code_cols.len());
    for (i, row) in split.data.iter().enumerate() {
        let cell = |j: usize| row.cells.get(j).map(|c| &**c).unwrap_or("").trim();
        code_cells.clear();
        code_cells.extend(code_cols.iter().map(|&j| cell(j)));
        let code = codes.read(&code_cells);
        let printed_label = label_col.map(cell).unwrap_or("");
        let label = if has_words(printed_label) {
            printed_label.to_string()
        } else {
            (0..split.width)
                .filter(|&j| !is_value[j])
                .map(cell)
                .find(|c| has_words(c))
                .unwrap_or(printed_label)
                .to_string()
        };
        let values: Vec<_> = value_cols
            .iter()
            .map(|&j| amount_at(&amounts, i, j))
            .collect();
        if code.is_none() {
            let agency = agency_cols
                .iter()
                .map(|&j| cell(j))
                .chain(std::iter::once(printed_label))
                .find(|c| is_digits(c));
            if let Some(agency) = agency {
                out.agencies.push((agency.to_string(), label.clone()));
            }
        }
        if label.is_empty() && code.is_none() && values.iter().all(Option::is_none) {
            continue;
        }
        out.rows.push(typed_row(Printed {
            code,
            label,
            values,
            section: None,
            line: row.line,
            source: row.source,
        }));
    }
    out
}

/// Whether column `j` has header text of its own (not only a group label spanning it), in the
/// normalized header rows.
fn has_own_header(words: &[Vec<String>], j: usize) -> bool {
    words
        .iter()
        .any(|row| row.get(j).is_some_and(|c| !c.is_empty()))
}

/// The label column: the first column of words whose header names it (名称), else the first
/// column holding more words than amounts.
fn find_label_column(counts: &[Counts], headers: &[String]) -> Option<usize> {
    let wordy = |j: usize| counts[j].words > 0 && counts[j].words >= counts[j].amounts;
    let no_data = counts.iter().all(|c| c.words == 0 && c.amounts == 0);
    (0..counts.len())
        .find(|&j| (wordy(j) || no_data) && headers[j].contains("名称"))
        .or_else(|| (0..counts.len()).find(|&j| wordy(j)))
}

/// The columns left of the label that hold the classification code: 类 | 款 | 项 when split,
/// otherwise the first code column that is not an agency or ordinal column.
fn code_columns(label_col: Option<usize>, headers: &[String], words: &[Vec<String>]) -> Vec<usize> {
    let before = 0..label_col.unwrap_or(0);
    let split: Vec<usize> = before
        .clone()
        .filter(|&j| is_split_code_column(words, j))
        .collect();
    if !split.is_empty() {
        return split;
    }
    before
        .filter(|&j| !is_agency_header(&headers[j]) && !headers[j].contains("序号"))
        .take(1)
        .collect()
}

/// For each value column, its header path from top to bottom, after repairing what text
/// extraction does to headers: cells merged into one (`合计   上年结转`), rows shifted against the
/// data, group labels printed once over the columns they span.
fn header_paths(header: &[Vec<String>], value_cols: &[usize], width: usize) -> Vec<Vec<String>> {
    let first_value = value_cols.first().copied().unwrap_or(0);
    let mut anchored = false;
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(header.len());
    for row in header {
        let cells = split_merged_cells(row);
        let (aligned, had_anchor) = if anchored {
            (pad(cells, width), false)
        } else {
            align_row(cells, first_value, width)
        };
        anchored |= had_anchor;
        rows.push(aligned);
    }
    fill_group_labels(&mut rows, value_cols);
    value_cols
        .iter()
        .map(|&j| {
            let mut path: Vec<String> = Vec::new();
            for row in &rows {
                let word = normalize_header(&row[j]);
                if !word.is_empty() && path.last().map(String::as_str) != Some(&*word) {
                    path.push(word.into_owned());
                }
            }
            path
        })
        .collect()
}

/// Text extraction sometimes prints two header cells as one, separated by spaces
/// (`合计   上年结转`, `合计 基本支出 项目支`).
fn split_merged_cells(row: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(row.len());
    for cell in row {
        if !cell.contains(char::is_whitespace) {
            out.push(cell.clone());
            continue;
        }
        let parts: Vec<&str> = cell.split_whitespace().collect();
        // Reading the words' roles only matters when there are several.
        let known = || {
            parts
                .iter()
                .filter(|p| crate::columns::is_known_word(p))
                .count()
        };
        if parts.len() > 1 && known() >= 2 {
            out.extend(parts.into_iter().map(str::to_string));
        } else {
            out.push(cell.clone());
        }
    }
    out
}

/// Shifts the top header row that has a 合计/总计 cell so that the cell sits over the first
/// amount column. Returns the row and whether it had such a cell.
fn align_row(mut cells: Vec<String>, first_value: usize, width: usize) -> (Vec<String>, bool) {
    let anchor = cells.iter().position(|c| {
        let w = normalize_header(c);
        w.ends_with("合计") || w.ends_with("总计")
    });
    if let Some(p) = anchor {
        if p < first_value {
            let pad = vec![String::new(); first_value - p];
            cells.splice(p..p, pad);
        } else if p > first_value && cells[first_value..p].iter().all(|c| c.trim().is_empty()) {
            cells.drain(first_value..p);
        }
    }
    (pad(cells, width), anchor.is_some())
}

fn pad(mut cells: Vec<String>, width: usize) -> Vec<String> {
    cells.resize(width.max(cells.len()), String::new());
    cells
}

/// A group label printed once spans the empty cells on its right, as a merged cell does, in
/// every header row but the last. It spans the columns between the value columns too: a column
/// empty in every row (nothing printed in it, not even a header) is still under the merged cell,
/// so the value columns after it belong to the same group; a form that drops such a column
/// (space-aligned text, PDF) reads the same group.
fn fill_group_labels(rows: &mut [Vec<String>], value_cols: &[usize]) {
    let (Some(&first), Some(&last)) = (value_cols.first(), value_cols.last()) else {
        return;
    };
    for r in 0..rows.len().saturating_sub(1) {
        for j in first + 1..=last {
            let left = normalize_header(&rows[r][j - 1]);
            let left_is_group = !left.is_empty()
                && !left.ends_with("合计")
                && !left.ends_with("总计")
                && left != "小计";
            if rows[r][j].trim().is_empty() && left_is_group {
                rows[r][j] = rows[r][j - 1].clone();
            }
        }
    }
}

fn make_columns(
    paths: &[Vec<String>],
    value_cols: &[usize],
    numbering: Option<&[String]>,
    section: Option<&Section>,
) -> Vec<Column> {
    let column_roles = roles(paths);
    paths
        .iter()
        .zip(value_cols)
        .zip(column_roles)
        .map(|((path, &j), role)| {
            let fallback = numbering
                .and_then(|n| n.get(j))
                .map(|n| format!("栏{n}"))
                .unwrap_or_else(|| format!("列{}", j + 1));
            let name = if path.is_empty() {
                fallback
            } else {
                path.join("/")
            };
            Column {
                name,
                role,
                section: section.cloned(),
            }
        })
        .collect()
}

/// The standard 三公 table has 合计, 因公出国（境）费, 公务接待费 and 公务用车 columns. When
/// extraction lost the header of one column (it then reads as its neighbour group's label
/// alone) and no 公务接待费 column was found, that column is the 公务接待费.
pub fn repair_three_public(columns: &mut [Column]) {
    if columns.iter().any(|c| c.role == ColumnRole::Reception) {
        return;
    }
    let headless: Vec<usize> = (0..columns.len())
        .filter(|&j| {
            let name = &columns[j].name;
            let prefix = format!("{name}/");
            columns.iter().any(|c| c.name.starts_with(&prefix))
        })
        .collect();
    if let [j] = headless[..] {
        columns[j].role = ColumnRole::Reception;
        columns[j].name = "公务接待费（表头缺失）".to_string();
    }
}

/// Reads a side-by-side summary (收入 | 支出): each label column starts a section whose amount
/// columns follow it.
pub fn read_side_by_side(grid: &Grid, unit: Unit) -> ReadTable {
    let header_len = grid
        .rows
        .iter()
        .take(5)
        .take_while(|r| is_side_header_row(&r.cells))
        .count();
    let header: Vec<Vec<String>> = grid.rows[..header_len]
        .iter()
        .map(|r| owned(&r.cells))
        .collect();
    let data: Vec<&GridRow> = grid.rows[header_len..].iter().collect();
    let width = grid.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let amounts = cell_amounts(&data, unit);
    let counts = column_counts(&data, &amounts, width);
    let label_cols: Vec<usize> = (0..width)
        .filter(|&j| counts[j].words > 0 && counts[j].words >= counts[j].amounts)
        .collect();
    let sections = side_sections(&label_cols, width, &header);
    let titles_at = header
        .iter()
        .position(|r| {
            r.iter()
                .any(|c| side_of(&normalize_header(c)) == Some(Side::Income))
        })
        .map_or(0, |i| i + 1);
    let below_titles = &header[titles_at..];
    // Columns without header or amounts are dropped; the paths are read again only then, as
    // which columns there are changes how the header aligns.
    let sections: Vec<(SideColumns, Vec<Vec<String>>)> = sections
        .into_iter()
        .map(|mut s| {
            let paths = header_paths(below_titles, &s.values, width);
            let keep: Vec<bool> = s
                .values
                .iter()
                .zip(&paths)
                .map(|(j, p)| !p.is_empty() || counts[*j].amounts > 0)
                .collect();
            if keep.iter().all(|k| *k) {
                return (s, paths);
            }
            s.values = s
                .values
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(j, _)| *j)
                .collect();
            let paths = header_paths(below_titles, &s.values, width);
            (s, paths)
        })
        .collect();
    let mut out = ReadTable::default();
    for (section, paths) in &sections {
        out.columns.extend(make_columns(
            paths,
            &section.values,
            None,
            Some(&section.section),
        ));
    }
    let sections: Vec<SideColumns> = sections.into_iter().map(|(s, _)| s).collect();
    let offsets = section_offsets(&sections);
    let total_columns = out.columns.len();
    for (i, row) in data.iter().enumerate() {
        let cell = |j: usize| row.cells.get(j).map(|c| &**c).unwrap_or("").trim();
        for (section, offset) in sections.iter().zip(&offsets) {
            let label = cell(section.label).to_string();
            let mut values = vec![None; total_columns];
            for (k, &j) in section.values.iter().enumerate() {
                values[offset + k] = amount_at(&amounts, i, j);
            }
            if label.is_empty() && values.iter().all(Option::is_none) {
                continue;
            }
            let code = section
                .function_codes
                .then(|| function_class_by_name(&label))
                .flatten();
            out.rows.push(typed_row(Printed {
                code,
                label,
                values,
                section: Some(&section.section),
                line: row.line,
                source: row.source,
            }));
        }
    }
    out
}

struct SideColumns {
    section: Section,
    label: usize,
    values: Vec<usize>,
    /// Whether the section lists expenditure by function 类 (its labels name 类).
    function_codes: bool,
}

fn is_side_header_row(cells: &[Cell<'_>]) -> bool {
    let words: Vec<Cow<str>> = cells.iter().map(|c| normalize_header(c)).collect();
    let headerish = words.iter().any(|w| {
        w == "收入"
            || w == "支出"
            || w == "项目"
            || w.contains("预算数")
            || w.contains("金额")
            || w.contains("单位")
            || w == "小计"
            || w.starts_with("其中")
    });
    headerish && !cells.iter().any(|c| is_amount(c) && !c.trim().is_empty())
}

fn side_sections(label_cols: &[usize], width: usize, header: &[Vec<String>]) -> Vec<SideColumns> {
    let count = label_cols.len();
    label_cols
        .iter()
        .enumerate()
        .map(|(i, &label)| {
            let end = label_cols.get(i + 1).copied().unwrap_or(width);
            let words: Vec<Cow<str>> = header
                .iter()
                .filter_map(|r| r.get(label))
                .map(|c| normalize_header(c))
                .collect();
            let title: String = words
                .iter()
                .filter(|w| side_of(w).is_none())
                .map(|w| w.as_ref())
                .collect();
            let section = match (i, count) {
                (0, _) => side_section(Side::Income, None, &title),
                _ => side_section(Side::Expenditure, Some(section_scheme(&title)), &title),
            };
            SideColumns {
                function_codes: section.scheme == Some(Classification::Function),
                section,
                label,
                values: (label + 1..end).collect(),
            }
        })
        .collect()
}

fn section_offsets(sections: &[SideColumns]) -> Vec<usize> {
    sections
        .iter()
        .scan(0, |acc, s| {
            let here = *acc;
            *acc += s.values.len();
            Some(here)
        })
        .collect()
}

/// Reads a form: every row's words are its label, its amounts its values.
pub fn read_form(grid: &Grid, unit: Unit) -> ReadTable {
    let mut out = ReadTable::default();
    for row in &grid.rows {
        let mut words: Vec<&str> = Vec::new();
        let mut values = Vec::new();
        // Codes come before names: digits printed before the first word are an identifier.
        let first_word = row.cells.iter().position(|c| has_words(c)).unwrap_or(0);
        for (j, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match cell_amount(cell, unit) {
                Some(amount) if !(j < first_word && is_digits(cell)) => values.push(Some(amount)),
                _ => words.push(cell),
            }
        }
        if words.is_empty() && values.is_empty() {
            continue;
        }
        out.rows.push(form_row(Printed {
            code: None,
            label: words.join(PART_SEPARATOR),
            values,
            section: None,
            line: row.line,
            source: row.source,
        }));
    }
    out
}

/// The role-free reading of a flattened side-by-side table: `label amount amount label amount`.
pub fn read_flat_line(line: &str, line_number: usize, unit: Unit) -> ReadTable {
    let items = flat_items(line);
    let first_valued = items
        .iter()
        .position(|(_, v)| !v.is_empty())
        .unwrap_or(items.len());
    let header_words: Vec<String> = items[..first_valued]
        .iter()
        .map(|(w, _)| normalize_header(w).into_owned())
        .collect();
    let body = &items[first_valued..];
    let spend_width = body
        .iter()
        .filter(|(w, _)| !is_flat_income(w))
        .map(|(_, v)| v.len())
        .max()
        .unwrap_or(1);
    let spend_names = flat_spend_columns(&header_words, spend_width);
    let sides = flat_sections();
    let mut columns = vec![Column {
        name: AMOUNT_COLUMN.into(),
        role: ColumnRole::Amount,
        section: Some(sides[0].clone()),
    }];
    let paths: Vec<Vec<String>> = spend_names.iter().map(|n| vec![n.clone()]).collect();
    columns.extend(paths.iter().zip(roles(&paths)).map(|(p, role)| Column {
        name: p.join("/"),
        role,
        section: Some(sides[1].clone()),
    }));
    let printed = FlatLine {
        columns: &columns,
        sides: &sides,
        unit,
        number: line_number,
        text: line,
    };
    let rows = body
        .iter()
        .map(|(label, amounts)| flat_row(label, amounts, &printed))
        .collect();
    ReadTable {
        columns,
        rows,
        agencies: Vec::new(),
    }
}

/// The two sides of a flattened summary: income, and expenditure by function.
fn flat_sections() -> [Section; 2] {
    [
        side_section(Side::Income, None, ""),
        side_section(Side::Expenditure, Some(Classification::Function), ""),
    ]
}

/// A flattened line and what its items are read into.
struct FlatLine<'a> {
    columns: &'a [Column],
    sides: &'a [Section; 2],
    unit: Unit,
    number: usize,
    text: &'a str,
}

fn flat_row(label: &str, amounts: &[String], line: &FlatLine) -> Row {
    let income = is_flat_income(label);
    let mut values = vec![None; line.columns.len()];
    let start = if income { 0 } else { 1 };
    for (k, text) in amounts.iter().enumerate() {
        if let Some(slot) = values.get_mut(start + k) {
            *slot = cell_amount(text, line.unit);
        }
    }
    typed_row(Printed {
        code: (!income).then(|| function_class_by_name(label)).flatten(),
        label: label.to_string(),
        values,
        section: Some(&line.sides[usize::from(!income)]),
        line: line.number,
        source: line.text,
    })
}

/// The expenditure columns of a flattened summary, in their usual order, from the header words.
fn flat_spend_columns(header_words: &[String], width: usize) -> Vec<String> {
    let mut names: Vec<String> = FLAT_EXPENDITURE_COLUMNS
        .iter()
        .filter(|w| header_words.iter().any(|h| h == *w))
        .map(|w| w.to_string())
        .collect();
    if names.is_empty() {
        names.push(AMOUNT_COLUMN.into());
    }
    names.truncate(width.max(1));
    names
}

/// Splits a flattened line into (label, amounts) items. Words between amounts are labels; a run
/// of several words before an amount is several labels, the last of which owns the amounts.
fn flat_items(line: &str) -> Vec<(String, Vec<String>)> {
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    for token in flat_tokens(line) {
        match token {
            FlatToken::Word(w) => items.push((w, Vec::new())),
            FlatToken::Number(n) => match items.last_mut() {
                Some((_, amounts)) => amounts.push(n),
                None => items.push((String::new(), vec![n])),
            },
        }
    }
    items
}

enum FlatToken {
    Word(String),
    Number(String),
}

/// Tokens of a flattened line: numbers (which may contain a gap after the decimal point, as in
/// `809. 97`) and words (markup removed).
fn flat_tokens(line: &str) -> Vec<FlatToken> {
    let text = crate::columns::strip_tags(line);
    let pieces: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let piece = pieces[i];
        if is_amount(piece) {
            let mut number = piece.to_string();
            let next_is_decimals = pieces
                .get(i + 1)
                .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
            if piece.ends_with('.') && next_is_decimals {
                number.push_str(pieces[i + 1]);
                i += 1;
            }
            out.push(FlatToken::Number(number));
        } else {
            out.push(FlatToken::Word(piece.to_string()));
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::blocks;
    use crate::text::lines;

    fn grid(text: &str) -> Grid<'_> {
        let lines = lines(text);
        blocks(&lines)
            .into_iter()
            .find_map(|b| match b {
                crate::grid::Block::Grid(g) => Some(g),
                _ => None,
            })
            .expect("a grid")
    }

    #[test]
    fn columnar_with_short_codes_and_numbering() {
        let g = grid("科目编码\t科目名称\t合计\t基本支出\t项目支出\n**\t**\t1\t2\t3\n\t合计\t8,763.47\t6,824.03\t1,939.44\n208\t社会保障和就业支出\t592.54\t592.54\t\n05\t行政事业单位养老支出\t592.54\t592.54\t\n2080501\t行政单位离退休\t0.48\t0.48\t");
        let t = read_columnar(&g, Unit::WanYuan);
        let roles: Vec<_> = t.columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            vec![ColumnRole::Total, ColumnRole::Basic, ColumnRole::Project]
        );
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[2].code.as_ref().map(|c| c.as_str()), Some("20805"));
        assert_eq!(t.rows[0].label, "合计");
        assert_eq!(t.rows[1].values[2], None);
        assert_eq!(
            t.rows[3].values[0].map(|a| a.to_string()).as_deref(),
            Some("0.48万元")
        );
    }

    fn column_names(text: &str) -> Vec<String> {
        let t = read_columnar(&grid(text), Unit::WanYuan);
        t.columns.into_iter().map(|c| c.name).collect()
    }

    /// A column empty in every row (header and body) under a group header: the group spans it,
    /// as the merged cell it is printed as does, so the column after it is still in the group;
    /// space-aligned text, which cannot show the empty column, reads the same columns.
    #[test]
    fn group_header_spans_a_column_empty_in_every_row() {
        let tabs = "科目\t合计\t基本支出\t\t\t项目支出\n\t\t人员经费\t\t公用经费\t\n合计\t30.00\t10.00\t\t20.00\t\n教育支出\t30.00\t10.00\t\t20.00\t";
        let expected = ["合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"];
        assert_eq!(column_names(tabs), expected);
        let spaces = "\
科目      合计    基本支出              项目支出
                  人员经费  公用经费
合计      30.00   10.00        20.00
教育支出  30.00   10.00        20.00
";
        assert_eq!(
            column_names(&budget_input::layout::align_tables(spaces).text),
            expected
        );
    }

    #[test]
    fn flat_line_reads_both_sides() {
        let line = "<u>单位:万元</u> 支出 合计 一般公共预算支出 一、财政拨款收入 809.97 一、本年支出 809. 97 809. 97 社会保障和就业支出 756. 56 756. 56 收入总计 809. 97 支出总计 809. 97 809. 97";
        let t = read_flat_line(line, 7, Unit::WanYuan);
        assert_eq!(t.columns.len(), 3);
        let social = t
            .rows
            .iter()
            .find(|r| r.label == "社会保障和就业支出")
            .unwrap();
        assert_eq!(social.code.as_ref().map(|c| c.as_str()), Some("208"));
        assert_eq!(
            social.values[1].map(|a| a.to_string()).as_deref(),
            Some("756.56万元")
        );
        let income = t.rows.iter().find(|r| r.label == "收入总计").unwrap();
        assert_eq!(
            income.values[0].map(|a| a.to_string()).as_deref(),
            Some("809.97万元")
        );
    }
}
