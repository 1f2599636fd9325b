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
use sitrep_core::{ActorRef, Document};
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
    let outlet = sitrep_store::outlet_of(doc, lex);
    let url = doc.url.clone().unwrap_or_default();
    let source = outlet.as_ref().map(|o| o.domain.clone()).or_else(|| sitrep_store::url_host(&url)).unwrap_or_default();
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
                "sig": sitrep_store::event_sig_text(e),
                "ckey": sitrep_store::cluster_key_text(e),
                "claim_text": claim_text,
                "sentence_tone": tone.event(e),
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
