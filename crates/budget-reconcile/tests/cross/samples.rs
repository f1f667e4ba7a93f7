//! The four samples: the cross-table relations hold except for the rounding differences they
//! really contain, and a figure changed far beyond rounding is caught by the rule that relates
//! it to another table.

use budget_model::{
    ColumnRole,
    ColumnRole::{Amount, Basic, GeneralBudget, Total},
    Document, Finding, Severity, TableKind,
    TableKind::{
        ExpenditureSummary, FiscalAppropriationSummary, GeneralBudgetBasicExpenditure,
        GeneralBudgetBasicExpenditureFunction, GeneralBudgetExpenditure, IncomeExpenditureSummary,
        ProjectExpenditure, ThreePublicExpenses,
    },
};
use budget_reconcile::reconcile;
use rust_decimal::Decimal;

use crate::fixtures::assert_figures;

const S000: &str = "000_ae56c58d42acd4fc.txt";
const S002: &str = "002_a82d126008b6a810.txt";
const S003: &str = "003_da13a1aa64cf934e.txt";
const S004: &str = "004_564002215bad1a4c.txt";

fn sample(name: &str) -> Document {
    let path = format!(
        "{}/../../../shared/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("the sample file");
    budget_parse::parse(&bytes, &path).expect("the sample parses")
}

fn cross_findings(doc: &Document) -> Vec<Finding> {
    reconcile(doc)
        .into_iter()
        .filter(|f| f.rule.starts_with("XT-"))
        .collect()
}

#[test]
fn s000_cross_table_relations_hold() {
    // 南昌: 收支总表 812.07 = 809.97 + 上年结转 2.10 on both sides; its 类 (756.56, 2.10, 53.41)
    // are the 支出总表's; the 支出总表 exceeds the general budget only by the carried-over 2.10
    // on 210; 财政拨款收支总表 809.97 = 一般公共预算支出表; 基本支出 627.27 in both; 人员经费
    // 580.76 = 301 580.13 + 303 0.63, 公用经费 46.51 = 302; 三公 公务接待费 8.00 = 30217.
    let f = cross_findings(&sample(S000));
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn s002_cross_table_relations_hold() {
    // 赣州: 8,763.47 + 3,141.30 = 11,904.77; + 1,353.76 = 13,258.53 = 支出总计; 类 592.54,
    // 12,192.64, 473.35 = 支出总表; 一般公共预算 ≤ 支出总表 on every code (other money exists);
    // 财政拨款收支总表 7,697.58 etc. = 一般公共预算支出表; 基本支出 6,824.03 in both; 人员经费
    // 5,879.96 = 5,864.54 + 15.42; 公用经费 944.07 = 933.79 + 10.28; 三公 公务接待费 209.94 ≥
    // 30217 196.73 (project money), 运行维护费 3.30 = 30231.
    let f = cross_findings(&sample(S002));
    assert!(f.is_empty(), "{f:#?}");
}

#[test]
fn s003_only_the_personnel_rounding_difference() {
    // 安阳: 人员经费 printed 624.57; its 款 (301: 66.51 + 30.34 + 176.84 + 128.08 + 6.75 +
    // 184.5 = 593.02; 303: 31.56) add up to 624.58: last-digit rounding, info (184.5 is 184.50
    // printed without its trailing zero, as the table prints every figure: ±0.005 each, 0.04
    // for the seven parts and the total). Everything else
    // holds: the 收支总表 balances at 8,825.49; its 类 66.51 and 8,758.98 are the sums of the
    // 支出总表's 项; 支出总表 = 一般公共预算支出表 row by row (no other money); 财政拨款收支总表
    // = 一般公共预算支出表; 基本支出 704.49 in both; projects 5,521 + 2,600 = 8,121 = 项目支出,
    // and the project forms give them 5,521 and 2,600.
    let f = cross_findings(&sample(S003));
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "XT-BASIC-PERSONNEL-PUBLIC");
    assert_eq!(
        f[0].location.column.as_deref(),
        Some("本年一般公共预算基本支出/人员经费")
    );
    assert_figures(
        &f[0],
        Severity::Info,
        "624.57万元",
        "624.58万元",
        "-0.01",
        "0.04",
    );
}

#[test]
fn s004_cross_table_relations_hold_and_the_missing_three_public_table_is_not_guessed() {
    // 麟游 prints no 收支总表, 收入总表, 支出总表 nor 三公 table (COMP-MISSING reports them), so
    // XT-SUMMARY-VS-EXPENDITURE, XT-EXPENDITURE-VS-GENERAL and XT-THREE-PUBLIC-VS-BASIC have
    // nothing to compare. What is printed holds: 财政拨款收支总表 936,760 on all three
    // expenditure sides, 1、591,660 = (1) 529,980 + (2) 50,400 + (3) 11,280; 类 73,620,
    // 818,450, 44,690 = 一般公共预算支出表; 基本支出 541,260 + 50,400 = 591,660 = both basic
    // tables; 人员经费 541,260 = 301 529,980 + 303 11,280; projects 20,000 + 275,100 + 50,000
    // = 345,100 = 专项业务经费支出, each the same in its form and in the department form.
    let doc = sample(S004);
    assert!(doc.table(ThreePublicExpenses).is_none());
    let f = cross_findings(&doc);
    assert!(f.is_empty(), "{f:#?}");
}

/// Changes one cell of a sample table by `delta` in the table's unit: on the first row whose
/// code or label is `row`, the first column of `role` that holds an amount.
fn changed(name: &str, kind: TableKind, row: &str, role: ColumnRole, delta: i64) -> Document {
    let mut doc = sample(name);
    let table = doc
        .tables
        .iter_mut()
        .find(|t| t.kind == kind)
        .expect("the table");
    let columns = table.columns_with_role(role);
    let r = table
        .rows
        .iter_mut()
        .find(|r| r.label == row || r.code.as_ref().is_some_and(|c| c.as_str() == row))
        .expect("the row");
    let j = columns
        .into_iter()
        .find(|&j| r.value(j).is_some())
        .expect("an amount in the column");
    if let Some(Some(cell)) = r.values.get_mut(j) {
        cell.value += Decimal::from(delta);
    }
    doc
}

/// Whether `rule` reported a warning or error on `code` (any row when empty), on its own or
/// folded as a consequence into the finding on the changed cell.
fn caught(found: &[Finding], rule: &str, code: &str) -> bool {
    let direct = found.iter().any(|f| {
        f.rule == rule
            && f.severity >= Severity::Warning
            && (code.is_empty() || f.location.row_code.as_deref() == Some(code))
    });
    let folded = found
        .iter()
        .flat_map(|f| &f.consequences)
        .any(|c| c.starts_with(&format!("[{rule}]")) && (code.is_empty() || c.contains(code)));
    direct || folded
}

#[test]
fn samples_a_figure_changed_across_tables_is_caught_and_named() {
    let cases = [
        (
            S000,
            ExpenditureSummary,
            "221",
            Total,
            100,
            "XT-SUMMARY-VS-EXPENDITURE",
            "221",
        ),
        (
            S002,
            GeneralBudgetExpenditure,
            "2101506",
            Total,
            100,
            "XT-EXPENDITURE-VS-GENERAL",
            "2101506",
        ),
        (
            S002,
            FiscalAppropriationSummary,
            "210",
            GeneralBudget,
            -100,
            "XT-FISCAL-VS-GENERAL",
            "210",
        ),
        (
            S002,
            GeneralBudgetBasicExpenditure,
            "30217",
            Basic,
            100,
            "XT-THREE-PUBLIC-VS-BASIC",
            "",
        ),
        (
            S003,
            GeneralBudgetExpenditure,
            "2101501",
            Basic,
            -100,
            "XT-EXPENDITURE-VS-GENERAL",
            "2101501",
        ),
        (
            S003,
            ProjectExpenditure,
            "离休干部医疗费",
            Total,
            100,
            "XT-PROJECTS",
            "",
        ),
        (
            S004,
            FiscalAppropriationSummary,
            "210",
            Amount,
            1000,
            "XT-FISCAL-VS-GENERAL",
            "210",
        ),
        (
            S004,
            GeneralBudgetBasicExpenditure,
            "303",
            Total,
            1000,
            "XT-BASIC-PERSONNEL-PUBLIC",
            "",
        ),
        (
            S002,
            IncomeExpenditureSummary,
            "七、其他收入",
            Amount,
            -100,
            "XT-SUMMARY-BALANCE",
            "",
        ),
        (
            S003,
            ExpenditureSummary,
            "2080505",
            Total,
            100,
            "XT-SUMMARY-VS-EXPENDITURE",
            "208",
        ),
        (
            S004,
            FiscalAppropriationSummary,
            "(1)工资福利支出",
            Amount,
            1000,
            "XT-SUMMARY-BALANCE",
            "",
        ),
        (
            S004,
            GeneralBudgetBasicExpenditureFunction,
            "合计",
            Total,
            1000,
            "XT-GENERAL-BASIC",
            "",
        ),
    ];
    for (name, kind, row, role, delta, rule, code) in cases {
        let found = reconcile(&changed(name, kind, row, role, delta));
        assert!(
            caught(&found, rule, code),
            "{name} {kind} {row} {delta:+}: no {rule}\n{found:#?}"
        );
    }
}
