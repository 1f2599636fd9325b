//! The [`Document`]: one repaired text and the layers found in it.
//!
//! A document is created by a reader (plain text, HTML, JSONL, WARC, feed)
//! and then handed through the pipeline; each stage fills its own layer.
//! All layers hold byte [`Span`]s into [`Document::text`], never copies, so
//! a 200 MB page is not held twice. [`Document::analyze_json`] renders the
//! whole object in the shape `sitrep analyze --json` promises.

use crate::event::Event;
use crate::ontology::SegmentKind;
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// Where a document came from: the file, the record inside it, the format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputOrigin {
    /// The path as given on the command line (`-` for stdin).
    pub path: String,
    /// Record number or id inside a container (JSONL line, WARC record
    /// offset, feed item), when the input holds several documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The input format the reader used: text, html, jsonl, warc, feed, csv.
    pub format: String,
    /// The character set the raw bytes were decoded from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
}

/// One change made to the text, so that nothing is silently rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// Byte offset of `after` in the repaired text.
    pub offset: usize,
    /// The damaged text as it was read.
    pub before: String,
    /// What it became.
    pub after: String,
    /// The rule that made the change (e.g. `utf8-as-cp1252`, `lossy-c1-quote`).
    pub rule: String,
}

/// A part of the page: title, article body, a source-link line, one reader
/// comment, or boilerplate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub kind: SegmentKind,
    #[serde(flatten)]
    pub span: Span,
    /// The comment's author when the page names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl Segment {
    pub fn new(kind: SegmentKind, span: Span) -> Self {
        Segment { kind, span, author: None }
    }
}

/// A sentence, and the index of the segment it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    #[serde(flatten)]
    pub span: Span,
    pub segment: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
    Url,
}

/// A token: a word, number, punctuation mark or URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    #[serde(flatten)]
    pub span: Span,
    pub kind: TokenKind,
}

/// A URL found in the text, with the segment it sits in. Links inside
/// comments are citations, not the document's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub url: String,
    /// Index into [`Document::segments`].
    pub segment: usize,
    #[serde(flatten)]
    pub span: Span,
}

/// Who owns an outlet, in the sense that matters for weighing its reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ownership {
    /// State-controlled or state-funded and editorially controlled (RT, Xinhua, KCNA).
    State,
    /// Independent public broadcaster (BBC, NHK, Deutsche Welle).
    Public,
    Private,
    /// Forums and social media: what users post.
    User,
}

impl Ownership {
    pub fn as_str(self) -> &'static str {
        match self {
            Ownership::State => "state",
            Ownership::Public => "public",
            Ownership::Private => "private",
            Ownership::User => "user",
        }
    }
}

impl std::str::FromStr for Ownership {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "state" => Ok(Ownership::State),
            "public" => Ok(Ownership::Public),
            "private" => Ok(Ownership::Private),
            "user" => Ok(Ownership::User),
            _ => Err(format!("unknown ownership {s:?} (one of state, public, private, user)")),
        }
    }
}

/// The news outlet a document's URL belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outlet {
    pub domain: String,
    pub name: String,
    /// ISO 3166-1 alpha-3 of the outlet's home country.
    pub country: String,
    pub ownership: Ownership,
}

/// What kind of thing a mention resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    State,
    Group,
    Igo,
    Ngo,
    ArmedGroup,
    Party,
    Person,
    Sector,
    Place,
    Pronoun,
    Date,
}

impl MentionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionKind::State => "state",
            MentionKind::Group => "group",
            MentionKind::Igo => "igo",
            MentionKind::Ngo => "ngo",
            MentionKind::ArmedGroup => "armed_group",
            MentionKind::Party => "party",
            MentionKind::Person => "person",
            MentionKind::Sector => "sector",
            MentionKind::Place => "place",
            MentionKind::Pronoun => "pronoun",
            MentionKind::Date => "date",
        }
    }
}

/// A stretch of text resolved to an actor, place or date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    #[serde(flatten)]
    pub span: Span,
    /// ISO3 for states, `IGO`/`NGO`/`UNO`/`EUR` for organisations, a group
    /// code for groups of states; `None` when only a sector is known.
    pub code: Option<String>,
    pub sector: Option<String>,
    pub kind: MentionKind,
    /// A specific identifier: organisation acronym, person id, armed group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// The canonical name of the lexicon entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The lexicon entry that matched (`file:line` or entry key).
    pub entry: String,
    /// For pronouns, role nouns and bare surnames: index of the mention
    /// this one refers back to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<usize>,
}

/// Direct or reported speech, with its speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted or reported content.
    #[serde(flatten)]
    pub span: Span,
    /// True for quotation marks, false for reported speech ("said that …").
    pub direct: bool,
    /// Index into [`Document::mentions`] of the speaker, when resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<usize>,
    /// The speaker as written ("the minister", "Lavrov").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
    /// The reporting cue ("said", "according to", "noted").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
}

/// One input document and every layer sitrep found in it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Document {
    /// Content hash of the document (hex): the key for idempotent ingest.
    pub id: String,
    /// The id the input gave the document (JSONL `id`), used as `doc_id`.
    pub source_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD` or a full timestamp).
    pub date: Option<String>,
    pub outlet: Option<Outlet>,
    /// Tone of the title and article, in the style of GDELT's AvgTone
    /// (positive minus negative words per 100 words).
    #[serde(default)]
    pub tone: Option<f32>,
    /// The repaired, NFC-normalised text every span points into.
    pub text: String,
    pub repairs: Vec<Repair>,
    pub segments: Vec<Segment>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub links: Vec<Link>,
    pub mentions: Vec<Mention>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub origin: InputOrigin,
}

/// The 128-bit xxh3 hash of `parts`, joined by NUL, as 32 hex digits.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update(&[0]);
        }
        h.update(p);
    }
    format!("{:032x}", h.digest128())
}

impl Document {
    /// A document holding `text` as it is, with its content hash as id.
    pub fn from_text(text: impl Into<String>) -> Self {
        let text = text.into();
        Document { id: content_hash(&[text.as_bytes()]), text, ..Default::default() }
    }

    /// The text under `span`; empty if the span does not fit the text or
    /// does not fall on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The id events carry as `doc_id`: the input's own id when it gave one.
    pub fn doc_id(&self) -> &str {
        self.source_id.as_deref().unwrap_or(&self.id)
    }

    /// Index of the segment containing byte `offset`, if any.
    pub fn segment_at(&self, offset: usize) -> Option<usize> {
        self.segments.iter().position(|s| s.span.start <= offset && offset < s.span.end)
    }

    /// What a link is to the document: `citation` when a reader posted it
    /// in a comment, `source` when it is the document's own URL, else `link`.
    pub fn link_role(&self, link: &Link) -> &'static str {
        match self.segments.get(link.segment).map(|s| s.kind) {
            Some(SegmentKind::Comment) => "citation",
            _ if self.url.as_deref() == Some(link.url.as_str()) => "source",
            _ => "link",
        }
    }

    /// The document as `sitrep analyze --json` prints it: `doc`, `repairs`,
    /// `segments` (with their text), `sentences`, `links` (with their
    /// [role](Document::link_role)), `mentions` (with
    /// their text), `quotes` and `events`.
    pub fn analyze_json(&self) -> serde_json::Value {
        use serde_json::{json, Value};
        let seg = |s: &Segment| {
            let mut v = json!({
                "kind": s.kind, "start": s.span.start, "end": s.span.end, "text": self.slice(s.span),
            });
            if let Some(a) = &s.author {
                v["author"] = Value::String(a.clone());
            }
            v
        };
        let mention = |m: &Mention| {
            let mut v = serde_json::to_value(m).unwrap_or(Value::Null);
            v["text"] = Value::String(self.slice(m.span).to_string());
            v
        };
        let quote = |q: &Quote| {
            let mut v = serde_json::to_value(q).unwrap_or(Value::Null);
            v["text"] = Value::String(self.slice(q.span).to_string());
            v
        };
        let link = |l: &Link| {
            let mut v = serde_json::to_value(l).unwrap_or(Value::Null);
            v["role"] = Value::String(self.link_role(l).to_string());
            v
        };
        let sentence = |s: &Sentence| json!({"start": s.span.start, "end": s.span.end, "segment": s.segment, "text": self.slice(s.span)});
        json!({
            "doc": {
                "id": self.id,
                "source_id": self.source_id,
                "url": self.url,
                "title": self.title,
                "author": self.author,
                "date": self.date,
                "outlet": self.outlet,
                "tone": self.tone,
                "text": self.text,
                "input": self.origin,
            },
            "repairs": self.repairs,
            "segments": self.segments.iter().map(seg).collect::<Vec<_>>(),
            "sentences": self.sentences.iter().map(sentence).collect::<Vec<_>>(),
            "links": self.links.iter().map(link).collect::<Vec<_>>(),
            "mentions": self.mentions.iter().map(mention).collect::<Vec<_>>(),
            "quotes": self.quotes.iter().map(quote).collect::<Vec<_>>(),
            "events": self.events,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_is_stable_and_separates_parts() {
        let a = content_hash(&[b"ab", b"c"]);
        let b = content_hash(&[b"a", b"bc"]);
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert_eq!(a, content_hash(&[b"ab", b"c"]));
    }

    #[test]
    fn analyze_json_carries_segment_text() {
        let mut d = Document::from_text("Title\nBody text.");
        d.segments.push(Segment::new(SegmentKind::Title, Span::new(0, 5)));
        d.segments.push(Segment::new(SegmentKind::Article, Span::new(6, 16)));
        let v = d.analyze_json();
        assert_eq!(v["segments"][0]["kind"], "title");
        assert_eq!(v["segments"][1]["text"], "Body text.");
        assert_eq!(v["doc"]["id"].as_str().unwrap().len(), 32);
    }

    #[test]
    fn links_carry_their_role() {
        let mut d = Document::from_text("https://a.example/x\nSee https://b.example/y");
        d.url = Some("https://a.example/x".into());
        d.segments.push(Segment::new(SegmentKind::Link, Span::new(0, 19)));
        d.segments.push(Segment::new(SegmentKind::Comment, Span::new(20, 44)));
        d.links.push(Link { url: "https://a.example/x".into(), segment: 0, span: Span::new(0, 19) });
        d.links.push(Link { url: "https://b.example/y".into(), segment: 1, span: Span::new(24, 44) });
        let v = d.analyze_json();
        assert_eq!(v["links"][0]["role"], "source");
        assert_eq!(v["links"][1]["role"], "citation");
        assert_eq!(v["links"][1]["segment"], 1);
    }

    #[test]
    fn slice_out_of_range_is_empty_not_a_panic() {
        let d = Document::from_text("é");
        assert_eq!(d.slice(Span::new(0, 1)), "");
        assert_eq!(d.slice(Span::new(0, 99)), "");
    }
}
