#!/bin/sh
# The long runs: each target in turn for MINUTES, ROUNDS times, one
# libFuzzer process at a time (the machine is shared), appending the CPU
# time each run used to fuzz/logs/cpu.tsv (target, seconds of wall clock,
# user CPU, system CPU, exit status). The binaries must be built first
# (`cargo +nightly fuzz build -O`, see docs/fuzzing.md); a crash stops that
# target's run and leaves the input in fuzz/artifacts/<target>/.
# MAX_LEN (bytes, default 262144) caps an input's size; 16384 runs the
# whole-page targets (html, text, analyze) several times faster.
# Usage: [MAX_LEN=N] fuzz/rotate.sh MINUTES ROUNDS [TARGET...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
minutes=${1:?minutes per run}
rounds=${2:?rounds}
shift 2
targets=${*:-repair html warc feed jsonl csv text lexicon analyze server}
bin=${CARGO_TARGET_DIR:-$here/target}/x86_64-unknown-linux-gnu/release
cd "$here"
mkdir -p logs
r=1
while [ "$r" -le "$rounds" ]; do
    for t in $targets; do
        mkdir -p "artifacts/$t" "corpus/$t"
        start=$(date +%s)
        /usr/bin/time -f "%U %S" -o "logs/$t.time" \
            "$bin/$t" "corpus/$t" -max_total_time=$((minutes * 60)) -timeout=30 -rss_limit_mb=2048 \
            -max_len=${MAX_LEN:-262144} -artifact_prefix="artifacts/$t/" -print_final_stats=1 > "logs/$t.$r.log" 2>&1
        status=$?
        end=$(date +%s)
        printf '%s\t%s\t%s\t%s\n' "$t" "$((end - start))" "$(tail -n 1 "logs/$t.time" | tr ' ' '\t')" "$status" >> logs/cpu.tsv
    done
    r=$((r + 1))
done
