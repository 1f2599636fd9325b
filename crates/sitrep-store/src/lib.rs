//! # sitrep-store: the embedded event store
//!
//! Researchers keep what they code and ask questions of it over months.
//! This crate keeps documents, their layers and their events in one SQLite
//! file (compiled in, FTS5 on; nothing to install) and answers questions
//! of it:
//!
//! - **Ingest** ([`Store::write_batch`]) is idempotent by content hash: a
//!   document already stored adds nothing; the same text at a new URL adds
//!   an article (a *sighting*) to its story. Each batch is one transaction,
//!   so a killed ingest leaves whole batches, and running it again ends
//!   with the rows a clean run gives.
//! - **Dedup** ([`dedup`]): near-duplicate texts (the same wire story on
//!   many sites) are linked into one *story* by MinHash over word
//!   shingles; events are counted once per story, with GDELT's
//!   NumMentions, NumSources and NumArticles.
//! - **Clusters** ([`refresh`]): the same actor, event type and recipient
//!   within a date window, across stories.
//! - **Claims** ([`claims`]): an alleged or denied event and the
//!   accusations, denials and confirmations about it, with who said what in
//!   which outlets.
//! - **Queries** ([`query`]): a filter struct in, a page of results and a
//!   total out, for the command line and the HTTP API alike.
//! - **Exports** ([`export`]): PLOVER JSONL, GDELT 2.0 event TSV (61
//!   columns), CSV and Parquet.
//!
//! A [`Store`] is one SQLite connection: it can move to another thread
//! but not be shared between threads; a server opens one per worker (WAL
//! mode lets any number read while one writes, and writers queue for
//! [`BUSY_TIMEOUT`]).
//!
//! What it does not do: read or code documents (the `sitrep` binary runs
//! the pipeline and hands finished [`sitrep_core::Document`]s over), print,
//! or read the environment.
//!
//! ```no_run
//! use sitrep_store::{Store, query::EventFilter};
//! let store = Store::open_existing("sitrep.db".as_ref())?;
//! let page = store.events(&EventFilter::default(), 0, Some(10))?;
//! println!("{} events", page.total);
//! # Ok::<(), sitrep_store::StoreError>(())
//! ```

pub mod claims;
pub mod codec;
pub mod dedup;
pub mod export;
pub mod fips;
mod layers;
pub mod query;
pub mod refresh;
pub mod schema;
pub mod timeline;
mod write;

/// The SQLite binding, for callers that query the store's tables directly.
pub use rusqlite;
pub use write::{cluster_key_text, event_sig_text, outlet_of, url_host, BatchOutcome, IngestContext, Known, Prepared};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What can go wrong with a store; every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a sitrep database ({reason})")]
    Foreign { path: String, reason: String },
    #[error("{path}: the store has schema version {found}, newer than this sitrep understands ({supported}); use a newer sitrep")]
    Newer { path: String, found: i32, supported: i32 },
    #[error("{path}: no such store (run `sitrep ingest` first)")]
    Missing { path: String },
    #[error("{path}: the database is locked by another process (waited {waited_s} s); try again when it is done")]
    Busy { path: String, waited_s: u64 },
    #[error("{path}: {context}: {source}")]
    Sqlite {
        path: String,
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: {message}")]
    Data { path: String, message: String },
    #[error("{0}")]
    Io(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How long a writer waits for another process's transaction to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The JSON codec, loaded on first use (see [`codec`]).
    codec: std::cell::RefCell<Option<codec::Codec>>,
    /// Totals of recent event queries, valid while the database is
    /// unchanged (see [`Store::count_events`]).
    pub(crate) count_cache: std::cell::RefCell<std::collections::HashMap<String, (DbStamp, u64)>>,
    /// How to score tone, when the caller has a tone lexicon.
    pub(crate) tone: std::cell::Cell<Option<ToneFns>>,
    /// Near-duplicate keys not yet in `lsh` ([`Store::defer_lsh`]).
    pub(crate) lsh: std::cell::RefCell<write::PendingLsh>,
}

/// Tone scorers (GDELT's AvgTone: positive minus negative words per 100
/// words) for documents and event sentences. The store does not score
/// tone itself: the coder owns the tone lexicon, and the binary hands its
/// scorers over with [`Store::set_tone`].
#[derive(Debug, Clone, Copy)]
pub struct ToneFns {
    /// A document's tone.
    pub document: fn(&sitrep_core::Document) -> f64,
    /// A sentence's tone, for events that do not carry their own.
    pub sentence: fn(&str) -> f64,
}

impl ToneFns {
    /// The tone of an event's sentence: the one the coder gave it, else
    /// its sentence scored. The store's column and `sitrep code
    /// --documents` both use this, so that both say the same.
    pub fn event(&self, e: &sitrep_core::Event) -> f64 {
        e.tone.map_or_else(|| (self.sentence)(&e.text), f64::from)
    }
}

/// What identifies one state of the database for a connection: SQLite's
/// `data_version` (others' commits) and this connection's change count.
pub(crate) type DbStamp = (i64, u64);

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating it if the file does not exist.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, true)
    }

    /// Opens an existing store; a missing file is an error, not a new store.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing { path: path.display().to_string() });
        }
        Self::open_with(path, false)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store> {
        let shown = path.display().to_string();
        if path.is_dir() {
            return Err(StoreError::Foreign { path: shown, reason: "it is a directory".into() });
        }
        let mut flags =
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(&shown, "open", e))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
            codec: std::cell::RefCell::new(None),
            count_cache: Default::default(),
            tone: std::cell::Cell::new(None),
            lsh: Default::default(),
        };
        store.conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| store.err("busy_timeout", e))?;
        store.init()?;
        Ok(store)
    }

    /// Scores documents and event sentences with `tone` from now on (the
    /// `tone` columns, GDELT's AvgTone); without it they stay empty.
    pub fn set_tone(&self, tone: ToneFns) {
        self.tone.set(Some(tone));
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for callers that need a query this crate lacks.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn err(&self, context: &str, e: rusqlite::Error) -> StoreError {
        classify(&self.path.display().to_string(), context, e)
    }

    pub(crate) fn data_err(&self, msg: impl Into<String>) -> StoreError {
        StoreError::Data { path: self.path.display().to_string(), message: msg.into() }
    }

    /// Checks the file's identity and version, creating the schema in a
    /// new (empty) file, and sets the connection's pragmas.
    fn init(&self) -> Result<()> {
        let c = &self.conn;
        // The first read of the header: a foreign or damaged file fails here.
        let app: i32 =
            c.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| self.err("read header", e))?;
        let version: i32 =
            c.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| self.err("read header", e))?;
        let objects: i64 = c
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(|e| self.err("read schema", e))?;
        let shown = self.path.display().to_string();
        if app == 0 && version == 0 && objects == 0 {
            // 16 KB pages rather than 4 KB: a store is mostly document text
            // and compressed records of a few kilobytes, written in bulk, and
            // larger pages mean fewer overflow pages, B-tree splits and WAL
            // frames per document (the page size of a file is fixed once
            // its first table exists).
            c.execute_batch("PRAGMA page_size = 16384").map_err(|e| self.err("set the page size", e))?;
            self.pragmas()?;
            self.create_schema()?;
            return Ok(());
        }
        if app != schema::APPLICATION_ID {
            return Err(StoreError::Foreign {
                path: shown,
                reason: format!("a SQLite file of another application (application_id {app:#x}, {objects} objects)"),
            });
        }
        if version > schema::SCHEMA_VERSION {
            return Err(StoreError::Newer { path: shown, found: version, supported: schema::SCHEMA_VERSION });
        }
        if version < 1 {
            return Err(StoreError::Foreign { path: shown, reason: format!("schema version {version} is unknown") });
        }
        for t in schema::REQUIRED_TABLES {
            let n: i64 = c
                .query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", [t], |r| r.get(0))
                .map_err(|e| self.err("read schema", e))?;
            if n == 0 {
                return Err(StoreError::Foreign { path: shown, reason: format!("damaged: table {t} is missing") });
            }
        }
        if version < schema::SCHEMA_VERSION {
            self.migrate(version)?;
        }
        self.pragmas()
    }

    /// Brings a store of an older `version` to this one, in one
    /// transaction. A store that cannot be written (a read-only file) is
    /// left as it is: every older layout can still be read.
    fn migrate(&self, version: i32) -> Result<()> {
        let steps: String = schema::MIGRATIONS[(version - 1) as usize..].concat();
        let sql = format!("BEGIN IMMEDIATE; {steps} PRAGMA user_version = {}; COMMIT;", schema::SCHEMA_VERSION);
        match self.conn.execute_batch(&sql) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                let read_only = matches!(
                    e.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
                );
                if read_only {
                    Ok(())
                } else {
                    Err(self.err(&format!("migrate the store from schema version {version}"), e))
                }
            }
        }
    }

    fn pragmas(&self) -> Result<()> {
        let c = &self.conn;
        // WAL lets readers (the API, a second `sitrep events`) run while an
        // ingest writes; NORMAL sync is durable against process crashes.
        let mode: String =
            c.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| self.err("set WAL mode", e))?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(self.data_err(format!("cannot use write-ahead logging (journal mode stays {mode})")));
        }
        // The writer uses a few dozen statements; rusqlite's default cache
        // of 16 would prepare some of them again for every document.
        c.set_prepared_statement_cache_capacity(64);
        // One query plan per statement, whatever is bound to it: without
        // this SQLite planned the writer's near-duplicate look-up again for
        // every document (to suit the bound value), about a twentieth of
        // the writer's time, though its plan never changes.
        c.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            .map_err(|e| self.err("set the query planner", e))?;
        // Checkpoint the WAL every 32 MB rather than every 1,000 pages: a
        // page written by many batches is copied back once, not each time.
        // Not more: what is left in the WAL is copied back when the last
        // connection closes, after all other work.
        let page: i64 = c.query_row("PRAGMA page_size", [], |r| r.get(0)).map_err(|e| self.err("read page size", e))?;
        let pages = (32 << 20) / page.max(512);
        c.execute_batch(&format!(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; \
             PRAGMA cache_size = -32768; PRAGMA wal_autocheckpoint = {pages};"
        ))
        .map_err(|e| self.err("set pragmas", e))
    }

    fn create_schema(&self) -> Result<()> {
        let sql = format!(
            "BEGIN IMMEDIATE; {} {} PRAGMA application_id = {}; PRAGMA user_version = {}; \
             INSERT INTO meta(key, value) VALUES ('dirty', '0'), ('created_by', 'sitrep {}'); COMMIT;",
            schema::SCHEMA,
            schema::FTS_TUNING,
            schema::APPLICATION_ID,
            schema::SCHEMA_VERSION,
            env!("CARGO_PKG_VERSION"),
        );
        match self.conn.execute_batch(&sql) {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                // Another process may have created the schema meanwhile.
                let app: i32 = self.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap_or(0);
                if app == schema::APPLICATION_ID {
                    Ok(())
                } else {
                    Err(self.err("create the schema", e))
                }
            }
        }
    }

    /// A value from the `meta` table.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err("read meta", e))
    }

    /// True when an ingest or recode stopped before refreshing the derived
    /// tables (clusters, claims); [`Store::refresh`] settles it.
    pub fn is_dirty(&self) -> Result<bool> {
        Ok(self.meta("dirty")?.as_deref() == Some("1"))
    }

    /// Runs `f` inside a write transaction (`BEGIN IMMEDIATE`, so that two
    /// writing processes queue up instead of deadlocking), committing on
    /// success and rolling back on error.
    pub(crate) fn write_tx<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(|e| self.err("begin a write", e))?;
        match f(&self.conn) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT").map_err(|e| self.err("commit", e))?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Loads the store's codec if it has one; false when no record has
    /// been written yet.
    fn load_codec(&self) -> Result<bool> {
        if self.codec.borrow().is_some() {
            return Ok(true);
        }
        match self.codec_dictionary()? {
            Some(d) => {
                let codec = codec::Codec::new(&d).map_err(|e| self.data_err(format!("damaged codec: {e}")))?;
                *self.codec.borrow_mut() = Some(codec);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Makes sure the codec exists, creating its dictionary from `samples`
    /// (inside the caller's write transaction) when the store has none.
    pub(crate) fn ensure_codec(&self, c: &Connection, samples: (Vec<&[u8]>, Vec<&[u8]>)) -> Result<()> {
        if self.load_codec()? {
            return Ok(());
        }
        let dict = codec::finalize_dictionary(codec::make_dictionary(samples.0), &samples.1);
        c.execute("INSERT INTO codec(id, dictionary) VALUES (1, ?1)", [&dict])
            .map_err(|e| self.err("store the codec", e))?;
        let codec = codec::Codec::new(&dict).map_err(|e| self.data_err(format!("codec: {e}")))?;
        *self.codec.borrow_mut() = Some(codec);
        Ok(())
    }

    /// The dictionary of the store's codec, once the store has one (the
    /// first write makes it): a [`codec::PackDictionary`] made from it packs
    /// records for this store on any thread
    /// ([`Prepared::pack`](crate::Prepared::pack)).
    pub fn codec_dictionary(&self) -> Result<Option<Vec<u8>>> {
        self.conn
            .query_row("SELECT dictionary FROM codec WHERE id = 1", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.err("read the codec", e))
    }

    /// Compresses a record (the codec must exist).
    pub(crate) fn pack(&self, data: &[u8]) -> Result<Vec<u8>> {
        let mut g = self.codec.borrow_mut();
        let codec = g.as_mut().ok_or_else(|| self.data_err("no codec to compress with"))?;
        codec.pack(data).map_err(|e| self.data_err(format!("compress: {e}")))
    }

    /// Decompresses a record into its JSON text.
    pub(crate) fn unpack(&self, data: &[u8]) -> Result<String> {
        String::from_utf8(self.unpack_bytes(data)?).map_err(|_| self.data_err("damaged record: not UTF-8"))
    }

    /// A record decompressed with the store's codec.
    pub(crate) fn unpack_bytes(&self, data: &[u8]) -> Result<Vec<u8>> {
        if !self.load_codec()? {
            return Err(self.data_err("damaged: records without a codec"));
        }
        let mut g = self.codec.borrow_mut();
        let codec = g.as_mut().ok_or_else(|| self.data_err("no codec"))?;
        codec.unpack(data).map_err(|e| self.data_err(format!("damaged record: {e}")))
    }

    /// Records the start of an ingest or recode run; returns its id.
    pub fn start_run(&self, command: &str, lexicon_version: &str) -> Result<i64> {
        self.write_tx(|c| {
            c.execute(
                "INSERT INTO runs(command, started_at, lexicon_version) VALUES (?1, ?2, ?3)",
                rusqlite::params![command, now_utc(), lexicon_version],
            )
            .map_err(|e| self.err("record the run", e))?;
            Ok(c.last_insert_rowid())
        })
    }

    /// Records the end of a run and what it added.
    pub fn finish_run(&self, run: i64, documents: u64, events: u64) -> Result<()> {
        self.write_tx(|c| {
            c.execute(
                "UPDATE runs SET finished_at = ?2, documents = ?3, events = ?4 WHERE rowid = ?1",
                rusqlite::params![run, now_utc(), documents as i64, events as i64],
            )
            .map_err(|e| self.err("record the run", e))?;
            Ok(())
        })
    }
}

/// Turns a SQLite error into a message a person can act on.
fn classify(path: &str, context: &str, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode;
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        match f.code {
            ErrorCode::NotADatabase => {
                return StoreError::Foreign {
                    path: path.into(),
                    reason: "the file is not a SQLite database or is encrypted".into(),
                }
            }
            ErrorCode::DatabaseCorrupt => {
                return StoreError::Foreign {
                    path: path.into(),
                    reason: format!("the database is corrupt ({context})"),
                }
            }
            ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                return StoreError::Busy { path: path.into(), waited_s: BUSY_TIMEOUT.as_secs() }
            }
            ErrorCode::CannotOpen => {
                return StoreError::Io(format!("{path}: cannot open the database file ({e})"));
            }
            _ => {}
        }
    }
    StoreError::Sqlite { path: path.into(), context: context.into(), source: e }
}

/// The current UTC time as `YYYYMMDDHHMMSS` (GDELT's DATEADDED form).
pub fn now_utc() -> String {
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let day = sitrep_core::Date::from_days(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    format!("{:04}{:02}{:02}{:02}{:02}{:02}", day.year, day.month, day.day, s / 3600, (s / 60) % 60, s % 60)
}

/// Days since 1970-01-01 of a date string (`YYYY-MM-DD`, a timestamp, or
/// a looser news form), if it is one.
pub fn day_of(date: &str) -> Option<i64> {
    sitrep_core::Date::parse(date).or_else(|| sitrep_core::Date::parse_loose(date)).map(|d| d.to_days())
}

/// `YYYY-MM-DD` of a day number.
pub fn day_string(day: i64) -> String {
    sitrep_core::Date::from_days(day).to_string()
}
