//! Sums inside one table: rows against their sub-rows, and row totals against their part
//! columns.

use budget_model::{Amount, Code, Column, ColumnRole, Document, Finding, Row, Severity, Table};

use super::code_key;
use crate::findings::{
    cell_location, describe, evidence, from_comparison, push_row_name, row_name, severity_of,
};
use crate::tolerance::{compare_sum, sum_outcome, Outcome};
use crate::{rule, Rule, RuleInfo};

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&SumRows, &SumColumns]
}

rule! {
    /// **What it checks.** In every table, each row that has sub-rows equals their sum, column by
    /// column: the 合计 row equals the sum of the top-level rows (the 类, or whatever rows have no
    /// parent printed), a 类 the sum of its 款, a 款 the sum of its 项, for function and economic
    /// codes alike. A cell left blank on the parent row is not checked (templates often leave
    /// the breakdown of a 类 row blank).
    ///
    /// **Why it matters.** A sub-total that does not add up means a figure was typed wrong or a
    /// row is missing; every later comparison with other tables inherits the error.
    ///
    /// **Example.** 一般公共预算支出表: `210 卫生健康支出 7,697.58` while its 款 `21011 551.52` and
    /// `21015 7,146.05` add up to 7,697.57: a difference of 0.01 inside the rounding tolerance
    /// ±0.015, reported as info. Had 21015 been printed 7,046.05, the 类 would be 100.00 too large:
    /// an error.
    pub struct SumRows { id: "SUM-ROWS", severity: Severity::Error, summary: "a row equals the sum of its sub-rows (合计 = 类, 类 = 款, 款 = 项)" }
}

impl Rule for SumRows {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for table in &doc.tables {
            for section in sections(table) {
                check_section_rows(doc, table, &section, out);
            }
        }
    }
}

/// The rows of a table grouped by section (side-by-side tables have several).
fn sections(table: &Table) -> Vec<Vec<&Row>> {
    let mut names: Vec<Option<&str>> = Vec::new();
    for row in &table.rows {
        let name = row.section.as_deref();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    // Most tables have one section: all their rows.
    if names.len() == 1 {
        return vec![table.rows.iter().collect()];
    }
    names
        .into_iter()
        .map(|name| {
            table
                .rows
                .iter()
                .filter(|r| r.section.as_deref() == name)
                .collect()
        })
        .collect()
}

/// The coded rows of a section, each with the indexes of its sub-rows, found once.
struct Coded<'a> {
    rows: Vec<&'a Row>,
    children: Vec<Vec<usize>>,
}

impl<'a> Coded<'a> {
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
}

/// The code a 款 or 项 belongs to, as [`Code::is_parent_of`] reads it.
fn parent_code(code: &Code) -> Option<&str> {
    let c = code.as_str();
    matches!(c.len(), 5 | 7).then(|| &c[..c.len() - 2])
}

fn check_section_rows(doc: &Document, table: &Table, rows: &[&Row], out: &mut Vec<Finding>) {
    let coded = Coded::of(rows);
    for (i, parent) in coded.rows.iter().enumerate() {
        let children = &coded.children[i];
        if !children.is_empty() {
            compare_rows(doc, table, &coded, parent, children, "下级科目之和", out);
        }
    }
    // A mask, not a search of every child list per row: a table may have hundreds of codes.
    let mut is_child = vec![false; coded.rows.len()];
    for &k in coded.children.iter().flatten() {
        is_child[k] = true;
    }
    let top: Vec<usize> = (0..coded.rows.len()).filter(|&k| !is_child[k]).collect();
    // Looked for only when there is something to add up: many sections have no coded row.
    if top.is_empty() {
        return;
    }
    if let Some(total) = rows.iter().find(|r| r.is_total() || is_total_like(r)) {
        compare_rows(doc, table, &coded, total, &top, "各科目之和", out);
    }
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

/// Total rows of side-by-side tables read as 本年支出合计 etc.
fn is_total_like(row: &Row) -> bool {
    row.code.is_none() && budget_model::strip_ordinal(&row.label).ends_with("合计")
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
        if sum_outcome(printed, &parts) == Outcome::Exact {
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
                names.push('、');
            }
            push_row_name(&mut names, child);
        }
        let message = format!(
            "{}「{}」列：{}（{}：{}）",
            row_name(parent),
            column.name,
            describe(&cmp),
            what,
            names
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

rule! {
    /// **What it checks.** On every row, a total column equals the sum of its part columns, by
    /// what the columns mean: 合计 = 基本支出 + 项目支出; 合计 = 人员经费 + 公用经费 (+ 项目);
    /// 基本支出 = 人员经费 + 公用经费; 项目支出 = its parts; income 合计 = 上年结转 + this year's
    /// sources, 本年收入 = its sources, 财政拨款 小计 = 一般公共预算 + 政府性基金 + 国有资本经营;
    /// 三公 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行维护费, and 公务用车 = 购置 +
    /// 运行维护. A relation is checked only when every one of its part columns was identified and
    /// no unidentified column holds an amount on the row, and not when all parts are blank.
    ///
    /// **Why it matters.** A row total that disagrees with its parts means one of the cells on
    /// the row is wrong; readers use the split (basic vs project, personnel vs public) directly.
    ///
    /// **Example.** 部门支出总表 row `210 卫生健康支出`: 合计 12,192.64 = 基本支出 6,745.49 +
    /// 项目支出 5,447.15 exactly. Printed 12,292.64, it would be an error of 100.00.
    pub struct SumColumns { id: "SUM-COLS", severity: Severity::Error, summary: "a row's total column equals the sum of its part columns" }
}

impl Rule for SumColumns {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        // One buffer for the parts of every row: most rows add up and keep nothing.
        let mut parts: Vec<Amount> = Vec::new();
        for table in &doc.tables {
            let mut sections: Vec<Option<&str>> =
                table.columns.iter().map(|c| c.section.as_deref()).collect();
            sections.dedup();
            for section in sections {
                let columns: Vec<usize> = (0..table.columns.len())
                    .filter(|&j| table.columns[j].section.as_deref() == section)
                    .collect();
                let unknown: Vec<usize> = columns
                    .iter()
                    .copied()
                    .filter(|&j| table.columns[j].role == ColumnRole::Other)
                    .collect();
                for relation in relations(table, &columns) {
                    for row in &table.rows {
                        let at = Relating {
                            doc,
                            table,
                            row,
                            relation: &relation,
                        };
                        check_relation(&at, &unknown, &mut parts, out);
                    }
                }
            }
        }
    }
}

/// A total column and the columns that should add up to it.
#[derive(Debug)]
struct Relation {
    whole: usize,
    parts: Vec<usize>,
}

/// The relations that hold among a section's columns, from their roles.
fn relations(table: &Table, columns: &[usize]) -> Vec<Relation> {
    use ColumnRole::*;
    let with = |role: ColumnRole| -> Vec<usize> {
        columns
            .iter()
            .copied()
            .filter(|&j| table.columns[j].role == role)
            .collect()
    };
    let has = |role: ColumnRole| columns.iter().any(|&j| table.columns[j].role == role);
    let all =
        |roles: &[ColumnRole]| -> Vec<usize> { roles.iter().flat_map(|r| with(*r)).collect() };
    let mut out = Vec::new();
    let mut add = |whole: ColumnRole, parts: Vec<usize>| {
        if let Some(&w) = with(whole).first() {
            if !parts.is_empty() {
                out.push(Relation { whole: w, parts });
            }
        }
    };
    let sources = if has(FiscalSubtotal) {
        all(&[FiscalSubtotal, OtherIncome])
    } else {
        all(&[GeneralBudget, GovernmentFund, StateCapital, OtherIncome])
    };
    let income = has(CarryOver) || has(CurrentYearTotal) || has(FiscalSubtotal) || has(OtherIncome);
    if has(Basic) && has(Project) {
        add(Total, all(&[Basic, Project]));
    } else if !has(Basic) && has(Personnel) && has(Public) {
        add(Total, all(&[Personnel, Public, Project]));
    }
    if has(Personnel) && has(Public) {
        add(Basic, all(&[Personnel, Public]));
    }
    if has(ProjectPart) {
        add(Project, with(ProjectPart));
    }
    if has(CurrentYearTotal) {
        add(Total, all(&[CarryOver, CurrentYearTotal]));
        add(CurrentYearTotal, sources.clone());
    } else if income {
        let mut parts = with(CarryOver);
        parts.extend(sources.iter().copied());
        add(Total, parts);
    } else if has(GeneralBudget) && !has(Basic) && !has(Personnel) {
        add(Total, all(&[GeneralBudget, GovernmentFund, StateCapital]));
    }
    if has(FiscalSubtotal) {
        add(
            FiscalSubtotal,
            all(&[GeneralBudget, GovernmentFund, StateCapital]),
        );
    }
    if has(CarryOverPart) {
        add(CarryOver, with(CarryOverPart));
    }
    let vehicle = if has(Vehicle) {
        with(Vehicle)
    } else {
        all(&[VehicleOperation, VehiclePurchase])
    };
    if has(Abroad) && has(Reception) && !vehicle.is_empty() {
        let mut parts = all(&[Abroad, Reception]);
        parts.extend(vehicle);
        add(Total, parts);
    }
    if has(Vehicle) {
        add(Vehicle, all(&[VehicleOperation, VehiclePurchase]));
    }
    if has(AbroadPart) {
        add(Abroad, with(AbroadPart));
    }
    out
}

/// A relation checked on one row of one table of the document.
struct Relating<'a> {
    doc: &'a Document,
    table: &'a Table,
    row: &'a Row,
    relation: &'a Relation,
}

/// Checks the relation on the row; `unknown` are the unidentified columns of the relation's
/// section, `parts` a buffer for the row's part cells.
fn check_relation(
    at: &Relating,
    unknown: &[usize],
    parts: &mut Vec<Amount>,
    out: &mut Vec<Finding>,
) {
    let Relating {
        doc,
        table,
        row,
        relation,
    } = *at;
    let Some(printed) = row.value(relation.whole) else {
        return;
    };
    let identified = row.code.is_some() || !row.label.trim().is_empty();
    let unknown_filled = unknown.iter().any(|&j| row.value(j).is_some());
    if !identified || unknown_filled {
        return;
    }
    parts.clear();
    parts.extend(relation.parts.iter().filter_map(|&j| row.value(j).copied()));
    let parts = &parts[..];
    if parts.is_empty() {
        return;
    }
    if sum_outcome(printed, parts) == Outcome::Exact {
        return;
    }
    let cmp = compare_sum(printed, parts);
    let Some(severity) = severity_of(&SumColumns::INFO, &cmp) else {
        return;
    };
    let whole: &Column = &table.columns[relation.whole];
    let names: Vec<&str> = relation
        .parts
        .iter()
        .map(|&j| table.columns[j].name.as_str())
        .collect();
    let message = format!(
        "{}：「{}」{}（= {}）",
        row_name(row),
        whole.name,
        describe(&cmp),
        names.join(" + ")
    );
    let location = cell_location(table, row, Some(whole));
    let source = row.source.clone();
    let mut finding = from_comparison(&SumColumns::INFO, severity, message, location, &cmp, source);
    finding.evidence = evidence(doc, Some((row, Some(relation.whole))), &[]);
    out.push(finding);
}
