//! Logs and traces.
//!
//! Every service logs with `tracing` to stderr, as text or as JSON lines (`--log-format`); the
//! level comes from `RUST_LOG` (default `info`). When `OTEL_EXPORTER_OTLP_ENDPOINT` is set, the
//! spans are also exported with OpenTelemetry (OTLP over gRPC, batched; `OTEL_SERVICE_NAME`, or
//! the service's name, as `service.name`).
//!
//! The trace context travels with each message in its NATS headers (W3C `traceparent` /
//! `tracestate`): [`inject`] writes the current span's context into the headers of a message
//! ([`crate::bus::headers`] calls it), [`set_parent`] makes the context of a received message
//! the parent of the span handling it. So one document is one trace from ingest to report.

use std::io::IsTerminal as _;

use async_nats::header::HeaderMap;
use opentelemetry::propagation::{Extractor, Injector};
use opentelemetry::trace::TracerProvider as _;
use opentelemetry_sdk::propagation::TraceContextPropagator;
use opentelemetry_sdk::trace::TracerProvider;
use tracing_opentelemetry::OpenTelemetrySpanExt as _;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;
use tracing_subscriber::{EnvFilter, Layer as _};

use crate::config::LogFormat;

/// The standard variable that turns trace export on.
pub const OTLP_ENDPOINT: &str = "OTEL_EXPORTER_OTLP_ENDPOINT";
/// The standard variable that names the service in traces.
pub const SERVICE_NAME: &str = "OTEL_SERVICE_NAME";

/// What [`init`] set up; [`Telemetry::shutdown`] flushes the spans not exported yet.
#[must_use = "shut it down when the service stops, or the last spans are lost"]
pub struct Telemetry {
    provider: Option<TracerProvider>,
}

impl Telemetry {
    /// Whether spans are exported.
    pub fn exporting(&self) -> bool {
        self.provider.is_some()
    }

    /// Exports the spans still buffered and stops the exporter. Call it from outside the
    /// runtime's worker threads (e.g. after `block_on` returned), while the runtime still runs.
    pub fn shutdown(self) {
        if let Some(provider) = self.provider {
            if let Err(e) = provider.shutdown() {
                eprintln!("cannot flush the last spans: {e}");
            }
        }
    }

    /// [`Telemetry::shutdown`], waiting at most `patience` (an unreachable collector must not
    /// keep a stopping process alive).
    pub fn shutdown_within(self, patience: std::time::Duration) {
        if !self.exporting() {
            return;
        }
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            self.shutdown();
            let _ = done.send(());
        });
        if finished.recv_timeout(patience).is_err() {
            eprintln!("cannot flush the last spans within {patience:?}");
        }
    }
}

/// Installs the global subscriber: logs to stderr in `format`, and spans to OTLP when
/// `OTEL_EXPORTER_OTLP_ENDPOINT` is set. Must run inside a tokio runtime (the exporter's batch
/// task). A second call (services run in-process by tests) is a no-op.
pub fn init(service: &str, format: LogFormat) -> Telemetry {
    let filter = || EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let (text, json) = match format {
        LogFormat::Text => (
            Some(
                tracing_subscriber::fmt::layer()
                    .with_ansi(std::io::stderr().is_terminal())
                    .with_writer(std::io::stderr)
                    .with_filter(filter()),
            ),
            None,
        ),
        LogFormat::Json => (
            None,
            Some(
                tracing_subscriber::fmt::layer()
                    .json()
                    .with_current_span(true)
                    .with_span_list(false)
                    .with_writer(std::io::stderr)
                    .with_filter(filter()),
            ),
        ),
    };
    let provider = match tracer_provider(service) {
        Ok(provider) => provider,
        Err(e) => {
            eprintln!("{service}: traces are not exported: {e:#}");
            None
        }
    };
    // The services' own spans and events from info up; the libraries' (h2, tonic, async-nats)
    // only as warnings, on the span they happen in.
    let traces = provider.as_ref().map(|provider| {
        let targets = Targets::new()
            .with_default(LevelFilter::WARN)
            .with_target("budget_service", LevelFilter::INFO)
            .with_target("budget_pipeline", LevelFilter::INFO);
        tracing_opentelemetry::layer()
            .with_tracer(provider.tracer(service.to_string()))
            .with_filter(targets)
    });
    opentelemetry::global::set_text_map_propagator(TraceContextPropagator::new());
    let installed = tracing_subscriber::registry()
        .with(text)
        .with(json)
        .with(traces)
        .try_init();
    match (installed, provider) {
        (Ok(()), provider) => Telemetry { provider },
        (Err(_), Some(provider)) => {
            // Someone else's subscriber: nothing would reach this exporter.
            let _ = provider.shutdown();
            Telemetry { provider: None }
        }
        (Err(_), None) => Telemetry { provider: None },
    }
}

/// The OTLP exporter when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (and not empty).
fn tracer_provider(service: &str) -> anyhow::Result<Option<TracerProvider>> {
    let Some(endpoint) = non_empty_var(OTLP_ENDPOINT) else {
        return Ok(None);
    };
    use opentelemetry_otlp::WithExportConfig as _;
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_tonic()
        .with_endpoint(endpoint)
        .build()?;
    let name = non_empty_var(SERVICE_NAME).unwrap_or_else(|| service.to_string());
    let resource = opentelemetry_sdk::Resource::new_with_defaults([opentelemetry::KeyValue::new(
        "service.name",
        name,
    )]);
    let provider = TracerProvider::builder()
        .with_batch_exporter(exporter, opentelemetry_sdk::runtime::Tokio)
        .with_resource(resource)
        .build();
    Ok(Some(provider))
}

fn non_empty_var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

/// Writes the trace context of the current span into a message's headers (nothing when there
/// is no trace: export off, or no span).
pub fn inject(headers: &mut HeaderMap) {
    let context = tracing::Span::current().context();
    opentelemetry::global::get_text_map_propagator(|propagator| {
        propagator.inject_context(&context, &mut NatsHeaders(headers));
    });
}

/// Makes the trace context found in a message's headers (if any) the parent of `span`.
pub fn set_parent(span: &tracing::Span, headers: Option<&HeaderMap>) {
    let Some(headers) = headers else {
        return;
    };
    let context = opentelemetry::global::get_text_map_propagator(|propagator| {
        propagator.extract(&NatsHeadersRef(headers))
    });
    span.set_parent(context);
}

/// Makes the trace context in gRPC request metadata (if any) the parent of `span`.
pub fn set_parent_from_metadata(span: &tracing::Span, metadata: &tonic::metadata::MetadataMap) {
    let context = opentelemetry::global::get_text_map_propagator(|propagator| {
        propagator.extract(&GrpcMetadata(metadata))
    });
    span.set_parent(context);
}

struct NatsHeaders<'a>(&'a mut HeaderMap);

impl Injector for NatsHeaders<'_> {
    fn set(&mut self, key: &str, value: String) {
        self.0.insert(key, value);
    }
}

struct NatsHeadersRef<'a>(&'a HeaderMap);

impl Extractor for NatsHeadersRef<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|value| value.as_str())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.iter().map(|(name, _)| name.as_ref()).collect()
    }
}

struct GrpcMetadata<'a>(&'a tonic::metadata::MetadataMap);

impl Extractor for GrpcMetadata<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|value| value.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0
            .keys()
            .filter_map(|key| match key {
                tonic::metadata::KeyRef::Ascii(key) => Some(key.as_str()),
                tonic::metadata::KeyRef::Binary(_) => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trace_context_round_trips_through_nats_headers() {
        use opentelemetry::propagation::TextMapPropagator as _;
        use opentelemetry::trace::{SpanContext, TraceContextExt as _, TraceFlags, TraceState};
        use opentelemetry::trace::{SpanId, TraceId};
        let propagator = TraceContextPropagator::new();
        let trace_id = TraceId::from_hex("4bf92f3577b34da6a3ce929d0e0e4736").unwrap();
        let span_id = SpanId::from_hex("00f067aa0ba902b7").unwrap();
        let remote = SpanContext::new(
            trace_id,
            span_id,
            TraceFlags::SAMPLED,
            true,
            TraceState::default(),
        );
        let context = opentelemetry::Context::new().with_remote_span_context(remote);
        let mut headers = HeaderMap::new();
        propagator.inject_context(&context, &mut NatsHeaders(&mut headers));
        assert_eq!(
            headers.get("traceparent").map(|v| v.as_str()),
            Some("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        );
        let extracted = propagator.extract(&NatsHeadersRef(&headers));
        assert_eq!(extracted.span().span_context().trace_id(), trace_id);
        assert_eq!(extracted.span().span_context().span_id(), span_id);
    }

    #[test]
    fn without_a_trace_nothing_is_injected() {
        let mut headers = HeaderMap::new();
        inject(&mut headers);
        assert!(headers.get("traceparent").is_none());
    }
}
