//! A NATS server that requires authentication: the services log in with user and password
//! (`NATS_USER` / `NATS_PASSWORD`), the client with an nkey (`--nats-nkey`), and a document goes
//! through; a service with wrong credentials stops at once with a clear error, and so does one
//! without any.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use budget_service::testing::NatsServer;
use budget_service::NatsArgs;
use common::{collect_results, submit, Pipeline};

const USER: &str = "budget";
const PASSWORD: &str = "s3cret-Pa55";

/// A server configuration with one user/password account and one nkey user.
fn write_config(dir: &Path, nkey_public: &str) -> String {
    let config = format!(
        "authorization {{\n  users = [\n    {{ user: \"{USER}\", password: \"{PASSWORD}\" }}\n    {{ nkey: \"{nkey_public}\" }}\n  ]\n}}\n"
    );
    let path = dir.join("auth.conf");
    std::fs::write(&path, config).expect("write the server configuration");
    path.display().to_string()
}

fn nkey_args(url: &str, seed: String) -> NatsArgs {
    NatsArgs {
        url: url.to_string(),
        creds: None,
        user: None,
        password: None,
        nkey: Some(seed),
        tls_ca: None,
        tls_cert: None,
        tls_key: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_and_clients_log_in_and_a_document_goes_through() {
    let config_dir = tempfile::tempdir().expect("a temporary directory");
    let key = nkeys::KeyPair::new_user();
    let config = write_config(config_dir.path(), &key.public_key());
    let nats = NatsServer::start_with(&["-c", &config]);
    let url = nats.url.clone();
    let env = [("NATS_USER", USER), ("NATS_PASSWORD", PASSWORD)];
    let mut pipeline = Pipeline::start_on(nats, &[], &env);
    pipeline.wait_until_ready().await;

    let seed = key.seed().expect("the seed of a new key");
    let client = budget_service::bus::connect_once(&nkey_args(&url, seed), "auth-test")
        .await
        .expect("the client logs in with its nkey");
    let (name, bytes) = common::samples().swap_remove(0);
    let id = submit(&client, &name, bytes).await.document_id;
    let results = collect_results(
        &client,
        std::slice::from_ref(&id),
        Duration::from_secs(60),
        Duration::ZERO,
    )
    .await;
    let result = results
        .iter()
        .find(|r| r.document_id == id)
        .expect("a result for the document");
    assert!(result.failure_reason.is_none(), "{result:?}");
    assert!(pipeline.all_running());

    // Without the right credentials a client is refused, not left waiting.
    let stranger = nkey_args(&url, nkeys::KeyPair::new_user().seed().expect("a seed"));
    let refused = budget_service::bus::connect_once(&stranger, "stranger").await;
    assert!(refused.is_err(), "an unknown nkey must be refused");

    for (what, env) in [
        (
            "a wrong password",
            vec![("NATS_USER", USER), ("NATS_PASSWORD", "wrong")],
        ),
        ("no credentials", vec![]),
    ] {
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_parse"))
            .args(["--nats", &url, "--grpc-addr", "127.0.0.1:0"])
            .args(["--metrics-addr", "127.0.0.1:0"])
            .env("RUST_LOG", "info")
            .envs(env)
            .output()
            .expect("the parse binary runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{what}: {stderr}");
        assert!(
            stderr.to_lowercase().contains("authorization"),
            "{what}: the error names the cause: {stderr}"
        );
        // The connect patience (30 s) is for an unreachable server, not for refused logins.
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{what}: took {:?}",
            started.elapsed()
        );
    }
}
