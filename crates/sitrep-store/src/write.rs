//! Writing documents and events: idempotent, one transaction per batch.
//!
//! A batch is written inside one `BEGIN IMMEDIATE` transaction, so a killed
//! process leaves whole batches and nothing else; the same command run
//! again skips what is stored (by content hash and URL) and writes the
//! rest, in the same order and with the same row numbers as a clean run.
//! Stories' counts are recomputed in the same transaction; clusters and
//! claims, which span the whole store, are owed by the `dirty` flag and
//! settled by [`Store::refresh`](crate::Store::refresh).

use crate::claims;
use crate::dedup::{self, Signature};
use crate::{day_of, now_utc, Result, Store};
use rusqlite::{params, Connection, OptionalExtension};
use sitrep_core::{ActorRef, Document, Event, InputOrigin, Outlet, Ownership, Status};
use sitrep_lexicon::Lexicon;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the writer needs besides the documents: the lexicon that coded
/// them (its version is recorded per document and event; its names label
/// actors and claims).
#[derive(Debug, Clone, Copy)]
pub struct IngestContext<'a> {
    pub lexicon: &'a Lexicon,
}

/// What a batch (or a whole run) changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Documents stored for the first time.
    pub added: u64,
    /// Stored documents seen again at a new URL (a new article).
    pub new_sightings: u64,
    /// Documents that were already stored as given: nothing to do.
    pub unchanged: u64,
    /// Events stored.
    pub events: u64,
    /// New documents that joined an existing story as near duplicates.
    pub near_duplicates: u64,
}

impl std::ops::AddAssign for BatchOutcome {
    fn add_assign(&mut self, o: BatchOutcome) {
        self.added += o.added;
        self.new_sightings += o.new_sightings;
        self.unchanged += o.unchanged;
        self.events += o.events;
        self.near_duplicates += o.near_duplicates;
    }
}

/// What the store knows of a document before it is coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Not stored: code and write it.
    New,
    /// Stored, but not at this URL: a new article of a stored text.
    NewSighting,
    /// Stored at this URL: nothing to do.
    Stored,
}

/// The parts of a document's rows that need no database: its records'
/// JSON, its signature, outlet, tone, and each event's keys, names and
/// claim text. [`Prepared::new`] runs on any thread, so an ingest makes
/// them on all cores and its one writer thread only writes
/// ([`Store::write_batch_prepared`]).
#[derive(Debug, Clone)]
pub struct Prepared {
    signature: Option<Signature>,
    outlet: Option<Outlet>,
    layers: Vec<u8>,
    origin: String,
    tone: Option<f64>,
    events: Vec<PreparedEvent>,
    /// Whether `layers` and each event's `json` are compressed already,
    /// with the store's codec ([`Prepared::pack`]).
    packed: bool,
}

#[derive(Debug, Clone)]
struct PreparedEvent {
    json: Vec<u8>,
    sig: i64,
    cluster_key: Option<i64>,
    claim_text: Option<String>,
    tone: Option<f64>,
    /// Per actor, recipient and speaker in order: display name, party
    /// name, party key.
    names: Vec<[String; 3]>,
}

impl Prepared {
    /// Prepares `doc` (coded with `lex`; `tone` scores it when given).
    pub fn new(doc: &Document, lex: &Lexicon, tone: Option<&crate::ToneFns>) -> Prepared {
        Prepared::with_signature(doc, lex, tone, dedup::document_signature(doc))
    }

    /// [`Prepared::new`] with the document's near-duplicate signature
    /// ([`dedup::document_signature`]) already made.
    pub fn with_signature(
        doc: &Document,
        lex: &Lexicon,
        tone: Option<&crate::ToneFns>,
        signature: Option<Signature>,
    ) -> Prepared {
        let events = doc
            .events
            .iter()
            .map(|e| PreparedEvent {
                json: serde_json::to_vec(e).unwrap_or_else(|_| b"{}".to_vec()),
                sig: event_sig(e),
                cluster_key: cluster_key(e),
                claim_text: matches!(e.status, Status::Alleged | Status::Denied)
                    .then(|| claims::claim_text(doc, e, lex)),
                tone: tone.map(|t| t.event(e)),
                names: [&e.actor[..], &e.recipient[..], e.said_by.as_slice()]
                    .into_iter()
                    .flatten()
                    .map(|a| [display_name(a, lex), claims::party_name(a, lex), claims::party_key(a)])
                    .collect(),
            })
            .collect();
        Prepared {
            signature,
            outlet: outlet_of(doc, lex),
            layers: crate::layers::encode(doc),
            origin: serde_json::to_string(&doc.origin).unwrap_or_else(|_| "{}".into()),
            tone: tone.map(|t| (t.document)(doc)),
            events,
            packed: false,
        }
    }

    /// Compresses the JSON records with `codec`, which must be made from
    /// the dictionary of the store they will be written to
    /// ([`Store::codec_dictionary`], [`crate::codec::PackDictionary`]): the
    /// compression then happens on the caller's thread, not the writer's.
    pub fn pack(&mut self, codec: &crate::codec::PackDictionary) -> std::io::Result<()> {
        if self.packed {
            return Ok(());
        }
        let layers = codec.pack(&self.layers)?;
        let events = self.events.iter().map(|e| codec.pack(&e.json)).collect::<std::io::Result<Vec<_>>>()?;
        self.layers = layers;
        for (e, json) in self.events.iter_mut().zip(events) {
            e.json = json;
        }
        self.packed = true;
        Ok(())
    }
}

/// The statements a transaction runs for each document and event,
/// prepared once per transaction. rusqlite's statement cache finds a
/// statement by hashing its SQL text, and for the long inserts of a
/// document and its events that was about half a percent of an ingest's
/// CPU, for statements that never change.
struct Statements<'c> {
    find: rusqlite::CachedStatement<'c>,
    insert: rusqlite::CachedStatement<'c>,
    pending: rusqlite::CachedStatement<'c>,
    fts: rusqlite::CachedStatement<'c>,
    sighting: rusqlite::CachedStatement<'c>,
    story: rusqlite::CachedStatement<'c>,
    events: EventStatements<'c>,
    /// The next document's rowid, once known: only this connection
    /// writes during its transaction.
    next_doc: Option<i64>,
}

/// The statements that store one event.
struct EventStatements<'c> {
    insert: rusqlite::CachedStatement<'c>,
    actor: rusqlite::CachedStatement<'c>,
    fts: rusqlite::CachedStatement<'c>,
    /// The next event's rowid, once known.
    next: Option<i64>,
}

impl<'c> Statements<'c> {
    fn new(c: &'c Connection) -> rusqlite::Result<Statements<'c>> {
        Ok(Statements {
            find: c.prepare_cached("SELECT rowid, story FROM documents WHERE id = ?1")?,
            insert: c.prepare_cached(
                "INSERT INTO documents(rowid, id, source_id, url, title, author, date, day, outlet, text, layers, \
                 origin, story, minhash, tone, lexicon_version, added_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?17, ?15, ?16)",
            )?,
            pending: c.prepare_cached("INSERT OR IGNORE INTO lsh_pending(doc) VALUES (?1)")?,
            fts: c.prepare_cached("INSERT INTO documents_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?,
            sighting: c.prepare_cached(
                "INSERT OR IGNORE INTO sightings(doc, url, outlet, source, date, day, origin) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            story: c.prepare_cached(
                "INSERT OR REPLACE INTO stories(id, documents, articles, sources, first_day, last_day) \
                 VALUES (?1, 1, 1, 1, ?2, ?2)",
            )?,
            events: EventStatements::new(c)?,
            next_doc: None,
        })
    }
}

impl<'c> EventStatements<'c> {
    fn new(c: &'c Connection) -> rusqlite::Result<EventStatements<'c>> {
        Ok(EventStatements {
            insert: c.prepare_cached(
                "INSERT INTO events(id, doc, story, sentence, segment, event, mode, status, cameo, quad, goldstein, day, \
                 sig, ckey, claim_text, dead_min, dead_max, injured_min, injured_max, arrested_min, arrested_max, size_min, \
                 size_max, tone, lexicon_version, json, linked, is_rep, num_mentions, num_sources, num_articles, rowid, \
                 cluster) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, \
                 ?21, ?22, ?23, ?31, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?32, ?33)",
            )?,
            actor: c.prepare_cached(
                "INSERT INTO event_actors(event, role, pos, code, sector, identifier, kind, name, party, key) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            fts: c.prepare_cached("INSERT INTO events_fts(rowid, text, event_text) VALUES (?1, ?2, ?3)")?,
            next: None,
        })
    }
}

/// Band keys of documents this connection wrote and has not put in `lsh`
/// yet ([`Store::defer_lsh`]).
#[derive(Debug, Default)]
pub(crate) struct PendingLsh {
    defer: bool,
    /// Whether the documents other runs left in `lsh_pending` are indexed
    /// (checked once per connection, in its first write).
    recovered: bool,
    /// With `defer`, whether `lsh` was empty when the open transaction
    /// began (it then stays so until it ends): look-ups need not ask it.
    table_empty: bool,
    /// Band key → the first document with it, for look-ups: committed and
    /// open alike. Most keys belong to one document; the others are in
    /// `more`. (Entries of 16 bytes: at 16 keys a document the map of a
    /// large ingest holds half a million, and entries that could each
    /// hold a list took two and a half times the memory.)
    first: HashMap<i64, i64, BandKeyHash>,
    /// Band key → the documents after the first with it (only keys in
    /// `first`).
    more: HashMap<i64, Vec<i64>, BandKeyHash>,
    /// Committed documents with their keys, to write at the flush.
    docs: Vec<(i64, [i64; dedup::BANDS])>,
    /// Documents of the open transaction: kept on commit, forgotten on
    /// rollback.
    open: Vec<(i64, [i64; dedup::BANDS])>,
}

/// Hashing for band keys, which are hashes already (xxh3): the key is its
/// own hash.
#[derive(Debug, Default, Clone, Copy)]
struct BandKeyHash;

impl std::hash::BuildHasher for BandKeyHash {
    type Hasher = BandKeyHasher;
    fn build_hasher(&self) -> BandKeyHasher {
        BandKeyHasher(0)
    }
}

#[derive(Debug)]
struct BandKeyHasher(u64);

impl std::hash::Hasher for BandKeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used by i64 keys; any input still hashes.
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.0 = v as u64;
    }
}

impl PendingLsh {
    /// Documents kept at most before their keys are written (16 keys
    /// each: a few megabytes).
    pub const FLUSH_DOCS: usize = 32_768;

    fn add(&mut self, doc: i64, bands: [i64; dedup::BANDS]) {
        for b in bands {
            match self.first.entry(b) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(doc);
                }
                std::collections::hash_map::Entry::Occupied(_) => self.more.entry(b).or_default().push(doc),
            }
        }
        self.open.push((doc, bands));
    }

    /// This connection's documents with band key `b`, in the order added.
    fn docs_of(&self, b: i64) -> impl Iterator<Item = i64> + '_ {
        let first = self.first.get(&b).copied();
        let more = first.and_then(|_| self.more.get(&b));
        first.into_iter().chain(more.into_iter().flatten().copied())
    }

    fn commit(&mut self) {
        self.docs.append(&mut self.open);
    }

    /// Forgets the open transaction's documents (added last, so each is
    /// the last of its keys' documents).
    fn rollback(&mut self) {
        for (doc, bands) in std::mem::take(&mut self.open).into_iter().rev() {
            for b in bands {
                if let Some(v) = self.more.get_mut(&b) {
                    v.retain(|d| *d != doc);
                    if v.is_empty() {
                        self.more.remove(&b);
                    }
                } else if self.first.get(&b) == Some(&doc) {
                    self.first.remove(&b);
                }
            }
        }
    }

    fn clear(&mut self) {
        self.first.clear();
        self.more.clear();
        self.docs.clear();
    }
}

/// JSON records of a first batch, to make the store's codec dictionary
/// from: a few documents' layers, then events.
fn dictionary_samples(prepared: &[Prepared]) -> (Vec<&[u8]>, Vec<&[u8]>) {
    let plain = || prepared.iter().filter(|p| !p.packed);
    let mut out: Vec<&[u8]> = plain().take(2).map(|p| p.layers.as_slice()).collect();
    out.extend(plain().flat_map(|p| p.events.iter().take(4)).take(48).map(|e| e.json.as_slice()));
    let stats: Vec<&[u8]> = plain()
        .flat_map(|p| std::iter::once(p.layers.as_slice()).chain(p.events.iter().map(|e| e.json.as_slice())))
        .take(4000)
        .collect();
    (out, stats)
}

/// The host of a URL, lower-case, without `www.`.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

fn origin_label(o: &InputOrigin) -> String {
    match &o.record {
        Some(r) => format!("{}#{r}", o.path),
        None => o.path.clone(),
    }
}

/// The outlet of a document: the one the coder found, else the lexicon's
/// for its URL.
pub fn outlet_of(doc: &Document, lex: &Lexicon) -> Option<Outlet> {
    doc.outlet.clone().or_else(|| doc.url.as_deref().and_then(|u| lex.outlet_for_url(u)))
}

/// Sorted, distinct keys joined by `+`.
fn key_set(v: &[ActorRef], key: impl Fn(&ActorRef) -> String) -> String {
    let mut k: Vec<String> = v.iter().map(key).collect();
    k.sort();
    k.dedup();
    k.join("+")
}

/// The text behind an event's signature within a story: what makes two
/// events of two near-duplicate texts the same event.
pub fn event_sig_text(e: &Event) -> String {
    let k = |a: &ActorRef| format!("{}{}", claims::party_key(a), a.sector.as_deref().unwrap_or(""));
    format!(
        "{}|{}|{}|{}|{}",
        e.event.as_str(),
        e.cameo.as_deref().unwrap_or(""),
        e.status.as_str(),
        key_set(&e.actor, k),
        key_set(&e.recipient, k)
    )
}

fn event_sig(e: &Event) -> i64 {
    xxhash_rust::xxh3::xxh3_64(event_sig_text(e).as_bytes()) as i64
}

/// The text behind an event's cluster key: what events of different
/// stories must share to be one cluster (the event type, the actors and
/// the recipients, by code). `None` when neither side is known: such
/// events are not clustered.
pub fn cluster_key_text(e: &Event) -> Option<String> {
    if e.actor.is_empty() && e.recipient.is_empty() {
        return None;
    }
    Some(format!(
        "{}|{}|{}",
        e.event.as_str(),
        key_set(&e.actor, claims::party_key),
        key_set(&e.recipient, claims::party_key)
    ))
}

fn cluster_key(e: &Event) -> Option<i64> {
    cluster_key_text(e).map(|s| xxhash_rust::xxh3::xxh3_64(s.as_bytes()) as i64)
}

/// The most specific readable name of an actor (a person's or an
/// organisation's canonical name, else the state's, else the words).
fn display_name(a: &ActorRef, lex: &Lexicon) -> String {
    if let Some(n) = a.name.as_deref().filter(|n| !n.is_empty()) {
        return n.to_string();
    }
    if let Some(s) = a.code.as_deref().and_then(|c| lex.state(c)) {
        if a.kind == "state" {
            return s.name.clone();
        }
    }
    let t = a.entity_text.trim();
    if t.is_empty() {
        a.code.clone().unwrap_or_default()
    } else {
        t.to_string()
    }
}

impl Store {
    /// Whether a built (not yet coded) document needs coding and writing.
    /// A read, outside any transaction: the writer checks again.
    pub fn known(&self, doc: &Document) -> Result<Known> {
        let row: Option<i64> = self
            .conn
            .prepare_cached("SELECT rowid FROM documents WHERE id = ?1")
            .and_then(|mut s| s.query_row([&doc.id], |r| r.get(0)).optional())
            .map_err(|e| self.err("look a document up", e))?;
        let Some(rowid) = row else { return Ok(Known::New) };
        let url = doc.url.as_deref().unwrap_or("");
        let seen: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM sightings WHERE doc = ?1 AND url = ?2")
            .and_then(|mut s| s.query_row(params![rowid, url], |r| r.get(0)).optional())
            .map_err(|e| self.err("look a document up", e))?;
        Ok(if seen.is_some() { Known::Stored } else { Known::NewSighting })
    }

    /// Writes a batch of coded documents in one transaction. Documents
    /// already stored add a sighting when their URL is new and nothing
    /// otherwise.
    pub fn write_batch(&self, docs: &[Document], ctx: &IngestContext) -> Result<BatchOutcome> {
        self.write_batch_signed(docs, None, ctx)
    }

    /// [`Store::write_batch`] with each document's near-duplicate signature
    /// ([`dedup::document_signature`]) computed by the caller, one per
    /// document in order: an ingest computes them on all cores while the
    /// writer, which is one thread, does only the writing.
    pub fn write_batch_signed(
        &self,
        docs: &[Document],
        signatures: Option<&[Option<Signature>]>,
        ctx: &IngestContext,
    ) -> Result<BatchOutcome> {
        if signatures.is_some_and(|s| s.len() != docs.len()) {
            return Err(self.data_err("write_batch_signed: one signature per document is needed".to_string()));
        }
        let tone = self.tone.get();
        let prepared: Vec<Prepared> = docs
            .iter()
            .enumerate()
            .map(|(k, d)| match signatures {
                Some(s) => Prepared::with_signature(d, ctx.lexicon, tone.as_ref(), s[k].clone()),
                None => Prepared::new(d, ctx.lexicon, tone.as_ref()),
            })
            .collect();
        self.write_batch_prepared(docs, &prepared, ctx)
    }

    /// [`Store::write_batch`] with each document's [`Prepared`] parts made
    /// by the caller, one per document in order.
    pub fn write_batch_prepared(
        &self,
        docs: &[Document],
        prepared: &[Prepared],
        ctx: &IngestContext,
    ) -> Result<BatchOutcome> {
        if prepared.len() != docs.len() {
            return Err(self.data_err("write_batch_prepared: one prepared record per document is needed".to_string()));
        }
        if docs.is_empty() {
            return Ok(BatchOutcome::default());
        }
        let added_at = now_utc();
        let written = self.write_tx(|c| {
            if !self.lsh.borrow().recovered {
                self.recover_lsh(c)?;
            }
            // A first ingest would look up each of its documents' band keys
            // in an empty table: once per transaction is enough, when this
            // connection keeps its own keys out of it until the flush.
            if self.lsh.borrow().defer {
                let empty: bool = c
                    .prepare_cached("SELECT NOT EXISTS (SELECT 1 FROM lsh)")
                    .and_then(|mut s| s.query_row([], |r| r.get(0)))
                    .map_err(|e| self.err("find near duplicates", e))?;
                self.lsh.borrow_mut().table_empty = empty;
            }
            let samples =
                if self.codec.borrow().is_none() { dictionary_samples(prepared) } else { (Vec::new(), Vec::new()) };
            self.ensure_codec(c, samples)?;
            let mut out = BatchOutcome::default();
            let mut touched: BTreeSet<i64> = BTreeSet::new();
            // Each outlet once per batch: the wire's outlet is on most
            // documents of a feed.
            let mut outlets: HashSet<&str> = HashSet::new();
            for o in prepared.iter().filter_map(|p| p.outlet.as_ref()) {
                if outlets.insert(o.domain.as_str()) {
                    self.upsert_outlet(c, o).map_err(|e| self.err(&format!("{}: store the outlet", o.domain), e))?;
                }
            }
            let mut st = Statements::new(c).map_err(|e| self.err("prepare the writes", e))?;
            for (doc, p) in docs.iter().zip(prepared) {
                self.write_document(c, &mut st, doc, p, ctx, &added_at, &mut out, &mut touched)?;
            }
            drop(st);
            for &story in &touched {
                self.refresh_story(c, story)?;
            }
            if !touched.is_empty() || out.added > 0 {
                self.set_dirty(c)?;
            }
            Ok(out)
        });
        let pending = {
            let mut lsh = self.lsh.borrow_mut();
            lsh.table_empty = false;
            match written {
                Ok(_) => {
                    lsh.commit();
                    lsh.recovered = true;
                }
                Err(_) => lsh.rollback(),
            }
            lsh.docs.len()
        };
        if pending >= PendingLsh::FLUSH_DOCS {
            self.flush_lsh()?;
        }
        written
    }

    /// The store's codec dictionary, made now from `prepared` (in a
    /// transaction of its own) when the store has none yet: a caller that
    /// compresses records itself ([`Prepared::pack`]) can then do so from
    /// its first batch on.
    pub fn make_codec(&self, prepared: &[Prepared]) -> Result<Vec<u8>> {
        if self.codec.borrow().is_none() {
            self.write_tx(|c| self.ensure_codec(c, dictionary_samples(prepared)))?;
        }
        self.codec_dictionary()?.ok_or_else(|| self.data_err("no codec after making one"))
    }

    /// From now on, keeps the near-duplicate band keys of the documents
    /// this connection writes in memory, and writes them to `lsh` sorted,
    /// all at once, when [`Store::flush_lsh`] is called (or every 32,768
    /// documents). Each key written with its document lands on a random
    /// page of a large index, and every commit rewrites each page it
    /// touched: for an ingest that was a quarter of the writer's time.
    /// Documents are found as near duplicates exactly as before, and a run
    /// that stops before its flush leaves its documents in `lsh_pending`,
    /// for the next writer to index.
    pub fn defer_lsh(&self) {
        self.lsh.borrow_mut().defer = true;
    }

    /// Writes the band keys [`Store::defer_lsh`] kept; returns the
    /// documents indexed.
    pub fn flush_lsh(&self) -> Result<usize> {
        let mut pairs: Vec<(i64, i64)> = {
            let lsh = self.lsh.borrow();
            if lsh.docs.is_empty() {
                return Ok(0);
            }
            lsh.docs.iter().flat_map(|(d, bands)| bands.iter().map(move |b| (*b, *d))).collect()
        };
        pairs.sort_unstable();
        let docs: Vec<i64> = self.lsh.borrow().docs.iter().map(|(d, _)| *d).collect();
        self.write_tx(|c| self.write_bands(c, &pairs, &docs, "index near duplicates"))?;
        self.lsh.borrow_mut().clear();
        Ok(docs.len())
    }

    /// Indexes the documents another run left in `lsh_pending` (it
    /// stopped before its flush), inside the caller's transaction.
    fn recover_lsh(&self, c: &Connection) -> Result<()> {
        let err = |e| self.err("read near duplicates left by an interrupted run", e);
        let left: Vec<(i64, Option<Vec<u8>>)> = c
            .prepare_cached(
                "SELECT p.doc, d.minhash FROM lsh_pending p LEFT JOIN documents d ON d.rowid = p.doc ORDER BY p.doc",
            )
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(err)?;
        let mut pairs: Vec<(i64, i64)> = left
            .iter()
            .filter_map(|(d, m)| Some((*d, Signature::from_bytes(m.as_deref()?)?)))
            .flat_map(|(d, sig)| sig.bands().into_iter().map(move |b| (b, d)))
            .collect();
        pairs.sort_unstable();
        let docs: Vec<i64> = left.iter().map(|(d, _)| *d).collect();
        self.write_bands(c, &pairs, &docs, "index near duplicates left by an interrupted run")
    }

    /// Inserts band keys (`(band, doc)`, sorted) and takes their documents
    /// off `lsh_pending`, inside the caller's transaction.
    fn write_bands(&self, c: &Connection, pairs: &[(i64, i64)], docs: &[i64], what: &str) -> Result<()> {
        let err = |e| self.err(what, e);
        // Many rows per statement: a band index holds 16 rows per document,
        // and one statement per row spent as long starting statements as
        // inserting.
        const ROWS: usize = 512;
        let many = format!("INSERT OR IGNORE INTO lsh(band, doc) VALUES {}", vec!["(?, ?)"; ROWS].join(", "));
        let mut chunks = pairs.chunks_exact(ROWS);
        {
            let mut ins = c.prepare_cached(&many).map_err(err)?;
            for chunk in &mut chunks {
                ins.execute(rusqlite::params_from_iter(chunk.iter().flat_map(|(b, d)| [b, d]))).map_err(err)?;
            }
        }
        let mut ins = c.prepare_cached("INSERT OR IGNORE INTO lsh(band, doc) VALUES (?1, ?2)").map_err(err)?;
        for (b, d) in chunks.remainder() {
            ins.execute(params![b, d]).map_err(err)?;
        }
        let mut del = c.prepare_cached("DELETE FROM lsh_pending WHERE doc = ?1").map_err(err)?;
        for d in docs {
            del.execute([d]).map_err(err)?;
        }
        Ok(())
    }

    /// A record as stored: `data` itself when it is `packed` already,
    /// else compressed here.
    fn packed<'a>(&self, packed: bool, data: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>> {
        Ok(if packed { std::borrow::Cow::Borrowed(data) } else { std::borrow::Cow::Owned(self.pack(data)?) })
    }

    pub(crate) fn set_dirty(&self, c: &Connection) -> Result<()> {
        c.execute("UPDATE meta SET value = '1' WHERE key = 'dirty'", []).map_err(|e| self.err("mark dirty", e))?;
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn write_document(
        &self,
        c: &Connection,
        st: &mut Statements,
        doc: &Document,
        p: &Prepared,
        ctx: &IngestContext,
        added_at: &str,
        out: &mut BatchOutcome,
        touched: &mut BTreeSet<i64>,
    ) -> Result<()> {
        let e = |what: &str| {
            let what = what.to_string();
            move |err: rusqlite::Error| self.err(&format!("{}: {what}", doc.id), err)
        };
        // The batch stored the outlet.
        let outlet = p.outlet.as_ref();
        let existing: Option<(i64, i64)> = st
            .find
            .query_row([&doc.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(e("look the document up"))?;
        if let Some((rowid, story)) = existing {
            if self.insert_sighting(&mut st.sighting, rowid, doc, outlet)? {
                out.new_sightings += 1;
                touched.insert(story);
            } else {
                out.unchanged += 1;
            }
            return Ok(());
        }

        let rowid = match st.next_doc {
            Some(r) => r,
            None => c
                .prepare_cached("SELECT coalesce(max(rowid), 0) + 1 FROM documents")
                .and_then(|mut s| s.query_row([], |r| r.get(0)))
                .map_err(e("number the document"))?,
        };
        st.next_doc = Some(rowid + 1);
        let signature = p.signature.as_ref();
        let story = match signature {
            Some(sig) => match self.find_story(c, sig)? {
                Some(s) => {
                    out.near_duplicates += 1;
                    s
                }
                None => rowid,
            },
            None => rowid,
        };
        let day = doc.date.as_deref().and_then(day_of);
        let layers = self.packed(p.packed, &p.layers)?;
        st.insert
            .execute(params![
                rowid,
                doc.id,
                doc.source_id,
                doc.url,
                doc.title,
                doc.author,
                doc.date,
                day,
                outlet.map(|o| o.domain.as_str()),
                doc.text,
                layers,
                p.origin,
                story,
                signature.map(Signature::to_bytes),
                ctx.lexicon.version(),
                added_at,
                p.tone,
            ])
            .map_err(e("store the document"))?;
        if let Some(sig) = signature {
            let bands = sig.bands();
            let mut lsh = self.lsh.borrow_mut();
            if lsh.defer {
                st.pending.execute([rowid]).map_err(e("index the signature"))?;
                lsh.add(rowid, bands);
            } else {
                let mut st =
                    c.prepare_cached("INSERT OR IGNORE INTO lsh(band, doc) VALUES (?1, ?2)").map_err(e("index"))?;
                for b in bands {
                    st.execute(params![b, rowid]).map_err(e("index the signature"))?;
                }
            }
        }
        st.fts.execute(params![rowid, doc.title.as_deref().unwrap_or(""), doc.text]).map_err(e("index the text"))?;
        self.insert_sighting(&mut st.sighting, rowid, doc, outlet)?;
        // A document that starts a story is its only article: its counts
        // are known now. One that joins a story changes the story's.
        let fresh = story == rowid;
        out.events += self.insert_events(c, &mut st.events, rowid, story, day, doc, p, ctx, fresh)?;
        if fresh {
            st.story.execute(params![story, day]).map_err(e("store the story"))?;
        } else {
            touched.insert(story);
        }
        out.added += 1;
        Ok(())
    }

    /// Stores an outlet, or updates what the store says of it.
    fn upsert_outlet(&self, c: &Connection, o: &Outlet) -> rusqlite::Result<usize> {
        c.prepare_cached(
            "INSERT INTO outlets(domain, name, country, ownership) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(domain) DO UPDATE SET name = excluded.name, country = excluded.country, \
             ownership = excluded.ownership",
        )?
        .execute(params![o.domain, o.name, o.country, o.ownership.as_str()])
    }

    /// Adds the document's URL as an article; false when it was there.
    fn insert_sighting(
        &self,
        st: &mut rusqlite::CachedStatement,
        rowid: i64,
        doc: &Document,
        outlet: Option<&Outlet>,
    ) -> Result<bool> {
        let url = doc.url.clone().unwrap_or_default();
        let source = outlet.map(|o| o.domain.clone()).or_else(|| url_host(&url)).unwrap_or_default();
        let n = st
            .execute(params![
                rowid,
                url,
                outlet.map(|o| o.domain.as_str()),
                source,
                doc.date,
                doc.date.as_deref().and_then(day_of),
                origin_label(&doc.origin),
            ])
            .map_err(|e| self.err("store the article", e))?;
        Ok(n > 0)
    }

    /// The story of the most similar stored near duplicate, if any.
    fn find_story(&self, c: &Connection, sig: &Signature) -> Result<Option<i64>> {
        /// Candidates examined at most: shared boilerplate must not make
        /// one look-up scan the store.
        const MAX_CANDIDATES: usize = 256;
        let mut candidates: Vec<i64> = Vec::new();
        let mut seen = HashSet::new();
        {
            let mut st = c
                .prepare_cached("SELECT doc FROM lsh WHERE band = ?1 ORDER BY doc LIMIT 256")
                .map_err(|e| self.err("find near duplicates", e))?;
            let lsh = self.lsh.borrow();
            for b in sig.bands() {
                let mut rows = if lsh.table_empty {
                    Vec::new()
                } else {
                    st.query_map([b], |r| r.get::<_, i64>(0))
                        .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
                        .map_err(|e| self.err("find near duplicates", e))?
                };
                // With this run's keys, as if they were in the table.
                let before = rows.len();
                rows.extend(lsh.docs_of(b));
                if rows.len() > before {
                    rows.sort_unstable();
                    rows.dedup();
                    rows.truncate(MAX_CANDIDATES);
                }
                for d in rows {
                    if seen.insert(d) {
                        candidates.push(d);
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.truncate(MAX_CANDIDATES);
        let mut best: Option<(f64, i64, i64)> = None;
        let mut st = c
            .prepare_cached("SELECT minhash, story FROM documents WHERE rowid = ?1")
            .map_err(|e| self.err("find near duplicates", e))?;
        for d in candidates {
            let row: Option<(Option<Vec<u8>>, i64)> = st
                .query_row([d], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
                .map_err(|e| self.err("find near duplicates", e))?;
            let Some((Some(bytes), story)) = row else { continue };
            let Some(other) = Signature::from_bytes(&bytes) else { continue };
            let sim = sig.similarity(&other);
            if sim >= dedup::THRESHOLD && best.is_none_or(|(s, _, _)| sim > s) {
                best = Some((sim, d, story));
            }
        }
        Ok(best.map(|(_, _, story)| story))
    }

    /// Inserts a document's events, their actors and their text index.
    /// With `fresh` (the document alone in its story, one article) the
    /// story counts are set here; otherwise the story's refresh sets them.
    #[allow(clippy::too_many_arguments)]
    fn insert_events(
        &self,
        c: &Connection,
        st: &mut EventStatements,
        doc_rowid: i64,
        story: i64,
        doc_day: Option<i64>,
        doc: &Document,
        p: &Prepared,
        ctx: &IngestContext,
        fresh: bool,
    ) -> Result<u64> {
        let err = |e: rusqlite::Error| self.err(&format!("{}: store an event", doc.id), e);
        // Rowids are numbered here, so that a story's record of an event
        // can be stored as its own cluster (most are: the refresh then
        // changes only the events that join another's cluster).
        let first_rowid = match st.next {
            Some(r) => r,
            None => c
                .prepare_cached("SELECT coalesce(max(rowid), 0) + 1 FROM events")
                .and_then(|mut s| s.query_row([], |r| r.get(0)))
                .map_err(err)?,
        };
        st.next = Some(first_rowid + doc.events.len() as i64);
        let sigs: Vec<i64> = p.events.iter().map(|e| e.sig).collect();
        let mut per_sig: HashMap<i64, (usize, i64)> = HashMap::new();
        for (i, s) in sigs.iter().enumerate() {
            per_sig.entry(*s).or_insert((i, 0)).1 += 1;
        }
        for (i, (e, pe)) in doc.events.iter().zip(&p.events).enumerate() {
            let ev = first_rowid + i as i64;
            let (first, mentions) = per_sig.get(&sigs[i]).copied().unwrap_or((i, 1));
            let (is_rep, mentions, sources, articles) =
                if fresh { (first == i, mentions, 1, 1) } else { (false, 0, 0, 0) };
            let day = e.date.as_deref().and_then(day_of).or(doc_day);
            let m = |x: &Option<sitrep_core::Magnitude>| {
                (x.as_ref().and_then(|m| m.min).map(|v| v as i64), x.as_ref().and_then(|m| m.max).map(|v| v as i64))
            };
            let (dead_min, dead_max) = m(&e.dead);
            let (inj_min, inj_max) = m(&e.injured);
            let (arr_min, arr_max) = m(&e.arrested);
            let (size_min, size_max) = m(&e.size);
            let json = self.packed(p.packed, &pe.json)?;
            st.insert
                .execute(params![
                    e.id,
                    doc_rowid,
                    story,
                    e.sentence as i64,
                    e.segment.as_str(),
                    e.event.as_str(),
                    e.mode,
                    e.status.as_str(),
                    e.cameo,
                    e.quad_code as i64,
                    e.goldstein.map(f64::from),
                    day,
                    sigs[i],
                    pe.cluster_key,
                    pe.claim_text,
                    dead_min,
                    dead_max,
                    inj_min,
                    inj_max,
                    arr_min,
                    arr_max,
                    size_min,
                    size_max,
                    ctx.lexicon.version(),
                    json,
                    !e.related.is_empty(),
                    is_rep,
                    mentions,
                    sources,
                    articles,
                    pe.tone,
                    ev,
                    is_rep.then_some(ev),
                ])
                .map_err(err)?;
            let roles = [(0, &e.actor[..]), (1, &e.recipient[..]), (2, e.said_by.as_slice())];
            let mut names = pe.names.iter();
            for (role, list) in roles {
                for (pos, a) in list.iter().enumerate() {
                    let [display, party, key] = names.next().ok_or_else(|| self.data_err("prepared names"))?;
                    st.actor
                        .execute(params![
                            ev,
                            role,
                            pos as i64,
                            a.code,
                            a.sector,
                            a.identifier,
                            a.kind,
                            display,
                            party,
                            key
                        ])
                        .map_err(err)?;
                }
            }
            st.fts.execute(params![ev, e.text, e.event_text]).map_err(err)?;
        }
        Ok(doc.events.len() as u64)
    }

    /// Recomputes a story's representative events and counts: for each
    /// event signature, the first event is the story's record of it, with
    /// NumMentions (events × articles of their documents), NumArticles
    /// (articles whose document has it) and NumSources (distinct outlets,
    /// or hosts, among those articles).
    pub(crate) fn refresh_story(&self, c: &Connection, story: i64) -> Result<()> {
        let err = |e: rusqlite::Error| self.err(&format!("story {story}: count"), e);
        // Articles per document and their sources.
        let mut arts: HashMap<i64, Vec<String>> = HashMap::new();
        {
            let mut st = c
                .prepare_cached(
                    "SELECT s.doc, s.source FROM sightings s JOIN documents d ON d.rowid = s.doc WHERE d.story = ?1",
                )
                .map_err(err)?;
            let rows = st.query_map([story], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))).map_err(err)?;
            for r in rows {
                let (d, s) = r.map_err(err)?;
                arts.entry(d).or_default().push(s);
            }
        }
        let mut by_sig: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
        {
            let mut st = c.prepare_cached("SELECT rowid, doc, sig FROM events WHERE story = ?1").map_err(err)?;
            let rows = st
                .query_map([story], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))
                .map_err(err)?;
            for r in rows {
                let (ev, d, sig) = r.map_err(err)?;
                by_sig.entry(sig).or_default().push((ev, d));
            }
        }
        let mut upd = c
            .prepare_cached(
                "UPDATE events SET is_rep = ?2, num_mentions = ?3, num_sources = ?4, num_articles = ?5 WHERE rowid = ?1",
            )
            .map_err(err)?;
        for evs in by_sig.values() {
            let n_art = |d: i64| arts.get(&d).map_or(1, |v| v.len().max(1)) as i64;
            let mentions: i64 = evs.iter().map(|&(_, d)| n_art(d)).sum();
            let docs: BTreeSet<i64> = evs.iter().map(|&(_, d)| d).collect();
            let articles: i64 = docs.iter().map(|&d| n_art(d)).sum();
            let sources: BTreeSet<&str> =
                docs.iter().flat_map(|d| arts.get(d).into_iter().flatten()).map(String::as_str).collect();
            let rep = evs.iter().map(|&(ev, _)| ev).min().unwrap_or(0);
            for &(ev, _) in evs {
                upd.execute(params![ev, ev == rep, mentions, sources.len().max(1) as i64, articles]).map_err(err)?;
            }
        }
        let (documents, first, last): (i64, Option<i64>, Option<i64>) = c
            .prepare_cached("SELECT count(*), min(day), max(day) FROM documents WHERE story = ?1")
            .and_then(|mut s| s.query_row([story], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))
            .map_err(err)?;
        let articles: i64 = arts.values().map(|v| v.len() as i64).sum();
        let sources: BTreeSet<&str> = arts.values().flatten().map(String::as_str).collect();
        c.prepare_cached(
            "INSERT OR REPLACE INTO stories(id, documents, articles, sources, first_day, last_day) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .and_then(|mut s| s.execute(params![story, documents, articles, sources.len() as i64, first, last]))
        .map_err(err)?;
        Ok(())
    }

    /// Rowids of stored documents whose events were coded by another
    /// lexicon version (all of them with `all`), after `after`, at most `limit`.
    pub fn documents_to_recode(&self, version: &str, all: bool, after: i64, limit: usize) -> Result<Vec<i64>> {
        let sql = if all {
            "SELECT rowid FROM documents WHERE rowid > ?1 AND ?2 = ?2 ORDER BY rowid LIMIT ?3"
        } else {
            "SELECT rowid FROM documents WHERE rowid > ?1 AND lexicon_version <> ?2 ORDER BY rowid LIMIT ?3"
        };
        let mut st = self.conn.prepare(sql).map_err(|e| self.err("list documents to recode", e))?;
        let rows = st
            .query_map(params![after, version, limit as i64], |r| r.get(0))
            .and_then(|it| it.collect::<std::result::Result<Vec<i64>, _>>())
            .map_err(|e| self.err("list documents to recode", e))?;
        Ok(rows)
    }

    /// Replaces the coding (mentions, quotes, events) of stored documents
    /// with the given re-coded ones, in one transaction.
    pub fn replace_coding(&self, docs: &[Document], ctx: &IngestContext) -> Result<u64> {
        let tone = self.tone.get();
        let prepared: Vec<Prepared> =
            docs.iter().map(|d| Prepared::with_signature(d, ctx.lexicon, tone.as_ref(), None)).collect();
        self.write_tx(|c| {
            self.ensure_codec(c, dictionary_samples(&prepared))?;
            let mut events = 0;
            let mut touched = BTreeSet::new();
            for (doc, p) in docs.iter().zip(&prepared) {
                let err = |e: rusqlite::Error| self.err(&format!("{}: recode", doc.id), e);
                let mut st = EventStatements::new(c).map_err(err)?;
                let row: Option<(i64, i64, Option<i64>)> = c
                    .prepare_cached("SELECT rowid, story, day FROM documents WHERE id = ?1")
                    .and_then(|mut s| s.query_row([&doc.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional())
                    .map_err(err)?;
                let Some((rowid, story, day)) = row else {
                    return Err(self.data_err(format!("{}: recode: the document is not stored", doc.id)));
                };
                let old: Vec<i64> = c
                    .prepare_cached("SELECT rowid FROM events WHERE doc = ?1")
                    .and_then(|mut s| s.query_map([rowid], |r| r.get(0))?.collect())
                    .map_err(err)?;
                for ev in old {
                    c.prepare_cached("DELETE FROM events_fts WHERE rowid = ?1")
                        .and_then(|mut s| s.execute([ev]))
                        .map_err(err)?;
                    c.prepare_cached("DELETE FROM event_actors WHERE event = ?1")
                        .and_then(|mut s| s.execute([ev]))
                        .map_err(err)?;
                }
                c.prepare_cached("DELETE FROM events WHERE doc = ?1")
                    .and_then(|mut s| s.execute([rowid]))
                    .map_err(err)?;
                let layers = self.packed(p.packed, &p.layers)?;
                c.prepare_cached(
                    "UPDATE documents SET layers = ?2, lexicon_version = ?3, tone = coalesce(?4, tone) WHERE rowid = ?1",
                )
                .and_then(|mut s| s.execute(params![rowid, layers, ctx.lexicon.version(), p.tone]))
                .map_err(err)?;
                if let Some(o) = &p.outlet {
                    self.upsert_outlet(c, o).map_err(err)?;
                }
                events += self.insert_events(c, &mut st, rowid, story, day, doc, p, ctx, false)?;
                touched.insert(story);
            }
            for &s in &touched {
                self.refresh_story(c, s)?;
            }
            if !touched.is_empty() {
                self.set_dirty(c)?;
            }
            Ok(events)
        })
    }

    /// A stored document with its layers and events (tokens are not
    /// stored; [`sitrep_text`'s tokenizer] recomputes them), by store rowid.
    pub fn load_document(&self, rowid: i64) -> Result<Document> {
        let err = |e: rusqlite::Error| self.err(&format!("document #{rowid}"), e);
        type Row = (
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
            Option<(String, String, String, String)>,
            String,
            Vec<u8>,
            String,
        );
        let row: Row = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.source_id, d.url, d.title, d.author, d.date, o.domain, o.name, o.country, o.ownership, \
                 d.text, d.layers, d.origin FROM documents d LEFT JOIN outlets o ON o.domain = d.outlet \
                 WHERE d.rowid = ?1",
            )
            .and_then(|mut s| {
                s.query_row([rowid], |r| {
                    let outlet = match r.get::<_, Option<String>>(6)? {
                        Some(d) => Some((d, r.get(7)?, r.get(8)?, r.get(9)?)),
                        None => None,
                    };
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        outlet,
                        r.get(10)?,
                        r.get(11)?,
                        r.get(12)?,
                    ))
                })
            })
            .map_err(err)?;
        let (id, source_id, url, title, author, date, outlet, text, layers, origin) = row;
        let layers = crate::layers::decode(&self.unpack_bytes(&layers)?)
            .map_err(|e| self.data_err(format!("document {id}: damaged layers ({e})")))?;
        let origin: InputOrigin = serde_json::from_str(&origin).unwrap_or_default();
        let outlet = outlet.map(|(domain, name, country, own)| Outlet {
            domain,
            name,
            country,
            ownership: own.parse().unwrap_or(Ownership::Private),
        });
        let mut events = Vec::new();
        {
            let mut st =
                self.conn.prepare_cached("SELECT json FROM events WHERE doc = ?1 ORDER BY rowid").map_err(err)?;
            let rows = st.query_map([rowid], |r| r.get::<_, Vec<u8>>(0)).map_err(err)?;
            for r in rows {
                let json = self.unpack(&r.map_err(err)?)?;
                let ev: Event = serde_json::from_str(&json)
                    .map_err(|e| self.data_err(format!("document {id}: damaged event ({e})")))?;
                events.push(ev);
            }
        }
        Ok(Document {
            id,
            source_id,
            url,
            title,
            author,
            date,
            outlet,
            tone: None,
            text,
            repairs: layers.repairs,
            segments: layers.segments,
            sentences: layers.sentences,
            tokens: Vec::new(),
            links: layers.links,
            mentions: layers.mentions,
            quotes: layers.quotes,
            events,
            origin,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_band_keys_forget_a_rolled_back_transaction() {
        let keys = |k: [i64; 2]| {
            let mut out = [0i64; dedup::BANDS];
            for (i, slot) in out.iter_mut().enumerate() {
                *slot = 1000 + i as i64;
            }
            out[0] = k[0];
            out[1] = k[1];
            out
        };
        let docs = |l: &PendingLsh, b: i64| l.docs_of(b).collect::<Vec<_>>();
        let mut l = PendingLsh::default();
        l.add(1, keys([7, 8]));
        l.commit();
        // Doc 2 shares key 7 with doc 1; doc 3 starts key 9 and shares 8.
        l.add(2, keys([7, 10]));
        l.add(3, keys([9, 8]));
        assert_eq!(docs(&l, 7), [1, 2]);
        assert_eq!(docs(&l, 9), [3]);
        assert_eq!(docs(&l, 1005), [1, 2, 3]);
        l.rollback();
        assert_eq!(docs(&l, 7), [1]);
        assert_eq!(docs(&l, 8), [1]);
        assert!(docs(&l, 9).is_empty() && docs(&l, 10).is_empty());
        assert_eq!(docs(&l, 1005), [1]);
        assert!(l.more.is_empty(), "{:?}", l.more);
        assert_eq!(l.first.len(), dedup::BANDS);
        assert_eq!(l.docs.len(), 1);
        l.add(4, keys([7, 11]));
        l.commit();
        assert_eq!(docs(&l, 7), [1, 4]);
        assert_eq!(l.docs.len(), 2);
        l.clear();
        assert!(docs(&l, 7).is_empty() && l.docs.is_empty());
    }

    #[test]
    fn hosts_lose_www_and_ports() {
        assert_eq!(url_host("https://www.RT.com:443/news/1").as_deref(), Some("rt.com"));
        assert_eq!(url_host("").as_deref(), None);
        assert_eq!(url_host("http://user@example.org./a").as_deref(), Some("example.org"));
    }

    #[test]
    fn keys_are_sorted_and_distinct() {
        let a = |code: &str| ActorRef { entity_text: code.into(), code: Some(code.into()), ..Default::default() };
        assert_eq!(key_set(&[a("RUS"), a("UKR"), a("RUS")], claims::party_key), "RUS+UKR");
        assert_eq!(key_set(&[], claims::party_key), "");
    }
}
