//! What the API tests share: a store built from hand-made documents (so
//! the tests say exactly which events exist, whatever the coder does), a
//! server on a free loopback port in its own runtime, a small HTTP/1.1
//! client that can also send the malformed requests a browser never
//! would, and a checker of JSON values against the OpenAPI document.

#![allow(dead_code)]

use serde_json::Value;
use sitrep_core::{
    ActorRef, Cue, Document, Event, EventType, Explanation, InputOrigin, Mention, MentionKind, Outlet, Ownership,
    Repair, Segment, SegmentKind, Span, Status,
};
use sitrep_lexicon::Lexicon;
use sitrep_server::{App, Config, Limits};
use sitrep_store::{IngestContext, Store};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::load_default().expect("the default lexicon loads"))
}

/// A directory for one test's files, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("sitrep-server-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create a temporary directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn state(text: &str, code: &str, span: Option<Span>) -> ActorRef {
    ActorRef { entity_text: text.into(), code: Some(code.into()), kind: "state".into(), span, ..Default::default() }
}

fn outlet(domain: &str, name: &str, country: &str, ownership: Ownership) -> Outlet {
    Outlet { domain: domain.into(), name: name.into(), country: country.into(), ownership }
}

/// One event of a fixture document: sentence, type, status, actor (words,
/// code), recipient, trigger word.
type EventSpec<'a> = (usize, EventType, Status, (&'a str, &'a str), Option<(&'a str, &'a str)>, &'a str);

/// Builds a document of a title and article (and optional comment) with
/// events at the named words.
struct DocSpec<'a> {
    id: &'a str,
    title: &'a str,
    article: &'a str,
    comment: Option<&'a str>,
    url: Option<&'a str>,
    date: Option<&'a str>,
    outlet: Option<Outlet>,
    events: Vec<EventSpec<'a>>,
}

fn build(spec: DocSpec) -> Document {
    let mut text = format!("{}\n\n{}", spec.title, spec.article);
    let article_start = spec.title.len() + 2;
    let article_end = text.len();
    let mut segments = vec![
        Segment::new(SegmentKind::Title, Span::new(0, spec.title.len())),
        Segment::new(SegmentKind::Article, Span::new(article_start, article_end)),
    ];
    if let Some(c) = spec.comment {
        text.push_str("\n\n");
        let s = text.len();
        text.push_str(c);
        let mut seg = Segment::new(SegmentKind::Comment, Span::new(s, text.len()));
        seg.author = Some("reader1".into());
        segments.push(seg);
    }
    let mut d = Document::from_text(text.clone());
    d.source_id = Some(spec.id.into());
    d.url = spec.url.map(str::to_string);
    d.date = spec.date.map(str::to_string);
    d.title = Some(spec.title.into());
    d.outlet = spec.outlet;
    d.segments = segments;
    d.origin = InputOrigin {
        path: "fixture.jsonl".into(),
        record: Some(spec.id.into()),
        format: "jsonl".into(),
        charset: None,
    };
    let find = |w: &str, from: usize| -> Option<Span> {
        text.get(from..).and_then(|t| t.find(w)).map(|i| Span::new(from + i, from + i + w.len()))
    };
    for (n, (sentence, t, status, (atext, acode), rec, trigger)) in spec.events.into_iter().enumerate() {
        let a_span = find(atext, article_start);
        let r = rec.map(|(rt, rc)| state(rt, rc, find(rt, article_start)));
        let trig = find(trigger, article_start).unwrap_or_default();
        if let Some(s) = a_span {
            d.mentions.push(Mention {
                span: s,
                code: Some(acode.into()),
                sector: None,
                kind: MentionKind::State,
                identifier: None,
                name: None,
                entry: "states.tsv".into(),
                antecedent: None,
            });
        }
        let mut e = Event {
            id: format!("{}-{sentence}-{n}", spec.id),
            date: spec.date.map(str::to_string),
            actor: vec![state(atext, acode, a_span)],
            recipient: r.into_iter().collect(),
            event: t,
            mode: None,
            context: vec![],
            event_text: trigger.into(),
            text: spec.article.split_inclusive(". ").nth(sentence).unwrap_or(spec.article).trim().to_string(),
            event_loc: None,
            doc_id: spec.id.into(),
            segment: SegmentKind::Article,
            status,
            said_by: None,
            cameo: None,
            quad_code: t.quad().code(),
            goldstein: None,
            related: vec![],
            dead: None,
            injured: None,
            arrested: None,
            size: None,
            figures: vec![],
            tone: None,
            sentence,
            explanation: Explanation {
                trigger: trig,
                trigger_text: trigger.into(),
                pattern: format!("ACTOR {trigger} RECIPIENT"),
                pattern_source: "fixture.tsv:1".into(),
                roles: vec![format!("actor: subject of '{trigger}'")],
                cues: vec![],
                notes: vec![],
            },
        };
        if status == Status::Alleged {
            e.explanation.cues.push(Cue { text: "accused".into(), kind: "alleged".into(), span: Span::default() });
        }
        d.events.push(e);
    }
    d
}

/// The fixture's documents: four stories over two years, three outlets of
/// different ownership, a contested claim, a repaired character and a
/// reader comment.
pub fn documents() -> Vec<Document> {
    let mut claim = build(DocSpec {
        id: "claim-1",
        title: "Kyiv accuses Pyongyang",
        article: "Ukraine accused North Korea of sending troops to Russia. North Korea rejected the accusation. \
                  Officials in Seoul said they were watching closely.",
        comment: Some("Fake news, as usual."),
        url: Some("https://www.rt.com/news/1-claim/"),
        date: Some("2024-11-01"),
        outlet: Some(outlet("rt.com", "RT", "RUS", Ownership::State)),
        events: vec![
            (0, EventType::Accuse, Status::Reported, ("Ukraine", "UKR"), Some(("North Korea", "PRK")), "accused"),
            (
                0,
                EventType::Mobilize,
                Status::Alleged,
                ("North Korea", "PRK"),
                Some(("Russia", "RUS")),
                "sending troops",
            ),
            (1, EventType::Reject, Status::Reported, ("North Korea", "PRK"), None, "rejected"),
        ],
    });
    // The accusation alleges the troop movement; the rejection denies it.
    let ids: Vec<String> = claim.events.iter().map(|e| e.id.clone()).collect();
    claim.events[0].related = vec![ids[1].clone()];
    claim.events[1].related = vec![ids[0].clone(), ids[2].clone()];
    claim.events[2].related = vec![ids[1].clone()];
    // A repaired apostrophe: "Kyiv’s" was read as "Kyivâ€™s".
    claim.repairs.push(Repair {
        offset: 0,
        before: "Kyivâ€™s".into(),
        after: "Kyiv".into(),
        rule: "utf8-as-cp1252".into(),
    });
    vec![
        claim,
        build(DocSpec {
            id: "talks-1",
            title: "Talks in Geneva",
            article: "The United States met Russia in Geneva on Tuesday. Russia attacked Ukraine overnight. \
                      Both delegations said the talks would go on.",
            comment: None,
            url: Some("https://www.bbc.co.uk/news/world-2"),
            date: Some("2024-10-15"),
            outlet: Some(outlet("bbc.co.uk", "BBC", "GBR", Ownership::Public)),
            events: vec![
                (0, EventType::Consult, Status::Reported, ("United States", "USA"), Some(("Russia", "RUS")), "met"),
                (1, EventType::Assault, Status::Reported, ("Russia", "RUS"), Some(("Ukraine", "UKR")), "attacked"),
            ],
        }),
        build(DocSpec {
            id: "aid-1",
            title: "Berlin sends aid",
            article: "Germany sent aid to Ukraine on Monday. The shipment held medicine and generators for hospitals \
                      in the east of the country.",
            comment: None,
            url: None,
            date: Some("2023-05-02"),
            outlet: None,
            events: vec![(
                0,
                EventType::Aid,
                Status::Reported,
                ("Germany", "DEU"),
                Some(("Ukraine", "UKR")),
                "sent aid",
            )],
        }),
        build(DocSpec {
            id: "sanction-1",
            title: "New sanctions",
            article:
                "The United States sanctioned Russia over the attacks. Russia threatened Ukraine with more strikes. \
                      Markets fell on the news in several capitals.",
            comment: None,
            url: Some("https://www.example-news.test/world/sanctions"),
            date: Some("2024-11-20"),
            outlet: Some(outlet("example-news.test", "Example News", "USA", Ownership::Private)),
            events: vec![
                (
                    0,
                    EventType::Sanction,
                    Status::Reported,
                    ("United States", "USA"),
                    Some(("Russia", "RUS")),
                    "sanctioned",
                ),
                (1, EventType::Threaten, Status::Reported, ("Russia", "RUS"), Some(("Ukraine", "UKR")), "threatened"),
            ],
        }),
    ]
}

/// Writes the fixture into a new store at `path`.
pub fn write_store(path: &Path) {
    let store = Store::open(path).expect("create the fixture store");
    let lexicon = lexicon();
    store.write_batch(&documents(), &IngestContext { lexicon }).expect("write the fixture");
    store.refresh().expect("refresh the fixture");
}

/// The fixture store, built once per test process; tests that write get
/// a copy (see [`store_copy`]).
pub fn fixture_store() -> &'static Path {
    static DB: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DB.get_or_init(|| {
        let dir = TempDir::new("fixture");
        let path = dir.0.join("fixture.db");
        write_store(&path);
        (dir, path)
    });
    path
}

/// A fresh store with the fixture, for a test that writes.
pub fn store_copy(dir: &TempDir) -> PathBuf {
    let path = dir.0.join("copy.db");
    write_store(&path);
    path
}

/// A server on a free loopback port, stopped when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    pub fn start(config: Config) -> TestServer {
        let app = App::new(config, lexicon()).expect("the app starts on the store");
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a tokio runtime");
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
                addr_tx.send(listener.local_addr().expect("the bound address")).expect("send the address");
                let _ = sitrep_server::serve(listener, app, async {
                    let _ = stop_rx.await;
                })
                .await;
            });
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(30)).expect("the server starts");
        TestServer { addr, stop: Some(stop_tx), thread: Some(thread) }
    }

    /// The fixture store, read only, ingest off.
    pub fn fixture() -> TestServer {
        TestServer::start(Config::new(fixture_store()))
    }

    pub fn get(&self, path: &str) -> Resp {
        get(self.addr, path)
    }

    pub fn post(&self, path: &str, content_type: &str, body: &[u8], headers: &[(&str, &str)]) -> Resp {
        post(self.addr, path, content_type, body, headers)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Limits for tests: the defaults, with short waits.
pub fn test_limits() -> Limits {
    Limits { headers: Duration::from_secs(1), ..Limits::default() }
}

/// A response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("not JSON ({e}): status {} body {:?}", self.status, String::from_utf8_lossy(&self.body))
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends raw bytes as one request (the caller writes `Connection: close`)
/// and reads the whole response. Write errors are ignored: the server may
/// answer and close before a large body is sent.
pub fn raw(addr: SocketAddr, request: &[u8]) -> Resp {
    let mut s = TcpStream::connect(addr).expect("connect to the test server");
    s.set_read_timeout(Some(Duration::from_secs(60))).expect("set a read timeout");
    let writer = {
        let mut w = s.try_clone().expect("clone the socket");
        let data = request.to_vec();
        std::thread::spawn(move || {
            let _ = w.write_all(&data);
        })
    };
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let _ = writer.join();
    parse(&buf)
}

pub fn parse(buf: &[u8]) -> Resp {
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or_else(|| {
        panic!("no complete response: {:?}", String::from_utf8_lossy(buf));
    });
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':').map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))).collect();
    let mut body = buf[split + 4..].to_vec();
    let chunked =
        headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked"));
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        while let Some(nl) = rest.windows(2).position(|w| w == b"\r\n") {
            let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..nl]).trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let start = nl + 2;
            out.extend_from_slice(&rest[start..(start + size).min(rest.len())]);
            rest = &rest[(start + size + 2).min(rest.len())..];
        }
        body = out;
    }
    Resp { status, headers, body }
}

pub fn get(addr: SocketAddr, path: &str) -> Resp {
    raw(addr, format!("GET {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n").as_bytes())
}

pub fn post(addr: SocketAddr, path: &str, content_type: &str, body: &[u8], headers: &[(&str, &str)]) -> Resp {
    let mut req = format!(
        "POST {path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    raw(addr, &bytes)
}

/// The OpenAPI document.
pub fn openapi() -> Value {
    serde_json::from_str(sitrep_server::OPENAPI).expect("the OpenAPI document is JSON")
}

/// The documented route that `path` (without its query) falls under.
pub fn route_of<'a>(doc: &'a Value, path: &str) -> Option<&'a str> {
    let paths = doc["paths"].as_object()?;
    let parts: Vec<&str> = path.split('/').collect();
    paths.keys().map(String::as_str).find(|t| {
        let tp: Vec<&str> = t.split('/').collect();
        tp.len() == parts.len()
            && tp.iter().zip(&parts).all(|(a, b)| (a.starts_with('{') && a.ends_with('}') && !b.is_empty()) || a == b)
    })
}

/// Checks a response against the OpenAPI document: the route, method and
/// status are documented, and the body matches the documented schema.
/// Returns the problems found (none when it conforms).
pub fn check_response(doc: &Value, method: &str, path: &str, r: &Resp) -> Vec<String> {
    let path = path.split('?').next().unwrap_or(path);
    let Some(route) = route_of(doc, path) else { return vec![format!("{path}: not in the OpenAPI document")] };
    let op = &doc["paths"][route][method.to_lowercase()];
    if op.is_null() {
        return vec![format!("{method} {route}: not documented")];
    }
    let resp = &op["responses"][r.status.to_string()];
    if resp.is_null() {
        return vec![format!("{method} {route}: status {} not documented", r.status)];
    }
    let Some(schema) = resp.pointer("/content/application~1json/schema") else {
        return vec![format!("{method} {route} {}: no JSON schema documented", r.status)];
    };
    if !r.header("content-type").is_some_and(|c| c.starts_with("application/json")) {
        return vec![format!("{method} {route} {}: content type {:?}", r.status, r.header("content-type"))];
    }
    let body: Value = match serde_json::from_slice(&r.body) {
        Ok(v) => v,
        Err(e) => return vec![format!("{method} {route} {}: body is not JSON ({e})", r.status)],
    };
    let mut errors = Vec::new();
    validate(doc, schema, &body, "$", &mut errors);
    errors.into_iter().map(|e| format!("{method} {route} {}: {e}", r.status)).collect()
}

/// Validates `v` against the subset of JSON Schema the document uses:
/// `$ref`, `anyOf`, `type` (one or several), `enum`, `properties`,
/// `required`, `additionalProperties: false`, `items`.
pub fn validate(doc: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        match doc.pointer(r.trim_start_matches('#')) {
            Some(s) => return validate(doc, s, v, at, errors),
            None => return errors.push(format!("{at}: unresolved {r}")),
        }
    }
    if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
        let ok = any.iter().any(|s| {
            let mut e = Vec::new();
            validate(doc, s, v, at, &mut e);
            e.is_empty()
        });
        if !ok {
            errors.push(format!("{at}: matches none of anyOf"));
        }
        return;
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let fits = types.iter().any(|t| match *t {
            "null" => v.is_null(),
            "string" => v.is_string(),
            "integer" => v.is_i64() || v.is_u64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            _ => false,
        });
        if !fits {
            errors.push(format!("{at}: {} is not of type {types:?}", short(v)));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            errors.push(format!("{at}: {} is not one of {e:?}", short(v)));
        }
    }
    if let (Some(o), Some(props)) = (v.as_object(), schema.get("properties").and_then(Value::as_object)) {
        for r in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            if let Some(k) = r.as_str() {
                if !o.contains_key(k) {
                    errors.push(format!("{at}: required {k:?} is missing"));
                }
            }
        }
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        for (k, x) in o {
            match props.get(k) {
                Some(s) => validate(doc, s, x, &format!("{at}.{k}"), errors),
                None if closed => errors.push(format!("{at}: {k:?} is not documented")),
                None => {}
            }
        }
    }
    if let (Some(a), Some(items)) = (v.as_array(), schema.get("items")) {
        for (i, x) in a.iter().enumerate() {
            validate(doc, items, x, &format!("{at}[{i}]"), errors);
        }
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 60 {
        format!("{}…", &s[..s.char_indices().take_while(|(i, _)| *i < 60).last().map(|(i, _)| i).unwrap_or(0)])
    } else {
        s
    }
}
