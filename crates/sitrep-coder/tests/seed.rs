//! The page the project began from (read at run time from ../shared/seed):
//! what the event-coder issue expects sitrep to find in it.

use sitrep_core::{EventType, SegmentKind, Status};
use sitrep_read::{BodyKind, InputFormat, RawDoc};

fn seed() -> sitrep_core::Document {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/nk-russia-support.rt.txt");
    let bytes = std::fs::read(path).expect("the seed page in ../shared/seed");
    let mut raw = RawDoc::new(path, InputFormat::Text, BodyKind::Text, bytes);
    raw.date = Some("2024-11-02".into());
    let mut doc = sitrep_text::build_document(raw);
    let lex = sitrep_lexicon::Lexicon::load_default().expect("lexicon");
    sitrep_coder::Coder::new(&lex).code(&mut doc);
    doc
}

fn has(doc: &sitrep_core::Document, t: EventType, actor: &str, recipient: Option<&str>, status: &[Status]) -> bool {
    doc.events.iter().any(|e| {
        e.event == t
            && e.actor.iter().any(|a| a.code.as_deref() == Some(actor))
            && recipient.is_none_or(|r| e.recipient.iter().any(|a| a.code.as_deref() == Some(r)))
            && status.contains(&e.status)
    })
}

#[test]
fn the_seed_page_events() {
    let d = seed();
    let summary: Vec<String> = d
        .events
        .iter()
        .map(|e| {
            let c = |v: &[sitrep_core::ActorRef]| v.iter().filter_map(|a| a.code.clone()).collect::<Vec<_>>().join("+");
            format!("{} {}→{} {} «{}»", e.event, c(&e.actor), c(&e.recipient), e.status, e.event_text)
        })
        .collect();
    let s = summary.join("\n");
    // The pledge of support, kept as an intention.
    assert!(has(&d, EventType::Agree, "PRK", Some("RUS"), &[Status::Intended]), "{s}");
    // The meeting in Moscow.
    assert!(has(&d, EventType::Consult, "PRK", Some("RUS"), &[Status::Reported]), "{s}");
    // Lavrov's thanks.
    assert!(has(&d, EventType::Support, "RUS", Some("PRK"), &[Status::Reported]), "{s}");
    // The treaty ratified by Russian MPs.
    assert!(
        d.events
            .iter()
            .any(|e| e.actor.iter().any(|a| a.code.as_deref() == Some("RUS") && a.sector.as_deref() == Some("LEG"))),
        "{s}"
    );
    // The accusation is reported; the troop-sending stays alleged, by North Korea.
    assert!(has(&d, EventType::Accuse, "UKR", Some("PRK"), &[Status::Reported]), "{s}");
    assert!(
        d.events
            .iter()
            .any(|e| e.status == Status::Alleged && e.actor.iter().any(|a| a.code.as_deref() == Some("PRK"))),
        "{s}"
    );
    assert!(!d.events.iter().any(|e| e.status == Status::Reported && e.event == EventType::Mobilize), "{s}");
    // North Korea's denial; Putin neither confirming nor denying.
    assert!(has(&d, EventType::Reject, "PRK", None, &[Status::Reported]), "{s}");
    assert!(has(&d, EventType::Reject, "RUS", None, &[Status::Negated]), "{s}");
    // The treaty clause is conditional.
    assert!(d.events.iter().any(|e| e.status == Status::Conditional), "{s}");
    // Nothing from the comments is attributed to RT.
    for e in d.events.iter().filter(|e| e.segment == SegmentKind::Comment) {
        assert_ne!(e.said_by.as_ref().map(|s| s.kind.as_str()), Some("outlet"), "{s}");
    }
    // Article events narrated by the outlet name RT.
    assert!(
        d.events.iter().any(|e| e.said_by.as_ref().is_some_and(|s| s.entity_text == "RT" && s.kind == "outlet")),
        "{s}"
    );
}

#[test]
fn the_seed_page_people() {
    let d = seed();
    let person = |name: &str| {
        d.mentions
            .iter()
            .find(|m| m.name.as_deref() == Some(name))
            .map(|m| (m.code.clone().unwrap_or_default(), m.sector.clone().unwrap_or_default()))
    };
    assert_eq!(person("Choe Son-hui"), Some(("PRK".into(), "GOV".into())));
    assert_eq!(person("Sergey Lavrov"), Some(("RUS".into(), "GOV".into())));
    assert_eq!(person("Vladimir Putin"), Some(("RUS".into(), "GOV".into())));
    assert_eq!(person("Kim Jong-un").map(|p| p.0), Some("PRK".into()));
    assert!(d.mentions.iter().any(|m| d.slice(m.span) == "Russian MPs"
        && m.code.as_deref() == Some("RUS")
        && m.sector.as_deref() == Some("LEG")));
}
