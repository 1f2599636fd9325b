#!/bin/sh
# Builds every fuzz target and runs each for a while, one at a time, on one
# core. CI calls it with a short time; docs/fuzzing.md has the long runs.
# Usage: fuzz/smoke.sh [SECONDS per target, default 60] [TARGET...]
# Needs cargo-fuzz and a nightly toolchain (or RUSTC_BOOTSTRAP=1, see
# docs/fuzzing.md). Exits non-zero when a target crashes; the crashing
# input is left in fuzz/artifacts/<target>/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
secs=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-repair html warc feed jsonl csv text lexicon analyze server}
cd "$here"
sh "$here/seed.sh" > /dev/null
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
toolchain=${FUZZ_TOOLCHAIN:-+nightly}
cargo $toolchain fuzz build -O 2>&1 | tail -n 3
failed=""
for t in $targets; do
    echo "== $t: ${secs}s"
    mkdir -p "artifacts/$t" logs
    if cargo $toolchain fuzz run -O "$t" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -max_len=262144 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 > "logs/$t.log" 2>&1; then
        grep -E '^#[0-9]+ *DONE|stat::number_of_executed_units' "logs/$t.log" | tail -n 2
    else
        echo "!! $t failed: see fuzz/logs/$t.log and fuzz/artifacts/$t/"
        grep -E 'panicked|ERROR|SUMMARY' "logs/$t.log" | head -n 5
        failed="$failed $t"
    fi
done
[ -z "$failed" ] || { echo "crashed:$failed"; exit 1; }
echo "all targets ran without a crash"
