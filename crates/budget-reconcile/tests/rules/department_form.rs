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
