//! Prometheus metrics of a service, served as text on `GET /metrics` by [`crate::http`].
//!
//! Each service has a registry of its own (so services running in one process, as in tests,
//! do not mix their counts); every metric carries the constant label `service`. The metrics are
//! documented in README.md ("Services", "Metrics"); keep the two in step.

use std::time::Duration;

use async_nats::jetstream::consumer::PullConsumer;
use prometheus::{
    Encoder, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
    TextEncoder,
};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// The first part of every metric name.
pub const PREFIX: &str = "budget";
/// How often the consumer's pending counts are read from the server.
pub const LAG_POLL_INTERVAL: Duration = Duration::from_secs(5);
/// Bounds of the stage latency histogram, in seconds (a document takes about a millisecond of
/// CPU; a publish waits for the stream's ack).
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The metrics of one service process (cheap to clone: every collector is a shared handle).
#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    /// Documents (messages) taken in: submit requests for ingest, deliveries for the others.
    pub documents_in: IntCounter,
    /// Messages stored by a stream, by the stage they were published to.
    documents_out: IntCounterVec,
    /// Documents given up on (dead letter and failed result), by reason.
    failures: IntCounterVec,
    /// Messages handed back for redelivery after a transient failure.
    pub retries: IntCounter,
    /// Time from taking a document in to its outcome, by outcome.
    duration: HistogramVec,
}

impl Metrics {
    /// The metrics of the service `service`, in a registry of their own.
    pub fn new(service: &str) -> Metrics {
        let labels = [("service".to_string(), service.to_string())].into();
        let registry = Registry::new_custom(Some(PREFIX.to_string()), Some(labels))
            .expect("a valid registry prefix");
        let documents_in = IntCounter::with_opts(Opts::new(
            "documents_in_total",
            "Documents taken in: submit requests (ingest) or deliveries from the durable consumer, redeliveries included.",
        ))
        .expect("a valid metric");
        let documents_out = IntCounterVec::new(
            Opts::new(
                "documents_out_total",
                "Messages this service published and the stream stored, by the stage they went to (duplicates dropped by the stream not counted).",
            ),
            &["stage"],
        )
        .expect("a valid metric");
        let failures = IntCounterVec::new(
            Opts::new(
                "failures_total",
                "Documents given up on (dead letter and failed result), by reason.",
            ),
            &["reason"],
        )
        .expect("a valid metric");
        let retries = IntCounter::with_opts(Opts::new(
            "retries_total",
            "Messages handed back for redelivery after a transient failure.",
        ))
        .expect("a valid metric");
        let duration = HistogramVec::new(
            HistogramOpts::new(
                "stage_duration_seconds",
                "Time from taking a document in to its outcome (published, rejected or retry), in seconds.",
            )
            .buckets(LATENCY_BUCKETS.to_vec()),
            &["outcome"],
        )
        .expect("a valid metric");
        let metrics = Metrics {
            registry,
            documents_in,
            documents_out,
            failures,
            retries,
            duration,
        };
        let collectors: [Box<dyn prometheus::core::Collector>; 5] = [
            Box::new(metrics.documents_in.clone()),
            Box::new(metrics.documents_out.clone()),
            Box::new(metrics.failures.clone()),
            Box::new(metrics.retries.clone()),
            Box::new(metrics.duration.clone()),
        ];
        for collector in collectors {
            // Names are fixed and distinct: registering cannot fail.
            let _ = metrics.registry.register(collector);
        }
        metrics
    }

    /// A message stored by the stream of `stage` (e.g. `parsed`, `dlq`).
    pub fn published(&self, stage: &str) {
        self.documents_out.with_label_values(&[stage]).inc();
    }

    /// A document given up on with `reason` (the dead letter's text, classified).
    pub fn failed(&self, reason: &str) {
        self.failures
            .with_label_values(&[failure_reason(reason)])
            .inc();
    }

    /// How long a document took, by outcome (`ok`, `rejected`, `retry`).
    pub fn observe(&self, outcome: &str, elapsed: Duration) {
        self.duration
            .with_label_values(&[outcome])
            .observe(elapsed.as_secs_f64());
    }

    /// Follows the lag of a durable consumer until `shutdown`: its `num_pending` (messages in
    /// the stream not yet delivered) and `num_ack_pending` (delivered, not yet acknowledged),
    /// read every [`LAG_POLL_INTERVAL`].
    pub fn follow_consumer(
        &self,
        mut consumer: PullConsumer,
        shutdown: CancellationToken,
    ) -> JoinHandle<()> {
        let name = consumer.cached_info().name.clone();
        let gauges = self.consumer_gauges(&name);
        tokio::spawn(async move {
            let Some((pending, ack_pending)) = gauges else {
                return;
            };
            while !shutdown.is_cancelled() {
                match consumer.info().await {
                    Ok(info) => {
                        pending.set(i64::try_from(info.num_pending).unwrap_or(i64::MAX));
                        ack_pending.set(i64::try_from(info.num_ack_pending).unwrap_or(i64::MAX));
                    }
                    Err(e) => tracing::debug!(error = %e, "cannot read the consumer's state"),
                }
                tokio::select! {
                    _ = tokio::time::sleep(LAG_POLL_INTERVAL) => {}
                    _ = shutdown.cancelled() => {}
                }
            }
        })
    }

    fn consumer_gauges(&self, consumer: &str) -> Option<(IntGauge, IntGauge)> {
        let gauge = |name: &str, help: &str| {
            let gauge =
                IntGauge::with_opts(Opts::new(name, help).const_label("consumer", consumer))
                    .ok()?;
            self.registry.register(Box::new(gauge.clone())).ok()?;
            Some(gauge)
        };
        let pending = gauge(
            "consumer_pending_messages",
            "Messages in the stream not yet delivered to the durable consumer (its lag).",
        )?;
        let ack_pending = gauge(
            "consumer_ack_pending_messages",
            "Messages delivered to the durable consumer and not yet acknowledged.",
        )?;
        Some((pending, ack_pending))
    }

    /// Every metric in the Prometheus text format.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        if let Err(e) = TextEncoder::new().encode(&self.registry.gather(), &mut buffer) {
            tracing::warn!(error = %e, "cannot encode the metrics");
        }
        String::from_utf8(buffer).unwrap_or_default()
    }
}

/// A bounded label for the reason a document was given up on (the reason itself is free text).
pub fn failure_reason(reason: &str) -> &'static str {
    let starts = |prefix: &str| reason.starts_with(prefix);
    if starts("not a valid parsed document") {
        "invalid_document"
    } else if starts("not a ") && reason.contains(" message") {
        "undecodable"
    } else if reason.contains("without document id") {
        "no_document_id"
    } else if starts("gave up after") {
        "max_deliveries"
    } else if reason.contains("too large") {
        "too_large"
    } else if reason.contains("binary") {
        "binary"
    } else if reason.contains("is empty") {
        "empty"
    } else if starts("internal error") {
        "panic"
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_become_few_labels() {
        assert_eq!(
            failure_reason("not a SourceDocument message: x"),
            "undecodable"
        );
        assert_eq!(
            failure_reason("not a valid parsed document: missing"),
            "invalid_document"
        );
        assert_eq!(
            failure_reason("gave up after 5 deliveries"),
            "max_deliveries"
        );
        assert_eq!(
            failure_reason("the document is too large: 9 bytes (limit 1)"),
            "too_large"
        );
        assert_eq!(
            failure_reason("the document is not text (binary content)"),
            "binary"
        );
        assert_eq!(failure_reason("the document is empty"), "empty");
        assert_eq!(
            failure_reason("internal error: the checker panicked"),
            "panic"
        );
        assert_eq!(failure_reason("something new"), "other");
    }

    #[test]
    fn rendered_as_prometheus_text() {
        let metrics = Metrics::new("parse");
        metrics.documents_in.inc();
        metrics.published("parsed");
        metrics.failed("the document is empty");
        metrics.observe("ok", Duration::from_millis(3));
        let text = metrics.render();
        // One line per sample; the order of the labels is the registry's.
        let has = |metric: &str, labels: &[&str], value: &str| {
            text.lines().any(|line| {
                line.starts_with(&format!("{metric}{{"))
                    && labels.iter().all(|label| line.contains(label))
                    && line.ends_with(&format!(" {value}"))
            })
        };
        assert!(
            has("budget_documents_in_total", &["service=\"parse\""], "1"),
            "{text}"
        );
        assert!(
            has(
                "budget_documents_out_total",
                &["service=\"parse\"", "stage=\"parsed\""],
                "1"
            ),
            "{text}"
        );
        assert!(
            has(
                "budget_failures_total",
                &["service=\"parse\"", "reason=\"empty\""],
                "1"
            ),
            "{text}"
        );
        assert!(text.contains("# TYPE budget_stage_duration_seconds histogram"));
    }
}
