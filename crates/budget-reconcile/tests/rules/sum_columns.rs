//! SUM-COLS: the fixtures of `src/rules/sums/sum_columns.rs`.

use budget_reconcile::reconcile;

use crate::fixtures::{basic_split, of_rule, parse, serious};

#[test]
fn sum_columns_flags_a_row_total_that_is_not_its_parts() {
    let bad = reconcile(&parse(&basic_split("160.00")));
    let f = serious(&bad, "SUM-COLS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("150.00万元")
    );
    assert_eq!(f[0].location.column.as_deref(), Some("合计"));
    let good = reconcile(&parse(&basic_split("150.00")));
    assert!(of_rule(&good, "SUM-COLS").is_empty(), "{good:#?}");
}
