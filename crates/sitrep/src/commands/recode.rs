//! `sitrep recode`: code stored documents again with the current lexicon.
//!
//! Documents coded by another lexicon version (or all, with `--all`) are
//! loaded in batches, their tokens recomputed, coded by the pipeline's code
//! stage, and their mentions, quotes and events replaced in one
//! transaction per batch; each event records the lexicon version that
//! produced it. A killed recode resumes where it stopped.

use crate::cli::{LexiconArgs, StoreArgs};
use crate::pipeline;
use sitrep_store::{IngestContext, Store};
use std::time::Instant;

/// Documents per transaction.
const BATCH: usize = 256;

pub fn run(store_args: &StoreArgs, all: bool, lexicon: &LexiconArgs) -> anyhow::Result<i32> {
    let lex = pipeline::load_lexicon(lexicon)?;
    let store = Store::open_existing(&store_args.db)?;
    store.set_tone(super::ingest::tone_scorers());
    store.refresh_if_dirty()?;
    let run_id = store.start_run("recode", lex.version())?;
    let ctx = IngestContext { lexicon: &lex };
    let started = Instant::now();
    let (mut after, mut docs_done, mut events) = (0i64, 0u64, 0u64);
    loop {
        let ids = store.documents_to_recode(lex.version(), all, after, BATCH)?;
        let Some(&last) = ids.last() else { break };
        after = last;
        let mut docs = Vec::with_capacity(ids.len());
        for id in ids {
            let mut d = store.load_document(id)?;
            d.mentions.clear();
            d.quotes.clear();
            d.events.clear();
            sitrep_text::token::tokenize_document(&mut d);
            docs.push(d);
        }
        // A document whose coding failed (a bug, reported by the pipeline)
        // keeps the events it has: nothing stored is replaced by nothing.
        let failed = pipeline::code_documents(&lex, &mut docs);
        for i in failed.into_iter().rev() {
            docs.remove(i);
        }
        events += store.replace_coding(&docs, &ctx)?;
        docs_done += docs.len() as u64;
    }
    let refreshed = store.refresh_if_dirty()?;
    store.finish_run(run_id, docs_done, events)?;
    if docs_done == 0 {
        eprintln!("sitrep: {}: every document is coded with lexicon {} already", store.path().display(), lex.version());
    } else {
        let mut line = format!(
            "sitrep: {}: re-coded {docs_done} documents with lexicon {} in {:.1} s: {events} events",
            store.path().display(),
            lex.version(),
            started.elapsed().as_secs_f64()
        );
        if let Some(r) = refreshed {
            line.push_str(&format!("; {} clusters, {} claims", r.clusters, r.claims));
        }
        eprintln!("{line}");
    }
    Ok(0)
}
