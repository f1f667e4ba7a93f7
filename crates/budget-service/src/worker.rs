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
use std::time::Duration;

use async_nats::jetstream::consumer::pull::Stream as Messages;
use async_nats::jetstream::consumer::PullConsumer;
use async_nats::jetstream::message::Message;
use async_nats::jetstream::AckKind;
use futures::StreamExt;
use tokio::task::JoinSet;
use tokio_util::sync::CancellationToken;

use crate::config::ServiceConfig;

/// What to do with a message once it was handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The output is published (or the message was dead-lettered): ack.
    Done,
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
}

impl From<&ServiceConfig> for Settings {
    fn from(config: &ServiceConfig) -> Self {
        Settings {
            concurrency: config.concurrency.max(1),
            max_deliveries: config.max_deliveries.max(1),
        }
    }
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
    shutdown: CancellationToken,
) {
    while !shutdown.is_cancelled() {
        let messages = consumer
            .stream()
            .max_messages_per_batch(settings.concurrency)
            .expires(PULL_EXPIRES)
            .messages()
            .await;
        match messages {
            Ok(messages) => consume(messages, &handler, settings, &shutdown).await,
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
                    let task = process(handler.clone(), message, settings, shutdown.clone());
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

async fn process<H: Handler>(
    handler: Arc<H>,
    message: Message,
    settings: Settings,
    shutdown: CancellationToken,
) {
    if shutdown.is_cancelled() {
        // Arrived after the stop: another replica (or this one, restarted) takes it.
        acknowledge(&message, AckKind::Nak(None)).await;
        return;
    }
    let delivered = message.info().map(|info| info.delivered).unwrap_or(1);
    let outcome = if delivered > settings.max_deliveries {
        let reason = format!("gave up after {} deliveries", delivered - 1);
        handler.give_up(&message, reason).await
    } else {
        handler.handle(&message).await
    };
    match outcome {
        Outcome::Done => acknowledge(&message, AckKind::Ack).await,
        Outcome::Retry(reason) => {
            tracing::warn!(%reason, delivered, "will retry");
            acknowledge(&message, AckKind::Nak(Some(RETRY_DELAY))).await;
        }
    }
}

async fn acknowledge(message: &Message, kind: AckKind) {
    if let Err(e) = message.ack_with(kind).await {
        // The server redelivers it after the ack wait; outputs are de-duplicated.
        tracing::warn!(error = %e, "cannot acknowledge a message");
    }
}
