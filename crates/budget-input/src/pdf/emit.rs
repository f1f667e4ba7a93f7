//! What the pages show ([`Item`]s) → the text the parser reads, in the syntax of every
//! converted table (see `crate::table`): lines of text, tab-separated rows, a form feed after
//! each page as `pdftotext` prints it.

use super::geometry::Item;
use crate::table::{push_cells, push_line};

/// The text of the pages.
pub fn text(pages: &[Vec<Item>]) -> String {
    let mut out = String::new();
    for page in pages {
        for item in page {
            match item {
                Item::Text(line) => push_line(&mut out, line),
                Item::Blank => out.push('\n'),
                Item::Row(cells) => push_cells(&mut out, cells, cells.len()),
            }
        }
        out.push('\u{c}');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_tab_separated_and_pages_end_with_form_feeds() {
        let pages = vec![
            vec![
                Item::Text("支出总表".to_string()),
                Item::Blank,
                Item::Row(vec!["合计".to_string(), String::new(), "1.00".to_string()]),
            ],
            vec![Item::Text("- 2 -".to_string())],
        ];
        assert_eq!(text(&pages), "支出总表\n\n合计\t\t1.00\n\u{c}- 2 -\n\u{c}");
    }

    #[test]
    fn a_tab_inside_a_cell_does_not_make_a_column() {
        let pages = vec![vec![Item::Row(vec!["a\tb".to_string(), "c".to_string()])]];
        assert_eq!(text(&pages), "a b\tc\n\u{c}");
    }
}
