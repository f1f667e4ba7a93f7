//! The shared builders of the cross-table fixtures: tables built row by row as the parser
//! types them, the standard tables of a small department, and the finding helpers.

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
pub(crate) struct TableBuilder {
    table: Table,
}

pub(crate) fn table(
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
pub(crate) fn plain(kind: TableKind, unit: Unit, columns: &[(&str, ColumnRole)]) -> TableBuilder {
    let cols: Vec<(&str, ColumnRole, Option<&str>)> =
        columns.iter().map(|(n, r)| (*n, *r, None)).collect();
    table(kind, unit, &cols)
}

impl TableBuilder {
    /// Adds a row; `code_label` is `"208 社会保障和就业支出"` or just a label; blank values are
    /// `""`.
    pub(crate) fn row(mut self, code_label: &str, values: &[&str]) -> Self {
        self.push(code_label, values, None);
        self
    }

    /// Adds a row on one side of a side-by-side table, its values in the side's columns.
    pub(crate) fn side(mut self, section: &str, code_label: &str, values: &[&str]) -> Self {
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

    pub(crate) fn build(mut self) -> Table {
        mark_headings(&mut self.table.rows, self.table.kind);
        self.table
    }
}

pub(crate) fn document(tables: Vec<Table>) -> Document {
    Document {
        facts: Facts {
            entity: Some("某某局".into()),
            ..Facts::default()
        },
        contents: Vec::new(),
        tables,
        claims: Vec::new(),
        page_breaks: Vec::new(),
        residue: Vec::new(),
        sheet_lines: Vec::new(),
        parts: Vec::new(),
        previous: None,
    }
}

fn of_rule(findings: &[Finding], rule: &str) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .cloned()
        .collect()
}

pub(crate) fn serious(findings: &[Finding], rule: &str) -> Vec<Finding> {
    of_rule(findings, rule)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect()
}

pub(crate) fn check(doc: &Document, rule: &str) -> Vec<Finding> {
    of_rule(&reconcile(doc), rule)
}

fn dec(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

/// Asserts a finding's severity, printed and expected figures (as displayed), difference and
/// tolerance.
pub(crate) fn assert_figures(
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

pub(crate) const W: Unit = Unit::WanYuan;
pub(crate) const Y: Unit = Unit::Yuan;

// ---------------------------------------------------------------------------------------------
// Fixtures: the standard tables of a small department
// ---------------------------------------------------------------------------------------------

/// 收支总表: income 一、财政拨款收入 (with its sub-item and an of-which row), 二、其他收入,
/// 上年结转; expenditure 208 and 210.
pub(crate) fn summary(
    other: &str,
    current: &str,
    carry: &str,
    grand_in: &str,
    e210: &str,
) -> Table {
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

pub(crate) fn good_summary() -> Table {
    summary("20.00", "120.00", "10.00", "130.00", "70.00")
}

/// 支出总表 (all money): 合计 = 基本 + 项目 per function code.
pub(crate) fn expenditure(r2101501: [&str; 3]) -> Table {
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
pub(crate) fn general(r2101501: [&str; 3], total: [&str; 3]) -> Table {
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

pub(crate) fn good_general() -> Table {
    general(["50.00", "30.00", "20.00"], ["130.00", "90.00", "40.00"])
}

/// 一般公共预算基本支出表: 合计 (read as 基本支出) = 人员经费 + 公用经费.
pub(crate) fn basic(personnel: &str, r30217: &str) -> Table {
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
