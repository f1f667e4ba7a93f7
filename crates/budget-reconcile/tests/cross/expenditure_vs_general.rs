//! XT-EXPENDITURE-VS-GENERAL: the fixtures of `src/rules/cross/expenditure_vs_general.rs`.

use budget_model::{
    ColumnRole::{Basic, Project, Total},
    Severity,
    TableKind::ExpenditureSummary,
};
use budget_reconcile::reconcile;

use crate::fixtures::{
    assert_figures, check, document, expenditure, general, good_general, good_summary, plain,
    serious, summary, W,
};

#[test]
fn expenditure_vs_general_compares_codes_only_when_both_tables_print_them() {
    // A 支出总表 laid out by budget unit, not by function code: no code of the general-budget
    // table is "not listed" in it; the totals are still compared.
    let by_unit = |total: &str| {
        plain(
            ExpenditureSummary,
            W,
            &[("合计", Total), ("基本支出", Basic), ("项目支出", Project)],
        )
        .row("合计", &[total, "90.00", "40.00"])
        .row("某某局机关", &[total, "90.00", "40.00"])
        .build()
    };
    let doc = document(vec![by_unit("130.00"), good_general()]);
    let f = serious(&reconcile(&doc), "XT-EXPENDITURE-VS-GENERAL");
    assert!(f.is_empty(), "{f:#?}");
    let doc = document(vec![by_unit("120.00"), good_general()]);
    let f = serious(&reconcile(&doc), "XT-EXPENDITURE-VS-GENERAL");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_code, None);
}

#[test]
fn expenditure_vs_general_equal_tables_hold() {
    let doc = document(vec![
        expenditure(["50.00", "30.00", "20.00"]),
        good_general(),
    ]);
    assert!(check(&doc, "XT-EXPENDITURE-VS-GENERAL").is_empty());
}

#[test]
fn expenditure_vs_general_general_money_cannot_exceed_all_money() {
    // 2101501 项目支出: all money 20.00, general budget 30.00. The 合计 column of the row, the
    // 类 210 and the 合计 row inherit the difference; they are folded into the 项.
    let doc = document(vec![
        expenditure(["50.00", "30.00", "20.00"]),
        general(["60.00", "30.00", "30.00"], ["140.00", "90.00", "50.00"]),
    ]);
    let f = serious(&reconcile(&doc), "XT-EXPENDITURE-VS-GENERAL");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("2101501"));
    assert_eq!(f[0].location.table_kind, Some(ExpenditureSummary));
    assert_figures(
        &f[0],
        Severity::Error,
        "50.00万元",
        "60.00万元",
        "-10",
        "0.01",
    );
    assert!(!f[0].consequences.is_empty(), "{f:#?}");
}

#[test]
fn expenditure_vs_general_must_be_equal_without_other_money() {
    // The 收支总表 shows only general-budget money, yet 2101501 spends 10.00 more in all.
    let summary_general_only = summary("", "100.00", "", "100.00", "40.00");
    let exp = expenditure(["50.00", "30.00", "20.00"]);
    let gen = general(["40.00", "30.00", "10.00"], ["120.00", "90.00", "30.00"]);
    let doc = document(vec![summary_general_only, exp.clone(), gen.clone()]);
    let f = serious(&reconcile(&doc), "XT-EXPENDITURE-VS-GENERAL");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("2101501"));
    assert_figures(
        &f[0],
        Severity::Warning,
        "50.00万元",
        "40.00万元",
        "10",
        "0.01",
    );
    // With 上年结转 and 其他收入 in the 收支总表, all money may exceed general-budget money.
    let doc = document(vec![good_summary(), exp, gen]);
    assert!(serious(&reconcile(&doc), "XT-EXPENDITURE-VS-GENERAL").is_empty());
}
