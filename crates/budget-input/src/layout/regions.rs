//! Where the space-aligned tables of a text are: runs of lines with figures in columns, their
//! header lines above, and the tables that hold no figure.

use super::pieces::{is_data, is_other_syntax, is_unit_line, line_pieces, pieces, Measure};

/// The fewest data lines that make a table without a header.
const MIN_DATA_LINES: usize = 2;

/// How many header lines above the first data line are read.
const MAX_HEADER_LINES: usize = 6;

/// A table: its lines `start..end`, the lines from `first_data` on its body, those before its
/// header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Region {
    pub(super) start: usize,
    pub(super) first_data: usize,
    pub(super) end: usize,
}

/// The tables of the text's lines, in order.
pub(super) fn find_regions(lines: &[&str]) -> Vec<Region> {
    let data: Vec<bool> = lines
        .iter()
        .map(|l| {
            l.contains("  ")
                && !budget_model::is_page_number(l)
                && !budget_model::is_table_number(l)
                && !is_title(l)
                && is_data(&line_pieces(l))
        })
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
        let mut start = header_start(lines, i).max(previous_end);
        if data_lines == 1 && start == i {
            start = header_across_blanks(lines, i).max(previous_end);
        }
        if start == i && is_double_spaced(lines, &data, i) {
            start = double_spaced_header(lines, i).max(previous_end);
        }
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
    pieces.len() >= 2
        && pieces
            .first()
            .is_some_and(|p| !p.text.contains(SENTENCE_ENDS) && !p.text.contains(CLAUSE_MARK))
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
        if ends_table(line) || starts_wrapped_title(line, lines.get(j + 1)) {
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

/// A line of cells that does not begin at the margin and holds no sentence (nor, alone on its
/// line, the clause of one: an indented paragraph wrapped mid-sentence is prose, not cells; a
/// form's cell may hold a clause beside another cell).
fn is_indented_row(line: &str) -> bool {
    let clause_alone = line.contains(CLAUSE_MARK) && pieces(line, Measure::Chars).len() == 1;
    line.trim_start_matches('\u{c}').starts_with("  ")
        && !line.trim().is_empty()
        && !line.contains(SENTENCE_ENDS)
        && !clause_alone
}

/// Punctuation that ends a sentence, which the cells of a table do not hold.
const SENTENCE_ENDS: [char; 2] = ['。', '；'];

/// The mark between the clauses of a sentence.
const CLAUSE_MARK: char = '，';

/// Lines of text (not blank) that may separate two data lines of one table.
const MAX_GAP: usize = 16;

/// A line no table runs through: a title, a unit line, a page break, another table syntax.
fn ends_table(line: &str) -> bool {
    if is_other_syntax(line) || is_unit_line(line) || line.starts_with('\u{c}') {
        return true;
    }
    line.trim().starts_with('#') || is_title(line)
}

/// A title: one piece of text ending with 表. A year in it (`2017 年政府采购预算表`) is no
/// figure of a table.
fn is_title(line: &str) -> bool {
    let t = line.trim();
    t.ends_with('表') && !t.contains("  ")
}

/// Blank lines that may part a tall header from the one line of figures under it.
const MAX_BLANKS_UNDER_HEADER: usize = 4;

/// The first header line of a table of one line of figures (`first`) that blank lines part
/// from its header (a 三公 table: a header of four or five lines, blank lines, one row of
/// amounts); `first` when no header stands above the blank lines.
fn header_across_blanks(lines: &[&str], first: usize) -> usize {
    let blanks = lines[..first]
        .iter()
        .rev()
        .take_while(|l| l.trim().is_empty() && !l.starts_with('\u{c}'))
        .count();
    if blanks == 0 || blanks > MAX_BLANKS_UNDER_HEADER {
        return first;
    }
    let above = first - blanks;
    let start = header_start(lines, above);
    let tall = above - start >= 2;
    if tall {
        start
    } else {
        first
    }
}

/// Whether the rows from the data line `first` on are printed a blank line apart: the first
/// [`DOUBLE_SPACED_ROWS`] of them each one line of figures, a blank line between two.
fn is_double_spaced(lines: &[&str], data: &[bool], first: usize) -> bool {
    (0..DOUBLE_SPACED_ROWS).all(|k| {
        let row = first + 2 * k;
        let blank_before = k == 0 || lines.get(row - 1).is_some_and(|l| l.trim().is_empty());
        blank_before && data.get(row).copied().unwrap_or(false)
    })
}

/// How many rows printed a blank line apart show a table is double-spaced.
const DOUBLE_SPACED_ROWS: usize = 3;

/// The first header line above the data line `first` of a table printed a blank line apart:
/// its header levels are too, each one line alone, one blank line above each (`收   入`, a
/// blank line, `项   目   2026 年预算数 …`, a blank line, the rows). Two levels or three make
/// such a header; one line over a blank may be anything, more are a list (a 目录).
fn double_spaced_header(lines: &[&str], first: usize) -> usize {
    let mut start = first;
    let mut levels = 0;
    while start >= 2 && levels <= *DOUBLE_SPACED_LEVELS.end() {
        let blank = lines[start - 1];
        if !blank.trim().is_empty() || blank.starts_with('\u{c}') {
            break;
        }
        let above = start - 1;
        let line = lines[above - 1];
        if header_start(lines, above) + 1 != above || ends_table(line) {
            break;
        }
        start = above - 1;
        levels += 1;
    }
    if DOUBLE_SPACED_LEVELS.contains(&levels) {
        start
    } else {
        first
    }
}

/// How many header levels printed a blank line apart make a double-spaced header.
const DOUBLE_SPACED_LEVELS: std::ops::RangeInclusive<usize> = 2..=3;

/// The most characters of a title's end wrapped onto a line of its own (`表`, `算表`).
const MAX_WRAPPED_TITLE_END: usize = 6;

/// Whether a line starts a title wrapped over two lines (`“三公”经费、会议费、培训费支出预算` /
/// `表`): one piece of text, and a short line after it that ends it with 表.
fn starts_wrapped_title(line: &str, next: Option<&&str>) -> bool {
    let Some(next) = next else {
        return false;
    };
    let (t, end) = (line.trim(), next.trim());
    !t.is_empty()
        && !t.contains("  ")
        && !t.ends_with('表')
        && !end.contains("  ")
        && end.ends_with('表')
        && end.chars().count() <= MAX_WRAPPED_TITLE_END
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
