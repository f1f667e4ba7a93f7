//! Where the figures of a document read from a PDF are printed: each table cell and each
//! narrative amount placed among its page's words (`budget_input::pdf::place`), and each
//! finding given the box of the figure it points at, so that a viewer can mark it.

use budget_input::pdf::place::PagePlacer;
use budget_input::pdf::words::Word;
use budget_model::{Amount, Document, Evidence, Finding, PageBox, Row, Unit};

/// Gives every table value and every claim's amount of `doc` the box where it is printed on
/// `pages` (the words of the PDF it was read from, page by page), when it can be found there.
pub fn place(doc: &mut Document, pages: &[Vec<Word>]) {
    let mut items = placeable(doc);
    items.sort_by_key(|&(line, _)| line);
    let mut current: Option<(usize, PagePlacer)> = None;
    for (line, item) in items {
        let Some(page) = doc.page_of_line(line) else {
            continue;
        };
        let Some(words) = page.checked_sub(1).and_then(|p| pages.get(p)) else {
            continue;
        };
        if current.as_ref().is_none_or(|(p, _)| *p != page) {
            current = Some((page, PagePlacer::new(words)));
        }
        let Some((_, placer)) = current.as_mut() else {
            continue;
        };
        let Ok(page) = u32::try_from(page) else {
            continue;
        };
        place_item(doc, item, page, placer);
    }
}

/// What is placed: a table row or a claim.
#[derive(Clone, Copy)]
enum Item {
    Row { table: usize, row: usize },
    Claim(usize),
}

fn placeable(doc: &Document) -> Vec<(usize, Item)> {
    let rows = doc.tables.iter().enumerate().flat_map(|(t, table)| {
        (0..table.rows.len()).map(move |r| (table.rows[r].line, Item::Row { table: t, row: r }))
    });
    let claims = (0..doc.claims.len())
        .filter(|&c| doc.claims[c].amount.is_some())
        .map(|c| (doc.claims[c].line, Item::Claim(c)));
    rows.chain(claims).collect()
}

fn place_item(doc: &mut Document, item: Item, page: u32, placer: &mut PagePlacer) {
    match item {
        Item::Row { table, row } => {
            let Some(row) = doc.tables.get_mut(table).and_then(|t| t.rows.get_mut(row)) else {
                return;
            };
            let boxes: Vec<Option<PageBox>> = row
                .values
                .iter()
                .map(|v| {
                    let value = v.as_ref()?.value.abs();
                    PageBox::around(page, placer.figure(value, &row.label)?)
                })
                .collect();
            if boxes.iter().any(Option::is_some) {
                row.boxes = boxes;
            }
        }
        Item::Claim(c) => {
            let Some(claim) = doc.claims.get_mut(c) else {
                return;
            };
            if let Some(amount) = &claim.amount {
                let corners = placer.figure(amount.value.abs(), "");
                claim.bbox = corners.and_then(|c| PageBox::around(page, c));
            }
        }
    }
}

/// The box of the figure a finding points at: the cell or claim it rests on first, else the
/// value of its row equal to the printed figure.
pub fn finding_box(doc: &Document, finding: &Finding) -> Option<PageBox> {
    match *finding.evidence.first()? {
        Evidence::Cell { table, row, column } => {
            doc.tables.get(table)?.rows.get(row)?.value_box(column)
        }
        Evidence::Claim { claim } => doc.claims.get(claim)?.bbox,
        Evidence::Row { table, row } => {
            let row = doc.tables.get(table)?.rows.get(row)?;
            let printed = finding.printed.as_ref()?;
            let j = row
                .values
                .iter()
                .position(|v| v.as_ref() == Some(printed))?;
            row.value_box(j)
        }
        Evidence::Table { .. } => None,
    }
}

/// The spreadsheet cell a finding points at (`Sheet1!D12`), for a document read from one: the
/// cell of its line's sheet row that prints the figure in question, else the row's first cell.
pub fn finding_cell(doc: &Document, finding: &Finding) -> Option<String> {
    let origin = doc.sheet_line(finding.location.line?)?;
    let offset =
        pointed_figure(doc, finding).and_then(|(row, amount)| cell_printing(&row.source, amount));
    Some(origin.cell_name(offset.unwrap_or(0)))
}

/// The row a finding rests on and the figure of it in question: the cell's, or the row's
/// printed figure.
fn pointed_figure<'d>(doc: &'d Document, finding: &'d Finding) -> Option<(&'d Row, &'d Amount)> {
    let (table, row) = finding.evidence.first()?.row()?;
    let row = doc.tables.get(table)?.rows.get(row)?;
    let amount = match *finding.evidence.first()? {
        Evidence::Cell { column, .. } => row.value(column)?,
        _ => finding.printed.as_ref()?,
    };
    Some((row, amount))
}

/// The index of the tab-separated cell of `source` that prints `amount`'s figure.
fn cell_printing(source: &str, amount: &Amount) -> Option<usize> {
    source.split('\t').position(|cell| {
        Amount::read(cell.trim(), Unit::Yuan).is_some_and(|a| a.value.abs() == amount.value.abs())
    })
}
