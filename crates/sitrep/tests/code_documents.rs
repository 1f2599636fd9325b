//! End-to-end tests of `sitrep code --documents` on the real binary: the
//! event lines are exactly those of plain `sitrep code`, each document
//! record comes before its own events and lists them in order, and what a
//! record derives from its document alone (content hash, source, day,
//! MinHash signature, claims) agrees with what `sitrep ingest` stores for
//! the same file. contrib/spark builds the store's cross-document steps on
//! these records, so a drift here would make the cluster job disagree with
//! the store.
//!
//! The input is written here: a few short wire-style reports of our own.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sitrep");

const CLASH: &str = "Ukraine accused Russia of shelling the port city of Odesa on Tuesday, \
    killing three civilians and wounding twelve, the regional governor said. \
    The Kremlin denied that Russian forces had shelled the city and said the claims were a provocation. \
    The United Nations called for an independent investigation into the attack on the port.";

const TALKS: &str = "The foreign ministers of France and Germany met in Berlin on Monday and \
    agreed to send more humanitarian aid to Sudan, where fighting between the army and a \
    paramilitary force has displaced millions of people since last year, officials said after the talks.";

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("sitrep-code-docs-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("make a temp dir");
        Dir(d)
    }
    fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn sitrep(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().expect("run sitrep");
    assert!(out.status.success(), "sitrep {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn lines(s: &str) -> Vec<Value> {
    s.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
}

/// The input: the clash report, the same text at a second site, the talks
/// report, and a one-line item too short for a signature.
fn write_input(dir: &Dir) -> PathBuf {
    let docs = [
        serde_json::json!({"id": "a1", "url": "https://www.example-wire.com/world/1", "date": "2024-03-05", "title": "Port shelled", "text": CLASH}),
        serde_json::json!({"id": "a2", "url": "https://news.example.org/odesa", "date": "2024-03-06", "title": "Odesa", "text": CLASH}),
        serde_json::json!({"id": "b1", "url": "https://example-wire.com/world/2", "date": "2024-03-04", "text": TALKS}),
        serde_json::json!({"id": "c1", "text": "Talks resume in Geneva on Monday."}),
    ];
    let path = dir.join("in.jsonl");
    let body: String = docs.iter().map(|d| format!("{d}\n")).collect();
    std::fs::write(&path, body).expect("write the input");
    path
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

#[test]
fn event_lines_are_those_of_plain_code_and_follow_their_record() {
    let dir = Dir::new("order");
    let input = write_input(&dir);
    let plain = lines(&sitrep(&["code", path_str(&input)]));
    let with = lines(&sitrep(&["code", "--documents", path_str(&input)]));
    let events: Vec<Value> = with.iter().filter(|v| v.get("document").is_none()).cloned().collect();
    assert!(!plain.is_empty(), "the input gives no events");
    assert_eq!(events, plain);

    let mut records = 0;
    let mut i = 0;
    while i < with.len() {
        let rec = with[i].get("document").expect("a document record before its events");
        records += 1;
        let listed: Vec<&str> =
            rec["events"].as_array().expect("events").iter().map(|e| e["id"].as_str().expect("id")).collect();
        let following: Vec<&str> = with[i + 1..]
            .iter()
            .take_while(|v| v.get("document").is_none())
            .map(|v| v["id"].as_str().expect("event id"))
            .collect();
        assert_eq!(listed, following, "record {}", rec["doc_id"]);
        i += 1 + following.len();
    }
    assert_eq!(records, 4);
}

#[test]
fn records_hold_what_the_store_derives_from_one_document() {
    let dir = Dir::new("derive");
    let input = write_input(&dir);
    let with = lines(&sitrep(&["code", "--documents", path_str(&input)]));
    let recs: Vec<&Value> = with.iter().filter_map(|v| v.get("document")).collect();
    let by = |id: &str| *recs.iter().find(|r| r["doc_id"] == id).unwrap_or_else(|| panic!("no record {id}"));
    let (a1, a2, b1, c1) = (by("a1"), by("a2"), by("b1"), by("c1"));

    // The same text is the same stored document, seen at two sources.
    assert_eq!(a1["id"], a2["id"]);
    assert_eq!(a1["minhash"], a2["minhash"]);
    assert_ne!(a1["id"], b1["id"]);
    assert_eq!(a1["source"], "example-wire.com");
    assert_eq!(a2["source"], "news.example.org");
    assert_eq!(c1["source"], "");
    assert_eq!(a1["day"], 19787); // 2024-03-05
    assert_eq!(c1["day"], Value::Null);

    // A signature of 64 values and 16 band keys, or none for a short text.
    assert_eq!(a1["minhash"].as_array().map(Vec::len), Some(64));
    assert_eq!(a1["bands"].as_array().map(Vec::len), Some(16));
    assert_eq!(c1["minhash"], Value::Null);
    assert_eq!(c1["bands"], Value::Null);
    // Different stories share no band.
    let bands = |r: &Value| -> BTreeSet<i64> {
        r["bands"].as_array().expect("bands").iter().map(|b| b.as_i64().expect("a band key")).collect()
    };
    assert!(bands(a1).is_disjoint(&bands(b1)));

    for r in &recs {
        assert!(r["tone"].is_number(), "record {} has no tone", r["doc_id"]);
        for e in r["events"].as_array().expect("events") {
            assert!(e["sig"].as_str().is_some_and(|s| !s.is_empty()));
            assert!(e["sentence_tone"].is_number());
        }
    }
}

#[test]
fn claims_and_events_agree_with_the_store_on_the_same_file() {
    let dir = Dir::new("store");
    let input = write_input(&dir);
    let db = dir.join("s.db");
    let with = lines(&sitrep(&["code", "--documents", path_str(&input)]));
    sitrep(&["ingest", "--db", path_str(&db), path_str(&input)]);

    // Every stored document once (the second copy of a text is a sighting).
    let recs: Vec<&Value> = with.iter().filter_map(|v| v.get("document")).collect();
    let first_ids: BTreeSet<&str> = recs.iter().map(|r| r["id"].as_str().expect("id")).collect();
    assert_eq!(first_ids.len(), 3);

    // The claim ledger's keys are those of the records' claims.
    let ledger: Value =
        serde_json::from_str(&sitrep(&["claims", "--db", path_str(&db), "--format", "json"])).expect("claims as JSON");
    let stored: BTreeSet<String> = ledger
        .as_array()
        .expect("a list of claims")
        .iter()
        .map(|c| c["key"].as_str().expect("key").to_string())
        .collect();
    let recorded: BTreeSet<String> = recs
        .iter()
        .flat_map(|r| r["claims"].as_array().expect("claims").iter())
        .map(|c| c["key"].as_str().expect("key").to_string())
        .collect();
    assert!(!recorded.is_empty(), "the input makes no claim");
    assert_eq!(recorded, stored);

    // Each event's sentence tone is the tone in its own record, as the
    // store keeps it.
    let tones: std::collections::BTreeMap<&str, f64> = with
        .iter()
        .filter(|v| v.get("document").is_none())
        .filter_map(|e| Some((e["id"].as_str()?, e["tone"].as_f64()?)))
        .collect();
    let mut compared = 0;
    for r in &recs {
        for e in r["events"].as_array().expect("events") {
            let own = tones[e["id"].as_str().expect("event id")];
            let sentence = e["sentence_tone"].as_f64().expect("sentence_tone");
            assert!((own - sentence).abs() < 1e-5, "{}: {own} vs {sentence}", e["id"]);
            compared += 1;
        }
    }
    assert!(compared > 0);

    // Events: the store keeps those of the first copy of each text.
    let mut seen = BTreeSet::new();
    let mut kept: BTreeSet<String> = BTreeSet::new();
    for r in &recs {
        if seen.insert(r["id"].as_str().expect("id")) {
            for e in r["events"].as_array().expect("events") {
                kept.insert(e["id"].as_str().expect("event id").to_string());
            }
        }
    }
    let exported: Value =
        serde_json::from_str(&sitrep(&["events", "--db", path_str(&db), "--all-mentions", "--format", "json"]))
            .expect("events as JSON");
    let exported: BTreeSet<String> = exported
        .as_array()
        .expect("a list of events")
        .iter()
        .map(|e| e["id"].as_str().expect("event id").to_string())
        .collect();
    assert_eq!(kept, exported);
}
