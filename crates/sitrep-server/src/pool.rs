//! A small pool of store connections, used from blocking threads, and the
//! memory of answers they share.
//!
//! A SQLite connection serves one thread at a time, so each request takes
//! a connection from the pool inside `spawn_blocking`, runs the store's
//! query functions on it and puts it back. The store is in WAL mode, so
//! these readers run alongside an ingest (ours or another process's).
//!
//! The store changes rarely and is read often, so the pool remembers, for
//! all its connections at once, the totals of event filters (the `total`
//! of a page: counting every match again for each page is most of a
//! page's cost on a large store) and whole answers of the read-only routes
//! (within a byte budget, oldest first out). Before each use a connection
//! asks SQLite's `PRAGMA data_version` whether anyone committed since it
//! last asked (a fresh connection always says yes); if so, everything
//! remembered is dropped. A write through the pool drops it too
//! ([`Conn::changed`]). A value counted while a write committed is kept
//! only if nothing was dropped meanwhile.

use crate::error::ApiError;
use axum::body::Bytes;
use sitrep_store::query::EventFilter;
use sitrep_store::Store;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Semaphore;

/// Filter totals remembered at most; then they start afresh.
const TOTALS: usize = 4096;

/// What the connections remember together.
struct Memo {
    /// Bumped whenever everything is dropped.
    generation: u64,
    totals: HashMap<String, u64>,
    answers: HashMap<String, Bytes>,
    /// Keys of `answers`, oldest first (a key may appear twice after two
    /// requests computed it at once).
    order: VecDeque<String>,
    bytes: usize,
    budget: usize,
}

impl Memo {
    fn drop_all(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.totals.clear();
        self.answers.clear();
        self.order.clear();
        self.bytes = 0;
    }

    fn keep_answer(&mut self, key: String, body: Bytes) {
        // One answer may take an eighth of the budget at most.
        if body.len() > self.budget / 8 {
            return;
        }
        if let Some(old) = self.answers.remove(&key) {
            self.bytes -= old.len();
        }
        while self.bytes + body.len() > self.budget {
            let Some(k) = self.order.pop_front() else { break };
            if let Some(old) = self.answers.remove(&k) {
                self.bytes -= old.len();
            }
        }
        self.bytes += body.len();
        self.order.push_back(key.clone());
        self.answers.insert(key, body);
    }
}

type Shared = Arc<Mutex<Memo>>;

fn lock(m: &Mutex<Memo>) -> MutexGuard<'_, Memo> {
    // The memo holds no invariant a panic could break that clearing
    // would not repair.
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => {
            let mut g = poisoned.into_inner();
            g.drop_all();
            g
        }
    }
}

/// One pooled connection.
pub struct Conn {
    pub store: Store,
    /// `PRAGMA data_version` when this connection last looked.
    version: i64,
    /// The memo's generation after that look.
    generation: u64,
    memo: Shared,
}

impl Conn {
    fn new(store: Store, memo: Shared) -> Conn {
        Conn { store, version: -1, generation: 0, memo }
    }

    /// Drops what the pool remembers if the store changed since this
    /// connection last looked.
    fn look(&mut self) -> Result<(), ApiError> {
        let version: i64 = self
            .store
            .connection()
            .prepare_cached("PRAGMA data_version")
            .and_then(|mut s| s.query_row([], |r| r.get(0)))
            .map_err(|e| self.err(sitrep_store::StoreError::Io(format!("read data_version: {e}"))))?;
        let mut memo = lock(&self.memo);
        if version != self.version {
            memo.drop_all();
            self.version = version;
        }
        self.generation = memo.generation;
        Ok(())
    }

    /// How many events match `f`, from memory when nothing changed since
    /// it was last counted.
    pub fn count_events(&mut self, f: &EventFilter) -> sitrep_store::Result<u64> {
        let key = serde_json::to_string(f).unwrap_or_default();
        if let Some(&n) = lock(&self.memo).totals.get(&key) {
            return Ok(n);
        }
        let n = self.store.count_events(f)?;
        let mut memo = lock(&self.memo);
        if memo.generation == self.generation {
            if memo.totals.len() >= TOTALS {
                memo.totals.clear();
            }
            memo.totals.insert(key, n);
        }
        Ok(n)
    }

    fn answer(&self, key: &str) -> Option<Bytes> {
        lock(&self.memo).answers.get(key).cloned()
    }

    fn keep_answer(&self, key: String, body: Bytes) {
        let mut memo = lock(&self.memo);
        if memo.generation == self.generation {
            memo.keep_answer(key, body);
        }
    }

    /// A store error of this connection, without the store's directory.
    pub fn err(&self, e: sitrep_store::StoreError) -> ApiError {
        ApiError::store(e, self.store.path())
    }

    /// Forgets everything remembered after this connection wrote (its own
    /// writes do not change its `data_version`).
    pub fn changed(&mut self) {
        let mut memo = lock(&self.memo);
        memo.drop_all();
        self.generation = memo.generation;
    }
}

#[derive(Clone)]
pub struct Pool(Arc<Inner>);

struct Inner {
    db: PathBuf,
    idle: Mutex<Vec<Conn>>,
    permits: Arc<Semaphore>,
    memo: Shared,
}

impl Pool {
    /// A pool of at most `size` connections to `db`, starting with
    /// `first`, remembering answers of up to `answer_bytes` in all.
    pub fn new(db: PathBuf, first: Store, size: usize, answer_bytes: usize) -> Pool {
        let memo = Arc::new(Mutex::new(Memo {
            generation: 0,
            totals: HashMap::new(),
            answers: HashMap::new(),
            order: VecDeque::new(),
            bytes: 0,
            budget: answer_bytes,
        }));
        Pool(Arc::new(Inner {
            db,
            idle: Mutex::new(vec![Conn::new(first, memo.clone())]),
            permits: Arc::new(Semaphore::new(size.max(1))),
            memo,
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
                None => Conn::new(
                    Store::open_existing(&inner.db).map_err(|e| ApiError::store(e, &inner.db))?,
                    inner.memo.clone(),
                ),
            };
            let out = conn.look().and_then(|()| f(&mut conn));
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

    /// Like [`Pool::run`] for a read-only answer: the answer remembered
    /// under `key` while the store is unchanged, else `f`'s (remembered
    /// when it succeeds).
    ///
    /// A remembered answer is served on the calling thread when a
    /// connection is idle: the check costs one `PRAGMA data_version`
    /// (microseconds), less than handing the request to a blocking thread
    /// and back.
    pub async fn answer<F>(&self, key: String, f: F) -> Result<Bytes, ApiError>
    where
        F: FnOnce(&mut Conn) -> Result<Vec<u8>, ApiError> + Send + 'static,
    {
        if let Some(b) = self.remembered(&key) {
            return Ok(b);
        }
        self.run(move |c| {
            if let Some(b) = c.answer(&key) {
                return Ok(b);
            }
            let body = Bytes::from(f(c)?);
            c.keep_answer(key, body.clone());
            Ok(body)
        })
        .await
    }
}

impl Pool {
    /// The answer remembered under `key`, if the store is unchanged and a
    /// connection is idle to tell.
    fn remembered(&self, key: &str) -> Option<Bytes> {
        let _permit = self.0.permits.try_acquire().ok()?;
        let mut conn = self.0.idle.lock().ok()?.pop()?;
        let found = if conn.look().is_ok() { conn.answer(key) } else { None };
        if let Ok(mut v) = self.0.idle.lock() {
            v.push(conn);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memo(budget: usize) -> Memo {
        Memo {
            generation: 0,
            totals: HashMap::new(),
            answers: HashMap::new(),
            order: VecDeque::new(),
            bytes: 0,
            budget,
        }
    }

    #[test]
    fn answers_stay_within_the_budget_oldest_out_first() {
        let mut m = memo(800);
        for i in 0..10 {
            m.keep_answer(format!("k{i}"), Bytes::from(vec![b'x'; 100]));
            assert!(m.bytes <= 800, "{} bytes after {i}", m.bytes);
        }
        assert!(!m.answers.contains_key("k0") && !m.answers.contains_key("k1"));
        assert!(m.answers.contains_key("k9") && m.answers.contains_key("k2"));
        assert_eq!(m.bytes, m.answers.values().map(Bytes::len).sum::<usize>());
        // The same key again replaces its answer.
        m.keep_answer("k9".into(), Bytes::from(vec![b'y'; 50]));
        assert_eq!(m.bytes, m.answers.values().map(Bytes::len).sum::<usize>());
        assert_eq!(m.answers.get("k9").map(Bytes::len), Some(50));
        // Too large for the budget: not kept.
        m.keep_answer("big".into(), Bytes::from(vec![b'z'; 101]));
        assert!(!m.answers.contains_key("big"));
        m.drop_all();
        assert_eq!((m.bytes, m.answers.len(), m.order.len(), m.generation), (0, 0, 0, 1));
    }
}
