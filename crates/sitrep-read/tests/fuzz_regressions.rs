//! Inputs the fuzzers (fuzz/, see docs/fuzzing.md) found to crash, cut
//! down by hand. Each must now read without any panic, caught or not: a
//! panic hook counts them, because a panic caught inside the reader is
//! still a bug that aborts a fuzzer and costs the input its documents.

use sitrep_read::{read_stream, ReadOptions};
use std::sync::atomic::{AtomicUsize, Ordering};

static PANICS: AtomicUsize = AtomicUsize::new(0);

fn read(name: &str, bytes: &[u8]) -> (usize, Vec<String>) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        default(info);
    }));
    let mut docs = 0;
    let mut errors = Vec::new();
    for item in read_stream(name, Box::new(std::io::Cursor::new(bytes.to_vec())), ReadOptions::default()) {
        match item {
            Ok(_) => docs += 1,
            Err(e) => errors.push(e.to_string()),
        }
    }
    (docs, errors)
}

/// fuzz targets `analyze` and `feed`, 2026-11-27: an XML declaration
/// naming another encoding after quick-xml's first buffer made it panic in
/// `set_encoding` (under feed-rs); sitrep-read caught the panic, the fuzzer
/// did not. A scan that refused misplaced declarations was got round five
/// times (below); now the feed is decoded to UTF-8 first and every such
/// declaration, wherever it stands, is renamed, so the feed is read.
#[test]
fn an_xml_declaration_naming_another_encoding_anywhere() {
    let cases: [(&str, &[u8], usize); 7] = [
        // A second declaration.
        ("second.xml", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
<title>t</title>\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n\
<entry><title>Talks resume</title><content>The envoy arrived.</content></entry></feed>\n", 1),
        // Behind a `<![CDATA[` inside an attribute value.
        ("hidden.xml", b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link href=\"x<![CDATA[y\"/>\
<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><item><title>A</title></item></channel></rss>", 1),
        // In a feed with no declaration at the start.
        ("late.xml", b"<rss version=\"2.0\"><channel><title>T</title>\
<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><item><title>A</title></item></channel></rss>", 1),
        // After a comment opener inside a damaged tag (part of the tag for quick-xml).
        ("in-tag.xml", b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><ur<!-- x>\
<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?> --><item><title>A</title></item></channel></rss>", 0),
        // Inside a processing instruction whose quotes do not pair up.
        ("in-pi.xml", b"<?xml version=\"1.0\"?><?xml-stylesheet href=\"x<?xml version=\"1.0\" encoding=\"utf-8\"?>\
<rss version=\"2.0\"><channel><title>T</title><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\
<item><title>A</title></item></channel></rss>", 1),
        // After binary bytes and NULs in the middle of a feed.
        ("binary.xml", b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\
<id>x</id>\xff\xff\x008\x00\x00<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\
<entry><title>A</title></entry></feed>", 1),
        // Inside CDATA or a comment it is text.
        ("ok.xml", b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><!-- <?xml version=\"1.0\" encoding=\"latin1\"?> -->\
<item><title>A</title><description><![CDATA[<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?> The envoy arrived.]]></description></item></channel></rss>", 1),
    ];
    for (name, feed, want) in cases {
        let (docs, errors) = read(name, feed);
        assert_eq!(PANICS.load(Ordering::SeqCst), 0, "{name}: a panic, caught or not");
        assert_eq!(docs, want, "{name}: {errors:?}");
        assert!(errors.iter().all(|e| e.starts_with(name)), "{name}: {errors:?}");
    }
}

/// fuzz target `feed`, 2026-11-27: feed-rs 3.0 splits an author field
/// around its e-mail address by slicing one byte past it, which panicked
/// on a character of more than one byte right after the address; the
/// whole feed was refused.
#[test]
fn an_author_address_next_to_a_multibyte_character() {
    for author in [
        "ed@example.com\u{20ac} Ed Itor",
        "Ed Itor long name \u{fffd}ed@example.com",
        "&lt;[(ed@example.com&gt;])\u{e9}x",
        "ed@example.com&#8364; Ed Itor",
        "<![CDATA[ed@example.com]]>\u{119}Ed",
        "Ed Itor long name\u{119}<![CDATA[ed@example.com]]>",
        "Ed Itor long name&#8364;ed@example.com",
    ] {
        let feed = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>A</title>\
             <author>{author}</author><description>The envoy arrived.</description></item></channel></rss>"
        );
        let (docs, errors) = read("author.xml", feed.as_bytes());
        assert_eq!(PANICS.load(Ordering::SeqCst), 0, "{author}: a panic, caught or not");
        assert_eq!((docs, errors.len()), (1, 0), "{author}: {errors:?}");
    }
}

/// fuzz target `csv`, 2026-11-27: a header whose text column name was
/// damaged left the title standing for the text, copied lossily; each bad
/// byte became three bytes of U+FFFD and the document outgrew its row's
/// limit. The title's own bytes are the text now.
#[test]
fn a_csv_title_standing_for_the_text_stays_within_the_limit() {
    let mut csv = b"label,title,descriptio\x8a\r\n3,\"".to_vec();
    csv.extend(std::iter::repeat_n(b'\xff', 3000));
    csv.extend_from_slice(b"\",x\n");
    let options = sitrep_read::ReadOptions { format: Some(sitrep_read::InputFormat::Csv), max_doc_bytes: 4096 };
    let docs: Vec<_> = read_stream("f.csv", Box::new(std::io::Cursor::new(csv)), options).collect();
    assert_eq!(docs.len(), 1);
    let d = docs[0].as_ref().unwrap();
    assert_eq!(d.body.len(), 3000);
    assert!(d.body.len() <= 4096);
}

/// fuzz target `feed`, 2026-11-27 (third session): feed-rs 3.0 parses a
/// podcast's `itunes:duration`, and the times of `media:text` and
/// `media:thumbnail`, with `unwrap`s that panic on a number too large for
/// a `u64` and on digits outside ASCII; the whole feed was refused. The
/// found input had a 66-digit duration; the others are the same fault
/// reached another way.
#[test]
fn a_play_time_feed_rs_cannot_parse() {
    let itunes = "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"";
    let media = "xmlns:media=\"http://search.yahoo.com/mrss/\"";
    let long = "2".repeat(66);
    let cases = [
        format!("<itunes:duration>{long}</itunes:duration>"),
        format!("<itunes:duration>1:00:{long}</itunes:duration>"),
        "<itunes:duration>\u{663}\u{660}:\u{660}\u{660}</itunes:duration>".to_string(),
        "<itunes:duration>&#1635;&#1632;</itunes:duration>".to_string(),
        "<itunes:duration><![CDATA[99999999999999999999]]></itunes:duration>".to_string(),
        "<p:duration xmlns:p=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\u{663}</p:duration>".to_string(),
        "<duration xmlns=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\u{663}</duration>".to_string(),
        format!("<media:text start=\"{long}\" end = '&#1635;'>Transcript</media:text>"),
        "<media:thumbnail url=\"http://example.com/a.jpg\"\ttime=\"\u{663}\"/>".to_string(),
        format!("<media:group><media:thumbnail time=\"{long}.5\" url=\"http://example.com/a.jpg\"/></media:group>"),
    ];
    for (i, element) in cases.iter().enumerate() {
        let feed = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\" {itunes} {media}><channel><title>T</title><item>\
             <title>A</title>{element}<description>The envoy arrived.</description></item></channel></rss>"
        );
        let (docs, errors) = read("podcast.xml", feed.as_bytes());
        assert_eq!(PANICS.load(Ordering::SeqCst), 0, "case {i} ({element}): a panic, caught or not");
        assert_eq!((docs, errors.len()), (1, 0), "case {i} ({element}): {errors:?}");
    }
}
