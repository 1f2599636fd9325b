//! Loads the default lexicon N times (default 5) and prints, for each, the
//! wall time and the CPU time of the process (Linux: /proc/self/stat, all
//! threads), which does not depend on other load on the machine. The
//! lexicons are kept, not dropped, as a process keeps its lexicon.

/// CPU time (user + system) of the whole process so far, in seconds (Linux).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = s.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let mut keep = Vec::new();
    for _ in 0..n {
        let cpu0 = cpu_seconds();
        let t = std::time::Instant::now();
        let l = sitrep_lexicon::Lexicon::load_default();
        let wall = t.elapsed();
        match (cpu0, cpu_seconds()) {
            (Some(a), Some(b)) => println!("wall {:.1} ms, CPU {:.0} ms", wall.as_secs_f64() * 1e3, (b - a) * 1e3),
            _ => println!("wall {:.1} ms", wall.as_secs_f64() * 1e3),
        }
        keep.push(l);
    }
    std::mem::forget(keep);
}
