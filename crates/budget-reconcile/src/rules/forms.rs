//! Performance-target forms (绩效目标表): their money lines add up, and the department form
//! repeats the document's totals.

use std::borrow::Cow;

use budget_model::{has_word, Amount, Document, Finding, Row, Severity, Table, TableKind};

use super::may_hold_space;
use crate::findings::{cell_location, describe, evidence, from_comparison, severity_of};
use crate::tolerance::{compare_equal, compare_sum, Comparison};
use crate::totals::{self, Figure};
use crate::{rule, Rule, RuleInfo};

/// The rules of this module, in catalogue order.
pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&FormSums, &DepartmentForm]
}

fn is_form(table: &Table) -> bool {
    table.kind.is_performance_form()
}

/// The words of a form row's label: `其中：财政拨款 / 其他经费` → [财政拨款, 其他经费].
fn label_parts(row: &Row) -> Vec<Cow<'_, str>> {
    // Most labels are one word: not worth setting up a search for the separator.
    if !has_word(&row.label, " / ") {
        return label_word(&row.label).into_iter().collect();
    }
    words(row).collect()
}

/// The words of [`label_parts`], one at a time: most checks need only the first or the last
/// word of a line, and most lines of a form are long text that no check reads further.
fn words(row: &Row) -> impl Iterator<Item = Cow<'_, str>> {
    row.label.split(" / ").filter_map(label_word)
}

/// One word of a label without spaces, `其中` or colons; borrowed when it has no spaces.
fn label_word(part: &str) -> Option<Cow<'_, str>> {
    let word = if may_hold_space(part) && part.contains(char::is_whitespace) {
        let compact: String = part.split(char::is_whitespace).collect();
        Cow::Owned(bare_word(&compact).to_string())
    } else {
        Cow::Borrowed(bare_word(part))
    };
    (!word.is_empty()).then_some(word)
}

fn bare_word(word: &str) -> &str {
    let mut rest = word;
    while let Some(r) = rest.strip_prefix("其中") {
        rest = r;
    }
    rest.trim_start_matches([':', '：'])
        .trim_end_matches([':', '：'])
}

fn amounts(row: &Row) -> Vec<Amount> {
    row.values.iter().flatten().copied().collect()
}

rule! {
    /// **What it checks.** The money lines of performance-target forms add up: 年度资金总额 =
    /// 财政拨款 + 其他资金 + 上年结转 (each column of a form with 实施期 and 年度 columns); a
    /// 合计 line equals the sum of the lines above it with the same columns (金额合计 of the
    /// 年度主要任务); on a line under a header 总额 / 财政拨款 / 其他资金, 总额 = the other two.
    ///
    /// **Why it matters.** The forms state how much money each target gets; a form whose own
    /// lines disagree cannot be matched to the budget tables.
    ///
    /// **Example.** 项目资金: 年度资金总额 535.93 = 财政拨款 270 + 其他资金 0 + 上年结转 265.93:
    /// consistent. With 上年结转 printed 256.93 it would be 9.00 short: error.
    pub struct FormSums { id: "FORM-SUM", severity: Severity::Error, summary: "the money lines of a performance-target form add up" }
}

impl Rule for FormSums {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for table in doc.tables.iter().filter(|t| is_form(t)) {
            let lines: Vec<Line> = table.rows.iter().map(Line::of).collect();
            let form = Form { doc, table };
            check_fund_lines(&form, &lines, out);
            check_total_lines(&form, &lines, out);
            check_header_rows(&form, &lines, out);
        }
    }
}

/// A form row with its amounts, read once; its words are read as the checks need them.
struct Line<'t> {
    row: &'t Row,
    amounts: Vec<Amount>,
}

impl<'t> Line<'t> {
    fn of(row: &'t Row) -> Self {
        Line {
            row,
            amounts: amounts(row),
        }
    }
}

fn sources(lines: &[&Line]) -> String {
    lines
        .iter()
        .map(|l| l.row.source.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A form of the document.
struct Form<'d> {
    doc: &'d Document,
    table: &'d Table,
}

/// Pushes a finding when the comparison calls for one; its evidence is `lines`.
fn report(
    info: &RuleInfo,
    form: &Form,
    row: &Row,
    what: &str,
    cmp: &Comparison,
    lines: &[&Line],
    out: &mut Vec<Finding>,
) {
    if let Some(severity) = severity_of(info, cmp) {
        let message = format!("{}：{}（{}）", row.label, describe(cmp), what);
        let location = cell_location(form.table, row, None);
        let mut finding = from_comparison(info, severity, message, location, cmp, sources(lines));
        let rows: Vec<&Row> = lines.iter().map(|l| l.row).collect();
        finding.evidence = evidence(form.doc, Some((row, None)), &rows);
        out.push(finding);
    }
}

/// 资金总额 = 财政拨款 + 其他资金 + 上年结转, column by column.
fn check_fund_lines(form: &Form, lines: &[Line], out: &mut Vec<Finding>) {
    for (i, line) in lines.iter().enumerate() {
        // A line without amounts has nothing to compare.
        if line.amounts.is_empty() || !words(line.row).any(|w| w.contains("资金总额")) {
            continue;
        }
        let parts: Vec<&Line> = lines[i + 1..]
            .iter()
            .take_while(|l| words(l.row).any(|w| is_fund_part(&w)))
            .collect();
        if parts.is_empty() {
            continue;
        }
        let mut evidence = vec![line];
        evidence.extend(parts.iter().copied());
        for (j, total) in line.amounts.iter().enumerate() {
            let values: Vec<Amount> = parts
                .iter()
                .filter_map(|l| l.amounts.get(j).copied())
                .collect();
            let cmp = compare_sum(total, &values);
            let what = "= 财政拨款 + 其他资金 + 上年结转";
            report(&FormSums::INFO, form, line.row, what, &cmp, &evidence, out);
        }
    }
}

fn is_fund_part(word: &str) -> bool {
    ["财政拨款", "其他资金", "上年结转"]
        .iter()
        .any(|w| word.contains(w))
}

/// A 合计 line equals the sum of the lines above it with the same number of amounts.
fn check_total_lines(form: &Form, lines: &[Line], out: &mut Vec<Finding>) {
    for (i, line) in lines.iter().enumerate() {
        if line.amounts.is_empty() || !words(line.row).last().is_some_and(|w| w.ends_with("合计"))
        {
            continue;
        }
        let mut parts: Vec<&Line> = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.amounts.len() == line.amounts.len())
            .collect();
        if parts.len() < 2 {
            continue;
        }
        parts.reverse();
        let mut evidence = parts.clone();
        evidence.push(line);
        for (j, total) in line.amounts.iter().enumerate() {
            let values: Vec<Amount> = parts
                .iter()
                .filter_map(|l| l.amounts.get(j).copied())
                .collect();
            let cmp = compare_sum(total, &values);
            report(
                &FormSums::INFO,
                form,
                line.row,
                "= 以上各行之和",
                &cmp,
                &evidence,
                out,
            );
        }
    }
}

/// Under a header line `总额 / 财政拨款 / 其他资金`, each line's 总额 = the other amounts.
fn check_header_rows(form: &Form, lines: &[Line], out: &mut Vec<Finding>) {
    let mut width = None;
    for line in lines {
        if line.amounts.is_empty() {
            width = header_width(line.row);
            continue;
        }
        if Some(line.amounts.len()) != width {
            continue;
        }
        let cmp = compare_sum(&line.amounts[0], &line.amounts[1..]);
        report(
            &FormSums::INFO,
            form,
            line.row,
            "总额 = 各资金来源之和",
            &cmp,
            &[line],
            out,
        );
    }
}

/// The number of words of a header line (`总额 / 财政拨款 / 其他资金`, or one whose first word
/// ends with 合计) of three words or more; none for any other line.
fn header_width(row: &Row) -> Option<usize> {
    let mut words = words(row);
    let first = words.next()?;
    if !(first == "总额" || first.ends_with("合计")) {
        return None;
    }
    let width = 1 + words.count();
    (width >= 3).then_some(width)
}

rule! {
    /// **What it checks.** The department-wide performance form (部门整体支出绩效目标表) repeats
    /// the document's totals: 收入预算合计 = 收入总计, 支出预算合计 (or 金额合计) = total
    /// expenditure, 财政拨款 = the fiscal appropriation, 基本支出 and 项目支出 = the 支出总表's.
    ///
    /// **Why it matters.** The form is what the performance review reads; if its money differs
    /// from the budget tables, one of them was not updated.
    ///
    /// **Example.** 收入预算合计 13,258.53 and 收支总表 收入总计 13,258.53: consistent; 其中：
    /// 基本支出 7,802.78 vs 支出总表 基本支出 7,802.78: consistent.
    pub struct DepartmentForm { id: "FORM-DEPT", severity: Severity::Error, summary: "the department performance form repeats the document's totals" }
}

impl Rule for DepartmentForm {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, doc: &Document, out: &mut Vec<Finding>) {
        for table in doc.tables_of(TableKind::PerformanceTargetsDepartment) {
            for row in &table.rows {
                for (word, amount) in labelled_amounts(row) {
                    let Some(figure) = headline(doc, &word) else {
                        continue;
                    };
                    let cmp = compare_equal(&amount, &figure.amount);
                    if let Some(severity) = severity_of(&Self::INFO, &cmp) {
                        let message = format!(
                            "{word}：{}（{}「{}」）",
                            describe(&cmp),
                            figure.table.title,
                            figure.row.label
                        );
                        let source = format!("{}\n{}", row.source, figure.row.source);
                        let location = cell_location(table, row, None);
                        let mut finding =
                            from_comparison(&Self::INFO, severity, message, location, &cmp, source);
                        finding.evidence = evidence(doc, Some((row, None)), &[figure.row]);
                        out.push(finding);
                    }
                }
            }
        }
    }
}

/// Pairs a form line's words with its amounts: one word per amount when they match in number,
/// else the first amount for the last word.
fn labelled_amounts(row: &Row) -> Vec<(String, Amount)> {
    let values = amounts(row);
    // A line without amounts pairs nothing; most lines of a form are text.
    if values.is_empty() {
        return Vec::new();
    }
    let parts = label_parts(row);
    if parts.len() == values.len() {
        return parts.into_iter().map(Cow::into_owned).zip(values).collect();
    }
    match (parts.last(), values.first()) {
        (Some(p), Some(v)) => vec![(p.to_string(), *v)],
        _ => Vec::new(),
    }
}

fn headline<'d>(doc: &'d Document, word: &str) -> Option<Figure<'d>> {
    match word {
        "收入预算合计" => totals::income_total(doc),
        "支出预算合计" | "金额合计" => totals::expenditure_total(doc),
        "财政拨款" => totals::fiscal_total(doc),
        "基本支出" => totals::basic_total(doc),
        "项目支出" => totals::project_total(doc),
        _ => None,
    }
}
