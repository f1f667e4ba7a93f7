//! The client side of the pipeline: submit documents to ingest, follow results as the report
//! service records them. `budget-audit publish` / `watch` and the tests use this.

use std::time::Duration;

use anyhow::Context as _;
use async_nats::client::Request;
use async_nats::jetstream::consumer::{pull, DeliverPolicy};
use async_nats::jetstream::{self};
use async_nats::Client;
use budget_proto::{pb, Outcome};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use prost::Message;

use crate::config::Names;
use crate::documents::{self, Documents};
use crate::topology::Stage;

/// Why a document could not be submitted. It was not accepted (bytes already uploaded expire
/// with the bucket); it can be submitted again.
#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("no ingest service answers on {0}")]
    NoIngest(String),
    #[error("cannot store the document: {0}")]
    Store(String),
    #[error("ingest did not answer: {0}")]
    Request(String),
    #[error("ingest answered something else: {0}")]
    BadReply(#[from] prost::DecodeError),
    #[error("ingest could not store it: {0}")]
    Ingest(String),
}

/// Sends one document to ingest and returns ingest's answer: its id, whether it was a
/// duplicate, or why it was refused (then it has a failed result already). A small document
/// travels in the request on `<prefix>.submit`; a larger one (a NATS message holds 1 MiB by
/// default, a document up to 64 MiB) goes into the documents bucket first, and the request
/// carries its reference.
pub async fn submit(
    client: &Client,
    names: &Names,
    document: &pb::SourceDocument,
    timeout: Duration,
) -> Result<pb::SubmitReply, SubmitError> {
    let subject = names.submit_subject();
    let envelope = if !document.parts.is_empty() {
        publication_envelope(client, names, document).await?
    } else if documents::travels_inline(document.bytes.len()) {
        pb::SourceDocument {
            id: budget_proto::sha256_hex(&document.bytes),
            stored: None,
            ..document.clone()
        }
    } else {
        let stored = store(client, names, &document.bytes).await?;
        pb::SourceDocument {
            id: stored.sha256.clone(),
            name: document.name.clone(),
            media_type: document.media_type.clone(),
            bytes: Vec::new(),
            stored: Some(stored),
            parts: Vec::new(),
        }
    };
    let request = Request::new()
        .payload(envelope.encode_to_vec().into())
        .timeout(Some(timeout));
    let reply = client
        .send_request(subject.clone(), request)
        .await
        .map_err(|e| match e.kind() {
            async_nats::RequestErrorKind::NoResponders => SubmitError::NoIngest(subject),
            _ => SubmitError::Request(e.to_string()),
        })?;
    let reply = pb::SubmitReply::decode(reply.payload)?;
    match reply.error {
        Some(error) => Err(SubmitError::Ingest(error)),
        None => Ok(reply),
    }
}

/// Puts bytes into the documents bucket.
async fn store(
    client: &Client,
    names: &Names,
    bytes: &[u8],
) -> Result<pb::StoredDocument, SubmitError> {
    // The services create the bucket at start-up: without it, no ingest ever ran here.
    let js = jetstream::new(client.clone());
    let documents = Documents::open(&js, names)
        .await
        .ok_or_else(|| SubmitError::NoIngest(names.submit_subject()))?;
    documents
        .put(bytes)
        .await
        .map_err(|e| SubmitError::Store(format!("{e:#}")))
}

/// A publication's envelope: each part inline when small, else stored in the documents bucket
/// and referenced; the id from the parts' ids.
async fn publication_envelope(
    client: &Client,
    names: &Names,
    document: &pb::SourceDocument,
) -> Result<pb::SourceDocument, SubmitError> {
    let mut parts = Vec::new();
    for part in &document.parts {
        let part = if documents::travels_inline(part.bytes.len()) {
            pb::SourcePart {
                stored: None,
                ..part.clone()
            }
        } else {
            pb::SourcePart {
                name: part.name.clone(),
                bytes: Vec::new(),
                stored: Some(store(client, names, &part.bytes).await?),
            }
        };
        parts.push(part);
    }
    Ok(pb::SourceDocument {
        id: budget_proto::publication_id(&parts),
        name: document.name.clone(),
        media_type: document.media_type.clone(),
        bytes: Vec::new(),
        stored: None,
        parts,
    })
}

/// Where a watch starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Only results recorded from now on.
    Now,
    /// Every result the results stream still holds, then new ones.
    Start,
}

/// The results as the report service records them, in order, each once (the results stream is
/// de-duplicated by document id).
pub async fn results(
    client: &Client,
    names: &Names,
    since: Since,
) -> anyhow::Result<impl Stream<Item = anyhow::Result<pb::ReconciliationResult>>> {
    let payloads = result_payloads(client, names, since).await?;
    Ok(payloads.map(|payload| {
        pb::ReconciliationResult::decode(payload?)
            .context("a result that is not a ReconciliationResult")
    }))
}

/// [`results`], still encoded.
pub async fn result_payloads(
    client: &Client,
    names: &Names,
    since: Since,
) -> anyhow::Result<impl Stream<Item = anyhow::Result<Bytes>>> {
    let js = jetstream::new(client.clone());
    let stream_name = names.stream(Stage::Results);
    let stream = js
        .get_stream(&stream_name)
        .await
        .with_context(|| format!("no stream {stream_name}: is the report service running?"))?;
    let deliver_policy = match since {
        Since::Now => DeliverPolicy::New,
        Since::Start => DeliverPolicy::All,
    };
    let consumer = stream
        .create_consumer(pull::OrderedConfig {
            deliver_policy,
            ..Default::default()
        })
        .await
        .context("cannot follow the results")?;
    let messages = consumer
        .messages()
        .await
        .context("cannot follow the results")?;
    Ok(messages.map(|message| Ok(message.context("lost the results stream")?.payload.clone())))
}

/// The report of a result, as `budget-audit check` would print it for the submitted file, or
/// the reason it failed.
pub fn report_of(result: pb::ReconciliationResult) -> Result<budget_model::Reconciliation, String> {
    let source = result.source_name.clone();
    match result.outcome() {
        Ok(Outcome::Ok(mut reconciliation)) => {
            reconciliation.document.facts.source = source;
            Ok(*reconciliation)
        }
        Ok(Outcome::Failed(reason)) => Err(reason),
        Err(e) => Err(format!("unreadable result: {e}")),
    }
}
