//! Scans JSONL files' `text`/`title`/`body` fields for names and prints
//! the speed in wall time and in CPU time of the scanning thread (read
//! from Linux's /proc/thread-self/schedstat), which, unlike wall time,
//! does not depend on other load on the machine: `scan FILE...`.

/// CPU time of this thread so far, in seconds (Linux), if known.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let lex = match sitrep_lexicon::Lexicon::load_default() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let mut docs = Vec::new();
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        for line in text.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let t: Vec<&str> = ["title", "body", "text"].iter().filter_map(|f| v[*f].as_str()).collect();
            docs.push(t.join("\n\n"));
        }
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let start = std::time::Instant::now();
    let cpu0 = cpu_seconds();
    let mut n = 0;
    for _ in 0..3 {
        for d in &docs {
            n += lex.find_names(d).len();
        }
    }
    let wall = start.elapsed().as_secs_f64();
    let mb = 3.0 * bytes as f64 / 1e6;
    print!("{mb:.1} MB scanned, {n} names; wall {wall:.3} s = {:.1} MB/s", mb / wall);
    match (cpu0, cpu_seconds()) {
        (Some(a), Some(b)) => println!("; CPU {:.3} s = {:.1} MB/s", b - a, mb / (b - a)),
        _ => println!(),
    }
}
