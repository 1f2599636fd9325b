//! # sitrep-text: from a raw document to a segmented `Document`
//!
//! This crate ties the text stages together. [`build_document`] takes a
//! [`sitrep_read::RawDoc`] and returns a [`sitrep_core::Document`] with its
//! repaired text and the layers every later stage needs:
//!
//! - decoding (the container's charset, else the page's `<meta charset>`,
//!   else detection) and mojibake repair (`sitrep-repair`), every change
//!   recorded as a [`sitrep_core::Repair`] whose offset points into the
//!   final [`Document::text`];
//! - for HTML, the article, metadata and comments (`sitrep-html`), composed
//!   into one text: title, article blocks (a blank line between blocks),
//!   then each comment, one segment per part;
//! - for plain text, [`segment`]: title, article, source-link lines, reader
//!   comments and boilerplate of a scraped page;
//! - [`sentence`]s and [`token`]s with byte offsets;
//! - [`links`]: every URL with its segment, and the document's own URL.
//!
//! Metadata comes from the container first (JSONL fields, WARC headers,
//! feed items), then from the page (HTML metadata, a plain-text page's
//! headline, byline and source-URL line). The document id is the content
//! hash of the final text, so the same text read twice is the same
//! document.
//!
//! ```
//! use sitrep_core::SegmentKind;
//! use sitrep_read::{BodyKind, InputFormat, RawDoc};
//! let page = "Talks resume in Geneva\n\nNegotiators met again on Monday.\n";
//! let doc = sitrep_text::build_document(RawDoc::new("page.txt", InputFormat::Text, BodyKind::Text, page.into()));
//! assert_eq!(doc.segments[0].kind, SegmentKind::Title);
//! assert_eq!(doc.title.as_deref(), Some("Talks resume in Geneva"));
//! assert_eq!(doc.sentences.len(), 2);
//! ```

pub mod links;
pub mod segment;
pub mod sentence;
pub mod token;

use sitrep_core::{content_hash, Document, Repair, Segment, SegmentKind, Span};
use sitrep_read::{BodyKind, RawDoc};

/// Builds the document: decode, repair, extract or segment, split, tokenize,
/// find links.
pub fn build_document(raw: RawDoc) -> Document {
    let declared = raw.charset.clone().or_else(|| match raw.kind {
        BodyKind::Html => sitrep_html::sniff_charset(&raw.body),
        BodyKind::Text => None,
    });
    let decoded = sitrep_repair::decode(&raw.body, declared.as_deref());
    let mut doc = Document {
        source_id: raw.id,
        url: clean_meta(raw.url),
        title: clean_meta(raw.title).map(|t| repair_line(&t)),
        author: clean_meta(raw.author).map(|a| repair_line(&a)),
        date: clean_meta(raw.date),
        origin: raw.origin,
        ..Default::default()
    };
    doc.origin.charset = Some(decoded.charset.to_string());
    match raw.kind {
        BodyKind::Html => build_html(&mut doc, &decoded.text),
        BodyKind::Text => build_text(&mut doc, &decoded.text),
    }
    finish(&mut doc);
    doc
}

/// The text stage on text that is already decoded: repair, segment,
/// sentences, tokens, links. What [`build_document`] does for plain text,
/// for callers (and benchmarks) that hold a `&str`.
pub fn build_text_document(text: &str) -> Document {
    let mut doc = Document::default();
    build_text(&mut doc, text);
    finish(&mut doc);
    doc
}

fn finish(doc: &mut Document) {
    sentence::split_document(doc);
    token::tokenize_document(doc);
    links::find_document_links(doc);
    doc.id = content_hash(&[doc.text.as_bytes()]);
}

/// Empty metadata is no metadata.
fn clean_meta(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Repairs a metadata string (title, author) that is not part of the text.
fn repair_line(s: &str) -> String {
    sitrep_repair::repair(s).text
}

/// Plain text: repair the whole text, then segment the repaired text, so
/// repair offsets and segment spans point into the same `doc.text`.
fn build_text(doc: &mut Document, text: &str) {
    let repaired = sitrep_repair::repair(text);
    doc.text = repaired.text;
    doc.repairs = repaired.repairs;
    segment::segment(doc);
}

/// HTML: extract, then compose the text from the repaired parts.
fn build_html(doc: &mut Document, html: &str) {
    let ex = sitrep_html::extract(html, doc.url.as_deref());
    compose_html(doc, ex);
}

/// The document from what the extractor found: metadata the container did
/// not give, and the text composed from title, article and comments.
fn compose_html(doc: &mut Document, ex: sitrep_html::Extracted) {
    let page_title = clean_meta(ex.title);
    if doc.url.is_none() {
        doc.url = clean_meta(ex.canonical_url);
    }
    if doc.author.is_none() {
        doc.author = clean_meta(ex.author).map(|a| repair_line(&a));
    }
    if doc.date.is_none() {
        doc.date = clean_meta(ex.date);
    }
    // The title segment is the page's own headline; the document's title
    // is the container's if it gave one.
    let title = page_title.or_else(|| doc.title.clone());
    if doc.title.is_none() {
        doc.title = title.clone();
    }
    let mut article: Vec<&str> = ex.article.iter().map(|b| b.text.trim()).filter(|t| !t.is_empty()).collect();
    let mut composer = Composer::default();
    if let Some(t) = &title {
        // A page whose article opens with its own headline has it once,
        // as the title.
        if article.first().is_some_and(|first| first.eq_ignore_ascii_case(t.trim())) {
            article.remove(0);
        }
        composer.part(SegmentKind::Title, t.trim(), None);
    }
    if !article.is_empty() {
        composer.part(SegmentKind::Article, &article.join("\n\n"), None);
    }
    for c in &ex.comments {
        composer.part(SegmentKind::Comment, c.text.trim(), clean_meta(c.author.clone()).map(|a| repair_line(&a)));
    }
    doc.text = composer.text;
    doc.repairs = composer.repairs;
    doc.segments = composer.segments;
}

/// Builds a text from parts, repairing each and recording where it went.
#[derive(Default)]
struct Composer {
    text: String,
    repairs: Vec<Repair>,
    segments: Vec<Segment>,
}

impl Composer {
    fn part(&mut self, kind: SegmentKind, raw: &str, author: Option<String>) {
        if raw.is_empty() {
            return;
        }
        let repaired = sitrep_repair::repair(raw);
        let piece = repaired.text.trim_end();
        let lead = piece.len() - piece.trim_start().len();
        let piece = piece.trim_start();
        if piece.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let start = self.text.len();
        self.text.push_str(piece);
        let end = self.text.len();
        for mut r in repaired.repairs {
            // Repairs in trimmed-away whitespace cannot point into the text.
            if r.offset >= lead && r.offset - lead <= piece.len() {
                r.offset = r.offset - lead + start;
                self.repairs.push(r);
            }
        }
        self.segments.push(Segment { kind, span: Span::new(start, end), author });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_read::InputFormat;

    fn raw(body: &str, kind: BodyKind) -> RawDoc {
        RawDoc::new("t", InputFormat::Text, kind, body.as_bytes().to_vec())
    }

    #[test]
    fn container_metadata_wins_and_page_fills_the_rest() {
        let mut r =
            raw("Floods hit the north\n\nHeavy rain flooded towns.\nhttps://page.example/floods\n", BodyKind::Text);
        r.url = Some("https://container.example/a".into());
        let doc = build_document(r);
        assert_eq!(doc.url.as_deref(), Some("https://container.example/a"));
        assert_eq!(doc.title.as_deref(), Some("Floods hit the north"));
        let doc = build_document(raw(
            "Floods hit the north\n\nHeavy rain flooded towns.\nhttps://page.example/floods\n",
            BodyKind::Text,
        ));
        assert_eq!(doc.url.as_deref(), Some("https://page.example/floods"));
    }

    fn block(text: &str) -> sitrep_html::Block {
        sitrep_html::Block { kind: sitrep_html::BlockKind::Paragraph, text: text.into() }
    }

    #[test]
    fn html_parts_become_one_segment_each() {
        let ex = sitrep_html::Extracted {
            title: Some("Talks resume in Geneva".into()),
            author: Some("Ann Lee".into()),
            date: Some("2024-03-05".into()),
            canonical_url: Some("https://bugle.example/talks".into()),
            article: vec![
                block("Talks resume in Geneva"),
                block("Negotiators met on Tuesday. Both sides spoke."),
                block("A spokesman said talks go on."),
            ],
            comments: vec![
                sitrep_html::Comment {
                    author: Some("ann_k".into()),
                    date: None,
                    text: "Finally. See https://x.example/a".into(),
                },
                sitrep_html::Comment { author: None, date: None, text: "  ".into() },
                sitrep_html::Comment { author: None, date: None, text: "Meh".into() },
            ],
            ..Default::default()
        };
        let mut doc = Document::default();
        compose_html(&mut doc, ex);
        finish(&mut doc);
        let parts: Vec<(SegmentKind, &str)> = doc.segments.iter().map(|s| (s.kind, doc.slice(s.span))).collect();
        assert_eq!(
            parts,
            vec![
                (SegmentKind::Title, "Talks resume in Geneva"),
                (
                    SegmentKind::Article,
                    "Negotiators met on Tuesday. Both sides spoke.\n\nA spokesman said talks go on."
                ),
                (SegmentKind::Comment, "Finally. See https://x.example/a"),
                (SegmentKind::Comment, "Meh"),
            ][..]
        );
        assert_eq!(doc.segments[2].author.as_deref(), Some("ann_k"));
        assert_eq!(doc.url.as_deref(), Some("https://bugle.example/talks"));
        assert_eq!(doc.author.as_deref(), Some("Ann Lee"));
        assert_eq!(doc.date.as_deref(), Some("2024-03-05"));
        assert_eq!(doc.title.as_deref(), Some("Talks resume in Geneva"));
        // Blocks are paragraphs: the article's sentences do not cross them.
        let article: Vec<&str> = doc.sentences.iter().filter(|s| s.segment == 1).map(|s| doc.slice(s.span)).collect();
        assert_eq!(article.len(), 3);
        assert_eq!(doc.links.len(), 1);
        assert_eq!(doc.link_role(&doc.links[0]), "citation");
    }

    #[test]
    fn container_metadata_wins_over_the_page() {
        let ex = sitrep_html::Extracted {
            title: Some("Page headline".into()),
            canonical_url: Some("https://page.example/".into()),
            article: vec![block("Body.")],
            ..Default::default()
        };
        let mut doc = Document {
            url: Some("https://feed.example/item".into()),
            title: Some("Feed title".into()),
            ..Default::default()
        };
        compose_html(&mut doc, ex);
        assert_eq!(doc.url.as_deref(), Some("https://feed.example/item"));
        assert_eq!(doc.title.as_deref(), Some("Feed title"));
        // The text still opens with the page's own headline.
        assert!(doc.text.starts_with("Page headline\n\nBody."));
    }

    #[test]
    fn id_is_the_content_hash_of_the_text() {
        let a = build_document(raw("Same text.", BodyKind::Text));
        let mut r = raw("Same text.", BodyKind::Text);
        r.url = Some("https://elsewhere.example/".into());
        let b = build_document(r);
        assert_eq!(a.id, b.id);
        assert_eq!(a.id, content_hash(&[b"Same text."]));
        assert_ne!(a.id, build_document(raw("Other text.", BodyKind::Text)).id);
    }

    #[test]
    fn composer_keeps_parts_apart_and_spans_exact() {
        let mut c = Composer::default();
        c.part(SegmentKind::Title, "A title", None);
        c.part(SegmentKind::Article, "Para one.\n\nPara two.", None);
        c.part(SegmentKind::Comment, "  ", None);
        c.part(SegmentKind::Comment, "Nice.", Some("ann".into()));
        assert_eq!(c.text, "A title\n\nPara one.\n\nPara two.\n\nNice.");
        let texts: Vec<&str> = c.segments.iter().map(|s| &c.text[s.span.start..s.span.end]).collect();
        assert_eq!(texts, vec!["A title", "Para one.\n\nPara two.", "Nice."]);
        assert_eq!(c.segments[2].author.as_deref(), Some("ann"));
    }

    #[test]
    fn every_layer_points_into_the_text() {
        let doc = build_text_document("Title here\n\nBody one is a longer line of article text. Body two.\n.....\nhttps://x.example/a\n.....\nNice https://y.example/b\nMeh.\n");
        for s in &doc.segments {
            assert!(doc.text.get(s.span.start..s.span.end).is_some());
        }
        for s in &doc.sentences {
            assert!(doc.segments[s.segment].span.contains(s.span));
        }
        for t in &doc.tokens {
            assert!(doc.text.get(t.span.start..t.span.end).is_some_and(|x| !x.trim().is_empty()));
        }
        assert_eq!(doc.links.len(), 2);
        assert_eq!(doc.segments[doc.links[1].segment].kind, SegmentKind::Comment);
        assert_eq!(doc.url.as_deref(), Some("https://x.example/a"));
    }
}
