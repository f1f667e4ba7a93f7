//! Queries on tables every rule family uses: parsed tables by kind; the sections of
//! side-by-side tables by side and scheme; rows by code (a sorted index), by role; columns by
//! role; the amounts that stand for a code; total cells.

use std::borrow::Cow;

use budget_model::{
    strip_ordinal, Amount, Classification, Code, CodeScheme, ColumnRole, Document, Row, Section,
    Side, Table, TableKind, TableStatus,
};

use crate::rules::{code_key, may_hold_space};

/// The first table of a kind whose rows were read.
pub fn parsed(doc: &Document, kind: TableKind) -> Option<&Table> {
    doc.tables_of(kind)
        .find(|t| t.status == TableStatus::Parsed)
}

/// `text` without its whitespace; borrowed when it has none.
pub fn compact(text: &str) -> Cow<'_, str> {
    // Most labels hold no space: kept whole, without testing every character.
    if !may_hold_space(text) || !text.contains(char::is_whitespace) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    out.extend(text.split(char::is_whitespace));
    Cow::Owned(out)
}

/// A row's label without its list number and spaces, for naming it and for matching it with a
/// label printed elsewhere in the document (a project's name in a form).
pub fn key(row: &Row) -> Cow<'_, str> {
    compact(strip_ordinal(&row.label))
}

/// The sections of a side-by-side table on one side, in the order their rows come.
pub fn sections_on(table: &Table, side: Side) -> Vec<&Section> {
    let mut out: Vec<&Section> = Vec::new();
    for row in &table.rows {
        if let Some(s) = row.section.as_ref() {
            if s.side == side && !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// The rows of one section.
pub fn rows_in<'d>(table: &'d Table, section: &Section) -> Vec<&'d Row> {
    table
        .rows
        .iter()
        .filter(|r| r.section.as_ref() == Some(section))
        .collect()
}

/// The columns of one section, with their roles.
pub fn section_columns(table: &Table, section: &Section) -> Vec<(usize, ColumnRole)> {
    table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.section.as_ref() == Some(section))
        .map(|(j, c)| (j, c.role))
        .collect()
}

/// The column a section's amounts are read from: its 合计, else its single amount column.
pub fn section_column(table: &Table, section: &Section) -> Option<usize> {
    let on_side = section_columns(table, section);
    let with = |role: ColumnRole| on_side.iter().find(|(_, r)| *r == role).map(|(j, _)| *j);
    with(ColumnRole::Total)
        .or_else(|| with(ColumnRole::Amount))
        .or_else(|| on_side.first().map(|(j, _)| *j))
}

/// The expenditure section classified by function whose rows carry function 类 codes.
pub fn function_section(table: &Table) -> Option<&Section> {
    sections_on(table, Side::Expenditure)
        .into_iter()
        .filter(|s| s.scheme == Some(Classification::Function))
        .find(|s| {
            rows_in(table, s)
                .iter()
                .any(|r| r.code.as_ref().is_some_and(is_function))
        })
}

fn is_function(code: &Code) -> bool {
    code.scheme() == CodeScheme::Function
}

/// The rows of a table grouped by section (side-by-side tables have several; most tables one:
/// all their rows).
pub fn row_groups(table: &Table) -> Vec<Vec<&Row>> {
    let mut sections: Vec<Option<&Section>> = Vec::new();
    for row in &table.rows {
        let section = row.section.as_ref();
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    if sections.len() == 1 {
        return vec![table.rows.iter().collect()];
    }
    sections
        .into_iter()
        .map(|section| {
            table
                .rows
                .iter()
                .filter(|r| r.section.as_ref() == section)
                .collect()
        })
        .collect()
}

/// The column of `role` when the table has exactly one (two 人员经费 columns are parts, not
/// comparable one by one with a table that has one).
pub fn only_column(table: &Table, role: ColumnRole) -> Option<usize> {
    match table.columns_with_role(role).as_slice() {
        [j] => Some(*j),
        _ => None,
    }
}

/// The 合计 column of a basic-expenditure table (read as 基本支出 or 合计), or its only column
/// (`金额`, `决算数`: a list of economic codes, 人员经费 and 公用经费 one under the other).
pub fn basic_column(table: &Table) -> Option<usize> {
    table
        .column_with_role(ColumnRole::Basic)
        .or_else(|| table.column_with_role(ColumnRole::Total))
        .or_else(|| (table.columns.len() == 1).then_some(0))
}

/// The total row's cells in the columns of `role`.
pub fn total_cells(table: &Table, role: ColumnRole) -> Vec<Amount> {
    let Some(row) = table.total_row() else {
        return Vec::new();
    };
    table
        .columns_with_role(role)
        .into_iter()
        .filter_map(|j| row.value(j).copied())
        .collect()
}

/// The coded rows of a table in one scheme.
pub fn coded<'d>(rows: &[&'d Row], scheme: CodeScheme) -> ByCode<'d> {
    ByCode::new(
        rows.iter()
            .copied()
            .filter(|r| r.code.as_ref().is_some_and(|c| c.scheme() == scheme))
            .collect(),
    )
}

/// The coded rows of a whole table in one scheme.
pub fn coded_table(table: &Table, scheme: CodeScheme) -> ByCode<'_> {
    coded(&table.rows.iter().collect::<Vec<_>>(), scheme)
}

/// Coded rows with their positions sorted by code, built once per table so that a code's rows
/// and the codes below it are found by a binary search instead of a scan of every row.
pub struct ByCode<'d> {
    pub rows: Vec<&'d Row>,
    /// Each row's code (with its sort key) and position, in code order and, within a code, in
    /// row order.
    index: Vec<(u64, &'d Code, usize)>,
}

/// A code's sort key ([`code_key`]).
fn sort_key(code: &Code) -> u64 {
    code_key(code.as_str())
}

impl<'d> ByCode<'d> {
    fn new(rows: Vec<&'d Row>) -> Self {
        let mut index: Vec<(u64, &Code, usize)> = rows
            .iter()
            .enumerate()
            .filter_map(|(k, r)| r.code.as_ref().map(|c| (sort_key(c), c, k)))
            .collect();
        // Stable: rows of one code stay in row order.
        index.sort_by_key(|&(key, _, _)| key);
        ByCode { rows, index }
    }

    /// The rows printing `code`, in row order.
    pub fn with_code<'a>(&'a self, code: &'a Code) -> impl Iterator<Item = &'d Row> + 'a {
        let key = sort_key(code);
        let start = self.index.partition_point(|&(k, _, _)| k < key);
        self.index[start..]
            .iter()
            .take_while(move |&&(k, _, _)| k == key)
            .map(|&(_, _, row)| self.rows[row])
    }

    /// The codes printed below `code` with no printed code between, in code order. Codes
    /// starting with `code` sort right after it, and after their own ancestors.
    pub fn nearest_below(&self, code: &Code) -> Vec<&'d Code> {
        let key = sort_key(code);
        let start = self.index.partition_point(|&(k, _, _)| k <= key);
        let mut nearest: Vec<&'d Code> = Vec::new();
        for &(_, c, _) in self.index[start..]
            .iter()
            .take_while(|(_, c, _)| code.is_ancestor_of(c))
        {
            let covered = nearest
                .last()
                .is_some_and(|n| *n == c || n.is_ancestor_of(c));
            if !covered {
                nearest.push(c);
            }
        }
        nearest
    }
}

/// The printed amounts that stand for `code` in column `j`, with the rows they come from: the
/// code's own cells, or, when its row is missing or blank (tables that print only 项), the
/// amounts of the nearest rows below it.
pub fn code_parts<'d>(rows: &ByCode<'d>, code: &Code, j: usize) -> (Vec<Amount>, Vec<&'d Row>) {
    let mut parts = Vec::new();
    let mut evidence = Vec::new();
    visit_parts(rows, code, j, &mut |row, a| {
        parts.push(a);
        evidence.push(row);
    });
    (parts, evidence)
}

/// The amounts of [`code_parts`] alone, for comparisons that need their rows only when they
/// report.
pub fn code_amounts(rows: &ByCode, code: &Code, j: usize) -> Vec<Amount> {
    let mut parts = Vec::new();
    visit_parts(rows, code, j, &mut |_, a| parts.push(a));
    parts
}

/// Calls `found` with each amount of [`code_parts`] and the row it comes from.
fn visit_parts<'d>(
    rows: &ByCode<'d>,
    code: &Code,
    j: usize,
    found: &mut dyn FnMut(&'d Row, Amount),
) {
    let mut any = false;
    for row in rows.with_code(code) {
        if let Some(a) = row.value(j) {
            found(row, *a);
            any = true;
        }
    }
    if any {
        return;
    }
    for child in rows.nearest_below(code) {
        visit_parts(rows, child, j, found);
    }
}

/// The distinct 类 of the rows' codes, in code order.
pub fn classes(rows: &[&Row]) -> Vec<Code> {
    let mut out: Vec<Code> = rows
        .iter()
        .filter_map(|r| r.code.as_ref())
        .map(Code::class)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The distinct codes of the rows, in code order.
pub fn all_codes(rows: &[&Row]) -> Vec<Code> {
    let mut out: Vec<Code> = rows.iter().filter_map(|r| r.code.clone()).collect();
    out.sort();
    out.dedup();
    out
}

/// The codes of either list, each once, in code order.
pub fn union(mut a: Vec<Code>, b: Vec<Code>) -> Vec<Code> {
    a.extend(b);
    a.sort();
    a.dedup();
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_sort_as_codes() {
        let mut codes: Vec<Code> = ["2080505", "208", "30217", "20805", "210", "2080501", "301"]
            .into_iter()
            .filter_map(Code::parse)
            .collect();
        let mut by_key = codes.clone();
        by_key.sort_by_key(sort_key);
        codes.sort();
        assert_eq!(by_key, codes);
    }
}
