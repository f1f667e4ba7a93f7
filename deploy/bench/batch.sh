#!/usr/bin/env bash
# Batch benchmark (issue 15; not a test): one `budget-audit check` process over a whole directory,
# on one thread and on JOBS threads (`--jobs`), then the JSON throughput on the samples.
#   1. `check --format json CORPUS` with --jobs 1 and with --jobs JOBS: both wall times and the
#      speed-up (target: at least 1.8x with 2 jobs on 2 cores). The two outputs must be the same
#      bytes: the order of results does not depend on the number of threads.
#   2. `check --format json --jobs 1` on COPIES copies of each sample document: documents per
#      second on one core (target: at least 1,500).
# Builds the release binary first unless BUDGET_AUDIT names one. Environment: CORPUS (default
# ../shared/corpus), SAMPLES (default ../shared/samples), JOBS (default 2), RUNS (timed runs of
# each, the best kept; default 3), COPIES (default 250).
# Usage: deploy/bench/batch.sh
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

CORPUS=${CORPUS:-../shared/corpus}
SAMPLES=${SAMPLES:-../shared/samples}
JOBS=${JOBS:-2}
RUNS=${RUNS:-3}
COPIES=${COPIES:-250}
if [[ -z ${BUDGET_AUDIT:-} ]]; then
    cargo build --release --quiet -p budget-audit
    BUDGET_AUDIT=${CARGO_TARGET_DIR:-target}/release/budget-audit
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The least wall time of RUNS runs of `check --format json --jobs $1 $2`, in seconds; the output
# of the last run is left in $work/out-$1.json. A run may exit 1 (errors found), not 2 or more.
best() {
    local jobs=$1 dir=$2 best='' start end t status
    for _ in $(seq "$RUNS"); do
        start=$(date +%s.%N)
        status=0
        "$BUDGET_AUDIT" check --format json --jobs "$jobs" "$dir" >"$work/out-$jobs.json" \
            2>"$work/err" || status=$?
        end=$(date +%s.%N)
        if ((status > 1)); then
            echo "budget-audit failed ($status):" >&2
            cat "$work/err" >&2
            exit 2
        fi
        t=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
        if [[ -z $best ]] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then
            best=$t
        fi
    done
    echo "$best"
}

documents() { wc -l <"$1" | tr -d ' '; }

one=$(best 1 "$CORPUS")
many=$(best "$JOBS" "$CORPUS")
cmp -s "$work/out-1.json" "$work/out-$JOBS.json" ||
    { echo "the reports differ between --jobs 1 and --jobs $JOBS" >&2; exit 1; }
n=$(documents "$work/out-1.json")
echo "corpus: $n documents in $CORPUS, best of $RUNS runs"
echo "  --jobs 1:     ${one} s"
echo "  --jobs $JOBS:     ${many} s"
awk -v a="$one" -v b="$many" -v j="$JOBS" \
    'BEGIN { printf "  speed-up:     %.2fx with %d jobs (target: 1.8x with 2)\n", a / b, j }'

mkdir "$work/samples"
for file in "$SAMPLES"/*.txt; do
    base=$(basename "$file" .txt)
    for i in $(seq "$COPIES"); do
        cp "$file" "$work/samples/$base-$i.txt"
    done
done
t=$(best 1 "$work/samples")
n=$(documents "$work/out-1.json")
awk -v n="$n" -v t="$t" 'BEGIN {
    printf "samples: %d documents (copies), --jobs 1: %.3f s, %.0f documents/s on one core (target: 1,500)\n", n, t, n / t
}'
