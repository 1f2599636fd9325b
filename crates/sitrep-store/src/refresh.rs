//! The derived tables that span the whole store: event clusters and the
//! claim ledger. They are recomputed from the base tables at the end of
//! every ingest or recode (and by the next run after a crash, which finds
//! the `dirty` flag still set), so they are always a function of what is
//! stored, never of the order runs happened in.
//!
//! **Clusters.** Story records (one per event per story) with the same
//! event type, actors and recipients (by code) whose dates fall within
//! [`CLUSTER_WINDOW_DAYS`] of the cluster's first event form one cluster
//! (the same clash reported by different stories over a few days). A
//! cluster is numbered by its first event's rowid. Events without a date,
//! or with neither actor nor recipient known, are clusters of their own.
//! A record is written as its own cluster (most stay so), and the refresh
//! writes only what changed: the events that joined another's cluster and
//! the `clusters` rows that differ, so that adding a page to a large store
//! rewrites little.

use crate::claims::{self, ClaimOutlet, DocInfo};
use crate::{day_string, Result, Store};
use rusqlite::{params, Connection};
use sitrep_core::Event;
use std::collections::HashMap;

/// How far after a cluster's first event an event may fall and still join it.
pub const CLUSTER_WINDOW_DAYS: i64 = 7;

/// What a refresh found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RefreshOutcome {
    pub clusters: u64,
    pub claims: u64,
}

impl Store {
    /// Recomputes clusters and claims if an ingest or recode left them owed.
    pub fn refresh_if_dirty(&self) -> Result<Option<RefreshOutcome>> {
        if self.is_dirty()? {
            self.refresh().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Recomputes clusters and the claim ledger, in one transaction.
    pub fn refresh(&self) -> Result<RefreshOutcome> {
        self.write_tx(|c| {
            let clusters = self.refresh_clusters(c)?;
            let claims = self.refresh_claims(c)?;
            c.execute("UPDATE meta SET value = '0' WHERE key = 'dirty'", []).map_err(|e| self.err("refresh", e))?;
            Ok(RefreshOutcome { clusters, claims })
        })
    }

    fn refresh_clusters(&self, c: &Connection) -> Result<u64> {
        let err = |e: rusqlite::Error| self.err("cluster events", e);
        // Each event's cluster, and each cluster's row, from one pass over
        // the story records in (key, day, rowid) order. Records without a
        // key or a day come first in their group and are clusters of their
        // own, so every cluster is a run of consecutive records.
        let mut changes: Vec<(i64, i64)> = Vec::new();
        let mut rows: Vec<ClusterRow> = Vec::new();
        // The stories of the cluster being built.
        let mut stories: Vec<i64> = Vec::new();
        {
            let mut st = c
                .prepare("SELECT rowid, ckey, day, cluster, event, story FROM events WHERE is_rep = 1 ORDER BY ckey, day, rowid")
                .map_err(err)?;
            let mut q = st.query([]).map_err(err)?;
            // (ckey, first day, cluster id) of the cluster being built.
            let mut current: Option<(i64, i64, i64)> = None;
            while let Some(r) = q.next().map_err(err)? {
                let rowid: i64 = r.get(0).map_err(err)?;
                let ckey: Option<i64> = r.get(1).map_err(err)?;
                let day: Option<i64> = r.get(2).map_err(err)?;
                let old: Option<i64> = r.get(3).map_err(err)?;
                let id = match (ckey, day) {
                    (Some(k), Some(d)) => match current {
                        Some((ck, first, id)) if ck == k && d - first <= CLUSTER_WINDOW_DAYS => id,
                        _ => {
                            current = Some((k, d, rowid));
                            rowid
                        }
                    },
                    _ => rowid,
                };
                if old != Some(id) {
                    changes.push((rowid, id));
                }
                match rows.last_mut() {
                    Some(row) if row.id == id => row.add(day),
                    _ => {
                        count_stories(rows.last_mut(), &mut stories);
                        rows.push(ClusterRow {
                            id,
                            key: ckey.unwrap_or(0),
                            event: r.get(4).map_err(err)?,
                            first_day: day,
                            last_day: day,
                            events: 1,
                            stories: 0,
                        });
                    }
                }
                stories.push(r.get(5).map_err(err)?);
            }
            count_stories(rows.last_mut(), &mut stories);
        }
        {
            let mut up = c.prepare("UPDATE events SET cluster = ?2 WHERE rowid = ?1").map_err(err)?;
            for (rowid, id) in changes {
                up.execute(params![rowid, id]).map_err(err)?;
            }
        }
        // Only the clusters that changed are written.
        let mut stored: HashMap<i64, ClusterRow> = HashMap::new();
        {
            let mut st =
                c.prepare("SELECT id, key, event, first_day, last_day, events, stories FROM clusters").map_err(err)?;
            let mut q = st.query([]).map_err(err)?;
            while let Some(r) = q.next().map_err(err)? {
                let row = ClusterRow {
                    id: r.get(0).map_err(err)?,
                    key: r.get(1).map_err(err)?,
                    event: r.get(2).map_err(err)?,
                    first_day: r.get(3).map_err(err)?,
                    last_day: r.get(4).map_err(err)?,
                    events: r.get(5).map_err(err)?,
                    stories: r.get(6).map_err(err)?,
                };
                stored.insert(row.id, row);
            }
        }
        let mut put = c
            .prepare(
                "INSERT OR REPLACE INTO clusters(id, key, event, first_day, last_day, events, stories) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .map_err(err)?;
        for row in &rows {
            if stored.remove(&row.id).as_ref() == Some(row) {
                continue;
            }
            put.execute(params![row.id, row.key, row.event, row.first_day, row.last_day, row.events, row.stories])
                .map_err(err)?;
        }
        let mut del = c.prepare("DELETE FROM clusters WHERE id = ?1").map_err(err)?;
        for id in stored.keys() {
            del.execute([id]).map_err(err)?;
        }
        Ok(rows.len() as u64)
    }

    fn refresh_claims(&self, c: &Connection) -> Result<u64> {
        let err = |e: rusqlite::Error| self.err("build the claim ledger", e);
        // Documents that can hold a claim: an alleged or denied event, or
        // events linked to each other.
        let docs: Vec<i64> = c
            .prepare("SELECT DISTINCT doc FROM events WHERE status IN ('alleged', 'denied') OR linked = 1 ORDER BY doc")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(err)?;
        let mut builder = claims::LedgerBuilder::default();
        for d in docs {
            let mut events = Vec::new();
            let mut texts: HashMap<String, String> = HashMap::new();
            {
                let mut st = c
                    .prepare_cached("SELECT id, json, claim_text FROM events WHERE doc = ?1 ORDER BY rowid")
                    .map_err(err)?;
                let rows = st
                    .query_map([d], |r| {
                        Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?, r.get::<_, Option<String>>(2)?))
                    })
                    .map_err(err)?;
                for r in rows {
                    let (id, json, text) = r.map_err(err)?;
                    let json = self.unpack(&json)?;
                    let ev: Event = serde_json::from_str(&json)
                        .map_err(|e| self.data_err(format!("event {id}: damaged JSON ({e})")))?;
                    if let Some(t) = text {
                        texts.insert(id, t);
                    }
                    events.push(ev);
                }
            }
            let mut party: HashMap<String, String> = HashMap::new();
            {
                let mut st = c
                    .prepare_cached(
                        "SELECT a.key, a.party FROM event_actors a JOIN events e ON e.rowid = a.event WHERE e.doc = ?1",
                    )
                    .map_err(err)?;
                let rows = st.query_map([d], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))).map_err(err)?;
                for r in rows {
                    let (k, p) = r.map_err(err)?;
                    party.entry(k).or_insert(p);
                }
            }
            let mut info = DocInfo { outlets: Vec::new(), dates: Vec::new() };
            {
                let mut st = c
                    .prepare_cached(
                        "SELECT o.domain, o.name, o.country, o.ownership, s.day FROM sightings s \
                         LEFT JOIN outlets o ON o.domain = s.outlet WHERE s.doc = ?1",
                    )
                    .map_err(err)?;
                let rows = st
                    .query_map([d], |r| {
                        let outlet = match r.get::<_, Option<String>>(0)? {
                            Some(domain) => Some(ClaimOutlet {
                                domain,
                                name: r.get(1)?,
                                country: r.get(2)?,
                                ownership: r.get(3)?,
                                documents: 1,
                            }),
                            None => None,
                        };
                        Ok((outlet, r.get::<_, Option<i64>>(4)?))
                    })
                    .map_err(err)?;
                for r in rows {
                    let (o, day) = r.map_err(err)?;
                    if let Some(o) = o {
                        if !info.outlets.iter().any(|x| x.domain == o.domain) {
                            info.outlets.push(o);
                        }
                    }
                    if let Some(day) = day {
                        info.dates.push(day_string(day));
                    }
                }
            }
            let name_of = |a: &sitrep_core::ActorRef| {
                party.get(&claims::party_key(a)).cloned().unwrap_or_else(|| a.entity_text.trim().to_string())
            };
            let text_of = |e: &Event| texts.get(&e.id).cloned().unwrap_or_else(|| e.event_text.clone());
            builder.add(&events, &info, &name_of, &text_of);
        }
        let ledger = builder.finish();
        c.execute("DELETE FROM claims", []).map_err(err)?;
        let mut ins = c
            .prepare(
                "INSERT INTO claims(id, key, text, event, contested, first_seen, last_seen, documents, json) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(err)?;
        for cl in &ledger {
            let json = serde_json::to_string(cl).map_err(|e| self.data_err(format!("claim {}: {e}", cl.key)))?;
            ins.execute(params![
                cl.id,
                cl.key,
                cl.text,
                cl.event.as_str(),
                cl.contested,
                cl.first_seen,
                cl.last_seen,
                cl.documents as i64,
                json
            ])
            .map_err(err)?;
        }
        Ok(ledger.len() as u64)
    }
}

/// One row of the `clusters` table.
#[derive(Debug, PartialEq)]
struct ClusterRow {
    id: i64,
    key: i64,
    event: String,
    first_day: Option<i64>,
    last_day: Option<i64>,
    events: i64,
    /// Distinct stories.
    stories: i64,
}

impl ClusterRow {
    /// Counts one more event of the cluster.
    fn add(&mut self, day: Option<i64>) {
        self.events += 1;
        if let Some(d) = day {
            self.first_day = Some(self.first_day.map_or(d, |f| f.min(d)));
            self.last_day = Some(self.last_day.map_or(d, |l| l.max(d)));
        }
    }
}

/// Sets a finished cluster's number of distinct stories from its events'
/// stories, and empties the list for the next cluster.
fn count_stories(row: Option<&mut ClusterRow>, stories: &mut Vec<i64>) {
    if let Some(row) = row {
        stories.sort_unstable();
        stories.dedup();
        row.stories = stories.len() as i64;
    }
    stories.clear();
}
