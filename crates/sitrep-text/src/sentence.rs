//! Sentence boundaries with byte offsets.

use sitrep_core::{Document, Sentence, Span};

/// Splits `text[span]` into sentences. (Placeholder: split at ". ")
pub fn split(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let s = &text[span.start..span.end];
    let mut start = 0;
    for (i, _) in s.match_indices(". ") {
        out.push(Span::new(span.start + start, span.start + i + 1));
        start = i + 2;
    }
    if start < s.len() {
        out.push(Span::new(span.start + start, span.end));
    }
    out
}

/// Fills `doc.sentences` for every coded segment.
pub fn split_document(doc: &mut Document) {
    let mut out = Vec::new();
    for (i, seg) in doc.segments.iter().enumerate() {
        if seg.kind.is_coded() {
            out.extend(split(&doc.text, seg.span).into_iter().map(|span| Sentence { span, segment: i }));
        }
    }
    doc.sentences = out;
}
