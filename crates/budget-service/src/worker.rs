//! The consumer loop of parse, reconcile and report: pull messages from a durable consumer, hand
//! each to the service's [`Handler`], ack it once the handler has published its output, nak it
//! when the handler asks for a retry.
//!
//! Delivery guarantees come from JetStream: a message that is never acked (the process died) is
//! redelivered after the ack wait, to this or another replica; outputs are de-duplicated by
//! document id, so the retry does not double anything. On shutdown the loop stops taking
//! messages, lets in-flight ones finish, and naks those already delivered to it, so another
//! replica takes them at once.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_nats::jetstream::consumer::pull::Stream as Messages;
use async_nats::jetstream::consumer::PullConsumer;
use async_nats::jetstream::message::Message;
use async_nats::jetstream::AckKind;
use futures::StreamExt;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;
use tracing::Instrument as _;

use crate::config::ServiceConfig;
use crate::metrics::Metrics;

/// What to do with a message once it was handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The output is published: ack.
    Done,
    /// The document was given up on (dead letter and failed result published): ack.
    Rejected,
    /// A transient failure (e.g. the output could not be published): nak, to be redelivered.
    Retry(String),
}

impl Outcome {
    /// Done when the output was published, a retry when it could not be.
    pub fn from_publish<T>(published: anyhow::Result<T>) -> Outcome {
        match published {
            Ok(_) => Outcome::Done,
            Err(e) => Outcome::Retry(format!("{e:#}")),
        }
    }

    /// Rejected when the dead letter and the failed result were published, a retry when they
    /// could not be.
    pub fn from_reject<T>(published: anyhow::Result<T>) -> Outcome {
        match published {
            Ok(_) => Outcome::Rejected,
            Err(e) => Outcome::Retry(format!("{e:#}")),
        }
    }

    /// The outcome as a metric label and span attribute.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Done => "ok",
            Outcome::Rejected => "rejected",
            Outcome::Retry(_) => "retry",
        }
    }
}

/// One service's work on one message.
pub trait Handler: Send + Sync + 'static {
    /// Handles one message: publishes its output and returns [`Outcome::Done`], or asks for a
    /// retry.
    fn handle(&self, message: &Message) -> impl Future<Output = Outcome> + Send;

    /// The message was delivered too often (it keeps failing or crashing the service): dead
    /// letter it with `reason` and a failed result.
    fn give_up(&self, message: &Message, reason: String) -> impl Future<Output = Outcome> + Send;
}

/// How the loop runs.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub concurrency: usize,
    pub max_deliveries: i64,
    /// While a message is handled, the server is told it is in progress this often, so a
    /// long one (a large PDF) is not redelivered to another replica meanwhile.
    pub progress_every: Duration,
}

impl From<&ServiceConfig> for Settings {
    fn from(config: &ServiceConfig) -> Self {
        Settings {
            concurrency: config.concurrency.max(1),
            max_deliveries: config.max_deliveries.max(1),
            progress_every: (config.ack_wait / 2).max(Duration::from_millis(100)),
        }
    }
}

/// Who is consuming, for the spans and metrics of each message.
#[derive(Clone)]
pub struct Probe {
    /// The service's name: the `stage` attribute of its spans.
    pub service: &'static str,
    pub metrics: Metrics,
}

/// How long one pull request waits for messages.
const PULL_EXPIRES: Duration = Duration::from_secs(5);
/// Delay before a nak'ed message is redelivered after a transient failure.
const RETRY_DELAY: Duration = Duration::from_secs(1);
/// On shutdown, messages that already reached this process within this long are nak'ed.
const DRAIN_WINDOW: Duration = Duration::from_millis(50);

/// Runs until `shutdown` is cancelled, then returns once in-flight messages are finished.
/// Up to `concurrency` messages are handled at once; the client keeps the next ones coming
/// while they are (no pause between batches).
pub async fn run<H: Handler>(
    consumer: PullConsumer,
    handler: Arc<H>,
    settings: Settings,
    probe: Probe,
    shutdown: CancellationToken,
) {
    let probe = Arc::new(probe);
    while !shutdown.is_cancelled() {
        let messages = consumer
            .stream()
            .max_messages_per_batch(settings.concurrency)
            .expires(PULL_EXPIRES)
            .messages()
            .await;
        match messages {
            Ok(messages) => consume(messages, &handler, settings, &probe, &shutdown).await,
            Err(e) => {
                tracing::warn!(error = %e, "cannot pull messages, retrying");
                pause(&shutdown).await;
            }
        }
    }
}

/// Handles messages until shutdown (or the end of the stream), each in a task of its own (so
/// they run on all the runtime's threads), then finishes those in flight and naks those that
/// arrived meanwhile.
async fn consume<H: Handler>(
    mut messages: Messages,
    handler: &Arc<H>,
    settings: Settings,
    probe: &Arc<Probe>,
    shutdown: &CancellationToken,
) {
    let mut in_flight = JoinSet::new();
    loop {
        tokio::select! {
            biased;
            _ = shutdown.cancelled() => break,
            Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
            next = messages.next(), if in_flight.len() < settings.concurrency => match next {
                Some(Ok(message)) => {
                    let task = process(
                        handler.clone(),
                        message,
                        settings,
                        probe.clone(),
                        shutdown.clone(),
                    );
                    in_flight.spawn(task);
                }
                Some(Err(e)) => tracing::warn!(error = %e, "pull failed"),
                None => break,
            },
        }
    }
    while in_flight.join_next().await.is_some() {}
    if shutdown.is_cancelled() {
        while let Ok(Some(Ok(message))) = tokio::time::timeout(DRAIN_WINDOW, messages.next()).await
        {
            acknowledge(&message, AckKind::Nak(None)).await;
        }
    }
}

async fn pause(shutdown: &CancellationToken) {
    tokio::select! {
        _ = tokio::time::sleep(RETRY_DELAY) => {}
        _ = shutdown.cancelled() => {}
    }
}

/// Handles one message in a span of its own (`document.id`, `stage`, `outcome`), whose parent
/// is the trace context the message carries: the span of the stage that published it.
async fn process<H: Handler>(
    handler: Arc<H>,
    message: Message,
    settings: Settings,
    probe: Arc<Probe>,
    shutdown: CancellationToken,
) {
    if shutdown.is_cancelled() {
        // Arrived after the stop: another replica (or this one, restarted) takes it.
        acknowledge(&message, AckKind::Nak(None)).await;
        return;
    }
    let started = Instant::now();
    probe.metrics.documents_in.inc();
    let delivered = message.info().map(|info| info.delivered).unwrap_or(1);
    let document_id = crate::bus::document_id_of(message.headers.as_ref()).unwrap_or_default();
    let span = tracing::info_span!(
        "handle",
        otel.name = probe.service,
        otel.kind = "consumer",
        document.id = %document_id,
        stage = probe.service,
        delivered,
        outcome = tracing::field::Empty,
    );
    crate::telemetry::set_parent(&span, message.headers.as_ref());
    let handled = async {
        if delivered > settings.max_deliveries {
            let reason = format!("gave up after {} deliveries", delivered - 1);
            handler.give_up(&message, reason).await
        } else {
            handler.handle(&message).await
        }
    };
    let in_progress = || acknowledge(&message, AckKind::Progress);
    let handled = with_heartbeat(handled, settings.progress_every, in_progress);
    let outcome = handled.instrument(span.clone()).await;
    span.record("outcome", outcome.label());
    probe.metrics.observe(outcome.label(), started.elapsed());
    let acknowledged = async {
        match outcome {
            Outcome::Done | Outcome::Rejected => acknowledge(&message, AckKind::Ack).await,
            Outcome::Retry(reason) => {
                probe.metrics.retries.inc();
                tracing::warn!(%reason, delivered, "will retry");
                acknowledge(&message, AckKind::Nak(Some(RETRY_DELAY))).await;
            }
        }
    };
    acknowledged.instrument(span).await;
}

/// Runs `work`, calling `beat` every `every` until it is done.
async fn with_heartbeat<F, B, BF>(work: F, every: Duration, mut beat: B) -> F::Output
where
    F: Future,
    B: FnMut() -> BF,
    BF: Future<Output = ()>,
{
    let mut work = std::pin::pin!(work);
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            output = &mut work => return output,
            _ = ticks.tick() => beat().await,
        }
    }
}

async fn acknowledge(message: &Message, kind: AckKind) {
    if let Err(e) = message.ack_with(kind).await {
        // The server redelivers it after the ack wait; outputs are de-duplicated.
        tracing::warn!(error = %e, "cannot acknowledge a message");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn long_work_beats_and_quick_work_does_not() {
        let beats = AtomicUsize::new(0);
        let beat = || async {
            beats.fetch_add(1, Ordering::SeqCst);
        };
        let every = Duration::from_millis(40);
        let long = tokio::time::sleep(Duration::from_millis(300));
        let output = with_heartbeat(
            async {
                long.await;
                7
            },
            every,
            beat,
        )
        .await;
        assert_eq!(output, 7);
        let long_beats = beats.swap(0, Ordering::SeqCst);
        assert!((2..=8).contains(&long_beats), "{long_beats} beats");
        with_heartbeat(async {}, every, beat).await;
        assert_eq!(beats.load(Ordering::SeqCst), 0);
    }
}
