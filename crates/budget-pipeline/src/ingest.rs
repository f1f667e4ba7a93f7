//! `ingest`: accepts documents. Answers NATS requests on `budget.submit` (queue group
//! `ingest`, so replicas share them) and gRPC `Ingest.Submit`; gives each document its id (the
//! SHA-256 of its bytes), enforces the size limit and stores the document in the `BUDGET_INGEST`
//! stream under its id before answering: a small one with its bytes, a larger one with a
//! reference to its bytes in the documents bucket. A NATS submission of a larger document
//! carries the reference (the client uploaded the bytes, see
//! `budget_service::client::submit`); a gRPC one carries the bytes, stored here. A document
//! over the limit is not passed on: it gets a dead letter and a failed result.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use async_nats::jetstream::kv;
use async_nats::Client;
use budget_proto::{pb, sha256_hex};
use budget_service::bus::dead_letter;
use budget_service::documents;
use budget_service::lifecycle::Service;
use budget_service::{topology, Bus, ServiceConfig, Stage};
use futures::StreamExt;
use prost::Message as _;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};
use tracing::Instrument as _;

pub const NAME: &str = "ingest";
pub const GRPC_PORT: u16 = 50051;
/// The queue group of the submit subject.
pub const QUEUE_GROUP: &str = "ingest";
/// Room in a gRPC request for the envelope around the document's bytes.
const ENVELOPE_ROOM: usize = 64 * 1024;

pub async fn run(config: ServiceConfig, shutdown: CancellationToken) -> anyhow::Result<()> {
    let settings = (&config).into();
    let mut service = Service::start(NAME, config, shutdown).await?;
    let bus = &service.bus;
    let results = topology::results_bucket(&bus.js, &bus.names, &settings).await?;
    let ingest = Arc::new(Ingest::new(service.bus.clone(), results, &service.config));
    let api = pb::ingest_server::IngestServer::new(IngestApi(ingest.clone()))
        .max_decoding_message_size(ingest.limit + ENVELOPE_ROOM);
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
    /// The results bucket: a document submitted again after its result needs no bytes kept.
    results: kv::Store,
    /// The largest document accepted, in bytes.
    pub limit: usize,
}

impl Ingest {
    fn new(bus: Bus, results: kv::Store, config: &ServiceConfig) -> Ingest {
        let limit = config.max_document_bytes.min(budget_input::MAX_INPUT_BYTES);
        Ingest {
            bus,
            results,
            limit,
        }
    }

    /// Stores the document (or rejects it) and says what happened. An `Err` is a transient
    /// failure: nothing was passed on. Counted in the metrics; the id and the outcome are
    /// recorded on the current span (see [`submit_span`]).
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
        if !document.parts.is_empty() {
            return self.store_publication(document).await;
        }
        let bytes = std::mem::take(&mut document.bytes);
        let claimed = document.stored.take();
        document.id = match &claimed {
            Some(reference) => reference.sha256.clone(),
            None => sha256_hex(&bytes),
        };
        let span = tracing::Span::current();
        span.record("document.id", document.id.as_str());
        span.record("source", document.name.as_str());
        if document.name.is_empty() {
            document.name = document.id.clone();
        }
        let size = match &claimed {
            Some(reference) => self.stored_size(reference).await,
            None => Ok(bytes.len() as u64),
        };
        match size {
            Ok(size) if size > self.limit as u64 => {
                let reason = format!(
                    "the document is too large: {size} bytes (limit {})",
                    self.limit
                );
                return self.refuse(&document, reason, Some(size)).await;
            }
            Ok(_) => {}
            Err(Refusal::Transient(e)) => return Err(e),
            // Not the document's fault: its id gets no failed result, which would stand for
            // the real bytes submitted later.
            Err(Refusal::Bad(reason)) => {
                document.id.clear();
                return self.refuse(&document, reason, None).await;
            }
        }
        match claimed {
            Some(reference) => document.stored = Some(reference),
            None if documents::travels_inline(bytes.len()) => document.bytes = bytes,
            None => document.stored = Some(self.bus.documents.put(&bytes).await?),
        }
        self.pass_on(document).await
    }

    /// Puts the accepted document on the ingest stream and answers.
    async fn pass_on(&self, document: pb::SourceDocument) -> anyhow::Result<pb::SubmitReply> {
        let duplicate = self
            .bus
            .publish(Stage::Ingest, &document.id, &document)
            .await?;
        if duplicate && document.stored.is_some() {
            self.forget_if_checked(&document.id).await;
        }
        tracing::debug!(id = %document.id, name = %document.name, duplicate, "accepted");
        Ok(pb::SubmitReply {
            document_id: document.id,
            duplicate,
            ..Default::default()
        })
    }

    /// A publication of several files: its id from its parts' ids, the size limit on all of
    /// them together, each part inline while the message stays small, else in the documents
    /// bucket under its own id. A part's bytes stay in the bucket until it expires.
    async fn store_publication(
        &self,
        mut document: pb::SourceDocument,
    ) -> anyhow::Result<pb::SubmitReply> {
        document.bytes.clear();
        document.stored = None;
        let mut total = 0;
        for part in &document.parts {
            total += match &part.stored {
                Some(reference) => match self.stored_size(reference).await {
                    Ok(size) => size,
                    Err(Refusal::Transient(e)) => return Err(e),
                    Err(Refusal::Bad(reason)) => {
                        let reason = format!("{}: {reason}", part.name);
                        return self.refuse(&document, reason, None).await;
                    }
                },
                None => part.bytes.len() as u64,
            };
        }
        document.id = budget_proto::publication_id(&document.parts);
        let span = tracing::Span::current();
        span.record("document.id", document.id.as_str());
        span.record("source", document.name.as_str());
        if document.name.is_empty() {
            let names: Vec<&str> = document.parts.iter().map(|p| p.name.as_str()).collect();
            document.name = names.join(" + ");
        }
        if total > self.limit as u64 {
            let reason = format!(
                "the publication is too large: {total} bytes (limit {})",
                self.limit
            );
            return self.refuse(&document, reason, Some(total)).await;
        }
        let mut inline = 0;
        for part in &mut document.parts {
            if part.stored.is_some() {
                continue;
            }
            inline += part.bytes.len();
            if !documents::travels_inline(inline) {
                part.stored = Some(self.bus.documents.put(&part.bytes).await?);
                inline -= part.bytes.len();
                part.bytes.clear();
            }
        }
        self.pass_on(document).await
    }

    /// The size of the bytes a submission's reference names, as the bucket holds them.
    async fn stored_size(&self, reference: &pb::StoredDocument) -> Result<u64, Refusal> {
        if !is_document_id(&reference.sha256) || reference.object != reference.sha256 {
            return Err(Refusal::Bad(format!(
                "not a document reference: {:?}",
                reference.object
            )));
        }
        let info = self
            .bus
            .documents
            .info(&reference.object)
            .await
            .map_err(Refusal::Transient)?;
        match info {
            Some(info) if info.size as u64 == reference.size => Ok(reference.size),
            Some(info) => Err(Refusal::Bad(format!(
                "the stored document has {} bytes, the submission says {}",
                info.size, reference.size
            ))),
            None => Err(Refusal::Bad(format!(
                "the document is not in bucket {}: store its bytes first",
                self.bus.documents.bucket()
            ))),
        }
    }

    /// A dead letter and a failed result (a document without an id gets no result).
    async fn refuse(
        &self,
        document: &pb::SourceDocument,
        reason: String,
        size: Option<u64>,
    ) -> anyhow::Result<pb::SubmitReply> {
        let mut letter = dead_letter(NAME, &document.id, &document.name, reason.clone());
        letter.size = size;
        self.bus.reject(letter).await?;
        Ok(pb::SubmitReply {
            document_id: document.id.clone(),
            rejected: Some(reason),
            ..Default::default()
        })
    }

    /// A document submitted again within the duplicate window is not processed again; if its
    /// result is already recorded, the bytes just stored for it are not needed.
    async fn forget_if_checked(&self, id: &str) {
        match self.results.get(id).await {
            Ok(Some(_)) => {
                if let Err(e) = self.bus.documents.remove(id).await {
                    tracing::warn!(
                        error = format!("{e:#}"),
                        "cannot remove a duplicate's bytes"
                    );
                }
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "cannot look up a duplicate's result"),
        }
    }
}

/// Why a submission's reference is not taken.
enum Refusal {
    /// NATS could not be asked: try again.
    Transient(anyhow::Error),
    /// The reference is wrong: refuse the document.
    Bad(String),
}

/// A document id: the lowercase hex SHA-256 of its bytes.
fn is_document_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_ids_are_sha256_in_lowercase_hex() {
        assert!(is_document_id(&sha256_hex(b"abc")));
        assert!(!is_document_id(&sha256_hex(b"abc").to_uppercase()));
        assert!(!is_document_id("abc"));
        assert!(!is_document_id(&format!("{}.x", &sha256_hex(b"")[..62])));
    }
}
