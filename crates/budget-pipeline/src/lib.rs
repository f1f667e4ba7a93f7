//! The four services of the pipeline, each a thin async shell around one core function:
//!
//! | service | consumes | calls | publishes |
//! |---|---|---|---|
//! | [`ingest`] | `budget.submit` (NATS request) and gRPC `Ingest.Submit` | size limit, SHA-256 id | `budget.ingest` (`SourceDocument`, the raw bytes) |
//! | [`parse`] | `budget.ingest` | `budget_parse::parse` | `budget.parsed` (`ParsedDocument`) |
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

/// Runs a core function (about a millisecond of CPU) on this thread: moving each document to
/// the blocking pool costs more than it saves (allocations freed across threads). On a
/// multi-threaded runtime the other tasks of this worker move elsewhere meanwhile
/// (`block_in_place`), so a slow document cannot stall the connection or gRPC health. A panic
/// in it becomes an error for this one document instead of taking the service down.
fn run_contained<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let contained = || match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(_) => Err("internal error: the checker panicked".into()),
    };
    let flavor = tokio::runtime::Handle::try_current().map(|handle| handle.runtime_flavor());
    match flavor {
        Ok(tokio::runtime::RuntimeFlavor::MultiThread) => tokio::task::block_in_place(contained),
        _ => contained(),
    }
}
