//! `report`: records results. Consumes `budget.reconciled` (durable consumer `report`), keeps
//! the latest result of each document in the results bucket (key = document id), publishes it
//! on `budget.results` (de-duplicated by document id: one result per document), removes the
//! document's bytes from the documents bucket, and serves
//! gRPC `Results`: get one by id, list the most recent, stream them as they arrive; and HTML
//! pages of the results on its HTTP port ([`crate::report_page`]).

use std::pin::Pin;

use async_nats::jetstream::kv::{self, Operation};
use async_nats::jetstream::message::Message;
use budget_proto::pb;
use budget_proto::wire::ResultHead;
use budget_service::bus::dead_letter;
use budget_service::lifecycle::Service;
use budget_service::worker::{Handler, Outcome};
use budget_service::{Bus, ServiceConfig, Stage};
use futures::{Stream, StreamExt};
use prost::Message as _;
use tokio_util::sync::CancellationToken;
use tonic::{Request, Response, Status};

pub const NAME: &str = "report";
pub const GRPC_PORT: u16 = 50054;
/// ListResults without a limit.
const DEFAULT_LIST_LIMIT: usize = 50;
const MAX_LIST_LIMIT: usize = 1000;

pub async fn run(config: ServiceConfig, shutdown: CancellationToken) -> anyhow::Result<()> {
    let settings = (&config).into();
    let mut service = Service::start(NAME, config, shutdown.clone()).await?;
    let bus = &service.bus;
    let bucket = budget_service::topology::results_bucket(&bus.js, &bus.names, &settings).await?;
    let api = ResultsApi {
        bucket: bucket.clone(),
        shutdown,
    };
    let pages = crate::report_page::routes(bucket.clone());
    service
        .serve_with_routes(
            GRPC_PORT,
            |router| router.add_service(pb::results_server::ResultsServer::new(api)),
            Some(pages),
        )
        .await?;
    let handler = Report {
        bus: service.bus.clone(),
        bucket,
    };
    service.consume(Stage::Reconciled, handler).await?;
    service.stop().await;
    Ok(())
}

struct Report {
    bus: Bus,
    bucket: kv::Store,
}

impl Report {
    /// Stores the result (as encoded by reconcile) under its document id, publishes it for
    /// watchers, and removes the document's bytes, which nobody needs any more (left behind,
    /// they expire with the bucket's age limit).
    async fn record(&self, id: &str, result: bytes::Bytes) -> anyhow::Result<()> {
        self.bucket
            .put(id, result.clone())
            .await
            .map_err(|e| anyhow::anyhow!("cannot store the result of {id}: {e}"))?;
        self.bus.publish_encoded(Stage::Results, id, result).await?;
        if let Err(e) = self.bus.documents.remove(id).await {
            tracing::warn!(%id, error = format!("{e:#}"), "cannot remove the document's bytes");
        }
        tracing::debug!(%id, "result recorded");
        Ok(())
    }

    /// A message that is not a usable result: a dead letter and, when its id is known, a failed
    /// result recorded here (it cannot go back through `budget.reconciled`, which already holds
    /// that id).
    async fn refuse(&self, message: &Message, reason: String) -> anyhow::Result<()> {
        let id = crate::document_id(message);
        let letter = dead_letter(NAME, "", "", reason.clone());
        let letter = pb::DeadLetter {
            document_id: id.clone(),
            ..letter
        };
        tracing::warn!(%id, %reason, "dead letter");
        self.bus.metrics.failed(&reason);
        self.bus
            .publish(Stage::DeadLetters, &format!("{NAME}.{id}"), &letter)
            .await?;
        if !id.is_empty() {
            let failed = pb::ReconciliationResult::failed_for(&id, "", reason);
            self.record(&id, failed.encode_to_vec().into()).await?;
        }
        Ok(())
    }
}

impl Handler for Report {
    async fn handle(&self, message: &Message) -> Outcome {
        // Only the id is read: the result is recorded as reconcile encoded it.
        match ResultHead::decode(message.payload.clone()) {
            Ok(head) if !head.document_id.is_empty() => {
                let recorded = self
                    .record(&head.document_id, message.payload.clone())
                    .await;
                Outcome::from_publish(recorded)
            }
            Ok(_) => {
                let reason = "a ReconciliationResult without document id".to_string();
                self.give_up(message, reason).await
            }
            Err(e) => {
                let reason = format!("not a ReconciliationResult message: {e}");
                self.give_up(message, reason).await
            }
        }
    }

    async fn give_up(&self, message: &Message, reason: String) -> Outcome {
        Outcome::from_reject(self.refuse(message, reason).await)
    }
}

/// gRPC `Results`, read from the results bucket.
struct ResultsApi {
    bucket: kv::Store,
    shutdown: CancellationToken,
}

type ResultStream = Pin<Box<dyn Stream<Item = Result<pb::ReconciliationResult, Status>> + Send>>;

#[tonic::async_trait]
impl pb::results_server::Results for ResultsApi {
    async fn get_result(
        &self,
        request: Request<pb::GetResultRequest>,
    ) -> Result<Response<pb::ReconciliationResult>, Status> {
        let id = request.into_inner().document_id;
        let value = self
            .bucket
            .get(&id)
            .await
            .map_err(|e| Status::unavailable(e.to_string()))?
            .ok_or_else(|| Status::not_found(format!("no result for {id:?}")))?;
        let result = pb::ReconciliationResult::decode(value)
            .map_err(|e| Status::data_loss(format!("stored result of {id}: {e}")))?;
        Ok(Response::new(result))
    }

    async fn list_results(
        &self,
        request: Request<pb::ListResultsRequest>,
    ) -> Result<Response<pb::ListResultsResponse>, Status> {
        let limit = match request.into_inner().limit as usize {
            0 => DEFAULT_LIST_LIMIT,
            n => n.min(MAX_LIST_LIMIT),
        };
        let results = recent(&self.bucket, limit)
            .await
            .map_err(|e| Status::unavailable(format!("{e:#}")))?;
        Ok(Response::new(pb::ListResultsResponse { results }))
    }

    type StreamResultsStream = ResultStream;

    async fn stream_results(
        &self,
        _request: Request<pb::StreamResultsRequest>,
    ) -> Result<Response<ResultStream>, Status> {
        let updates = self
            .bucket
            .watch_all()
            .await
            .map_err(|e| Status::unavailable(e.to_string()))?;
        let results = updates
            .take_until(self.shutdown.clone().cancelled_owned())
            .filter_map(|entry| async move {
                match entry {
                    Ok(entry) if entry.operation == Operation::Put => Some(
                        pb::ReconciliationResult::decode(entry.value)
                            .map_err(|e| Status::data_loss(e.to_string())),
                    ),
                    Ok(_) => None,
                    Err(e) => Some(Err(Status::unavailable(e.to_string()))),
                }
            });
        Ok(Response::new(Box::pin(results)))
    }
}

/// The `limit` most recently recorded results, newest first: read backwards through the
/// bucket's stream (one message per document, older values of a key are gone).
pub(crate) async fn recent(
    bucket: &kv::Store,
    limit: usize,
) -> anyhow::Result<Vec<pb::ReconciliationResult>> {
    let mut stream = bucket.stream.clone();
    let state = stream.info().await?.state.clone();
    let mut results = Vec::new();
    let mut sequence = state.last_sequence;
    // Gaps (overwritten keys) are skipped; the bound keeps a sparse stream from costing much.
    let mut attempts = limit * 4 + 64;
    while results.len() < limit && sequence >= state.first_sequence && sequence > 0 && attempts > 0
    {
        attempts -= 1;
        if let Ok(message) = stream.get_raw_message(sequence).await {
            if let Ok(result) = pb::ReconciliationResult::decode(message.payload) {
                if !result.document_id.is_empty() {
                    results.push(result);
                }
            }
        }
        sequence -= 1;
    }
    Ok(results)
}
