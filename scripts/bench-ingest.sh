#!/usr/bin/env bash
# Ingest benchmark (issue 5): `sitrep ingest` of ../shared/corpus (all of
# it) against `sitrep code` of the same inputs to /dev/null.
#
# Reports documents/s, events/s, peak RSS (from /usr/bin/time -v) and the
# database size, then the time of a second, idempotent ingest of the same
# inputs. `sitrep code` and a fresh ingest alternate RUNS times (3 unless
# set) and the medians are reported, with the range: one run of either
# varies by a tenth on a shared machine. Figures depend on the machine and
# its load: run it on an idle machine, and report what it prints.
#
#   scripts/bench-ingest.sh                 # the whole corpus
#   CORPUS="path/a path/b" scripts/bench-ingest.sh
#   RUNS=5 scripts/bench-ingest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a CORPUS <<< "${CORPUS:-../shared/corpus}"
TARGET=${CARGO_TARGET_DIR:-target}
cargo build --release -p sitrep >&2
BIN=$TARGET/release/sitrep
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/bench.db

# wall seconds, CPU seconds (user + system) and peak RSS (KB) of a
# command, from /usr/bin/time -v. On a shared machine the CPU seconds are
# the steadier figure.
measure() {
  local log=$1; shift
  /usr/bin/time -v "$@" 2> "$log" > /dev/null || { tail -5 "$log" >&2; exit 1; }
  local wall cpu rss
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  echo "$wall $cpu $rss"
}

RUNS=${RUNS:-3}
events=$("$BIN" code "${CORPUS[@]}" 2>/dev/null | wc -l)
: > "$WORK/code.runs"
: > "$WORK/ingest.runs"
for _ in $(seq "$RUNS"); do
  measure "$WORK/code.log" "$BIN" code "${CORPUS[@]}" >> "$WORK/code.runs"
  rm -f "$DB" "$DB-wal" "$DB-shm"
  measure "$WORK/ingest.log" "$BIN" ingest --db "$DB" "${CORPUS[@]}" >> "$WORK/ingest.runs"
done
read -r again_s again_cpu _ < <(measure "$WORK/again.log" "$BIN" ingest --db "$DB" "${CORPUS[@]}")
docs=$("$BIN" stats --json --db "$DB" | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
stored=$("$BIN" stats --json --db "$DB" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"])')
read_docs=$(grep -o '[0-9]* documents read' "$WORK/ingest.log" | awk '{print $1}')
size=$(du -b "$DB" | awk '{print $1}')

python3 - "$read_docs" "$docs" "$events" "$stored" "$again_s" "$again_cpu" "$size" "$WORK/code.runs" "$WORK/ingest.runs" <<'PY'
import statistics
import sys
read_docs, docs, events, stored = map(int, sys.argv[1:5])
again_s, again_cpu, size = map(float, sys.argv[5:8])
def runs(path):
    rows = [tuple(map(float, line.split())) for line in open(path) if line.strip()]
    return [statistics.median(col) for col in zip(*rows)], rows
(code_s, code_cpu, code_rss), code_runs = runs(sys.argv[8])
(ingest_s, ingest_cpu, ingest_rss), ingest_runs = runs(sys.argv[9])
print(f"inputs: {read_docs} documents read, {docs} stored, {stored} events stored ({events} from sitrep code)")
print(f"medians of {len(code_runs)} alternating runs of each:")
print(f"{'':24}{'wall s':>8}{'CPU s':>8}{'docs/s':>9}{'events/s':>10}{'peak RSS':>11}")
print(f"{'sitrep code > /dev/null':24}{code_s:8.2f}{code_cpu:8.2f}{read_docs/code_s:9.0f}{events/code_s:10.0f}{code_rss/1024:8.0f} MB")
print(f"{'sitrep ingest':24}{ingest_s:8.2f}{ingest_cpu:8.2f}{read_docs/ingest_s:9.0f}{stored/ingest_s:10.0f}{ingest_rss/1024:8.0f} MB")
print(f"{'ingest again (no-op)':24}{again_s:8.2f}{again_cpu:8.2f}")
walls = [i[0] / c[0] for c, i in zip(code_runs, ingest_runs)]
print(f"ingest / code: {ingest_s/code_s:.2f}x wall, {ingest_cpu/code_cpu:.2f}x CPU (medians); "
      f"run by run {min(walls):.2f}-{max(walls):.2f}x wall; database {size/1e6:.1f} MB")
PY
