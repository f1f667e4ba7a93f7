//! A NATS server that requires authentication: the services log in with user and password
//! (`NATS_USER` / `NATS_PASSWORD`), the client with an nkey (`--nats-nkey`), and a document goes
//! through; a service with wrong credentials stops at once with a clear error, and so does one
//! without any. A server that requires TLS: services and client verify it with the CA given
//! (`NATS_TLS_CA`), and a client trusting another CA refuses it.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use budget_service::testing::NatsServer;
use budget_service::NatsArgs;
use common::{check_one, Pipeline};

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

/// How a client reaches `url`, without credentials or TLS.
fn plain_args(url: &str) -> NatsArgs {
    NatsArgs {
        url: url.to_string(),
        creds: None,
        user: None,
        password: None,
        nkey: None,
        tls_ca: None,
        tls_cert: None,
        tls_key: None,
    }
}

fn nkey_args(url: &str, seed: String) -> NatsArgs {
    NatsArgs {
        nkey: Some(seed),
        ..plain_args(url)
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
    let result = check_one(&client, &name, bytes).await;
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

/// A CA and a certificate for 127.0.0.1 signed by it, written as PEM files:
/// (ca.pem, server.pem, server.key).
fn write_certificates(dir: &Path) -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, SanType};
    let ca_key = KeyPair::generate().expect("a CA key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).expect("a CA certificate");
    let server_key = KeyPair::generate().expect("a server key");
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).expect("parameters");
    params
        .subject_alt_names
        .push(SanType::IpAddress(std::net::Ipv4Addr::LOCALHOST.into()));
    let server = params
        .signed_by(&server_key, &ca, &ca_key)
        .expect("a server certificate");
    let write = |name: &str, pem: String| {
        let path = dir.join(name);
        std::fs::write(&path, pem).expect("write a PEM file");
        path.display().to_string()
    };
    (
        write("ca.pem", ca.pem()),
        write("server.pem", server.pem()),
        write("server.key", server_key.serialize_pem()),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_and_clients_verify_the_server_with_a_tls_ca() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (ca, cert, key) = write_certificates(dir.path());
    let nats = NatsServer::start_with(&["--tls", "--tlscert", &cert, "--tlskey", &key]);
    let url = nats.url.clone();
    let mut pipeline = Pipeline::start_on(nats, &[], &[("NATS_TLS_CA", ca.as_str())]);
    pipeline.wait_until_ready().await;

    let args = NatsArgs {
        tls_ca: Some(ca.clone().into()),
        ..plain_args(&url)
    };
    let client = budget_service::bus::connect_once(&args, "tls-test")
        .await
        .expect("the client verifies the server with the CA");
    let (name, bytes) = common::samples().swap_remove(1);
    let result = check_one(&client, &name, bytes).await;
    assert!(result.failure_reason.is_none(), "{result:?}");
    assert!(pipeline.all_running());

    // A client that does not trust the CA refuses the server.
    let other = tempfile::tempdir().expect("a temporary directory");
    let (other_ca, _, _) = write_certificates(other.path());
    let distrustful = NatsArgs {
        tls_ca: Some(other_ca.into()),
        ..args
    };
    let refused = budget_service::bus::connect_once(&distrustful, "distrustful").await;
    assert!(
        refused.is_err(),
        "a server signed by another CA must be refused"
    );
}
