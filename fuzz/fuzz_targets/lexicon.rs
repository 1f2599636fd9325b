//! The lexicon file parser and validator: the first line names the file
//! (`states.tsv`, `people/x.tsv`, `patterns/x.tsv`, ...), the rest is its
//! text. Every problem must be an error with the file and line, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_lexicon::load::{load, SourceFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (rel, body) = text.split_once('\n').unwrap_or(("states.tsv", text));
    let file = SourceFile {
        rel: rel.to_string(),
        display: format!("fuzz/{rel}"),
        text: std::borrow::Cow::Owned(body.to_string()),
        layer: 1,
    };
    let loaded = load(&[file]);
    for e in &loaded.errors {
        let line = e.to_string();
        assert!(line.contains("fuzz/"), "an error without its file: {line}");
    }
});
