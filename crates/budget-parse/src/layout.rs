//! Space-aligned tables (the output of `pdftotext -layout`, or text padded into columns) →
//! tab-separated lines, so that [`crate::grid`] reads them like any other table.
//!
//! A table is a run of lines whose pieces of text (separated by two spaces or more) line up in
//! columns: at least two data lines (a label or code and amounts), the header lines directly
//! above them, wrapped label lines between them, and rows whose first cells are blank (the right
//! half of a side-by-side table, figures under an empty label) however many. Lines of cells
//! without any figure (a list of tables with 是否空表, an empty table, a form) make a table too
//! when two of them line up. A line holding only a label (a form's 年度绩效目标 above its text)
//! is a row when it lies between rows of a table, or, with a blank first cell, starts where a
//! column of the row below starts (a form going on from the page before). Columns are the union
//! of the spans of all the table's pieces: a column is as wide as its widest cell, so the cells
//! of a column overlap (labels left-aligned, amounts right-aligned) and a header over a column
//! empty in every data row keeps a column of its own. Only a piece reaching over two data
//! columns (a header spanning them), or a label alone on its line reaching over two columns, is
//! left out and goes to the first of them, as a merged cell is printed. A label wrapped onto the
//! next line joins its cell.
//!
//! Positions are measured two ways, in characters (as `pdftotext` places text) and in display
//! columns (CJK characters two wide, as text padded for a terminal is); the measure under which
//! most pieces line up with a piece on another line (then the least slack) is used. Text that holds no such table is returned unchanged (borrowed).

use std::borrow::Cow;

use crate::cells::is_amount;

/// Tables wider than this are left alone (hostile input; real tables have a dozen columns).
const MAX_COLUMNS: usize = 64;

/// The fewest data lines that make a table without a header.
const MIN_DATA_LINES: usize = 2;

/// How many header lines above the first data line are read.
const MAX_HEADER_LINES: usize = 6;

/// Rewrites the space-aligned tables of `text` as tab-separated lines; the rest is unchanged.
pub fn align_tables(text: &str) -> Cow<'_, str> {
    if !text.contains("  ") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let regions = find_regions(&lines);
    if regions.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut next = 0;
    for region in regions {
        let Some(rows) = rewrite(
            &lines[region.start..region.end],
            region.first_data - region.start,
        ) else {
            continue;
        };
        push_lines(&mut out, &lines[next..region.start]);
        for row in rows {
            out.push_str(&row);
            out.push('\n');
        }
        next = region.end;
    }
    push_lines(&mut out, &lines[next..]);
    // `split` gave one more piece than there are line ends.
    out.pop();
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

fn push_lines(out: &mut String, lines: &[&str]) {
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
}

// ---- pieces of a line ----------------------------------------------------------------------

/// A piece of text between gaps of two spaces or more, with its position on the line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    start: usize,
    end: usize,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Chars,
    Display,
}

impl Measure {
    fn width(self, c: char) -> usize {
        match self {
            Measure::Chars => 1,
            Measure::Display if is_wide(c) => 2,
            Measure::Display => 1,
        }
    }
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}')
}

/// Splits a line into pieces at runs of two spaces or more (one space stays inside a piece).
/// A form feed (page break) counts as nothing.
fn pieces(line: &str, measure: Measure) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut current: Option<Piece> = None;
    let mut spaces = 0;
    for c in line.chars() {
        if c == '\u{c}' {
            continue;
        }
        if c == ' ' {
            spaces += 1;
            pos += 1;
            continue;
        }
        if spaces >= 2 {
            out.extend(current.take());
        }
        let piece = current.get_or_insert_with(|| Piece {
            start: pos,
            end: pos,
            text: String::new(),
        });
        if spaces == 1 && !piece.text.is_empty() {
            piece.text.push(' ');
        }
        spaces = 0;
        piece.text.push(c);
        pos += measure.width(c);
        piece.end = pos;
    }
    out.extend(current);
    out
}

/// Whether a piece is a figure: an amount, a percentage or a dash for nothing.
fn is_figure(text: &str) -> bool {
    is_amount(text)
        || matches!(text, "-" | "—" | "--" | "——")
        || text
            .strip_suffix('%')
            .is_some_and(|n| is_amount(n) && !n.is_empty())
}

/// A classification code printed in its own column (`208`, `20805`, `2080505`, `30101`).
fn is_code(text: &str) -> bool {
    (3..=7).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// Pieces that ran together with one space where a column was too narrow: a label followed by
/// amounts (`养老保险缴费支出 12.00`), a code followed by its name (`2080505 机关事业单位…`),
/// amounts side by side (`1,234.56 1,000.00`).
fn split_collisions(pieces: Vec<Piece>, measure: Measure) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if !piece.text.contains(' ') || is_figure(&piece.text) {
            out.push(piece);
            continue;
        }
        let words: Vec<&str> = piece.text.split(' ').collect();
        let mut head = words.len();
        while head > 0 && is_figure(words[head - 1]) {
            head -= 1;
        }
        // "809. 97": an amount broken by a space is one amount, not two.
        if head == 0 && words.len() == 2 && !words[0].contains('.') {
            out.push(piece);
            continue;
        }
        let lead = usize::from(head > 1 && is_code(words[0]));
        let mut parts: Vec<String> = Vec::new();
        if lead == 1 {
            parts.push(words[0].to_string());
        }
        if head > lead {
            parts.push(words[lead..head].join(" "));
        }
        parts.extend(words[head.max(lead)..].iter().map(|w| w.to_string()));
        let mut pos = piece.start;
        for part in parts {
            let width: usize = part.chars().map(|c| measure.width(c)).sum();
            out.push(Piece {
                start: pos,
                end: pos + width,
                text: part,
            });
            pos += width + 1;
        }
    }
    out
}

/// A data line: two pieces or more, one of them a figure.
fn is_data(pieces: &[Piece]) -> bool {
    pieces.len() >= 2 && pieces.iter().any(|p| is_figure(&p.text))
}

/// A line that declares the unit or is a title beside it: never a header.
fn is_unit_line(line: &str) -> bool {
    line.contains("单位：") || line.contains("单位:")
}

// ---- regions -------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Region {
    start: usize,
    first_data: usize,
    end: usize,
}

/// Lines already in another table syntax (tabs, pipes) are never part of a layout table.
fn is_other_syntax(line: &str) -> bool {
    line.contains('\t') || line.trim_start().starts_with('|')
}

fn line_pieces(line: &str) -> Vec<Piece> {
    if is_other_syntax(line) {
        return Vec::new();
    }
    split_collisions(pieces(line, Measure::Chars), Measure::Chars)
}

fn find_regions(lines: &[&str]) -> Vec<Region> {
    let data: Vec<bool> = lines
        .iter()
        .map(|l| l.contains("  ") && is_data(&line_pieces(l)))
        .collect();
    let mut regions = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !data[i] {
            i += 1;
            continue;
        }
        let end = region_end(lines, &data, i);
        let data_lines = data[i..end].iter().filter(|d| **d).count();
        let previous_end = regions.last().map_or(0, |r: &Region| r.end);
        let start = header_start(lines, i).max(previous_end);
        // One data line makes a table under a header (an empty table's column numbers).
        if data_lines >= MIN_DATA_LINES || (data_lines == 1 && start < i) {
            regions.push(Region {
                start,
                first_data: i,
                end,
            });
        }
        i = end.max(i + 1);
    }
    with_tables_without_figures(lines, regions)
}

/// Adds the tables that hold no figure (a list of tables with 是否空表, an empty table's
/// headers and labels) found between the tables with figures.
fn with_tables_without_figures(lines: &[&str], regions: Vec<Region>) -> Vec<Region> {
    let mut out = Vec::with_capacity(regions.len());
    let mut from = 0;
    for region in regions {
        out.extend(tables_without_figures(lines, from, region.start));
        from = region.end;
        out.push(region);
    }
    out.extend(tables_without_figures(lines, from, lines.len()));
    out
}

/// Runs of lines between `from` and `to` that are cells in columns without figures: two lines
/// of two pieces or more whose pieces after the first line up, the rows with a blank first cell
/// among them, and the rows holding only a label (see [`label_rows`]); no title or unit line.
/// The whole run is read as header lines.
fn tables_without_figures(lines: &[&str], from: usize, to: usize) -> Vec<Region> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        let below_table = i == from && from > 0;
        if multi_piece(lines[i]).is_none() && !starts_with_label_rows(lines, i, to, below_table) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < to {
            let step = if multi_piece(lines[end]).is_some()
                || (is_indented_row(lines[end]) && !ends_table(lines[end]))
            {
                1
            } else {
                label_rows(lines, end, to)
            };
            if step == 0 {
                break;
            }
            end += step;
        }
        // A run that runs into a table with figures is that table's header.
        if end < to || to == lines.len() {
            let rows: Vec<&str> = lines[i..end]
                .iter()
                .copied()
                .filter(|l| multi_piece(l).is_some())
                .collect();
            let aligned = [Measure::Chars, Measure::Display]
                .into_iter()
                .any(|measure| shares_a_column(&rows, measure));
            if rows.len() >= 2 && aligned {
                out.push(Region {
                    start: i,
                    first_data: end,
                    end,
                });
            }
        }
        i = end;
    }
    out
}

/// How many lines from `i` on hold only a label (one piece of text: a form's label above the
/// text it labels, 年度绩效目标; the text itself) and are followed by a row of two cells or more,
/// so that they lie between the rows of a table: 0 when the lines from `i` are not such rows. A
/// blank line, a title or a unit line ends them; so do more than [`MAX_GAP`] of them.
fn label_rows(lines: &[&str], i: usize, to: usize) -> usize {
    let mut n = 0;
    while i + n < to && n <= MAX_GAP {
        let line = lines[i + n];
        if is_cell_row(line) {
            return n;
        }
        if line.trim().is_empty() || ends_table(line) || pieces(line, Measure::Chars).len() != 1 {
            return 0;
        }
        n += 1;
    }
    0
}

/// Whether a table without figures starts at line `i` with rows holding only a label: right
/// below another table (its form goes on), or with a blank first cell where a column of the row
/// after them starts (a table going on from the page before).
fn starts_with_label_rows(lines: &[&str], i: usize, to: usize, below_table: bool) -> bool {
    if !below_table && !is_indented_row(lines[i]) {
        return false;
    }
    let n = label_rows(lines, i, to);
    n > 0 && (below_table || starts_at_a_column(lines, i, i + n))
}

/// Whether the label rows `from..to` (a table going on from the page before, its first cells
/// blank) start where a piece of the row after them starts, in either measure: text that only
/// happens to stand above a table (a centred subtitle) does not.
fn starts_at_a_column(lines: &[&str], from: usize, to: usize) -> bool {
    let Some(row) = lines.get(to) else {
        return false;
    };
    [Measure::Chars, Measure::Display]
        .into_iter()
        .any(|measure| {
            let starts: Vec<usize> = pieces(row, measure).iter().map(|p| p.start).collect();
            lines[from..to].iter().all(|line| {
                is_indented_row(line)
                    && pieces(line, measure)
                        .first()
                        .is_some_and(|p| starts.contains(&p.start))
            })
        })
}

/// Whether two of the lines have a piece after their first starting at the same position
/// (linear: each line's starts are counted once).
fn shares_a_column(rows: &[&str], measure: Measure) -> bool {
    let mut lines_at: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for row in rows {
        let mut starts: Vec<usize> = pieces(row, measure)
            .iter()
            .skip(1)
            .map(|p| p.start)
            .collect();
        starts.dedup();
        for start in starts {
            let n = lines_at.entry(start).or_default();
            *n += 1;
            if *n >= 2 {
                return true;
            }
        }
    }
    false
}

/// A line of two pieces or more that may be a row of a table without figures (no sentence,
/// title, unit line or other table syntax).
fn multi_piece(line: &str) -> Option<()> {
    is_cell_row(line).then_some(())
}

/// A line of two cells or more, the first of them no sentence (a form's label beside a sentence
/// is a row; a sentence with wide spaces in it is not), and no title, unit line or other table
/// syntax.
fn is_cell_row(line: &str) -> bool {
    if !line.contains("  ") || ends_table(line) {
        return false;
    }
    let pieces = pieces(line, Measure::Chars);
    pieces.len() >= 2 && !pieces[0].text.contains(['。', '；', '，'])
}

/// The end (exclusive) of the body that starts with the data line `first`: data lines and the
/// lines between them (rows without figures, wrapped labels, blank lines left by empty or tall
/// rows), up to the last data line before a title, a unit line, a page break, another table
/// syntax, or more than [`MAX_GAP`] lines of text without figures.
fn region_end(lines: &[&str], data: &[bool], first: usize) -> usize {
    let mut last_data = first;
    let mut gap = 0;
    let mut trailing = true;
    for (j, line) in lines.iter().enumerate().skip(first + 1) {
        if data[j] {
            last_data = j;
            gap = 0;
            trailing = true;
            continue;
        }
        if ends_table(line) {
            break;
        }
        // Rows whose first cells are blank (figures under blank labels, the right half of a
        // side-by-side table) end the table with it, up to a blank line.
        if trailing && (is_indented_row(line) || is_cell_row(line)) {
            last_data = j;
            continue;
        }
        trailing = false;
        // Cells under the right half of a side-by-side table (the left half ran out) are rows
        // of the table however many there are; text at the margin is not.
        if !line.trim().is_empty() && !is_indented_row(line) && !is_cell_row(line) {
            gap += 1;
            if gap > MAX_GAP {
                break;
            }
        }
    }
    last_data + 1
}

/// A line of cells that does not begin at the margin and holds no sentence.
fn is_indented_row(line: &str) -> bool {
    line.trim_start_matches('\u{c}').starts_with("  ")
        && !line.trim().is_empty()
        && !line.contains(['。', '；'])
}

/// Lines of text (not blank) that may separate two data lines of one table.
const MAX_GAP: usize = 16;

/// A line no table runs through: a title, a unit line, a page break, another table syntax.
fn ends_table(line: &str) -> bool {
    if is_other_syntax(line) || is_unit_line(line) || line.starts_with('\u{c}') {
        return true;
    }
    let t = line.trim();
    t.starts_with('#') || (t.ends_with('表') && !t.contains("  "))
}

/// The first header line above the data line `first`: lines of two pieces or more (or one
/// piece between such lines), no blank line, no unit line.
fn header_start(lines: &[&str], first: usize) -> usize {
    let mut start = first;
    let mut j = first;
    while j > 0 && first - j < MAX_HEADER_LINES {
        let line = lines[j - 1];
        if line.trim().is_empty() || is_other_syntax(line) || is_unit_line(line) {
            break;
        }
        let n = line_pieces(line).len();
        let sandwiched =
            n == 1 && j >= 2 && line_pieces(lines[j - 2]).len() >= 2 && !is_unit_line(lines[j - 2]);
        // A row with a blank first cell (a table going on from the page before).
        let indented = n == 1 && is_indented_row(line) && !ends_table(line);
        if n >= 2 || sandwiched || indented {
            j -= 1;
            start = j;
        } else {
            break;
        }
        if lines[j].starts_with('\u{c}') {
            break;
        }
    }
    start
}

// ---- columns -------------------------------------------------------------------------------

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

/// The region's lines as tab-separated rows, or `None` when they do not form a table.
fn rewrite(lines: &[&str], header_lines: usize) -> Option<Vec<String>> {
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
    rows: Vec<String>,
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
    let spans = column_spans(&data_columns, &pieces);
    if spans.len() < 2 || spans.len() > MAX_COLUMNS {
        return None;
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut breaks: Vec<bool> = Vec::new();
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
            if let Some(last) = rows.last_mut() {
                if continues_label(last, &cells) {
                    join_cells(last, &cells);
                    continue;
                }
            }
        }
        rows.push(cells);
        breaks.push(line.contains('\u{c}'));
        previous_was_row = true;
    }
    let text = rows
        .iter()
        .zip(breaks)
        .map(|(cells, page)| {
            let line = cells.join("\t");
            if page {
                format!("\u{c}{line}")
            } else {
                line
            }
        })
        .collect();
    Some(Layout {
        slack: slack(&data_spans(&data), &data),
        aligned: aligned(&pieces),
        rows: text,
    })
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
    let mut cells = vec![String::new(); spans.len()];
    for p in pieces {
        let Some(j) = column_of(spans, p, merged) else {
            continue;
        };
        if !cells[j].is_empty() {
            cells[j].push(' ');
        }
        cells[j].push_str(&p.text);
    }
    cells
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
        || crate::cells::is_total_label(text);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_without_aligned_tables_is_borrowed() {
        let text = "部门收入总表\n单位：万元\n项目\t合计\n合计\t1.00\n说明  两个空格但不是表\n";
        assert!(matches!(align_tables(text), Cow::Borrowed(_)));
    }

    #[test]
    fn pdftotext_layout_table() {
        let text = "\
                    部门收入总表
                                                    单位：万元

科目编码      科目名称                 合计     一般公共预算       上年结转
          合计               8,763.47     8,000.00    763.47
208       社会保障和就业支出        1,234.56     1,000.00    234.56
20805     行政事业单位养老支出          34.56        34.56
2080505   机关事业单位基本养老保险缴费支出 12.00           12.00
注：本表为示例。
";
        let out = align_tables(text);
        let expected = "\
                    部门收入总表
                                                    单位：万元

科目编码\t科目名称\t合计\t一般公共预算\t上年结转
\t合计\t8,763.47\t8,000.00\t763.47
208\t社会保障和就业支出\t1,234.56\t1,000.00\t234.56
20805\t行政事业单位养老支出\t34.56\t34.56\t
2080505\t机关事业单位基本养老保险缴费支出\t12.00\t12.00\t
注：本表为示例。
";
        assert_eq!(out, expected);
    }

    #[test]
    fn wrapped_labels_and_spanning_headers() {
        let text = "\
科目          合计        基本支出
                      人员经费    公用经费
合计          30.00       10.00       20.00
一般公共服务  10.00       10.00
支出
教育支出      20.00                   20.00
";
        let expected = "\
科目\t合计\t基本支出\t
\t\t人员经费\t公用经费
合计\t30.00\t10.00\t20.00
一般公共服务支出\t10.00\t10.00\t
教育支出\t20.00\t\t20.00
";
        assert_eq!(align_tables(text), expected);
    }

    #[test]
    fn tables_without_figures_and_rows_under_a_blank_first_cell() {
        let text = "\
目录

报表  报表名称            是否空表  公开空表理由
表1   部门收支总表        否
表9   政府性基金收支表    是        不涉及

收入                  支出
项目          金额    项目                金额
一、本年收入  10.00   一、一般公共服务
                      二、教育             10.00
合计          10.00   合计                 10.00
                      结转下年
";
        let expected = "\
目录

报表\t报表名称\t是否空表\t公开空表理由
表1\t部门收支总表\t否\t
表9\t政府性基金收支表\t是\t不涉及

收入\t\t支出\t
项目\t金额\t项目\t金额
一、本年收入\t10.00\t一、一般公共服务\t
\t\t二、教育\t10.00
合计\t10.00\t合计\t10.00
\t\t结转下年\t
";
        assert_eq!(align_tables(text), expected);
    }

    #[test]
    fn label_rows_between_the_rows_of_a_form() {
        // 年度绩效目标 and its text are rows of the form, each alone on its line; the text reaches
        // over the columns of the rows below without making a column of its own.
        let text = "\
项目名称      医疗保险事业发展经费
项目资金      年度资金总额          535.93
              其中：财政拨款        270
年度绩效目标
目标1：推进各项试点工作的开展，目标2：保障系统平稳运行
一级指标      二级指标      三级指标      指标值
产出指标      数量指标      培训次数      ≥2次
              质量指标      验收合格率    ≥95%
";
        let expected = "\
项目名称\t医疗保险事业发展经费\t
项目资金\t年度资金总额\t535.93
\t其中：财政拨款\t270
年度绩效目标\t\t\t
目标1：推进各项试点工作的开展，目标2：保障系统平稳运行\t\t\t
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t培训次数\t≥2次
\t质量指标\t验收合格率\t≥95%
";
        assert_eq!(align_tables(text), expected);
    }

    #[test]
    fn label_rows_inside_a_form_and_from_the_page_before() {
        // A label alone on its row between two rows of a form; on the next page the form goes on
        // with rows whose first cells are blank, their text where the third column starts.
        let text = "\
部门名称      某某局
年度履职目标
年度主要任务  任务名称  主要内容

部门整体绩效目标表

            管理制度健全性
            预决算信息公开性
      绩效管理  绩效目标编制完成率
            绩效监控完成率
      产出指标  重点工作任务完成
效益指标  履职效益
";
        let expected = "\
部门名称\t某某局\t
年度履职目标\t\t
年度主要任务\t任务名称\t主要内容

部门整体绩效目标表

\t\t管理制度健全性
\t\t预决算信息公开性
\t绩效管理\t绩效目标编制完成率
\t\t绩效监控完成率
\t产出指标\t重点工作任务完成
效益指标\t履职效益\t
";
        assert_eq!(align_tables(text), expected);
    }

    #[test]
    fn text_around_a_form_is_no_label_row() {
        // A centred subtitle above a form (not where a column starts) and a note below it (no
        // row follows) stay text.
        let text = "\
        （2024年度）
部门名称  某某局
年度目标  完成各项工作
说明：以上为示例。
";
        let expected = "\
        （2024年度）
部门名称\t某某局
年度目标\t完成各项工作
说明：以上为示例。
";
        assert_eq!(align_tables(text), expected);
    }

    #[test]
    fn display_width_padding() {
        // Padded for a terminal: CJK characters count two columns.
        let text = "\
项目                  金额
一般公共服务支出    100.00
教育            2,000.00
";
        assert_eq!(
            align_tables(text),
            "项目\t金额\n一般公共服务支出\t100.00\n教育\t2,000.00\n"
        );
    }
}
