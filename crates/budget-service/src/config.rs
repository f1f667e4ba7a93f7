//! The configuration every service reads, from flags or the environment (each flag has an
//! environment variable; a flag wins over its variable).
//!
//! [`NatsArgs`] and [`Names`] are also what the `budget-audit publish` / `watch` commands read, so
//! a client and the services agree on where to meet by construction.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// How to reach NATS.
#[derive(Debug, Clone, clap::Args)]
pub struct NatsArgs {
    /// NATS server URL; several may be given separated by commas.
    #[arg(
        long = "nats",
        visible_alias = "nats-url",
        env = "NATS_URL",
        default_value = "nats://127.0.0.1:4222",
        value_name = "URL"
    )]
    pub url: String,
    /// A NATS credentials file (JWT and nkey seed).
    #[arg(long = "nats-creds", env = "NATS_CREDS", value_name = "FILE")]
    pub creds: Option<PathBuf>,
    /// User name, with --nats-password.
    #[arg(long = "nats-user", env = "NATS_USER", requires = "password")]
    pub user: Option<String>,
    /// Password, with --nats-user.
    #[arg(
        long = "nats-password",
        env = "NATS_PASSWORD",
        hide_env_values = true,
        requires = "user"
    )]
    pub password: Option<String>,
    /// An nkey seed (`SU...`) to authenticate with.
    #[arg(long = "nats-nkey", env = "NATS_NKEY", hide_env_values = true)]
    pub nkey: Option<String>,
    /// A CA certificate (PEM) to verify the server with; turns TLS on.
    #[arg(long = "nats-tls-ca", env = "NATS_TLS_CA", value_name = "FILE")]
    pub tls_ca: Option<PathBuf>,
    /// A client certificate (PEM) for mutual TLS, with --nats-tls-key.
    #[arg(
        long = "nats-tls-cert",
        env = "NATS_TLS_CERT",
        value_name = "FILE",
        requires = "tls_key"
    )]
    pub tls_cert: Option<PathBuf>,
    /// The client certificate's private key (PEM).
    #[arg(
        long = "nats-tls-key",
        env = "NATS_TLS_KEY",
        value_name = "FILE",
        requires = "tls_cert"
    )]
    pub tls_key: Option<PathBuf>,
}

/// Where the pipeline lives on the server: subject and stream names and the results bucket.
/// Two pipelines can share one server under different prefixes.
#[derive(Debug, Clone, clap::Args)]
pub struct Names {
    /// The first token of every subject: `<prefix>.ingest`, `<prefix>.parsed`, ...
    #[arg(long, env = "BUDGET_SUBJECT_PREFIX", default_value = "budget")]
    pub subject_prefix: String,
    /// The first part of every stream name: `<PREFIX>_INGEST`, `<PREFIX>_PARSED`, ...
    #[arg(long, env = "BUDGET_STREAM_PREFIX", default_value = "BUDGET")]
    pub stream_prefix: String,
    /// The key-value bucket holding the latest result of each document.
    #[arg(long, env = "BUDGET_RESULTS_BUCKET", default_value = "budget-results")]
    pub results_bucket: String,
    /// The object store bucket holding the bytes of documents on their way through the pipeline.
    #[arg(
        long,
        env = "BUDGET_DOCUMENTS_BUCKET",
        default_value = "budget-documents"
    )]
    pub documents_bucket: String,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            subject_prefix: "budget".into(),
            stream_prefix: "BUDGET".into(),
            results_bucket: "budget-results".into(),
            documents_bucket: "budget-documents".into(),
        }
    }
}

/// The format of the logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line (for log collectors).
    Json,
}

/// Where the hand-over streams (`<PREFIX>_PARSED`, `<PREFIX>_RECONCILED`) keep their messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum HandOverStorage {
    /// On disk: a message survives a restart of the NATS server.
    #[default]
    File,
    /// In the server's memory: faster; a message in flight is lost when the server (or, with
    /// replicas, all of them) restarts. The document itself stays in `<PREFIX>_INGEST` (file).
    Memory,
}

/// The configuration of every service.
#[derive(Debug, Clone, clap::Parser)]
#[command(version)]
pub struct ServiceConfig {
    #[command(flatten)]
    pub nats: NatsArgs,
    #[command(flatten)]
    pub names: Names,
    /// Messages handled at the same time by this process.
    #[arg(long, env = "BUDGET_CONCURRENCY", default_value_t = 16)]
    pub concurrency: usize,
    /// How long the server waits for an ack before it redelivers a message (e.g. 30s, 500ms).
    #[arg(long, env = "BUDGET_ACK_WAIT", default_value = "30s", value_parser = parse_duration)]
    pub ack_wait: Duration,
    /// After this many deliveries a message is given up on: dead letter and failed result.
    #[arg(long, env = "BUDGET_MAX_DELIVERIES", default_value_t = 5)]
    pub max_deliveries: i64,
    /// The largest document ingest accepts, in bytes (at most the input limit of `check`,
    /// 64 MiB).
    #[arg(long, env = "BUDGET_MAX_DOCUMENT_BYTES", default_value_t = budget_input::MAX_INPUT_BYTES)]
    pub max_document_bytes: usize,
    /// Address of the gRPC server (health, and the service's API); each service has its own
    /// default port (ingest 50051, parse 50052, reconcile 50053, report 50054).
    #[arg(long, env = "BUDGET_GRPC_ADDR", value_name = "HOST:PORT")]
    pub grpc_addr: Option<SocketAddr>,
    /// Address of the HTTP server: Prometheus metrics on `/metrics` (port 0 picks a free port).
    #[arg(
        long,
        env = "METRICS_ADDR",
        default_value = "0.0.0.0:9090",
        value_name = "HOST:PORT"
    )]
    pub metrics_addr: SocketAddr,
    /// How logs are written to stderr: `text` (for people) or `json` (one object per line).
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
    /// On SIGTERM, how long in-flight messages may take before the process exits anyway.
    #[arg(long, env = "BUDGET_SHUTDOWN_TIMEOUT", default_value = "20s", value_parser = parse_duration)]
    pub shutdown_timeout: Duration,
    /// Replicas of each stream and of the results bucket (1 on one server, 3 in a cluster).
    #[arg(long, env = "BUDGET_STREAM_REPLICAS", default_value_t = 1)]
    pub stream_replicas: usize,
    /// How long a document id is remembered to drop a second copy (JetStream duplicate window).
    #[arg(long, env = "BUDGET_DEDUP_WINDOW", default_value = "10m", value_parser = parse_duration)]
    pub dedup_window: Duration,
    /// Where the hand-over streams between parse, reconcile and report keep their messages
    /// (file or memory); documents, results and dead letters are always on file.
    #[arg(long, env = "BUDGET_HANDOVER_STORAGE", value_enum, default_value_t = HandOverStorage::File)]
    pub handover_storage: HandOverStorage,
    /// How long documents, results and dead letters are kept (0 = forever).
    #[arg(long, env = "BUDGET_MAX_AGE", default_value = "7d", value_parser = parse_duration)]
    pub max_age: Duration,
}

impl ServiceConfig {
    /// The gRPC address, or the service's default `0.0.0.0:<default_port>`.
    pub fn grpc_addr_or(&self, default_port: u16) -> SocketAddr {
        self.grpc_addr
            .unwrap_or_else(|| SocketAddr::from(([0, 0, 0, 0], default_port)))
    }
}

/// Parses `500ms`, `30s`, `10m`, `2h`, `7d`, or a plain number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("not a duration: {text:?} (e.g. 30s, 500ms, 10m)"))?;
    let seconds = match unit {
        "ms" => return Ok(Duration::from_millis(n)),
        "" | "s" => n,
        "m" => n * 60,
        "h" => n * 3600,
        "d" => n * 86400,
        _ => {
            return Err(format!(
                "unknown unit {unit:?} in {text:?} (ms, s, m, h, d)"
            ))
        }
    };
    Ok(Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(7 * 86400)));
        assert!(parse_duration("7 weeks").is_err());
        assert!(parse_duration("s").is_err());
    }

    #[test]
    fn defaults_and_flags() {
        let config = ServiceConfig::try_parse_from(["parse", "--concurrency", "4"]).unwrap();
        assert_eq!(config.concurrency, 4);
        assert_eq!(config.names.subject_prefix, "budget");
        assert_eq!(config.ack_wait, Duration::from_secs(30));
        assert_eq!(config.grpc_addr_or(50052).port(), 50052);
        assert_eq!(config.metrics_addr.port(), 9090);
        assert_eq!(config.log_format, LogFormat::Text);
        let config = ServiceConfig::try_parse_from([
            "parse",
            "--metrics-addr",
            "127.0.0.1:0",
            "--log-format",
            "json",
        ])
        .unwrap();
        assert_eq!(config.metrics_addr.port(), 0);
        assert_eq!(config.log_format, LogFormat::Json);
        let bad = ServiceConfig::try_parse_from(["parse", "--nats-user", "me"]);
        assert!(bad.is_err(), "a user needs a password");
    }
}
