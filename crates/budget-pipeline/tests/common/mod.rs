//! What the service tests share: a real nats-server, the four service binaries as processes
//! (killed when the test ends, also on panic), submitting documents and collecting results.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use async_nats::Client;
use budget_proto::pb;
use budget_service::client::{self, Since};
use budget_service::testing::{ChildGuard, NatsServer};
use budget_service::Names;
use futures::StreamExt;

pub const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/samples/");

/// The four sample documents: (path as a name, bytes).
pub fn samples() -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SAMPLES)
        .expect("samples directory")
        .map(|entry| entry.expect("sample entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 4, "four samples in {SAMPLES}");
    paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).expect("sample bytes");
            (path.display().to_string(), bytes)
        })
        .collect()
}

fn binary(service: &str) -> &'static str {
    match service {
        "ingest" => env!("CARGO_BIN_EXE_ingest"),
        "parse" => env!("CARGO_BIN_EXE_parse"),
        "reconcile" => env!("CARGO_BIN_EXE_reconcile"),
        "report" => env!("CARGO_BIN_EXE_report"),
        _ => panic!("no service {service}"),
    }
}

/// A nats-server and service processes on it.
pub struct Pipeline {
    pub nats: NatsServer,
    pub services: Vec<ChildGuard>,
    /// gRPC port of each running service process, by guard name.
    pub grpc_ports: HashMap<String, u16>,
    /// HTTP (metrics) port of each running service process, by guard name.
    pub metrics_ports: HashMap<String, u16>,
    /// Arguments every service gets besides --nats, --grpc-addr and --metrics-addr.
    pub common_args: Vec<String>,
    /// Environment variables every service gets besides RUST_LOG.
    pub common_env: Vec<(String, String)>,
}

impl Pipeline {
    /// A server and one process of each service.
    pub fn start(common_args: &[&str]) -> Pipeline {
        Self::start_with_env(common_args, &[])
    }

    /// A server and one process of each service, each with `env` in its environment.
    pub fn start_with_env(common_args: &[&str], env: &[(&str, &str)]) -> Pipeline {
        Self::start_on(NatsServer::start(), common_args, env)
    }

    /// One process of each service on the server `nats` (e.g. one that requires credentials).
    pub fn start_on(nats: NatsServer, common_args: &[&str], env: &[(&str, &str)]) -> Pipeline {
        let mut pipeline = Pipeline {
            nats,
            services: Vec::new(),
            grpc_ports: HashMap::new(),
            metrics_ports: HashMap::new(),
            common_args: common_args.iter().map(|s| s.to_string()).collect(),
            common_env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        // All four start at once; then their ports are read from their logs.
        let launched: Vec<Launched> = ["ingest", "parse", "reconcile", "report"]
            .into_iter()
            .map(|service| pipeline.launch(service, service))
            .collect();
        for launched in launched {
            pipeline.settle(launched);
        }
        pipeline
    }

    /// Starts a process of `service` named `name` (e.g. "parse-2") and waits until its servers
    /// listen.
    pub fn spawn(&mut self, service: &str, name: &str) {
        let launched = self.launch(service, name);
        self.settle(launched);
    }

    /// Starts the process; its gRPC and HTTP servers listen on ports the system picks (port 0),
    /// so no other process can take them between a choice and the bind.
    fn launch(&self, service: &str, name: &str) -> Launched {
        let log = self.nats.dir().join(format!("{name}.log"));
        // A process started again under the same name appends to the same log.
        let offset = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
        let mut command = Command::new(binary(service));
        command
            .arg("--nats")
            .arg(&self.nats.url)
            .args([
                "--grpc-addr",
                "127.0.0.1:0",
                "--metrics-addr",
                "127.0.0.1:0",
            ])
            .args(&self.common_args)
            .env("RUST_LOG", "info")
            .env("LOG_FORMAT", "text")
            .envs(self.common_env.iter().map(|(k, v)| (k, v)));
        let guard = ChildGuard::spawn(name, &mut command, self.nats.dir());
        Launched { guard, log, offset }
    }

    /// Waits until the process says where its servers listen, and records the ports.
    fn settle(&mut self, launched: Launched) {
        let Launched {
            mut guard,
            log,
            offset,
        } = launched;
        let deadline = Instant::now() + Duration::from_secs(60);
        let (grpc, http) = loop {
            let bytes = std::fs::read(&log).unwrap_or_default();
            let text = String::from_utf8_lossy(bytes.get(offset as usize..).unwrap_or_default());
            let grpc = listening_port(&text, "gRPC server listening");
            let http = listening_port(&text, "HTTP server listening");
            if let (Some(grpc), Some(http)) = (grpc, http) {
                break (grpc, http);
            }
            assert!(
                guard.is_running(),
                "{} exited:\n{}",
                guard.name,
                guard.log_tail(30)
            );
            assert!(
                Instant::now() < deadline,
                "{} does not listen:\n{}",
                guard.name,
                guard.log_tail(30)
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        self.grpc_ports.insert(guard.name.clone(), grpc);
        self.metrics_ports.insert(guard.name.clone(), http);
        self.services.push(guard);
    }

    pub fn service(&mut self, name: &str) -> &mut ChildGuard {
        self.services
            .iter_mut()
            .find(|guard| guard.name == name)
            .unwrap_or_else(|| panic!("no service process {name}"))
    }

    /// SIGKILL one process.
    pub fn kill(&mut self, name: &str) {
        self.service(name).kill();
        self.services.retain(|guard| guard.name != name);
    }

    pub fn all_running(&mut self) -> bool {
        self.services.iter_mut().all(ChildGuard::is_running)
    }

    pub async fn client(&self) -> Client {
        async_nats::connect(&self.nats.url)
            .await
            .expect("connect to the test nats-server")
    }

    /// Waits until every service process reports SERVING on gRPC health.
    pub async fn wait_until_ready(&self) {
        for (name, port) in &self.grpc_ports {
            wait_until_serving(name, *port).await;
        }
    }
}

/// A process started, its ports not known yet.
struct Launched {
    guard: ChildGuard,
    log: PathBuf,
    offset: u64,
}

/// The port of the `addr=HOST:PORT` field on the first log line containing `message`.
fn listening_port(log: &str, message: &str) -> Option<u16> {
    let line = log.lines().find(|line| line.contains(message))?;
    let addr = line
        .split_whitespace()
        .find_map(|word| word.strip_prefix("addr="))?;
    addr.parse::<std::net::SocketAddr>()
        .ok()
        .map(|addr| addr.port())
}

/// The gRPC health status of the whole process at `port`, if it answers.
pub async fn health(port: u16) -> Option<i32> {
    use tonic_health::pb::health_client::HealthClient;
    use tonic_health::pb::HealthCheckRequest;
    let mut client = HealthClient::new(channel(port).await.ok()?);
    let request = HealthCheckRequest {
        service: String::new(),
    };
    let response = client.check(request).await.ok()?;
    Some(response.into_inner().status)
}

/// A gRPC channel to a service on this machine.
pub async fn channel(port: u16) -> Result<tonic::transport::Channel, tonic::transport::Error> {
    tonic::transport::Endpoint::from_shared(format!("http://127.0.0.1:{port}"))?
        .connect()
        .await
}

pub async fn wait_until_serving(name: &str, port: u16) {
    use tonic_health::pb::health_check_response::ServingStatus;
    for _ in 0..300 {
        if health(port).await == Some(ServingStatus::Serving as i32) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{name} never reported SERVING on port {port}");
}

/// Submits one document; panics unless ingest stored it.
pub async fn submit(client: &Client, name: &str, bytes: Vec<u8>) -> pb::SubmitReply {
    let document = pb::SourceDocument::new(name, "", bytes);
    client::submit(
        client,
        &Names::default(),
        &document,
        Duration::from_secs(10),
    )
    .await
    .unwrap_or_else(|e| panic!("submit {name}: {e}"))
}

/// Submits one document and waits (up to a minute) for its result.
pub async fn check_one(client: &Client, name: &str, bytes: Vec<u8>) -> pb::ReconciliationResult {
    let id = submit(client, name, bytes).await.document_id;
    let patience = Duration::from_secs(60);
    collect_results(client, std::slice::from_ref(&id), patience, Duration::ZERO)
        .await
        .into_iter()
        .find(|result| result.document_id == id)
        .unwrap_or_else(|| panic!("no result for {name} within {patience:?}"))
}

/// Reads the results stream from its start until `expected` results whose ids are in `ids`
/// arrived, or `patience` ran out; then keeps reading for `linger` to catch extra copies.
pub async fn collect_results(
    client: &Client,
    ids: &[String],
    patience: Duration,
    linger: Duration,
) -> Vec<pb::ReconciliationResult> {
    let results = client::results(client, &Names::default(), Since::Start)
        .await
        .expect("follow the results");
    let mut results = Box::pin(results);
    let mut collected = Vec::new();
    let mut wanted: std::collections::HashSet<&String> = ids.iter().collect();
    let deadline = tokio::time::Instant::now() + patience;
    while !wanted.is_empty() {
        match tokio::time::timeout_at(deadline, results.next()).await {
            Ok(Some(result)) => {
                let result = result.expect("a readable result");
                wanted.remove(&result.document_id);
                collected.push(result);
            }
            _ => break,
        }
    }
    let linger_until = tokio::time::Instant::now() + linger;
    while let Ok(Some(result)) = tokio::time::timeout_at(linger_until, results.next()).await {
        collected.push(result.expect("a readable result"));
    }
    collected
}

/// The body of `GET http://127.0.0.1:<port><path>` (HTTP/1.1, `Connection: close`), if the
/// server answers 200.
pub async fn http_get(port: u16, path: &str) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .ok()?;
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut response))
        .await
        .ok()?
        .ok()?;
    let response = String::from_utf8(response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200").then(|| body.to_string())
}

/// How many messages a stream holds.
pub async fn stream_messages(client: &Client, stream: &str) -> u64 {
    let js = async_nats::jetstream::new(client.clone());
    let mut stream = js.get_stream(stream).await.expect("stream exists");
    stream.info().await.expect("stream info").state.messages
}
