//! A list printed in halves side by side (`科目代码 | 科目名称 | 决算数 | 科目代码 | 科目名称 |
//! 决算数`): the basic-expenditure table prints 人员经费 codes on the left and 公用经费 codes on
//! the right, in two or three halves. Its header repeats the same cells once per half; each
//! half's rows are one list, and the list goes on from the bottom of one half to the top of
//! the next. Unfolded, the halves stand one under the other and are read as one table.

use std::borrow::Cow;

use budget_model::{Row, Section, Side};

use crate::columns::normalize_header;
use crate::grid::{Cell, Grid, GridRow};
use crate::vocab::tables::is_classification_code_header;

/// How many header rows are looked at for the repeated header.
const HEADER_ROWS: usize = 4;

/// The halves a list is printed in, at most.
const MAX_HALVES: usize = 3;

/// The grid of a list printed in halves, the halves one under the other: the repeated header
/// cut to its first half, then every half's rows in turn (a row empty in a half is none of its
/// rows; the header printed again on a later page is dropped). `None` when no header row
/// repeats its cells, or the repeated cells name no code column.
pub fn unfold_halves<'a>(grid: &Grid<'a>) -> Option<Grid<'a>> {
    let (at, starts) = grid
        .rows
        .iter()
        .take(HEADER_ROWS)
        .enumerate()
        .find_map(|(i, row)| half_starts(&row.cells).map(|s| (i, s)))?;
    let header = &grid.rows[at];
    let repeated = header_words(&header.cells);
    let mut rows = vec![slice(header, &starts, 0)];
    for half in 0..starts.len() {
        for row in &grid.rows[at + 1..] {
            if header_words(&row.cells) == repeated {
                continue;
            }
            let cut = slice(row, &starts, half);
            if cut.cells.iter().any(|c| !c.trim().is_empty()) {
                rows.push(cut);
            }
        }
    }
    Some(Grid { rows })
}

/// The columns where each half of a repeated header starts: the row's words are the same
/// words two or three times over, one of them a classification code column's header (a
/// summary's `项目 | 行次 | 决算数` twice over is income beside expenditure, no list).
fn half_starts(cells: &[Cell<'_>]) -> Option<Vec<usize>> {
    let filled: Vec<(usize, Cow<str>)> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.trim().is_empty())
        .map(|(j, c)| (j, normalize_header(c)))
        .collect();
    (2..=MAX_HALVES).rev().find_map(|halves| {
        let n = filled.len() / halves;
        if n < 2 || n * halves != filled.len() {
            return None;
        }
        let words = |h: usize| filled[h * n..(h + 1) * n].iter().map(|(_, w)| w);
        let same = (1..halves).all(|h| words(h).eq(words(0)));
        let coded = words(0).any(|w| is_classification_code_header(w));
        (same && coded).then(|| (0..halves).map(|h| filled[h * n].0).collect())
    })
}

/// A row's filled header cells, normalized.
fn header_words(cells: &[Cell<'_>]) -> Vec<String> {
    cells
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| normalize_header(c).into_owned())
        .collect()
}

/// The cells of one half of a row, from its start to the next half's.
fn slice<'a>(row: &GridRow<'a>, starts: &[usize], half: usize) -> GridRow<'a> {
    let from = starts[half].min(row.cells.len());
    let to = starts
        .get(half + 1)
        .map_or(row.cells.len(), |&s| s.min(row.cells.len()));
    GridRow {
        line: row.line,
        cells: row.cells[from..to].to_vec(),
        source: row.source,
    }
}

/// The sections of an unfolded list: each total closes the rows above it since the one
/// before (人员经费合计 the left half's, 公用经费合计 the right half's, its list going on over
/// the middle one). Only a list with two totals or more has sections.
pub fn close_sections_at_totals(rows: &mut [Row]) {
    let totals: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].role.is_total())
        .collect();
    if totals.len() < 2 {
        return;
    }
    let mut start = 0;
    for &end in &totals {
        let section = Section {
            side: Side::Expenditure,
            scheme: None,
            name: rows[end].label.clone(),
        };
        for row in &mut rows[start..=end] {
            row.section = Some(section.clone());
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::split_cells;

    fn grid(lines: &[&'static str]) -> Grid<'static> {
        let rows = lines
            .iter()
            .enumerate()
            .map(|(i, l)| GridRow {
                line: i + 1,
                cells: split_cells(l).unwrap_or_default(),
                source: l,
            })
            .collect();
        Grid { rows }
    }

    #[test]
    fn a_list_in_halves_is_read_one_half_under_the_other() {
        let g = grid(&[
            "\t人员经费\t\t\t公用经费\t",
            "科目代码\t科目名称\t金额\t科目代码\t科目名称\t金额",
            "301\t工资福利支出\t649.20\t302\t商品和服务支出\t94.65",
            "30101\t基本工资\t649.20\t30201\t办公费\t94.65",
            "科目代码\t科目名称\t金额\t科目代码\t科目名称\t金额",
            "\t\t\t307\t债务利息及费用支出\t0.00",
            "\t人员经费合计\t649.20\t\t公用经费合计\t94.65",
        ]);
        let unfolded = unfold_halves(&g).expect("halves");
        let labels: Vec<String> = unfolded
            .rows
            .iter()
            .map(|r| r.cells.get(1).map(|c| c.to_string()).unwrap_or_default())
            .collect();
        assert_eq!(
            labels,
            [
                "科目名称",
                "工资福利支出",
                "基本工资",
                "人员经费合计",
                "商品和服务支出",
                "办公费",
                "债务利息及费用支出",
                "公用经费合计"
            ]
        );
    }

    #[test]
    fn a_header_that_repeats_no_code_column_is_no_list_in_halves() {
        // A summary prints 项目 | 金额 twice: income and expenditure, no list in halves.
        let g = grid(&[
            "项目\t金额\t项目\t金额",
            "一、财政拨款\t10\t一、教育支出\t10",
        ]);
        assert!(unfold_halves(&g).is_none());
        let g = grid(&[
            "科目代码\t科目名称\t合计\t基本支出",
            "201\t一般公共服务\t10\t10",
        ]);
        assert!(unfold_halves(&g).is_none());
    }
}
