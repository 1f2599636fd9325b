//! # sitrep-read: from paths to raw documents
//!
//! The first stage of the pipeline. It turns what the user names on the
//! command line (files, directories walked recursively, `-` for stdin) into
//! a stream of [`RawDoc`]s: the undecoded bytes of one document plus what
//! its container said about it (URL, date, title, declared charset, id).
//!
//! It detects each input's format from its content and extension (plain
//! text, HTML, JSONL, WARC, RSS/Atom/JSON feeds), overridable with
//! [`InputFormat`]. Containers are streamed: a WARC or JSONL file of any
//! size is read record by record and never loaded whole.
//!
//! Bad input never panics: a broken record becomes a [`ReadError`] naming
//! the file, the record and the reason, and the stream goes on with the
//! next record or file.
//!
//! What this crate does not do: decode charsets, repair mojibake, extract
//! article text (see `sitrep-repair`, `sitrep-html`, `sitrep-text`).

use sitrep_core::InputOrigin;
use std::fmt;
use std::str::FromStr;

/// The input formats sitrep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    Text,
    Html,
    Jsonl,
    Warc,
    Feed,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Warc => "warc",
            InputFormat::Feed => "feed",
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
            "warc" => Ok(InputFormat::Warc),
            "feed" | "rss" | "atom" | "jsonfeed" => Ok(InputFormat::Feed),
            _ => Err(format!("unknown input format {s:?} (one of text, html, jsonl, warc, feed)")),
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

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.record {
            Some(r) => write!(f, "{}: {}: {}", self.path, r, self.reason),
            None => write!(f, "{}: {}", self.path, self.reason),
        }
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
/// Directories are walked recursively in sorted order; `-` is stdin.
pub fn read_inputs(paths: Vec<String>, options: ReadOptions) -> impl Iterator<Item = Result<RawDoc, ReadError>> {
    // Placeholder until the format readers land: whole files as text.
    paths.into_iter().map(move |p| {
        let body = if p == "-" {
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut v).map(|_| v)
        } else {
            std::fs::read(&p)
        }
        .map_err(|e| ReadError { path: p.clone(), record: None, reason: e.to_string() })?;
        if body.len() > options.max_doc_bytes {
            return Err(ReadError {
                path: p.clone(),
                record: None,
                reason: format!(
                    "document of {} bytes is over the limit of {} bytes",
                    body.len(),
                    options.max_doc_bytes
                ),
            });
        }
        Ok(RawDoc::new(&p, InputFormat::Text, BodyKind::Text, body))
    })
}
