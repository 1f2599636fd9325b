//! The HTTP request handlers, called in-process (no socket) over a store in
//! a temporary directory. The first line of the input is `METHOD PATH
//! [TOKEN]` (the token, when given, is sent as `Authorization: Bearer`;
//! the server's token is `fuzz`), the rest is the request body. A panic
//! anywhere aborts the fuzzer (libFuzzer's panic hook), even when the
//! server's panic net would have turned it into a 500.
#![no_main]

use axum::body::Body;
use axum::http::Request;
use libfuzzer_sys::fuzz_target;
use sitrep_lexicon::Lexicon;
use sitrep_server::{App, Config};
use std::sync::OnceLock;
use std::time::Duration;
use tower::ServiceExt;

struct Harness {
    runtime: tokio::runtime::Runtime,
    app: App,
}

fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(|| {
        static L: OnceLock<Lexicon> = OnceLock::new();
        let lexicon = L.get_or_init(|| Lexicon::load_default().expect("the default lexicon loads"));
        let dir = std::env::temp_dir().join(format!("sitrep-fuzz-server-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let db = dir.join("fuzz.db");
        sitrep_store::Store::open(&db).expect("a new store");
        let mut config = Config::new(&db);
        config.token = Some("fuzz".into());
        config.limits.body_bytes = 1 << 16;
        config.limits.request = Duration::from_secs(20);
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
        let app = runtime.block_on(async { App::new(config, lexicon) }).expect("the server starts");
        Harness { runtime, app }
    })
}

fuzz_target!(|data: &[u8]| {
    let h = harness();
    let (head, body) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(head) = std::str::from_utf8(head) else { return };
    let mut words = head.split(' ');
    let (Some(method), Some(path)) = (words.next(), words.next()) else { return };
    let mut req = Request::builder().method(method).uri(path);
    if let Some(token) = words.next() {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    let Ok(req) = req.body(Body::from(body.to_vec())) else { return };
    let router = h.app.router();
    h.runtime.block_on(async move {
        let response = router.oneshot(req).await.expect("the router is infallible");
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 64 << 20).await.expect("a readable body");
        if status.as_u16() >= 400 {
            // Every error is JSON with its status.
            assert!(bytes.starts_with(b"{"), "{status}: {:?}", String::from_utf8_lossy(&bytes));
        }
    });
});
