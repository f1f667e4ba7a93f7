//! `deploy/local/run.sh` stopped as a terminal stops it: Ctrl-C sends SIGINT to the whole
//! foreground process group, twice when the user is impatient. The services must stop first
//! (with the server still there to take their acks and naks), then nats-server, and nothing may
//! be left running.

mod common;

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use budget_service::testing::free_port;

const SERVICES: [&str; 4] = ["ingest", "parse", "reconcile", "report"];
/// The services' shutdown timeout here; run.sh gets a little more to stop them.
const SHUTDOWN_TIMEOUT_SECS: u64 = 5;

/// The first of `n` consecutive ports on 127.0.0.1 that are free now.
fn free_ports(n: u16) -> u16 {
    for _ in 0..100 {
        let first = free_port();
        let Some(last) = first.checked_add(n - 1) else {
            continue;
        };
        let held: Vec<_> = (first..=last)
            .filter_map(|p| TcpListener::bind(("127.0.0.1", p)).ok())
            .collect();
        if held.len() == usize::from(n) {
            return first;
        }
    }
    panic!("no {n} consecutive free ports");
}

fn accepts(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_ok()
}

/// Sends `signal` to every process of the group `group`, as a terminal does.
fn signal_group(signal: &str, group: u32) {
    let status = Command::new("kill")
        .args(["-s", signal, "--", &format!("-{group}")])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -s {signal} -{group} failed");
}

fn wait_until(child: &mut Child, deadline: Instant) -> Option<ExitStatus> {
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// The index of the first line of `name`'s output (prefixed `[name] `) that contains `text`.
fn line_of(lines: &[&str], name: &str, text: &str) -> Option<usize> {
    let prefix = format!("[{name}] ");
    lines
        .iter()
        .position(|l| l.starts_with(&prefix) && l.contains(text))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_to_the_group_stops_the_services_then_nats() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy/local/run.sh");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_ingest"))
        .parent()
        .expect("binaries have a directory");
    let nats_port = free_port();
    let grpc_port = free_ports(4);
    let metrics_port = free_ports(4);
    let mut child = Command::new("bash")
        .arg(&script)
        .env("BIN_DIR", bin_dir)
        .env("NATS_PORT", nats_port.to_string())
        .env("GRPC_PORT", grpc_port.to_string())
        .env("METRICS_PORT", metrics_port.to_string())
        .env(
            "BUDGET_SHUTDOWN_TIMEOUT",
            format!("{SHUTDOWN_TIMEOUT_SECS}s"),
        )
        .env("STOP_TIMEOUT", (SHUTDOWN_TIMEOUT_SECS + 5).to_string())
        .env("RUST_LOG", "info")
        .env_remove("LOG_DIR")
        .env_remove("DATA_DIR")
        // Its own process group, as a terminal's foreground job has.
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs deploy/local/run.sh");
    let group = child.id();
    let mut stdout = child.stdout.take().expect("stdout piped");
    let output = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });

    for (k, name) in SERVICES.iter().enumerate() {
        common::wait_until_serving(name, grpc_port + k as u16).await;
    }
    assert!(accepts(nats_port), "nats-server is not listening");

    let asked = Instant::now();
    signal_group("INT", group);
    // A second Ctrl-C while stopping must not leave anything running.
    std::thread::sleep(Duration::from_millis(300));
    signal_group("INT", group);
    let deadline = asked + Duration::from_secs(SHUTDOWN_TIMEOUT_SECS + 15);
    let status = wait_until(&mut child, deadline);
    if status.is_none() {
        let _ = child.kill();
    }
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut stderr);
    }
    let status = status.unwrap_or_else(|| panic!("run.sh still ran after Ctrl-C:\n{stderr}"));
    assert_eq!(status.code(), Some(130), "stderr:\n{stderr}");

    let text = output.join().expect("the output reader ends");
    let lines: Vec<&str> = text.lines().collect();
    let nats_exit = line_of(&lines, "nats-server", "Server Exiting")
        .unwrap_or_else(|| panic!("nats-server did not exit cleanly:\n{text}"));
    for name in SERVICES {
        let stopped = line_of(&lines, name, "stopped")
            .unwrap_or_else(|| panic!("{name} did not say it stopped:\n{text}"));
        assert!(
            stopped < nats_exit,
            "{name} stopped after nats-server:\n{text}"
        );
    }
    let open: Vec<u16> = std::iter::once(nats_port)
        .chain((0..4).map(|k| grpc_port + k))
        .chain((0..4).map(|k| metrics_port + k))
        .filter(|&p| accepts(p))
        .collect();
    assert!(
        open.is_empty(),
        "still listening on {open:?} after run.sh ended"
    );
}
