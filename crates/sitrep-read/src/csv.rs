//! CSV and TSV: one document per row, its columns named by a header row.
//!
//! News collections are often shipped as spreadsheets (AG News, the Kaggle
//! news sets, exports from databases and media monitors). Read as plain
//! text, such a file would be one document of thousands of unrelated
//! stories, coded on one core and dated and deduplicated as one; here each
//! row is a document of its own.
//!
//! The first row must name the columns (case and surrounding space do not
//! matter). The text is the first column present of `text`, `body`,
//! `content`, `article`, `story`, `full_text`, `html` (read as HTML),
//! `description`, `summary`, `abstract`; the other fields are those of
//! JSONL: `title` (or `headline`), `id` (or `doc_id`, `article_id`,
//! `guid`), `url` (or `link`, `source_url`), `date` (or `published`,
//! `publish_date`, `pubdate`, `published_at`, `datetime`), `author` (or
//! `byline`, `authors`). Other columns are ignored. A row with a title and
//! no text is its title alone, as a headline-only feed item is. A file
//! whose header names neither a text nor a title column is one error
//! (`--format text` reads it as plain text).
//!
//! The delimiter is the one of comma, tab and semicolon that the header
//! line holds most of. Parsing is csv-core's (RFC 4180: quoted fields may
//! span lines and double their quotes; a damaged quote is read leniently,
//! never refused). Memory is bounded by one row: a row over the document
//! limit is skipped to its end without being held, and is an error naming
//! its line.

use crate::stream::ByteStream;
use crate::{BodyKind, InputFormat, RawDoc, ReadError};
use csv_core::{ReadRecordResult, ReaderBuilder};

/// Column names for each field, most specific first.
const TEXT: [&str; 10] =
    ["text", "body", "content", "article", "story", "full_text", "html", "description", "summary", "abstract"];
const TITLE: [&str; 2] = ["title", "headline"];
const ID: [&str; 4] = ["id", "doc_id", "article_id", "guid"];
const URL: [&str; 3] = ["url", "link", "source_url"];
const DATE: [&str; 6] = ["date", "published", "publish_date", "pubdate", "published_at", "datetime"];
const AUTHOR: [&str; 3] = ["author", "byline", "authors"];

/// Where each field is in a row.
#[derive(Debug, Default)]
struct Columns {
    text: Option<(usize, BodyKind)>,
    title: Option<usize>,
    id: Option<usize>,
    url: Option<usize>,
    date: Option<usize>,
    author: Option<usize>,
}

impl Columns {
    fn from_header(names: &[String]) -> Columns {
        let find = |wanted: &[&str]| wanted.iter().find_map(|w| names.iter().position(|n| n == w));
        Columns {
            text: TEXT.iter().find_map(|w| {
                let kind = if *w == "html" { BodyKind::Html } else { BodyKind::Text };
                names.iter().position(|n| n == w).map(|i| (i, kind))
            }),
            title: find(&TITLE),
            id: find(&ID),
            url: find(&URL),
            date: find(&DATE),
            author: find(&AUTHOR),
        }
    }
}

/// A header column name as compared: lower case, trimmed, spaces and
/// hyphens as underscores.
fn column_name(raw: &[u8]) -> String {
    let raw = raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw);
    String::from_utf8_lossy(raw).trim().to_lowercase().replace([' ', '-'], "_")
}

/// Whether `line` (a first line) looks like the header of a CSV or TSV
/// file with a text or title column: used to recognise CSV without an
/// extension (stdin).
pub(crate) fn looks_like_header(line: &[u8]) -> bool {
    let d = delimiter(line);
    let names: Vec<String> = line.split(|&b| b == d).map(|f| column_name(trim_quotes(f))).collect();
    names.len() > 1
        && names
            .iter()
            .all(|n| !n.is_empty() && n.len() <= 40 && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
        && names.iter().any(|n| TEXT.contains(&n.as_str()) || TITLE.contains(&n.as_str()))
}

fn trim_quotes(f: &[u8]) -> &[u8] {
    let f = f.trim_ascii();
    f.strip_prefix(b"\"").and_then(|f| f.strip_suffix(b"\"")).unwrap_or(f)
}

/// The one of comma, tab and semicolon that `line` holds most of (comma
/// on a tie).
fn delimiter(line: &[u8]) -> u8 {
    let line = line.split(|&b| b == b'\n').next().unwrap_or(line);
    let count = |d: u8| line.iter().filter(|&&b| b == d).count();
    let (comma, tab, semi) = (count(b','), count(b'\t'), count(b';'));
    if tab > comma && tab >= semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

/// One row as the parser gives it.
enum Row {
    /// The row's fields are in `out`, ending at `ends`.
    Fields,
    /// A row of more than the limit, skipped; how many bytes it held.
    TooLong(u64),
    End,
}

/// Reads documents from a CSV or TSV stream.
pub(crate) struct CsvReader {
    s: ByteStream,
    path: String,
    limit: usize,
    parser: csv_core::Reader,
    columns: Option<Columns>,
    /// The line the current row starts on.
    line: u64,
    /// Line ends consumed so far.
    newlines: u64,
    out: Vec<u8>,
    ends: Vec<usize>,
    nends: usize,
    done: bool,
}

impl CsvReader {
    pub(crate) fn new(mut s: ByteStream, path: String, limit: usize) -> Self {
        let first = s.peek(crate::sniff::SNIFF_LEN).map(delimiter).unwrap_or(b',');
        let parser = ReaderBuilder::new().delimiter(first).build();
        CsvReader {
            s,
            path,
            limit,
            parser,
            columns: None,
            line: 1,
            newlines: 0,
            out: Vec::new(),
            ends: Vec::new(),
            nends: 0,
            done: false,
        }
    }

    fn error(&self, reason: impl Into<String>) -> ReadError {
        ReadError { path: self.path.clone(), record: Some(format!("line {}", self.line)), reason: reason.into() }
    }

    fn field(&self, i: usize) -> &[u8] {
        if i >= self.nends {
            return &[];
        }
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.out[start..self.ends[i]]
    }

    fn text(&self, i: Option<usize>) -> Option<String> {
        let f = i.map(|i| self.field(i))?;
        let t = String::from_utf8_lossy(f).trim().to_string();
        (!t.is_empty()).then_some(t)
    }

    /// Reads the next row into `out` and `ends`.
    fn read_row(&mut self) -> std::io::Result<Row> {
        // Line ends left from the last row, and blank lines, come first, so
        // that the count gives the line the row starts on.
        loop {
            let input = self.s.fill()?;
            let k = input.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
            self.newlines += memchr::memchr_iter(b'\n', &input[..k]).count() as u64;
            let more = k == input.len() && k > 0;
            self.s.consume(k);
            if !more {
                break;
            }
        }
        self.line = self.newlines + 1;
        let mut used = 0;
        self.nends = 0;
        let mut skipped: Option<u64> = None;
        loop {
            if used == self.out.len() {
                if used >= self.limit.max(1) {
                    // Over the limit: keep parsing to the row's end, writing
                    // over the same buffer.
                    *skipped.get_or_insert(0) += used as u64;
                    used = 0;
                } else {
                    self.out.resize((self.out.len() * 2).max(4096).min(self.limit), 0);
                }
            }
            if self.nends == self.ends.len() {
                if skipped.is_some() {
                    self.nends = 0;
                } else {
                    self.ends.resize((self.ends.len() * 2).max(16), 0);
                }
            }
            let input = self.s.fill()?;
            let (result, nin, nout, nend) =
                self.parser.read_record(input, &mut self.out[used..], &mut self.ends[self.nends..]);
            self.newlines += memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
            self.s.consume(nin);
            used += nout;
            self.nends += nend;
            match result {
                ReadRecordResult::InputEmpty | ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => {
                    return Ok(match skipped {
                        Some(n) => Row::TooLong(n + used as u64),
                        None => Row::Fields,
                    })
                }
                ReadRecordResult::End => return Ok(Row::End),
            }
        }
    }

    pub(crate) fn next_doc(&mut self) -> Option<Result<RawDoc, ReadError>> {
        while !self.done {
            match self.read_row() {
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(e.to_string())));
                }
                Ok(Row::End) => {
                    self.done = true;
                    if self.columns.is_none() {
                        return Some(Err(self.error("no header row (nothing but blank lines)")));
                    }
                }
                Ok(Row::TooLong(n)) => {
                    if self.columns.is_none() {
                        self.done = true;
                        return Some(Err(self.error(format!(
                            "header row of {n} bytes is over the limit of {} bytes; not read",
                            self.limit
                        ))));
                    }
                    return Some(Err(
                        self.error(format!("row of {n} bytes is over the limit of {} bytes; skipped", self.limit))
                    ));
                }
                Ok(Row::Fields) => {
                    if (0..self.nends).all(|i| self.field(i).iter().all(u8::is_ascii_whitespace)) {
                        continue;
                    }
                    let Some(columns) = &self.columns else {
                        let names: Vec<String> = (0..self.nends).map(|i| column_name(self.field(i))).collect();
                        let columns = Columns::from_header(&names);
                        if columns.text.is_none() && columns.title.is_none() {
                            self.done = true;
                            let shown: Vec<&str> = names.iter().take(8).map(String::as_str).collect();
                            return Some(Err(self.error(format!(
                                "CSV header names no text column (one of {} or {}); it has: {}. \
                                 Read the file with --format text to take it as plain text",
                                TEXT.join(", "),
                                TITLE.join(", "),
                                shown.join(", ")
                            ))));
                        }
                        self.columns = Some(columns);
                        continue;
                    };
                    return Some(self.make_doc(columns));
                }
            }
        }
        None
    }

    fn make_doc(&self, c: &Columns) -> Result<RawDoc, ReadError> {
        let title = self.text(c.title);
        let (body, kind) = match c.text.map(|(i, kind)| (self.field(i), kind)) {
            Some((b, kind)) if !b.iter().all(u8::is_ascii_whitespace) => (b.to_vec(), kind),
            // The title's own bytes, like the text's: decoding comes later
            // (a lossy copy would grow, U+FFFD being three bytes).
            _ => match (&title, c.title) {
                (Some(_), Some(i)) => (self.field(i).trim_ascii().to_vec(), BodyKind::Text),
                _ => return Err(self.error("row has no text or title")),
            },
        };
        let mut doc = RawDoc::new(&self.path, InputFormat::Csv, kind, body);
        doc.origin.record = Some(format!("line {}", self.line));
        doc.title = title;
        doc.id = self.text(c.id);
        doc.url = self.text(c.url);
        doc.date = self.text(c.date);
        doc.author = self.text(c.author);
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::Source;

    fn read(bytes: &[u8], limit: usize) -> Vec<Result<RawDoc, ReadError>> {
        let s =
            ByteStream::new(Source::Plain(crate::stream::Counted::new(Box::new(std::io::Cursor::new(bytes.to_vec())))));
        let mut r = CsvReader::new(s, "n.csv".into(), limit);
        std::iter::from_fn(|| r.next_doc()).collect()
    }

    #[test]
    fn each_row_is_a_document() {
        let csv = b"\xEF\xBB\xBFLabel,Title,Description\r\n\
3,Talks resume,\"Envoys met in Geneva, officials said.\"\r\n\
1,\"Headline, only\",\r\n\
\r\n\
2,,\"A \"\"quoted\"\"\nsecond line\"\n";
        let docs = read(csv, 1 << 20);
        assert_eq!(docs.len(), 3);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(
            (a.title.as_deref(), a.body.as_slice()),
            (Some("Talks resume"), &b"Envoys met in Geneva, officials said."[..])
        );
        assert_eq!(a.origin.record.as_deref(), Some("line 2"));
        assert_eq!(a.origin.format, "csv");
        let b = docs[1].as_ref().unwrap();
        assert_eq!(b.body, b"Headline, only");
        let c = docs[2].as_ref().unwrap();
        assert_eq!((c.title.as_deref(), c.body.as_slice()), (None, &b"A \"quoted\"\nsecond line"[..]));
        assert_eq!(c.origin.record.as_deref(), Some("line 5"));
    }

    #[test]
    fn tsv_and_other_fields() {
        let tsv = b"id\theadline\tbody\tpublished\tlink\tbyline\n\
a1\tT\tThe envoy arrived.\t2024-06-01\thttps://n.example/a\tEd Itor\n\
a2\t\t\t\t\t\n";
        let docs = read(tsv, 1 << 20);
        let a = docs[0].as_ref().unwrap();
        assert_eq!(a.id.as_deref(), Some("a1"));
        assert_eq!(a.date.as_deref(), Some("2024-06-01"));
        assert_eq!(a.url.as_deref(), Some("https://n.example/a"));
        assert_eq!(a.author.as_deref(), Some("Ed Itor"));
        assert_eq!(docs[1].as_ref().unwrap_err().to_string(), "n.csv: line 3: row has no text or title");
    }

    #[test]
    fn a_header_without_a_text_column_is_one_error() {
        let docs = read(b"a,b,c\n1,2,3\n4,5,6\n", 1 << 20);
        assert_eq!(docs.len(), 1);
        let e = docs[0].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("n.csv: line 1: CSV header names no text column"), "{e}");
        assert!(e.ends_with("it has: a, b, c. Read the file with --format text to take it as plain text"), "{e}");
    }

    #[test]
    fn a_row_over_the_limit_is_skipped_and_the_next_read() {
        let mut csv = b"title,text\nA,\"".to_vec();
        csv.extend(std::iter::repeat_n(b'x', 100_000));
        csv.extend_from_slice(b"\"\nB,short\n");
        let docs = read(&csv, 10_000);
        assert_eq!(docs.len(), 2);
        let e = docs[0].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("n.csv: line 2: row of 10"), "{e}");
        assert!(e.ends_with("bytes is over the limit of 10000 bytes; skipped"), "{e}");
        assert_eq!(docs[1].as_ref().unwrap().body, b"short");
    }

    #[test]
    fn a_title_standing_for_the_text_keeps_its_bytes() {
        // Found by fuzzing: the title was copied lossily, and three bytes of
        // U+FFFD for each bad byte made the body larger than the row.
        let docs = read(b"title,x\n\xff\xfe\xff,1\n", 1 << 20);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.body, b"\xff\xfe\xff");
        assert_eq!(d.title.as_deref(), Some("\u{FFFD}\u{FFFD}\u{FFFD}"));
    }

    #[test]
    fn headers_are_recognised_by_their_names() {
        assert!(looks_like_header(b"label,title,description"));
        assert!(looks_like_header(b"\"id\";\"Text\";\"Date\""));
        assert!(looks_like_header(b"id\tbody"));
        assert!(!looks_like_header(b"The talks, which began on Monday, ended."));
        assert!(!looks_like_header(b"text"));
        assert!(!looks_like_header(b"a,b,c"));
    }
}
