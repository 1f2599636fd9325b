//! `sitrep ingest`: read, code and store documents, idempotently.
//!
//! Runs the shared pipeline with the store as its sink: after the text
//! stage each document's content hash is looked up, and documents already
//! stored at the same URL are dropped before they are coded. Finished
//! batches go to a writer thread with its own connection, which writes
//! each in one transaction while the next batch is being coded. A progress
//! bar shows on a terminal; a plain summary line is printed otherwise.

use crate::cli::{InputArgs, LexiconArgs, StoreArgs};
use crate::pipeline::{self, BatchSink, Stage};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_core::Document;
use sitrep_store::{BatchOutcome, IngestContext, Known, Store};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};

/// Counts shared by the reading and the writing thread, for the progress bar.
#[derive(Default)]
struct Progress {
    skipped: AtomicU64,
    written: AtomicU64,
    added: AtomicU64,
    events: AtomicU64,
}

impl Progress {
    fn message(&self, started: Instant) -> String {
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        let done = self.skipped.load(Ordering::Relaxed) + self.written.load(Ordering::Relaxed);
        format!(
            "{done} documents, {} new, {} events, {:.0} docs/s",
            self.added.load(Ordering::Relaxed),
            self.events.load(Ordering::Relaxed),
            done as f64 / secs
        )
    }
}

/// A batch of coded documents with their near-duplicate signatures.
type Batch = (Vec<Document>, Vec<Option<sitrep_store::dedup::Signature>>);

struct Sink<'a> {
    store: &'a Store,
    to_writer: Option<SyncSender<Batch>>,
    progress: &'a Progress,
    read: u64,
    bar: Option<ProgressBar>,
}

impl BatchSink for Sink<'_> {
    fn keep(&mut self, doc: &Document) -> anyhow::Result<bool> {
        let keep = self.store.known(doc)? != Known::Stored;
        if !keep {
            self.progress.skipped.fetch_add(1, Ordering::Relaxed);
        }
        Ok(keep)
    }

    fn read(&mut self, bytes: usize) {
        self.read += bytes as u64;
        if let Some(b) = &self.bar {
            b.set_position(self.read.min(b.length().unwrap_or(u64::MAX)));
        }
    }

    fn batch(&mut self, docs: Vec<Document>) -> anyhow::Result<()> {
        // The near-duplicate signatures on all cores, so that the writer
        // thread only writes.
        let signatures: Vec<_> = docs.par_iter().map(sitrep_store::dedup::document_signature).collect();
        match &self.to_writer {
            Some(tx) => tx.send((docs, signatures)).map_err(|_| anyhow::anyhow!("the store writer stopped")),
            None => Ok(()),
        }
    }
}

/// The writer thread: writes each batch it receives in one transaction.
fn write_batches(
    store: &Store,
    lex: &sitrep_lexicon::Lexicon,
    batches: Receiver<Batch>,
    progress: &Progress,
    bar: Option<&ProgressBar>,
    started: Instant,
) -> anyhow::Result<(BatchOutcome, Duration)> {
    let ctx = IngestContext { lexicon: lex };
    let mut total = BatchOutcome::default();
    let mut busy = Duration::ZERO;
    for (docs, signatures) in batches {
        let t = Instant::now();
        let o = store.write_batch_signed(&docs, Some(&signatures), &ctx)?;
        busy += t.elapsed();
        progress.written.fetch_add(docs.len() as u64, Ordering::Relaxed);
        progress.added.fetch_add(o.added, Ordering::Relaxed);
        progress.events.fetch_add(o.events, Ordering::Relaxed);
        total += o;
        if let Some(b) = bar {
            b.set_message(progress.message(started));
        }
    }
    Ok((total, busy))
}

/// The coder's tone scorers (GDELT's AvgTone from the tone lexicon), for
/// the store's tone columns.
pub fn tone_scorers() -> sitrep_store::ToneFns {
    use sitrep_coder::tone;
    sitrep_store::ToneFns {
        // The coder has scored a coded document already.
        document: |d| {
            f64::from(d.tone.unwrap_or_else(|| tone::document_counts(tone::Tone::default_lexicon(), d).tone()))
        },
        sentence: |s| f64::from(tone::score(s)),
    }
}

/// The total size of the inputs when it predicts the bytes read: none is
/// stdin and none is compressed.
fn total_bytes(inputs: &[String]) -> Option<u64> {
    fn walk(p: &std::path::Path, total: &mut u64) -> Option<()> {
        let m = std::fs::metadata(p).ok()?;
        if m.is_dir() {
            for e in std::fs::read_dir(p).ok()? {
                walk(&e.ok()?.path(), total)?;
            }
        } else {
            let name = p.to_string_lossy();
            if name.ends_with(".gz") || name.ends_with(".bz2") || name.ends_with(".zst") {
                return None;
            }
            *total += m.len();
        }
        Some(())
    }
    let mut total = 0;
    for i in inputs {
        if i == "-" {
            return None;
        }
        walk(std::path::Path::new(i), &mut total)?;
    }
    Some(total)
}

fn progress_bar(inputs: &[String]) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = match total_bytes(inputs) {
        Some(t) => {
            let b = ProgressBar::new(t);
            b.set_style(
                ProgressStyle::with_template("{bar:30} {percent:>3}% {msg} · ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            b
        }
        None => {
            let b = ProgressBar::new_spinner();
            b.set_style(
                ProgressStyle::with_template("{spinner} {msg} · {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            b
        }
    };
    bar.enable_steady_tick(Duration::from_millis(200));
    Some(bar)
}

pub fn run(store_args: &StoreArgs, input: &InputArgs, lexicon: &LexiconArgs) -> anyhow::Result<i32> {
    let lex = pipeline::load_lexicon(lexicon)?;
    let store = Store::open(&store_args.db)?;
    if let Some(r) = store.refresh_if_dirty()? {
        eprintln!(
            "sitrep: {}: finished an interrupted run's refresh ({} clusters, {} claims)",
            store.path().display(),
            r.clusters,
            r.claims
        );
    }
    let writer_store = Store::open(&store_args.db)?;
    writer_store.set_tone(tone_scorers());
    let run_id = store.start_run("ingest", lex.version())?;
    let started = Instant::now();
    let progress = Progress::default();
    let bar = progress_bar(&input.inputs);
    let (summary, written) = std::thread::scope(|scope| -> anyhow::Result<_> {
        let (tx, rx) = sync_channel::<Batch>(1);
        let (lex_ref, progress_ref, bar_ref) = (&lex, &progress, bar.as_ref());
        let writer = scope.spawn(move || write_batches(&writer_store, lex_ref, rx, progress_ref, bar_ref, started));
        let mut sink = Sink { store: &store, to_writer: Some(tx), progress: &progress, read: 0, bar: bar.clone() };
        let summary = pipeline::run_batches(input, &lex, Stage::Code, &mut sink);
        drop(sink.to_writer.take());
        let written = writer.join().map_err(|_| anyhow::anyhow!("the store writer failed"))?;
        // A writer error explains a failed send; report it first.
        let written = written?;
        Ok((summary?, written))
    })?;
    let (o, write_time) = written;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let t = Instant::now();
    let refreshed = store.refresh_if_dirty()?;
    if std::env::var_os("SITREP_TIMINGS").is_some() {
        eprintln!("timings: writer busy {write_time:?}, refresh {:?}", t.elapsed());
    }
    store.finish_run(run_id, o.added, o.events)?;
    let secs = started.elapsed().as_secs_f64();
    let unchanged = o.unchanged + progress.skipped.load(Ordering::Relaxed);
    let db = store.path().display();
    if o.added == 0 && o.new_sightings == 0 && summary.documents > 0 {
        eprintln!("sitrep: nothing new: all {} documents are already in {db}", summary.documents);
    } else {
        let mut line = format!(
            "sitrep: {db}: {} documents read in {secs:.1} s ({:.0}/s): {} added with {} events",
            summary.documents,
            summary.documents as f64 / secs.max(1e-3),
            o.added,
            o.events
        );
        if o.near_duplicates > 0 {
            line.push_str(&format!(" ({} near duplicates of stored stories)", o.near_duplicates));
        }
        if o.new_sightings > 0 {
            line.push_str(&format!(", {} new URLs of stored documents", o.new_sightings));
        }
        if unchanged > 0 {
            line.push_str(&format!(", {unchanged} already stored"));
        }
        if let Some(r) = refreshed {
            line.push_str(&format!("; {} clusters, {} claims", r.clusters, r.claims));
        }
        eprintln!("{line}");
    }
    if summary.errors > 0 {
        eprintln!("sitrep: {} input(s) or record(s) could not be read (see above)", summary.errors);
    }
    Ok(summary.exit_code())
}
