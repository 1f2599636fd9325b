//! Good text must be left alone: real news text in UTF-8 (BBC, Guardian
//! with Turkish and French names, Reuters) goes through repair unchanged,
//! apart from the HTML character references some of it carries. The
//! corpora are read at run time from `../shared/corpus`.

use std::path::{Path, PathBuf};

fn corpus(dir: &str, field: &str) -> Vec<String> {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus")).join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    paths.sort();
    paths.iter().flat_map(|p: &PathBuf| read_field(p, field)).collect()
}

fn read_field(path: &Path, field: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v[field].as_str().map(str::to_string))
        .collect()
}

fn check(docs: &[String]) {
    assert!(!docs.is_empty());
    let mut changed = 0;
    for d in docs {
        let r = sitrep_repair::repair(d);
        for rep in &r.repairs {
            assert_eq!(rep.rule, "html-entity", "unexpected change {rep:?}");
        }
        if r.repairs.is_empty() {
            assert_eq!(&r.text, d);
        } else {
            changed += 1;
        }
    }
    // Character references are rare in these corpora (about 1% of BBC articles).
    assert!(changed * 20 < docs.len(), "{changed} of {} documents changed", docs.len());
}

#[test]
fn bbc_is_left_alone() {
    check(&corpus("bbc", "body"));
}

#[test]
fn guardian_is_left_alone() {
    check(&corpus("guardian-2019", "text"));
}

#[test]
fn reuters_is_left_alone() {
    check(&corpus("reuters21578", "body"));
}
