//! Questions asked of the store: a filter struct in, a page of results and
//! the total out. The command line (`sitrep events`, `actors`, `claims`,
//! `show`, `stats`, `export`) and the HTTP API call the same functions.
//!
//! By default events are the *story records*: one per event per story, so
//! the same wire story on twenty sites counts once (with NumArticles 20).
//! [`EventFilter::all_mentions`] lists every document's events instead.
//! Every filter value is a bound parameter, never part of the SQL text.

use crate::claims::Claim;
use crate::{day_string, Result, Store};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use sitrep_core::{Date, Document, Event, EventType, Outlet, Ownership, Status};

/// Which events to return. Every field is optional; all given ones must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventFilter {
    /// An actor's code (`RUS`), code and sector (`RUSMIL`), identifier, or
    /// the words of an uncoded actor.
    pub actor: Option<String>,
    /// A recipient, in the same forms as `actor`.
    pub recipient: Option<String>,
    /// Two actors, either way round (one the actor, the other the recipient).
    pub dyad: Option<(String, String)>,
    pub event: Option<EventType>,
    pub status: Option<Status>,
    /// Events on or after this day (the event's date, else its document's).
    pub since: Option<Date>,
    /// Events on or before this day.
    pub until: Option<Date>,
    /// An outlet's domain (`rt.com`): events of documents it carried.
    pub outlet: Option<String>,
    pub ownership: Option<Ownership>,
    /// Words that must all occur in the event's sentence.
    pub search: Option<String>,
    /// Only the events of this document (content hash).
    pub document: Option<String>,
    /// Only the events of this cluster.
    pub cluster: Option<i64>,
    /// Every document's events, not one record per story.
    pub all_mentions: bool,
    /// Latest first instead of earliest first.
    pub newest_first: bool,
}

/// A page of results and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub offset: u64,
    pub limit: Option<u64>,
}

/// An event with what the store knows about it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// The event as `sitrep code` writes it.
    pub event: Event,
    pub rowid: i64,
    /// The document's content hash.
    pub document: String,
    pub story: i64,
    pub cluster: Option<i64>,
    /// True for the story's record of this event.
    pub story_record: bool,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    /// The event's day (its own date, else its document's), `YYYY-MM-DD`.
    pub day: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<Outlet>,
    pub doc_title: Option<String>,
    /// When the document was stored, `YYYYMMDDHHMMSS` UTC.
    pub added_at: String,
    pub lexicon_version: String,
    /// The document's tone when known (issue 9), for GDELT's AvgTone.
    pub tone: Option<f64>,
    /// The tone of the event's sentence, when known.
    pub sentence_tone: Option<f64>,
}

/// An actor and how active it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorCount {
    pub key: String,
    pub code: Option<String>,
    pub name: String,
    pub events: i64,
    pub as_actor: i64,
    pub as_recipient: i64,
    pub cooperation: i64,
    pub conflict: i64,
}

/// A directed pair of actors and their events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadCount {
    pub actor: String,
    pub actor_name: String,
    pub recipient: String,
    pub recipient_name: String,
    pub events: i64,
    pub cooperation: i64,
    pub conflict: i64,
}

/// A count by some label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

/// What the store holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub path: String,
    pub schema_version: i32,
    pub file_bytes: u64,
    pub documents: i64,
    /// Documents × the URLs they were seen at.
    pub articles: i64,
    pub stories: i64,
    pub events: i64,
    /// One per event per story.
    pub story_events: i64,
    pub clusters: i64,
    pub claims: i64,
    pub contested_claims: i64,
    pub outlets: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub by_event: Vec<Count>,
    pub by_status: Vec<Count>,
    pub by_quad: Vec<Count>,
    pub by_ownership: Vec<Count>,
    pub lexicon_versions: Vec<Count>,
    /// True when an interrupted run left clusters and claims to refresh.
    pub dirty: bool,
}

/// A stored document, its articles and its story.
#[derive(Debug, Clone, Serialize)]
pub struct StoredDocument {
    #[serde(skip)]
    pub document: Document,
    pub rowid: i64,
    pub story: i64,
    pub story_documents: i64,
    pub articles: Vec<Article>,
    pub added_at: String,
    pub lexicon_version: String,
}

/// One URL a document was seen at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub url: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub origin: String,
}

/// A document found by a text search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentHit {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub snippet: String,
}

/// Turns what a person typed into an FTS5 query: every word must occur
/// (each quoted, so `-`, `:`, `"` or `AND` in the input are words, not
/// syntax). `None` when nothing searchable is left.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The actor forms a filter value can match, as SQL over `event_actors`
/// with the role bound.
///
/// A code is found through the `key` index: an actor with a code has it as
/// its key ([`crate::claims::party_key`]; migration 3 → 4 makes older rows
/// agree), so one index serves both, and an ingest maintains one index of
/// actors instead of two (each takes its rows at many places, and the
/// second cost about 0.1 s of the corpus ingest's 4).
fn actor_clause(value: &str, role: i64, params: &mut Vec<Value>) -> String {
    let v = value.trim();
    let upper = v.to_uppercase();
    let mut alts = vec![
        format!(
            "SELECT event FROM event_actors WHERE key = ?{n} AND code = ?{n} AND role = {role}",
            n = push(params, upper.clone())
        ),
        format!("SELECT event FROM event_actors WHERE key = ?{} AND role = {role}", push(params, v.to_string())),
        format!("SELECT event FROM event_actors WHERE key = ?{} AND role = {role}", push(params, v.to_lowercase())),
    ];
    if upper.len() == 6 && upper.is_ascii() {
        let (c, s) = upper.split_at(3);
        let (a, b) = (push(params, c.to_string()), push(params, s.to_string()));
        alts.push(format!(
            "SELECT event FROM event_actors WHERE key = ?{a} AND code = ?{a} AND sector = ?{b} AND role = {role}"
        ));
    }
    format!("e.rowid IN ({})", alts.join(" UNION "))
}

fn push(params: &mut Vec<Value>, v: impl Into<Value>) -> usize {
    params.push(v.into());
    params.len()
}

/// The WHERE clause of a filter over `events e`, and its parameters.
pub(crate) fn where_clause(f: &EventFilter) -> (String, Vec<Value>) {
    let mut conds: Vec<String> = Vec::new();
    let mut p: Vec<Value> = Vec::new();
    if !f.all_mentions {
        conds.push("e.is_rep = 1".into());
    }
    if let Some(a) = &f.actor {
        conds.push(actor_clause(a, 0, &mut p));
    }
    if let Some(r) = &f.recipient {
        conds.push(actor_clause(r, 1, &mut p));
    }
    if let Some((a, b)) = &f.dyad {
        let ab = format!("({} AND {})", actor_clause(a, 0, &mut p), actor_clause(b, 1, &mut p));
        let ba = format!("({} AND {})", actor_clause(b, 0, &mut p), actor_clause(a, 1, &mut p));
        conds.push(format!("({ab} OR {ba})"));
    }
    if let Some(t) = f.event {
        conds.push(format!("e.event = ?{}", push(&mut p, t.as_str().to_string())));
    }
    if let Some(s) = f.status {
        conds.push(format!("e.status = ?{}", push(&mut p, s.as_str().to_string())));
    }
    if let Some(d) = f.since {
        conds.push(format!("e.day >= ?{}", push(&mut p, d.to_days())));
    }
    if let Some(d) = f.until {
        conds.push(format!("e.day <= ?{}", push(&mut p, d.to_days())));
    }
    if let Some(o) = &f.outlet {
        let domain = crate::write::url_host(o).unwrap_or_else(|| o.trim().to_lowercase());
        conds.push(format!(
            "e.doc IN (SELECT doc FROM sightings WHERE outlet = ?{n} OR source = ?{n})",
            n = push(&mut p, domain)
        ));
    }
    if let Some(o) = f.ownership {
        conds.push(format!(
            "e.doc IN (SELECT s.doc FROM sightings s JOIN outlets o ON o.domain = s.outlet WHERE o.ownership = ?{})",
            push(&mut p, o.as_str().to_string())
        ));
    }
    if let Some(s) = &f.search {
        match fts_query(s) {
            Some(q) => conds
                .push(format!("e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?{})", push(&mut p, q))),
            None => conds.push("0".into()),
        }
    }
    if let Some(d) = &f.document {
        conds.push(format!("e.doc = (SELECT rowid FROM documents WHERE id = ?{})", push(&mut p, d.clone())));
    }
    if let Some(c) = f.cluster {
        conds.push(format!("e.cluster = ?{}", push(&mut p, c)));
    }
    let w = if conds.is_empty() { "1".to_string() } else { conds.join(" AND ") };
    (w, p)
}

/// The document part of an event id `<doc>-<sentence>-<n>` (the whole id
/// when it has no such ending).
fn event_doc_id(id: &str) -> &str {
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match id.rsplitn(3, '-').collect::<Vec<_>>()[..] {
        [n, sentence, doc] if numeric(n) && numeric(sentence) => doc,
        _ => id,
    }
}

const EVENT_COLUMNS: &str = "e.rowid, e.json, d.id, e.story, e.cluster, e.is_rep, e.num_mentions, e.num_sources, \
     e.num_articles, e.day, d.url, o.domain, o.name, o.country, o.ownership, d.title, d.added_at, e.lexicon_version, \
     d.tone, e.tone";

const EVENT_FROM: &str = "FROM events e JOIN documents d ON d.rowid = e.doc LEFT JOIN outlets o ON o.domain = d.outlet";

fn stored_event(r: &rusqlite::Row) -> rusqlite::Result<(Vec<u8>, StoredEvent)> {
    let json: Vec<u8> = r.get(1)?;
    let outlet = match r.get::<_, Option<String>>(11)? {
        Some(domain) => Some(Outlet {
            domain,
            name: r.get(12)?,
            country: r.get(13)?,
            ownership: r.get::<_, String>(14)?.parse().unwrap_or(Ownership::Private),
        }),
        None => None,
    };
    let placeholder = Event {
        id: String::new(),
        date: None,
        actor: vec![],
        recipient: vec![],
        event: EventType::Agree,
        mode: None,
        context: vec![],
        event_text: String::new(),
        text: String::new(),
        event_loc: None,
        doc_id: String::new(),
        segment: sitrep_core::SegmentKind::Article,
        status: Status::Reported,
        said_by: None,
        cameo: None,
        quad_code: 0,
        goldstein: None,
        related: vec![],
        dead: None,
        injured: None,
        arrested: None,
        size: None,
        figures: vec![],
        tone: None,
        sentence: 0,
        explanation: Default::default(),
    };
    Ok((
        json,
        StoredEvent {
            event: placeholder,
            rowid: r.get(0)?,
            document: r.get(2)?,
            story: r.get(3)?,
            cluster: r.get(4)?,
            story_record: r.get(5)?,
            num_mentions: r.get(6)?,
            num_sources: r.get(7)?,
            num_articles: r.get(8)?,
            day: r.get::<_, Option<i64>>(9)?.map(day_string),
            url: r.get(10)?,
            outlet,
            doc_title: r.get(15)?,
            added_at: r.get(16)?,
            lexicon_version: r.get(17)?,
            tone: r.get(18)?,
            sentence_tone: r.get(19)?,
        },
    ))
}

impl Store {
    /// How many events match. Totals are remembered while the database is
    /// unchanged (by this connection or any other), so paging through one
    /// result, or a server answering the same filter again, counts once.
    pub fn count_events(&self, f: &EventFilter) -> Result<u64> {
        /// Totals remembered at most.
        const CACHED: usize = 256;
        let (w, p) = where_clause(f);
        let err = |e: rusqlite::Error| self.err("count events", e);
        let version: i64 = self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).map_err(err)?;
        let stamp = (version, self.conn.total_changes());
        let key = format!("{w}\u{1f}{p:?}");
        if let Some((s, n)) = self.count_cache.borrow().get(&key) {
            if *s == stamp {
                return Ok(*n);
            }
        }
        let sql = format!("SELECT count(*) FROM events e WHERE {w}");
        let n: i64 = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(rusqlite::params_from_iter(p.iter()), |r| r.get(0)))
            .map_err(err)?;
        let mut cache = self.count_cache.borrow_mut();
        if cache.len() >= CACHED {
            cache.clear();
        }
        cache.insert(key, (stamp, n as u64));
        Ok(n as u64)
    }

    /// A page of matching events (all of them when `limit` is `None`),
    /// earliest first unless the filter says otherwise, and the total.
    pub fn events(&self, f: &EventFilter, offset: u64, limit: Option<u64>) -> Result<Page<StoredEvent>> {
        let total = self.count_events(f)?;
        let mut items = Vec::new();
        self.for_each_event_page(f, offset, limit, |e| {
            items.push(e);
            Ok(())
        })?;
        Ok(Page { items, total, offset, limit })
    }

    /// Calls `each` with every matching event in order, one at a time (for
    /// exports: memory does not grow with the number of events).
    pub fn for_each_event(&self, f: &EventFilter, each: impl FnMut(StoredEvent) -> Result<()>) -> Result<u64> {
        self.for_each_event_page(f, 0, None, each)
    }

    /// [`Store::for_each_event`] over one page.
    pub fn for_each_event_page(
        &self,
        f: &EventFilter,
        offset: u64,
        limit: Option<u64>,
        mut each: impl FnMut(StoredEvent) -> Result<()>,
    ) -> Result<u64> {
        let (w, mut p) = where_clause(f);
        let dir = if f.newest_first { "DESC" } else { "ASC" };
        let lim = push(&mut p, limit.map(|l| l as i64).unwrap_or(-1));
        let off = push(&mut p, offset as i64);
        let sql = format!(
            "SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE {w} ORDER BY e.day {dir}, e.rowid {dir} LIMIT ?{lim} OFFSET ?{off}"
        );
        let err = |e: rusqlite::Error| self.err("query events", e);
        let mut st = self.conn.prepare_cached(&sql).map_err(err)?;
        let mut rows = st.query(rusqlite::params_from_iter(p.iter())).map_err(err)?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(err)? {
            let (json, mut se) = stored_event(r).map_err(err)?;
            let json = self.unpack(&json)?;
            se.event = serde_json::from_str(&json)
                .map_err(|e| self.data_err(format!("event #{}: damaged JSON ({e})", se.rowid)))?;
            each(se)?;
            n += 1;
        }
        Ok(n)
    }

    /// One event by its id (`<doc>-<sentence>-<n>`) or store rowid.
    ///
    /// An event is found through its document (the id's `<doc>`: the
    /// document's id, or the id its input gave it), not through an index of
    /// event ids: event ids begin with a content hash, so such an index took
    /// each new id at a random place, and rewriting its pages in every
    /// transaction of an ingest cost about 0.1 s of the corpus ingest's 4.
    pub fn event(&self, id: &str) -> Result<Option<StoredEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} {EVENT_FROM} WHERE (e.id = ?1 AND e.doc IN \
             (SELECT rowid FROM documents WHERE id = ?3 UNION SELECT rowid FROM documents WHERE source_id = ?3)) \
             OR e.rowid = ?2 ORDER BY e.rowid LIMIT 1"
        );
        let rowid: i64 = id.parse().unwrap_or(-1);
        let err = |e: rusqlite::Error| self.err("look an event up", e);
        let row = self
            .conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(rusqlite::params![id, rowid, event_doc_id(id)], stored_event).optional())
            .map_err(err)?;
        match row {
            None => Ok(None),
            Some((json, mut se)) => {
                let json = self.unpack(&json)?;
                se.event = serde_json::from_str(&json)
                    .map_err(|e| self.data_err(format!("event #{}: damaged JSON ({e})", se.rowid)))?;
                Ok(Some(se))
            }
        }
    }

    /// The most active actors among matching events (as actor or
    /// recipient), with their cooperation and conflict counts.
    pub fn actors(&self, f: &EventFilter, limit: u64) -> Result<Vec<ActorCount>> {
        let (w, mut p) = where_clause(f);
        let lim = push(&mut p, limit as i64);
        let sql = format!(
            "SELECT a.key, max(a.code), max(a.party), count(DISTINCT e.rowid), \
             count(DISTINCT CASE WHEN a.role = 0 THEN e.rowid END), count(DISTINCT CASE WHEN a.role = 1 THEN e.rowid END), \
             count(DISTINCT CASE WHEN e.quad IN (1, 2) THEN e.rowid END), \
             count(DISTINCT CASE WHEN e.quad IN (3, 4) THEN e.rowid END) \
             FROM events e JOIN event_actors a ON a.event = e.rowid AND a.role IN (0, 1) WHERE {w} \
             GROUP BY a.key ORDER BY 4 DESC, a.key LIMIT ?{lim}"
        );
        let err = |e: rusqlite::Error| self.err("count actors", e);
        let mut st = self.conn.prepare_cached(&sql).map_err(err)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(p.iter()), |r| {
                Ok(ActorCount {
                    key: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    events: r.get(3)?,
                    as_actor: r.get(4)?,
                    as_recipient: r.get(5)?,
                    cooperation: r.get(6)?,
                    conflict: r.get(7)?,
                })
            })
            .map_err(err)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(err)
    }

    /// The most active actor → recipient pairs among matching events.
    pub fn dyads(&self, f: &EventFilter, limit: u64) -> Result<Vec<DyadCount>> {
        let (w, mut p) = where_clause(f);
        let lim = push(&mut p, limit as i64);
        let sql = format!(
            "SELECT x.key, max(x.party), y.key, max(y.party), count(DISTINCT e.rowid), \
             count(DISTINCT CASE WHEN e.quad IN (1, 2) THEN e.rowid END), \
             count(DISTINCT CASE WHEN e.quad IN (3, 4) THEN e.rowid END) \
             FROM events e JOIN event_actors x ON x.event = e.rowid AND x.role = 0 \
             JOIN event_actors y ON y.event = e.rowid AND y.role = 1 WHERE {w} AND x.key <> y.key \
             GROUP BY x.key, y.key ORDER BY 5 DESC, x.key, y.key LIMIT ?{lim}"
        );
        let err = |e: rusqlite::Error| self.err("count dyads", e);
        let mut st = self.conn.prepare_cached(&sql).map_err(err)?;
        let rows = st
            .query_map(rusqlite::params_from_iter(p.iter()), |r| {
                Ok(DyadCount {
                    actor: r.get(0)?,
                    actor_name: r.get(1)?,
                    recipient: r.get(2)?,
                    recipient_name: r.get(3)?,
                    events: r.get(4)?,
                    cooperation: r.get(5)?,
                    conflict: r.get(6)?,
                })
            })
            .map_err(err)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(err)
    }

    /// The claim ledger, contested claims first (then by first sighting).
    pub fn claims(&self, offset: u64, limit: Option<u64>) -> Result<Page<Claim>> {
        let err = |e: rusqlite::Error| self.err("read the claim ledger", e);
        let total: i64 = self.conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0)).map_err(err)?;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT json FROM claims ORDER BY contested DESC, first_seen IS NULL, first_seen, id \
                 LIMIT ?1 OFFSET ?2",
            )
            .map_err(err)?;
        let rows = st
            .query_map(rusqlite::params![limit.map(|l| l as i64).unwrap_or(-1), offset as i64], |r| {
                r.get::<_, String>(0)
            })
            .map_err(err)?;
        let mut items = Vec::new();
        for r in rows {
            let json = r.map_err(err)?;
            items.push(serde_json::from_str(&json).map_err(|e| self.data_err(format!("damaged claim ({e})")))?);
        }
        Ok(Page { items, total: total as u64, offset, limit })
    }

    /// Finds a document by content hash, the input's own id, or a unique
    /// prefix (at least 6 characters) of the content hash.
    pub fn find_document(&self, id: &str) -> Result<Option<i64>> {
        let err = |e: rusqlite::Error| self.err("look a document up", e);
        let exact: Option<i64> = self
            .conn
            .query_row(
                "SELECT rowid FROM documents WHERE id = ?1 UNION ALL \
                 SELECT rowid FROM documents WHERE source_id = ?1 LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(err)?;
        if exact.is_some() || id.len() < 6 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(exact);
        }
        let hi = format!("{}g", id.to_lowercase());
        let mut st =
            self.conn.prepare("SELECT rowid FROM documents WHERE id >= ?1 AND id < ?2 LIMIT 2").map_err(err)?;
        let rows: Vec<i64> =
            st.query_map([id.to_lowercase(), hi], |r| r.get(0)).and_then(|it| it.collect()).map_err(err)?;
        Ok(if rows.len() == 1 { Some(rows[0]) } else { None })
    }

    /// A document with its layers, events, articles and story.
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>> {
        let Some(rowid) = self.find_document(id)? else { return Ok(None) };
        let document = self.load_document(rowid)?;
        let err = |e: rusqlite::Error| self.err("read a document", e);
        let (story, added_at, lexicon_version): (i64, String, String) = self
            .conn
            .query_row("SELECT story, added_at, lexicon_version FROM documents WHERE rowid = ?1", [rowid], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(err)?;
        let story_documents: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents WHERE story = ?1", [story], |r| r.get(0))
            .map_err(err)?;
        let mut st = self
            .conn
            .prepare_cached("SELECT url, outlet, date, origin FROM sightings WHERE doc = ?1 ORDER BY url")
            .map_err(err)?;
        let articles = st
            .query_map([rowid], |r| {
                Ok(Article { url: r.get(0)?, outlet: r.get(1)?, date: r.get(2)?, origin: r.get(3)? })
            })
            .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(err)?;
        Ok(Some(StoredDocument { document, rowid, story, story_documents, articles, added_at, lexicon_version }))
    }

    /// Documents whose title or text holds every word of `q`.
    pub fn search_documents(&self, q: &str, offset: u64, limit: u64) -> Result<Page<DocumentHit>> {
        let Some(fq) = fts_query(q) else {
            return Ok(Page { items: vec![], total: 0, offset, limit: Some(limit) });
        };
        let err = |e: rusqlite::Error| self.err("search documents", e);
        let total: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?1", [&fq], |r| r.get(0))
            .map_err(err)?;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT d.id, d.title, d.url, d.date, d.text FROM documents_fts f JOIN documents d ON d.rowid = f.rowid \
                 WHERE documents_fts MATCH ?1 ORDER BY f.rank LIMIT ?2 OFFSET ?3",
            )
            .map_err(err)?;
        let first_word = q.split_whitespace().next().unwrap_or("").to_lowercase();
        let items = st
            .query_map(rusqlite::params![fq, limit as i64, offset as i64], |r| {
                let text: String = r.get(4)?;
                Ok(DocumentHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    date: r.get(3)?,
                    snippet: snippet(&text, &first_word, 160),
                })
            })
            .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(err)?;
        Ok(Page { items, total: total as u64, offset, limit: Some(limit) })
    }

    /// Counts of everything the store holds.
    pub fn stats(&self) -> Result<Stats> {
        let err = |e: rusqlite::Error| self.err("count", e);
        let c = &self.conn;
        let one = |sql: &str| -> Result<i64> { c.query_row(sql, [], |r| r.get(0)).map_err(err) };
        let counts = |sql: &str| -> Result<Vec<Count>> {
            let mut st = c.prepare(sql).map_err(err)?;
            let rows = st
                .query_map([], |r| Ok(Count { label: r.get(0)?, count: r.get(1)? }))
                .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
                .map_err(err)?;
            Ok(rows)
        };
        let (first, last): (Option<i64>, Option<i64>) = c
            .query_row("SELECT min(day), max(day) FROM events WHERE is_rep = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(err)?;
        let schema_version: i32 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(err)?;
        let file_bytes = std::fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0)
            + std::fs::metadata(format!("{}-wal", self.path.display())).map(|m| m.len()).unwrap_or(0);
        Ok(Stats {
            path: self.path.display().to_string(),
            schema_version,
            file_bytes,
            documents: one("SELECT count(*) FROM documents")?,
            articles: one("SELECT count(*) FROM sightings")?,
            stories: one("SELECT count(*) FROM stories")?,
            events: one("SELECT count(*) FROM events")?,
            story_events: one("SELECT count(*) FROM events WHERE is_rep = 1")?,
            clusters: one("SELECT count(*) FROM clusters")?,
            claims: one("SELECT count(*) FROM claims")?,
            contested_claims: one("SELECT count(*) FROM claims WHERE contested")?,
            outlets: one("SELECT count(DISTINCT outlet) FROM sightings WHERE outlet IS NOT NULL")?,
            first_day: first.map(day_string),
            last_day: last.map(day_string),
            by_event: counts(
                "SELECT event, count(*) FROM events WHERE is_rep = 1 GROUP BY event ORDER BY 2 DESC, event",
            )?,
            by_status: counts(
                "SELECT status, count(*) FROM events WHERE is_rep = 1 GROUP BY status ORDER BY 2 DESC, status",
            )?,
            by_quad: counts(
                "SELECT CASE quad WHEN 1 THEN 'verbal cooperation' WHEN 2 THEN 'material cooperation' \
                 WHEN 3 THEN 'verbal conflict' WHEN 4 THEN 'material conflict' ELSE 'unknown' END, count(*) \
                 FROM events WHERE is_rep = 1 GROUP BY quad ORDER BY quad",
            )?,
            by_ownership: counts(
                "SELECT coalesce(o.ownership, 'unknown'), count(*) FROM sightings s \
                 LEFT JOIN outlets o ON o.domain = s.outlet GROUP BY 1 ORDER BY 2 DESC, 1",
            )?,
            lexicon_versions: counts("SELECT lexicon_version, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1")?,
            dirty: self.is_dirty()?,
        })
    }
}

/// About `width` characters of `text` around the first occurrence of `word`.
fn snippet(text: &str, word: &str, width: usize) -> String {
    let lower = text.to_lowercase();
    let at = if word.is_empty() { 0 } else { lower.find(word).unwrap_or(0) };
    // `lower` may differ in length from `text` for a few characters; map by
    // character count instead of bytes.
    let char_at = lower.get(..at).map(|s| s.chars().count()).unwrap_or(0);
    let start = char_at.saturating_sub(width / 3);
    let s: String = text.chars().skip(start).take(width).collect();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if start > 0 {
        format!("…{s}…")
    } else {
        format!("{s}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_filters_read_the_key_index_not_the_whole_table() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch(crate::schema::SCHEMA).unwrap();
        for v in ["USA", "usagov", "Vladimir Putin"] {
            let mut p = Vec::new();
            let w = actor_clause(v, 1, &mut p);
            let sql = format!("EXPLAIN QUERY PLAN SELECT e.rowid FROM events e WHERE {w}");
            let plan: Vec<String> = c
                .prepare(&sql)
                .unwrap()
                .query_map(rusqlite::params_from_iter(p.iter()), |r| r.get(3))
                .unwrap()
                .collect::<std::result::Result<_, _>>()
                .unwrap();
            assert!(plan.iter().all(|l| !l.starts_with("SCAN event_actors")), "{v}: {plan:?}");
            assert!(plan.iter().any(|l| l.contains("event_actors_key")), "{v}: {plan:?}");
        }
    }

    #[test]
    fn an_event_ids_document_part_is_all_but_its_two_numbers() {
        assert_eq!(event_doc_id("nk-1-0-1"), "nk-1");
        assert_eq!(event_doc_id("0000e06660ba4e2c-12-0"), "0000e06660ba4e2c");
        assert_eq!(event_doc_id("a-b"), "a-b");
        assert_eq!(event_doc_id("a-1-x"), "a-1-x");
        assert_eq!(event_doc_id("-1-2"), "");
        assert_eq!(event_doc_id("42"), "42");
    }

    #[test]
    fn search_text_becomes_quoted_words() {
        assert_eq!(fts_query("North Korea").as_deref(), Some("\"North\" \"Korea\""));
        assert_eq!(fts_query("a\" OR 1=1; --").as_deref(), Some("\"a\" \"OR\" \"1\" \"1\""));
        assert_eq!(fts_query("  -- ").as_deref(), None);
    }

    #[test]
    fn filters_bind_values_instead_of_splicing_them() {
        let f = EventFilter { actor: Some("RUS'; DROP TABLE events; --".into()), ..Default::default() };
        let (w, p) = where_clause(&f);
        assert!(!w.contains("DROP"));
        assert!(p.iter().any(|v| matches!(v, Value::Text(t) if t.contains("DROP"))));
    }
}
