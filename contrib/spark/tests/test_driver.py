"""The driver's plain functions, without Spark or the binary: listing,
partition planning, reading `sitrep code --documents` output, flattening."""

from __future__ import annotations

import json

import pytest

import sitrep_spark


def test_inputs_are_listed_as_sitrep_walks_them(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.jsonl").write_text("{}\n")
    (tmp_path / "b" / "10.jsonl").write_text("{}\n")
    (tmp_path / "a.warc").write_text("")
    (tmp_path / ".hidden").write_text("")
    got = sitrep_spark.list_inputs([str(tmp_path)])
    assert [p[len(str(tmp_path)) + 1 :] for p in got] == ["a.warc", "b/10.jsonl", "b/2.jsonl"]
    with pytest.raises(sitrep_spark.SitrepSparkError, match="no such file"):
        sitrep_spark.list_inputs([str(tmp_path / "missing")])


def test_partitions_keep_input_order_and_balance_bytes():
    files = list("abcde")
    groups = sitrep_spark.plan_partitions(files, 3, [10, 1, 1, 1, 10])
    assert [f for g in groups for f in g] == files
    assert groups == [["a"], ["b", "c", "d"], ["e"]]
    assert sitrep_spark.plan_partitions(["a", "b"], 8) == [["a"], ["b"]]
    assert sitrep_spark.plan_partitions([], 4) == []


def _doc(n_events, ids):
    return json.dumps(
        {
            "document": {
                "id": "h",
                "doc_id": "d",
                "url": None,
                "date": "2019-04-10",
                "day": 17996,
                "outlet": None,
                "source": "",
                "lexicon_version": "v",
                "minhash": None,
                "bands": None,
                "events": [{"id": i, "day": 17996, "sig": "s", "ckey": None, "claim_text": None} for i in ids],
                "claims": [],
            }
        }
    )


def _event(i):
    return json.dumps(
        {
            "id": i,
            "doc_id": "d",
            "event": "AID",
            "status": "reported",
            "segment": "article",
            "quad_code": 2,
            "goldstein": 7.4,
            "actor": [{"entity_text": "Germany", "code": "DEU", "sector": None, "kind": "state"}],
            "recipient": [],
            "said_by": None,
            "event_loc": None,
            "dead": {"min": 3, "max": None, "text": "at least three"},
        }
    )


def test_records_number_documents_and_attach_events():
    lines = [_doc(1, ["d-0-0"]), _event("d-0-0"), _doc(0, [])]
    rows = list(sitrep_spark.records(lines, 2, "t"))
    assert [r[0] for r in rows] == [2 * sitrep_spark.UNIT_STRIDE] * 2 + [2 * sitrep_spark.UNIT_STRIDE + 1]
    doc, ev = rows[0][1], rows[1][2]
    assert doc[0] == "h" and rows[1][1] is None
    assert ev[0] == 0 and ev[1] == "d-0-0"
    fields = [c["name"] for c in sitrep_spark.export_columns() if c["name"] not in sitrep_spark.CORPUS_COLUMNS]
    flat = dict(zip(fields, ev[1:]))
    assert flat["actor_codes"] == ["DEU"] and flat["actor_sectors"] == [""] and flat["actor_names"] == ["Germany"]
    assert flat["dead_min"] == 3 and flat["dead_max"] is None
    assert flat["goldstein"] == pytest.approx(7.4, abs=1e-6) and flat["goldstein"] != 7.4  # f32, as stored
    assert str(flat["date"]) == "2019-04-10"


def test_output_that_does_not_fit_is_an_error_naming_the_partition():
    with pytest.raises(sitrep_spark.SitrepSparkError, match="part 7.*before any document"):
        list(sitrep_spark.records([_event("x")], 0, "part 7"))
    with pytest.raises(sitrep_spark.SitrepSparkError, match="does not match"):
        list(sitrep_spark.records([_doc(1, ["a"]), _event("b")], 0, "p"))
    with pytest.raises(sitrep_spark.SitrepSparkError, match="line 1 is not JSON"):
        list(sitrep_spark.records(["{oops"], 0, "p"))
