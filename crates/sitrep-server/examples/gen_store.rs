//! Builds a large synthetic store for the server's load test: documents
//! from a fixed pseudo-random sequence (the same file every time), each
//! with a few events between 40 states, all sixteen PLOVER types, every
//! status, dates over three years and outlets of every ownership.
//!
//! ```sh
//! cargo run --release -p sitrep-server --example gen_store -- /tmp/load.db 100000
//! ```
//!
//! The events are written as the coder's output would be (the store does
//! not know the difference); the text is generated, not real news.

use sitrep_core::{
    ActorRef, Document, Event, EventType, Explanation, InputOrigin, Outlet, Ownership, Segment, SegmentKind, Span,
    Status,
};
use sitrep_lexicon::Lexicon;
use sitrep_store::{IngestContext, Store};
use std::time::Instant;

const STATES: &[(&str, &str)] = &[
    ("RUS", "Russia"),
    ("UKR", "Ukraine"),
    ("USA", "the United States"),
    ("CHN", "China"),
    ("DEU", "Germany"),
    ("FRA", "France"),
    ("GBR", "Britain"),
    ("TUR", "Turkey"),
    ("IRN", "Iran"),
    ("ISR", "Israel"),
    ("PRK", "North Korea"),
    ("KOR", "South Korea"),
    ("JPN", "Japan"),
    ("IND", "India"),
    ("PAK", "Pakistan"),
    ("EGY", "Egypt"),
    ("SDN", "Sudan"),
    ("ETH", "Ethiopia"),
    ("NGA", "Nigeria"),
    ("ZAF", "South Africa"),
    ("BRA", "Brazil"),
    ("ARG", "Argentina"),
    ("MEX", "Mexico"),
    ("VEN", "Venezuela"),
    ("COL", "Colombia"),
    ("SAU", "Saudi Arabia"),
    ("QAT", "Qatar"),
    ("SYR", "Syria"),
    ("IRQ", "Iraq"),
    ("AFG", "Afghanistan"),
    ("POL", "Poland"),
    ("BLR", "Belarus"),
    ("SRB", "Serbia"),
    ("ARM", "Armenia"),
    ("AZE", "Azerbaijan"),
    ("GEO", "Georgia"),
    ("VNM", "Vietnam"),
    ("PHL", "the Philippines"),
    ("IDN", "Indonesia"),
    ("AUS", "Australia"),
];

const WORDS: &[(EventType, &str)] = &[
    (EventType::Agree, "agreed with"),
    (EventType::Consult, "met"),
    (EventType::Support, "praised"),
    (EventType::Concede, "eased restrictions on"),
    (EventType::Cooperate, "cooperated with"),
    (EventType::Aid, "sent aid to"),
    (EventType::Retreat, "withdrew troops from"),
    (EventType::Request, "asked"),
    (EventType::Accuse, "accused"),
    (EventType::Reject, "rejected a proposal by"),
    (EventType::Threaten, "threatened"),
    (EventType::Protest, "protested against"),
    (EventType::Sanction, "imposed sanctions on"),
    (EventType::Mobilize, "massed troops near"),
    (EventType::Coerce, "detained citizens of"),
    (EventType::Assault, "attacked"),
];

const OUTLETS: &[(&str, &str, &str, Ownership)] = &[
    ("rt.com", "RT", "RUS", Ownership::State),
    ("xinhuanet.com", "Xinhua", "CHN", Ownership::State),
    ("bbc.co.uk", "BBC", "GBR", Ownership::Public),
    ("dw.com", "Deutsche Welle", "DEU", Ownership::Public),
    ("reuters.com", "Reuters", "GBR", Ownership::Private),
    ("apnews.com", "Associated Press", "USA", Ownership::Private),
    ("reddit.com", "Reddit", "USA", Ownership::User),
];

/// xorshift64*: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn document(n: usize, events: usize, rng: &mut Rng) -> Document {
    let day = sitrep_core::Date::parse("2022-01-01").map(|d| d.to_days()).unwrap_or(0) + rng.below(3 * 365) as i64;
    let date = sitrep_core::Date::from_days(day).to_string();
    let mut sentences = Vec::new();
    let mut specs = Vec::new();
    for _ in 0..events {
        let a = rng.below(STATES.len());
        let b = (a + 1 + rng.below(STATES.len() - 1)) % STATES.len();
        let (t, w) = WORDS[rng.below(WORDS.len())];
        let status = match rng.below(20) {
            0 => Status::Alleged,
            1 => Status::Denied,
            2 => Status::Intended,
            3 => Status::Speculative,
            4 => Status::Negated,
            5 => Status::Conditional,
            _ => Status::Reported,
        };
        let s = format!(
            "{} {w} {} on {date}, officials said in report number {n} of the day.",
            capital(STATES[a].1),
            STATES[b].1
        );
        specs.push((a, b, t, w, status));
        sentences.push(s);
    }
    let title = format!("Report {n}: {} and {}", STATES[specs[0].0].1, STATES[specs[0].1].1);
    let body = sentences.join(" ");
    let text = format!("{title}\n\n{body}");
    let article = title.len() + 2;
    let mut d = Document::from_text(text.clone());
    let (domain, name, country, ownership) = OUTLETS[rng.below(OUTLETS.len())];
    d.source_id = Some(format!("load-{n}"));
    d.url = Some(format!("https://www.{domain}/news/load-{n}"));
    d.date = Some(date.clone());
    d.title = Some(title.clone());
    d.outlet = Some(Outlet { domain: domain.into(), name: name.into(), country: country.into(), ownership });
    d.segments = vec![
        Segment::new(SegmentKind::Title, Span::new(0, title.len())),
        Segment::new(SegmentKind::Article, Span::new(article, text.len())),
    ];
    d.origin =
        InputOrigin { path: "load.jsonl".into(), record: Some(n.to_string()), format: "jsonl".into(), charset: None };
    let mut at = article;
    for (i, ((a, b, t, w, status), s)) in specs.into_iter().zip(&sentences).enumerate() {
        let actor_text = capital(STATES[a].1);
        let trig = at + actor_text.len() + 1;
        let actor = |code: &str, words: &str, start: usize| ActorRef {
            entity_text: words.into(),
            code: Some(code.into()),
            kind: "state".into(),
            span: Some(Span::new(start, start + words.len())),
            ..Default::default()
        };
        d.events.push(Event {
            id: format!("load-{n}-{i}-0"),
            date: Some(date.clone()),
            actor: vec![actor(STATES[a].0, &actor_text, at)],
            recipient: vec![actor(STATES[b].0, STATES[b].1, trig + w.len() + 1)],
            event: t,
            mode: None,
            context: vec![],
            event_text: w.into(),
            text: s.clone(),
            event_loc: None,
            doc_id: format!("load-{n}"),
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
            sentence: i + 1,
            explanation: Explanation {
                trigger: Span::new(trig, trig + w.len()),
                trigger_text: w.into(),
                pattern: format!("ACTOR {w} RECIPIENT"),
                pattern_source: "generated".into(),
                roles: vec![format!("actor: subject of '{w}'"), format!("recipient: object of '{w}'")],
                cues: vec![],
                notes: vec![],
            },
        });
        at += s.len() + 1;
    }
    d
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(count)) = (args.next(), args.next().and_then(|n| n.parse::<usize>().ok())) else {
        eprintln!("usage: gen_store OUT.db EVENTS");
        std::process::exit(2);
    };
    if std::path::Path::new(&path).exists() {
        eprintln!("gen_store: {path} exists; remove it first");
        std::process::exit(2);
    }
    let lexicon = match Lexicon::load_default() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("gen_store: the lexicon does not load: {} errors", e.0.len());
            std::process::exit(1);
        }
    };
    let store = match Store::open(path.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gen_store: {e}");
            std::process::exit(1);
        }
    };
    let started = Instant::now();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let (mut events, mut n) = (0usize, 0usize);
    while events < count {
        let mut batch = Vec::with_capacity(500);
        while batch.len() < 500 && events < count {
            let k = (1 + rng.below(6)).min(count - events);
            batch.push(document(n, k, &mut rng));
            events += k;
            n += 1;
        }
        if let Err(e) = store.write_batch(&batch, &IngestContext { lexicon: &lexicon }) {
            eprintln!("gen_store: {e}");
            std::process::exit(1);
        }
    }
    if let Err(e) = store.refresh() {
        eprintln!("gen_store: {e}");
        std::process::exit(1);
    }
    eprintln!("gen_store: {path}: {n} documents, {events} events in {:.1} s", started.elapsed().as_secs_f64());
}
