//! The coder on sentences written for these tests: one test per behaviour
//! the event-coder issue asks for (status, roles, speech, coreference, the
//! sports trap), on the default lexicon.

use sitrep_coder::Coder;
use sitrep_core::{Document, Event, EventType, Status};
use sitrep_lexicon::Lexicon;
use std::sync::OnceLock;

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::load_default().expect("default lexicon"))
}

fn code(text: &str) -> Document {
    let coder = Coder::new(lexicon());
    let mut doc = sitrep_text::build_text_document(text);
    doc.date = Some("2024-11-02".into());
    coder.code(&mut doc);
    doc
}

fn codes(list: &[sitrep_core::ActorRef]) -> Vec<String> {
    list.iter().filter_map(|a| a.code.clone()).collect()
}

/// The first event of type `t`, or a panic listing what was found.
fn find(doc: &Document, t: EventType) -> &Event {
    doc.events.iter().find(|e| e.event == t).unwrap_or_else(|| {
        panic!(
            "no {t} event in {:?}; found {:?}",
            doc.text,
            doc.events.iter().map(|e| (e.event, e.status, codes(&e.actor), codes(&e.recipient))).collect::<Vec<_>>()
        )
    })
}

#[test]
fn plain_facts_are_reported_with_actor_and_recipient() {
    let d = code("Chile expelled two Bolivian diplomats on Monday.");
    let e = find(&d, EventType::Sanction);
    assert_eq!(e.status, Status::Reported);
    assert_eq!(codes(&e.actor), ["CHL"]);
    assert_eq!(codes(&e.recipient), ["BOL"]);
    // 2024-11-02 was a Saturday: "on Monday" is 2024-10-28.
    assert_eq!(e.date.as_deref(), Some("2024-10-28"));
    assert_eq!(e.explanation.trigger_text, "expelled");
    assert!(e.explanation.pattern_source.starts_with("lexicon/patterns/"));
}

#[test]
fn negation_denial_and_allegation() {
    let d = code("Peru did not recall its ambassador from Ecuador.");
    assert_eq!(find(&d, EventType::Sanction).status, Status::Negated);

    let d = code("The Malian army denied shelling villages near Gao.");
    assert_eq!(find(&d, EventType::Reject).status, Status::Reported);
    let shelling = find(&d, EventType::Assault);
    assert_eq!(shelling.status, Status::Denied);
    assert_eq!(codes(&shelling.actor), ["MLI"]);

    let d = code("Armenia accused Azerbaijan of shelling border villages.");
    let accuse = find(&d, EventType::Accuse);
    assert_eq!((codes(&accuse.actor), codes(&accuse.recipient)), (vec!["ARM".to_string()], vec!["AZE".to_string()]));
    let shelling = find(&d, EventType::Assault);
    assert_eq!(shelling.status, Status::Alleged);
    assert_eq!(codes(&shelling.actor), ["AZE"], "the accused is the one said to act");
    assert!(accuse.related.contains(&shelling.id) && shelling.related.contains(&accuse.id));
}

#[test]
fn intention_speculation_and_condition() {
    let d = code("Japan will send medical aid to Nepal.");
    let e = d.events.first().expect("an event");
    assert_eq!(e.status, Status::Intended);
    assert!(matches!(e.event, EventType::Agree | EventType::Aid));

    let d = code("Officials say Poland could close its border with Belarus.");
    assert!(d.events.iter().all(|e| e.status != Status::Reported || e.event != EventType::Coerce));

    let d = code("If either party is attacked, the other shall provide military assistance.");
    assert!(d.events.iter().any(|e| e.status == Status::Conditional));
}

#[test]
fn passives_infinitives_and_coordination() {
    let d = code("The accord was signed by Kenyan and Somali officials.");
    let e = d.events.first().expect("an event");
    let mut c = codes(&e.actor);
    c.sort();
    assert_eq!(c, ["KEN", "SOM"]);

    let d = code("Brazil pledged to support Argentina.");
    let e = d.events.first().expect("an event");
    assert_eq!((codes(&e.actor), codes(&e.recipient)), (vec!["BRA".to_string()], vec!["ARG".to_string()]));

    let d = code("The Netherlands urged Indonesia to release the detained activists.");
    let req = find(&d, EventType::Request);
    assert_eq!((codes(&req.actor), codes(&req.recipient)), (vec!["NLD".to_string()], vec!["IDN".to_string()]));
    assert!(d.events.iter().filter(|e| e.event == EventType::Retreat).all(|e| e.status != Status::Reported));
}

#[test]
fn speakers_quotes_and_coreference() {
    let d = code(
        "Kenyan President William Ruto met Tanzanian officials in Nairobi. \
         He said Kenya would never close the border.",
    );
    let met = find(&d, EventType::Consult);
    assert_eq!(codes(&met.actor), ["KEN"]);
    // "He" is Ruto; the refusal is in his words.
    let second: Vec<&Event> = d.events.iter().filter(|e| e.sentence == 1).collect();
    assert!(second.iter().all(|e| e.said_by.as_ref().is_some_and(|s| s.code.as_deref() == Some("KEN"))), "{second:?}");

    let d = code("“We will defend our sovereignty,” the Philippine foreign minister said.");
    assert!(d
        .quotes
        .iter()
        .any(|q| q.direct && q.speaker_text.as_deref().is_some_and(|s| s.contains("foreign minister"))));
}

#[test]
fn sport_and_business_are_not_conflict() {
    for s in [
        "Arsenal attacked Chelsea's defence in the second half.",
        "The striker shot past the keeper to seal the win.",
        "Shares of the carmaker fell sharply after the results.",
    ] {
        let d = code(s);
        assert!(d.events.is_empty(), "{s}: {:?}", d.events.iter().map(|e| e.event).collect::<Vec<_>>());
    }
}

#[test]
fn a_verb_form_used_as_a_noun_after_an_ordinal_is_not_a_verb_event() {
    // "launch" here names a date, not an act; the same words as a verb fire.
    let d = code("Canada's space team announced the first launch date for its manned rocket.");
    assert!(
        d.events.iter().all(|e| e.event != EventType::Assault),
        "{:?}",
        d.events.iter().map(|e| e.event).collect::<Vec<_>>()
    );
    let d = code("Militants launched rockets at Israel on Monday.");
    assert_eq!(find(&d, EventType::Assault).status, Status::Reported);
}

#[test]
fn a_place_that_names_a_state_is_that_state_and_compass_regions_are_not_places() {
    // "Gaza" is also a province of Mozambique; the mention is Palestine,
    // and so is the place of the event and its unnamed actor.
    let d = code("Israeli forces blocked main roads in Gaza yesterday after rockets were fired at a town.");
    let e = find(&d, EventType::Protest);
    assert_eq!(e.event_loc.as_ref().map(|l| l.country.as_str()), Some("PSE"), "{:?}", e.event_loc);
    assert!(e.actor.iter().all(|a| a.code.as_deref() != Some("MOZ")), "{:?}", e.actor);
    // "Northwest" alone is a region of Iceland in GeoNames, not an actor.
    let d = code("Northwest Airlines filed suit against a travel network, alleging that it violated antitrust laws.");
    assert!(
        d.events.iter().flat_map(|e| &e.actor).all(|a| a.code.as_deref() != Some("ISL")),
        "{:?}",
        d.events.iter().map(|e| codes(&e.actor)).collect::<Vec<_>>()
    );
}

#[test]
fn fighting_a_problem_is_not_violence() {
    for s in [
        "Indonesia's new president said he would focus on fighting corruption.",
        "The central bank moved to combat rising inflation.",
        "Firefighters battled the flames for hours.",
    ] {
        let d = code(s);
        assert!(d.events.iter().all(|e| e.event != EventType::Assault), "{s}: {:?}", d.events);
    }
    let d = code("Rebels fought government troops near Goma on Monday.");
    assert_eq!(find(&d, EventType::Assault).status, Status::Reported);
}

#[test]
fn explanations_carry_the_trigger_span() {
    let d = code("Chile expelled two Bolivian diplomats on Monday.");
    let e = &d.events[0];
    assert_eq!(d.slice(e.explanation.trigger), e.explanation.trigger_text);
    assert!(!e.explanation.roles.is_empty());
}

#[test]
fn a_verb_form_that_starts_an_office_is_not_an_event() {
    // "Finance" can be a verb ("finance the rebels"), but not in a title.
    let d = code("Finance Minister Olaf Berg told reporters the budget would be published in March.");
    assert!(
        d.events.iter().all(|e| e.event != EventType::Aid),
        "{:?}",
        d.events.iter().map(|e| (e.event, e.explanation.trigger_text.clone())).collect::<Vec<_>>()
    );
    // The verb still codes where it is one.
    let d = code("Iran has agreed to finance the Syrian government's reconstruction.");
    assert!(d.events.iter().any(|e| e.explanation.trigger_text.to_lowercase().starts_with("financ")));
}

#[test]
fn a_trailing_attribution_before_more_of_the_sentence_names_the_speaker() {
    // The speaker comes early in a long sentence, and the sentence goes on.
    let d = code(
        "Norway will send medical aid to Sudan, Prime Minister Jonas Gahr Store said on Friday, \
         adding that Oslo is ready to host talks between the two sides.",
    );
    let e = find(&d, EventType::Agree);
    assert_eq!(e.status, Status::Intended);
    let by = e.said_by.as_ref().expect("a speaker");
    assert_eq!(by.code.as_deref(), Some("NOR"), "{by:?}");
    assert_ne!(by.kind, "outlet");
}

#[test]
fn a_treaty_named_before_its_signatories_has_them_as_actors() {
    for text in [
        "The treaty that Chile and Peru signed in May settles the maritime border.",
        "The accord signed by Chile and Peru in May settles the maritime border.",
    ] {
        let d = code(text);
        let e = find(&d, EventType::Support);
        let mut got = codes(&e.actor);
        got.sort();
        assert_eq!(got, ["CHL", "PER"], "{text}");
    }
}
