//! FORM-SUM: the fixtures of `src/rules/forms/form_sums.rs`.

use budget_reconcile::reconcile;
use rust_decimal::Decimal;

use crate::fixtures::{parse, serious};

fn project_form(carry: &str) -> String {
    format!(
        "项目支出绩效目标表\n项目名称\t信息系统运维\t\n项目资金 (万元)\t年度资金总额\t535.93\n\t其中：财政拨款\t270\n\t其他资金\t0\n\t上年结转\t{carry}\n"
    )
}

#[test]
fn form_sums_flag_funds_that_do_not_add_up() {
    let bad = reconcile(&parse(&project_form("256.93")));
    let f = serious(&bad, "FORM-SUM");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(f[0].difference, Some(Decimal::new(9, 0)));
    let good = reconcile(&parse(&project_form("265.93")));
    assert!(serious(&good, "FORM-SUM").is_empty(), "{good:#?}");
}

/// 年度主要任务 whose descriptions wrap over lines without amounts: the 金额合计 is the sum of
/// every task above it up to the header, not of the last run of lines with amounts alone.
fn department_form(third: &str) -> String {
    format!(
        "部门整体支出绩效目标表\n任务名称\t主要内容\t\n总额\t财政拨款\t其他资金\n\
         1、宣传工作\t组织媒体宣传\t290\t290\n\t为发展营造舆论氛围。\t\n\
         2、理论武装工作\t组织理论学习\t95\t95\n\t推动理论成果深入人心。\t\n\
         3、对外宣传\t制作宣传片\t{third}\t{third}\n\
         4、基本履职\t人员经费、公用经费\t2877.44\t2877.44\n\
         金额合计\t3962.44\t3962.44\n"
    )
}

#[test]
fn form_sums_add_tasks_whose_descriptions_wrap() {
    let good = reconcile(&parse(&department_form("700")));
    assert!(serious(&good, "FORM-SUM").is_empty(), "{good:#?}");
    let bad = reconcile(&parse(&department_form("710")));
    let f = serious(&bad, "FORM-SUM");
    assert!(!f.is_empty(), "{bad:#?}");
}
