//! What the four services (ingest, parse, reconcile, report) share, so that each of them is a
//! small `main` that reads its config, connects, and calls one core function per message:
//!
//! * [`config`]: the one configuration struct of every service (flags and environment).
//! * [`topology`]: the subjects, streams and the results bucket, created idempotently.
//! * [`documents`]: the object store bucket that holds the bytes of documents in flight.
//! * [`bus`]: the NATS connection and JetStream publishing with de-duplication by document id,
//!   dead letters and failed results.
//! * [`worker`]: the durable pull consumer loop (concurrency, explicit ack, graceful stop).
//! * [`grpc`]: the gRPC server every service runs, with `grpc.health.v1`.
//! * [`http`]: the HTTP server every service runs: Prometheus `/metrics`, and routes the
//!   service adds.
//! * [`metrics`]: the Prometheus metrics of a service.
//! * [`lifecycle`]: start, run and stop a service; the `main` of every service binary.
//! * [`shutdown`]: SIGTERM / Ctrl-C as a cancellation token.
//! * [`telemetry`]: logs (text or JSON) and traces (OpenTelemetry OTLP, trace context in the
//!   NATS headers).
//! * [`client`]: the other side: submitting documents and watching results (used by
//!   `budget-audit publish` / `watch` and by the tests).

pub mod bus;
pub mod client;
pub mod config;
pub mod documents;
pub mod grpc;
pub mod http;
pub mod lifecycle;
pub mod metrics;
pub mod shutdown;
pub mod telemetry;
#[cfg(feature = "testing")]
pub mod testing;
pub mod topology;
pub mod worker;

pub use bus::Bus;
pub use config::{Names, NatsArgs, ServiceConfig};
pub use topology::Stage;
