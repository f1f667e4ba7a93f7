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

/// A 支出总表 printing 经营支出, 上缴上级支出 … beside 基本支出 and 项目支出, with `rows` under
/// its header.
fn other_spending(rows: &str) -> String {
    format!(
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\t事业单位经营支出\t上缴上级支出\n{rows}"
    )
}

#[test]
fn other_expenditures_beside_basic_and_project_count_in_the_total() {
    let good = other_spending(
        "201\t一般公共服务支出\t180.00\t100.00\t50.00\t20.00\t10.00\n205\t教育支出\t30.00\t20.00\t10.00\t\t\n",
    );
    assert!(of_rule(&reconcile(&parse(&good)), "SUM-COLS").is_empty());
    let bad = other_spending(
        "201\t一般公共服务支出\t180.00\t100.00\t50.00\t20.00\t10.00\n205\t教育支出\t40.00\t20.00\t10.00\t\t\n",
    );
    let findings = reconcile(&parse(&bad));
    let f = serious(&findings, "SUM-COLS");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("205"));
}

#[test]
fn other_expenditures_printed_as_of_which_do_not_count() {
    // 经营支出 printed as 其中 of the total (the 其中 caption lost): 合计 = 基本 + 项目 on every
    // row, so a row where it holds only with them is not judged by either reading.
    let doc = other_spending(
        "201\t一般公共服务支出\t150.00\t100.00\t50.00\t20.00\t\n205\t教育支出\t30.00\t20.00\t10.00\t5.00\t\n",
    );
    assert!(of_rule(&reconcile(&parse(&doc)), "SUM-COLS").is_empty());
    let bad = other_spending(
        "201\t一般公共服务支出\t150.00\t100.00\t50.00\t20.00\t\n205\t教育支出\t30.00\t20.00\t10.00\t5.00\t\n206\t科学技术支出\t40.00\t20.00\t10.00\t\t\n",
    );
    let findings = reconcile(&parse(&bad));
    let f = serious(&findings, "SUM-COLS");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("206"));
}

#[test]
fn an_unknown_column_holding_amounts_stops_the_check_of_its_row() {
    let doc = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\t调整数\n201\t一般公共服务支出\t180.00\t100.00\t50.00\t30.00\n";
    assert!(of_rule(&reconcile(&parse(doc)), "SUM-COLS").is_empty());
}

#[test]
fn a_table_of_one_unlabelled_row_is_checked() {
    let table = |total: &str| {
        format!("支出预算总表\n单位：万元\n合计\t基本支出\t项目支出\n{total}\t100.00\t50.00\n")
    };
    assert!(of_rule(&reconcile(&parse(&table("150.00"))), "SUM-COLS").is_empty());
    let findings = reconcile(&parse(&table("170.00")));
    assert_eq!(serious(&findings, "SUM-COLS").len(), 1, "{findings:#?}");
}

/// Jiangsu's 支出预算总表: one unlabelled row, 单位预留机动经费 beside 基本支出 and 项目支出. A
/// row that holds neither with it nor without is wrong either way: it is reported, with it
/// counted as the templates count it.
#[test]
fn a_row_wrong_with_and_without_an_other_expenditure_is_reported() {
    let table = |project: &str| {
        format!(
            "支出预算总表\n单位：万元\n合计\t基本支出\t项目支出\t单位预留机动经费\t结转下年资金\n\
             18,330.37\t9,312.90\t{project}\t2,557.89\t\n"
        )
    };
    assert!(of_rule(&reconcile(&parse(&table("6,459.58"))), "SUM-COLS").is_empty());
    let findings = reconcile(&parse(&table("6,460.58")));
    let f = serious(&findings, "SUM-COLS");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("18331.37万元")
    );
    assert!(
        f[0].message.starts_with("（未列名称的行）"),
        "{}",
        f[0].message
    );
}

/// Jiangsu's 三公 table: 合计 | 小计 (the 三公, its caption on a line of its own) | the items |
/// 会议费 | 培训费. The 小计 is the sum of the items, 合计 of the 小计 and the two beside it.
fn three_public_subtotal(subtotal: &str, reception: &str) -> String {
    format!(
        "“三公”经费、会议费、培训费支出预算表\n单位：万元\n\
         合计\t小计\t因公出国（境）费\t公务用车购置及运行维护费\t公务接待费\t会议费\t培训费\n\
         2,224.43\t{subtotal}\t106.00\t156.60\t{reception}\t1,282.56\t281.77\n"
    )
}

#[test]
fn the_three_public_subtotal_is_their_sum_and_a_part_of_the_total() {
    let good = reconcile(&parse(&three_public_subtotal("660.10", "397.50")));
    assert!(serious(&good, "SUM-COLS").is_empty(), "{good:#?}");
    let bad = reconcile(&parse(&three_public_subtotal("660.10", "398.50")));
    let f = serious(&bad, "SUM-COLS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(f[0].location.column.as_deref(), Some("小计"));
    let total = reconcile(&parse(&three_public_subtotal("661.10", "397.50")));
    let f = serious(&total, "SUM-COLS");
    assert_eq!(f.len(), 2, "{total:#?}");
}

/// A header read with its columns shifted (here 公务接待费 and 会议费 swapped in the header):
/// the three relations of the row fail at once, which no one wrong figure does. One READ-DOUBT
/// warning, no error.
#[test]
fn a_row_failing_three_column_relations_puts_its_table_in_doubt() {
    let doc = "“三公”经费、会议费、培训费支出预算表\n单位：万元\n\
        合计\t小计\t因公出国（境）费\t公务用车购置及运行维护费\t公务用车购置费\t公务用车运行维护费\t公务接待费\t会议费\t培训费\n\
        1,471.70\t508.20\t70.00\t411.20\t411.20\t27.00\t933.50\t30.00\t\n";
    let findings = reconcile(&parse(doc));
    assert!(serious(&findings, "SUM-COLS").is_empty(), "{findings:#?}");
    assert_eq!(of_rule(&findings, "READ-DOUBT").len(), 1, "{findings:#?}");
}

#[test]
fn unlabelled_rows_that_may_be_one_row_wrapped_are_not_judged() {
    // 公务接待费 printed a line below the rest of its row: two unlabelled rows, one row read.
    let doc = "“三公”经费预算表\n单位：万元\n“三公”经费合计\t因公出国（境）费\t公务用车购置及运行费\t公务接待费\n5\t\t4\t\n\t\t\t1\n";
    let findings = reconcile(&parse(doc));
    assert!(serious(&findings, "SUM-COLS").is_empty(), "{findings:#?}");
}

/// A 三公 table printing 会议费 and 培训费 beside its items, with `rows` under its header.
fn meeting_and_training(total: &str, rows: &str) -> String {
    format!(
        "“三公”经费、会议费、培训费支出表\n单位：万元\n单位名称\t{total}\t因公出国（境）费\t公务用车购置及运行维护费\t公务接待费\t会议费\t培训费\n{rows}"
    )
}

#[test]
fn meeting_and_training_beside_the_three_public_items_count_where_the_rows_say_so() {
    // 三公经费合计 (Wuxi, Suzhou): the three items only. The second unit's 合计 is 1.00 short.
    let three =
        "本级\t3.00\t0.00\t0.00\t3.00\t2.61\t19.03\n下属\t4.00\t1.00\t2.00\t2.00\t1.00\t1.00\n";
    let findings = reconcile(&parse(&meeting_and_training("三公经费合计", three)));
    let f = serious(&findings, "SUM-COLS");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("下属"));
    // A table of one row whose 三公经费合计 is wrong: its header says what it counts.
    let one = "本级\t4.00\t0.00\t0.00\t3.00\t2.61\t19.03\n";
    let findings = reconcile(&parse(&meeting_and_training("三公经费合计", one)));
    assert_eq!(serious(&findings, "SUM-COLS").len(), 1, "{findings:#?}");
    // 合计 of all five (Jiangsu): 会议费 and 培训费 count in it; the second row is 1.00 short.
    let five =
        "本级\t24.64\t0.00\t0.00\t3.00\t2.61\t19.03\n下属\t6.00\t1.00\t2.00\t2.00\t1.00\t1.00\n";
    let findings = reconcile(&parse(&meeting_and_training("合计", five)));
    let f = serious(&findings, "SUM-COLS");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("下属"));
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("7.00万元")
    );
}

/// Shenzhen's 三公 table: each item printed once per fund, one row per year; `total_2026` is
/// the general budget's 总计 of 2026. A paragraph opens with its item as a run-in heading and
/// states `stated` for it.
fn three_public_by_fund(total_2026: &str, stated: &str) -> String {
    let funds = "一般公共预算\t政府性基金预算\t国有资本经营预算";
    format!(
        "第五部分 财政拨款“三公”经费预算情况\n\
         1.因公出国（境）费用。2026年预算数{stated}万元，较2025年年初预算增加0.00万元。\n\n\
         财政拨款“三公”经费支出表\n单位：万元\n\
         预算单位\t年度\t总计\t\t\t因公出国(境)费\t\t\t公务接待费\t\t\t公务用车购置及运行维护费\t\t\n\
         \t\t{funds}\t{funds}\t{funds}\t{funds}\n\
         深圳市某局\t2025年\t59.66\t0.00\t0.00\t41.60\t0.00\t0.00\t9.46\t0.00\t0.00\t8.60\t0.00\t0.00\n\
         \t2026年\t{total_2026}\t0.00\t0.00\t41.60\t0.00\t0.00\t9.46\t0.00\t0.00\t7.40\t0.00\t0.00\n\
         \t增减变化金额\t-1.20\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t-1.20\t0.00\t0.00\n"
    )
}

#[test]
fn funds_printed_under_every_item_are_summed_fund_by_fund() {
    let good = reconcile(&parse(&three_public_by_fund("58.46", "41.60")));
    assert!(of_rule(&good, "SUM-COLS").is_empty(), "{good:#?}");
    assert!(of_rule(&good, "NARR-AMOUNT").is_empty(), "{good:#?}");
    let bad = reconcile(&parse(&three_public_by_fund("59.46", "41.60")));
    let f = serious(&bad, "SUM-COLS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("58.46万元")
    );
}

#[test]
fn a_figure_under_a_run_in_heading_is_the_headings_item() {
    let bad = reconcile(&parse(&three_public_by_fund("58.46", "42.60")));
    let f = serious(&bad, "NARR-AMOUNT");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("41.60万元")
    );
}
