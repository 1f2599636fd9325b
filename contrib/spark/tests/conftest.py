"""Fixtures for the Spark tests: the sitrep binary, a sample of the shared
corpus laid out as input files (read at run time, never stored in the
repository), a Spark session in local[2] mode, and the single-machine
results (direct `sitrep code`, and `sitrep ingest` into a store) to compare
the Spark job with."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SPARK_DIR = HERE.parent
REPO = SPARK_DIR.parent.parent
sys.path.insert(0, str(SPARK_DIR))

#: Records taken from each sampled corpus file (a few hundred documents in all).
REUTERS_PER_FILE = int(os.environ.get("SITREP_SPARK_REUTERS_PER_FILE", "100"))


def _shared() -> Path:
    p = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared"))
    if not (p / "corpus").is_dir():
        pytest.fail(f"{p}/corpus: the shared corpus is missing (set SITREP_SHARED)")
    return p


def _binary() -> Path:
    """The sitrep binary: $SITREP_BIN, else the workspace's release build."""
    given = os.environ.get("SITREP_BIN")
    candidates = [Path(given)] if given else [REPO / "target" / "release" / "sitrep"]
    for c in candidates:
        if c.is_file():
            return c
    pytest.fail(
        f"no sitrep binary at {', '.join(map(str, candidates))}: run `cargo build --release -p sitrep` "
        "or set SITREP_BIN"
    )


@pytest.fixture(scope="session")
def sitrep_bin() -> Path:
    b = _binary()
    help_text = subprocess.run([str(b), "code", "--help"], capture_output=True, text=True).stdout
    if "--documents" not in help_text:
        pytest.fail(f"{b}: too old (no `sitrep code --documents`); rebuild it")
    return b


def _jsonl(path: Path, n: int | None = None, keep=lambda r: True) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            if keep(r):
                out.append(r)
                if n is not None and len(out) >= n:
                    break
    return out


def _write(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    """Input files made at run time from the shared corpus: Reuters and
    Guardian articles with URLs, then copies that exercise the store's
    cross-document steps: the same texts at other URLs (new articles of a
    stored document), the same texts at the same URLs (nothing new), and
    reworded copies (near duplicates that join a story)."""
    corpus = _shared() / "corpus"
    d = tmp_path_factory.mktemp("inputs")
    guardian = _jsonl(corpus / "guardian-2019" / "guardian-2019.dev.jsonl")
    for g in guardian:
        g["url"] = f"https://www.theguardian.com/world/2019/{g['id']}"
    half = len(guardian) // 2
    _write(d / "a-guardian-1.jsonl", guardian[:half])
    _write(d / "a-guardian-2.jsonl", guardian[half:])
    reuters = []
    for i, part in enumerate(("part00", "part03", "part06")):
        recs = _jsonl(
            corpus / "reuters21578" / f"reuters21578.articles.{part}.jsonl",
            REUTERS_PER_FILE,
            keep=lambda r: len(r.get("body") or "") > 200,
        )
        for r in recs:
            r["id"] = f"reuters-{r['newid']}"
            r["url"] = f"https://www.reuters.com/article/{r['newid']}"
        _write(d / f"b-reuters-{i + 1}.jsonl", recs)
        reuters.extend(recs)
    copies = []
    for g in guardian[:15]:
        copies.append(dict(g, id=g["id"] + "-rt", url=f"https://www.rt.com/news/{g['id']}"))
    for g in guardian[15:20]:
        copies.append(dict(g, id=g["id"] + "-again"))
    for r in reuters[::20][:15]:
        words = r["body"].split()
        reworded = "NEW YORK (Wire) - " + " ".join(words[: max(12, len(words) * 9 // 10)])
        copies.append(dict(r, id=r["id"] + "-wire", body=reworded, url=f"https://www.aljazeera.com/news/{r['newid']}"))
    _write(d / "c-copies.jsonl", copies)
    return d


@pytest.fixture(scope="session")
def direct(sitrep_bin, sample) -> list[str]:
    """`sitrep code` run directly on the sample: its output lines."""
    r = subprocess.run([str(sitrep_bin), "code", str(sample)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return [line for line in r.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def store(sitrep_bin, sample, tmp_path_factory) -> dict:
    """The single-machine store on the same files: its Parquet export (every
    mention), claim ledger, documents' stories and clusters."""
    d = tmp_path_factory.mktemp("store")
    db = d / "sitrep.db"
    run = lambda *a: subprocess.run([str(sitrep_bin), *a], capture_output=True, text=True)  # noqa: E731
    r = run("ingest", "--db", str(db), str(sample))
    assert r.returncode == 0, r.stderr
    r = run("export", "--db", str(db), "--format", "parquet", "--all-mentions", "--out", str(d / "all.parquet"))
    assert r.returncode == 0, r.stderr
    r = run("export", "--db", str(db), "--format", "parquet", "--out", str(d / "records.parquet"))
    assert r.returncode == 0, r.stderr
    r = run("claims", "--db", str(db), "--format", "json")
    assert r.returncode == 0, r.stderr
    claims = json.loads(r.stdout)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        stories = dict(con.execute("SELECT rowid, story FROM documents").fetchall())
        clusters = con.execute("SELECT id, event, first_day, last_day, events, stories FROM clusters").fetchall()
        story_rows = con.execute("SELECT id, documents, articles, sources, first_day, last_day FROM stories").fetchall()
    finally:
        con.close()
    return {
        "all": d / "all.parquet",
        "records": d / "records.parquet",
        "claims": claims,
        "doc_story": stories,
        "clusters": clusters,
        "stories": story_rows,
    }


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    s = (
        SparkSession.builder.master("local[2]")
        .appName("sitrep-spark-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    yield s
    s.stop()


@pytest.fixture(scope="session")
def spark_run(spark, sitrep_bin, sample, tmp_path_factory) -> dict:
    """The Spark job on the sample, both stages, in local[2]."""
    import sitrep_spark

    out = tmp_path_factory.mktemp("spark-out")
    coded = sitrep_spark.code(spark, [str(sample)], str(out), sitrep=str(sitrep_bin), partitions=3)
    result = sitrep_spark.corpus(spark, str(out))
    result["coded"] = coded
    result["out"] = out
    yield result
    shutil.rmtree(out, ignore_errors=True)
