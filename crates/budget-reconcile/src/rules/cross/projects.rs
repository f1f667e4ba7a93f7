//! XT-PROJECTS.

use std::borrow::Cow;

use rust_decimal::Decimal;

use budget_model::wording::tables as wording;
use budget_model::{
    Amount, ColumnRole, Document, Finding, LabelPart, Row, RowRole, Severity, Table, TableKind,
    Term,
};

use super::{finding, other_money, report, At};
use crate::query::tables::{compact, key, parsed};
use crate::tolerance::{compare_sum, sum_outcome, Outcome};
use crate::{rule, Rule, RuleInfo};

rule! {
    /// **What it checks.** The projects of the 项目支出表 (专项业务经费支出表) add up to 项目支出
    /// (专项业务经费): the 一般公共预算支出表's, or the 支出总表's when the department has other
    /// money; and every project named in a performance-target form (项目支出绩效目标表, the
    /// department form's tasks, 专项资金 forms) has there the amount the 项目支出表 gives it
    /// (年度资金总额, else the form's only total). Headings (unit rows, categories such as
    /// 专用项目) are recognised as rows that equal the projects under them and are not counted.
    /// A form that prints only 实施期资金总额 and differs is a warning (a multi-year project),
    /// any other difference an error. A list whose own printed 合计 equals 项目支出 while its
    /// projects, as read, do not add up to it raises nothing: the tables agree, and a reading
    /// its own total does not corroborate is no ground for an error.
    ///
    /// **Why it matters.** The project list is where 项目支出 is explained; projects that do not
    /// add up, or a performance target set for a different amount than budgeted, mean the
    /// project list or the form was not updated.
    ///
    /// **Example.** 专项业务经费支出表: 20,000 + 275,100 + 50,000 = 345,100 = 一般公共预算支出表
    /// 专项业务经费支出 合计: consistent; 绩效目标表 `医保专网建设经费` 实施期资金总额 275,100 =
    /// its project: consistent. A form printing 257,100 would be 18,000 short: warning.
    pub struct Projects { id: "XT-PROJECTS", severity: Severity::Error, summary: "projects add up to project expenditure and match the performance forms" }
}

impl Rule for Projects {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        let Some(table) = parsed(doc, TableKind::ProjectExpenditure) else {
            return;
        };
        let Some(column) = table
            .column_with_role(ColumnRole::Total)
            .or_else(|| table.column_with_role(ColumnRole::Amount))
            .or(if table.columns.is_empty() {
                None
            } else {
                Some(0)
            })
        else {
            return;
        };
        let entity = doc.facts.entity.as_deref().map(compact);
        let candidates: Vec<Project> = table
            .rows
            .iter()
            .filter_map(|row| {
                let amount = *row.value(column)?;
                let name = key(row);
                let skip = name.is_empty()
                    || row.role.is_total()
                    || entity.as_deref() == Some(compact(&row.label).as_ref());
                (!skip).then_some(Project { row, amount, name })
            })
            .collect();
        let projects = projects_of(table, column, &candidates);
        check_project_sum(doc, table, column, &candidates, &projects, out);
        let names: Vec<&str> = projects.iter().map(|p| p.name.as_ref()).collect();
        for form in doc.tables.iter().filter(|t| t.kind.is_performance_form()) {
            check_form(doc, (table, form), &projects, &names, out);
        }
    }
}

#[derive(Clone)]
struct Project<'d> {
    row: &'d Row,
    amount: Amount,
    /// The row's label as a key (`key`).
    name: Cow<'d, str>,
}

/// The projects of a project table ([`project_leaves`]). A group over a single project prints
/// the same amount as its project, as two projects of equal amounts do: such pairs are read as
/// a group and its project only when that makes the projects add up to the table's own 合计
/// and reading them as two projects does not.
fn projects_of<'d>(table: &Table, column: usize, rows: &[Project<'d>]) -> Vec<Project<'d>> {
    let plain = project_leaves(rows, false);
    let Some(total) = table.total_row().and_then(|r| r.value(column)) else {
        return plain;
    };
    let adds_up = |ps: &[Project]| {
        let parts: Vec<Amount> = ps.iter().map(|p| p.amount).collect();
        sum_outcome(total, &parts) != Outcome::Mismatch
    };
    if adds_up(&plain) {
        return plain;
    }
    let grouped = project_leaves(rows, true);
    if adds_up(&grouped) {
        grouped
    } else {
        plain
    }
}

/// The projects of a project table, headings left out: rows the parser read as headings (a
/// category or a unit), and, reading upward, a row that equals the two or more projects since
/// the last heading (or all projects so far); with `single_groups`, also a row equal to the one
/// project right under it.
fn project_leaves<'d>(rows: &[Project<'d>], single_groups: bool) -> Vec<Project<'d>> {
    let mut leaves: Vec<Project> = Vec::new();
    let mut pending: Vec<Amount> = Vec::new();
    // The project right under the row, when the row under it was one.
    let mut under: Option<Amount> = None;
    for p in rows.iter().rev() {
        if p.row.role == RowRole::Heading {
            pending.clear();
            under = None;
            continue;
        }
        let all: Vec<Amount> = leaves.iter().map(|l| l.amount).collect();
        let equals = |parts: &[Amount]| {
            parts.len() >= 2 && sum_outcome(&p.amount, parts) != Outcome::Mismatch
        };
        let heads_one = single_groups
            && under.is_some_and(|u| sum_outcome(&p.amount, &[u]) != Outcome::Mismatch);
        if equals(&pending) || equals(&all) || heads_one {
            pending.clear();
            under = None;
            continue;
        }
        pending.push(p.amount);
        under = Some(p.amount);
        leaves.push(p.clone());
    }
    leaves.reverse();
    leaves
}

fn check_project_sum(
    doc: &Document,
    table: &Table,
    column: usize,
    candidates: &[Project],
    projects: &[Project],
    out: &mut Vec<Finding>,
) {
    let references: Vec<(&Table, &Row, usize)> = project_references(doc);
    let Some(&(rt, row, j)) = references.first() else {
        return;
    };
    let Some(printed) = row.value(j) else {
        return;
    };
    let sum = |ps: &[Project]| ps.iter().map(|p| p.amount).collect::<Vec<_>>();
    let matches_any = |parts: &[Amount]| {
        references.iter().any(|(_, r, j)| {
            r.value(*j)
                .is_some_and(|a| sum_outcome(a, parts) != Outcome::Mismatch)
        })
    };
    let parts = sum(projects);
    let cmp = compare_sum(printed, &parts);
    if cmp.outcome == Outcome::Mismatch && (matches_any(&parts) || matches_any(&sum(candidates))) {
        return;
    }
    if cmp.outcome == Outcome::Mismatch && own_total_agrees(table, column, &parts, matches_any) {
        return;
    }
    if cmp.outcome == Outcome::Mismatch && may_hold_other_money(doc, rt, printed, &parts) {
        return;
    }
    let names: Vec<&str> = projects.iter().map(|p| p.name.as_ref()).collect();
    let column_name = table.columns.get(column).map_or("", |c| c.name.as_str());
    let what = wording::sum_of_projects(&table.title, column_name, &names);
    let evidence: Vec<&Row> = projects.iter().map(|p| p.row).collect();
    report(
        &Projects::INFO,
        At::cell(doc, rt, row, Some(j)),
        &cmp,
        &what,
        &evidence,
        out,
    );
}

/// Whether the project table prints its own 合计 that equals a 项目支出 of the other tables
/// while the projects as read do not add up to it: the tables agree through the printed total,
/// and the list's reading (names and figures wrapped with a 绩效目标 text beside them) is not
/// corroborated by its own total, so nothing is claimed from it.
fn own_total_agrees(
    table: &Table,
    column: usize,
    parts: &[Amount],
    matches_any: impl Fn(&[Amount]) -> bool,
) -> bool {
    let Some(total) = table.total_row().and_then(|r| r.value(column)) else {
        return false;
    };
    sum_outcome(total, parts) == Outcome::Mismatch && matches_any(&[*total])
}

/// Whether projects adding up to more than the general budget's 项目支出 may hold other money
/// as well: the list counts every source of money, the 一般公共预算支出表 only its own, and the
/// department has other money or it is not known.
fn may_hold_other_money(
    doc: &Document,
    reference: &Table,
    printed: &Amount,
    parts: &[Amount],
) -> bool {
    let sum: Decimal = parts.iter().map(Amount::to_yuan).sum();
    reference.kind == TableKind::GeneralBudgetExpenditure
        && other_money(doc) != Some(false)
        && sum > printed.to_yuan()
}

/// The 项目支出 totals the project list should add up to, the preferred one first: the
/// 支出总表's when the department has other money, else the 一般公共预算支出表's.
fn project_references(doc: &Document) -> Vec<(&Table, &Row, usize)> {
    let of = |kind: TableKind| {
        let table = parsed(doc, kind)?;
        let row = table.total_row()?;
        let j = table.column_with_role(ColumnRole::Project)?;
        row.value(j).map(|_| (table, row, j))
    };
    let general = of(TableKind::GeneralBudgetExpenditure);
    let all = of(TableKind::ExpenditureSummary);
    let ordered = if other_money(doc) == Some(true) {
        [all, general]
    } else {
        [general, all]
    };
    ordered.into_iter().flatten().collect()
}

/// A project's amount as a form prints it.
struct FormAmount<'d> {
    name: String,
    row: &'d Row,
    amount: Amount,
    /// The amount is the year's (年度资金总额, a task's 预算金额), not the whole period's.
    annual: bool,
}

fn form_amounts<'d>(form: &'d Table, names: &[&str]) -> Vec<FormAmount<'d>> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for row in &form.rows {
        let values: Vec<Amount> = row.values.iter().flatten().copied().collect();
        let parts = &row.parts;
        let names_project = parts.first().is_some_and(|p| p.is(Term::ProjectName));
        let states_funds = parts
            .iter()
            .any(|p| p.is(Term::AnnualFunds) || p.is(Term::PeriodFunds) || p.is(Term::Funds));
        if values.is_empty() && !names_project {
            // The named project's total, printed where no amount was read: the name is spent
            // (a later form's total, its own name unread, is no total of this project).
            if states_funds {
                current = None;
            }
            continue;
        }
        if names_project {
            current = parts.get(1).map(|p| p.text.clone());
            continue;
        }
        if let Some(name) = parts
            .iter()
            .map(|p| &p.text)
            .find(|p| names.contains(&p.as_str()))
        {
            if let Some(&amount) = values.first() {
                out.push(FormAmount {
                    name: name.clone(),
                    row,
                    amount,
                    annual: true,
                });
                continue;
            }
        }
        if let Some((amount, annual)) = funds_total(parts, &values) {
            if let Some(name) = current.take() {
                out.push(FormAmount {
                    name,
                    row,
                    amount,
                    annual,
                });
            }
        }
    }
    out
}

/// The 资金总额 of a funds line: the 年度 one when the line prints 实施期 and 年度 side by side.
fn funds_total(parts: &[LabelPart], values: &[Amount]) -> Option<(Amount, bool)> {
    let totals: Vec<&LabelPart> = parts.iter().filter(|p| p.is(Term::Funds)).collect();
    if totals.is_empty() {
        return None;
    }
    let annual = totals.iter().position(|p| p.is(Term::AnnualFunds));
    match annual {
        Some(i) if values.len() == totals.len() => values.get(i).map(|a| (*a, true)),
        _ => values
            .first()
            .map(|a| (*a, !totals.iter().any(|p| p.is(Term::PeriodFunds)))),
    }
}

fn check_form(
    doc: &Document,
    (table, form): (&Table, &Table),
    projects: &[Project],
    names: &[&str],
    out: &mut Vec<Finding>,
) {
    for entry in form_amounts(form, names) {
        // A name that several units give their projects (日常保障运行) says not which one.
        let mut named = projects.iter().filter(|p| p.name == entry.name);
        let (Some(project), None) = (named.next(), named.next()) else {
            continue;
        };
        let cmp = compare_sum(&entry.amount, &[project.amount]);
        let severity = match cmp.outcome {
            Outcome::Exact => continue,
            Outcome::Rounding => Severity::Info,
            Outcome::Mismatch if entry.annual => Projects::INFO.severity,
            Outcome::Mismatch => Severity::Warning,
        };
        let what = wording::project_amount(&table.title, &entry.name, cmp.expected);
        let at = At::cell(doc, form, entry.row, None);
        out.push(finding(
            &Projects::INFO,
            severity,
            at,
            &cmp,
            &what,
            &[project.row],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A group over one project prints its project's amount: read as a group when that makes
    /// the list add up to its own 合计, as two projects otherwise.
    #[test]
    fn a_group_over_one_project_is_counted_once_when_the_total_says_so() {
        let list = |total: &str| {
            let text = format!(
                "项目支出表\n单位：万元\n项目名称\t项目金额\n合计\t{total}\n大型活动\t20.00\n\
                 审计培训\t20.00\n审计事务\t30.00\n"
            );
            budget_parse::parse_text(&text, "t")
        };
        let names = |total: &str| {
            let doc = list(total);
            let table = parsed(&doc, TableKind::ProjectExpenditure).expect("a project table");
            let rows: Vec<Project> = table.rows[1..]
                .iter()
                .map(|row| Project {
                    row,
                    amount: row.values[0].expect("an amount"),
                    name: key(row),
                })
                .collect();
            let projects = projects_of(table, 0, &rows);
            projects
                .iter()
                .map(|p| p.name.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("50.00"), ["审计培训", "审计事务"]);
        assert_eq!(names("70.00"), ["大型活动", "审计培训", "审计事务"]);
    }

    #[test]
    fn funds_total_prefers_the_year() {
        use budget_parse::vocab::tables::label_parts;
        let a = |v: &str| Amount::parse(v, budget_model::Unit::Yuan).ok().flatten();
        let parts = label_parts("实施期资金总额 / 年度资金总额");
        let values: Vec<Amount> = [a("500"), a("300")].into_iter().flatten().collect();
        let got = funds_total(&parts, &values).map(|(x, annual)| (x.to_string(), annual));
        assert_eq!(got, Some(("300元".to_string(), true)));
        let only = label_parts("实施期资金总额");
        let got = funds_total(&only, &values[..1]).map(|(_, annual)| annual);
        assert_eq!(got, Some(false));
    }
}
