//! The HTTP server every service runs next to gRPC: `GET /metrics` (Prometheus text format)
//! plus whatever routes the service adds (e.g. a page of the report service).

use std::net::SocketAddr;

use anyhow::Context as _;
use axum::http::header::CONTENT_TYPE;
use axum::routing::get;
use axum::Router;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::metrics::Metrics;

/// The content type of the Prometheus text exposition format.
const PROMETHEUS_TEXT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The routes of every service (`/metrics`), merged with the service's own `extra` routes.
pub fn router(metrics: Metrics, extra: Option<Router>) -> Router {
    let metrics_route = Router::new().route(
        "/metrics",
        get(move || {
            let metrics = metrics.clone();
            async move { ([(CONTENT_TYPE, PROMETHEUS_TEXT)], metrics.render()) }
        }),
    );
    match extra {
        Some(extra) => metrics_route.merge(extra),
        None => metrics_route,
    }
}

/// Binds `addr` now (so a taken port fails the start-up) and serves `router` until `shutdown`.
/// Returns the address actually bound (port 0 picks a free one) and the server's task.
pub async fn serve(
    router: Router,
    addr: SocketAddr,
    shutdown: CancellationToken,
) -> anyhow::Result<(SocketAddr, JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr} (metrics)"))?;
    let local = listener.local_addr().unwrap_or(addr);
    tracing::info!(addr = %local, "HTTP server listening (/metrics)");
    let task = tokio::spawn(async move {
        let stopped = shutdown.cancelled_owned();
        if let Err(e) = axum::serve(listener, router)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!(error = %e, "HTTP server failed");
        }
    });
    Ok((local, task))
}
