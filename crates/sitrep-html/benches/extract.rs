//! Extraction speed on real news pages: every page of the HTML evaluation
//! set (`shared/eval/html/pages/*.html.gz`, read at run time, never copied),
//! extracted `ROUNDS` times. Prints pages/s and MB/s of HTML; asserts
//! nothing. Run with `cargo bench -p sitrep-html`.

use std::io::Read;
use std::time::Instant;

const ROUNDS: usize = 3;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/html/pages");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("{dir}: not found, nothing to measure");
        return;
    };
    let mut pages = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(file) = std::fs::File::open(&path) else { continue };
        let mut bytes = Vec::new();
        if flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).is_ok() {
            pages.push(String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut blocks = 0usize;
    let start = Instant::now();
    for _ in 0..ROUNDS {
        for p in &pages {
            blocks += sitrep_html::extract(p, None).article.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = (pages.len() * ROUNDS) as f64;
    println!(
        "sitrep-html extract: {} pages x {ROUNDS} ({:.1} MB each round) in {secs:.2} s: {:.1} pages/s, {:.2} MB/s ({blocks} blocks)",
        pages.len(),
        bytes as f64 / 1e6,
        n / secs,
        (bytes * ROUNDS) as f64 / 1e6 / secs
    );
}
