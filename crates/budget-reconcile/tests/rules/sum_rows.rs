//! SUM-ROWS: the fixtures of `src/rules/sums/sum_rows.rs`.

use budget_model::{Evidence, Severity};
use budget_reconcile::reconcile;
use rust_decimal::Decimal;

use crate::fixtures::{of_rule, parse, serious};

/// The document's rows add up: no SUM-ROWS error or warning.
fn assert_sums_hold(text: &str) {
    let found = reconcile(&parse(text));
    assert!(serious(&found, "SUM-ROWS").is_empty(), "{found:#?}");
}

fn expenditure_table(t210: &str, t21011: &str) -> String {
    format!(
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t{t210}\t{t210}\t\n210\t卫生健康支出\t{t210}\t{t210}\t\n11\t行政事业单位医疗\t{t21011}\t{t21011}\t\n2101101\t行政单位医疗\t139.44\t139.44\t\n2101102\t事业单位医疗\t326.84\t326.84\t\n"
    )
}

#[test]
fn sum_rows_flags_a_sub_total_that_does_not_add_up() {
    let bad = reconcile(&parse(&expenditure_table("466.28", "476.28")));
    let f = serious(&bad, "SUM-ROWS");
    assert!(!f.is_empty(), "{bad:#?}");
    let first = f[0];
    assert_eq!(first.location.row_code.as_deref(), Some("21011"));
    assert_eq!(
        first.printed.map(|a| a.to_string()).as_deref(),
        Some("476.28万元")
    );
    assert_eq!(
        first.expected.map(|a| a.to_string()).as_deref(),
        Some("466.28万元")
    );
    assert_eq!(first.difference, Some(Decimal::new(10, 0)));
    // The evidence: the printed cell of 21011 (row 2, 合计 column), then its two 项 rows.
    assert_eq!(
        first.evidence,
        vec![
            Evidence::Cell {
                table: 0,
                row: 2,
                column: 0
            },
            Evidence::Row { table: 0, row: 3 },
            Evidence::Row { table: 0, row: 4 },
        ]
    );
    assert_sums_hold(&expenditure_table("466.28", "466.28"));
}

#[test]
fn sum_rows_skips_a_column_whose_sub_rows_are_all_blank() {
    // 项目支出 is printed on the 款 21011 and blank on both its 项: a breakdown left blank (or
    // lost by the reading), not a sum of zero. The 合计 column is still checked.
    let text = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
        21011\t行政事业单位医疗\t476.28\t466.28\t10.00\n\
        2101101\t行政单位医疗\t139.44\t139.44\t\n\
        2101102\t事业单位医疗\t326.84\t326.84\t\n";
    let found = reconcile(&parse(text));
    let f = serious(&found, "SUM-ROWS");
    assert_eq!(f.len(), 1, "{found:#?}");
    assert_eq!(f[0].location.column.as_deref(), Some("合计"));
}

#[test]
fn sum_rows_does_not_sum_a_list_that_repeats_its_codes() {
    // A procurement table: each line carries the economic code of what is bought, so 30201
    // appears twice and 302 is not "the sum of its 款" (数量 and 金额 of items, agency lines).
    let text = "政府采购预算表\n单位：万元\n科目编码\t采购项目\t金额\n\
        302\t某某局\t50.00\n30201\t办公用品\t20.00\n30201\t复印纸\t10.00\n30213\t维修\t5.00\n";
    assert_sums_hold(text);
    // The same lines with distinct codes form a hierarchy: 302 ≠ 20.00 + 10.00 + 5.00.
    let hierarchy = text.replacen("30201\t复印纸", "30202\t复印纸", 1);
    let found = reconcile(&parse(&hierarchy));
    assert_eq!(serious(&found, "SUM-ROWS").len(), 1, "{found:#?}");
}

#[test]
fn sum_rows_reports_last_digit_differences_as_info() {
    let findings = reconcile(&parse(&expenditure_table("466.29", "466.29")));
    let f = of_rule(&findings, "SUM-ROWS");
    assert!(!f.is_empty());
    assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:#?}");
    assert_eq!(f[0].tolerance, Some(Decimal::new(15, 3)));
}

/// A 政府采购预算表 naming its rows in level columns, no codes: `一、货物` and `二、服务` over
/// their 专项 over their 采购物品. `office` is the 办公设备购置 subtotal, `printer` one of its
/// items.
fn procurement_table(office: &str, printer: &str) -> String {
    let mut text = String::from(
        "政府采购预算表\n单位：万元\n采购品目大类\t专项名称\t采购物品名称\t采购组织形式\t总计\n合计\t\t\t\t90.00\n一、货物\t\t\t\t60.00\n",
    );
    text.push_str(&format!("\t办公设备购置\t\t\t{office}\n"));
    text.push_str("\t\t台式计算机\t分散自行组织\t10.00\n");
    text.push_str(&format!("\t\t打印设备\t部门集中采购\t{printer}\n"));
    text.push_str("\t信息化建设\t\t\t30.00\n");
    text.push_str("\t\t服务器\t部门集中采购\t18.00\n");
    text.push_str("\t\t网络设备\t部门集中采购\t12.00\n");
    text.push_str("二、服务\t\t\t\t30.00\n\t物业管理\t\t\t30.00\n");
    text.push_str("\t\t保洁服务\t分散自行组织\t20.00\n\t\t安保服务\t分散自行组织\t10.00\n");
    text
}

#[test]
fn sum_rows_checks_an_outline_named_in_level_columns() {
    assert_sums_hold(&procurement_table("30.00", "20.00"));
    // 办公设备购置 prints 30.00 while its items make 10.00 + 25.00 = 35.00; every other sum holds.
    let bad = reconcile(&parse(&procurement_table("30.00", "25.00")));
    let f = serious(&bad, "SUM-ROWS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("35.00万元")
    );
}

#[test]
fn sum_rows_checks_an_outline_whose_changed_subtotal_fails_two_sums() {
    // 办公设备购置 printed 31.00: it misses its items (30.00) and 一、货物 misses it (61.00). Two
    // of seven sums fail, both through that one cell: the outline holds everywhere else, and
    // the one discrepancy is reported once, at the cell.
    let bad = reconcile(&parse(&procurement_table("31.00", "20.00")));
    let f = serious(&bad, "SUM-ROWS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("办公设备购置"));
}

/// The procurement table with a second line under 物业管理 whose 专项 name is printed once, in
/// the merged cell above (the row prints no name of its own): `repairs` is its amount, its one
/// item prints 15.00.
fn procurement_with_merged_name(repairs: &str) -> String {
    procurement_table("30.00", "20.00")
        .replace("合计\t\t\t\t90.00", "合计\t\t\t\t105.00")
        .replace("二、服务\t\t\t\t30.00", "二、服务\t\t\t\t45.00")
        + &format!("\t\t\t\t{repairs}\n\t\t维修服务\t分散自行组织\t15.00\n")
}

#[test]
fn sum_rows_places_a_row_whose_name_a_merged_cell_printed_above() {
    assert_sums_hold(&procurement_with_merged_name("15.00"));
    let bad = reconcile(&parse(&procurement_with_merged_name("16.00")));
    let f = serious(&bad, "SUM-ROWS");
    assert!(!f.is_empty(), "{bad:#?}");
    assert!(f.iter().all(|f| f.message.contains("16.00")), "{f:#?}");
}

#[test]
fn sum_rows_does_not_trust_an_outline_its_sums_do_not_bear_out() {
    // The items of both 专项 miss their subtotals: the levels are more likely misread than the
    // table wrong, so nothing is said.
    let text = procurement_table("30.00", "25.00").replace(
        "\t\t服务器\t部门集中采购\t18.00",
        "\t\t服务器\t部门集中采购\t28.00",
    );
    assert_sums_hold(&text);
}

#[test]
fn sum_rows_does_not_judge_an_outline_whose_item_repeats_the_row_above() {
    // 办公设备购置's only item is printed in the 专项 column, beside it rather than under it: it
    // repeats the row above, and counted as a sibling would make 一、货物 90.00, not 60.00. That
    // sum is not judged; the others still are.
    let text = procurement_table("30.00", "20.00").replace(
        "\t\t台式计算机\t分散自行组织\t10.00\n\t\t打印设备\t部门集中采购\t20.00\n",
        "\t台式计算机\t\t\t30.00\n",
    );
    assert_sums_hold(&text);
    // The same row printing an amount of its own is a sibling like any other: 一、货物 is judged.
    let own = text.replace("\t台式计算机\t\t\t30.00", "\t台式计算机\t\t\t25.00");
    let found = reconcile(&parse(&own));
    let f = serious(&found, "SUM-ROWS");
    assert_eq!(f.len(), 1, "{found:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("一、货物"));
}

/// A 收入总表 by unit: the department (`252`, its code in a column of its own) over its units,
/// printed with their unit codes (252001 …) that are no classification codes. The 其中 column
/// is in no relation of the columns: only the department's row checks its units' figures.
fn units_table(third: &str) -> String {
    format!(
        "部门收入总表\n单位：元\n\t单位编码\t单位名称\t合计\t一般公共预算拨款\t其中：专项资金\t其他收入\t事业收入\n\
         \t\t合计\t600.00\t550.00\t50.00\t50.00\t0.00\n\
         252\t\t西安市某局\t600.00\t550.00\t50.00\t50.00\t0.00\n\
         \t252001\t西安市某局\t300.00\t300.00\t10.00\t0.00\t0.00\n\
         \t252002\t某中心\t200.00\t200.00\t20.00\t0.00\t0.00\n\
         \t252003\t某研究院\t100.00\t50.00\t{third}\t50.00\t0.00\n"
    )
}

#[test]
fn sum_rows_checks_a_department_against_its_units() {
    assert_sums_hold(&units_table("20.00"));
    let bad = reconcile(&parse(&units_table("30.00")));
    let f = serious(&bad, "SUM-ROWS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("252"));
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("60.00元")
    );
}

/// Rows without a code under a coded row that do not add up to it in most columns (two levels
/// of names without codes) are no block of units: nothing is judged from them.
#[test]
fn sum_rows_does_not_trust_blocks_its_sums_do_not_bear_out() {
    let doc = "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
        \t合计\t100.00\t60.00\t40.00\n\
        201\t一般公共服务支出\t100.00\t60.00\t40.00\n\
        \t人大事务\t100.00\t60.00\t40.00\n\
        \t行政运行\t60.00\t60.00\t0.00\n\
        \t一般行政管理事务\t40.00\t0.00\t40.00\n";
    assert_sums_hold(doc);
}

/// A 收入总表 listing its units by name alone, under its 合计: the 合计 row is the sum of the
/// units in every column, trusted because most columns add up. Its 其中 column is in no sum of
/// the columns: only the 合计 row checks it.
fn unit_list(second: &str) -> String {
    format!(
        "部门收入总表\n单位：万元\n单位名称\t合计\t一般公共预算拨款\t其中：专项资金\t事业收入\t其他收入\n\
         合计\t600.00\t500.00\t50.00\t60.00\t40.00\n\
         西安市某局\t300.00\t260.00\t30.00\t20.00\t20.00\n\
         某中心\t200.00\t140.00\t{second}\t40.00\t20.00\n\
         某研究院\t100.00\t100.00\t0.00\t0.00\t0.00\n"
    )
}

#[test]
fn sum_rows_checks_a_total_against_the_list_of_units_under_it() {
    assert_sums_hold(&unit_list("20.00"));
    let bad = reconcile(&parse(&unit_list("30.00")));
    let f = serious(&bad, "SUM-ROWS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("合计"));
    assert_eq!(f[0].location.column.as_deref(), Some("其中：专项资金"));
}

/// A list whose rows nest (numbered headings over their items) is no plain list: its total is
/// not judged against all its rows.
#[test]
fn sum_rows_does_not_sum_a_list_of_several_levels_as_one() {
    let doc = "部门收入总表\n单位：万元\n项目\t合计\t一般公共预算拨款\t事业收入\t其他收入\n\
        合计\t600.00\t500.00\t60.00\t40.00\n\
        一、某局\t600.00\t500.00\t60.00\t40.00\n\
        （一）某中心\t300.00\t260.00\t20.00\t20.00\n\
        （二）某研究院\t300.00\t240.00\t40.00\t20.00\n";
    assert_sums_hold(doc);
}

/// A 收入预算总表 grouping its sources under 小计 lines that head them, the group's name printed
/// across its rows (Jiangsu): the 收入总计 is the sum of the 小计 lines, each 小计 the sum of
/// the rows under it.
fn grouped_income(other: &str) -> String {
    format!(
        "收入预算总表\n单位：万元\n项目名称\t\t金额\n\
         \t收入总计\t13,377.11\n\
         \t小计\t13,297.11\n\
         一般公共预算资金\t公共财政拨款(补助)资金\t13,297.11\n\
         \t专项收入\t\n\
         政府性基金\t小计\t\n\
         \t小计\t80.00\n\
         \t事业收入\t\n\
         其他资金\t\t\n\
         \t经营收入\t\n\
         \t其他收入\t{other}\n"
    )
}

#[test]
fn sum_rows_checks_groups_under_the_subtotals_that_head_them() {
    assert_sums_hold(&grouped_income("80.00"));
    let bad = reconcile(&parse(&grouped_income("81.00")));
    let f = serious(&bad, "SUM-ROWS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("小计"));
}

/// 小计 lines that end their groups are not read as heading the rows after them.
#[test]
fn sum_rows_does_not_group_rows_under_subtotals_that_end_their_groups() {
    let doc = "收入预算总表\n单位：万元\n项目名称\t\t金额\n\
        \t收入总计\t100.00\n\
        一般公共预算资金\t公共财政拨款\t60.00\n\
        \t专项收入\t30.00\n\
        \t小计\t90.00\n\
        其他资金\t其他收入\t10.00\n\
        \t小计\t10.00\n";
    assert_sums_hold(doc);
}

/// A numbered list of one level under its total (the 支出用途 side of a Jiangsu 收支预算总表):
/// the total is the sum of the list, one column though it has.
fn numbered_list(reserve: &str) -> String {
    format!(
        "支出预算总表\n单位：万元\n项目\t金额\n\
         当年支出小计\t27,664.22\n\
         一、基本支出\t11,700.63\n\
         二、项目支出\t13,025.38\n\
         三、单位预留机动经费\t{reserve}\n"
    )
}

#[test]
fn sum_rows_checks_a_total_against_its_numbered_list() {
    assert_sums_hold(&numbered_list("2,938.21"));
    let bad = reconcile(&parse(&numbered_list("2,939.21")));
    let f = serious(&bad, "SUM-ROWS");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("当年支出小计"));
}

/// Rows whose amounts all sit in a column the total leaves blank (a continued page read with
/// columns of its own put them under 经济科目, Jiangsu 2018) leave the outline untrusted: the
/// sum they were read out of (审判专项业务费 30.00 over its items) is not judged.
#[test]
fn sum_rows_does_not_trust_an_outline_with_rows_outside_the_totals_columns() {
    let text = "政府采购预算表\n单位：万元\n\
        采购品目大类\t专项名称\t经济科目\t采购物品名称\t采购组织形式\t总计\n\
        合计\t\t\t\t\t60.00\n一、工程\t\t\t\t\t10.00\n\
        \t商品和服务支出\t维修（护）费\t\t\t10.00\n\t\t\t修缮工程\t分散自行组织\t10.00\n\
        二、服务\t\t\t\t\t50.00\n\
        \t应用软件购建费\t信息网络及软件购置更新\t\t\t20.00\n\t\t\t软件开发服务\t政府集中采购\t20.00\n\
        \t审判专项业务费\t维修（护）费\t\t\t30.00\n\t\t\t其他信息技术服务\t分散自行组织\t9.00\n\
        计算机设备维修和保\t\t\n\t分散自行组织\t11.00\n养服务\t\t\n\
        会议费\t\t5.00\n会议服务\t分散自行组织\t5.00\n\
        印刷费\t\t5.00\n其他服务\t分散自行组织\t5.00\n";
    let doc = parse(text);
    assert_eq!(
        doc.tables[0].columns.len(),
        2,
        "{:#?}",
        doc.tables[0].columns
    );
    let found = reconcile(&doc);
    assert!(serious(&found, "SUM-ROWS").is_empty(), "{found:#?}");
}
