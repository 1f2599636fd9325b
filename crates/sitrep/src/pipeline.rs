//! The document pipeline shared by `analyze`, `code` and `ingest`: read
//! inputs as a stream, build and code documents in parallel across cores,
//! and hand them to a sink in input order (one document at a time, or a
//! batch at a time for the store, which may also drop documents it holds
//! already before they are coded). Memory stays bounded: batches are cut
//! at 256 documents or 64 MB; one is read and one waits while up to four
//! (at most 128 MB of text) are coded, so that a long document does not
//! idle the other cores.
//!
//! A panic while building or coding one document (a bug, never meant to
//! happen on any input) is caught per document: it becomes one error line
//! naming the input and record, the document is left out, and the run
//! goes on.

use crate::cli::{InputArgs, LexiconArgs};
use rayon::prelude::*;
use sitrep_core::Document;
use sitrep_lexicon::Lexicon;
use sitrep_read::{RawDoc, ReadError, ReadOptions};

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
/// Batches being coded at once: while a long document holds one core, the
/// others code the batches after it (at most twice `BATCH_BYTES` of text).
const MAX_CODING: usize = 4;

/// What receives the pipeline's documents, a batch at a time (the store's
/// ingest writes each batch in one transaction).
pub trait BatchSink {
    /// Called with each document after the text stage and before coding,
    /// in input order; `false` drops it (it is neither coded nor passed
    /// on), so that work already done is not done again.
    fn keep(&mut self, _doc: &Document) -> anyhow::Result<bool> {
        Ok(true)
    }
    /// Called with the size of each raw document as it is read.
    fn read(&mut self, _bytes: usize) {}
    /// Receives each finished batch, in input order.
    fn batch(&mut self, docs: Vec<Document>) -> anyhow::Result<()>;
    /// Called once the whole input is read: only the batches still being
    /// coded are to come.
    fn input_read(&mut self) {}
}

/// A per-document closure as a [`BatchSink`].
struct EachDocument<F>(F);

impl<F: FnMut(&Document) -> anyhow::Result<()>> BatchSink for EachDocument<F> {
    fn batch(&mut self, docs: Vec<Document>) -> anyhow::Result<()> {
        docs.iter().try_for_each(|d| (self.0)(d))
    }
}

/// Runs the pipeline, calling `sink` with each finished document in order.
pub fn run(
    input: &InputArgs,
    lexicon: &Lexicon,
    stage: Stage,
    sink: impl FnMut(&Document) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    run_batches(input, lexicon, stage, &mut EachDocument(sink))
}

/// Codes documents in parallel across cores (the code stage of the
/// pipeline, also used by `sitrep recode` on stored documents).
///
/// Returns the indices of the documents whose coding panicked, after
/// printing an error line naming each; their coding layers (mentions,
/// quotes, events) are left empty.
pub fn code_documents(lexicon: &Lexicon, docs: &mut [Document]) -> Vec<usize> {
    code_with(&sitrep_coder::Coder::new(lexicon), docs)
}

/// [`code_documents`] with a coder made once for many batches (making one
/// builds its indexes of the lexicon: a few milliseconds).
fn code_with(coder: &sitrep_coder::Coder<'_>, docs: &mut [Document]) -> Vec<usize> {
    let failed: Vec<Option<usize>> = docs
        .par_iter_mut()
        .enumerate()
        .map(|(i, doc)| match crate::panics::guarded(|| coder.code(doc)) {
            Ok(()) => None,
            Err(why) => {
                doc.mentions.clear();
                doc.quotes.clear();
                doc.events.clear();
                report(&doc.origin, "coding", &why);
                Some(i)
            }
        })
        .collect();
    failed.into_iter().flatten().collect()
}

/// Prints one error line with one write: standard error is unbuffered, and
/// a corpus can hold thousands of unreadable records.
fn print_error(e: &ReadError) {
    use std::io::Write;
    let line = format!("sitrep: {e}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Prints the error line for a document a stage panicked on.
fn report(origin: &sitrep_core::InputOrigin, stage: &str, why: &str) {
    let e = ReadError {
        path: origin.path.clone(),
        record: origin.record.clone(),
        reason: format!(
            "internal error while {stage} this document, which is skipped (a bug: please report it): {why}"
        ),
    };
    print_error(&e);
}

/// Runs the pipeline, handing `sink` each finished batch in input order.
///
/// Reading runs on a thread of its own, one batch ahead of the build and
/// code stages, so that the disk and the decompressor work while the
/// cores code (one batch waits between them).
pub fn run_batches(
    input: &InputArgs,
    lexicon: &Lexicon,
    stage: Stage,
    sink: &mut impl BatchSink,
) -> anyhow::Result<Summary> {
    let options = read_options(input)?;
    let inputs = input.inputs.clone();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<RawDoc>>(1);
    let coder = (stage == Stage::Code).then(|| sitrep_coder::Coder::new(lexicon));
    let coder = coder.as_ref();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut errors = 0usize;
            let mut batch: Vec<RawDoc> = Vec::with_capacity(BATCH);
            let mut batch_bytes = 0usize;
            for item in sitrep_read::read_inputs(inputs, options) {
                match item {
                    Ok(raw) => {
                        batch_bytes += raw.body.len();
                        batch.push(raw);
                        if batch.len() >= BATCH || batch_bytes >= BATCH_BYTES {
                            if tx.send(std::mem::take(&mut batch)).is_err() {
                                // The consumer stopped on an error of its own.
                                return errors;
                            }
                            batch_bytes = 0;
                        }
                    }
                    Err(e) => {
                        errors += 1;
                        print_error(&e);
                    }
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
            errors
        });
        let mut summary = Summary::default();
        // While one batch is coded (on the pool, driven from a thread of
        // its own), the next is built and starts coding too, so that a
        // long document at the end of a batch does not leave the other
        // cores idle. Batches are handed to the sink in input order.
        let mut result = Ok(());
        let mut coding: std::collections::VecDeque<(std::thread::ScopedJoinHandle<'_, Coded>, usize)> =
            std::collections::VecDeque::new();
        let mut coding_bytes = 0usize;
        for mut batch in rx.iter() {
            for raw in &batch {
                sink.read(raw.body.len());
            }
            let docs = match prepare(&mut batch, &mut summary, sink) {
                Ok(docs) => docs,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
            coding.push_back((scope.spawn(move || code_batch(docs, coder)), bytes));
            coding_bytes += bytes;
            // Hand over the oldest batches once too many are coding.
            while coding.len() > MAX_CODING || (coding.len() > 1 && coding_bytes > BATCH_BYTES * 2) {
                let Some((done, b)) = coding.pop_front() else { break };
                coding_bytes -= b;
                if let Err(e) = finish(done, &mut summary, sink) {
                    result = Err(e);
                    break;
                }
            }
            if result.is_err() {
                break;
            }
        }
        if result.is_ok() {
            sink.input_read();
        }
        while let Some((done, _)) = coding.pop_front() {
            let last = finish(done, &mut summary, sink);
            if result.is_ok() {
                result = last;
            }
        }
        // Dropping the receiver (on an error) stops the reader at its next batch.
        drop(rx);
        let read_errors = reader.join().map_err(|_| anyhow::anyhow!("the input reader stopped unexpectedly"))?;
        summary.errors += read_errors;
        result.map(|()| summary)
    })
}

/// A coded batch and how many of its documents failed to code.
type Coded = (Vec<Document>, usize);

/// Builds a batch of raw documents (in parallel) and drops those the sink
/// has already.
fn prepare<S: BatchSink>(
    batch: &mut Vec<RawDoc>,
    summary: &mut Summary,
    sink: &mut S,
) -> anyhow::Result<Vec<Document>> {
    let built: Vec<Option<Document>> = std::mem::take(batch)
        .into_par_iter()
        .map(|raw| {
            let origin = raw.origin.clone();
            crate::panics::guarded(|| sitrep_text::build_document(raw))
                .map_err(|why| {
                    report(&origin, "building", &why);
                })
                .ok()
        })
        .collect();
    let mut docs = Vec::with_capacity(built.len());
    for d in built {
        let Some(d) = d else {
            summary.errors += 1;
            continue;
        };
        summary.documents += 1;
        if sink.keep(&d)? {
            docs.push(d);
        }
    }
    Ok(docs)
}

/// Codes a built batch (with a coder: when the stage asks for it),
/// leaving out the documents whose coding failed.
fn code_batch(mut docs: Vec<Document>, coder: Option<&sitrep_coder::Coder<'_>>) -> Coded {
    let Some(coder) = coder else {
        return (docs, 0);
    };
    let failed = code_with(coder, &mut docs);
    let n = failed.len();
    for i in failed.into_iter().rev() {
        docs.remove(i);
    }
    (docs, n)
}

/// Waits for a batch being coded and hands it to the sink.
fn finish<S: BatchSink>(
    coding: std::thread::ScopedJoinHandle<'_, Coded>,
    summary: &mut Summary,
    sink: &mut S,
) -> anyhow::Result<()> {
    let (docs, failed) = coding.join().map_err(|_| anyhow::anyhow!("the coding thread stopped unexpectedly"))?;
    summary.errors += failed;
    summary.documents -= failed;
    sink.batch(docs)
}
