//! Phrases of findings about tables. Messages quote the document's own titles, labels and
//! column names; these are the fixed words around them, one named entry each.

use std::fmt::Display;

/// A table named in a message: `《部门支出总表》`.
pub fn title(title: &str) -> String {
    format!("《{title}》")
}

/// A column named in a message: `「合计」`.
pub fn column(name: &str) -> String {
    format!("「{name}」")
}

/// The name of a row printed without a name or code (a table of one row of figures).
pub const UNNAMED_ROW: &str = "（未列名称的行）";

/// A code the table does not print as a row: `210（未列）`.
pub fn unlisted(code: impl Display) -> String {
    format!("{code}（未列）")
}

/// What a comparison found: `印 592.54万元，应为 592.55万元（差 -0.01万元，容差 ±0.015万元）`.
pub fn printed_vs_expected(
    printed: impl Display,
    expected: impl Display,
    difference: impl Display,
    tolerance: impl Display,
    unit: impl Display,
) -> String {
    format!("印 {printed}，应为 {expected}（差 {difference}{unit}，容差 ±{tolerance}{unit}）")
}

/// A finding's message: where, what was found, and what the figure was compared with.
pub fn at_with(place: &str, found: &str, compared: &str) -> String {
    format!("{place}：{found}（{compared}）")
}

/// What a figure was compared with, and the parts that make it: `应等于其下各项之和：a + b`.
pub fn with_parts(what: &str, parts: &[&str]) -> String {
    format!("{what}：{}", parts.join(" + "))
}

/// The separator of listed rows in messages: `208 社会保障和就业支出、210 卫生健康支出`.
pub const LIST_SEPARATOR: char = '、';

/// SUM-ROWS: a row against its sub-rows, or the total row against the top-level rows.
pub const SUM_OF_SUB_ROWS: &str = "下级科目之和";
pub const SUM_OF_ROWS: &str = "各科目之和";

/// SUM-ROWS: `208 社会保障和就业支出「合计」列：… （下级科目之和：…）`.
pub fn row_column_sum(row: &str, column: &str, found: &str, what: &str, parts: &str) -> String {
    format!("{row}「{column}」列：{found}（{what}：{parts}）")
}

/// SUM-COLS: `208 社会保障和就业支出：「合计」… （= 基本支出 + 项目支出）`.
pub fn row_columns_sum(row: &str, whole: &str, found: &str, parts: &[&str]) -> String {
    format!("{row}：「{whole}」{found}（= {}）", parts.join(" + "))
}

/// XT-SUMMARY-BALANCE: what a summary line should equal.
pub const EQUALS_INCOME_GRAND_TOTAL: &str = "应等于收入总计";
pub const EQUALS_ITS_ITEMS: &str = "应等于其下各项之和";
pub const EQUALS_CURRENT_INCOME_AND_CARRY_OVER: &str = "应等于本年收入合计 + 上年结转";
pub const EQUALS_INCOME_ITEMS: &str = "应等于各收入项之和";
pub const EQUALS_EXPENDITURE_ITEMS: &str = "应等于各支出项之和";
pub const EQUALS_CURRENT_EXPENDITURE_AND_CARRY_FORWARD: &str = "应等于本年支出合计 + 结转下年";

/// Cross-table: the other table's figure for a code: `部门支出总表「合计」列 210 为 12,192.64万元`.
pub fn code_in_column(
    table: &str,
    column: &str,
    code: impl Display,
    expected: impl Display,
) -> String {
    format!("{table}「{column}」列 {code} 为 {expected}")
}

/// Cross-table: the other table's total in a column: `一般公共预算支出表「合计」列合计为 …`.
pub fn column_total(table: &str, column: &str, expected: impl Display) -> String {
    format!("{table}「{column}」列合计为 {expected}")
}

/// XT-FISCAL-VS-GENERAL: `一般公共预算支出表 合计为 …`.
pub fn table_total(table: &str, expected: impl Display) -> String {
    format!("{table} 合计为 {expected}")
}

/// COMP-EMPTY-NOTE: `《政府性基金预算支出表》的注说明本表为空（注：…），但表中印有金额`.
pub fn empty_note_with_amounts(title: &str, note: &str) -> String {
    format!("《{title}》的注说明本表为空（{note}），但表中印有金额")
}

/// FA-SUMMARY-VS-INCOME: `收入支出决算总表 一、… + 二、… 为 …`.
pub fn summary_lines(table: &str, names: &[&str], expected: impl Display) -> String {
    format!("{table} {} 为 {expected}", names.join(" + "))
}

/// XT-GENERAL-BASIC: `一般公共预算支出表 合计行基本支出为 …`.
pub fn total_row_figure(table: &str, what: &str, expected: impl Display) -> String {
    format!("{table} 合计行{what}为 {expected}")
}

/// XT-GENERAL-BASIC: the figures compared.
pub const BASIC: &str = "基本支出";
pub const PERSONNEL: &str = "人员经费";
pub const PUBLIC: &str = "公用经费";

/// XT-BASIC-PERSONNEL-PUBLIC: `应等于 301 + 303 之和`.
pub fn sum_of_classes(classes: &[String]) -> String {
    format!("应等于 {} 之和", classes.join(" + "))
}

/// XT-BASIC-PERSONNEL-PUBLIC, when 类 print a part of themselves in the other group:
/// `；302 类部分列入另一组，按表中所印拆分则相符（口径与标准定义不同）`.
pub fn split_as_printed(classes: &[String]) -> String {
    format!(
        "；{} 类部分列入另一组，按表中所印拆分则相符（口径与标准定义不同）",
        classes.join("、")
    )
}

/// XT-THREE-PUBLIC-VS-BASIC: the 三公 items compared with economic 款.
pub const RECEPTION: &str = "公务接待费";
pub const VEHICLE_OPERATION: &str = "公务用车运行维护费";

/// XT-THREE-PUBLIC-VS-BASIC: `不应小于《基本支出表》30217 公务接待费（196.73万元）`.
pub fn at_least(table: &str, code: impl Display, name: &str, expected: impl Display) -> String {
    format!("不应小于《{table}》{code} {name}（{expected}）")
}

/// XT-PROJECTS: `《项目支出表》「金额」各项目之和：a、b`.
pub fn sum_of_projects(table: &str, column: &str, names: &[&str]) -> String {
    format!("《{table}》「{column}」各项目之和：{}", names.join("、"))
}

/// XT-PROJECTS: `《项目支出表》项目「医保专网建设经费」为 …`.
pub fn project_amount(table: &str, name: &str, expected: impl Display) -> String {
    format!("《{table}》项目「{name}」为 {expected}")
}

/// FORM-SUM: what a form's line should equal.
pub const FUNDS_EQUAL_SOURCES: &str = "= 财政拨款 + 其他资金 + 上年结转";
pub const TOTAL_EQUALS_LINES_ABOVE: &str = "= 以上各行之和";
pub const AMOUNT_EQUALS_SOURCES: &str = "总额 = 各资金来源之和";

/// FORM-DEPT: `收入预算合计：… （收支预算总表「收入总计」）`.
pub fn form_figure(word: &str, found: &str, table: &str, label: &str) -> String {
    format!("{word}：{found}（{table}「{label}」）")
}

/// FORM-DEPT, the sum of the tasks a department form lists, against total expenditure (the
/// tasks need not cover all of it).
pub fn form_task_total(found: &str, table: &str, label: &str) -> String {
    format!("年度主要任务金额合计：{found}（{table}「{label}」；所列任务不必涵盖全部支出）")
}

/// COMP-MISSING.
pub fn missing_table(title: &str) -> String {
    format!("目录列出的《{title}》未在文档中出现")
}

/// COMP-MISSING, when most of the listed tables are absent: the file is one half of a split
/// publication, or its tables could not be found.
pub fn most_tables_missing(missing: usize, listed: usize) -> String {
    format!(
        "目录列出的 {listed} 张表中有 {missing} 张未在本文件中找到：表格可能另行公开（如附件、报表文件），\
         或未能识别；请与报表一并核对（见下）"
    )
}

/// COMP-NOTHING.
pub const NOTHING_TO_CHECK: &str =
    "未找到可核对的内容：文件中没有可识别的预算表格或预算数字（可能不是预算公开文件、是无文字层的扫描件，或版式无法识别）";

/// COMP-EMPTY-REASON.
pub fn empty_without_reason(title: &str) -> String {
    format!("《{title}》为空表，但文档未说明原因")
}

/// The same in a document of tables only: the reason may be in the narrative published apart.
pub fn empty_without_reason_in_tables_only(title: &str) -> String {
    format!(
        "《{title}》为空表，本文件未说明原因（本文件无文字说明，原因可能在另行公开的情况说明中）"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_quote_the_document() {
        assert_eq!(
            printed_vs_expected("592.54万元", "592.55万元", "-0.01", "0.015", "万元"),
            "印 592.54万元，应为 592.55万元（差 -0.01万元，容差 ±0.015万元）"
        );
        assert_eq!(
            with_parts(EQUALS_ITS_ITEMS, &["（一）", "（二）"]),
            "应等于其下各项之和：（一） + （二）"
        );
        assert_eq!(
            missing_table("收支总表"),
            "目录列出的《收支总表》未在文档中出现"
        );
        assert_eq!(
            row_columns_sum("210 卫生健康支出", "合计", "x", &["基本支出", "项目支出"]),
            "210 卫生健康支出：「合计」x（= 基本支出 + 项目支出）"
        );
    }
}
