#!/usr/bin/env bash
# The Spark tests (contrib/spark), as CI runs them after
# `cargo test --release --workspace`: the job in Spark local[2] on samples
# of ../shared/corpus, compared with `sitrep code` and the store.
#
# The binary: $SITREP_BIN, else $CARGO_TARGET_DIR/release/sitrep, else
# target/release/sitrep at the repository root (built with
# `cargo build --release -p sitrep` only when none of these exists).
# Java 17 is installed with apt-get if missing; pyspark, pyarrow and pytest
# with pip if they do not import.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -z "${SITREP_BIN:-}" ]; then
    SITREP_BIN="$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/sitrep"
fi
if [ ! -x "$SITREP_BIN" ]; then
    echo "contrib/spark/ci.sh: no binary at $SITREP_BIN; building it" >&2
    cargo build --release -p sitrep
    SITREP_BIN="$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/sitrep"
fi
export SITREP_BIN

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then
    apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless
fi

if ! python3 -c 'import pyspark, pyarrow, pytest' >/dev/null 2>&1; then
    pkgs=("pyspark>=4.0,<5" "pyarrow>=15" "pytest>=8")
    python3 -m pip install --quiet --disable-pip-version-check "${pkgs[@]}" \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${pkgs[@]}"
fi

exec python3 -m pytest -q -p no:cacheprovider contrib/spark/tests
