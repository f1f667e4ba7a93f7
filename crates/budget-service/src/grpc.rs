//! The gRPC server every service runs: `grpc.health.v1.Health` (for Kubernetes probes) plus the
//! service's own API, if it has one.
//!
//! Health is `SERVING` (for the empty service name, i.e. the whole process) while the service is
//! connected to NATS and consuming, `NOT_SERVING` once it stops.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context as _;
use async_nats::connection::State;
use async_nats::Client;
use tokio::task::JoinHandle;
use tokio_stream::wrappers::TcpListenerStream;
use tokio_util::sync::CancellationToken;
use tonic::transport::server::Router;
use tonic_health::server::HealthReporter;
use tonic_health::ServingStatus;

/// The health of the process, as the gRPC health service reports it.
#[derive(Clone)]
pub struct Health {
    reporter: HealthReporter,
}

impl Health {
    pub async fn set(&self, serving: bool) {
        let status = if serving {
            ServingStatus::Serving
        } else {
            ServingStatus::NotServing
        };
        // The reporter is a cheap handle on shared state.
        let mut reporter = self.reporter.clone();
        reporter.set_service_status("", status).await;
    }

    /// Follows the NATS connection: not serving while it is down. Ends with `shutdown`.
    pub fn follow(&self, client: Client, shutdown: CancellationToken) -> JoinHandle<()> {
        let health = self.clone();
        tokio::spawn(async move {
            let mut last = None;
            while !shutdown.is_cancelled() {
                let connected = client.connection_state() == State::Connected;
                if last != Some(connected) {
                    health.set(connected).await;
                    last = Some(connected);
                }
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    _ = shutdown.cancelled() => {}
                }
            }
            health.set(false).await;
        })
    }
}

/// A gRPC server builder with the health service already added (status `NOT_SERVING` until
/// [`Health::set`] says otherwise). Add the service's API to the router, then [`serve`] it.
pub async fn with_health() -> (Health, Router) {
    let (reporter, service) = tonic_health::server::health_reporter();
    let health = Health { reporter };
    health.set(false).await;
    let router = tonic::transport::Server::builder().add_service(service);
    (health, router)
}

/// Binds `addr` now (so a taken port fails the start-up) and serves `router` until `shutdown`.
pub async fn serve(
    router: Router,
    addr: SocketAddr,
    shutdown: CancellationToken,
) -> anyhow::Result<JoinHandle<()>> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let local = listener.local_addr().unwrap_or(addr);
    tracing::info!(addr = %local, "gRPC server listening");
    let incoming = TcpListenerStream::new(listener);
    Ok(tokio::spawn(async move {
        let stopped = shutdown.cancelled_owned();
        if let Err(e) = router.serve_with_incoming_shutdown(incoming, stopped).await {
            tracing::error!(error = %e, "gRPC server failed");
        }
    }))
}
