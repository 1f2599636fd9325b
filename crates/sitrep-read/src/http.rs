//! The HTTP response inside a WARC `response` (or ARC) record: status,
//! headers, and the payload with its transfer and content encodings undone.
//!
//! Archived responses are often not quite HTTP: bare `\n` line ends,
//! `HTTP/2` status lines, a `Transfer-Encoding: chunked` or
//! `Content-Encoding: gzip` header kept although the crawler stored the
//! payload already decoded. So the parser here is lenient where a strict
//! one (httparse) would refuse a usable page, and every decoding is
//! bounded: a gzip bomb stops at the document limit.

use std::io::Read;

/// What the response head says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResponseHead {
    pub status: u16,
    /// `Content-Type`, as given.
    pub content_type: Option<String>,
    pub chunked: bool,
    /// `Content-Encoding`, lower-cased.
    pub content_encoding: Option<String>,
    /// `Content-Length`, when given.
    pub content_length: Option<u64>,
    /// Where the payload starts in the block.
    pub body_start: usize,
}

/// Parses the status line and headers at the start of `block`.
pub(crate) fn parse_head(block: &[u8]) -> Result<ResponseHead, String> {
    let end = header_end(block).ok_or_else(|| {
        if block.starts_with(b"HTTP/") {
            "HTTP headers do not end (no blank line)".to_string()
        } else {
            format!("no HTTP status line (starts with {})", preview(block))
        }
    })?;
    let head = &block[..end.0];
    let mut lines = head.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let status_line = lines.next().unwrap_or_default();
    if !status_line.starts_with(b"HTTP/") {
        return Err(format!("no HTTP status line (starts with {})", preview(block)));
    }
    let status = status_line
        .split(|&b| b == b' ')
        .filter(|t| !t.is_empty())
        .nth(1)
        .and_then(|t| std::str::from_utf8(t).ok())
        .and_then(|t| t.parse::<u16>().ok())
        .ok_or_else(|| format!("bad HTTP status line {}", preview(status_line)))?;
    let mut out = ResponseHead {
        status,
        content_type: None,
        chunked: false,
        content_encoding: None,
        content_length: None,
        body_start: end.1,
    };
    for line in lines {
        let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
        let name = String::from_utf8_lossy(&line[..colon]).trim().to_ascii_lowercase();
        let value = String::from_utf8_lossy(&line[colon + 1..]).trim().to_string();
        match name.as_str() {
            "content-type" => out.content_type = Some(value),
            "transfer-encoding" => out.chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => out.content_encoding = Some(value.to_ascii_lowercase()),
            "content-length" => out.content_length = value.parse().ok(),
            _ => {}
        }
    }
    Ok(out)
}

/// (end of the header lines, start of the body): the first blank line.
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// Whether `block` holds a whole HTTP response: its headers and as many
/// payload bytes as its `Content-Length` says. This tells a record whose
/// container length lies (but whose message is whole) from a cut one.
pub(crate) fn is_complete(block: &[u8]) -> bool {
    match parse_head(block) {
        Ok(h) if !h.chunked => h.content_length.is_some_and(|n| (block.len() - h.body_start) as u64 >= n),
        _ => false,
    }
}

/// A short, printable view of the first bytes, for error messages.
pub(crate) fn preview(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(24)];
    format!("{:?}", String::from_utf8_lossy(cut))
}

/// The media type (lower-cased, without parameters) and the charset.
pub(crate) fn media_type(content_type: &str) -> (String, Option<String>) {
    let mut parts = content_type.split(';');
    let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts.filter_map(|p| p.split_once('=')).find_map(|(k, v)| {
        (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches(['"', '\'']).to_string())
    });
    (media, charset.filter(|c| !c.is_empty()))
}

/// Undoes `Transfer-Encoding: chunked`. A body that does not start like a
/// chunked one was stored decoded and is returned as it is.
pub(crate) fn dechunk(body: Vec<u8>, limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut first = true;
    loop {
        let Some(nl) = memchr::memchr(b'\n', &body[pos..]) else {
            if first {
                return Ok(body);
            }
            return Err("chunked payload ends without its last chunk".to_string());
        };
        let line = &body[pos..pos + nl];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let hex = line.split(|&b| b == b';').next().unwrap_or_default();
        let size = std::str::from_utf8(hex).ok().and_then(|h| usize::from_str_radix(h.trim(), 16).ok());
        let Some(size) = size else {
            if first {
                return Ok(body);
            }
            return Err(format!("bad chunk size line {}", preview(line)));
        };
        first = false;
        pos += nl + 1;
        if size == 0 {
            return Ok(out);
        }
        let end = pos.checked_add(size).filter(|&e| e <= body.len()).ok_or_else(|| {
            format!("chunk of {size} bytes runs past the end of the payload ({} bytes left)", body.len() - pos)
        })?;
        if out.len() + size > limit {
            return Err(format!("dechunked payload is over the limit of {limit} bytes"));
        }
        out.extend_from_slice(&body[pos..end]);
        pos = end;
        // The CRLF after the chunk data.
        if body[pos..].starts_with(b"\r\n") {
            pos += 2;
        } else if body[pos..].starts_with(b"\n") {
            pos += 1;
        }
    }
}

/// Undoes `Content-Encoding`, never producing more than `limit` bytes.
pub(crate) fn decode_content(body: Vec<u8>, encoding: Option<&str>, limit: usize) -> Result<Vec<u8>, String> {
    let enc = encoding.unwrap_or("").trim();
    match enc {
        "" | "identity" | "none" | "utf-8" | "binary" => Ok(body),
        "gzip" | "x-gzip" => {
            if !body.starts_with(&[0x1f, 0x8b]) {
                // Stored decoded although the header was kept.
                return Ok(body);
            }
            bounded(flate2::read::MultiGzDecoder::new(&body[..]), limit, "gzip")
        }
        "deflate" => {
            if body.first().is_some_and(|&b| b & 0x0f == 8) && body.len() > 1 {
                if let Ok(v) = bounded(flate2::read::ZlibDecoder::new(&body[..]), limit, "deflate") {
                    return Ok(v);
                }
            }
            match bounded(flate2::read::DeflateDecoder::new(&body[..]), limit, "deflate") {
                Ok(v) => Ok(v),
                Err(_) if looks_like_text(&body) => Ok(body),
                Err(e) => Err(e),
            }
        }
        other => {
            if looks_like_text(&body) {
                Ok(body)
            } else {
                Err(format!("unsupported Content-Encoding {other:?}"))
            }
        }
    }
}

fn looks_like_text(body: &[u8]) -> bool {
    let head = &body[..body.len().min(512)];
    !head.is_empty() && head.iter().all(|&b| b >= 0x20 || b.is_ascii_whitespace())
}

fn bounded(r: impl Read, limit: usize, what: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let cap = (limit as u64).saturating_add(1);
    r.take(cap).read_to_end(&mut out).map_err(|e| format!("bad {what} payload: {e}"))?;
    if out.len() > limit {
        return Err(format!("{what} payload decompresses to more than the limit of {limit} bytes"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn lenient_heads_parse() {
        let h = parse_head(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=EUC-JP\r\nTransfer-Encoding: chunked\r\n\r\nbody",
        )
        .unwrap();
        assert_eq!(h.status, 200);
        assert!(h.chunked);
        assert_eq!(
            &b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=EUC-JP\r\nTransfer-Encoding: chunked\r\n\r\nbody"
                [h.body_start..],
            b"body"
        );
        assert_eq!(media_type(h.content_type.as_deref().unwrap()), ("text/html".into(), Some("EUC-JP".into())));
        let h = parse_head(b"HTTP/2 404\nContent-Encoding: GZIP\n\nx").unwrap();
        assert_eq!((h.status, h.content_encoding.as_deref(), h.body_start), (404, Some("gzip"), 35));
        assert!(is_complete(b"HTTP/1.1 200 OK\nContent-Length: 3\n\nabc\n"));
        assert!(!is_complete(b"HTTP/1.1 200 OK\nContent-Length: 30\n\nabc\n"));
        assert!(!is_complete(b"HTTP/1.1 200 OK\n\nabc\n"));
        assert!(parse_head(b"\n").unwrap_err().contains("no HTTP status line"));
        assert!(parse_head(b"HTTP/1.1 abc\r\n\r\n").unwrap_err().contains("bad HTTP status"));
        assert!(parse_head(b"HTTP/1.1 200 OK\r\nX: y").unwrap_err().contains("do not end"));
    }

    #[test]
    fn chunked_bodies_decode_and_plain_ones_pass() {
        assert_eq!(dechunk(b"5\r\nhello\r\n6;x=1\r\n world\r\n0\r\n\r\n".to_vec(), 100).unwrap(), b"hello world");
        assert_eq!(dechunk(b"<html>not chunked</html>".to_vec(), 100).unwrap(), b"<html>not chunked</html>");
        assert!(dechunk(b"5\r\nhello\r\nff\r\nshort".to_vec(), 1000).unwrap_err().contains("past the end"));
        assert!(dechunk(b"5\r\nhello\r\n5\r\nworld\r\n0\r\n".to_vec(), 7).unwrap_err().contains("limit"));
    }

    #[test]
    fn content_encoding_is_bounded() {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(&vec![b'a'; 1 << 20]).unwrap();
        let bomb = e.finish().unwrap();
        assert!(bomb.len() < 4096);
        let err = decode_content(bomb.clone(), Some("gzip"), 1 << 16).unwrap_err();
        assert!(err.contains("more than the limit"), "{err}");
        assert_eq!(decode_content(bomb, Some("gzip"), 1 << 21).unwrap().len(), 1 << 20);
        assert_eq!(decode_content(b"<p>already decoded".to_vec(), Some("gzip"), 100).unwrap(), b"<p>already decoded");
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b"hello world, hello world").unwrap();
        let mut cut = e.finish().unwrap();
        cut.truncate(cut.len() - 12);
        assert!(decode_content(cut, Some("gzip"), 100).unwrap_err().contains("bad gzip payload"));
        assert!(decode_content(vec![0xce, 0xb2, 0x00, 0x01], Some("br"), 100).unwrap_err().contains("unsupported"));
    }
}
