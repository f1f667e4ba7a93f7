//! XT-THREE-PUBLIC-VS-BASIC: the fixtures of `src/rules/cross/three_public_vs_basic.rs`.

use budget_model::{
    ColumnRole::{Abroad, Reception, Total, Vehicle, VehicleOperation, VehiclePurchase},
    Severity, Table,
    TableKind::{GeneralBudgetBasicExpenditure, ThreePublicExpenses},
};

use crate::fixtures::{assert_figures, check, document, plain, W, Y};

fn three_public(reception: &str) -> Table {
    plain(
        ThreePublicExpenses,
        W,
        &[
            ("合计", Total),
            ("因公出国(境)费", Abroad),
            ("公务接待费", Reception),
            ("公务用车运行维护费", VehicleOperation),
            ("公务用车购置", VehiclePurchase),
        ],
    )
    .row("某某局", &["", "", reception, "0.30", ""])
    .build()
}

/// A basic table in yuan, so that the 三公 table (万元) is compared after conversion.
fn basic_in_yuan() -> Table {
    plain(GeneralBudgetBasicExpenditure, Y, &[("合计", Total)])
        .row("合计", &["80000"])
        .row("302 商品和服务支出", &["80000"])
        .row("30217 公务接待费", &["50000"])
        .row("30231 公务用车运行维护费", &["3000"])
        .row("30299 其他商品和服务支出", &["27000"])
        .build()
}

#[test]
fn three_public_may_exceed_the_basic_table() {
    for reception in ["5.00", "6.00"] {
        let doc = document(vec![three_public(reception), basic_in_yuan()]);
        assert!(
            check(&doc, "XT-THREE-PUBLIC-VS-BASIC").is_empty(),
            "{reception}"
        );
    }
}

/// A negative 三公 figure is a change (增减) read in the item's column, not spending: it is
/// not compared with the basic table, where a figure smaller than it is.
#[test]
fn a_negative_three_public_figure_is_no_spending_to_compare() {
    let doc = document(vec![three_public("-8.00"), basic_in_yuan()]);
    let f = check(&doc, "XT-THREE-PUBLIC-VS-BASIC");
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn three_public_smaller_than_the_basic_table_is_a_warning() {
    let doc = document(vec![three_public("4.00"), basic_in_yuan()]);
    let f = check(&doc, "XT-THREE-PUBLIC-VS-BASIC");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.column.as_deref(), Some("公务接待费"));
    assert_figures(
        &f[0],
        Severity::Warning,
        "4.00万元",
        "5.00万元",
        "-1",
        "0.00505",
    );
    assert!(f[0].source_text.contains("30217 公务接待费\t50000"));
}

#[test]
fn three_public_vehicle_subtotal_less_purchase_is_the_operation() {
    let t = |vehicle: &str| {
        plain(
            ThreePublicExpenses,
            W,
            &[
                ("合计", Total),
                ("公务用车购置及运行费/小计", Vehicle),
                ("公务用车购置", VehiclePurchase),
            ],
        )
        .row("合计", &[vehicle, vehicle, "0.20"])
        .build()
    };
    // 0.50 = 购置 0.20 + 运行维护 0.30 ≥ 30231 0.30.
    let good = document(vec![t("0.50"), basic_in_yuan()]);
    assert!(check(&good, "XT-THREE-PUBLIC-VS-BASIC").is_empty());
    let bad = document(vec![t("0.40"), basic_in_yuan()]);
    let f = check(&bad, "XT-THREE-PUBLIC-VS-BASIC");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_figures(
        &f[0],
        Severity::Warning,
        "0.40万元",
        "0.50万元",
        "-0.1",
        "0.01005",
    );
}
