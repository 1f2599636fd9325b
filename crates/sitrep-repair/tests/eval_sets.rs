//! The project's bars on the shared evaluation sets, checked with the
//! library as the scorers in `../shared/eval/scorers` check the binary:
//!
//! - ftfy's own test cases (all files but `known-failures.json`, cases
//!   marked "pass"): at least 95% equal to `fixed-encoding` or `fixed`,
//!   quotes straightened on both sides (repair keeps them curly);
//! - the mojibake benchmark: at least 99% exact lines on variants 0, 1, 2
//!   and 4, at least 80% on the lossy variant 3.
//!
//! The sets are read at run time; nothing of them is in the repository.

use std::path::PathBuf;

fn eval_dir(name: &str) -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval")).join(name)
}

fn straight(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect()
}

#[test]
fn ftfy_cases_pass() {
    let mut total = 0;
    let mut ok = 0;
    let mut misses = Vec::new();
    for file in ["in-the-wild.json", "synthetic.json", "negative.json", "language-names.json"] {
        let path = eval_dir("ftfy").join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cases: Vec<serde_json::Value> = serde_json::from_str(&text).expect("ftfy cases are JSON");
        for c in cases.iter().filter(|c| c["expect"] == "pass") {
            let original = c["original"].as_str().unwrap_or_default();
            let got = straight(&sitrep_repair::repair(original).text);
            total += 1;
            let wants = [c.get("fixed-encoding"), c.get("fixed")];
            if wants.iter().flatten().filter_map(|w| w.as_str()).any(|w| straight(w) == got) {
                ok += 1;
            } else {
                misses.push(c["label"].as_str().unwrap_or_default().to_string());
            }
        }
    }
    assert!(total > 100);
    assert!(ok * 100 >= total * 95, "ftfy cases: {ok}/{total}; missed: {misses:#?}");
}

#[test]
fn mojibake_benchmark_lines() {
    let dir = eval_dir("mojibake");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    let (moji, reference, variants) = (read("mojibake.txt"), read("reference.txt"), read("variant.txt"));
    let repaired = sitrep_repair::repair(&moji).text;
    let out: Vec<&str> = repaired.split('\n').collect();
    let refs: Vec<&str> = reference.split('\n').collect();
    assert_eq!(out.len(), moji.split('\n').count(), "line breaks must be kept");
    let mut n = [0usize; 5];
    let mut ok = [0usize; 5];
    for (i, v) in variants.split('\n').enumerate() {
        let Ok(v) = v.parse::<usize>() else { continue };
        if v >= 5 {
            continue;
        }
        n[v] += 1;
        if out.get(i) == refs.get(i) {
            ok[v] += 1;
        }
    }
    let frac: Vec<f64> = (0..5).map(|v| ok[v] as f64 / n[v].max(1) as f64).collect();
    for v in [0, 1, 2, 4] {
        assert!(frac[v] >= 0.99, "variant {v}: {:.3} ({frac:?})", frac[v]);
    }
    assert!(frac[3] >= 0.80, "lossy variant 3: {:.3} ({frac:?})", frac[3]);
}
