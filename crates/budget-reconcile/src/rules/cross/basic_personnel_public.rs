//! XT-BASIC-PERSONNEL-PUBLIC.

use budget_model::wording::tables as wording;
use budget_model::{
    Amount, Code, CodeScheme, ColumnRole, Document, Finding, Row, Severity, TableKind,
};

use super::{compare_parts, report, At};
use crate::query::tables::{basic_column, classes, code_parts, coded_table, parsed, ByCode};
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
            let (parts, evidence, names) = group_parts(&rows, role, column, &printed_at);
            let Some(cmp) = compare_parts(&printed, &parts) else {
                continue;
            };
            let what = wording::sum_of_classes(&names);
            let at = At::cell(doc, table, total_row, Some(first));
            report(&Self::INFO, at, &cmp, &what, &evidence, out);
        }
    }
}

/// The amounts of a group (人员经费 or 公用经费): the 合计 of its 类, plus what other 类 print
/// in the group's own columns.
fn group_parts<'d>(
    rows: &ByCode<'d>,
    role: ColumnRole,
    total: usize,
    own_columns: &[usize],
) -> (Vec<Amount>, Vec<&'d Row>, Vec<String>) {
    let mut parts = Vec::new();
    let mut evidence = Vec::new();
    let mut names = Vec::new();
    for class in classes(&rows.rows) {
        let columns: Vec<usize> = match economic_group(&class) {
            Some(group) if group == role => vec![total],
            Some(_) => continue,
            None => own_columns.to_vec(),
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
