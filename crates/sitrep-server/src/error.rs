//! Errors as the client sees them: a status code and a JSON body
//! `{"error": "...", "status": 400}` with one line saying what was wrong,
//! naming the parameter when a parameter was.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sitrep_store::StoreError;

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// The store's error, without the directory the store lives in.
    pub fn store(e: StoreError, db: &std::path::Path) -> ApiError {
        let full = db.display().to_string();
        let name = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let message = e.to_string().replace(&full, &name);
        let status = match e {
            StoreError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError { status, message }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.message)
    }
}

/// The JSON body of an error response.
pub fn error_body(status: StatusCode, message: &str) -> String {
    serde_json::json!({ "error": message, "status": status.as_u16() }).to_string()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.status, error_body(self.status, &self.message)).into_response();
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        r
    }
}
