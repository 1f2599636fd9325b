//! Bad input, generated here (no committed binaries): each case must give
//! a one-line error naming the file (and record) and the reason, never a
//! panic, and the inputs after it must still be read.

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_read::{read_inputs, BodyKind, InputFormat, RawDoc, ReadError, ReadOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("sitrep-read-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    }

    /// A known-good document to read after the bad one.
    fn good(&self) -> String {
        self.file("good.txt", b"The ministry said talks would resume on Monday.\n")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(paths: Vec<String>, options: ReadOptions) -> (Vec<RawDoc>, Vec<ReadError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for item in read_inputs(paths, options) {
        match item {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        let line = e.to_string();
        assert!(!line.contains('\n'), "error is not one line: {line:?}");
        assert!(line.starts_with(&e.path), "{line}");
    }
    (docs, errors)
}

fn limit(bytes: usize) -> ReadOptions {
    ReadOptions { max_doc_bytes: bytes, ..ReadOptions::default() }
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// `n` bytes of `fill` gzipped without holding them: a gzip bomb.
fn gz_bomb(path: &Path, n: usize, fill: u8) {
    let f = std::fs::File::create(path).unwrap();
    let mut e = GzEncoder::new(std::io::BufWriter::new(f), Compression::fast());
    let chunk = vec![fill; 1 << 20];
    for _ in 0..n >> 20 {
        e.write_all(&chunk).unwrap();
    }
    e.finish().unwrap().flush().unwrap();
}

fn assert_good_read(docs: &[RawDoc]) {
    assert!(
        docs.iter().any(|d| d.origin.path.ends_with("good.txt") && d.body.starts_with(b"The ministry")),
        "the good file after the bad one was not read"
    );
}

fn warc_record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    warc_record_len(kind, uri, block, block.len())
}

fn warc_record_len(kind: &str, uri: &str, block: &[u8], claimed: usize) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {claimed}\r\n\r\n"
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_page(body: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}", body.len())
        .into_bytes()
}

#[test]
fn empty_files() {
    let s = Scratch::new("empty");
    let paths =
        vec![s.file("empty.txt", b""), s.file("empty.txt.gz", &gz(b"")), s.file("blank.html", b"  \n\n"), s.good()];
    let (docs, errors) = run(paths, ReadOptions::default());
    let reasons: Vec<&str> = errors.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(reasons, ["empty file", "empty file (gzip holds nothing)", "no text (only white space)"]);
    assert_eq!(docs.len(), 1);
    assert_good_read(&docs);
    // Empty containers give nothing and say so.
    let (docs, errors) = run(
        vec![s.file("e.jsonl", b"\n\n"), s.file("e.warc", b""), s.file("e.csv", b"\r\n\n")],
        ReadOptions::default(),
    );
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].reason, "empty file");
    assert_eq!(errors[1].reason, "no header row (nothing but blank lines)");
}

#[test]
fn binary_files_and_nul_bytes() {
    let s = Scratch::new("binary");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    let nul = b"Some words\0\0\0\0 then NUL bytes\0\0\0\0\0 and more".to_vec();
    let noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 24) as u8).collect();
    let paths = vec![s.file("image.png", &png), s.file("nul.txt", &nul), s.file("noise.bin", &noise), s.good()];
    let (docs, errors) = run(paths, ReadOptions::default());
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].reason.contains("a PNG image"));
    assert_eq!(errors[1].reason, "binary file: NUL byte at offset 10, not text");
    assert!(errors[2].reason.starts_with("binary file:"));
    assert_eq!(docs.len(), 1);
    assert_good_read(&docs);
    // NUL bytes in a JSONL line's text are rejected by JSON itself.
    let (docs, errors) =
        run(vec![s.file("n.jsonl", b"{\"text\": \"a\0b\"}\n{\"text\": \"ok\"}\n")], ReadOptions::default());
    assert_eq!(docs.len(), 1);
    assert_eq!(errors[0].record.as_deref(), Some("line 1"));
    assert!(errors[0].reason.starts_with("invalid JSON: control character"), "{}", errors[0]);
}

#[test]
fn over_the_limit_documents_are_refused_without_being_read() {
    let s = Scratch::new("limit");
    let big = s.file("big.txt", &b"word ".repeat(50_000));
    let (docs, errors) = run(vec![big, s.good()], limit(100_000));
    assert_eq!(errors[0].reason, "document of 250000 bytes is over the limit of 100000 bytes");
    assert_good_read(&docs);
}

#[test]
fn a_200_mb_single_line() {
    let s = Scratch::new("longline");
    let path = s.0.join("one-line.txt");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let chunk = b"x".repeat(1 << 20);
        for _ in 0..200 {
            f.write_all(&chunk).unwrap();
        }
    }
    let p = path.to_string_lossy().into_owned();
    // As text (one document): refused from its size.
    let (docs, errors) = run(vec![p.clone(), s.good()], ReadOptions::default());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].reason, format!("document of {} bytes is over the limit of {} bytes", 200 << 20, 32 << 20));
    assert_good_read(&docs);
    // As JSONL: the line is skipped to its end, never held whole.
    let opts = ReadOptions { format: Some(InputFormat::Jsonl), ..ReadOptions::default() };
    let (docs, errors) = run(vec![p.clone()], opts);
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].reason, format!("line of 209715200 bytes is over the limit of {} bytes; skipped", 32 << 20));
    // As CSV: a header row that long is refused without being held.
    let opts = ReadOptions { format: Some(InputFormat::Csv), ..ReadOptions::default() };
    let (docs, errors) = run(vec![p], opts);
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].reason,
        format!("header row of 209715200 bytes is over the limit of {} bytes; not read", 32 << 20)
    );
}

#[test]
fn invalid_utf8_in_every_input_kind() {
    let s = Scratch::new("utf8");
    // Text and HTML keep their bytes: decoding comes later.
    let latin1 = s.file("latin1.txt", b"Caf\xe9 cr\xe8me and na\xefve talks.\n");
    let html = s.file("page.html", b"<html><body><p>Caf\xe9 \xff\xfe</p></body></html>");
    let (docs, errors) = run(vec![latin1, html], ReadOptions::default());
    assert!(errors.is_empty());
    assert_eq!(docs[0].body, b"Caf\xe9 cr\xe8me and na\xefve talks.\n");
    assert_eq!(docs[1].kind, BodyKind::Html);
    // JSONL: that line is an error; its neighbours are read.
    let jsonl = s.file("x.jsonl", b"{\"text\": \"one\"}\n{\"text\": \"t\xe9o\"}\n{\"text\": \"three\"}\n");
    let (docs, errors) = run(vec![jsonl], ReadOptions::default());
    assert_eq!(docs.iter().map(|d| d.body.as_slice()).collect::<Vec<_>>(), [&b"one"[..], b"three"]);
    assert_eq!(errors[0].to_string(), format!("{}: line 2: invalid UTF-8 at byte 11", s.0.join("x.jsonl").display()));
    // CSV: the text keeps its bytes, the other fields have them replaced.
    let csv = s.file("x.csv", b"title,text\nCaf\xe9,Caf\xe9 talks\n");
    let (docs, errors) = run(vec![csv], ReadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!((docs[0].title.as_deref(), docs[0].body.as_slice()), (Some("Caf\u{FFFD}"), &b"Caf\xe9 talks"[..]));
    // A feed that says UTF-8 but is not: read with the bad bytes replaced.
    let feed = s.file(
        "f.rss",
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><item><title>Caf\xe9</title><description>x</description></item></channel></rss>",
    );
    let (docs, errors) = run(vec![feed], ReadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs[0].title.as_deref(), Some("Caf\u{FFFD}"));
    // A WARC with Latin-1 in a header and in the page: the page is kept.
    let mut warc = warc_record("response", "http://example.com/caf\u{e9}", &http_page("ok"));
    warc.splice(40..40, b"X-Odd: \xe9\xff\r\n".iter().copied());
    let mut page = http_page("<p>Caf");
    page.extend_from_slice(b"\xe9</p>");
    warc.extend(warc_record("response", "http://example.com/2", &page));
    let (docs, errors) = run(vec![s.file("x.warc", &warc)], ReadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 2);
    assert!(docs[1].body.ends_with(b"Caf\xe9</p>"));
}

#[test]
fn truncated_gzip() {
    let s = Scratch::new("truncgz");
    let mut text = gz(&b"Talks resumed in Doha on Monday. ".repeat(2000));
    text.truncate(text.len() / 2);
    let mut jsonl = Vec::new();
    for i in 0..200 {
        jsonl.extend_from_slice(
            format!("{{\"id\": \"{i}\", \"text\": \"document number {i} {}\"}}\n", "padding ".repeat(40)).as_bytes(),
        );
    }
    let mut jsonl_gz = gz(&jsonl);
    jsonl_gz.truncate(jsonl_gz.len() * 2 / 3);
    let mut warc = Vec::new();
    for i in 0..20 {
        warc.extend(gz(&warc_record(
            "response",
            &format!("http://example.com/{i}"),
            &http_page(&"<p>page</p>".repeat(300)),
        )));
    }
    let cut = warc.len() - 100;
    warc.truncate(cut);
    let paths = vec![s.file("t.txt.gz", &text), s.file("j.jsonl.gz", &jsonl_gz), s.file("w.warc.gz", &warc), s.good()];
    let (docs, errors) = run(paths, ReadOptions::default());
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(errors[0].reason.contains("gzip data ends early (truncated file)"), "{}", errors[0]);
    assert!(errors[1].record.as_deref().unwrap().starts_with("line "));
    assert!(errors[2].record.as_deref().unwrap().starts_with("record 20 (gzip member at offset "), "{}", errors[2]);
    let jsonl_docs = docs.iter().filter(|d| d.origin.format == "jsonl").count();
    assert!(jsonl_docs > 50 && jsonl_docs < 200, "{jsonl_docs}");
    assert_eq!(docs.iter().filter(|d| d.origin.format == "warc").count(), 19);
    assert_good_read(&docs);
}

#[test]
fn a_corrupt_gzip_member_is_skipped_and_the_next_read() {
    let s = Scratch::new("corruptgz");
    let mut warc = Vec::new();
    for i in 0..5 {
        let mut m =
            gz(&warc_record("response", &format!("http://example.com/{i}"), &http_page(&"<p>text</p>".repeat(200))));
        if i == 2 {
            let n = m.len();
            for b in &mut m[20..n - 20] {
                *b ^= 0x5A;
            }
        }
        warc.extend(m);
    }
    let (docs, errors) = run(vec![s.file("c.warc.gz", &warc)], ReadOptions::default());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].record.as_deref().unwrap().starts_with("record 3 (gzip member at offset "), "{}", errors[0]);
    let urls: Vec<_> = docs.iter().map(|d| d.url.clone().unwrap()).collect();
    assert_eq!(urls, ["http://example.com/0", "http://example.com/1", "http://example.com/3", "http://example.com/4"]);
}

#[test]
fn gzip_bombs_stop_at_the_limit() {
    let s = Scratch::new("bomb");
    // 256 MB of spaces in a file of about 250 KB.
    let bomb = s.0.join("bomb.txt.gz");
    gz_bomb(&bomb, 256 << 20, b'a');
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 << 20);
    let (docs, errors) = run(vec![bomb.to_string_lossy().into_owned(), s.good()], limit(8 << 20));
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].reason,
        format!("document of more than {} (decompressed) bytes is over the limit of {} bytes", 8 << 20, 8 << 20)
    );
    assert_good_read(&docs);

    // Inside a WARC: an HTTP payload with Content-Encoding: gzip.
    let payload = {
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(&vec![b' '; 64 << 20]).unwrap();
        e.finish().unwrap()
    };
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    block.extend_from_slice(&payload);
    let mut warc = warc_record("response", "http://example.com/bomb", &block);
    warc.extend(warc_record("response", "http://example.com/fine", &http_page("<p>fine</p>")));
    let (docs, errors) = run(vec![s.file("b.warc", &warc)], limit(8 << 20));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].record.as_deref(), Some("record 1 (offset 0)"));
    assert_eq!(errors[0].reason, format!("gzip payload decompresses to more than the limit of {} bytes", 8 << 20));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].url.as_deref(), Some("http://example.com/fine"));
}

#[test]
fn warc_content_length_lies() {
    let s = Scratch::new("lies");
    let page = |i: usize| http_page(&format!("<html><body><p>page {i}</p></body></html>"));
    let uri = |i: usize| format!("http://example.com/{i}");
    let mut warc = Vec::new();
    warc.extend(warc_record("response", &uri(0), &page(0)));
    // Too long: claims 500 bytes more, swallowing the start of record 3.
    warc.extend(warc_record_len("response", &uri(1), &page(1), page(1).len() + 500));
    warc.extend(warc_record("response", &uri(2), &page(2)));
    warc.extend(warc_record("response", &uri(3), &page(3)));
    // Too short: 10 bytes of the page stick out after the block.
    warc.extend(warc_record_len("response", &uri(4), &page(4), page(4).len() - 10));
    warc.extend(warc_record("response", &uri(5), &page(5)));
    // Not a number.
    warc.extend(warc_record("response", &uri(6), &page(6)));
    let at = warc.len() - page(6).len() - 4 - 4;
    let cl = format!("Content-Length: {}", page(6).len());
    let hdr_at = warc[..at].windows(cl.len()).rposition(|w| w == cl.as_bytes()).unwrap();
    warc.splice(hdr_at..hdr_at + cl.len(), b"Content-Length: lots".iter().copied());
    warc.extend(warc_record("response", &uri(7), &page(7)));
    // Past the end of the file, the page cut short.
    warc.extend(warc_record_len("response", &uri(8), &page(8), 1 << 20));
    warc.truncate(warc.len() - 20);
    let path = s.file("lies.warc", &warc);
    let (docs, errors) = run(vec![path, s.good()], ReadOptions::default());
    let got: Vec<_> = docs.iter().filter_map(|d| d.url.as_deref()).collect();
    assert_eq!(got, [uri(0), uri(2), uri(3), uri(5), uri(7)]);
    let reasons: Vec<String> = errors
        .iter()
        .map(|e| {
            format!("{}: {}", e.record.as_deref().unwrap().split(' ').take(2).collect::<Vec<_>>().join(" "), e.reason)
        })
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:#?}");
    assert!(
        reasons[0].starts_with("record 2: Content-Length ") && reasons[0].contains("overruns the record"),
        "{}",
        reasons[0]
    );
    assert!(reasons[1].starts_with("record 5: record does not end where Content-Length"), "{}", reasons[1]);
    assert_eq!(reasons[2], "record 7: bad Content-Length \"lots\"");
    assert!(reasons[3].starts_with("record 9: truncated: Content-Length is 1048576"), "{}", reasons[3]);
    assert_good_read(&docs);

    // A length past the end of the file around an HTTP message that is
    // whole (by its own Content-Length): the page is kept.
    let warc = warc_record_len("response", &uri(9), &page(9), 1 << 20);
    let (docs, errors) = run(vec![s.file("whole.warc", &warc)], ReadOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs[0].url.as_deref(), Some(uri(9).as_str()));
}

#[test]
fn warc_records_over_the_limit_are_skipped_not_held() {
    let s = Scratch::new("bigrec");
    let big_page = http_page(&"<p>long</p>".repeat(20_000));
    let mut image = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n".to_vec();
    image.extend(vec![0xFFu8; 300_000]);
    let mut warc = warc_record("response", "http://example.com/big", &big_page);
    warc.extend(warc_record("response", "http://example.com/image.jpg", &image));
    warc.extend(warc_record("response", "http://example.com/small", &http_page("<p>small</p>")));
    let (docs, errors) = run(vec![s.file("big.warc", &warc)], limit(100_000));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].reason, format!("document of {} bytes is over the limit of 100000 bytes", big_page.len()));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].url.as_deref(), Some("http://example.com/small"));

    // A record over a small limit but shorter than the look at its HTTP
    // head: the look stops at the record's end.
    let mut warc = warc_record("response", "http://example.com/five-k", &http_page(&"<p>5k</p>".repeat(500)));
    warc.extend(warc_record("response", "http://example.com/tiny", &http_page("<p>t</p>")));
    let (docs, errors) = run(vec![s.file("small-limit.warc", &warc)], limit(1000));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].record.as_deref(), Some("record 1 (offset 0)"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].url.as_deref(), Some("http://example.com/tiny"));
}

#[test]
fn garbage_between_records_is_skipped_with_one_error() {
    let s = Scratch::new("garbage");
    let mut warc = warc_record("response", "http://example.com/a", &http_page("<p>a</p>"));
    warc.extend_from_slice(b"this is not a record\nnor is this\n");
    warc.extend(warc_record("response", "http://example.com/b", &http_page("<p>b</p>")));
    warc.extend_from_slice(&[0xC3; 5000]);
    let (docs, errors) = run(vec![s.file("g.warc", &warc)], ReadOptions::default());
    assert_eq!(docs.len(), 2);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].reason.starts_with("expected a WARC record header, found \"this is not a record\""));
    assert!(errors[1].reason.starts_with("expected a WARC record header"), "{}", errors[1]);
}

#[test]
fn deep_nesting_and_billion_laughs_in_feeds() {
    let s = Scratch::new("feeds");
    let mut deep = String::from("<rss version=\"2.0\"><channel><item><title>t</title><description>");
    deep.push_str(&"<div>".repeat(100_000));
    deep.push_str(&"</div>".repeat(100_000));
    deep.push_str("</description></item></channel></rss>");
    let lol = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>Laughs &lol9;</title><description>x &lol9; y</description></item></channel></rss>"#;
    let year9999 = r#"<rss version="2.0"><channel><item><title>Far future</title><pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate><description>d</description></item></channel></rss>"#;
    let paths = vec![
        s.file("deep.rss", deep.as_bytes()),
        s.file("lol.rss", lol.as_bytes()),
        s.file("y.rss", year9999.as_bytes()),
        s.good(),
    ];
    // Run on a thread with a small stack: nesting must not recurse.
    let (docs, errors) = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || run(paths, ReadOptions::default()))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].path.ends_with("deep.rss"));
    assert!(errors[0].reason.contains("deeper than the supported limit"), "{}", errors[0]);
    let laughs = docs.iter().find(|d| d.path_is("lol.rss")).unwrap();
    assert!(laughs.body.len() < 100, "entities must not be expanded: {} bytes", laughs.body.len());
    let future = docs.iter().find(|d| d.path_is("y.rss")).unwrap();
    assert_eq!(future.date.as_deref(), Some("9999-12-31T23:59:59Z"));
    assert_good_read(&docs);
}

trait PathIs {
    fn path_is(&self, name: &str) -> bool;
}

impl PathIs for RawDoc {
    fn path_is(&self, name: &str) -> bool {
        self.origin.path.ends_with(name)
    }
}

#[test]
fn deep_nesting_in_jsonl_and_html_files() {
    let s = Scratch::new("deepjson");
    let deep_json = format!("{}\n{{\"text\": \"fine\"}}\n", "[".repeat(100_000));
    let deep_obj = format!("{{\"text\": \"a\", \"x\": {}}}\n", "{\"y\": ".repeat(100_000));
    let deep_html = "<div>".repeat(100_000);
    let paths = vec![
        s.file("d.jsonl", deep_json.as_bytes()),
        s.file("o.jsonl", deep_obj.as_bytes()),
        s.file("d.html", deep_html.as_bytes()),
    ];
    let (docs, errors) = run(paths, ReadOptions::default());
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].reason, "not a JSON object");
    assert!(errors[1].reason.starts_with("invalid JSON"), "{}", errors[1]);
    // The reader hands HTML on as bytes; parsing it is the next stage's job.
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].kind, BodyKind::Html);
}

#[test]
fn unreadable_and_missing_paths() {
    let s = Scratch::new("missing");
    let missing = s.0.join("nope.txt").to_string_lossy().into_owned();
    let (docs, errors) = run(vec![missing.clone(), s.good()], ReadOptions::default());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, missing);
    assert!(errors[0].reason.contains("No such file"));
    assert_good_read(&docs);
}
