//! XT-SUMMARY-BALANCE: the fixtures of `src/rules/cross/summary_balance.rs`.

use budget_model::{
    ColumnRole::Amount,
    Severity, Table,
    TableKind::{FiscalAppropriationSummary, IncomeExpenditureSummary},
};
use budget_reconcile::reconcile;

use crate::fixtures::{
    assert_figures, check, document, good_summary, serious, summary, table, W, Y,
};

#[test]
fn summary_balance_holds_on_a_consistent_summary() {
    let doc = document(vec![good_summary()]);
    assert!(check(&doc, "XT-SUMMARY-BALANCE").is_empty());
}

#[test]
fn summary_balance_does_not_compare_with_a_blank_total() {
    // 收入总计 printed blank (its figure lost by the reading, or left out): 支出总计 is not
    // "expected to be 0"; the income side's own identities have nothing to hold either.
    let doc = document(vec![summary("20.00", "120.00", "10.00", "", "70.00")]);
    let found = serious(&reconcile(&doc), "XT-SUMMARY-BALANCE");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn summary_balance_income_total_must_equal_expenditure_total() {
    let doc = document(vec![summary("20.00", "120.00", "10.00", "140.00", "70.00")]);
    let f = serious(&reconcile(&doc), "XT-SUMMARY-BALANCE");
    // 收入总计 is the one figure that disagrees with both 本年收入合计 + 上年结转 and 支出总计:
    // reported once, the comparison with 支出总计 folded into it.
    assert_eq!(f.len(), 1, "{f:#?}");
    let grand_in = &f[0];
    assert_eq!(grand_in.location.row_label.as_deref(), Some("收入总计"));
    assert_eq!(grand_in.location.table_kind, Some(IncomeExpenditureSummary));
    assert_figures(
        grand_in,
        Severity::Error,
        "140.00万元",
        "130.00万元",
        "10",
        "0.015",
    );
    assert!(grand_in.source_text.contains("三、上年结转"));
    assert_eq!(grand_in.consequences.len(), 1, "{f:#?}");
    assert!(
        grand_in.consequences[0].contains("支出总计「预算数」：印 130.00万元，应为 140.00万元"),
        "{f:#?}"
    );
}

/// The summary read by meaning, not by printed numbers: items numbered `二、` and `八、`,
/// carry-over numbered `十、` and 使用非财政拨款结余, 年终结转结余 on the expenditure side.
fn renumbered_summary(carry: &str) -> Table {
    table(
        IncomeExpenditureSummary,
        W,
        &[
            ("预算数", Amount, Some("收入")),
            ("预算数", Amount, Some("支出")),
        ],
    )
    .side("收入", "二、财政拨款收入", &["100.00"])
    .side("支出", "210 卫生健康支出", &["125.00"])
    .side("收入", "八、其他收入", &["20.00"])
    .side("收入", "本年收入合计", &["120.00"])
    .side("支出", "本年支出合计", &["125.00"])
    .side("收入", "十、上年结转(结余)", &[carry])
    .side("收入", "使用非财政拨款结余", &["5.00"])
    .side("支出", "二、年终结转结余", &["10.00"])
    .side("收入", "收入总计", &["135.00"])
    .side("支出", "支出总计", &["135.00"])
    .build()
}

#[test]
fn summary_balance_reads_lines_by_meaning_whatever_their_numbers() {
    let good = document(vec![renumbered_summary("10.00")]);
    let found = serious(&reconcile(&good), "XT-SUMMARY-BALANCE");
    assert!(found.is_empty(), "{found:#?}");
    // 八、其他收入 is other money: the department's general-budget tables need not be equal.
    let bad = document(vec![renumbered_summary("20.00")]);
    let f = serious(&reconcile(&bad), "XT-SUMMARY-BALANCE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("收入总计"));
    assert_figures(
        &f[0],
        Severity::Error,
        "135.00万元",
        "145.00万元",
        "-10",
        "0.02",
    );
}

#[test]
fn summary_balance_sums_only_top_level_income_items() {
    // 二、其他收入 30.00: the items (一、100 + 二、30; not the sub-item, not the of-which row)
    // add up to 130, but 本年收入合计 says 120.
    let doc = document(vec![summary("30.00", "120.00", "10.00", "130.00", "70.00")]);
    let f = serious(&reconcile(&doc), "XT-SUMMARY-BALANCE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("本年收入合计"));
    assert_figures(
        &f[0],
        Severity::Error,
        "120.00万元",
        "130.00万元",
        "-10",
        "0.015",
    );
}

#[test]
fn summary_balance_checks_a_heading_against_its_sub_items() {
    let doc = document(vec![table(
        FiscalAppropriationSummary,
        Y,
        &[
            ("预算数", Amount, Some("收入")),
            ("预算数", Amount, Some("支出")),
        ],
    )
    .side("收入", "一、财政拨款", &["1000.00"])
    .side("收入", "1、一般公共预算拨款", &["900.00"])
    .side("收入", "其中：专项资金", &["0.00"])
    .side("收入", "2、政府性基金拨款", &["0.00"])
    .side("收入", "本年收入合计", &["1000.00"])
    .side("支出", "本年支出合计", &["1000.00"])
    .side("收入", "收入总计", &["1000.00"])
    .side("支出", "支出总计", &["1000.00"])
    .build()]);
    let f = serious(&reconcile(&doc), "XT-SUMMARY-BALANCE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("一、财政拨款"));
    assert_figures(
        &f[0],
        Severity::Error,
        "1000.00元",
        "900.00元",
        "100",
        "0.015",
    );
}

/// A heading printed without an amount (`1、财政拨款`), its parts numbered below it: the
/// income items are the parts.
fn nested_income(other: &str) -> Table {
    table(
        IncomeExpenditureSummary,
        W,
        &[
            ("预算数", Amount, Some("收入")),
            ("预算数", Amount, Some("支出")),
        ],
    )
    .side("收入", "1、财政拨款", &[""])
    .side("收入", "(1)一般公共预算拨款收入", &["900.00"])
    .side("收入", "其中：专项资金", &["50.00"])
    .side("收入", "(2)政府性基金收入", &["0.00"])
    .side("收入", "2、上级补助收入", &[""])
    .side("收入", "3、其他收入", &[other])
    .side("支出", "1、一般公共服务", &["1000.00"])
    .side("收入", "本年收入合计", &["1000.00"])
    .side("支出", "本年支出合计", &["1000.00"])
    .side("收入", "收入总计", &["1000.00"])
    .side("支出", "支出总计", &["1000.00"])
    .build()
}

#[test]
fn summary_balance_sums_the_parts_of_a_blank_heading() {
    let good = document(vec![nested_income("100.00")]);
    let found = serious(&reconcile(&good), "XT-SUMMARY-BALANCE");
    assert!(found.is_empty(), "{found:#?}");
    let bad = document(vec![nested_income("90.00")]);
    let f = serious(&reconcile(&bad), "XT-SUMMARY-BALANCE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("本年收入合计"));
}

#[test]
fn summary_balance_last_digit_differences_are_info() {
    let doc = document(vec![summary("20.00", "120.01", "10.00", "130.00", "70.00")]);
    let f = check(&doc, "XT-SUMMARY-BALANCE");
    assert!(!f.is_empty());
    assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:#?}");
}

/// A 收支预算总表 printing its expenditure twice, by function class and by use (支出用途), with
/// this year's total (`当年支出小计`) once, under the uses: the uses and the classes each add
/// up to it.
fn two_classifications(basic: &str, class: &str) -> Table {
    table(
        IncomeExpenditureSummary,
        W,
        &[
            ("金额", Amount, Some("收入")),
            ("金额", Amount, Some("支出功能分类")),
            ("金额", Amount, Some("支出支出用途")),
        ],
    )
    .side("收入", "一、财政拨款", &["1000.00"])
    .side("支出功能分类", "201 一、一般公共服务支出", &[class])
    .side("支出支出用途", "一、基本支出", &[basic])
    .side("支出功能分类", "208 二、社会保障和就业支出", &["200.00"])
    .side("支出支出用途", "二、项目支出", &["400.00"])
    .side("收入", "当年收入小计", &["1000.00"])
    .side("支出支出用途", "当年支出小计", &["1000.00"])
    .side("收入", "收入合计", &["1000.00"])
    .side("支出支出用途", "支出合计", &["1000.00"])
    .build()
}

#[test]
fn summary_balance_sums_each_classification_of_the_expenditure_to_its_total() {
    let good = document(vec![two_classifications("600.00", "800.00")]);
    let found = serious(&reconcile(&good), "XT-SUMMARY-BALANCE");
    assert!(found.is_empty(), "{found:#?}");
    for (basic, class) in [("500.00", "800.00"), ("600.00", "700.00")] {
        let bad = document(vec![two_classifications(basic, class)]);
        let f = serious(&reconcile(&bad), "XT-SUMMARY-BALANCE");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].location.row_label.as_deref(), Some("当年支出小计"));
        assert_eq!(
            f[0].expected.map(|a| a.to_string()).as_deref(),
            Some("900.00万元")
        );
    }
}
