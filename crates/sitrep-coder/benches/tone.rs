//! Speed of document tone and of magnitude finding, in MB/s of text, one
//! core. Tone runs on every document, so it must cost little next to the
//! text stage.
//!
//! Inputs are read at run time from `../shared/corpus` (never copied into
//! the repository): the Guardian 2019 articles and the first part of the
//! Reuters-21578 bodies. Groups:
//!
//! - `tone/text`: [`Tone::counts_text`] over each whole document (no
//!   tokens needed);
//! - `tone/tokens`: [`Tone::counts_tokens`] over the coder's tokens of
//!   every sentence (tokens built outside the timing);
//! - `magnitude/numbers+figures`: [`magnitude::numbers`] and
//!   [`magnitude::figures`] over every sentence's tokens.
//!
//! Criterion measures wall time; on a shared machine the benchmark thread
//! waits for a core, so each group is also timed once on the thread's own
//! CPU clock (`/proc/thread-self/schedstat`) and printed as "MB/s of CPU
//! time" before criterion runs: the per-core figure.
//!
//! Run: `cargo bench -p sitrep-coder --bench tone` (`-- --quick` for a
//! shorter run).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_coder::magnitude;
use sitrep_coder::tone::Tone;
use sitrep_coder::words::{sentence_tokens, Tok};
use sitrep_core::Document;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn corpus() -> Vec<String> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus"));
    let mut out = Vec::new();
    for (file, field) in
        [("guardian-2019/guardian-2019.dev.jsonl", "text"), ("reuters21578/reuters21578.articles.part00.jsonl", "body")]
    {
        let path = root.join(file);
        match std::fs::read_to_string(&path) {
            Ok(t) => out.extend(
                t.lines()
                    .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                    .filter_map(|v| v[field].as_str().map(str::to_string))
                    .filter(|s| !s.trim().is_empty()),
            ),
            Err(e) => eprintln!("skipping {}: {e}", path.display()),
        }
    }
    out
}

/// The thread's CPU time in nanoseconds, when the kernel tells it.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Runs `f` `rounds` times and prints its rate per second of CPU time.
fn cpu_rate(name: &str, bytes: usize, rounds: u32, mut f: impl FnMut() -> usize) {
    let (Some(t0), wall) = (cpu_ns(), std::time::Instant::now()) else {
        eprintln!("{name}: no per-thread CPU clock here");
        return;
    };
    let mut sink = 0usize;
    for _ in 0..rounds {
        sink = sink.wrapping_add(f());
    }
    let cpu = cpu_ns().unwrap_or(t0).saturating_sub(t0) as f64 / 1e9;
    let mb = bytes as f64 * rounds as f64 / 1e6;
    eprintln!(
        "{name}: {:.1} MB/s of CPU time ({:.1} MB/s wall) [{}]",
        mb / cpu.max(1e-9),
        mb / wall.elapsed().as_secs_f64().max(1e-9),
        sink % 2
    );
}

fn sentences(doc: &Document) -> Vec<Vec<Tok<'_>>> {
    let mut cursor = 0;
    doc.sentences
        .iter()
        .map(|s| {
            let (toks, next) = sentence_tokens(doc, s.span, cursor);
            cursor = next;
            toks
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = corpus();
    if texts.is_empty() {
        eprintln!("no corpus text under ../shared/corpus: nothing to measure");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!("{} documents, {:.1} MB", texts.len(), bytes as f64 / 1e6);
    let tone = Tone::default_lexicon();
    cpu_rate("tone/text", bytes, 20, || texts.iter().map(|t| tone.counts_text(t).positive as usize).sum());

    let mut g = c.benchmark_group("tone");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("text", |b| {
        b.iter(|| {
            let mut n = 0u32;
            for t in &texts {
                n = n.wrapping_add(tone.counts_text(black_box(t)).positive);
            }
            n
        })
    });
    let docs: Vec<Document> = texts.iter().map(|t| sitrep_text::build_text_document(t)).collect();
    let sents: Vec<Vec<Vec<Tok>>> = docs.iter().map(sentences).collect();
    cpu_rate("tone/tokens", bytes, 20, || {
        sents.iter().flatten().map(|s| tone.counts_tokens(s).negative as usize).sum()
    });
    cpu_rate("magnitude/numbers+figures", bytes, 10, || {
        sents.iter().flatten().map(|s| magnitude::figures(s, &magnitude::numbers(s)).len()).sum()
    });
    g.bench_function("tokens", |b| {
        b.iter(|| {
            let mut n = 0u32;
            for d in &sents {
                for s in d {
                    n = n.wrapping_add(tone.counts_tokens(black_box(s)).negative);
                }
            }
            n
        })
    });
    g.finish();

    let mut g = c.benchmark_group("magnitude");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.measurement_time(Duration::from_secs(8));
    g.bench_function("numbers+figures", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for d in &sents {
                for s in d {
                    let q = magnitude::numbers(black_box(s));
                    n += magnitude::figures(s, &q).len();
                }
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
