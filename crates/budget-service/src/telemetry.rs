//! Logging. Every service logs with `tracing` to stderr; the level comes from `RUST_LOG`
//! (default `info`). This is where exporters (OpenTelemetry, JSON logs) plug in.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber; a second call (tests running services in-process) is a no-op.
pub fn init() {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
