//! The shared helpers of the rule fixtures: parsing a fixture text, picking a rule's findings,
//! and the small 支出总表 several rules read.

use budget_model::{Document, Finding, Severity};

pub(crate) fn parse(text: &str) -> Document {
    budget_parse::parse_text(text, "fixture")
}

pub(crate) fn of_rule<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

pub(crate) fn serious<'f>(findings: &'f [Finding], rule: &str) -> Vec<&'f Finding> {
    of_rule(findings, rule)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect()
}

pub(crate) fn basic_split(total: &str) -> String {
    format!(
        "部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n210\t卫生健康支出\t{total}\t100.00\t50.00\n"
    )
}
