//! The text stage (decode, repair, segment, sentences, tokens, links) on
//! arbitrary bytes as a plain-text document, or as an HTML one when the
//! input starts with `<`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_read::{BodyKind, InputFormat, RawDoc};

fuzz_target!(|data: &[u8]| {
    let (format, kind) = if data.first() == Some(&b'<') {
        (InputFormat::Html, BodyKind::Html)
    } else {
        (InputFormat::Text, BodyKind::Text)
    };
    let doc = sitrep_text::build_document(RawDoc::new("fuzz", format, kind, data.to_vec()));
    // Every layer's spans must lie inside the text on char boundaries.
    for s in &doc.sentences {
        assert!(doc.text.get(s.span.start..s.span.end).is_some(), "sentence {:?} outside the text", s.span);
    }
    for s in &doc.segments {
        assert!(doc.text.get(s.span.start..s.span.end).is_some(), "segment {:?} outside the text", s.span);
    }
});
