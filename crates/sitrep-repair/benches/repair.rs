//! Speed of decoding + repair, one thread, in MB/s of input bytes.
//!
//! Inputs are read at run time from `../shared` (never copied into the
//! repository):
//!
//! - `clean/bbc`, `clean/guardian`: article bodies of the news corpora, one
//!   `decode` + `repair` call per article — the fast path, since clean text
//!   should cost almost nothing;
//! - `mojibake/all`: the mojibake benchmark file as one document (five
//!   kinds of damage mixed line by line, 80% of the lines damaged);
//! - `mojibake/lossy`: only its lossy (variant 3) lines, the slow path.
//!
//! Run: `cargo bench -p sitrep-repair --bench repair` (`-- --quick` for a
//! shorter run). Criterion prints the throughput of each group.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// The `field` of every JSONL record of every `.jsonl` file in `dir`.
fn jsonl_field(dir: &Path, field: &str) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    let mut docs = Vec::new();
    for p in paths {
        let Ok(text) = std::fs::read_to_string(&p) else { continue };
        for line in text.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(s) = v[field].as_str() {
                    docs.push(s.as_bytes().to_vec());
                }
            }
        }
    }
    docs
}

fn decode_and_repair(docs: &[Vec<u8>]) -> usize {
    let mut n = 0;
    for d in docs {
        let decoded = sitrep_repair::decode(d, None);
        let repaired = sitrep_repair::repair(&decoded.text);
        n += repaired.text.len() + repaired.repairs.len();
    }
    n
}

fn bench(c: &mut Criterion) {
    let root = shared();
    let mojibake = std::fs::read(root.join("eval/mojibake/mojibake.txt")).unwrap_or_default();
    let variants = std::fs::read_to_string(root.join("eval/mojibake/variant.txt")).unwrap_or_default();
    let lossy: Vec<u8> = String::from_utf8_lossy(&mojibake)
        .split('\n')
        .zip(variants.split('\n'))
        .filter(|(_, v)| *v == "3")
        .map(|(l, _)| l)
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes();
    let sets: Vec<(&str, Vec<Vec<u8>>)> = vec![
        ("clean/bbc", jsonl_field(&root.join("corpus/bbc"), "body")),
        ("clean/guardian", jsonl_field(&root.join("corpus/guardian-2019"), "text")),
        ("mojibake/all", vec![mojibake]),
        ("mojibake/lossy", vec![lossy]),
    ];
    let mut group = c.benchmark_group("decode+repair");
    group.sample_size(10);
    for (name, docs) in &sets {
        let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
        if bytes == 0 {
            eprintln!("skipping {name}: input not found under {}", root.display());
            continue;
        }
        group.throughput(Throughput::Bytes(bytes));
        group.bench_function(*name, |b| b.iter(|| black_box(decode_and_repair(black_box(docs)))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
