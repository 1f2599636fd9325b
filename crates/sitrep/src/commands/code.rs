//! `sitrep code`: events as PLOVER JSONL, the main event of each sentence first.
//!
//! With `--documents`, each document's events are preceded by one
//! `{"document": {...}}` line holding what the event store derives from
//! that document alone (see [`document_record`]). A cluster job
//! (contrib/spark) reads those lines to do the store's cross-document steps
//! (near-duplicate stories, clusters, the claim ledger) over many machines
//! with the store's own per-document definitions.

use crate::cli::{InputArgs, LexiconArgs};
use crate::pipeline::{self, Stage};
use serde_json::{json, Value};
use sitrep_core::{ActorRef, Document, Event, Outlet};
use sitrep_lexicon::Lexicon;
use sitrep_store::{claims, dedup};
use std::collections::HashMap;
use std::io::Write;

pub fn run(format: &str, documents: bool, input: &InputArgs, lexicon: &LexiconArgs) -> anyhow::Result<i32> {
    if format != "jsonl" {
        anyhow::bail!("unknown --format {format:?} (sitrep code writes jsonl)");
    }
    let lex = pipeline::load_lexicon(lexicon)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let summary = pipeline::run(input, &lex, Stage::Code, |doc| {
        if documents {
            serde_json::to_writer(&mut out, &json!({ "document": document_record(doc, &lex) }))?;
            out.write_all(b"\n")?;
        }
        for e in &doc.events {
            serde_json::to_writer(&mut out, e)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(summary.exit_code())
}

/// The outlet the store records for a document: the coder's, else the
/// lexicon's for its URL (as the store's writer decides it).
fn outlet_of(doc: &Document, lex: &Lexicon) -> Option<Outlet> {
    doc.outlet.clone().or_else(|| doc.url.as_deref().and_then(|u| lex.outlet_for_url(u)))
}

/// The host of a URL, lower-case, without `www.` (the store's article
/// `source` when the outlet is unknown).
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Sorted, distinct keys joined by `+`.
fn key_set(v: &[ActorRef], key: impl Fn(&ActorRef) -> String) -> String {
    let mut k: Vec<String> = v.iter().map(key).collect();
    k.sort();
    k.dedup();
    k.join("+")
}

/// The text the store hashes into an event's signature within a story:
/// two events of near-duplicate documents with the same signature are one
/// event.
fn sig_key(e: &Event) -> String {
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

/// The text the store hashes into an event's cluster key; `None` when
/// neither actor nor recipient is known (such events are not clustered).
fn cluster_key(e: &Event) -> Option<String> {
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

/// What the store derives from one document alone:
///
/// - `id` (content hash), `doc_id`, `url`, `date`, `day` (days since
///   1970-01-01), `title`, `outlet`, `source` (outlet domain, else URL
///   host, else empty), `lexicon_version`, `tone` (the document's tone, as
///   `sitrep ingest` scores it);
/// - `minhash` (64 values) and `bands` (16 LSH keys) of the article text,
///   or null when it is too short (`sitrep_store::dedup`);
/// - `events`: per event, its `day` (its own date, else the document's),
///   `sig` and `ckey` (the texts behind the store's signature and cluster
///   key), `claim_text` (for alleged or denied events) and `sentence_tone`
///   (the tone of the event's sentence);
/// - `claims`: the document's claimed events and the stands taken on each
///   (`sitrep_store::claims::document_claims`), with parties named as the
///   store's ledger names them.
pub fn document_record(doc: &Document, lex: &Lexicon) -> Value {
    let day = doc.date.as_deref().and_then(sitrep_store::day_of);
    let outlet = outlet_of(doc, lex);
    let url = doc.url.clone().unwrap_or_default();
    let source = outlet.as_ref().map(|o| o.domain.clone()).or_else(|| url_host(&url)).unwrap_or_default();
    let signature = dedup::signature(&dedup::dedup_text(doc));
    let tone = super::ingest::tone_scorers();
    let mut texts: HashMap<&str, String> = HashMap::new();
    let events: Vec<Value> = doc
        .events
        .iter()
        .map(|e| {
            let claim_text = matches!(e.status, sitrep_core::Status::Alleged | sitrep_core::Status::Denied)
                .then(|| claims::claim_text(doc, e, lex));
            if let Some(t) = &claim_text {
                texts.insert(e.id.as_str(), t.clone());
            }
            json!({
                "id": e.id,
                "day": e.date.as_deref().and_then(sitrep_store::day_of).or(day),
                "sig": sig_key(e),
                "ckey": cluster_key(e),
                "claim_text": claim_text,
                "sentence_tone": (tone.sentence)(&e.text),
            })
        })
        .collect();
    // Parties are named by the first actor of the document with their key.
    let mut party: HashMap<String, String> = HashMap::new();
    for e in &doc.events {
        for a in e.actor.iter().chain(e.recipient.iter()).chain(e.said_by.iter()) {
            party.entry(claims::party_key(a)).or_insert_with(|| claims::party_name(a, lex));
        }
    }
    let name_of =
        |a: &ActorRef| party.get(&claims::party_key(a)).cloned().unwrap_or_else(|| a.entity_text.trim().to_string());
    let doc_claims: Vec<Value> = claims::document_claims(&doc.events)
        .iter()
        .map(|dc| {
            let e = &doc.events[dc.claimed];
            let stands: Vec<Value> = dc
                .stands
                .iter()
                .map(|s| {
                    json!({
                        "role": s.role,
                        "event": doc.events[s.event].id,
                        "key": claims::party_key(s.actor),
                        "name": name_of(s.actor),
                    })
                })
                .collect();
            json!({
                "claimed": e.id,
                "key": claims::claim_key(e),
                "event": e.event.as_str(),
                "text": texts.get(e.id.as_str()).cloned().unwrap_or_else(|| e.event_text.clone()),
                "stands": stands,
            })
        })
        .collect();
    json!({
        "id": doc.id,
        "doc_id": doc.doc_id(),
        "url": doc.url,
        "date": doc.date,
        "day": day,
        "title": doc.title,
        "outlet": outlet,
        "source": source,
        "lexicon_version": lex.version(),
        "tone": (tone.document)(doc),
        "minhash": signature.as_ref().map(|s| s.0.to_vec()),
        "bands": signature.as_ref().map(|s| s.bands().to_vec()),
        "events": events,
        "claims": doc_claims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_lose_www_ports_and_users() {
        assert_eq!(url_host("https://www.RT.com:443/news/1").as_deref(), Some("rt.com"));
        assert_eq!(url_host("http://user@example.org./a").as_deref(), Some("example.org"));
        assert_eq!(url_host("").as_deref(), None);
    }

    #[test]
    fn keys_are_sorted_and_distinct() {
        let a = |code: &str| ActorRef { entity_text: code.into(), code: Some(code.into()), ..Default::default() };
        assert_eq!(key_set(&[a("RUS"), a("UKR"), a("RUS")], claims::party_key), "RUS+UKR");
        assert_eq!(key_set(&[], claims::party_key), "");
    }
}
