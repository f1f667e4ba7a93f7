//! XT-PROJECTS: the fixtures of `src/rules/cross/projects.rs`.

use budget_model::{
    ColumnRole::{Amount, Project, Total},
    Severity, Table,
    TableKind::{GeneralBudgetExpenditure, PerformanceTargetsProject, ProjectExpenditure},
};
use budget_reconcile::reconcile;

use crate::fixtures::{assert_figures, check, document, plain, serious, Y};

/// 麟游's 专项业务经费支出表: a 合计, the unit row, a category heading, three projects.
fn projects(network: &str) -> Table {
    plain(ProjectExpenditure, Y, &[("项目金额", Amount)])
        .row("合计", &["345100.00"])
        .row("某某局", &["345100.00"])
        .row("专用项目", &["345100.00"])
        .row("乡村振兴工作经费", &["20000.00"])
        .row("医保专网建设经费", &[network])
        .row("打击欺诈骗保项目经费", &["50000.00"])
        .build()
}

fn general_projects(project: &str) -> Table {
    plain(
        GeneralBudgetExpenditure,
        Y,
        &[("合计", Total), ("专项业务经费支出", Project)],
    )
    .row("合计", &["936760.00", project])
    .build()
}

fn form(total_label: &str, amount: &str) -> Table {
    plain(PerformanceTargetsProject, Y, &[("金额", Amount)])
        .row("项目名称 / 医保专网建设经费", &[""])
        .row("主管部门 / 某某局", &[""])
        .row(&format!("资金金额 (元) / {total_label}"), &[amount])
        .row("其中:财政拨款", &[amount])
        .build()
}

#[test]
fn projects_add_up_and_match_their_forms() {
    let doc = document(vec![
        projects("275100.00"),
        general_projects("345100.00"),
        form("年度资金总额:", "275100"),
    ]);
    assert!(check(&doc, "XT-PROJECTS").is_empty());
}

#[test]
fn projects_must_add_up_to_project_expenditure() {
    let doc = document(vec![projects("275100.00"), general_projects("355100.00")]);
    let f = serious(&reconcile(&doc), "XT-PROJECTS");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.table_kind, Some(GeneralBudgetExpenditure));
    assert_eq!(f[0].location.column.as_deref(), Some("专项业务经费支出"));
    assert_figures(
        &f[0],
        Severity::Error,
        "355100.00元",
        "345100.00元",
        "10000",
        "0.02",
    );
    // The headings are not projects.
    assert!(!f[0].source_text.contains("专用项目"), "{f:#?}");
}

#[test]
fn a_form_must_give_its_project_the_same_amount() {
    let doc = document(vec![
        projects("275100.00"),
        general_projects("345100.00"),
        form("年度资金总额:", "265100"),
    ]);
    let f = serious(&reconcile(&doc), "XT-PROJECTS");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.table_kind, Some(PerformanceTargetsProject));
    assert!(f[0].message.contains("医保专网建设经费"), "{f:#?}");
    assert_figures(
        &f[0],
        Severity::Error,
        "265100元",
        "275100元",
        "-10000",
        "0.505",
    );
    // A form that states only the whole period's total may differ: a warning.
    let doc = document(vec![
        projects("275100.00"),
        general_projects("345100.00"),
        form("实施期资金总额:", "265100"),
    ]);
    let f = serious(&reconcile(&doc), "XT-PROJECTS");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Warning);
}

/// Forms glued into one table: a form whose total was printed where no amount was read, then
/// the next form's total without its project's name: that total is no total of the first
/// project.
#[test]
fn a_total_after_the_named_projects_own_total_is_not_its() {
    let glued = plain(PerformanceTargetsProject, Y, &[("金额", Amount)])
        .row("项目名称 / 医保专网建设经费", &[""])
        .row("资金金额 (元) / 实施期资金总额: 27.51", &[""])
        .row("资金金额 (元) / 实施期资金总额:", &["265100"])
        .build();
    let doc = document(vec![
        projects("275100.00"),
        general_projects("345100.00"),
        glued,
    ]);
    assert!(check(&doc, "XT-PROJECTS").is_empty());
}

/// Two units each with a project of the same name: a form naming it cannot say which one, so
/// it is compared with neither.
#[test]
fn a_project_name_two_units_share_is_not_matched() {
    let shared = plain(ProjectExpenditure, Y, &[("项目金额", Amount)])
        .row("合计", &["345100.00"])
        .row("医保专网建设经费", &["275100.00"])
        .row("医保专网建设经费", &["70000.00"])
        .build();
    let doc = document(vec![
        shared,
        general_projects("345100.00"),
        form("年度资金总额:", "70000"),
    ]);
    assert!(serious(&reconcile(&doc), "XT-PROJECTS").is_empty());
}

/// The list's printed 合计 equals 项目支出 but its projects as read do not add up to it (names
/// and figures wrapped beside a 绩效目标 text): the tables agree, no error is raised from the
/// reading; a 合计 that differs from 项目支出 is still an error.
#[test]
fn a_list_whose_own_total_agrees_raises_nothing_from_its_reading() {
    let garbled = |total: &str| {
        plain(ProjectExpenditure, Y, &[("项目金额", Amount)])
            .row("合计", &[total])
            .row("乡村振兴工作经费", &["20000.00"])
            .row("0.00 目标文字", &["20000.00"])
            .build()
    };
    let doc = document(vec![garbled("345100.00"), general_projects("345100.00")]);
    assert!(serious(&reconcile(&doc), "XT-PROJECTS").is_empty());
    let doc = document(vec![garbled("40000.00"), general_projects("345100.00")]);
    assert_eq!(serious(&reconcile(&doc), "XT-PROJECTS").len(), 1);
}

/// Projects adding up to more than the general budget's 项目支出 may count other money (the
/// department's other money is not known here): not an error; fewer is one.
#[test]
fn projects_above_the_general_budget_may_hold_other_money() {
    let doc = document(vec![projects("275100.00"), general_projects("335100.00")]);
    assert!(serious(&reconcile(&doc), "XT-PROJECTS").is_empty());
    let doc = document(vec![projects("275100.00"), general_projects("355100.00")]);
    assert_eq!(serious(&reconcile(&doc), "XT-PROJECTS").len(), 1);
}
