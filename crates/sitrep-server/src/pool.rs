//! A small pool of store connections, used from blocking threads.
//!
//! A SQLite connection serves one thread at a time, so each request takes
//! a connection from the pool inside `spawn_blocking`, runs the store's
//! query functions on it and puts it back. The store is in WAL mode, so
//! these readers run alongside an ingest (ours or another process's).
//!
//! Each connection remembers the totals of event filters it has counted
//! (the `total` of a page), since counting every match again for each page
//! is most of a page's cost on a large store. The memory is dropped
//! whenever SQLite's `data_version` says another connection committed,
//! and by [`Conn::changed`] after a write on this one.

use crate::error::ApiError;
use sitrep_store::query::EventFilter;
use sitrep_store::Store;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// Filter totals a connection keeps at most; then it starts afresh.
const TOTALS: usize = 512;

/// One pooled connection.
pub struct Conn {
    pub store: Store,
    /// `PRAGMA data_version` when `totals` were counted.
    version: i64,
    totals: HashMap<String, u64>,
}

impl Conn {
    fn new(store: Store) -> Conn {
        Conn { store, version: -1, totals: HashMap::new() }
    }

    /// How many events match `f`, from memory when nothing changed since
    /// it was last counted on this connection.
    pub fn count_events(&mut self, f: &EventFilter) -> sitrep_store::Result<u64> {
        let version: i64 = self
            .store
            .connection()
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .map_err(|e| sitrep_store::StoreError::Io(format!("read data_version: {e}")))?;
        if version != self.version || self.totals.len() >= TOTALS {
            self.totals.clear();
            self.version = version;
        }
        let key = serde_json::to_string(f).unwrap_or_default();
        if let Some(&n) = self.totals.get(&key) {
            return Ok(n);
        }
        let n = self.store.count_events(f)?;
        self.totals.insert(key, n);
        Ok(n)
    }

    /// A store error of this connection, without the store's directory.
    pub fn err(&self, e: sitrep_store::StoreError) -> ApiError {
        ApiError::store(e, self.store.path())
    }

    /// Forgets remembered totals after this connection wrote.
    pub fn changed(&mut self) {
        self.totals.clear();
    }
}

#[derive(Clone)]
pub struct Pool(Arc<Inner>);

struct Inner {
    db: PathBuf,
    idle: Mutex<Vec<Conn>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    /// A pool of at most `size` connections to `db`, starting with `first`.
    pub fn new(db: PathBuf, first: Store, size: usize) -> Pool {
        Pool(Arc::new(Inner {
            db,
            idle: Mutex::new(vec![Conn::new(first)]),
            permits: Arc::new(Semaphore::new(size.max(1))),
        }))
    }

    /// Runs `f` on a connection in a blocking thread. A store error
    /// becomes an [`ApiError`] (without the store's directory); a panic in
    /// `f` becomes a 500 and costs only that connection.
    pub async fn run<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, ApiError> + Send + 'static,
    {
        let permit = self
            .0
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal("the store's connection pool is closed"))?;
        let inner = self.0.clone();
        let job = tokio::task::spawn_blocking(move || {
            let taken = inner.idle.lock().ok().and_then(|mut v| v.pop());
            let mut conn = match taken {
                Some(c) => c,
                None => Conn::new(Store::open_existing(&inner.db).map_err(|e| ApiError::store(e, &inner.db))?),
            };
            let out = f(&mut conn);
            if let Ok(mut v) = inner.idle.lock() {
                v.push(conn);
            }
            drop(permit);
            out
        });
        match job.await {
            Ok(r) => r,
            Err(e) if e.is_panic() => {
                Err(ApiError::internal("the request failed inside the server (a bug: please report it)"))
            }
            Err(_) => Err(ApiError::internal("the request was cancelled")),
        }
    }
}
