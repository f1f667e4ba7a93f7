#!/usr/bin/env bash
# Corpus benchmark (issue 12; not a test): `budget-audit check` on every PDF of the corpus against
# `pdftotext -layout` on the same files, both on JOBS processes at a time (default 2: the two
# cores of the development machine), the largest files first. Prints both wall times and their
# ratio (target: check within 2x of pdftotext -layout; the CPU times too, which a machine busy
# with other work disturbs less), then the peak memory of checking the
# 171-page document (target: under 200 MB), measured two ways:
#   * /usr/bin/time -v "Maximum resident set size": the largest of budget-audit and of each
#     pdftotext child it waited for, each process alone (Linux reports the maximum over the
#     process tree, not the sum of processes alive at once);
#   * the process tree sampled every 10 ms: budget-audit and its pdftotext child together.
# Builds the release binary first unless BUDGET_AUDIT names one. Environment: CORPUS (default
# ../shared/corpus), JOBS (default 2), BIG (default sn-xian-wjw-2022-final.pdf), RUNS (timed runs
# of each side, the best kept; default 3).
# Usage: deploy/bench/corpus.sh
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

CORPUS=${CORPUS:-../shared/corpus}
JOBS=${JOBS:-2}
BIG=${BIG:-sn-xian-wjw-2022-final.pdf}
RUNS=${RUNS:-3}
if [[ -z ${BUDGET_AUDIT:-} ]]; then
    cargo build --release --quiet -p budget-audit
    BUDGET_AUDIT=${CARGO_TARGET_DIR:-target}/release/budget-audit
fi
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is needed" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time (Debian package time) is needed" >&2; exit 2; }

# The PDFs, largest first, so that the last one to start is a small one.
mapfile -d '' files < <(find "$CORPUS" -maxdepth 1 -name '*.pdf' -printf '%s %p\0' |
    sort -z -n -r | cut -z -d' ' -f2-)
((${#files[@]} > 0)) || { echo "no PDF in $CORPUS" >&2; exit 2; }

# Runs the shell command $1 on every file ($1 in it), JOBS at a time; prints the wall time and
# the CPU time (user + system, of every process) in seconds. It fails when the command does.
timed() {
    local log
    log=$(mktemp)
    printf '%s\0' "${files[@]}" |
        /usr/bin/time -o "$log" -f '%e %U %S' xargs -0 -n1 -P"$JOBS" sh -c "$1" sh
    awk '{ printf "%.3f %.3f", $1, $2 + $3 }' "$log"
    rm -f "$log"
}

# The best of RUNS runs (least wall time): "WALL CPU".
best() {
    local best='' t
    for _ in $(seq "$RUNS"); do
        t=$(timed "$1")
        if [[ -z $best ]] || awk -v t="${t%% *}" -v b="${best%% *}" 'BEGIN { exit !(t < b) }'; then
            best=$t
        fi
    done
    echo "$best"
}

echo "corpus: ${#files[@]} PDFs in $CORPUS, $JOBS at a time, best of $RUNS runs"
result=$(best 'pdftotext -layout -enc UTF-8 -q "$1" - >/dev/null')
read -r pdf pdf_cpu <<<"$result"
# check exits 1 when it reports errors, which is no failure here; 2 (a file it could not read) is.
export BUDGET_AUDIT
result=$(best '"$BUDGET_AUDIT" check --format json "$1" >/dev/null; [ $? -le 1 ]')
read -r check check_cpu <<<"$result"
printf 'pdftotext -layout:  %6.2f s wall, %6.2f s CPU\n' "$pdf" "$pdf_cpu"
printf 'budget-audit check: %6.2f s wall, %6.2f s CPU\n' "$check" "$check_cpu"
awk -v c="$check" -v p="$pdf" -v cc="$check_cpu" -v pc="$pdf_cpu" \
    'BEGIN { printf "ratio: %.2fx wall (target <= 2x), %.2fx CPU\n", c / p, cc / pc }'

big="$CORPUS/$BIG"
if [[ -f $big ]]; then
    log=$(mktemp)
    trap 'rm -f "$log"' EXIT
    /usr/bin/time -v "$BUDGET_AUDIT" check --format json "$big" >/dev/null 2>"$log" || true
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    printf '%s: peak RSS %d MB (time -v: the largest single process of budget-audit and its pdftotext children)\n' \
        "$BIG" $((rss / 1024))
    # The tree together: budget-audit plus whatever child it runs at that moment.
    "$BUDGET_AUDIT" check --format json "$big" >/dev/null &
    pid=$!
    peak=0
    while kill -0 "$pid" 2>/dev/null; do
        sum=0
        for p in $pid $(pgrep -P "$pid" || true); do
            kb=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
            sum=$((sum + ${kb:-0}))
        done
        ((sum > peak)) && peak=$sum
        sleep 0.01
    done
    wait "$pid" || true
    printf '%s: peak RSS %d MB (sampled: budget-audit and its pdftotext child together; target < 200 MB)\n' \
        "$BIG" $((peak / 1024))
fi
