//! The columns of one space-aligned table and its lines rewritten as tab-separated rows, each
//! with the original lines it stands for.

use std::ops::Range;

use super::pieces::{
    is_code, is_data, is_figure, is_wide, pieces, split_collisions, Measure, Piece,
};

/// Tables wider than this are left alone (hostile input; real tables have a dozen columns).
const MAX_COLUMNS: usize = 64;

/// One column: the span its data pieces cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn overlap(self, p: &Piece) -> usize {
        self.end.min(p.end).saturating_sub(self.start.max(p.start))
    }

    fn distance(self, p: &Piece) -> usize {
        if p.end <= self.start {
            self.start - p.end
        } else {
            p.start.saturating_sub(self.end)
        }
    }
}

/// The columns of the data lines: the union of their pieces' spans.
fn data_spans(rows: &[Vec<Piece>]) -> Vec<Span> {
    let mut all: Vec<Span> = rows
        .iter()
        .flatten()
        .map(|p| Span {
            start: p.start,
            end: p.end,
        })
        .collect();
    all.sort_by_key(|s| (s.start, s.end));
    let mut spans: Vec<Span> = Vec::new();
    for s in all {
        match spans.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => spans.push(s),
        }
    }
    spans
}

/// One line of a rewritten table: its cells separated by tabs, and the lines of the table (indices
/// from its first line) it stands for: one, or more when a label wrapped onto the lines below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Row {
    pub(super) text: String,
    pub(super) lines: Range<usize>,
}

/// The table's lines as tab-separated rows, or `None` when they do not form a table. The first
/// `header_lines` are header lines.
pub(super) fn rewrite(lines: &[&str], header_lines: usize) -> Option<Vec<Row>> {
    let chars = layout(lines, header_lines, Measure::Chars);
    let display = layout(lines, header_lines, Measure::Display);
    let best = match (chars, display) {
        (Some(c), Some(d)) if (d.aligned, c.slack) > (c.aligned, d.slack) => d,
        (Some(c), _) => c,
        (None, d) => d?,
    };
    Some(best.rows)
}

struct Layout {
    /// How far the data pieces of each column stray from lining up (0 when every column's
    /// pieces share a left edge or a right edge).
    slack: usize,
    /// How many pieces share their left or right edge with a piece on another line.
    aligned: usize,
    rows: Vec<Row>,
}

fn layout(lines: &[&str], header_lines: usize, measure: Measure) -> Option<Layout> {
    let pieces: Vec<Vec<Piece>> = lines
        .iter()
        .map(|l| split_collisions(pieces(l, measure), measure))
        .collect();
    let data: Vec<Vec<Piece>> = pieces[header_lines..]
        .iter()
        .filter(|p| is_data(p))
        .cloned()
        .collect();
    let data_columns = data_spans(&data);
    if data_columns.len() > MAX_COLUMNS {
        return None;
    }
    let mut spans = column_spans(&data_columns, &pieces);
    if data.len() == 1 {
        spans = headers_left_of_their_figure(spans, &data_columns, &pieces[..header_lines]);
    }
    if spans.len() < 2 || spans.len() > MAX_COLUMNS {
        return None;
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut breaks: Vec<bool> = Vec::new();
    let mut origins: Vec<Range<usize>> = Vec::new();
    let mut headers: Vec<bool> = Vec::new();
    let mut previous_was_row = false;
    for (i, (line, line_pieces)) in lines.iter().zip(&pieces).enumerate() {
        if line_pieces.is_empty() {
            previous_was_row = false;
            continue;
        }
        let cells = place(
            &spans,
            line_pieces,
            i < header_lines || line_pieces.len() == 1,
        );
        let body = i >= header_lines;
        if body && previous_was_row && !is_data(line_pieces) {
            if let (Some(last), Some(origin)) = (rows.last_mut(), origins.last_mut()) {
                if continues_label(last, &cells) {
                    join_cells(last, &cells);
                    origin.end = i + 1;
                    continue;
                }
            }
        }
        rows.push(cells);
        headers.push(!body);
        breaks.push(line.contains('\u{c}'));
        origins.push(i..i + 1);
        previous_was_row = true;
    }
    move_headers_beside_their_data(&mut rows, &headers);
    let rows = rows
        .iter()
        .zip(breaks)
        .zip(origins)
        .map(|((cells, page), lines)| {
            let line = cells.join("\t");
            let text = if page { format!("\u{c}{line}") } else { line };
            Row { text, lines }
        })
        .collect();
    Some(Layout {
        slack: slack(&data_spans(&data), &data),
        aligned: aligned(&pieces),
        rows,
    })
}

/// A header printed left of its column (`预算` over nothing, the amounts in the column on its
/// right under no header, as pdftotext places CJK text a few characters off) is that column's
/// header: its header cells move right, leaving the column empty on every line.
fn move_headers_beside_their_data(rows: &mut [Vec<String>], headers: &[bool]) {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let filled = |rows: &[Vec<String>], j: usize, header: bool| {
        rows.iter()
            .zip(headers)
            .any(|(r, h)| *h == header && r.get(j).is_some_and(|c| !c.is_empty()))
    };
    move_label_headers_left(rows, headers, width);
    for j in 0..width.saturating_sub(1) {
        let header_only = filled(rows, j, true) && !filled(rows, j, false);
        let data_only = !filled(rows, j + 1, true) && filled(rows, j + 1, false);
        let figures_only = rows
            .iter()
            .all(|r| r.get(j + 1).is_none_or(|c| c.is_empty() || is_figure(c)));
        if !(header_only && data_only && figures_only) {
            continue;
        }
        for (row, _) in rows.iter_mut().zip(headers).filter(|(_, h)| **h) {
            if j + 1 < row.len() {
                row.swap(j, j + 1);
            }
        }
    }
}

/// A header centred over labels printed from the column's left edge (`项   目` over
/// `一、财政拨款`), standing right of them over no data, is the labels' header: its header
/// cells move left onto the labels' column, which had none.
fn move_label_headers_left(rows: &mut [Vec<String>], headers: &[bool], width: usize) {
    let cells = |rows: &[Vec<String>], j: usize, header: bool| -> Vec<String> {
        rows.iter()
            .zip(headers)
            .filter(|(_, h)| **h == header)
            .filter_map(|(r, _)| r.get(j).filter(|c| !c.is_empty()).cloned())
            .collect()
    };
    for j in 1..width {
        let header_only = !cells(rows, j, true).is_empty() && cells(rows, j, false).is_empty();
        let labels = cells(rows, j - 1, false);
        let unheaded_labels = cells(rows, j - 1, true).is_empty()
            && !labels.is_empty()
            && labels.iter().all(|c| !is_figure(c));
        if !(header_only && unheaded_labels) {
            continue;
        }
        for (row, _) in rows.iter_mut().zip(headers).filter(|(_, h)| **h) {
            if j < row.len() {
                row.swap(j - 1, j);
            }
        }
    }
}

/// How many pieces share their left or right edge with a piece on another line.
fn aligned(lines: &[Vec<Piece>]) -> usize {
    let mut starts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut ends: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for p in lines.iter().flatten() {
        *starts.entry(p.start).or_default() += 1;
        *ends.entry(p.end).or_default() += 1;
    }
    lines
        .iter()
        .flatten()
        .filter(|p| starts.get(&p.start) > Some(&1) || ends.get(&p.end) > Some(&1))
        .count()
}

/// The misalignment of data pieces: per column, its width beyond its widest piece.
fn slack(spans: &[Span], rows: &[Vec<Piece>]) -> usize {
    spans
        .iter()
        .map(|s| {
            let widest = rows
                .iter()
                .flatten()
                .filter(|p| s.overlap(p) > 0)
                .map(|p| p.end - p.start)
                .max()
                .unwrap_or(0);
            (s.end - s.start).saturating_sub(widest)
        })
        .sum()
}

/// The columns of the whole table: the union of the spans of every piece (header, label and
/// data lines) except pieces that reach over two data columns or more (a header spanning
/// columns, centred over them). A column is as wide as its widest cell, so its cells overlap one
/// another; a header over a column empty in every data row keeps a column of its own. A line of
/// one piece (a label alone on its row, a merged cell across the table) makes no column when it
/// reaches over two of the columns the lines of several pieces make.
fn column_spans(data: &[Span], lines: &[Vec<Piece>]) -> Vec<Span> {
    let cells: Vec<Piece> = lines
        .iter()
        .filter(|l| l.len() >= 2)
        .flatten()
        .filter(|p| !spanning(data, p))
        .cloned()
        .collect();
    let columns = data_spans(std::slice::from_ref(&cells));
    let labels: Vec<Piece> = lines
        .iter()
        .filter(|l| l.len() == 1)
        .flatten()
        .filter(|p| !spanning(data, p) && !spanning(&columns, p))
        .cloned()
        .collect();
    let mut all = cells;
    all.extend(labels);
    data_spans(&[all])
}

/// A table of one line of figures under a header (a 三公 table) whose headers stand left of
/// their figures (`合计` centred over a wide cell, `237.92` right-aligned in it): a column
/// without a figure, followed by a figure's column that no header stands over, is that
/// figure's header; the two are one column. A header over no figure with a headed figure on
/// its right (购置费 beside 运行费) keeps its column: it is a column empty in the row.
fn headers_left_of_their_figure(
    spans: Vec<Span>,
    data: &[Span],
    header: &[Vec<Piece>],
) -> Vec<Span> {
    let has_figure = |s: Span| data.iter().any(|d| d.start < s.end && s.start < d.end);
    let headed = |s: Span| header.iter().flatten().any(|p| s.overlap(p) > 0);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(last) = out.last_mut() {
            let bare_header = !has_figure(*last) && headed(*last);
            if bare_header && has_figure(span) && !headed(span) {
                last.end = span.end;
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// Whether a piece covers a real part of two of the columns or more.
fn spanning(columns: &[Span], p: &Piece) -> bool {
    columns
        .iter()
        .filter(|s| substantial(**s, p))
        .nth(1)
        .is_some()
}

/// Whether a piece covers a real part of a column (two positions, or all of a narrow one).
fn substantial(span: Span, p: &Piece) -> bool {
    span.overlap(p) >= 2.min(span.end - span.start)
}

/// Puts each piece in its column: the one it overlaps most, else the next one on its right.
/// On a `merged` line (a header, a label alone on its row) a piece over several columns goes to
/// the first of them, as a merged cell is printed. Pieces landing in one column are joined.
fn place(spans: &[Span], pieces: &[Piece], merged: bool) -> Vec<String> {
    let mut columns: Vec<Option<usize>> =
        pieces.iter().map(|p| column_of(spans, p, merged)).collect();
    move_glued_amounts(pieces, &mut columns);
    let mut cells = vec![String::new(); spans.len()];
    for (p, j) in pieces.iter().zip(columns) {
        let Some(j) = j else {
            continue;
        };
        if !cells[j].is_empty() {
            cells[j].push(' ');
        }
        cells[j].push_str(&p.text);
    }
    cells
}

/// An amount that lands in the column of the label right after it (a side-by-side table whose
/// income amounts stand closer to the expenditure labels than pdftotext's characters show:
/// `3,944.08 一、一般公共服务支出`) belongs to the column on its left that holds nothing on this
/// line, the amount column of its own side; an amount is never part of a label.
fn move_glued_amounts(pieces: &[Piece], columns: &mut [Option<usize>]) {
    for i in 0..pieces.len().saturating_sub(1) {
        let (Some(j), next) = (columns[i], columns[i + 1]) else {
            continue;
        };
        let glued =
            next == Some(j) && is_figure(&pieces[i].text) && !is_figure(&pieces[i + 1].text);
        let first_in_column = columns[..i].iter().all(|c| *c != Some(j));
        if !glued || !first_in_column {
            continue;
        }
        if let Some(free) = (0..j).rev().find(|k| !columns.contains(&Some(*k))) {
            columns[i] = Some(free);
        }
    }
}

fn column_of(spans: &[Span], p: &Piece, merged: bool) -> Option<usize> {
    let overlapping: Vec<(usize, usize)> = spans
        .iter()
        .enumerate()
        .map(|(j, s)| (j, s.overlap(p)))
        .filter(|(_, o)| *o > 0)
        .collect();
    if merged {
        let substantial: Vec<usize> = overlapping
            .iter()
            .filter(|(j, _)| substantial(spans[*j], p))
            .map(|(j, _)| *j)
            .collect();
        if substantial.len() >= 2 {
            return substantial.first().copied();
        }
    }
    if let Some((j, _)) = overlapping.iter().max_by_key(|(j, o)| (*o, usize::MAX - j)) {
        return Some(*j);
    }
    // Beside the data, not over it: a header printed at the left edge of its column, whose
    // figures stand at the right edge, belongs to the column on its right.
    spans.iter().position(|s| s.start >= p.end).or_else(|| {
        spans
            .iter()
            .enumerate()
            .min_by_key(|(_, s)| s.distance(p))
            .map(|(j, _)| j)
    })
}

/// Endings of complete labels: a line of text after such a label starts a new row.
const LABEL_ENDINGS: &[&str] = &[
    "支出", "收入", "费", "经费", "合计", "总计", "小计", "结转", "结余", "补助", "资金", "拨款",
    "预算", "指标", "项目", "金额", "）", ")",
];

/// Whether a line with text only in the first text column continues the label above it.
fn continues_label(previous: &[String], cells: &[String]) -> bool {
    let filled: Vec<usize> = (0..cells.len()).filter(|j| !cells[*j].is_empty()).collect();
    let [j] = filled.as_slice() else {
        return false;
    };
    let label_column = previous.iter().position(|c| !c.is_empty() && !is_code(c));
    if label_column != Some(*j) {
        return false;
    }
    let text = cells[*j].as_str();
    let above = previous[*j].as_str();
    let starts_row = text
        .starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十（(".contains(c))
        || budget_model::is_total_label(text);
    !starts_row && !LABEL_ENDINGS.iter().any(|e| above.ends_with(e))
}

fn join_cells(row: &mut [String], cells: &[String]) {
    for (cell, more) in row.iter_mut().zip(cells) {
        if more.is_empty() {
            continue;
        }
        let glue = match (cell.chars().last(), more.chars().next()) {
            (Some(a), Some(b)) if is_wide(a) || is_wide(b) => "",
            (Some(_), _) => " ",
            _ => "",
        };
        cell.push_str(glue);
        cell.push_str(more);
    }
}
