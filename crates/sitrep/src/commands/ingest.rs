//! `sitrep ingest`: read, code and store documents, idempotently.
//!
//! Runs the shared pipeline with the store as its sink: after the text
//! stage each document's content hash is looked up, and documents already
//! stored at the same URL are dropped before they are coded. Each coded
//! batch's rows are prepared on all cores ([`Prepared`]: JSON, signatures,
//! names, tone), then go to a writer thread with its own connection, which
//! writes while the next batches are being coded; it gathers batches into
//! transactions of 1,024 to 4,096 documents (or less text, or what came
//! in a second), since every commit rewrites the index pages it touched.
//! The queue is bounded in batches and in text (128 MB), so memory stays
//! flat. Records are
//! compressed on all cores too, with the store's codec dictionary (made
//! from the first batch when the store has none). A progress bar shows
//! on a terminal; a plain summary line is printed otherwise.

use crate::cli::{InputArgs, LexiconArgs, StoreArgs};
use crate::pipeline::{self, BatchSink, Stage};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sitrep_core::Document;
use sitrep_store::codec::PackDictionary;
use sitrep_store::{BatchOutcome, IngestContext, Known, Prepared, Store};
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

/// A batch of coded documents with their prepared rows.
type Batch = (Vec<Document>, Vec<Prepared>);

struct Sink<'a> {
    store: &'a Store,
    lexicon: &'a sitrep_lexicon::Lexicon,
    to_writer: Option<SyncSender<Batch>>,
    queued: &'a Queued,
    progress: &'a Progress,
    read: u64,
    bar: Option<ProgressBar>,
    /// The store's codec dictionary (read, or made from the first batch):
    /// records are compressed here, on all cores.
    dictionary: Option<PackDictionary>,
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

    fn input_read(&mut self) {
        self.queued.input_read.store(true, Ordering::Release);
    }

    fn batch(&mut self, docs: Vec<Document>) -> anyhow::Result<()> {
        self.queued.reserve(docs.iter().map(|d| d.text.len()).sum());
        // Signatures, JSON, names and tone on all cores, so that the
        // writer thread only writes.
        let tone = tone_scorers();
        if self.dictionary.is_none() {
            // Left to the writer when the dictionary is damaged.
            self.dictionary = self.store.codec_dictionary()?.and_then(|d| PackDictionary::new(&d).ok());
        }
        let dictionary = self.dictionary.as_ref();
        let (docs, mut prepared): (Vec<Document>, Vec<Prepared>) = docs
            .into_par_iter()
            .map(|mut d| {
                let mut p = Prepared::new(&d, self.lexicon, Some(&tone));
                // Left to the writer when compression fails here.
                if let Some(c) = dictionary {
                    let _ = p.pack(c);
                }
                drop_layers(&mut d);
                (d, p)
            })
            .unzip();
        if self.dictionary.is_none() && !prepared.is_empty() {
            // The store's first records: its dictionary is made from them
            // now, so that they and all later ones are compressed here.
            let made = self.store.make_codec(&prepared)?;
            self.dictionary = PackDictionary::new(&made).ok();
            if let Some(d) = &self.dictionary {
                prepared.par_iter_mut().for_each(|p| {
                    let _ = p.pack(d);
                });
            }
        }
        match &self.to_writer {
            Some(tx) => tx.send((docs, prepared)).map_err(|_| anyhow::anyhow!("the store writer stopped")),
            None => Ok(()),
        }
    }
}

/// Frees what the writer does not need once a document's rows are
/// prepared: its layers (tokens, sentences, mentions, …) are in the
/// prepared layers record. Freed here, on the core that made them, they
/// neither wait in the queue nor cost the writer thread the freeing.
fn drop_layers(d: &mut Document) {
    d.tokens = Vec::new();
    d.sentences = Vec::new();
    d.segments = Vec::new();
    d.mentions = Vec::new();
    d.links = Vec::new();
    d.quotes = Vec::new();
    d.repairs = Vec::new();
    // What of an event the writer does not copy into columns is in its
    // prepared JSON record.
    for e in &mut d.events {
        e.explanation = Default::default();
        e.figures = Vec::new();
        e.context = Vec::new();
        e.event_loc = None;
    }
}

/// Coded batches waiting for the writer at most.
const QUEUED: usize = 16;
/// Text of the coded batches waiting for the writer at most (a batch
/// larger than this alone is let through when nothing waits).
const QUEUED_BYTES: usize = 128 << 20;

/// The text waiting for the writer: the coding side waits while there is
/// too much, so that memory stays bounded however large the documents.
#[derive(Default)]
struct Queued {
    bytes: std::sync::Mutex<usize>,
    freed: std::sync::Condvar,
    /// Set when the writer stops: nobody waits for it any more.
    closed: std::sync::atomic::AtomicBool,
    /// Set when the whole input is read: the writer then writes each batch
    /// as it comes, so that little is left to write after the last.
    input_read: std::sync::atomic::AtomicBool,
}

impl Queued {
    fn reserve(&self, n: usize) {
        let mut bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        while *bytes > 0 && *bytes + n > QUEUED_BYTES && !self.closed.load(Ordering::Acquire) {
            bytes = self.freed.wait(bytes).unwrap_or_else(|e| e.into_inner());
        }
        *bytes += n;
    }

    fn release(&self, n: usize) {
        let mut bytes = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        *bytes = bytes.saturating_sub(n);
        self.freed.notify_all();
    }

    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        let _guard = self.bytes.lock().unwrap_or_else(|e| e.into_inner());
        self.freed.notify_all();
    }
}

/// Documents the writer waits for before it writes, unless the input is
/// read, [`MIN_WRITE_BYTES`] of text are there or [`MIN_WRITE_WAIT`] has
/// passed. On the corpus, commits of 1,024 documents or more rather than
/// of each batch of 256 the writer found alone cut the writer's commit
/// time by a third to a half (a few percent of the ingest's CPU time);
/// 2,048 saved no more, and leaves more to write after the last batch is
/// coded. The text waited for stays well inside [`QUEUED_BYTES`], so the
/// coding side never waits for a writer that waits for it.
const MIN_WRITE: usize = 1024;
/// Text the writer waits for at most.
const MIN_WRITE_BYTES: usize = 16 << 20;
/// How long the writer waits at most: a slow stream is still written as
/// it comes.
const MIN_WRITE_WAIT: Duration = Duration::from_secs(1);
/// Documents written in one transaction at most.
const MAX_WRITE: usize = 4096;
/// Text written in one transaction at most.
const MAX_WRITE_BYTES: usize = 64 << 20;

/// The writer thread: writes each batch it receives in one transaction.
fn write_batches(
    store: &Store,
    lex: &sitrep_lexicon::Lexicon,
    batches: Receiver<Batch>,
    queued: &Queued,
    progress: &Progress,
    bar: Option<&ProgressBar>,
    started: Instant,
) -> anyhow::Result<(BatchOutcome, Duration)> {
    // However the writer stops, the coding side must not wait for it.
    struct Close<'a>(&'a Queued);
    impl Drop for Close<'_> {
        fn drop(&mut self) {
            self.0.close();
        }
    }
    let _close = Close(queued);
    let ctx = IngestContext { lexicon: lex };
    let mut total = BatchOutcome::default();
    let mut busy = Duration::ZERO;
    while let Ok((mut docs, mut prepared)) = batches.recv() {
        // Each commit rewrites every index page it touched, so fewer,
        // larger commits write less: the writer waits for a few batches
        // (a second at most), and takes in those that queued meanwhile.
        let mut bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let until = Instant::now() + MIN_WRITE_WAIT;
        while docs.len() < MAX_WRITE && bytes < MAX_WRITE_BYTES {
            let next =
                if docs.len() < MIN_WRITE && bytes < MIN_WRITE_BYTES && !queued.input_read.load(Ordering::Acquire) {
                    batches.recv_timeout(until.saturating_duration_since(Instant::now())).ok()
                } else {
                    batches.try_recv().ok()
                };
            let Some((d, p)) = next else { break };
            bytes += d.iter().map(|d| d.text.len()).sum::<usize>();
            docs.extend(d);
            prepared.extend(p);
        }
        let t = Instant::now();
        let o = store.write_batch_prepared(&docs, &prepared, &ctx)?;
        busy += t.elapsed();
        queued.release(bytes);
        progress.written.fetch_add(docs.len() as u64, Ordering::Relaxed);
        progress.added.fetch_add(o.added, Ordering::Relaxed);
        progress.events.fetch_add(o.events, Ordering::Relaxed);
        total += o;
        if let Some(b) = bar {
            b.set_message(progress.message(started));
        }
    }
    let t = Instant::now();
    store.flush_lsh()?;
    busy += t.elapsed();
    if std::env::var_os("SITREP_TIMINGS").is_some() {
        eprintln!("timings: writer CPU {:.2} s, band index {:.2?}", thread_cpu_seconds(), t.elapsed());
    }
    Ok((total, busy))
}

/// CPU time (user and system) of the calling thread, from
/// `/proc/thread-self/stat` (0 where there is none): for `SITREP_TIMINGS`.
fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    // Fields after the command name (which may hold spaces), from field 3.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = [11, 12].iter().filter_map(|&i| f.get(i)?.parse::<f64>().ok()).sum();
    ticks / 100.0
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
    writer_store.defer_lsh();
    let run_id = store.start_run("ingest", lex.version())?;
    let started = Instant::now();
    let progress = Progress::default();
    let bar = progress_bar(&input.inputs);
    let queued = Queued::default();
    let (summary, written) = std::thread::scope(|scope| -> anyhow::Result<_> {
        let (tx, rx) = sync_channel::<Batch>(QUEUED);
        let (lex_ref, progress_ref, bar_ref) = (&lex, &progress, bar.as_ref());
        let queued_ref = &queued;
        let writer =
            scope.spawn(move || write_batches(&writer_store, lex_ref, rx, queued_ref, progress_ref, bar_ref, started));
        let mut sink = Sink {
            store: &store,
            lexicon: &lex,
            to_writer: Some(tx),
            queued: &queued,
            progress: &progress,
            read: 0,
            bar: bar.clone(),
            dictionary: None,
        };
        let summary = pipeline::run_batches(input, &lex, Stage::Code, &mut sink);
        drop(sink.to_writer.take());
        let coded = started.elapsed();
        let written = writer.join().map_err(|_| anyhow::anyhow!("the store writer failed"))?;
        if std::env::var_os("SITREP_TIMINGS").is_some() {
            eprintln!("timings: coding ended at {coded:.2?}, writing at {:.2?}", started.elapsed());
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_holds_the_coding_side_until_the_writer_frees_text() {
        let q = Queued::default();
        q.reserve(QUEUED_BYTES); // one batch larger than the budget alone passes
        let done = std::sync::atomic::AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                q.reserve(1);
                done.store(true, Ordering::SeqCst);
            });
            std::thread::sleep(Duration::from_millis(100));
            assert!(!done.load(Ordering::SeqCst), "a reservation over the budget went through");
            q.release(QUEUED_BYTES);
        });
        assert!(done.load(Ordering::SeqCst));
        // A closed queue (the writer stopped) holds nobody.
        q.release(1);
        q.reserve(QUEUED_BYTES);
        q.close();
        q.reserve(QUEUED_BYTES);
    }
}
