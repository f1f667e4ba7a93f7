//! A small reconciled document, built by hand, shared by the renderer tests.

use budget_model::{
    Amount, Change, Claim, Code, Column, ColumnRole, Direction, Document, DocumentKind, Facts,
    Finding, Location, NarrativeCoverage, Percent, Reconciliation, Row, Scope, Severity, Subject,
    Table, TableKind, TableStatus, TotalKind, Unit,
};
use rust_decimal::Decimal;

fn wan(text: &str) -> Amount {
    Amount::parse(text, Unit::WanYuan).unwrap().unwrap()
}

fn column(name: &str, role: ColumnRole) -> Column {
    Column {
        name: name.to_string(),
        role,
        section: None,
    }
}

fn row(code: Option<&str>, label: &str, values: &[&str], line: usize) -> Row {
    Row {
        boxes: Vec::new(),
        code: code.and_then(Code::parse),
        label: label.to_string(),
        values: values
            .iter()
            .map(|v| Amount::parse(v, Unit::WanYuan).unwrap())
            .collect(),
        section: None,
        role: budget_model::RowRole::Item,
        list_level: None,
        outline: None,
        fund: None,
        parts: Vec::new(),
        line,
        source: format!("| {label} | {} |", values.join(" | ")),
    }
}

fn expenditure_table() -> Table {
    Table {
        kind: TableKind::ExpenditureSummary,
        title: "部门支出总表".to_string(),
        unit: Unit::WanYuan,
        status: TableStatus::Parsed,
        columns: vec![
            column("合计", ColumnRole::Total),
            column("基本支出", ColumnRole::Basic),
            column("项目支出", ColumnRole::Project),
        ],
        rows: vec![
            row(None, "合计", &["812.17", "700.10", "112.00"], 40),
            row(
                Some("208"),
                "社会保障和就业支出",
                &["12.00", "12.00", ""],
                41,
            ),
        ],
        lines: (40, 58),
        note: None,
    }
}

fn empty_table() -> Table {
    Table {
        kind: TableKind::GovernmentFundExpenditure,
        title: "政府性基金预算支出表".to_string(),
        unit: Unit::WanYuan,
        status: TableStatus::Empty,
        columns: Vec::new(),
        rows: Vec::new(),
        lines: (60, 64),
        note: Some("本单位无政府性基金预算".to_string()),
    }
}

fn income_claim() -> Claim {
    Claim {
        amount: Some(wan("812.07")),
        change: Some(Change {
            direction: Direction::Decrease,
            amount: Some(wan("131.10")),
            percent: Some(Percent {
                value: Decimal::new(139, 1),
                decimals: 1,
            }),
            percent_direction: None,
            base: None,
        }),
        share: None,
        sentence: "收入预算总额为812.07万元，较上年减少131.10万元，下降13.9%。".to_string(),
        start: 100,
        end: 140,
        line: 12,
        ..Claim::new(Subject::Total(TotalKind::Income), "收入预算总额")
    }
}

fn table_location(column: &str) -> Location {
    Location {
        bbox: None,
        cell: None,
        file: None,
        table_kind: Some(TableKind::ExpenditureSummary),
        table_title: Some("部门支出总表".to_string()),
        row_code: Some("208".to_string()),
        row_label: Some("社会保障和就业支出".to_string()),
        column: Some(column.to_string()),
        line: Some(41),
        start: None,
        end: None,
        page: None,
    }
}

fn finding(rule: &str, severity: Severity, location: Location) -> Finding {
    Finding {
        rule: rule.to_string(),
        severity,
        message: format!("{rule} does not add up"),
        location,
        expected: None,
        printed: None,
        difference: None,
        tolerance: None,
        source_text: String::new(),
        consequences: Vec::new(),
        evidence: Vec::new(),
        related: Vec::new(),
    }
}

fn findings() -> Vec<Finding> {
    let mut rows = finding("SUM-ROWS", Severity::Error, table_location("合计"));
    rows.expected = Some(wan("812.07"));
    rows.printed = Some(wan("812.17"));
    rows.difference = Some(Decimal::new(10, 2));
    rows.tolerance = Some(Decimal::new(15, 3));
    rows.source_text = "| 合计 | 812.17 | 700.10 | 112.00 |".to_string();
    rows.consequences = vec!["XT-T5-T6 合计 differs too".to_string()];
    rows.evidence = vec![
        budget_model::Evidence::Cell {
            table: 0,
            row: 0,
            column: 0,
        },
        budget_model::Evidence::Row { table: 0, row: 1 },
    ];
    let narrative = Location {
        line: Some(12),
        start: Some(100),
        end: Some(140),
        ..Location::default()
    };
    let mut yoy = finding("NARR-YOY", Severity::Info, narrative);
    yoy.source_text = income_claim().sentence;
    let cols = finding("SUM-COLS", Severity::Warning, table_location("基本支出"));
    vec![rows, yoy, cols]
}

pub fn sample() -> Reconciliation {
    Reconciliation {
        document: Document {
            facts: Facts {
                source: "samples/x.txt".to_string(),
                entity: Some("南昌市医疗保障服务中心".to_string()),
                entity_code: Some("123001".to_string()),
                year: Some(2024),
                unit: Some(Unit::WanYuan),
                scope: Some(Scope::Unit),
                kind: Some(DocumentKind::Budget),
            },
            contents: Vec::new(),
            tables: vec![expenditure_table(), empty_table()],
            claims: vec![income_claim()],
            page_breaks: Vec::new(),
            residue: Vec::new(),
            sheet_lines: Vec::new(),
            parts: Vec::new(),
            previous: None,
        },
        findings: findings(),
        coverage: NarrativeCoverage {
            figures: vec![0],
            resolved: Vec::new(),
            checked: vec![0],
        },
    }
}
