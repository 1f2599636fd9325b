//! # sitrep-text: from a raw document to a segmented `Document`
//!
//! This crate ties the text stages together. [`build_document`] takes a
//! [`sitrep_read::RawDoc`] and returns a [`sitrep_core::Document`] with its
//! repaired text and the layers every later stage needs:
//!
//! - decoding and mojibake repair (`sitrep-repair`), every change recorded;
//! - for HTML, the article, metadata and comments (`sitrep-html`);
//! - [`segment`]: title, article, source-link lines, reader comments,
//!   boilerplate, also for plain-text scrapes of comment threads;
//! - [`sentence`]s and [`token`]s with byte offsets;
//! - [`links`]: every URL with its segment, and the document's own URL.

pub mod links;
pub mod segment;
pub mod sentence;
pub mod token;

use sitrep_core::{content_hash, Document};
use sitrep_read::{BodyKind, RawDoc};

/// Builds the document: decode, repair, extract, segment, split.
pub fn build_document(raw: RawDoc) -> Document {
    let decoded = sitrep_repair::decode(&raw.body, raw.charset.as_deref());
    let text = match raw.kind {
        BodyKind::Html => {
            let ex = sitrep_html::extract(&decoded.text, raw.url.as_deref());
            ex.article.into_iter().map(|b| b.text).collect::<Vec<_>>().join("\n\n")
        }
        BodyKind::Text => decoded.text,
    };
    let repaired = sitrep_repair::repair(&text);
    let mut doc = Document {
        id: content_hash(&[raw.url.as_deref().unwrap_or("").as_bytes(), &raw.body]),
        source_id: raw.id,
        url: raw.url,
        title: raw.title,
        author: raw.author,
        date: raw.date,
        text: repaired.text,
        repairs: repaired.repairs,
        origin: raw.origin,
        ..Default::default()
    };
    doc.origin.charset = Some(decoded.charset.to_string());
    segment::segment(&mut doc);
    sentence::split_document(&mut doc);
    token::tokenize_document(&mut doc);
    links::find_document_links(&mut doc);
    doc
}
