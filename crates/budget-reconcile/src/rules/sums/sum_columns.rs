//! SUM-COLS: a row's total column equals the sum of its part columns.

use budget_model::wording::tables as wording;
use budget_model::{
    Amount, Column, ColumnRole, Document, Finding, Row, Severity, Table, THREE_PUBLIC,
};

use crate::findings::{cell_location, describe, evidence, from_comparison, row_name, severity_of};
use crate::tolerance::{compare_sum, sum_outcome, Outcome};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** On every row, a total column equals the sum of its part columns, by
    /// what the columns mean: 合计 = 基本支出 + 项目支出; 合计 = 人员经费 + 公用经费 (+ 项目);
    /// 基本支出 = 人员经费 + 公用经费; 项目支出 = its parts; income 合计 = 上年结转 + this year's
    /// sources, 本年收入 = its sources, 财政拨款 小计 = 一般公共预算 + 政府性基金 + 国有资本经营;
    /// 三公 合计 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行维护费 (+ 会议费 and 培训费
    /// where the table's rows count them in it), and 公务用车 = 购置 + 运行维护; 经营支出,
    /// 上缴上级支出, 对附属单位补助支出, 单位预留机动经费 and 结转下年资金 count in 合计 beside
    /// 基本支出 and 项目支出. A relation is checked only when every one of its
    /// part columns was identified and no unidentified column holds an amount on the row, and
    /// not when all parts are blank. Some layouts print 经营支出 and the like as 其中 of the
    /// total rather than beside it: they count in 合计 only where, on the table's rows that print
    /// them, 合计 holds with them more often than without.
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
            // Each section once, in the order of its first column: a table of fund blocks
            // interleaves them (一般 | 基金 | 国资 under each item).
            let mut sections: Vec<Option<&budget_model::Section>> = Vec::new();
            for c in &table.columns {
                if !sections.contains(&c.section.as_ref()) {
                    sections.push(c.section.as_ref());
                }
            }
            for section in sections {
                let columns: Vec<usize> = (0..table.columns.len())
                    .filter(|&j| table.columns[j].section.as_ref() == section)
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
    /// Columns whose place in the relation the table leaves open: a row printing an amount
    /// other than zero in one of them is not checked.
    unsettled: Vec<usize>,
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
    let spending = with(OtherSpending);
    let total = with(Total).first().copied();
    let spent = if has(Basic) && has(Project) {
        Some(all(&[Basic, Project]))
    } else if !has(Basic) && has(Personnel) && has(Public) {
        Some(all(&[Personnel, Public, Project]))
    } else {
        None
    };
    if let (Some(whole), Some(parts)) = (total, spent) {
        out.push(total_beside(table, whole, parts, &spending));
    }
    let vehicle = if has(Vehicle) {
        with(Vehicle)
    } else {
        all(&[VehicleOperation, VehiclePurchase])
    };
    // 三公 = 因公出国 + 公务接待 + 公务用车; 合计 counts 会议费 / 培训费 beside them where the
    // rows say so. The 三公 printed as a column of their own (小计) are a part of 合计.
    let three = with(ThreePublic).first().copied();
    // Each item in one column: an item headed twice is a header not read with confidence.
    let once = |role: ColumnRole| with(role).len() == 1;
    let vehicle_once = if has(Vehicle) {
        once(Vehicle)
    } else {
        let at_most_once = |role: ColumnRole| with(role).len() <= 1;
        !vehicle.is_empty() && at_most_once(VehicleOperation) && at_most_once(VehiclePurchase)
    };
    if once(Abroad) && once(Reception) && vehicle_once {
        let mut items = all(&[Abroad, Reception]);
        items.extend(vehicle);
        let beside = all(&[Meeting, Training]);
        match (three, total) {
            (Some(three), total) => {
                out.push(Relation {
                    whole: three,
                    parts: items,
                    unsettled: Vec::new(),
                });
                if let Some(whole) = total {
                    out.push(total_beside(table, whole, vec![three], &beside));
                }
            }
            // A total named for the 三公 (三公经费合计) counts them alone.
            (None, Some(whole)) if table.columns[whole].name.contains(THREE_PUBLIC) => {
                out.push(total_beside(table, whole, items, &[]));
            }
            (None, Some(whole)) => out.push(total_beside(table, whole, items, &beside)),
            (None, None) => {}
        }
    }
    let mut add = |whole: ColumnRole, parts: Vec<usize>| {
        if let Some(&w) = with(whole).first() {
            if !parts.is_empty() {
                out.push(Relation {
                    whole: w,
                    parts,
                    unsettled: Vec::new(),
                });
            }
        }
    };
    let sources = if has(FiscalSubtotal) {
        all(&[FiscalSubtotal, OtherIncome])
    } else {
        all(&[GeneralBudget, GovernmentFund, StateCapital, OtherIncome])
    };
    let income = has(CarryOver) || has(CurrentYearTotal) || has(FiscalSubtotal) || has(OtherIncome);
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
    if has(Vehicle) {
        add(Vehicle, all(&[VehicleOperation, VehiclePurchase]));
    }
    if has(AbroadPart) {
        add(Abroad, with(AbroadPart));
    }
    out
}

/// The relation of 合计 to what it spends (`parts`) and to the other expenditures printed
/// beside them (`spending`), as far as the table settles whether they count in it.
fn total_beside(table: &Table, whole: usize, parts: Vec<usize>, spending: &[usize]) -> Relation {
    let counted = counted_beside(table, whole, &parts, spending);
    let mut relation = Relation {
        whole,
        parts,
        unsettled: Vec::new(),
    };
    match counted {
        Some(true) => relation.parts.extend(spending.iter().copied()),
        Some(false) => {}
        None => relation.unsettled = spending.to_vec(),
    }
    relation
}

/// Whether the `extra` columns count in the `whole` beside `parts`: on the rows that print an
/// amount other than zero in them, the whole holds with them more often than without, or the
/// other way round; none when as often, and they count when it holds on none of them either
/// way (no such row: they do not count).
fn counted_beside(table: &Table, whole: usize, parts: &[usize], extra: &[usize]) -> Option<bool> {
    let values = |row: &Row, columns: &[usize]| -> Vec<Amount> {
        columns
            .iter()
            .filter_map(|&j| row.value(j).copied())
            .collect()
    };
    let holds =
        |printed: &Amount, parts: &[Amount]| sum_outcome(printed, parts) != Outcome::Mismatch;
    let (mut with, mut without, mut printing) = (0usize, 0usize, 0usize);
    for row in &table.rows {
        let Some(printed) = row.value(whole) else {
            continue;
        };
        let extras = values(row, extra);
        if extras.iter().all(|a| a.value.is_zero()) {
            continue;
        }
        printing += 1;
        let mut all = values(row, parts);
        without += usize::from(holds(printed, &all));
        all.extend(extras);
        with += usize::from(holds(printed, &all));
    }
    match (printing, with.cmp(&without)) {
        (0, _) => Some(false),
        (_, std::cmp::Ordering::Equal) if with > 0 => None,
        // No row holds either way: its rows are wrong whichever way is read; the templates'
        // way (counted in 合计) is the one reported.
        (_, std::cmp::Ordering::Equal) => Some(true),
        (_, order) => Some(order.is_gt()),
    }
}

/// A relation checked on one row of one table of the document.
struct Relating<'a> {
    doc: &'a Document,
    table: &'a Table,
    row: &'a Row,
    relation: &'a Relation,
}

/// Whether the table names its rows: a table of one row of amounts under its header (no label
/// column) does not, and that row is what the table is about. Several unlabelled rows may be
/// one row wrapped over lines: they are not judged.
fn has_labels(table: &Table) -> bool {
    table.rows.len() != 1
        || table
            .rows
            .iter()
            .any(|r| r.code.is_some() || !r.label.trim().is_empty())
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
    let identified = row.code.is_some() || !row.label.trim().is_empty() || !has_labels(table);
    let unknown_filled = unknown.iter().any(|&j| row.value(j).is_some());
    let unsettled = relation
        .unsettled
        .iter()
        .any(|&j| row.value(j).is_some_and(|a| !a.value.is_zero()));
    if !identified || unknown_filled || unsettled {
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
    let message = wording::row_columns_sum(&row_name(row), &whole.name, &describe(&cmp), &names);
    let location = cell_location(table, row, Some(whole));
    let source = row.source.clone();
    let mut finding = from_comparison(&SumColumns::INFO, severity, message, location, &cmp, source);
    finding.evidence = evidence(doc, Some((row, Some(relation.whole))), &[]);
    out.push(finding);
}
