//! Last year's document against this year's: `--previous`, and the pairs of consecutive years
//! a batch finds.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Last year's budget: 支出总计 180.00.
const LAST_YEAR: &str = "某局2024年部门预算\n部门支出总表\n单位：万元\n\
    科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
    \t合计\t180.00\t130.00\t50.00\n\
    2101101\t行政单位医疗\t100.00\t100.00\t\n\
    2101102\t事业单位医疗\t50.00\t\t50.00\n\
    2101103\t公务员医疗补助\t30.00\t30.00\t\n";

/// This year's: 200.00, "30.00 more than last year's budget", so last year was 170.00, not the
/// 180.00 last year's document prints.
const THIS_YEAR: &str = "某局2025年部门预算\n\
    一、部门预算收支总体情况\n\
    2025年部门支出预算总计200.00万元，比上年预算增加30.00万元。\n\
    部门支出总表\n单位：万元\n\
    科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
    \t合计\t200.00\t150.00\t50.00\n\
    2101101\t行政单位医疗\t120.00\t120.00\t\n\
    2101102\t事业单位医疗\t50.00\t\t50.00\n\
    2101103\t公务员医疗补助\t30.00\t30.00\t\n";

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(args)
        .output()
        .expect("the budget-audit binary runs")
}

fn reports(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

/// The YEAR-STATED findings of a report: (severity, line, last year's file, its row).
fn across_years(report: &Value) -> Vec<(String, u64, String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "YEAR-STATED")
        .map(|f| {
            let related = &f["related"][0];
            (
                f["severity"].as_str().unwrap_or("").to_string(),
                f["location"]["line"].as_u64().unwrap_or(0),
                related["file"].as_str().unwrap_or("").to_string(),
                related["row_label"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn previous_checks_what_this_year_says_of_last_year() {
    let dir = tempfile::tempdir().expect("a directory");
    let last = write(dir.path(), "2024.txt", LAST_YEAR);
    let this = write(dir.path(), "2025.txt", THIS_YEAR);
    let o = audit(&["check", "--format", "json", "--previous", &last, &this]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let reports = reports(&o);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["document"]["previous"], last.as_str());
    assert_eq!(
        across_years(&reports[0]),
        [("error".to_string(), 3, last.clone(), "合计".to_string())]
    );
    let finding = reports[0]["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["rule"] == "YEAR-STATED"))
        .expect("the finding");
    assert_eq!(finding["expected"]["value"], "170.00");
    assert_eq!(finding["printed"]["value"], "180.00");

    // The text report names both places.
    let o = audit(&["check", "--color", "never", "--previous", &last, &this]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains(&format!("previous {last}")), "{text}");
    assert!(
        text.contains(&format!("and: 《部门支出总表》, file {last}")),
        "{text}"
    );

    // A previous document that cannot be read stops the run.
    let o = audit(&["check", "--previous", "/nonexistent/2024.txt", &this]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("last year's document"));
}

#[test]
fn a_batch_pairs_consecutive_years_of_one_entity() {
    let dir = tempfile::tempdir().expect("a directory");
    let last = write(dir.path(), "a-2024.txt", LAST_YEAR);
    let this = write(dir.path(), "b-2025.txt", THIS_YEAR);
    let o = audit(&[
        "check",
        "--format",
        "json",
        dir.path().to_str().expect("UTF-8"),
    ]);
    let reports = reports(&o);
    // Each year's own report, then the pair's.
    assert_eq!(reports.len(), 3, "{reports:?}");
    assert!(across_years(&reports[1]).is_empty());
    let pair = &reports[2];
    assert_eq!(pair["document"]["source"], format!("{last} → {this}"));
    assert_eq!(pair["document"]["previous"], last.as_str());
    assert_eq!(
        across_years(pair),
        [("error".to_string(), 3, last.clone(), "合计".to_string())]
    );
    let rules: Vec<&str> = pair["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(rules, ["YEAR-STATED"], "only the findings across years");
}
