//! The document pipeline shared by `analyze`, `code` and `ingest`: read
//! inputs as a stream, build and code documents in parallel across cores,
//! and hand them to a sink in input order. Memory stays bounded: at most
//! one batch of documents is in flight.

use crate::cli::{InputArgs, LexiconArgs};
use rayon::prelude::*;
use sitrep_core::Document;
use sitrep_lexicon::Lexicon;
use sitrep_read::{RawDoc, ReadOptions};

/// How far to take each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Read, repair, segment (no lexicon work).
    #[allow(dead_code)] // used by `ingest --no-code` once the store lands
    Text,
    /// And code events.
    Code,
}

/// What a run saw.
#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub documents: usize,
    pub errors: usize,
}

impl Summary {
    /// Non-zero only when nothing could be read.
    pub fn exit_code(&self) -> i32 {
        if self.documents == 0 && self.errors > 0 {
            1
        } else {
            0
        }
    }
}

/// The default lexicon with the user's `--lexicon` directories on top.
pub fn load_lexicon(args: &LexiconArgs) -> anyhow::Result<Lexicon> {
    Lexicon::load(&args.lexicon).map_err(|e| {
        let list: Vec<String> = e.0.iter().take(20).map(|x| format!("  {x}")).collect();
        anyhow::anyhow!("the lexicon has {} error(s):\n{}", e.0.len(), list.join("\n"))
    })
}

pub fn read_options(input: &InputArgs) -> anyhow::Result<ReadOptions> {
    let format = match &input.input_format {
        Some(f) => Some(f.parse().map_err(anyhow::Error::msg)?),
        None => None,
    };
    Ok(ReadOptions { format, max_doc_bytes: input.max_doc_mb.saturating_mul(1 << 20) })
}

/// Documents in flight at once: a batch is flushed at this many documents
/// or this many body bytes, whichever comes first, so that memory is bounded
/// by the batch (plus one document), not by the input.
const BATCH: usize = 256;
const BATCH_BYTES: usize = 64 << 20;

/// Runs the pipeline, calling `sink` with each finished document in order.
pub fn run(
    input: &InputArgs,
    lexicon: &Lexicon,
    stage: Stage,
    mut sink: impl FnMut(&Document) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    let options = read_options(input)?;
    let mut summary = Summary::default();
    let mut batch: Vec<RawDoc> = Vec::with_capacity(BATCH);
    let mut batch_bytes = 0usize;
    let mut flush = |batch: &mut Vec<RawDoc>, summary: &mut Summary| -> anyhow::Result<()> {
        let docs: Vec<Document> = std::mem::take(batch)
            .into_par_iter()
            .map(|raw| {
                let mut doc = sitrep_text::build_document(raw);
                if stage == Stage::Code {
                    sitrep_coder::code_document(lexicon, &mut doc);
                }
                doc
            })
            .collect();
        for d in &docs {
            summary.documents += 1;
            sink(d)?;
        }
        Ok(())
    };
    for item in sitrep_read::read_inputs(input.inputs.clone(), options) {
        match item {
            Ok(raw) => {
                batch_bytes += raw.body.len();
                batch.push(raw);
                if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
                    flush(&mut batch, &mut summary)?;
                    batch_bytes = 0;
                }
            }
            Err(e) => {
                summary.errors += 1;
                eprintln!("sitrep: {e}");
            }
        }
    }
    flush(&mut batch, &mut summary)?;
    Ok(summary)
}
