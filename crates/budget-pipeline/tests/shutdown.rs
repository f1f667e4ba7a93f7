//! Services stop when told: with the NATS server gone (every request to it would wait, the
//! client reconnects for ever), SIGTERM still ends each of the four services within its
//! shutdown timeout; and so it does for a service still trying to connect at start-up.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use budget_service::testing::ChildGuard;
use common::Pipeline;

/// The shutdown timeout the services get here: short, so that a service that waits for the
/// server shows at once.
const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(3);

/// Sends SIGTERM to every process at once and asserts each exits successfully within the
/// shutdown timeout.
fn assert_all_stop_in_time(services: &mut [ChildGuard]) {
    let asked = Instant::now();
    for service in services.iter() {
        service.send_term();
    }
    for service in services.iter_mut() {
        let name = service.name.clone();
        let status = service.wait_until(asked + SHUTDOWN_TIMEOUT);
        let status = status.unwrap_or_else(|| {
            panic!(
                "{name} still ran {SHUTDOWN_TIMEOUT:?} after SIGTERM:\n{}",
                service.log_tail(20)
            )
        });
        assert!(status.success(), "{name} exited with {status}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_service_stops_in_time_without_the_nats_server() {
    let timeout = format!("{}s", SHUTDOWN_TIMEOUT.as_secs());
    let mut pipeline = Pipeline::start(&["--shutdown-timeout", &timeout]);
    pipeline.wait_until_ready().await;
    // Work in flight when the server goes: a document on its way through the stages.
    let client = pipeline.client().await;
    let (name, bytes) = common::samples().remove(0);
    common::submit(&client, &name, bytes).await;
    drop(client);

    pipeline.nats.stop();
    // Long enough for every client to notice and start reconnecting.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(pipeline.all_running(), "a service died with the server");

    // One more parse process, started now: it keeps trying to connect.
    let mut command = Command::new(env!("CARGO_BIN_EXE_parse"));
    command
        .args(["--nats", &pipeline.nats.url, "--shutdown-timeout", &timeout])
        .args([
            "--grpc-addr",
            "127.0.0.1:0",
            "--metrics-addr",
            "127.0.0.1:0",
        ])
        .env("RUST_LOG", "info");
    let connecting = ChildGuard::spawn("parse-connecting", &mut command, pipeline.nats.dir());
    pipeline.services.push(connecting);
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(pipeline.all_running(), "a service gave up connecting early");

    assert_all_stop_in_time(&mut pipeline.services);
}
