//! Where a figure is printed: on the pages of a PDF, so that a viewer can put a mark on it, or
//! in the cells of a spreadsheet, so that a reader can go to it (`Sheet1!D12`).

use serde::{Deserialize, Serialize};

/// A box on a page: the page (1-based) and the corners in points from the page's top-left
/// corner (y grows downwards), rounded outward to whole points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PageBox {
    pub page: u32,
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

impl PageBox {
    /// The box of `page` (1-based) around the corners given in points, rounded outward; None
    /// for corners that are not finite, negative or out of order.
    pub fn around(page: u32, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Option<PageBox> {
        let fits = |v: f64| v.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&v);
        if ![x0, y0, x1, y1].into_iter().all(fits) || x0 > x1 || y0 > y1 {
            return None;
        }
        // In range and finite: the casts are exact after floor/ceil.
        Some(PageBox {
            page,
            x0: x0.floor() as u32,
            y0: y0.floor() as u32,
            x1: x1.ceil() as u32,
            y1: y1.ceil() as u32,
        })
    }
}

/// Where a line of the text read from a spreadsheet comes from: a row of a sheet. The line's
/// tab-separated cells are the row's cells from `first_column` on; a line of text (a title, a
/// note) is the row's one cell at `first_column`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SheetLine {
    /// The 1-based line of the decoded text.
    pub line: usize,
    pub sheet: String,
    /// The 0-based row of the sheet.
    pub row: u32,
    /// The 0-based column of the line's first cell.
    pub first_column: u32,
}

impl SheetLine {
    /// The cell `offset` cells right of the line's first one, named as a spreadsheet names it:
    /// `Sheet1!D12`, the sheet quoted when its name is not a plain word (`'收入 表'!B3`).
    pub fn cell_name(&self, offset: usize) -> String {
        let column = u32::try_from(offset)
            .ok()
            .and_then(|o| self.first_column.checked_add(o))
            .unwrap_or(self.first_column);
        let plain = !self.sheet.is_empty()
            && self
                .sheet
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
        let sheet = if plain {
            self.sheet.clone()
        } else {
            format!("'{}'", self.sheet.replace('\'', "''"))
        };
        format!(
            "{sheet}!{}{}",
            column_letters(column),
            u64::from(self.row) + 1
        )
    }
}

/// A 0-based column as letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column_letters(column: u32) -> String {
    let mut n = u64::from(column) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_a_spreadsheet_names_them() {
        let at = |sheet: &str, row, first_column| SheetLine {
            line: 1,
            sheet: sheet.to_string(),
            row,
            first_column,
        };
        assert_eq!(at("Sheet1", 11, 0).cell_name(3), "Sheet1!D12");
        assert_eq!(at("收入总表", 0, 25).cell_name(1), "收入总表!AA1");
        assert_eq!(at("My Sheet", 2, 1).cell_name(0), "'My Sheet'!B3");
        assert_eq!(at("O'Neil", 0, 0).cell_name(0), "'O''Neil'!A1");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn boxes_round_outward_and_refuse_nonsense() {
        let b = PageBox::around(3, (10.4, 20.6, 30.2, 40.0));
        assert_eq!(
            b,
            Some(PageBox {
                page: 3,
                x0: 10,
                y0: 20,
                x1: 31,
                y1: 40
            })
        );
        assert_eq!(PageBox::around(1, (5.0, 0.0, 4.0, 1.0)), None);
        assert_eq!(PageBox::around(1, (f64::NAN, 0.0, 4.0, 1.0)), None);
        assert_eq!(PageBox::around(1, (-1.0, 0.0, 4.0, 1.0)), None);
    }
}
