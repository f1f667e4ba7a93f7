//! XT-BASIC-PERSONNEL-PUBLIC.

use budget_model::wording::tables as wording;
use budget_model::{
    Amount, Code, CodeScheme, ColumnRole, Document, Finding, Row, Severity, TableKind,
};

use super::{compare_parts, finding, report, At};
use crate::query::tables::{
    basic_column, classes, code_amounts, code_parts, coded_table, parsed, ByCode,
};
use crate::tolerance::Outcome;
use crate::{rule, Rule, RuleInfo};

/// The 部门预算支出经济分类 类 whose 基本支出 is 人员经费 or 公用经费 (domain.md; every 款 of
/// `reference/dept_econ_codes.tsv` falls in the group of its 类). Other 类 count as printed.
const ECONOMIC_GROUPS: &[(&str, ColumnRole)] = &[
    ("301", ColumnRole::Personnel),
    ("302", ColumnRole::Public),
    ("303", ColumnRole::Personnel),
    ("310", ColumnRole::Public),
];

fn economic_group(class: &Code) -> Option<ColumnRole> {
    ECONOMIC_GROUPS
        .iter()
        .find(|(code, _)| *code == class.as_str())
        .map(|(_, role)| *role)
}

rule! {
    /// **What it checks.** In the 一般公共预算基本支出表, the 人员经费 total equals the 合计 of
    /// 301 工资福利支出 + 303 对个人和家庭的补助, and the 公用经费 total equals 302 商品和服务
    /// 支出 + 310 资本性支出. Other economic 类 count where the table prints them (their 人员经费
    /// or 公用经费 cells). When the table prints only 款 rows, they stand for their 类.
    ///
    /// **Why it matters.** 人员经费 and 公用经费 are defined by economic class; a split that does
    /// not follow the classes misstates how much goes to staff and how much to running costs,
    /// figures the narrative and the 机关运行经费 repeat.
    ///
    /// **Example.** 人员经费 5,879.96 = 301 5,864.54 + 303 15.42; 公用经费 944.07 = 302 933.79 +
    /// 310 10.28: consistent. 人员经费 624.57 against 款 rows adding up to 624.58 is rounding:
    /// info.
    pub struct BasicPersonnelPublic { id: "XT-BASIC-PERSONNEL-PUBLIC", severity: Severity::Error, summary: "the basic table's personnel funds equal classes 301 + 303, its public funds 302 + 310" }
}

impl Rule for BasicPersonnelPublic {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(table) = parsed(doc, TableKind::GeneralBudgetBasicExpenditure) else {
            return;
        };
        let (Some(total_row), Some(column)) = (table.total_row(), basic_column(table)) else {
            return;
        };
        let rows = coded_table(table, CodeScheme::DeptEconomic);
        if rows.rows.is_empty() {
            return;
        }
        for role in [ColumnRole::Personnel, ColumnRole::Public] {
            let printed_at = table.columns_with_role(role);
            let printed: Vec<Amount> = printed_at
                .iter()
                .filter_map(|&j| total_row.value(j).copied())
                .collect();
            let Some(&first) = printed_at.first() else {
                continue;
            };
            let other_at = table.columns_with_role(other_group(role));
            let columns = GroupColumns {
                total: column,
                own: &printed_at,
                other: &other_at,
            };
            let (parts, evidence, names) = group_parts(&rows, role, &columns, &[]);
            let Some(cmp) = compare_parts(&printed, &parts) else {
                continue;
            };
            let at = At::cell(doc, table, total_row, Some(first));
            let mut what = wording::sum_of_classes(&names);
            let split = split_classes(&rows, role, &columns);
            let as_printed =
                || compare_parts(&printed, &group_parts(&rows, role, &columns, &split).0);
            let explained = cmp.outcome == Outcome::Mismatch
                && !split.is_empty()
                && as_printed().is_none_or(|c| c.outcome != Outcome::Mismatch);
            if !explained {
                report(&Self::INFO, at, &cmp, &what, &evidence, out);
                continue;
            }
            let names: Vec<String> = split.iter().map(Code::to_string).collect();
            what.push_str(&wording::split_as_printed(&names));
            out.push(finding(
                &Self::INFO,
                Severity::Warning,
                at,
                &cmp,
                &what,
                &evidence,
            ));
        }
    }
}

impl BasicPersonnelPublic {
    /// Whether `f` is this rule's warning on a split the table itself prints (see
    /// [`split_classes`]): the table corroborates its reading, it does not doubt it.
    pub fn is_printed_split(f: &Finding) -> bool {
        f.rule == Self::INFO.id && f.severity == Severity::Warning
    }
}

fn other_group(role: ColumnRole) -> ColumnRole {
    match role {
        ColumnRole::Personnel => ColumnRole::Public,
        _ => ColumnRole::Personnel,
    }
}

/// The columns a group's parts are read from: the table's 合计, the group's own columns and
/// the other group's.
struct GroupColumns<'c> {
    total: usize,
    own: &'c [usize],
    other: &'c [usize],
}

/// The amounts of a group (人员经费 or 公用经费): the 合计 of its 类, plus what other 类 print
/// in the group's own columns. The 类 of `split` (see [`split_classes`]: 30239 其他交通费用
/// counted as 人员经费, a local practice) count as they print, in the group's own columns.
fn group_parts<'d>(
    rows: &ByCode<'d>,
    role: ColumnRole,
    at: &GroupColumns,
    split: &[Code],
) -> (Vec<Amount>, Vec<&'d Row>, Vec<String>) {
    let mut parts = Vec::new();
    let mut evidence = Vec::new();
    let mut names = Vec::new();
    for class in classes(&rows.rows) {
        let columns: Vec<usize> = match economic_group(&class) {
            Some(_) if split.contains(&class) => at.own.to_vec(),
            Some(group) if group == role => vec![at.total],
            Some(_) => continue,
            None => at.own.to_vec(),
        };
        for j in columns {
            let (p, e) = code_parts(rows, &class, j);
            if !p.is_empty() {
                names.push(class.to_string());
            }
            parts.extend(p);
            evidence.extend(e);
        }
    }
    names.dedup();
    (parts, evidence, names)
}

/// The 类 of a standard group that print a non-zero amount in the other group's columns.
fn split_classes(rows: &ByCode, role: ColumnRole, at: &GroupColumns) -> Vec<Code> {
    classes(&rows.rows)
        .into_iter()
        .filter(|class| {
            economic_group(class).is_some_and(|group| splits(rows, class, group, role, at))
        })
        .collect()
}

/// Whether a 类 of `group` prints a non-zero amount in the columns of the group it is not
/// (`at` holds the columns of `role`'s group as its own).
fn splits(
    rows: &ByCode,
    class: &Code,
    group: ColumnRole,
    role: ColumnRole,
    at: &GroupColumns,
) -> bool {
    let foreign = if group == role { at.other } else { at.own };
    foreign
        .iter()
        .flat_map(|&j| code_amounts(rows, class, j))
        .any(|a| !a.value.is_zero())
}
