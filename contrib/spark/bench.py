"""Benchmark: documents/s of the Spark job in local[N] against `sitrep code`
run directly on the same files, i.e. what the engine costs, and the
per-core rates the CC-NEWS estimate in README.md starts from.

Workloads are made at run time from ../shared (never stored here):

- ``reuters``: Reuters-21578 JSONL (plain text, short wire stories);
- ``html``: the 91 real news pages of shared/eval/html wrapped as WARC
  response records (full pages with navigation and boilerplate), repeated
  ``--html-copies`` times, each copy in its own WARC file.

Usage::

    python3 contrib/spark/bench.py --sitrep target/release/sitrep [--master local[2]]

Prints a Markdown table and a JSON line. Timings on a shared machine vary;
CPU seconds (user + system of the sitrep processes) are the steadier
figure and give the per-core rate.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import sitrep_spark  # noqa: E402


def make_reuters(shared: Path, out: Path, limit: int | None) -> int:
    out.mkdir(parents=True)
    n = 0
    for part in sorted((shared / "corpus" / "reuters21578").glob("*.jsonl")):
        if limit is not None and n >= limit:
            break
        with open(part, encoding="utf-8") as f, open(out / part.name, "w", encoding="utf-8") as w:
            for line in f:
                if limit is not None and n >= limit:
                    break
                r = json.loads(line)
                if not (r.get("body") or "").strip():
                    continue
                w.write(line if line.endswith("\n") else line + "\n")
                n += 1
    return n


def warc_record(url: str, html: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def make_html(shared: Path, out: Path, copies: int) -> tuple[int, int]:
    out.mkdir(parents=True)
    pages = sorted((shared / "eval" / "html" / "pages").glob("*.html.gz"))
    blobs = [(p.name.split(".")[0], gzip.open(p).read()) for p in pages]
    n = size = 0
    for c in range(copies):
        with gzip.open(out / f"pages-{c:03d}.warc.gz", "wb") as w:
            for name, html in blobs:
                w.write(warc_record(f"https://news{c}.example.com/{name}", html))
                n += 1
                size += len(html)
    return n, size


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its
    descendants, the finished ones included (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    times: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(d)] = int(fields[1])
        # utime, stime, cutime, cstime (fields 14-17 of stat)
        times[int(d)] = sum(int(x) for x in fields[11:15])
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += times.get(p, 0)
        todo.extend(c for c, pp in parent.items() if pp == p)
    return total / tick


def direct(sitrep: str, inputs: list[str], documents: bool, threads: int) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.time()
    args = [sitrep, "code", *(["--documents"] if documents else []), *inputs]
    env = dict(os.environ, RAYON_NUM_THREADS=str(threads))
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    wall = time.time() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise SystemExit(f"sitrep exited with {r.returncode}")
    events = sum(1 for line in r.stdout.splitlines() if not line.startswith(b'{"document"'))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "events": events}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sitrep", required=True)
    ap.add_argument("--shared", default=str(HERE.parent.parent.parent / "shared"))
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--reuters", type=int, default=None, help="at most this many Reuters documents (default all)")
    ap.add_argument("--html-copies", type=int, default=6)
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--workloads", default="reuters,html")
    args = ap.parse_args()
    shared = Path(args.shared)
    cores = int(args.master[len("local["):-1]) if args.master.startswith("local[") else os.cpu_count()
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-spark-bench-"))
    rows = []
    try:
        spark_t = time.time()
        spark = sitrep_spark.session(args.master, "sitrep-bench")
        spark.range(1).count()
        startup = time.time() - spark_t
        for wl in args.workloads.split(","):
            if wl == "reuters":
                n = make_reuters(shared, tmp / wl, args.reuters)
                size = sum(p.stat().st_size for p in (tmp / wl).iterdir())
            elif wl == "html":
                n, size = make_html(shared, tmp / wl, args.html_copies)
            else:
                raise SystemExit(f"unknown workload {wl}")
            inputs = [str(tmp / wl)]
            plain = direct(args.sitrep, inputs, False, cores)
            docs = direct(args.sitrep, inputs, True, cores)
            out = tmp / f"out-{wl}"
            jvm = spark.sparkContext._gateway.proc.pid
            cpu0 = tree_cpu(jvm)
            c = sitrep_spark.code(spark, inputs, str(out), sitrep=args.sitrep, partitions=args.partitions)
            cpu1 = tree_cpu(jvm)
            k = sitrep_spark.corpus(spark, str(out))["counts"]
            cpu2 = tree_cpu(jvm)
            if c["documents"] != n:
                print(f"warning: {wl}: Spark saw {c['documents']} documents, the workload has {n}", file=sys.stderr)
            rows.append({
                "workload": wl,
                "documents": n,
                "mb": size / 1e6,
                "events": plain["events"],
                "direct_wall": plain["wall"],
                "direct_cpu": plain["cpu"],
                "documents_wall": docs["wall"],
                "documents_cpu": docs["cpu"],
                "spark_code_wall": c["seconds"],
                "spark_corpus_wall": k["seconds"],
                "spark_code_cpu": cpu1 - cpu0,
                "spark_corpus_cpu": cpu2 - cpu1,
                "stories": k["stories"],
                "clusters": k["clusters"],
                "claims": k["claims"],
            })
            shutil.rmtree(out, ignore_errors=True)
        spark.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"Spark session start-up: {startup:.1f} s (not counted below); master {args.master}, "
          f"{args.partitions} partitions\n")
    print("| workload | docs | MB | events | `sitrep code` docs/s (wall) | docs/s per core (CPU) | MB/s per core | "
          "`--documents` CPU | Spark code docs/s (wall) | Spark code CPU | Spark corpus wall / CPU |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        d = r["documents"]
        print(f"| {r['workload']} | {d} | {r['mb']:.1f} | {r['events']} | {d / r['direct_wall']:.0f} | "
              f"{d / r['direct_cpu']:.0f} | {r['mb'] / r['direct_cpu']:.2f} | "
              f"{r['documents_cpu'] / r['direct_cpu'] - 1:+.0%} | {d / r['spark_code_wall']:.0f} | "
              f"{r['spark_code_cpu'] / r['direct_cpu'] - 1:+.0%} | "
              f"{r['spark_corpus_wall']:.0f} s / {r['spark_corpus_cpu']:.0f} s |")
    print()
    print(json.dumps({"master": args.master, "startup": startup, "rows": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
