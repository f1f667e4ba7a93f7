//! The discrepancies each sample really contains, with their figures (recomputed by hand from
//! the sample text), and the rounding differences that must stay `info`.

use budget_model::{Finding, Severity};

fn findings(name: &str) -> Vec<Finding> {
    let path = format!("{}/../shared/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc = budget_parse::parse(&bytes, name).expect("the sample parses");
    budget_reconcile::reconcile(&doc)
}

/// (rule, printed, expected) of every error and warning, in report order.
fn serious(findings: &[Finding]) -> Vec<(String, Option<String>, Option<String>)> {
    findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| {
            (
                f.rule.clone(),
                f.printed.map(|a| a.to_string()),
                f.expected.map(|a| a.to_string()),
            )
        })
        .collect()
}

fn entry(
    rule: &str,
    printed: Option<&str>,
    expected: Option<&str>,
) -> (String, Option<String>, Option<String>) {
    (
        rule.to_string(),
        printed.map(str::to_string),
        expected.map(str::to_string),
    )
}

fn has_info(findings: &[Finding], rule: &str, printed: &str, expected: &str) -> bool {
    findings.iter().any(|f| {
        f.rule == rule
            && f.severity == Severity::Info
            && f.printed.map(|a| a.to_string()).as_deref() == Some(printed)
            && f.expected.map(|a| a.to_string()).as_deref() == Some(expected)
    })
}

#[test]
fn nanchang_000_is_consistent_up_to_rounding() {
    let f = findings("000_ae56c58d42acd4fc.txt");
    assert_eq!(serious(&f), vec![], "{f:#?}");
    // 22102 住房改革支出 53.41 = 2210201 47.17 + 2210203 6.23 = 53.40: rounding.
    assert!(has_info(&f, "SUM-ROWS", "53.41万元", "53.40万元"), "{f:#?}");
    // 301 工资福利支出 580.13 while its 款 add up to 580.12.
    assert!(
        has_info(&f, "SUM-ROWS", "580.13万元", "580.12万元"),
        "{f:#?}"
    );
}

#[test]
fn ganzhou_002_discrepancies() {
    let f = findings("002_a82d126008b6a810.txt");
    let got = serious(&f);
    let want = vec![
        // The contents promise 部门收入总表; it is not printed.
        entry("COMP-MISSING", None, None),
        // Income fell 14162.7, but its sources changed by 1044.91 − 0 − 0 − 0 − 14898 − 108.86
        // = −13961.95.
        entry("NARR-YOY-PARTS", Some("-14162.7万元"), Some("-13962.0万元")),
        // Fiscal expenditure rose 1044.91, but 社会保障和就业 +79.22, 卫生健康 −14333.97 (the
        // all-money figure copied), 住房保障 +92.05 add up to −14162.70.
        entry("NARR-YOY-PARTS", Some("1044.91万元"), Some("-14162.70万元")),
        // "项目预算金额合计 5083.74 万元": the sum of all projects is 项目支出, 5,455.75 in the
        // 部门支出总表.
        entry("NARR-AMOUNT", Some("5083.74万元"), Some("5455.75万元")),
        // "项目 4 个 … 其中 3 个 … 1 个 … 3 个": 7, not 4.
        entry("NARR-COUNT", None, None),
        // 629.3 + 350 + 4101.44 = 5080.74, not 5083.74.
        entry("NARR-COUNT", Some("5083.74万元"), Some("5080.74万元")),
    ];
    assert_eq!(got, want, "{f:#?}");
    // 210 卫生健康支出 基本支出 6,745.49 vs 546.72 + 6,198.76 = 6,745.48: rounding only.
    assert!(
        has_info(&f, "SUM-ROWS", "6745.49万元", "6745.48万元"),
        "{f:#?}"
    );
}

#[test]
fn anyang_003_discrepancies() {
    let f = findings("003_da13a1aa64cf934e.txt");
    // The contents list 十一、部门预算表 among the tables: the name of the set, printed as its
    // heading (安阳市社会医疗保险中心2024年部门预算表, L207), no table of its own: nothing missing.
    assert_eq!(serious(&f), vec![], "{f:#?}");
    // 基本支出表 人员经费 624.57 while its rows add up to 624.58: rounding.
    assert!(
        has_info(&f, "SUM-ROWS", "624.57万元", "624.58万元"),
        "{f:#?}"
    );
}

#[test]
fn linyou_004_discrepancies() {
    let f = findings("004_564002215bad1a4c.txt");
    let got = serious(&f);
    let missing = entry("COMP-MISSING", None, None);
    let want = vec![
        // 表1, 表2, 表3 and 表12 (三公) are listed as not empty and never printed.
        missing.clone(),
        missing.clone(),
        missing.clone(),
        missing,
        // "一般公共预算拨款支出 936760 万元": the tables say 936,760.00 元.
        entry("NARR-AMOUNT", Some("936760万元"), Some("936760.00元")),
        // "其他医疗保障管理事务支出（2101599）713730 元": the row says 275,100 (713,730 is 21015).
        entry("NARR-AMOUNT", Some("713730元"), Some("275100元")),
        // "一般公共预算支出 936760 元，其中：301 591660、302 50400、303 11280": 653340, while
        // 表6 (合计 936,760) prints exactly these three classes.
        entry("NARR-PARTS", Some("936760元"), Some("653340元")),
        // Their changes +113310 − 73600 − 960 = 38750, not the stated +322170.
        entry("NARR-YOY-PARTS", Some("322170元"), Some("38750元")),
        // "工资福利支出（301）591660 元": 表6 says 529,980 (591,660 is all of 基本支出).
        entry("NARR-AMOUNT", Some("591660元"), Some("529980元")),
        // "商品和服务支出（302）50400 元" of general-budget money: 表6 says 395,500.
        entry("NARR-AMOUNT", Some("50400元"), Some("395500元")),
        // "公用经费预算安排 18000 元": the basic table's 公用经费 is 50,400.
        entry("NARR-AMOUNT", Some("18000元"), Some("50400元")),
    ];
    assert_eq!(got, want, "{f:#?}");
    // "三公 5000 元，较上年增加 5000 元（100%）": up from zero, 100% by convention: noted.
    let from_zero: Vec<&Finding> = f.iter().filter(|f| f.rule == "NARR-YOY-ZERO").collect();
    assert_eq!(from_zero.len(), 2, "{f:#?}");
    assert!(from_zero.iter().all(|f| f.severity == Severity::Info));
    let unit = f
        .iter()
        .find(|f| f.rule == "NARR-AMOUNT")
        .expect("a NARR-AMOUNT");
    assert!(unit.message.contains("单位印错"), "{}", unit.message);
}
