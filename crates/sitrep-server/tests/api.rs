//! The HTTP API against a real listener on the fixture store: every
//! endpoint, the filters and paging, the OpenAPI document checked against
//! the real responses, analysis equal to the library pipeline, and ingest.

mod common;

use common::*;
use serde_json::Value;
use sitrep_server::Config;

/// Every GET the tests make, checked against the OpenAPI document.
#[test]
fn every_endpoint_answers_as_documented() {
    let s = TestServer::fixture();
    let doc = openapi();
    let event_id = s.get("/api/events?limit=1").json()["items"][0]["event"]["id"].as_str().map(str::to_string);
    let event_id = event_id.expect("the fixture has events");
    let gets = [
        "/api/stats".to_string(),
        "/api/events".into(),
        "/api/events?actor=RUS&type=ASSAULT&status=reported&since=2024&until=2024-12&ownership=public".into(),
        "/api/events?all_mentions=true&newest_first=true&offset=1&limit=2".into(),
        format!("/api/events/{event_id}"),
        "/api/documents/claim-1".into(),
        "/api/actors".into(),
        "/api/actors?limit=3&since=2024-01-01".into(),
        "/api/dyads".into(),
        "/api/dyads?dyad=RUS,UKR".into(),
        "/api/timeline".into(),
        "/api/timeline?period=week&type=ASSAULT".into(),
        "/api/claims".into(),
        "/api/claims?offset=0&limit=1".into(),
        "/api/search?q=Geneva".into(),
        // Errors are documented too.
        "/api/events/no-such-event".into(),
        "/api/documents/no-such-document".into(),
        "/api/events?type=FLY".into(),
        "/api/search".into(),
    ];
    let mut problems = Vec::new();
    for path in &gets {
        let r = s.get(path);
        problems.extend(check_response(&doc, "GET", path, &r));
    }
    let r = s.post("/api/analyze", "application/json", br#"{"text": "Germany sent aid to Ukraine on Monday."}"#, &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    problems.extend(check_response(&doc, "POST", "/api/analyze", &r));
    let r = s.post("/api/ingest", "application/x-ndjson", b"{}", &[]);
    assert_eq!(r.status, 403);
    problems.extend(check_response(&doc, "POST", "/api/ingest", &r));
    assert!(problems.is_empty(), "responses differ from the OpenAPI document:\n{}", problems.join("\n"));
}

/// The server takes every query parameter the document lists, and the
/// document lists every route the server answers under /api/.
#[test]
fn the_document_and_the_server_agree_on_routes_and_parameters() {
    let s = TestServer::fixture();
    let doc = openapi();
    let sample = |name: &str, schema: &Value| -> String {
        if let Some(e) = schema["enum"].as_array() {
            return e[0].as_str().unwrap_or("").to_string();
        }
        match (name, schema["type"].as_str()) {
            ("dyad", _) => "RUS,UKR".into(),
            ("since" | "until", _) => "2024-01-01".into(),
            (_, Some("integer")) => "1".into(),
            (_, Some("boolean")) => "true".into(),
            _ => "RUS".into(),
        }
    };
    let mut checked = 0;
    for (route, ops) in doc["paths"].as_object().expect("paths") {
        let Some(op) = ops.get("get") else { continue };
        let concrete = match route.as_str() {
            "/api/events/{id}" => "/api/events/talks-1-0-0".to_string(),
            "/api/documents/{id}" => "/api/documents/talks-1".to_string(),
            r => r.to_string(),
        };
        let mut params = Vec::new();
        for p in op["parameters"].as_array().into_iter().flatten() {
            let p = match p.get("$ref").and_then(Value::as_str) {
                Some(r) => doc.pointer(r.trim_start_matches('#')).expect("parameter reference resolves"),
                None => p,
            };
            if p["in"] == "query" {
                let name = p["name"].as_str().expect("parameter name");
                params.push(format!("{name}={}", sample(name, &p["schema"])));
            }
        }
        let path = if params.is_empty() { concrete } else { format!("{concrete}?{}", params.join("&")) };
        let r = s.get(&path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.text());
        let problems = check_response(&doc, "GET", &path, &r);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} routes checked");
    // An /api/ path the document does not list is not served.
    assert_eq!(s.get("/api/secrets").status, 404);
    assert_eq!(s.get("/api/events/x/y").status, 404);
}

fn events(s: &TestServer, query: &str) -> Value {
    let r = s.get(&format!("/api/events{query}"));
    assert_eq!(r.status, 200, "{query}: {}", r.text());
    r.json()
}

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["event"]["id"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn filters_select_the_events_they_name() {
    let s = TestServer::fixture();
    let all = events(&s, "");
    assert_eq!(all["total"], 8);
    let codes = |v: &Value, role: &str| -> Vec<String> {
        v[role].as_array().into_iter().flatten().filter_map(|a| a["code"].as_str().map(str::to_string)).collect()
    };
    let by_actor = events(&s, "?actor=RUS");
    assert_eq!(by_actor["total"], 2);
    for e in by_actor["items"].as_array().into_iter().flatten() {
        assert_eq!(codes(&e["event"], "actor"), vec!["RUS"]);
    }
    assert_eq!(events(&s, "?recipient=UKR")["total"], 3);
    assert_eq!(events(&s, "?dyad=UKR,RUS")["total"], 2, "either way round");
    assert_eq!(ids(&events(&s, "?type=assault")), vec!["talks-1-1-1"]);
    assert_eq!(ids(&events(&s, "?status=alleged")), vec!["claim-1-0-1"]);
    assert_eq!(events(&s, "?since=2024-11")["total"], 5);
    assert_eq!(events(&s, "?until=2023")["total"], 1);
    assert_eq!(events(&s, "?since=2024-10-01&until=2024-10-31")["total"], 2);
    assert_eq!(events(&s, "?ownership=state")["total"], 3);
    assert_eq!(events(&s, "?ownership=private")["total"], 2);
    assert_eq!(events(&s, "?outlet=bbc.co.uk")["total"], 2);
    assert_eq!(events(&s, "?search=Geneva")["total"], 1);
    assert_eq!(events(&s, "?document=talks-1")["total"], 0, "document takes the content hash");
    let hash = s.get("/api/documents/talks-1").json()["doc"]["id"].as_str().map(str::to_string).expect("hash");
    assert_eq!(events(&s, &format!("?document={hash}"))["total"], 2);
    // Earliest first by default; newest_first turns it round.
    let days = |v: &Value| -> Vec<String> {
        v["items"].as_array().into_iter().flatten().filter_map(|e| e["day"].as_str().map(str::to_string)).collect()
    };
    let asc = days(&all);
    let mut sorted = asc.clone();
    sorted.sort();
    assert_eq!(asc, sorted);
    let desc = days(&events(&s, "?newest_first=true"));
    sorted.reverse();
    assert_eq!(desc, sorted);
}

#[test]
fn pages_cover_the_results_once() {
    let s = TestServer::fixture();
    let all = ids(&events(&s, "?limit=100"));
    let mut paged = Vec::new();
    for offset in (0..10).step_by(3) {
        let page = events(&s, &format!("?offset={offset}&limit=3"));
        assert_eq!(page["total"], 8);
        assert_eq!(page["offset"], offset);
        assert_eq!(page["limit"], 3);
        paged.extend(ids(&page));
    }
    assert_eq!(paged, all);
    let past = events(&s, "?offset=50");
    assert_eq!(past["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(past["total"], 8);
    assert_eq!(events(&s, "?limit=0")["items"].as_array().map(Vec::len), Some(0));
    for bad in ["?limit=1001", "?limit=-1", "?offset=x", "?limit=1.5"] {
        let r = s.get(&format!("/api/events{bad}"));
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.json()["error"].as_str().is_some_and(|m| m.starts_with("limit") || m.starts_with("offset")));
    }
}

#[test]
fn one_event_comes_with_its_explanation_and_document() {
    let s = TestServer::fixture();
    let r = s.get("/api/events/talks-1-1-1");
    assert_eq!(r.status, 200);
    let e = r.json();
    assert_eq!(e["event"]["event"], "ASSAULT");
    assert_eq!(e["event"]["explanation"]["trigger_text"], "attacked");
    assert_eq!(e["event"]["explanation"]["pattern_source"], "fixture.tsv:1");
    assert_eq!(e["outlet"]["ownership"], "public");
    // Its document, by the hash the event names.
    let d = s.get(&format!("/api/documents/{}", e["document"].as_str().unwrap_or("-"))).json();
    assert_eq!(d["doc"]["source_id"], "talks-1");
    let trigger = &e["event"]["explanation"]["trigger"];
    let text = d["doc"]["text"].as_str().unwrap_or("");
    let (a, b) = (trigger["start"].as_u64().unwrap_or(0) as usize, trigger["end"].as_u64().unwrap_or(0) as usize);
    assert_eq!(text.get(a..b), Some("attacked"), "spans are byte offsets into the text");
    // By store row id too.
    let rowid = e["rowid"].as_i64().unwrap_or(-1);
    assert_eq!(s.get(&format!("/api/events/{rowid}")).json()["event"]["id"], "talks-1-1-1");
}

#[test]
fn a_document_carries_its_layers() {
    let s = TestServer::fixture();
    let d = s.get("/api/documents/claim-1").json();
    let kinds: Vec<&str> = d["segments"].as_array().into_iter().flatten().filter_map(|x| x["kind"].as_str()).collect();
    assert_eq!(kinds, ["title", "article", "comment"]);
    assert_eq!(d["repairs"][0]["rule"], "utf8-as-cp1252");
    assert_eq!(d["events"].as_array().map(Vec::len), Some(3));
    assert!(d["mentions"].as_array().is_some_and(|m| !m.is_empty()));
    assert_eq!(d["store"]["articles"][0]["url"], "https://www.rt.com/news/1-claim/");
    assert_eq!(d["doc"]["outlet"]["ownership"], "state");
    // By a prefix of the content hash.
    let hash = d["doc"]["id"].as_str().unwrap_or("").to_string();
    assert_eq!(s.get(&format!("/api/documents/{}", &hash[..10])).json()["doc"]["id"], hash.as_str());
}

#[test]
fn actors_dyads_and_the_timeline_count_the_filtered_events() {
    let s = TestServer::fixture();
    let actors = s.get("/api/actors").json();
    let first = &actors["items"][0];
    assert_eq!(first["key"], "RUS", "Russia is in the most events: {actors}");
    assert_eq!(first["events"], 5);
    assert_eq!(s.get("/api/actors?limit=2").json()["items"].as_array().map(Vec::len), Some(2));
    let dyads = s.get("/api/dyads?ownership=public").json();
    let pairs: Vec<(String, String)> = dyads["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| (d["actor"].as_str().unwrap_or("").into(), d["recipient"].as_str().unwrap_or("").into()))
        .collect();
    assert_eq!(pairs.len(), 2);
    assert!(pairs.contains(&("USA".into(), "RUS".into())) && pairs.contains(&("RUS".into(), "UKR".into())));
    let conflict: i64 = dyads["items"].as_array().into_iter().flatten().filter_map(|d| d["conflict"].as_i64()).sum();
    assert_eq!(conflict, 1, "one ASSAULT");

    let total = |q: &str| -> i64 {
        let t = s.get(&format!("/api/timeline{q}")).json();
        t["items"].as_array().into_iter().flatten().filter_map(|i| i["count"].as_i64()).sum()
    };
    for q in ["", "?actor=RUS", "?since=2024-11", "?ownership=state", "?type=AID"] {
        let n = events(&s, q)["total"].as_i64().unwrap_or(-1);
        assert_eq!(total(q), n, "the timeline and the list agree for {q:?}");
    }
    let months = s.get("/api/timeline").json();
    let periods: Vec<&str> =
        months["items"].as_array().into_iter().flatten().filter_map(|i| i["period"].as_str()).collect();
    assert!(periods.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(periods.first(), Some(&"2023-05"));
    assert_eq!(periods.last(), Some(&"2024-11"));
    let years = s.get("/api/timeline?period=year").json();
    assert_eq!(years["period"], "year");
    let y: Vec<&str> = years["items"].as_array().into_iter().flatten().filter_map(|i| i["period"].as_str()).collect();
    assert!(y.iter().all(|p| *p == "2023" || *p == "2024"));
    assert_eq!(s.get("/api/timeline?period=fortnight").status, 400);
}

#[test]
fn claims_put_contested_ones_first_and_name_the_parties() {
    let s = TestServer::fixture();
    let c = s.get("/api/claims").json();
    assert!(c["total"].as_u64().is_some_and(|n| n >= 1), "{c}");
    let first = &c["items"][0];
    assert_eq!(first["contested"], true, "{first}");
    assert_eq!(first["event"], "MOBILIZE");
    let names = |k: &str| -> Vec<String> {
        first[k].as_array().into_iter().flatten().filter_map(|p| p["key"].as_str().map(str::to_string)).collect()
    };
    assert!(names("alleged_by").contains(&"UKR".to_string()), "{first}");
    assert!(names("denied_by").contains(&"PRK".to_string()), "{first}");
    assert_eq!(first["outlets"][0]["ownership"], "state");
}

#[test]
fn search_finds_documents_by_their_words() {
    let s = TestServer::fixture();
    let hits = s.get("/api/search?q=generators%20hospitals").json();
    assert_eq!(hits["total"], 1);
    assert_eq!(hits["items"][0]["title"], "Berlin sends aid");
    assert_eq!(s.get("/api/search?q=nowhere-to-be-found").json()["total"], 0);
    let r = s.get("/api/search?q=");
    assert_eq!(r.status, 400);
    assert!(r.json()["error"].as_str().is_some_and(|m| m.starts_with("q:")));
}

#[test]
fn stats_count_the_store_without_showing_where_it_is() {
    let s = TestServer::fixture();
    let st = s.get("/api/stats").json();
    assert_eq!(st["documents"], 4);
    assert_eq!(st["story_events"], 8);
    assert_eq!(st["path"], "fixture.db");
    assert!(!s.get("/api/stats").text().contains(&std::env::temp_dir().display().to_string()));
}

/// The API's analysis is the library pipeline's, byte for byte.
#[test]
fn analyze_runs_the_same_pipeline_as_the_command_line() {
    let s = TestServer::fixture();
    let text = "Moscow — Russia accused Ukraine of shelling a border town on Monday, officials said.\n\n\
                Ukraine denied the claim.\n";
    let expected = {
        use sitrep_read::{BodyKind, InputFormat, RawDoc};
        let mut doc =
            sitrep_text::build_document(RawDoc::new("request", InputFormat::Text, BodyKind::Text, text.into()));
        sitrep_coder::Coder::new(lexicon()).code(&mut doc);
        doc.analyze_json()
    };
    let r = s.post("/api/analyze", "text/plain; charset=utf-8", text.as_bytes(), &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), expected);
    let as_json = serde_json::json!({ "text": text }).to_string();
    assert_eq!(s.post("/api/analyze", "application/json", as_json.as_bytes(), &[]).json(), expected);
    // HTML goes through extraction.
    let html = "<html><head><title>Border clash</title></head><body><article><h1>Border clash</h1>\
                <p>Russia accused Ukraine of shelling a border town on Monday.</p></article></body></html>";
    let a = s.post("/api/analyze", "text/html", html.as_bytes(), &[]).json();
    assert_eq!(a["doc"]["input"]["format"], "html");
    assert!(a["doc"]["text"].as_str().is_some_and(|t| t.contains("shelling") && !t.contains("<p>")));
    // Nothing was stored.
    assert_eq!(s.get("/api/stats").json()["documents"], 4);
}

#[test]
fn ingest_with_the_token_stores_documents() {
    let dir = TempDir::new("ingest");
    let db = store_copy(&dir);
    let mut config = Config::new(&db);
    config.token = Some("t0ken-for-tests".into());
    let s = TestServer::start(config);
    let body = b"{\"id\": \"new-1\", \"url\": \"https://www.bbc.co.uk/news/new-1\", \"date\": \"2024-12-01\", \
                 \"text\": \"France sent aid to Ukraine on Sunday, the ministry said.\"}\n\
                 {\"id\": \"new-2\", \"text\": \"The talks in Vienna ended without an agreement on Friday.\"}\n\
                 not json at all\n";
    let auth = [("Authorization", "Bearer t0ken-for-tests")];
    let r = s.post("/api/ingest", "application/x-ndjson", body, &auth);
    assert_eq!(r.status, 200, "{}", r.text());
    let out = r.json();
    assert_eq!(out["documents"], 2);
    assert_eq!(out["added"], 2);
    assert_eq!(out["errors"].as_array().map(Vec::len), Some(1), "{out}");
    assert!(out["errors"][0].as_str().is_some_and(|e| e.contains("line 3")), "{out}");
    assert!(check_response(&openapi(), "POST", "/api/ingest", &r).is_empty());
    assert_eq!(s.get("/api/stats").json()["documents"], 6);
    assert_eq!(s.get("/api/documents/new-1").status, 200);
    // The same again adds nothing.
    let again = s.post("/api/ingest", "application/x-ndjson", body, &auth).json();
    assert_eq!(again["added"], 0);
    assert_eq!(again["unchanged"], 2);
    // Totals the server remembered are counted again after a write.
    let before = events(&s, "")["total"].as_u64().unwrap_or(0);
    let r = s.post(
        "/api/ingest",
        "application/x-ndjson",
        b"{\"id\": \"new-3\", \"date\": \"2024-12-02\", \"text\": \"Russia attacked Ukraine with drones overnight, officials said.\"}\n",
        &auth,
    );
    let added_events = r.json()["events"].as_u64().unwrap_or(0);
    assert_eq!(events(&s, "")["total"].as_u64(), Some(before + added_events));
}

/// A total the server remembered is counted again when another process
/// writes to the store.
#[test]
fn totals_follow_writes_by_another_process() {
    let dir = TempDir::new("writer");
    let db = store_copy(&dir);
    let s = TestServer::start(Config::new(&db));
    // Asked twice, so that the total is remembered.
    assert_eq!(events(&s, "?actor=DEU&all_mentions=true")["total"], 1);
    assert_eq!(events(&s, "?actor=DEU&all_mentions=true")["total"], 1);
    // Another writer: the fixture's aid document at a new URL with a new text.
    let mut doc = documents().into_iter().find(|d| d.source_id.as_deref() == Some("aid-1")).expect("aid-1");
    doc.text.push_str(" A second convoy followed.");
    doc.id = sitrep_core::content_hash(&[doc.text.as_bytes()]);
    doc.source_id = Some("aid-2".into());
    for e in &mut doc.events {
        e.id = e.id.replace("aid-1", "aid-2");
        e.doc_id = "aid-2".into();
    }
    let store = sitrep_store::Store::open_existing(&db).expect("open the copy");
    store.write_batch(&[doc], &sitrep_store::IngestContext { lexicon: lexicon() }).expect("write");
    for _ in 0..4 {
        // Whichever pooled connection answers, it has counted again.
        let after = events(&s, "?actor=DEU&all_mentions=true");
        assert_eq!(after["total"], 2);
        assert_eq!(after["items"].as_array().map(Vec::len), Some(2));
    }
}
