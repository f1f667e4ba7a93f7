//! `parse`: submitted document → parsed document. Consumes `budget.ingest` (durable consumer
//! `parse`), takes the document's bytes from the message or, for a larger one, from the
//! documents bucket (checking their SHA-256 either way),
//! converts them to text as `budget-audit check` does (`budget_input::readings`: any format,
//! PDF through `pdftotext` as spaced text and as word boxes), parses each reading with
//! `budget_parse::parse_text`, keeps the one its own sums corroborate best
//! (`budget_reconcile::most_plausible`) and publishes a `ParsedDocument`
//! on `budget.parsed`. Unreadable input is dead-lettered with a failed result.

use async_nats::jetstream::kv;
use async_nats::jetstream::message::Message;
use budget_proto::pb;
use budget_service::bus::dead_letter;
use budget_service::documents::FetchError;
use budget_service::lifecycle::Service;
use budget_service::worker::{Handler, Outcome};
use budget_service::{topology, Bus, ServiceConfig, Stage};
use prost::Message as _;
use tokio_util::sync::CancellationToken;

pub const NAME: &str = "parse";
pub const GRPC_PORT: u16 = 50052;

pub async fn run(config: ServiceConfig, shutdown: CancellationToken) -> anyhow::Result<()> {
    let settings = (&config).into();
    let mut service = Service::start(NAME, config, shutdown).await?;
    service.serve(GRPC_PORT, |router| router).await?;
    let bus = &service.bus;
    let results = topology::results_bucket(&bus.js, &bus.names, &settings).await?;
    let handler = Parse {
        bus: service.bus.clone(),
        results,
    };
    service.consume(Stage::Ingest, handler).await?;
    service.stop().await;
    Ok(())
}

/// The core step: the parsed document of a submitted document's bytes, or why they cannot be
/// read. The same conversion and parser as `budget-audit check`.
pub fn parse_bytes(id: &str, name: &str, bytes: &[u8]) -> Result<pb::ParsedDocument, String> {
    let document = budget_reconcile::read_document(bytes, name)?;
    Ok(pb::ParsedDocument {
        document_id: id.to_string(),
        source_name: name.to_string(),
        document: Some((&document).into()),
    })
}

struct Parse {
    bus: Bus,
    /// The results bucket: a redelivered document whose bytes are gone may be done already.
    results: kv::Store,
}

impl Parse {
    /// The document's bytes: from the bucket, checked against the reference; or inline in
    /// the message (a small document), checked against the id.
    async fn bytes_of(&self, source: pb::SourceDocument) -> Result<Vec<u8>, FetchError> {
        match &source.stored {
            Some(reference) if reference.sha256 != source.id => Err(FetchError::Mismatch(format!(
                "stored as {}",
                reference.sha256
            ))),
            Some(reference) => self.bus.documents.fetch(reference).await,
            None if source.id_matches() => Ok(source.bytes),
            None => Err(FetchError::Mismatch("its bytes are not its id".into())),
        }
    }

    /// The bytes of a document are removed once its result is recorded: a message delivered
    /// again after that (the ack was lost) is done.
    async fn missing(&self, id: &str, name: &str) -> Outcome {
        match self.results.get(id).await {
            Ok(Some(_)) => {
                tracing::debug!(%id, "already has a result");
                Outcome::Done
            }
            Ok(None) => self.reject(id, name, FetchError::Missing.to_string()).await,
            Err(e) => Outcome::Retry(format!("cannot look up the result of {id}: {e}")),
        }
    }

    async fn reject(&self, id: &str, name: &str, reason: String) -> Outcome {
        let letter = dead_letter(NAME, id, name, reason);
        Outcome::from_reject(self.bus.reject(letter).await)
    }
}

impl Parse {
    /// A publication of several files: each part's bytes (inline, or from the bucket), read as
    /// one document (`budget_reconcile::read_publication`).
    async fn handle_publication(&self, source: pb::SourceDocument) -> Outcome {
        let (id, name) = (source.id.clone(), source.name.clone());
        if !source.id_matches() {
            let reason = FetchError::Mismatch("its parts are not its id".into());
            return self.reject(&id, &name, reason.to_string()).await;
        }
        let mut files = Vec::new();
        for part in source.parts {
            let bytes = match &part.stored {
                Some(reference) => match self.bus.documents.fetch(reference).await {
                    Ok(bytes) => bytes,
                    Err(FetchError::Missing) => return self.missing(&id, &name).await,
                    Err(FetchError::Unavailable(reason)) => return Outcome::Retry(reason),
                    Err(e) => return self.reject(&id, &name, e.to_string()).await,
                },
                None => part.bytes,
            };
            files.push((part.name, bytes));
        }
        self.parse_and_pass_on(id, name, move |id, name| {
            parse_publication(id, name, &files)
        })
        .await
    }

    /// Parses on the compute pool (a PDF's pdftotext is CPU work like parsing) and publishes the
    /// parsed document, or dead-letters the reason it cannot be read.
    async fn parse_and_pass_on(
        &self,
        id: String,
        name: String,
        parse: impl FnOnce(&str, &str) -> Result<pb::ParsedDocument, String> + Send + 'static,
    ) -> Outcome {
        let parsed = {
            let (id, name) = (id.clone(), name.clone());
            crate::run_contained(move || parse(&id, &name).map(|parsed| parsed.encode_to_vec()))
        };
        match parsed.await {
            Ok(parsed) => Outcome::from_publish(
                self.bus
                    .publish_encoded(Stage::Parsed, &id, parsed.into())
                    .await,
            ),
            Err(reason) => self.reject(&id, &name, reason).await,
        }
    }
}

/// [`parse_bytes`] for a publication of several files (name and bytes each), read as one.
pub fn parse_publication(
    id: &str,
    name: &str,
    files: &[(String, Vec<u8>)],
) -> Result<pb::ParsedDocument, String> {
    let parts: Vec<(&[u8], &str)> = files
        .iter()
        .map(|(n, b)| (b.as_slice(), n.as_str()))
        .collect();
    let document = budget_reconcile::read_publication(&parts, name)?;
    Ok(pb::ParsedDocument {
        document_id: id.to_string(),
        source_name: name.to_string(),
        document: Some((&document).into()),
    })
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
        if !source.parts.is_empty() {
            return self.handle_publication(source).await;
        }
        let bytes = match self.bytes_of(source).await {
            Ok(bytes) => bytes,
            Err(FetchError::Missing) => return self.missing(&id, &name).await,
            Err(FetchError::Unavailable(reason)) => return Outcome::Retry(reason),
            Err(mismatch) => return self.reject(&id, &name, mismatch.to_string()).await,
        };
        self.parse_and_pass_on(id, name, move |id, name| parse_bytes(id, name, &bytes))
            .await
    }

    async fn give_up(&self, message: &Message, reason: String) -> Outcome {
        let (id, name) = match pb::SourceDocument::decode(message.payload.clone()) {
            Ok(source) => (source.id, source.name),
            Err(_) => (crate::document_id(message), String::new()),
        };
        self.reject(&id, &name, reason).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_junk_is_a_reason_not_a_panic() {
        let reason = parse_bytes("id", "junk.bin", &[0, 159, 146, 150, 0, 0, 255]).unwrap_err();
        assert!(reason.contains("binary"), "{reason}");
    }

    #[test]
    fn a_table_document_is_parsed_under_its_name() {
        let text = "单位：万元\n| 项目 | 合计 |\n|---|---|\n| 合计 | 1.00 |\n";
        let parsed = parse_bytes("id", "a.txt", text.as_bytes()).unwrap();
        assert_eq!(parsed.document_id, "id");
        assert_eq!(parsed.source_name, "a.txt");
        assert!(parsed.document.is_some());
    }
}
