//! # sitrep-core: the one `Document` every stage adds layers to
//!
//! sitrep turns scraped news into coded events. Every stage of that pipeline
//! (reading, repair, segmentation, mentions, events, storage) reads and
//! writes the same [`Document`]: one repaired text, and layers of byte
//! [`Span`]s into it. Because every annotation is an offset into the same
//! text, any layer can be shown against the original sentence, and no stage
//! re-parses what an earlier stage already found.
//!
//! This crate holds only the model and the ontology (PLOVER event types,
//! statuses, segment kinds, quad classes). It does no I/O and has no
//! opinions about how the layers are computed; that is the job of
//! `sitrep-text`, `sitrep-lexicon` and `sitrep-coder`.
//!
//! ```
//! use sitrep_core::{Document, Span, SegmentKind, Segment};
//! let mut doc = Document::from_text("North Korea will support Russia.");
//! doc.segments.push(Segment::new(SegmentKind::Article, Span::new(0, doc.text.len())));
//! assert_eq!(doc.slice(doc.segments[0].span), "North Korea will support Russia.");
//! ```

pub mod date;
pub mod document;
pub mod event;
pub mod ontology;
pub mod span;

pub use date::Date;
pub use document::{
    content_hash, Document, InputOrigin, Link, Mention, MentionKind, Outlet, Ownership, Quote, Repair, Segment,
    Sentence, Token, TokenKind,
};
pub use event::{ActorRef, Cue, Event, Explanation, Figure, Magnitude, Place};
pub use ontology::{EventType, Quad, SegmentKind, Status};
pub use span::Span;
