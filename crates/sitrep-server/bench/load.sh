#!/usr/bin/env bash
# Load test of `sitrep serve` (a benchmark, not a test: it asserts nothing).
#
# Builds a store of 100,000 synthetic events (examples/gen_store.rs) once,
# starts the server on a free loopback port, warms it for 5 s, then runs
# wrk against GET /api/events for 60 s with the request mix in events.lua,
# sampling the server's resident memory every 5 s. Loopback only; the run
# is bounded by LOAD_SECONDS and stops by itself.
#
#   bash crates/sitrep-server/bench/load.sh
#
# Needs: wrk (apt-get install -y wrk). Knobs: LOAD_DB, LOAD_EVENTS (100000),
# LOAD_SECONDS (60), LOAD_CONNECTIONS (32), LOAD_THREADS (1).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
events="${LOAD_EVENTS:-100000}"
db="${LOAD_DB:-$target/load-$events.db}"
secs="${LOAD_SECONDS:-60}"
conns="${LOAD_CONNECTIONS:-32}"
threads="${LOAD_THREADS:-1}"
command -v wrk >/dev/null || { echo "load.sh: needs wrk (apt-get install -y wrk)" >&2; exit 1; }

cd "$repo"
cargo build --release -q -p sitrep -p sitrep-server --example gen_store
if [ ! -f "$db" ]; then
  "$target/release/examples/gen_store" "$db" "$events"
fi

log="$(mktemp)"
"$target/release/sitrep" serve --db "$db" --addr 127.0.0.1:0 2>"$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n 1 || true)"
  [ -n "$url" ] && break
  sleep 0.2
done
[ -n "$url" ] || { cat "$log" >&2; echo "load.sh: the server did not start" >&2; exit 1; }
echo "server $url (pid $pid) on $db; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "$url/api/stats" | head -c 300; echo

rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
wrk -t"$threads" -c"$conns" -d5s -s "$here/events.lua" "$url" >/dev/null
echo "after warm-up: RSS $(rss) kB"
samples=()
( for _ in $(seq 1 $((secs / 5))); do sleep 5; echo "$(rss)"; done ) > "$log.rss" &
sampler=$!
wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "$here/events.lua" "$url" | grep -E "RESULT|Socket errors|Non-2xx" || true
wait "$sampler" || true
mapfile -t samples < "$log.rss"
rm -f "$log.rss"
echo "RSS every 5 s (kB): ${samples[*]}"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other processes share these cores)"
