//! The layers a store keeps with a document's text (repairs, segments,
//! sentences, links, mentions, quotes), in a compact binary form.
//!
//! Layers are written for every document and read back only when one is
//! shown or re-coded, so their form is chosen for writing. As JSON they
//! were about 1.7 kB a document, most of it the field names of mentions,
//! and turning them into JSON and compressing it was a tenth of an
//! ingest's CPU. Here each field is a number or a string in a fixed order:
//! integers as LEB128 varints, spans as the distance from the previous
//! span's start and a length (small numbers), optional values with a 0 for
//! none. The record is still compressed with the store's codec.
//!
//! The first byte tells the forms apart: [`BINARY`] here; `{` for the JSON
//! that stores written before this form hold, which [`decode`] still reads.
//! Decoding checks every length and count against the bytes left, so a
//! damaged record is an error, never a panic or a huge allocation.

use serde::Deserialize;
use sitrep_core::{Document, Link, Mention, MentionKind, Quote, Repair, Segment, SegmentKind, Sentence, Span};

/// First byte of the binary form (version 1).
pub(crate) const BINARY: u8 = 1;

/// A document's layers, as read back.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub(crate) struct Layers {
    pub repairs: Vec<Repair>,
    pub segments: Vec<Segment>,
    pub sentences: Vec<Sentence>,
    pub links: Vec<Link>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
}

/// The binary form of `doc`'s layers.
pub(crate) fn encode(doc: &Document) -> Vec<u8> {
    let mut w = Writer(Vec::with_capacity(64 + doc.mentions.len() * 40 + doc.sentences.len() * 4));
    w.0.push(BINARY);
    w.uint(doc.repairs.len() as u64);
    let mut prev = 0;
    for r in &doc.repairs {
        w.delta(&mut prev, r.offset);
        w.str(&r.before);
        w.str(&r.after);
        w.str(&r.rule);
    }
    w.uint(doc.segments.len() as u64);
    let mut prev = 0;
    for s in &doc.segments {
        w.0.push(segment_kind_code(s.kind));
        w.span(&mut prev, s.span);
        w.opt_str(s.author.as_deref());
    }
    w.uint(doc.sentences.len() as u64);
    let mut prev = 0;
    for s in &doc.sentences {
        w.span(&mut prev, s.span);
        w.uint(s.segment as u64);
    }
    w.uint(doc.links.len() as u64);
    let mut prev = 0;
    for l in &doc.links {
        w.str(&l.url);
        w.uint(l.segment as u64);
        w.span(&mut prev, l.span);
    }
    w.uint(doc.mentions.len() as u64);
    let mut prev = 0;
    for m in &doc.mentions {
        w.span(&mut prev, m.span);
        w.opt_str(m.code.as_deref());
        w.opt_str(m.sector.as_deref());
        w.0.push(mention_kind_code(m.kind));
        w.opt_str(m.identifier.as_deref());
        w.opt_str(m.name.as_deref());
        w.str(&m.entry);
        w.opt_uint(m.antecedent);
    }
    w.uint(doc.quotes.len() as u64);
    let mut prev = 0;
    for q in &doc.quotes {
        w.span(&mut prev, q.span);
        w.0.push(u8::from(q.direct));
        w.opt_uint(q.speaker);
        w.opt_str(q.speaker_text.as_deref());
        w.opt_str(q.cue.as_deref());
    }
    w.0
}

/// Reads layers in either form: the binary one or the JSON of older stores.
pub(crate) fn decode(bytes: &[u8]) -> Result<Layers, String> {
    match bytes.first() {
        Some(&BINARY) => decode_binary(&bytes[1..]),
        Some(b'{') => serde_json::from_slice(bytes).map_err(|e| e.to_string()),
        Some(b) => Err(format!("unknown layers form (first byte {b:#04x})")),
        None => Err("empty layers record".into()),
    }
}

fn decode_binary(bytes: &[u8]) -> Result<Layers, String> {
    let mut r = Reader { buf: bytes, pos: 0 };
    let mut out = Layers::default();
    let n = r.count()?;
    let mut prev = 0;
    for _ in 0..n {
        out.repairs.push(Repair {
            offset: r.delta(&mut prev)?,
            before: r.string()?,
            after: r.string()?,
            rule: r.string()?,
        });
    }
    let n = r.count()?;
    let mut prev = 0;
    for _ in 0..n {
        let kind = segment_kind(r.byte()?)?;
        let span = r.span(&mut prev)?;
        out.segments.push(Segment { kind, span, author: r.opt_string()? });
    }
    let n = r.count()?;
    let mut prev = 0;
    for _ in 0..n {
        out.sentences.push(Sentence { span: r.span(&mut prev)?, segment: r.usize()? });
    }
    let n = r.count()?;
    let mut prev = 0;
    for _ in 0..n {
        let url = r.string()?;
        let segment = r.usize()?;
        out.links.push(Link { url, segment, span: r.span(&mut prev)? });
    }
    let n = r.count()?;
    let mut prev = 0;
    for _ in 0..n {
        out.mentions.push(Mention {
            span: r.span(&mut prev)?,
            code: r.opt_string()?,
            sector: r.opt_string()?,
            kind: mention_kind(r.byte()?)?,
            identifier: r.opt_string()?,
            name: r.opt_string()?,
            entry: r.string()?,
            antecedent: r.opt_usize()?,
        });
    }
    let n = r.count()?;
    let mut prev = 0;
    for _ in 0..n {
        out.quotes.push(Quote {
            span: r.span(&mut prev)?,
            direct: match r.byte()? {
                0 => false,
                1 => true,
                b => return Err(format!("bad flag {b} at byte {}", r.pos)),
            },
            speaker: r.opt_usize()?,
            speaker_text: r.opt_string()?,
            cue: r.opt_string()?,
        });
    }
    if r.pos != bytes.len() {
        return Err(format!("{} bytes left over after the layers", bytes.len() - r.pos));
    }
    Ok(out)
}

// Codes of the enums: fixed here, whatever order the enums list their
// variants in (both matches are exhaustive, and the round-trip test covers
// every variant).

fn segment_kind_code(k: SegmentKind) -> u8 {
    match k {
        SegmentKind::Title => 0,
        SegmentKind::Article => 1,
        SegmentKind::Comment => 2,
        SegmentKind::Link => 3,
        SegmentKind::Boilerplate => 4,
    }
}

fn segment_kind(b: u8) -> Result<SegmentKind, String> {
    Ok(match b {
        0 => SegmentKind::Title,
        1 => SegmentKind::Article,
        2 => SegmentKind::Comment,
        3 => SegmentKind::Link,
        4 => SegmentKind::Boilerplate,
        _ => return Err(format!("unknown segment kind {b}")),
    })
}

fn mention_kind_code(k: MentionKind) -> u8 {
    match k {
        MentionKind::State => 0,
        MentionKind::Group => 1,
        MentionKind::Igo => 2,
        MentionKind::Ngo => 3,
        MentionKind::ArmedGroup => 4,
        MentionKind::Party => 5,
        MentionKind::Person => 6,
        MentionKind::Sector => 7,
        MentionKind::Place => 8,
        MentionKind::Pronoun => 9,
        MentionKind::Date => 10,
    }
}

fn mention_kind(b: u8) -> Result<MentionKind, String> {
    Ok(match b {
        0 => MentionKind::State,
        1 => MentionKind::Group,
        2 => MentionKind::Igo,
        3 => MentionKind::Ngo,
        4 => MentionKind::ArmedGroup,
        5 => MentionKind::Party,
        6 => MentionKind::Person,
        7 => MentionKind::Sector,
        8 => MentionKind::Place,
        9 => MentionKind::Pronoun,
        10 => MentionKind::Date,
        _ => return Err(format!("unknown mention kind {b}")),
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn uint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    /// `v` as the (zig-zag) difference from `prev`, which becomes `v`.
    fn delta(&mut self, prev: &mut usize, v: usize) {
        let d = (v as i64).wrapping_sub(*prev as i64);
        self.uint(((d << 1) ^ (d >> 63)) as u64);
        *prev = v;
    }

    fn span(&mut self, prev: &mut usize, s: Span) {
        self.delta(prev, s.start);
        self.uint(s.end.saturating_sub(s.start) as u64);
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.0.push(0),
            Some(s) => {
                self.uint(s.len() as u64 + 1);
                self.0.extend_from_slice(s.as_bytes());
            }
        }
    }

    fn opt_uint(&mut self, v: Option<usize>) {
        self.uint(v.map_or(0, |v| v as u64 + 1));
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.buf.get(self.pos).ok_or("the layers record ends early")?;
        self.pos += 1;
        Ok(b)
    }

    fn uint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7f);
            if shift == 63 && part > 1 {
                break;
            }
            v |= part << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("a number too large at byte {}", self.pos))
    }

    fn usize(&mut self) -> Result<usize, String> {
        let v = self.uint()?;
        usize::try_from(v).map_err(|_| format!("a number too large at byte {}", self.pos))
    }

    /// A count of items that each take at least one byte: never more than
    /// the bytes left.
    fn count(&mut self) -> Result<usize, String> {
        let n = self.usize()?;
        if n > self.buf.len() - self.pos {
            return Err(format!("a count of {n} with {} bytes left", self.buf.len() - self.pos));
        }
        Ok(n)
    }

    fn delta(&mut self, prev: &mut usize) -> Result<usize, String> {
        let z = self.uint()?;
        let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
        let v = (*prev as i64)
            .checked_add(d)
            .filter(|v| *v >= 0)
            .ok_or_else(|| format!("bad offset at byte {}", self.pos))?;
        let v = usize::try_from(v).map_err(|_| format!("bad offset at byte {}", self.pos))?;
        *prev = v;
        Ok(v)
    }

    fn span(&mut self, prev: &mut usize) -> Result<Span, String> {
        let start = self.delta(prev)?;
        let len = self.usize()?;
        let end = start.checked_add(len).ok_or_else(|| format!("bad span at byte {}", self.pos))?;
        Ok(Span { start, end })
    }

    fn bytes(&mut self, n: usize) -> Result<String, String> {
        let end = self.pos.checked_add(n).filter(|e| *e <= self.buf.len()).ok_or("the layers record ends early")?;
        let s = std::str::from_utf8(&self.buf[self.pos..end]).map_err(|_| format!("not UTF-8 at byte {}", self.pos))?;
        self.pos = end;
        Ok(s.to_string())
    }

    fn string(&mut self) -> Result<String, String> {
        let n = self.usize()?;
        self.bytes(n)
    }

    fn opt_string(&mut self) -> Result<Option<String>, String> {
        match self.usize()? {
            0 => Ok(None),
            n => self.bytes(n - 1).map(Some),
        }
    }

    fn opt_usize(&mut self) -> Result<Option<usize>, String> {
        match self.uint()? {
            0 => Ok(None),
            n => usize::try_from(n - 1).map(Some).map_err(|_| format!("a number too large at byte {}", self.pos)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEGMENT_KINDS: [SegmentKind; 5] =
        [SegmentKind::Title, SegmentKind::Article, SegmentKind::Comment, SegmentKind::Link, SegmentKind::Boilerplate];
    const MENTION_KINDS: [MentionKind; 11] = [
        MentionKind::State,
        MentionKind::Group,
        MentionKind::Igo,
        MentionKind::Ngo,
        MentionKind::ArmedGroup,
        MentionKind::Party,
        MentionKind::Person,
        MentionKind::Sector,
        MentionKind::Place,
        MentionKind::Pronoun,
        MentionKind::Date,
    ];

    /// A document with every layer, every optional field both set and
    /// unset, every kind, spans out of order and large offsets.
    fn full() -> Document {
        let span = |s: usize, e: usize| Span { start: s, end: e };
        Document {
            text: "x".repeat(10),
            repairs: vec![
                Repair {
                    offset: 40, before: "Pyongyangâs".into(), after: "Pyongyang’s".into(), rule: "lossy".into()
                },
                Repair { offset: 3, before: String::new(), after: "é".into(), rule: "r".into() },
            ],
            segments: SEGMENT_KINDS
                .iter()
                .enumerate()
                .map(|(i, k)| Segment {
                    kind: *k,
                    span: span(i * 100, i * 100 + 90),
                    author: (i % 2 == 0).then(|| format!("reader {i}")),
                })
                .collect(),
            sentences: vec![
                Sentence { span: span(0, 0), segment: 0 },
                Sentence { span: span(5_000_000_000, 5_000_000_120), segment: 3 },
                Sentence { span: span(7, 9), segment: 1 },
            ],
            links: vec![Link { url: "https://rt.com/news/1".into(), segment: 2, span: span(200, 221) }],
            mentions: MENTION_KINDS
                .iter()
                .enumerate()
                .map(|(i, k)| Mention {
                    span: span(1000 - i * 50, 1010 - i * 50),
                    code: (i % 2 == 0).then(|| "PRK".into()),
                    sector: (i % 3 == 0).then(|| "GOV".into()),
                    kind: *k,
                    identifier: (i % 4 == 0).then(|| "KJU".into()),
                    name: (i % 5 != 0).then(|| "Kim Jong Un".into()),
                    entry: format!("people.tsv:{i}"),
                    antecedent: (i % 3 == 1).then_some(i - 1),
                })
                .collect(),
            quotes: vec![
                Quote {
                    span: span(300, 340),
                    direct: true,
                    speaker: Some(2),
                    speaker_text: Some("Lavrov".into()),
                    cue: Some("said".into()),
                },
                Quote { span: span(10, 20), direct: false, speaker: None, speaker_text: None, cue: None },
            ],
            ..Default::default()
        }
    }

    fn layers_of(d: &Document) -> Layers {
        Layers {
            repairs: d.repairs.clone(),
            segments: d.segments.clone(),
            sentences: d.sentences.clone(),
            links: d.links.clone(),
            mentions: d.mentions.clone(),
            quotes: d.quotes.clone(),
        }
    }

    #[test]
    fn every_layer_and_kind_round_trips() {
        let d = full();
        let bytes = encode(&d);
        assert_eq!(bytes[0], BINARY);
        assert_eq!(decode(&bytes).unwrap(), layers_of(&d));
        let empty = Document::default();
        assert_eq!(decode(&encode(&empty)).unwrap(), Layers::default());
        assert_eq!(encode(&empty).len(), 7);
    }

    #[test]
    fn the_json_of_older_stores_is_still_read() {
        let d = full();
        let json = serde_json::json!({
            "repairs": d.repairs, "segments": d.segments, "sentences": d.sentences,
            "links": d.links, "mentions": d.mentions, "quotes": d.quotes,
        })
        .to_string();
        assert_eq!(decode(json.as_bytes()).unwrap(), layers_of(&d));
        // And it is several times the size of the binary form.
        assert!(json.len() > 3 * encode(&d).len(), "{} vs {}", json.len(), encode(&d).len());
    }

    #[test]
    fn damaged_records_are_errors_not_panics() {
        let bytes = encode(&full());
        for end in 0..bytes.len() {
            assert!(decode(&bytes[..end]).is_err(), "prefix of {end} bytes");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).unwrap_err().contains("left over"));
        assert!(decode(b"\x02abc").unwrap_err().contains("unknown layers form"));
        // A huge count is refused before anything is allocated for it.
        assert!(decode(&[BINARY, 0xff, 0xff, 0xff, 0xff, 0x0f]).unwrap_err().contains("count"));
        // A ten-byte varint beyond 64 bits.
        assert!(decode(&[BINARY, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).is_err());
        // Every single-byte change either decodes or is an error.
        for i in 1..bytes.len() {
            for b in [0x00, 0x7f, 0x80, 0xff] {
                let mut m = bytes.clone();
                m[i] = b;
                let _ = decode(&m);
            }
        }
    }
}
