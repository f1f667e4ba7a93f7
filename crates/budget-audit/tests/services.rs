//! `budget-audit publish` and `watch` against a real nats-server with the four services running
//! (in-process here; `crates/budget-pipeline/tests` runs them as processes): `watch --format
//! json` prints exactly what `check --format json` prints for the published files, text, PDF,
//! HTML, XLSX and DOCX alike.
//!
//! Needs the `services` feature (`cargo test --workspace --all-features`, as scripts/test.sh runs).
#![cfg(feature = "services")]

#[path = "../../../tests/forms/mod.rs"]
mod forms;

use std::process::{Command, Output, Stdio};
use std::time::Duration;

use budget_service::testing::NatsServer;
use budget_service::ServiceConfig;
use clap::Parser;
use tokio_util::sync::CancellationToken;

const SAMPLES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/");

fn samples() -> Vec<String> {
    let mut paths: Vec<String> = std::fs::read_dir(SAMPLES_DIR)
        .expect("samples")
        .map(|e| e.expect("entry").path().display().to_string())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    paths.sort();
    paths
}

/// The four services on one runtime in a background thread; stopped (like SIGTERM) on drop.
struct InProcessServices {
    shutdown: CancellationToken,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl InProcessServices {
    fn start(nats_url: &str) -> InProcessServices {
        let config = |name: &str| {
            ServiceConfig::try_parse_from([
                name,
                "--nats",
                nats_url,
                "--grpc-addr",
                "127.0.0.1:0",
                "--metrics-addr",
                "127.0.0.1:0",
            ])
            .expect("service config")
        };
        let configs = [
            config("ingest"),
            config("parse"),
            config("reconcile"),
            config("report"),
        ];
        let shutdown = CancellationToken::new();
        let token = shutdown.clone();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Runtime::new().expect("runtime");
            runtime.block_on(async move {
                let [ingest, parse, reconcile, report] = configs;
                let results = tokio::join!(
                    budget_pipeline::ingest::run(ingest, token.clone()),
                    budget_pipeline::parse::run(parse, token.clone()),
                    budget_pipeline::reconcile::run(reconcile, token.clone()),
                    budget_pipeline::report::run(report, token.clone()),
                );
                for result in [results.0, results.1, results.2, results.3] {
                    if let Err(e) = result {
                        eprintln!("service failed: {e:#}");
                    }
                }
            });
        });
        InProcessServices {
            shutdown,
            thread: Some(thread),
        }
    }
}

impl Drop for InProcessServices {
    fn drop(&mut self) {
        self.shutdown.cancel();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn audit(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(args)
        .output()
        .expect("budget-audit runs")
}

fn sorted_lines(bytes: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

/// Publishes until ingest answers (it may still be starting).
fn publish_when_ready(url: &str, files: &[String]) -> Output {
    let mut args = vec!["publish", "--nats", url];
    args.extend(files.iter().map(String::as_str));
    for _ in 0..100 {
        let output = audit(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !stderr.contains("no ingest service answers") {
            return output;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("ingest never answered");
}

/// Every sample as PDF, HTML, XLSX and DOCX, written as files into `dir`.
fn sample_forms(dir: &std::path::Path) -> Vec<String> {
    let mut files = Vec::new();
    for sample in forms::SAMPLES {
        let parts = forms::parts(&forms::sample(sample));
        let stem = sample.trim_end_matches(".txt");
        let documents = [
            ("pdf", forms::to_pdf(&parts, 50)),
            ("html", forms::to_html(&parts).into_bytes()),
            ("xlsx", forms::to_xlsx(&parts)),
            ("docx", forms::to_docx(&parts)),
        ];
        for (extension, bytes) in documents {
            let path = dir.join(format!("{stem}.{extension}"));
            std::fs::write(&path, bytes).expect("write a sample form");
            files.push(path.display().to_string());
        }
    }
    files
}

#[test]
fn watch_prints_what_check_prints_for_the_published_files() {
    let nats = NatsServer::start();
    let _services = InProcessServices::start(&nats.url);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut files = samples();
    files.extend(sample_forms(dir.path()));
    let count = files.len().to_string();

    let published = publish_when_ready(&nats.url, &files);
    assert_eq!(published.status.code(), Some(0), "{published:?}");
    let stdout = String::from_utf8_lossy(&published.stdout);
    for (line, file) in stdout.lines().zip(&files) {
        let bytes = std::fs::read(file).expect("sample");
        assert_eq!(
            line,
            format!("{}  {file}", budget_proto::sha256_hex(&bytes))
        );
    }

    let watch = Command::new(env!("CARGO_BIN_EXE_budget-audit"))
        .args(["watch", "--nats", &nats.url, "--all", "--count", &count])
        .args(["--format", "json", "--timeout", "60s"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("watch runs");
    let mut check_args = vec!["check", "--format", "json"];
    check_args.extend(files.iter().map(String::as_str));
    let check = audit(&check_args);

    assert_eq!(
        watch.status.code(),
        check.status.code(),
        "same exit code; watch stderr: {}",
        String::from_utf8_lossy(&watch.stderr)
    );
    let reports = sorted_lines(&check.stdout);
    assert_eq!(reports.len(), files.len(), "check reads every file");
    assert_eq!(sorted_lines(&watch.stdout), reports);
}

#[test]
fn publish_without_ingest_says_so() {
    let nats = NatsServer::start();
    let file = &samples()[0];
    let output = audit(&["publish", "--nats", &nats.url, file]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no ingest service answers"), "{stderr}");
}

/// Without a server, `watch` and `publish` say so in one line, each cause once (async-nats
/// repeats the I/O error inside its own).
#[test]
fn no_server_is_said_once() {
    // Port 1 (tcpmux) is served nowhere: a free port could be taken meanwhile by the server of
    // a test running in parallel.
    let url = "nats://127.0.0.1:1".to_string();
    let file = &samples()[0];
    for args in [
        vec!["watch", "--nats", &url, "--timeout", "2s"],
        vec!["publish", "--nats", &url, file],
    ] {
        let output = audit(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("cannot connect to {url}")),
            "{stderr}"
        );
        assert_eq!(stderr.matches("refused").count(), 1, "{args:?}: {stderr}");
    }
}

/// `publish --together` submits a narrative file and a tables file as one document: the
/// services read them as `check --together` does, and the result is the same report. The
/// tables file is made larger than a message carries, so that it travels through the documents
/// bucket while the narrative travels inline.
#[test]
fn a_publication_of_two_files_is_one_document_through_the_services() {
    let nats = NatsServer::start();
    let _services = InProcessServices::start(&nats.url);
    let dir = tempfile::tempdir().expect("a temporary directory");
    let narrative = dir.path().join("说明.txt");
    let tables = dir.path().join("报表.txt");
    std::fs::write(
        &narrative,
        "某局2024年部门预算情况说明\n一、部门预算收支总体情况\n2024年部门支出预算总计190.00万元。\n",
    )
    .expect("write");
    let mut table = String::from(
        "部门：某局\n部门支出总表\n单位：万元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n\
         \t合计\t180.00\t130.00\t50.00\n2101101\t行政单位医疗\t100.00\t100.00\t\n\
         2101102\t事业单位医疗\t50.00\t\t50.00\n2101103\t公务员医疗补助\t30.00\t30.00\t\n",
    );
    // A note long enough to put the file over the inline limit.
    table.push_str(&"注：本表反映部门支出。\n".repeat(12_000));
    std::fs::write(&tables, &table).expect("write");
    let files = [
        narrative.display().to_string(),
        tables.display().to_string(),
    ];

    let mut args = vec!["publish", "--together", "--nats", nats.url.as_str()];
    args.extend(files.iter().map(String::as_str));
    let mut published = audit(&args);
    for _ in 0..100 {
        if !String::from_utf8_lossy(&published.stderr).contains("no ingest service answers") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        published = audit(&args);
    }
    assert_eq!(published.status.code(), Some(0), "{published:?}");
    assert_eq!(
        String::from_utf8_lossy(&published.stdout).lines().count(),
        1
    );

    let watch = audit(&[
        "watch",
        "--nats",
        &nats.url,
        "--all",
        "--count",
        "1",
        "--format",
        "json",
        "--timeout",
        "60s",
    ]);
    let mut check_args = vec!["check", "--together", "--format", "json"];
    check_args.extend(files.iter().map(String::as_str));
    let check = audit(&check_args);
    assert_eq!(
        String::from_utf8_lossy(&watch.stdout),
        String::from_utf8_lossy(&check.stdout),
        "watch stderr: {}",
        String::from_utf8_lossy(&watch.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).expect("one JSON report");
    assert_eq!(
        report["document"]["parts"].as_array().map(Vec::len),
        Some(2)
    );
    assert!(
        report["findings"].to_string().contains("NARR-AMOUNT"),
        "the narrative is checked against the tables file: {report}"
    );
}
