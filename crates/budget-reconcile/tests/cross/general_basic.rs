//! XT-GENERAL-BASIC: the fixtures of `src/rules/cross/general_basic.rs`.

use budget_model::{
    ColumnRole::{Personnel, Project, Public, Total},
    Severity,
    TableKind::{
        GeneralBudgetBasicExpenditure, GeneralBudgetBasicExpenditureFunction,
        GeneralBudgetExpenditure,
    },
};
use budget_reconcile::reconcile;

use crate::fixtures::{
    assert_figures, basic, check, document, general, good_general, plain, serious, Y,
};

#[test]
fn general_basic_holds_when_the_totals_agree() {
    let doc = document(vec![good_general(), basic("65.00", "5.00")]);
    assert!(check(&doc, "XT-GENERAL-BASIC").is_empty());
}

#[test]
fn general_basic_flags_a_basic_table_that_differs() {
    let doc = document(vec![
        general(["50.00", "20.00", "30.00"], ["130.00", "80.00", "50.00"]),
        basic("65.00", "5.00"),
    ]);
    let f = serious(&reconcile(&doc), "XT-GENERAL-BASIC");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        f[0].location.table_kind,
        Some(GeneralBudgetBasicExpenditure)
    );
    assert_figures(
        &f[0],
        Severity::Error,
        "90.00万元",
        "80.00万元",
        "10",
        "0.01",
    );
}

#[test]
fn general_basic_reads_personnel_plus_public_when_there_is_no_basic_column() {
    // 麟游's layout: 人员经费支出 | 公用经费支出 | 专项业务经费支出, in yuan.
    let gen = plain(
        GeneralBudgetExpenditure,
        Y,
        &[
            ("合计", Total),
            ("人员经费支出", Personnel),
            ("公用经费支出", Public),
            ("专项业务经费支出", Project),
        ],
    )
    .row("合计", &["936760.00", "541260.00", "50400.00", "345100.00"])
    .build();
    let basic_table = |total: &str| {
        plain(
            GeneralBudgetBasicExpenditureFunction,
            Y,
            &[
                ("合计", Total),
                ("人员经费支出", Personnel),
                ("公用经费支出", Public),
            ],
        )
        .row("合计", &[total, "541260.00", "50400.00"])
        .build()
    };
    let good = document(vec![gen.clone(), basic_table("591660.00")]);
    assert!(check(&good, "XT-GENERAL-BASIC").is_empty());
    let bad = document(vec![gen, basic_table("581660.00")]);
    let f = serious(&reconcile(&bad), "XT-GENERAL-BASIC");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_figures(
        &f[0],
        Severity::Error,
        "581660.00元",
        "591660.00元",
        "-10000",
        "0.015",
    );
}
