//! Read throughput: how fast `read_inputs` turns files into raw documents,
//! on the JSONL corpora in ../shared/corpus and on WARC files built here by
//! repeating the Common Crawl extract in ../shared/fixtures (plain and
//! gzipped, one member per record as crawlers write them).
//!
//! `cargo bench -p sitrep-read --bench read` prints MB/s of input read (and
//! of decompressed bytes for gzip); nothing is asserted.

use sitrep_read::{read_inputs, ReadOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn files_size(paths: &[PathBuf]) -> u64 {
    let mut total = 0;
    for p in paths {
        if p.is_dir() {
            let inner: Vec<PathBuf> = std::fs::read_dir(p).unwrap().map(|e| e.unwrap().path()).collect();
            total += files_size(&inner);
        } else {
            total += std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        }
    }
    total
}

/// CPU time this thread has run, in seconds (Linux), so that the rate is
/// still meaningful on a machine shared with other work.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Reads `paths` `runs` times; prints the median and best rate, by wall
/// clock and by CPU time.
fn bench(name: &str, paths: &[PathBuf], runs: usize) {
    let input = files_size(paths) as f64 / 1e6;
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let (mut docs, mut errors, mut body) = (0, 0, 0usize);
    for _ in 0..runs {
        let t = Instant::now();
        let c = cpu_seconds();
        (docs, errors, body) = (0, 0, 0);
        for item in
            read_inputs(paths.iter().map(|p| p.to_string_lossy().into_owned()).collect(), ReadOptions::default())
        {
            match item {
                Ok(d) => {
                    docs += 1;
                    body += d.body.len();
                }
                Err(_) => errors += 1,
            }
        }
        times.push(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (c, cpu_seconds()) {
            cpu.push(b - a);
        }
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let cpu_rate = cpu.get(cpu.len() / 2).map_or("n/a".to_string(), |c| format!("{:.0} MB/s", input / c));
    println!(
        "{name}: {input:.1} MB in, {docs} documents ({:.1} MB of bodies), {errors} errors: median {:.3} s = {:.0} MB/s wall (best {:.0}), {cpu_rate} of CPU time",
        body as f64 / 1e6,
        median,
        input / median,
        input / times[0],
    );
}

fn main() {
    let corpus = Path::new(SHARED).join("corpus");
    bench("JSONL reuters21578", &[corpus.join("reuters21578")], 5);
    bench("JSONL bbc", &[corpus.join("bbc")], 5);

    // WARC: the 50-record Common Crawl extract repeated to about 110 MB.
    let dir = std::env::temp_dir().join(format!("sitrep-read-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let plain = std::fs::read(Path::new(SHARED).join("fixtures/warc/resiliparse/warcfile.warc")).unwrap();
    let gz = std::fs::read(Path::new(SHARED).join("fixtures/warc/resiliparse/warcfile.warc.gz")).unwrap();
    let copies = 200;
    let (pw, gw) = (dir.join("big.warc"), dir.join("big.warc.gz"));
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&pw).unwrap());
        let mut g = std::io::BufWriter::new(std::fs::File::create(&gw).unwrap());
        for _ in 0..copies {
            f.write_all(&plain).unwrap();
            g.write_all(&gz).unwrap();
        }
    }
    bench(&format!("WARC plain ({copies} x warcfile.warc)"), std::slice::from_ref(&pw), 3);
    bench(
        &format!("WARC gzip ({copies} x warcfile.warc.gz, {:.0} MB decompressed)", (plain.len() * copies) as f64 / 1e6),
        std::slice::from_ref(&gw),
        3,
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
