//! Blocks → tables. A table is a title line (classified by meaning), an optional unit line and
//! a grid, or a title followed by a table flattened onto one line of text. A table broken by a
//! page break (its title, and often its header and total row, printed again) is put back
//! together.

use budget_model::{Table, TableKind, TableStatus, Unit};

use crate::cells::is_amount;
use crate::contents::{contents_from_grid, is_contents_grid};
use crate::grid::{Block, Cell, Grid};
use crate::reader::{read_columnar, read_flat_line, read_form, read_side_by_side, ReadTable};
use crate::text::TextLine;
use crate::vocab::titles::{
    classify_title, empty_topic, is_note, is_other_title, looks_like_title, note_body,
    says_none_of, SENTENCE_ENDS,
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
}

enum Body<'a> {
    Grid(Grid<'a>),
    Flat { line: usize, text: String },
}

/// A title seen, waiting for its grid.
struct Pending {
    title: String,
    kind: TableKind,
    line: usize,
    unit: Option<Unit>,
    lines_since: usize,
}

/// How many non-blank text lines may separate a title from its table.
const MAX_TITLE_GAP: usize = 6;

/// The fewest amounts a line of text must hold to be a table flattened onto one line.
const MIN_FLAT_AMOUNTS: usize = 4;

pub fn assemble(blocks: Vec<Block<'_>>) -> Assembled<'_> {
    let mut out = Assembled::default();
    let mut raw: Vec<RawTable> = Vec::new();
    let mut notes: Vec<(usize, String)> = Vec::new();
    let mut pending: Option<Pending> = None;
    for block in blocks {
        match block {
            Block::Text(line) => {
                let consumed = on_text(&line, &mut pending, &mut raw, &mut notes);
                if !consumed {
                    out.narrative.push(line);
                }
            }
            Block::Grid(grid) if is_contents_grid(&grid) => {
                out.contents_grid.extend(contents_from_grid(&grid));
                pending = None;
            }
            Block::Grid(grid) => {
                let p = pending.take();
                raw.push(RawTable {
                    title: p.as_ref().map(|p| p.title.clone()).unwrap_or_default(),
                    kind: p.as_ref().map_or(TableKind::Other, |p| p.kind),
                    title_line: p.as_ref().map_or(grid.first_line(), |p| p.line),
                    unit: p.and_then(|p| p.unit).or_else(|| grid_unit(&grid)),
                    body: Body::Grid(grid),
                });
            }
        }
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
        // Most lines do not name the topic: they are passed over whole.
        table.note = narrative
            .iter()
            .filter(|l| l.text.contains(topic))
            .flat_map(|l| l.text.split(SENTENCE_ENDS))
            .map(str::trim)
            .find(|s| says_none_of(s, topic))
            .map(str::to_string);
    }
}

/// Handles a text line; returns whether it was consumed as part of a table.
fn on_text<'a>(
    line: &TextLine<'a>,
    pending: &mut Option<Pending>,
    raw: &mut Vec<RawTable<'a>>,
    notes: &mut Vec<(usize, String)>,
) -> bool {
    let text = line.text.trim();
    if text.is_empty() {
        return false;
    }
    if let Some((title, kind)) = table_title(text) {
        *pending = Some(Pending {
            title,
            kind,
            line: line.number,
            unit: None,
            lines_since: 0,
        });
        return true;
    }
    if is_note(text) {
        notes.push((line.number, text.to_string()));
    }
    let Some(p) = pending.as_mut() else {
        return false;
    };
    if count_amounts(text) >= MIN_FLAT_AMOUNTS {
        let p = pending.take();
        if let Some(p) = p {
            raw.push(RawTable {
                title: p.title,
                kind: p.kind,
                title_line: p.line,
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
    if p.lines_since > MAX_TITLE_GAP {
        *pending = None;
    }
    false
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
    let untitled = next.title.is_empty() && prev.kind != TableKind::Other;
    if !(untitled || (next.title == prev.title && next.kind == prev.kind)) {
        return false;
    }
    match (a.rows.first(), b.rows.first()) {
        (Some(x), Some(y)) => {
            let same_row = x.cells == y.cells;
            let first_named = x.cells.first().is_some_and(|c| !c.is_empty());
            let new_form = !same_row && first_named && x.cells.first() == y.cells.first();
            !new_form
        }
        _ => true,
    }
}

/// Appends a continuation's rows, leaving out the header and total rows it repeats.
fn append_continuation<'a>(into: &mut Grid<'a>, next: Grid<'a>) {
    let repeated: Vec<Vec<Cell>> = into.rows.iter().take(8).map(|r| r.cells.clone()).collect();
    into.rows.extend(
        next.rows
            .into_iter()
            .filter(|r| !repeated.contains(&r.cells)),
    );
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
    };
    let has_values = read
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
    let built = Table {
        kind: table.kind,
        title: table.title,
        unit,
        status,
        columns: read.columns,
        rows,
        lines,
        note: None,
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
    }
}

fn read_grid(grid: &Grid, kind: TableKind, unit: Unit) -> ReadTable {
    use TableKind::*;
    match kind {
        IncomeExpenditureSummary | FiscalAppropriationSummary => read_side_by_side(grid, unit),
        _ if crate::reader::is_side_by_side(grid) => read_side_by_side(grid, unit),
        PerformanceTargetsProject
        | PerformanceTargetsDepartment
        | PerformanceTargetsSpecialFunds
        | Other => read_form(grid, unit),
        _ => read_columnar(grid, unit),
    }
}

/// Notes such as "注：若为空表，则为该部门（单位）无政府性基金收支" explain the table of the kind
/// they name, printed just before or just after it.
fn attach_notes(tables: &mut [Table], notes: &[(usize, String)]) {
    for (line, text) in notes {
        let Some(kind) = classify_title(note_body(text)) else {
            continue;
        };
        let nearest = tables
            .iter_mut()
            .filter(|t| t.kind == kind && t.note.is_none())
            .min_by_key(|t| line.abs_diff(t.lines.0).min(line.abs_diff(t.lines.1)));
        if let Some(table) = nearest {
            table.note = Some(text.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use budget_model::TableKind;

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
}
