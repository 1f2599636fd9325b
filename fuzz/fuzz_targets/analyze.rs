//! The whole `analyze` path on arbitrary bytes: read (format sniffed from
//! the content), decode and repair, extract, segment, and code events with
//! the default lexicon, loaded once.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_lexicon::Lexicon;
use sitrep_read::{read_stream, ReadOptions};
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::load_default().expect("the default lexicon loads"))
}

fuzz_target!(|data: &[u8]| {
    let coder = sitrep_coder::Coder::new(lexicon());
    let options = ReadOptions { format: None, max_doc_bytes: 1 << 20 };
    for raw in read_stream("fuzz", Box::new(std::io::Cursor::new(data.to_vec())), options).flatten() {
        let mut doc = sitrep_text::build_document(raw);
        coder.code(&mut doc);
        for e in &doc.events {
            assert!(
                e.sentence < doc.sentences.len(),
                "event {} in sentence {} of {}",
                e.id,
                e.sentence,
                doc.sentences.len()
            );
        }
    }
});
