//! Observability of the four services as processes on a real `nats-server`: one document is
//! one trace across ingest, parse, reconcile and report (exported over OTLP to a collector
//! this test runs), and `/metrics` counts the documents each service handled.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{check_one, collect_results, submit, Pipeline};
use opentelemetry_proto::tonic::collector::trace::v1::trace_service_server::{
    TraceService, TraceServiceServer,
};
use opentelemetry_proto::tonic::collector::trace::v1::{
    ExportTraceServiceRequest, ExportTraceServiceResponse,
};
use opentelemetry_proto::tonic::common::v1::any_value::Value;
use opentelemetry_proto::tonic::common::v1::KeyValue;
use tokio_stream::wrappers::TcpListenerStream;
use tokio_util::sync::CancellationToken;

const SERVICES: [&str; 4] = ["ingest", "parse", "reconcile", "report"];

/// One pipeline at a time in this file: three at once on a 2-core machine only add load (and
/// their processes would pick free ports at the same time).
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A span as the collector received it.
#[derive(Debug, Clone)]
struct ReceivedSpan {
    service: String,
    trace_id: String,
    name: String,
    attributes: HashMap<String, String>,
}

/// An OTLP trace collector (gRPC) that keeps every span it is sent.
#[derive(Clone, Default)]
struct Collector {
    spans: Arc<Mutex<Vec<ReceivedSpan>>>,
}

#[tonic::async_trait]
impl TraceService for Collector {
    async fn export(
        &self,
        request: tonic::Request<ExportTraceServiceRequest>,
    ) -> Result<tonic::Response<ExportTraceServiceResponse>, tonic::Status> {
        let mut received = Vec::new();
        for resource_spans in request.into_inner().resource_spans {
            let resource = resource_spans.resource.unwrap_or_default();
            let service = attribute(&resource.attributes, "service.name").unwrap_or_default();
            for scope_spans in resource_spans.scope_spans {
                for span in scope_spans.spans {
                    let attributes = span
                        .attributes
                        .iter()
                        .filter_map(|kv| Some((kv.key.clone(), text(kv)?)))
                        .collect();
                    received.push(ReceivedSpan {
                        service: service.clone(),
                        trace_id: hex(&span.trace_id),
                        name: span.name.clone(),
                        attributes,
                    });
                }
            }
        }
        self.spans.lock().expect("collector lock").extend(received);
        Ok(tonic::Response::new(ExportTraceServiceResponse {
            partial_success: None,
        }))
    }
}

impl Collector {
    fn spans(&self) -> Vec<ReceivedSpan> {
        self.spans.lock().expect("collector lock").clone()
    }
}

fn text(kv: &KeyValue) -> Option<String> {
    match kv.value.as_ref()?.value.as_ref()? {
        Value::StringValue(s) => Some(s.clone()),
        Value::IntValue(i) => Some(i.to_string()),
        Value::BoolValue(b) => Some(b.to_string()),
        Value::DoubleValue(d) => Some(d.to_string()),
        _ => None,
    }
}

fn attribute(attributes: &[KeyValue], key: &str) -> Option<String> {
    attributes.iter().find(|kv| kv.key == key).and_then(text)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts the collector on 127.0.0.1, a free port; stops with `shutdown`.
async fn start_collector(shutdown: CancellationToken) -> (Collector, u16) {
    let collector = Collector::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("collector port");
    let port = listener.local_addr().expect("collector address").port();
    let service = TraceServiceServer::new(collector.clone());
    tokio::spawn(async move {
        let _ = tonic::transport::Server::builder()
            .add_service(service)
            .serve_with_incoming_shutdown(
                TcpListenerStream::new(listener),
                shutdown.cancelled_owned(),
            )
            .await;
    });
    (collector, port)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_document_is_one_trace_from_ingest_to_report() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let stop_collector = CancellationToken::new();
    let (collector, port) = start_collector(stop_collector.clone()).await;
    let endpoint = format!("http://127.0.0.1:{port}");
    let mut pipeline = Pipeline::start_with_env(
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint.as_str()),
            // Export every 200 ms instead of 5 s.
            ("OTEL_BSP_SCHEDULE_DELAY", "200"),
        ],
    );
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;

    let (name, bytes) = common::samples().swap_remove(0);
    let reply = submit(&client, &name, bytes).await;
    let id = reply.document_id.clone();
    let results = collect_results(
        &client,
        std::slice::from_ref(&id),
        Duration::from_secs(60),
        Duration::ZERO,
    )
    .await;
    assert!(
        results.iter().any(|r| r.document_id == id),
        "no result for {name}"
    );

    // The spans of the document (attribute document.id), from every service, one trace id.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let spans = loop {
        let spans: Vec<ReceivedSpan> = collector
            .spans()
            .into_iter()
            .filter(|span| span.attributes.get("document.id") == Some(&id))
            .collect();
        let services: BTreeSet<&str> = spans.iter().map(|s| s.service.as_str()).collect();
        if SERVICES.iter().all(|s| services.contains(s)) {
            break spans;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "spans of {id} from {services:?} only; all received: {:#?}",
            collector.spans()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let traces: BTreeSet<&str> = spans.iter().map(|s| s.trace_id.as_str()).collect();
    assert_eq!(traces.len(), 1, "one trace for one document: {spans:#?}");
    for service in SERVICES {
        let span = spans
            .iter()
            .find(|s| s.service == service)
            .expect("a span of every service");
        assert_eq!(span.name, service, "{span:?}");
        assert_eq!(
            span.attributes.get("stage").map(String::as_str),
            Some(service)
        );
        assert_eq!(
            span.attributes.get("outcome").map(String::as_str),
            Some("ok"),
            "{span:?}"
        );
    }

    // SIGTERM: every service flushes its spans and stops cleanly.
    for guard in &mut pipeline.services {
        let name = guard.name.clone();
        assert!(
            guard.terminate(Duration::from_secs(20)),
            "{name} did not stop cleanly on SIGTERM"
        );
    }
    stop_collector.cancel();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn spans_still_buffered_are_flushed_when_a_service_stops() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let stop_collector = CancellationToken::new();
    let (collector, port) = start_collector(stop_collector.clone()).await;
    let endpoint = format!("http://127.0.0.1:{port}");
    let mut pipeline = Pipeline::start_with_env(
        &[],
        &[
            ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint.as_str()),
            // No scheduled export within the test: only the flush on stop sends the spans.
            ("OTEL_BSP_SCHEDULE_DELAY", "600000"),
        ],
    );
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;
    let (name, bytes) = common::samples().swap_remove(2);
    let id = check_one(&client, &name, bytes).await.document_id;

    for guard in &mut pipeline.services {
        let name = guard.name.clone();
        assert!(
            guard.terminate(Duration::from_secs(20)),
            "{name} did not stop cleanly on SIGTERM"
        );
    }
    // Each process exported before it exited.
    let services: BTreeSet<String> = collector
        .spans()
        .into_iter()
        .filter(|span| span.attributes.get("document.id") == Some(&id))
        .map(|span| span.service)
        .collect();
    let expected: BTreeSet<String> = SERVICES.iter().map(|s| s.to_string()).collect();
    assert_eq!(services, expected, "spans flushed on stop");
    stop_collector.cancel();
}

/// The value of an unlabelled-but-`service` sample of `metric` in Prometheus text.
fn sample(text: &str, metric: &str) -> Option<f64> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .find(|line| {
            line.starts_with(&format!("{metric}{{")) || line.starts_with(&format!("{metric} "))
        })
        .and_then(|line| line.rsplit(' ').next())
        .and_then(|value| value.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_the_documents_each_service_handled() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let mut pipeline = Pipeline::start(&[]);
    pipeline.wait_until_ready().await;
    let client = pipeline.client().await;

    let (name, bytes) = common::samples().swap_remove(1);
    check_one(&client, &name, bytes).await;

    for service in SERVICES {
        let port = pipeline.metrics_ports[service];
        // The report service acks after publishing the result: poll until its counters show it.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        let text = loop {
            let text = common::http_get(port, "/metrics").await.unwrap_or_default();
            let handled = sample(&text, "budget_stage_duration_seconds_count").unwrap_or(0.0);
            if handled >= 1.0 {
                break text;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{service}: no document measured on /metrics:\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert!(
            text.contains("# TYPE budget_documents_in_total counter"),
            "{text}"
        );
        assert_eq!(
            sample(&text, "budget_documents_in_total"),
            Some(1.0),
            "{service}:\n{text}"
        );
        let out_stage = match service {
            "ingest" => "ingest",
            "parse" => "parsed",
            "reconcile" => "reconciled",
            _ => "results",
        };
        // Label order is the registry's: look for both labels on one line.
        let service_label = format!("service=\"{service}\"");
        let stage_label = format!("stage=\"{out_stage}\"");
        assert!(
            text.lines()
                .any(|line| line.starts_with("budget_documents_out_total{")
                    && line.contains(&service_label)
                    && line.contains(&stage_label)
                    && line.ends_with(" 1")),
            "{service}: not one document out to {out_stage}:\n{text}"
        );
        if service != "ingest" {
            assert!(
                text.contains("# TYPE budget_consumer_pending_messages gauge"),
                "{service}:\n{text}"
            );
        }
    }
    assert_eq!(
        common::http_get(pipeline.metrics_ports["parse"], "/nope").await,
        None
    );
    assert!(pipeline.all_running());
}
