//! Locations stay true on space-aligned text (issue 11): the parser reads the tables rewritten as
//! tab-separated rows, which has fewer lines than the input (a blank line inside the table is
//! dropped, a wrapped label joins its row), yet every row, claim and finding names the line,
//! offset, page and text of the input as the user sees it.

use budget_model::{format_value, Document, Finding};

/// A department's expenditure table laid out with spaces (the 201 label wrapped onto the next
/// line, a blank line inside the table), then a page break and the narrative.
const INPUT: &str = "\
某某单位2024年部门预算公开

部门支出总表
单位：万元
科目编码  科目名称              合计      基本支出    项目支出
          合计                  35.00     10.00       25.00
201       一般公共服务          10.00     10.00
          支出

205       教育支出              25.00                 20.00
\u{c}二、收支预算情况说明
2024年支出预算总额为45.00万元，其中基本支出10.00万元。
";

fn document() -> Document {
    budget_parse::parse_text(INPUT, "layout.txt")
}

/// Line `number` (1-based) of the input.
fn input_line(number: usize) -> &'static str {
    INPUT.split('\n').nth(number - 1).unwrap_or_default()
}

/// The input's characters `start..end`.
fn input_chars(start: usize, end: usize) -> String {
    INPUT.chars().skip(start).take(end - start).collect()
}

fn finding<'a>(findings: &'a [Finding], rule: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} finding in {findings:#?}"))
}

#[test]
fn rows_name_the_lines_they_are_printed_on() {
    let document = document();
    let [table] = document.tables.as_slice() else {
        panic!("one table expected: {:#?}", document.tables);
    };
    assert_eq!(table.lines, (3, 10));
    let rows: Vec<(&str, usize, &str)> = table
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.line, r.source.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("合计", 6, input_line(6)),
            (
                "一般公共服务支出",
                7,
                "201       一般公共服务          10.00     10.00\n          支出"
            ),
            ("教育支出", 10, input_line(10)),
        ]
    );
}

#[test]
fn claims_quote_the_input_at_their_offsets() {
    let document = document();
    let claims: Vec<(usize, String)> = document
        .claims
        .iter()
        .map(|c| (c.line, input_chars(c.start, c.end)))
        .collect();
    assert_eq!(
        claims,
        [
            (12, "支出预算总额为45.00万元".to_string()),
            (12, "基本支出10.00万元".to_string())
        ]
    );
    assert_eq!(document.page_breaks, [11]);
    assert_eq!(document.page_of_line(10), Some(1));
    assert_eq!(document.page_of_line(12), Some(2));
}

#[test]
fn findings_point_at_the_input() {
    let document = document();
    let findings = budget_reconcile::reconcile(&document);

    let row = finding(&findings, "SUM-COLS");
    assert_eq!(row.location.row_code.as_deref(), Some("205"));
    assert_eq!((row.location.line, row.location.page), (Some(10), Some(1)));
    assert_eq!(row.source_text, input_line(10));

    let claim = finding(&findings, "NARR-AMOUNT");
    assert_eq!(
        (claim.location.line, claim.location.page),
        (Some(12), Some(2))
    );
    let (Some(start), Some(end)) = (claim.location.start, claim.location.end) else {
        panic!("a claim's finding names its offsets: {claim:#?}");
    };
    assert_eq!(input_chars(start, end), "支出预算总额为45.00万元");
    assert!(claim.source_text.starts_with(input_line(12)));

    // Every finding on a line quotes that line, and its printed figure stands on it.
    for f in &findings {
        let (Some(line), Some(printed)) = (f.location.line, f.printed) else {
            continue;
        };
        let figure = format_value(printed.value, printed.decimals);
        assert!(
            f.source_text.contains(input_line(line)) && input_line(line).contains(&figure),
            "{}: line {line} ({:?}) does not hold {figure} / is not quoted in {:?}",
            f.rule,
            input_line(line),
            f.source_text
        );
    }
}
