//! `reconcile`: parsed document → findings. Consumes `budget.parsed` (durable consumer
//! `reconcile`), calls `budget_reconcile::reconcile`, publishes the `ReconciliationResult` on
//! `budget.reconciled`. A message that does not convert to the model is dead-lettered with a
//! failed result.

use async_nats::jetstream::message::Message;
use budget_proto::pb;
use budget_proto::wire::{ParsedDocumentView, ResultView};
use budget_service::bus::dead_letter;
use budget_service::lifecycle::Service;
use budget_service::worker::{Handler, Outcome};
use budget_service::{Bus, ServiceConfig, Stage};
use prost::Message as _;
use tokio_util::sync::CancellationToken;

pub const NAME: &str = "reconcile";
pub const GRPC_PORT: u16 = 50053;

pub async fn run(config: ServiceConfig, shutdown: CancellationToken) -> anyhow::Result<()> {
    let mut service = Service::start(NAME, config, shutdown).await?;
    service.serve(GRPC_PORT, |router| router).await?;
    let handler = Reconcile {
        bus: service.bus.clone(),
    };
    service.consume(Stage::Parsed, handler).await?;
    service.stop().await;
    Ok(())
}

/// The core step: the result of a parsed document, or why its message is unusable. The
/// document is decoded to be reconciled, but passed on as it came (not re-encoded).
pub fn reconcile_parsed(parsed: ParsedDocumentView) -> Result<ResultView, String> {
    let document = pb::Document::decode(parsed.document.clone())
        .map_err(|e| format!("not a valid parsed document: {e}"))?;
    let document: budget_model::Document = document
        .try_into()
        .map_err(|e| format!("not a valid parsed document: {e}"))?;
    let findings = budget_reconcile::reconcile(&document);
    let coverage = budget_reconcile::narrative_coverage(&document);
    Ok(ResultView::ok(
        parsed.document_id,
        parsed.source_name,
        parsed.document,
        &findings,
        &coverage,
    ))
}

struct Reconcile {
    bus: Bus,
}

impl Handler for Reconcile {
    async fn handle(&self, message: &Message) -> Outcome {
        let parsed = match ParsedDocumentView::decode(message.payload.clone()) {
            Ok(parsed) => parsed,
            Err(e) => {
                let reason = format!("not a ParsedDocument message: {e}");
                return self.give_up(message, reason).await;
            }
        };
        let (id, name) = (parsed.document_id.clone(), parsed.source_name.clone());
        let result = crate::run_contained(move || {
            reconcile_parsed(parsed).map(|result| result.encode_to_vec())
        });
        match result.await {
            Ok(result) => Outcome::from_publish(
                self.bus
                    .publish_encoded(Stage::Reconciled, &id, result.into())
                    .await,
            ),
            Err(reason) => {
                let letter = dead_letter(NAME, &id, &name, reason);
                Outcome::from_reject(self.bus.reject(letter).await)
            }
        }
    }

    async fn give_up(&self, message: &Message, reason: String) -> Outcome {
        let (id, name) = match ParsedDocumentView::decode(message.payload.clone()) {
            Ok(parsed) => (parsed.document_id, parsed.source_name),
            Err(_) => (crate::document_id(message), String::new()),
        };
        let letter = dead_letter(NAME, &id, &name, reason);
        Outcome::from_reject(self.bus.reject(letter).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parsed_document_without_document_is_a_reason() {
        let parsed = ParsedDocumentView {
            document_id: "abc".into(),
            source_name: "a.txt".into(),
            document: Default::default(),
        };
        let reason = reconcile_parsed(parsed).unwrap_err();
        assert!(reason.contains("missing"), "{reason}");
    }
}
