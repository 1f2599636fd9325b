//! Byte streams with the few operations the format readers need, all
//! bounded: peek at the start, read a line of at most N bytes, read or skip
//! N bytes, push bytes back, scan forward to a marker, and, for gzip,
//! survive a broken member by resuming at the next one.
//!
//! Gzip is handled here, below the formats, so that every format can come
//! gzipped: a WARC written one member per record, a whole WARC in one
//! member, a gzipped JSONL or text file. The decompressed bytes form one
//! stream; [`GzMembers`] remembers where each member began so that errors
//! can name the member's offset in the file, the offset tools such as CDX
//! indexes use.

use memchr::memmem;
use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

/// How much is read from the source at a time.
const CHUNK: usize = 64 * 1024;

/// A buffered reader that counts the bytes consumed and can be asked to
/// hold at least `n` bytes (which `std::io::BufReader` cannot).
pub(crate) struct Counted {
    inner: Box<dyn Read + Send>,
    buf: Vec<u8>,
    start: usize,
    /// Bytes consumed so far: the file offset of `buf[start]`.
    pos: u64,
    eof: bool,
}

impl Counted {
    pub(crate) fn new(inner: Box<dyn Read + Send>) -> Self {
        Counted { inner, buf: Vec::new(), start: 0, pos: 0, eof: false }
    }

    /// At least `n` buffered bytes, or fewer at the end of the input.
    pub(crate) fn ensure(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.buf.len() - self.start < n && !self.eof {
            if self.start > 0 {
                self.buf.drain(..self.start);
                self.start = 0;
            }
            let old = self.buf.len();
            let want = (n - old).max(CHUNK);
            self.buf.resize(old + want, 0);
            let got = read_retrying(&mut self.inner, &mut self.buf[old..]);
            let got = match got {
                Ok(g) => g,
                Err(e) => {
                    self.buf.truncate(old);
                    return Err(e);
                }
            };
            self.buf.truncate(old + got);
            if got == 0 {
                self.eof = true;
            }
        }
        Ok(&self.buf[self.start..])
    }
}

fn read_retrying(r: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match r.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

impl Read for Counted {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Counted {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.buf.len() {
            self.ensure(1)
        } else {
            Ok(&self.buf[self.start..])
        }
    }

    fn consume(&mut self, amt: usize) {
        let amt = amt.min(self.buf.len() - self.start);
        self.start += amt;
        self.pos += amt as u64;
    }
}

enum GzState {
    Decoding(Box<flate2::bufread::GzDecoder<Counted>>),
    /// Between two members (or before the first).
    Between(Counted),
    /// A member failed; [`GzMembers::resync`] looks for the next one.
    Broken(Counted),
    Done,
}

/// The concatenated contents of every gzip member in a file, with the
/// position of each member remembered and recovery from a broken one.
pub(crate) struct GzMembers {
    state: GzState,
    /// Decompressed bytes produced so far.
    produced: u64,
    /// (decompressed offset, file offset) of members not yet left behind.
    members: VecDeque<(u64, u64)>,
}

impl GzMembers {
    pub(crate) fn new(inner: Counted) -> Self {
        GzMembers { state: GzState::Between(inner), produced: 0, members: VecDeque::new() }
    }

    /// The file offset of the gzip member holding decompressed offset `at`.
    /// Queries must come in increasing order: older members are forgotten.
    fn member_of(&mut self, at: u64) -> Option<u64> {
        while self.members.len() > 1 && self.members[1].0 <= at {
            self.members.pop_front();
        }
        self.members.front().filter(|m| m.0 <= at).map(|m| m.1)
    }

    /// After an error: skips to the next gzip member header. Returns the
    /// number of file bytes skipped, or `None` when there is no other member.
    fn resync(&mut self) -> io::Result<Option<u64>> {
        let mut c = match std::mem::replace(&mut self.state, GzState::Done) {
            GzState::Decoding(d) => d.into_inner(),
            GzState::Between(c) | GzState::Broken(c) => c,
            GzState::Done => return Ok(None),
        };
        let from = c.pos;
        // Step past the header that failed, so the scan makes progress.
        c.consume(1);
        loop {
            let buf = match c.ensure(CHUNK) {
                Ok(b) => b,
                Err(e) => {
                    self.state = GzState::Broken(c);
                    return Err(e);
                }
            };
            if buf.len() < 3 {
                self.state = GzState::Done;
                return Ok(None);
            }
            match memmem::find(buf, &[0x1f, 0x8b, 0x08]) {
                Some(i) => {
                    c.consume(i);
                    let skipped = c.pos - from;
                    self.state = GzState::Between(c);
                    return Ok(Some(skipped));
                }
                None => {
                    let keep = 2;
                    let n = buf.len() - keep;
                    c.consume(n);
                }
            }
        }
    }
}

impl Read for GzMembers {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, GzState::Done) {
                GzState::Decoding(mut d) => match d.read(out) {
                    Ok(0) if !out.is_empty() => self.state = GzState::Between(d.into_inner()),
                    Ok(n) => {
                        self.produced += n as u64;
                        self.state = GzState::Decoding(d);
                        return Ok(n);
                    }
                    Err(e) => {
                        let at = d.get_ref().pos;
                        self.state = GzState::Broken(d.into_inner());
                        let what = if e.kind() == io::ErrorKind::UnexpectedEof {
                            "gzip data ends early (truncated file)".to_string()
                        } else {
                            format!("corrupt gzip data: {e}")
                        };
                        return Err(io::Error::new(e.kind(), format!("{what} near file offset {at}")));
                    }
                },
                GzState::Between(mut c) => {
                    // Padding after the last member (zeros, newlines) is
                    // harmless; anything else is not gzip.
                    loop {
                        let buf = match c.fill_buf() {
                            Ok(b) => b,
                            Err(e) => {
                                self.state = GzState::Between(c);
                                return Err(e);
                            }
                        };
                        if buf.is_empty() {
                            return Ok(0);
                        }
                        let pad = buf.iter().take_while(|&&b| b == 0 || b.is_ascii_whitespace()).count();
                        if pad == 0 {
                            break;
                        }
                        c.consume(pad);
                    }
                    let head = match c.ensure(2) {
                        Ok(h) => h,
                        Err(e) => {
                            self.state = GzState::Between(c);
                            return Err(e);
                        }
                    };
                    if !head.starts_with(&[0x1f, 0x8b]) {
                        let at = c.pos;
                        self.state = GzState::Broken(c);
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("bytes that are not gzip at file offset {at}"),
                        ));
                    }
                    self.members.push_back((self.produced, c.pos));
                    self.state = GzState::Decoding(Box::new(flate2::bufread::GzDecoder::new(c)));
                }
                GzState::Broken(c) => {
                    let at = c.pos;
                    self.state = GzState::Broken(c);
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("broken gzip data at file offset {at}"),
                    ));
                }
                GzState::Done => return Ok(0),
            }
        }
    }
}

/// Where the bytes come from: a plain file or gzip members.
pub(crate) enum Source {
    Plain(Counted),
    Gz(GzMembers),
}

impl Read for Source {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Plain(c) => c.read(out),
            Source::Gz(g) => g.read(out),
        }
    }
}

/// The outcome of [`ByteStream::read_line`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line (without its `\n`) is in the buffer.
    Complete,
    /// The line was longer than the limit and was skipped; its length.
    TooLong(u64),
    /// The last line of the input, without a final `\n`.
    Last,
    Eof,
}

/// A position in an input, for error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// Offset in a plain file.
    Offset(u64),
    /// Inside the gzip member starting at this file offset.
    Member(u64),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Offset(o) => write!(f, "offset {o}"),
            Place::Member(o) => write!(f, "gzip member at offset {o}"),
        }
    }
}

/// The decompressed bytes of one input, read through a bounded buffer.
pub(crate) struct ByteStream {
    src: Source,
    buf: Vec<u8>,
    pos: usize,
    /// Decompressed offset of `buf[pos]`.
    offset: u64,
    eof: bool,
}

impl ByteStream {
    pub(crate) fn new(src: Source) -> Self {
        ByteStream { src, buf: Vec::new(), pos: 0, offset: 0, eof: false }
    }

    pub(crate) fn is_gzip(&self) -> bool {
        matches!(self.src, Source::Gz(_))
    }

    /// Decompressed offset of the next byte.
    pub(crate) fn offset(&self) -> u64 {
        self.offset
    }

    /// How to name decompressed offset `at` (the start of a record) in an
    /// error: the file offset, or the gzip member it lies in.
    pub(crate) fn place(&mut self, at: u64) -> Place {
        match &mut self.src {
            Source::Plain(_) => Place::Offset(at),
            Source::Gz(g) => g.member_of(at).map(Place::Member).unwrap_or(Place::Offset(at)),
        }
    }

    fn buffered(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// Reads more into the buffer; returns how many bytes came.
    fn fill_more(&mut self) -> io::Result<usize> {
        if self.eof {
            return Ok(0);
        }
        if self.pos > 0 {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + CHUNK, 0);
        let got = read_retrying(&mut self.src, &mut self.buf[old..]);
        let got = match got {
            Ok(g) => g,
            Err(e) => {
                self.buf.truncate(old);
                return Err(e);
            }
        };
        self.buf.truncate(old + got);
        if got == 0 {
            self.eof = true;
        }
        Ok(got)
    }

    /// Consumes `n` bytes of what [`ByteStream::fill`] gave.
    pub(crate) fn consume(&mut self, n: usize) {
        self.pos += n;
        self.offset += n as u64;
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        }
    }

    /// The buffered bytes, read from the source first when there are none;
    /// empty at the end of the input.
    pub(crate) fn fill(&mut self) -> io::Result<&[u8]> {
        if self.buffered().is_empty() {
            self.fill_more()?;
        }
        Ok(self.buffered())
    }

    /// The next `n` bytes without consuming them (fewer at the end).
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.buffered().len() < n {
            if self.fill_more()? == 0 {
                break;
            }
        }
        let end = (self.pos + n).min(self.buf.len());
        Ok(&self.buf[self.pos..end])
    }

    /// Reads one line into `out` (cleared first), without the `\n`. A line
    /// longer than `limit` is skipped to its end without being kept.
    pub(crate) fn read_line(&mut self, out: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
        out.clear();
        let mut skipped: Option<u64> = None;
        loop {
            if self.buffered().is_empty() && self.fill_more()? == 0 {
                return Ok(match skipped {
                    Some(n) => Line::TooLong(n),
                    None if out.is_empty() => Line::Eof,
                    None => Line::Last,
                });
            }
            let avail = self.buffered();
            let (take, done) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            match &mut skipped {
                Some(n) => *n += take as u64,
                None if out.len() + take > limit => {
                    skipped = Some((out.len() + take) as u64);
                    out.clear();
                    out.shrink_to(CHUNK);
                }
                None => out.extend_from_slice(&avail[..take]),
            }
            self.consume(take + usize::from(done));
            if done {
                return Ok(match skipped {
                    Some(n) => Line::TooLong(n),
                    None => Line::Complete,
                });
            }
        }
    }

    /// Appends up to `n` bytes to `out`; fewer only at the end of the input.
    pub(crate) fn read_into(&mut self, out: &mut Vec<u8>, n: usize) -> io::Result<usize> {
        let mut got = 0;
        while got < n {
            if self.buffered().is_empty() && self.fill_more()? == 0 {
                break;
            }
            let avail = self.buffered();
            let take = avail.len().min(n - got);
            out.extend_from_slice(&avail[..take]);
            self.consume(take);
            got += take;
        }
        Ok(got)
    }

    /// Skips up to `n` bytes without keeping them; returns how many.
    pub(crate) fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut done = 0u64;
        while done < n {
            if self.buffered().is_empty() && self.fill_more()? == 0 {
                break;
            }
            let take = (self.buffered().len() as u64).min(n - done) as usize;
            self.consume(take);
            done += take as u64;
        }
        Ok(done)
    }

    /// Puts `data` back in front of the stream, as if it had not been read.
    pub(crate) fn unread(&mut self, data: &[u8]) {
        let mut v = Vec::with_capacity(data.len() + self.buffered().len());
        v.extend_from_slice(data);
        v.extend_from_slice(self.buffered());
        self.buf = v;
        self.pos = 0;
        self.offset -= data.len() as u64;
    }

    /// Skips to the next line that starts with `marker` (the current
    /// position counts as a line start). Returns false at the end.
    pub(crate) fn seek_line_start(&mut self, marker: &[u8]) -> io::Result<bool> {
        let finder = memmem::Finder::new(marker);
        // Whether the byte before the buffered ones ends a line.
        let mut after_newline = true;
        loop {
            let avail = self.buffered();
            let mut from = 0;
            while let Some(i) = finder.find(&avail[from..]).map(|i| i + from) {
                let at_line_start = if i == 0 { after_newline } else { avail[i - 1] == b'\n' };
                if at_line_start {
                    self.consume(i);
                    return Ok(true);
                }
                from = i + 1;
            }
            // A whole marker in the tail would have been found; keep only
            // what could be the start of one split across reads.
            let keep = marker.len().saturating_sub(1).min(avail.len());
            let drop = avail.len() - keep;
            if drop > 0 {
                after_newline = avail[drop - 1] == b'\n';
                self.consume(drop);
            }
            if self.fill_more()? == 0 {
                let rest = self.buffered().len();
                self.consume(rest);
                return Ok(false);
            }
        }
    }

    /// After an error from the source: for gzip, drops what is buffered and
    /// resumes at the next member (returns true); for a plain file an error
    /// is final (false).
    pub(crate) fn recover(&mut self) -> bool {
        let Source::Gz(g) = &mut self.src else {
            return false;
        };
        let dropped = self.buf.len() - self.pos;
        self.buf.clear();
        self.pos = 0;
        self.offset += dropped as u64;
        self.eof = false;
        matches!(g.resync(), Ok(Some(_)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    pub(crate) fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn plain(data: &[u8]) -> ByteStream {
        ByteStream::new(Source::Plain(Counted::new(Box::new(io::Cursor::new(data.to_vec())))))
    }

    fn gzipped(data: Vec<u8>) -> ByteStream {
        ByteStream::new(Source::Gz(GzMembers::new(Counted::new(Box::new(io::Cursor::new(data))))))
    }

    #[test]
    fn lines_are_bounded() {
        let mut s = plain(b"short\nthis line is long\n\nlast");
        let mut l = Vec::new();
        assert_eq!(s.read_line(&mut l, 8).unwrap(), Line::Complete);
        assert_eq!(l, b"short");
        assert_eq!(s.read_line(&mut l, 8).unwrap(), Line::TooLong(17));
        assert!(l.is_empty());
        assert_eq!(s.read_line(&mut l, 8).unwrap(), Line::Complete);
        assert_eq!(s.read_line(&mut l, 8).unwrap(), Line::Last);
        assert_eq!(l, b"last");
        assert_eq!(s.read_line(&mut l, 8).unwrap(), Line::Eof);
    }

    #[test]
    fn gzip_members_concatenate_and_are_located() {
        let a = gz(b"first member\n");
        let b = gz(b"second\n");
        let mut data = a.clone();
        data.extend_from_slice(&b);
        data.extend_from_slice(b"\0\0\n");
        let mut s = gzipped(data);
        let mut l = Vec::new();
        s.read_line(&mut l, 100).unwrap();
        assert_eq!(s.place(0), Place::Member(0));
        assert_eq!(l, b"first member");
        s.read_line(&mut l, 100).unwrap();
        assert_eq!(l, b"second");
        assert_eq!(s.place(13), Place::Member(a.len() as u64));
        assert_eq!(s.read_line(&mut l, 100).unwrap(), Line::Eof);
    }

    #[test]
    fn a_broken_member_is_skipped() {
        let mut a = gz(b"good one\n");
        let mut bad = gz(b"this member gets corrupted in the middle of its data\n");
        let n = bad.len();
        for b in &mut bad[12..n - 8] {
            *b = 0xFF;
        }
        a.extend_from_slice(&bad);
        a.extend_from_slice(&gz(b"good two\n"));
        let mut s = gzipped(a);
        let mut l = Vec::new();
        s.read_line(&mut l, 100).unwrap();
        assert_eq!(l, b"good one");
        assert!(s.read_line(&mut l, 100).is_err());
        assert!(s.recover());
        s.read_line(&mut l, 100).unwrap();
        assert_eq!(l, b"good two");
    }

    #[test]
    fn truncated_gzip_is_an_error_not_a_hang() {
        let mut data = gz(&b"some words ".repeat(1000));
        data.truncate(data.len() / 2);
        let mut s = gzipped(data);
        let mut l = Vec::new();
        let e = s.read_line(&mut l, 1 << 20).unwrap_err();
        assert!(e.to_string().contains("truncated"), "{e}");
        assert!(!s.recover());
    }

    #[test]
    fn seek_and_unread() {
        let mut s = plain(b"junk WARC/1.0 not at start\nmore\nWARC/1.0\r\nrest");
        assert!(s.seek_line_start(b"WARC/1.").unwrap());
        assert_eq!(s.offset(), 32);
        let mut v = Vec::new();
        s.read_into(&mut v, 4).unwrap();
        assert_eq!(v, b"WARC");
        s.unread(b"XY");
        assert_eq!(s.peek(4).unwrap(), b"XY/1");
        assert_eq!(s.offset(), 34);
        assert!(!s.seek_line_start(b"NOPE").unwrap());
        assert_eq!(s.peek(1).unwrap(), b"");
    }

    #[test]
    fn seek_finds_markers_split_across_reads() {
        let mut data = vec![b'x'; CHUNK - 3];
        data.push(b'\n');
        data.extend_from_slice(b"WARC/1.0\r\n");
        let mut s = plain(&data);
        assert!(s.seek_line_start(b"WARC/1.").unwrap());
        assert_eq!(s.offset(), CHUNK as u64 - 2);
    }
}
