//! The NATS connection and everything a service publishes.
//!
//! Every publish goes through [`Bus::publish`]: the document id becomes the JetStream message id
//! (`Nats-Msg-Id`), so a stage that handles a message twice (a crash before its ack) never
//! doubles it downstream, and the call returns only once the stream has stored the message.
//! The headers of every message are built in [`headers`], the one place to add, e.g., trace
//! context.

use std::time::Duration;

use anyhow::Context as _;
use async_nats::header::{HeaderMap, NATS_MESSAGE_ID};
use async_nats::jetstream::{self, Context};
use async_nats::{Client, ConnectOptions};
use budget_proto::pb;
use prost::Message;

use crate::config::{Names, NatsArgs, ServiceConfig};
use crate::documents::Documents;
use crate::metrics::Metrics;
use crate::topology::{self, Stage, StreamSettings};

/// How long to keep trying to reach NATS at start-up (it may be starting too).
const CONNECT_PATIENCE: Duration = Duration::from_secs(30);

/// Connects to NATS with the configured credentials and TLS, once.
pub async fn connect_once(args: &NatsArgs, client_name: &str) -> anyhow::Result<Client> {
    let options = connect_options(args, client_name).await?;
    options
        .connect(args.url.as_str())
        .await
        .with_context(|| format!("cannot connect to {}", args.url))
}

/// Connects to NATS with the configured credentials and TLS, retrying for a while while the
/// server cannot be reached (a service may start before the server); refused credentials fail
/// at once.
pub async fn connect(args: &NatsArgs, client_name: &str) -> anyhow::Result<Client> {
    let deadline = tokio::time::Instant::now() + CONNECT_PATIENCE;
    loop {
        let options = connect_options(args, client_name).await?;
        match options.connect(args.url.as_str()).await {
            Ok(client) => return Ok(client),
            Err(e) if may_pass(&e) && tokio::time::Instant::now() < deadline => {
                tracing::warn!(url = %args.url, error = %e, "NATS not reachable yet, retrying");
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            Err(e) => return Err(e).with_context(|| format!("cannot connect to {}", args.url)),
        }
    }
}

/// Whether a failed connection may succeed later (the server is starting, or unreachable for a
/// moment). Refused credentials, bad TLS or a bad URL will not: waiting would only hide them.
fn may_pass(error: &async_nats::ConnectError) -> bool {
    use async_nats::ConnectErrorKind as Kind;
    matches!(
        error.kind(),
        Kind::Io | Kind::TimedOut | Kind::Dns | Kind::MaxReconnects
    )
}

async fn connect_options(args: &NatsArgs, client_name: &str) -> anyhow::Result<ConnectOptions> {
    let mut options = match &args.creds {
        Some(path) => ConnectOptions::with_credentials_file(path)
            .await
            .with_context(|| format!("cannot read credentials {}", path.display()))?,
        None => ConnectOptions::new(),
    };
    if let (Some(user), Some(password)) = (&args.user, &args.password) {
        options = options.user_and_password(user.clone(), password.clone());
    }
    if let Some(seed) = &args.nkey {
        options = options.nkey(seed.clone());
    }
    if let Some(ca) = &args.tls_ca {
        options = options.add_root_certificates(ca.clone()).require_tls(true);
    }
    if let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) {
        options = options.add_client_certificate(cert.clone(), key.clone());
    }
    Ok(options.name(client_name))
}

/// The headers of a message about one document: its id as `Nats-Msg-Id`, and the trace
/// context of the current span (W3C `traceparent` / `tracestate`) when it is traced.
pub fn headers(document_id: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    if !document_id.is_empty() {
        headers.insert(NATS_MESSAGE_ID, document_id);
    }
    crate::telemetry::inject(&mut headers);
    headers
}

/// The document id a message was published under, from its `Nats-Msg-Id` header.
pub fn document_id_of(headers: Option<&HeaderMap>) -> Option<String> {
    let value = headers?.get(NATS_MESSAGE_ID)?;
    Some(value.as_str().to_string())
}

/// A service's connection: the client, JetStream and the names of the pipeline.
#[derive(Clone)]
pub struct Bus {
    pub client: Client,
    pub js: Context,
    pub names: Names,
    /// The service's metrics: what it publishes and gives up on is counted here.
    pub metrics: Metrics,
    /// The bytes of the documents in flight.
    pub documents: Documents,
}

impl Bus {
    /// Connects and makes sure every stream and both buckets exist.
    pub async fn start(service: &str, config: &ServiceConfig) -> anyhow::Result<Bus> {
        let client = connect(&config.nats, service).await?;
        let js = jetstream::new(client.clone());
        let documents = topology::ensure(&js, &config.names, &StreamSettings::from(config)).await?;
        Ok(Bus {
            client,
            js,
            names: config.names.clone(),
            metrics: Metrics::new(service),
            documents,
        })
    }

    /// Publishes `message` on a stage's subject under `document_id` and waits until the stream
    /// stored it. Returns whether the stream already had that id (a duplicate, dropped).
    pub async fn publish(
        &self,
        stage: Stage,
        document_id: &str,
        message: &impl Message,
    ) -> anyhow::Result<bool> {
        self.publish_encoded(stage, document_id, message.encode_to_vec().into())
            .await
    }

    /// [`Bus::publish`] for a message already encoded; `msg_id` is the JetStream message id.
    pub async fn publish_encoded(
        &self,
        stage: Stage,
        msg_id: &str,
        payload: bytes::Bytes,
    ) -> anyhow::Result<bool> {
        let subject = self.names.subject(stage);
        let ack = self
            .js
            .publish_with_headers(subject.clone(), headers(msg_id), payload)
            .await
            .with_context(|| format!("cannot publish on {subject}"))?
            .await
            .with_context(|| format!("no acknowledgement from the stream of {subject}"))?;
        if !ack.duplicate {
            self.metrics.published(stage.token());
        }
        Ok(ack.duplicate)
    }

    /// Gives up on a document: a dead letter with `reason`, and a result marked failed with the
    /// same reason, on its way to the report service. Both are de-duplicated by document id.
    pub async fn reject(&self, letter: pb::DeadLetter) -> anyhow::Result<()> {
        tracing::warn!(
            document_id = %letter.document_id,
            source = %letter.source_name,
            stage = %letter.stage,
            reason = %letter.reason,
            "dead letter"
        );
        self.metrics.failed(&letter.reason);
        let letter_id = dead_letter_id(&letter);
        self.publish(Stage::DeadLetters, &letter_id, &letter)
            .await?;
        if letter.document_id.is_empty() {
            return Ok(());
        }
        let result = pb::ReconciliationResult::failed_for(
            &letter.document_id,
            &letter.source_name,
            letter.reason.clone(),
        );
        self.publish(Stage::Reconciled, &letter.document_id, &result)
            .await?;
        Ok(())
    }
}

/// One dead letter per document and stage; letters about unidentifiable messages are all kept.
fn dead_letter_id(letter: &pb::DeadLetter) -> String {
    if letter.document_id.is_empty() {
        String::new()
    } else {
        format!("{}.{}", letter.stage, letter.document_id)
    }
}

/// A dead letter from `stage` about one document.
pub fn dead_letter(
    stage: &str,
    document_id: &str,
    source_name: &str,
    reason: impl Into<String>,
) -> pb::DeadLetter {
    pb::DeadLetter {
        document_id: document_id.to_string(),
        source_name: source_name.to_string(),
        stage: stage.to_string(),
        reason: reason.into(),
        size: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_id_travels_as_message_id() {
        let headers = headers("abc");
        assert_eq!(document_id_of(Some(&headers)).as_deref(), Some("abc"));
        assert_eq!(document_id_of(None), None);
        assert!(document_id_of(Some(&super::headers(""))).is_none());
    }

    #[test]
    fn dead_letters_are_one_per_document_and_stage() {
        let letter = dead_letter("parse", "abc", "a.txt", "binary");
        assert_eq!(dead_letter_id(&letter), "parse.abc");
        assert_eq!(dead_letter_id(&dead_letter("parse", "", "", "x")), "");
    }
}
