//! One fixture per rule: a small document that violates it and one that satisfies it. Table
//! fixtures are written as text in the syntax of the samples and parsed. (The narrative rules'
//! fixtures are beside each rule, in `src/rules/narrative/`.)

use budget_model::{Document, Evidence, Finding, Severity};
use budget_reconcile::reconcile;
use rust_decimal::Decimal;

fn parse(text: &str) -> Document {
    budget_parse::parse_text(text, "fixture")
}

fn of_rule<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn serious<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
    of_rule(findings, rule)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect()
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
    let good = reconcile(&parse(&expenditure_table("466.28", "466.28")));
    assert!(serious(&good, "SUM-ROWS").is_empty(), "{good:#?}");
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
    let found = reconcile(&parse(text));
    assert!(serious(&found, "SUM-ROWS").is_empty(), "{found:#?}");
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

fn basic_split(total: &str) -> String {
    format!(
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n210\t卫生健康支出\t{total}\t100.00\t50.00\n"
    )
}

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

const CONTENTS: &str = "目录\n一、《部门支出总表》\n二、《政府性基金预算支出表》\n第一部分\n正文\n";

#[test]
fn completeness_flags_a_promised_table_that_is_missing() {
    let text = format!("{CONTENTS}{}", basic_split("150.00"));
    let findings = reconcile(&parse(&text));
    let f = serious(&findings, "COMP-MISSING");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert!(f[0].message.contains("政府性基金预算支出表"));
    let with_it = format!(
        "{text}\n政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n注：若为空表，则为该部门（单位）无政府性基金收支\n"
    );
    let findings = reconcile(&parse(&with_it));
    assert!(
        of_rule(&findings, "COMP-MISSING").is_empty(),
        "{findings:#?}"
    );
}

#[test]
fn completeness_flags_an_empty_table_without_a_reason() {
    let empty = "政府性基金预算支出表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n";
    let findings = reconcile(&parse(empty));
    let f = serious(&findings, "COMP-EMPTY-REASON");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].evidence, vec![Evidence::Table { table: 0 }]);
    let explained = format!("本部门没有使用政府性基金预算拨款安排的支出。\n{empty}");
    let findings = reconcile(&parse(&explained));
    assert!(
        of_rule(&findings, "COMP-EMPTY-REASON").is_empty(),
        "{findings:#?}"
    );
}

fn project_form(carry: &str) -> String {
    format!(
        "项目支出绩效目标表\n项目名称\t信息系统运维\t\n项目资金 (万元)\t年度资金总额\t535.93\n\t其中：财政拨款\t270\n\t其他资金\t0\n\t上年结转\t{carry}\n"
    )
}

#[test]
fn form_sums_flag_funds_that_do_not_add_up() {
    let bad = reconcile(&parse(&project_form("256.93")));
    let f = serious(&bad, "FORM-SUM");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(f[0].difference, Some(Decimal::new(9, 0)));
    let good = reconcile(&parse(&project_form("265.93")));
    assert!(serious(&good, "FORM-SUM").is_empty(), "{good:#?}");
}

#[test]
fn department_form_repeats_the_totals() {
    let form = |basic: &str| {
        format!(
            "{}\n部门整体支出绩效目标表\n部门名称\t某局\t\n其中：基本支出\t{basic}\t项目支出\t50.00\n",
            basic_split("150.00").replace("210\t", "\t合计\t150.00\t100.00\t50.00\n210\t")
        )
    };
    let bad = reconcile(&parse(&form("110.00")));
    let f = serious(&bad, "FORM-DEPT");
    assert_eq!(f.len(), 1, "{bad:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("100.00万元")
    );
    let good = reconcile(&parse(&form("100.00")));
    assert!(serious(&good, "FORM-DEPT").is_empty(), "{good:#?}");
}

/// The contents of a publication whose tables are published as another file.
const FOUR_TABLES: &str = "目录\n一、《部门收支总表》\n二、《部门收入总表》\n三、《部门支出总表》\n四、《政府性基金预算支出表》\n第一部分\n正文\n";

#[test]
fn completeness_says_once_that_most_tables_are_elsewhere() {
    // A narrative file (情况说明) listing four tables and printing none: one warning that lists
    // them, no error per table.
    let text = format!("{FOUR_TABLES}本部门2024年收入预算100.00万元。\n");
    let findings = reconcile(&parse(&text));
    let f = of_rule(&findings, "COMP-MISSING");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].consequences.len(), 4, "{f:#?}");
    // The same contents with three of the four tables printed: the fourth is an error.
    let printed = format!(
        "{FOUR_TABLES}部门收支总表\n单位：万元\n收入\t预算数\t支出\t预算数\n收入总计\t150.00\t支出总计\t150.00\n\
         部门收入总表\n单位：万元\n科目编码\t科目名称\t合计\t财政拨款收入\n210\t卫生健康支出\t150.00\t150.00\n{}",
        basic_split("150.00")
    );
    let findings = reconcile(&parse(&printed));
    let f = serious(&findings, "COMP-MISSING");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.contains("政府性基金预算支出表"), "{f:#?}");
}
