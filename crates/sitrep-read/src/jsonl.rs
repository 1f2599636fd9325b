//! JSONL: one JSON object per line, one document per object.
//!
//! Each object carries the document's `text` or `html` (`body` and
//! `content` are accepted for `text`, as corpora name it so), and
//! optionally `id`, `url` (or `link`), `date` (or `published`), `title`
//! and `author` (or `byline`; a list of names is joined). Other fields are
//! ignored. When both `text` and `html` are given, `text` is used.
//!
//! Memory is bounded by one line: a line is read through a bounded buffer
//! (a line over the document limit is skipped to its end without being
//! held), and the text is unescaped in place inside the line's own buffer,
//! which then becomes the document body, so a 100 MB line is held once,
//! not three times (line, parsed string, body). A bad line is an error
//! naming its line number, and the lines after it are read.

use crate::stream::{ByteStream, Line};
use crate::{BodyKind, InputFormat, RawDoc, ReadError};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Fields<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default, alias = "body", alias = "content")]
    text: Option<&'a RawValue>,
    #[serde(borrow, default)]
    html: Option<&'a RawValue>,
    #[serde(borrow, default, alias = "link")]
    url: Option<&'a RawValue>,
    #[serde(borrow, default, alias = "published")]
    date: Option<&'a RawValue>,
    #[serde(borrow, default)]
    title: Option<&'a RawValue>,
    #[serde(borrow, default, alias = "byline")]
    author: Option<&'a RawValue>,
}

/// Reads documents from a JSONL stream.
pub(crate) struct JsonlReader {
    s: ByteStream,
    path: String,
    limit: usize,
    line_no: u64,
    done: bool,
    line: Vec<u8>,
}

impl JsonlReader {
    pub(crate) fn new(s: ByteStream, path: String, limit: usize) -> Self {
        JsonlReader { s, path, limit, line_no: 0, done: false, line: Vec::new() }
    }

    fn error(&self, reason: impl Into<String>) -> ReadError {
        ReadError { path: self.path.clone(), record: Some(format!("line {}", self.line_no)), reason: reason.into() }
    }

    pub(crate) fn next_doc(&mut self) -> Option<Result<RawDoc, ReadError>> {
        while !self.done {
            self.line_no += 1;
            let mut line = std::mem::take(&mut self.line);
            match self.s.read_line(&mut line, self.limit) {
                Err(e) => {
                    let err = self.error(e.to_string());
                    if !self.s.recover() {
                        self.done = true;
                    }
                    self.line = line;
                    return Some(Err(err));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong(n)) => {
                    self.line = line;
                    return Some(Err(
                        self.error(format!("line of {n} bytes is over the limit of {} bytes; skipped", self.limit))
                    ));
                }
                Ok(Line::Complete | Line::Last) => {
                    if line.last() == Some(&b'\r') {
                        line.pop();
                    }
                    if self.line_no == 1 && line.starts_with(b"\xEF\xBB\xBF") {
                        line.drain(..3);
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        self.line = line;
                        continue;
                    }
                    return Some(match parse_line(line) {
                        Ok(fields) => Ok(self.make_doc(fields)),
                        Err((reason, buf)) => {
                            self.line = buf;
                            Err(self.error(reason))
                        }
                    });
                }
            }
        }
        None
    }

    fn make_doc(&self, p: Parsed) -> RawDoc {
        let mut doc = RawDoc::new(&self.path, InputFormat::Jsonl, p.kind, p.body);
        doc.origin.record = Some(format!("line {}", self.line_no));
        doc.charset = Some("utf-8".to_string());
        doc.id = p.id;
        doc.url = p.url;
        doc.date = p.date;
        doc.title = p.title;
        doc.author = p.author;
        doc
    }
}

#[derive(Debug)]
struct Parsed {
    body: Vec<u8>,
    kind: BodyKind,
    id: Option<String>,
    url: Option<String>,
    date: Option<String>,
    title: Option<String>,
    author: Option<String>,
}

/// Parses one line; on error gives the buffer back for reuse.
fn parse_line(mut line: Vec<u8>) -> Result<Parsed, (String, Vec<u8>)> {
    let (range, kind, id, url, date, title, author) = {
        let text = match std::str::from_utf8(&line) {
            Ok(t) => t,
            Err(e) => return Err((format!("invalid UTF-8 at byte {}", e.valid_up_to()), line)),
        };
        if !text.trim_start().starts_with('{') {
            return Err(("not a JSON object".to_string(), line));
        }
        let f: Fields = match serde_json::from_str(text) {
            Ok(f) => f,
            Err(e) => return Err((format!("invalid JSON: {e}"), line)),
        };
        let small = |v: Option<&RawValue>, name: &str, list: bool| -> Result<Option<String>, String> {
            let Some(v) = v else { return Ok(None) };
            let raw = v.get();
            let s = match raw.as_bytes().first() {
                Some(b'"') => serde_json::from_str::<String>(raw).map_err(|e| format!("field {name}: {e}"))?,
                Some(b'-' | b'0'..=b'9') => raw.to_string(),
                Some(b'[') if list => serde_json::from_str::<Vec<String>>(raw)
                    .map_err(|_| format!("field {name} is not a string or a list of strings"))?
                    .join(", "),
                _ => return Err(format!("field {name} is not a string")),
            };
            Ok(Some(s).filter(|s| !s.trim().is_empty()))
        };
        let fields = (|| {
            Ok::<_, String>((
                small(f.id, "id", false)?,
                small(f.url, "url", false)?,
                small(f.date, "date", false)?,
                small(f.title, "title", false)?,
                small(f.author, "author", true)?,
            ))
        })();
        let (id, url, date, title, author) = match fields {
            Ok(x) => x,
            Err(e) => return Err((e, line)),
        };
        let string = |v: Option<&RawValue>, name: &str| -> Result<Option<(usize, usize)>, String> {
            let Some(v) = v else { return Ok(None) };
            let raw = v.get();
            if !raw.starts_with('"') {
                return Err(format!("field {name} is not a string"));
            }
            if raw.len() <= 2 {
                return Ok(None);
            }
            let start = raw.as_ptr() as usize - text.as_ptr() as usize;
            Ok(Some((start + 1, start + raw.len() - 1)))
        };
        let picked = match (string(f.text, "text"), string(f.html, "html")) {
            (Err(e), _) | (_, Err(e)) => return Err((e, line)),
            (Ok(Some(r)), _) => (r, BodyKind::Text),
            (Ok(None), Ok(Some(r))) => (r, BodyKind::Html),
            (Ok(None), Ok(None)) => return Err(("no text or html field (or both empty)".to_string(), line)),
        };
        (picked.0, picked.1, id, url, date, title, author)
    };
    let len = unescape_in_place(&mut line, range.0, range.1);
    line.truncate(len);
    if line.capacity() > 2 * line.len() + 4096 {
        line.shrink_to_fit();
    }
    Ok(Parsed { body: line, kind, id, url, date, title, author })
}

/// Unescapes the JSON string content in `buf[from..to]` into the front of
/// `buf`, returning its length. Every escape is longer than what it stands
/// for, so writing never overtakes reading. The input was validated by the
/// JSON parser; anything unexpected still yields U+FFFD, never a panic.
fn unescape_in_place(buf: &mut [u8], from: usize, to: usize) -> usize {
    let mut w = 0;
    let mut r = from;
    while r < to {
        let next = memchr::memchr(b'\\', &buf[r..to]).map_or(to, |i| r + i);
        buf.copy_within(r..next, w);
        w += next - r;
        r = next;
        if r >= to {
            break;
        }
        let esc = buf.get(r + 1).copied().unwrap_or(b'?');
        r += 2;
        let simple = match esc {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            b'/' => Some(b'/'),
            b'b' => Some(0x08),
            b'f' => Some(0x0C),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            _ => None,
        };
        if let Some(b) = simple {
            buf[w] = b;
            w += 1;
            continue;
        }
        // `\uXXXX` (six bytes, or twelve for a surrogate pair) stands for
        // at most four bytes; a malformed escape stands for nothing.
        if esc != b'u' {
            continue;
        }
        let Some(hi) = hex4(buf.get(r..r + 4)) else { continue };
        r += 4;
        let mut ch = '\u{FFFD}';
        if (0xD800..0xDC00).contains(&hi) {
            let lo = (buf.get(r..r + 2) == Some(b"\\u")).then(|| hex4(buf.get(r + 2..r + 6))).flatten();
            if let Some(lo) = lo.filter(|lo| (0xDC00..0xE000).contains(lo)) {
                r += 6;
                ch = char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)).unwrap_or('\u{FFFD}');
            }
        } else {
            ch = char::from_u32(hi).unwrap_or('\u{FFFD}');
        }
        let mut tmp = [0u8; 4];
        let enc = ch.encode_utf8(&mut tmp).as_bytes();
        buf[w..w + enc.len()].copy_from_slice(enc);
        w += enc.len();
    }
    w
}

fn hex4(b: Option<&[u8]>) -> Option<u32> {
    let s = std::str::from_utf8(b?).ok()?;
    u32::from_str_radix(s, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Parsed, String> {
        parse_line(s.as_bytes().to_vec()).map_err(|(e, _)| e)
    }

    #[test]
    fn fields_are_read() {
        let p = parse(r#"{"id": 7, "text": "Talks \"resumed\"\nin Doha \u00e9\ud83d\ude00 \/ end", "url": "https://x.example/a", "date": "2019-04-10", "title": "T", "author": ["A", "B"], "extra": {"x": [1]}}"#).unwrap();
        assert_eq!(std::str::from_utf8(&p.body).unwrap(), "Talks \"resumed\"\nin Doha é😀 / end");
        assert_eq!(p.kind, BodyKind::Text);
        assert_eq!(p.id.as_deref(), Some("7"));
        assert_eq!(p.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(p.author.as_deref(), Some("A, B"));
        let p = parse(r#"{"html": "<p>x</p>", "text": ""}"#).unwrap();
        assert_eq!((p.body.as_slice(), p.kind), (&b"<p>x</p>"[..], BodyKind::Html));
        let p = parse(r#"{"body": "corpus style", "newid": 3}"#).unwrap();
        assert_eq!(p.body, b"corpus style");
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let p = parse(r#"{"text": "a\ud800b\udc00c"}"#).unwrap();
        assert_eq!(std::str::from_utf8(&p.body).unwrap(), "a\u{FFFD}b\u{FFFD}c");
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(parse("{\"text\": \"a\"").unwrap_err().starts_with("invalid JSON: EOF"));
        assert_eq!(parse("{\"id\": \"1\"}").unwrap_err(), "no text or html field (or both empty)");
        assert_eq!(parse("{\"text\": 5}").unwrap_err(), "field text is not a string");
        assert_eq!(parse("{\"text\": \"a\", \"url\": {}}").unwrap_err(), "field url is not a string");
        assert_eq!(parse("[1, \"text\"]").unwrap_err(), "not a JSON object");
        let bad = parse_line(b"{\"text\": \"caf\xe9\"}".to_vec()).map_err(|e| e.0).unwrap_err();
        assert_eq!(bad, "invalid UTF-8 at byte 13");
    }

    #[test]
    fn unescaping_never_overtakes_and_never_panics() {
        for s in [r#""\u12""#, r#""\"#, r#""\ud800\u""#, r#""\x""#] {
            let mut b = s.as_bytes().to_vec();
            let n = b.len();
            let len = unescape_in_place(&mut b, 1, n - 1);
            assert!(len <= n);
        }
    }
}
