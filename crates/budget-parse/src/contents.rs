//! The table of contents (目录): which tables the document promises, and which it declares
//! empty and why.

use budget_model::{strip_ordinal, title_core, ContentsEntry};

use crate::columns::normalize_header;
use crate::grid::Grid;
use crate::text::TextLine;
use crate::vocab::ordinals::ordinal;
use crate::vocab::titles::{
    classify_title, is_listed_table, CONTENTS, CONTENTS_EMPTY, CONTENTS_GRID_HEADERS,
    CONTENTS_NAME, CONTENTS_REASON, NO, YES,
};
use budget_model::is_table_number;

/// The most lines a contents section runs for.
const MAX_CONTENTS_LINES: usize = 120;

/// Table entries of the contents sections printed as text (`- 一、《收支预算总表》`). A
/// document may print two (the narrative's list of tables, and a list before the tables that
/// says which are empty, `表8  国有资本经营…支出决算表  是  本部门不涉及`): an entry listed again
/// takes what the later list says of it.
pub fn contents_from_text(lines: &[TextLine<'_>]) -> Vec<ContentsEntry> {
    let mut out: Vec<ContentsEntry> = Vec::new();
    let starts = (0..lines.len()).filter(|&i| is_contents_heading(lines[i].text));
    for start in starts {
        merge(&mut out, section_entries(&lines[start + 1..]));
    }
    out
}

/// Adds the entries of another list of the tables to those listed: a table listed again is
/// one entry (titles compared without spaces and year, as [`title_core`] does), which takes what
/// the later list says when that declares it empty.
pub fn merge(listed: &mut Vec<ContentsEntry>, more: Vec<ContentsEntry>) {
    for entry in more {
        let core = title_core(&entry.title);
        match listed.iter_mut().find(|e| title_core(&e.title) == core) {
            Some(old) if entry.declared_empty => *old = entry,
            Some(_) => {}
            None => listed.push(entry),
        }
    }
}

/// The entries of one contents section, from the line after its heading.
fn section_entries(lines: &[TextLine<'_>]) -> Vec<ContentsEntry> {
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let mut wrapped: Option<String> = None;
    for line in lines.iter().take(MAX_CONTENTS_LINES) {
        let text = clean_line(line.text);
        if is_contents_heading(line.text) || ends_contents(line.text, &text) {
            break; // the tables have begun
        }
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
                let entry = entry_from_line(&text);
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

/// Whether a line ends a contents section: a line of a table's grid, unless it is a line of
/// the contents' own columns (its header naming 是否空表, or an entry).
fn ends_contents(line: &str, text: &str) -> bool {
    let own = text.contains(CONTENTS_EMPTY) || entry_from_line(text).is_some();
    crate::grid::is_table_line(line) && !own
}

/// An entry of a contents line: its title, and when the line goes on in columns
/// (`表8    国有资本经营预算财政拨款支出决算表    是    本部门不涉及故公开空表`), whether it is
/// declared empty (是否空表) and why. Columns are set apart by a tab or two spaces or more.
fn entry_from_line(text: &str) -> Option<ContentsEntry> {
    let fields: Vec<&str> = text
        .split('\t')
        .flat_map(|f| f.split("  "))
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    let at = fields.iter().position(|f| !is_table_number(f))?;
    let answer = fields.iter().skip(at + 1).position(|f| is_yes_or_no(f));
    let Some(answer) = answer.map(|k| at + 1 + k) else {
        // No 是否空表 column: the title is all of the line after its number.
        return entry_from_title(&fields[at..].join(" "));
    };
    let mut entry = entry_from_title(&fields[at..answer].join(" "))?;
    let reason = &fields[answer + 1..];
    entry.declared_empty = fields[answer] == YES;
    entry.empty_reason = (!reason.is_empty()).then(|| reason.join(" "));
    Some(entry)
}

/// The answers of a 是否空表 column.
fn is_yes_or_no(text: &str) -> bool {
    text == YES || text == NO
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
    let find_any = |words: &[&str]| {
        header
            .cells
            .iter()
            .position(|c| words.iter().any(|w| normalize_header(c).contains(w)))
    };
    let find = |word: &str| find_any(&[word]);
    let (Some(name_col), empty_col, reason_col) = (
        find_any(&CONTENTS_NAME),
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

    /// A list of the tables printed as text in columns, after the narrative's own list: the
    /// later list says which table is empty and why.
    #[test]
    fn a_second_contents_in_columns_declares_the_empty_tables() {
        let text = "目录\n一、收入支出决算总表\n表8\t国有资本经营预算财政拨款支出决算表\n正文。\n\
            目录\n序号    内容    是否空表    表格为空的理由\n表1    收入支出决算总表    否\n\
            表8\t国有资本经营预算财政拨款支出决算表\t是\t本部门不涉及故公开空表";
        let entries = contents_from_text(&lines(text));
        let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            ["收入支出决算总表", "国有资本经营预算财政拨款支出决算表"]
        );
        assert!(!entries[0].declared_empty);
        assert!(entries[1].declared_empty);
        assert_eq!(
            entries[1].empty_reason.as_deref(),
            Some("本部门不涉及故公开空表")
        );
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
