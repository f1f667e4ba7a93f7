//! XT-FISCAL-VS-GENERAL: the fixtures of `src/rules/cross/fiscal_vs_general.rs`.

use budget_model::{
    ColumnRole::{Amount, GeneralBudget, Total},
    Severity, Table,
    TableKind::FiscalAppropriationSummary,
};
use budget_reconcile::reconcile;

use crate::fixtures::{assert_figures, check, document, general, good_general, serious, table, W};

fn fiscal(e210: &str) -> Table {
    table(
        FiscalAppropriationSummary,
        W,
        &[
            ("预算数", Amount, Some("收入")),
            ("合计", Total, Some("支出")),
            ("一般公共预算支出", GeneralBudget, Some("支出")),
        ],
    )
    .side("收入", "一、财政拨款收入", &["130.00"])
    .side("支出", "一、本年支出", &["130.00", "130.00"])
    .side("支出", "208 社会保障和就业支出", &["60.00", "60.00"])
    .side("支出", "210 卫生健康支出", &[e210, e210])
    .side("收入", "收入总计", &["130.00"])
    .side("支出", "支出总计", &["130.00", "130.00"])
    .build()
}

#[test]
fn fiscal_vs_general_holds_class_by_class() {
    let doc = document(vec![fiscal("70.00"), good_general()]);
    assert!(check(&doc, "XT-FISCAL-VS-GENERAL").is_empty());
}

#[test]
fn fiscal_vs_general_flags_a_class_that_differs() {
    let doc = document(vec![fiscal("75.00"), good_general()]);
    let f = serious(&reconcile(&doc), "XT-FISCAL-VS-GENERAL");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("210"));
    assert_eq!(f[0].location.column.as_deref(), Some("一般公共预算支出"));
    assert_figures(
        &f[0],
        Severity::Error,
        "75.00万元",
        "70.00万元",
        "5",
        "0.01",
    );
}

#[test]
fn fiscal_vs_general_compares_the_total() {
    // The general-budget table's 合计 says 140, its 类 add up to 130 (SUM-ROWS reports that);
    // the fiscal summary's 本年支出 130 differs from it.
    let doc = document(vec![
        fiscal("70.00"),
        general(["50.00", "30.00", "20.00"], ["140.00", "90.00", "40.00"]),
    ]);
    let f = serious(&reconcile(&doc), "XT-FISCAL-VS-GENERAL");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("一、本年支出"));
    assert_figures(
        &f[0],
        Severity::Error,
        "130.00万元",
        "140.00万元",
        "-10",
        "0.01",
    );
}
