//! `sitrep bench`: how fast each stage runs on your own inputs.
//!
//! Speed is measured here, never asserted in tests. The inputs are read
//! into memory first so that the disk is not measured; then each stage
//! runs over all documents on every core (rayon), timed by the wall clock
//! and by the process's CPU time: read and decode, build (repair, HTML,
//! segmentation, tokens), code (actors, events, status, magnitudes, tone),
//! and writing PLOVER JSONL. The floor is a bare Aho-Corasick scan of the
//! same sentences with the same lexicon's name matcher: the coder's cost
//! is reported as a ratio to it.

use crate::cli::{InputArgs, LexiconArgs};
use crate::pipeline;
use rayon::prelude::*;
use sitrep_core::Document;
use std::io::Write;
use std::time::Instant;

/// Seconds of CPU time used by this process so far (user + system), from
/// `/proc/self/stat`; `None` where that file does not exist.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// One timed stage.
struct Stage {
    name: &'static str,
    wall: f64,
    cpu: Option<f64>,
}

fn timed<T>(name: &'static str, stages: &mut Vec<Stage>, f: impl FnOnce() -> T) -> T {
    let (c0, t0) = (cpu_seconds(), Instant::now());
    let out = f();
    let wall = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(c0).map(|(a, b)| a - b);
    stages.push(Stage { name, wall, cpu });
    out
}

pub fn run(input: &InputArgs, lexicon: &LexiconArgs, repeat: usize) -> anyhow::Result<i32> {
    let mut stages: Vec<Stage> = Vec::new();
    let lex = timed("load lexicon", &mut stages, || pipeline::load_lexicon(lexicon))?;
    let options = pipeline::read_options(input)?;
    let (raws, errors) = timed("read", &mut stages, || {
        let mut raws = Vec::new();
        let mut errors = 0usize;
        for item in sitrep_read::read_inputs(input.inputs.clone(), options) {
            match item {
                Ok(raw) => raws.push(raw),
                Err(_) => errors += 1,
            }
        }
        (raws, errors)
    });
    if raws.is_empty() {
        anyhow::bail!("no documents read ({errors} errors)");
    }
    let bytes: usize = raws.iter().map(|r| r.body.len()).sum();
    let repeat = repeat.max(1);
    let mut docs: Vec<Document> = Vec::new();
    let mut events = 0usize;
    let mut out_bytes = 0usize;
    let mut scan_matches = 0usize;
    let (mut build, mut code, mut write, mut scan) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..repeat {
        let raw = raws.clone();
        docs = timed("build", &mut build, || raw.into_par_iter().map(sitrep_text::build_document).collect());
        timed("code", &mut code, || pipeline::code_documents(&lex, &mut docs));
        events = docs.iter().map(|d| d.events.len()).sum();
        out_bytes = timed("write jsonl", &mut write, || {
            docs.par_iter()
                .map(|d| {
                    let mut buf = Vec::new();
                    for e in &d.events {
                        // Writing to memory cannot fail.
                        let _ = serde_json::to_writer(&mut buf, e);
                        let _ = buf.write_all(b"\n");
                    }
                    buf.len()
                })
                .sum::<usize>()
        });
        scan_matches = timed("bare Aho-Corasick scan", &mut scan, || {
            docs.par_iter()
                .map(|d| {
                    d.sentences.iter().map(|s| lex.find_names(&d.text[s.span.start..s.span.end]).len()).sum::<usize>()
                })
                .sum::<usize>()
        });
    }
    let best = |v: &[Stage]| -> Stage {
        let s = v.iter().min_by(|a, b| a.wall.total_cmp(&b.wall)).expect("at least one run");
        Stage { name: s.name, wall: s.wall, cpu: s.cpu }
    };
    for v in [&build, &code, &write, &scan] {
        stages.push(best(v));
    }
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let threads = rayon::current_num_threads();
    println!(
        "inputs: {} documents ({errors} errors), {:.1} MB, {sentences} sentences, {events} events, {:.1} MB of JSONL",
        docs.len(),
        bytes as f64 / 1e6,
        out_bytes as f64 / 1e6
    );
    println!("threads: {threads}; best of {repeat} run(s) per stage");
    println!(
        "{:<24} {:>9} {:>9} {:>16} {:>16} {:>10}",
        "stage", "wall s", "cpu s", "sentences/s", "sent/cpu-s", "MB/s"
    );
    for s in &stages {
        let rate = |t: f64| if t > 0.0 { format!("{:.0}", sentences as f64 / t) } else { "-".into() };
        println!(
            "{:<24} {:>9.3} {:>9} {:>16} {:>16} {:>10.1}",
            s.name,
            s.wall,
            s.cpu.map_or("-".into(), |c| format!("{c:.2}")),
            rate(s.wall),
            s.cpu.map_or("-".into(), rate),
            bytes as f64 / 1e6 / s.wall.max(1e-9)
        );
    }
    let get = |n: &str| stages.iter().find(|s| s.name == n).map_or(0.0, |s| s.wall);
    let end_to_end = get("read") + get("build") + get("code") + get("write jsonl");
    println!(
        "end to end (read + build + code + write): {:.3} s wall, {:.0} sentences/s, {:.1} MB/s",
        end_to_end,
        sentences as f64 / end_to_end,
        bytes as f64 / 1e6 / end_to_end
    );
    let floor = get("bare Aho-Corasick scan");
    if floor > 0.0 {
        println!(
            "coding costs {:.1}x a bare Aho-Corasick scan of the same sentences ({scan_matches} name matches); end to end {:.1}x",
            get("code") / floor,
            end_to_end / floor
        );
    }
    Ok(0)
}
