//! Phrases of findings about the narrative. Each function writes one message; the arguments
//! are the document's own words (a claim's subject as printed, a table's title, a row's name)
//! and figures already formatted.

use std::fmt::Display;

use crate::{Direction, Unit};

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

/// NARR-YOY: `叙述「收入预算总额」：上年 = 943.17，131.10万元 / 上年 = 13.90%，印 16.1%（容差
/// -0.05%～+0.1%，四舍五入或截尾）`.
pub fn growth_rate_differs(
    subject: &str,
    last_year: &str,
    change: impl Display,
    expected: impl Display,
    printed: impl Display,
    allowance: impl Display,
) -> String {
    format!(
        "叙述「{subject}」：上年 = {last_year}，{change} / 上年 = {expected}%，印 {printed}%（容差 {allowance}，四舍五入或截尾）"
    )
}

/// NARR-COMPLETION: `叙述「支出决算」：1182.59万元 / 年初预算 999.83万元 = 118.28%，印 108.28%`.
pub fn completion_differs(
    subject: &str,
    budget: impl Display,
    actual: impl Display,
    expected: impl Display,
    printed: impl Display,
    allowance: impl Display,
) -> String {
    format!(
        "叙述「{subject}」：{actual} / 预算 {budget} = {expected}%，印完成 {printed}%（容差 {allowance}，四舍五入或截尾）"
    )
}

/// NARR-COMPLETION: a rate against a budget of zero.
pub fn completion_of_zero(subject: &str, actual: impl Display, printed: impl Display) -> String {
    format!("叙述「{subject}」{actual} 对应的预算为零：对零预算没有完成率，印了 {printed}%")
}

/// The allowance of a printed percentage: `-0.05%～+0.1%`.
pub fn percent_allowance(below: impl Display, above: impl Display) -> String {
    format!("-{below}%～+{above}%")
}

/// NARR-YOY, a change against a printed base: `叙述「公务接待费」：本年 12万元 − 上年 10万元 =
/// 2万元，印变动 3万元`.
pub fn change_differs(
    subject: &str,
    figure: impl Display,
    base: impl Display,
    expected: impl Display,
    printed: impl Display,
) -> String {
    format!("叙述「{subject}」：本年 {figure} − 比较基数 {base} = {expected}，印变动 {printed}")
}

/// NARR-YOY-ZERO: `叙述「公务接待费」较上年增加 5000元，即上年为零：从零增长没有增长率，印了
/// 100%（惯例写法）`.
pub fn rate_from_zero(
    subject: &str,
    change: impl Display,
    percent: impl Display,
    conventional: bool,
) -> String {
    let note = if conventional {
        "（惯例写法）"
    } else {
        ""
    };
    format!(
        "叙述「{subject}」较上年增加 {change}，即上年为零：从零增长没有增长率，印了 {percent}%{note}"
    )
}

/// How a direction is said: `增加`, `减少`, `持平`.
pub fn direction_word(direction: Direction) -> &'static str {
    match direction {
        Direction::Increase => "增加",
        Direction::Decrease => "减少",
        Direction::Unchanged => "持平",
    }
}

/// NARR-DIRECTION, two words: `叙述「收入预算总额」的变动说「减少」，其百分比却说「增加」`.
pub fn directions_disagree(subject: &str, change: Direction, percent: Direction) -> String {
    format!(
        "叙述「{subject}」的变动说「{}」，其百分比却说「{}」",
        direction_word(change),
        direction_word(percent)
    )
}

/// NARR-DIRECTION, a word against the figures: `叙述「支出决算」说「增加」，但 56万元 对比较基数
/// 60万元 实为「减少」`.
pub fn direction_against_figures(
    subject: &str,
    stated: Direction,
    figure: impl Display,
    base: impl Display,
    actual: Direction,
) -> String {
    format!(
        "叙述「{subject}」说「{}」，但 {figure} 对比较基数 {base} 实为「{}」",
        direction_word(stated),
        direction_word(actual)
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

/// NARR-RESTATED, the amount: `叙述「机关运行经费」再次出现：印 944.07万元，应为 994.07万元（…）（与前文
/// 所述不同）`.
pub fn restated_differs(subject: &str, described: &str) -> String {
    format!("叙述「{subject}」再次出现：{described}（与前文所述不同）")
}

/// NARR-RESTATED, the change: `叙述「机关运行经费」再次出现，较上年变动：印 …（与前文所述不同）`.
pub fn restated_change_differs(subject: &str, described: &str) -> String {
    format!("叙述「{subject}」再次出现，较上年变动：{described}（与前文所述不同）")
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
        assert!(growth_rate_differs(
            "收入",
            "943.17",
            "131.10万元",
            "13.90",
            "16.1",
            "-0.05%～+0.1%"
        )
        .contains("= 13.90%，印 16.1%（容差 -0.05%～+0.1%，四舍五入或截尾）"));
        assert!(rate_from_zero("公务接待费", "5000元", 100, true).ends_with("100%（惯例写法）"));
        assert_eq!(
            change_differs("甲", "12万元", "10万元", "2万元", "3万元"),
            "叙述「甲」：本年 12万元 − 比较基数 10万元 = 2万元，印变动 3万元"
        );
        assert_eq!(
            directions_disagree("甲", Direction::Decrease, Direction::Increase),
            "叙述「甲」的变动说「减少」，其百分比却说「增加」"
        );
        assert_eq!(
            restated_differs("甲", "印 1"),
            "叙述「甲」再次出现：印 1（与前文所述不同）"
        );
        assert!(restated_change_differs("甲", "印 1").contains("较上年变动"));
        assert!(direction_against_figures(
            "甲",
            Direction::Increase,
            "56万元",
            "60万元",
            Direction::Decrease
        )
        .ends_with("实为「减少」"));
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
