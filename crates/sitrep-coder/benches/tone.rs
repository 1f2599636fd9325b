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
