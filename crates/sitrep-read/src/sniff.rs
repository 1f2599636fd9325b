//! Guesses an input's format from its first bytes and its name.
//!
//! Content comes first, because names lie (a `.txt` that is really HTML, a
//! WARC without its extension) and stdin has none. Clear signs in the
//! first bytes (a `WARC/1.x` header, an RSS root, a JSON object per line)
//! decide; when the content says only "some text", the extension decides;
//! failing both, weak hints (a `<p>` or `<div>` at the start) make it HTML,
//! and otherwise it is plain text.
//!
//! This module also recognises what is not text at all (images, archives,
//! executables, NUL-ridden bytes), so that such a file becomes one clear
//! error instead of a document of garbage.

use crate::InputFormat;
use memchr::memmem;

/// How much of an input is looked at to guess its format.
pub(crate) const SNIFF_LEN: usize = 4096;

/// The gzip magic number.
pub(crate) fn is_gzip(prefix: &[u8]) -> bool {
    prefix.starts_with(&[0x1f, 0x8b])
}

/// How sure a guess from content is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guess {
    Sure(InputFormat),
    Hint(InputFormat),
    Unknown,
}

/// The format of an input whose (decompressed) first bytes are `prefix`
/// and whose name is `name` (without a trailing `.gz`).
pub(crate) fn detect(prefix: &[u8], name: &str) -> InputFormat {
    match from_content(prefix) {
        Guess::Sure(f) => f,
        Guess::Hint(f) => from_extension(name).unwrap_or(f),
        Guess::Unknown => from_extension(name).unwrap_or(InputFormat::Text),
    }
}

/// The format an extension names, if any; `name` may end in `.gz`.
pub(crate) fn from_extension(name: &str) -> Option<InputFormat> {
    let lower = name.to_ascii_lowercase();
    let base = lower.strip_suffix(".gz").unwrap_or(&lower);
    let ext = base.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "warc" | "arc" => InputFormat::Warc,
        "jsonl" | "ndjson" | "json" => InputFormat::Jsonl,
        "rss" | "atom" | "rdf" | "xml" => InputFormat::Feed,
        "html" | "htm" | "xhtml" | "shtml" => InputFormat::Html,
        "txt" | "text" => InputFormat::Text,
        "csv" | "tsv" => InputFormat::Csv,
        _ => return None,
    })
}

fn from_content(prefix: &[u8]) -> Guess {
    let p = skip_bom_and_space(prefix);
    if p.starts_with(b"WARC/") || p.starts_with(b"filedesc://") {
        return Guess::Sure(InputFormat::Warc);
    }
    if p.starts_with(b"{") {
        // A JSON Feed is one object whose `version` names jsonfeed.org;
        // JSONL is one object per line.
        if memmem::find(p, b"\"version\"").is_some() && memmem::find(p, b"jsonfeed.org").is_some() {
            return Guess::Sure(InputFormat::Feed);
        }
        return Guess::Sure(InputFormat::Jsonl);
    }
    if p.starts_with(b"<") {
        let lower: Vec<u8> = p.iter().map(u8::to_ascii_lowercase).collect();
        let has = |needle: &[u8]| memmem::find(&lower, needle).is_some();
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            // An HTML page may mention `<feed` in a script; a feed's root
            // comes before any `<html`.
            let html_at = memmem::find(&lower, b"<html");
            let feed_at = [&b"<rss"[..], b"<feed", b"<rdf:rdf"].iter().filter_map(|n| memmem::find(&lower, n)).min();
            if html_at.is_none() || feed_at < html_at {
                return Guess::Sure(InputFormat::Feed);
            }
        }
        if lower.starts_with(b"<!doctype html") || has(b"<html") {
            return Guess::Sure(InputFormat::Html);
        }
        if lower.starts_with(b"<?xml") {
            // XML that is neither a known feed root nor XHTML: the feed
            // reader says what is wrong with it.
            return Guess::Hint(InputFormat::Feed);
        }
        const TAGS: [&[u8]; 10] =
            [b"<head", b"<body", b"<div", b"<p>", b"<p ", b"<meta", b"<title", b"<article", b"<!--", b"<table"];
        if TAGS.iter().any(|t| lower.starts_with(t)) {
            return Guess::Hint(InputFormat::Html);
        }
    }
    let first_line = &p[..memchr::memchr(b'\n', p).unwrap_or(p.len())];
    if crate::csv::looks_like_header(first_line.strip_suffix(b"\r").unwrap_or(first_line)) {
        return Guess::Hint(InputFormat::Csv);
    }
    Guess::Unknown
}

fn skip_bom_and_space(p: &[u8]) -> &[u8] {
    let p = p.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(p);
    let start = p.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(p.len());
    &p[start..]
}

/// Why `prefix` is not text, if it is not: a known binary format, or
/// control bytes that no text carries.
pub(crate) fn binary_reason(prefix: &[u8]) -> Option<String> {
    const MAGIC: [(&[u8], &str); 14] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF file"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x7FELF", "an ELF executable"),
        (b"\x28\xB5\x2F\xFD", "zstd-compressed data (decompress it first)"),
        (b"\x04\x22\x4D\x18", "LZ4-compressed data (decompress it first)"),
        (b"\xFD7zXZ\x00", "xz-compressed data (decompress it first)"),
        (b"BZh", "bzip2-compressed data (decompress it first)"),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
        (b"SQLite format 3\x00", "an SQLite database"),
        (b"RIFF", "a RIFF (audio/video/WebP) file"),
        (b"\x00\x00\x01\x00", "an icon file"),
    ];
    for (magic, what) in MAGIC {
        if prefix.starts_with(magic) {
            return Some(format!("binary file: {what}, not text"));
        }
    }
    if looks_utf16(prefix) {
        return None;
    }
    let controls =
        prefix.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1B)).count();
    // A stray control byte in a long text is damage the later stages cope
    // with; one in a hundred bytes is not text.
    if controls > 0 && controls * 100 >= prefix.len().max(1) {
        let first = prefix.iter().position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0B | 0x0C | 0x1B));
        let nul = prefix.iter().position(|&b| b == 0);
        return Some(match nul {
            Some(at) => format!("binary file: NUL byte at offset {at}, not text"),
            None => format!("binary file: control byte at offset {}, not text", first.unwrap_or(0)),
        });
    }
    None
}

/// UTF-16 (with or without a byte-order mark) has a NUL in every other
/// byte for Latin text; that is text, not binary.
fn looks_utf16(p: &[u8]) -> bool {
    if p.starts_with(b"\xFF\xFE") || p.starts_with(b"\xFE\xFF") {
        return true;
    }
    if p.len() < 8 {
        return false;
    }
    let pairs = p.len() / 2;
    let even = p.iter().step_by(2).take(pairs).filter(|&&b| b == 0).count();
    let odd = p.iter().skip(1).step_by(2).take(pairs).filter(|&&b| b == 0).count();
    let (many, few) = if even > odd { (even, odd) } else { (odd, even) };
    many * 10 >= pairs * 6 && few * 20 <= pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use InputFormat::*;

    #[test]
    fn content_decides_when_it_is_clear() {
        assert_eq!(detect(b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "x.txt"), Warc);
        assert_eq!(detect(b"filedesc://x.arc 0.0.0.0 2014 text/plain 1\n", "x"), Warc);
        assert_eq!(detect(b"\n{\"id\": 1, \"text\": \"a\"}\n", "x.txt"), Jsonl);
        assert_eq!(detect(b"{\n \"version\": \"https://jsonfeed.org/version/1.1\",", "x.jsonl"), Feed);
        assert_eq!(detect(br#"{"version":"https:\/\/jsonfeed.org\/version\/1","title":"x"}"#, "x"), Feed);
        assert_eq!(detect(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", "x.html"), Feed);
        assert_eq!(detect(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", "x"), Feed);
        assert_eq!(detect(b"<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"x\">", "x"), Feed);
        assert_eq!(detect(b"<!DOCTYPE html><html><head>", "x.txt"), Html);
        assert_eq!(detect(b"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC><html xmlns=\"x\">", "x"), Html);
        assert_eq!(detect(b"<html><script>var s='<feed'</script>", "x"), Html);
    }

    #[test]
    fn extension_decides_when_content_is_vague() {
        assert_eq!(detect(b"Hello world", "page.html"), Html);
        assert_eq!(detect(b"garbage first line\n{\"text\":\"a\"}", "x.jsonl"), Jsonl);
        assert_eq!(detect(b"\x00\x01junk", "crawl.warc.gz"), Warc);
        assert_eq!(detect(b"<div>hi</div>", "x.txt"), Text);
        assert_eq!(detect(b"<div>hi</div>", "x"), Html);
        assert_eq!(detect(b"<?xml version=\"1.0\"?><catalog/>", "x"), Feed);
        assert_eq!(detect(b"Plain words.", "README"), Text);
        assert_eq!(detect(b"", "x"), Text);
    }

    #[test]
    fn binary_is_recognised_and_text_is_not() {
        assert!(binary_reason(b"\x89PNG\r\n\x1a\n\0\0").unwrap().contains("PNG"));
        assert!(binary_reason(b"abc\0def\0ghi").unwrap().contains("NUL byte at offset 3"));
        assert!(binary_reason("Plain text, ünïcödé.\n\tTabbed.".as_bytes()).is_none());
        let utf16: Vec<u8> = "Hello, world. This is UTF-16.".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert!(binary_reason(&utf16).is_none());
        // One stray NUL in a long text is damage, not a binary file.
        let mut long = b"word ".repeat(100);
        long[250] = 0;
        assert!(binary_reason(&long).is_none());
    }
}
