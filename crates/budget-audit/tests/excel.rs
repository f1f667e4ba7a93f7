//! A finding in a workbook names its cell as the spreadsheet does (`Sheet1!C7`), in the JSON
//! and the text report, instead of a line of the text read from it.

use std::path::Path;
use std::process::{Command, Output};

use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

const SHEET: &str = "支出表";

/// A 部门支出总表 whose row 2101103 prints 合计 31.00 over 基本支出 30.00 and no 项目支出.
fn workbook(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET).expect("sheet name");
    sheet
        .merge_range(0, 0, 0, 4, "部门支出总表", &Format::new())
        .expect("title");
    sheet.write_string(1, 0, "单位：万元").expect("unit");
    let header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"];
    for (j, text) in (0u16..).zip(header) {
        sheet.write_string(2, j, text).expect("header");
    }
    let two_decimals = Format::new().set_num_format("#,##0.00");
    let rows: [(&str, &str, [Option<f64>; 3]); 4] = [
        ("", "合计", [Some(181.0), Some(130.0), Some(50.0)]),
        ("2101101", "行政单位医疗", [Some(100.0), Some(100.0), None]),
        ("2101102", "事业单位医疗", [Some(50.0), None, Some(50.0)]),
        ("2101103", "公务员医疗补助", [Some(31.0), Some(30.0), None]),
    ];
    for (r, (code, label, values)) in (3u32..).zip(rows) {
        sheet.write_string(r, 0, code).expect("code");
        sheet.write_string(r, 1, label).expect("label");
        for (j, value) in (2u16..).zip(values) {
            if let Some(v) = value {
                sheet
                    .write_number_with_format(r, j, v, &two_decimals)
                    .expect("amount");
            }
        }
    }
    book.save(path).expect("the workbook was written");
}

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(args)
        .output()
        .expect("the budget-audit binary runs")
}

#[test]
fn a_finding_in_a_workbook_names_its_sheet_and_cell() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("budget.xlsx");
    workbook(&path);
    let file = path.to_str().expect("a UTF-8 path");

    let json = audit(&["check", "--format", "json", file]);
    let report: Value = serde_json::from_slice(&json.stdout).expect("one JSON object");
    let cells: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| Some((f["rule"].as_str()?, f["location"]["cell"].as_str()?)))
        .collect();
    // 2101103 prints 合计 31.00 against 30.00 + 0: the 合计 cell of its row, C7.
    assert!(
        cells.contains(&("SUM-COLS", "支出表!C7")),
        "findings and cells: {cells:?}\n{report}"
    );

    let text = audit(&["check", file]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("cell 支出表!C7"), "{text}");
    assert!(
        !text.contains(" line "),
        "a workbook's finding is not located by line: {text}"
    );
}
