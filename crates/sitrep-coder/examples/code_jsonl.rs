//! Codes a JSONL file of `{id, text, date}` lines and prints the events,
//! one per line: the coder alone, without the rest of the binary (used
//! while developing the coder).

use std::io::{BufRead, Write};

fn main() {
    let path = std::env::args().next_back().unwrap_or_default();
    let lex = sitrep_lexicon::Lexicon::load_default().expect("lexicon");
    let coder = sitrep_coder::Coder::new(&lex);
    let f = std::fs::File::open(&path).expect("open");
    let out = std::io::stdout();
    let mut out = out.lock();
    for line in std::io::BufReader::new(f).lines() {
        let line = line.expect("line");
        let v: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => continue,
        };
        let mut doc = sitrep_text::build_text_document(v["text"].as_str().unwrap_or(""));
        doc.source_id = v["id"].as_str().map(str::to_string);
        doc.date = v["date"].as_str().map(str::to_string);
        coder.code(&mut doc);
        for e in &doc.events {
            serde_json::to_writer(&mut out, e).expect("write");
            out.write_all(b"\n").expect("write");
        }
    }
}
