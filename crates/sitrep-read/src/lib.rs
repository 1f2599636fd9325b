//! # sitrep-read: from paths to raw documents
//!
//! The first stage of the pipeline. It turns what the user names on the
//! command line (files, directories walked recursively in sorted order
//! without hidden entries, `-` for stdin) into a stream of [`RawDoc`]s: the
//! undecoded bytes of one document plus what its container said about it
//! (URL, date, title, author, declared charset, id).
//!
//! | input | documents | module |
//! |---|---|---|
//! | plain text, HTML | the whole file, bytes as they are | this file |
//! | JSONL | one per line: `text` or `html`, `id`, `url`, `date`, `title`, `author` | `jsonl` |
//! | CSV, TSV (with a header row) | one per row, columns named as in JSONL | `csv` |
//! | WARC (and ARC) | each 2xx HTML/text `response`, text `resource`/`conversion` | `warc`, `http` |
//! | RSS 0.9x/1.0/2.0, Atom, JSON Feed | one per item | `feed` |
//!
//! Each input's format is guessed from its first 4 KB (`sniff`), then its
//! extension, unless [`ReadOptions::format`] forces one. Gzip is undone
//! below every format (`stream`): per-record members, one member for a
//! whole file, or a member that is broken (skipped, the next one read).
//!
//! ```no_run
//! use sitrep_read::{read_inputs, ReadOptions};
//! for item in read_inputs(vec!["crawl.warc.gz".into()], ReadOptions::default()) {
//!     match item {
//!         Ok(doc) => println!("{:?} {} bytes", doc.url, doc.body.len()),
//!         Err(e) => eprintln!("sitrep: {e}"),
//!     }
//! }
//! ```
//!
//! ## Limits
//!
//! Memory is bounded by the largest accepted document, whatever the input
//! size. [`ReadOptions::max_doc_bytes`] (32 MB by default, `--max-doc-mb`)
//! caps a document's body, a JSONL line, a CSV row, a WARC record's block, a
//! decompressed HTTP payload and a whole feed file. Past it, that document
//! is an error and is skipped without being held (a file's size is checked
//! before reading; a gzip stream stops one byte past the limit; a long
//! JSONL line or CSV row, or a large WARC record, is skipped to its end), and the
//! stream goes on. WARC record headers are capped at 1 MB.
//!
//! Bad input never panics: a broken file or record becomes a [`ReadError`]
//! naming the file, the record (`line 7`, `record 3 (offset 1197)`,
//! `record 3 (gzip member at offset 784)`, `item 2`) and the reason, on
//! one line, and the stream goes on with the next record or file.
//!
//! What this crate does not do: decode charsets, repair mojibake, extract
//! article text (see `sitrep-repair`, `sitrep-html`, `sitrep-text`).

mod csv;
mod feed;
mod http;
mod jsonl;
mod sniff;
mod stream;
mod walk;
mod warc;

use sitrep_core::InputOrigin;
use std::collections::VecDeque;
use std::fmt;
use std::str::FromStr;
use stream::{ByteStream, Counted, GzMembers, Source};
use walk::{Input, Walker};

/// The input formats sitrep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    Text,
    Html,
    Jsonl,
    Warc,
    Feed,
    /// CSV or TSV with a header row: one document per row.
    Csv,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Warc => "warc",
            InputFormat::Feed => "feed",
            InputFormat::Csv => "csv",
        }
    }
}

impl FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "txt" | "plain" => Ok(InputFormat::Text),
            "html" | "htm" => Ok(InputFormat::Html),
            "jsonl" | "ndjson" => Ok(InputFormat::Jsonl),
            "warc" | "arc" => Ok(InputFormat::Warc),
            "feed" | "rss" | "atom" | "jsonfeed" => Ok(InputFormat::Feed),
            "csv" | "tsv" => Ok(InputFormat::Csv),
            _ => Err(format!("unknown input format {s:?} (one of text, html, jsonl, warc, feed, csv)")),
        }
    }
}

/// Whether a document's body is markup to extract from or plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Text,
    Html,
}

/// One document as read, before decoding and repair.
#[derive(Debug, Clone)]
pub struct RawDoc {
    pub origin: InputOrigin,
    pub body: Vec<u8>,
    pub kind: BodyKind,
    /// A charset the container declared (HTTP `Content-Type`, XML
    /// declaration); JSONL and feed text is already UTF-8.
    pub charset: Option<String>,
    /// The container's id for the document (JSONL `id`).
    pub id: Option<String>,
    pub url: Option<String>,
    /// Publication or capture date as the container gave it.
    pub date: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
}

impl RawDoc {
    /// A raw document with just a body, as read from `path`.
    pub fn new(path: &str, format: InputFormat, kind: BodyKind, body: Vec<u8>) -> Self {
        RawDoc {
            origin: InputOrigin {
                path: path.to_string(),
                record: None,
                format: format.as_str().to_string(),
                charset: None,
            },
            body,
            kind,
            charset: None,
            id: None,
            url: None,
            date: None,
            title: None,
            author: None,
        }
    }
}

/// A file or record that could not be read: the one-line error sitrep prints.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ReadError {
    pub path: String,
    pub record: Option<String>,
    pub reason: String,
}

impl ReadError {
    /// An error about a whole input, not one record in it.
    pub fn file(path: impl Into<String>, reason: impl Into<String>) -> Self {
        ReadError { path: path.into(), record: None, reason: reason.into() }
    }
}

impl fmt::Display for ReadError {
    /// One line, whatever the input put in the reason (a parser quoting a
    /// damaged tag) or the path (a file name with a newline in it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", OneLine(&self.path))?;
        if let Some(r) = &self.record {
            write!(f, "{}: ", OneLine(r))?;
        }
        write!(f, "{}", OneLine(&self.reason))
    }
}

/// Writes a string with its control characters escaped.
struct OneLine<'a>(&'a str);

impl fmt::Display for OneLine<'_> {
    /// Runs between control characters go out whole: written to the
    /// unbuffered standard error, each `write_str` is a system call.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some((i, c)) = rest.char_indices().find(|(_, c)| c.is_control()) {
            f.write_str(&rest[..i])?;
            write!(f, "{}", c.escape_default())?;
            rest = &rest[i + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

/// Limits that keep memory bounded whatever the input.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Force a format instead of detecting it.
    pub format: Option<InputFormat>,
    /// Largest document body accepted, in bytes; larger ones are an error
    /// for that document, and the stream goes on.
    pub max_doc_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { format: None, max_doc_bytes: 32 << 20 }
    }
}

/// Reads every input in order and yields its documents as they are read.
///
/// Directories are walked recursively in sorted order, skipping hidden
/// entries; `-` is stdin. Each input's format is detected from its first
/// bytes and its name unless [`ReadOptions::format`] forces one; gzip is
/// undone first, whatever the format inside. Nothing is read ahead: the
/// iterator holds at most one document (or one feed) at a time, so a
/// gigabyte WARC or JSONL costs no more memory than its largest document.
///
/// A file or record that cannot be read is an `Err` item, and the items
/// after it follow as usual.
pub fn read_inputs(paths: Vec<String>, options: ReadOptions) -> Inputs {
    Inputs { walker: Walker::new(paths), given: None, current: None, options }
}

/// Reads the documents in one stream of bytes that is not a named file (a
/// network body, a test's bytes, a fuzzer's input), exactly as a file
/// called `name` holding those bytes would be read: `name` appears in
/// errors and origins, and its extension counts in format detection.
pub fn read_stream(name: &str, reader: Box<dyn std::io::Read + Send>, options: ReadOptions) -> Inputs {
    Inputs { walker: Walker::new(Vec::new()), given: Some((name.to_string(), reader)), current: None, options }
}

/// The stream of documents returned by [`read_inputs`] and [`read_stream`].
pub struct Inputs {
    walker: Walker,
    given: Option<(String, Box<dyn std::io::Read + Send>)>,
    current: Option<Reader>,
    options: ReadOptions,
}

/// What reads the input at hand.
enum Reader {
    Jsonl(jsonl::JsonlReader),
    Csv(Box<csv::CsvReader>),
    Warc(Box<warc::WarcReader>),
    /// Documents already read (a feed, or one whole-file document).
    Ready(VecDeque<Result<RawDoc, ReadError>>),
}

impl Reader {
    fn next_doc(&mut self) -> Option<Result<RawDoc, ReadError>> {
        match self {
            Reader::Jsonl(r) => r.next_doc(),
            Reader::Csv(r) => r.next_doc(),
            Reader::Warc(r) => r.next_doc(),
            Reader::Ready(q) => q.pop_front(),
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<RawDoc, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = &mut self.current {
                if let Some(item) = r.next_doc() {
                    return Some(item);
                }
                self.current = None;
            }
            let opened = match self.given.take() {
                Some((name, reader)) => open_reader(name.clone(), &name, reader, None, &self.options),
                None => match self.walker.next()? {
                    Ok(input) => open(&input, &self.options),
                    Err(e) => return Some(Err(e)),
                },
            };
            match opened {
                Ok(r) => self.current = Some(r),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Opens one input, detects its format and sets up its reader.
fn open(input: &Input, options: &ReadOptions) -> Result<Reader, ReadError> {
    let path = input.display();
    let fail = |reason: String| ReadError::file(path.clone(), reason);
    let (reader, size): (Box<dyn std::io::Read + Send>, Option<u64>) = match input {
        Input::Stdin => (Box::new(std::io::stdin()), None),
        Input::File(p) => {
            let f = std::fs::File::open(p).map_err(|e| fail(e.to_string()))?;
            let size = f.metadata().ok().map(|m| m.len());
            (Box::new(f), size)
        }
    };
    let name = if input == &Input::Stdin { String::new() } else { path.clone() };
    open_reader(path, &name, reader, size, options)
}

/// Detects the format of the bytes `reader` gives and sets up their reader;
/// `path` names them in errors, `name` gives the extension, `size` is the
/// file size when known.
fn open_reader(
    path: String,
    name: &str,
    reader: Box<dyn std::io::Read + Send>,
    size: Option<u64>,
    options: &ReadOptions,
) -> Result<Reader, ReadError> {
    let fail = |reason: String| ReadError::file(path.clone(), reason);
    let mut raw = Counted::new(reader);
    let gzipped = sniff::is_gzip(raw.ensure(2).map_err(|e| fail(e.to_string()))?);
    let mut s = ByteStream::new(if gzipped { Source::Gz(GzMembers::new(raw)) } else { Source::Plain(raw) });
    let format = match options.format {
        Some(f) => f,
        None => match s.peek(sniff::SNIFF_LEN) {
            Ok([]) => return Err(fail(if gzipped { "empty file (gzip holds nothing)" } else { "empty file" }.into())),
            Ok(prefix) => sniff::detect(prefix, name),
            // Corrupt from the start: the name is all there is to go on,
            // and the reader reports the damage.
            Err(_) => sniff::from_extension(name).unwrap_or(InputFormat::Text),
        },
    };
    let limit = options.max_doc_bytes;
    Ok(match format {
        InputFormat::Jsonl => Reader::Jsonl(jsonl::JsonlReader::new(s, path, limit)),
        InputFormat::Csv => Reader::Csv(Box::new(csv::CsvReader::new(s, path, limit))),
        InputFormat::Warc => Reader::Warc(Box::new(warc::WarcReader::new(s, path, limit))),
        InputFormat::Feed => {
            let bytes = read_whole(&mut s, &path, limit, if gzipped { None } else { size })?;
            Reader::Ready(feed::read_feed(bytes, &path)?)
        }
        InputFormat::Text | InputFormat::Html => {
            let prefix = s.peek(sniff::SNIFF_LEN).map_err(|e| fail(e.to_string()))?;
            if prefix.is_empty() {
                return Err(fail("empty file".into()));
            }
            if let Some(reason) = sniff::binary_reason(prefix) {
                return Err(fail(reason));
            }
            let body = read_whole(&mut s, &path, limit, if gzipped { None } else { size })?;
            if body.iter().all(u8::is_ascii_whitespace) {
                return Err(fail("no text (only white space)".into()));
            }
            let kind = if format == InputFormat::Html { BodyKind::Html } else { BodyKind::Text };
            Reader::Ready(VecDeque::from([Ok(RawDoc::new(&path, format, kind, body))]))
        }
    })
}

/// Reads a whole input of at most `limit` bytes; a larger one is an error
/// and is not read further than the limit.
fn read_whole(s: &mut ByteStream, path: &str, limit: usize, size: Option<u64>) -> Result<Vec<u8>, ReadError> {
    let over = |n: String| ReadError::file(path, format!("document of {n} bytes is over the limit of {limit} bytes"));
    if let Some(size) = size.filter(|&n| n > limit as u64) {
        return Err(over(size.to_string()));
    }
    let mut body = Vec::with_capacity(size.map_or(0, |n| n as usize));
    let got = s.read_into(&mut body, limit.saturating_add(1)).map_err(|e| ReadError::file(path, e.to_string()))?;
    if got > limit {
        return Err(over(if s.is_gzip() {
            format!("more than {limit} (decompressed)")
        } else {
            format!("more than {limit}")
        }));
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_can_move_to_another_thread() {
        fn is_send<T: Send>() {}
        is_send::<Inputs>();
        is_send::<RawDoc>();
    }

    #[test]
    fn errors_are_one_line_whatever_they_quote() {
        let e = ReadError { path: "a\nb.xml".into(), record: Some("item 1".into()), reason: "bad </x\ny> tag".into() };
        assert_eq!(e.to_string(), "a\\nb.xml: item 1: bad </x\\ny> tag");
        // Multibyte text around control characters, at either end too.
        let e = ReadError::file("\u{7}é\u{1b}ü", "x\u{0}");
        assert_eq!(e.to_string(), "\\u{7}é\\u{1b}ü: x\\u{0}");
    }

    #[test]
    fn read_stream_names_its_input() {
        let bytes = b"{\"text\": \"one\"}\nnot json\n".to_vec();
        let items: Vec<_> =
            read_stream("mem.jsonl", Box::new(std::io::Cursor::new(bytes)), ReadOptions::default()).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_ref().unwrap().origin.path, "mem.jsonl");
        assert_eq!(items[1].as_ref().unwrap_err().to_string(), "mem.jsonl: line 2: not a JSON object");
    }

    #[test]
    fn format_names() {
        assert_eq!("RSS".parse::<InputFormat>(), Ok(InputFormat::Feed));
        assert_eq!("arc".parse::<InputFormat>(), Ok(InputFormat::Warc));
        assert!("pdf".parse::<InputFormat>().unwrap_err().contains("one of text, html, jsonl, warc, feed, csv"));
    }
}
