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

    // Inside CDATA or a comment it is text, and the feed is read.
    let ok = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><!-- <?xml version=\"1.0\" encoding=\"latin1\"?> -->\
<item><title>A</title><description><![CDATA[<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?> The envoy arrived.]]></description></item></channel></rss>";
    let (docs, errors) = read("ok.xml", ok);
    assert_eq!(PANICS.load(Ordering::SeqCst), 0);
    assert_eq!((docs, errors.len()), (1, 0), "{errors:?}");
}
