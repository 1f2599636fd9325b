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

/// fuzz target `analyze`, 2026-11-27: a second XML declaration naming
/// another encoding made quick-xml (under feed-rs) panic in
/// `set_encoding`; sitrep-read caught the panic, the fuzzer did not.
#[test]
fn a_second_xml_declaration_with_another_encoding() {
    let feed = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
<title>t</title>\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?>\n\
<entry><title>Talks resume</title><content>The envoy arrived.</content></entry></feed>\n";
    let (docs, errors) = read("feed.xml", feed);
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a panic, caught or not");
    assert_eq!(docs, 0);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("feed.xml: not a readable feed: an XML declaration at byte "), "{}", errors[0]);

    // fuzz target `feed`: a `<![CDATA[` inside an attribute value hid a
    // later declaration from the check.
    let hidden = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link href=\"x<![CDATA[y\"/>\
<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><item><title>A</title></item></channel></rss>";
    let (docs, errors) = read("hidden.xml", hidden);
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a panic, caught or not");
    assert_eq!((docs, errors.len()), (0, 1), "{errors:?}");
    assert!(errors[0].contains("an XML declaration at byte "), "{}", errors[0]);

    // fuzz target `feed`: and when the feed has no declaration at the start.
    let late = b"<rss version=\"2.0\"><channel><title>T</title>\
<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><item><title>A</title></item></channel></rss>";
    let (docs, errors) = read("late.xml", late);
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a panic, caught or not");
    assert_eq!((docs, errors.len()), (0, 1), "{errors:?}");
    assert!(errors[0].contains("an XML declaration at byte "), "{}", errors[0]);

    // fuzz target `feed`: a comment opener inside a damaged tag is part of
    // the tag for quick-xml, so it hides nothing.
    let in_tag = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><ur<!-- x>\
<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?> --><item><title>A</title></item></channel></rss>";
    let (_, errors) = read("in-tag.xml", in_tag);
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a panic, caught or not");
    assert_eq!(errors.len(), 1, "{errors:?}");

    // fuzz target `feed`: quotes do not pair up inside a processing
    // instruction, which runs to `?>`.
    let in_pi = b"<?xml version=\"1.0\"?><?xml-stylesheet href=\"x<?xml version=\"1.0\" encoding=\"utf-8\"?>\
<rss version=\"2.0\"><channel><title>T</title><?xml version=\"1.0\" encoding=\"ISO-8859-1\"?></channel></rss>";
    let (_, errors) = read("in-pi.xml", in_pi);
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a panic, caught or not");
    assert_eq!(errors.len(), 1, "{errors:?}");

    // Inside CDATA or a comment it is text, and the feed is read.
    let ok = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><!-- <?xml version=\"1.0\" encoding=\"latin1\"?> -->\
<item><title>A</title><description><![CDATA[<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?> The envoy arrived.]]></description></item></channel></rss>";
    let (docs, errors) = read("ok.xml", ok);
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
    assert_eq!((docs, errors.len()), (1, 0), "{errors:?}");
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
