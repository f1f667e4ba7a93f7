//! Findings across years: this year's document against last year's of the same entity.

use std::fmt::Display;

/// YEAR-STATED: `叙述「公务接待费」所述上年数 443.50万元（412.50 + 31）与上年文件
/// js-2017.pdf《“三公”经费支出预算表》「公务接待费」不符：印 440.00万元，应为 443.50万元（差
/// -3.50万元，容差 ±0.01万元）`.
pub fn stated_last_year_differs(
    subject: &str,
    last_year: impl Display,
    how: &str,
    previous: &str,
    table: &str,
    row: &str,
    described: &str,
) -> String {
    format!(
        "叙述「{subject}」所述上年数 {last_year}（{how}）与上年文件 {previous}《{table}》「{row}」不符：{described}"
    )
}

/// How the last year's figure follows from this year's sentence: `412.50 + 31`, `412.50 − 31`,
/// `与上年持平`, `上年预算数`.
pub fn derived_from(amount: impl Display, sign: char, change: impl Display) -> String {
    format!("{amount} {sign} {change}")
}

/// The figure was stated as last year's outright (上年预算数 A), or as the base of the change.
pub const STATED_OUTRIGHT: &str = "所述上年数";

/// The sentence says the figure is unchanged from last year.
pub const UNCHANGED: &str = "与上年持平";

/// The label of a document's facts that names last year's document it was checked against.
pub const PREVIOUS_DOCUMENT: &str = "上年文件";
