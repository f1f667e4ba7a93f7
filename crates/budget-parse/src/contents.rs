//! The table of contents (目录): which tables the document promises, and which it declares
//! empty and why.

use budget_model::{strip_ordinal, ContentsEntry};

use crate::columns::normalize_header;
use crate::grid::Grid;
use crate::text::TextLine;
use crate::vocab::ordinals::ordinal;
use crate::vocab::titles::{
    classify_title, is_listed_table, CONTENTS, CONTENTS_EMPTY, CONTENTS_GRID_HEADERS,
    CONTENTS_NAME, CONTENTS_REASON, YES,
};

/// The most lines a contents section runs for.
const MAX_CONTENTS_LINES: usize = 120;

/// Table entries of a contents section printed as text (`- 一、《收支预算总表》`).
pub fn contents_from_text(lines: &[TextLine<'_>]) -> Vec<ContentsEntry> {
    let Some(start) = lines.iter().position(|l| is_contents_heading(l.text)) else {
        return Vec::new();
    };
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut wrapped: Option<String> = None;
    for line in lines.iter().skip(start + 1).take(MAX_CONTENTS_LINES) {
        if crate::grid::is_table_line(line.text) {
            break; // the tables have begun
        }
        let text = clean_line(line.text);
        if text.is_empty() {
            continue;
        }
        if seen.contains(&text) {
            break; // the body repeats the first heading of the contents
        }
        seen.push(text.clone());
        let (text, entry) = match wrapped.take().and_then(|first| joined_entry(&first, &text)) {
            Some((joined, entry)) => (joined, Some(entry)),
            None => {
                let entry = entry_from_title(&text);
                (text, entry)
            }
        };
        match entry {
            Some(entry) => {
                if !out.iter().any(|e: &ContentsEntry| e.title == entry.title) {
                    out.push(entry);
                }
            }
            None => wrapped = ordinal(&text).is_some().then_some(text),
        }
    }
    out
}

/// An entry wrapped over two lines (`十一、一般公共预算“三公”经费、会议费、培训费支` /
/// `出预算表`): a numbered line that names no table, and a line without a number that
/// completes it. The second line alone (`出预算表`) is no entry.
fn joined_entry(first: &str, next: &str) -> Option<(String, ContentsEntry)> {
    let sentence = first.contains(['。', '，', '；']);
    if sentence || ordinal(next).is_some() || classify_title(next).is_some() {
        return None;
    }
    let joined = format!("{first}{next}");
    let entry = entry_from_title(&joined)?;
    Some((joined, entry))
}

fn is_contents_heading(text: &str) -> bool {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '#')
        .collect();
    t == CONTENTS
}

fn clean_line(text: &str) -> String {
    text.trim()
        .trim_start_matches(['#', '-', '*', ' '])
        .trim()
        .to_string()
}

fn entry_from_title(text: &str) -> Option<ContentsEntry> {
    let title = strip_ordinal(text)
        .trim_matches(|c| matches!(c, '《' | '》' | ' '))
        .to_string();
    is_listed_table(&title).then(|| ContentsEntry {
        kind: classify_title(&title),
        title,
        declared_empty: false,
        empty_reason: None,
    })
}

/// A grid that lists the tables (报表名称, 是否空表, 公开空表理由).
pub fn is_contents_grid(grid: &Grid) -> bool {
    grid.rows.first().is_some_and(|r| {
        r.cells
            .iter()
            .map(|c| normalize_header(c))
            .any(|c| CONTENTS_GRID_HEADERS.contains(&c.as_ref()))
    })
}

pub fn contents_from_grid(grid: &Grid) -> Vec<ContentsEntry> {
    let Some(header) = grid.rows.first() else {
        return Vec::new();
    };
    let find = |word: &str| {
        header
            .cells
            .iter()
            .position(|c| normalize_header(c).contains(word))
    };
    let (Some(name_col), empty_col, reason_col) = (
        find(CONTENTS_NAME),
        find(CONTENTS_EMPTY),
        find(CONTENTS_REASON),
    ) else {
        return Vec::new();
    };
    grid.rows
        .iter()
        .skip(1)
        .filter_map(|row| {
            let cell = |j: Option<usize>| {
                j.and_then(|j| row.cells.get(j))
                    .map(|c| c.trim())
                    .unwrap_or("")
            };
            let title = cell(Some(name_col)).to_string();
            if title.is_empty() {
                return None;
            }
            let reason = match cell(reason_col) {
                "" => reason_beside(&row.cells, empty_col),
                printed => printed.to_string(),
            };
            Some(ContentsEntry {
                kind: classify_title(&title),
                title,
                declared_empty: cell(empty_col) == YES,
                empty_reason: (!reason.is_empty()).then_some(reason),
            })
        })
        .collect()
}

/// A reason printed off its header's column: the cells right of 是否空表 (the header
/// 表格为空的理由 stands one column further than the reasons under it).
fn reason_beside(cells: &[crate::grid::Cell<'_>], empty_col: Option<usize>) -> String {
    let Some(j) = empty_col else {
        return String::new();
    };
    let words: Vec<&str> = cells
        .iter()
        .skip(j + 1)
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines;

    #[test]
    fn reads_a_text_contents_until_the_body_repeats_it() {
        let text = "# 目 录\n# 第一部分 概况\n- 一、《收支预算总表》\n- 二、《部门收人总表》\n第三部分 说明\n# 第一部分 概况\n- 三、《不算》";
        let entries = contents_from_text(&lines(text));
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, vec!["收支预算总表", "部门收人总表"]);
        assert_eq!(
            entries[1].kind,
            Some(budget_model::TableKind::IncomeSummary)
        );
    }

    /// A reason printed under the column before its header's is still the reason.
    #[test]
    fn a_reason_off_its_header_column() {
        let text = "报表\t报表名称\t是否空表\t\t表格为空的理由\n\
            表9\t部门综合预算政府性基金收支表\t是\t不涉及\t\n\
            表10\t部门综合预算专项业务经费支出表\t\t\t\n";
        let blocks = crate::grid::blocks(&lines(text));
        let Some(crate::grid::Block::Grid(grid)) = blocks.first() else {
            panic!("no grid");
        };
        let entries = contents_from_grid(grid);
        assert_eq!(entries.len(), 2);
        assert!(entries[0].declared_empty);
        assert_eq!(entries[0].empty_reason.as_deref(), Some("不涉及"));
        assert_eq!(entries[1].empty_reason, None);
    }

    /// An entry wrapped over two lines is one entry; the part heading that names the set of
    /// tables (五、单位预算表) is none.
    #[test]
    fn joins_a_wrapped_entry_and_skips_the_part_heading() {
        let text = "目 录\n五、单位预算表\n十、一般公共预算机关运行经费支出预算表\n\
            十一、一般公共预算“三公”经费、会议费、培训费支\n      出预算表\n十二、政府采购支出预算表";
        let entries = contents_from_text(&lines(text));
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "一般公共预算机关运行经费支出预算表",
                "一般公共预算“三公”经费、会议费、培训费支出预算表",
                "政府采购支出预算表"
            ]
        );
    }
}
