//! FORM-DEPT: the fixtures of `src/rules/forms/department_form.rs`.

use budget_reconcile::reconcile;

use crate::fixtures::{basic_split, parse, serious};

#[test]
fn department_form_repeats_the_totals() {
    let form = |basic: &str| {
        format!(
            "{}\n部门整体支出绩效目标表\n部门名称\t某局\t\n其中：基本支出\t{basic}\t项目支出\t50.00\n",
            basic_split("150.00").replace("210\t", "\t合计\t150.00\t100.00\t50.00\n210\t")
        )
    };
    let bad = reconcile(&parse(&form("110.00")));
    let f = serious(&bad, "FORM-DEPT");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("100.00万元")
    );
    let good = reconcile(&parse(&form("100.00")));
    assert!(serious(&good, "FORM-DEPT").is_empty(), "{good:#?}");
}

/// 金额合计 sums the tasks the form lists (年度主要任务), which need not cover the whole
/// budget: a task total short of total expenditure is information, not an error; 支出预算合计
/// short of it is an error.
#[test]
fn a_task_total_short_of_the_budget_is_information() {
    let form = |word: &str| {
        format!(
            "{}\n部门整体支出绩效目标表\n部门名称\t某局\t\n{word}\t120.00\n",
            basic_split("150.00").replace("210\t", "\t合计\t150.00\t100.00\t50.00\n210\t")
        )
    };
    let tasks = reconcile(&parse(&form("金额合计")));
    assert!(serious(&tasks, "FORM-DEPT").is_empty(), "{tasks:#?}");
    assert!(
        tasks.iter().any(|f| f.rule == "FORM-DEPT"),
        "the difference is still shown: {tasks:#?}"
    );
    let whole = reconcile(&parse(&form("支出预算合计")));
    assert_eq!(serious(&whole, "FORM-DEPT").len(), 1, "{whole:#?}");
}
