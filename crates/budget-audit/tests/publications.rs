//! Publications of two files (a narrative file and a tables file published separately) checked
//! as one document: named with `--together`, or found in a batch by what each file holds.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// The narrative half: it states the expenditure total as 190.00 while the tables print 180.00.
const NARRATIVE: &str = "某局2024年部门预算情况说明\n\
    一、部门预算收支总体情况\n\
    2024年部门支出预算总计190.00万元。\n";

/// The tables half: the 合计 row's 基本支出 is 140.00 where its items add up to 130.00 (so the
/// row's 合计 180.00 is not 基本支出 + 项目支出 either). It prints no year.
const TABLES: &str = "部门：某局\n部门支出总表\n单位：万元\n\
    科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
    \t合计\t180.00\t140.00\t50.00\n\
    2101101\t行政单位医疗\t100.00\t100.00\t\n\
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

/// Writes the two halves (and an unrelated budget) into `dir` under the given names.
fn write_halves(dir: &Path, narrative: &str, tables: &str) -> (String, String) {
    let (n, t) = (dir.join(narrative), dir.join(tables));
    std::fs::write(&n, NARRATIVE).expect("write");
    std::fs::write(&t, TABLES).expect("write");
    (n.display().to_string(), t.display().to_string())
}

/// The rules and files of a report's errors.
fn errors(report: &Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            let l = &f["location"];
            let file = l["file"].as_str().unwrap_or("").to_string();
            let file = Path::new(&file)
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            (
                f["rule"].as_str().unwrap_or("").to_string(),
                file,
                l["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn assert_one_publication(report: &Value, narrative: &str, tables: &str) {
    let parts = report["document"]["parts"].as_array().expect("parts");
    let holds: Vec<&str> = parts
        .iter()
        .map(|p| p["holds"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(holds, ["narrative", "tables"], "{report}");
    let mut errors = errors(report);
    errors.sort();
    // Each error is located in its own file, at the line of that file.
    assert_eq!(
        errors,
        [
            ("NARR-AMOUNT".to_string(), narrative.to_string(), 3),
            ("SUM-COLS".to_string(), tables.to_string(), 5),
            ("SUM-ROWS".to_string(), tables.to_string(), 5),
        ],
        "{report}"
    );
    assert!(
        !report["findings"].to_string().contains("COMP-MISSING"),
        "no table is missing from the publication: {report}"
    );
}

#[test]
fn together_reads_the_files_named_as_one_publication() {
    let dir = tempfile::tempdir().expect("a directory");
    let (n, t) = write_halves(dir.path(), "说明.txt", "报表.txt");
    let o = audit(&["check", "--format", "json", "--together", &n, &t]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let reports = reports(&o);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["document"]["source"], format!("{n} + {t}"));
    assert_one_publication(&reports[0], "说明.txt", "报表.txt");
}

#[test]
fn a_batch_pairs_a_narrative_file_with_its_tables_file() {
    let dir = tempfile::tempdir().expect("a directory");
    write_halves(dir.path(), "某局-2024-附件1.txt", "某局-2024-附件2.txt");
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/");
    let other = dir.path().join("other.txt");
    std::fs::copy(format!("{samples}002_a82d126008b6a810.txt"), &other).expect("copy");
    let o = audit(&[
        "check",
        "--format",
        "json",
        dir.path().to_str().expect("UTF-8"),
    ]);
    let batch = reports(&o);
    // The sample first (a whole document), then the publication.
    assert_eq!(batch.len(), 2, "{batch:?}");
    assert!(batch[0]["document"]["parts"]
        .as_array()
        .is_some_and(Vec::is_empty));
    assert_one_publication(&batch[1], "某局-2024-附件1.txt", "某局-2024-附件2.txt");

    // Checked one by one, the narrative finds its tables missing and nothing to compare.
    let alone = audit(&[
        "check",
        "--format",
        "json",
        "--jobs",
        "1",
        &dir.path().join("某局-2024-附件1.txt").display().to_string(),
    ]);
    let alone = reports(&alone);
    assert!(
        errors(&alone[0])
            .iter()
            .all(|(rule, _, _)| rule != "NARR-AMOUNT"),
        "{alone:?}"
    );
}

/// Text and CSV say where a finding of a publication is: its file.
#[test]
fn text_and_csv_name_the_file_of_each_finding() {
    let dir = tempfile::tempdir().expect("a directory");
    let (n, t) = write_halves(dir.path(), "a.txt", "b.txt");
    let o = audit(&["check", "--together", "--color", "never", &n, &t]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("2 files read as one publication"), "{text}");
    assert!(text.contains(&format!("file {t}")), "{text}");
    let o = audit(&["check", "--together", "--format", "csv", &n, &t]);
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(csv.contains(&format!("{n} line 3")), "{csv}");
}
