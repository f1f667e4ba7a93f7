//! The cross-table rules (XT-...): for each, a small document built here that violates it and
//! one that satisfies it; then the four samples, where the relations hold except for the
//! rounding differences they really contain, and where a figure changed far beyond rounding is
//! caught by the rule that relates it to another table.

use budget_model::{
    Amount, Column, ColumnRole, Document, Facts, Finding, Section, Severity, Side, Table,
    TableKind, TableStatus, Unit,
};
use budget_parse::rows::{form_row, mark_headings, typed_row, Printed};
use budget_parse::vocab::tables::{section_scheme, side_section};
use budget_reconcile::reconcile;
use rust_decimal::Decimal;

use ColumnRole::*;
use TableKind::*;

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

/// The section a test names by its side word (`收入`, `支出`, `支出经济分类`), as the parser
/// reads it.
fn side(name: &str) -> Section {
    let (side, title) = match name.strip_prefix("收入") {
        Some(title) => (Side::Income, title),
        None => (Side::Expenditure, name.strip_prefix("支出").unwrap_or(name)),
    };
    let scheme = (side == Side::Expenditure).then(|| section_scheme(title));
    side_section(side, scheme, title)
}

/// A table under construction: columns as (name, role, section), rows added one by one.
struct TableBuilder {
    table: Table,
}

fn table(
    kind: TableKind,
    unit: Unit,
    columns: &[(&str, ColumnRole, Option<&str>)],
) -> TableBuilder {
    TableBuilder {
        table: Table {
            kind,
            title: kind.display_name().to_string(),
            unit,
            status: TableStatus::Parsed,
            columns: columns
                .iter()
                .map(|(name, role, section)| Column {
                    name: (*name).to_string(),
                    role: *role,
                    section: section.map(side),
                })
                .collect(),
            rows: Vec::new(),
            lines: (1, 1),
            note: None,
        },
    }
}

/// A plain table: one column per (name, role).
fn plain(kind: TableKind, unit: Unit, columns: &[(&str, ColumnRole)]) -> TableBuilder {
    let cols: Vec<(&str, ColumnRole, Option<&str>)> =
        columns.iter().map(|(n, r)| (*n, *r, None)).collect();
    table(kind, unit, &cols)
}

impl TableBuilder {
    /// Adds a row; `code_label` is `"208 社会保障和就业支出"` or just a label; blank values are
    /// `""`.
    fn row(mut self, code_label: &str, values: &[&str]) -> Self {
        self.push(code_label, values, None);
        self
    }

    /// Adds a row on one side of a side-by-side table, its values in the side's columns.
    fn side(mut self, section: &str, code_label: &str, values: &[&str]) -> Self {
        let mut all: Vec<&str> = Vec::new();
        let mut given = values.iter();
        for c in &self.table.columns {
            if c.section.as_ref() == Some(&side(section)) {
                all.push(given.next().copied().unwrap_or(""));
            } else {
                all.push("");
            }
        }
        self.push(code_label, &all, Some(section));
        self
    }

    fn push(&mut self, code_label: &str, values: &[&str], section: Option<&str>) {
        let (code, label) = match code_label.split_once(' ') {
            Some((c, l)) if budget_model::Code::parse(c).is_some() => {
                (budget_model::Code::parse(c), l.to_string())
            }
            _ => (None, code_label.to_string()),
        };
        let unit = self.table.unit;
        let line = self.table.rows.len() + 2;
        let section = section.map(side);
        let source = format!("{code_label}\t{}", values.join("\t"));
        let printed = Printed {
            code,
            label: label.clone(),
            values: values
                .iter()
                .map(|v| Amount::parse(v, unit).expect("an amount"))
                .collect(),
            section: section.as_ref(),
            line,
            source: &source,
        };
        // Rows are typed as the parser types them: role, list level, fund, form words.
        let row = if self.table.kind.is_performance_form() {
            form_row(printed)
        } else {
            typed_row(printed)
        };
        self.table.rows.push(row);
    }

    fn build(mut self) -> Table {
        mark_headings(&mut self.table.rows, self.table.kind);
        self.table
    }
}

fn document(tables: Vec<Table>) -> Document {
    Document {
        facts: Facts {
            entity: Some("某某局".into()),
            ..Facts::default()
        },
        contents: Vec::new(),
        tables,
        claims: Vec::new(),
        page_breaks: Vec::new(),
    }
}

fn of_rule(findings: &[Finding], rule: &str) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .cloned()
        .collect()
}

fn serious(findings: &[Finding], rule: &str) -> Vec<Finding> {
    of_rule(findings, rule)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect()
}

fn check(doc: &Document, rule: &str) -> Vec<Finding> {
    of_rule(&reconcile(doc), rule)
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

/// Asserts a finding's severity, printed and expected figures (as displayed), difference and
/// tolerance.
fn assert_figures(
    f: &Finding,
    severity: Severity,
    printed: &str,
    expected: &str,
    difference: &str,
    tolerance: &str,
) {
    assert_eq!(f.severity, severity, "{f:#?}");
    assert_eq!(
        f.printed.map(|a| a.to_string()).as_deref(),
        Some(printed),
        "{f:#?}"
    );
    assert_eq!(
        f.expected.map(|a| a.to_string()).as_deref(),
        Some(expected),
        "{f:#?}"
    );
    assert_eq!(f.difference, Some(dec(difference)), "{f:#?}");
    assert_eq!(f.tolerance, Some(dec(tolerance)), "{f:#?}");
}

const W: Unit = Unit::WanYuan;
const Y: Unit = Unit::Yuan;

// ---------------------------------------------------------------------------------------------
// Fixtures: the standard tables of a small department
// ---------------------------------------------------------------------------------------------

/// 收支总表: income 一、财政拨款收入 (with its sub-item and an of-which row), 二、其他收入,
/// 上年结转; expenditure 208 and 210.
fn summary(other: &str, current: &str, carry: &str, grand_in: &str, e210: &str) -> Table {
    table(
        IncomeExpenditureSummary,
        W,
        &[
            ("预算数", Amount, Some("收入")),
            ("预算数", Amount, Some("支出")),
        ],
    )
    .side("收入", "一、财政拨款收入", &["100.00"])
    .side("支出", "208 社会保障和就业支出", &["60.00"])
    .side("收入", "（一）一般公共预算收入", &["100.00"])
    .side("支出", "210 卫生健康支出", &[e210])
    .side("收入", "其中：专项收入", &["50.00"])
    .side("收入", "二、其他收入", &[other])
    .side("收入", "本年收入合计", &[current])
    .side("支出", "本年支出合计", &["130.00"])
    .side("收入", "三、上年结转", &[carry])
    .side("支出", "结转下年", &[""])
    .side("收入", "收入总计", &[grand_in])
    .side("支出", "支出总计", &["130.00"])
    .build()
}

fn good_summary() -> Table {
    summary("20.00", "120.00", "10.00", "130.00", "70.00")
}

/// 支出总表 (all money): 合计 = 基本 + 项目 per function code.
fn expenditure(r2101501: [&str; 3]) -> Table {
    plain(
        ExpenditureSummary,
        W,
        &[("合计", Total), ("基本支出", Basic), ("项目支出", Project)],
    )
    .row("合计", &["130.00", "90.00", "40.00"])
    .row("208 社会保障和就业支出", &["60.00", "60.00", ""])
    .row(
        "2080505 机关事业单位基本养老保险缴费支出",
        &["60.00", "60.00", ""],
    )
    .row("210 卫生健康支出", &["70.00", "30.00", "40.00"])
    .row("2101501 行政运行", &r2101501)
    .row("2101599 其他医疗保障管理事务支出", &["20.00", "", "20.00"])
    .build()
}

/// 一般公共预算支出表 (general-budget money only).
fn general(r2101501: [&str; 3], total: [&str; 3]) -> Table {
    plain(
        GeneralBudgetExpenditure,
        W,
        &[("合计", Total), ("基本支出", Basic), ("项目支出", Project)],
    )
    .row("合计", &total)
    .row("208 社会保障和就业支出", &["60.00", "60.00", ""])
    .row(
        "2080505 机关事业单位基本养老保险缴费支出",
        &["60.00", "60.00", ""],
    )
    .row("210 卫生健康支出", &["70.00", "30.00", "40.00"])
    .row("2101501 行政运行", &r2101501)
    .row("2101599 其他医疗保障管理事务支出", &["20.00", "", "20.00"])
    .build()
}

fn good_general() -> Table {
    general(["50.00", "30.00", "20.00"], ["130.00", "90.00", "40.00"])
}

/// 一般公共预算基本支出表: 合计 (read as 基本支出) = 人员经费 + 公用经费.
fn basic(personnel: &str, r30217: &str) -> Table {
    plain(
        GeneralBudgetBasicExpenditure,
        W,
        &[
            ("合计", Basic),
            ("人员经费", Personnel),
            ("公用经费", Public),
        ],
    )
    .row("合计", &["90.00", personnel, "25.00"])
    .row("301 工资福利支出", &["60.00", "60.00", ""])
    .row("30101 基本工资", &["60.00", "60.00", ""])
    .row("302 商品和服务支出", &["20.00", "", "20.00"])
    .row("30217 公务接待费", &[r30217, "", r30217])
    .row("30231 公务用车运行维护费", &["3.00", "", "3.00"])
    .row("30299 其他商品和服务支出", &["12.00", "", "12.00"])
    .row("303 对个人和家庭的补助", &["5.00", "5.00", ""])
    .row("30302 退休费", &["5.00", "5.00", ""])
    .row("310 资本性支出", &["5.00", "", "5.00"])
    .row("31002 办公设备购置", &["5.00", "", "5.00"])
    .build()
}

// ---------------------------------------------------------------------------------------------
// XT-SUMMARY-BALANCE
// ---------------------------------------------------------------------------------------------

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

#[test]
fn summary_balance_last_digit_differences_are_info() {
    let doc = document(vec![summary("20.00", "120.01", "10.00", "130.00", "70.00")]);
    let f = check(&doc, "XT-SUMMARY-BALANCE");
    assert!(!f.is_empty());
    assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:#?}");
}

// ---------------------------------------------------------------------------------------------
// XT-SUMMARY-VS-EXPENDITURE
// ---------------------------------------------------------------------------------------------

#[test]
fn summary_vs_expenditure_holds_class_by_class() {
    let doc = document(vec![
        good_summary(),
        expenditure(["50.00", "30.00", "20.00"]),
    ]);
    assert!(check(&doc, "XT-SUMMARY-VS-EXPENDITURE").is_empty());
}

#[test]
fn summary_vs_expenditure_flags_a_class_that_differs() {
    let doc = document(vec![
        summary("20.00", "120.00", "10.00", "130.00", "80.00"),
        expenditure(["50.00", "30.00", "20.00"]),
    ]);
    let f = serious(&reconcile(&doc), "XT-SUMMARY-VS-EXPENDITURE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("210"));
    assert_eq!(f[0].location.table_kind, Some(IncomeExpenditureSummary));
    assert_figures(
        &f[0],
        Severity::Error,
        "80.00万元",
        "70.00万元",
        "10",
        "0.01",
    );
    assert!(f[0].source_text.contains("210 卫生健康支出\t70.00"));
}

#[test]
fn summary_vs_expenditure_sums_items_when_the_class_row_is_not_printed() {
    // A 支出总表 that prints only 项 rows (as 安阳 does): they stand for their 类.
    let items_only = plain(ExpenditureSummary, W, &[("合计", Total)])
        .row("合计", &["130.00"])
        .row("2080505 机关事业单位基本养老保险缴费支出", &["60.00"])
        .row("2101501 行政运行", &["50.00"])
        .row("2101599 其他医疗保障管理事务支出", &["25.00"])
        .build();
    let doc = document(vec![good_summary(), items_only]);
    let f = serious(&reconcile(&doc), "XT-SUMMARY-VS-EXPENDITURE");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_figures(
        &f[0],
        Severity::Error,
        "70.00万元",
        "75.00万元",
        "-5",
        "0.015",
    );
}

// ---------------------------------------------------------------------------------------------
// XT-EXPENDITURE-VS-GENERAL
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// XT-FISCAL-VS-GENERAL
// ---------------------------------------------------------------------------------------------

fn fiscal(e210: &str) -> Table {
    table(
        FiscalAppropriationSummary,
        W,
        &[
            ("预算数", Amount, Some("收入")),
            ("合计", Total, Some("支出")),
            ("一般公共预算支出", GeneralBudget, Some("支出")),
        ],
    )
    .side("收入", "一、财政拨款收入", &["130.00"])
    .side("支出", "一、本年支出", &["130.00", "130.00"])
    .side("支出", "208 社会保障和就业支出", &["60.00", "60.00"])
    .side("支出", "210 卫生健康支出", &[e210, e210])
    .side("收入", "收入总计", &["130.00"])
    .side("支出", "支出总计", &["130.00", "130.00"])
    .build()
}

#[test]
fn fiscal_vs_general_holds_class_by_class() {
    let doc = document(vec![fiscal("70.00"), good_general()]);
    assert!(check(&doc, "XT-FISCAL-VS-GENERAL").is_empty());
}

#[test]
fn fiscal_vs_general_flags_a_class_that_differs() {
    let doc = document(vec![fiscal("75.00"), good_general()]);
    let f = serious(&reconcile(&doc), "XT-FISCAL-VS-GENERAL");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_code.as_deref(), Some("210"));
    assert_eq!(f[0].location.column.as_deref(), Some("一般公共预算支出"));
    assert_figures(
        &f[0],
        Severity::Error,
        "75.00万元",
        "70.00万元",
        "5",
        "0.01",
    );
}

#[test]
fn fiscal_vs_general_compares_the_total() {
    // The general-budget table's 合计 says 140, its 类 add up to 130 (SUM-ROWS reports that);
    // the fiscal summary's 本年支出 130 differs from it.
    let doc = document(vec![
        fiscal("70.00"),
        general(["50.00", "30.00", "20.00"], ["140.00", "90.00", "40.00"]),
    ]);
    let f = serious(&reconcile(&doc), "XT-FISCAL-VS-GENERAL");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.row_label.as_deref(), Some("一、本年支出"));
    assert_figures(
        &f[0],
        Severity::Error,
        "130.00万元",
        "140.00万元",
        "-10",
        "0.01",
    );
}

// ---------------------------------------------------------------------------------------------
// XT-GENERAL-BASIC
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// XT-BASIC-PERSONNEL-PUBLIC
// ---------------------------------------------------------------------------------------------

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
        plain(
            GeneralBudgetBasicExpenditure,
            W,
            &[
                ("合计", Basic),
                ("人员经费", Personnel),
                ("公用经费", Public),
            ],
        )
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

// ---------------------------------------------------------------------------------------------
// XT-THREE-PUBLIC-VS-BASIC
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// XT-PROJECTS
// ---------------------------------------------------------------------------------------------

/// 麟游's 专项业务经费支出表: a 合计, the unit row, a category heading, three projects.
fn projects(network: &str) -> Table {
    plain(ProjectExpenditure, Y, &[("项目金额", Amount)])
        .row("合计", &["345100.00"])
        .row("某某局", &["345100.00"])
        .row("专用项目", &["345100.00"])
        .row("乡村振兴工作经费", &["20000.00"])
        .row("医保专网建设经费", &[network])
        .row("打击欺诈骗保项目经费", &["50000.00"])
        .build()
}

fn general_projects(project: &str) -> Table {
    plain(
        GeneralBudgetExpenditure,
        Y,
        &[("合计", Total), ("专项业务经费支出", Project)],
    )
    .row("合计", &["936760.00", project])
    .build()
}

fn form(total_label: &str, amount: &str) -> Table {
    plain(PerformanceTargetsProject, Y, &[("金额", Amount)])
        .row("项目名称 / 医保专网建设经费", &[""])
        .row("主管部门 / 某某局", &[""])
        .row(&format!("资金金额 (元) / {total_label}"), &[amount])
        .row("其中:财政拨款", &[amount])
        .build()
}

#[test]
fn projects_add_up_and_match_their_forms() {
    let doc = document(vec![
        projects("275100.00"),
        general_projects("345100.00"),
        form("年度资金总额:", "275100"),
    ]);
    assert!(check(&doc, "XT-PROJECTS").is_empty());
}

#[test]
fn projects_must_add_up_to_project_expenditure() {
    let doc = document(vec![projects("275100.00"), general_projects("355100.00")]);
    let f = serious(&reconcile(&doc), "XT-PROJECTS");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.table_kind, Some(GeneralBudgetExpenditure));
    assert_eq!(f[0].location.column.as_deref(), Some("专项业务经费支出"));
    assert_figures(
        &f[0],
        Severity::Error,
        "355100.00元",
        "345100.00元",
        "10000",
        "0.02",
    );
    // The headings are not projects.
    assert!(!f[0].source_text.contains("专用项目"), "{f:#?}");
}

#[test]
fn a_form_must_give_its_project_the_same_amount() {
    let doc = document(vec![
        projects("275100.00"),
        general_projects("345100.00"),
        form("年度资金总额:", "265100"),
    ]);
    let f = serious(&reconcile(&doc), "XT-PROJECTS");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].location.table_kind, Some(PerformanceTargetsProject));
    assert!(f[0].message.contains("医保专网建设经费"), "{f:#?}");
    assert_figures(
        &f[0],
        Severity::Error,
        "265100元",
        "275100元",
        "-10000",
        "0.505",
    );
    // A form that states only the whole period's total may differ: a warning.
    let doc = document(vec![
        projects("275100.00"),
        general_projects("345100.00"),
        form("实施期资金总额:", "265100"),
    ]);
    let f = serious(&reconcile(&doc), "XT-PROJECTS");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Warning);
}

// ---------------------------------------------------------------------------------------------
// The samples
// ---------------------------------------------------------------------------------------------

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
    // 184.5 = 593.02; 303: 31.56) add up to 624.58: last-digit rounding, info. Everything else
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
        "0.085",
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
