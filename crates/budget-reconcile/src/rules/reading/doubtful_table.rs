//! READ-DOUBT: a table whose own sums fail in many independent places was misread; its findings
//! are held back under one warning instead of being reported as errors of the document.

use budget_model::wording::reading as wording;
use budget_model::{Document, Evidence, Finding, Severity, Table, TableStatus};

use crate::findings::table_finding;

use crate::rules::sums::{SumColumns, SumRows};
use crate::{rule, Rule, RuleInfo};

/// Fewest rows with independent sum failures that put a table's reading in doubt: one wrong
/// figure fails one sum (the rest are folded into it as consequences), a second is still
/// plausible, a third unrelated one in the same table is rarely a document's doing.
const MIN_FAILURES: usize = 3;

/// Failures per rows with amounts that put a table's reading in doubt: one in ten rows.
const FAILURES_PER_TEN_ROWS: usize = 1;

rule! {
    /// **What it checks.** Before an error is reported from a table, the table's own sums must
    /// corroborate its reading. Each wrong figure of a published table fails one sum (row or
    /// column); the sums that only fail because of it are folded into it. When a table has
    /// three or more rows with such independent failures, and at least one for every ten rows
    /// that print amounts, the reading of the table is in doubt: columns shifted, codes misread, two
    /// amounts joined. So is it when three relations between the columns of one row fail at
    /// once, which no single wrong figure does (a header read with its columns shifted). Every
    /// finding that rests on such a table (its sums, the comparisons of
    /// other tables or of the narrative with it) is held back, listed under one warning for the
    /// table.
    ///
    /// **Why it matters.** A false error is worse than a missed one: a reviewer who sees a dozen
    /// errors that are misreadings stops reading, and the one real error is lost. One warning
    /// that says the table could not be read with confidence keeps what was found without
    /// claiming it.
    ///
    /// **Example.** 一般公共预算支出表 of 18 rows where the 类/款/项 code columns were not
    /// combined: every row carries its 类 code, and four 类 rows "do not add up" to three times
    /// their value. One warning: the reading is in doubt, with the four sum findings listed
    /// under it, and no error.
    pub struct DoubtfulTable { id: "READ-DOUBT", severity: Severity::Warning, summary: "a table whose own sums fail in many independent places is reported once as misread, not as errors" }
}

impl Rule for DoubtfulTable {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, _doc: &Document, _out: &mut Vec<Finding>) {}

    fn review(&self, doc: &Document, findings: Vec<Finding>) -> Vec<Finding> {
        let doubtful: Vec<(usize, usize)> = doc
            .tables
            .iter()
            .enumerate()
            .filter_map(|(t, table)| {
                let failing = sum_failures(&findings, t);
                let on_one_row = most_column_failures_on_a_row(&findings, t);
                if in_doubt(table, failing) {
                    Some((t, failing))
                } else {
                    (table.status == TableStatus::Parsed && on_one_row >= MIN_FAILURES)
                        .then_some((t, on_one_row))
                }
            })
            .collect();
        if doubtful.is_empty() {
            return findings;
        }
        hold_back(doc, findings, &doubtful)
    }
}

/// The independent sum failures of table `t`: the rows of it where an error of the sum rules is
/// rooted. A row failing in several columns counts once: a missing or extra row upsets every
/// column of the total at once.
fn sum_failures(findings: &[Finding], t: usize) -> usize {
    let mut rows: Vec<usize> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| f.rule == SumRows::INFO.id || f.rule == SumColumns::INFO.id)
        .filter_map(|f| f.evidence.first().and_then(Evidence::row))
        .filter(|&(table, _)| table == t)
        .map(|(_, row)| row)
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows.len()
}

/// The most relations between the columns of one row of table `t` that fail (SUM-COLS errors
/// on the row). One wrong figure fails at most two of them (its own column's relation and the
/// one it is a part of); three at once on a row are a header misread, its columns shifted.
fn most_column_failures_on_a_row(findings: &[Finding], t: usize) -> usize {
    let mut rows: Vec<usize> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.rule == SumColumns::INFO.id)
        .filter_map(|f| f.evidence.first().and_then(Evidence::row))
        .filter(|&(table, _)| table == t)
        .map(|(_, row)| row)
        .collect();
    rows.sort_unstable();
    rows.chunk_by(|a, b| a == b)
        .map(<[usize]>::len)
        .max()
        .unwrap_or(0)
}

/// Whether `failing` independent sum failures put the reading of `table` in doubt.
fn in_doubt(table: &Table, failing: usize) -> bool {
    table.status == TableStatus::Parsed
        && failing >= MIN_FAILURES
        && failing * 10 >= amount_rows(table) * FAILURES_PER_TEN_ROWS
}

/// Rows that print at least one amount.
fn amount_rows(table: &Table) -> usize {
    table
        .rows
        .iter()
        .filter(|r| r.values.iter().any(Option::is_some))
        .count()
}

/// Replaces every error or warning resting on a doubtful table by one READ-DOUBT warning per
/// table that lists them.
fn hold_back(doc: &Document, findings: Vec<Finding>, doubtful: &[(usize, usize)]) -> Vec<Finding> {
    let mut held: Vec<Vec<Finding>> = vec![Vec::new(); doubtful.len()];
    let mut kept = Vec::with_capacity(findings.len());
    for f in findings {
        let home = (f.severity >= Severity::Warning)
            .then(|| doubtful.iter().position(|&(t, _)| rests_on_table(&f, t)))
            .flatten();
        match home {
            Some(k) => held[k].push(f),
            None => kept.push(f),
        }
    }
    for (&(t, failing), held) in doubtful.iter().zip(held) {
        if let Some(table) = doc.tables.get(t) {
            kept.push(doubt_finding(table, t, failing, held));
        }
    }
    kept
}

fn rests_on_table(f: &Finding, t: usize) -> bool {
    f.evidence.iter().any(|e| e.table() == Some(t))
}

fn doubt_finding(table: &Table, t: usize, failing: usize, held: Vec<Finding>) -> Finding {
    let rows = amount_rows(table);
    let mut consequences = Vec::new();
    for f in &held {
        consequences.push(format!("[{}] {}", f.rule, f.message));
        consequences.extend(f.consequences.iter().cloned());
    }
    let message = wording::reading_in_doubt(&table.title, failing, rows, held.len());
    let mut finding = table_finding(&DoubtfulTable::INFO, Severity::Warning, message, table, t);
    finding.consequences = consequences;
    finding
}

#[cfg(test)]
mod tests {
    use budget_model::Severity;

    use crate::reconcile;

    /// A 支出总表 whose 类/款/项 code columns were not combined, as a misreading leaves it: four
    /// unrelated rows fail their sums.
    const MISREAD: &str = "\
部门支出总表
单位：万元
| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
| | 合计 | 300.00 | 200.00 | 100.00 |
| 201 | 一般公共服务支出 | 100.00 | 60.00 | 40.00 |
| 20101 | 人大事务 | 70.00 | 60.00 | 10.00 |
| 2010101 | 行政运行 | 60.00 | 60.00 | |
| 2010102 | 一般行政管理事务 | 30.00 | | 30.00 |
| 205 | 教育支出 | 120.00 | 80.00 | 40.00 |
| 20502 | 普通教育 | 120.00 | 80.00 | 40.00 |
| 2050201 | 学前教育 | 50.00 | 50.00 | 5.00 |
| 2050202 | 小学教育 | 60.00 | 30.00 | 35.00 |
| 208 | 社会保障和就业支出 | 80.00 | 60.00 | 20.00 |
| 20805 | 行政事业单位养老支出 | 80.00 | 60.00 | 20.00 |
| 2080505 | 机关事业单位基本养老保险缴费支出 | 80.00 | 60.00 | 30.00 |
";

    /// The same table with one wrong figure: the 项 2010101 prints 60.00 for 50.00.
    const ONE_TYPO: &str = "\
部门支出总表
单位：万元
| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
| | 合计 | 300.00 | 200.00 | 100.00 |
| 201 | 一般公共服务支出 | 100.00 | 60.00 | 40.00 |
| 20101 | 人大事务 | 100.00 | 60.00 | 40.00 |
| 2010101 | 行政运行 | 60.00 | 50.00 | |
| 2010102 | 一般行政管理事务 | 40.00 | 10.00 | 40.00 |
| 205 | 教育支出 | 120.00 | 80.00 | 40.00 |
| 20502 | 普通教育 | 120.00 | 80.00 | 40.00 |
| 2050201 | 学前教育 | 50.00 | 50.00 | |
| 2050202 | 小学教育 | 70.00 | 30.00 | 40.00 |
| 208 | 社会保障和就业支出 | 80.00 | 60.00 | 20.00 |
| 20805 | 行政事业单位养老支出 | 80.00 | 60.00 | 20.00 |
| 2080505 | 机关事业单位基本养老保险缴费支出 | 80.00 | 60.00 | 20.00 |
";

    fn serious(text: &str) -> Vec<(String, Severity)> {
        let doc = budget_parse::parse_text(text, "t");
        reconcile(&doc)
            .into_iter()
            .filter(|f| f.severity >= Severity::Warning)
            .map(|f| (f.rule, f.severity))
            .collect()
    }

    #[test]
    fn a_misread_table_gives_one_warning_and_no_error() {
        let found = serious(MISREAD);
        assert_eq!(found, vec![("READ-DOUBT".to_string(), Severity::Warning)]);
    }

    #[test]
    fn one_wrong_figure_is_still_an_error() {
        let found = serious(ONE_TYPO);
        assert!(
            found.iter().all(|(rule, _)| rule != "READ-DOUBT"),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(_, s)| *s == Severity::Error),
            "{found:?}"
        );
    }
}
