#!/usr/bin/env bash
# Runs each fuzz target for TIME seconds (default 600), JOBS at a time (default 2), from
# the committed seeds plus a scratch working corpus (corpus-work/, not committed), and
# writes each run's log to LOGDIR (default campaign-logs/). The summary lines
# (executions, coverage, features, corpus, RSS) are what fuzz/RUNS.md tabulates:
#   cargo +nightly fuzz build && bash run_campaign.sh [TIME] [JOBS] [target...]
# It runs the binaries `cargo fuzz build` made (the same libFuzzer + AddressSanitizer
# build `cargo fuzz run` uses), so every target of a campaign fuzzes the same code even
# if the tree changes meanwhile.
set -euo pipefail
cd "$(dirname "$0")"
time=${1:-600}; jobs=${2:-2}; shift $(( $# > 2 ? 2 : $# )) || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets < <(cargo +nightly fuzz list); fi
logdir=${LOGDIR:-campaign-logs}
mkdir -p "$logdir"
run_one() {
    local target=$1
    mkdir -p "corpus-work/$target" "artifacts/$target"
    "target/x86_64-unknown-linux-gnu/release/$target" "corpus-work/$target" "corpus/$target" \
        -artifact_prefix="artifacts/$target/" -max_total_time="$time" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        > "$logdir/$target.log" 2>&1 || echo "exit $? (finding?)" >> "$logdir/$target.log"
}
export -f run_one; export time logdir
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'
for target in "${targets[@]}"; do
    log="$logdir/$target.log"
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    echo "$target | executions ${execs:-?} | last: $last | $(grep -cE 'ERROR|SUMMARY|crash-|timeout-|oom-' "$log") finding lines"
done
