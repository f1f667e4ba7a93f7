//! XT-SUMMARY-VS-EXPENDITURE: the fixtures of `src/rules/cross/summary_vs_expenditure.rs`.

use budget_model::{
    ColumnRole::Total,
    Severity,
    TableKind::{ExpenditureSummary, IncomeExpenditureSummary},
};
use budget_reconcile::reconcile;

use crate::fixtures::{
    assert_figures, check, document, expenditure, good_summary, plain, serious, summary, W,
};

#[test]
fn summary_vs_expenditure_holds_class_by_class() {
    let doc = document(vec![
        good_summary(),
        expenditure(["50.00", "30.00", "20.00"]),
    ]);
    assert!(check(&doc, "XT-SUMMARY-VS-EXPENDITURE").is_empty());
}

#[test]
fn summary_vs_expenditure_flags_a_class_that_differs() {
    let doc = document(vec![
        summary("20.00", "120.00", "10.00", "130.00", "80.00"),
        expenditure(["50.00", "30.00", "20.00"]),
    ]);
    let f = serious(&reconcile(&doc), "XT-SUMMARY-VS-EXPENDITURE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("210"));
    assert_eq!(f[0].location.table_kind, Some(IncomeExpenditureSummary));
    assert_figures(
        &f[0],
        Severity::Error,
        "80.00万元",
        "70.00万元",
        "10",
        "0.01",
    );
    assert!(f[0].source_text.contains("210 卫生健康支出\t70.00"));
}

#[test]
fn summary_vs_expenditure_sums_items_when_the_class_row_is_not_printed() {
    // A 支出总表 that prints only 项 rows (as 安阳 does): they stand for their 类.
    let items_only = plain(ExpenditureSummary, W, &[("合计", Total)])
        .row("合计", &["130.00"])
        .row("2080505 机关事业单位基本养老保险缴费支出", &["60.00"])
        .row("2101501 行政运行", &["50.00"])
        .row("2101599 其他医疗保障管理事务支出", &["25.00"])
        .build();
    let doc = document(vec![good_summary(), items_only]);
    let f = serious(&reconcile(&doc), "XT-SUMMARY-VS-EXPENDITURE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_figures(
        &f[0],
        Severity::Error,
        "70.00万元",
        "75.00万元",
        "-5",
        "0.015",
    );
}
