//! Words with their boxes → lines of text and tables of rows × columns, from the page's geometry
//! alone (pure: no I/O).
//!
//! * **Lines** are bands of word centres (not tops: CJK and digit boxes of one row differ in
//!   height). Words of one line that touch are one word cut by extraction (`154,023` `.82`);
//!   words far apart are different cells ([`Segment`]), and an amount is a cell of its own
//!   even touching a label (`31,214,205.80` `一、一般公共服务支出`) or another amount whose
//!   glyphs were measured wider than printed (`161,603.34147,502.38`). A header word spelled
//!   across its cell (`收      入`, `合   计`) is one word.
//! * **Tables** are runs of lines of two cells or more (a header detached from its rows by a
//!   blank line included); a table going on at the top of the next page is read with the same
//!   columns.
//! * **Columns** come from the rows that hold amounts: right-aligned amounts of one column
//!   overlap, labels left of them overlap; a header cell goes to the column it stands over (or
//!   the amounts it is centred on), a header over several columns is a group label printed in
//!   the first of them, a header over no data makes a column of its own (a column empty on
//!   every row keeps its place).
//! * **Rows**: a line without amounts close under a row (a label wrapped inside its cell)
//!   joins that row, and so do the parts of figures wrapped inside their cells (`370,219.2`
//!   over the row, `5` under it); each header line is a row, the parser joins the levels. A
//!   group label a line above its columns is centred on the widest run of them whose headers
//!   stand at one height. Header lines packed as close as the lines of a wrapped cell are one
//!   level, unless the first and last of them stand two lines apart: a band of group labels,
//!   a band of cells spanning both levels centred under it, and the band of the columns'
//!   headers, each touching the next. Rows without figures at a page's end or top belong to
//!   the table that goes on across the break.

use std::collections::HashMap;
use std::ops::Range;

use budget_model::{glued_amounts, is_amount, is_page_number, is_total_label, LETTER_SPACED_WORDS};

use super::words::Word;
use crate::table::{dates_a_number, is_wide, join_wrapped};

/// Words whose centres are this close (× their height) are on one line: the cells of one row
/// of lists printed side by side may sit a little higher or lower than each other.
const BAND: f64 = 0.5;
/// Words closer than this (× line height) touch: one word cut in two by extraction.
const GLUE: f64 = 0.15;
/// Words this far apart (× line height) are in different columns, never in one sentence.
const COLUMN_GAP: f64 = 2.0;
/// Words this far apart (× line height) are in different cells.
const CELL_GAP: f64 = 0.6;
/// An amount and a label this far apart (× line height) are different cells.
const SPACE_GAP: f64 = 0.3;
/// Lines of one table are at most this far apart (× line height): a blank line between header
/// and rows keeps them together, a paragraph does not.
const TABLE_GAP: f64 = 20.0;
/// A header centred on a group of columns is within this distance (× line height) of its centre.
const CENTRE_SLACK: f64 = 1.0;
/// Words this far apart (× line height) in a line printed as text are two pieces of a
/// space-aligned table (two spaces or more); closer ones are one space apart.
const SPACED_GAP: f64 = 0.6;
/// Header lines closer than this (× line height) are one line of cells wrapped.
const WRAPPED: f64 = 0.35;
/// The first and last of header lines packed as one level this far apart (centres, × line
/// height) are two levels, the lines between them cells spanning both: the lines of a cell
/// wrapped inside it are about one line apart.
const STACKED: f64 = 1.7;
/// Vertical space between two lines of text is a blank line per this many line heights, as
/// `pdftotext -layout` prints it (a paragraph or a list ends at one) ...
const BLANK: f64 = 1.3;
/// ... up to this many.
const MAX_BLANKS: f64 = 4.0;
/// The farthest column a word of a line printed as text is moved to (a page a few metres
/// wide is drawn at a scale, not hostile; the text limit bounds the rest).
const MAX_COLUMN: f64 = 20_000.0;
/// Right edges of figures this close (× line height) are one column.
const ALIGNED: f64 = 0.3;
/// Letters of one word printed spaced out across its cell are at most this far apart (× line
/// height).
const LETTER_SPACING: f64 = 1.5;
/// A group's label over the headers of its columns is at most this far above them (× line
/// height: less than a blank line) and this long.
const GROUP_LABEL_GAP: f64 = 1.0;
const MAX_GROUP_LABEL_CHARS: usize = 12;
/// The widest group of columns a group header is looked for over.
const MAX_GROUP: usize = 12;

/// What a page shows, top to bottom, as the parser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A line of narrative (or a title, a unit line, a banner inside a table).
    Text(String),
    /// Vertical space between lines of text.
    Blank,
    /// A table row, one cell per column of its table.
    Row(Vec<String>),
}

/// A run of words of one line close enough to be one cell.
#[derive(Debug, Clone)]
struct Segment {
    x0: f64,
    x1: f64,
    text: String,
    numeric: bool,
}

impl Segment {
    fn overlap(&self, c: &Column) -> f64 {
        self.x1.min(c.x1) - self.x0.max(c.x0)
    }

    /// The first column it overlaps.
    fn overlap_any(&self, columns: &[Column]) -> Option<usize> {
        columns.iter().position(|c| self.overlap(c) > 0.0)
    }

    fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

#[derive(Debug, Clone)]
struct Line {
    words: Vec<Word>,
    segments: Vec<Segment>,
    y0: f64,
    y1: f64,
    h: f64,
    /// A running head or foot (the document's name printed on every page): page furniture.
    running: bool,
}

impl Line {
    fn text(&self) -> String {
        let words: Vec<&str> = self.words.iter().map(|w| w.text.as_str()).collect();
        words.join(" ")
    }

    fn is_numeric(&self) -> bool {
        self.segments.iter().any(|s| s.numeric)
    }

    /// Figures only: a line of figures wrapped around a row is [`join_wrapped_figures`]'s.
    fn is_numeric_only(&self) -> bool {
        self.segments.iter().all(|s| s.numeric)
    }

    /// A line of cells: two or more, and not a unit line, a page number or a sentence.
    fn is_cells(&self) -> bool {
        self.segments.len() >= 2 && !self.is_edge() && !ends_run(self)
    }

    /// Whether two of its words stand a column apart: a table row whose text cell holds a
    /// sentence (a project's description), not a line of running text.
    fn has_column_gap(&self) -> bool {
        self.words
            .windows(2)
            .any(|w| w[1].x0 - w[0].x1 >= COLUMN_GAP * self.h)
    }

    /// The right edges of its figures (right-aligned amounts of one column share them).
    fn figure_ends(&self) -> impl Iterator<Item = f64> + '_ {
        self.segments.iter().filter(|s| s.numeric).map(|s| s.x1)
    }

    /// Text as `pdftotext -layout` prints it: words far apart separated by spaces up to their
    /// position from the page's `left` edge (half a line height a column), so that a table this reader is not sure of is
    /// still read by the space-aligned layout stage.
    fn spaced_text(&self, left: f64) -> String {
        let unit = (self.h / 2.0).max(0.5);
        let mut out = String::new();
        let mut width = 0usize;
        let mut end: Option<f64> = None;
        for w in &self.words {
            let column = ((w.x0 - left) / unit).round().clamp(0.0, MAX_COLUMN) as usize;
            let pad = match end {
                None => column,
                Some(x1) if w.x0 - x1 >= SPACED_GAP * self.h => column.saturating_sub(width).max(2),
                Some(_) => 1,
            };
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(&w.text);
            width += pad
                + w.text
                    .chars()
                    .map(|c| if is_wide(c) { 2 } else { 1 })
                    .sum::<usize>();
            end = Some(w.x1);
        }
        out
    }

    /// A page number or a running head: on the page, not in the document's text flow.
    fn is_furniture(&self) -> bool {
        self.running || is_page_number(&self.text())
    }

    /// A unit line (`部门：… 单位：万元`) or a page number: text around a table, never a row.
    fn is_edge(&self) -> bool {
        let text = self.text();
        self.running || text.contains("单位：") || text.contains("单位:") || is_page_number(&text)
    }

    /// The line numbering the columns (栏次 `1 2 3 …`, centred in their cells, not aligned
    /// with the amounts under them).
    fn numbers_columns(&self) -> bool {
        let numbers: Vec<u32> = self
            .segments
            .iter()
            .filter(|s| s.numeric)
            .map_while(|s| s.text.trim().parse().ok())
            .collect();
        let all = self.segments.iter().filter(|s| s.numeric).count();
        numbers.len() == all && all >= 2 && numbers.windows(2).all(|w| w[1] == w[0] + 1)
    }

    /// A line of one figure alone (`0`): a page number under the text, but inside a table
    /// the end of an amount wrapped in its cell.
    fn is_bare_number(&self) -> bool {
        self.segments.len() == 1 && self.segments.iter().all(|s| s.numeric)
    }

    /// A line of figures only that overlaps the line `other` vertically: an amount wrapped
    /// in its cell (`106,512.0` over `0`, printed around its row's middle).
    fn wraps_figures_of(&self, other: &Line) -> bool {
        self.segments.iter().all(|s| s.numeric) && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// The first line of a table's body: it holds an amount or names the total.
    /// A row of figures, or a total's row without them (an empty table): a total's word
    /// among header words (`总 计` `预算拨款` …) heads a column.
    fn starts_body(&self) -> bool {
        let totals_only = self
            .segments
            .iter()
            .all(|s| s.numeric || is_total_label(&s.text));
        let total_first = self
            .segments
            .first()
            .is_some_and(|s| is_total_label(&s.text));
        self.is_numeric() || (total_first && totals_only)
    }
}

/// Whether a cell's text is a figure (amount, percentage, code) rather than a label.
fn is_numeric(text: &str) -> bool {
    let text = text.trim();
    is_amount(text) || text.strip_suffix('%').is_some_and(is_amount)
}

/// A piece of a sentence (`…万元，较上年减少…`), not a cell of a table.
fn is_sentence(s: &Segment) -> bool {
    let chars: Vec<char> = s.text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| match c {
        '。' | '，' | '；' => true,
        ',' | ';' => {
            !(i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        }
        _ => false,
    })
}

/// Reads every page into items; a table continued on the next page keeps its columns.
pub fn read(pages: &[Vec<Word>]) -> Vec<Vec<Item>> {
    let mut lines: Vec<Vec<Line>> = pages.iter().map(|p| lines_of(p)).collect();
    mark_running_lines(&mut lines);
    let mut regions: Vec<Vec<Range<usize>>> = lines.iter().map(|l| regions_of(l)).collect();
    add_lone_rows(&lines, &mut regions);
    let tables = chain(&lines, &regions);
    let mut parts: Vec<Vec<(Range<usize>, Vec<Item>)>> = vec![Vec::new(); pages.len()];
    for table in &tables {
        for (page, range, items) in read_table(&lines, table) {
            if let Some(p) = parts.get_mut(page) {
                p.push((range, items));
            }
        }
    }
    lines
        .iter()
        .zip(parts)
        .map(|(page, tables)| page_items(page, tables))
        .collect()
}

// ---- lines ---------------------------------------------------------------------------------

/// The fewest pages a running head is printed on ...
const MIN_RUNNING_PAGES: usize = 3;
/// ... and the least share of the pages (one in this many).
const RUNNING_SHARE: usize = 3;

/// Marks the running heads and feet: the first or last line of a page (page numbers aside)
/// whose words, digits aside, are the first or last line of many pages
/// (`苏州市自然资源和规划局 2026 年度单位预算公开`). Between the pages of a table such a line is
/// furniture: neither a row of the table nor a heading that ends it. A table's title or a
/// line of amounts is never one, even when a long table repeats it page after page.
fn mark_running_lines(pages: &mut [Vec<Line>]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = page_ends(page)
            .filter_map(|i| running_key(&page[i]))
            .collect();
        keys.dedup();
        for key in keys {
            *seen.entry(key).or_default() += 1;
        }
    }
    let count = pages.len();
    let enough = |n: usize| n >= MIN_RUNNING_PAGES && n * RUNNING_SHARE >= count;
    for page in pages.iter_mut() {
        let ends: Vec<usize> = page_ends(page).collect();
        for i in ends {
            let running =
                running_key(&page[i]).is_some_and(|k| seen.get(&k).is_some_and(|n| enough(*n)));
            page[i].running = running;
        }
    }
}

/// The first and last line of a page, page numbers aside.
fn page_ends(page: &[Line]) -> impl Iterator<Item = usize> + '_ {
    let text_lines = || (0..page.len()).filter(|&i| !is_page_number(&page[i].text()));
    let first = text_lines().next();
    let last = text_lines().next_back();
    first.into_iter().chain(last.filter(|l| Some(*l) != first))
}

/// What a running line is known by: its words without digits or spaces; none for a title or a
/// line with an amount other than a year.
fn running_key(line: &Line) -> Option<String> {
    let text = line.text();
    let amount = line
        .segments
        .iter()
        .any(|s| s.numeric && !is_year(s.text.trim()));
    if amount || is_title(&text) {
        return None;
    }
    let key: String = text
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect();
    (key.chars().count() >= 2).then_some(key)
}

/// A bare year (`2026`).
fn is_year(text: &str) -> bool {
    text.len() == 4 && text.starts_with("20") && text.chars().all(|c| c.is_ascii_digit())
}

/// Bands of word centres, each sorted left to right, touching words glued.
fn lines_of(words: &[Word]) -> Vec<Line> {
    let mut sorted: Vec<&Word> = words.iter().collect();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()));
    let mut bands: Vec<(f64, f64, Vec<Word>)> = Vec::new();
    for w in sorted {
        match bands.last_mut() {
            Some((cy, h, band)) if (w.cy() - *cy).abs() <= BAND * h.min(w.height()).max(1.0) => {
                band.push(w.clone())
            }
            _ => bands.push((w.cy(), w.height(), vec![w.clone()])),
        }
    }
    bands.into_iter().map(|(_, _, band)| line(band)).collect()
}

fn line(mut words: Vec<Word>) -> Line {
    words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    let mut heights: Vec<f64> = words.iter().map(Word::height).collect();
    heights.sort_by(f64::total_cmp);
    // The smallest box: glyph boxes only grow from the text's height (a bracket or a digit
    // drawn with its font's whole height), never shrink below it.
    let h = heights.first().copied().unwrap_or(1.0).max(1.0);
    let words = split_glued_amounts(glue(words, h));
    let segments = segments(&words, h);
    // The line's extent from its typical word: one odd box (a bracket drawn two lines tall)
    // must not make it touch the lines around it.
    let mut centres: Vec<f64> = words.iter().map(Word::cy).collect();
    centres.sort_by(f64::total_cmp);
    let cy = centres.get(centres.len() / 2).copied().unwrap_or(0.0);
    let (y0, y1) = (cy - h / 2.0, cy + h / 2.0);
    Line {
        words,
        segments,
        y0,
        y1,
        h,
        running: false,
    }
}

/// Joins words that touch (`154,023` `.82`, `(` `一)…`), unless a figure meets a label.
fn glue(words: Vec<Word>, h: f64) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for w in words {
        match out.last_mut() {
            Some(last) if w.x0 - last.x1 < GLUE * h && !figure_meets_label(&last.text, &w.text) => {
                last.text.push_str(&w.text);
                last.x1 = last.x1.max(w.x1);
                last.y0 = last.y0.min(w.y0);
                last.y1 = last.y1.max(w.y1);
            }
            _ => out.push(w),
        }
    }
    out
}

/// Cuts a word of amounts printed against each other (`161,603.34147,502.38`, boxes measured
/// wider than printed) into one word per amount, each with its share of the box.
fn split_glued_amounts(words: Vec<Word>) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let Some(pieces) = glued_amounts(&w.text) else {
            out.push(w);
            continue;
        };
        // The boxes were measured wider than printed, so the amounts did not touch on the
        // page: half a character's width of each share is given back between two of them.
        let per_char = (w.x1 - w.x0) / w.text.len() as f64;
        let last = pieces.len() - 1;
        let mut x = w.x0;
        for (i, piece) in pieces.into_iter().enumerate() {
            let x1 = x + per_char * piece.len() as f64;
            let inner = |edge: bool| if edge { 0.0 } else { per_char / 2.0 };
            out.push(Word::new(
                x + inner(i == 0),
                w.y0,
                x1 - inner(i == last),
                w.y1,
                piece,
            ));
            x = x1;
        }
    }
    out
}

/// A figure touching a label (`154,023.82` `(一)一般公共服务支出`, `2026` `年`): two cells or
/// two words, never one; decimals cut off a figure (`.82`) are no label.
fn figure_meets_label(left: &str, right: &str) -> bool {
    let (Some(a), Some(b)) = (left.chars().last(), right.chars().next()) else {
        return false;
    };
    let digits_and_wide = (a.is_ascii_digit() && is_wide(b)) || (is_wide(a) && b.is_ascii_digit());
    let decimals = b == '.' && is_numeric(left);
    digits_and_wide || (!decimals && is_numeric(left) != is_numeric(right))
}

fn segments(words: &[Word], h: f64) -> Vec<Segment> {
    let mut out: Vec<(Segment, Vec<(&str, bool)>)> = Vec::new();
    for w in words {
        let numeric = is_numeric(&w.text);
        // However far apart: a word spelled across its cell (`收      入` over both columns of
        // its side) has nothing printed between its characters, and is read without spaces.
        let spelled = out.last().is_some_and(|(_, parts)| {
            parts.len() == 1 && parts.last().is_some_and(|p| is_spaced_word(p.0, &w.text))
        });
        let apart = match out.last() {
            Some((s, parts)) => {
                let gap = w.x0 - s.x1;
                let one_word = spelled
                    || parts
                        .last()
                        .is_some_and(|p| split_decimals(p.0, &w.text) || is_phrase(p.0, &w.text));
                let next_figure = numeric && s.numeric && has_decimals(parts);
                !one_word
                    && (gap >= CELL_GAP * h
                        || (gap >= 0.0 && (numeric != s.numeric || next_figure)))
            }
            None => true,
        };
        match out.last_mut() {
            Some((s, parts)) if !apart => {
                parts.push((&w.text, !spelled && w.x0 - s.x1 >= SPACE_GAP * h));
                s.x1 = s.x1.max(w.x1);
                s.numeric = s.numeric && numeric;
            }
            _ => out.push((
                Segment {
                    x0: w.x0,
                    x1: w.x1,
                    text: String::new(),
                    numeric,
                },
                vec![(w.text.as_str(), false)],
            )),
        }
    }
    out.into_iter()
        .map(|(mut s, parts)| {
            s.text = join_words(&parts);
            s.numeric = is_numeric(&s.text);
            s
        })
        .collect()
}

/// Whether the words so far end with an amount's decimals (`52,333.24`): a figure after it
/// starts the next cell, however close (boxes measured wider than printed).
fn has_decimals(parts: &[(&str, bool)]) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    match parts {
        [.., (before, _), (last, _)] if before.ends_with('.') && digits(last) => true,
        [.., (last, _)] => last.rsplit_once('.').is_some_and(|(_, d)| digits(d)),
        [] => false,
    }
}

/// `809.` then `97`: an amount whose decimals are printed apart.
fn split_decimals(left: &str, right: &str) -> bool {
    left.ends_with('.')
        && left.len() > 1
        && left
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && !right.is_empty()
        && right.bytes().all(|b| b.is_ascii_digit())
}

/// `合` then `计`: a word of a table's header or total printed letter-spaced across its cell
/// (合计, 项目, 收入 …).
fn is_spaced_word(left: &str, right: &str) -> bool {
    let word = format!("{left}{right}");
    left.chars().count() == 1 && LETTER_SPACED_WORDS.contains(&word.as_str())
}

/// `2026` then `年预算数`, `表` then `1`: a year and the words it dates, a table's number,
/// never an amount beside a label.
fn is_phrase(left: &str, right: &str) -> bool {
    let dated = is_year(left) && dates_a_number(right);
    let numbered = left.ends_with(TABLE_WORD)
        && right.len() <= MAX_TABLE_NUMBER
        && right.starts_with(|c: char| c.is_ascii_digit());
    dated || numbered
}

/// `表 1`, `附表 3-1`: the word a table's number follows, and the longest such number.
const TABLE_WORD: char = '表';
const MAX_TABLE_NUMBER: usize = 5;

/// Words of one cell, each with whether a visible space precedes it: CJK next to CJK without
/// a space unless one is printed, others with one.
fn join_words(parts: &[(&str, bool)]) -> String {
    let mut out = String::new();
    for (part, spaced) in parts {
        let glue = match (out.chars().last(), part.chars().next()) {
            (Some(a), Some(b)) if is_wide(a) && is_wide(b) && !spaced => "",
            (Some(_), _) => " ",
            _ => "",
        };
        out.push_str(glue);
        out.push_str(part);
    }
    out
}

// ---- tables --------------------------------------------------------------------------------

/// The runs of lines of one page that are tables: two lines of cells or more, single lines
/// between them (a wrapped label, a row with one cell) and a total row under them.
fn regions_of(lines: &[Line]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None; // first, last line of cells, count
    for (i, line) in lines.iter().enumerate() {
        // The end of figures wrapped inside their cells (`370,219.2` over `5`), printed so close
        // under their row that the lines touch: part of the run, however short (`5 6` is no
        // page number).
        let wrapped = i > 0 && !line.running && line.wraps_figures_of(&lines[i - 1]);
        if wrapped && run.is_some() {
            run = run.map(|(first, _, n)| (first, i, n));
        } else if line.is_cells() {
            run = match run {
                Some((first, _, n)) if near(&lines[i - 1], line) => Some((first, i, n + 1)),
                other => {
                    close(lines, other, &mut out);
                    Some((i, i, 1))
                }
            };
        } else if (line.is_edge() && !line.is_bare_number())
            || ends_run(line)
            || run.is_some_and(|_| !near(&lines[i - 1], line))
        {
            close(lines, run.take(), &mut out);
        }
    }
    close(lines, run, &mut out);
    out
}

/// Whether the figures of a run of lines stand in columns: two lines sharing the right edges
/// of two figures, or three lines sharing one. Figures scattered through text do not.
fn aligned(lines: &[Line]) -> bool {
    let numeric: Vec<&Line> = lines.iter().filter(|l| l.is_numeric()).collect();
    // Every figure's right edge with its line, by x: the edges near one are found by a
    // binary search, not by comparing every pair of lines (a page may hold 10⁶ figures).
    let mut ends: Vec<(f64, usize)> = numeric
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.figure_ends().map(move |x| (x, i)))
        .collect();
    ends.sort_by(|a, b| a.0.total_cmp(&b.0));
    let widest = numeric.iter().map(|l| l.h).fold(0.0, f64::max);
    numeric.iter().enumerate().any(|(i, a)| {
        // Per other line, how many of this line's figures share its right edge with one of it.
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for x in a.figure_ends() {
            let from = ends.partition_point(|e| e.0 < x - ALIGNED * widest);
            let mut matched: Vec<usize> = ends[from..]
                .iter()
                .take_while(|e| e.0 <= x + ALIGNED * widest)
                .filter(|&&(y, j)| j != i && (x - y).abs() <= ALIGNED * a.h.max(numeric[j].h))
                .map(|&(_, j)| j)
                .collect();
            matched.sort_unstable();
            matched.dedup();
            for j in matched {
                *shared.entry(j).or_default() += 1;
            }
            if shared.values().any(|n| *n >= 2) || shared.len() >= 2 {
                return true;
            }
        }
        false
    })
}

/// The fewest figures a lone row must hold to be a table's row under its header.
const MIN_LONE_ROW_FIGURES: usize = 3;

/// A table of one row under its header (a 三公 table: 合计 and its items, a tall header over
/// one line of figures): header lines of words only, then the one line of figures.
fn headed_lone_row(lines: &[Line]) -> bool {
    let Some((row, header)) = lines.split_last() else {
        return false;
    };
    let figures = row.segments.iter().filter(|s| s.numeric).count();
    !header.is_empty() && !header.iter().any(Line::is_numeric) && figures >= MIN_LONE_ROW_FIGURES
}

/// A sentence or a table's title between lines of cells ends the table above it.
fn ends_run(line: &Line) -> bool {
    let sentence = line.segments.iter().any(is_sentence) && !line.has_column_gap();
    sentence || is_title(&line.text())
}

/// The longest a title line is, in characters.
const MAX_TITLE_CHARS: usize = 60;

/// A table's title (`…支出总表`): a short line ending in 表. (Which kind of table it names is
/// the parser's business; here it only ends the table above.)
fn is_title(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('表') && t.chars().count() <= MAX_TITLE_CHARS
}

fn near(above: &Line, below: &Line) -> bool {
    below.y0 - above.y1 <= TABLE_GAP * above.h.max(below.h)
}

fn close(lines: &[Line], run: Option<(usize, usize, usize)>, out: &mut Vec<Range<usize>>) {
    let Some((first, last, n)) = run else { return };
    let run = &lines[first..=last];
    if n < 2 || !(aligned(run) || headed_lone_row(run)) {
        return;
    }
    // A header cell wrapped onto a line above the others (`专项业务经费支` over `出`), or a
    // group's label a line above its columns' headers (`基本支出` over `小计 人员经费 …`).
    let mut first = first;
    while let Some(above) = first.checked_sub(1).and_then(|i| lines.get(i)) {
        let gap = lines[first].y0 - above.y1;
        let label = above.segments.iter().all(|s| !s.numeric)
            && above.text().chars().count() <= MAX_GROUP_LABEL_CHARS;
        let wrapped = gap < WRAPPED * above.h || (label && gap < GROUP_LABEL_GAP * above.h);
        if !wrapped || above.is_edge() || ends_run(above) || above.segments.len() != 1 {
            break;
        }
        first -= 1;
    }
    let first = rows_from_page_top(lines, first, last);
    let mut end = last + 1;
    // A total row with nothing printed in it (an empty table) still belongs to the table.
    if let Some(next) = lines.get(end) {
        let total = next.segments.len() == 1 && is_total_label(&next.text());
        if total && near(&lines[last], next) {
            end += 1;
        }
    }
    let end = rows_to_page_end(lines, first, end);
    out.push(first..end);
}

/// Where a run starting at `first` starts when the lines above it, up to the page's top, are
/// rows without figures of a table going on from the page before (`二十二、灾害防治…支出`).
fn rows_from_page_top(lines: &[Line], first: usize, last: usize) -> usize {
    let top = lines[..first].iter().position(|l| !l.is_furniture());
    match top {
        Some(top) if bare_rows(&lines[top..first], &lines[first..=last]) => top,
        _ => first,
    }
}

/// Where a run ending before `end` ends when the lines below it, down to the page's end, are
/// rows without figures of a table going on to the next page (`十、节能环保支出` …).
fn rows_to_page_end(lines: &[Line], first: usize, end: usize) -> usize {
    let bottom = lines
        .iter()
        .rposition(|l| !l.is_furniture())
        .map_or(end, |b| b + 1);
    let below = lines.get(end..bottom).unwrap_or_default();
    if bottom > end && bare_rows(below, &lines[first..end]) {
        bottom
    } else {
        end
    }
}

/// Whether `rows` are all rows without figures of the table `run` (page furniture aside): each
/// a single label starting where one of the run's labels starts.
fn bare_rows(rows: &[Line], run: &[Line]) -> bool {
    let starts: Vec<f64> = run
        .iter()
        .flat_map(|l| l.segments.iter().filter(|s| !s.numeric))
        .map(|s| s.x0)
        .collect();
    let row = |l: &Line| {
        let label = l.segments.len() == 1 && !l.is_numeric() && !l.is_edge() && !ends_run(l);
        let x0 = l.segments.first().map_or(f64::NAN, |s| s.x0);
        label && starts.iter().any(|x| (x - x0).abs() <= ALIGNED * l.h)
    };
    !rows.is_empty() && rows.iter().all(|l| l.is_furniture() || row(l))
}

/// One table: its parts, page by page.
type Table = Vec<(usize, Range<usize>)>;

/// Groups regions into tables: a region at the top of a page continues the table that ended
/// the page before when nothing but page furniture (a running head, a page number) lies
/// between them.
fn chain(lines: &[Vec<Line>], regions: &[Vec<Range<usize>>]) -> Vec<Table> {
    let mut tables: Vec<Table> = Vec::new();
    for (page, page_regions) in regions.iter().enumerate() {
        for (k, region) in page_regions.iter().enumerate() {
            let goes_on = k == 0 && page > 0 && continues(lines, regions, page, region);
            match tables.last_mut() {
                Some(t) if goes_on => t.push((page, region.clone())),
                _ => tables.push(vec![(page, region.clone())]),
            }
        }
    }
    tables
}

/// A table's last row carried over alone to the next page: one line of cells with figures at
/// the top of a page (furniture aside), right after a table that ended the page before. Too
/// short to show columns of its own, it is a region all the same, to be read with the
/// columns of the table it continues.
fn add_lone_rows(lines: &[Vec<Line>], regions: &mut [Vec<Range<usize>>]) {
    for page in 1..lines.len() {
        let Some(top) = lines[page].iter().position(|l| !l.is_furniture()) else {
            continue;
        };
        let line = &lines[page][top];
        let taken = regions[page].first().is_some_and(|r| r.start <= top);
        if taken || !line.is_cells() || !line.is_numeric() {
            continue;
        }
        let lone = top..top + 1;
        if continues(lines, regions, page, &lone) {
            regions[page].insert(0, lone);
        }
    }
}

fn continues(
    lines: &[Vec<Line>],
    regions: &[Vec<Range<usize>>],
    page: usize,
    region: &Range<usize>,
) -> bool {
    let Some(before) = page.checked_sub(1) else {
        return false;
    };
    let Some(last) = regions.get(before).and_then(|r| r.last()) else {
        return false;
    };
    let after_last = lines[before].get(last.end..).unwrap_or_default();
    let above = lines[page].get(..region.start).unwrap_or_default();
    // The lines over the part before (`表1`, its title, its unit), printed again over this one.
    let previous_start = regions[before]
        .iter()
        .rev()
        .nth(1)
        .map_or(0, |r| r.end)
        .max(last.start.saturating_sub(MAX_REPEATED_LINES));
    let over_previous = lines[before]
        .get(previous_start..last.start)
        .unwrap_or_default();
    let repeated = |l: &Line| over_previous.iter().any(|p| p.text() == l.text());
    let new: Vec<&Line> = above
        .iter()
        .filter(|l| !l.is_furniture() && !repeated(l))
        .collect();
    let heading = |l: &&Line| l.is_edge() || is_title(&l.text());
    after_last.iter().all(Line::is_furniture) && new.len() <= 1 && !new.iter().any(heading)
}

/// The most lines over a part of a table that the next part may print again.
const MAX_REPEATED_LINES: usize = 6;

/// A column: the x-extent of its cells' text.
#[derive(Debug, Clone)]
struct Column {
    x0: f64,
    x1: f64,
    numeric: bool,
    /// Made from rows of data, not from a header alone.
    data: bool,
}

/// The items of each part of a table: its page, its lines there and its items.
type Parts = Vec<(usize, Range<usize>, Vec<Item>)>;

fn read_table(lines: &[Vec<Line>], table: &Table) -> Parts {
    let parts: Vec<(usize, &[Line], Range<usize>)> = table
        .iter()
        .filter_map(|(page, r)| Some((*page, lines.get(*page)?.get(r.clone())?, r.clone())))
        .collect();
    // Each part's rows, not the header a continuation prints again: a header cell is placed
    // over the columns of data, it makes none.
    let all: Vec<&Line> = parts.iter().flat_map(|(_, l, _)| body_of(l)).collect();
    let joint = columns_of(&all);
    let separate: Vec<Vec<Column>> = parts
        .iter()
        .map(|(_, l, _)| columns_of(&l.iter().collect::<Vec<_>>()))
        .collect();
    // Pages whose columns do not line up (the joint reading has more columns than any page) are
    // read each with its own.
    let widest = separate.iter().map(Vec::len).max().unwrap_or(0);
    let shared = joint.len() == widest;
    parts
        .iter()
        .zip(separate)
        .map(|((page, part, range), own)| {
            let columns = if shared { joint.clone() } else { own };
            (*page, range.clone(), table_items(part, columns))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .scan(
            None,
            |first: &mut Option<Vec<Column>>, (page, range, (items, columns))| {
                let items = match first {
                    None => {
                        *first = Some(columns);
                        items
                    }
                    Some(kept) => keep_columns(items, &columns, kept, line_height(lines, page)),
                };
                Some((page, range, items))
            },
        )
        .collect()
}

/// The typical line height of a page.
fn line_height(lines: &[Vec<Line>], page: usize) -> f64 {
    let mut heights: Vec<f64> = lines.get(page).into_iter().flatten().map(|l| l.h).collect();
    heights.sort_by(f64::total_cmp);
    heights.get(heights.len() / 2).copied().unwrap_or(1.0)
}

/// The rows of a later page of a table, read with that page's own columns, put under the
/// columns of its first page: a page whose columns sit elsewhere (shifted, a column that is
/// empty on this page) must not move an amount to another column by its index. Figures go by
/// their right edges, labels by their left edges, both after the shift that lines most of
/// them up; when the page's columns do not line up one to one, it keeps its own.
fn keep_columns(items: Vec<Item>, own: &[Column], first: &[Column], h: f64) -> Vec<Item> {
    if own.len() == first.len() {
        return items;
    }
    let Some(map) = column_map(own, first, h) else {
        return items;
    };
    items
        .into_iter()
        .map(|item| match item {
            Item::Row(cells) => {
                let mut out = vec![String::new(); first.len()];
                for (cell, to) in cells.into_iter().zip(&map) {
                    if let Some(slot) = out.get_mut(*to) {
                        *slot = join_wrapped(&[std::mem::take(slot), cell]);
                    }
                }
                Item::Row(out)
            }
            other => other,
        })
        .collect()
}

/// Where each of `own` columns goes among `first`'s (see [`keep_columns`]); none unless every
/// column finds one of its kind, each a different one, in order.
fn column_map(own: &[Column], first: &[Column], h: f64) -> Option<Vec<usize>> {
    let edge = |c: &Column| if c.numeric { c.x1 } else { c.x0 };
    let shifts = own.iter().filter(|a| a.data).flat_map(|a| {
        first
            .iter()
            .filter(move |b| b.numeric == a.numeric)
            .map(move |b| edge(b) - edge(a))
    });
    let tol = ALIGNED * h * 2.0;
    let mut best: Option<(usize, f64, Vec<usize>)> = None;
    for shift in shifts {
        let map: Vec<Option<usize>> = own
            .iter()
            .map(|a| {
                if !a.data {
                    return under_header(a, first, shift);
                }
                if !a.numeric {
                    if let Some(j) = label_under(a, first, shift) {
                        return Some(j);
                    }
                }
                first
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.numeric == a.numeric)
                    .map(|(j, b)| (j, (edge(b) - edge(a) - shift).abs()))
                    .filter(|(_, d)| *d <= tol)
                    .min_by(|x, y| x.1.total_cmp(&y.1))
                    .map(|(j, _)| j)
                    .or_else(|| headed_only(a, first, shift))
            })
            .collect();
        let Some(map) = map.into_iter().collect::<Option<Vec<usize>>>() else {
            continue;
        };
        // Two headers may stand over one column, and two columns of labels (a total centred in
        // the cell where the items are printed from its left); columns of figures never share.
        let in_order = map.windows(2).zip(own.windows(2)).all(|(m, c)| {
            let figures = c[0].data && c[1].data && (c[0].numeric || c[1].numeric);
            m[0] < m[1] || (m[0] == m[1] && !figures)
        });
        if !in_order {
            continue;
        }
        let matched = map.len();
        let better = best
            .as_ref()
            .is_none_or(|(n, d, _)| matched > *n || (matched == *n && shift.abs() < d.abs()));
        if better {
            best = Some((matched, shift, map));
        }
    }
    best.map(|(_, _, map)| map)
}

/// The column of labels of `first` that a column of labels starts in after `shift`, else the
/// one it overlaps most: labels of one cell printed at other places (items from its left,
/// totals centred), and labels printed across two columns of labels (a long name running into
/// the next column: its cell is the one it starts in).
fn label_under(labels: &Column, first: &[Column], shift: f64) -> Option<usize> {
    let is_labels = |j: usize| !first[j].numeric && first[j].data;
    let x0 = labels.x0 + shift;
    let starts_in =
        (0..first.len()).find(|&j| is_labels(j) && first[j].x0 <= x0 && x0 < first[j].x1);
    starts_in.or_else(|| {
        overlaps(labels, first, shift)
            .filter(|&(j, overlap)| overlap > 0.0 && is_labels(j))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(j, _)| j)
    })
}

/// The column of `first` made by a header alone that a column of figures stands under after
/// `shift` (项目支出, empty on the first page, has figures on this one): the one it overlaps
/// most.
fn headed_only(figures: &Column, first: &[Column], shift: f64) -> Option<usize> {
    overlaps(figures, first, shift)
        .filter(|&(j, overlap)| overlap > 0.0 && !first[j].data)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(j, _)| j)
}

/// Each column of `first` with how much `column`, moved by `shift`, overlaps it (negative for
/// the distance between two columns apart).
fn overlaps<'a>(
    column: &Column,
    first: &'a [Column],
    shift: f64,
) -> impl Iterator<Item = (usize, f64)> + 'a {
    let (x0, x1) = (column.x0 + shift, column.x1 + shift);
    first
        .iter()
        .enumerate()
        .map(move |(j, b)| (j, x1.min(b.x1) - x0.max(b.x0)))
}

/// The column of `first` that a column made by a header alone (`项目` over the side of a
/// two-sided table that has no rows on this page) stands over, after `shift`: the one it
/// overlaps most, of either kind, else the nearest.
fn under_header(header: &Column, first: &[Column], shift: f64) -> Option<usize> {
    overlaps(header, first, shift)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(j, _)| j)
}

/// The columns of the rows that hold figures (or of every line of cells, when none does).
/// The lines of a part of a table from its first row on (all of them when it has none).
fn body_of(lines: &[Line]) -> &[Line] {
    let first = lines.iter().position(Line::starts_body).unwrap_or(0);
    &lines[first..]
}

fn columns_of(lines: &[&Line]) -> Vec<Column> {
    let body: Vec<&Line> = match lines.iter().position(|l| l.starts_body()) {
        Some(first) => lines[first..].to_vec(),
        None => lines.to_vec(),
    };
    let cells: Vec<&Segment> = body
        .iter()
        .filter(|l| l.segments.len() >= 2 && !l.numbers_columns())
        .flat_map(|l| l.segments.iter())
        .collect();
    let figures = extents(cells.iter().filter(|s| s.numeric).copied(), true);
    let labels = extents(
        cells
            .iter()
            .filter(|s| !s.numeric && !figures.iter().any(|c| s.overlap(c) > 0.0))
            .copied(),
        false,
    );
    let mut columns = [figures, labels].concat();
    columns.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    columns
}

/// Overlapping extents merged into columns.
fn extents<'a>(cells: impl Iterator<Item = &'a Segment>, numeric: bool) -> Vec<Column> {
    let mut spans: Vec<(f64, f64)> = cells.map(|s| (s.x0, s.x1)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out: Vec<Column> = Vec::new();
    for (x0, x1) in spans {
        match out.last_mut() {
            Some(c) if x0 < c.x1 => c.x1 = c.x1.max(x1),
            _ => out.push(Column {
                x0,
                x1,
                numeric,
                data: true,
            }),
        }
    }
    out
}

/// Where a header cell goes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Place {
    /// The header of one column.
    Column(usize),
    /// A label over several columns, printed in the first.
    Group(usize),
}

/// The items of one page's part of a table, and the columns they stand in (those given, and
/// those its header adds).
fn table_items(lines: &[Line], mut columns: Vec<Column>) -> (Vec<Item>, Vec<Column>) {
    let first_body = lines.iter().position(Line::starts_body);
    let Some(first_body) = first_body else {
        let items = lines.iter().map(|l| plain_row(l, &columns)).collect();
        return (items, columns);
    };
    let (header, body) = lines.split_at(first_body);
    let header: Vec<Line> = header.iter().map(|l| split_names(l, &columns)).collect();
    let header = header.as_slice();
    number_columns(body, &mut columns);
    let places = place_header(header, &mut columns);
    if std::env::var("GEO_DEBUG").is_ok() {
        eprintln!(
            "{:?}",
            columns
                .iter()
                .map(|c| (c.x0 as i64, c.x1 as i64, c.numeric, c.data))
                .collect::<Vec<_>>()
        );
    }
    let mut items = header_items(header, &places, columns.len());
    items.extend(body_items(body, &columns));
    (items, columns)
}

/// A header line with its cells cut where two names stand a space apart, one over a column of
/// data and the other over none (`公务用车购置` `公务用车运行`: the headers of two columns printed
/// closer than cells usually are, the first over a column no row fills): each name is then
/// placed over its own column. Names placed over one column join again there.
fn split_names(line: &Line, columns: &[Column]) -> Line {
    let gap = SPACE_GAP * line.h;
    let over_data = |w: &Word| {
        columns
            .iter()
            .any(|c| c.data && w.x1.min(c.x1) > w.x0.max(c.x0))
    };
    let mut segments = Vec::with_capacity(line.segments.len());
    for s in &line.segments {
        let words: Vec<&Word> = line
            .words
            .iter()
            .filter(|w| w.x0 >= s.x0 - gap && w.x1 <= s.x1 + gap)
            .collect();
        let mut start = 0;
        for k in 1..words.len() {
            let (a, b) = (words[k - 1], words[k]);
            let one_over_data = over_data(a) != over_data(b);
            if b.x0 - a.x1 >= gap && is_name(&a.text) && is_name(&b.text) && one_over_data {
                segments.push(segment_of(&words[start..k], gap));
                start = k;
            }
        }
        if start == 0 {
            segments.push(s.clone());
        } else {
            segments.push(segment_of(&words[start..], gap));
        }
    }
    Line {
        segments,
        ..line.clone()
    }
}

/// A word of [`MIN_NAME_CHARS`] CJK ideographs or more, nothing else: a name, never a figure, a
/// mark, a letter-spaced character or a piece of a name wrapped in a narrow cell (`附属单`).
fn is_name(text: &str) -> bool {
    text.chars().count() >= MIN_NAME_CHARS && text.chars().all(budget_model::is_ideograph)
}

/// The fewest characters of a name that [`split_names`] cuts at.
const MIN_NAME_CHARS: usize = 4;

/// One cell of `words` (at least one), spaced where they stand `gap` apart or more.
fn segment_of(words: &[&Word], gap: f64) -> Segment {
    let parts: Vec<(&str, bool)> = words
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let spaced = k > 0 && w.x0 - words[k - 1].x1 >= gap;
            (w.text.as_str(), spaced)
        })
        .collect();
    let text = join_words(&parts);
    Segment {
        x0: words.first().map_or(0.0, |w| w.x0),
        x1: words.iter().map(|w| w.x1).fold(f64::MIN, f64::max),
        numeric: is_numeric(&text),
        text,
    }
}

/// Columns numbered (栏次 `1 2 3 …`) where no data stands: a number beside another one's
/// column, or right of every column, is a column empty on every row.
fn number_columns(body: &[Line], columns: &mut Vec<Column>) {
    for line in body.iter().filter(|l| l.numbers_columns()) {
        let mut taken: Vec<(f64, f64)> = Vec::new();
        for s in line.segments.iter().filter(|s| s.numeric) {
            let j = column_of(s, columns);
            let beyond = columns.last().is_none_or(|c| s.x0 > c.x1);
            let shared = columns
                .get(j)
                .is_some_and(|c| taken.iter().any(|(x0, x1)| *x0 < c.x1 && c.x0 < *x1))
                && s.overlap_any(columns).is_none();
            if beyond || shared {
                let at = columns.partition_point(|c| c.x0 < s.x0);
                let column = Column {
                    x0: s.x0,
                    x1: s.x1,
                    numeric: false,
                    data: false,
                };
                columns.insert(at, column);
            } else if let Some(c) = columns.get(j) {
                taken.push((c.x0, c.x1));
            }
        }
    }
}

/// A line of a table without figures anywhere (an empty table, a list): one row as it lies.
fn plain_row(line: &Line, columns: &[Column]) -> Item {
    let mut cells = vec![Vec::new(); columns.len().max(1)];
    for s in &line.segments {
        let j = column_of(s, columns).min(cells.len() - 1);
        cells[j].push(s.text.clone());
    }
    Item::Row(cells.iter().map(|c| join_wrapped(c)).collect())
}

/// Places every header cell, adding a column for a header over no data.
fn place_header(header: &[Line], columns: &mut Vec<Column>) -> Vec<Vec<Place>> {
    let mut places: Vec<Vec<Option<Place>>> = header
        .iter()
        .map(|l| {
            l.segments
                .iter()
                .map(|s| direct_place(s, columns, l.h))
                .collect()
        })
        .collect();
    group_labels(header, columns, &mut places);
    // Headers over no data, nearest the rows first.
    for (i, line) in header.iter().enumerate().rev() {
        for (k, s) in line.segments.iter().enumerate() {
            if places[i][k].is_none() {
                if let Some(j) = spelled_on(line, k, &places[i], columns) {
                    places[i][k] = Some(Place::Column(j));
                    continue;
                }
                let below = headed_below(header, &places, columns.len(), i);
                let under: Vec<(&Segment, Place)> = header
                    .iter()
                    .zip(&places)
                    .skip(i + 1)
                    .flat_map(|(l, p)| l.segments.iter().zip(p.iter().copied()))
                    .filter_map(|(u, p)| Some((u, p?)))
                    .collect();
                let headed_here = headed_from(&places, columns.len(), i);
                let place = indirect_place(
                    s,
                    columns,
                    line.h,
                    &below,
                    &headed_here,
                    &under,
                    &mut places,
                );
                places[i][k] = Some(place);
            }
        }
    }
    places
        .into_iter()
        .map(|l| l.into_iter().flatten().collect())
        .collect()
}

/// The column a header cell stands over, or the first of the columns it spans.
fn direct_place(s: &Segment, columns: &[Column], h: f64) -> Option<Place> {
    let over: Vec<(usize, f64)> = columns
        .iter()
        .enumerate()
        .map(|(j, c)| (j, s.overlap(c)))
        .filter(|(_, o)| *o > 0.0)
        .collect();
    let wide: Vec<usize> = over
        .iter()
        .filter(|(_, o)| *o >= 0.5 * h)
        .map(|(j, _)| *j)
        .collect();
    if wide.len() >= 2 {
        return Some(Place::Group(wide[0]));
    }
    over.iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(j, _)| Place::Column(*j))
}

/// Per column, whether a header line below line `i` (and none at or above it) heads it: the
/// columns a group label on line `i` may stand over.
fn headed_below(
    header: &[Line],
    places: &[Vec<Option<Place>>],
    width: usize,
    i: usize,
) -> Vec<bool> {
    let mut below = vec![false; width];
    let mut above = vec![false; width];
    for (n, line_places) in places.iter().enumerate().take(header.len()) {
        for place in line_places.iter().flatten() {
            if let Place::Column(j) = place {
                let side = if n > i { &mut below } else { &mut above };
                if let Some(b) = side.get_mut(*j) {
                    *b = true;
                }
            }
        }
    }
    below.iter().zip(above).map(|(b, a)| *b && !a).collect()
}

/// Per column, whether a header on line `i` or below stands over it.
fn headed_from(places: &[Vec<Option<Place>>], width: usize, i: usize) -> Vec<bool> {
    let mut headed = vec![false; width];
    for place in places.iter().skip(i).flatten().flatten() {
        if let Place::Column(j) = place {
            if let Some(h) = headed.get_mut(*j) {
                *h = true;
            }
        }
    }
    headed
}

/// The place of the header cell printed under `s` that it overlaps most (`财政` over
/// `政府性基金预算拨款收入`, printed from its cell's left edge).
fn over_header(s: &Segment, under: &[(&Segment, Place)]) -> Option<Place> {
    under
        .iter()
        .map(|(u, place)| (u.x1.min(s.x1) - u.x0.max(s.x0), *place))
        .filter(|(o, _)| *o > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, place)| place)
}

/// A header over no data: a group label centred on several columns headed below it, the
/// header of the right-aligned figures on its right that have none, the column of the header
/// printed under it, or a column of its own.
fn indirect_place(
    s: &Segment,
    columns: &mut Vec<Column>,
    h: f64,
    below: &[bool],
    headed_here: &[bool],
    under: &[(&Segment, Place)],
    places: &mut [Vec<Option<Place>>],
) -> Place {
    // A column of its own made by a header line below (`事业单位` over `经营支出`).
    if let Some(j) = columns.iter().position(|c| s.overlap(c) > 0.0) {
        return Place::Column(j);
    }
    if let Some(first) = centred_group(s, columns, h, below) {
        return Place::Group(first);
    }
    if let Some(j) = columns.iter().position(|c| c.x1 > s.x1) {
        let c = &columns[j];
        // Nearer those figures than the column on its left: a header over an empty column
        // further left is not theirs.
        let left_gap = j
            .checked_sub(1)
            .and_then(|k| columns.get(k))
            .map_or(f64::INFINITY, |l| s.x0 - l.x1);
        let nearest = c.x0 - s.x1 < left_gap;
        if c.numeric && !headed_here.get(j).copied().unwrap_or(true) && s.cx() < c.x1 && nearest {
            return Place::Column(j);
        }
    }
    if let Some(place) = over_header(s, under) {
        return place;
    }
    if let Some(j) = unheaded_labels(s, columns, places) {
        return Place::Column(j);
    }
    let j = columns.partition_point(|c| c.x0 < s.x0);
    columns.insert(
        j,
        Column {
            x0: s.x0,
            x1: s.x1,
            numeric: false,
            data: false,
        },
    );
    for place in places.iter_mut().flatten().flatten() {
        match place {
            Place::Column(k) | Place::Group(k) if *k >= j => *k += 1,
            _ => {}
        }
    }
    Place::Column(j)
}

/// The label column of the header cell `k` of a line when it goes on a word printed
/// letter-spaced (`科 目 名 称`): one or two wide characters a character's width or so after
/// others that head a column of labels.
fn spelled_on(
    line: &Line,
    k: usize,
    places: &[Option<Place>],
    columns: &[Column],
) -> Option<usize> {
    let (prev, s) = (line.segments.get(k.checked_sub(1)?)?, line.segments.get(k)?);
    // Single characters, or pairs of them already read as one spaced word (`科 目`).
    let single = |t: &str| t.chars().count() <= 2 && t.chars().all(is_wide);
    let spaced = s.x0 - prev.x1 <= LETTER_SPACING * line.h;
    let Some(Some(Place::Column(j))) = places.get(k - 1) else {
        return None;
    };
    let labels = columns.get(*j).is_some_and(|c| !c.numeric);
    (single(&prev.text) && single(&s.text) && spaced && labels).then_some(*j)
}

/// The column of labels a header over no data is the header of: labels printed from the left
/// of a wide cell, their header centred in it, nearer them than the figures on its right, and
/// no other header over them.
fn unheaded_labels(
    s: &Segment,
    columns: &[Column],
    places: &[Vec<Option<Place>>],
) -> Option<usize> {
    let j = columns.iter().rposition(|c| c.x1 <= s.x0)?;
    let (labels, figures) = (columns.get(j)?, columns.get(j + 1)?);
    let kinds = labels.data && !labels.numeric && figures.data && figures.numeric;
    let nearer = s.x0 - labels.x1 < figures.x0 - s.x1;
    let headed = places
        .iter()
        .flatten()
        .any(|p| *p == Some(Place::Column(j)));
    (kinds && nearer && !headed).then_some(j)
}

/// A label a level above the headers of its columns, centred on them, is their group's label
/// even printed inside the extent of one of them (`基本支出` over `小计 人员经费 日常公用支出`,
/// narrower than the middle column). Its group is the widest run of columns headed below it
/// that it is centred on, whose headers stand at one height (a column beside the group has its
/// header centred on the whole header's height, higher than the group's: 合计 beside 基本支出)
/// and that stays on its side of its neighbours on the line (see [`line_groups`]). Columns
/// made by a header alone count (`上年结转结余` over empty columns). Lines packed as one level
/// (a header wrapped in its cell) are not groups. Lower lines first: a group nested in another
/// (`小计` under `公务用车购置及运行维护费`) is no column header of the outer one.
fn group_labels(header: &[Line], columns: &[Column], places: &mut [Vec<Option<Place>>]) {
    let starts = level_starts(header);
    for i in (0..header.len()).rev() {
        // The last line, or one packed as one level with the next (a header wrapped in its
        // cell), heads no group.
        if starts.get(i + 1) != Some(&true) {
            continue;
        }
        let line = &header[i];
        let below = headed_from(places, columns.len(), i + 1);
        let cells = cell_extents(&header[i + 1..], &places[i + 1..], columns);
        let heights = header_heights(&header[i + 1..], &places[i + 1..], &cells);
        let level = |(a, b): &(usize, usize)| one_height(&heights[*a..=*b], line.h);
        let runs: Vec<Vec<(usize, usize)>> = line
            .segments
            .iter()
            .enumerate()
            .map(|(k, s)| match places[i].get(k) {
                Some(Some(Place::Column(j) | Place::Group(j))) if below.get(*j) == Some(&true) => {
                    centred_groups(s, &cells, line.h, &below, true)
                        .filter(level)
                        .collect()
                }
                _ => Vec::new(),
            })
            .collect();
        for (k, group) in line_groups(line, &runs, &cells).into_iter().enumerate() {
            if let Some((first, _)) = group {
                places[i][k] = Some(Place::Group(first));
            }
        }
    }
}

/// Of the runs each label of a line is centred on, the group of each: the widest that reaches
/// neither the centre of another label of the line heading one column nor the narrowest run of
/// another group label (a grid of equal columns centres every symmetric run on each label:
/// `小计` and `公务用车购置费` side by side, three columns each; groups of unequal width,
/// `本年收入` over eight columns beside `上年结转结余` over six).
fn line_groups(
    line: &Line,
    runs: &[Vec<(usize, usize)>],
    cells: &[Column],
) -> Vec<Option<(usize, usize)>> {
    let segments = &line.segments;
    let narrowest = |m: usize| runs[m].iter().copied().min_by_key(|(a, b)| (b - a, *a));
    let clear = |k: usize, (a, b): (usize, usize)| {
        let (x0, x1) = (cells[a].x0, cells[b].x1);
        (0..segments.len())
            .filter(|m| *m != k)
            .all(|m| match narrowest(m) {
                Some((c, d)) => d < a || b < c,
                None => !(x0..=x1).contains(&segments[m].cx()),
            })
    };
    (0..segments.len())
        .map(|k| {
            runs[k]
                .iter()
                .copied()
                .filter(|run| clear(k, *run))
                .max_by_key(|(a, b)| (b - a, std::cmp::Reverse(*a)))
        })
        .collect()
}

/// The columns as wide as their cells: each widened to the header text placed in it below,
/// and as far on the other side of that header's centre as the column reaches on one side
/// (figures are right-aligned in their cells, labels left-aligned, the headers over them
/// centred: `小计` centred in its cell left of the figures under it).
fn cell_extents(lines: &[Line], places: &[Vec<Option<Place>>], columns: &[Column]) -> Vec<Column> {
    let mut headers: Vec<Option<(f64, f64)>> = vec![None; columns.len()];
    for (line, line_places) in lines.iter().zip(places) {
        for (s, place) in line.segments.iter().zip(line_places) {
            if let Some(Place::Column(j)) = place {
                if let Some(span) = headers.get_mut(*j) {
                    let (x0, x1) = span.unwrap_or((s.x0, s.x1));
                    *span = Some((x0.min(s.x0), x1.max(s.x1)));
                }
            }
        }
    }
    let mut cells = columns.to_vec();
    for (c, header) in cells.iter_mut().zip(headers) {
        let Some((h0, h1)) = header else { continue };
        let centre = (h0 + h1) / 2.0;
        let (x0, x1) = (c.x0.min(h0), c.x1.max(h1));
        c.x0 = x0.min(2.0 * centre - x1);
        c.x1 = x1.max(2.0 * centre - x0);
    }
    cells
}

/// Per column, the middle height of the header text in it: placed there, or not placed yet
/// and printed inside its cell (`算` under `一般公共预`, left of the figures under them).
fn header_heights(
    lines: &[Line],
    places: &[Vec<Option<Place>>],
    cells: &[Column],
) -> Vec<Option<f64>> {
    let mut spans: Vec<Option<(f64, f64)>> = vec![None; cells.len()];
    for (line, line_places) in lines.iter().zip(places) {
        for (s, place) in line.segments.iter().zip(line_places) {
            let j = match place {
                Some(Place::Column(j)) => Some(*j),
                Some(Place::Group(_)) => None,
                None => cells.iter().position(|c| c.x0 <= s.x0 && s.x1 <= c.x1),
            };
            if let Some(span) = j.and_then(|j| spans.get_mut(j)) {
                let (top, bottom) = span.unwrap_or((line.y0, line.y1));
                *span = Some((top.min(line.y0), bottom.max(line.y1)));
            }
        }
    }
    spans
        .into_iter()
        .map(|s| s.map(|(top, bottom)| (top + bottom) / 2.0))
        .collect()
}

/// Whether the headers of a run of columns stand at one height (within half a line).
fn one_height(heights: &[Option<f64>], h: f64) -> bool {
    let known: Vec<f64> = heights.iter().flatten().copied().collect();
    let (low, high) = known
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, u), y| {
            (l.min(*y), u.max(*y))
        });
    known.is_empty() || high - low <= h / 2.0
}

fn centred_group(s: &Segment, columns: &[Column], h: f64, below: &[bool]) -> Option<usize> {
    centred_groups(s, columns, h, below, false)
        .max_by_key(|(i, j)| (j - i, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// The groups of columns (first, last) headed below that a header is centred on.
/// Only columns of data end a group unless `header_made`: a column made by a header has no
/// data to centre a group on, only its header's extent.
fn centred_groups<'a>(
    s: &'a Segment,
    columns: &'a [Column],
    h: f64,
    below: &'a [bool],
    header_made: bool,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    (0..columns.len()).flat_map(move |i| {
        (i + 1..columns.len().min(i + MAX_GROUP)).filter_map(move |j| {
            let headed = |k: usize| below.get(k).copied().unwrap_or(false);
            let spanned = (i..=j).all(|k| headed(k) || !columns[k].data);
            let ends = |k: usize| columns[k].data || (header_made && headed(k));
            if !ends(i) || !ends(j) || !spanned {
                return None;
            }
            let centre = (columns[i].x0 + columns[j].x1) / 2.0;
            let inside = columns[i].x0 <= s.x0 && s.x1 <= columns[j].x1;
            let centred = inside && (centre - s.cx()).abs() <= CENTRE_SLACK * h;
            centred.then_some((i, j))
        })
    })
}

/// One row per level of the header, each cell in its column, and above it a row of the level's
/// group labels, each in the first column it spans (as a merged cell is printed), so the
/// parser reads the levels. Header lines
/// packed closer than a row's spacing (a header wrapped inside its cell, cells of one row
/// centred on two or three lines) are one level, their texts joined per column, unless they
/// stand two levels apart (see [`level_starts`]).
fn header_items(header: &[Line], places: &[Vec<Place>], width: usize) -> Vec<Item> {
    let mut items = Vec::new();
    let mut groups: Vec<Vec<String>> = vec![Vec::new(); width];
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); width];
    let starts = level_starts(header);
    for ((line, line_places), starts_level) in header.iter().zip(places).zip(starts) {
        if starts_level {
            push_level(&mut items, &mut groups, &mut cells);
        }
        for (s, place) in line.segments.iter().zip(line_places) {
            let cell = match place {
                Place::Group(j) => groups.get_mut(*j),
                Place::Column(j) => cells.get_mut(*j),
            };
            if let Some(cell) = cell {
                cell.push(s.text.clone());
            }
        }
    }
    push_level(&mut items, &mut groups, &mut cells);
    items
}

/// Per header line, whether it starts a level of the header. Lines packed closer than a row's
/// spacing are one level (a header wrapped inside its cell, cells of one row centred on two or
/// three lines), unless the first and last of them stand two lines apart with nothing between
/// them in their columns: then the first is a level of its own (`基本支出` over `小计 人员经费
/// 公用经费`, with `合计` and `项目支出` centred between, spanning both, each line touching
/// the next), the lines of a wrapped cell being about one line apart.
fn level_starts(header: &[Line]) -> Vec<bool> {
    let mut starts = vec![true; header.len()];
    let mut first = 0;
    while first < header.len() {
        let mut last = first;
        while header
            .get(last + 1)
            .is_some_and(|next| touches(&header[last], next))
        {
            last += 1;
            starts[last] = false;
        }
        let mut top = first;
        while top + 1 < last && stacked(&header[top..=last]) {
            top += 1;
            starts[top] = true;
        }
        first = last + 1;
    }
    starts
}

/// Whether a header line is packed so close under another that both are one level.
fn touches(above: &Line, below: &Line) -> bool {
    below.y0 - above.y1 < WRAPPED * above.h.min(below.h)
}

/// Whether the first and last of lines packed as one level are two levels, the lines between
/// them cells spanning both: two lines apart, no cell between them in their columns, and the
/// last line no rest of cells wrapped from the first (`采购品目大` over `类`, printed inside
/// the extent of the line above it).
fn stacked(lines: &[Line]) -> bool {
    let [top, between @ .., bottom] = lines else {
        return false;
    };
    let h = top.h.min(bottom.h);
    let centre = |l: &Line| (l.y0 + l.y1) / 2.0;
    let apart = centre(bottom) - centre(top) >= STACKED * h;
    let overlaps = |a: &Segment, b: &Segment| a.x0 < b.x1 && b.x0 < a.x1;
    let shared = between.iter().flat_map(|l| &l.segments).any(|s| {
        [top, bottom]
            .iter()
            .flat_map(|l| &l.segments)
            .any(|t| overlaps(s, t))
    });
    // The rest of a cell's text is no wider than its first line, centred or left-aligned
    // under it.
    let inside =
        |s: &Segment, t: &Segment| t.x0 - s.x0 <= ALIGNED * h && s.x1 - t.x1 <= ALIGNED * h;
    let wrapped = bottom
        .segments
        .iter()
        .all(|s| top.segments.iter().any(|t| inside(s, t)));
    apart && !shared && !wrapped
}

/// The rows of one level of the header: its group labels over its cells.
fn push_level(items: &mut Vec<Item>, groups: &mut [Vec<String>], cells: &mut [Vec<String>]) {
    push_row(items, groups);
    push_row(items, cells);
}

fn push_row(items: &mut Vec<Item>, cells: &mut [Vec<String>]) {
    if cells.iter().any(|c| !c.is_empty()) {
        items.push(Item::Row(cells.iter().map(|c| join_wrapped(c)).collect()));
    }
    cells.iter_mut().for_each(Vec::clear);
}

/// The column a cell of the body goes to: the one it overlaps most, else the one its edge
/// falls in (left edge for a label, right edge for a right-aligned figure).
fn column_of(s: &Segment, columns: &[Column]) -> usize {
    let best = columns
        .iter()
        .enumerate()
        .map(|(j, c)| (j, s.overlap(c)))
        .filter(|(_, o)| *o > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((j, _)) = best {
        return j;
    }
    if s.numeric {
        columns
            .iter()
            .position(|c| c.x1 >= s.x1)
            .unwrap_or(columns.len().saturating_sub(1))
    } else {
        columns.partition_point(|c| c.x0 <= s.x0).saturating_sub(1)
    }
}

/// A body row being built: per column, its texts.
struct Building {
    cells: Vec<Vec<String>>,
    y1: f64,
}

impl Building {
    /// Takes a line's cells into the row's, column by column: the rest of its cells.
    fn absorb(&mut self, cells: Vec<Vec<String>>, line: &Line) {
        for (old, new) in self.cells.iter_mut().zip(cells) {
            old.extend(new);
        }
        self.y1 = self.y1.max(line.y1);
    }
}

/// Lines of figures wrapped around a row's middle joined to that row, in reading order.
fn join_wrapped_figures(body: &[Line]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(body.len());
    let mut above: Vec<Segment> = Vec::new();
    for (i, line) in body.iter().enumerate() {
        let next = body.get(i + 1);
        if let Some(row) = out.last_mut().filter(|r| line.wraps_figures_of(r)) {
            row.segments.extend(line.segments.iter().cloned());
            row.y0 = row.y0.min(line.y0);
            row.y1 = row.y1.max(line.y1);
        } else if next.is_some_and(|n| line.wraps_figures_of(n) && !n.wraps_figures_of(line)) {
            above.extend(line.segments.iter().cloned());
        } else {
            let mut row = line.clone();
            if !above.is_empty() {
                let own = std::mem::take(&mut row.segments);
                row.segments = std::mem::take(&mut above);
                row.segments.extend(own);
            }
            out.push(row);
        }
    }
    out
}

fn body_items(body: &[Line], columns: &[Column]) -> Vec<Item> {
    let body = &join_wrapped_figures(body)[..];
    let width = columns.len().max(1);
    let wrap = wrap_gap(body);
    let mut items: Vec<Item> = Vec::new();
    let mut row: Option<Building> = None;
    let mut pending: Option<(Vec<Vec<String>>, f64)> = None;
    for (i, line) in body.iter().enumerate() {
        if line.segments.len() == 1 && spans_columns(&line.segments[0], columns, line.h) {
            flush(&mut items, row.take(), pending.take());
            items.push(Item::Text(line.text()));
            continue;
        }
        let cells = cells_of(line, columns, width);
        if let Some(r) = row.as_mut().filter(|r| completes(line, &cells, r)) {
            r.absorb(cells, line);
            continue;
        }
        if !line.is_numeric() {
            // A label wrapped inside its cell: under a row whose cells it continues...
            if let Some(r) = row.as_mut() {
                let continues = cells
                    .iter()
                    .zip(&r.cells)
                    .all(|(new, old)| new.is_empty() || !old.is_empty());
                if continues && line.y0 - r.y1 <= wrap {
                    r.absorb(cells, line);
                    continue;
                }
            }
            // ... or over the row it starts, whose label is printed lower, or goes on beside
            // its figures (`基础测绘与地理信息监` over `2200129 管 21.80`).
            if let Some(next) = body.get(i + 1) {
                let next_cells = cells_of(next, columns, width);
                let fits = cells.iter().zip(&next_cells).all(|(new, below)| {
                    new.is_empty()
                        || below.is_empty()
                        || new.iter().chain(below).all(|t| !is_numeric(t))
                });
                if next.is_numeric() && fits && next.y0 - line.y1 <= wrap {
                    flush(&mut items, row.take(), pending.take());
                    pending = Some((cells, line.y1));
                    continue;
                }
            }
        }
        flush(&mut items, row.take(), None);
        let mut cells = cells;
        if let Some((above, _)) = pending.take() {
            for (cell, top) in cells.iter_mut().zip(above) {
                let mut joined = top;
                joined.append(cell);
                *cell = joined;
            }
        }
        row = Some(Building { cells, y1: line.y1 });
    }
    flush(&mut items, row, pending);
    items
}

/// How deep (× line height) a line must reach into the row above it to be part of that row.
const ROW_OVERLAP: f64 = 0.25;

/// Whether a line is the rest of the row above it, printed lower than that row's figures: the
/// two overlap well, and the line only fills the row's empty cells or goes on with its labels
/// (`2013302` and `事务` under `一般行政管理 30,964,000.00`: a name wrapped in its cell, the code
/// centred on both lines of it and so on neither). Rows of a table never overlap.
fn completes(line: &Line, cells: &[Vec<String>], row: &Building) -> bool {
    let overlaps = row.y1 - line.y0 >= ROW_OVERLAP * line.h;
    let row_has_figures = row.cells.iter().flatten().any(|t| is_numeric(t));
    let fits = cells.iter().zip(&row.cells).all(|(new, old)| {
        new.is_empty() || old.is_empty() || (old.iter().chain(new).all(|t| !is_numeric(t)))
    });
    overlaps && row_has_figures && fits && !line.is_numeric_only()
}

fn flush(items: &mut Vec<Item>, row: Option<Building>, pending: Option<(Vec<Vec<String>>, f64)>) {
    let rows = row.map(|r| r.cells).into_iter().chain(pending.map(|p| p.0));
    for cells in rows {
        if cells.iter().any(|c| !c.is_empty()) {
            items.push(Item::Row(cells.iter().map(|c| cell_text(c)).collect()));
        }
    }
}

/// A cell's pieces: a figure wrapped in its cell joined without a space (`106,512.0` `0`),
/// text as a wrapped label.
fn cell_text(parts: &[String]) -> String {
    let figures = parts.iter().all(|p| is_numeric(p));
    if parts.len() > 1 && figures {
        parts.concat()
    } else {
        join_wrapped(parts)
    }
}

fn cells_of(line: &Line, columns: &[Column], width: usize) -> Vec<Vec<String>> {
    let mut cells = vec![Vec::new(); width];
    for s in &line.segments {
        let j = column_of(s, columns).min(width - 1);
        cells[j].push(s.text.clone());
    }
    cells
}

/// A single text reaching well into two columns: a note or a heading inside the table.
fn spans_columns(s: &Segment, columns: &[Column], h: f64) -> bool {
    !s.numeric && columns.iter().filter(|c| s.overlap(c) >= h).count() >= 2
}

/// How close under a row a line must start to be a label wrapped inside the row's cell: well
/// under the usual space between rows.
fn wrap_gap(body: &[Line]) -> f64 {
    let mut gaps: Vec<f64> = body
        .windows(2)
        .map(|w| w[1].y0 - w[0].y1)
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    let h = body.first().map_or(1.0, |l| l.h);
    match gaps.get(gaps.len() / 2) {
        Some(usual) => (0.6 * usual).min(0.5 * h),
        None => 0.5 * h,
    }
}

// ---- pages ---------------------------------------------------------------------------------

fn page_items(lines: &[Line], mut tables: Vec<(Range<usize>, Vec<Item>)>) -> Vec<Item> {
    tables.sort_by_key(|(r, _)| r.start);
    let mut tables = tables.into_iter().peekable();
    let mut items = Vec::new();
    let mut i = 0;
    let mut last: Option<&Line> = None;
    let left = lines
        .iter()
        .flat_map(|l| l.words.first())
        .map(|w| w.x0)
        .fold(f64::INFINITY, f64::min);
    while let Some(line) = lines.get(i) {
        if let Some(prev) = last {
            let h = prev.h.max(line.h);
            let gap = line.y0 - prev.y1;
            if gap > BLANK * h {
                let blanks = (gap / (BLANK * h)).floor().clamp(1.0, MAX_BLANKS);
                items.extend(std::iter::repeat_n(Item::Blank, blanks as usize));
            }
        }
        match tables.next_if(|(r, _)| r.start == i) {
            Some((range, rows)) => {
                items.extend(rows);
                last = lines.get(range.end.saturating_sub(1));
                i = range.end.max(i + 1);
            }
            None => {
                items.push(Item::Text(line.spaced_text(left)));
                last = Some(line);
                i += 1;
            }
        }
    }
    items
}

#[cfg(test)]
mod tests;
