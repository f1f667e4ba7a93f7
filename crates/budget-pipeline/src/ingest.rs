//! `ingest`: accepts documents. Answers NATS requests on `budget.submit` (queue group
//! `ingest`, so replicas share them) and gRPC `Ingest.Submit`; gives each document its id (the
//! SHA-256 of its bytes, whatever the sender said), enforces the size limit and stores the
//! document, raw bytes included, in the `BUDGET_INGEST` stream under its id before answering.
//! A document over the limit is not stored: it gets a dead letter and a failed result.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use async_nats::Client;
use budget_proto::{pb, sha256_hex};
use budget_service::bus::dead_letter;
use budget_service::lifecycle::Service;
use budget_service::{Bus, ServiceConfig, Stage};
use futures::StreamExt;
use prost::Message as _;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};
use tracing::Instrument as _;

pub const NAME: &str = "ingest";
pub const GRPC_PORT: u16 = 50051;
/// The queue group of the submit subject.
pub const QUEUE_GROUP: &str = "ingest";
/// Room left in a NATS message for the envelope around the document's bytes.
const ENVELOPE_ROOM: usize = 4096;

pub async fn run(config: ServiceConfig, shutdown: CancellationToken) -> anyhow::Result<()> {
    let mut service = Service::start(NAME, config, shutdown).await?;
    let ingest = Arc::new(Ingest::new(service.bus.clone(), &service.config));
    let api = pb::ingest_server::IngestServer::new(IngestApi(ingest.clone()))
        .max_decoding_message_size(budget_parse::MAX_DOCUMENT_BYTES * 2);
    service
        .serve(GRPC_PORT, |router| router.add_service(api))
        .await?;
    tracing::info!(limit = ingest.limit, "document size limit in bytes");
    let subject = service.bus.names.submit_subject();
    let requests = service
        .bus
        .client
        .queue_subscribe(subject.clone(), QUEUE_GROUP.into())
        .await
        .with_context(|| format!("cannot subscribe to {subject}"))?;
    service.ready();
    let client = service.bus.client.clone();
    let concurrency = service.config.concurrency.max(1);
    let work = requests
        .take_until(service.shutdown.clone().cancelled_owned())
        .for_each_concurrent(concurrency, |request| {
            answer(ingest.as_ref(), &client, request)
        });
    service.bounded(work).await;
    service.stop().await;
    Ok(())
}

/// Accepts one document; shared by the NATS subject and the gRPC API.
pub struct Ingest {
    bus: Bus,
    /// The largest document accepted, in bytes.
    pub limit: usize,
}

impl Ingest {
    fn new(bus: Bus, config: &ServiceConfig) -> Ingest {
        let server_limit = bus
            .client
            .server_info()
            .max_payload
            .saturating_sub(ENVELOPE_ROOM);
        let limit = config
            .max_document_bytes
            .min(budget_parse::MAX_DOCUMENT_BYTES)
            .min(server_limit);
        Ingest { bus, limit }
    }

    /// Stores the document (or rejects it) and says what happened. An `Err` is a transient
    /// failure: nothing was stored. Counted in the metrics; the id and the outcome are recorded
    /// on the current span (see [`submit_span`]).
    pub async fn accept(&self, document: pb::SourceDocument) -> anyhow::Result<pb::SubmitReply> {
        let started = Instant::now();
        self.bus.metrics.documents_in.inc();
        let result = self.store(document).await;
        let outcome = match &result {
            Ok(reply) if reply.rejected.is_some() => "rejected",
            Ok(reply) if reply.duplicate => "duplicate",
            Ok(_) => "ok",
            Err(_) => "error",
        };
        tracing::Span::current().record("outcome", outcome);
        self.bus.metrics.observe(outcome, started.elapsed());
        result
    }

    async fn store(&self, mut document: pb::SourceDocument) -> anyhow::Result<pb::SubmitReply> {
        document.id = sha256_hex(&document.bytes);
        let span = tracing::Span::current();
        span.record("document.id", document.id.as_str());
        span.record("source", document.name.as_str());
        if document.name.is_empty() {
            document.name = document.id.clone();
        }
        let mut reply = pb::SubmitReply {
            document_id: document.id.clone(),
            ..Default::default()
        };
        let size = document.bytes.len();
        if size > self.limit {
            let reason = format!(
                "the document is too large: {size} bytes (limit {})",
                self.limit
            );
            let mut letter = dead_letter(NAME, &document.id, &document.name, reason.clone());
            letter.size = Some(size as u64);
            self.bus.reject(letter).await?;
            reply.rejected = Some(reason);
            return Ok(reply);
        }
        reply.duplicate = self
            .bus
            .publish(Stage::Ingest, &document.id, &document)
            .await?;
        tracing::debug!(id = %document.id, name = %document.name, size, duplicate = reply.duplicate, "accepted");
        Ok(reply)
    }
}

/// The span of one submitted document: the root of its trace, unless the sender's trace
/// context came with it (then its child).
pub fn submit_span() -> tracing::Span {
    tracing::info_span!(
        "ingest",
        otel.name = NAME,
        otel.kind = "server",
        stage = NAME,
        document.id = tracing::field::Empty,
        source = tracing::field::Empty,
        outcome = tracing::field::Empty,
    )
}

/// Answers one NATS submit request, in its span.
async fn answer(ingest: &Ingest, client: &Client, request: async_nats::Message) {
    let span = submit_span();
    budget_service::telemetry::set_parent(&span, request.headers.as_ref());
    answer_in_span(ingest, client, request)
        .instrument(span)
        .await
}

async fn answer_in_span(ingest: &Ingest, client: &Client, request: async_nats::Message) {
    let reply = match pb::SourceDocument::decode(request.payload.clone()) {
        Ok(document) => ingest.accept(document).await.unwrap_or_else(|e| {
            tracing::warn!(error = format!("{e:#}"), "cannot store a document");
            pb::SubmitReply {
                error: Some(format!("{e:#}")),
                ..Default::default()
            }
        }),
        Err(e) => refuse_undecodable(ingest, e).await,
    };
    let Some(reply_to) = request.reply else {
        return;
    };
    if let Err(e) = client.publish(reply_to, reply.encode_to_vec().into()).await {
        tracing::warn!(error = %e, "cannot answer a submit request");
    }
}

/// A request that is not a `SourceDocument`: a dead letter (no id, so no result) and a refusal.
async fn refuse_undecodable(ingest: &Ingest, error: prost::DecodeError) -> pb::SubmitReply {
    ingest.bus.metrics.documents_in.inc();
    tracing::Span::current().record("outcome", "rejected");
    let reason = format!("not a SourceDocument message: {error}");
    let letter = dead_letter(NAME, "", "", reason.clone());
    if let Err(e) = ingest.bus.reject(letter).await {
        tracing::warn!(error = format!("{e:#}"), "cannot publish a dead letter");
    }
    pb::SubmitReply {
        rejected: Some(reason),
        ..Default::default()
    }
}

/// gRPC `Ingest`.
struct IngestApi(Arc<Ingest>);

#[tonic::async_trait]
impl pb::ingest_server::Ingest for IngestApi {
    async fn submit(
        &self,
        request: Request<pb::SourceDocument>,
    ) -> Result<Response<pb::SubmitReply>, Status> {
        let span = submit_span();
        budget_service::telemetry::set_parent_from_metadata(&span, request.metadata());
        match self.0.accept(request.into_inner()).instrument(span).await {
            Ok(reply) => Ok(Response::new(reply)),
            Err(e) => Err(Status::unavailable(format!("{e:#}"))),
        }
    }
}
