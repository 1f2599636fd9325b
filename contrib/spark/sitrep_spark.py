"""sitrep as a stage in Apache Spark: code news over partitioned input.

Why this exists: one machine codes a day of news in minutes, but back-filling
years of web news needs a cluster. This driver does not build a distributed
system; it runs the ordinary ``sitrep`` binary inside the one people already
have.

Two stages, each a plain Spark job:

1. ``code`` (map only): the input files are listed on the driver, grouped
   into partitions in sorted order, and each partition runs
   ``sitrep code --documents`` as a subprocess (the binary is shipped with
   ``--files`` / ``SparkContext.addFile``; no Rust toolchain on the
   workers). The subprocess reads its files by path (``--read path``) or
   gets their bytes streamed into its standard input (``--read stream``,
   for ``hdfs://`` or ``s3a://`` inputs); its JSONL output is streamed back
   line by line. Events and the per-document records go to ``OUT/raw`` as
   Parquet.
2. ``corpus``: the store's cross-document steps as DataFrame jobs over
   ``OUT/raw``: exact and near-duplicate documents (MinHash LSH, the
   store's candidate rule), stories and their NumMentions / NumSources /
   NumArticles, event clusters (same actors, type and recipients within 7
   days) and the claim ledger. It writes ``OUT/events`` (the columns and
   types of ``sitrep export --format parquet``, partitioned by ``date``,
   every mention with ``story_record`` marking the story's record),
   ``OUT/stories``, ``OUT/clusters`` and ``OUT/claims``.

The definitions are the event store's (crates/sitrep-store): everything a
document decides alone (signature, outlet, keys, claim stands) is computed
by the binary with the store's own functions; only what needs the whole
corpus is done here. Documents are numbered in input order (sorted files,
records in file order), so on the same files the story, cluster and claim
numbers equal those of ``sitrep ingest`` into an empty store.

Usage::

    spark-submit --files target/release/sitrep contrib/spark/sitrep_spark.py \\
        run --out out/ /data/cc-news/2024/
    python3 contrib/spark/sitrep_spark.py run --master 'local[2]' \\
        --sitrep target/release/sitrep --out out/ ../shared/corpus/guardian-2019

Read the events back with :func:`read_events` (columns in export order).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterable, Iterator

HERE = Path(__file__).resolve().parent
EXPORT_COLUMNS_FILE = HERE / "export_columns.json"

#: Least estimated Jaccard similarity of two near duplicates (sitrep_store::dedup::THRESHOLD).
DEDUP_THRESHOLD = 0.5
#: Candidates examined per band and per document (the store's LIMIT 256).
MAX_CANDIDATES = 256
#: How far after a cluster's first event an event may fall (refresh::CLUSTER_WINDOW_DAYS).
CLUSTER_WINDOW_DAYS = 7

#: Documents of one partition unit are numbered below this; a unit is a
#: partition (``--read path``) or a file (``--read stream``).
UNIT_STRIDE = 1 << 32

EPOCH = datetime.date(1970, 1, 1)


class SitrepSparkError(RuntimeError):
    """A clear one-line failure: which input, which partition, why."""


# ---------------------------------------------------------------------------
# Columns


def export_columns() -> list[dict]:
    """The export's columns, in order, from export_columns.json."""
    with open(EXPORT_COLUMNS_FILE, encoding="utf-8") as f:
        return json.load(f)["columns"]


def spark_type(kind: str):
    from pyspark.sql import types as T

    return {
        "text": T.StringType(),
        "int": T.LongType(),
        "float": T.DoubleType(),
        "bool": T.BooleanType(),
        "date": T.DateType(),
        "text_list": T.ArrayType(T.StringType(), True),
    }[kind]


def export_schema():
    """The export's columns as a Spark schema (lists and booleans not null)."""
    from pyspark.sql import types as T

    return T.StructType(
        [
            T.StructField(c["name"], spark_type(c["kind"]), c["kind"] not in ("text_list", "bool"))
            for c in export_columns()
        ]
    )


#: Export columns that do not come from the event's JSON alone (the rest
#: need the corpus or the document record: story, cluster, counts, url,
#: outlet, tones, lexicon).
CORPUS_COLUMNS = (
    "story",
    "cluster",
    "story_record",
    "num_mentions",
    "num_sources",
    "num_articles",
    "url",
    "outlet",
    "outlet_country",
    "ownership",
    "tone",
    "sentence_tone",
    "lexicon_version",
)


def _f32(v):
    """A float as the store has it: the coder's f32 widened to f64."""
    if v is None:
        return None
    return struct.unpack("<f", struct.pack("<f", float(v)))[0]


def _float(v):
    return None if v is None else float(v)


def _day_to_date(day):
    return None if day is None else EPOCH + datetime.timedelta(days=int(day))


def flat_event(e: dict, day) -> dict:
    """The event-only export columns of one event (flat.rs ``From<&StoredEvent>``)."""

    def codes(v):
        return [a.get("code") or "" for a in v]

    def sectors(v):
        return [a.get("sector") or "" for a in v]

    def names(v):
        return [a.get("name") if a.get("name") is not None else a.get("entity_text", "") for a in v]

    def mag(m, bound):
        return None if not m or m.get(bound) is None else int(m[bound])

    actor, recipient = e.get("actor") or [], e.get("recipient") or []
    said = e.get("said_by")
    loc = e.get("event_loc")
    return {
        "id": e["id"],
        "doc_id": e["doc_id"],
        "date": _day_to_date(day),
        "event": e["event"],
        "mode": e.get("mode"),
        "context": list(e.get("context") or []),
        "cameo": e.get("cameo"),
        "quad_code": int(e.get("quad_code", 0)),
        "goldstein": _f32(e.get("goldstein")),
        "status": e["status"],
        "segment": e["segment"],
        "actor_codes": codes(actor),
        "actor_sectors": sectors(actor),
        "actor_names": names(actor),
        "recipient_codes": codes(recipient),
        "recipient_sectors": sectors(recipient),
        "recipient_names": names(recipient),
        "said_by": None if said is None else (said["name"] if said.get("name") is not None else said.get("entity_text")),
        "said_by_code": None if said is None else said.get("code"),
        "event_text": e.get("event_text", ""),
        "text": e.get("text", ""),
        "event_loc": None if loc is None else loc.get("name"),
        "event_loc_country": None if loc is None else loc.get("country"),
        "event_loc_lat": None if loc is None or loc.get("lat") is None else float(loc["lat"]),
        "event_loc_lon": None if loc is None or loc.get("lon") is None else float(loc["lon"]),
        "related": list(e.get("related") or []),
        "dead_min": mag(e.get("dead"), "min"),
        "dead_max": mag(e.get("dead"), "max"),
        "injured_min": mag(e.get("injured"), "min"),
        "injured_max": mag(e.get("injured"), "max"),
        "arrested_min": mag(e.get("arrested"), "min"),
        "arrested_max": mag(e.get("arrested"), "max"),
        "size_min": mag(e.get("size"), "min"),
        "size_max": mag(e.get("size"), "max"),
    }


def raw_schema():
    """Stage 1's rows: one per document record and one per event."""
    from pyspark.sql import types as T

    event_cols = [c for c in export_columns() if c["name"] not in CORPUS_COLUMNS]
    event = T.StructType(
        [T.StructField("idx", T.LongType(), False)]
        + [T.StructField(c["name"], spark_type(c["kind"]), True) for c in event_cols]
        + [
            T.StructField("day", T.LongType(), True),
            T.StructField("sig", T.StringType(), True),
            T.StructField("ckey", T.StringType(), True),
            T.StructField("claim_text", T.StringType(), True),
            T.StructField("sentence_tone", T.DoubleType(), True),
            T.StructField("json", T.StringType(), False),
        ]
    )
    document = T.StructType(
        [
            T.StructField("id", T.StringType(), False),
            T.StructField("doc_id", T.StringType(), True),
            T.StructField("url", T.StringType(), True),
            T.StructField("date", T.StringType(), True),
            T.StructField("day", T.LongType(), True),
            T.StructField("title", T.StringType(), True),
            T.StructField("outlet", T.StringType(), True),
            T.StructField("outlet_name", T.StringType(), True),
            T.StructField("outlet_country", T.StringType(), True),
            T.StructField("ownership", T.StringType(), True),
            T.StructField("source", T.StringType(), False),
            T.StructField("lexicon_version", T.StringType(), True),
            T.StructField("tone", T.DoubleType(), True),
            T.StructField("minhash", T.ArrayType(T.LongType(), False), True),
            T.StructField("bands", T.ArrayType(T.LongType(), False), True),
            T.StructField("events", T.LongType(), False),
            T.StructField("claims", T.StringType(), False),
        ]
    )
    return T.StructType(
        [
            T.StructField("ord", T.LongType(), False),
            T.StructField("document", document, True),
            T.StructField("event", event, True),
        ]
    )


# ---------------------------------------------------------------------------
# Inputs


def _has_scheme(p: str) -> bool:
    head = p.split("/", 1)[0]
    return head.endswith(":") and len(head) > 2 and not p.startswith("file:")


def list_inputs(paths: Iterable[str], spark=None) -> list[str]:
    """The files to read, in the order ``sitrep`` reads them: each path as
    given, directories walked recursively with entries sorted by name and
    hidden entries skipped. Paths with a scheme (``hdfs://``, ``s3a://``)
    are listed through Hadoop's FileSystem on the driver."""
    out: list[str] = []
    for p in paths:
        if _has_scheme(p):
            out.extend(_list_hadoop(p, spark))
            continue
        p = p[len("file:") :] if p.startswith("file:") else p
        if os.path.isdir(p):
            out.extend(_walk_local(p))
        elif os.path.isfile(p):
            out.append(os.path.abspath(p))
        else:
            raise SitrepSparkError(f"{p}: no such file or directory")
    return out


def _walk_local(d: str) -> list[str]:
    out = []
    for name in sorted(os.listdir(d)):
        if name.startswith("."):
            continue
        full = os.path.join(d, name)
        if os.path.isdir(full):
            if not os.path.islink(full):
                out.extend(_walk_local(full))
        elif os.path.isfile(full):
            out.append(os.path.abspath(full))
    return out


def _list_hadoop(p: str, spark) -> list[str]:
    if spark is None:
        raise SitrepSparkError(f"{p}: listing a Hadoop path needs a Spark session")
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(p)
    fs = path.getFileSystem(conf)

    def walk(q):
        st = fs.getFileStatus(q)
        if not st.isDirectory():
            return [q.toString()]
        names = sorted(s.getPath().getName() for s in fs.listStatus(q))
        out = []
        for n in names:
            if not n.startswith("."):
                out.extend(walk(jvm.org.apache.hadoop.fs.Path(q, n)))
        return out

    return walk(path)


def plan_partitions(files: list[str], partitions: int, sizes: list[int] | None = None) -> list[list[str]]:
    """Cuts the sorted file list into at most ``partitions`` contiguous
    groups of about equal size (bytes when known, else files), so that
    partition order is input order."""
    if not files:
        return []
    n = max(1, min(partitions, len(files)))
    weights = sizes if sizes and len(sizes) == len(files) else [1] * len(files)
    total = sum(max(w, 1) for w in weights)
    groups: list[list[str]] = [[] for _ in range(n)]
    acc = 0
    for f, w in zip(files, weights):
        w = max(w, 1)
        # The file goes where its middle byte falls.
        g = min(n - 1, (2 * acc + w) * n // (2 * total))
        groups[g].append(f)
        acc += w
    return [g for g in groups if g]


# ---------------------------------------------------------------------------
# Running the binary on an executor


def _binary(sitrep_name: str) -> str:
    """The shipped binary on this executor, made executable."""
    from pyspark import SparkFiles

    path = SparkFiles.get(sitrep_name)
    if not os.access(path, os.X_OK):
        try:
            os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError:
            copy = os.path.join(tempfile.mkdtemp(prefix="sitrep-bin-"), sitrep_name)
            shutil.copy(path, copy)
            os.chmod(copy, 0o755)
            path = copy
    return path


def _threads() -> str:
    from pyspark import TaskContext

    ctx = TaskContext.get()
    try:
        return str(max(1, int(ctx.cpus()))) if ctx is not None else "1"
    except Exception:  # older Spark without TaskContext.cpus()
        return "1"


def run_sitrep(
    binary: str,
    args: list[str],
    what: str,
    stdin_chunks: Iterable[bytes] | None = None,
    threads: str = "1",
) -> Iterator[str]:
    """Runs ``sitrep code --documents ARGS`` and yields its output lines as
    they come. ``stdin_chunks`` are written to its standard input from a
    thread (so neither pipe can fill up and block the other). A failed
    run raises with the input named and the end of sitrep's messages."""
    env = dict(os.environ, RAYON_NUM_THREADS=threads)
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [binary, "code", "--documents", *args],
        stdin=subprocess.PIPE if stdin_chunks is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=err,
        env=env,
    )
    feeder_error: list[BaseException] = []

    def feed():
        try:
            for chunk in stdin_chunks:
                proc.stdin.write(chunk)
        except BrokenPipeError:
            pass
        except BaseException as e:  # reported after the run
            feeder_error.append(e)
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    feeder = None
    if stdin_chunks is not None:
        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
    try:
        for line in proc.stdout:
            yield line.decode("utf-8")
    finally:
        proc.stdout.close()
        code = proc.wait()
        if feeder is not None:
            feeder.join()
        err.seek(0)
        messages = err.read().decode("utf-8", "replace")
        err.close()
        if messages:
            sys.stderr.write(messages)
    if feeder_error:
        raise SitrepSparkError(f"{what}: could not stream the input: {feeder_error[0]}")
    if code != 0:
        tail = " | ".join(messages.strip().splitlines()[-3:])
        raise SitrepSparkError(f"{what}: sitrep exited with status {code}: {tail}")


def records(lines: Iterable[str], unit: int, what: str) -> Iterator[tuple]:
    """Turns ``sitrep code --documents`` output into stage 1 rows
    ``(ord, document, event)``: each document line numbers the document
    (``unit * UNIT_STRIDE + n``) and the event lines after it belong to it."""
    ord_ = None
    doc_events: list = []
    n = -1
    idx = 0
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise SitrepSparkError(f"{what}: output line {lineno} is not JSON ({e})") from None
        doc = obj.get("document") if isinstance(obj, dict) else None
        if doc is not None:
            n += 1
            if n >= UNIT_STRIDE:
                raise SitrepSparkError(f"{what}: more than {UNIT_STRIDE} documents in one partition")
            ord_ = unit * UNIT_STRIDE + n
            doc_events = doc.get("events") or []
            idx = 0
            outlet = doc.get("outlet") or {}
            yield (
                ord_,
                (
                    doc["id"],
                    doc.get("doc_id"),
                    doc.get("url"),
                    doc.get("date"),
                    doc.get("day"),
                    doc.get("title"),
                    outlet.get("domain"),
                    outlet.get("name"),
                    outlet.get("country"),
                    outlet.get("ownership"),
                    doc.get("source") or "",
                    doc.get("lexicon_version"),
                    _float(doc.get("tone")),
                    doc.get("minhash"),
                    doc.get("bands"),
                    len(doc_events),
                    json.dumps(doc.get("claims") or [], ensure_ascii=False),
                ),
                None,
            )
            continue
        if ord_ is None:
            raise SitrepSparkError(f"{what}: an event before any document record (is the binary too old for --documents?)")
        if idx >= len(doc_events) or doc_events[idx].get("id") != obj.get("id"):
            raise SitrepSparkError(f"{what}: event {obj.get('id')!r} does not match its document record")
        meta = doc_events[idx]
        flat = flat_event(obj, meta.get("day"))
        yield (
            ord_,
            None,
            (
                idx,
                *flat.values(),
                meta.get("day"),
                meta.get("sig"),
                meta.get("ckey"),
                meta.get("claim_text"),
                _float(meta.get("sentence_tone")),
                line.rstrip("\n"),
            ),
        )
        idx += 1


def _code_paths(sitrep_name: str, extra: list[str]):
    """mapPartitionsWithIndex function: the partition's files read by path."""

    def run(index: int, it):
        files = [p for p in it]
        if not files:
            return
        what = f"partition {index} ({files[0]}{' …' if len(files) > 1 else ''})"
        lines = run_sitrep(_binary(sitrep_name), [*extra, *files], what, threads=_threads())
        yield from records(lines, index, what)

    return run


def _code_stream(sitrep_name: str, extra: list[str], index_of: dict):
    """flatMap function over ``binaryFiles``: one file's bytes streamed in."""

    def run(item):
        path, content = item
        unit = index_of.get(_norm(path))
        if unit is None:
            raise SitrepSparkError(f"{path}: not in the listed inputs")
        data = bytes(content)
        chunks = (data[i : i + (1 << 20)] for i in range(0, len(data), 1 << 20))
        lines = run_sitrep(_binary(sitrep_name), [*extra, "-"], path, stdin_chunks=chunks, threads=_threads())
        return records(lines, unit, path)

    return run


def _norm(p: str) -> str:
    for prefix in ("file://", "file:"):
        if p.startswith(prefix):
            return os.path.abspath(p[len(prefix) :])
    return p


# ---------------------------------------------------------------------------
# Stage 1: code


def code(
    spark,
    inputs: list[str],
    out: str,
    sitrep: str | None = None,
    partitions: int | None = None,
    read: str = "auto",
    input_format: str | None = None,
    max_doc_mb: int | None = None,
    lexicon: list[str] | None = None,
) -> dict:
    """Codes the inputs and writes ``OUT/raw`` (Parquet). Returns counts
    and the wall time. ``sitrep`` is a local binary to ship; without it the
    binary must have been shipped as ``--files .../sitrep``."""
    sc = spark.sparkContext
    started = time.time()
    _ship_module(sc)
    files = list_inputs(inputs, spark)
    if not files:
        raise SitrepSparkError("no input files")
    name = "sitrep"
    if sitrep:
        if not os.path.isfile(sitrep):
            raise SitrepSparkError(f"{sitrep}: no such binary (build it with cargo build --release -p sitrep)")
        name = os.path.basename(sitrep)
        sc.addFile(os.path.abspath(sitrep))
    extra: list[str] = []
    if input_format:
        extra += ["--input-format", input_format]
    if max_doc_mb:
        extra += ["--max-doc-mb", str(max_doc_mb)]
    for d in lexicon or []:
        extra += ["--lexicon", d]
    if read == "auto":
        read = "stream" if any(_has_scheme(f) for f in files) else "path"
    n = partitions or sc.defaultParallelism
    if read == "path":
        sizes = [os.path.getsize(f) for f in files]
        groups = plan_partitions(files, n, sizes)
        rdd = sc.parallelize(groups, len(groups)).flatMap(lambda g: g)
        rows = rdd.mapPartitionsWithIndex(_code_paths(name, extra))
    elif read == "stream":
        index_of = {_norm(f): i for i, f in enumerate(files)}
        rows = sc.binaryFiles(",".join(files), minPartitions=n).flatMap(_code_stream(name, extra, index_of))
    else:
        raise SitrepSparkError(f"--read {read!r}: one of path, stream, auto")
    # The rows are built to the schema above: no second check per row.
    df = spark.createDataFrame(rows, raw_schema(), verifySchema=False)
    df.write.mode("overwrite").parquet(os.path.join(out, "raw"))
    raw = spark.read.parquet(os.path.join(out, "raw"))
    counts = raw.selectExpr("count(document) AS documents", "count(event) AS events").first()
    return {
        "files": len(files),
        "documents": counts["documents"],
        "events": counts["events"],
        "seconds": time.time() - started,
        "read": read,
    }


# ---------------------------------------------------------------------------
# Stage 2: the cross-document steps


def _count_sum(it, weighted: bool) -> tuple[int, int]:
    n = w = 0
    for r in it:
        n += 1
        if weighted:
            w += r[-1] or 0
    return n, w


def _sequence(df, order_cols: list[str], weight: str | None = None, carry: tuple = ()):
    """A narrow DataFrame of ``order_cols``, ``carry``, ``n`` = 1, 2, … in
    order and ``before`` = the sum of ``weight`` over earlier rows: prefix
    sums over a sorted RDD (per-partition totals, then offsets), so that
    nothing funnels through one partition."""
    from pyspark.sql import types as T

    cols = [*order_cols, *carry, *([weight] if weight else [])]
    sel = df.select(*cols)
    k = len(order_cols) + len(carry)
    weighted = weight is not None
    rdd = sel.orderBy(*order_cols).rdd.map(tuple).persist()
    totals = sorted(rdd.mapPartitionsWithIndex(lambda i, it: [(i, *_count_sum(it, weighted))]).collect())
    starts, n0, w0 = {}, 0, 0
    for i, c, w in totals:
        starts[i] = (n0, w0)
        n0, w0 = n0 + c, w0 + w

    def assign(i, it):
        n, w = starts.get(i, (0, 0))
        for r in it:
            n += 1
            yield (*r[:k], n, w)
            if weighted:
                w += r[k] or 0

    schema = T.StructType(
        [sel.schema[c] for c in [*order_cols, *carry]]
        + [T.StructField("n", T.LongType(), False), T.StructField("before", T.LongType(), False)]
    )
    out = df.sparkSession.createDataFrame(rdd.mapPartitionsWithIndex(assign), schema).localCheckpoint()
    rdd.unpersist()
    return out


def _ship_module(sc) -> None:
    """Workers import this module to run its functions (spark-submit ships
    a ``__main__`` script by value instead)."""
    if __name__ != "__main__":
        sc.addPyFile(str(Path(__file__).resolve()))


def corpus(spark, out: str, write: bool = True) -> dict:
    """Reads ``OUT/raw`` and writes ``OUT/events`` (partitioned by date),
    ``OUT/stories``, ``OUT/clusters`` and ``OUT/claims``; returns the
    DataFrames and counts."""
    from pyspark.sql import functions as F
    from pyspark.sql import Window

    started = time.time()
    _ship_module(spark.sparkContext)
    raw = spark.read.parquet(os.path.join(out, "raw"))
    occ = raw.where("document IS NOT NULL").select("ord", "document.*").cache()

    # Exact duplicates: the first document with a content hash is stored;
    # later ones add an article (a sighting) when their URL is new. Stored
    # documents are numbered in input order, and their events after the
    # events of the documents before them, as the store numbers rows.
    first = occ.groupBy("id").agg(F.min("ord").alias("ord"))
    stored = occ.join(first, ["id", "ord"])
    seq = _sequence(stored, ["ord"], weight="events").select(
        "ord", F.col("n").alias("rowid"), F.col("before").alias("events_before")
    )
    docs = stored.join(seq, "ord").cache()
    rowid_of = docs.select("id", "rowid")
    sightings = (
        occ.withColumn("url", F.coalesce("url", F.lit("")))
        .withColumn("rn", F.row_number().over(Window.partitionBy("id", "url").orderBy("ord")))
        .where("rn = 1")
        .join(rowid_of, "id")
        .select(F.col("rowid").alias("doc"), "url", "outlet", "outlet_name", "outlet_country", "ownership", "source", "day")
        .cache()
    )

    # Near duplicates: a document joins the story of the most similar
    # earlier document among those sharing a band (the first 256 per band,
    # then the 256 lowest overall), if the MinHash similarity is >= 0.5.
    bands = docs.where("bands IS NOT NULL").select("rowid", F.posexplode("bands").alias("b", "band"))
    firsts = (
        bands.withColumn("r", F.row_number().over(Window.partitionBy("band").orderBy("rowid")))
        .where(f"r <= {MAX_CANDIDATES}")
        .select("band", F.col("rowid").alias("j"))
    )
    cand = (
        bands.join(firsts, "band")
        .where("j < rowid")
        .select(F.col("rowid").alias("i"), "j")
        .distinct()
        .withColumn("r", F.row_number().over(Window.partitionBy("i").orderBy("j")))
        .where(f"r <= {MAX_CANDIDATES}")
    )
    sig = docs.where("minhash IS NOT NULL").select("rowid", "minhash")
    scored = (
        cand.join(sig.select(F.col("rowid").alias("i"), F.col("minhash").alias("mi")), "i")
        .join(sig.select(F.col("rowid").alias("j"), F.col("minhash").alias("mj")), "j")
        .withColumn(
            "same",
            F.expr("aggregate(zip_with(mi, mj, (a, b) -> IF(a = b, 1, 0)), 0, (acc, x) -> acc + x)"),
        )
        .withColumn("sim", F.col("same") / F.lit(64.0))
        .where(F.col("sim") >= DEDUP_THRESHOLD)
    )
    best = (
        scored.withColumn("r", F.row_number().over(Window.partitionBy("i").orderBy(F.desc("sim"), "j")))
        .where("r = 1")
        .select(F.col("i").alias("rowid"), F.col("j").alias("parent"))
    )
    story = (
        docs.select("rowid")
        .join(best, "rowid", "left")
        .select("rowid", F.coalesce("parent", "rowid").alias("story"))
        .localCheckpoint()
    )
    # The story is the first document of the chain: pointer jumping.
    while True:
        step = (
            story.alias("a")
            .join(story.alias("b"), F.col("a.story") == F.col("b.rowid"))
            .select(F.col("a.rowid").alias("rowid"), F.col("b.story").alias("story"))
            .localCheckpoint()
        )
        changed = step.join(story.withColumnRenamed("story", "old"), "rowid").where("story <> old").count()
        story = step
        if changed == 0:
            break
    docs = docs.join(story, "rowid").cache()

    # Events of stored documents, numbered as the store numbers them.
    ev = (
        raw.where("event IS NOT NULL")
        .select("ord", "event.*")
        .join(docs.select("ord", F.col("rowid").alias("doc"), "story", "events_before"), "ord")
        .withColumn("erowid", F.col("events_before") + F.col("idx") + 1)
        .drop("events_before")
        .cache()
    )

    # Story records and counts per (story, signature): the store's refresh_story.
    arts = sightings.groupBy("doc").agg(F.count("*").alias("n_art"))
    evs = ev.select("erowid", "doc", "story", "sig").join(arts, "doc", "left").fillna({"n_art": 1})
    per_sig = evs.groupBy("story", "sig").agg(
        F.sum("n_art").alias("num_mentions"), F.min("erowid").alias("rep")
    )
    per_doc = evs.select("story", "sig", "doc", "n_art").distinct()
    art_sum = per_doc.groupBy("story", "sig").agg(F.sum("n_art").alias("num_articles"))
    src = (
        per_doc.join(sightings.select("doc", "source"), "doc")
        .groupBy("story", "sig")
        .agg(F.countDistinct("source").alias("n_src"))
    )
    counts = (
        per_sig.join(art_sum, ["story", "sig"])
        .join(src, ["story", "sig"], "left")
        .withColumn("num_sources", F.greatest(F.coalesce("n_src", F.lit(0)), F.lit(1)))
        .drop("n_src")
    )
    ev = ev.join(counts, ["story", "sig"]).withColumn("story_record", F.col("erowid") == F.col("rep"))

    # Clusters: story records with the same key, within 7 days of the
    # cluster's first event, in (day, rowid) order; the rest alone.
    reps = ev.where("story_record").select("erowid", "ckey", "day", "story", "event")
    keyed = reps.where("ckey IS NOT NULL AND day IS NOT NULL")
    scan = keyed.groupBy("ckey").agg(
        F.expr(
            f"""aggregate(
                array_sort(collect_list(struct(day, erowid))),
                named_struct('first', CAST(NULL AS BIGINT), 'id', CAST(NULL AS BIGINT),
                             'out', CAST(array() AS ARRAY<STRUCT<e: BIGINT, c: BIGINT>>)),
                (acc, x) -> IF(acc.id IS NOT NULL AND x.day - acc.first <= {CLUSTER_WINDOW_DAYS},
                    named_struct('first', acc.first, 'id', acc.id,
                                 'out', array_append(acc.out, named_struct('e', x.erowid, 'c', acc.id))),
                    named_struct('first', x.day, 'id', x.erowid,
                                 'out', array_append(acc.out, named_struct('e', x.erowid, 'c', x.erowid)))),
                acc -> acc.out)"""
        ).alias("out")
    )
    assigned = scan.select(F.explode("out").alias("x")).select(
        F.col("x.e").alias("erowid"), F.col("x.c").alias("cluster")
    )
    alone = reps.where("ckey IS NULL OR day IS NULL").select("erowid", F.col("erowid").alias("cluster"))
    cluster_of = assigned.unionByName(alone)
    ev = ev.join(cluster_of, "erowid", "left").cache()
    clusters = ev.where("cluster IS NOT NULL").groupBy("cluster").agg(
        F.min("ckey").alias("key"),
        F.min("event").alias("event"),
        F.min("day").alias("first_day"),
        F.max("day").alias("last_day"),
        F.count("*").alias("events"),
        F.countDistinct("story").alias("stories"),
    ).withColumnRenamed("cluster", "id")

    # The export's columns.
    d = docs.select(
        F.col("rowid").alias("doc"),
        F.col("url").alias("d_url"),
        F.col("outlet").alias("d_outlet"),
        F.col("outlet_country").alias("d_outlet_country"),
        F.col("ownership").alias("d_ownership"),
        F.col("lexicon_version").alias("d_lexicon_version"),
        F.col("tone").alias("d_tone"),
    )
    ev = ev.join(d, "doc")
    fill = {
        "url": F.col("d_url"),
        "outlet": F.col("d_outlet"),
        "outlet_country": F.col("d_outlet_country"),
        "ownership": F.col("d_ownership"),
        "lexicon_version": F.col("d_lexicon_version"),
        "tone": F.col("d_tone"),
    }
    schema = export_schema()
    events = ev.select(
        *[(fill[f.name] if f.name in fill else F.col(f.name)).cast(f.dataType).alias(f.name) for f in schema.fields],
        F.col("erowid").alias("_rowid"),
    )

    stories = (
        docs.groupBy("story")
        .agg(F.count("*").alias("documents"), F.min("day").alias("first_day"), F.max("day").alias("last_day"))
        .join(
            sightings.join(docs.select(F.col("rowid").alias("doc"), "story"), "doc")
            .groupBy("story")
            .agg(F.count("*").alias("articles"), F.countDistinct("source").alias("sources")),
            "story",
        )
        .withColumnRenamed("story", "id")
    )

    claims = _claims(spark, docs, sightings)

    documents = docs.select(
        "rowid", "id", "doc_id", "url", "title", "date", "day", "outlet", "outlet_country", "ownership",
        "source", "lexicon_version", "tone", "story", "events", "minhash",
    )
    result = {"events": events.drop("_rowid"), "stories": stories, "clusters": clusters, "claims": claims,
              "documents": documents}
    if write:
        # Spark adds `date` back as a partition column when reading;
        # read_events restores the export's column order.
        for name, df in result.items():
            w = df.write.mode("overwrite")
            if name == "events":
                w = w.partitionBy("date")
            w.parquet(os.path.join(out, name))
        # What was written, read back (counts come from Parquet metadata).
        result = {name: spark.read.parquet(os.path.join(out, name)) for name in result}
        result["events"] = read_events(spark, os.path.join(out, "events"))
    result["counts"] = {
        "documents": result["documents"].count(),
        "events": result["events"].count(),
        "story_records": result["events"].where("story_record").count(),
        "stories": result["stories"].count(),
        "clusters": result["clusters"].count(),
        "claims": result["claims"].count(),
        "seconds": time.time() - started,
    }
    return result


def _claims(spark, docs, sightings):
    """The claim ledger (claims.rs ``LedgerBuilder``): the documents' claims
    merged by key, in the order first seen."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
    from pyspark.sql import Window

    stand = T.StructType(
        [
            T.StructField("role", T.StringType()),
            T.StructField("event", T.StringType()),
            T.StructField("key", T.StringType()),
            T.StructField("name", T.StringType()),
        ]
    )
    claim = T.StructType(
        [
            T.StructField("claimed", T.StringType()),
            T.StructField("key", T.StringType()),
            T.StructField("event", T.StringType()),
            T.StructField("text", T.StringType()),
            T.StructField("stands", T.ArrayType(stand)),
        ]
    )
    occ = (
        docs.select("rowid", F.from_json("claims", T.ArrayType(claim)).alias("cs"))
        .select("rowid", F.posexplode("cs").alias("ci", "c"))
        .select("rowid", "ci", "c.*")
        .cache()
    )
    per_doc = sightings.groupBy("doc").agg(
        F.count("outlet").alias("n_outlets"),
        F.min("day").alias("min_day"),
        F.max("day").alias("max_day"),
    )
    occ_info = occ.join(per_doc, occ.rowid == per_doc.doc, "left")
    base = occ_info.groupBy("key").agg(
        F.min(F.struct("rowid", "ci", "text", "event")).alias("first"),
        F.count("*").alias("documents"),
        F.sum(F.when(F.coalesce("n_outlets", F.lit(0)) == 0, 1).otherwise(0)).alias("unknown_outlet_documents"),
        F.min("min_day").alias("first_day"),
        F.max("max_day").alias("last_day"),
    )
    # Outlets: one per domain, with how many documents carried the claim there.
    doc_outlets = sightings.where("outlet IS NOT NULL").select(
        "doc", "outlet", "outlet_name", "outlet_country", "ownership"
    ).dropDuplicates(["doc", "outlet"])
    outlets = (
        occ.select("rowid", "key")
        .join(doc_outlets, occ.rowid == doc_outlets.doc)
        .groupBy("key", "outlet")
        .agg(
            F.count("*").alias("documents"),
            F.first("outlet_name").alias("name"),
            F.first("outlet_country").alias("country"),
            F.first("ownership").alias("ownership"),
        )
        .groupBy("key")
        .agg(
            F.array_sort(
                F.collect_list(
                    F.struct(
                        F.col("outlet").alias("domain"), "name", "country", "ownership", "documents"
                    )
                )
            ).alias("outlets")
        )
    )
    # Parties: per role, each key once, named where first seen.
    st = occ.select("rowid", "ci", "key", F.posexplode("stands").alias("si", "s"))
    parties = (
        st.select("key", "rowid", "ci", "si", F.col("s.role").alias("role"), F.col("s.key").alias("pkey"), F.col("s.name").alias("pname"))
        .withColumn("r", F.row_number().over(Window.partitionBy("key", "role", "pkey").orderBy("rowid", "ci", "si")))
        .where("r = 1")
        .groupBy("key")
        .agg(
            *[
                F.transform(
                    F.array_sort(
                        F.collect_list(
                            F.when(
                                F.col("role") == role,
                                F.struct("rowid", "ci", "si", F.struct(F.col("pkey").alias("key"), F.col("pname").alias("name")).alias("p")),
                            )
                        )
                    ),
                    lambda x: x["p"],
                ).alias(col)
                for role, col in (
                    ("alleges", "alleged_by"),
                    ("denies", "denied_by"),
                    ("confirms", "confirmed_by"),
                    ("neither_confirms_nor_denies", "neither_confirmed_nor_denied_by"),
                )
            ]
        )
    )
    # Event ids: the claimed event, then the events taking stands, each once.
    ids = occ.select("key", "rowid", "ci", F.lit(-1).alias("si"), F.col("claimed").alias("eid")).unionByName(
        st.select("key", "rowid", "ci", "si", F.col("s.event").alias("eid"))
    )
    event_ids = (
        ids.withColumn("r", F.row_number().over(Window.partitionBy("key", "eid").orderBy("rowid", "ci", "si")))
        .where("r = 1")
        .groupBy("key")
        .agg(F.transform(F.array_sort(F.collect_list(F.struct("rowid", "ci", "si", "eid"))), lambda x: x["eid"]).alias("events"))
    )
    empty_parties = F.array().cast(T.ArrayType(T.StructType([T.StructField("key", T.StringType()), T.StructField("name", T.StringType())])))
    ledger = (
        base.join(outlets, "key", "left")
        .join(parties, "key", "left")
        .join(event_ids, "key", "left")
        .select(
            "key",
            F.col("first.text").alias("text"),
            F.col("first.event").alias("event"),
            *[
                F.coalesce(c, empty_parties).alias(c)
                for c in ("alleged_by", "denied_by", "confirmed_by", "neither_confirmed_nor_denied_by")
            ],
            "outlets",
            "unknown_outlet_documents",
            F.date_add(F.lit("1970-01-01").cast("date"), F.col("first_day").cast("int")).cast("string").alias("first_seen"),
            F.date_add(F.lit("1970-01-01").cast("date"), F.col("last_day").cast("int")).cast("string").alias("last_seen"),
            "documents",
            "events",
            F.col("first.rowid").alias("_first_doc"),
            F.col("first.ci").alias("_first_ci"),
        )
        .withColumn("outlets", F.coalesce("outlets", F.array().cast("array<struct<domain:string,name:string,country:string,ownership:string,documents:bigint>>")))
        .withColumn(
            "contested",
            (F.size("denied_by") > 0) & ((F.size("alleged_by") > 0) | (F.size("confirmed_by") > 0)),
        )
    )
    numbers = _sequence(ledger, ["_first_doc", "_first_ci"], carry=("key",)).select("key", F.col("n").alias("id"))
    numbered = ledger.join(numbers, "key")
    cols = [
        "id", "key", "text", "event", "alleged_by", "denied_by", "confirmed_by",
        "neither_confirmed_nor_denied_by", "outlets", "unknown_outlet_documents",
        "first_seen", "last_seen", "documents", "contested", "events",
    ]
    return numbered.select(*cols)


# ---------------------------------------------------------------------------
# Reading back


def read_events(spark, path: str):
    """The events written by :func:`corpus`, columns in the export's order
    (Spark reads the ``date`` partition column back as a date)."""
    from pyspark.sql import functions as F

    df = spark.read.option("basePath", path).parquet(path)
    schema = export_schema()
    return df.select(*[F.col(f.name).cast(f.dataType).alias(f.name) for f in schema.fields])


# ---------------------------------------------------------------------------
# Command line


def session(master: str | None, app: str = "sitrep"):
    from pyspark.sql import SparkSession

    b = SparkSession.builder.appName(app)
    if master:
        b = b.master(master)
    b = b.config("spark.ui.showConsoleProgress", "false")
    return b.getOrCreate()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="sitrep_spark", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for name, helptext in (
        ("run", "code the inputs, then the cross-document steps"),
        ("code", "stage 1 only: code the inputs into OUT/raw"),
        ("corpus", "stage 2 only: stories, clusters, claims and OUT/events from OUT/raw"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--out", required=True, help="output directory (a Hadoop path works too)")
        p.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's)")
        if name != "corpus":
            p.add_argument("inputs", nargs="+", help="files or directories (WARC, JSONL, text, HTML, feeds)")
            p.add_argument("--sitrep", help="the sitrep binary to ship (default: one shipped with --files)")
            p.add_argument("--partitions", type=int, help="partitions (default: Spark's default parallelism)")
            p.add_argument("--read", default="auto", choices=("auto", "path", "stream"),
                           help="path: sitrep opens the files (all workers see them); stream: Spark reads them "
                                "and streams the bytes in (HDFS, S3); auto: stream for paths with a scheme")
            p.add_argument("--input-format", help="force the input format (text, html, jsonl, warc, feed)")
            p.add_argument("--max-doc-mb", type=int)
            p.add_argument("--lexicon", action="append", help="extra lexicon directory (on every worker)")
    args = ap.parse_args(argv)
    spark = session(args.master)
    try:
        if args.command in ("run", "code"):
            c = code(spark, args.inputs, args.out, sitrep=args.sitrep, partitions=args.partitions, read=args.read,
                     input_format=args.input_format, max_doc_mb=args.max_doc_mb, lexicon=args.lexicon)
            print(f"sitrep_spark: coded {c['documents']} documents ({c['events']} events) from {c['files']} files "
                  f"in {c['seconds']:.1f} s ({c['documents'] / max(c['seconds'], 1e-3):.0f} documents/s)",
                  file=sys.stderr)
        if args.command in ("run", "corpus"):
            r = corpus(spark, args.out)["counts"]
            print(f"sitrep_spark: {r['documents']} documents in {r['stories']} stories, {r['events']} events "
                  f"({r['story_records']} story records), {r['clusters']} clusters, {r['claims']} claims "
                  f"in {r['seconds']:.1f} s", file=sys.stderr)
    except SitrepSparkError as e:
        print(f"sitrep_spark: {e}", file=sys.stderr)
        return 1
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
