//! # sitrep-server: the HTTP API and the web UI
//!
//! Analysts and journalists want to look, not to type queries. This crate
//! serves a store (see `sitrep-store`) over HTTP: a JSON API under `/api/`
//! and a web UI at `/`, both from the one binary (`sitrep serve`), with
//! every asset built in and no request to anywhere else.
//!
//! | route | what |
//! |---|---|
//! | `GET /api/events` | stored events, the filters of `sitrep events`, paged with a total |
//! | `GET /api/events/{id}` | one event with its explanation |
//! | `GET /api/documents/{id}` | a document's text, repairs, segments, mentions, quotes, events |
//! | `GET /api/actors`, `/api/dyads` | the most active actors and actor pairs |
//! | `GET /api/timeline` | event counts by period, type and quad |
//! | `GET /api/claims` | the claim ledger, contested claims first |
//! | `GET /api/stats` | what the store holds |
//! | `GET /api/search?q=` | documents holding every word |
//! | `POST /api/analyze` | text or HTML in, `sitrep analyze --json`'s object out, nothing stored |
//! | `POST /api/ingest` | documents into the store, only with the server's token |
//! | `GET /api/openapi.json` | the OpenAPI 3.1 description of all this |
//!
//! The store is queried through `sitrep-store`'s own functions, on a small
//! pool of SQLite connections in blocking threads; analysis runs the same
//! text stage and coder as the command line. Answers of the read-only
//! routes are remembered (within [`Limits::answer_bytes`]) until the store
//! changes, which every request checks (`PRAGMA data_version`).
//!
//! Hardening, all in [`Limits`]: request bodies are capped (2 MB), every
//! request has a deadline, headers must arrive within a few seconds,
//! connections and concurrent analyses are bounded, a panic in a handler
//! becomes a 500, and every error is JSON with its status. Static assets
//! come from a fixed table compiled into the binary, so no request path
//! can reach the file system.
//!
//! What it does not do: read the environment, print, or choose the
//! address; the binary does that and hands over a bound listener.
//!
//! ```no_run
//! # async fn run(lexicon: &'static sitrep_lexicon::Lexicon) -> Result<(), sitrep_server::ServerError> {
//! use sitrep_server::{App, Config};
//! let app = App::new(Config::new("sitrep.db"), lexicon)?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await.map_err(sitrep_server::ServerError::Io)?;
//! sitrep_server::serve(listener, app, std::future::pending()).await?;
//! # Ok(()) }
//! ```

mod api;
mod assets;
mod error;
mod guard;
mod params;
mod pool;
mod serve;

pub use error::ApiError;
pub use serve::serve;

use sitrep_coder::Coder;
use sitrep_lexicon::Lexicon;
use sitrep_store::Store;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// What can stop the server from starting or serving.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] sitrep_store::StoreError),
    #[error("{0}")]
    Io(std::io::Error),
}

/// Bounds that keep a slow or greedy client from taking the server down.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest request body, in bytes (a pasted page fits).
    pub body_bytes: usize,
    /// Deadline of one request, from its headers to its response.
    pub request: Duration,
    /// Time a client has to send a request's headers.
    pub headers: Duration,
    /// Open connections at once; more wait to be accepted.
    pub connections: usize,
    /// Analyses (and ingests) running at once; more wait their turn.
    pub analyses: usize,
    /// SQLite connections in the pool.
    pub store_connections: usize,
    /// Bytes of read-only answers remembered while the store is
    /// unchanged (0: none).
    pub answer_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2);
        Limits {
            body_bytes: 2 << 20,
            request: Duration::from_secs(30),
            headers: Duration::from_secs(10),
            connections: 1024,
            analyses: cores.max(1),
            store_connections: (cores * 2).clamp(2, 16),
            answer_bytes: 64 << 20,
        }
    }
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store file (it must exist: the server never creates one).
    pub db: PathBuf,
    /// The token `POST /api/ingest` requires (`Authorization: Bearer …`);
    /// `None` turns ingest off (403).
    pub token: Option<String>,
    pub limits: Limits,
}

impl Config {
    /// Serve `db` with the default limits and ingest off.
    pub fn new(db: impl Into<PathBuf>) -> Config {
        Config { db: db.into(), token: None, limits: Limits::default() }
    }
}

/// Everything a request handler needs, shared across threads.
#[derive(Clone)]
pub struct App(Arc<Shared>);

struct Shared {
    pool: pool::Pool,
    lexicon: &'static Lexicon,
    coder: Coder<'static>,
    token: Option<String>,
    limits: Limits,
    /// Bounds analyses and ingests running at once.
    analyses: Arc<tokio::sync::Semaphore>,
    /// One ingest at a time: each writes in its own transactions.
    ingest: tokio::sync::Mutex<()>,
}

impl App {
    /// Opens the store (checking that it exists and is a sitrep store) and
    /// prepares the coder on `lexicon`, which lives as long as the process.
    pub fn new(config: Config, lexicon: &'static Lexicon) -> Result<App, ServerError> {
        let first = Store::open_existing(&config.db)?;
        let pool =
            pool::Pool::new(config.db.clone(), first, config.limits.store_connections, config.limits.answer_bytes);
        Ok(App(Arc::new(Shared {
            pool,
            lexicon,
            coder: Coder::new(lexicon),
            token: config.token.filter(|t| !t.is_empty()),
            analyses: Arc::new(tokio::sync::Semaphore::new(config.limits.analyses.max(1))),
            limits: config.limits,
            ingest: tokio::sync::Mutex::new(()),
        })))
    }

    /// The routes, with the limits and error handling applied: a tower
    /// service for [`serve`], or for tests to call directly.
    pub fn router(&self) -> axum::Router {
        api::router(self.clone())
    }

    /// True when `POST /api/ingest` is on.
    pub fn ingest_enabled(&self) -> bool {
        self.0.token.is_some()
    }

    pub fn limits(&self) -> &Limits {
        &self.0.limits
    }
}

/// The OpenAPI document served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");
