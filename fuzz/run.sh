#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 60 s each: `fuzz/run.sh 300` for 5 min) and
# copies what libFuzzer found into fuzz/regressions/, which `cargo test` replays
# (tests/fuzz_regressions.rs). Needs cargo-fuzz (`cargo install cargo-fuzz`)
# and nightly features: a nightly toolchain when one is installed, else the stable one with
# RUSTC_BOOTSTRAP=1 (which unlocks them). Without cargo-fuzz it says so and exits 0, so that it
# can sit in a bench script. CI does not run it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
seconds="${1:-60}"
if cargo +nightly --version >/dev/null 2>&1 && cargo +nightly fuzz --version >/dev/null 2>&1; then
    fuzz=(cargo +nightly fuzz)
elif cargo fuzz --version >/dev/null 2>&1; then
    # Only a stable toolchain: let it use the nightly flags cargo-fuzz passes (-Z sanitizer).
    export RUSTC_BOOTSTRAP=1
    fuzz=(cargo fuzz)
else
    echo "fuzz: needs cargo-fuzz (cargo install cargo-fuzz); skipped"
    exit 0
fi
# Seed the corpus with the samples, so that the fuzzer starts from real documents.
for target in parse input; do
    mkdir -p "corpus/$target"
    cp ../../shared/samples/*.txt "corpus/$target/" 2>/dev/null || true
done
status=0
for target in parse input; do
    echo "fuzz: $target for ${seconds}s"
    if ! "${fuzz[@]}" run "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10; then
        status=1
    fi
    for found in artifacts/"$target"/*; do
        [[ -e "$found" ]] || continue
        cp "$found" "regressions/$target-$(basename "$found")"
        echo "fuzz: kept $found as regressions/$target-$(basename "$found")"
    done
done
exit "$status"
