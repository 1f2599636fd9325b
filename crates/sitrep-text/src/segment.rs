//! Cuts a page into title, article, source-link lines, reader comments and
//! boilerplate.

use sitrep_core::{Document, Segment, SegmentKind, Span};

/// Fills `doc.segments` for a plain-text page. (Placeholder: one article.)
pub fn segment(doc: &mut Document) {
    if doc.segments.is_empty() && !doc.text.is_empty() {
        doc.segments.push(Segment::new(SegmentKind::Article, Span::new(0, doc.text.len())));
    }
}
