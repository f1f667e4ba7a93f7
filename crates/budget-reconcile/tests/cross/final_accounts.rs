//! FA-...: the fixtures of `src/rules/cross/final_accounts.rs`. A small final-accounts
//! document printed as text (the summary with its row numbers, the income, expenditure and
//! general-budget tables, the basic table in halves side by side), read by the parser as a
//! real one is: it holds every relation; each test breaks one figure and expects the rule that
//! relates it to another table to name it.

use budget_model::{Finding, Severity, TableKind};
use budget_parse::parse_text;
use budget_reconcile::reconcile;

const SUMMARY: &str = "收入支出决算总表\n单位：万元\n\
收入\t\t\t支出\t\t\n\
项目\t行次\t决算数\t项目\t行次\t决算数\n\
栏次\t\t1\t栏次\t\t2\n\
一、一般公共预算财政拨款收入\t1\t100.00\t一、一般公共服务支出\t31\t60.00\n\
二、事业收入\t2\t20.00\t二、教育支出\t32\t50.00\n\
本年收入合计\t3\t120.00\t本年支出合计\t33\t110.00\n\
年初结转和结余\t4\t10.00\t结余分配\t34\t5.00\n\
\t5\t\t年末结转和结余\t35\t15.00\n\
总计\t6\t130.00\t总计\t36\t130.00\n\n";

const INCOME: &str = "收入决算表\n单位：万元\n\
科目代码\t项目科目名称\t本年收入合计\t财政拨款收入\t事业收入\n\
\t合计\t120.00\t100.00\t20.00\n\
201\t一般公共服务支出\t70.00\t60.00\t10.00\n\
205\t教育支出\t50.00\t40.00\t10.00\n\n";

const EXPENDITURE: &str = "支出决算表\n单位：万元\n\
科目代码\t项目科目名称\t本年支出合计\t基本支出\t项目支出\n\
\t合计\t110.00\t80.00\t30.00\n\
201\t一般公共服务支出\t60.00\t50.00\t10.00\n\
205\t教育支出\t50.00\t30.00\t20.00\n\n";

const FISCAL: &str = "财政拨款收入支出决算总表\n单位：万元\n\
收入\t\t\t支出\t\t\t\t\n\
项目\t行次\t金额\t项目\t行次\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\n\
一、一般公共预算财政拨款\t1\t100.00\t一、一般公共服务支出\t31\t60.00\t60.00\t0.00\n\
二、政府性基金预算财政拨款\t2\t0.00\t二、教育支出\t32\t40.00\t40.00\t0.00\n\
本年收入合计\t3\t100.00\t本年支出合计\t33\t100.00\t100.00\t0.00\n\
总计\t4\t100.00\t总计\t34\t100.00\t100.00\t0.00\n\n";

const GENERAL: &str = "一般公共预算财政拨款支出决算表\n单位：万元\n\
科目代码\t科目名称\t合计\t基本支出\t项目支出\n\
\t合计\t100.00\t75.00\t25.00\n\
201\t一般公共服务支出\t60.00\t50.00\t10.00\n\
205\t教育支出\t40.00\t25.00\t15.00\n\n";

const BASIC: &str = "一般公共预算财政拨款基本支出决算表\n单位：万元\n\
科目代码\t科目名称\t决算数\t科目代码\t科目名称\t决算数\n\
301\t工资福利支出\t60.00\t302\t商品和服务支出\t15.00\n\
30101\t基本工资\t60.00\t30201\t办公费\t15.00\n\
\t人员经费合计\t60.00\t\t公用经费合计\t15.00\n";

/// The document with `from` replaced by `to` once, in the table that begins with `table`.
fn document(table: &str, from: &str, to: &str) -> String {
    [SUMMARY, INCOME, EXPENDITURE, FISCAL, GENERAL, BASIC]
        .iter()
        .map(|t| {
            if t.starts_with(table) {
                assert!(t.contains(from), "{from} not in {table}");
                t.replacen(from, to, 1)
            } else {
                (*t).to_string()
            }
        })
        .collect()
}

/// The errors and warnings of the final-accounts family.
fn final_findings(text: &str) -> Vec<Finding> {
    let doc = parse_text(text, "final.txt");
    reconcile(&doc)
        .into_iter()
        .filter(|f| f.rule.starts_with("FA-") && f.severity >= Severity::Warning)
        .collect()
}

/// The one finding of `rule`, at the table of `kind`, printing `printed` and expecting `expected`.
fn assert_one(found: &[Finding], rule: &str, kind: TableKind, printed: &str, expected: &str) {
    let of_rule: Vec<&Finding> = found.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(of_rule.len(), 1, "{found:#?}");
    let f = of_rule[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location.table_kind, Some(kind), "{f:#?}");
    let printed_text = f.printed.map(|a| a.to_string());
    let expected_text = f.expected.map(|a| a.to_string());
    assert_eq!(printed_text.as_deref(), Some(printed), "{f:#?}");
    assert_eq!(expected_text.as_deref(), Some(expected), "{f:#?}");
}

#[test]
fn a_final_accounts_document_that_holds_has_no_final_accounts_finding() {
    let doc = parse_text(&document("", "", ""), "final.txt");
    let kinds: Vec<TableKind> = doc.tables.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        [
            TableKind::FinalIncomeExpenditureSummary,
            TableKind::FinalIncome,
            TableKind::FinalExpenditure,
            TableKind::FinalFiscalAppropriationSummary,
            TableKind::FinalGeneralBudgetExpenditure,
            TableKind::FinalGeneralBudgetBasicExpenditure,
        ]
    );
    assert_eq!(
        doc.facts.kind,
        Some(budget_model::DocumentKind::FinalAccounts)
    );
    let serious: Vec<Finding> = reconcile(&doc)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
}

#[test]
fn summary_balance_flags_a_grand_total_that_is_not_its_parts() {
    let found = final_findings(&document(
        "收入支出决算总表",
        "总计\t6\t130.00",
        "总计\t6\t140.00",
    ));
    let balance: Vec<&Finding> = found
        .iter()
        .filter(|f| f.rule == "FA-SUMMARY-BALANCE")
        .collect();
    assert!(!balance.is_empty(), "{found:#?}");
    assert!(balance
        .iter()
        .all(|f| f.location.table_kind == Some(TableKind::FinalIncomeExpenditureSummary)));
}

#[test]
fn summary_vs_income_flags_an_income_source_that_differs() {
    let found = final_findings(&document(
        "收入决算表",
        "\t合计\t120.00\t100.00\t20.00",
        "\t合计\t120.00\t100.00\t25.00",
    ));
    assert_one(
        &found,
        "FA-SUMMARY-VS-INCOME",
        TableKind::FinalIncome,
        "25.00万元",
        "20.00万元",
    );
}

#[test]
fn summary_vs_income_adds_up_the_fiscal_sources_for_the_fiscal_column() {
    let found = final_findings(&document(
        "收入决算表",
        "\t合计\t120.00\t100.00",
        "\t合计\t120.00\t90.00",
    ));
    assert_one(
        &found,
        "FA-SUMMARY-VS-INCOME",
        TableKind::FinalIncome,
        "90.00万元",
        "100.00万元",
    );
}

#[test]
fn income_vs_fiscal_flags_fiscal_income_short_of_the_fiscal_summary() {
    // 收入决算表 财政拨款收入 90.00 against 财政拨款收入支出决算总表 本年收入合计 100.00.
    let text = document(
        "收入决算表",
        "\t合计\t120.00\t100.00",
        "\t合计\t120.00\t90.00",
    );
    let found = final_findings(&text);
    assert_one(
        &found,
        "FA-INCOME-VS-FISCAL",
        TableKind::FinalIncome,
        "90.00万元",
        "100.00万元",
    );
}

#[test]
fn summary_vs_expenditure_flags_a_class_that_differs() {
    let found = final_findings(&document(
        "支出决算表",
        "205\t教育支出\t50.00",
        "205\t教育支出\t55.00",
    ));
    assert_one(
        &found,
        "FA-SUMMARY-VS-EXPENDITURE",
        TableKind::FinalIncomeExpenditureSummary,
        "50.00万元",
        "55.00万元",
    );
}

#[test]
fn fiscal_vs_general_flags_a_class_that_differs() {
    let found = final_findings(&document(
        "一般公共预算财政拨款支出决算表",
        "205\t教育支出\t40.00",
        "205\t教育支出\t45.00",
    ));
    assert_one(
        &found,
        "FA-FISCAL-VS-GENERAL",
        TableKind::FinalFiscalAppropriationSummary,
        "40.00万元",
        "45.00万元",
    );
}

#[test]
fn general_basic_adds_up_the_halves_of_the_basic_table() {
    let basic = document(
        "一般公共预算财政拨款基本支出决算表",
        "\t公用经费合计\t15.00",
        "\t公用经费合计\t25.00",
    );
    let basic = basic.replacen(
        "302\t商品和服务支出\t15.00",
        "302\t商品和服务支出\t25.00",
        1,
    );
    let basic = basic.replacen("30201\t办公费\t15.00", "30201\t办公费\t25.00", 1);
    let found = final_findings(&basic);
    // 人员经费合计 60.00 + 公用经费合计 25.00 against 基本支出 75.00: the personnel total is
    // located, and should be 75.00 − 25.00 = 50.00.
    assert_one(
        &found,
        "FA-GENERAL-BASIC",
        TableKind::FinalGeneralBudgetBasicExpenditure,
        "60.00万元",
        "50.00万元",
    );
}
