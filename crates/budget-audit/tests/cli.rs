//! End-to-end tests of the `budget-audit` binary on the four sample documents: exit codes,
//! stderr, JSON Lines shape and order, and the text report.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const SAMPLES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/");

/// (file, entity, year, unit) as printed in each sample.
const SAMPLES: [(&str, &str, u64, &str); 4] = [
    (
        "000_ae56c58d42acd4fc.txt",
        "南昌市医疗保障服务中心",
        2024,
        "万元",
    ),
    ("002_a82d126008b6a810.txt", "赣州市医疗保障局", 2023, "万元"),
    (
        "003_da13a1aa64cf934e.txt",
        "安阳市社会医疗保险中心",
        2024,
        "万元",
    ),
    ("004_564002215bad1a4c.txt", "麟游县医疗保障局", 2023, "元"),
];

fn sample(name: &str) -> String {
    format!("{SAMPLES_DIR}{name}")
}

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(args)
        .output()
        .expect("the budget-audit binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn missing_file() -> String {
    let dir = std::env::temp_dir().join("budget-audit-cli-test");
    let path: PathBuf = dir.join("no_such_document.txt");
    path.display().to_string()
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// The exit code the findings call for: 1 when any has severity error, else 0.
fn expected_code(reports: &[Value]) -> i32 {
    let has_error = reports.iter().any(|r| {
        r["findings"]
            .as_array()
            .is_some_and(|fs| fs.iter().any(|f| f["severity"] == "error"))
    });
    i32::from(has_error)
}

#[test]
fn missing_file_exits_2_with_one_stderr_line_and_other_files_still_report() {
    let missing = missing_file();
    let valid = sample(SAMPLES[1].0);
    let o = audit(&["check", "--format", "json", &missing, &valid]);
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(&o));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "stderr: {err}");
    assert!(
        lines[0].starts_with(&format!("budget-audit: {missing}: ")),
        "{}",
        lines[0]
    );
    let reports = json_lines(&o);
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0]["document"]["source"], valid.as_str());
    assert_eq!(reports[0]["document"]["entity"], "赣州市医疗保障局");
}

#[test]
fn only_missing_files_exit_2_with_a_line_each_and_no_report() {
    let missing = missing_file();
    let o = audit(&["check", &missing, &missing]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 2, "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn a_directory_stands_for_its_documents_in_name_order() {
    let o = audit(&["check", "--format", "json", "--jobs", "2", SAMPLES_DIR]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let sources: Vec<String> = json_lines(&o)
        .iter()
        .map(|r| r["document"]["source"].as_str().unwrap_or("").to_string())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources.len(), 4, "{sources:?}");
    assert_eq!(sources, sorted);
    assert!(
        sources.iter().all(|s| s.starts_with(SAMPLES_DIR)),
        "{sources:?}"
    );
}

/// Under a directory, files are told by content: a stray note and an image are passed over
/// (named on stderr), a damaged PDF is a document that could not be read, a budget is checked
/// whatever its name.
#[test]
fn files_under_a_directory_are_told_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(format!("{SAMPLES_DIR}002_a82d126008b6a810.txt")).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/budget.dat"), &sample).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "Read me first.\n").unwrap();
    std::fs::write(
        dir.path().join("logo.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.pdf"), b"%PDF-1.4\n%%EOF garbage").unwrap();
    let root = dir.path().to_str().unwrap();
    let o = audit(&["check", "--format", "json", root]);
    assert_eq!(o.status.code(), Some(2), "the damaged PDF: {}", stderr(&o));
    let reports = json_lines(&o);
    assert_eq!(reports.len(), 1);
    assert!(reports[0]["document"]["source"]
        .as_str()
        .unwrap()
        .ends_with("sub/budget.dat"));
    let err = stderr(&o);
    assert!(err.contains("broken.pdf: "), "{err}");
    let passed = err.lines().find(|l| l.contains("passed over")).expect(&err);
    assert!(
        passed.contains("passed over 2 files")
            && passed.contains("logo.png")
            && passed.contains("notes.txt"),
        "{passed}"
    );
    assert!(
        !passed.contains("budget.dat") && !passed.contains("broken.pdf"),
        "{passed}"
    );
}

#[test]
fn a_directory_without_documents_checks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    let o = audit(&["check", root]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no file under this directory"),
        "{}",
        stderr(&o)
    );
    std::fs::write(dir.path().join("notes.txt"), "Read me first.\n").unwrap();
    let o = audit(&["check", root]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stdout(&o).is_empty(), "{}", stdout(&o));
}

/// Text reports of several documents end with the run's summary, worst document first.
#[test]
fn a_text_run_ends_with_a_ranked_summary() {
    let o = audit(&["check", "--color", "never", SAMPLES_DIR]);
    let out = stdout(&o);
    let summary = &out[out.find("运行摘要 / run summary: 4 documents").expect(&out)..];
    let rows: Vec<[usize; 3]> = summary
        .lines()
        .filter_map(|l| {
            let n: Vec<usize> = l
                .split_whitespace()
                .take(3)
                .map_while(|w| w.parse().ok())
                .collect();
            <[usize; 3]>::try_from(n).ok()
        })
        .collect();
    assert_eq!(rows.len(), 4, "{summary}");
    let mut ranked = rows.clone();
    ranked.sort_by(|a, b| b.cmp(a));
    assert_eq!(rows, ranked, "{summary}");
    assert!(rows[0][0] > 0, "{summary}");
    assert!(
        summary.contains("error "),
        "the worst document's findings: {summary}"
    );
}

#[test]
fn no_file_is_a_usage_error() {
    let o = audit(&["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("FILE"), "{}", stderr(&o));
}

#[test]
fn json_prints_one_line_per_file_in_input_order() {
    // Not in name order, and one file twice: order and count follow the arguments.
    let order = [3, 0, 2, 1, 3];
    let paths: Vec<String> = order.iter().map(|&i| sample(SAMPLES[i].0)).collect();
    let mut args = vec!["check", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let o = audit(&args);
    let reports = json_lines(&o);
    assert_eq!(reports.len(), order.len(), "stderr: {}", stderr(&o));
    for ((report, &i), path) in reports.iter().zip(&order).zip(&paths) {
        let (_, entity, year, unit) = SAMPLES[i];
        let doc = &report["document"];
        assert_eq!(doc["source"], path.as_str());
        assert_eq!(doc["entity"], entity);
        assert_eq!(doc["year"], year);
        assert_eq!(doc["unit"], unit);
        assert_schema(report);
    }
    assert_eq!(o.status.code(), Some(expected_code(&reports)));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

/// Every key of the documented schema is present, with the documented type.
fn assert_schema(report: &Value) {
    for key in ["source", "entity", "entity_code", "year", "unit", "scope"] {
        assert!(report["document"].get(key).is_some(), "document.{key}");
    }
    assert!(report["claims"].is_array());
    let tables = report["tables"].as_array().expect("tables is an array");
    assert!(!tables.is_empty(), "no table found");
    for t in tables {
        for key in ["kind", "title", "unit", "status", "columns", "rows"] {
            assert!(t.get(key).is_some(), "table.{key}");
        }
        let status = t["status"].as_str().unwrap_or_default();
        assert!(
            ["parsed", "empty", "unparsed"].contains(&status),
            "{status}"
        );
        for row in t["rows"].as_array().expect("rows is an array") {
            assert!(row.get("code").is_some() && row.get("label").is_some());
            for v in row["values"].as_array().expect("values is an array") {
                assert!(v.is_null() || v.is_string(), "{v}");
            }
        }
    }
    for f in report["findings"].as_array().expect("findings is an array") {
        for key in [
            "rule",
            "severity",
            "message",
            "location",
            "expected",
            "printed",
            "difference",
            "tolerance",
            "source_text",
            "consequences",
        ] {
            assert!(f.get(key).is_some(), "finding.{key}");
        }
        let severity = f["severity"].as_str().unwrap_or_default();
        assert!(
            ["error", "warning", "info"].contains(&severity),
            "{severity}"
        );
    }
}

#[test]
fn text_report_names_each_entity_and_year() {
    for (file, entity, year, _) in SAMPLES {
        let o = audit(&["check", &sample(file)]);
        let text = stdout(&o);
        assert!(text.contains(entity), "{file}: {text}");
        assert!(text.contains(&year.to_string()), "{file}: {text}");
        assert!(text.contains("findings: "), "{file}: {text}");
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    }
}

#[test]
fn text_is_the_default_format_and_reports_follow_input_order() {
    let first = sample(SAMPLES[2].0);
    let second = sample(SAMPLES[0].0);
    let o = audit(&["check", &first, &second]);
    let text = stdout(&o);
    let a = text.find(SAMPLES[2].1);
    let b = text.find(SAMPLES[0].1);
    assert!(a.is_some() && b.is_some() && a < b, "{text}");
}

#[test]
fn exit_code_follows_error_findings() {
    for (file, ..) in SAMPLES {
        let o = audit(&["check", "--format", "json", &sample(file)]);
        let reports = json_lines(&o);
        assert_eq!(reports.len(), 1, "{file}: {}", stderr(&o));
        assert_eq!(o.status.code(), Some(expected_code(&reports)), "{file}");
    }
}

#[test]
fn a_file_of_no_budget_says_so_and_exits_3() {
    let dir = std::env::temp_dir().join(format!("budget-audit-nothing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let hello = dir.join("hello.txt");
    std::fs::write(&hello, b"hello\n").expect("write temp file");
    let hello = hello.display().to_string();
    let o = audit(&["check", "--format", "json", &hello]);
    let with_a_budget = audit(&["check", "--format", "json", &hello, &sample(SAMPLES[0].0)]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let reports = json_lines(&o);
    let findings = reports[0]["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "COMP-NOTHING");
    assert_eq!(findings[0]["severity"], "warning");
    // An error in another file wins (1), as documented; else 3 again.
    let reports = json_lines(&with_a_budget);
    assert_eq!(reports.len(), 2);
    let expected = if expected_code(&reports) == 1 { 1 } else { 3 };
    assert_eq!(with_a_budget.status.code(), Some(expected));
}

/// `--color` and the environment: escapes only where asked for (`always`, or `auto` with
/// `CLICOLOR_FORCE`), never with `NO_COLOR` in `auto`, never in JSON.
#[test]
fn color_follows_the_flag_and_no_color() {
    let file = sample(SAMPLES[2].0);
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let o = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
            .args(args)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .envs(env.iter().copied())
            .output()
            .expect("the budget-audit binary runs");
        stdout(&o).contains('\u{1b}')
    };
    let check = ["check", file.as_str()];
    assert!(!run(&check, &[]), "a pipe gets no colour");
    assert!(run(&["check", "--color", "always", &file], &[]));
    assert!(!run(
        &["check", "--color", "never", &file],
        &[("CLICOLOR_FORCE", "1")]
    ));
    assert!(run(&check, &[("CLICOLOR_FORCE", "1")]));
    assert!(!run(&check, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    let json = ["check", "--format", "json", "--color", "always", &file];
    assert!(!run(&json, &[]));
}

#[test]
fn an_empty_file_is_a_parse_error_and_exits_2() {
    let dir = std::env::temp_dir().join(format!("budget-audit-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write temp file");
    let empty = empty.display().to_string();
    let o = audit(&["check", "--format", "json", &empty]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("budget-audit: {empty}: ")),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn rules_lists_the_catalogue_and_documents_one_rule() {
    let list = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .arg("rules")
        .output()
        .expect("run budget-audit rules");
    assert!(list.status.success());
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.lines().any(|l| l.starts_with("SUM-ROWS")), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("COMP-MISSING")),
        "{text}"
    );
    let one = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(["rules", "sum-cols"])
        .output()
        .expect("run budget-audit rules ID");
    let doc = String::from_utf8_lossy(&one.stdout);
    assert!(doc.starts_with("SUM-COLS (error)"), "{doc}");
    // Rendered for a terminal: the lead-ins start their paragraphs, no markdown is left, and
    // every line of every rule's documentation fits 80 columns.
    for part in ["\nWhat it checks. ", "\nWhy it matters. ", "\nExample. "] {
        assert!(doc.contains(part), "{doc}");
    }
    for id in text.lines().filter_map(|l| l.split_whitespace().next()) {
        let one = audit(&["rules", id]);
        let doc = stdout(&one);
        assert!(!doc.contains("**") && !doc.contains('`'), "{doc}");
        for line in doc.lines().skip(2) {
            assert!(budget_report::display_width(line) <= 80, "{id}: {line:?}");
        }
    }
    let unknown = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(["rules", "NO-SUCH"])
        .output()
        .expect("run budget-audit rules NO-SUCH");
    assert_eq!(unknown.status.code(), Some(2));
}

/// `-` reads the document from standard input; the report names it `<stdin>` and says what the
/// same file says.
#[test]
fn a_dash_reads_standard_input() {
    use std::io::Write;
    use std::process::Stdio;
    let path = sample(SAMPLES[1].0);
    let bytes = std::fs::read(&path).expect("the sample is readable");
    let mut child = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the budget-audit binary runs");
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(&bytes)
        .expect("the document is written");
    let piped = child.wait_with_output().expect("it ends");
    let from_file = audit(&["check", "--format", "json", &path]);
    let (piped_reports, file_reports) = (json_lines(&piped), json_lines(&from_file));
    assert_eq!(piped_reports.len(), 1, "{}", stderr(&piped));
    assert_eq!(piped_reports[0]["document"]["source"], "<stdin>");
    assert_eq!(piped_reports[0]["findings"], file_reports[0]["findings"]);
    assert_eq!(piped.status.code(), from_file.status.code());
}

/// A reader that closes the pipe early (`check … | head -1`) ends the run quietly: no "Broken
/// pipe" on stderr, and not the exit code of an unreadable file.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let files: Vec<String> = (0..40).map(|i| sample(SAMPLES[i % 4].0)).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .arg("check")
        .args(&files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the budget-audit binary runs");
    let mut stdout = child.stdout.take().expect("a pipe");
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).expect("a report begins");
    drop(stdout);
    let out = child.wait_with_output().expect("it ends");
    assert_eq!(stderr(&out), "", "stderr after the pipe closed");
    assert_eq!(out.status.code(), Some(0));
}

/// `--format csv` opens in a spreadsheet: UTF-8 with a byte-order mark, one header, one row per
/// finding of every file in input order (as many as the JSON reports hold), an unreadable file
/// on stderr only.
#[test]
fn csv_reads_back_one_row_per_finding_under_one_header() {
    let files: Vec<String> = SAMPLES.iter().map(|s| sample(s.0)).collect();
    let missing = missing_file();
    let mut args = vec!["check", "--format", "csv", &missing];
    args.extend(files.iter().map(String::as_str));
    let o = audit(&args);
    assert_eq!(o.status.code(), Some(2), "stderr: {}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
    let text = stdout(&o);
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark first");
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(header, budget_report::CSV_HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();

    let mut json_args = vec!["check", "--format", "json"];
    json_args.extend(files.iter().map(String::as_str));
    let reports = json_lines(&audit(&json_args));
    let expected: Vec<(String, String, String)> = reports
        .iter()
        .flat_map(|r| {
            let source = r["document"]["source"].as_str().unwrap_or("").to_string();
            r["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |f| {
                    let rule = f["rule"].as_str().unwrap_or("").to_string();
                    let message = f["message"].as_str().unwrap_or("").to_string();
                    (source.clone(), rule, message)
                })
        })
        .collect();
    let read: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r[0].to_string(), r[3].to_string(), r[16].to_string()))
        .collect();
    assert!(!read.is_empty());
    assert_eq!(read, expected);
}
