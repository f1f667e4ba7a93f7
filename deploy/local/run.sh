#!/usr/bin/env bash
# Runs the whole pipeline on this machine, in the foreground: nats-server with JetStream and one
# process of each service (ingest, parse, reconcile, report). Ctrl-C or SIGTERM stops the
# services first (they finish or nak what they hold), then the server, also when the terminal
# signals the whole process group.
#
#   deploy/local/run.sh                     # then, in another terminal:
#   budget-audit watch --format json        # results as they arrive
#   budget-audit publish ../shared/samples/*.txt
#
# Environment:
#   NATS_PORT   client port of nats-server (default 4222)
#   LOG_DIR     write each process's log to LOG_DIR/NAME.log instead of the terminal
#   DATA_DIR    JetStream store directory (default: a new temporary directory, removed at exit)
#   BIN_DIR     where the service binaries are (default: build them with cargo --release)
#   GRPC_HOST   address the gRPC servers listen on (default 127.0.0.1)
#   GRPC_PORT   first gRPC port: ingest, parse, reconcile, report get it and the next three
#               (default 50051)
#   METRICS_PORT first /metrics port (Prometheus): ingest, parse, reconcile, report get it and
#               the next three, on GRPC_HOST (default 9091)
#   LOG_FORMAT  text (default) or json
#   OTEL_EXPORTER_OTLP_ENDPOINT  export traces there (OTLP/gRPC, e.g. http://127.0.0.1:4317)
#   RUST_LOG    log level of the services (default info)
#   STOP_TIMEOUT seconds the services get to stop before they are killed (default 30)
# Any other configuration of the services goes through their environment variables
# (BUDGET_CONCURRENCY, BUDGET_ACK_WAIT, ...; see README.md, "Services").
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

NATS_PORT=${NATS_PORT:-4222}
GRPC_HOST=${GRPC_HOST:-127.0.0.1}
GRPC_PORT=${GRPC_PORT:-50051}
METRICS_PORT=${METRICS_PORT:-9091}
LOG_DIR=${LOG_DIR:-}
export RUST_LOG=${RUST_LOG:-info}
export NATS_URL="nats://127.0.0.1:${NATS_PORT}"

command -v nats-server >/dev/null || { echo "run.sh: nats-server is not installed (Debian: apt-get install nats-server)" >&2; exit 1; }
command -v pdftotext >/dev/null || echo "run.sh: pdftotext is not installed: PDF documents will fail (Debian: apt-get install poppler-utils)" >&2

if [[ -z ${BIN_DIR:-} ]]; then
    cargo build --release --quiet -p budget-pipeline --bins -p budget-audit --features budget-audit/services
    BIN_DIR=${CARGO_TARGET_DIR:-target}/release
fi

remove_data=
if [[ -z ${DATA_DIR:-} ]]; then
    DATA_DIR=$(mktemp -d)
    remove_data=$DATA_DIR
fi
[[ -n $LOG_DIR ]] && mkdir -p "$LOG_DIR"

nats_pid=
service_pids=()
# How long stopping may take: the services' shutdown timeout (BUDGET_SHUTDOWN_TIMEOUT, 20 s by
# default) and a margin; a service still running then is killed.
STOP_TIMEOUT=${STOP_TIMEOUT:-30}

# Stops the services (they finish or nak what they hold), then nats-server. A second Ctrl-C or
# SIGTERM while stopping is ignored, so that nothing is left running.
stop() {
    trap '' INT TERM
    trap - EXIT
    if ((${#service_pids[@]} > 0)); then
        echo "run.sh: stopping the services, then nats-server (at most ${STOP_TIMEOUT} s)" >&2
        kill -TERM "${service_pids[@]}" 2>/dev/null || true
        local deadline=$((SECONDS + STOP_TIMEOUT))
        while kill -0 "${service_pids[@]}" 2>/dev/null && ((SECONDS < deadline)); do
            sleep 0.1
        done
        kill -KILL "${service_pids[@]}" 2>/dev/null || true
        wait "${service_pids[@]}" 2>/dev/null || true
    fi
    if [[ -n $nats_pid ]]; then
        kill -TERM "$nats_pid" 2>/dev/null || true
        wait "$nats_pid" 2>/dev/null || true
    fi
    [[ -n $remove_data ]] && rm -rf "$remove_data"
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

# Starts "$@" in the background with its output in LOG_DIR/NAME.log or prefixed with [NAME].
# Each process gets a session of its own (setsid): Ctrl-C in a terminal signals the whole
# foreground process group, and only this script may stop them, in order. The prefixing `sed`
# ignores SIGINT and ends when its process's output closes, so that the last lines still show.
start() {
    local name=$1
    shift
    if [[ -n $LOG_DIR ]]; then
        setsid "$@" >"$LOG_DIR/$name.log" 2>&1 &
    else
        setsid "$@" > >(
            trap '' INT
            exec sed -u "s/^/[$name] /"
        ) 2>&1 &
    fi
}

start nats-server nats-server -js -a 127.0.0.1 -p "$NATS_PORT" -sd "$DATA_DIR"
nats_pid=$!
for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$NATS_PORT") 2>/dev/null && break
    sleep 0.1
done

port=$GRPC_PORT
metrics_port=$METRICS_PORT
for service in ingest parse reconcile report; do
    start "$service" "$BIN_DIR/$service" --grpc-addr "$GRPC_HOST:$port" \
        --metrics-addr "$GRPC_HOST:$metrics_port"
    service_pids+=($!)
    port=$((port + 1))
    metrics_port=$((metrics_port + 1))
done

echo "run.sh: nats-server on $NATS_URL, ingest/parse/reconcile/report up (gRPC ${GRPC_HOST}:${GRPC_PORT}-$((GRPC_PORT + 3)), /metrics ${GRPC_HOST}:${METRICS_PORT}-$((METRICS_PORT + 3))); Ctrl-C stops" >&2
# In the foreground until one of them exits (or a signal arrives).
set +e
wait -n "$nats_pid" "${service_pids[@]}"
status=$?
echo "run.sh: a process exited (status $status); stopping the rest" >&2
exit "$status"
