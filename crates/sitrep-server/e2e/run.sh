#!/usr/bin/env bash
# Browser end-to-end tests of `sitrep serve` in Debian's headless Chromium.
#
#   bash crates/sitrep-server/e2e/run.sh
#
# Needs node >= 20 and npm, Debian's chromium (/usr/bin/chromium:
# apt-get install -y chromium; CHROMIUM names another) and a release build
# of sitrep. SITREP_BIN names the binary to test; otherwise it is
# $CARGO_TARGET_DIR/release/sitrep (target/ by default), built here when it
# is missing or older than the web UI's assets, so CI reuses the binary of
# its `cargo build --release`. Installs playwright-core from
# package-lock.json into this folder's node_modules (npm ci) when it is
# missing or another version (it downloads no browser). Screenshots go to
# E2E_SCREENSHOTS (default: a folder under the system's temporary
# directory, printed at the end); E2E_KEEP=1 keeps the test store.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
chromium="${CHROMIUM:-/usr/bin/chromium}"
export E2E_SCREENSHOTS="${E2E_SCREENSHOTS:-${TMPDIR:-/tmp}/sitrep-e2e-screenshots}"

if [ ! -x "$chromium" ]; then
  echo "e2e: needs Debian's chromium at $chromium (apt-get install -y chromium, or set CHROMIUM)" >&2
  exit 1
fi
command -v node >/dev/null && command -v npm >/dev/null || { echo "e2e: needs node >= 20 and npm" >&2; exit 1; }

if [ -n "${SITREP_BIN:-}" ]; then
  [ -x "$SITREP_BIN" ] || { echo "e2e: SITREP_BIN=$SITREP_BIN is not an executable" >&2; exit 1; }
else
  export SITREP_BIN="$target/release/sitrep"
  # The UI is compiled into the binary: a binary older than an asset
  # would test the old UI.
  if [ ! -x "$SITREP_BIN" ] || [ -n "$(find "$repo/crates/sitrep-server/assets" -newer "$SITREP_BIN" -print -quit)" ]; then
    echo "e2e: building $SITREP_BIN" >&2
    (cd "$repo" && cargo build --release -p sitrep)
  fi
fi

cd "$here"
want="$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version')"
have="$(node -p 'try { require("./node_modules/playwright-core/package.json").version } catch { "" }')"
if [ "$want" != "$have" ]; then
  npm ci --no-audit --no-fund
fi
export CHROMIUM="$chromium"
node --test --test-concurrency=1 e2e.test.mjs
echo "e2e: screenshots in $E2E_SCREENSHOTS"
