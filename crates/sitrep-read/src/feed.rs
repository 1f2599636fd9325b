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
    let mut bytes = space_emails(as_utf8(bytes));
    hide_play_times(&mut bytes);
    // feed-rs and quick-xml have been seen to panic on damaged input (see
    // as_utf8, space_emails and hide_play_times); a panic there is that
    // input's error, not the end of the run.
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

/// Puts a space between an e-mail address and a non-ASCII character right
/// before or after it. feed-rs 3.0 splits an author field such as
/// `ed@example.com (Ed)` around the address by slicing one byte past it,
/// which panics when that character is longer than a byte (found by
/// fuzzing). Only such places change.
fn space_emails(bytes: Vec<u8>) -> Vec<u8> {
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

/// Renames, in place, the markup through which feed-rs reads a "normal
/// play time": the element `duration` (`itunes:duration`) and the
/// attributes `start`, `end` (`media:text`) and `time` (`media:thumbnail`)
/// become `_uration`, `_tart`, `_nd` and `_ime`, which feed-rs ignores.
///
/// feed-rs 3.0 parses such a time with `unwrap`s (`parser/util/mod.rs`,
/// `parse_npt`): it panics on a number too large for a `u64`, and on any
/// digit outside ASCII, since its pattern's `\d` matches every Unicode
/// digit (`<itunes:duration>٣٠:٠٠</itunes:duration>` in an Arabic
/// podcast). Found by fuzzing. sitrep keeps no play time, so nothing is
/// lost; the names are changed wherever they stand as quick-xml would read
/// them (an element name, after `<` or `</` and any prefix; an attribute
/// name, after white space or a quote and before `=` and a quote), with no
/// guess about the document's structure, so character references in the
/// value, CDATA or comments cannot get round it. A change inside text
/// (markup in a CDATA section) only renames a tag or attribute there.
fn hide_play_times(bytes: &mut [u8]) {
    let space = |b: u8| b" \t\r\n".contains(&b);
    let element_at = |bytes: &[u8], p: usize, len: usize| -> bool {
        if !bytes.get(p + len).is_none_or(|&b| space(b) || b == b'>' || b == b'/') {
            return false;
        }
        // Back over `</`, `<` or a prefix such as `<itunes:`.
        let mut i = p;
        if i > 0 && bytes[i - 1] == b':' {
            while i > 0 && !space(bytes[i - 1]) && bytes[i - 1] != b'<' && bytes[i - 1] != b'>' {
                i -= 1;
            }
        } else if i > 0 && bytes[i - 1] == b'/' {
            i -= 1;
        }
        i > 0 && bytes[i - 1] == b'<'
    };
    let attribute_at = |bytes: &[u8], p: usize, len: usize| -> bool {
        if p == 0 || !(space(bytes[p - 1]) || bytes[p - 1] == b'"' || bytes[p - 1] == b'\'') {
            return false;
        }
        let mut j = p + len;
        while bytes.get(j).is_some_and(|&b| space(b)) {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            return false;
        }
        j += 1;
        while bytes.get(j).is_some_and(|&b| space(b)) {
            j += 1;
        }
        bytes.get(j).is_some_and(|&b| b == b'"' || b == b'\'')
    };
    let mut at = Vec::new();
    for p in memchr::memmem::find_iter(bytes, b"duration") {
        if element_at(bytes, p, 8) {
            at.push(p);
        }
    }
    for word in [&b"start"[..], b"end", b"time"] {
        for p in memchr::memmem::find_iter(bytes, word) {
            if attribute_at(bytes, p, word.len()) {
                at.push(p);
            }
        }
    }
    for p in at {
        bytes[p] = b'_';
    }
}

fn is_html(media: &str) -> bool {
    let m = media.to_ascii_lowercase();
    m.contains("html")
}

/// The feed decoded to UTF-8 (by its byte-order mark, else the encoding its
/// XML declaration names, else UTF-8; bytes that do not decode become
/// U+FFFD rather than refusing the feed), with no XML declaration left in
/// it that names another encoding.
///
/// quick-xml 0.42 switches its decoder when feed-rs hands it a declaration's
/// encoding and asserts (panics) when that happens after its first buffer
/// of input, which damaged feeds reach in many ways: a second declaration,
/// one hidden where a scanner would take it for an attribute value or a
/// comment, one after a broken tag (found by fuzzing, again and again). Once
/// the text is UTF-8 there is nothing left to switch to: every `<?xml`
/// that quick-xml would read as a declaration naming another encoding
/// becomes the processing instruction `<?XML`, which feed-rs ignores. The
/// test is quick-xml's own reading of the declaration (from `<?xml` and
/// white space to the first `?>`, as its parser delimits one), applied to
/// every occurrence wherever it stands, so no guess about the document's
/// structure is involved.
fn as_utf8(mut bytes: Vec<u8>) -> Vec<u8> {
    use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
    let (encoding, skip) = match Encoding::for_bom(&bytes) {
        Some(bom) => bom,
        // UTF-16 without a byte-order mark, as quick-xml recognises it.
        None if bytes.starts_with(b"<\0?\0") => (UTF_16LE, 0),
        None if bytes.starts_with(b"\0<\0?") => (UTF_16BE, 0),
        None => {
            let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
            let declared = declared_encoding(&bytes, start)
                .filter(|e| !matches!(e.name(), "UTF-16LE" | "UTF-16BE" | "replacement"));
            (declared.unwrap_or(UTF_8), 0)
        }
    };
    bytes = if encoding == UTF_8 && std::str::from_utf8(&bytes[skip..]).is_ok() {
        if skip > 0 {
            bytes.drain(..skip);
        }
        bytes
    } else {
        encoding.decode_without_bom_handling(&bytes[skip..]).0.into_owned().into_bytes()
    };
    // Renaming one declaration cannot make another one appear or change
    // what another one says (both spellings are one attribute-name token to
    // quick-xml), but the loop checks again until nothing changes.
    loop {
        let foreign: Vec<usize> = memchr::memmem::find_iter(&bytes, b"<?xml")
            .filter(|&p| declared_encoding(&bytes, p).is_some_and(|e| e != UTF_8))
            .collect();
        if foreign.is_empty() {
            return bytes;
        }
        for p in foreign {
            bytes[p + 2..p + 5].copy_from_slice(b"XML");
        }
    }
}

/// The encoding named by an XML declaration starting at `at`, read the way
/// quick-xml reads it: `<?xml`, white space, up to the first `?>`.
fn declared_encoding(bytes: &[u8], at: usize) -> Option<&'static encoding_rs::Encoding> {
    use quick_xml::events::{BytesDecl, BytesStart};
    let rest = bytes.get(at..)?;
    if !rest.starts_with(b"<?xml") || !rest.get(5).is_some_and(|b| b" \t\r\n".contains(b)) {
        return None;
    }
    let end = memchr::memmem::find(&rest[5..], b"?>")? + 5;
    let content = String::from_utf8_lossy(&rest[2..end]);
    BytesDecl::from_start(BytesStart::from_content(content.as_ref(), 3)).encoder()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn play_time_markup_is_renamed_and_nothing_else() {
        let mut feed = b"<itunes:duration>1</itunes:duration><duration/><media:text start=\"1\" end = '2'>\
<media:thumbnail\ttime=\"3\"/> <description>Talks start at the end; time = 5 a/duration/b \
<content duration=\"9\" started=\"x\" xstart=\"y\"/></description>"
            .to_vec();
        hide_play_times(&mut feed);
        assert_eq!(
            String::from_utf8(feed).unwrap(),
            "<itunes:_uration>1</itunes:_uration><_uration/><media:text _tart=\"1\" _nd = '2'>\
<media:thumbnail\t_ime=\"3\"/> <description>Talks start at the end; time = 5 a/duration/b \
<content duration=\"9\" started=\"x\" xstart=\"y\"/></description>"
        );
    }

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
    fn a_feed_is_decoded_by_its_declaration_or_byte_order_mark() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><item>\
<title>caf\xe9 talks</title></item></channel></rss>";
        let docs = read_feed(latin1.to_vec(), "f.xml").unwrap();
        assert_eq!(docs[0].as_ref().unwrap().title.as_deref(), Some("caf\u{e9} talks"));

        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><item>\
<title>\u{041c}\u{0438}\u{0440} talks</title></item></channel></rss>";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let docs = read_feed(utf16, "f16.xml").unwrap();
        assert_eq!(docs[0].as_ref().unwrap().title.as_deref(), Some("\u{041c}\u{0438}\u{0440} talks"));
    }

    #[test]
    fn declarations_naming_another_encoding_are_renamed_wherever_they_stand() {
        // A declaration that does not close before the next tag runs to the
        // first `?>`, as quick-xml reads it (such input made it panic).
        let feed = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"\xff>\n<?xml-stylesheet href=\"s.css\"?>\n<rdf:RDF/>";
        let out = as_utf8(feed.to_vec());
        assert!(out.starts_with(b"<?XML version=\"1.0\" encoding=\"ISO-8859-1\"\xc3\xbf>"));
        // One that names UTF-8, or is text, stays as it is.
        let same = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><![CDATA[<?xmlfoo encoding=\"latin1\"?>]]></rss>";
        assert_eq!(as_utf8(same.to_vec()), same);
        let late = as_utf8(b"<rss><title>a</title><?xml version='1.0' encoding='koi8-r'?></rss>".to_vec());
        assert_eq!(late, b"<rss><title>a</title><?XML version='1.0' encoding='koi8-r'?></rss>");
    }

    #[test]
    fn a_feed_that_does_not_parse_is_one_error() {
        let e = read_feed(b"<rss version=\"2.0\"><channel><item><title>a</title><description>cut".to_vec(), "f.xml")
            .unwrap_err();
        assert!(e.to_string().starts_with("f.xml: not a readable feed"), "{e}");
    }
}
