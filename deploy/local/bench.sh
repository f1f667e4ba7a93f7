#!/usr/bin/env bash
# End-to-end benchmark of the local topology (not a test): builds the release binaries, starts
# deploy/local/run.sh on spare ports, and runs the `bench` example against it, which prints
#   throughput: 1000 documents in S s = N documents/s; latency p50 .. ms, p99 .. ms
#   at 100 documents/s: 500 documents, latency p50 .. ms, p99 .. ms, max .. ms
# Arguments are passed to the example (e.g. --documents 5000 --rate 200 --in-flight 128).
# Environment: NATS_PORT (default 14222), GRPC_PORT (default 51051), METRICS_PORT (default
# 19091), BUDGET_CONCURRENCY, ...
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

export NATS_PORT=${NATS_PORT:-14222}
export GRPC_PORT=${GRPC_PORT:-51051}
export METRICS_PORT=${METRICS_PORT:-19091}
export RUST_LOG=${RUST_LOG:-warn}
cargo build --release --quiet -p budget-pipeline --bins --example bench
export BIN_DIR=${CARGO_TARGET_DIR:-target}/release
LOG_DIR=$(mktemp -d)
export LOG_DIR

deploy/local/run.sh &
run_pid=$!
trap 'kill -TERM $run_pid 2>/dev/null; wait $run_pid 2>/dev/null; rm -rf "$LOG_DIR"' EXIT

# Ready when all four gRPC servers listen (they start after the topology exists).
for port in $(seq "$GRPC_PORT" $((GRPC_PORT + 3))); do
    for _ in $(seq 200); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.1
    done
done
sleep 0.5

"$BIN_DIR/examples/bench" --nats "nats://127.0.0.1:$NATS_PORT" --samples ../shared/samples "$@"
