//! The claim ledger: accusations, denials and confirmations are not facts,
//! so sitrep keeps them as claims about an event and says who made which.
//!
//! A *claimed event* is an event coded `alleged` or `denied` (or one an
//! ACCUSE or REJECT event points at through `related`). The events linked
//! to it in the same document say what each party holds:
//!
//! | linked event | party | role |
//! |---|---|---|
//! | ACCUSE | its actor | alleges |
//! | REJECT | its actor | denies |
//! | an event with a `nonconfirmation` cue ("neither confirmed nor denied", "declined to comment") | its actor | neither confirms nor denies |
//! | REJECT or a confirmation, `negated` ("has not denied", "did not confirm") | its actor | neither confirms nor denies |
//! | any event with a `confirmation` cue ("confirmed", "acknowledged") | its actor | confirms |
//!
//! Links are followed up to two steps (a denial of the accusation of an
//! event is a denial of the event), never through another claimed event.
//! The claimed event's own `said_by` alleges it (status `alleged`) or
//! denies it (status `denied`), unless it is the outlet reporting it.
//!
//! Across documents, claims with the same event type, actors and
//! recipients (by code) are one claim: the ledger keeps every party, the
//! outlets that carried it (with their ownership), and when it was first
//! and last seen. Parties are named at the level of states where the actor
//! has a state code ("Russian President Vladimir Putin" → Russia), as
//! diplomats read such statements.

use serde::{Deserialize, Serialize};
use sitrep_core::{ActorRef, Document, Event, EventType, Status};
use sitrep_lexicon::Lexicon;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What a party holds about a claimed event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Alleges,
    Denies,
    Confirms,
    /// Neither confirms nor denies, declines to comment.
    NeitherConfirmsNorDenies,
}

impl Role {
    /// The phrase used in the ledger line ("alleged by").
    pub fn phrase(self) -> &'static str {
        match self {
            Role::Alleges => "alleged by",
            Role::Denies => "denied by",
            Role::Confirms => "confirmed by",
            Role::NeitherConfirmsNorDenies => "neither confirmed nor denied by",
        }
    }
}

/// One party's stand on a claimed event inside one document: `event` is
/// the index of the event that says so (or the claimed event itself when
/// the stand comes from its `said_by`), `actor` the actor in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Stand<'a> {
    pub role: Role,
    pub event: usize,
    pub actor: &'a ActorRef,
}

/// A claimed event of one document and the stands taken on it there.
#[derive(Debug, Clone, PartialEq)]
pub struct DocClaim<'a> {
    pub claimed: usize,
    pub stands: Vec<Stand<'a>>,
}

fn has_cue(e: &Event, kind: &str) -> bool {
    e.explanation.cues.iter().any(|c| c.kind == kind)
}

/// The stand an event takes on the event it is linked to, if any.
fn stand_of(e: &Event) -> Option<Role> {
    if has_cue(e, "nonconfirmation") {
        return Some(Role::NeitherConfirmsNorDenies);
    }
    let confirms = has_cue(e, "confirmation");
    if e.status == Status::Negated {
        // "has not denied", "did not confirm": neither confirmed nor denied.
        return (e.event == EventType::Reject || confirms).then_some(Role::NeitherConfirmsNorDenies);
    }
    match e.event {
        EventType::Accuse => Some(Role::Alleges),
        EventType::Reject => Some(Role::Denies),
        _ if confirms => Some(Role::Confirms),
        _ => None,
    }
}

/// True for events that are claims about other events rather than claims themselves.
fn is_claim_speech(e: &Event) -> bool {
    matches!(e.event, EventType::Accuse | EventType::Reject)
        || has_cue(e, "confirmation")
        || has_cue(e, "nonconfirmation")
}

/// Finds the claimed events of one document and the stands on each.
pub fn document_claims(events: &[Event]) -> Vec<DocClaim<'_>> {
    let by_id: HashMap<&str, usize> = events.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
    // Undirected links: an ACCUSE lists what it alleges and vice versa,
    // but either side may be the one that carries the link.
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); events.len()];
    for (i, e) in events.iter().enumerate() {
        for r in &e.related {
            if let Some(&j) = by_id.get(r.as_str()) {
                if i != j {
                    adj[i].push(j);
                    adj[j].push(i);
                }
            }
        }
    }
    let pointed_at_by_speech =
        |i: usize| adj[i].iter().any(|&j| matches!(events[j].event, EventType::Accuse | EventType::Reject));
    let is_claimed = |i: usize| {
        let e = &events[i];
        let status = matches!(e.status, Status::Alleged | Status::Denied);
        (status && !is_claim_speech(e)) || (!is_claim_speech(e) && pointed_at_by_speech(i))
    };
    let mut out = Vec::new();
    for c in 0..events.len() {
        if !is_claimed(c) {
            continue;
        }
        let mut stands = Vec::new();
        let e = &events[c];
        // The outlet that reports a claim is not a party to it.
        if let Some(s) = e.said_by.as_ref().filter(|s| s.kind != "outlet") {
            match e.status {
                Status::Alleged => stands.push(Stand { role: Role::Alleges, event: c, actor: s }),
                Status::Denied => stands.push(Stand { role: Role::Denies, event: c, actor: s }),
                _ => {}
            }
        }
        // Breadth-first, two steps, only through speech about claims.
        let mut seen: HashSet<usize> = HashSet::from([c]);
        let mut frontier = vec![c];
        for _ in 0..2 {
            let mut next = Vec::new();
            for &i in &frontier {
                for &j in &adj[i] {
                    if !seen.insert(j) || is_claimed(j) || !is_claim_speech(&events[j]) {
                        continue;
                    }
                    if let Some(role) = stand_of(&events[j]) {
                        for a in &events[j].actor {
                            stands.push(Stand { role, event: j, actor: a });
                        }
                        if events[j].actor.is_empty() {
                            if let Some(s) = &events[j].said_by {
                                stands.push(Stand { role, event: j, actor: s });
                            }
                        }
                    }
                    next.push(j);
                }
            }
            frontier = next;
        }
        out.push(DocClaim { claimed: c, stands });
    }
    out
}

/// The key that joins actors across documents: the code (with its sector
/// left out, so "Russia" and "the Russian government" are one party),
/// else the identifier, else the words as written.
pub fn party_key(a: &ActorRef) -> String {
    match (&a.code, &a.identifier) {
        (Some(c), _) if !c.is_empty() => c.clone(),
        (_, Some(i)) if !i.is_empty() => i.clone(),
        _ => a.entity_text.trim().to_lowercase(),
    }
}

/// The key of a claim across documents: event type, actors, recipients.
pub fn claim_key(e: &Event) -> String {
    let keys = |v: &[ActorRef]| {
        let mut k: Vec<String> = v.iter().map(party_key).collect();
        k.sort();
        k.dedup();
        k.join("+")
    };
    format!("{}|{}|{}", e.event.as_str(), keys(&e.actor), keys(&e.recipient))
}

/// How a party is named in the ledger: the state's name when the actor
/// has a state code, else the words of the text.
pub fn party_name(a: &ActorRef, lex: &Lexicon) -> String {
    if let Some(s) = a.code.as_deref().and_then(|c| lex.state(c)) {
        return s.name.clone();
    }
    let t = a.entity_text.trim();
    if t.is_empty() {
        a.name.clone().or_else(|| a.code.clone()).unwrap_or_else(|| "someone".into())
    } else {
        t.to_string()
    }
}

/// "A", "A and B", "A, B and C".
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// The past tense of a gerund ("sending" → "sent"), from the lexicon's
/// verb forms; `None` when the word is not a gerund the lexicon can inflect.
pub fn past_of_gerund(word: &str, lex: &Lexicon) -> Option<String> {
    use sitrep_lexicon::inflect::{verb_forms, VerbForm};
    let w = word.to_lowercase();
    let stem = w.strip_suffix("ing")?;
    if stem.len() < 2 {
        return None;
    }
    let mut candidates = vec![stem.to_string(), format!("{stem}e")];
    let b = stem.as_bytes();
    if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
        candidates.push(stem[..stem.len() - 1].to_string());
    }
    if let Some(s) = stem.strip_suffix('y') {
        candidates.push(format!("{s}ie"));
    }
    for lemma in candidates {
        let forms = verb_forms(&lemma, &lex.irregular);
        if forms.iter().any(|(f, k)| *k == VerbForm::Gerund && *f == w) {
            return forms.into_iter().find(|(_, k)| *k == VerbForm::Past).map(|(f, _)| f);
        }
    }
    None
}

/// The claimed event as a short sentence: "North Korea sent troops to Russia".
///
/// The predicate is the text from the trigger to the end of the last
/// recipient when the recipient follows the trigger closely, else the
/// trigger words and the recipients' names; a leading gerund ("sending")
/// is put in the past tense.
pub fn claim_text(doc: &Document, e: &Event, lex: &Lexicon) -> String {
    let actors: Vec<String> = dedup_names(e.actor.iter().map(|a| party_name(a, lex)));
    let subject = if actors.is_empty() { "Someone".to_string() } else { and_list(&actors) };
    let trigger = e.explanation.trigger;
    let rec_end = e.recipient.iter().filter_map(|r| r.span).map(|s| s.end).max();
    let from_text = match rec_end {
        Some(end) if !trigger.is_empty() && end > trigger.start && end - trigger.start <= 120 => {
            Some(doc.slice(sitrep_core::Span::new(trigger.start, end)).to_string())
        }
        _ => None,
    };
    let predicate = match from_text.filter(|t| !t.is_empty()) {
        Some(t) => t,
        None => {
            let mut p = if e.event_text.trim().is_empty() {
                e.event.as_str().to_lowercase()
            } else {
                e.event_text.trim().to_string()
            };
            let recipients: Vec<String> = dedup_names(e.recipient.iter().map(|a| party_name(a, lex)));
            if !recipients.is_empty() && !recipients.iter().all(|r| p.contains(r.as_str())) {
                p = format!("{p} {}", and_list(&recipients));
            }
            p
        }
    };
    let mut words: Vec<String> = predicate.split_whitespace().map(str::to_string).collect();
    if let Some(first) = words.first_mut() {
        if let Some(past) = past_of_gerund(first, lex) {
            *first = past;
        }
    }
    format!("{subject} {}", words.join(" "))
}

fn dedup_names(it: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in it {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// A party in the ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub key: String,
    pub name: String,
}

/// An outlet that carried a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimOutlet {
    pub domain: String,
    pub name: String,
    pub country: String,
    pub ownership: String,
    pub documents: u64,
}

/// One claim in the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: i64,
    pub key: String,
    /// The claimed event as a sentence.
    pub text: String,
    pub event: EventType,
    pub alleged_by: Vec<Party>,
    pub denied_by: Vec<Party>,
    pub confirmed_by: Vec<Party>,
    pub neither_confirmed_nor_denied_by: Vec<Party>,
    pub outlets: Vec<ClaimOutlet>,
    /// Documents without a known outlet.
    pub unknown_outlet_documents: u64,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub documents: u64,
    /// True when some party alleges or confirms it and another denies it.
    pub contested: bool,
    /// Ids of the claimed events and of the events taking stands.
    pub events: Vec<String>,
}

/// How an ownership reads in the ledger line.
pub fn ownership_phrase(o: &str) -> &str {
    match o {
        "state" => "state-controlled",
        "public" => "public broadcaster",
        "private" => "private",
        "user" => "user platform",
        other => other,
    }
}

impl Claim {
    /// The ledger line: "X did Y — alleged by A, denied by B, neither
    /// confirmed nor denied by C; reported by RT (state-controlled, RUS)".
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        for (role, list) in [
            (Role::Alleges, &self.alleged_by),
            (Role::Denies, &self.denied_by),
            (Role::Confirms, &self.confirmed_by),
            (Role::NeitherConfirmsNorDenies, &self.neither_confirmed_nor_denied_by),
        ] {
            if !list.is_empty() {
                let names: Vec<String> = list.iter().map(|p| p.name.clone()).collect();
                parts.push(format!("{} {}", role.phrase(), and_list(&names)));
            }
        }
        let mut line = self.text.clone();
        if !parts.is_empty() {
            line.push_str(" — ");
            line.push_str(&parts.join(", "));
        }
        let mut outlets: Vec<String> = self
            .outlets
            .iter()
            .map(|o| format!("{} ({}, {})", o.name, ownership_phrase(&o.ownership), o.country))
            .collect();
        if self.unknown_outlet_documents > 0 {
            let n = self.unknown_outlet_documents;
            outlets.push(format!("{n} document{} of unknown outlet", if n == 1 { "" } else { "s" }));
        }
        if !outlets.is_empty() {
            line.push_str("; reported by ");
            line.push_str(&and_list(&outlets));
        }
        line
    }
}

/// What the ledger needs to know about one document.
#[derive(Debug, Clone)]
pub struct DocInfo {
    /// The outlets of the document's articles (several when the same text
    /// ran on several sites).
    pub outlets: Vec<ClaimOutlet>,
    /// `YYYY-MM-DD` dates the document was seen with.
    pub dates: Vec<String>,
}

/// Builds the ledger one document at a time (memory grows with the number
/// of claims, not of documents).
#[derive(Default)]
pub struct LedgerBuilder {
    order: Vec<String>,
    acc: HashMap<String, Acc>,
}

struct Acc {
    claim: Claim,
    parties: HashMap<Role, Vec<Party>>,
    outlets: BTreeMap<String, ClaimOutlet>,
    event_ids: Vec<String>,
}

impl LedgerBuilder {
    /// Adds one document's claims. `name_of` names a party (see
    /// [`party_name`]); `text_of` gives a claimed event's sentence form
    /// (see [`claim_text`]).
    pub fn add(
        &mut self,
        events: &[Event],
        info: &DocInfo,
        name_of: &dyn Fn(&ActorRef) -> String,
        text_of: &dyn Fn(&Event) -> String,
    ) {
        for dc in document_claims(events) {
            let e = &events[dc.claimed];
            let key = claim_key(e);
            let order = &mut self.order;
            let a = self.acc.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                Acc {
                    claim: Claim {
                        id: 0,
                        key: key.clone(),
                        text: text_of(e),
                        event: e.event,
                        alleged_by: vec![],
                        denied_by: vec![],
                        confirmed_by: vec![],
                        neither_confirmed_nor_denied_by: vec![],
                        outlets: vec![],
                        unknown_outlet_documents: 0,
                        first_seen: None,
                        last_seen: None,
                        documents: 0,
                        contested: false,
                        events: vec![],
                    },
                    parties: HashMap::new(),
                    outlets: BTreeMap::new(),
                    event_ids: vec![],
                }
            });
            a.claim.documents += 1;
            if info.outlets.is_empty() {
                a.claim.unknown_outlet_documents += 1;
            }
            for o in &info.outlets {
                a.outlets
                    .entry(o.domain.clone())
                    .or_insert_with(|| ClaimOutlet { documents: 0, ..o.clone() })
                    .documents += 1;
            }
            for d in &info.dates {
                if a.claim.first_seen.as_ref().is_none_or(|f| d < f) {
                    a.claim.first_seen = Some(d.clone());
                }
                if a.claim.last_seen.as_ref().is_none_or(|l| d > l) {
                    a.claim.last_seen = Some(d.clone());
                }
            }
            let mut push_id = |id: &str| {
                if !a.event_ids.iter().any(|x| x == id) {
                    a.event_ids.push(id.to_string());
                }
            };
            push_id(&e.id);
            for s in &dc.stands {
                push_id(&events[s.event].id);
            }
            for s in &dc.stands {
                let p = Party { key: party_key(s.actor), name: name_of(s.actor) };
                let list = a.parties.entry(s.role).or_default();
                if !list.iter().any(|x| x.key == p.key) {
                    list.push(p);
                }
            }
        }
    }

    /// The claims, numbered in the order they were first seen.
    pub fn finish(mut self) -> Vec<Claim> {
        let mut out = Vec::new();
        for (i, key) in self.order.iter().enumerate() {
            let Some(mut a) = self.acc.remove(key) else { continue };
            let mut take = |r: Role| a.parties.remove(&r).unwrap_or_default();
            a.claim.alleged_by = take(Role::Alleges);
            a.claim.denied_by = take(Role::Denies);
            a.claim.confirmed_by = take(Role::Confirms);
            a.claim.neither_confirmed_nor_denied_by = take(Role::NeitherConfirmsNorDenies);
            a.claim.contested =
                !a.claim.denied_by.is_empty() && (!a.claim.alleged_by.is_empty() || !a.claim.confirmed_by.is_empty());
            a.claim.outlets = a.outlets.into_values().collect();
            a.claim.events = a.event_ids;
            a.claim.id = i as i64 + 1;
            out.push(a.claim);
        }
        out
    }
}

/// Builds the ledger from documents' events, in document order.
pub fn build_ledger(
    docs: impl IntoIterator<Item = (Vec<Event>, DocInfo)>,
    name_of: &dyn Fn(&ActorRef) -> String,
    text_of: &dyn Fn(&Event) -> String,
) -> Vec<Claim> {
    let mut b = LedgerBuilder::default();
    for (events, info) in docs {
        b.add(&events, &info, name_of, text_of);
    }
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::{Cue, Explanation, SegmentKind, Span};

    fn actor(text: &str, code: &str) -> ActorRef {
        ActorRef { entity_text: text.into(), code: Some(code.into()), kind: "state".into(), ..Default::default() }
    }

    fn event(id: &str, t: EventType, status: Status, actors: Vec<ActorRef>, recipients: Vec<ActorRef>) -> Event {
        Event {
            id: id.into(),
            date: None,
            actor: actors,
            recipient: recipients,
            event: t,
            mode: None,
            context: vec![],
            event_text: String::new(),
            text: String::new(),
            event_loc: None,
            doc_id: "d".into(),
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
            sentence: 0,
            explanation: Explanation::default(),
        }
    }

    fn cue(kind: &str) -> Cue {
        Cue { text: "x".into(), kind: kind.into(), span: Span::new(0, 1) }
    }

    /// Accusation, denial and non-confirmation of one alleged event, linked
    /// the ways the coder links them.
    fn contested_events() -> Vec<Event> {
        let mut alleged = event(
            "d-7-1",
            EventType::Mobilize,
            Status::Alleged,
            vec![actor("North Korea", "PRK")],
            vec![actor("Russia", "RUS")],
        );
        alleged.related = vec!["d-7-0".into()];
        let mut accuse = event(
            "d-7-0",
            EventType::Accuse,
            Status::Reported,
            vec![actor("Ukraine", "UKR"), actor("Western countries", "WST")],
            vec![actor("North Korea", "PRK")],
        );
        accuse.related = vec!["d-7-1".into()];
        let mut deny = event("d-8-0", EventType::Reject, Status::Reported, vec![actor("North Korea", "PRK")], vec![]);
        deny.related = vec!["d-7-0".into()];
        let mut ncnd = event(
            "d-9-0",
            EventType::Reject,
            Status::Negated,
            vec![ActorRef {
                entity_text: "Russian President Vladimir Putin".into(),
                code: Some("RUS".into()),
                kind: "person".into(),
                ..Default::default()
            }],
            vec![],
        );
        ncnd.related = vec!["d-7-1".into()];
        ncnd.explanation.cues.push(cue("nonconfirmation"));
        let unrelated = event("d-1-0", EventType::Support, Status::Reported, vec![actor("North Korea", "PRK")], vec![]);
        vec![unrelated, accuse, alleged, deny, ncnd]
    }

    fn name(a: &ActorRef) -> String {
        match a.code.as_deref() {
            Some("RUS") => "Russia".into(),
            _ => a.entity_text.clone(),
        }
    }

    #[test]
    fn stands_are_found_through_links() {
        let evs = contested_events();
        let claims = document_claims(&evs);
        assert_eq!(claims.len(), 1);
        let c = &claims[0];
        assert_eq!(evs[c.claimed].id, "d-7-1");
        let roles: Vec<(Role, String)> = c.stands.iter().map(|s| (s.role, party_key(s.actor))).collect();
        assert!(roles.contains(&(Role::Alleges, "UKR".into())));
        assert!(roles.contains(&(Role::Alleges, "WST".into())));
        assert!(roles.contains(&(Role::Denies, "PRK".into())));
        assert!(roles.contains(&(Role::NeitherConfirmsNorDenies, "RUS".into())));
        assert_eq!(roles.len(), 4);
    }

    #[test]
    fn the_ledger_line_names_every_party_and_outlet() {
        let evs = contested_events();
        let info = DocInfo {
            outlets: vec![ClaimOutlet {
                domain: "rt.com".into(),
                name: "RT".into(),
                country: "RUS".into(),
                ownership: "state".into(),
                documents: 1,
            }],
            dates: vec!["2024-11-01".into()],
        };
        let ledger = build_ledger([(evs, info)], &name, &|_e: &Event| "North Korea sent troops to Russia".into());
        assert_eq!(ledger.len(), 1);
        let c = &ledger[0];
        assert!(c.contested);
        assert_eq!(
            c.line(),
            "North Korea sent troops to Russia — alleged by Ukraine and Western countries, denied by North Korea, \
             neither confirmed nor denied by Russia; reported by RT (state-controlled, RUS)"
        );
        assert_eq!(c.first_seen.as_deref(), Some("2024-11-01"));
        assert_eq!(c.events.len(), 4);
    }

    #[test]
    fn the_same_claim_in_two_documents_is_one_claim() {
        let a = contested_events();
        let b = contested_events();
        let info = |d: &str, domain: &str, own: &str| DocInfo {
            outlets: vec![ClaimOutlet {
                domain: domain.into(),
                name: domain.into(),
                country: "X".into(),
                ownership: own.into(),
                documents: 1,
            }],
            dates: vec![d.into()],
        };
        let ledger = build_ledger(
            [(a, info("2024-11-02", "b.example", "private")), (b, info("2024-10-30", "a.example", "public"))],
            &name,
            &|_e: &Event| "claim".into(),
        );
        assert_eq!(ledger.len(), 1);
        let c = &ledger[0];
        assert_eq!(c.documents, 2);
        assert_eq!(c.first_seen.as_deref(), Some("2024-10-30"));
        assert_eq!(c.last_seen.as_deref(), Some("2024-11-02"));
        assert_eq!(c.outlets.len(), 2);
        assert_eq!(c.alleged_by.len(), 2);
    }

    #[test]
    fn a_denied_event_with_a_speaker_and_a_confirmation() {
        let mut denied = event(
            "d-2-0",
            EventType::Assault,
            Status::Denied,
            vec![actor("Israel", "ISR")],
            vec![actor("Gaza", "PSE")],
        );
        denied.said_by = Some(actor("Israel", "ISR"));
        let mut confirm =
            event("d-3-0", EventType::Consult, Status::Reported, vec![actor("the United Nations", "IGO")], vec![]);
        confirm.explanation.cues.push(cue("confirmation"));
        confirm.related = vec!["d-2-0".into()];
        let evs = vec![denied, confirm];
        let ledger = build_ledger(
            [(evs, DocInfo { outlets: vec![], dates: vec![] })],
            &|a: &ActorRef| a.entity_text.clone(),
            &|_e: &Event| "Israel struck Gaza".into(),
        );
        let c = &ledger[0];
        assert_eq!(c.denied_by[0].name, "Israel");
        assert_eq!(c.confirmed_by[0].name, "the United Nations");
        assert!(c.contested);
        assert_eq!(
            c.line(),
            "Israel struck Gaza — denied by Israel, confirmed by the United Nations; reported by 1 document of unknown outlet"
        );
    }

    #[test]
    fn a_negated_denial_neither_confirms_nor_denies_and_the_reporting_outlet_is_no_party() {
        let mut alleged = event(
            "d-1-0",
            EventType::Assault,
            Status::Alleged,
            vec![actor("Russia", "RUS")],
            vec![actor("Ukraine", "UKR")],
        );
        alleged.said_by = Some(ActorRef {
            entity_text: "RT".into(),
            code: Some("RUS".into()),
            kind: "outlet".into(),
            ..Default::default()
        });
        let mut not_denied = event("d-2-0", EventType::Reject, Status::Negated, vec![actor("Moscow", "RUS")], vec![]);
        not_denied.related = vec!["d-1-0".into()];
        let evs = vec![alleged, not_denied];
        let claims = document_claims(&evs);
        let roles: Vec<Role> = claims[0].stands.iter().map(|s| s.role).collect();
        assert_eq!(roles, vec![Role::NeitherConfirmsNorDenies]);
    }

    #[test]
    fn reported_events_without_links_are_not_claims() {
        let evs = vec![event("d-0-0", EventType::Aid, Status::Reported, vec![actor("Germany", "DEU")], vec![])];
        assert!(document_claims(&evs).is_empty());
    }

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list(&["A".into()]), "A");
        assert_eq!(and_list(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }
}
