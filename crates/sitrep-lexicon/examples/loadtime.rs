//! Loads the default lexicon N times (default 5) and prints each wall time;
//! the lexicons are kept (not dropped) so `perf stat` shows load cost only.
fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let mut keep = Vec::new();
    for _ in 0..n {
        let t = std::time::Instant::now();
        let l = sitrep_lexicon::Lexicon::load_default();
        println!("{:?}", t.elapsed());
        keep.push(l);
    }
    std::mem::forget(keep);
}
