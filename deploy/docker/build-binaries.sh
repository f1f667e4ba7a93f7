#!/usr/bin/env bash
# Builds the binaries of the image (the four services and the CLI with its service client) in the
# `dist` profile (release with fat LTO and one codegen unit, Cargo.toml) and copies
# them into OUT_DIR. The Dockerfile's build stage and .ci/run both call this, so CI builds
# exactly what the image ships; then each binary is run once (`--help`) to prove it starts.
# Usage: deploy/docker/build-binaries.sh OUT_DIR
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=${1:?usage: build-binaries.sh OUT_DIR}
binaries=(ingest parse reconcile report budget-audit)

cargo build --profile dist --locked -p budget-pipeline --bins -p budget-audit --features budget-audit/services
mkdir -p "$out"
target=${CARGO_TARGET_DIR:-target}/dist
for binary in "${binaries[@]}"; do
    cp "$target/$binary" "$out/"
    "$out/$binary" --help >/dev/null
done
echo "build-binaries: ${binaries[*]} in $out"
