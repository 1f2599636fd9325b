//! End-to-end tests of the store commands on the real binary: ingest is
//! idempotent and survives `kill -9` (the rerun ends with exactly the rows
//! of a clean run), the query commands and exports read what was stored,
//! and bad database files are one-line errors.
//!
//! The corpus is generated here (deterministic pseudo-random news-like
//! text with near duplicates and the same text at several URLs), large
//! enough that an ingest takes a few seconds on this machine.

use serde_json::Value;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::Dir;

const BIN: &str = env!("CARGO_BIN_EXE_sitrep");
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/nk-russia-support.rt.txt");

fn sitrep(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).output().expect("run sitrep");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// xorshift64*: a small deterministic generator for the corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
}

const ACTORS: &[&str] = &[
    "France", "Germany", "Russia", "Ukraine", "China", "Japan", "Brazil", "Kenya", "Egypt", "Turkey", "Iran", "India",
    "Canada", "Mexico", "Poland", "Spain", "Italy", "Israel", "Syria", "Nigeria",
];
const VERBS: &[&str] = &[
    "met officials from",
    "accused",
    "signed an agreement with",
    "criticised",
    "sent aid to",
    "threatened",
    "praised",
    "held talks with",
    "imposed sanctions on",
    "urged",
    "condemned",
    "welcomed",
];
const WORDS: &[&str] = &[
    "the",
    "ministers",
    "said",
    "on",
    "Tuesday",
    "that",
    "talks",
    "would",
    "continue",
    "next",
    "week",
    "in",
    "Geneva",
    "after",
    "a",
    "long",
    "meeting",
    "about",
    "trade",
    "border",
    "security",
    "and",
    "energy",
    "prices",
    "while",
    "officials",
    "declined",
    "to",
    "give",
    "details",
    "of",
    "plan",
    "which",
    "was",
    "drafted",
    "by",
    "experts",
    "from",
    "both",
    "sides",
    "over",
    "several",
    "months",
    "markets",
    "reacted",
    "calmly",
    "news",
];

fn sentence(r: &mut Rng) -> String {
    let mut s = format!("{} {} {}", r.pick(ACTORS), r.pick(VERBS), r.pick(ACTORS));
    for _ in 0..(8 + r.next() % 10) {
        s.push(' ');
        s.push_str(r.pick(WORDS));
    }
    s.push('.');
    s
}

/// Writes `n` JSONL documents: every 10th is a near duplicate of an
/// earlier one (a sentence changed), every 13th the same text as an
/// earlier one at another URL.
fn corpus(path: &Path, n: usize) {
    let mut r = Rng(0x5eed_1234_5678_9abc);
    let mut texts: Vec<String> = Vec::with_capacity(n);
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let text = if i > 20 && i % 13 == 0 {
            texts[i - 7].clone()
        } else if i > 20 && i % 10 == 0 {
            let mut t = texts[i - 5].clone();
            t.push(' ');
            t.push_str(&sentence(&mut r));
            t
        } else {
            (0..(6 + r.next() % 8)).map(|_| sentence(&mut r)).collect::<Vec<_>>().join(" ")
        };
        let host = ["www.reuters.com", "www.bbc.co.uk", "www.rt.com", "example.org"][i % 4];
        let doc = serde_json::json!({
            "id": format!("g{i}"),
            "url": format!("https://{host}/story/{i}"),
            "date": format!("2024-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28),
            "title": format!("Report {i}"),
            "text": text,
        });
        serde_json::to_writer(&mut f, &doc).unwrap();
        f.write_all(b"\n").unwrap();
        texts.push(text);
    }
    f.flush().unwrap();
}

fn stats(db: &Path) -> Value {
    let (code, out, err) = sitrep(&["stats", "--json", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Every row of every base and derived table, as text, in key order
/// (`added_at` and the `runs` log differ between runs by design).
fn dump(db: &Path) -> Vec<(String, Vec<String>)> {
    let store = sitrep_store::Store::open_existing(db).unwrap();
    let c = store.connection();
    let tables = [
        ("meta", "SELECT * FROM meta ORDER BY key"),
        ("outlets", "SELECT * FROM outlets ORDER BY domain"),
        (
            "documents",
            "SELECT rowid, id, source_id, url, title, author, date, day, outlet, text, layers, origin, story, \
             hex(minhash), tone, lexicon_version FROM documents ORDER BY rowid",
        ),
        ("sightings", "SELECT * FROM sightings ORDER BY doc, url"),
        ("lsh", "SELECT * FROM lsh ORDER BY band, doc"),
        ("lsh_pending", "SELECT * FROM lsh_pending ORDER BY doc"),
        ("stories", "SELECT * FROM stories ORDER BY id"),
        ("events", "SELECT * FROM events ORDER BY rowid"),
        ("event_actors", "SELECT * FROM event_actors ORDER BY event, role, pos"),
        ("clusters", "SELECT * FROM clusters ORDER BY id"),
        ("claims", "SELECT * FROM claims ORDER BY id"),
        ("documents_fts", "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'ministers' ORDER BY rowid"),
        ("events_fts", "SELECT count(*) FROM events_fts"),
    ];
    tables
        .iter()
        .map(|(name, sql)| {
            let mut st = c.prepare(sql).unwrap();
            let n = st.column_count();
            let rows = st
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| format!("{:?}", r.get::<_, sitrep_store::rusqlite::types::Value>(i).ok()))
                        .collect();
                    Ok(cells.join("\t"))
                })
                .unwrap()
                .collect::<Result<Vec<_>, _>>()
                .unwrap();
            (name.to_string(), rows)
        })
        .collect()
}

#[test]
fn a_killed_ingest_rerun_ends_with_the_rows_of_a_clean_run() {
    let dir = Dir::new("crash");
    let input = dir.join("corpus.jsonl");
    corpus(&input, 6_000);
    let input = input.to_str().unwrap();
    let clean = dir.join("clean.db");
    let started = Instant::now();
    let (code, _, err) = sitrep(&["ingest", "--db", clean.to_str().unwrap(), input]);
    assert_eq!(code, 0, "{err}");
    let clean_time = started.elapsed();
    let total = stats(&clean)["documents"].as_i64().unwrap();
    assert!(total > 5_000, "{total}");

    // Kill -9 an ingest once it has committed some batches, well before it ends.
    let crashed = dir.join("crashed.db");
    let mut child = Command::new(BIN)
        .args(["ingest", "--db", crashed.to_str().unwrap(), input])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + clean_time * 3 + Duration::from_secs(10);
    let mut at_kill = 0;
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        if crashed.exists() {
            if let Ok(s) = sitrep_store::Store::open_existing(&crashed).and_then(|s| s.stats()) {
                if s.documents > 0 {
                    at_kill = s.documents;
                    break;
                }
            }
        }
    }
    let still_running = child.try_wait().unwrap().is_none();
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(still_running, "the ingest finished before it could be killed (clean run took {clean_time:?})");
    assert!(at_kill > 0 && at_kill < total, "killed with {at_kill} of {total} documents stored");

    // The same command again finishes the job...
    let (code, _, err) = sitrep(&["ingest", "--db", crashed.to_str().unwrap(), input]);
    assert_eq!(code, 0, "{err}");
    // ...with exactly the rows of the clean run.
    let a = dump(&clean);
    let b = dump(&crashed);
    for ((name, ra), (_, rb)) in a.iter().zip(b.iter()) {
        assert_eq!(ra.len(), rb.len(), "{name}: row counts differ");
        for (x, y) in ra.iter().zip(rb.iter()) {
            assert_eq!(x, y, "{name}: rows differ");
        }
    }

    // And ingesting again adds nothing.
    let (code, _, err) = sitrep(&["ingest", "--db", clean.to_str().unwrap(), input]);
    assert_eq!(code, 0);
    assert!(err.contains("nothing new"), "{err}");
    assert_eq!(dump(&clean), a);
}

#[test]
fn stored_documents_answer_queries_and_exports() {
    let dir = Dir::new("queries");
    let input = dir.join("corpus.jsonl");
    corpus(&input, 300);
    let db = dir.join("q.db");
    let db_s = db.to_str().unwrap();
    let (code, _, err) = sitrep(&["ingest", "--db", db_s, input.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("300 documents read"), "{err}");
    let s = stats(&db);
    // Every 13th document repeats an earlier text at a new URL: fewer
    // documents than articles; every 10th is a near duplicate: fewer
    // stories than documents.
    let (docs, articles, stories) =
        (s["documents"].as_i64().unwrap(), s["articles"].as_i64().unwrap(), s["stories"].as_i64().unwrap());
    assert_eq!(articles, 300);
    assert!(docs < articles, "{docs} documents for {articles} articles");
    assert!(stories < docs, "{stories} stories for {docs} documents");

    let story_events = s["story_events"].as_u64().unwrap();
    let (code, out, err) = sitrep(&["events", "--db", db_s, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let events: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(events.as_array().unwrap().len() as u64, story_events);
    for e in events.as_array().unwrap() {
        for k in ["id", "doc_id", "event", "actor", "recipient", "status", "quad_code", "explanation"] {
            assert!(e.get(k).is_some(), "event without {k}: {e}");
        }
    }
    let (code, out, _) = sitrep(&["events", "--db", db_s, "--limit", "5"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("DATE"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not on a terminal");

    let (code, out, err) = sitrep(&["export", "--db", db_s, "--format", "gdelt"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count() as u64, story_events);
    assert!(out.lines().all(|l| l.split('\t').count() == 61));
    let (code, out, _) = sitrep(&["export", "--db", db_s, "--format", "plover", "--all-mentions"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count() as i64, s["events"].as_i64().unwrap());
    let pq = dir.join("e.parquet");
    let (code, _, err) = sitrep(&["export", "--db", db_s, "--format", "parquet", "--out", pq.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(&std::fs::read(&pq).unwrap()[..4], b"PAR1");

    let (code, out, err) = sitrep(&["show", "--db", db_s, "g1"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Report 1") && out.contains("reuters") || out.contains("bbc"), "{out}");
    let (code, out, _) = sitrep(&["show", "--db", db_s, "g1", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["doc"]["source_id"], "g1");
    let (code, _, err) = sitrep(&["show", "--db", db_s, "no-such-document"]);
    assert_ne!(code, 0);
    assert!(err.contains("no document"), "{err}");
    for args in [
        vec!["actors", "--db", db_s],
        vec!["actors", "--db", db_s, "--format", "json"],
        vec!["claims", "--db", db_s],
        vec!["claims", "--db", db_s, "--format", "json"],
        vec!["events", "--db", db_s, "--format", "csv", "--since", "2024-03", "--until", "2024-04"],
        vec!["events", "--db", db_s, "--search", "ministers Geneva", "--ownership", "state"],
    ] {
        let (code, _, err) = sitrep(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    // Re-coding with the same lexicon does nothing unless asked, and
    // re-coding everything gives the same events.
    let events_of = || {
        let (code, out, err) = sitrep(&["export", "--db", db_s, "--format", "plover", "--all-mentions"]);
        assert_eq!(code, 0, "{err}");
        let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    let before = events_of();
    let (code, _, err) = sitrep(&["recode", "--db", db_s]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("already"), "{err}");
    let (code, _, err) = sitrep(&["recode", "--db", db_s, "--all"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("re-coded {docs} documents")), "{err}");
    assert_eq!(events_of(), before);
    assert_eq!(stats(&db)["events"], s["events"]);

    let (code, _, err) = sitrep(&["events", "--db", db_s, "--since", "last week"]);
    assert_eq!(code, 2);
    assert!(err.contains("--since") && err.lines().count() == 1, "{err}");
}

#[test]
fn bad_database_files_are_one_line_errors() {
    let dir = Dir::new("bad");
    let junk = dir.join("junk.db");
    std::fs::write(&junk, "not a database at all\n".repeat(100)).unwrap();
    for cmd in [vec!["stats"], vec!["events"], vec!["ingest", SEED]] {
        let mut args = cmd.clone();
        args.extend(["--db", junk.to_str().unwrap()]);
        let (code, _, err) = sitrep(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("junk.db") && err.contains("not a sitrep database"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let (code, _, err) = sitrep(&["events", "--db", dir.join("missing.db").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.db") && err.contains("sitrep ingest"), "{err}");
    assert!(!dir.join("missing.db").exists(), "a query must not create a store");
}

#[test]
fn the_seed_pages_claim_reads_as_a_ledger_line() {
    let dir = Dir::new("seed");
    let db = dir.join("seed.db");
    let (code, _, err) = sitrep(&["ingest", "--db", db.to_str().unwrap(), SEED]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = sitrep(&["claims", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0);
    let line = out.lines().next().unwrap_or("");
    assert!(line.starts_with("North Korea sent troops to Russia — alleged by Ukraine and"), "{out}");
    assert!(line.contains("denied by North Korea"), "{out}");
    assert!(line.contains("neither confirmed nor denied by Russia"), "{out}");
    assert!(line.ends_with("reported by RT (state-controlled, RUS)"), "{out}");
}
