//! The web UI's files, compiled into the binary.
//!
//! A request names an asset; the asset is looked up in a fixed table by
//! its exact name. Nothing is ever read from disk, so no path (`..`,
//! `%2e%2e`, absolute paths, backslashes) can reach a file that is not in
//! the table.

use crate::error::ApiError;
use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// One embedded file.
pub struct Asset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub body: &'static str,
}

/// Every file the UI has. `index.html` is served at `/`; the others at
/// `/assets/<name>`.
pub const ASSETS: &[Asset] = &[
    Asset { name: "index.html", content_type: "text/html; charset=utf-8", body: include_str!("../assets/index.html") },
    Asset { name: "app.css", content_type: "text/css; charset=utf-8", body: include_str!("../assets/app.css") },
    Asset { name: "app.js", content_type: "text/javascript; charset=utf-8", body: include_str!("../assets/app.js") },
    Asset { name: "favicon.svg", content_type: "image/svg+xml", body: include_str!("../assets/favicon.svg") },
];

/// The asset called `name`, if there is one.
pub fn find(name: &str) -> Option<&'static Asset> {
    ASSETS.iter().find(|a| a.name == name)
}

fn respond(a: &'static Asset) -> Response {
    let mut r = a.body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(a.content_type));
    // The UI changes with the binary; a reload should pick it up.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// `GET /`: the page.
pub async fn index() -> Response {
    match find("index.html") {
        Some(a) => respond(a),
        None => ApiError::internal("the page is missing from this build").into_response(),
    }
}

/// `GET /favicon.ico`: browsers ask for it whatever the page says.
pub async fn favicon() -> Response {
    match find("favicon.svg") {
        Some(a) => respond(a),
        None => ApiError::not_found("no such asset").into_response(),
    }
}

/// `GET /assets/{name}`.
pub async fn asset(Path(name): Path<String>) -> Response {
    match find(&name) {
        Some(a) if a.name != "index.html" => respond(a),
        _ => ApiError::not_found(format!("no asset {name:?}")).into_response(),
    }
}
