//! The subjects, streams and bucket of the pipeline (README.md, "Services"), created idempotently
//! by every service at start-up, so the services can start in any order.
//!
//! ```text
//! <prefix>.submit      core NATS request/reply, queue group "ingest"    SourceDocument -> SubmitReply
//! <prefix>.ingest      stream <PREFIX>_INGEST      (limits)    SourceDocument (bytes/ref)  -> parse
//! <prefix>.parsed      stream <PREFIX>_PARSED      (work queue) ParsedDocument              -> reconcile
//! <prefix>.reconciled  stream <PREFIX>_RECONCILED  (work queue) ReconciliationResult        -> report
//! <prefix>.results     stream <PREFIX>_RESULTS     (limits)    ReconciliationResult         -> watchers
//! <prefix>.dlq         stream <PREFIX>_DLQ         (limits)    DeadLetter
//! bucket <results_bucket>: document id -> latest ReconciliationResult
//! object store <documents_bucket>: document id -> the document's bytes (until its result)
//! ```
//!
//! Every message is published with its document id as JetStream message id (`Nats-Msg-Id`), so
//! the stream drops a second copy within the duplicate window.

use std::time::Duration;

use anyhow::Context as _;
use async_nats::jetstream::consumer::{pull, AckPolicy, PullConsumer};
use async_nats::jetstream::stream::{self, DiscardPolicy, RetentionPolicy, StorageType};
use async_nats::jetstream::{kv, Context};

use crate::config::{HandOverStorage, Names, ServiceConfig};
use crate::documents::Documents;

/// A stream of the pipeline, named after what its messages are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Accepted documents (`SourceDocument`): their bytes, or a reference into the documents
    /// bucket.
    Ingest,
    /// Parsed documents (`ParsedDocument`).
    Parsed,
    /// Final outcomes, ok or failed (`ReconciliationResult`), for the report service.
    Reconciled,
    /// Results as the report service recorded them (`ReconciliationResult`), for watchers.
    Results,
    /// Documents a stage could not handle (`DeadLetter`).
    DeadLetters,
}

impl Stage {
    pub const ALL: [Stage; 5] = [
        Stage::Ingest,
        Stage::Parsed,
        Stage::Reconciled,
        Stage::Results,
        Stage::DeadLetters,
    ];

    /// The last token of the subject (`ingest`, `parsed`, `reconciled`, `results`, `dlq`).
    pub fn token(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Parsed => "parsed",
            Stage::Reconciled => "reconciled",
            Stage::Results => "results",
            Stage::DeadLetters => "dlq",
        }
    }

    /// Hand-over streams between two services only need a message until it is acked; what
    /// people may want to look at again (documents, results, dead letters) is kept.
    fn retention(self) -> RetentionPolicy {
        match self {
            Stage::Parsed | Stage::Reconciled => RetentionPolicy::WorkQueue,
            Stage::Ingest | Stage::Results | Stage::DeadLetters => RetentionPolicy::Limits,
        }
    }
}

impl Names {
    /// The subject of a stage: `budget.parsed`.
    pub fn subject(&self, stage: Stage) -> String {
        format!("{}.{}", self.subject_prefix, stage.token())
    }

    /// The stream of a stage: `BUDGET_PARSED`.
    pub fn stream(&self, stage: Stage) -> String {
        format!("{}_{}", self.stream_prefix, stage.token().to_uppercase())
    }

    /// The core NATS subject ingest answers submissions on: `budget.submit`.
    pub fn submit_subject(&self) -> String {
        format!("{}.submit", self.subject_prefix)
    }
}

/// How streams are created.
#[derive(Debug, Clone, Copy)]
pub struct StreamSettings {
    pub replicas: usize,
    pub dedup_window: Duration,
    /// Zero keeps messages forever.
    pub max_age: Duration,
    pub handover_storage: HandOverStorage,
}

impl From<&ServiceConfig> for StreamSettings {
    fn from(config: &ServiceConfig) -> Self {
        StreamSettings {
            replicas: config.stream_replicas.max(1),
            dedup_window: config.dedup_window,
            max_age: config.max_age,
            handover_storage: config.handover_storage,
        }
    }
}

impl StreamSettings {
    /// The duplicate window may not exceed the age limit.
    fn effective_dedup_window(&self) -> Duration {
        if self.max_age.is_zero() {
            self.dedup_window
        } else {
            self.dedup_window.min(self.max_age)
        }
    }
}

/// The configuration of one stream.
pub fn stream_config(names: &Names, stage: Stage, settings: &StreamSettings) -> stream::Config {
    let max_age = match stage.retention() {
        RetentionPolicy::WorkQueue => Duration::ZERO,
        _ => settings.max_age,
    };
    stream::Config {
        name: names.stream(stage),
        subjects: vec![names.subject(stage)],
        retention: stage.retention(),
        storage: storage(stage, settings),
        discard: DiscardPolicy::Old,
        num_replicas: settings.replicas,
        duplicate_window: settings.effective_dedup_window(),
        max_age,
        ..Default::default()
    }
}

/// Hand-over streams as configured; everything people may come back to on file.
fn storage(stage: Stage, settings: &StreamSettings) -> StorageType {
    match (stage.retention(), settings.handover_storage) {
        (RetentionPolicy::WorkQueue, HandOverStorage::Memory) => StorageType::Memory,
        _ => StorageType::File,
    }
}

/// Creates every stream, the results bucket and the documents bucket that do not exist yet,
/// and opens the documents bucket. Existing ones are left as they are (an operator may have
/// tuned them).
pub async fn ensure(
    js: &Context,
    names: &Names,
    settings: &StreamSettings,
) -> anyhow::Result<Documents> {
    for stage in Stage::ALL {
        let config = stream_config(names, stage, settings);
        get_or_create_stream(js, config)
            .await
            .with_context(|| format!("cannot create stream {}", names.stream(stage)))?;
    }
    results_bucket(js, names, settings).await?;
    Documents::ensure(js, names, settings).await
}

/// Opens the stream `config` names, creating it when missing. Services start together, so
/// another one may create the stream between our lookup and our create; the server then
/// refuses ours ("subjects overlap", "name already in use") and the stream it made is the one
/// to open.
async fn get_or_create_stream(js: &Context, config: stream::Config) -> anyhow::Result<()> {
    let name = config.name.clone();
    match js.get_or_create_stream(config).await {
        Ok(_) => Ok(()),
        Err(create_error) => match js.get_stream(&name).await {
            Ok(_) => Ok(()),
            Err(_) => Err(create_error.into()),
        },
    }
}

/// The results bucket, created when missing: one key per document id, the latest value only.
///
/// The bucket's stream is created here with the configuration a key-value bucket has
/// (`KV_<bucket>`, subjects `$KV.<bucket>.>`), because the client's own `create_key_value`
/// first asks for account information in a form nats-server 2.9 does not answer.
pub async fn results_bucket(
    js: &Context,
    names: &Names,
    settings: &StreamSettings,
) -> anyhow::Result<kv::Store> {
    let bucket = &names.results_bucket;
    if let Ok(store) = js.get_key_value(bucket).await {
        return Ok(store);
    }
    get_or_create_stream(js, bucket_stream_config(bucket, settings))
        .await
        .with_context(|| format!("cannot create bucket {bucket}"))?;
    js.get_key_value(bucket)
        .await
        .with_context(|| format!("cannot open bucket {bucket}"))
}

fn bucket_stream_config(bucket: &str, settings: &StreamSettings) -> stream::Config {
    stream::Config {
        name: format!("KV_{bucket}"),
        description: Some("latest ReconciliationResult of each document id".into()),
        subjects: vec![format!("$KV.{bucket}.>")],
        max_messages_per_subject: 1,
        max_age: settings.max_age,
        storage: StorageType::File,
        allow_rollup: true,
        deny_delete: true,
        allow_direct: true,
        num_replicas: settings.replicas,
        discard: DiscardPolicy::New,
        ..Default::default()
    }
}

/// The durable pull consumer `durable` on a stage's stream, shared by every replica of a
/// service: the server hands each message to one of them.
pub async fn durable_consumer(
    js: &Context,
    names: &Names,
    stage: Stage,
    durable: &str,
    ack_wait: Duration,
) -> anyhow::Result<PullConsumer> {
    let stream_name = names.stream(stage);
    let stream = js
        .get_stream(&stream_name)
        .await
        .with_context(|| format!("no stream {stream_name}"))?;
    let config = pull::Config {
        durable_name: Some(durable.to_string()),
        description: Some(format!("the {durable} service")),
        ack_policy: AckPolicy::Explicit,
        ack_wait,
        max_ack_pending: 10_000,
        ..Default::default()
    };
    stream
        .get_or_create_consumer(durable, config)
        .await
        .with_context(|| format!("cannot create consumer {durable} on {stream_name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_prefixes() {
        let names = Names::default();
        assert_eq!(names.subject(Stage::Parsed), "budget.parsed");
        assert_eq!(names.stream(Stage::DeadLetters), "BUDGET_DLQ");
        assert_eq!(names.submit_subject(), "budget.submit");
        let other = Names {
            subject_prefix: "t1.budget".into(),
            stream_prefix: "T1".into(),
            results_bucket: "t1-results".into(),
            documents_bucket: "t1-documents".into(),
        };
        assert_eq!(other.subject(Stage::Ingest), "t1.budget.ingest");
        assert_eq!(other.stream(Stage::Reconciled), "T1_RECONCILED");
    }

    #[test]
    fn hand_over_streams_are_work_queues() {
        let settings = StreamSettings {
            replicas: 1,
            dedup_window: Duration::from_secs(600),
            max_age: Duration::from_secs(60),
            handover_storage: HandOverStorage::File,
        };
        let parsed = stream_config(&Names::default(), Stage::Parsed, &settings);
        assert_eq!(parsed.retention, RetentionPolicy::WorkQueue);
        assert_eq!(parsed.duplicate_window, Duration::from_secs(60));
        assert_eq!(parsed.storage, StorageType::File);
        let results = stream_config(&Names::default(), Stage::Results, &settings);
        assert_eq!(results.retention, RetentionPolicy::Limits);
        assert_eq!(results.max_age, Duration::from_secs(60));
    }

    #[test]
    fn only_hand_over_streams_may_live_in_memory() {
        let settings = StreamSettings {
            replicas: 1,
            dedup_window: Duration::from_secs(600),
            max_age: Duration::ZERO,
            handover_storage: HandOverStorage::Memory,
        };
        let storage_of = |stage| stream_config(&Names::default(), stage, &settings).storage;
        assert_eq!(storage_of(Stage::Parsed), StorageType::Memory);
        assert_eq!(storage_of(Stage::Reconciled), StorageType::Memory);
        for stage in [Stage::Ingest, Stage::Results, Stage::DeadLetters] {
            assert_eq!(storage_of(stage), StorageType::File, "{stage:?}");
        }
    }
}
