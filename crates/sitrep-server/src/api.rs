//! The routes and their handlers. Each handler checks its parameters,
//! then runs the store's own query function on a pooled connection (or
//! the text stage and coder, for analysis) in a blocking thread, and
//! serialises the answer there too, so the async workers only move bytes.

use crate::error::ApiError;
use crate::params::{Params, FILTER};
use crate::pool::Conn;
use crate::{assets, guard, App};
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::{Deserialize, Serialize};
use sitrep_read::{BodyKind, InputFormat, RawDoc, ReadOptions};
use sitrep_store::query::Page;
use sitrep_store::timeline::Period;
use sitrep_store::{BatchOutcome, IngestContext, Known};

const PAGE: &[&str] = &["offset", "limit"];

/// Events a page holds unless told.
const EVENTS_PAGE: u64 = 50;
/// Actors or dyads listed unless told.
const TOP: u64 = 20;

pub fn router(app: App) -> Router {
    let body_limit = app.limits().body_bytes;
    Router::new()
        .route("/", get(assets::index).fallback(only_get))
        .route("/favicon.ico", get(assets::favicon).fallback(only_get))
        .route("/assets/{name}", get(assets::asset).fallback(only_get))
        .route("/api/openapi.json", get(openapi).fallback(only_get))
        .route("/api/stats", get(stats).fallback(only_get))
        .route("/api/events", get(events).fallback(only_get))
        .route("/api/events/{id}", get(event).fallback(only_get))
        .route("/api/documents/{id}", get(document).fallback(only_get))
        .route("/api/actors", get(actors).fallback(only_get))
        .route("/api/dyads", get(dyads).fallback(only_get))
        .route("/api/timeline", get(timeline).fallback(only_get))
        .route("/api/claims", get(claims).fallback(only_get))
        .route("/api/search", get(search).fallback(only_get))
        .route("/api/analyze", post(analyze).fallback(only_post))
        .route("/api/ingest", post(ingest).fallback(only_post))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard::guard))
        .with_state(app)
}

/// A JSON body already serialised.
struct JsonBytes(Bytes);

impl IntoResponse for JsonBytes {
    fn into_response(self) -> Response {
        let mut r = Body::from(self.0).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        r
    }
}

fn to_json<T: Serialize + ?Sized>(v: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(v).map_err(|e| ApiError::internal(format!("cannot write the answer: {e}")))
}

fn json<T: Serialize + ?Sized>(v: &T) -> Result<JsonBytes, ApiError> {
    to_json(v).map(|b| JsonBytes(Bytes::from(b)))
}

/// What a read-only answer is remembered under: its path and query, as sent.
fn key(uri: &Uri) -> String {
    uri.path_and_query().map(|p| p.as_str().to_string()).unwrap_or_else(|| uri.path().to_string())
}

/// A list that is not paged (a top-N).
#[derive(Serialize)]
struct Items<T> {
    items: Vec<T>,
    limit: u64,
}

async fn only_get(method: Method) -> Response {
    not_allowed(method, "GET, HEAD")
}

async fn only_post(method: Method) -> Response {
    not_allowed(method, "POST")
}

/// 405 with the methods the route takes, in the body and in `Allow`.
fn not_allowed(method: Method, allow: &'static str) -> Response {
    let mut r = ApiError::new(StatusCode::METHOD_NOT_ALLOWED, format!("{method} is not allowed here (use {allow})"))
        .into_response();
    r.headers_mut().insert(header::ALLOW, HeaderValue::from_static(allow));
    r
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!("no such route: {method} {}", uri.path()))
}

async fn openapi() -> Response {
    let mut r = crate::OPENAPI.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    r
}

async fn stats(State(app): State<App>, uri: Uri) -> Result<JsonBytes, ApiError> {
    Params::parse(&uri, &[])?;
    app.0
        .pool
        .answer(key(&uri), |c| {
            let mut s = c.store.stats().map_err(|e| c.err(e))?;
            // The file's name, not where it lives on the server.
            s.path = c.store.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            to_json(&s)
        })
        .await
        .map(JsonBytes)
}

async fn events(State(app): State<App>, uri: Uri) -> Result<JsonBytes, ApiError> {
    let p = Params::parse(&uri, &[FILTER, PAGE])?;
    let f = p.filter()?;
    let (offset, limit) = p.page(EVENTS_PAGE)?;
    app.0
        .pool
        .answer(key(&uri), move |c| {
            let total = c.count_events(&f).map_err(|e| c.err(e))?;
            let mut items = Vec::with_capacity(limit.min(total.saturating_sub(offset)) as usize);
            if offset < total && limit > 0 {
                c.store
                    .for_each_event_page(&f, offset, Some(limit), |e| {
                        items.push(e);
                        Ok(())
                    })
                    .map_err(|e| c.err(e))?;
            }
            to_json(&Page { items, total, offset, limit: Some(limit) })
        })
        .await
        .map(JsonBytes)
}

async fn event(State(app): State<App>, Path(id): Path<String>, uri: Uri) -> Result<JsonBytes, ApiError> {
    Params::parse(&uri, &[])?;
    app.0
        .pool
        .answer(key(&uri), move |c| match c.store.event(&id).map_err(|e| c.err(e))? {
            Some(e) => to_json(&e),
            None => Err(ApiError::not_found(format!("no event {id:?}"))),
        })
        .await
        .map(JsonBytes)
}

async fn document(State(app): State<App>, Path(id): Path<String>, uri: Uri) -> Result<JsonBytes, ApiError> {
    Params::parse(&uri, &[])?;
    app.0
        .pool
        .answer(key(&uri), move |c| {
            let Some(sd) = c.store.document(&id).map_err(|e| c.err(e))? else {
                return Err(ApiError::not_found(format!(
                    "no document {id:?} (give its content hash, a prefix of it, or the input's id)"
                )));
            };
            let mut v = sd.document.analyze_json();
            v["store"] = serde_json::to_value(&sd).map_err(|e| ApiError::internal(e.to_string()))?;
            to_json(&v)
        })
        .await
        .map(JsonBytes)
}

async fn actors(State(app): State<App>, uri: Uri) -> Result<JsonBytes, ApiError> {
    let p = Params::parse(&uri, &[FILTER, &["limit"]])?;
    let f = p.filter()?;
    let limit = p.number("limit", TOP, 500)?;
    let items = move |c: &mut Conn| to_json(&Items { items: c.store.actors(&f, limit).map_err(|e| c.err(e))?, limit });
    app.0.pool.answer(key(&uri), items).await.map(JsonBytes)
}

async fn dyads(State(app): State<App>, uri: Uri) -> Result<JsonBytes, ApiError> {
    let p = Params::parse(&uri, &[FILTER, &["limit"]])?;
    let f = p.filter()?;
    let limit = p.number("limit", TOP, 500)?;
    let items = move |c: &mut Conn| to_json(&Items { items: c.store.dyads(&f, limit).map_err(|e| c.err(e))?, limit });
    app.0.pool.answer(key(&uri), items).await.map(JsonBytes)
}

async fn timeline(State(app): State<App>, uri: Uri) -> Result<JsonBytes, ApiError> {
    let p = Params::parse(&uri, &[FILTER, &["period"]])?;
    let f = p.filter()?;
    let period: Period = p.parsed("period")?.unwrap_or_default();
    #[derive(Serialize)]
    struct Timeline {
        period: Period,
        items: Vec<sitrep_store::timeline::TimelineCount>,
    }
    app.0
        .pool
        .answer(key(&uri), move |c| {
            to_json(&Timeline { period, items: c.store.timeline(&f, period).map_err(|e| c.err(e))? })
        })
        .await
        .map(JsonBytes)
}

async fn claims(State(app): State<App>, uri: Uri) -> Result<JsonBytes, ApiError> {
    let p = Params::parse(&uri, &[PAGE])?;
    let (offset, limit) = p.page(50)?;
    let claims = move |c: &mut Conn| to_json(&c.store.claims(offset, Some(limit)).map_err(|e| c.err(e))?);
    app.0.pool.answer(key(&uri), claims).await.map(JsonBytes)
}

async fn search(State(app): State<App>, uri: Uri) -> Result<JsonBytes, ApiError> {
    let p = Params::parse(&uri, &[&["q"], PAGE])?;
    let q = p.text("q").ok_or_else(|| ApiError::bad_request("q: give the words to search for"))?;
    let (offset, limit) = p.page(20)?;
    let hits = move |c: &mut Conn| to_json(&c.store.search_documents(&q, offset, limit).map_err(|e| c.err(e))?);
    app.0.pool.answer(key(&uri), hits).await.map(JsonBytes)
}

/// Reads a request body up to the limit set by [`DefaultBodyLimit`],
/// with a JSON 413 past it.
async fn read_body(req: Request) -> Result<Bytes, ApiError> {
    use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
    use axum::extract::FromRequest;
    Bytes::from_request(req, &()).await.map_err(|e| match e {
        BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "the request body is too large")
        }
        other => ApiError::bad_request(format!("the request body cannot be read: {}", other.body_text())),
    })
}

/// The media type of a request, lower-cased, without parameters.
fn media_type(h: &HeaderMap) -> Option<String> {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

/// The JSON form of an analysis request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnalyzeRequest {
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    date: Option<String>,
}

/// `POST /api/analyze`: a text or page in, the analysis object out (the
/// same stages and coder as `sitrep analyze --json`), nothing stored.
async fn analyze(State(app): State<App>, req: Request) -> Result<JsonBytes, ApiError> {
    Params::parse(req.uri(), &[])?;
    let media = media_type(req.headers());
    let body = read_body(req).await?;
    let (kind, bytes, meta) = match media.as_deref() {
        Some("application/json") => {
            let r: AnalyzeRequest = serde_json::from_slice(&body)
                .map_err(|e| ApiError::bad_request(format!("the body is not a valid analysis request: {e}")))?;
            let (kind, content) = match (r.text, r.html) {
                (Some(t), None) => (BodyKind::Text, t),
                (None, Some(h)) => (BodyKind::Html, h),
                _ => return Err(ApiError::bad_request("give exactly one of \"text\" or \"html\"")),
            };
            (kind, content.into_bytes(), (r.url, r.title, r.date))
        }
        None | Some("text/plain") => (BodyKind::Text, body.to_vec(), (None, None, None)),
        Some("text/html") | Some("application/xhtml+xml") => (BodyKind::Html, body.to_vec(), (None, None, None)),
        Some(other) => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("cannot analyze {other}: send text/plain, text/html or application/json"),
            ))
        }
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::bad_request("nothing to analyze: the text is empty"));
    }
    let permit = app.0.analyses.clone().acquire_owned().await.map_err(|_| ApiError::internal("shutting down"))?;
    let shared = app.0.clone();
    let job = tokio::task::spawn_blocking(move || {
        let format = if kind == BodyKind::Html { InputFormat::Html } else { InputFormat::Text };
        let mut raw = RawDoc::new("request", format, kind, bytes);
        (raw.url, raw.title, raw.date) = meta;
        let mut doc = sitrep_text::build_document(raw);
        shared.coder.code(&mut doc);
        drop(permit);
        json(&doc.analyze_json())
    });
    job.await.map_err(|_| ApiError::internal("the analysis failed inside the server (a bug: please report it)"))?
}

/// What an ingest request did.
#[derive(Debug, Serialize)]
struct IngestOutcome {
    /// Documents read from the body.
    documents: u64,
    added: u64,
    new_sightings: u64,
    unchanged: u64,
    events: u64,
    near_duplicates: u64,
    /// Records that could not be read, one line each.
    errors: Vec<String>,
}

/// True when `given` is the token, compared in time that does not depend
/// on where they differ.
fn token_matches(given: &[u8], token: &[u8]) -> bool {
    given.len() == token.len() && given.iter().zip(token).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

/// `POST /api/ingest`: documents (JSONL, HTML, text, WARC or a feed, read
/// as `sitrep ingest` reads a file) into the store. Off unless the server
/// has a token; the request must carry it as `Authorization: Bearer`.
async fn ingest(State(app): State<App>, req: Request) -> Result<JsonBytes, ApiError> {
    let Some(token) = app.0.token.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest is off: start the server with SITREP_TOKEN set to allow it",
        ));
    };
    let given = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| {
        let (scheme, rest) = v.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| rest.trim().to_string())
    });
    if !given.is_some_and(|g| token_matches(g.as_bytes(), token.as_bytes())) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "ingest needs the server's token: Authorization: Bearer <token>",
        ));
    }
    let p = Params::parse(req.uri(), &[&["format"]])?;
    let format: Option<InputFormat> = p.parsed("format")?;
    let limit = app.limits().body_bytes;
    let body = read_body(req).await?;
    let _one = app.0.ingest.lock().await;
    let _permit = app.0.analyses.clone().acquire_owned().await.map_err(|_| ApiError::internal("shutting down"))?;
    let shared = app.0.clone();
    app.0
        .pool
        .run(move |c| {
            let lexicon = shared.lexicon;
            let options = ReadOptions { format, max_doc_bytes: limit };
            let mut errors = Vec::new();
            let mut docs = Vec::new();
            let mut read = 0u64;
            let mut outcome = BatchOutcome::default();
            for item in sitrep_read::read_stream("request", Box::new(std::io::Cursor::new(body)), options) {
                match item {
                    Ok(raw) => {
                        read += 1;
                        let doc = sitrep_text::build_document(raw);
                        if c.store.known(&doc).map_err(|e| c.err(e))? == Known::Stored {
                            outcome.unchanged += 1;
                        } else {
                            docs.push(doc);
                        }
                    }
                    Err(e) => errors.push(e.to_string()),
                }
            }
            if !docs.is_empty() {
                for d in &mut docs {
                    shared.coder.code(d);
                }
                let run = c.store.start_run("serve ingest", lexicon.version()).map_err(|e| c.err(e))?;
                outcome += c.store.write_batch(&docs, &IngestContext { lexicon }).map_err(|e| c.err(e))?;
                c.store.refresh_if_dirty().map_err(|e| c.err(e))?;
                c.store.finish_run(run, outcome.added, outcome.events).map_err(|e| c.err(e))?;
                c.changed();
            }
            json(&IngestOutcome {
                documents: read,
                added: outcome.added,
                new_sightings: outcome.new_sightings,
                unchanged: outcome.unchanged,
                events: outcome.events,
                near_duplicates: outcome.near_duplicates,
                errors,
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(token_matches(b"s3cret", b"s3cret"));
        assert!(!token_matches(b"s3cre", b"s3cret"));
        assert!(!token_matches(b"s3creT", b"s3cret"));
        assert!(!token_matches(b"", b"s3cret"));
    }
}
