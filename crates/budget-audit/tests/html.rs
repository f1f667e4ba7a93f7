//! `budget-audit check --format html FILE... -o DIR` end to end: the files written, their
//! content, and the pages as a browser renders them (headless Chromium, Debian `chromium`, which
//! `.ci/run` installs): findings and highlights present, a `<script>` printed in a document
//! inert.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const SAMPLES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/");
/// Several narrative errors and tables promised but missing.
const SAMPLE_004: &str = "004_564002215bad1a4c.txt";
/// Table rows that do not add up, so cells are marked.
const SAMPLE_002: &str = "002_a82d126008b6a810.txt";
const SCRIPT: &str = "<script>document.title='pwned'</script>";

fn sample(name: &str) -> PathBuf {
    PathBuf::from(format!("{SAMPLES_DIR}{name}"))
}

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(args)
        .output()
        .expect("the budget-audit binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path_arg(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// The JSON report of one file, to compare the page against.
fn json_report(file: &Path) -> Value {
    let o = audit(&["check", "--format", "json", path_arg(file)]);
    serde_json::from_slice(&o.stdout).expect("one JSON object")
}

/// Writes the HTML report of `file` into `dir`; returns the page's path and its content.
fn html_report(file: &Path, dir: &Path) -> (PathBuf, String) {
    let o = audit(&[
        "check",
        "--format",
        "html",
        path_arg(file),
        "-o",
        path_arg(dir),
    ]);
    assert_eq!(o.status.code(), Some(1), "stderr: {}", text(&o.stderr));
    let stem = file.file_stem().and_then(|s| s.to_str()).expect("a stem");
    let page = dir.join(format!("{stem}.html"));
    assert_eq!(text(&o.stdout), format!("{}\n", page.display()));
    let html = std::fs::read_to_string(&page).expect("the report was written");
    (page, html)
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// A copy of sample 002 whose table row label and narrative carry a script.
fn hostile_copy(dir: &Path) -> PathBuf {
    let original = std::fs::read_to_string(sample(SAMPLE_002)).expect("sample 002");
    let hostile = original
        .replacen(
            "210\t卫生健康支出",
            &format!("210\t卫生健康支出{SCRIPT}"),
            1,
        )
        .replacen(
            "按支出功能科目划分：",
            &format!("按支出功能科目划分{SCRIPT}："),
            1,
        );
    assert_ne!(
        hostile, original,
        "the sample changed; update the injection"
    );
    let path = dir.join("hostile.txt");
    std::fs::write(&path, hostile).expect("write the hostile copy");
    path
}

#[test]
fn writes_one_page_per_file_with_every_finding() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("reports");
    let (_, html) = html_report(&sample(SAMPLE_004), &out);
    let report = json_report(&sample(SAMPLE_004));
    let findings = report["findings"].as_array().expect("findings");
    assert!(findings.len() >= 5, "sample 004 has several errors");
    assert_eq!(count(&html, "class=\"finding "), findings.len());
    for f in findings {
        let rule = f["rule"].as_str().expect("a rule id");
        assert!(html.contains(&format!("<code class=\"rule\">{rule}</code>")));
    }
    assert!(html.contains("麟游县医疗保障局"));
    assert!(
        html.contains("<mark>936760</mark>"),
        "the misprinted figure"
    );
    assert!(!html.contains("<script"));
}

#[test]
fn marks_the_offending_cells_of_a_table() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (_, html) = html_report(&sample(SAMPLE_002), dir.path());
    assert!(count(&html, "class=\"num bad-") >= 5, "{html}");
    assert!(html.contains("<mark>6,745.49</mark>"));
}

#[test]
fn html_needs_a_directory_and_the_directory_needs_html() {
    let file = sample(SAMPLE_004);
    let no_dir = audit(&["check", "--format", "html", path_arg(&file)]);
    assert_eq!(no_dir.status.code(), Some(2));
    assert!(text(&no_dir.stderr).contains("--out"));
    let dir = tempfile::tempdir().expect("a temporary directory");
    let json = audit(&["check", "-o", path_arg(dir.path()), path_arg(&file)]);
    assert_eq!(json.status.code(), Some(2));
    assert_eq!(
        text(&json.stderr),
        "budget-audit: --out DIR is for --format html\n"
    );
}

#[test]
fn an_unreadable_file_gets_its_line_and_the_others_their_pages() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let missing = dir.path().join("missing.txt");
    let file = sample(SAMPLE_004);
    let args = [
        "check",
        "--format",
        "html",
        path_arg(&missing),
        path_arg(&file),
    ];
    let o = audit(&[&args[..], &["-o", path_arg(dir.path())]].concat());
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(text(&o.stderr).lines().count(), 1, "{}", text(&o.stderr));
    assert!(dir.path().join("004_564002215bad1a4c.html").is_file());
    assert!(!dir.path().join("missing.html").exists());
    let index = std::fs::read_to_string(dir.path().join("index.html")).expect("an index");
    assert!(
        index.contains("<a href=\"004_564002215bad1a4c.html\">麟游县医疗保障局"),
        "{index}"
    );
    let missing_row = index
        .lines()
        .flat_map(|l| l.split("<tr "))
        .find(|row| row.contains("missing.txt"))
        .expect("the unreadable file is listed");
    assert!(missing_row.contains("failed"), "{missing_row}");
    assert!(!missing_row.contains("<a "), "{missing_row}");
}

// --- Headless Chromium ------------------------------------------------------------------------

/// Runs headless Chromium on a page with its own profile directory and no network chatter.
fn chromium(page: &Path, profile: &Path, action: &[String]) -> Output {
    chromium_at(&format!("file://{}", page.display()), profile, action)
}

/// [`chromium`] on a URL (a page with a fragment).
fn chromium_at(url: &str, profile: &Path, action: &[String]) -> Output {
    let output = Command::new("timeout")
        .arg("120")
        .arg("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(action)
        .arg(url)
        .output();
    match output {
        Ok(o) if o.status.code() == Some(127) => missing_chromium(),
        Ok(o) => o,
        Err(e) => panic!("cannot run `timeout chromium`: {e}"),
    }
}

fn missing_chromium() -> ! {
    panic!(
        "chromium is not installed: `apt-get install chromium` (Debian); scripts/test.sh \
         installs it for this test"
    )
}

/// A screenshot of `page` as Chromium renders it.
fn screenshot(page: &Path, dir: &Path, name: &str) -> Vec<u8> {
    let png = dir.join(format!("{name}.png"));
    let shot = chromium(
        page,
        &dir.join(format!("profile-{name}")),
        &[format!("--screenshot={}", png.display())],
    );
    assert!(shot.status.success(), "chromium: {}", text(&shot.stderr));
    let bytes = std::fs::read(&png).expect("the screenshot was written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    bytes
}

/// A page in the report's own style that prints `words` as a heading.
fn probe_page(report: &str, words: &str, path: &Path) {
    let style = report
        .find("<style>")
        .zip(report.find("</style>"))
        .map_or("", |(start, end)| &report[start..end + "</style>".len()]);
    assert!(!style.is_empty(), "the report has its style sheet");
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">{style}</head>\
         <body><h1>{words}</h1></body></html>"
    );
    std::fs::write(path, page).expect("the probe page was written");
}

/// Chinese text is drawn, not shown as missing-glyph boxes: in the report's style, two
/// different words of as many characters render differently. Without a CJK font both are the
/// same row of boxes and the screenshots are identical.
#[test]
fn chromium_draws_the_chinese_text_of_a_report() {
    if which_chromium().is_none() {
        missing_chromium();
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (_, html) = html_report(&sample(SAMPLE_002), &dir.path().join("out"));
    let shots: Vec<Vec<u8>> = ["部门预算", "收支决算"]
        .iter()
        .enumerate()
        .map(|(k, words)| {
            let page = dir.path().join(format!("probe-{k}.html"));
            probe_page(&html, words, &page);
            screenshot(&page, dir.path(), &format!("probe-{k}"))
        })
        .collect();
    assert!(
        shots[0] != shots[1],
        "Chinese text renders as missing-glyph boxes: no CJK font \
         (`apt-get install fonts-wqy-zenhei`; scripts/test.sh installs it)"
    );
}

#[test]
fn chromium_renders_findings_and_highlights_and_no_document_script_runs() {
    if which_chromium().is_none() {
        missing_chromium();
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = hostile_copy(dir.path());
    let (page, html) = html_report(&input, &dir.path().join("out"));
    assert!(
        html.contains("&lt;script&gt;"),
        "the script is shown as text"
    );

    let dom = chromium(
        &page,
        &dir.path().join("profile-dom"),
        &["--dump-dom".into()],
    );
    assert!(dom.status.success(), "chromium: {}", text(&dom.stderr));
    let dom = text(&dom.stdout);
    assert!(dom.contains("<h2>Findings</h2>"), "{dom}");
    assert!(count(&dom, "class=\"finding ") >= 5, "{dom}");
    assert!(dom.contains("<mark>6,745.49</mark>"), "{dom}");
    assert!(count(&dom, "class=\"num bad-") >= 5);
    assert!(
        !dom.contains("<script"),
        "a script element was created: {dom}"
    );
    assert!(!dom.contains("pwned</title>"), "a document script ran");
    assert!(dom.contains("卫生健康支出&lt;script&gt;"), "{dom}");

    let bytes = screenshot(&page, dir.path(), "shot");
    assert!(bytes.len() > 20_000, "a blank page? {} bytes", bytes.len());
}

/// The index of a run as Chromium leaves it once its script has run on `fragment`: the rows in
/// display order, as (source, hidden), and the line that counts the rows shown.
fn index_in_chromium(
    index: &Path,
    fragment: &str,
    profile: &Path,
) -> (Vec<(String, bool)>, String) {
    let url = format!("file://{}#{fragment}", index.display());
    let dom = chromium_at(&url, profile, &["--dump-dom".into()]);
    assert!(dom.status.success(), "chromium: {}", text(&dom.stderr));
    let dom = text(&dom.stdout);
    let rows = dom
        .split("<tr ")
        .skip(1)
        .filter(|row| row.contains("data-rank="))
        .map(|row| {
            let tag = &row[..row.find('>').unwrap_or(row.len())];
            let source = tag
                .split("data-source=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_default();
            (source.to_string(), tag.contains("hidden"))
        })
        .collect();
    let shown = dom
        .split("<p id=\"shown\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_default()
        .to_string();
    (rows, shown)
}

/// The index of a run sorts by a column and filters by year, rule and severity in a browser,
/// with a script of its own that the page's policy allows and nothing loaded from elsewhere.
#[test]
fn chromium_sorts_and_filters_the_index() {
    if which_chromium().is_none() {
        missing_chromium();
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let out = dir.path().join("out");
    let o = audit(&[
        "check",
        "--format",
        "html",
        SAMPLES_DIR,
        "-o",
        path_arg(&out),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let index = out.join("index.html");
    let html = std::fs::read_to_string(&index).expect("an index");
    assert_eq!(count(&html, "<script"), 1, "one script, inline");
    assert!(!html.contains("src="), "nothing loaded: {html}");
    assert!(html.contains("script-src 'sha256-"), "{html}");

    // What the JSON reports say of each sample: source, year, errors, rules.
    let o = audit(&["check", "--format", "json", SAMPLES_DIR]);
    let reports: Vec<Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let source = |r: &Value| r["document"]["source"].as_str().unwrap_or("").to_string();
    let errors = |r: &Value| {
        r["findings"]
            .as_array()
            .map_or(0, |f| f.iter().filter(|f| f["severity"] == "error").count())
    };
    let has_rule = |r: &Value, rule: &str| {
        r["findings"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["rule"] == rule))
    };
    // The rows shown, in name order.
    let visible = |rows: &[(String, bool)]| -> Vec<String> {
        let mut shown: Vec<String> = rows
            .iter()
            .filter(|(_, hidden)| !hidden)
            .map(|(s, _)| s.clone())
            .collect();
        shown.sort();
        shown
    };

    // Sorted by errors, fewest first.
    let (rows, shown) = index_in_chromium(&index, "sort=errors&dir=asc", &dir.path().join("p1"));
    assert_eq!(shown, "4 of 4 documents shown.");
    let order: Vec<usize> = rows
        .iter()
        .map(|(s, _)| errors(reports.iter().find(|r| &source(r) == s).expect(s)))
        .collect();
    let mut ascending = order.clone();
    ascending.sort_unstable();
    assert_eq!(order, ascending, "{rows:?}");
    assert!(
        order[0] < order[3],
        "the samples differ in errors: {order:?}"
    );

    // Filtered by a rule that some samples break and others do not.
    let rule = "SUM-ROWS";
    let breaking: Vec<String> = reports
        .iter()
        .filter(|r| has_rule(r, rule))
        .map(source)
        .collect();
    assert!(!breaking.is_empty() && breaking.len() < 4, "{breaking:?}");
    let (rows, shown) = index_in_chromium(&index, &format!("rule={rule}"), &dir.path().join("p2"));
    assert_eq!(visible(&rows), breaking);
    assert_eq!(shown, format!("{} of 4 documents shown.", breaking.len()));

    // Filtered by year and severity together.
    let year = reports[0]["document"]["year"].as_u64().expect("a year");
    let expected: Vec<String> = reports
        .iter()
        .filter(|r| r["document"]["year"].as_u64() == Some(year) && errors(r) > 0)
        .map(source)
        .collect();
    let fragment = format!("year={year}&sev=error");
    let (rows, _) = index_in_chromium(&index, &fragment, &dir.path().join("p3"));
    assert_eq!(visible(&rows), expected);
}

fn which_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
}
