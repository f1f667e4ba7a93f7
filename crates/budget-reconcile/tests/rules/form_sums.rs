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
