//! Typed rows: what each row is to the sums of its table (its role, list level, fund), read
//! from its label through the table vocabulary, and the headings of levels, read from the rows
//! around it.

use budget_model::{Amount, Code, Row, RowRole, Section, Side, TableKind};

use crate::vocab::tables::{fund_of, is_project_heading, label_parts, list_level, row_role};

/// What a reader found on one line of a table.
pub struct Printed<'a> {
    pub code: Option<Code>,
    pub label: String,
    pub values: Vec<Option<Amount>>,
    pub section: Option<&'a Section>,
    pub line: usize,
    pub source: &'a str,
}

/// When a section lists its 类 by name and numbers them (`三、城乡社区支出`), a row of it without
/// that number is one of their 款 or 项, however its name begins (`城乡社区管理事务`,
/// `自然资源事务`): the 类 code its name was given is dropped.
pub fn keep_numbered_classes(rows: &mut [Row], section: &Section) {
    let ours = |r: &Row| r.section.as_ref() == Some(section) && r.code.is_some();
    let numbered = rows.iter().any(|r| ours(r) && r.list_level == Some(1));
    if !numbered {
        return;
    }
    for row in rows.iter_mut() {
        if ours(row) && row.list_level != Some(1) {
            row.code = None;
        }
    }
}

/// A row with its role, list level and fund read from its label.
pub fn typed_row(printed: Printed<'_>) -> Row {
    let side_by_side = printed.section.is_some();
    let income = printed.section.is_some_and(|s| s.side == Side::Income);
    Row {
        boxes: Vec::new(),
        role: row_role(&printed.label, side_by_side),
        list_level: list_level(&printed.label),
        outline: None,
        fund: income.then(|| fund_of(&printed.label)).flatten(),
        parts: Vec::new(),
        code: printed.code,
        label: printed.label,
        values: printed.values,
        section: printed.section.cloned(),
        line: printed.line,
        source: printed.source.to_string(),
    }
}

/// A form line: a typed row whose label words are read one by one.
pub fn form_row(printed: Printed<'_>) -> Row {
    let mut row = typed_row(printed);
    row.parts = label_parts(&row.label);
    row
}

/// Marks the headings of levels among a table's rows: an item with a list number under which
/// rows of a deeper list number follow (before a total), in its own section; and, in a project
/// list, the category and unit rows.
pub fn mark_headings(rows: &mut [Row], kind: TableKind) {
    let headings: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].role == RowRole::Item)
        .filter(|&i| {
            has_sub_items(rows, i)
                || (kind == TableKind::ProjectExpenditure && is_project_heading(&rows[i].label))
        })
        .collect();
    for i in headings {
        rows[i].role = RowRole::Heading;
    }
}

/// Whether numbered rows of a deeper level follow row `i` in its section, before a total or a
/// row of its own level or above.
fn has_sub_items(rows: &[Row], i: usize) -> bool {
    let Some(level) = rows[i].list_level else {
        return false;
    };
    rows[i + 1..]
        .iter()
        .filter(|r| r.section == rows[i].section)
        .take_while(|r| r.list_level.is_none_or(|d| d > level) && !r.role.is_total())
        .any(|r| r.list_level.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str) -> Row {
        typed_row(Printed {
            code: None,
            label: label.to_string(),
            values: Vec::new(),
            section: None,
            line: 1,
            source: label,
        })
    }

    #[test]
    fn numbered_items_with_numbered_sub_items_are_headings() {
        let mut rows: Vec<Row> = [
            "一、财政拨款收入",
            "（一）一般公共预算收入",
            "（二）政府性基金预算收入",
            "二、事业收入",
            "本年收入合计",
        ]
        .into_iter()
        .map(row)
        .collect();
        mark_headings(&mut rows, TableKind::IncomeExpenditureSummary);
        let roles: Vec<RowRole> = rows.iter().map(|r| r.role).collect();
        use RowRole::*;
        assert_eq!(roles, [Heading, Item, Item, Item, CurrentYearTotal]);
        assert_eq!(rows[1].list_level, Some(2));
    }

    #[test]
    fn project_lists_have_category_and_unit_headings() {
        let mut rows: Vec<Row> = ["安阳市医疗保障局", "专用项目", "医保专网建设经费"]
            .into_iter()
            .map(row)
            .collect();
        mark_headings(&mut rows, TableKind::ProjectExpenditure);
        let roles: Vec<RowRole> = rows.iter().map(|r| r.role).collect();
        assert_eq!(roles, [RowRole::Heading, RowRole::Heading, RowRole::Item]);
        let mut other = vec![row("专用项目")];
        mark_headings(&mut other, TableKind::ExpenditureSummary);
        assert_eq!(other[0].role, RowRole::Item);
    }
}
