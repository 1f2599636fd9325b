//! The store on hand-built documents: idempotent ingest, articles of one
//! text at several URLs, near-duplicate stories and their counts, clusters,
//! the claim ledger, filters and paging, recode, and bad database files.

mod common;

use common::*;
use sitrep_core::{Date, EventType, Ownership, Status};
use sitrep_store::query::EventFilter;
use sitrep_store::{IngestContext, Known, Store, StoreError};

fn ctx() -> IngestContext<'static> {
    IngestContext { lexicon: lexicon() }
}

fn count(store: &Store, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The first column of every row a query gives.
fn column<T: rusqlite::types::FromSql>(store: &Store, sql: &str) -> Vec<T> {
    store.connection().prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn ingesting_the_same_documents_twice_adds_nothing() {
    let db = TempDb::new("idempotent");
    let store = Store::open(&db.path).unwrap();
    let docs = vec![
        consult_doc("a", WIRE, Some("https://www.reuters.com/a"), Some("2024-03-01")),
        consult_doc("b", OTHER, Some("https://www.bbc.co.uk/b"), Some("2024-03-02")),
    ];
    let first = store.write_batch(&docs, &ctx()).unwrap();
    assert_eq!((first.added, first.events, first.unchanged), (2, 2, 0));
    assert_eq!(store.known(&docs[0]).unwrap(), Known::Stored);
    store.refresh().unwrap();
    let before = (count(&store, "SELECT count(*) FROM documents"), count(&store, "SELECT count(*) FROM events"));
    let again = store.write_batch(&docs, &ctx()).unwrap();
    assert_eq!((again.added, again.events, again.unchanged, again.new_sightings), (0, 0, 2, 0));
    assert!(!store.is_dirty().unwrap(), "nothing changed, so nothing is owed");
    let after = (count(&store, "SELECT count(*) FROM documents"), count(&store, "SELECT count(*) FROM events"));
    assert_eq!(before, after);
    // Reopening finds the same store.
    drop(store);
    let store = Store::open_existing(&db.path).unwrap();
    assert_eq!(store.stats().unwrap().documents, 2);
}

#[test]
fn the_same_text_at_a_second_url_is_a_second_article_of_one_document() {
    let db = TempDb::new("sightings");
    let store = Store::open(&db.path).unwrap();
    let a = consult_doc("a", WIRE, Some("https://www.reuters.com/a"), Some("2024-03-01"));
    let mut b = a.clone();
    b.url = Some("https://www.bbc.co.uk/news/b".into());
    assert_eq!(store.known(&b).unwrap(), Known::New);
    store.write_batch(&[a], &ctx()).unwrap();
    assert_eq!(store.known(&b).unwrap(), Known::NewSighting);
    let o = store.write_batch(&[b], &ctx()).unwrap();
    assert_eq!((o.added, o.new_sightings), (0, 1));
    let page = store.events(&EventFilter::default(), 0, None).unwrap();
    assert_eq!(page.total, 1);
    let e = &page.items[0];
    assert_eq!((e.num_articles, e.num_sources, e.num_mentions), (2, 2, 2));
    // Either outlet finds it.
    let f = EventFilter { outlet: Some("bbc.co.uk".into()), ..Default::default() };
    assert_eq!(store.count_events(&f).unwrap(), 1);
}

#[test]
fn near_duplicates_are_one_story_and_their_events_count_once() {
    let db = TempDb::new("dedup");
    let store = Store::open(&db.path).unwrap();
    let copy = format!("GENEVA (Wire) - {} Markets were calm.", WIRE.replace("Tuesday", "Wednesday"));
    let docs = vec![
        consult_doc("a", WIRE, Some("https://www.reuters.com/a"), Some("2024-03-01")),
        consult_doc("b", &copy, Some("https://www.bbc.co.uk/b"), Some("2024-03-01")),
        consult_doc("c", OTHER, Some("https://www.bbc.co.uk/c"), Some("2024-03-02")),
    ];
    let o = store.write_batch(&docs, &ctx()).unwrap();
    assert_eq!(o.near_duplicates, 1);
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.stories, stats.events, stats.story_events), (3, 2, 3, 2));
    let page = store.events(&EventFilter::default(), 0, None).unwrap();
    assert_eq!(page.total, 2);
    let wire = page.items.iter().find(|e| e.event.doc_id == "a").expect("the first copy is the story's record");
    assert_eq!((wire.num_mentions, wire.num_articles, wire.num_sources), (2, 2, 2));
    let other = page.items.iter().find(|e| e.event.doc_id == "c").unwrap();
    assert_eq!(other.num_articles, 1);
    assert_ne!(wire.story, other.story);
    let all = EventFilter { all_mentions: true, ..Default::default() };
    assert_eq!(store.count_events(&all).unwrap(), 3);
}

/// The story each document joined, by source id.
fn stories(store: &Store) -> Vec<(String, i64)> {
    let mut st = store.connection().prepare("SELECT source_id, story FROM documents ORDER BY rowid").unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn deferred_band_keys_find_near_duplicates_as_stored_ones_do() {
    let copy = format!("GENEVA (Wire) - {} Markets were calm.", WIRE.replace("Tuesday", "Wednesday"));
    let docs = [
        consult_doc("a", WIRE, Some("https://www.reuters.com/a"), Some("2024-03-01")),
        consult_doc("c", OTHER, Some("https://www.bbc.co.uk/c"), Some("2024-03-02")),
        consult_doc("b", &copy, Some("https://www.bbc.co.uk/b"), Some("2024-03-01")),
    ];
    // Written at once, one document per batch.
    let plain = TempDb::new("lsh-plain");
    let store = Store::open(&plain.path).unwrap();
    for d in &docs {
        store.write_batch(std::slice::from_ref(d), &ctx()).unwrap();
    }
    let expected = stories(&store);
    assert_eq!(expected[2].1, expected[0].1, "the copy joins the wire story");
    let keys = count(&store, "SELECT count(*) FROM lsh");
    assert!(keys > 0);

    // Kept in memory: the copy finds the story among this run's keys.
    let deferred = TempDb::new("lsh-deferred");
    let store = Store::open(&deferred.path).unwrap();
    store.defer_lsh();
    for d in &docs {
        store.write_batch(std::slice::from_ref(d), &ctx()).unwrap();
    }
    assert_eq!(stories(&store), expected);
    assert_eq!(count(&store, "SELECT count(*) FROM lsh"), 0, "nothing written before the flush");
    assert_eq!(count(&store, "SELECT count(*) FROM lsh_pending"), 3);
    assert_eq!(store.flush_lsh().unwrap(), 3);
    assert_eq!(count(&store, "SELECT count(*) FROM lsh"), keys);
    assert_eq!(count(&store, "SELECT count(*) FROM lsh_pending"), 0);
    assert_eq!(store.flush_lsh().unwrap(), 0);
}

#[test]
fn a_flush_of_many_documents_writes_the_band_keys_written_one_by_one() {
    // 80 documents of 16 keys: more than two statements' worth of rows.
    let docs: Vec<_> = (0..80)
        .map(|i| {
            let text: Vec<String> = (0..40).map(|k| format!("w{}", (i * 131 + k * 17) % 997)).collect();
            consult_doc(&format!("d{i}"), &(text.join(" ") + "."), None, Some("2024-03-01"))
        })
        .collect();
    let keys = |store: &Store| -> Vec<(i64, i64)> {
        store
            .connection()
            .prepare("SELECT band, doc FROM lsh ORDER BY band, doc")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let plain = TempDb::new("lsh-many-plain");
    let one_by_one = Store::open(&plain.path).unwrap();
    one_by_one.write_batch(&docs, &ctx()).unwrap();
    let deferred = TempDb::new("lsh-many-deferred");
    let flushed = Store::open(&deferred.path).unwrap();
    flushed.defer_lsh();
    flushed.write_batch(&docs, &ctx()).unwrap();
    assert_eq!(flushed.flush_lsh().unwrap(), 80);
    let expected = keys(&one_by_one);
    assert_eq!(expected.len(), 80 * 16);
    assert_eq!(keys(&flushed), expected);
    assert_eq!(stories(&flushed), stories(&one_by_one));
}

#[test]
fn band_keys_of_a_run_that_stopped_before_its_flush_are_indexed_by_the_next_writer() {
    let db = TempDb::new("lsh-recover");
    let copy = format!("GENEVA (Wire) - {} Markets were calm.", WIRE.replace("Tuesday", "Wednesday"));
    {
        // A run that ends without flushing, as a killed one does.
        let store = Store::open(&db.path).unwrap();
        store.defer_lsh();
        store.write_batch(&[consult_doc("a", WIRE, Some("https://www.reuters.com/a"), None)], &ctx()).unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM lsh_pending"), 1);
    }
    let store = Store::open(&db.path).unwrap();
    let o = store.write_batch(&[consult_doc("b", &copy, Some("https://www.bbc.co.uk/b"), None)], &ctx()).unwrap();
    assert_eq!(o.near_duplicates, 1, "the stopped run's document is found");
    let s = stories(&store);
    assert_eq!(s[1].1, s[0].1);
    assert_eq!(count(&store, "SELECT count(*) FROM lsh_pending"), 0);
    assert_eq!(count(&store, "SELECT count(DISTINCT doc) FROM lsh"), 2);
}

#[test]
fn a_store_of_schema_version_1_is_migrated_on_open() {
    let db = TempDb::new("migrate");
    {
        let store = Store::open(&db.path).unwrap();
        store.write_batch(&[consult_doc("a", WIRE, Some("https://www.reuters.com/a"), None)], &ctx()).unwrap();
        // The layout of version 1: no `lsh_pending`, FTS5's default merging.
        assert_eq!(count(&store, "SELECT v FROM documents_fts_config WHERE k = 'automerge'"), 16);
        store
            .connection()
            .execute_batch(
                "DROP TABLE lsh_pending; DELETE FROM documents_fts_config WHERE k = 'automerge'; \
                 DELETE FROM events_fts_config WHERE k = 'automerge'; \
                 CREATE INDEX events_id ON events(id); CREATE INDEX event_actors_code ON event_actors(code, role); \
                 UPDATE event_actors SET key = lower(key) WHERE code IS NOT NULL; \
                 PRAGMA user_version = 1;",
            )
            .unwrap();
    }
    let store = Store::open_existing(&db.path).unwrap();
    let v: i32 = store.connection().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, sitrep_store::schema::SCHEMA_VERSION);
    assert_eq!(count(&store, "SELECT count(*) FROM lsh_pending"), 0);
    // Version 3's full-text settings, as a new store has them.
    for t in ["documents_fts_config", "events_fts_config"] {
        assert_eq!(count(&store, &format!("SELECT v FROM {t} WHERE k = 'automerge'")), 16, "{t}");
    }
    assert_eq!(count(&store, "SELECT count(*) FROM documents"), 1);
    // Version 4: no index of event ids or actor codes, and every actor with
    // a code has it as its key, so that filters by code find it.
    assert_eq!(count(&store, "SELECT count(*) FROM sqlite_schema WHERE name IN ('events_id', 'event_actors_code')"), 0);
    assert_eq!(count(&store, "SELECT count(*) FROM event_actors WHERE code IS NOT NULL AND key IS NOT code"), 0);
    let by_code = EventFilter { actor: Some("USA".into()), ..Default::default() };
    assert_eq!(store.events(&by_code, 0, None).unwrap().total, 1);
    let o = store.write_batch(&[consult_doc("c", OTHER, Some("https://www.bbc.co.uk/c"), None)], &ctx()).unwrap();
    assert_eq!(o.added, 1);
}

/// A document dated `date` whose one event is the US accusing Russia.
/// The contested document with a layer of each kind.
fn layered_doc() -> sitrep_core::Document {
    use sitrep_core::{Link, Mention, MentionKind, Quote, Repair, Segment, SegmentKind, Sentence, Span};
    let mut d = contested_doc();
    let n = d.text.len();
    let at = |s: &str| {
        let i = d.text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    d.repairs = vec![Repair { offset: 4, before: "â".into(), after: "’".into(), rule: "lossy-c1-quote".into() }];
    d.segments = vec![
        Segment::new(SegmentKind::Article, Span::new(0, 120)),
        Segment { kind: SegmentKind::Comment, span: Span::new(120, n), author: Some("reader".into()) },
    ];
    d.sentences =
        vec![Sentence { span: Span::new(0, 84), segment: 0 }, Sentence { span: Span::new(85, 124), segment: 1 }];
    d.links = vec![Link { url: "https://www.rt.com/".into(), segment: 0, span: Span::new(0, 7) }];
    d.mentions = vec![
        Mention {
            span: at("Ukraine"),
            code: Some("UKR".into()),
            sector: None,
            kind: MentionKind::State,
            identifier: None,
            name: Some("Ukraine".into()),
            entry: "states.tsv:1".into(),
            antecedent: None,
        },
        Mention {
            span: at("Vladimir Putin"),
            code: Some("RUS".into()),
            sector: Some("GOV".into()),
            kind: MentionKind::Person,
            identifier: Some("putin".into()),
            name: None,
            entry: "people.tsv:2".into(),
            antecedent: Some(0),
        },
    ];
    d.quotes = vec![Quote {
        span: at("neither confirmed nor denied"),
        direct: false,
        speaker: Some(1),
        speaker_text: Some("Putin".into()),
        cue: None,
    }];
    d
}

#[test]
fn layers_are_read_back_in_the_binary_form_and_in_the_json_of_older_stores() {
    let db = TempDb::new("layers");
    let d = layered_doc();
    let layers = |x: &sitrep_core::Document| {
        serde_json::json!({
            "repairs": x.repairs, "segments": x.segments, "sentences": x.sentences,
            "links": x.links, "mentions": x.mentions, "quotes": x.quotes,
        })
    };
    let store = Store::open(&db.path).unwrap();
    store.write_batch(std::slice::from_ref(&d), &ctx()).unwrap();
    let rowid = count(&store, "SELECT rowid FROM documents");
    assert_eq!(layers(&store.load_document(rowid).unwrap()), layers(&d));
    // As a store before version 4 wrote them: JSON, compressed.
    let packed: Vec<u8> = column(&store, "SELECT layers FROM documents").remove(0);
    let mut codec = sitrep_store::codec::Codec::new(&store.codec_dictionary().unwrap().unwrap()).unwrap();
    assert_eq!(codec.unpack(&packed).unwrap()[0], 1, "the binary form");
    let old = codec.pack(layers(&d).to_string().as_bytes()).unwrap();
    store.connection().execute("UPDATE documents SET layers = ?1", [&old]).unwrap();
    assert_eq!(layers(&store.load_document(rowid).unwrap()), layers(&d));
    // A damaged record is an error naming the document.
    let bad = codec.pack(b"\x01\x05").unwrap();
    store.connection().execute("UPDATE documents SET layers = ?1", [&bad]).unwrap();
    let e = store.load_document(rowid).unwrap_err().to_string();
    assert!(e.contains("damaged layers"), "{e}");
}

fn accuse_doc(id: &str, date: &str, text: &str) -> sitrep_core::Document {
    let mut d = doc(id, text, None, Some(date));
    let mut e = event(
        id,
        0,
        0,
        EventType::Accuse,
        Status::Reported,
        vec![state("the US", "USA")],
        vec![state("Russia", "RUS")],
    );
    e.cameo = Some("112".into());
    d.events.push(e);
    d
}

#[test]
fn events_of_one_dyad_within_a_week_form_a_cluster() {
    let db = TempDb::new("clusters");
    let store = Store::open(&db.path).unwrap();
    let texts = [
        ("a", "2024-05-01", "First report. ".repeat(3)),
        ("b", "2024-05-04", "Second, different report. ".repeat(3)),
        ("c", "2024-05-30", "A third report weeks later. ".repeat(3)),
    ];
    let docs: Vec<_> = texts.iter().map(|(id, date, text)| accuse_doc(id, date, text)).collect();
    store.write_batch(&docs, &ctx()).unwrap();
    let r = store.refresh().unwrap();
    assert_eq!(r.clusters, 2);
    let page = store.events(&EventFilter::default(), 0, None).unwrap();
    let cl: Vec<Option<i64>> = page.items.iter().map(|e| e.cluster).collect();
    assert_eq!(cl[0], cl[1]);
    assert_ne!(cl[1], cl[2]);
    let f = EventFilter { cluster: cl[0], ..Default::default() };
    assert_eq!(store.count_events(&f).unwrap(), 2);
}

#[test]
fn a_refresh_after_new_events_leaves_the_clusters_a_refresh_from_scratch_makes() {
    let db = TempDb::new("clusters-again");
    let store = Store::open(&db.path).unwrap();
    let accuse = |id: &str, date: &str, text: &str| accuse_doc(id, date, &text.repeat(3));
    // The later two first; then one dated before them, which becomes the
    // first event of the second's cluster.
    store
        .write_batch(
            &[accuse("c", "2024-05-30", "A third report weeks later. "), accuse("b", "2024-05-04", "Second report. ")],
            &ctx(),
        )
        .unwrap();
    assert_eq!(store.refresh().unwrap().clusters, 2);
    store.write_batch(&[accuse("a", "2024-05-01", "First report. ")], &ctx()).unwrap();
    assert_eq!(store.refresh().unwrap().clusters, 2);
    let table = |store: &Store| -> Vec<(i64, i64, String, i64, i64, i64, i64)> {
        store
            .connection()
            .prepare("SELECT id, key, event, first_day, last_day, events, stories FROM clusters ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let clusters_of = |store: &Store| column::<Option<i64>>(store, "SELECT cluster FROM events ORDER BY rowid");
    let incremental = (table(&store), clusters_of(&store));
    // Rowids 1 (c), 2 (b), 3 (a): a and b are one cluster, numbered by a.
    assert_eq!(incremental.1, vec![Some(1), Some(3), Some(3)]);
    assert_eq!(incremental.0.iter().map(|r| (r.0, r.5)).collect::<Vec<_>>(), vec![(1, 1), (3, 2)]);
    store.connection().execute_batch("DELETE FROM clusters; UPDATE events SET cluster = NULL;").unwrap();
    store.refresh().unwrap();
    assert_eq!((table(&store), clusters_of(&store)), incremental);
}

#[test]
fn the_claim_ledger_says_who_alleges_denies_and_declines() {
    let db = TempDb::new("claims");
    let store = Store::open(&db.path).unwrap();
    store.write_batch(&[contested_doc()], &ctx()).unwrap();
    let r = store.refresh().unwrap();
    assert_eq!(r.claims, 1);
    let page = store.claims(0, None).unwrap();
    let c = &page.items[0];
    assert_eq!(
        c.line(),
        "North Korea sent troops to Russia — alleged by Ukraine and Western countries, denied by North Korea, \
         neither confirmed nor denied by Russia; reported by RT (state-controlled, RUS)"
    );
    assert!(c.contested);
    assert_eq!(c.first_seen.as_deref(), Some("2024-11-01"));
    assert_eq!(c.outlets[0].ownership, "state");
}

#[test]
fn filters_select_and_pages_count() {
    let db = TempDb::new("filters");
    let store = Store::open(&db.path).unwrap();
    let mut docs = vec![contested_doc()];
    for i in 0..30 {
        let text = format!("Report number {i} on the talks between the delegations.");
        docs.push(consult_doc(&format!("t{i}"), &text, Some("https://www.reuters.com/x"), Some("2024-03-10")));
    }
    store.write_batch(&docs, &ctx()).unwrap();
    store.refresh().unwrap();
    let n = |f: EventFilter| store.count_events(&f).unwrap();
    assert_eq!(n(EventFilter::default()), 34);
    assert_eq!(n(EventFilter { actor: Some("USA".into()), ..Default::default() }), 30);
    assert_eq!(n(EventFilter { actor: Some("usa".into()), ..Default::default() }), 30);
    assert_eq!(n(EventFilter { recipient: Some("RUS".into()), ..Default::default() }), 31);
    assert_eq!(n(EventFilter { actor: Some("RUSGOV".into()), ..Default::default() }), 1);
    assert_eq!(n(EventFilter { dyad: Some(("RUS".into(), "USA".into())), ..Default::default() }), 30);
    assert_eq!(n(EventFilter { event: Some(EventType::Reject), ..Default::default() }), 2);
    assert_eq!(n(EventFilter { status: Some(Status::Alleged), ..Default::default() }), 1);
    assert_eq!(n(EventFilter { ownership: Some(Ownership::State), ..Default::default() }), 4);
    assert_eq!(n(EventFilter { outlet: Some("https://www.rt.com/".into()), ..Default::default() }), 4);
    assert_eq!(n(EventFilter { since: Date::new(2024, 3, 11), ..Default::default() }), 4);
    assert_eq!(n(EventFilter { until: Date::new(2024, 3, 10), ..Default::default() }), 30);
    assert_eq!(n(EventFilter { search: Some("report number".into()), ..Default::default() }), 30);
    assert_eq!(n(EventFilter { search: Some("\"; DROP TABLE events".into()), ..Default::default() }), 0);
    assert_eq!(n(EventFilter { actor: Some("x' OR '1'='1".into()), ..Default::default() }), 0);
    let page = store.events(&EventFilter { actor: Some("USA".into()), ..Default::default() }, 25, Some(10)).unwrap();
    assert_eq!((page.total, page.items.len()), (30, 5));
    let actors = store.actors(&EventFilter::default(), 3).unwrap();
    assert_eq!((actors[0].key.as_str(), actors[0].events, actors[0].as_recipient), ("RUS", 32, 31));
    assert_eq!((actors[1].key.as_str(), actors[1].cooperation, actors[1].as_actor), ("USA", 30, 30));
    let dyads = store.dyads(&EventFilter::default(), 3).unwrap();
    assert_eq!((dyads[0].actor.as_str(), dyads[0].recipient.as_str(), dyads[0].events), ("USA", "RUS", 30));
    let hits = store.search_documents("talks delegations", 0, 5).unwrap();
    assert_eq!(hits.total, 30);
    let one = store.event("nk-1-0-1").unwrap().expect("found by id");
    assert_eq!(one.event.status, Status::Alleged);
    assert_eq!(store.event(&one.rowid.to_string()).unwrap().expect("found by rowid").event.id, "nk-1-0-1");
    for missing in ["nk-1-0-9", "nk-1", "nk-2-0-1", "", "-0-1", "0-1"] {
        assert!(store.event(missing).unwrap().is_none(), "{missing:?}");
    }
    // An event of a document without an input id: its id begins with the
    // content hash.
    let mut plain = consult_doc("p", OTHER, None, Some("2024-03-02"));
    plain.source_id = None;
    plain.events[0].id = format!("{}-0-0", plain.id);
    store.write_batch(std::slice::from_ref(&plain), &ctx()).unwrap();
    let found = store.event(&plain.events[0].id).unwrap().expect("found by a hash-based id");
    assert_eq!(found.event.text, plain.events[0].text);
    let shown = store.document("nk-1").unwrap().expect("found by input id");
    assert_eq!(shown.document.events.len(), 4);
    assert!(store.document(&shown.document.id[..10]).unwrap().is_some(), "found by hash prefix");
}

#[test]
fn recode_replaces_a_documents_events_and_records_the_lexicon_version() {
    let db = TempDb::new("recode");
    let store = Store::open(&db.path).unwrap();
    let d = consult_doc("a", WIRE, None, Some("2024-03-01"));
    store.write_batch(std::slice::from_ref(&d), &ctx()).unwrap();
    let rowid = store.find_document("a").unwrap().unwrap();
    let mut loaded = store.load_document(rowid).unwrap();
    assert_eq!(loaded.text, d.text);
    assert_eq!(loaded.events, d.events);
    loaded.events[0].event = EventType::Agree;
    let extra = event("a", 1, 0, EventType::Aid, Status::Intended, vec![state("Germany", "DEU")], vec![]);
    loaded.events.push(extra);
    let n = store.replace_coding(&[loaded], &ctx()).unwrap();
    assert_eq!(n, 2);
    assert_eq!(count(&store, "SELECT count(*) FROM events"), 2);
    assert_eq!(count(&store, "SELECT count(*) FROM events WHERE event = 'CONSULT'"), 0);
    let v: String =
        store.connection().query_row("SELECT DISTINCT lexicon_version FROM events", [], |r| r.get(0)).unwrap();
    assert_eq!(v, lexicon().version());
    assert!(store.documents_to_recode(lexicon().version(), false, 0, 10).unwrap().is_empty());
    assert_eq!(store.documents_to_recode(lexicon().version(), true, 0, 10).unwrap(), vec![rowid]);
    // The text index follows the new events: the old entry is gone.
    assert_eq!(count(&store, "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'ministers'"), 1);
    assert_eq!(store.count_events(&EventFilter { search: Some("ministers".into()), ..Default::default() }).unwrap(), 1);
}

#[test]
fn bad_database_files_are_clear_errors() {
    let db = TempDb::new("bad");
    // Not SQLite at all.
    let junk = db.dir.join("junk.db");
    std::fs::write(&junk, b"this is not a database, just some text that goes on for a while.......".repeat(20))
        .unwrap();
    let e = Store::open(&junk).unwrap_err();
    assert!(matches!(e, StoreError::Foreign { .. }), "{e}");
    assert!(e.to_string().contains("junk.db"), "{e}");

    // Another application's SQLite file.
    let other = db.dir.join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute_batch("CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES ('hi');").unwrap();
    }
    let e = Store::open(&other).unwrap_err();
    assert!(e.to_string().contains("other.db") && e.to_string().contains("not a sitrep database"), "{e}");

    // A store from a newer sitrep.
    let newer = db.dir.join("newer.db");
    drop(Store::open(&newer).unwrap());
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.execute_batch("PRAGMA user_version = 99;").unwrap();
    }
    let e = Store::open(&newer).unwrap_err();
    assert!(matches!(e, StoreError::Newer { found: 99, .. }), "{e}");
    assert!(e.to_string().contains("newer.db"));

    // A store with a table gone.
    let damaged = db.dir.join("damaged.db");
    drop(Store::open(&damaged).unwrap());
    {
        let c = rusqlite::Connection::open(&damaged).unwrap();
        c.execute_batch("DROP TABLE claims;").unwrap();
    }
    let e = Store::open(&damaged).unwrap_err();
    assert!(e.to_string().contains("claims"), "{e}");

    // A store cut in half: an error when opened or queried, never a panic.
    let cut = db.dir.join("cut.db");
    {
        let s = Store::open(&cut).unwrap();
        let docs: Vec<_> = (0..200)
            .map(|i| consult_doc(&format!("d{i}"), &format!("{WIRE} Item {i}."), None, Some("2024-01-01")))
            .collect();
        s.write_batch(&docs, &ctx()).unwrap();
        s.connection().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    }
    let bytes = std::fs::read(&cut).unwrap();
    let mut damaged_bytes = bytes[..bytes.len() / 2].to_vec();
    // Overwrite a run of pages after the header with garbage too.
    for b in damaged_bytes.iter_mut().skip(8192).take(16384) {
        *b = 0xA5;
    }
    std::fs::write(&cut, &damaged_bytes).unwrap();
    let _ = std::fs::remove_file(db.dir.join("cut.db-wal"));
    match Store::open(&cut) {
        Err(e) => assert!(e.to_string().contains("cut.db"), "{e}"),
        Ok(s) => {
            let r = s.stats().and_then(|_| s.events(&EventFilter::default(), 0, None).map(|_| ()));
            let e = r.expect_err("a store cut in half cannot answer");
            assert!(e.to_string().contains("cut.db"), "{e}");
        }
    }

    // A directory, and a missing file for a query.
    assert!(Store::open(&db.dir).unwrap_err().to_string().contains("directory"));
    let e = Store::open_existing(&db.dir.join("missing.db")).unwrap_err();
    assert!(matches!(e, StoreError::Missing { .. }));
}

#[test]
fn remembered_totals_follow_writes_by_any_connection() {
    let db = TempDb::new("counts");
    let reader = Store::open(&db.path).unwrap();
    let writer = Store::open(&db.path).unwrap();
    let all = EventFilter::default();
    assert_eq!(reader.count_events(&all).unwrap(), 0);
    writer.write_batch(&[consult_doc("a", WIRE, None, None)], &ctx()).unwrap();
    assert_eq!(reader.count_events(&all).unwrap(), 1, "another connection's commit");
    reader.write_batch(&[consult_doc("b", OTHER, None, None)], &ctx()).unwrap();
    assert_eq!(reader.count_events(&all).unwrap(), 2, "this connection's own commit");
    assert_eq!(reader.count_events(&all).unwrap(), 2);
}

#[test]
fn two_connections_share_one_file() {
    let db = TempDb::new("concurrent");
    let a = Store::open(&db.path).unwrap();
    let b = Store::open(&db.path).unwrap();
    a.write_batch(&[consult_doc("a", WIRE, None, None)], &ctx()).unwrap();
    // b sees a's commit, and a document b writes is skipped by a.
    assert_eq!(b.known(&consult_doc("a", WIRE, None, None)).unwrap(), Known::Stored);
    b.write_batch(&[consult_doc("b", OTHER, None, None)], &ctx()).unwrap();
    let o = a.write_batch(&[consult_doc("b", OTHER, None, None)], &ctx()).unwrap();
    assert_eq!(o.added, 0);
    assert_eq!(a.stats().unwrap().documents, 2);
}

#[test]
fn an_events_stored_tone_is_the_coders_and_is_scored_only_when_missing() {
    let db = TempDb::new("tone");
    let store = Store::open(&db.path).unwrap();
    // A stand-in scorer that differs from every tone the events carry.
    store.set_tone(sitrep_store::ToneFns { document: |_| 0.0, sentence: |s| -(s.len() as f64) });
    let mut a = consult_doc("a", WIRE, Some("https://www.reuters.com/a"), Some("2024-03-01"));
    a.events[0].tone = Some(2.5);
    let mut b = consult_doc("b", OTHER, Some("https://www.bbc.co.uk/b"), Some("2024-03-02"));
    b.events[0].tone = None;
    b.events[0].text = "Ten letters".into();
    store.write_batch(&[a, b], &ctx()).unwrap();
    let tones: Vec<f64> = column(&store, "SELECT tone FROM events ORDER BY rowid");
    assert_eq!(tones, vec![2.5, -11.0]);
}
