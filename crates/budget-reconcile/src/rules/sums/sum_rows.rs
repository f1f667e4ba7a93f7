//! SUM-ROWS: a row equals the sum of its sub-rows.

use budget_model::wording::tables as wording;
use budget_model::{Amount, Code, Document, Finding, Row, RowRole, Severity, Table, SUBTOTAL};

use crate::findings::{
    cell_location, describe, evidence, from_comparison, push_row_name, row_name, severity_of,
};
use crate::query::tables::row_groups;
use crate::rules::code_key;
use crate::tolerance::{compare_sum, sum_outcome, Outcome};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** In every table, each row that has sub-rows equals their sum, column by
    /// column: the 合计 row equals the sum of the top-level rows (the 类, or whatever rows have no
    /// parent printed), a 类 the sum of its 款, a 款 the sum of its 项, for function and economic
    /// codes alike; where a section has no codes, by the outline its level columns print, or
    /// the 合计 row over a plain list of rows (units by name), each trusted only where most of
    /// the table's sums hold. A cell left blank on the parent row is not checked (templates
    /// often leave the breakdown of a 类 row blank), nor a column in which every sub-row is
    /// blank, nor a section that prints one code on several rows (a list of items or of units'
    /// blocks, not a hierarchy).
    ///
    /// **Why it matters.** A sub-total that does not add up means a figure was typed wrong or a
    /// row is missing; every later comparison with other tables inherits the error.
    ///
    /// **Example.** 一般公共预算支出表: `210 卫生健康支出 7,697.58` while its 款 `21011 551.52` and
    /// `21015 7,146.05` add up to 7,697.57: a difference of 0.01 inside the rounding tolerance
    /// ±0.015, reported as info. Had 21015 been printed 7,046.05, the 类 would be 100.00 too large:
    /// an error.
    pub struct SumRows { id: "SUM-ROWS", severity: Severity::Error, summary: "a row equals the sum of its sub-rows (total = classes, class = sections, section = items)" }
}

impl Rule for SumRows {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for table in &doc.tables {
            for section in row_groups(table) {
                check_section_rows(doc, table, &section, out);
            }
        }
    }
}

/// The coded rows of a section, each with the indexes of its sub-rows, found once.
struct Coded<'a> {
    rows: Vec<&'a Row>,
    children: Vec<Vec<usize>>,
}

impl<'a> Coded<'a> {
    /// No hierarchy: nothing to add up.
    fn none() -> Self {
        Coded {
            rows: Vec::new(),
            children: Vec::new(),
        }
    }

    fn of(rows: &[&'a Row]) -> Self {
        let rows: Vec<&Row> = rows.iter().copied().filter(|r| r.code.is_some()).collect();
        // A 款 or 项 sits under the code it starts with (`20805` under `208`): rows grouped
        // by that code, in order, are the sub-rows of every row printing it. Sorted by that
        // code's key (stably: in row order within one), a group is found by a binary search.
        let mut under: Vec<(u64, usize)> = rows
            .iter()
            .enumerate()
            .filter_map(|(k, row)| {
                let parent = row.code.as_ref().and_then(parent_code)?;
                Some((code_key(parent), k))
            })
            .collect();
        under.sort_by_key(|&(parent, _)| parent);
        let children = rows
            .iter()
            .map(|row| match row.code.as_ref().map(Code::as_str) {
                Some(code) if matches!(code.len(), 3 | 5) => {
                    let code = code_key(code);
                    let start = under.partition_point(|&(parent, _)| parent < code);
                    under[start..]
                        .iter()
                        .take_while(|&&(parent, _)| parent == code)
                        .map(|&(_, k)| k)
                        .collect()
                }
                _ => Vec::new(),
            })
            .collect();
        Coded { rows, children }
    }

    /// The rows of a section without codes that print their names in level columns (see
    /// [`Row::outline`]), each over the rows below it of a deeper level up to the next of its
    /// own level or higher. A row without amounts (a name wrapped over lines, a heading left
    /// blank) is no node; a row of amounts outside the outline (unless [`unnamed_level`] places it)
    /// leaves the section without one. A parent whose sub-rows are of several levels is given none:
    /// the outline is not read with confidence there.
    fn by_outline(rows: &[&'a Row]) -> Self {
        let total = rows.iter().find(|r| sums_the_rows(r));
        let mut nodes: Vec<(&Row, u8)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if sums_the_rows(row) || !has_amounts(row) {
                continue;
            }
            // A row of amounts named in no level column (its name lost or read as a figure)
            // has no place in the outline, nor one whose amounts are all in columns the total
            // leaves blank (a page read with columns of its own): the outline of the rows
            // around it cannot be trusted.
            let Some(level) = row.outline.or_else(|| unnamed_level(rows, i)) else {
                return Coded::none();
            };
            if total.is_some_and(|t| !shares_a_column(t, row)) {
                return Coded::none();
            }
            nodes.push((row, level));
        }
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
        let mut open: Vec<usize> = Vec::new();
        for (k, &(_, level)) in nodes.iter().enumerate() {
            while open.last().is_some_and(|&p| nodes[p].1 >= level) {
                open.pop();
            }
            if let Some(&parent) = open.last() {
                children[parent].push(k);
            }
            open.push(k);
        }
        for list in &mut children {
            if !list.windows(2).all(|w| nodes[w[0]].1 == nodes[w[1]].1) {
                list.clear();
            }
        }
        let rows = nodes.into_iter().map(|(row, _)| row).collect();
        Coded { rows, children }
    }
}

/// Whether a row prints an amount in some column.
fn has_amounts(row: &Row) -> bool {
    row.values.iter().any(Option::is_some)
}

/// Whether two rows print amounts in one column at least.
fn shares_a_column(a: &Row, b: &Row) -> bool {
    a.values
        .iter()
        .zip(&b.values)
        .any(|(x, y)| x.is_some() && y.is_some())
}

/// The outline level of a row of amounts printed without a name (`rows[i]`), from the row
/// after it: the level of a name printed under its figures (a row of that name and no
/// amounts), or the level above a row of amounts (the name of a merged cell printed once, on
/// the rows before: `网络通讯维护…租赁费 | 维修（护）费 607.10` then ` | 租赁费 370.00`).
fn unnamed_level(rows: &[&Row], i: usize) -> Option<u8> {
    if !rows[i].label.trim().is_empty() {
        return None;
    }
    let next = rows.get(i + 1)?;
    let level = next.outline?;
    if has_amounts(next) {
        level.checked_sub(1)
    } else {
        Some(level)
    }
}

impl<'a> Coded<'a> {
    /// The rows of a section that is a plain list (units, items) under its total: rows of
    /// amounts without code, level or outline, none a heading or an of-which line. A list
    /// with any of these is none: its rows are not all of one level.
    fn flat(rows: &[&'a Row]) -> Self {
        let plain =
            |r: &&Row| r.role == RowRole::Item && r.list_level.is_none() && r.outline.is_none();
        Self::list(rows, |items| items.iter().all(plain))
    }

    /// The rows of amounts of a section, none a total, as one list without sub-rows when
    /// `is_list` says they make one; else none.
    fn list(rows: &[&'a Row], is_list: impl Fn(&[&Row]) -> bool) -> Self {
        let items: Vec<&Row> = rows
            .iter()
            .copied()
            .filter(|r| !sums_the_rows(r) && has_amounts(r))
            .collect();
        let rows = if is_list(&items) { items } else { Vec::new() };
        let children = vec![Vec::new(); rows.len()];
        Coded { rows, children }
    }

    /// The rows of a section that is a numbered list under its total (`一、基本支出`,
    /// `二、项目支出`, `三、单位预留机动经费` over 当年支出小计): rows of amounts, at least two, all
    /// items numbered at one level, none coded or placed in an outline. The numbering orders
    /// them as codes would: no corroboration is needed.
    fn numbered(rows: &[&'a Row]) -> Self {
        Self::list(rows, |items| {
            let level = items.first().and_then(|r| r.list_level);
            let numbered = |r: &&Row| {
                r.role == RowRole::Item
                    && r.code.is_none()
                    && r.outline.is_none()
                    && r.list_level == level
            };
            level.is_some() && items.len() >= 2 && items.iter().all(numbered)
        })
    }

    /// The blocks of a table listing units under their department (`252 西安市生态环境局`, then
    /// its units printed without a classification code): each coded row over the rows of
    /// amounts without a code that follow it, up to the next coded row or total. A block of
    /// fewer than [`MIN_BLOCK_ROWS`] such rows is none (a 其中 line, a label wrapped).
    fn by_unit_blocks(rows: &[&'a Row]) -> Self {
        let mut out = Coded::none();
        let mut parent: Option<usize> = None;
        for row in rows {
            let amounts = has_amounts(row);
            if row.code.is_some() {
                out.close_block(parent);
                parent = Some(out.rows.len());
                out.rows.push(row);
                out.children.push(Vec::new());
            } else if sums_the_rows(row) || row.role != RowRole::Item {
                out.close_block(parent.take());
            } else if let (Some(p), true) = (parent, amounts) {
                out.children[p].push(out.rows.len());
                out.rows.push(row);
                out.children.push(Vec::new());
            }
        }
        out.close_block(parent);
        out
    }

    /// The rows of a section grouped under 小计 lines that head them (a 收入预算总表 printing
    /// `小计 13,297.11` over `公共财政拨款 13,297.11` and `专项收入`, the group's name printed
    /// across them in a column of its own): each 小计 over the rows of amounts after it, up to
    /// the next 小计 or a total. None unless the section's first line of amounts is a 小计 (a
    /// 小计 as often ends its group as it heads it), nor with fewer than two.
    fn by_subtotals(rows: &[&'a Row]) -> Self {
        let mut out = Coded::none();
        let first = rows.iter().find(|r| !sums_the_rows(r) && has_amounts(r));
        if rows.iter().filter(|r| is_subtotal(r)).count() < 2
            || !first.is_some_and(|r| is_subtotal(r))
        {
            return out;
        }
        let mut parent: Option<usize> = None;
        for row in rows {
            if sums_the_rows(row) || row.role != RowRole::Item {
                parent = None;
                continue;
            }
            let subtotal = is_subtotal(row);
            if !subtotal && !has_amounts(row) {
                continue;
            }
            if let (Some(p), false) = (parent, subtotal) {
                out.children[p].push(out.rows.len());
            }
            if subtotal {
                parent = Some(out.rows.len());
            }
            out.rows.push(row);
            out.children.push(Vec::new());
        }
        out
    }

    /// The rows that are nobody's sub-row (indexes into `rows`).
    fn top_level(&self) -> Vec<usize> {
        // A mask, not a search of every child list per row: a table may have hundreds of codes.
        let mut is_child = vec![false; self.rows.len()];
        for &k in self.children.iter().flatten() {
            is_child[k] = true;
        }
        (0..self.rows.len()).filter(|&k| !is_child[k]).collect()
    }

    /// Each row with sub-rows, with them and the wording of its sum.
    fn parent_sums(&self) -> Vec<Sum<'a>> {
        self.rows
            .iter()
            .zip(&self.children)
            .filter(|(_, children)| !children.is_empty())
            .map(|(parent, children)| (*parent, children.clone(), wording::SUM_OF_SUB_ROWS))
            .collect()
    }

    /// Ends the block of `parent`: too few rows under it make no block.
    fn close_block(&mut self, parent: Option<usize>) {
        if let Some(p) = parent {
            if self.children[p].len() < MIN_BLOCK_ROWS {
                self.children[p].clear();
            }
        }
    }
}

/// The fewest rows without a code under a coded row that make a block of units.
const MIN_BLOCK_ROWS: usize = 2;

/// Checks the blocks of units under their department (see [`Coded::by_unit_blocks`]), where
/// the table's own sums bear them out (as a hierarchy read from the layout).
fn check_unit_blocks(doc: &Document, table: &Table, rows: &[&Row], out: &mut Vec<Finding>) {
    let blocks = Coded::by_unit_blocks(rows);
    let sums = blocks.parent_sums();
    if sums.is_empty() || !corroborated(table, &blocks, &sums) {
        return;
    }
    for (parent, children, what) in sums {
        compare_rows(doc, table, &blocks, parent, &children, what, out);
    }
}

/// Checks the groups of a section under the 小计 lines that head them (see
/// [`Coded::by_subtotals`]), and its total over them, where the table's own sums bear them out.
/// Whether it did.
fn check_subtotal_groups(
    doc: &Document,
    table: &Table,
    rows: &[&Row],
    out: &mut Vec<Finding>,
) -> bool {
    let groups = Coded::by_subtotals(rows);
    if groups.rows.is_empty() {
        return false;
    }
    let mut sums = groups.parent_sums();
    let top = groups.top_level();
    if let Some(total) = rows.iter().find(|r| sums_the_rows(r)) {
        sums.push((*total, top, wording::SUM_OF_ROWS));
    }
    if !one_cell_explains(table, &groups, &sums) {
        return false;
    }
    for (parent, children, what) in sums {
        compare_rows(doc, table, &groups, parent, &children, what, out);
    }
    true
}

/// Whether a row is a group's 小计 line.
fn is_subtotal(row: &Row) -> bool {
    row.code.is_none() && row.label.trim() == SUBTOTAL
}

/// Whether the rows `list` (indexes into `rows`) are all of one outline level.
fn one_level(rows: &[&Row], list: &[usize]) -> bool {
    list.windows(2)
        .all(|w| rows[w[0]].outline == rows[w[1]].outline)
}

/// Whether a code is printed on several rows of a section. Its codes are then keys of items (the
/// lines of a procurement table, the same codes again under each unit of a consolidated
/// table), not nodes of one hierarchy: no row is the sum of "its" sub-rows.
fn repeats_a_code(rows: &[&Row]) -> bool {
    let mut codes: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.code.as_ref())
        .map(Code::as_str)
        .collect();
    let printed = codes.len();
    codes.sort_unstable();
    codes.dedup();
    codes.len() < printed
}

/// The code a 款 or 项 belongs to, as [`Code::is_parent_of`] reads it.
fn parent_code(code: &Code) -> Option<&str> {
    let c = code.as_str();
    matches!(c.len(), 5 | 7).then(|| &c[..c.len() - 2])
}

fn check_section_rows(doc: &Document, table: &Table, rows: &[&Row], out: &mut Vec<Finding>) {
    let coded = Coded::of(rows);
    if repeats_a_code(&coded.rows) {
        return;
    }
    check_unit_blocks(doc, table, rows, out);
    let outlined = coded.rows.is_empty();
    if outlined && check_subtotal_groups(doc, table, rows, out) {
        return;
    }
    let numbered = Coded::numbered(rows);
    let from_layout = outlined && numbered.rows.is_empty();
    let coded = if !outlined {
        coded
    } else if !from_layout {
        numbered
    } else {
        Some(Coded::by_outline(rows))
            .filter(|c| !c.rows.is_empty())
            .unwrap_or_else(|| Coded::flat(rows))
    };
    let mut sums = sums_of(rows, &coded);
    // A hierarchy read from the layout alone is trusted where the table's own sums bear it out,
    // and not over rows that may have lost their level.
    if from_layout {
        sums.retain(|(_, children, _)| !repeats_the_row_above(&coded, children));
        if !corroborated(table, &coded, &sums) {
            return;
        }
    }
    for (parent, children, what) in sums {
        compare_rows(doc, table, &coded, parent, &children, what, out);
    }
}

/// The sums a section's rows should make: each parent of its sub-rows, and its total of its
/// top-level rows (when they are of one level), with the wording of each.
fn sums_of<'a>(rows: &[&'a Row], coded: &Coded<'a>) -> Vec<Sum<'a>> {
    let mut sums = coded.parent_sums();
    let top = coded.top_level();
    // Looked for only when there is something to add up: many sections have no coded row.
    if top.is_empty() || !one_level(&coded.rows, &top) {
        return sums;
    }
    if let Some(total) = rows.iter().find(|r| sums_the_rows(r)) {
        sums.push((*total, top, wording::SUM_OF_ROWS));
    }
    sums
}

/// Whether one of `children` prints the amounts of the one before it: it may be that row's
/// only sub-row, its name shifted into the level above (`会议服务` printed under `会议费`'s
/// column), so it would count twice.
fn repeats_the_row_above(coded: &Coded, children: &[usize]) -> bool {
    children
        .windows(2)
        .any(|w| coded.rows[w[0]].values == coded.rows[w[1]].values)
}

/// Fewest sums that must hold for a hierarchy read from the layout to be trusted ...
const MIN_CORROBORATING: usize = 3;
/// ... and the most that may fail, one in this many.
const FAILING_SHARE: usize = 5;

/// Whether the sums of a section hold often enough to trust the hierarchy they come from: at
/// least [`MIN_CORROBORATING`] hold, and no more than one in [`FAILING_SHARE`] fails, or one
/// printed cell may explain every sum that fails (a sub-total changed fails its own sum and its
/// parent's).
fn corroborated(table: &Table, coded: &Coded, sums: &[Sum]) -> bool {
    let held = outcomes(table, coded, sums);
    let holding = held.iter().filter(|&&(_, _, holds)| holds).count();
    let failing = held.len() - holding;
    holding >= MIN_CORROBORATING
        && (failing * FAILING_SHARE <= held.len() || one_cell_fails(coded, sums, &held))
}

/// Whether the sums of a section that its labels order (groups under the 小计 lines that head
/// them) are to be trusted: one holds at least, and one printed cell may explain every sum that
/// fails. A misreading fails sums of many rows.
fn one_cell_explains(table: &Table, coded: &Coded, sums: &[Sum]) -> bool {
    let held = outcomes(table, coded, sums);
    held.iter().any(|&(_, _, holds)| holds) && one_cell_fails(coded, sums, &held)
}

/// Whether the sums that fail (of `held`, see [`outcomes`]) are all in one column and all count
/// one row: one printed cell may explain them all.
fn one_cell_fails(coded: &Coded, sums: &[Sum], held: &[(usize, usize, bool)]) -> bool {
    let failing: Vec<(usize, usize)> = held
        .iter()
        .filter(|&&(_, _, holds)| !holds)
        .map(|&(k, j, _)| (k, j))
        .collect();
    let Some(&(first, column)) = failing.first() else {
        return true;
    };
    let rows_of = |k: usize| {
        let (parent, children, _) = &sums[k];
        std::iter::once(*parent).chain(children.iter().map(|&c| coded.rows[c]))
    };
    rows_of(first).any(|row| {
        failing
            .iter()
            .all(|&(k, j)| j == column && rows_of(k).any(|r| std::ptr::eq(r, row)))
    })
}

/// A row that should be the sum of others: it, them (indexes into the section's rows) and the
/// wording of the sum.
type Sum<'a> = (&'a Row, Vec<usize>, &'static str);

/// Each sum of a section in each column where it can be judged: the sum's index, the column,
/// whether it holds (within rounding).
fn outcomes(table: &Table, coded: &Coded, sums: &[Sum]) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::new();
    let mut parts: Vec<Amount> = Vec::new();
    for (k, (parent, children, _)) in sums.iter().enumerate() {
        for j in 0..table.columns.len() {
            let Some(printed) = parent.value(j) else {
                continue;
            };
            parts.clear();
            for &child in children {
                effective_parts(coded, child, j, &mut parts);
            }
            if !parts.is_empty() {
                out.push((k, j, sum_outcome(printed, &parts) != Outcome::Mismatch));
            }
        }
    }
    out
}

/// The amounts that stand for coded row `i` in column `j`: its own cell, or, when the template
/// left it blank (a 类 row without its breakdown), the cells of its sub-rows.
fn effective_parts(coded: &Coded, i: usize, j: usize, out: &mut Vec<Amount>) {
    if let Some(a) = coded.rows[i].value(j) {
        out.push(*a);
        return;
    }
    for &child in &coded.children[i] {
        effective_parts(coded, child, j, out);
    }
}

/// Whether a row is the total of its section's top-level rows: a table's or side's total (合计,
/// 收入合计), or this year's total of a side (本年支出合计), never a grand total that adds
/// carry-over to it.
fn sums_the_rows(row: &Row) -> bool {
    row.code.is_none() && matches!(row.role, RowRole::Total | RowRole::CurrentYearTotal)
        || row.is_total()
}

/// Compares `parent` with the coded rows `children` (indexes into `coded`), column by column.
fn compare_rows(
    doc: &Document,
    table: &Table,
    coded: &Coded,
    parent: &Row,
    children: &[usize],
    what: &str,
    out: &mut Vec<Finding>,
) {
    let mut parts: Vec<Amount> = Vec::new();
    for (j, column) in table.columns.iter().enumerate() {
        let Some(printed) = parent.value(j) else {
            continue;
        };
        parts.clear();
        for &child in children {
            effective_parts(coded, child, j, &mut parts);
        }
        // Sub-rows that print nothing in the column left its breakdown blank (or the reading
        // lost it): nothing to add up, as with a parent left blank.
        if parts.is_empty() || sum_outcome(printed, &parts) == Outcome::Exact {
            continue;
        }
        let cmp = compare_sum(printed, &parts);
        let Some(severity) = severity_of(&SumRows::INFO, &cmp) else {
            continue;
        };
        let children: Vec<&Row> = children.iter().map(|&k| coded.rows[k]).collect();
        let mut names = String::new();
        for (n, child) in children.iter().enumerate() {
            if n > 0 {
                names.push(wording::LIST_SEPARATOR);
            }
            push_row_name(&mut names, child);
        }
        let message = wording::row_column_sum(
            &row_name(parent),
            &column.name,
            &describe(&cmp),
            what,
            &names,
        );
        let source = std::iter::once(parent)
            .chain(children.iter().copied())
            .map(|r| r.source.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let location = cell_location(table, parent, Some(column));
        let mut finding =
            from_comparison(&SumRows::INFO, severity, message, location, &cmp, source);
        finding.evidence = evidence(doc, Some((parent, Some(j))), &children);
        out.push(finding);
    }
}
