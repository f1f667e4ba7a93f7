//! Final accounts edited the way real errors look (issue 14, acceptance): the two corpus final
//! accounts read as `check` reads a PDF's words, one edit at a time on the text the reader
//! makes of them, each edit found and located. The edits: a direction word flipped, a
//! completion rate changed, a 三公 item or a 项's actual changed in the narrative only, a placeholder left in
//! the text, and a table the contents list deleted. `pdftotext` (poppler-utils) must be
//! installed: without it the test fails, it does not skip.

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use budget_model::{Finding, Severity};

fn corpus_text(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    budget_input::pdf::to_text_from_boxes(&bytes, budget_input::pdf::DEFAULT_TIMEOUT)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

static XIAN: LazyLock<String> = LazyLock::new(|| corpus_text("sn-xian-wjw-2022-final.pdf"));
static FOSHAN: LazyLock<String> = LazyLock::new(|| corpus_text("gd-foshan-gdjtj-2019-final.pdf"));

fn serious(text: &str) -> Vec<Finding> {
    let doc = budget_parse::parse_text(text, "final.txt");
    budget_reconcile::reconcile(&doc)
        .into_iter()
        .filter(|f| f.severity >= Severity::Warning)
        .collect()
}

/// The findings an edit adds: `from` replaced once by `to` (it must be printed once).
fn added(text: &str, from: &str, to: &str) -> Vec<Finding> {
    assert_eq!(
        text.matches(from).count(),
        1,
        "{from:?} must be printed once"
    );
    let key = |f: &Finding| format!("{}|{}", f.rule, f.message);
    let before: HashSet<String> = serious(text).iter().map(key).collect();
    serious(&text.replacen(from, to, 1))
        .into_iter()
        .filter(|f| !before.contains(&key(f)))
        .collect()
}

/// The line of the text `words` are printed on (1-based).
fn line_of(text: &str, words: &str) -> usize {
    let at = text
        .find(words)
        .unwrap_or_else(|| panic!("{words:?} not printed"));
    text[..at].matches('\n').count() + 1
}

fn assert_found(found: &[Finding], rule: &str, line: usize) {
    assert!(
        found
            .iter()
            .any(|f| f.rule == rule && f.location.line == Some(line)),
        "no {rule} at line {line}: {found:#?}"
    );
}

#[test]
fn a_flipped_direction_word_is_found_on_its_sentence() {
    // 年初预算181.29万元，支出决算151.03万元 … 决算数小于年初预算数: flipped to 大于.
    let from = "83.31%。决算数小于年初预算数";
    let found = added(&XIAN, from, "83.31%。决算数大于年初预算数");
    assert_found(&found, "NARR-DIRECTION", line_of(&XIAN, "预算181.29万元"));
}

#[test]
fn a_changed_completion_rate_is_found_on_its_sentence() {
    // 1182.59 / 999.83 = 118.28%, printed 128.28%.
    let found = added(&XIAN, "完成年初预算的\n118.28%", "完成年初预算的\n128.28%");
    assert_found(&found, "NARR-COMPLETION", line_of(&XIAN, "算999.83万元"));
}

#[test]
fn a_three_public_item_changed_in_the_narrative_only_is_found() {
    // 公务用车运行维护费预算455.12万元 against the 三公 table's 预算数 455.12.
    let found = added(&XIAN, "运行维护费预算455.12万", "运行维护费预算465.12万");
    assert_found(
        &found,
        "NARR-AMOUNT",
        line_of(&XIAN, "运行维护费预算455.12万"),
    );
}

#[test]
fn an_item_figure_changed_in_the_narrative_only_is_found() {
    // 1.一般公共服务支出（类）发展与改革事务（款）日常经济运行调节（项）：支出决算 56万元 against
    // the general-budget table's 2010405 日常经济运行调节 56.00, printed 66.
    let found = added(&XIAN, "支出决算56万元", "支出决算66万元");
    assert_found(&found, "NARR-AMOUNT", line_of(&XIAN, "支出决算56万元"));
}

#[test]
fn a_fund_total_changed_in_the_narrative_only_is_found() {
    // 政府性基金预算财政拨款 … 本年支出决算 568,051.63万元 against the fund table's 本年支出
    // 小计 568,051.63, printed 578,051.63.
    let from = "本年支出决算568,051.63万元";
    let found = added(&XIAN, from, "本年支出决算578,051.63万元");
    assert_found(&found, "NARR-AMOUNT", line_of(&XIAN, from));
}

#[test]
fn a_placeholder_left_in_the_text_is_found() {
    let from = "2022年度财政拨款安排公务接待费预算1.86万元";
    let found = added(&XIAN, from, "2022年度财政拨款安排公务接待费预算X万元");
    assert!(
        found.iter().any(|f| f.rule == "TPL-PLACEHOLDER"),
        "{found:#?}"
    );
}

#[test]
fn a_listed_table_deleted_is_missing() {
    // 表 8 政府性基金预算财政拨款收入支出决算表, listed in the contents, printed on two pages:
    // its titles renamed to what no table is called, it is no longer printed.
    let text = FOSHAN.replace(
        "                          政府性基金预算财政拨款收入支出决算表",
        "                          （本页无内容）",
    );
    assert_ne!(text, *FOSHAN);
    let found = serious(&text);
    assert!(
        found.iter().any(|f| f.rule == "COMP-MISSING"
            && f.message.contains("政府性基金预算财政拨款收入支出决算表")),
        "{found:#?}"
    );
}
