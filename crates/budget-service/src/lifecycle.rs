//! The life of a service process, the same for all four: connect and create the topology, start
//! the gRPC server (health and the service's API), do the work until the shutdown token is
//! cancelled, then stop within the shutdown timeout, whatever the state of the connection
//! ([`StopPlan`]: in-flight work, then closing, each bounded; a process that is still not done
//! exits anyway).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tonic::transport::server::Router;

use crate::bus::Bus;
use crate::config::ServiceConfig;
use crate::grpc::{self, Health};
use crate::http;
use crate::topology::{self, Stage};
use crate::worker::{self, Handler};

/// A started service.
pub struct Service {
    pub name: &'static str,
    pub bus: Bus,
    pub config: ServiceConfig,
    pub shutdown: CancellationToken,
    health: Health,
    router: Option<Router>,
    http_addr: Option<SocketAddr>,
    tasks: Vec<JoinHandle<()>>,
}

impl Service {
    /// Connects and creates the streams and the bucket when missing. Then [`Service::serve`]
    /// starts the gRPC server; health turns `SERVING` with [`Service::ready`].
    pub async fn start(
        name: &'static str,
        config: ServiceConfig,
        shutdown: CancellationToken,
    ) -> anyhow::Result<Service> {
        let bus = Bus::start(name, &config).await?;
        let (health, router) = grpc::with_health().await;
        tracing::info!(service = name, nats = %config.nats.url, "connected");
        Ok(Service {
            name,
            bus,
            config,
            shutdown,
            health,
            router: Some(router),
            http_addr: None,
            tasks: Vec::new(),
        })
    }

    /// Starts the gRPC server on `config.grpc_addr` (or `default_port`): health and whatever
    /// `api` adds; and the HTTP server on `config.metrics_addr` with `/metrics`.
    pub async fn serve(
        &mut self,
        default_port: u16,
        api: impl FnOnce(Router) -> Router,
    ) -> anyhow::Result<()> {
        self.serve_with_routes(default_port, api, None).await
    }

    /// [`Service::serve`], with the service's own HTTP `routes` next to `/metrics` (e.g. an HTML
    /// page).
    pub async fn serve_with_routes(
        &mut self,
        default_port: u16,
        api: impl FnOnce(Router) -> Router,
        routes: Option<axum::Router>,
    ) -> anyhow::Result<()> {
        let router = self
            .router
            .take()
            .context("the gRPC server is already running")?;
        let addr: SocketAddr = self.config.grpc_addr_or(default_port);
        let server = grpc::serve(api(router), addr, self.shutdown.clone()).await?;
        self.tasks.push(server);
        let http = http::router(self.bus.metrics.clone(), routes);
        let (local, server) =
            http::serve(http, self.config.metrics_addr, self.shutdown.clone()).await?;
        self.http_addr = Some(local);
        self.tasks.push(server);
        Ok(())
    }

    /// The address the HTTP server (`/metrics`) listens on, once it runs.
    pub fn http_addr(&self) -> Option<SocketAddr> {
        self.http_addr
    }

    /// From now on health follows the NATS connection.
    pub fn ready(&mut self) {
        let follower = self
            .health
            .follow(self.bus.client.clone(), self.shutdown.clone());
        self.tasks.push(follower);
    }

    /// Consumes `stage` with the durable consumer named after the service until shutdown, each
    /// message handled by `handler`.
    pub async fn consume<H: Handler>(&mut self, stage: Stage, handler: H) -> anyhow::Result<()> {
        let consumer = topology::durable_consumer(
            &self.bus.js,
            &self.bus.names,
            stage,
            self.name,
            self.config.ack_wait,
        )
        .await?;
        self.ready();
        let lag = self
            .bus
            .metrics
            .follow_consumer(consumer.clone(), self.shutdown.clone());
        self.tasks.push(lag);
        let settings = worker::Settings::from(&self.config);
        let probe = worker::Probe {
            service: self.name,
            metrics: self.bus.metrics.clone(),
        };
        let work = worker::run(
            consumer,
            Arc::new(handler),
            settings,
            probe,
            self.shutdown.clone(),
        );
        self.bounded(work).await;
        Ok(())
    }

    /// Runs `work` (which ends on its own after shutdown) but gives it at most the in-flight
    /// part of the shutdown timeout once shutdown has begun.
    pub async fn bounded(&self, work: impl std::future::Future<Output = ()>) {
        let allowed = StopPlan::new(self.config.shutdown_timeout).in_flight;
        let shutdown = self.shutdown.clone();
        let deadline = async move {
            shutdown.cancelled().await;
            tokio::time::sleep(allowed).await;
        };
        tokio::select! {
            _ = work => {}
            _ = deadline => tracing::warn!(
                ?allowed,
                "in-flight messages did not finish in time; the server redelivers them"
            ),
        }
    }

    /// Stops: health not serving, outstanding acks flushed (when connected: a flush waits for
    /// the server), the servers and background tasks ended; all of it within the closing part
    /// of the shutdown timeout.
    pub async fn stop(self) {
        self.shutdown.cancel();
        let allowed = StopPlan::new(self.config.shutdown_timeout).closing;
        let closing = async {
            self.health.set(false).await;
            if self.bus.client.connection_state() == async_nats::connection::State::Connected {
                if let Err(e) = self.bus.client.flush().await {
                    tracing::warn!(error = %e, "cannot flush the last acknowledgements");
                }
            }
            futures::future::join_all(self.tasks).await;
        };
        if tokio::time::timeout(allowed, closing).await.is_err() {
            tracing::warn!(?allowed, "closing took too long; stopping anyway");
        }
        tracing::info!(service = self.name, "stopped");
    }
}

/// How a stop spends the shutdown timeout: in-flight messages first, then closing (health,
/// flush, servers), and a margin to exit in. Whatever is still running at `in_flight +
/// closing` is abandoned, so the process exits within the timeout even when the NATS server is
/// gone and every request to it would wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StopPlan {
    pub in_flight: Duration,
    pub closing: Duration,
    pub exit: Duration,
}

impl StopPlan {
    pub fn new(timeout: Duration) -> StopPlan {
        let exit = (timeout / 10).min(Duration::from_secs(1));
        let closing = (timeout / 5).min(Duration::from_secs(3));
        StopPlan {
            in_flight: timeout.saturating_sub(exit + closing),
            closing,
            exit,
        }
    }

    /// How long after the shutdown began the process stops waiting for anything.
    pub fn abandon_after(&self) -> Duration {
        self.in_flight + self.closing
    }
}

/// Resolves once `shutdown` was cancelled and the plan's time to stop is over.
async fn overdue(shutdown: CancellationToken, plan: StopPlan) {
    shutdown.cancelled().await;
    tokio::time::sleep(plan.abandon_after()).await;
}

/// The `main` of the service binary `name`: configuration from flags and environment, logs and
/// traces, a tokio runtime, SIGTERM/Ctrl-C handling; `run` does the rest. The spans not
/// exported yet are flushed before the exit. Exit code 1 on a start-up failure.
pub fn main<F, Fut>(name: &'static str, run: F) -> std::process::ExitCode
where
    F: FnOnce(ServiceConfig, CancellationToken) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    use clap::Parser;
    let config = ServiceConfig::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let telemetry = {
        // The exporter's batch task runs on this runtime.
        let _entered = runtime.enter();
        crate::telemetry::init(name, config.log_format)
    };
    let plan = StopPlan::new(config.shutdown_timeout);
    let result = runtime.block_on(async {
        let shutdown = crate::shutdown::on_signal();
        // Also while connecting (the server may be unreachable) or creating the topology.
        tokio::select! {
            result = run(config, shutdown.clone()) => result,
            _ = overdue(shutdown, plan) => {
                tracing::warn!("did not stop within the shutdown timeout; exiting");
                Ok(())
            }
        }
    });
    // From this thread (not a worker of the runtime), while the runtime still runs the export.
    telemetry.shutdown_within(plan.exit / 2);
    // Tasks still blocked on NATS are dropped, not waited for.
    runtime.shutdown_background();
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_fits_its_timeout() {
        for seconds in [1, 3, 20, 120] {
            let timeout = Duration::from_secs(seconds);
            let plan = StopPlan::new(timeout);
            assert!(plan.in_flight > Duration::ZERO, "{plan:?}");
            assert_eq!(plan.abandon_after() + plan.exit, timeout, "{plan:?}");
        }
        let plan = StopPlan::new(Duration::from_secs(20));
        assert_eq!(plan.in_flight, Duration::from_secs(16));
        assert_eq!(plan.closing, Duration::from_secs(3));
        assert_eq!(plan.exit, Duration::from_secs(1));
    }
}
