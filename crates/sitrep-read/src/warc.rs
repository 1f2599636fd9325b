//! WARC (and the older ARC) files, record by record.
//!
//! Web archives are large (a Common Crawl file is a gigabyte), so they are
//! read as a stream: one record's block is held at a time, and only when it
//! is no larger than the document limit; larger ones are skipped without
//! being held. Every `response` record holding an HTML or plain-text page
//! with a 2xx status, and every `resource` or `conversion` record holding
//! text, becomes a document with the record's `WARC-Target-URI` and
//! `WARC-Date`. `request`, `revisit`, `metadata`, `warcinfo` and other
//! records are skipped.
//!
//! Archives break in a few known ways, and the reader keeps going past each
//! with an error naming the record: a file cut short (the last record is
//! reported as truncated), a gzip member that is corrupt (the reader resumes
//! at the next member), and a `Content-Length` that lies. A length that
//! is too long is caught when the block does not end with `\r\n\r\n` but
//! holds the start of the next record; a length that is too short, when the
//! bytes after the block are not a record boundary. In both cases the reader
//! reports the record and resumes at the next `WARC/` line.

use crate::http;
use crate::stream::{ByteStream, Line};
use crate::{BodyKind, InputFormat, RawDoc, ReadError};

/// Longest WARC header block accepted.
const MAX_HEADER: usize = 1 << 20;
/// How much of a large response is read to see its HTTP headers.
const HEAD_PEEK: usize = 64 * 1024;

/// The outcome of reading one record.
enum Step {
    Doc(Box<RawDoc>),
    Skip,
    Error(ReadError),
    End,
}

/// The named header fields sitrep uses.
#[derive(Debug, Default)]
struct Header {
    kind: String,
    length: Option<u64>,
    raw_length: String,
    target: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    record_id: Option<String>,
}

/// Reads documents from a WARC or ARC stream.
pub(crate) struct WarcReader {
    s: ByteStream,
    path: String,
    limit: usize,
    record: u64,
    /// The file is ARC (it started with a `filedesc://` record).
    arc: bool,
    done: bool,
    line: Vec<u8>,
}

impl WarcReader {
    pub(crate) fn new(s: ByteStream, path: String, limit: usize) -> Self {
        WarcReader { s, path, limit, record: 0, arc: false, done: false, line: Vec::new() }
    }

    pub(crate) fn next_doc(&mut self) -> Option<Result<RawDoc, ReadError>> {
        while !self.done {
            match self.step() {
                Step::Doc(d) => return Some(Ok(*d)),
                Step::Skip => {}
                Step::Error(e) => return Some(Err(e)),
                Step::End => self.done = true,
            }
        }
        None
    }

    fn error(&self, label: &str, reason: impl Into<String>) -> ReadError {
        ReadError { path: self.path.clone(), record: Some(label.to_string()), reason: reason.into() }
    }

    /// An I/O error inside record `label`: reported, then the stream resumes
    /// at the next gzip member if there is one.
    fn io_error(&mut self, label: &str, e: std::io::Error) -> Step {
        let err = self.error(label, e.to_string());
        if !self.s.recover() {
            self.done = true;
        }
        Step::Error(err)
    }

    /// Resumes at the next record start after a broken record.
    fn resync(&mut self) {
        let marker: &[u8] = if self.arc { b"http" } else { b"WARC/" };
        match self.s.seek_line_start(marker) {
            Ok(true) => {}
            Ok(false) => self.done = true,
            Err(_) => {
                if !self.s.recover() {
                    self.done = true;
                }
            }
        }
    }

    fn step(&mut self) -> Step {
        // Blank lines and padding between records.
        loop {
            match self.s.peek(1) {
                Ok([]) => return Step::End,
                Ok([b'\r' | b'\n' | 0]) => {
                    let _ = self.s.skip(1);
                }
                Ok(_) => break,
                Err(e) => {
                    // The next record's gzip member is broken: name it.
                    let at = self.s.offset();
                    self.record += 1;
                    let label = format!("record {} ({})", self.record, self.s.place(at));
                    return self.io_error(&label, e);
                }
            }
        }
        let start = self.s.offset();
        let place = self.s.place(start);
        self.record += 1;
        let label = format!("record {} ({place})", self.record);
        let mut line = std::mem::take(&mut self.line);
        let got = self.s.read_line(&mut line, 4096);
        let step = match got {
            Err(e) => self.io_error(&label, e),
            Ok(Line::TooLong(_)) => {
                let step =
                    Step::Error(self.error(&label, "expected a WARC record header, found a long line of other bytes"));
                self.resync();
                step
            }
            Ok(Line::Eof) => Step::End,
            Ok(_) => {
                let first = line.strip_suffix(b"\r").unwrap_or(&line);
                if first.starts_with(b"WARC/") {
                    self.warc_record(&label)
                } else if first.starts_with(b"filedesc://") || (self.arc && first.contains(&b' ')) {
                    if first.starts_with(b"filedesc://") && self.record == 1 {
                        self.arc = true;
                    }
                    let header = String::from_utf8_lossy(first).into_owned();
                    self.arc_record(&label, &header)
                } else {
                    let step = Step::Error(
                        self.error(&label, format!("expected a WARC record header, found {}", http::preview(first))),
                    );
                    self.resync();
                    step
                }
            }
        };
        self.line = line;
        step
    }

    fn read_header(&mut self, label: &str) -> Result<Header, Step> {
        let mut h = Header::default();
        let mut total = 0usize;
        let mut line = Vec::new();
        loop {
            match self.s.read_line(&mut line, MAX_HEADER) {
                Err(e) => return Err(self.io_error(label, e)),
                Ok(Line::Eof | Line::Last) => {
                    self.done = true;
                    return Err(Step::Error(self.error(label, "truncated: the file ends inside the record header")));
                }
                Ok(Line::TooLong(_)) => {
                    let step = Step::Error(self.error(label, "record header line is too long"));
                    self.resync();
                    return Err(step);
                }
                Ok(Line::Complete) => {}
            }
            total += line.len() + 1;
            if total > MAX_HEADER {
                let step = Step::Error(self.error(label, format!("record header is over {MAX_HEADER} bytes")));
                self.resync();
                return Err(step);
            }
            let l = line.strip_suffix(b"\r").unwrap_or(&line);
            if l.is_empty() {
                break;
            }
            if l[0] == b' ' || l[0] == b'\t' {
                // A continuation of the previous field: only the fields used
                // here matter, and none of them is folded in practice.
                continue;
            }
            let Some(colon) = l.iter().position(|&b| b == b':') else {
                if l.starts_with(b"WARC/") {
                    // A new record starts where this header should have ended.
                    self.s.unread(&[l, b"\n"].concat());
                    return Err(Step::Error(self.error(label, "record header ends without a blank line")));
                }
                continue;
            };
            let name = String::from_utf8_lossy(&l[..colon]).trim().to_ascii_lowercase();
            let value = String::from_utf8_lossy(&l[colon + 1..]).trim().to_string();
            match name.as_str() {
                "warc-type" => h.kind = value.to_ascii_lowercase(),
                "content-length" => {
                    h.length = value.parse().ok();
                    h.raw_length = value;
                }
                "warc-target-uri" => h.target = Some(value),
                "warc-date" => h.date = Some(value),
                "content-type" => h.content_type = Some(value),
                "warc-record-id" => h.record_id = Some(value),
                _ => {}
            }
        }
        Ok(h)
    }

    fn warc_record(&mut self, label: &str) -> Step {
        let h = match self.read_header(label) {
            Ok(h) => h,
            Err(step) => return step,
        };
        let Some(length) = h.length else {
            let reason = if h.raw_length.is_empty() {
                "record header has no Content-Length".to_string()
            } else {
                format!("bad Content-Length {:?}", h.raw_length)
            };
            let step = Step::Error(self.error(label, reason));
            self.resync();
            return step;
        };
        let record_ct = h.content_type.as_deref().map(http::media_type);
        let is_http = record_ct.as_ref().is_some_and(|(m, _)| m == "application/http");
        let wanted = match h.kind.as_str() {
            "response" => true,
            // wget files its own log and arguments as `metadata://` resources.
            "resource" | "conversion" => {
                text_kind(record_ct.as_ref().map(|(m, _)| m.as_str())).is_some()
                    && !h.target.as_deref().is_some_and(|t| t.trim_start_matches('<').starts_with("metadata://"))
            }
            _ => false,
        };
        // The block: held only when within the limit.
        let block = if length <= self.limit as u64 {
            match self.read_block(label, length) {
                Ok(b) => b,
                Err(step) => return step,
            }
        } else {
            return self.skip_large(label, length, wanted && h.kind == "response" && is_http, wanted && !is_http);
        };
        if !wanted {
            return Step::Skip;
        }
        let doc = if is_http {
            self.http_payload(label, block)
        } else if h.kind == "response" {
            // A response without HTTP headers (the payload as it came).
            match text_kind(record_ct.as_ref().map(|(m, _)| m.as_str())).or_else(|| sniff_kind(&block)) {
                Some(kind) => Ok(Some((block, kind, record_ct.and_then(|c| c.1)))),
                None => Ok(None),
            }
        } else {
            let kind = text_kind(record_ct.as_ref().map(|(m, _)| m.as_str())).unwrap_or(BodyKind::Text);
            Ok(Some((block, kind, record_ct.and_then(|c| c.1))))
        };
        match doc {
            Err(reason) => Step::Error(self.error(label, reason)),
            Ok(None) => Step::Skip,
            Ok(Some((body, _, _))) if body.iter().all(u8::is_ascii_whitespace) => Step::Skip,
            Ok(Some((body, kind, charset))) => {
                let mut d = RawDoc::new(&self.path, InputFormat::Warc, kind, body);
                d.origin.record = Some(label.to_string());
                d.charset = charset;
                d.url = h.target.as_deref().map(clean_uri);
                d.date = h.date;
                d.id = h.record_id.map(|r| r.trim_matches(['<', '>']).to_string());
                Step::Doc(Box::new(d))
            }
        }
    }

    /// Reads a block of `length` bytes and checks that the record ends
    /// where the length says.
    fn read_block(&mut self, label: &str, length: u64) -> Result<Vec<u8>, Step> {
        let mut block = Vec::with_capacity((length as usize).min(1 << 20));
        let got = match self.s.read_into(&mut block, length as usize) {
            Ok(g) => g,
            Err(e) => return Err(self.io_error(label, e)),
        };
        if (got as u64) < length {
            if let Some(next) = embedded_record(&block) {
                self.s.unread(&block[next..]);
                return Err(Step::Error(self.error(
                    label,
                    format!("Content-Length {length} overruns the record: the next record starts {next} bytes into it"),
                )));
            }
            if http::is_complete(&block) {
                // The length lies but the HTTP message inside is whole.
                return Ok(block);
            }
            return Err(Step::Error(
                self.error(label, format!("truncated: Content-Length is {length} but the file ends after {got} bytes")),
            ));
        }
        // The two CRLFs that end a record. Other line ends, a missing
        // trailer, or a length a few line ends short are tolerated when
        // nothing but line ends stands between the block and the next record
        // (or the end of the file).
        let tail = match self.s.peek(64) {
            Ok(t) => t.to_vec(),
            // The block is whole; what follows it is broken (the next gzip
            // member), and the next record reports that.
            Err(_) => return Ok(block),
        };
        if tail.starts_with(b"\r\n\r\n") {
            let _ = self.s.skip(4);
            return Ok(block);
        }
        let ends = tail.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
        if ends == tail.len() || tail[ends..].starts_with(b"WARC/") {
            let _ = self.s.skip(ends as u64);
            return Ok(block);
        }
        if let Some(next) = embedded_record(&block) {
            self.s.unread(&block[next..]);
            return Err(Step::Error(self.error(
                label,
                format!("Content-Length {length} overruns the record: the next record starts {next} bytes into it"),
            )));
        }
        let step = Step::Error(self.error(
            label,
            format!("record does not end where Content-Length {length} says (followed by {})", http::preview(&tail)),
        ));
        self.resync();
        Err(step)
    }

    /// A block over the limit: skipped without being held. Whether it is
    /// an error depends on whether it would have been a document.
    fn skip_large(&mut self, label: &str, length: u64, http_candidate: bool, text_candidate: bool) -> Step {
        let mut head = Vec::new();
        let mut is_doc = text_candidate;
        if http_candidate {
            let peek = (HEAD_PEEK as u64).min(length) as usize;
            match self.s.read_into(&mut head, peek) {
                Ok(_) => {}
                Err(e) => return self.io_error(label, e),
            }
            if let Ok(h) = http::parse_head(&head) {
                let (media, _) = http::media_type(h.content_type.as_deref().unwrap_or(""));
                is_doc = (200..300).contains(&h.status) && text_kind(Some(&media)).is_some();
            }
        }
        let rest = length - head.len() as u64;
        let skipped = match self.s.skip(rest) {
            Ok(n) => n,
            Err(e) => return self.io_error(label, e),
        };
        if skipped < rest {
            return Step::Error(self.error(
                label,
                format!(
                    "truncated: Content-Length is {length} but the file ends after {} bytes",
                    head.len() as u64 + skipped
                ),
            ));
        }
        if let Ok(t) = self.s.peek(4) {
            let n = if t.starts_with(b"\r\n\r\n") { 4 } else { 0 };
            let _ = self.s.skip(n);
        }
        if is_doc {
            Step::Error(
                self.error(label, format!("document of {length} bytes is over the limit of {} bytes", self.limit)),
            )
        } else {
            Step::Skip
        }
    }

    /// The page inside an HTTP response block, if it is a text page.
    #[allow(clippy::type_complexity)]
    fn http_payload(
        &self,
        _label: &str,
        mut block: Vec<u8>,
    ) -> Result<Option<(Vec<u8>, BodyKind, Option<String>)>, String> {
        let head = http::parse_head(&block)?;
        if !(200..300).contains(&head.status) {
            return Ok(None);
        }
        let (media, charset) = match head.content_type.as_deref() {
            Some(ct) => {
                let (m, c) = http::media_type(ct);
                (Some(m), c)
            }
            None => (None, None),
        };
        block.drain(..head.body_start);
        let mut body = block;
        if head.chunked {
            body = http::dechunk(body, self.limit)?;
        }
        body = http::decode_content(body, head.content_encoding.as_deref(), self.limit)?;
        let kind = match media.as_deref() {
            Some(m) if !m.is_empty() => text_kind(Some(m)),
            _ => sniff_kind(&body),
        };
        Ok(kind.map(|k| (body, k, charset)))
    }

    /// One ARC record; `header` is its header line.
    fn arc_record(&mut self, label: &str, header: &str) -> Step {
        let fields: Vec<&str> = header.split_whitespace().collect();
        // Version 1 has five fields (URL IP date type length), version 2
        // ten; URLs with spaces in them make more, so count from the end.
        let tail = if fields.len() >= 10 && fields[fields.len() - 6].parse::<u16>().is_ok() { 9 } else { 4 };
        if fields.len() <= tail {
            let step = Step::Error(self.error(label, format!("bad ARC record header {:?}", truncate(header, 80))));
            self.resync();
            return step;
        }
        let n = fields.len();
        let raw_length = fields[n - 1];
        let Ok(length) = raw_length.parse::<u64>() else {
            let step = Step::Error(self.error(label, format!("bad ARC Archive-length {raw_length:?}")));
            self.resync();
            return step;
        };
        let url = fields[..n - tail].join(" ");
        let date = fields[n - tail + 1];
        let mime = fields[n - tail + 2];
        let is_filedesc = url.starts_with("filedesc://");
        let block = if length <= self.limit as u64 {
            let mut b = Vec::new();
            match self.s.read_into(&mut b, length as usize) {
                Ok(got) if (got as u64) < length && !http::is_complete(&b) => {
                    return Step::Error(self.error(
                        label,
                        format!("truncated: Archive-length is {length} but the file ends after {got} bytes"),
                    ))
                }
                Ok(_) => b,
                Err(e) => return self.io_error(label, e),
            }
        } else {
            return self.skip_large(label, length, !is_filedesc, false);
        };
        if is_filedesc {
            return Step::Skip;
        }
        let payload = if url.starts_with("http://") || url.starts_with("https://") {
            self.http_payload(label, block)
        } else {
            Ok(text_kind(Some(&mime.to_ascii_lowercase())).map(|k| (block, k, None)))
        };
        match payload {
            Err(reason) => Step::Error(self.error(label, reason)),
            Ok(None) => Step::Skip,
            Ok(Some((body, _, _))) if body.iter().all(u8::is_ascii_whitespace) => Step::Skip,
            Ok(Some((body, kind, charset))) => {
                let mut d = RawDoc::new(&self.path, InputFormat::Warc, kind, body);
                d.origin.format = "arc".to_string();
                d.origin.record = Some(label.to_string());
                d.charset = charset;
                d.url = Some(clean_uri(&url));
                d.date = Some(arc_date(date));
                Step::Doc(Box::new(d))
            }
        }
    }
}

/// Whether a media type is a page sitrep reads, and as what.
fn text_kind(media: Option<&str>) -> Option<BodyKind> {
    match media? {
        "text/html" | "application/xhtml+xml" | "application/html" => Some(BodyKind::Html),
        "text/plain" => Some(BodyKind::Text),
        _ => None,
    }
}

/// For a payload without a content type: HTML if it starts like HTML.
fn sniff_kind(body: &[u8]) -> Option<BodyKind> {
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let head: Vec<u8> = body[start..body.len().min(start + 64)].iter().map(u8::to_ascii_lowercase).collect();
    (head.starts_with(b"<!doctype html") || head.starts_with(b"<html")).then_some(BodyKind::Html)
}

/// Where, inside a block whose length lied, the next record begins.
fn embedded_record(block: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(block, b"WARC/1.")
        .chain(memchr::memmem::find_iter(block, b"WARC/0."))
        .filter(|&i| block[..i].ends_with(b"\n\r\n") || block[..i].ends_with(b"\n\n"))
        .min()
}

/// `<http://x/>` (as wget writes it) → `http://x/`; spaces escaped.
fn clean_uri(uri: &str) -> String {
    uri.trim().trim_start_matches('<').trim_end_matches('>').replace(' ', "%20")
}

/// ARC dates are `YYYYMMDDhhmmss`; given as ISO 8601 when they parse.
fn arc_date(d: &str) -> String {
    let b = d.as_bytes();
    if b.len() >= 14 && b[..14].iter().all(u8::is_ascii_digit) {
        format!("{}-{}-{}T{}:{}:{}Z", &d[0..4], &d[4..6], &d[6..8], &d[8..10], &d[10..12], &d[12..14])
    } else {
        d.to_string()
    }
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(clean_uri(" <http://example.com/a b> "), "http://example.com/a%20b");
        assert_eq!(arc_date("20140216050221"), "2014-02-16T05:02:21Z");
        assert_eq!(arc_date("2014"), "2014");
        assert_eq!(embedded_record(b"abc\r\n\r\nWARC/1.0\r\n"), Some(7));
        assert_eq!(embedded_record(b"text about WARC/1.0 files"), None);
        assert_eq!(text_kind(Some("text/html")), Some(BodyKind::Html));
        assert_eq!(text_kind(Some("image/png")), None);
        assert_eq!(sniff_kind(b"\n <!DOCTYPE HTML><p>"), Some(BodyKind::Html));
    }
}
