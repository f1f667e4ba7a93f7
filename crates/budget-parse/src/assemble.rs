//! Blocks → tables. A table is a title line (classified by meaning), an optional unit line and
//! a grid, or a title followed by a table flattened onto one line of text. A table broken by a
//! page break (its title, and often its header and total row, printed again) is put back
//! together.

use budget_model::{Table, TableKind, TableStatus, Unit};

use crate::cells::is_amount;
use crate::contents::{contents_from_grid, is_contents_grid};
use crate::grid::{Block, Cell, Grid};
use crate::reader::{
    lists_coded_amounts, only_coded_amounts, read_columnar, read_flat_line, read_form,
    read_side_by_side, ReadTable,
};
use crate::text::TextLine;
use crate::vocab::titles::{
    classify_title, empty_topic, is_note, is_other_title, is_table_number, looks_like_title,
    note_body, says_none_of, says_table_is_empty, SENTENCE_ENDS,
};
use budget_model::ContentsEntry;

/// What the blocks of a document hold besides narrative.
#[derive(Debug, Default)]
pub struct Assembled<'a> {
    pub tables: Vec<Table>,
    pub contents_grid: Vec<ContentsEntry>,
    pub agencies: Vec<(String, String)>,
    /// Text lines that are narrative (not titles, units or flattened tables).
    pub narrative: Vec<TextLine<'a>>,
}

/// A table before its grid is read.
struct RawTable<'a> {
    title: String,
    kind: TableKind,
    title_line: usize,
    unit: Option<Unit>,
    body: Body<'a>,
    /// An untitled grid under a title whose grid did not come within reach: it is not the
    /// table before going on (a title always ends the table before).
    after_title: bool,
}

enum Body<'a> {
    Grid(Grid<'a>),
    Flat {
        line: usize,
        text: String,
    },
    /// A table printed without rows: its title, header and total line (合计 with no figure or
    /// zeros) and/or a line saying it is empty (此表为空), up to `last`.
    Empty {
        last: usize,
        note: Option<String>,
    },
}

/// A title seen, waiting for its grid.
struct Pending<'a> {
    title: String,
    kind: TableKind,
    line: usize,
    unit: Option<Unit>,
    lines_since: usize,
    /// The text lines since the title, held back from the narrative while they may be the
    /// header and total line of a table printed without rows (see [`Body::Empty`]).
    held: Vec<TextLine<'a>>,
    /// Whether every line held reads as part of a table (no sentence).
    table_like: bool,
}

/// How many non-blank text lines may separate a title from its table.
const MAX_TITLE_GAP: usize = 6;

/// How many non-blank text lines may separate a performance form's title from its grid: the
/// form prints its targets as prose first (当年整体绩效目标 and a paragraph of sentences).
const MAX_FORM_GAP: usize = 24;

/// The fewest amounts a line of text must hold to be a table flattened onto one line.
const MIN_FLAT_AMOUNTS: usize = 4;

/// The most lines (not blank) a table printed without rows runs for under its title: a header
/// of labels without figures (a side-by-side 收支表 lists every class) and its total line.
const MAX_EMPTY_TABLE_LINES: usize = 48;

pub fn assemble(blocks: Vec<Block<'_>>) -> Assembled<'_> {
    let mut out = Assembled::default();
    let mut raw: Vec<RawTable> = Vec::new();
    let mut notes: Vec<(usize, String)> = Vec::new();
    let mut pending: Option<Pending> = None;
    let mut after_grid = false;
    // Whether a title was read since the last grid.
    let mut titled = false;
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        titled |= pending.is_some();
        match block {
            Block::Text(line) if wrapped_title(&line, blocks.peek()).is_some() => {
                // The title's end, on the next line, is part of the title.
                let end = blocks.next();
                if let Some((title, kind)) = wrapped_title(&line, end.as_ref()) {
                    for l in release_before_title(pending.take(), &mut raw) {
                        narrative_line(l, &mut out.narrative, &mut notes);
                    }
                    pending = Some(Pending::new(title, kind, line.number));
                }
                after_grid = false;
            }
            Block::Text(line) => {
                // A total line left under a grid of labels (a table printed without figures),
                // and a table's number, belong to no sentence.
                let text = line.text.trim();
                if pending.is_none()
                    && ((after_grid && is_total_line(text)) || is_table_number(text))
                {
                    continue;
                }
                after_grid &= text.is_empty();
                let mut held = Vec::new();
                let consumed = on_text(line, &mut pending, &mut raw, &mut held);
                for l in held {
                    narrative_line(l, &mut out.narrative, &mut notes);
                }
                if !consumed {
                    narrative_line(line, &mut out.narrative, &mut notes);
                }
            }
            Block::Grid(grid) if is_contents_grid(&grid) => {
                out.contents_grid.extend(contents_from_grid(&grid));
                for l in release(pending.take(), &mut raw) {
                    narrative_line(l, &mut out.narrative, &mut notes);
                }
            }
            Block::Grid(grid) => {
                after_grid = true;
                let p = match pending.take() {
                    Some(p) if p.within_reach() => {
                        for l in &p.held {
                            narrative_line(*l, &mut out.narrative, &mut notes);
                        }
                        Some(p)
                    }
                    other => {
                        for l in release(other, &mut raw) {
                            narrative_line(l, &mut out.narrative, &mut notes);
                        }
                        None
                    }
                };
                raw.push(RawTable {
                    title: p.as_ref().map(|p| p.title.clone()).unwrap_or_default(),
                    kind: p.as_ref().map_or(TableKind::Other, |p| p.kind),
                    title_line: p.as_ref().map_or(grid.first_line(), |p| p.line),
                    after_title: p.is_none() && std::mem::take(&mut titled),
                    unit: p.and_then(|p| p.unit).or_else(|| grid_unit(&grid)),
                    body: Body::Grid(grid),
                });
                titled = false;
            }
        }
    }
    for l in release(pending.take(), &mut raw) {
        narrative_line(l, &mut out.narrative, &mut notes);
    }
    let raw = merge_continuations(raw);
    let mut last_unit = None;
    for table in raw {
        let unit = table.unit.or(last_unit).unwrap_or(Unit::WanYuan);
        last_unit = Some(unit);
        let (built, agencies) = build_table(table, unit);
        out.agencies.extend(agencies);
        out.tables.push(built);
    }
    attach_notes(&mut out.tables, &notes);
    explain_empty_tables(&mut out.tables, &out.narrative);
    out
}

/// A line of the narrative; a note among them is kept to explain the table it names.
fn narrative_line<'a>(
    line: TextLine<'a>,
    narrative: &mut Vec<TextLine<'a>>,
    notes: &mut Vec<(usize, String)>,
) {
    let text = line.text.trim();
    if is_note(text) {
        notes.push((line.number, text.to_string()));
    }
    narrative.push(line);
}

/// A title whose grid did not come: a table printed without rows when the lines it held show
/// one (see [`empty_table`]), else a heading. Returns the lines held that are narrative.
fn release<'a>(pending: Option<Pending<'a>>, raw: &mut Vec<RawTable<'a>>) -> Vec<TextLine<'a>> {
    let Some(mut p) = pending else {
        return Vec::new();
    };
    let held = std::mem::take(&mut p.held);
    match empty_table(&held) {
        Some((body, used)) => {
            raw.push(p.into_table(body));
            held.into_iter().skip(used).collect()
        }
        None => held,
    }
}

/// A title whose grid did not come before the next title: as [`release`], and also a table
/// printed without rows when all it held is its own unit declaration and header lines (a
/// header over no rows and no total line, then the next table).
fn release_before_title<'a>(
    pending: Option<Pending<'a>>,
    raw: &mut Vec<RawTable<'a>>,
) -> Vec<TextLine<'a>> {
    match pending {
        Some(p) if p.is_bare_header() => {
            let last = p.held.iter().rev().find(|l| !l.text.trim().is_empty());
            let body = Body::Empty {
                last: last.map_or(p.line, |l| l.number),
                note: None,
            };
            raw.push(p.into_table(body));
            Vec::new()
        }
        other => release(other, raw),
    }
}

impl<'a> Pending<'a> {
    /// Whether the title declared its unit and all it held since reads as a header: a table
    /// printed without rows, not a heading of the narrative (which declares no unit).
    fn is_bare_header(&self) -> bool {
        let held = self
            .held
            .iter()
            .filter(|l| !l.text.trim().is_empty())
            .count();
        self.unit.is_some() && self.table_like && held > 0 && empty_table(&self.held).is_none()
    }

    fn new(title: String, kind: TableKind, line: usize) -> Self {
        Pending {
            title,
            kind,
            line,
            unit: None,
            lines_since: 0,
            held: Vec::new(),
            table_like: true,
        }
    }

    /// Whether a grid or a flattened line still belongs to this title: within a few lines of
    /// it, or under lines that all read as its header (a tall header of many short lines).
    fn within_reach(&self) -> bool {
        self.lines_since <= self.max_gap() || self.table_like
    }

    /// How many lines of text may come between this title and its grid.
    fn max_gap(&self) -> usize {
        if self.kind.is_performance_form() {
            MAX_FORM_GAP
        } else {
            MAX_TITLE_GAP
        }
    }

    fn into_table(self, body: Body<'a>) -> RawTable<'a> {
        RawTable {
            title: self.title,
            kind: self.kind,
            title_line: self.line,
            after_title: false,
            unit: self.unit,
            body,
        }
    }
}

/// The body of a table printed without rows, from the lines under its title, and how many of
/// those lines it takes: up to its total line (合计 alone, or with zeros) or the line saying it
/// is empty (此表为空, 注：本部门无相关收支项目), whichever comes last. `None` when the lines
/// show neither, or read as sentences (a heading of the narrative that names a table).
fn empty_table(held: &[TextLine<'_>]) -> Option<(Body<'static>, usize)> {
    let mut last = None;
    let mut note = None;
    for (i, line) in held.iter().enumerate() {
        let text = line.text.trim();
        if says_table_is_empty(text) {
            note.get_or_insert_with(|| text.to_string());
            last = Some(i);
        } else if is_total_line(text) {
            last = Some(i);
        }
    }
    let i = last?;
    let body = Body::Empty {
        last: held[i].number,
        note,
    };
    Some((body, i + 1))
}

/// Whether a line holds only total labels (合计, `合   计`, 本年收入合计 本年支出合计) and
/// zeros or dashes: the total row of a table printed without figures.
fn is_total_line(text: &str) -> bool {
    let mut word = String::new();
    let mut totals = 0;
    for token in text.split_whitespace() {
        if word.is_empty() && is_zero(token) {
            continue;
        }
        word.push_str(token);
        if budget_model::ends_with_total(&word) {
            if !budget_model::is_total_label(&word) {
                return false;
            }
            totals += 1;
            word.clear();
        }
    }
    word.is_empty() && totals > 0
}

/// A cell of a table without figures: zero, or a dash.
fn is_zero(token: &str) -> bool {
    matches!(token, "-" | "—" | "－")
        || budget_model::cell_amount(token, Unit::Yuan).is_some_and(|a| a.value.is_zero())
}

/// An empty table without a note of its own is explained by a narrative sentence saying the
/// department has no such money ("本部门没有使用政府性基金预算拨款安排的支出。").
fn explain_empty_tables(tables: &mut [Table], narrative: &[TextLine<'_>]) {
    for table in tables
        .iter_mut()
        .filter(|t| t.status == TableStatus::Empty && t.note.is_none())
    {
        let Some(topic) = empty_topic(table.kind) else {
            continue;
        };
        // Most lines do not name the topic: they are passed over whole. A sentence may wrap
        // onto the next line (…国有资本经营预算拨款支出预 / 算0万元), so a line naming the topic is
        // read with the line after it.
        table.note = narrative
            .iter()
            .enumerate()
            .filter(|(_, l)| l.text.contains(topic))
            .map(|(i, l)| match narrative.get(i + 1) {
                Some(next) => format!("{}{}", l.text.trim_end(), next.text.trim_start()),
                None => l.text.to_string(),
            })
            .find_map(|text| {
                text.split(SENTENCE_ENDS)
                    .map(str::trim)
                    .find(|s| says_none_of(s, topic))
                    .map(str::to_string)
            });
    }
}

/// Handles a text line; returns whether it was consumed as part of a table. Lines a title held
/// back that turn out to be narrative are put in `released`, in order, before the line.
fn on_text<'a>(
    line: TextLine<'a>,
    pending: &mut Option<Pending<'a>>,
    raw: &mut Vec<RawTable<'a>>,
    released: &mut Vec<TextLine<'a>>,
) -> bool {
    let text = line.text.trim();
    if let Some((title, kind)) = table_title(text) {
        released.extend(release_before_title(pending.take(), raw));
        *pending = Some(Pending::new(title, kind, line.number));
        return true;
    }
    let Some(p) = pending.as_mut() else {
        return false;
    };
    if text.is_empty() {
        if p.table_like {
            p.held.push(line);
            return true;
        }
        return false;
    }
    if count_amounts(text) >= MIN_FLAT_AMOUNTS && p.within_reach() {
        if let Some(p) = pending.take() {
            released.extend(p.held);
            raw.push(RawTable {
                title: p.title,
                kind: p.kind,
                title_line: p.line,
                after_title: false,
                unit: p.unit.or_else(|| Unit::find_declaration(text)),
                body: Body::Flat {
                    line: line.number,
                    text: text.to_string(),
                },
            });
        }
        return true;
    }
    if let Some(unit) = Unit::find_declaration(text) {
        p.unit = Some(unit);
        return true;
    }
    p.lines_since += 1;
    let held_lines = p.held.iter().filter(|l| !l.text.trim().is_empty()).count();
    let sentence = text.contains(SENTENCE_MARKS) && !says_table_is_empty(text);
    if p.table_like && (sentence || held_lines >= MAX_EMPTY_TABLE_LINES) {
        // The lines under the title end: they made a table without rows, or they are
        // narrative, and the title may still find its grid within the gap.
        p.table_like = false;
        let held = std::mem::take(&mut p.held);
        if let Some((body, used)) = empty_table(&held) {
            if let Some(p) = pending.take() {
                raw.push(p.into_table(body));
            }
            released.extend(held.into_iter().skip(used));
            return false;
        }
        released.extend(held);
    }
    if p.table_like {
        p.held.push(line);
        return true;
    }
    if p.lines_since > p.max_gap() {
        *pending = None;
    }
    false
}

/// Punctuation of a sentence, which the lines of a table do not hold.
const SENTENCE_MARKS: &[char] = &['。', '；', '，'];

/// The most characters of the end of a title wrapped onto a line of its own (`表`, `算表`).
const MAX_WRAPPED_END: usize = 6;

/// A title wrapped over two lines (`十一、一般公共预算“三公”经费、会议费、培训费支出预` / `算表`):
/// a line that titles no table, and a short line after it, no title itself, that completes one.
fn wrapped_title(line: &TextLine<'_>, next: Option<&Block<'_>>) -> Option<(String, TableKind)> {
    let Some(Block::Text(end)) = next else {
        return None;
    };
    let (first, end) = (line.text.trim(), end.text.trim());
    let short = !end.is_empty() && end.chars().count() <= MAX_WRAPPED_END;
    let qualifier = closes_qualifier(first, end);
    let titled = table_title(first).is_some() && !qualifier;
    if !(short || qualifier) || first.is_empty() || titled || table_title(end).is_some() {
        return None;
    }
    table_title(&format!("{first}{end}"))
}

/// The most characters of a title's bracketed qualifier wrapped onto a line of its own
/// (`能分类科目-不含上年结转）`).
const MAX_WRAPPED_QUALIFIER: usize = 24;

/// Whether `end` completes the bracket that `first` opens and leaves open
/// (`…基本支出明细表（按支出功` / `能分类科目-不含上年结转）`): a qualifier wrapped onto the next line.
fn closes_qualifier(first: &str, end: &str) -> bool {
    let open =
        |t: &str| t.matches(['（', '(']).count() as isize - t.matches(['）', ')']).count() as isize;
    let fits = end.chars().count() <= MAX_WRAPPED_QUALIFIER && !end.contains(char::is_whitespace);
    open(first) > 0 && end.ends_with(['）', ')']) && open(end) < 0 && fits
}

/// A line that titles a table: short, names a table (…表), and is not a list item of the
/// contents, a note or a sentence. A title of no known kind titles a table of kind `other`
/// (see [`is_other_title`]), so that its rows are never glued onto the table before.
pub fn table_title(text: &str) -> Option<(String, TableKind)> {
    let t = text.trim_start_matches('#').trim();
    if !looks_like_title(t) || is_note(t) {
        return None;
    }
    let kind = classify_title(t).or_else(|| is_other_title(t).then_some(TableKind::Other))?;
    Some((t.to_string(), kind))
}

fn count_amounts(text: &str) -> usize {
    text.split_whitespace().filter(|w| is_amount(w)).count()
}

/// A unit declared in the first rows of a grid (`| 填报单位… | | 单位: 万元 |`).
fn grid_unit(grid: &Grid) -> Option<Unit> {
    grid.rows
        .iter()
        .take(3)
        .flat_map(|r| r.cells.iter())
        .find_map(|c| Unit::find_declaration(c))
}

/// Puts tables broken by page breaks back together: a table with the same title right after
/// another continues it, unless it starts a new form of its own (its first row names another
/// item under the same first cell, as the per-project forms do).
fn merge_continuations(raw: Vec<RawTable<'_>>) -> Vec<RawTable<'_>> {
    let mut out: Vec<RawTable> = Vec::new();
    for table in raw {
        if let Some(prev) = out.last_mut() {
            if continues(prev, &table) {
                if let (Body::Grid(a), Body::Grid(b)) = (&mut prev.body, table.body) {
                    append_continuation(a, b);
                }
                continue;
            }
        }
        out.push(table);
    }
    out
}

fn continues(prev: &RawTable, next: &RawTable) -> bool {
    let (Body::Grid(a), Body::Grid(b)) = (&prev.body, &next.body) else {
        return false;
    };
    // A table of no standard kind is continued by an untitled grid only when both list coded
    // amounts: other untitled grids after one are grids of their own.
    let coded = || lists_coded_amounts(a) && only_coded_amounts(b);
    let untitled = next.title.is_empty() && !next.after_title;
    let untitled = untitled && (prev.kind != TableKind::Other || coded());
    if !(untitled || (next.title == prev.title && next.kind == prev.kind)) {
        return false;
    }
    match (a.rows.first(), b.rows.first()) {
        (Some(x), Some(y)) => {
            let same_row = x.cells == y.cells || same_header(a, b);
            let first_named = x.cells.first().is_some_and(|c| !c.is_empty());
            let new_form = !same_row && first_named && x.cells.first() == y.cells.first();
            !new_form
        }
        _ => true,
    }
}

/// Whether two grids print the same header words, whatever lines they break them over and
/// in which order the lines come (`收入 | 支出` on one line on the first page, on two on the
/// next, `支出` over `收入` on the third).
fn same_header(a: &Grid, b: &Grid) -> bool {
    let words = header_words(a);
    !words.is_empty() && words == header_words(b)
}

/// The words of a grid's rows before its first row of amounts, sorted.
fn header_words<'g>(grid: &'g Grid) -> Vec<&'g str> {
    let mut words: Vec<&str> = grid.rows[..header_words_end(grid)]
        .iter()
        .flat_map(|r| r.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()))
        .collect();
    words.sort_unstable();
    words
}

/// Where a grid's first row of amounts is (its end when it has none).
fn header_words_end(grid: &Grid) -> usize {
    grid.rows
        .iter()
        .position(|r| r.cells.iter().any(|c| is_amount(c) && !c.trim().is_empty()))
        .unwrap_or(grid.rows.len())
}

/// Appends a continuation's rows, leaving out the header and total rows it repeats. When the
/// continuation repeats a header row whose cells stand in other columns (the page laid out
/// again, a column more or less, two header cells drawn as one), its columns are first put
/// where that header says, and the header lines above the repeated row are left out too.
fn append_continuation<'a>(into: &mut Grid<'a>, mut next: Grid<'a>) {
    let header: Vec<Vec<Cell>> = into.rows.iter().take(8).map(|r| r.cells.clone()).collect();
    if let Some((at, columns)) = shifted_header(&header, &next) {
        next.rows.drain(..at);
        for row in &mut next.rows {
            row.cells = moved_cells(&row.cells, &columns, header_width(&header));
        }
    } else if same_header(into, &next) {
        let at = header_words_end(&next);
        next.rows.drain(..at);
    }
    into.rows
        .extend(next.rows.into_iter().filter(|r| !header.contains(&r.cells)));
}

fn header_width(header: &[Vec<Cell>]) -> usize {
    header.iter().map(Vec::len).max().unwrap_or(0)
}

/// Where a cell of a continuation goes in the table it continues: the column for its words
/// and the one for its amounts. They differ where the continuation's header drew two of the
/// table's header cells as one (`支出项目类别（资金使用单总计位）` for `支出项目类别（资金使用单位）`
/// and `总计`): a name goes to the first, a figure, right-aligned, to the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Target {
    words: usize,
    amounts: usize,
}

/// The most header cells of the table that one cell of a continuation's header may join.
const MAX_JOINED_HEADER_CELLS: usize = 3;

/// Where a continuation's column goes in the table it continues, when one of its first rows
/// prints the same header words as a row of the table in other columns (or joins some of them,
/// see [`Target`]): the index of the row after that header row, and per column of the
/// continuation its place in the table. A column under no header word goes with the nearest
/// column that has one.
fn shifted_header(header: &[Vec<Cell>], next: &Grid) -> Option<(usize, Vec<Target>)> {
    let filled = |cells: &[Cell]| -> Vec<usize> {
        (0..cells.len())
            .filter(|j| !cells[*j].trim().is_empty())
            .collect()
    };
    // The repeated header row with the most words: a row of two side titles (收入 | 支出) says
    // less about the columns than the row of column names under it.
    let (i, here, there) = next
        .rows
        .iter()
        .take(4)
        .enumerate()
        .filter(|(_, row)| {
            !row.cells
                .iter()
                .any(|c| is_amount(c) && !c.trim().is_empty())
        })
        .filter_map(|(i, row)| {
            let here = filled(&row.cells);
            let there = header
                .iter()
                .find_map(|h| header_targets(h, &filled(h), &row.cells, &here))?;
            Some((i, here, there))
        })
        .filter(|(_, here, _)| here.len() >= 2)
        .max_by_key(|(i, here, _)| (here.len(), usize::MAX - i))?;
    let unmoved = here
        .iter()
        .zip(&there)
        .all(|(j, t)| t.words == *j && t.amounts == *j);
    if unmoved {
        return None;
    }
    let width = next.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let columns = (0..width)
        .map(|j| {
            let nearest = (0..here.len())
                .min_by_key(|k| (here[*k].abs_diff(j), usize::MAX - here[*k]))
                .unwrap_or(0);
            there.get(nearest).copied().unwrap_or(Target {
                words: j,
                amounts: j,
            })
        })
        .collect();
    Some((i + 1, columns))
}

/// Per filled cell `here` of a continuation's header row, where it stands in the table's header
/// row `header` (its filled cells `filled`): the same words, or the words of up to
/// [`MAX_JOINED_HEADER_CELLS`] consecutive cells drawn into one. `None` when the rows differ.
fn header_targets(
    header: &[Cell],
    filled: &[usize],
    row: &[Cell],
    here: &[usize],
) -> Option<Vec<Target>> {
    let mut out = Vec::with_capacity(here.len());
    let mut p = 0;
    for &j in here {
        let text = row[j].trim();
        let joined = (1..=MAX_JOINED_HEADER_CELLS).find(|&n| {
            let Some(run) = filled.get(p..p + n) else {
                return false;
            };
            match run {
                [one] => header[*one].trim() == text,
                _ => same_characters(run.iter().map(|&k| header[k].trim()), text),
            }
        })?;
        out.push(Target {
            words: filled[p],
            amounts: filled[p + joined - 1],
        });
        p += joined;
    }
    (p == filled.len()).then_some(out)
}

/// Whether `text` holds the characters of `parts` together, in any order (the lines of
/// header cells drawn side by side interleave).
fn same_characters<'t>(parts: impl Iterator<Item = &'t str>, text: &str) -> bool {
    let mut a: Vec<char> = parts
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut b: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// A row's cells moved to the columns `columns` names; cells that land in one column are
/// joined with a space.
fn moved_cells<'a>(cells: &[Cell<'a>], columns: &[Target], width: usize) -> Vec<Cell<'a>> {
    let mut out: Vec<Cell<'a>> = vec![Cell::Borrowed(""); width.max(1)];
    for (j, cell) in cells.iter().enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        let target = columns.get(j).copied();
        let to = match target {
            Some(t) if is_amount(cell) => t.amounts,
            Some(t) => t.words,
            None => j,
        };
        let to = to.min(out.len() - 1);
        out[to] = if out[to].is_empty() {
            cell.clone()
        } else {
            Cell::Owned(format!("{} {}", out[to], cell))
        };
    }
    out
}

fn build_table(table: RawTable<'_>, unit: Unit) -> (Table, Vec<(String, String)>) {
    let (read, lines) = match &table.body {
        Body::Grid(grid) => {
            let mut read = read_grid(grid, table.kind, unit);
            if table.kind == TableKind::ThreePublicExpenses {
                crate::reader::repair_three_public(&mut read.columns);
            }
            (read, (table.title_line, grid.last_line()))
        }
        Body::Flat { line, text } => (read_flat_line(text, *line, unit), (table.title_line, *line)),
        Body::Empty { last, .. } => (ReadTable::default(), (table.title_line, *last)),
    };
    // A performance form may print its money above its grid and only targets in it: its rows
    // are read all the same. One printing no figure at all is empty.
    let form_read =
        table.kind.is_performance_form() && !read.rows.is_empty() && had_amounts(&table.body);
    let has_values = form_read
        || read
            .rows
            .iter()
            .any(|r| r.values.iter().any(Option::is_some));
    // Whether the body printed amounts only matters (and is only read) when none were read.
    let status = if has_values {
        TableStatus::Parsed
    } else if had_amounts(&table.body) {
        TableStatus::Unparsed
    } else {
        TableStatus::Empty
    };
    let mut rows = read.rows;
    crate::rows::mark_headings(&mut rows, table.kind);
    crate::precision::restore_dropped_decimals(&mut rows);
    let note = match table.body {
        Body::Empty { note, .. } => note,
        _ => None,
    };
    let built = Table {
        kind: table.kind,
        title: table.title,
        unit,
        status,
        columns: read.columns,
        rows,
        lines,
        note,
    };
    (built, read.agencies)
}

/// Whether a table body prints amounts (a flattened line always does).
fn had_amounts(body: &Body<'_>) -> bool {
    match body {
        Body::Grid(grid) => grid.rows.iter().any(|r| {
            r.cells.iter().any(|c| is_amount(c)) && !crate::reader::is_numbering_row(&r.cells)
        }),
        Body::Flat { .. } => true,
        Body::Empty { .. } => false,
    }
}

fn read_grid(grid: &Grid, kind: TableKind, unit: Unit) -> ReadTable {
    use TableKind::*;
    if let Some(unfolded) = crate::reader::unfold_halves(grid) {
        let mut read = read_columnar(&unfolded, unit);
        crate::reader::close_sections_at_totals(&mut read.rows);
        return read;
    }
    match kind {
        IncomeExpenditureSummary | FiscalAppropriationSummary => read_side_by_side(grid, unit),
        _ if crate::reader::is_side_by_side(grid) => read_side_by_side(grid, unit),
        Other if lists_coded_amounts(grid) => read_columnar(grid, unit),
        Other => {
            let columnar = read_columnar(grid, unit);
            if adds_up_by_columns(&columnar) {
                columnar
            } else {
                read_form(grid, unit)
            }
        }
        PerformanceTargetsProject
        | PerformanceTargetsDepartment
        | PerformanceTargetsSpecialFunds => read_form(grid, unit),
        _ => read_columnar(grid, unit),
    }
}

/// The fewest rows with amounts in several columns that make a table of no standard kind a
/// table of columns.
const MIN_COLUMNAR_ROWS: usize = 3;

/// Whether a table of no standard kind, read by its columns, is a table of columns: its
/// header names a 合计 column and parts of it (基本支出, 人员经费, 一般公共预算 …), and at least
/// [`MIN_COLUMNAR_ROWS`] rows print amounts in several of them (部门预算基本支出预算表 by unit and
/// economic class, without codes). A form has no such header.
fn adds_up_by_columns(table: &ReadTable) -> bool {
    use budget_model::ColumnRole::{Amount, Other, Total};
    let has_total = table.columns.iter().any(|c| c.role == Total);
    let has_part = table
        .columns
        .iter()
        .any(|c| !matches!(c.role, Total | Other | Amount));
    let rows = table
        .rows
        .iter()
        .filter(|r| r.values.iter().flatten().count() >= 2)
        .count();
    has_total && has_part && rows >= MIN_COLUMNAR_ROWS
}

/// Notes such as "注：若为空表，则为该部门（单位）无政府性基金收支" explain the table of the kind
/// they name, printed just before or just after it; in final accounts, the table of that
/// kind's final-accounts counterpart.
fn attach_notes(tables: &mut [Table], notes: &[(usize, String)]) {
    for (line, text) in notes {
        let Some(kind) = classify_title(note_body(text)) else {
            continue;
        };
        let nearest = tables
            .iter_mut()
            .filter(|t| {
                t.kind.budget_counterpart() == kind.budget_counterpart() && t.note.is_none()
            })
            .min_by_key(|t| line.abs_diff(t.lines.0).min(line.abs_diff(t.lines.1)));
        if let Some(table) = nearest {
            table.note = Some(text.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use budget_model::{TableKind, TableStatus};

    /// A title of no known kind (`财政拨款支出表（功能科目）`) makes a table of its own, of kind
    /// `other`: its rows are not glued onto the 收支总表 above it.
    #[test]
    fn an_unknown_title_ends_the_table_before() {
        let text = "财政拨款收支总表\n单位：万元\n项目\t预算数\t项目\t预算数\n\
            一、本年收入\t10.00\t一、本年支出\t10.00\n收入总计\t10.00\t支出总计\t10.00\n\n\
            财政拨款支出表（功能科目）\n单位：万元\n科目编码\t科目名称\t合计\n\
            201\t一般公共服务支出\t10.00\n";
        let doc = crate::parse_text(text, "t");
        let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [TableKind::FiscalAppropriationSummary, TableKind::Other]
        );
        assert!(doc.tables[0]
            .rows
            .iter()
            .all(|r| !r.label.contains("一般公共服务")));
    }

    /// A title over its unit and a header, with no row, no total and no note before the next
    /// title, is a table printed without rows; the next title is a table of its own.
    #[test]
    fn a_title_over_a_bare_header_before_the_next_title_is_an_empty_table() {
        let text = "表11\n上年结转资金支出表\n单位：元\n\
            预算单位代码  预算项目名称  金额  功能分类科目名称\n表12\n\
            政府采购预算表\n单位：元\n项目\t合计\t货物\n合计\t10.00\t10.00\n";
        let doc = crate::parse_text(text, "t");
        let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [TableKind::Carryover, TableKind::GovernmentProcurement]
        );
        assert_eq!(doc.tables[0].status, TableStatus::Empty);
        // A heading of the narrative declares no unit: it stays a heading.
        let text = "上年结转资金支出表\n说明  如下\n政府采购预算表\n单位：元\n\
            项目\t合计\t货物\n合计\t10.00\t10.00\n";
        let doc = crate::parse_text(text, "t");
        assert_eq!(doc.tables.len(), 1);
    }

    /// A title whose grid comes only after more prose than a title's reach still ends the
    /// table before: the grid is not glued onto it.
    #[test]
    fn a_title_out_of_reach_of_its_grid_still_ends_the_table_before() {
        let prose = "推动科技创新与产业创新深度融合，突破一批关键核心技术；\n".repeat(7);
        let text = format!(
            "政府采购预算表\n单位：万元\n项目\t合计\t货物\n合计\t10.00\t10.00\n\n\
            部门职能情况表\n{prose}\t指标名称\t指标值\n\t获批项目数量\t800\n"
        );
        let doc = crate::parse_text(&text, "t");
        let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TableKind::GovernmentProcurement, TableKind::Other]);
        assert_eq!(doc.tables[0].rows.len(), 1, "{:?}", doc.tables[0].rows);
    }

    /// A title over a header and a 合计 without figures is a table, empty, of its kind; the
    /// title after it still titles its own table, and a sentence under a heading that names a
    /// table makes none.
    #[test]
    fn a_title_over_a_header_and_a_bare_total_is_an_empty_table() {
        let text = "七、政府性基金支出预算表\n部门：某单位          单位：万元\n\
            功能科目代码     功能科目名称     金额\n\n          合   计\n\n\n13\n\
            八、一般公共预算支出预算表\n单位：万元\n科目编码\t科目名称\t合计\n\
            201\t一般公共服务支出\t10.00\n\n\
            九、国有资本经营预算支出预算表情况说明\n本部门没有国有资本经营预算支出，合计为零。\n";
        let doc = crate::parse_text(text, "t");
        let kinds: Vec<(TableKind, TableStatus)> =
            doc.tables.iter().map(|t| (t.kind, t.status)).collect();
        assert_eq!(
            kinds,
            [
                (TableKind::GovernmentFundExpenditure, TableStatus::Empty),
                (TableKind::GeneralBudgetExpenditure, TableStatus::Parsed),
            ]
        );
        assert_eq!(doc.tables[0].lines, (1, 5));
    }

    /// A line saying the table is empty ends it and explains it; a note of no such meaning
    /// stays narrative.
    #[test]
    fn a_line_saying_the_table_is_empty_is_its_note() {
        let text = "政府性基金预算财政拨款支出预算表\n部门名称： 某单位     单位：万元\n\
            功能科目编码     功能科目名称     金   额\n     合   计\n  此表为空\n\n\
            注：“科目编码”和“科目名称”为必填项\n";
        let doc = crate::parse_text(text, "t");
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].status, TableStatus::Empty);
        assert_eq!(doc.tables[0].note.as_deref(), Some("此表为空"));
    }

    /// A title over a header of many short lines (a tall 三公 header, each level on lines of
    /// its own) keeps its figures: they are not glued onto the table before.
    #[test]
    fn a_title_over_a_tall_header_keeps_its_figures() {
        let text = "一般公共预算机关运行经费支出预算表\n单位：万元\n\
            科目编码\t科目名称\t金额\n31002\t办公设备购置\t59.00\n\
            “三公”经费、会议费、培训费支出预算表\n单位：万元\n\
            “三公”经费\n公务用车购置及运行维护费\n会议\n因公\n合计\n小\n费\n出国\n计\n\
            （境）费\n\
            合计\t因公出国\t公务接待费\t会议费\n2,542.60\t833.60\t222.50\t1,486.50\n";
        let doc = crate::parse_text(text, "t");
        let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, [TableKind::Other, TableKind::ThreePublicExpenses]);
        let glued = |t: &budget_model::Table| t.rows.iter().any(|r| r.source.contains("2,542.60"));
        assert!(!glued(&doc.tables[0]) && glued(&doc.tables[1]));
    }

    /// A title wrapped over two lines titles its table.
    #[test]
    fn a_title_wrapped_over_two_lines() {
        let text = "十一、一般公共预算“三公”经费、会议费、培训费支出预\n算表\n单位：万元\n\
            合计\t因公出国（境）费\t公务接待费\n10.00\t6.00\t4.00\n";
        let doc = crate::parse_text(text, "t");
        assert_eq!(doc.tables.len(), 1);
        assert_eq!(doc.tables[0].kind, TableKind::ThreePublicExpenses);
        assert!(doc.tables[0].title.ends_with("支出预算表"));
    }

    /// A title whose bracketed qualifier wraps onto the next line is read whole: the qualifier
    /// (按支出功能分类) decides the kind.
    #[test]
    fn a_title_with_its_qualifier_wrapped() {
        let text = "表 7\n一般公共预算基本支出明细表（按支出功\n      能分类科目-不含上年结转）\n\
            单位：元\n功能科目编码\t功能科目名称\t合计\t人员经费支出\t公用经费支出\n\
            201\t一般公共服务支出\t10.00\t6.00\t4.00\n";
        let doc = crate::parse_text(text, "t");
        assert_eq!(doc.tables.len(), 1);
        let table = &doc.tables[0];
        assert_eq!(table.kind, TableKind::GeneralBudgetBasicExpenditureFunction);
        assert!(table.title.ends_with("不含上年结转）"), "{}", table.title);
    }

    /// A performance form prints its targets as prose between its title and its grid of
    /// indicators; the grid is still the form's, however many lines the prose runs.
    #[test]
    fn a_performance_form_keeps_its_grid_under_a_paragraph_of_targets() {
        let prose = "推动科技创新与产业创新深度融合,突破一批关键核心技术;\n".repeat(7);
        let text = format!(
            "部门整体绩效目标表\n单位名称:某局\n当年整体绩效目标\n{prose}提升使用效益。\n\
             \t指标名称\t指标性质\t指标值\t计量单位\n\
             绩效指标\t技术合同成交额\t≥\t950\t亿元\n\t布局关键技术\t≥\t260\t项\n"
        );
        let doc = crate::parse_text(&text, "t");
        assert_eq!(doc.tables.len(), 1, "{:?}", doc.tables);
        assert_eq!(doc.tables[0].kind, TableKind::PerformanceTargetsDepartment);
        assert!(!doc.tables[0].rows.is_empty());
    }

    /// A table going on after a page break repeats its header with the columns laid out again
    /// (here a blank column more before each 预算数, labels in two columns): its rows are read
    /// in the columns its
    /// header names, not by column index.
    #[test]
    fn a_continuation_breaking_its_header_over_other_lines_goes_on() {
        // Shenzhen's 收支总表: `收入 | 支出` on one line on the first page, on two on the next
        // two (支出 first, then 收入 first).
        let text = "表 1\n收支总表\n单位：万元\n收入\t\t支出\t\n项目\t预算数\t项目\t预算数\n\
            一、财政拨款\t10.00\t一、一般公共服务支出\t4.00\n\
            \t\t二、教育支出\t3.00\n-3-\n\
            \u{c}表 1\n收支总表\n单位：万元\n\t\t支出\t\n收入\t\t\t\n项目\t预算数\t项目\t预算数\n\
            \t\t三、住房保障支出\t1.00\n-4-\n\
            \u{c}表 1\n收支总表\n单位：万元\n收入\t\t\t\n\t\t支出\t\n项目\t预算数\t项目\t预算数\n\
            \t\t四、农林水支出\t2.00\n\
            本年收入合计\t10.00\t本年支出合计\t10.00\n";
        let doc = crate::parse_text(text, "t");
        assert_eq!(doc.tables.len(), 1, "{:?}", doc.tables);
        let labels: Vec<&str> = doc.tables[0]
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        assert!(labels.contains(&"三、住房保障支出"), "{labels:?}");
        assert!(labels.contains(&"四、农林水支出"), "{labels:?}");
        assert!(!labels.contains(&"收入"), "{labels:?}");
    }

    #[test]
    fn a_continuation_with_shifted_columns_is_read_by_its_header() {
        let text = "收支总体情况表\n单位：万元\n项目\t预算数\t项目\t预算数\n\
            一、预算拨款\t10.00\t一、一般公共服务支出\t4.00\n\
            \t\t二、教育支出\t6.00\n-3-\n\
            \u{c}\t项目\t\t预算数\t项目\t\t预算数\n\
            \t本年收入合计\t\t10.00\t本年支出合计\t\t10.00\n\
            上年结转\t\t\t0.00\t结转下年\t\t0.00\n";
        let doc = crate::parse_text(text, "t");
        let table = &doc.tables[0];
        let printed = crate::test_support::printed_in_row(table, "本年支出合计");
        assert_eq!(printed, ["10.00"]);
        let unlabelled: Vec<usize> = table
            .rows
            .iter()
            .filter(|r| r.label.is_empty())
            .map(|r| r.line)
            .collect();
        assert!(
            unlabelled.is_empty(),
            "amounts apart from their labels: {unlabelled:?}"
        );
        assert_eq!(table.columns.len(), 2);
    }

    /// A continuation whose header draws two header cells of the table as one (the 总计 header
    /// printed between the lines of the name column's): its figures go to the amount column,
    /// its names to the name column.
    #[test]
    fn a_continuation_joining_two_header_cells_is_read_by_the_table_s_columns() {
        let text = "部门预算项目支出及其他支出预算表\n单位：万元\n项目名称\t总计\t一般公共预算\t其他资金\n\
            合计\t30.00\t20.00\t10.00\n\
            甲项目\t20.00\t10.00\t10.00\n-3-\n\
            \u{c}项目总计名称\t一般公共预算\t其他资金\n\
            10.00\t10.00\t0.00\n\
            乙项目\n";
        let doc = crate::parse_text(text, "t");
        let table = &doc.tables[0];
        let values: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| {
                r.values
                    .iter()
                    .map(|v| v.map(|a| a.to_string()).unwrap_or_default())
                    .collect()
            })
            .collect();
        assert!(
            values.contains(&vec![
                "10.00万元".into(),
                "10.00万元".into(),
                "0.00万元".into()
            ]),
            "{values:?}"
        );
        assert!(
            table.rows.iter().all(|r| r.label != "10.00"),
            "{:?}",
            table.rows
        );
    }

    /// A table of no standard kind listing amounts by code (财政拨款支出表（功能科目）) is read by
    /// its columns, and the rest of it on the next page, without a title, is the same table;
    /// the numbering row the next page repeats is no row of it.
    #[test]
    fn a_coded_table_of_no_standard_kind_is_read_by_columns_across_pages() {
        let text = "财政拨款支出表（功能科目）\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
            栏次\t\t1\t2\t3\n\
            \t合计\t30.00\t20.00\t10.00\n\
            201\t一般公共服务支出\t30.00\t20.00\t10.00\n\
            20101\t人大事务\t30.00\t20.00\t10.00\n\
            2010101\t行政运行\t20.00\t20.00\t\n-3-\n\
            \u{c}栏次\t\t1\t2\t3\n\
            2010102\t一般行政管理事务\t10.00\t\t10.00\n";
        let doc = crate::parse_text(text, "t");
        assert_eq!(doc.tables.len(), 1, "{:#?}", doc.tables);
        let table = &doc.tables[0];
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["合计", "基本支出", "项目支出"]);
        let labels: Vec<&str> = table.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "合计",
                "一般公共服务支出",
                "人大事务",
                "行政运行",
                "一般行政管理事务"
            ]
        );
    }

    /// A table of no standard kind whose codes are printed in brackets before the names
    /// (`[302]商品和服务支出`), its 合计 centred in a column of its own and its header on two
    /// lines, is a coded table too: read by its columns, codes split from the names.
    #[test]
    fn a_table_of_bracketed_codes_of_no_standard_kind_is_read_by_columns() {
        let text = "一般公共预算项目支出情况表（按经济分类科目）\n单位：万元\n\
            部门预算支出经济科目\t\t\n\t\t预算\n\t合计\t30.00\n\
            [302]商品和服务支出\t\t25.00\n[30201]办公费\t\t10.00\n[30202]印刷费\t\t15.00\n\
            [310]资本性支出\t\t5.00\n[31002]办公设备购置\t\t5.00\n";
        let doc = crate::parse_text(text, "t");
        let table = &doc.tables[0];
        assert_eq!(table.kind, TableKind::Other);
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["预算"]);
        let rows: Vec<(Option<&str>, &str)> = table
            .rows
            .iter()
            .map(|r| (r.code.as_ref().map(|c| c.as_str()), r.label.as_str()))
            .collect();
        assert_eq!(rows[0], (None, "合计"));
        assert_eq!(rows[1], (Some("302"), "商品和服务支出"));
        assert_eq!(rows[5], (Some("31002"), "办公设备购置"));
        assert_eq!(rows.len(), 6);
    }

    /// A coded list printed in halves side by side (人员经费 items beside 公用经费 items) is
    /// one list, its halves one under the other.
    #[test]
    fn a_coded_list_in_halves_is_one_list() {
        let side_by_side =
            "基本支出决算明细表\n单位：万元\n科目编码\t科目名称\t金额\t科目编码\t科目名称\t金额\n\
            301\t工资福利支出\t30.00\t302\t商品和服务支出\t5.00\n\
            30101\t基本工资\t20.00\t30201\t办公费\t3.00\n\
            30102\t津贴补贴\t10.00\t30202\t印刷费\t2.00\n";
        let doc = crate::parse_text(side_by_side, "t");
        let codes: Vec<String> = doc.tables[0]
            .rows
            .iter()
            .filter_map(|r| r.code.as_ref().map(|c| c.to_string()))
            .collect();
        assert_eq!(codes, ["301", "30101", "30102", "302", "30201", "30202"]);
    }
}
