//! The life of a service process, the same for all four: connect and create the topology, start
//! the gRPC server (health and the service's API), do the work until the shutdown token is
//! cancelled, then stop within the shutdown timeout.

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

    /// Runs `work` (which ends on its own after shutdown) but gives it at most the shutdown
    /// timeout once shutdown has begun.
    pub async fn bounded(&self, work: impl std::future::Future<Output = ()>) {
        let timeout = self.config.shutdown_timeout;
        let shutdown = self.shutdown.clone();
        let deadline = async move {
            shutdown.cancelled().await;
            tokio::time::sleep(timeout).await;
        };
        tokio::select! {
            _ = work => {}
            _ = deadline => tracing::warn!(
                ?timeout,
                "in-flight messages did not finish in time; the server redelivers them"
            ),
        }
    }

    /// Stops: health not serving, gRPC server closed, outstanding acks flushed.
    pub async fn stop(self) {
        self.shutdown.cancel();
        self.health.set(false).await;
        if let Err(e) = self.bus.client.flush().await {
            tracing::warn!(error = %e, "cannot flush the last acknowledgements");
        }
        for task in self.tasks {
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
        tracing::info!(service = self.name, "stopped");
    }
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
    let result = runtime.block_on(async {
        let shutdown = crate::shutdown::on_signal();
        run(config, shutdown).await
    });
    // From this thread (not a worker of the runtime), while the runtime still runs the export.
    telemetry.shutdown();
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
