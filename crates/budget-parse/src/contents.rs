//! The table of contents (目录): which tables the document promises, and which it declares
//! empty and why.

use budget_model::{strip_ordinal, ContentsEntry};

use crate::columns::normalize_header;
use crate::grid::Grid;
use crate::text::TextLine;
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
        if let Some(entry) = entry_from_title(&text) {
            if !out.iter().any(|e: &ContentsEntry| e.title == entry.title) {
                out.push(entry);
            }
        }
    }
    out
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
            let reason = cell(reason_col);
            Some(ContentsEntry {
                kind: classify_title(&title),
                title,
                declared_empty: cell(empty_col) == YES,
                empty_reason: (!reason.is_empty()).then(|| reason.to_string()),
            })
        })
        .collect()
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
}
