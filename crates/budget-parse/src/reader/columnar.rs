//! The columnar layout: code column(s), a label column, amount columns under a (multi-row)
//! header, with a numbering row (`** ** 1 2 3`) where printed.

use budget_model::{split_bracketed_code, Amount, Code, CodeReader, Column, ColumnRole, Unit};

use super::header::{has_own_header, header_paths, header_text, make_columns, normalized};
use super::{amount_at, cell_amounts, column_counts, owned, Counts, ReadTable};
use crate::cells::{has_words, is_amount, is_digits};
use crate::grid::{Cell, Grid, GridRow};
use crate::rows::{typed_row, Printed};
use crate::vocab::tables::{
    compact, is_agency_header, is_agency_name_header, is_code_header, is_label_header,
    is_ordinal_header, is_period_header, is_split_code_header, is_total_label, NUMBERING,
    RECEPTION_WITHOUT_HEADER,
};

/// The header rows and the data rows of a grid.
struct Split<'g> {
    header: Vec<Vec<String>>,
    /// Column labels from a numbering row (`** ** 1 2 3`), when printed.
    numbering: Option<Vec<String>>,
    data: Vec<&'g GridRow<'g>>,
    width: usize,
}

fn split<'g>(grid: &'g Grid<'_>) -> Split<'g> {
    let numbering_at = grid
        .rows
        .iter()
        .take(6)
        .position(|r| is_numbering_row(&r.cells));
    let data_start = match numbering_at {
        Some(i) => i + 1,
        None => grid
            .rows
            .iter()
            .position(|r| is_data_row(&r.cells))
            .unwrap_or(grid.rows.len()),
    };
    let header: Vec<Vec<String>> = grid.rows[..data_start]
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != numbering_at)
        .map(|(_, r)| owned(&r.cells))
        .collect();
    let data: Vec<&GridRow> = grid.rows[data_start..].iter().collect();
    let width = data
        .iter()
        .map(|r| r.cells.len())
        .chain(header.iter().map(Vec::len))
        .max()
        .unwrap_or(0);
    Split {
        header,
        numbering: numbering_at.map(|i| owned(&grid.rows[i].cells)),
        data,
        width,
    }
}

/// `** | ** | 1 | 2 | 3` or `栏次 | 1 | 2`.
pub fn is_numbering_row(cells: &[Cell<'_>]) -> bool {
    let filled = || cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
    // Most rows hold other text: settled before any number is collected.
    let others_are_marks = filled()
        .all(|c| c.parse::<u32>().is_ok() || c.chars().all(|ch| ch == '*') || c == NUMBERING);
    if !others_are_marks {
        return false;
    }
    let numbers: Vec<u32> = filled().filter_map(|c| c.parse().ok()).collect();
    numbers.len() >= 2
        && numbers.first() == Some(&1)
        && numbers.windows(2).all(|w| w[1] == w[0] + 1)
}

/// A row with an amount, a classification code, or a total label and nothing but amounts
/// starts the data.
fn is_data_row(cells: &[Cell<'_>]) -> bool {
    let filled: Vec<(&str, bool)> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(|c| (c, is_amount(c)))
        .collect();
    let amounts = filled.iter().filter(|(_, amount)| *amount).count();
    let total_row = || {
        filled
            .iter()
            .any(|(c, _)| is_total_label(c) && compact(c).chars().count() <= 3)
            && filled.len() - amounts == 1
    };
    filled.iter().any(|(c, amount)| *amount && !is_digits(c))
        || filled.iter().take(3).any(|(c, _)| Code::parse(c).is_some())
        || amounts >= 2
        || total_row()
}

/// Whether a (normalized) header row names column `j` 类, 款 or 项 (codes split over columns).
fn is_split_code_column(words: &[Vec<String>], j: usize) -> bool {
    words
        .iter()
        .filter_map(|row| row.get(j))
        .any(|c| is_split_code_header(c))
}

/// The fewest rows led by a classification code that make a grid a table of coded amounts.
const MIN_CODED_ROWS: usize = 3;

/// Whether a grid lists amounts by classification code (`201 一般公共服务支出 …`): at least
/// [`MIN_CODED_ROWS`] rows with amounts lead with a code, and at least half of the rows with
/// amounts do. Such a table is read by its columns whatever its title (财政拨款支出表（功能科目）,
/// a table of no standard kind), not as a form.
pub fn lists_coded_amounts(grid: &Grid) -> bool {
    let (coded, with_amounts) = coded_rows(grid);
    coded >= MIN_CODED_ROWS && 2 * coded >= with_amounts
}

/// Whether every row with amounts of a grid leads with a classification code, and one does:
/// the rest of a coded table carried over a page.
pub fn only_coded_amounts(grid: &Grid) -> bool {
    let (coded, with_amounts) = coded_rows(grid);
    coded > 0 && coded == with_amounts
}

/// How many rows with amounts of a grid lead with a classification code, of how many. A grid
/// with a row of two codes prints two lists side by side (人员经费 items beside 公用经费
/// items): none of its rows counts as coded, it is no table of one list.
fn coded_rows(grid: &Grid) -> (usize, usize) {
    let with_amounts = grid
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| is_amount(c)) && !is_numbering_row(&r.cells));
    let is_code = |c: &&Cell| Code::parse(c).is_some();
    // A code in its own cell (`302`), or in brackets before the name (`[302]商品和服务支出`).
    let leads_with_code = |r: &GridRow| {
        r.cells
            .iter()
            .find(|c| !c.trim().is_empty())
            .is_some_and(|c| is_code(&c) || split_bracketed_code(c).is_some())
    };
    let (mut coded, mut all) = (0, 0);
    for row in with_amounts {
        if row.cells.iter().filter(is_code).count() > 1 {
            return (0, 0);
        }
        all += 1;
        coded += usize::from(leads_with_code(row));
    }
    (coded, all)
}

/// Reads a columnar table. A row of a table printing one row per year (单位 | 年度 | …) is
/// labelled with its year too (`本级 2025年`, then `2026年`): the unit's name is printed on
/// its first year only.
pub fn read_columnar(grid: &Grid, unit: Unit) -> ReadTable {
    let split = split(grid);
    let amounts = cell_amounts(&split.data, unit);
    let counts = column_counts(&split.data, &amounts, split.width);
    let words = normalized(&split.header);
    let headers: Vec<String> = (0..split.width).map(|j| header_text(&words, j)).collect();
    let label_col = find_label_column(&counts, &headers);
    let period_col =
        (0..split.width).find(|&j| Some(j) != label_col && is_period_header(&headers[j]));
    let code_cols = code_columns(label_col, &headers, &words, &split.data);
    let agency_cols: Vec<usize> = (0..label_col.unwrap_or(0))
        .filter(|&j| is_agency_header(&headers[j]))
        .collect();
    let value_cols: Vec<usize> = (label_col.map_or(0, |l| l + 1)..split.width)
        .filter(|&j| !is_code_header(&headers[j]) && !is_split_code_column(&words, j))
        .filter(|&j| counts[j].words <= counts[j].amounts)
        .filter(|&j| !(counts[j].words > 0 && counts[j].amounts == 0))
        .collect();
    let value_cols: Vec<usize> = value_cols
        .into_iter()
        .filter(|&j| counts[j].amounts > 0 || has_own_header(&words, j))
        .collect();
    let paths = header_paths(&split.header, &value_cols, split.width);
    let columns = make_columns(&paths, &value_cols, split.numbering.as_deref(), None);
    let mut out = ReadTable {
        columns,
        ..ReadTable::default()
    };
    // A mask, not `value_cols.contains`: a row may have a million cells.
    let mut is_value = vec![false; split.width];
    for &j in &value_cols {
        if let Some(v) = is_value.get_mut(j) {
            *v = true;
        }
    }
    let levels = outline_columns(&split.data, &amounts, &counts, &is_value);
    let mut codes = CodeReader::new();
    let mut code_cells: Vec<&str> = Vec::with_capacity(code_cols.len());
    for (i, row) in split.data.iter().enumerate() {
        // The numbering row again, repeated with the header on a page the table goes on to.
        if is_numbering_row(&row.cells) {
            continue;
        }
        let cell = |j: usize| row.cells.get(j).map(|c| &**c).unwrap_or("").trim();
        code_cells.clear();
        code_cells.extend(code_cols.iter().map(|&j| cell(j)));
        let mut code = codes.read(&code_cells);
        let mut printed_label = label_col.map(cell).unwrap_or("");
        if let (None, Some((digits, name))) = (&code, split_bracketed_code(printed_label)) {
            code = codes.read(&[digits]);
            printed_label = name;
        }
        let period = period_col
            .map(cell)
            .filter(|p| has_words(p) && *p != printed_label);
        let label = if let (true, Some(period)) = (has_words(printed_label), period) {
            format!("{printed_label} {period}")
        } else if has_words(printed_label) {
            printed_label.to_string()
        } else {
            (0..split.width)
                .filter(|&j| !is_value[j])
                .map(cell)
                .find(|c| has_words(c))
                .unwrap_or(printed_label)
                .to_string()
        };
        let values: Vec<_> = value_cols
            .iter()
            .map(|&j| amount_at(&amounts, i, j))
            .collect();
        if code.is_none() {
            let agency = agency_cols
                .iter()
                .map(|&j| cell(j))
                .chain(std::iter::once(printed_label))
                .find(|c| is_digits(c));
            if let Some(agency) = agency {
                out.agencies.push((agency.to_string(), label.clone()));
            }
        }
        if label.is_empty() && code.is_none() && values.iter().all(Option::is_none) {
            continue;
        }
        let mut typed = typed_row(Printed {
            code,
            label,
            values,
            section: None,
            line: row.line,
            source: row.source,
        });
        typed.outline = outline_of(row, &levels);
        out.rows.push(typed);
    }
    out
}

/// The columns that name a row's level, left to right, in a table naming its rows in several
/// columns (采购品目大类 | 专项名称 | 经济科目 | 采购物品名称): columns of words rather than
/// amounts or codes, each printed on some row with amounts without the level left of it. A column
/// only ever printed beside the level left of it says something of that level (采购组织形式,
/// 项目类别): it is no level of its own. None unless two levels or more.
fn outline_columns(
    data: &[&GridRow],
    amounts: &[Vec<Option<Amount>>],
    counts: &[Counts],
    is_value: &[bool],
) -> Vec<usize> {
    let wordy = |j: usize| !is_value[j] && counts[j].words > counts[j].amounts;
    let has_amounts = |i: usize| {
        amounts
            .get(i)
            .is_some_and(|r| r.iter().any(Option::is_some))
    };
    let filled = names_in;
    let mut levels: Vec<usize> = Vec::new();
    for j in (0..is_value.len()).filter(|&j| wordy(j)) {
        let alone = |prev: usize| {
            data.iter()
                .enumerate()
                .any(|(i, row)| has_amounts(i) && filled(row, j) && !filled(row, prev))
        };
        if levels.last().is_none_or(|&prev| alone(prev)) {
            levels.push(j);
        }
    }
    if levels.len() < 2 {
        levels.clear();
    }
    levels
}

/// The depth of the deepest level column a row prints its name in (see [`outline_columns`]).
fn outline_of(row: &GridRow, levels: &[usize]) -> Option<u8> {
    let depth = levels.iter().rposition(|&j| names_in(row, j))?;
    u8::try_from(depth).ok()
}

/// Whether a row prints words in column `j`.
fn names_in(row: &GridRow, j: usize) -> bool {
    row.cells.get(j).is_some_and(|c| has_words(c))
}

/// The column of the rows' labels: the first of words headed as a name (科目名称, 项目名称),
/// one naming an item before one naming the unit the item belongs to (单位名称), else the first
/// of words.
fn find_label_column(counts: &[Counts], headers: &[String]) -> Option<usize> {
    let wordy = |j: usize| counts[j].words > 0 && counts[j].words >= counts[j].amounts;
    let no_data = counts.iter().all(|c| c.words == 0 && c.amounts == 0);
    let named = |j: &usize| (wordy(*j) || no_data) && is_label_header(&headers[*j]);
    let mut names = (0..counts.len()).filter(named);
    let first = names.clone().next();
    names
        .find(|&j| !is_agency_name_header(&headers[j]))
        .or(first)
        .or_else(|| (0..counts.len()).find(|&j| wordy(j)))
}

/// The columns left of the label that hold the classification code: 类 | 款 | 项 when split,
/// otherwise the first that is no agency or ordinal column (科目编码 after a 预算单位 column of
/// names), with the one after it when that one prints codes only, never on a row of the first:
/// a code staggered over two columns (the 类 in the first, its 款 and 项 in the second, the
/// header over either), not a second classification beside the first (政府经济科目).
fn code_columns(
    label_col: Option<usize>,
    headers: &[String],
    words: &[Vec<String>],
    data: &[&GridRow],
) -> Vec<usize> {
    let before = 0..label_col.unwrap_or(0);
    let split: Vec<usize> = before
        .clone()
        .filter(|&j| is_split_code_column(words, j))
        .collect();
    if !split.is_empty() {
        return split;
    }
    let first = before.clone().find(|&j| {
        let h = &headers[j];
        !is_agency_header(h) && !is_agency_name_header(h) && !is_ordinal_header(h)
    });
    let Some(first) = first else {
        return Vec::new();
    };
    let next = first + 1;
    let staggered = before.contains(&next)
        && prints_codes_only(data, next)
        && !data
            .iter()
            .any(|r| prints_in(r, first) && prints_in(r, next));
    if staggered {
        vec![first, next]
    } else {
        vec![first]
    }
}

/// Whether a row prints anything in column `j`.
fn prints_in(row: &GridRow, j: usize) -> bool {
    row.cells.get(j).is_some_and(|c| !c.trim().is_empty())
}

/// Whether column `j` prints classification codes and nothing else (blanks aside).
fn prints_codes_only(data: &[&GridRow], j: usize) -> bool {
    let mut cells = data
        .iter()
        .filter_map(|r| r.cells.get(j))
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .peekable();
    cells.peek().is_some() && cells.all(|c| Code::parse(c).is_some())
}

/// The standard 三公 table has 合计, 因公出国（境）费, 公务接待费 and 公务用车 columns. When
/// extraction lost the header of one column (it then reads as its neighbour group's label
/// alone) and no 公务接待费 column was found, that column is the 公务接待费: a named repair
/// of one layout trait (a header cell lost by extraction), tested below.
pub fn repair_three_public(columns: &mut [Column]) {
    if columns.iter().any(|c| c.role == ColumnRole::Reception) {
        return;
    }
    let headless: Vec<usize> = (0..columns.len())
        .filter(|&j| {
            let name = &columns[j].name;
            let prefix = format!("{name}/");
            columns.iter().any(|c| c.name.starts_with(&prefix))
        })
        .collect();
    if let [j] = headless[..] {
        columns[j].role = ColumnRole::Reception;
        columns[j].name = RECEPTION_WITHOUT_HEADER.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::blocks;
    use crate::text::lines;
    use budget_model::ColumnRole;

    fn grid(text: &str) -> Grid<'_> {
        let lines = lines(text);
        blocks(&lines)
            .into_iter()
            .find_map(|b| match b {
                crate::grid::Block::Grid(g) => Some(g),
                _ => None,
            })
            .expect("a grid")
    }

    /// Codes printed in brackets before the names, in the names' cells (Guangdong): each row
    /// has its code and its name apart.
    #[test]
    fn codes_in_brackets_before_names_are_the_rows_codes() {
        let text = "功能科目名称\t小计\t基本支出\t项目支出\n合计\t30.00\t20.00\t10.00\n\
            [201]一般公共服务支出\t30.00\t20.00\t10.00\n[20140]信访事务\t30.00\t20.00\t10.00\n";
        let t = read_columnar(&grid(text), Unit::WanYuan);
        let rows: Vec<(Option<&str>, &str)> = t
            .rows
            .iter()
            .map(|r| (r.code.as_ref().map(Code::as_str), r.label.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (None, "合计"),
                (Some("201"), "一般公共服务支出"),
                (Some("20140"), "信访事务")
            ]
        );
    }

    fn codes_and_labels(t: &ReadTable) -> Vec<(Option<&str>, &str)> {
        t.rows
            .iter()
            .map(|r| (r.code.as_ref().map(Code::as_str), r.label.as_str()))
            .collect()
    }

    /// A 预算单位 column of units' names before the 科目编码 column (Shenzhen): the codes are
    /// read from the code column, the unit's row is named by its unit.
    #[test]
    fn codes_after_a_column_of_units_names_are_the_rows_codes() {
        let text = "预算单位\t科目编码\t科目名称\t支出总计\t基本支出\n\
            某局（本级）\t\t\t30.00\t30.00\n\t201\t一般公共服务支出\t30.00\t30.00\n\
            \t20106\t财政事务\t30.00\t30.00\n";
        let t = read_columnar(&grid(text), Unit::WanYuan);
        assert_eq!(
            codes_and_labels(&t),
            [
                (None, "某局（本级）"),
                (Some("201"), "一般公共服务支出"),
                (Some("20106"), "财政事务")
            ]
        );
    }

    /// Codes staggered over two columns, the 类 in the first and its 款 and 项 in the second
    /// (Xi'an): every row has its code. A second column of names after the codes (政府经济科目
    /// beside 部门经济科目) is no code column.
    #[test]
    fn codes_staggered_over_two_columns_are_the_rows_codes() {
        let text = "功能科目编码\t\t功能科目名称\t合计\n\t\t合计\t30.00\n\
            201\t\t一般公共服务支出\t30.00\n\t20108\t审计事务\t30.00\n\t2010801\t行政运行\t30.00\n";
        let t = read_columnar(&grid(text), Unit::WanYuan);
        let codes: Vec<_> = codes_and_labels(&t).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, [None, Some("201"), Some("20108"), Some("2010801")]);
        let text = "部门经济科目编码\t部门经济科目名称\t政府经济科目编码\t政府经济科目名称\t合计\n\
            301\t工资福利支出\t\t\t30.00\n30101\t基本工资\t50101\t工资奖金津补贴\t30.00\n";
        let t = read_columnar(&grid(text), Unit::WanYuan);
        let codes: Vec<_> = codes_and_labels(&t).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, [Some("301"), Some("30101")]);
        let text = "功能分类编码\t政府经济科目\t功能分类名称\t金额\n\
            2100410\t59999\t突发公共卫生事件应急处理\t87\n2101599\t50299\t其他医疗保障管理事务支出\t1.57\n";
        let t = read_columnar(&grid(text), Unit::WanYuan);
        let codes: Vec<_> = codes_and_labels(&t).into_iter().map(|(c, _)| c).collect();
        assert_eq!(codes, [Some("2100410"), Some("2101599")]);
    }

    /// A procurement table naming its rows in three level columns, with 采购组织形式 said of
    /// the last one.
    const PROCUREMENT: &str = "采购品目大类\t专项名称\t采购物品名称\t采购组织形式\t总计\n合计\t\t\t\t30.00\n一、货物 A\t\t\t\t30.00\n\t办公设备购置\t\t\t30.00\n\t\t台式计算机\t分散自行组织\t10.00\n\t\t打印设备\t部门集中采购\t20.00\n";

    #[test]
    fn rows_named_in_level_columns_have_their_outline() {
        let g = grid(PROCUREMENT);
        let t = read_columnar(&g, Unit::WanYuan);
        let outline: Vec<Option<u8>> = t.rows.iter().map(|r| r.outline).collect();
        assert_eq!(outline, [Some(0), Some(0), Some(1), Some(2), Some(2)]);
    }

    #[test]
    fn a_table_naming_its_rows_in_one_column_has_no_outline() {
        let g = grid("科目名称\t备注\t合计\n一般公共服务支出\t说明\t10.00\n教育支出\t\t10.00\n");
        let t = read_columnar(&g, Unit::WanYuan);
        assert!(t.rows.iter().all(|r| r.outline.is_none()), "{:?}", t.rows);
    }

    #[test]
    fn an_item_name_column_labels_the_rows_before_the_unit_name() {
        let g = grid("单位名称\t项目名称\t项目金额\n\t合计\t30.5\n[242001]某局\t宣传经费\t28.5\n[242001]某局\t调研经费\t2");
        let t = read_columnar(&g, Unit::WanYuan);
        let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["合计", "宣传经费", "调研经费"]);
        assert!(t.rows.iter().all(|r| r.code.is_none()));
    }

    #[test]
    fn a_rows_year_is_part_of_its_label() {
        let g = grid("预算单位\t年度\t总计\t公务接待费\n本级\t2025 年\t59.66\t9.46\n\t2026 年\t58.46\t9.46\n\t增减变化金额\t-1.20\t0.00");
        let t = read_columnar(&g, Unit::WanYuan);
        let labels: Vec<&str> = t.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["本级 2025 年", "2026 年", "增减变化金额"]);
    }

    #[test]
    fn columnar_with_short_codes_and_numbering() {
        let g = grid("科目编码\t科目名称\t合计\t基本支出\t项目支出\n**\t**\t1\t2\t3\n\t合计\t8,763.47\t6,824.03\t1,939.44\n208\t社会保障和就业支出\t592.54\t592.54\t\n05\t行政事业单位养老支出\t592.54\t592.54\t\n2080501\t行政单位离退休\t0.48\t0.48\t");
        let t = read_columnar(&g, Unit::WanYuan);
        let roles: Vec<_> = t.columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            vec![ColumnRole::Total, ColumnRole::Basic, ColumnRole::Project]
        );
        assert_eq!(t.rows.len(), 4);
        assert_eq!(t.rows[2].code.as_ref().map(|c| c.as_str()), Some("20805"));
        assert_eq!(t.rows[0].label, "合计");
        assert_eq!(t.rows[1].values[2], None);
        assert_eq!(
            t.rows[3].values[0].map(|a| a.to_string()).as_deref(),
            Some("0.48万元")
        );
    }

    fn column_names(text: &str) -> Vec<String> {
        let t = read_columnar(&grid(text), Unit::WanYuan);
        t.columns.into_iter().map(|c| c.name).collect()
    }

    /// A column empty in every row (header and body) under a group header: the group spans it,
    /// as the merged cell it is printed as does, so the column after it is still in the group;
    /// space-aligned text, which cannot show the empty column, reads the same columns.
    #[test]
    fn group_header_spans_a_column_empty_in_every_row() {
        let tabs = "科目\t合计\t基本支出\t\t\t项目支出\n\t\t人员经费\t\t公用经费\t\n合计\t30.00\t10.00\t\t20.00\t\n教育支出\t30.00\t10.00\t\t20.00\t";
        let expected = ["合计", "基本支出/人员经费", "基本支出/公用经费", "项目支出"];
        assert_eq!(column_names(tabs), expected);
        let spaces = "\
科目      合计    基本支出              项目支出
                  人员经费  公用经费
合计      30.00   10.00        20.00
教育支出  30.00   10.00        20.00
";
        assert_eq!(
            column_names(&budget_input::layout::align_tables(spaces).text),
            expected
        );
    }

    #[test]
    fn a_three_public_column_without_header_is_the_reception() {
        let column = |name: &str, role: ColumnRole| Column {
            name: name.to_string(),
            role,
            section: None,
        };
        let mut columns = vec![
            column("合计", ColumnRole::Total),
            column("因公出国(境)费", ColumnRole::Abroad),
            column("公务用车购置及运行维护费", ColumnRole::Other),
            column(
                "公务用车购置及运行维护费/公务用车购置",
                ColumnRole::VehiclePurchase,
            ),
        ];
        repair_three_public(&mut columns);
        assert_eq!(columns[2].role, ColumnRole::Reception);
        assert_eq!(columns[2].name, RECEPTION_WITHOUT_HEADER);
        assert_eq!(columns[1].role, ColumnRole::Abroad);
    }
}
