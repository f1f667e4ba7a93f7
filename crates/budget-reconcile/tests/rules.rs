//! One fixture per rule: a small document that violates it and one that satisfies it. Table
//! fixtures are written as text in the syntax of the samples and parsed; narrative claims are
//! built directly.

use budget_model::{
    Amount, Change, Claim, Direction, Document, Finding, Percent, Severity, Subject, TotalKind,
    Unit,
};
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
    let good = reconcile(&parse(&expenditure_table("466.28", "466.28")));
    assert!(serious(&good, "SUM-ROWS").is_empty(), "{good:#?}");
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
    assert_eq!(
        serious(&findings, "COMP-EMPTY-REASON").len(),
        1,
        "{findings:#?}"
    );
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

fn amount(text: &str, unit: Unit) -> Amount {
    Amount::parse(text, unit)
        .expect("a number")
        .expect("not blank")
}

fn claim(subject: Subject, text: &str, value: &str, unit: Unit) -> Claim {
    Claim {
        amount: Some(amount(value, unit)),
        change: None,
        share: None,
        sentence: format!("{text}{value}{unit}"),
        start: 0,
        end: 1,
        line: 1,
        headings: vec!["支出预算情况".into()],
        ..Claim::new(subject, text)
    }
}

fn with_change(mut c: Claim, direction: Direction, d: &str, percent: Option<&str>) -> Claim {
    let unit = c.amount.map_or(Unit::WanYuan, |a| a.unit);
    c.change = Some(Change {
        direction,
        amount: Some(amount(d, unit)),
        percent: percent.map(percent_of),
    });
    c
}

fn percent_of(text: &str) -> Percent {
    let value: Decimal = text.parse().expect("a percent");
    Percent {
        value,
        decimals: value.scale(),
    }
}

fn doc_with_claims(text: &str, claims: Vec<Claim>) -> Document {
    let mut doc = parse(text);
    doc.claims = claims;
    doc
}

#[test]
fn narrative_amount_must_equal_the_table() {
    let table = basic_split("150.00");
    let code = budget_model::Code::parse("210").expect("a code");
    let bad = doc_with_claims(
        &table,
        vec![claim(
            Subject::Code(code.clone()),
            "卫生健康支出",
            "160.00",
            Unit::WanYuan,
        )],
    );
    let findings = reconcile(&bad);
    let f = serious(&findings, "NARR-AMOUNT");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("150.00万元")
    );
    let good = doc_with_claims(
        &table,
        vec![claim(
            Subject::Code(code),
            "卫生健康支出",
            "150.00",
            Unit::WanYuan,
        )],
    );
    assert!(of_rule(&reconcile(&good), "NARR-AMOUNT").is_empty());
}

#[test]
fn narrative_amount_names_a_unit_mix_up() {
    let table = "部门支出总表\n单位：元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\t合计\t936,760.00\t591,660.00\t345,100.00\n";
    let c = claim(
        Subject::Total(TotalKind::Expenditure),
        "支出",
        "936760",
        Unit::WanYuan,
    );
    let findings = reconcile(&doc_with_claims(table, vec![c]));
    let f = serious(&findings, "NARR-AMOUNT");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert!(f[0].message.contains("单位印错"), "{}", f[0].message);
}

#[test]
fn year_over_year_percent_must_compute() {
    let base = claim(
        Subject::Total(TotalKind::Income),
        "收入预算总额",
        "812.07",
        Unit::WanYuan,
    );
    let good = with_change(base.clone(), Direction::Decrease, "131.10", Some("13.9"));
    assert!(of_rule(&reconcile(&doc_with_claims("", vec![good])), "NARR-YOY").is_empty());
    let bad = with_change(base, Direction::Decrease, "131.10", Some("16.1"));
    let findings = reconcile(&doc_with_claims("", vec![bad]));
    let f = serious(&findings, "NARR-YOY");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert!(f[0].message.contains("13.9%"), "{}", f[0].message);
}

#[test]
fn an_increase_from_zero_has_no_percentage() {
    let base = claim(
        Subject::Other("公务接待费".into()),
        "公务接待费",
        "5000",
        Unit::Yuan,
    );
    let bad = with_change(base.clone(), Direction::Increase, "5000", Some("100"));
    let findings = reconcile(&doc_with_claims("", vec![bad]));
    assert_eq!(serious(&findings, "NARR-YOY").len(), 1, "{findings:#?}");
    let good = with_change(base, Direction::Increase, "5000", None);
    assert!(of_rule(&reconcile(&doc_with_claims("", vec![good])), "NARR-YOY").is_empty());
}

fn split_claims(third_change: &str) -> Vec<Claim> {
    let code = |c: &str| Subject::Code(budget_model::Code::parse(c).expect("a code"));
    vec![
        with_change(
            claim(
                Subject::Total(TotalKind::FiscalExpenditure),
                "财政拨款支出预算总额",
                "8763.47",
                Unit::WanYuan,
            ),
            Direction::Increase,
            "1044.91",
            None,
        ),
        with_change(
            claim(code("208"), "社会保障和就业支出", "592.54", Unit::WanYuan),
            Direction::Increase,
            "79.22",
            None,
        ),
        with_change(
            claim(code("210"), "卫生健康支出", "7697.58", Unit::WanYuan),
            Direction::Increase,
            third_change,
            None,
        ),
        with_change(
            claim(code("221"), "住房保障支出", "473.35", Unit::WanYuan),
            Direction::Increase,
            "92.05",
            None,
        ),
    ]
}

#[test]
fn parts_changes_must_add_up_to_the_whole() {
    let findings = reconcile(&doc_with_claims("", split_claims("873.64")));
    assert!(
        of_rule(&findings, "NARR-YOY-PARTS").is_empty(),
        "{findings:#?}"
    );
    let mut claims = split_claims("14333.97");
    if let Some(change) = claims[2].change.as_mut() {
        change.direction = Direction::Decrease;
    }
    let findings = reconcile(&doc_with_claims("", claims));
    let f = serious(&findings, "NARR-YOY-PARTS");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(
        f[0].expected.map(|a| a.to_string()).as_deref(),
        Some("-14162.70万元")
    );
}

#[test]
fn a_share_must_compute_against_its_whole() {
    let whole = claim(
        Subject::Total(TotalKind::Expenditure),
        "支出合计",
        "8825.49",
        Unit::WanYuan,
    );
    let mut part = claim(
        Subject::Total(TotalKind::Basic),
        "基本支出",
        "704.49",
        Unit::WanYuan,
    );
    part.share = Some(percent_of("7.98"));
    let good = reconcile(&doc_with_claims("", vec![whole.clone(), part.clone()]));
    assert!(of_rule(&good, "NARR-SHARE").is_empty(), "{good:#?}");
    part.share = Some(percent_of("8.98"));
    let bad = reconcile(&doc_with_claims("", vec![whole, part]));
    assert_eq!(serious(&bad, "NARR-SHARE").len(), 1, "{bad:#?}");
}

#[test]
fn counts_split_in_a_sentence_must_add_up() {
    let text = |parts: &str| {
        format!("部门预算安排项目 4 个，项目预算金额合计 5083.74 万元，其中：{parts}。\n")
    };
    let bad = parse(&text("机关项目 3 个，项目预算金额 629.3 万元；中心项目 1 个，项目金额 350 万元；分局项目 3 个，项目预算金额 4101.44 万元"));
    let findings = reconcile(&bad);
    let f = serious(&findings, "NARR-COUNT");
    assert_eq!(f.len(), 2, "{findings:#?}");
    assert!(f[0].message.contains("3 + 1 + 3 = 7"), "{}", f[0].message);
    assert_eq!(f[1].difference, Some(Decimal::new(300, 2)));
    let good = parse(&text("机关项目 2 个，项目预算金额 632.3 万元；中心项目 1 个，项目金额 350 万元；分局项目 1 个，项目预算金额 4101.44 万元"));
    assert!(of_rule(&reconcile(&good), "NARR-COUNT").is_empty());
}
