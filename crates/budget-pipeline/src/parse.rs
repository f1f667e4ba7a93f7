//! `parse`: raw document → parsed document. Consumes `budget.ingest` (durable consumer
//! `parse`), calls `budget_parse::parse`, publishes a `ParsedDocument` on `budget.parsed`.
//! Undecodable or unparsable input is dead-lettered with a failed result.

use async_nats::jetstream::message::Message;
use budget_proto::pb;
use budget_service::bus::dead_letter;
use budget_service::lifecycle::Service;
use budget_service::worker::{Handler, Outcome};
use budget_service::{Bus, ServiceConfig, Stage};
use prost::Message as _;
use tokio_util::sync::CancellationToken;

pub const NAME: &str = "parse";
pub const GRPC_PORT: u16 = 50052;

pub async fn run(config: ServiceConfig, shutdown: CancellationToken) -> anyhow::Result<()> {
    let mut service = Service::start(NAME, config, shutdown).await?;
    service.serve(GRPC_PORT, |router| router).await?;
    let handler = Parse {
        bus: service.bus.clone(),
    };
    service.consume(Stage::Ingest, handler).await?;
    service.stop().await;
    Ok(())
}

/// The core step: the parsed document of a submitted one, or why it cannot be read.
pub fn parse_source(source: &pb::SourceDocument) -> Result<pb::ParsedDocument, String> {
    let document = budget_parse::parse(&source.bytes, &source.name).map_err(|e| e.to_string())?;
    Ok(pb::ParsedDocument {
        document_id: source.id.clone(),
        source_name: source.name.clone(),
        document: Some((&document).into()),
    })
}

struct Parse {
    bus: Bus,
}

impl Handler for Parse {
    async fn handle(&self, message: &Message) -> Outcome {
        let source = match pb::SourceDocument::decode(message.payload.clone()) {
            Ok(source) => source,
            Err(e) => {
                let reason = format!("not a SourceDocument message: {e}");
                return self.give_up(message, reason).await;
            }
        };
        let (id, name) = (source.id.clone(), source.name.clone());
        let parsed = crate::run_contained(move || {
            parse_source(&source).map(|parsed| parsed.encode_to_vec())
        });
        match parsed.await {
            Ok(parsed) => Outcome::from_publish(
                self.bus
                    .publish_encoded(Stage::Parsed, &id, parsed.into())
                    .await,
            ),
            Err(reason) => {
                let letter = dead_letter(NAME, &id, &name, reason);
                Outcome::from_reject(self.bus.reject(letter).await)
            }
        }
    }

    async fn give_up(&self, message: &Message, reason: String) -> Outcome {
        let (id, name) = match pb::SourceDocument::decode(message.payload.clone()) {
            Ok(source) => (source.id, source.name),
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
    fn binary_junk_is_a_reason_not_a_panic() {
        let junk = pb::SourceDocument::new("junk.bin", "", vec![0, 159, 146, 150, 0, 0, 255]);
        let reason = parse_source(&junk).unwrap_err();
        assert!(reason.contains("binary"), "{reason}");
    }

    #[test]
    fn a_table_document_is_parsed_under_its_name() {
        let text = "单位：万元\n| 项目 | 合计 |\n|---|---|\n| 合计 | 1.00 |\n";
        let doc = pb::SourceDocument::new("a.txt", "", text.as_bytes().to_vec());
        let parsed = parse_source(&doc).unwrap();
        assert_eq!(parsed.document_id, doc.id);
        assert_eq!(parsed.source_name, "a.txt");
        assert!(parsed.document.is_some());
    }
}
