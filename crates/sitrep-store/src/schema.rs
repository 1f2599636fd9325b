//! The database layout, in one place, and the checks that tell a sitrep
//! store from a foreign, newer or damaged file.
//!
//! A store carries `PRAGMA application_id` = [`APPLICATION_ID`] ("SITR")
//! and `PRAGMA user_version` = [`SCHEMA_VERSION`]. A file with another
//! application id is not opened; a file from a newer sitrep is refused
//! with a message naming both versions, so an old binary never writes rows
//! a newer layout does not expect.
//!
//! Base tables hold what was read and coded (documents, sightings,
//! events, their actors); derived tables (stories' counts, clusters, the
//! claim ledger) are recomputed from them, so a crash can never leave the
//! two disagreeing: the `dirty` flag in `meta` says a refresh is owed.

/// "SITR" in ASCII: marks a SQLite file as a sitrep store.
pub const APPLICATION_ID: i32 = 0x5349_5452;

/// Bumped whenever the layout changes; older stores are migrated on open.
pub const SCHEMA_VERSION: i32 = 4;

/// What turns a store of the version before into one of this version,
/// per version: `MIGRATIONS[v - 1]` takes version `v` to `v + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1 → 2: `lsh_pending`.
    "CREATE TABLE IF NOT EXISTS lsh_pending (doc INTEGER PRIMARY KEY);",
    // 2 → 3: full-text indexes merge 16 segments at a time, not 4.
    FTS_TUNING,
    // 3 → 4: document layers are written in a binary form (`layers`;
    // rows written before stay JSON, which is still read, and the version
    // keeps older binaries, which read only JSON, from opening the store),
    // events are looked up by id through their document, and actors by
    // code through their key (which is the code, for every actor with one).
    "DROP INDEX IF EXISTS events_id; DROP INDEX IF EXISTS event_actors_code; \
     UPDATE event_actors SET key = code WHERE code IS NOT NULL AND code <> '' AND key IS NOT code;",
];

/// Full-text index settings, for new stores and by migration for older
/// ones. FTS5 writes each commit's words as a new segment and merges
/// segments of a level once there are `automerge` of them: 16 rather than
/// the default 4 means each word is merged half as many times over a
/// store's life (on the corpus ingest, about 0.15 s less in alternating
/// runs), at the cost of up to 16 segments per level for a search to read
/// instead of 4, a few microseconds more per search.
pub const FTS_TUNING: &str = "INSERT INTO documents_fts(documents_fts, rank) VALUES ('automerge', 16); \
     INSERT INTO events_fts(events_fts, rank) VALUES ('automerge', 16);";

/// The layout of schema version 4 (with [`FTS_TUNING`]).
///
/// Notes on choices:
/// - `documents.rowid` is the store's own sequence; `id` is the content
///   hash (the key of idempotent ingest). Rowids are reused after a rolled
///   back transaction, so a crashed and resumed ingest numbers rows as a
///   clean run does.
/// - `sightings` are the articles: one document (one text) seen at one URL.
///   The same text at a second URL is a second article of the same story.
/// - `events.json` is the event exactly as `sitrep code` writes it (JSON),
///   and `documents.layers` the document's layers (the binary form of the
///   `layers` module; JSON in rows of stores before version 4), both
///   compressed with zstd against the store's own dictionary (`codec`,
///   made from the first batch written: news JSON shares most of its
///   bytes, so this stores an event in about a tenth of its JSON); the
///   other columns are copies for filtering and counting.
/// - `events.sig` says which events of one story are the same event;
///   `ckey` (actors, type, recipients) which events of different stories
///   may be, for clusters.
/// - `dead_*`, `injured_*`, `arrested_*`, `size_*` and `tone` are filled
///   when the coder reports magnitudes and tone (issue 9).
/// - Full-text indexes are contentless (the text lives once, in
///   `documents.text` and the event JSON) with deletes enabled for recode,
///   and keep no positions (`detail=none`: searches are for words, not
///   phrases), which halves their cost at ingest.
pub const SCHEMA: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE codec (
    id         INTEGER PRIMARY KEY,
    dictionary BLOB NOT NULL
);

CREATE TABLE outlets (
    domain    TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    country   TEXT NOT NULL,
    ownership TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    rowid           INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    source_id       TEXT,
    url             TEXT,
    title           TEXT,
    author          TEXT,
    date            TEXT,
    day             INTEGER,
    outlet          TEXT REFERENCES outlets(domain),
    text            TEXT NOT NULL,
    layers          BLOB NOT NULL,
    origin          TEXT NOT NULL,
    story           INTEGER NOT NULL,
    minhash         BLOB,
    tone            REAL,
    lexicon_version TEXT NOT NULL,
    added_at        TEXT NOT NULL
);
CREATE INDEX documents_source_id ON documents(source_id);
CREATE INDEX documents_story ON documents(story);
CREATE INDEX documents_day ON documents(day);

CREATE TABLE sightings (
    doc    INTEGER NOT NULL REFERENCES documents(rowid),
    url    TEXT NOT NULL,
    outlet TEXT,
    source TEXT NOT NULL,
    date   TEXT,
    day    INTEGER,
    origin TEXT NOT NULL,
    PRIMARY KEY (doc, url)
) WITHOUT ROWID;
CREATE INDEX sightings_outlet ON sightings(outlet);

CREATE TABLE lsh (
    band INTEGER NOT NULL,
    doc  INTEGER NOT NULL,
    PRIMARY KEY (band, doc)
) WITHOUT ROWID;

-- Documents whose band keys are not in `lsh` yet: an ingest keeps this
-- run's keys in memory and writes them sorted, all at once (see
-- `dedup`); a run that stops first leaves the list here, and the next
-- writer indexes them from `documents.minhash`.
CREATE TABLE lsh_pending (
    doc INTEGER PRIMARY KEY
);

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    documents   INTEGER NOT NULL,
    articles    INTEGER NOT NULL,
    sources     INTEGER NOT NULL,
    first_day   INTEGER,
    last_day    INTEGER
);

CREATE TABLE events (
    rowid           INTEGER PRIMARY KEY,
    id              TEXT NOT NULL,
    doc             INTEGER NOT NULL REFERENCES documents(rowid),
    story           INTEGER NOT NULL,
    sentence        INTEGER NOT NULL,
    segment         TEXT NOT NULL,
    event           TEXT NOT NULL,
    mode            TEXT,
    status          TEXT NOT NULL,
    cameo           TEXT,
    quad            INTEGER NOT NULL,
    goldstein       REAL,
    day             INTEGER,
    sig             INTEGER NOT NULL,
    ckey            INTEGER,
    is_rep          INTEGER NOT NULL DEFAULT 0,
    num_mentions    INTEGER NOT NULL DEFAULT 0,
    num_sources     INTEGER NOT NULL DEFAULT 0,
    num_articles    INTEGER NOT NULL DEFAULT 0,
    cluster         INTEGER,
    claim_text      TEXT,
    dead_min        INTEGER,
    dead_max        INTEGER,
    injured_min     INTEGER,
    injured_max     INTEGER,
    arrested_min    INTEGER,
    arrested_max    INTEGER,
    size_min        INTEGER,
    size_max        INTEGER,
    tone            REAL,
    linked          INTEGER NOT NULL,
    lexicon_version TEXT NOT NULL,
    json            BLOB NOT NULL
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_story_sig ON events(story, sig);
CREATE INDEX events_rep_day ON events(is_rep, day);
CREATE INDEX events_type_day ON events(event, day);
CREATE INDEX events_cluster ON events(cluster);

CREATE TABLE event_actors (
    event      INTEGER NOT NULL,
    role       INTEGER NOT NULL,
    pos        INTEGER NOT NULL,
    code       TEXT,
    sector     TEXT,
    identifier TEXT,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    party      TEXT NOT NULL,
    key        TEXT NOT NULL,
    PRIMARY KEY (event, role, pos)
) WITHOUT ROWID;
CREATE INDEX event_actors_key ON event_actors(key, role);

CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', contentless_delete=1, detail=none);
CREATE VIRTUAL TABLE events_fts USING fts5(text, event_text, content='', contentless_delete=1, detail=none);

CREATE TABLE clusters (
    id        INTEGER PRIMARY KEY,
    key       INTEGER NOT NULL,
    event     TEXT NOT NULL,
    first_day INTEGER,
    last_day  INTEGER,
    events    INTEGER NOT NULL,
    stories   INTEGER NOT NULL
);

CREATE TABLE claims (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    text       TEXT NOT NULL,
    event      TEXT NOT NULL,
    contested  INTEGER NOT NULL,
    first_seen TEXT,
    last_seen  TEXT,
    documents  INTEGER NOT NULL,
    json       TEXT NOT NULL
);

CREATE TABLE runs (
    rowid           INTEGER PRIMARY KEY,
    command         TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    documents       INTEGER NOT NULL DEFAULT 0,
    events          INTEGER NOT NULL DEFAULT 0,
    lexicon_version TEXT NOT NULL
);
"#;

/// The tables a sitrep store must have; a file with the right ids but
/// without these is damaged.
pub const REQUIRED_TABLES: &[&str] = &[
    "meta",
    "codec",
    "outlets",
    "documents",
    "sightings",
    "lsh",
    "stories",
    "events",
    "event_actors",
    "claims",
    "clusters",
];
