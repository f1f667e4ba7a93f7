//! XT-BASIC-PERSONNEL-PUBLIC: the fixtures of `src/rules/cross/basic_personnel_public.rs`.

use budget_model::{
    ColumnRole::{Basic, Personnel, Public},
    Severity,
    TableKind::GeneralBudgetBasicExpenditure,
};
use budget_reconcile::reconcile;

use crate::fixtures::{assert_figures, basic, check, document, plain, serious, W};

/// A basic table of 合计 | 人员经费 | 公用经费, in 万元, its rows to come.
fn basic_table() -> crate::fixtures::TableBuilder {
    plain(
        GeneralBudgetBasicExpenditure,
        W,
        &[
            ("合计", Basic),
            ("人员经费", Personnel),
            ("公用经费", Public),
        ],
    )
}

#[test]
fn basic_personnel_public_holds_by_economic_class() {
    let doc = document(vec![basic("65.00", "5.00")]);
    assert!(check(&doc, "XT-BASIC-PERSONNEL-PUBLIC").is_empty());
}

#[test]
fn basic_personnel_public_flags_a_personnel_total_that_is_not_301_plus_303() {
    let doc = document(vec![basic("75.00", "5.00")]);
    let f = serious(&reconcile(&doc), "XT-BASIC-PERSONNEL-PUBLIC");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.column.as_deref(), Some("人员经费"));
    assert_figures(
        &f[0],
        Severity::Error,
        "75.00万元",
        "65.00万元",
        "10",
        "0.015",
    );
}

#[test]
fn basic_personnel_public_counts_sections_when_classes_are_not_printed() {
    // 款 rows only (安阳's layout), with the last-digit rounding of the real table.
    let t = |personnel: &str| {
        basic_table()
            .row("合计", &["704.49", personnel, "79.92"])
            .row(
                "30108 机关事业单位基本养老保险缴费",
                &["66.51", "66.51", ""],
            )
            .row("30101 基本工资", &["526.51", "526.51", ""])
            .row("30302 退休费", &["31.56", "31.56", ""])
            .row("30201 办公费", &["79.92", "", "79.92"])
            .build()
    };
    let f = check(&document(vec![t("624.57")]), "XT-BASIC-PERSONNEL-PUBLIC");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_figures(
        &f[0],
        Severity::Info,
        "624.57万元",
        "624.58万元",
        "-0.01",
        "0.02",
    );
    let f = check(&document(vec![t("624.58")]), "XT-BASIC-PERSONNEL-PUBLIC");
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn basic_personnel_public_follows_a_class_that_prints_its_own_split() {
    // Xi'an's layout: 30239 其他交通费用 (车改补贴) counted as 人员经费, the 302 row printing
    // that part in the 人员经费 column: 人员经费 110 = 301 100 + 302's own 10; 公用经费 40 =
    // 302's own 40. The table says where it counts it: a warning that the split is not the
    // standard one (by class 人员经费 would be 100), no error.
    let t = |personnel: &str| {
        basic_table()
            .row("合计", &["150.00", personnel, "40.00"])
            .row("301 工资福利支出", &["100.00", "100.00", "0.00"])
            .row("302 商品和服务支出", &["50.00", "10.00", "40.00"])
            .row("30201 办公费", &["40.00", "0.00", "40.00"])
            .row("30239 其他交通费用", &["10.00", "10.00", "0.00"])
            .build()
    };
    let f = check(&document(vec![t("110.00")]), "XT-BASIC-PERSONNEL-PUBLIC");
    assert_eq!(f.len(), 2, "{f:#?}");
    assert!(f.iter().all(|f| f.severity == Severity::Warning), "{f:#?}");
    assert!(f[0].message.contains("302 类部分列入另一组"), "{f:#?}");
    // 120 is neither split: an error on 人员经费 (公用经费 still the warning).
    let f = check(&document(vec![t("120.00")]), "XT-BASIC-PERSONNEL-PUBLIC");
    let errors: Vec<_> = f.iter().filter(|f| f.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{f:#?}");
    assert_eq!(errors[0].location.column.as_deref(), Some("人员经费"));
}
