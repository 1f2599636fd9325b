//! Speed of the lexicon: loading and compiling the default lexicon (the
//! start-up cost of every `sitrep` run), and scanning news text for names
//! ([`sitrep_lexicon::Lexicon::find_names`], which the coder runs on every
//! sentence), in MB/s of text, one core.
//!
//! Inputs are read at run time from `../shared/corpus` (never copied into
//! the repository): Guardian international news 2019, BBC News 2004-05,
//! and the first part of Reuters-21578 (title and body of each story).
//! Each document is scanned on its own.
//!
//! Run: `cargo bench -p sitrep-lexicon --bench lexicon`
//! (`-- --quick` for a shorter run).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sitrep_lexicon::Lexicon;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// The string fields `fields` of every JSONL record in `path`, joined by a
/// blank line.
fn jsonl(path: &Path, fields: &[&str]) -> Vec<String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("skipping {}: {e}", path.display());
            return Vec::new();
        }
    };
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| fields.iter().filter_map(|f| v[*f].as_str()).collect::<Vec<_>>().join("\n\n"))
        .filter(|t| !t.trim().is_empty())
        .collect()
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sample_size(20).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(10));
    // The lexicon is dropped outside the timing: a process keeps it until exit.
    g.bench_function("default lexicon: load and compile", |b| {
        b.iter_with_large_drop(|| Lexicon::load_default().expect("the default lexicon loads"))
    });
    g.finish();
}

fn matching(c: &mut Criterion) {
    let lex = Lexicon::load_default().expect("the default lexicon loads");
    let corpus = shared().join("corpus");
    let sets = [
        ("guardian-2019", jsonl(&corpus.join("guardian-2019/guardian-2019.dev.jsonl"), &["text"])),
        ("bbc", {
            let mut v = jsonl(&corpus.join("bbc/bbc.articles.part00.jsonl"), &["title", "body"]);
            v.extend(jsonl(&corpus.join("bbc/bbc.articles.part01.jsonl"), &["title", "body"]));
            v
        }),
        (
            "reuters21578 part00",
            jsonl(&corpus.join("reuters21578/reuters21578.articles.part00.jsonl"), &["title", "body"]),
        ),
    ];
    let mut g = c.benchmark_group("find_names");
    g.sample_size(10).warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(10));
    for (name, docs) in &sets {
        if docs.is_empty() {
            continue;
        }
        let bytes: usize = docs.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(*name, |b| {
            b.iter(|| {
                let mut n = 0;
                for d in docs {
                    n += lex.find_names(black_box(d)).len();
                }
                n
            })
        });
    }
    g.finish();
}

criterion_group!(benches, load, matching);
criterion_main!(benches);
