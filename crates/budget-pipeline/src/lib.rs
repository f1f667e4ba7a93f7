//! The four services of the pipeline, each a thin async shell around one core function:
//!
//! | service | consumes | calls | publishes |
//! |---|---|---|---|
//! | [`ingest`] | `budget.submit` (NATS request) and gRPC `Ingest.Submit` | size limit, SHA-256 id, bytes into the documents bucket | `budget.ingest` (`SourceDocument`: its bytes, or a reference to them) |
//! | [`parse`] | `budget.ingest` | `budget_input::convert`, `budget_parse::parse_text` | `budget.parsed` (`ParsedDocument`) |
//! | [`reconcile`] | `budget.parsed` | `budget_reconcile::reconcile` | `budget.reconciled` (`ReconciliationResult`) |
//! | [`report`] | `budget.reconciled` | the results bucket | `budget.results`; gRPC `Results`; HTML pages ([`report_page`]) |
//!
//! A document any stage cannot handle gets a dead letter on `budget.dlq` and a result marked
//! failed (`Bus::reject`). Everything they share (configuration, connection, consumer loop,
//! health, shutdown) is in `budget-service`; the binaries in `src/bin` only call `run`.

pub mod ingest;
pub mod parse;
pub mod reconcile;
pub mod report;
pub mod report_page;

use async_nats::jetstream::message::Message;
use budget_service::bus::document_id_of;

/// The document id a message was published under, or empty.
fn document_id(message: &Message) -> String {
    document_id_of(message.headers.as_ref()).unwrap_or_default()
}

/// Runs a core function (about a millisecond of CPU) on the compute pool: a few long-lived
/// threads, one per core, so that the runtime's workers stay free for the connection and gRPC
/// health even while a slow document is read, and the allocator and the regex caches of those
/// threads stay warm (moving each document to a fresh blocking thread costs more than the work).
/// The work should end with the encoded output, so that only bytes cross back. A panic in it
/// becomes an error for this one document instead of taking the service down.
async fn run_contained<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    let (done, result) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let outcome = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
            Ok(outcome) => outcome,
            Err(_) => Err("internal error: the checker panicked".into()),
        };
        // The receiver is gone only when the service stops: nothing to tell.
        let _ = done.send(outcome);
    });
    result
        .await
        .unwrap_or_else(|_| Err("internal error: the compute pool stopped".into()))
}
