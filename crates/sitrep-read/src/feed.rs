//! News feeds (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed): one document per
//! item, with the item's link, date, title and author.
//!
//! Parsing is done by `feed-rs`, which copes with the many dialects and
//! date formats real feeds use; this module chooses what sitrep keeps of
//! each item. The text is the item's full content (`content:encoded`,
//! Atom `content`, JSON Feed `content_html`/`content_text`), else its
//! summary or description, else its title, so that a headline-only feed
//! still gives something to code. HTML content is marked as HTML so that
//! the extraction stage turns it into text.
//!
//! A feed is one XML or JSON document, so it is read whole, up to the
//! document limit. `feed-rs` (through quick-xml) does not expand entities
//! declared in a DTD, so a billion-laughs feed costs nothing, and it refuses
//! nesting deeper than 65,535 elements without recursing on the stack.

use crate::{BodyKind, InputFormat, RawDoc, ReadError};
use std::collections::VecDeque;

/// Parses a whole feed into its items' documents.
pub(crate) fn read_feed(bytes: Vec<u8>, path: &str) -> Result<VecDeque<Result<RawDoc, ReadError>>, ReadError> {
    let bytes = space_emails(utf8_or_lossy(bytes));
    if let Err(reason) = check_xml_declaration(&bytes) {
        return Err(ReadError::file(path, format!("not a readable feed: {reason}")));
    }
    // quick-xml (under feed-rs) has been seen to panic on damaged input that
    // the check above does not catch; a panic there is that input's error,
    // not the end of the run.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| feed_rs::parser::parse(&bytes[..])))
        .map_err(|_| {
            ReadError::file(path, "not a readable feed: the feed parser failed on it (a panic in feed-rs or quick-xml)")
        })?;
    let feed = parsed.map_err(|e| {
        let e = e.to_string();
        let reason = if e.contains("no root element") {
            "not a feed: no RSS, Atom, RDF or JSON Feed root".to_string()
        } else {
            format!("not a readable feed: {e}")
        };
        ReadError::file(path, reason)
    })?;
    let mut out = VecDeque::with_capacity(feed.entries.len());
    for (i, entry) in feed.entries.into_iter().enumerate() {
        let label = format!("item {}", i + 1);
        let title = entry.title.map(|t| t.content).filter(|t| !t.trim().is_empty());
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone());
        let body = entry
            .content
            .and_then(|c| {
                let html = is_html(c.content_type.as_ref());
                c.body.filter(|b| !b.trim().is_empty()).map(|b| (b, html))
            })
            .or_else(|| {
                entry.summary.filter(|s| !s.content.trim().is_empty()).map(|s| {
                    let html = is_html(s.content_type.as_ref());
                    (s.content, html)
                })
            })
            .or_else(|| {
                entry.media.iter().find_map(|m| {
                    m.description.as_ref().filter(|d| !d.content.trim().is_empty()).map(|d| {
                        let html = is_html(d.content_type.as_ref());
                        (d.content.clone(), html)
                    })
                })
            });
        let (body, html) = match (body, &title) {
            (Some(b), _) => b,
            (None, Some(t)) => (t.clone(), false),
            (None, None) => {
                out.push_back(Err(ReadError {
                    path: path.to_string(),
                    record: Some(label),
                    reason: "feed item has no title, content or summary".to_string(),
                }));
                continue;
            }
        };
        let kind = if html { BodyKind::Html } else { BodyKind::Text };
        let mut doc = RawDoc::new(path, InputFormat::Feed, kind, body.into_bytes());
        doc.origin.record = Some(label);
        doc.charset = Some("utf-8".to_string());
        doc.id = Some(entry.id).filter(|s| !s.is_empty());
        doc.url = url;
        doc.date = entry.published.or(entry.updated).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        doc.title = title;
        let authors: Vec<String> =
            entry.authors.into_iter().filter_map(|p| p.name).filter(|n| !n.trim().is_empty()).collect();
        doc.author = (!authors.is_empty()).then(|| authors.join(", "));
        out.push_back(Ok(doc));
    }
    Ok(out)
}

/// An XML declaration must close (`?>`) before anything else starts;
/// quick-xml panics on some that do not.
fn check_xml_declaration(bytes: &[u8]) -> Result<(), String> {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = &start[start.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(start.len())..];
    let is_decl = start.starts_with(b"<?xml") && start.get(5).is_some_and(|b| b.is_ascii_whitespace());
    if !is_decl {
        return misplaced_declaration(start, 0);
    }
    let close = memchr::memmem::find(start, b"?>");
    let next_tag = memchr::memchr(b'<', &start[1..]).map(|i| i + 1);
    match (close, next_tag) {
        (Some(c), Some(t)) if c < t => misplaced_declaration(start, c + 2),
        (Some(c), None) => misplaced_declaration(start, c + 2),
        _ => Err("malformed XML declaration (no ?> before the next tag)".to_string()),
    }
}

/// Refuses an XML declaration after the start of the document (outside
/// comments and CDATA sections): XML allows one only at the start, and
/// quick-xml panics on one that names another encoding (found by fuzzing).
fn misplaced_declaration(xml: &[u8], from: usize) -> Result<(), String> {
    let find = memchr::memmem::find;
    let mut i = from;
    while let Some(p) = xml.get(i..).and_then(|rest| memchr::memchr(b'<', rest)).map(|p| p + i) {
        let rest = &xml[p..];
        i = if rest.starts_with(b"<!--") {
            find(&rest[4..], b"-->").map_or(xml.len(), |e| p + 4 + e + 3)
        } else if rest.starts_with(b"<![CDATA[") {
            find(&rest[9..], b"]]>").map_or(xml.len(), |e| p + 9 + e + 3)
        } else if rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"<?xml") && rest[5].is_ascii_whitespace() {
            return Err(format!("an XML declaration at byte {p} (allowed only at the start)"));
        } else {
            end_of_tag(xml, p)
        };
    }
    Ok(())
}

/// Where the tag starting at `p` ends (past its `>`, quoted attribute
/// values skipped, so that a `<![CDATA[` in one is not taken for a
/// section), or `p + 1` when `<` starts no tag. Like quick-xml, a `<`
/// inside a tag does not end it (`<ur<!-- x>` is one tag, not a comment).
fn end_of_tag(xml: &[u8], p: usize) -> usize {
    if !xml.get(p + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'/' || *b == b'?') {
        return p + 1;
    }
    // A processing instruction runs to `?>`, quotes or not.
    if xml[p + 1] == b'?' {
        return memchr::memmem::find(&xml[p + 2..], b"?>").map_or(xml.len(), |e| p + 2 + e + 2);
    }
    let mut quote = None;
    for (k, &b) in xml.iter().enumerate().skip(p + 1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return k + 1,
            _ => {}
        }
    }
    xml.len()
}

/// Puts a space between an e-mail address and a non-ASCII character right
/// before or after it. feed-rs 3.0 splits an author field such as
/// `ed@example.com (Ed)` around the address by slicing one byte past it,
/// which panics when that character is longer than a byte (found by
/// fuzzing). Only such places change; UTF-16 feeds are left alone.
fn space_emails(bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return bytes;
    }
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    let mut at: Vec<usize> = Vec::new();
    for a in memchr::memchr_iter(b'@', &bytes) {
        let mut i = a;
        while i > 0 && local(bytes[i - 1]) {
            i -= 1;
        }
        if bytes[..i].ends_with(b"mailto:") {
            i -= 7;
        }
        if bytes[..i].ends_with(b"<[(") {
            i -= 3;
        } else if bytes[..i].ends_with(b"&lt;[(") {
            i -= 6;
        }
        // The text around a CDATA section joins it once parsed.
        if bytes[..i].ends_with(b"<![CDATA[") {
            i -= 9;
        }
        let mut j = a + 1;
        while j < bytes.len() && domain(bytes[j]) {
            j += 1;
        }
        if bytes[j..].starts_with(b">])") {
            j += 3;
        } else if bytes[j..].starts_with(b"&gt;])") {
            j += 6;
        }
        if bytes[j..].starts_with(b"]]>") {
            j += 3;
        }
        // A character reference (`&#8364;`) may stand for such a character.
        if i > 0 && i < a && (bytes[i - 1] >= 0x80 || bytes[i - 1] == b';') {
            at.push(i);
        }
        if j > a + 1 && j < bytes.len() && (bytes[j] >= 0x80 || bytes[j] == b'&') {
            at.push(j);
        }
    }
    if at.is_empty() {
        return bytes;
    }
    at.sort_unstable();
    at.dedup();
    let mut out = Vec::with_capacity(bytes.len() + at.len());
    let mut from = 0;
    for p in at {
        out.extend_from_slice(&bytes[from..p]);
        out.push(b' ');
        from = p;
    }
    out.extend_from_slice(&bytes[from..]);
    out
}

fn is_html(media: &str) -> bool {
    let m = media.to_ascii_lowercase();
    m.contains("html")
}

/// A feed that says (or implies) UTF-8 but holds invalid bytes is read
/// with those bytes replaced rather than rejected whole; a feed that
/// declares another encoding is left for the XML parser to decode.
fn utf8_or_lossy(bytes: Vec<u8>) -> Vec<u8> {
    if std::str::from_utf8(&bytes).is_ok() {
        return bytes;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_ascii_lowercase();
    let declared_other = head
        .find("encoding=")
        .map(|i| &head[i + 9..])
        .map(|rest| rest.trim_start_matches(['"', '\'']))
        .is_some_and(|enc| !enc.starts_with("utf-8") && !enc.starts_with("utf8"));
    if declared_other || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        bytes
    } else {
        String::from_utf8_lossy(&bytes).into_owned().into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_documents() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>
<item><title>Talks resume</title><link>https://news.example/a</link><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
<description>Short &lt;b&gt;teaser&lt;/b&gt;</description><content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded><author>ed@example.com (Ed Itor)</author></item>
<item><title>Headline only</title></item>
<item></item>
</channel></rss>"#;
        let docs = read_feed(rss.to_vec(), "f.xml").unwrap();
        assert_eq!(docs.len(), 3);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.title.as_deref(), Some("Talks resume"));
        assert_eq!(a.url.as_deref(), Some("https://news.example/a"));
        assert_eq!(a.date.as_deref(), Some("2003-06-10T04:00:00Z"));
        assert_eq!(a.body, b"<p>Full text.</p>");
        assert_eq!(a.kind, BodyKind::Html);
        assert_eq!(a.origin.record.as_deref(), Some("item 1"));
        let b = docs[1].as_ref().unwrap();
        assert_eq!((b.body.as_slice(), b.kind), (&b"Headline only"[..], BodyKind::Text));
        let c = docs[2].as_ref().unwrap_err();
        assert_eq!(c.to_string(), "f.xml: item 3: feed item has no title, content or summary");
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let rss = b"<rss version=\"2.0\"><channel><item><title>caf\xe9 talks</title><description>x</description></item></channel></rss>";
        let docs = read_feed(rss.to_vec(), "f.xml").unwrap();
        assert_eq!(docs[0].as_ref().unwrap().title.as_deref(), Some("caf\u{FFFD} talks"));
    }

    #[test]
    fn a_broken_xml_declaration_is_refused_before_parsing() {
        // Such input made quick-xml panic ("set_encoding() called after
        // prefix buffer was drained").
        let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"\xff>\n<?xml-stylesheet href=\"s.css\"?>\n<rdf:RDF></rdf:RDF>";
        let e = read_feed(feed.to_vec(), "f.rdf").unwrap_err();
        assert_eq!(e.reason, "not a readable feed: malformed XML declaration (no ?> before the next tag)");
        assert!(check_xml_declaration(b"<?xml version=\"1.0\"?><rss/>").is_ok());
        assert!(check_xml_declaration(b"<rss/>").is_ok());
    }

    #[test]
    fn a_feed_that_does_not_parse_is_one_error() {
        let e = read_feed(b"<rss version=\"2.0\"><channel><item><title>a</title><description>cut".to_vec(), "f.xml")
            .unwrap_err();
        assert!(e.to_string().starts_with("f.xml: not a readable feed"), "{e}");
    }
}
