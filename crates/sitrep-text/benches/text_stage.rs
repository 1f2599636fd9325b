//! Speed of the text stage on plain text: repair + segmentation +
//! sentences + tokens + links ([`sitrep_text::build_text_document`]), one
//! core, in MB/s of input text.
//!
//! Inputs are read at run time from `../shared` (never copied into the
//! repository): the news corpora in `corpus/` (Reuters-21578 title and
//! body, BBC title and body, Guardian text, AG News title and description)
//! and the damaged lines of the mojibake benchmark, ten lines to a
//! document. Each stage is also timed on its own, so a regression shows
//! where it is.
//!
//! Two clocks: wall time (criterion's default, the `wall/` groups) and the
//! thread's own CPU time (`cpu/` groups, read from
//! `/proc/thread-self/schedstat`), which is the per-core figure and stays
//! meaningful when the machine is shared and the benchmark thread waits
//! for a core. On a quiet machine the two agree.
//!
//! Run: `cargo bench -p sitrep-text --bench text_stage`
//! (`-- --quick` for a shorter run, `-- cpu/` for the CPU-time groups only).

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use sitrep_core::{Document, Span};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// The string fields `fields` of every JSONL record in `path`, joined by a
/// blank line (title, then body).
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

/// The records of a CSV file (quoted fields, `""` escapes), all but the
/// first column joined by a blank line; the header row is skipped.
fn csv(path: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping {}", path.display());
        return Vec::new();
    };
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut field)),
            ('\n', false) => {
                fields.push(std::mem::take(&mut field));
                records.push(fields[1..].join("\n\n"));
                fields.clear();
            }
            _ => field.push(c),
        }
    }
    records.into_iter().skip(1).collect()
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == ext)).collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn corpora() -> Vec<(&'static str, Vec<String>)> {
    let root = shared().join("corpus");
    let mut out = Vec::new();
    let mut docs = Vec::new();
    for f in files(&root.join("reuters21578"), "jsonl") {
        docs.extend(jsonl(&f, &["title", "body"]));
    }
    out.push(("reuters21578", docs));
    let mut docs = Vec::new();
    for f in files(&root.join("bbc"), "jsonl") {
        docs.extend(jsonl(&f, &["title", "body"]));
    }
    out.push(("bbc", docs));
    let mut docs = Vec::new();
    for f in files(&root.join("guardian-2019"), "jsonl") {
        docs.extend(jsonl(&f, &["text"]));
    }
    out.push(("guardian-2019", docs));
    out.push(("ag-news-test", csv(&root.join("ag-news-test").join("test.csv"))));
    let moji = std::fs::read_to_string(shared().join("eval/mojibake/mojibake.txt")).unwrap_or_default();
    let lines: Vec<&str> = moji.lines().collect();
    out.push(("mojibake", lines.chunks(10).map(|c| c.join("\n")).collect()));
    out.retain(|(_, d)| !d.is_empty());
    out
}

fn bytes(docs: &[String]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

/// The calling thread's CPU time, in nanoseconds, from the kernel's
/// scheduler statistics; wall time where that file is missing.
struct ThreadCpu;

fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or_else(|| {
            static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
            START.get_or_init(std::time::Instant::now).elapsed().as_nanos() as u64
        })
}

impl Measurement for ThreadCpu {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

/// Formats nanoseconds of CPU time, and throughput in decimal MB/s.
struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (div, unit) = if typical < 1e3 {
            (1.0, "ns cpu")
        } else if typical < 1e6 {
            (1e3, "µs cpu")
        } else if typical < 1e9 {
            (1e6, "ms cpu")
        } else {
            (1e9, "s cpu")
        };
        values.iter_mut().for_each(|v| *v /= div);
        unit
    }

    fn scale_throughputs(&self, _typical: f64, throughput: &Throughput, values: &mut [f64]) -> &'static str {
        let per = match throughput {
            Throughput::Bytes(n) | Throughput::BytesDecimal(n) | Throughput::Elements(n) | Throughput::Bits(n) => {
                *n as f64
            }
            _ => 1.0,
        };
        values.iter_mut().for_each(|v| *v = per * 1e9 / v.max(1.0) / 1e6);
        match throughput {
            Throughput::Bytes(_) | Throughput::BytesDecimal(_) => "MB/s per core",
            _ => "M/s per core",
        }
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn text_stage<M: Measurement + 'static>(c: &mut Criterion<M>, clock: &str) {
    let corpora = corpora();
    assert!(!corpora.is_empty(), "no corpus found under {}", shared().display());
    let mut g = c.benchmark_group(format!("{clock}/text_stage"));
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(8));
    for (name, docs) in &corpora {
        g.throughput(Throughput::BytesDecimal(bytes(docs)));
        g.bench_with_input(BenchmarkId::new("build_text_document", name), docs, |b, docs| {
            b.iter(|| {
                for d in docs {
                    black_box(sitrep_text::build_text_document(black_box(d)));
                }
            })
        });
    }
    g.finish();

    // The stages one by one, on everything at once.
    let all: Vec<String> = corpora.into_iter().flat_map(|(_, d)| d).collect();
    let repaired: Vec<String> = all.iter().map(|d| sitrep_repair::repair(d).text).collect();
    let segmented: Vec<Document> = repaired
        .iter()
        .map(|t| {
            let mut d = Document::from_text(t.clone());
            sitrep_text::segment::segment(&mut d);
            sitrep_text::sentence::split_document(&mut d);
            d
        })
        .collect();
    let mut g = c.benchmark_group(format!("{clock}/stages"));
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::BytesDecimal(bytes(&all)));
    g.bench_function("repair", |b| {
        b.iter(|| {
            for d in &all {
                black_box(sitrep_repair::repair(black_box(d)));
            }
        })
    });
    g.bench_function("segment", |b| {
        b.iter(|| {
            for t in &repaired {
                black_box(sitrep_text::segment::segment_text(black_box(t)));
            }
        })
    });
    g.bench_function("sentences", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for d in &segmented {
                for s in &d.segments {
                    out.clear();
                    sitrep_text::sentence::split_into(
                        &d.text,
                        s.span,
                        sitrep_text::sentence::breaks_for(s.kind),
                        &mut out,
                    );
                    black_box(&out);
                }
            }
        })
    });
    g.bench_function("tokens", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            for d in &segmented {
                out.clear();
                for s in &d.sentences {
                    sitrep_text::token::tokenize_into(&d.text, s.span, &mut out);
                }
                black_box(&out);
            }
        })
    });
    g.bench_function("links", |b| {
        b.iter(|| {
            for d in &segmented {
                black_box(sitrep_text::links::find_urls(&d.text, Span::new(0, d.text.len())));
            }
        })
    });
    g.finish();
}

fn wall(c: &mut Criterion<WallTime>) {
    text_stage(c, "wall");
}

fn cpu(c: &mut Criterion<ThreadCpu>) {
    text_stage(c, "cpu");
}

criterion_group!(wall_clock, wall);
criterion_group! {
    name = cpu_clock;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = cpu
}
criterion_main!(wall_clock, cpu_clock);
