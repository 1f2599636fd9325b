//! The middleware around every request: a deadline, a panic net, JSON for
//! every error (including those axum writes itself: 404, 405, 413, bad
//! path parameters), and the headers that keep the page from loading
//! anything from elsewhere.

use crate::error::{error_body, ApiError};
use crate::App;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The page may load only what this server serves: its own script, style
/// and API. No inline script, no frames, no plugins.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

/// Aborts the request's task when the connection goes away first.
struct AbortOnDrop(tokio::task::AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let deadline = app.limits().request;
    let api = req.uri().path().starts_with("/api/");
    // Its own task, so that a panic inside is caught as a JoinError.
    let task = tokio::spawn(next.run(req));
    let _abort = AbortOnDrop(task.abort_handle());
    let response = match tokio::time::timeout(deadline, task).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) if e.is_panic() => {
            ApiError::internal("the request failed inside the server (a bug: please report it)").into_response()
        }
        Ok(Err(_)) => ApiError::internal("the request was cancelled").into_response(),
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the request took longer than {} s and was stopped", deadline.as_secs_f64()),
        )
        .into_response(),
    };
    let mut response = as_json_error(response).await;
    secure(response.headers_mut(), api);
    response
}

/// An error response written by axum (plain text or empty) rewritten as
/// JSON with the same status and headers.
async fn as_json_error(r: Response) -> Response {
    let status = r.status();
    let is_json = r
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return r;
    }
    let (mut parts, body) = r.into_parts();
    let text = axum::body::to_bytes(body, 64 << 10)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .unwrap_or_default();
    let message = match (text.is_empty(), status) {
        (_, StatusCode::NOT_FOUND) if text.is_empty() => "no such route".to_string(),
        (_, StatusCode::PAYLOAD_TOO_LARGE) => "the request body is too large".to_string(),
        (true, s) => s.canonical_reason().unwrap_or("error").to_string(),
        (false, _) => text,
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Response::from_parts(parts, Body::from(error_body(status, &message)))
}

fn secure(h: &mut HeaderMap, api: bool) {
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    if api && !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}
