//! Phrases of findings about the narrative. Each function writes one message; the arguments
//! are the document's own words (a claim's subject as printed, a table's title, a row's name)
//! and figures already formatted.

use std::fmt::Display;

use crate::Unit;

/// NARR-AMOUNT: `叙述「卫生健康支出」印 …，与部门支出总表「210 卫生健康支出」不符`, and, when the
/// figure matches once its unit is read as `unit_mixup`, `；按「元」读则相符，单位印错`.
pub fn amount_differs(
    subject: &str,
    described: &str,
    table_title: &str,
    row_name: &str,
    unit_mixup: Option<Unit>,
) -> String {
    let note = unit_mixup
        .map(|u| format!("；按「{u}」读则相符，单位印错"))
        .unwrap_or_default();
    format!("叙述「{subject}」{described}，与{table_title}「{row_name}」不符{note}")
}

/// NARR-YOY, an increase from zero: `叙述「公务接待费」较上年增加 5000元，即上年为零：从零增长
/// 没有增长率，却印了 100%`.
pub fn growth_from_zero(subject: &str, change: impl Display, percent: impl Display) -> String {
    format!(
        "叙述「{subject}」较上年增加 {change}，即上年为零：从零增长没有增长率，却印了 {percent}%"
    )
}

/// NARR-YOY: `叙述「收入预算总额」：上年 = 943.17，131.10万元 / 上年 = 13.90%，印 16.1%（容差
/// ±0.05%）`.
pub fn growth_rate_differs(
    subject: &str,
    last_year: &str,
    change: impl Display,
    expected: impl Display,
    printed: impl Display,
    half: impl Display,
) -> String {
    format!(
        "叙述「{subject}」：上年 = {last_year}，{change} / 上年 = {expected}%，印 {printed}%（容差 ±{half}%）"
    )
}

/// NARR-YOY-PARTS: `叙述「财政拨款支出」较上年变动：印 …（= 社会保障和就业支出、卫生健康支出 的
/// 变动之和）`.
pub fn parts_changes_differ(whole: &str, described: &str, parts: &[&str]) -> String {
    format!(
        "叙述「{whole}」较上年变动：{described}（= {} 的变动之和）",
        parts.join("、")
    )
}

/// NARR-PARTS: `叙述「一般公共预算支出」：印 …（= 工资福利支出（301）、… 之和；一般公共预算支出明细表
/// 列出的正是这些科目）`.
pub fn parts_differ(whole: &str, described: &str, parts: &[&str], table_title: &str) -> String {
    format!(
        "叙述「{whole}」：{described}（= {} 之和；{table_title}列出的正是这些科目）",
        parts.join("、")
    )
}

/// NARR-SHARE: `叙述「基本支出」704.49万元 占「支出合计」8825.49万元 的 7.98%，印 8.98%`.
pub fn share_differs(
    part: &str,
    part_amount: impl Display,
    whole: &str,
    whole_amount: impl Display,
    expected: impl Display,
    printed: impl Display,
) -> String {
    format!("叙述「{part}」{part_amount} 占「{whole}」{whole_amount} 的 {expected}%，印 {printed}%")
}

/// NARR-COUNT, counts: `叙述共 4 个项目，其中各部分 3 + 1 + 3 = 7 个`.
pub fn counts_differ(total: u32, noun: &str, parts: &[u32], sum: u32) -> String {
    let listed: Vec<String> = parts.iter().map(u32::to_string).collect();
    format!(
        "叙述共 {total} 个{noun}，其中各部分 {} = {sum} 个",
        listed.join(" + ")
    )
}

/// NARR-COUNT, amounts: `叙述项目的金额合计：印 …（= 各部分金额之和）`.
pub fn counted_amounts_differ(noun: &str, described: &str) -> String {
    format!("叙述{noun}的金额合计：{described}（= 各部分金额之和）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_quote_their_arguments() {
        assert_eq!(
            amount_differs("支出", "印 1", "部门支出总表", "合计", Some(Unit::Yuan)),
            "叙述「支出」印 1，与部门支出总表「合计」不符；按「元」读则相符，单位印错"
        );
        assert_eq!(
            amount_differs("支出", "印 1", "表", "合计", None),
            "叙述「支出」印 1，与表「合计」不符"
        );
        assert_eq!(
            counts_differ(4, "项目", &[3, 1, 3], 7),
            "叙述共 4 个项目，其中各部分 3 + 1 + 3 = 7 个"
        );
        assert_eq!(
            parts_changes_differ("财政拨款支出", "印 1", &["甲", "乙"]),
            "叙述「财政拨款支出」较上年变动：印 1（= 甲、乙 的变动之和）"
        );
        assert_eq!(
            parts_differ("支出", "印 1", &["甲", "乙"], "表6"),
            "叙述「支出」：印 1（= 甲、乙 之和；表6列出的正是这些科目）"
        );
        assert!(growth_from_zero("公务接待费", "5000元", 100).ends_with("却印了 100%"));
        assert!(
            growth_rate_differs("收入", "943.17", "131.10万元", "13.90", "16.1", "0.05")
                .contains("= 13.90%，印 16.1%（容差 ±0.05%）")
        );
        assert!(share_differs(
            "基本支出",
            "704.49万元",
            "支出合计",
            "8825.49万元",
            "7.98",
            "8.98"
        )
        .ends_with("的 7.98%，印 8.98%"));
        assert_eq!(
            counted_amounts_differ("项目", "印 1"),
            "叙述项目的金额合计：印 1（= 各部分金额之和）"
        );
    }
}
