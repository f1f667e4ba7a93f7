//! FORM-DEPT: the fixtures of `src/rules/forms/department_form.rs`.

use budget_model::Finding;
use budget_reconcile::reconcile;

use crate::fixtures::{basic_split, parse, serious};

/// A document of 支出 150.00 (基本支出 100.00, 项目支出 50.00) whose department form prints
/// `line` (tab-separated words and amounts).
fn with_form(line: &str) -> Vec<Finding> {
    let tables = basic_split("150.00").replace("210\t", "\t合计\t150.00\t100.00\t50.00\n210\t");
    reconcile(&parse(&format!(
        "{tables}\n部门整体支出绩效目标表\n部门名称\t某局\t\n{line}\n"
    )))
}

#[test]
fn department_form_repeats_the_totals() {
    let bad = with_form("其中：基本支出\t110.00\t项目支出\t50.00");
    let f = serious(&bad, "FORM-DEPT");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("100.00万元")
    );
    let good = with_form("其中：基本支出\t100.00\t项目支出\t50.00");
    assert!(serious(&good, "FORM-DEPT").is_empty(), "{good:#?}");
}

/// 金额合计 sums the tasks the form lists (年度主要任务), which need not cover the whole
/// budget: a task total short of total expenditure is information, not an error; 支出预算合计
/// short of it is an error.
#[test]
fn a_task_total_short_of_the_budget_is_information() {
    let tasks = with_form("金额合计\t120.00");
    assert!(serious(&tasks, "FORM-DEPT").is_empty(), "{tasks:#?}");
    assert!(
        tasks.iter().any(|f| f.rule == "FORM-DEPT"),
        "the difference is still shown: {tasks:#?}"
    );
    let whole = with_form("支出预算合计\t120.00");
    assert_eq!(serious(&whole, "FORM-DEPT").len(), 1, "{whole:#?}");
}
