//! Memory stays bounded by the largest accepted document, whatever the
//! input: these cases read inputs of hundreds of megabytes (written to a
//! temporary directory here, streaming) and check the process's peak
//! resident memory against a bound set per case.
//!
//! The peak is read from `/proc/self/status` (VmHWM) after resetting it
//! through `/proc/self/clear_refs`, so the cases run one after another in
//! a single test (the only test in this binary); on a system without
//! those files the bounds are not checked, only the errors.

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_read::{read_inputs, InputFormat, ReadOptions};
use std::io::Write;
use std::path::Path;

const MB: usize = 1 << 20;

fn peak_kb() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn rss_kb() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Reads `path`, returning (documents, total body bytes, error reasons) and
/// checking the peak memory growth against `bound` bytes.
fn read_within(path: &Path, options: ReadOptions, bound: usize, case: &str) -> (usize, usize, Vec<String>) {
    let measured = reset_peak();
    let before = rss_kb();
    let mut docs = 0;
    let mut bytes = 0;
    let mut errors = Vec::new();
    for item in read_inputs(vec![path.to_string_lossy().into_owned()], options) {
        match item {
            Ok(d) => {
                docs += 1;
                bytes += d.body.len();
            }
            Err(e) => errors.push(e.reason),
        }
    }
    if let (true, Some(before), Some(peak)) = (measured, before, peak_kb()) {
        let grew = peak.saturating_sub(before) * 1024;
        eprintln!("{case}: peak memory grew by {} MB (bound {} MB)", grew / MB, bound / MB);
        assert!(grew <= bound, "{case}: peak memory grew by {grew} bytes, over the bound of {bound}");
    }
    (docs, bytes, errors)
}

fn write_streaming(path: &Path, parts: impl IntoIterator<Item = Vec<u8>>) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for p in parts {
        f.write_all(&p).unwrap();
    }
    f.flush().unwrap();
}

fn warc_response(uri: &str, html_len: usize) -> Vec<u8> {
    let body = "<p>text</p>".repeat(html_len / 11);
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T10:00:00Z\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

#[test]
fn memory_is_bounded_by_the_largest_document() {
    let dir = std::env::temp_dir().join(format!("sitrep-read-memory-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let chunk = "abcdefghij".repeat(MB / 10);

    // A 100 MB JSONL line, accepted: held once (line buffer = body).
    let p = dir.join("line100.jsonl");
    write_streaming(
        &p,
        std::iter::once(b"{\"id\": \"big\", \"text\": \"".to_vec())
            .chain((0..100).map(|_| chunk.clone().into_bytes()))
            .chain(std::iter::once(b"\"}\n{\"text\": \"small\"}\n".to_vec())),
    );
    let opts = ReadOptions { max_doc_bytes: 128 * MB, ..ReadOptions::default() };
    let (docs, bytes, errors) = read_within(&p, opts, 150 * MB, "100 MB JSONL line");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs, 2);
    assert_eq!(bytes, 100 * chunk.len() + "small".len());
    std::fs::remove_file(&p).unwrap();

    // A 200 MB JSONL line over the limit: skipped, never held.
    let p = dir.join("line200.jsonl");
    write_streaming(
        &p,
        std::iter::once(b"{\"text\": \"".to_vec())
            .chain((0..200).map(|_| chunk.clone().into_bytes()))
            .chain(std::iter::once(b"\"}\n{\"text\": \"after\"}\n".to_vec())),
    );
    let (docs, _, errors) = read_within(&p, ReadOptions::default(), 48 * MB, "200 MB JSONL line over the limit");
    assert_eq!((docs, errors.len()), (1, 1), "{errors:?}");
    std::fs::remove_file(&p).unwrap();

    // A 1 GB gzip bomb read as one text document: stops at the limit.
    let p = dir.join("bomb.txt.gz");
    {
        let f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        let mut e = GzEncoder::new(f, Compression::fast());
        let zeros = vec![b'a'; MB];
        for _ in 0..1024 {
            e.write_all(&zeros).unwrap();
        }
        e.finish().unwrap().flush().unwrap();
    }
    let opts = ReadOptions { max_doc_bytes: 8 * MB, ..ReadOptions::default() };
    let (docs, _, errors) = read_within(&p, opts, 24 * MB, "1 GB gzip bomb");
    assert_eq!((docs, errors.len()), (0, 1));
    std::fs::remove_file(&p).unwrap();

    // A 300 MB WARC of 3,000 pages: one record at a time.
    let p = dir.join("many.warc");
    write_streaming(&p, (0..3000).map(|i| warc_response(&format!("http://example.com/{i}"), 100_000)));
    let (docs, _, errors) = read_within(&p, ReadOptions::default(), 16 * MB, "300 MB WARC");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs, 3000);
    std::fs::remove_file(&p).unwrap();

    // One 200 MB page in a WARC, over the limit: skipped without being held.
    let p = dir.join("huge-record.warc");
    write_streaming(
        &p,
        [warc_response("http://example.com/huge", 200 * MB), warc_response("http://example.com/after", 1000)],
    );
    let (docs, _, errors) = read_within(&p, ReadOptions::default(), 16 * MB, "200 MB WARC record over the limit");
    assert_eq!((docs, errors.len()), (1, 1), "{errors:?}");
    assert!(errors[0].starts_with("document of "), "{errors:?}");
    std::fs::remove_file(&p).unwrap();

    // Forced JSONL over a 50 MB file of one line without a newline.
    let p = dir.join("noline.txt");
    write_streaming(&p, (0..50).map(|_| chunk.clone().into_bytes()));
    let opts = ReadOptions { format: Some(InputFormat::Jsonl), max_doc_bytes: 4 * MB };
    let (docs, _, errors) = read_within(&p, opts, 16 * MB, "50 MB line without a newline");
    assert_eq!((docs, errors.len()), (0, 1));

    std::fs::remove_dir_all(&dir).unwrap();
}
