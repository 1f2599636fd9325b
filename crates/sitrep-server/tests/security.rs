//! What a careless or hostile client can send: oversized and malformed
//! bodies, SQL-looking filter values, path traversal in asset paths,
//! ingest without the token, slow headers, requests past their deadline.
//! Every answer is a JSON error with the right status, and the server
//! keeps serving.

mod common;

use common::*;
use sitrep_server::{Config, Limits};
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn error_of(r: &Resp) -> String {
    assert_eq!(r.header("content-type"), Some("application/json"), "status {}: {}", r.status, r.text());
    let v = r.json();
    assert_eq!(v["status"].as_u64(), Some(r.status as u64));
    v["error"].as_str().unwrap_or_default().to_string()
}

#[test]
fn oversized_bodies_are_refused_with_413() {
    let dir = TempDir::new("oversized");
    let mut config = Config::new(store_copy(&dir));
    config.token = Some("tok".into());
    let s = TestServer::start(config);
    let big = vec![b'a'; 3 << 20];
    let r = s.post("/api/analyze", "text/plain", &big, &[]);
    assert_eq!(r.status, 413);
    assert!(error_of(&r).contains("too large"));
    let r = s.post("/api/ingest", "application/x-ndjson", &big, &[("Authorization", "Bearer tok")]);
    assert_eq!(r.status, 413);
    // Without a length up front: chunked, stopped when it passes the limit.
    let mut req = b"POST /api/analyze HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Type: text/plain\r\n\
                    Transfer-Encoding: chunked\r\n\r\n"
        .to_vec();
    for _ in 0..48 {
        req.extend_from_slice(format!("{:x}\r\n", 64 << 10).as_bytes());
        req.extend(std::iter::repeat_n(b'b', 64 << 10));
        req.extend_from_slice(b"\r\n");
    }
    req.extend_from_slice(b"0\r\n\r\n");
    let r = raw(s.addr, &req);
    assert_eq!(r.status, 413, "{}", r.text());
    // Just under the limit is fine.
    // Just under the limit is read (a page that is mostly markup, so
    // that the test measures the limit, not the coder's speed).
    let fits = format!(
        "<html><body><article><p>Germany sent aid to Ukraine.</p></article><!-- {} --></body></html>",
        "x".repeat((2 << 20) - 200)
    );
    let r = s.post("/api/analyze", "text/html", fits.as_bytes(), &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(s.get("/api/stats").status, 200, "still serving");
}

#[test]
fn malformed_json_and_wrong_media_types_are_client_errors() {
    let s = TestServer::fixture();
    for body in [&b"{\"text\": "[..], b"not json", b"[1, 2]", b"{\"text\": 5}", b"{\"txt\": \"hello\"}", b"\xff\xfe{}"]
    {
        let r = s.post("/api/analyze", "application/json", body, &[]);
        assert_eq!(r.status, 400, "{:?}", String::from_utf8_lossy(body));
        assert!(!error_of(&r).is_empty());
    }
    let both = br#"{"text": "a", "html": "<p>a</p>"}"#;
    assert!(error_of(&s.post("/api/analyze", "application/json", both, &[])).contains("exactly one"));
    let r = s.post("/api/analyze", "application/json", br#"{"text": "   "}"#, &[]);
    assert_eq!(r.status, 400);
    let r = s.post("/api/analyze", "image/png", b"\x89PNG", &[]);
    assert_eq!(r.status, 415);
    assert!(error_of(&r).contains("image/png"));
}

#[test]
fn sql_looking_values_are_only_values() {
    let s = TestServer::fixture();
    let before = s.get("/api/stats").json();
    let nasty = [
        "RUS'%20OR%20'1'='1",
        "RUS%22%3B%20DROP%20TABLE%20events%3B--",
        "1%20UNION%20SELECT%20json%20FROM%20claims",
        "%25",
        "_",
        "*",
    ];
    for v in nasty {
        for key in ["actor", "recipient", "outlet", "search", "document"] {
            let r = s.get(&format!("/api/events?{key}={v}"));
            assert_eq!(r.status, 200, "{key}={v}: {}", r.text());
            assert_eq!(r.json()["total"], 0, "{key}={v} matched something");
        }
        let r = s.get(&format!("/api/search?q={v}"));
        assert!(r.status == 200 || r.status == 400, "q={v}: {}", r.text());
        assert_eq!(s.get(&format!("/api/events/{v}")).status, 404);
        assert_eq!(s.get(&format!("/api/documents/{v}")).status, 404);
    }
    // FTS syntax in a search is words, not operators.
    let r = s.get("/api/search?q=Geneva%20OR%20NEAR(x%20y)%20-%22");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(s.get("/api/stats").json(), before, "the store is unchanged");
}

#[test]
fn asset_paths_cannot_leave_the_embedded_table() {
    let s = TestServer::fixture();
    let attempts = [
        "/assets/../Cargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/%2e%2e%2f%2e%2e%2fsrc%2flib.rs",
        "/assets/..\\..\\Cargo.toml",
        "/assets//etc/passwd",
        "/assets/%2fetc%2fpasswd",
        "/assets/app.js%00.png",
        "/assets/index.html",
        "/../../../etc/passwd",
        "/assets/....//....//etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
    ];
    for path in attempts {
        let r = raw(s.addr, format!("GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").as_bytes());
        assert!(r.status == 404 || r.status == 400, "{path}: {} {}", r.status, r.text());
        let body = r.text();
        assert!(
            !body.contains("[package]") && !body.contains("root:") && !body.contains("//!"),
            "{path} leaked: {body}"
        );
        error_of(&r);
    }
    // The real assets are there, with their types.
    let js = s.get("/assets/app.js");
    assert_eq!(js.status, 200);
    assert_eq!(js.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(s.get("/assets/app.css").header("content-type"), Some("text/css; charset=utf-8"));
    let page = s.get("/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("/assets/app.js"));
    let csp = page.header("content-security-policy").unwrap_or("");
    assert!(csp.contains("default-src 'self'") && csp.contains("connect-src 'self'"), "{csp}");
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
}

/// The UI asks nothing of any other host: no absolute URL in any asset
/// but the SVG namespace name, which is an identifier, not a request.
#[test]
fn assets_name_no_other_host() {
    let s = TestServer::fixture();
    for name in ["/", "/assets/app.js", "/assets/app.css", "/assets/favicon.svg"] {
        let text = s.get(name).text().replace("http://www.w3.org/2000/svg", "");
        for scheme in ["http://", "https://", "//cdn", "@import"] {
            assert!(!text.contains(scheme), "{name} holds {scheme}");
        }
    }
}

#[test]
fn ingest_needs_a_configured_token_and_the_right_one() {
    let body = b"{\"id\": \"x-1\", \"text\": \"Germany sent aid to Ukraine on Monday.\"}\n";
    // No token configured: off for everyone.
    let s = TestServer::fixture();
    let r = s.post("/api/ingest", "application/x-ndjson", body, &[("Authorization", "Bearer anything")]);
    assert_eq!(r.status, 403);
    assert!(error_of(&r).contains("SITREP_TOKEN"));
    drop(s);
    // An empty token is no token.
    let dir = TempDir::new("token");
    let db = store_copy(&dir);
    let mut config = Config::new(&db);
    config.token = Some(String::new());
    let s = TestServer::start(config);
    assert_eq!(s.post("/api/ingest", "application/x-ndjson", body, &[("Authorization", "Bearer ")]).status, 403);
    drop(s);
    let mut config = Config::new(&db);
    config.token = Some("right-token".into());
    let s = TestServer::start(config);
    for auth in
        [None, Some("Bearer wrong-token"), Some("Bearer right-toke"), Some("Basic right-token"), Some("right-token")]
    {
        let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
        let r = s.post("/api/ingest", "application/x-ndjson", body, &headers);
        assert_eq!(r.status, 401, "{auth:?}");
        assert_eq!(r.header("www-authenticate"), Some("Bearer"));
        error_of(&r);
    }
    assert_eq!(s.get("/api/stats").json()["documents"], 4, "nothing was stored");
    let r = s.post("/api/ingest", "application/x-ndjson", body, &[("Authorization", "bearer right-token")]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(s.get("/api/stats").json()["documents"], 5);
}

#[test]
fn unknown_routes_methods_and_parameters_are_json_errors() {
    let s = TestServer::fixture();
    let r = s.get("/api/nothing");
    assert_eq!(r.status, 404);
    assert!(error_of(&r).contains("/api/nothing"));
    let r = s.post("/api/events", "application/json", b"{}", &[]);
    assert_eq!(r.status, 405);
    assert!(error_of(&r).contains("GET"), "{}", r.text());
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
    let r = s.get("/api/analyze");
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("POST"));
    error_of(&r);
    let r = s.get("/api/events?typ=ASSAULT");
    assert_eq!(r.status, 400);
    assert!(error_of(&r).contains("unknown parameter \"typ\""));
    let r = s.get("/api/events?actor=RUS&actor=UKR");
    assert_eq!(r.status, 400);
    let long = "x".repeat(5000);
    assert_eq!(s.get(&format!("/api/events?actor={long}")).status, 400);
    let r = s.get("/api/events?since=%ff%fe");
    assert_eq!(r.status, 400);
    error_of(&r);
    let r = s.get("/api/events/%ff");
    assert!(r.status == 400 || r.status == 404, "{}", r.status);
    error_of(&r);
}

#[test]
fn a_client_that_trickles_its_headers_is_dropped() {
    let mut config = Config::new(fixture_store());
    config.limits = test_limits();
    let s = TestServer::start(config);
    let mut c = std::net::TcpStream::connect(s.addr).expect("connect");
    c.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    let started = Instant::now();
    c.write_all(b"GET /api/stats HTTP/1.1\r\nHost: t\r\n").expect("write");
    let mut buf = Vec::new();
    let _ = c.read_to_end(&mut buf);
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(10), "held for {waited:?}");
    assert!(!String::from_utf8_lossy(&buf).contains("\"documents\""), "it answered an incomplete request");
    assert_eq!(s.get("/api/stats").status, 200, "still serving");
}

#[test]
fn a_request_past_its_deadline_gets_503() {
    let mut config = Config::new(fixture_store());
    config.limits = Limits { request: Duration::from_millis(1), ..test_limits() };
    let s = TestServer::start(config);
    let text = "Russia accused Ukraine of shelling a border town on Monday, officials said. ".repeat(2000);
    let r = s.post("/api/analyze", "text/plain", text.as_bytes(), &[]);
    assert_eq!(r.status, 503, "{}", r.text());
    assert!(error_of(&r).contains("longer than"));
    assert!(r.header("retry-after").is_some());
}

#[test]
fn many_connections_at_once_are_all_answered() {
    let mut config = Config::new(fixture_store());
    config.limits = Limits { connections: 8, ..test_limits() };
    let s = TestServer::start(config);
    let addr = s.addr;
    let threads: Vec<_> = (0..40)
        .map(|i| std::thread::spawn(move || get(addr, &format!("/api/events?offset={}&limit=2", i % 8)).status))
        .collect();
    for t in threads {
        assert_eq!(t.join().ok(), Some(200));
    }
}
