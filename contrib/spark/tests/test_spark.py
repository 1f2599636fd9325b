"""The Spark job against the single machine, on the same files at the same
moment: identical events to `sitrep code`, and the store's export, stories,
clusters and claim ledger reproduced by the cross-document jobs."""

from __future__ import annotations

import json
import os
from collections import Counter

import pyarrow.parquet as pq

import sitrep_spark


def canonical(obj) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def test_the_sample_is_a_real_workload(direct, store):
    # Guards the comparisons below against passing on nothing.
    events = [json.loads(line) for line in direct]
    assert len(events) > 300, len(events)
    assert len(set(store["doc_story"].values())) < len(store["doc_story"]), "no near duplicates in the sample"
    assert store["claims"], "no claims in the sample"


def test_export_columns_file_matches_the_store_export(store):
    arrow = {"text": "string", "int": "int64", "float": "double", "bool": "bool", "date": "date32[day]",
             "text_list": "list<item: string>"}
    schema = pq.read_schema(store["all"])
    got = [(f.name, str(f.type), f.nullable) for f in schema]
    want = [(c["name"], arrow[c["kind"]], c["kind"] not in ("bool", "text_list")) for c in sitrep_spark.export_columns()]
    assert got == want


def test_spark_codes_the_same_events_as_sitrep_code(spark_run, direct):
    spark = spark_run["documents"].sparkSession
    raw = spark.read.parquet(os.path.join(spark_run["out"], "raw"))
    got = Counter(canonical(json.loads(r["json"])) for r in raw.where("event IS NOT NULL").select("event.json").collect())
    want = Counter(canonical(json.loads(line)) for line in direct)
    assert sum(want.values()) == sum(got.values())
    assert got == want


def test_stream_mode_codes_the_same_events(spark, sitrep_bin, sample, spark_run, tmp_path):
    files = sorted(str(p) for p in sample.glob("a-*.jsonl"))
    sitrep_spark.code(spark, files, str(tmp_path), sitrep=str(sitrep_bin), partitions=2, read="stream")
    streamed = spark.read.parquet(str(tmp_path / "raw")).where("event IS NOT NULL").select("event.json")
    by_path = spark.read.parquet(os.path.join(spark_run["out"], "raw")).where(
        "event IS NOT NULL AND event.doc_id LIKE 'guardian-%' AND event.doc_id NOT LIKE '%-rt' "
        "AND event.doc_id NOT LIKE '%-again'"
    ).select("event.json")
    got = Counter(r["json"] for r in streamed.collect())
    want = Counter(r["json"] for r in by_path.collect())
    assert sum(got.values()) > 0
    assert got == want


def _rows_by_id(rows):
    out = {}
    for r in rows:
        assert r["id"] not in out, f"event id {r['id']} twice"
        out[r["id"]] = r
    return out


def test_events_parquet_equals_the_store_export(spark_run, store):
    spark = spark_run["documents"].sparkSession
    written = sitrep_spark.read_events(spark, os.path.join(spark_run["out"], "events"))
    assert [f.name for f in written.schema.fields] == [c["name"] for c in sitrep_spark.export_columns()]
    # Spark reads every Parquet column back as nullable: compare types.
    assert [(f.name, f.dataType) for f in written.schema.fields] == [
        (f.name, f.dataType) for f in sitrep_spark.export_schema().fields
    ]
    got = _rows_by_id(r.asDict() for r in written.collect())
    want = _rows_by_id(pq.read_table(store["all"]).to_pylist())
    assert len(got) == len(want)
    assert got.keys() == want.keys()
    for k, w in want.items():
        assert got[k] == w, k
    # The store's default export is the story records.
    records = {r["id"] for r in pq.read_table(store["records"]).to_pylist()}
    assert records == {k for k, r in got.items() if r["story_record"]}


def test_partitioned_by_date(spark_run):
    parts = {p.name for p in (spark_run["out"] / "events").iterdir() if p.is_dir()}
    assert parts and all(p.startswith("date=") for p in parts)
    assert len(parts) > 1


def test_stories_equal_the_store(spark_run, store):
    docs = spark_run["documents"].select("rowid", "story").collect()
    got = {r["rowid"]: r["story"] for r in docs}
    assert got == store["doc_story"]
    rows = spark_run["stories"].select("id", "documents", "articles", "sources", "first_day", "last_day").collect()
    assert sorted(tuple(r) for r in rows) == sorted(store["stories"])


def test_clusters_equal_the_store(spark_run, store):
    rows = spark_run["clusters"].select("id", "event", "first_day", "last_day", "events", "stories").collect()
    assert len(rows) == len(store["clusters"])
    assert sorted(tuple(r) for r in rows) == sorted(store["clusters"])


def test_claim_ledger_equals_the_store(spark_run, store):
    def plain(v):
        if hasattr(v, "asDict"):
            return {k: plain(x) for k, x in v.asDict().items()}
        if isinstance(v, list):
            return [plain(x) for x in v]
        return v

    got = {c["key"]: plain(c) for c in spark_run["claims"].collect()}
    want = {c["key"]: c for c in store["claims"]}
    assert len(got) == len(want)
    assert got.keys() == want.keys()
    for k, w in want.items():
        assert got[k] == w, k
