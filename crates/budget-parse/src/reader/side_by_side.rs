//! The side-by-side layout (收入 | 支出): each label column starts a section whose amount
//! columns follow it.

use std::borrow::Cow;

use budget_model::{
    function_class_by_name, Classification, ColumnRole, RowRole, Section, Side, Unit,
};

use super::header::{header_paths, make_columns};
use super::{amount_at, cell_amounts, column_counts, is_numbering_row, owned, Counts, ReadTable};
use crate::cells::{has_words, is_amount};
use crate::columns::normalize_header;
use crate::grid::{Cell, Grid, GridRow};
use crate::rows::{keep_numbered_classes, typed_row, Printed};
use crate::vocab::headers::{header_word, HeaderWord};
use crate::vocab::tables::{
    is_code_header, is_side_header_word, row_role, section_scheme, side_of, side_section,
};

/// Reads a side-by-side summary (收入 | 支出): each label column starts a section whose amount
/// columns follow it.
pub fn read_side_by_side(grid: &Grid, unit: Unit) -> ReadTable {
    // The header, and the row numbering its columns (`栏次 | 1 | 栏次 | 2 | 3`), which names
    // nothing and holds no amounts.
    let header_len = grid
        .rows
        .iter()
        .take(6)
        .take_while(|r| is_side_header_row(&r.cells) || is_numbering_row(&r.cells))
        .count();
    let header: Vec<Vec<String>> = grid.rows[..header_len]
        .iter()
        .filter(|r| !is_numbering_row(&r.cells))
        .map(|r| owned(&r.cells))
        .collect();
    let data: Vec<&GridRow> = grid.rows[header_len..].iter().collect();
    let width = grid.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let amounts = cell_amounts(&data, unit);
    let counts = column_counts(&data, &amounts, width);
    // A column headed as amounts (金额) holds amounts even where labels spanning the sections
    // (当年支出小计, 支出合计) are printed in it as often as figures.
    let headed_amounts = |j: usize| {
        header
            .iter()
            .filter_map(|r| r.get(j))
            .any(|c| header_word(&normalize_header(c)) == HeaderWord::Role(ColumnRole::Amount))
    };
    let label_cols: Vec<usize> = (0..width)
        .filter(|&j| counts[j].words > 0 && counts[j].words >= counts[j].amounts)
        .filter(|&j| !(headed_amounts(j) && counts[j].amounts > 0))
        .filter(|&j| j == 0 || !holds_spanning_labels_only(&data, j))
        .collect();
    let sections = side_sections(&label_cols, width, &header);
    let titles_at = header
        .iter()
        .position(|r| {
            r.iter()
                .any(|c| side_of(&normalize_header(c)) == Some(Side::Income))
        })
        .map_or(0, |i| i + 1);
    let below_titles = &header[titles_at..];
    // Columns without header or amounts are dropped, and the numbers of rows (行次); the paths are read again only then, as
    // which columns there are changes how the header aligns.
    let sections: Vec<(SideColumns, Vec<Vec<String>>)> = sections
        .into_iter()
        .map(|mut s| {
            let paths = header_paths(below_titles, &s.values, width);
            let keep: Vec<bool> = s
                .values
                .iter()
                .zip(&paths)
                .map(|(j, p)| {
                    let numbers_rows = p.iter().any(|w| is_code_header(w));
                    (!p.is_empty() || counts[*j].amounts > 0) && !numbers_rows
                })
                .collect();
            if let Some((j, path)) = amounts_under_header(&s.values, &paths, &counts) {
                s.values = vec![j];
                return (s, vec![path]);
            }
            if keep.iter().all(|k| *k) {
                return (s, paths);
            }
            s.values = s
                .values
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(j, _)| *j)
                .collect();
            let paths = header_paths(below_titles, &s.values, width);
            (s, paths)
        })
        .collect();
    let mut out = ReadTable::default();
    for (section, paths) in &sections {
        out.columns.extend(make_columns(
            paths,
            &section.values,
            None,
            Some(&section.section),
        ));
    }
    let sections: Vec<SideColumns> = sections.into_iter().map(|(s, _)| s).collect();
    let offsets = section_offsets(&sections);
    let total_columns = out.columns.len();
    for (i, row) in data.iter().enumerate() {
        let cell = |j: usize| row.cells.get(j).map(|c| &**c).unwrap_or("").trim();
        let mut after = 0;
        for (section, offset) in sections.iter().zip(&offsets) {
            // A label spanning two sections of one side (当年支出小计 across 功能分类 and 支出用途)
            // is printed left of the label column of the section its amounts stand in.
            let spanning = (after..section.label)
                .rev()
                .map(cell)
                .find(|c| has_words(c));
            after = section.label + 1;
            let label = match cell(section.label) {
                "" => spanning.unwrap_or("").to_string(),
                own => own.to_string(),
            };
            let mut values = vec![None; total_columns];
            for (k, &j) in section.values.iter().enumerate() {
                values[offset + k] = amount_at(&amounts, i, j);
            }
            if label.is_empty() && values.iter().all(Option::is_none) {
                continue;
            }
            let code = section
                .function_codes
                .then(|| function_class_by_name(&label))
                .flatten();
            out.rows.push(typed_row(Printed {
                code,
                label,
                values,
                section: Some(&section.section),
                line: row.line,
                source: row.source,
            }));
        }
    }
    for section in &sections {
        keep_numbered_classes(&mut out.rows, &section.section);
    }
    out
}

/// Whether the words of a column are all labels of a side's totals (当年支出小计, 结转下年资金,
/// 支出合计), no item: the column is where labels spanning the sections of a side landed (a
/// cell merged across 功能分类 and its 金额), not a section's own label column.
fn holds_spanning_labels_only(data: &[&GridRow], j: usize) -> bool {
    let mut words = data
        .iter()
        .filter_map(|r| r.cells.get(j))
        .map(|c| c.trim())
        .filter(|c| has_words(c))
        .peekable();
    words.peek().is_some() && words.all(|c| row_role(c, true) != RowRole::Item)
}

/// The one column of amounts of a section and the header path of its 金额, when the 金额 heads
/// another column, one without amounts: a header centred in a merged cell lands left of the
/// right-aligned figures under it. Read as one column, the figures under their header.
fn amounts_under_header(
    values: &[usize],
    paths: &[Vec<String>],
    counts: &[Counts],
) -> Option<(usize, Vec<String>)> {
    let headed = |p: &Vec<String>| {
        p.last().is_some_and(|w| {
            header_word(&normalize_header(w)) == HeaderWord::Role(ColumnRole::Amount)
        })
    };
    let mut with_amounts = values.iter().filter(|&&j| counts[j].amounts > 0);
    let (Some(&j), None) = (with_amounts.next(), with_amounts.next()) else {
        return None;
    };
    let at = values.iter().position(|&v| v == j)?;
    if headed(&paths[at]) {
        return None;
    }
    let mut headers = values
        .iter()
        .zip(paths)
        .filter(|(&v, p)| counts[v].amounts == 0 && headed(p));
    match (headers.next(), headers.next()) {
        (Some((_, path)), None) => Some((j, path.clone())),
        _ => None,
    }
}

struct SideColumns {
    section: Section,
    label: usize,
    values: Vec<usize>,
    /// Whether the section lists expenditure by function 类 (its labels name 类).
    function_codes: bool,
}

fn is_side_header_row(cells: &[Cell<'_>]) -> bool {
    let words: Vec<Cow<str>> = cells.iter().map(|c| normalize_header(c)).collect();
    let headerish = words.iter().any(|w| is_side_header_word(w));
    headerish && !cells.iter().any(|c| is_amount(c) && !c.trim().is_empty())
}

fn side_sections(label_cols: &[usize], width: usize, header: &[Vec<String>]) -> Vec<SideColumns> {
    let count = label_cols.len();
    label_cols
        .iter()
        .enumerate()
        .map(|(i, &label)| {
            let end = label_cols.get(i + 1).copied().unwrap_or(width);
            let words: Vec<Cow<str>> = header
                .iter()
                .filter_map(|r| r.get(label))
                .map(|c| normalize_header(c))
                .collect();
            let title: String = words
                .iter()
                .filter(|w| side_of(w).is_none())
                .map(|w| w.as_ref())
                .collect();
            let section = match (i, count) {
                (0, _) => side_section(Side::Income, None, &title),
                _ => side_section(Side::Expenditure, Some(section_scheme(&title)), &title),
            };
            SideColumns {
                function_codes: section.scheme == Some(Classification::Function),
                section,
                label,
                values: (label + 1..end).collect(),
            }
        })
        .collect()
}

fn section_offsets(sections: &[SideColumns]) -> Vec<usize> {
    sections
        .iter()
        .scan(0, |acc, s| {
            let here = *acc;
            *acc += s.values.len();
            Some(here)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// A 决算 summary numbers its rows in a 行次 column beside each side's labels (`1`, `2` …
    /// then `31`, `32` …): those numbers are no amounts, and the sides' totals are read from the
    /// amount columns alone.
    #[test]
    fn the_row_numbers_of_a_summary_are_no_amounts() {
        let text = "收入支出决算总表\n单位：万元\n\
            收入\t\t\t支出\t\t\n\
            项目\t行次\t决算数\t项目\t行次\t决算数\n\
            一、一般公共预算财政拨款收入\t1\t30.00\t一、一般公共服务支出\t31\t10.00\n\
            二、事业收入\t2\t\t二、教育支出\t32\t20.00\n\
            本年收入合计\t3\t30.00\t本年支出合计\t33\t30.00\n";
        let doc = crate::parse_text(text, "t");
        let table = &doc.tables[0];
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert!(
            names.iter().all(|n| !n.contains("行次")),
            "columns: {names:?}"
        );
        let printed = crate::test_support::printed_in_row(table, "本年支出合计");
        assert_eq!(printed, ["30.00"]);
    }

    /// The row numbering the columns under the header (`栏次 | | 1 | 栏次 | | 2`) is no row of
    /// data.
    #[test]
    fn the_column_numbers_of_a_summary_are_no_row() {
        let text = "收入支出决算总表\n单位：万元\n\
            收入\t\t\t支出\t\t\n\
            项目\t行次\t决算数\t项目\t行次\t决算数\n\
            栏次\t\t1\t栏次\t\t2\n\
            一、一般公共预算财政拨款收入\t1\t30.00\t一、一般公共服务支出\t31\t10.00\n\
            二、事业收入\t2\t\t二、教育支出\t32\t20.00\n\
            本年收入合计\t3\t30.00\t本年支出合计\t33\t30.00\n";
        let doc = crate::parse_text(text, "t");
        let table = &doc.tables[0];
        assert!(
            table.rows.iter().all(|r| r.label != "栏次"),
            "{:#?}",
            table.rows
        );
        let printed = crate::test_support::printed_in_row(table, "本年支出合计");
        assert_eq!(printed, ["30.00"]);
    }

    /// The 款 of a numbered 类 (`城乡社区管理事务` under `三、城乡社区支出`) are no 类, though
    /// their names begin as the 类's does.
    #[test]
    fn the_sub_rows_of_a_numbered_class_get_no_class_code() {
        let text = "收支总表\n单位：万元\n\
            收入\t\t支出\t\n\
            项目\t预算数\t项目\t预算数\n\
            一、财政拨款\t279.43\t一、城乡社区支出\t279.43\n\
            \t\t城乡社区管理事务\t25.23\n\
            \t\t城乡社区规划与管理\t254.20\n\
            本年收入合计\t279.43\t本年支出合计\t279.43\n";
        let doc = crate::parse_text(text, "t");
        let coded: Vec<(&str, &str)> = doc.tables[0]
            .rows
            .iter()
            .filter_map(|r| Some((r.label.as_str(), r.code.as_ref()?.as_str())))
            .collect();
        assert_eq!(coded, [("一、城乡社区支出", "212")]);
    }

    /// Expenditure told twice, by function (功能分类) and by purpose (支出用途), under a header
    /// of three rows; the 支出 totals printed once, their label spanning both sections. Each
    /// section gets its 金额 column, and the spanning labels name the totals.
    #[test]
    fn a_summary_telling_expenditure_twice_keeps_its_sections() {
        let text = "收支预算总表\n单位：万元\n\
            收入\t\t支出\t\t\t\n\
            \t\t功能分类\t\t支出用途\t\n\
            项目名称\t金额\t功能科目名称\t金额\t项目名称\t金额\n\
            一、财政拨款\t30.00\t一、一般公共服务支出\t20.00\t一、基本支出\t25.00\n\
            \t\t二、教育支出\t10.00\t二、项目支出\t5.00\n\
            当年收入小计\t30.00\t\t当年支出小计\t\t30.00\n\
            上年结转资金\t\t\t结转下年资金\t\t\n\
            收入合计\t30.00\t\t支出合计\t\t30.00\n";
        let doc = crate::parse_text(text, "t");
        let table = &doc.tables[0];
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        // Each column keeps its side in its name: both sides print 金额.
        assert_eq!(names, ["收入/金额", "支出/金额", "支出/金额"]);
        let printed = crate::test_support::printed_in_row(table, "二、教育支出");
        assert_eq!(printed, ["10.00"]);
        let printed = crate::test_support::printed_in_row(table, "支出合计");
        assert_eq!(printed, ["30.00"]);
    }

    /// The same summary as read from the page's geometry: the labels spanning 功能分类 and its
    /// 金额 (当年支出小计, 支出合计) land in a column of their own, between the section's labels
    /// and its amounts. That column starts no section: the function amounts stay on their rows.
    #[test]
    fn spanning_labels_in_a_column_of_their_own_start_no_section() {
        let text = "收支预算总表\n单位：万元\n\
            收入\t\t\t\t\t\t\t\n\
            \t\t\t\t\t支出\t\t\n\
            \t\t\t\t\t\t支出用途\t\n\
            \t\t\t功能分类\t\t\t\t\n\
            项目名称\t金额\t功能科目名称\t\t金额\t\t项目名称\t金额\n\
            一、财政拨款\t30.00\t一、一般公共服务支出\t\t\t20.00\t一、基本支出\t25.00\n\
            \t\t二、教育支出\t\t\t10.00\t二、项目支出\t5.00\n\
            当年收入小计\t30.00\t\t\t当年支出小计\t\t\t30.00\n\
            上年结转资金\t\t\t\t结转下年资金\t\t\t\n\
            收入合计\t30.00\t\t\t支出合计\t\t\t30.00\n";
        let doc = crate::parse_text(text, "t");
        let table = &doc.tables[0];
        let printed = crate::test_support::printed_in_row(table, "二、教育支出");
        assert_eq!(printed, ["10.00"], "{:#?}", table.rows);
        // The 金额 over the function amounts, a column left of them, heads them.
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names.iter().filter(|n| n.ends_with("金额")).count(),
            3,
            "{names:?}"
        );
        assert_eq!(names.len(), 3, "{names:?}");
        let printed = crate::test_support::printed_in_row(table, "支出合计");
        assert_eq!(printed, ["30.00"]);
    }
}
