//! Documents and events built by hand for the store's tests, so they do
//! not depend on the coder: each test says exactly which events a
//! document carries.

#![allow(dead_code)]

use sitrep_core::{
    ActorRef, Cue, Document, Event, EventType, Explanation, InputOrigin, Place, Segment, SegmentKind, Span, Status,
};
use sitrep_lexicon::Lexicon;
use std::path::PathBuf;
use std::sync::OnceLock;

pub fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| Lexicon::load_default().expect("the default lexicon loads"))
}

/// A fresh store file in a temporary directory (removed when dropped).
pub struct TempDb {
    pub dir: PathBuf,
    pub path: PathBuf,
}

impl TempDb {
    pub fn new(name: &str) -> TempDb {
        let dir = std::env::temp_dir().join(format!("sitrep-store-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("test.db");
        TempDb { dir, path }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn state(text: &str, code: &str) -> ActorRef {
    ActorRef { entity_text: text.into(), code: Some(code.into()), kind: "state".into(), ..Default::default() }
}

/// An event in sentence `sentence` of `doc_id`.
pub fn event(
    doc_id: &str,
    sentence: usize,
    n: usize,
    t: EventType,
    status: Status,
    actor: Vec<ActorRef>,
    recipient: Vec<ActorRef>,
) -> Event {
    Event {
        id: format!("{doc_id}-{sentence}-{n}"),
        date: None,
        actor,
        recipient,
        event: t,
        mode: None,
        context: vec![],
        event_text: String::new(),
        text: String::new(),
        event_loc: None,
        doc_id: doc_id.into(),
        segment: SegmentKind::Article,
        status,
        said_by: None,
        cameo: None,
        quad_code: t.quad().code(),
        goldstein: None,
        related: vec![],
        dead: None,
        injured: None,
        arrested: None,
        size: None,
        figures: vec![],
        tone: None,
        sentence,
        explanation: Explanation::default(),
    }
}

/// A document of one article segment, with an input id, URL and date.
pub fn doc(source_id: &str, text: &str, url: Option<&str>, date: Option<&str>) -> Document {
    let mut d = Document::from_text(text);
    d.source_id = Some(source_id.into());
    d.url = url.map(str::to_string);
    d.date = date.map(str::to_string);
    d.segments.push(Segment::new(SegmentKind::Article, Span::new(0, text.len())));
    d.origin = InputOrigin {
        path: "test.jsonl".into(),
        record: Some(source_id.into()),
        format: "jsonl".into(),
        charset: None,
    };
    d
}

/// Long enough for a MinHash signature: a wire story about talks.
pub const WIRE: &str = "The foreign ministers of the two countries met in Geneva on Tuesday and agreed to \
    resume talks on the disputed border next month, officials from both delegations said after the meeting. \
    The ministers said they would ask their deputies to draft a framework for the negotiations and report \
    back within four weeks, and they pledged to keep troops away from the frontier in the meantime.";

/// Another story, unrelated to [`WIRE`].
pub const OTHER: &str = "Heavy rain flooded parts of the capital overnight, closing schools and roads, and the \
    weather service warned of more storms across the northern provinces later in the week, while rescue teams \
    searched for two fishermen missing off the coast since Friday and the army sent boats to the worst areas.";

/// A document carrying one CONSULT event USA → RUS with a CAMEO code.
pub fn consult_doc(source_id: &str, text: &str, url: Option<&str>, date: Option<&str>) -> Document {
    let mut d = doc(source_id, text, url, date);
    let did = d.doc_id().to_string();
    let mut e = event(
        &did,
        0,
        0,
        EventType::Consult,
        Status::Reported,
        vec![state("Washington", "USA")],
        vec![state("Moscow", "RUS")],
    );
    e.cameo = Some("040".into());
    e.goldstein = Some(1.0);
    e.event_text = "met".into();
    e.text = text.split('.').next().unwrap_or("").to_string();
    e.event_loc = Some(Place {
        name: "Geneva".into(),
        country: "CHE".into(),
        admin1: Some("Geneva".into()),
        lat: Some(46.2022),
        lon: Some(6.1457),
        feature: "city".into(),
        geonameid: Some(2660646),
    });
    d.events.push(e);
    d
}

/// The seed-like contested claim: an accusation, the alleged event, a
/// denial and a non-confirmation, with spans into the text.
pub fn contested_doc() -> Document {
    let text = "Ukraine and Western countries have accused North Korea of sending troops to Russia. \
                North Korea has denied the allegations. Russian President Vladimir Putin has neither confirmed \
                nor denied the claims.";
    let mut d = doc("nk-1", text, Some("https://www.rt.com/news/606867-north-korea/"), Some("2024-11-01"));
    let at = |s: &str| {
        let i = text.find(s).unwrap();
        Span::new(i, i + s.len())
    };
    let with_span = |mut a: ActorRef, s: &str| {
        a.span = Some(at(s));
        a
    };
    let mut accuse = event(
        "nk-1",
        0,
        0,
        EventType::Accuse,
        Status::Reported,
        vec![with_span(state("Ukraine", "UKR"), "Ukraine"), {
            let mut w = with_span(state("Western countries", "WST"), "Western countries");
            w.kind = "group".into();
            w
        }],
        vec![with_span(state("North Korea", "PRK"), "North Korea")],
    );
    accuse.cameo = Some("112".into());
    accuse.event_text = "accused".into();
    accuse.related = vec!["nk-1-0-1".into()];
    let mut alleged = event(
        "nk-1",
        0,
        1,
        EventType::Mobilize,
        Status::Alleged,
        vec![with_span(state("North Korea", "PRK"), "North Korea")],
        vec![with_span(state("Russia", "RUS"), "Russia")],
    );
    alleged.event_text = "sending troops".into();
    alleged.explanation.trigger = at("sending");
    alleged.explanation.trigger_text = "sending".into();
    alleged.related = vec!["nk-1-0-0".into()];
    let second = text.find("North Korea has").unwrap();
    let mut deny = event(
        "nk-1",
        1,
        0,
        EventType::Reject,
        Status::Reported,
        vec![ActorRef { span: Some(Span::new(second, second + 11)), ..state("North Korea", "PRK") }],
        vec![],
    );
    deny.cameo = Some("131".into());
    deny.related = vec!["nk-1-0-0".into()];
    let mut ncnd = event(
        "nk-1",
        2,
        0,
        EventType::Reject,
        Status::Negated,
        vec![ActorRef {
            entity_text: "Russian President Vladimir Putin".into(),
            code: Some("RUS".into()),
            sector: Some("GOV".into()),
            name: Some("Vladimir Putin".into()),
            kind: "person".into(),
            ..Default::default()
        }],
        vec![],
    );
    ncnd.related = vec!["nk-1-0-1".into()];
    ncnd.explanation.cues.push(Cue {
        text: "neither confirmed nor denied".into(),
        kind: "nonconfirmation".into(),
        span: at("neither confirmed nor denied"),
    });
    d.events = vec![accuse, alleged, deny, ncnd];
    d
}
