//! # sitrep-coder: who did what to whom, how sure, according to whom
//!
//! The coder turns a segmented [`Document`] into PLOVER events. For each
//! sentence of the title, the article and the comments it
//!
//! 1. finds actor mentions through the lexicon and resolves coreference
//!    ([`actors`]);
//! 2. finds event triggers from the lexicon's patterns and matches the rest
//!    of each pattern around them ([`matcher`]);
//! 3. assigns the actor and recipient from the clause structure — subjects,
//!    passives, control through infinitives and gerunds, relative clauses,
//!    coordination ([`clause`]);
//! 4. decides the status from the cues around the trigger — negation,
//!    modality, allegation, denial, condition, intention ([`status`]);
//! 5. finds who says so: quotes and reported speech, else the outlet's own
//!    narration, and for reader comments the commenter ([`speech`]);
//! 6. dates and places the event ([`when`]) and links accusations and
//!    denials to what they accuse or deny.
//!
//! Every event carries an [`Explanation`]: the trigger, the pattern and its
//! source line, how each role was found, and the cues behind its status.
//!
//! ```
//! let lex = sitrep_lexicon::Lexicon::load_default().unwrap();
//! let coder = sitrep_coder::Coder::new(&lex);
//! let mut doc = sitrep_text::build_text_document("France recalled its ambassador from Algeria.");
//! coder.code(&mut doc);
//! assert!(doc.events.iter().any(|e| e.event == sitrep_core::EventType::Sanction));
//! ```

pub mod actors;
pub mod clause;
pub mod magnitude;
pub mod matcher;
pub mod speech;
pub mod status;
pub mod tone;
pub mod when;
pub mod words;

use actors::{Actor, Via};
use clause::Sentence;
use matcher::{actor_ends, match_at, Hit};
use rustc_hash::{FxHashMap, FxHashSet};
use sitrep_core::{
    ActorRef, Cue, Date, Document, Event, EventType, Explanation, Mention, MentionKind, Quote, SegmentKind, Span,
    Status,
};
use sitrep_lexicon::entries::{CueKind, CueScope};
use sitrep_lexicon::inflect::VerbForm;
use sitrep_lexicon::pattern::Elem;
use sitrep_lexicon::Lexicon;
use status::{CueHit, CueIndex};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};
use words::{sentence_tokens, Tag, Tok};

/// The coder: the lexicon plus the indexes it needs, built once and
/// shared across threads.
pub struct Coder<'l> {
    lex: &'l Lexicon,
    index: Arc<Index>,
}

/// What the coder derives from the lexicon once: every verb form the
/// patterns and cues know, and the cues by trigger word.
struct Index {
    cues: CueIndex,
    verbs: FxHashSet<Box<str>>,
    /// Patterns by trigger word (the lexicon's index, with a fast hasher).
    triggers: FxHashMap<Box<str>, Vec<u32>>,
    /// For each pattern, groups of words of which the sentence must hold
    /// at least one each for the pattern to have a chance: a cheap test
    /// before matching. Words are numbered (`required_ids`) so that the
    /// test compares integers.
    required: Vec<Vec<Vec<u32>>>,
    /// The number of each word some pattern requires.
    required_ids: FxHashMap<Box<str>, u32>,
}

/// The literal words a pattern cannot match without (beyond its trigger).
fn required_words(p: &sitrep_lexicon::pattern::Pattern) -> Vec<Vec<String>> {
    p.elems
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != p.trigger)
        .filter_map(|(_, e)| match e {
            Elem::Word(_) | Elem::Verb { .. } | Elem::Noun { .. } => Some(e.first_words()),
            Elem::Alt(alts) if alts.iter().all(|a| a.first().is_some_and(|f| !f.first_words().is_empty())) => {
                Some(e.first_words())
            }
            _ => None,
        })
        .filter(|g| !g.is_empty())
        .collect()
}

/// Indexes already built, by lexicon version: building one walks every
/// pattern, so a pipeline that makes a coder per batch must not rebuild it.
fn index_for(lex: &Lexicon) -> Arc<Index> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Index>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(i) = cache.lock().ok().and_then(|c| c.get(lex.version()).cloned()) {
        return i;
    }
    let mut all_verbs: HashSet<String> = COMMON_VERBS.iter().map(|s| s.to_string()).collect();
    for p in &lex.patterns {
        collect_verbs(&p.pattern.elems, &mut all_verbs);
    }
    for c in &lex.cues {
        collect_verbs(&c.pattern.elems, &mut all_verbs);
    }
    let verbs: FxHashSet<Box<str>> = all_verbs.into_iter().map(String::into_boxed_str).collect();
    let triggers: FxHashMap<Box<str>, Vec<u32>> =
        lex.trigger_index.iter().map(|(k, v)| (k.clone().into_boxed_str(), v.clone())).collect();
    let mut required_ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let required = lex
        .patterns
        .iter()
        .map(|p| {
            required_words(&p.pattern)
                .into_iter()
                .map(|group| {
                    group
                        .into_iter()
                        .map(|w| {
                            let next = required_ids.len() as u32;
                            *required_ids.entry(w.into_boxed_str()).or_insert(next)
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let index = Arc::new(Index { cues: CueIndex::new(lex), verbs, triggers, required, required_ids });
    if let Ok(mut c) = cache.lock() {
        c.insert(lex.version().to_string(), index.clone());
    }
    index
}

/// The most events kept from one sentence (the main events first).
pub const MAX_EVENTS_PER_SENTENCE: usize = 16;

/// Verbs whose object noun carries the event: "began a hunger strike",
/// "held talks", "carried out strikes", "launched an offensive".
const LIGHT_VERBS: &[&str] = &[
    "begin",
    "began",
    "begun",
    "begins",
    "beginning",
    "start",
    "started",
    "starts",
    "starting",
    "stage",
    "staged",
    "stages",
    "staging",
    "launch",
    "launched",
    "launches",
    "launching",
    "hold",
    "held",
    "holds",
    "holding",
    "carry",
    "carried",
    "carries",
    "carrying",
    "conduct",
    "conducted",
    "conducts",
    "conducting",
    "mount",
    "mounted",
    "mounts",
    "mounting",
    "make",
    "made",
    "makes",
    "making",
    "take",
    "took",
    "taken",
    "takes",
    "taking",
    "give",
    "gave",
    "given",
    "gives",
    "giving",
    "issue",
    "issued",
    "issues",
    "issuing",
    "go",
    "went",
    "goes",
    "going",
    "have",
    "has",
    "had",
    "join",
    "joined",
    "joins",
    "joining",
    "organize",
    "organized",
    "organise",
    "organised",
    "call",
    "called",
    "calls",
    "declare",
    "declared",
    "declares",
    "announce",
    "announced",
    "announces",
    "continue",
    "continued",
    "resume",
    "resumed",
    "end",
    "ended",
    "ends",
    "step",
    "stepped",
    "intensify",
    "intensified",
    "escalate",
    "escalated",
    "reach",
    "reached",
    "sign",
    "signed",
    "open",
    "opened",
    "offer",
    "offered",
    "express",
    "expressed",
];

/// Common verbs that no pattern names but that shape clauses.
const COMMON_VERBS: &[&str] = &[
    "say",
    "says",
    "said",
    "saying",
    "tell",
    "tells",
    "told",
    "make",
    "makes",
    "made",
    "making",
    "take",
    "takes",
    "took",
    "taken",
    "go",
    "goes",
    "went",
    "gone",
    "come",
    "came",
    "comes",
    "get",
    "gets",
    "got",
    "see",
    "saw",
    "seen",
    "know",
    "knew",
    "known",
    "think",
    "thought",
    "want",
    "wanted",
    "wants",
    "seem",
    "seemed",
    "become",
    "became",
    "remain",
    "remained",
    "remains",
    "include",
    "included",
    "includes",
    "added",
    "adding",
    "noted",
    "noting",
    "stressed",
    "reported",
    "announced",
    "speaking",
    "hold",
    "held",
    "holds",
    "run",
    "ran",
    "needs",
    "needed",
    "tried",
    "tries",
    "began",
    "begun",
    "continued",
    "continues",
    "reached",
    "expected",
    "concerned",
    "believed",
    "emerged",
    "emerge",
    "took",
    "left",
    "found",
    "kept",
    "put",
    "let",
    "used",
    "called",
    "asked",
    "showed",
    "shown",
    "gave",
    "given",
];

fn collect_verbs(elems: &[Elem], out: &mut HashSet<String>) {
    for e in elems {
        match e {
            Elem::Verb { forms, .. } => out.extend(forms.iter().map(|(f, _)| f.clone())),
            Elem::Alt(a) => a.iter().for_each(|s| collect_verbs(s, out)),
            Elem::Opt(s) => collect_verbs(s, out),
            _ => {}
        }
    }
}

/// One event found in a sentence, before assembly.
struct Candidate {
    /// The lexicon pattern, or `None` for an event a coder rule adds.
    pattern: Option<u32>,
    /// For rule-made events: the rule.
    rule: Option<&'static str>,
    hit: Hit,
    event: EventType,
    actor: Vec<usize>,
    recipient: Vec<usize>,
    roles: Vec<String>,
    status: Status,
    cues: Vec<usize>,
    depth: u8,
    notes: Vec<String>,
    /// For events converted to AGREE or THREATEN: what they were.
    converted_from: Option<EventType>,
}

/// The work on one sentence kept for the document-level passes.
struct SentWork<'d> {
    index: usize,
    span: Span,
    segment: usize,
    toks: Vec<Tok<'d>>,
    mine: Vec<usize>,
    cues: Vec<CueHit>,
    frames: Vec<speech::Frame>,
    candidates: Vec<Candidate>,
}

fn is_coop(t: EventType) -> bool {
    t.quad().code() <= 2
}

/// The CAMEO code of an intention to do `t` (CAMEO 03x).
fn intent_cameo(t: EventType) -> &'static str {
    match t {
        EventType::Aid => "033",
        EventType::Cooperate => "031",
        EventType::Consult => "036",
        EventType::Support => "032",
        EventType::Retreat | EventType::Concede => "035",
        _ => "030",
    }
}

impl<'l> Coder<'l> {
    pub fn new(lex: &'l Lexicon) -> Coder<'l> {
        Coder { lex, index: index_for(lex) }
    }

    pub fn lexicon(&self) -> &Lexicon {
        self.lex
    }

    fn is_verb(&self, w: &str) -> bool {
        self.index.verbs.contains(w)
    }

    /// Codes `doc`: fills its outlet, mentions, quotes and events.
    pub fn code(&self, doc: &mut Document) {
        if doc.outlet.is_none() {
            if let Some(url) = &doc.url {
                doc.outlet = self.lex.outlet_for_url(url);
            }
        }
        let doc_date = doc.date.as_deref().and_then(Date::parse_loose);
        let is_verb = |w: &str| self.is_verb(w);
        let mut actors: Vec<Actor> = Vec::new();
        let mut work: Vec<SentWork> = Vec::new();
        let mut tok_cursor = 0;
        let doc_ref: &Document = doc;
        for (si, s) in doc_ref.sentences.iter().enumerate() {
            let kind = doc_ref.segments.get(s.segment).map(|g| g.kind).unwrap_or(SegmentKind::Article);
            if !kind.is_coded() {
                continue;
            }
            let (toks, next) = sentence_tokens(doc_ref, s.span, tok_cursor);
            tok_cursor = next;
            if toks.is_empty() {
                continue;
            }
            let first = actors.len();
            actors::sentence_actors(self.lex, &doc_ref.text, &toks, s.span, si, doc_date, &is_verb, &mut actors);
            let mine: Vec<usize> = (first..actors.len()).collect();
            work.push(SentWork {
                index: si,
                span: s.span,
                segment: s.segment,
                toks,
                mine,
                cues: Vec::new(),
                frames: Vec::new(),
                candidates: Vec::new(),
            });
        }
        for w in &mut work {
            self.sentence_events(w, &actors);
        }
        let quotes = self.quotes(doc_ref, &work, &actors);
        // "we", "our" inside a quote speak for the speaker's side.
        for k in 0..actors.len() {
            if !actors[k].first_person {
                continue;
            }
            let span = actors[k].span;
            let speaker = quotes
                .iter()
                .filter(|q| q.direct && q.span.contains(span))
                .min_by_key(|q| q.span.len())
                .and_then(|q| q.speaker);
            if let Some(sp) = speaker.filter(|&sp| sp != k && !actors[sp].first_person) {
                let src = actors[sp].clone();
                let a = &mut actors[k];
                a.code = src.code;
                a.sector = src.sector;
                a.kind = src.kind;
                a.name = src.name;
                a.identifier = src.identifier;
                a.entry = src.entry;
                a.antecedent = Some(sp);
            }
        }
        let mut events = Vec::new();
        let mut alleged_so_far: Vec<String> = Vec::new();
        for w in &work {
            self.assemble(doc_ref, w, &actors, &quotes, doc_date, &mut events, &mut alleged_so_far);
        }
        // Mentions and quotes layers.
        let mention_of: Vec<usize> = (0..actors.len()).collect();
        let mentions: Vec<Mention> = actors
            .iter()
            .map(|a| Mention {
                span: a.span,
                code: a.code.clone(),
                sector: a.sector.clone(),
                kind: if a.via == Via::Pronoun { MentionKind::Pronoun } else { a.kind },
                identifier: a.identifier.clone(),
                name: a.name.clone(),
                entry: a.entry.clone(),
                antecedent: a.antecedent.filter(|&x| x < mention_of.len()),
            })
            .collect();
        let doc_quotes: Vec<Quote> = quotes
            .iter()
            .map(|q| Quote {
                span: q.span,
                direct: q.direct,
                speaker: q.speaker,
                speaker_text: q.speaker.map(|k| doc_ref.slice(actors[k].span).to_string()),
                cue: q.cue.clone(),
            })
            .collect();
        doc.mentions = mentions;
        doc.quotes = doc_quotes;
        doc.events = events;
        doc.tone = Some(tone::document_counts(tone::Tone::default_lexicon(), doc).tone());
    }

    /// Finds the event candidates of one sentence with their roles and status.
    fn sentence_events(&self, w: &mut SentWork, actors: &[Actor]) {
        let is_verb = |x: &str| self.is_verb(x);
        let toks = &w.toks;
        let ends = actor_ends(toks, actors, &w.mine);
        w.cues = self.index.cues.find(self.lex, toks, &ends);
        let s = Sentence { toks, actors, mine: &w.mine, is_verb: &is_verb };
        w.frames = speech::frames(&s, &w.cues);

        // 1. Pattern hits, the best per trigger token.
        let mut hits: Vec<(u32, Hit)> = Vec::new();
        let mut present: Vec<u32> =
            toks.iter().filter_map(|t| self.index.required_ids.get(&*t.lower).copied()).collect();
        present.sort_unstable();
        present.dedup();
        for (i, t) in toks.iter().enumerate() {
            let Some(ids) = self.index.triggers.get(&*t.lower) else { continue };
            for &id in ids {
                let needs = &self.index.required[id as usize];
                if !needs.iter().all(|g| g.iter().any(|w| present.binary_search(w).is_ok())) {
                    continue;
                }
                let p = &self.lex.patterns[id as usize];
                let trig = &p.pattern.elems[p.pattern.trigger];
                let verb_trigger = matches!(trig, Elem::Verb { .. })
                    || matches!(trig, Elem::Alt(a) if a.iter().any(|s| matches!(s.first(), Some(Elem::Verb { .. }))));
                // A verb pattern does not fire on a noun use: "the attack",
                // "sparked protests" (a plural after a verb or preposition).
                if verb_trigger && i > 0 && matches!(toks[i - 1].tag, Tag::Det | Tag::PossPron | Tag::Poss | Tag::Num) {
                    continue;
                }
                // Nor after a determiner and an ordinal or a word that only
                // stands before nouns: "the first launch date", "a planned
                // strike", "its latest attacks".
                if verb_trigger
                    && i > 1
                    && matches!(toks[i - 2].tag, Tag::Det | Tag::PossPron | Tag::Poss)
                    && words::PRENOMINAL.contains(&&*toks[i - 1].lower)
                {
                    continue;
                }
                // Nor on the first word of an office: "Finance Secretary
                // Jaime Ongpin", "Defence Minister …" (a capitalised verb form
                // right before a capitalised title that names a person or a
                // sector).
                if verb_trigger
                    && t.cap
                    && toks.get(i + 1).is_some_and(|n| n.cap)
                    && w.mine.iter().any(|&k| {
                        let a = &actors[k];
                        // The title itself ("Finance Minister") or the
                        // person or office right after it.
                        (a.toks.0 <= i && i < a.toks.1)
                            || (a.toks.0 == i + 1 && matches!(a.kind, MentionKind::Person | MentionKind::Sector))
                    })
                {
                    continue;
                }
                let Some(h) = match_at(&p.pattern, toks, &ends, i) else { continue };
                // Violence against no one: "fighting corruption", "battle
                // rising inflation", "combat the disease": the object, within
                // three words after the words the pattern names, is a
                // problem, not an enemy; "opened fire" keeps its fire).
                if p.event == EventType::Assault
                    && toks[h.core_end.max(h.trigger.1)..]
                        .iter()
                        .take(3)
                        .take_while(|t| matches!(t.tag, Tag::Word | Tag::Det | Tag::PossPron | Tag::Adv))
                        .any(|t| words::NOT_A_TARGET.contains(&&*t.lower))
                {
                    continue;
                }
                if h.form == Some(VerbForm::Third)
                    && i > 0
                    && (toks[i - 1].tag == Tag::Prep
                        || (toks[i - 1].tag == Tag::Word && self.is_verb(&toks[i - 1].lower) && !toks[i - 1].cap))
                {
                    continue;
                }
                hits.push((id, h));
            }
        }
        // 2. Overlapping matches: the more specific one wins (more words,
        // fewer gap words, longer).
        let mut kept: Vec<(u32, Hit)> = Vec::new();
        let mut order: Vec<usize> = (0..hits.len()).collect();
        let is_verb_hit = |h: &Hit| h.form.is_some();
        order.sort_by_key(|&k| {
            let h = &hits[k].1;
            std::cmp::Reverse((
                h.words,
                std::cmp::Reverse(h.gaps),
                is_verb_hit(h),
                h.recipient.is_some(),
                h.end - h.start,
            ))
        });
        for k in order {
            let (id, h) = &hits[k];
            // Matches clash when the words they match literally overlap; a
            // noun inside another match's slot ("rejected an invitation")
            // is an event of its own, below the verb.
            // A gerund ending another match ("accused X of sending troops")
            // is the act it names, an event of its own.
            // A gerund inside another match ("accused X of sending troops",
            // "rejected an appeal for deploying troops") names an act of its
            // own, embedded in the other.
            let gerund_in = |x: &Hit, y: &Hit| {
                toks[x.trigger.0].lower.ends_with("ing") && y.trigger.0 < x.trigger.0 && x.trigger.0 <= y.core_end
            };
            let clashes = |o: &Hit| {
                let (a0, a1) = (o.start.min(o.trigger.0), o.core_end.max(o.trigger.1));
                let (b0, b1) = (h.start.min(h.trigger.0), h.core_end.max(h.trigger.1));
                let overlap = a0 < b1 && b0 < a1;
                o.trigger.0 == h.trigger.0 || overlap && !gerund_in(h, o) && !gerund_in(o, h)
            };
            // A verb whose object holds an event noun is the main event
            // ("rejected recent calls by Belarus for aid"), unless it is a
            // light verb whose noun carries the meaning ("began a hunger
            // strike", "held talks").
            let governs_noun = |o: &Hit| {
                is_verb_hit(h)
                    && !is_verb_hit(o)
                    && h.trigger.0 < o.trigger.0
                    && !LIGHT_VERBS.contains(&&*toks[h.trigger.0].lower)
            };
            let clashing: Vec<usize> =
                kept.iter().enumerate().filter(|(_, (_, o))| clashes(o)).map(|(i, _)| i).collect();
            if clashing.is_empty() {
                kept.push((*id, h.clone()));
            } else if clashing.iter().all(|&i| governs_noun(&kept[i].1)) {
                for i in clashing.into_iter().rev() {
                    kept.remove(i);
                }
                kept.push((*id, h.clone()));
            }
        }
        kept.sort_by_key(|(_, h)| h.trigger.0);

        // A trigger inside another match's slot or gap is embedded in it.
        let embedded: Vec<bool> = kept
            .iter()
            .map(|(_, h)| {
                kept.iter().any(|(_, o)| o.trigger.0 != h.trigger.0 && o.trigger.0 < h.trigger.0 && h.trigger.0 < o.end)
            })
            .collect();
        // Requests govern what they request: "urged Mexico to detain".
        let mut cues = w.cues.clone();
        // "X said Y must Z": a demand by the speaker on Y.
        let mut demands: Vec<(usize, usize, usize)> = Vec::new(); // (modal, verb, speaker)
        for f in &w.frames {
            let Some(sp) = f.speaker else { continue };
            for m in f.covers.0..f.covers.1.min(toks.len()) {
                if !matches!(&*toks[m].lower, "must" | "should" | "ought") {
                    continue;
                }
                let v = (m + 1..toks.len().min(m + 4)).find(|&j| toks[j].tag == Tag::Word);
                if let Some(v) = v {
                    if toks[m + 1..v].iter().all(|x| matches!(x.tag, Tag::Adv | Tag::To | Tag::Be)) {
                        demands.push((m, v, sp));
                        cues.push(CueHit {
                            kind: CueKind::Speculative,
                            scope: CueScope::Complement,
                            start: m,
                            end: m + 1,
                            entry: None,
                        });
                    }
                }
            }
        }
        for (id, h) in &kept {
            if self.lex.patterns[*id as usize].event == EventType::Request {
                cues.push(CueHit {
                    kind: CueKind::Speculative,
                    scope: CueScope::Complement,
                    start: h.trigger.0,
                    end: h.trigger.1,
                    entry: None,
                });
            }
        }

        // 3. Roles and status.
        for (ki, (id, h)) in kept.into_iter().enumerate() {
            let p = &self.lex.patterns[id as usize];
            let t = h.trigger.0;
            let vg = s.verb_group_start(t);
            let cs = s.clause_start(vg);
            let ce = s.clause_end(h.trigger.1.max(h.end.min(toks.len())));
            let trig_elem = &p.pattern.elems[p.pattern.trigger];
            let noun_trigger =
                matches!(trig_elem, Elem::Noun { .. }) || (h.form.is_none() && !matches!(trig_elem, Elem::Verb { .. }));
            let mut roles = Vec::new();
            let mut actor: Option<usize> = None;
            let mut recipient: Vec<usize> = Vec::new();
            if let Some((a, b)) = h.actor {
                actor = s.slot_head(a, b);
                if actor.is_some() {
                    roles.push("actor: the pattern's {A} slot".to_string());
                }
            }
            // "is committed to", "was determined to": adjectival, not passive.
            let adjectival = matches!(
                &*toks[t].lower,
                "engaged"
                    | "involved"
                    | "committed"
                    | "prepared"
                    | "determined"
                    | "opposed"
                    | "embroiled"
                    | "mired"
                    | "locked"
                    | "poised"
                    | "resolved"
                    | "ready"
                    | "willing"
            );
            // "was determined to", "is committed to" without an agent: adjectival.
            let to_without_agent =
                toks.get(h.trigger.1).is_some_and(|x| x.tag == Tag::To) && s.by_agent(h.trigger.1, ce).is_none();
            let passive = !noun_trigger && !adjectival && !to_without_agent && s.is_passive(vg, t);
            if actor.is_none() {
                if noun_trigger {
                    // "Russia's invasion", "Israeli air strikes": the actor
                    // named in the noun phrase; else "by X"; else the subject.
                    let lo = t.saturating_sub(4).max(cs);
                    let inner = (lo..t).rev().find_map(|j| {
                        s.actor_ending_at(j + 1).filter(|_| {
                            toks[j + 1..t]
                                .iter()
                                .all(|x| matches!(x.tag, Tag::Word | Tag::Poss | Tag::Adv) && !self.is_verb(&x.lower))
                        })
                    });
                    // "UN peacekeepers were shipped out": the trigger noun
                    // heads an actor phrase.
                    let containing = w
                        .mine
                        .iter()
                        .copied()
                        .find(|&k| actors[k].toks.0 <= t && t < actors[k].toks.1 && actors[k].code.is_some());
                    if let Some(a) = containing.or(inner) {
                        actor = Some(a);
                        roles.push("actor: named in the event noun's phrase".into());
                    } else if let Some(a) = s.by_agent(h.trigger.1, ce) {
                        actor = Some(a);
                        roles.push("actor: the \"by\" phrase after the event noun".into());
                    } else if let Some((a, how)) = s.subject(t, 0) {
                        actor = Some(a);
                        roles.push(format!("actor: {how}"));
                    }
                } else if passive {
                    if let Some(a) = s.by_agent(h.trigger.1, ce) {
                        actor = Some(a);
                        roles.push("actor: the \"by\" phrase of a passive verb".into());
                    } else if matches!(p.event, EventType::Retreat | EventType::Mobilize | EventType::Sanction) {
                        // "peacekeepers were shipped out", "guerrillas have
                        // been demobilized": those moved are the ones acting.
                        if let Some((a, how)) = s.subject(t, 0) {
                            actor = Some(a);
                            roles.push(format!("actor: {how} (a passive withdrawal or deployment)"));
                        }
                    }
                } else if let Some((a, how)) = s.subject(t, 0) {
                    actor = Some(a);
                    roles.push(format!("actor: {how}"));
                }
            }
            if let Some((a, b)) = h.recipient {
                let exclude: Vec<usize> = actor.into_iter().collect();
                if let Some(r) = s.slot_head(a, b) {
                    recipient.push(r);
                    roles.push("recipient: the pattern's {R} slot".into());
                } else if let Some(r) = s.object(a, a, ce.max(b), &exclude) {
                    // "arrested more than 100 Palestinians": the slot's
                    // phrase names its actor further on.
                    recipient.push(r);
                    roles.push("recipient: the first actor in or after the {R} slot".into());
                }
            } else if passive && actor.is_none_or(|a| s.subject(t, 0).is_none_or(|(x, _)| x != a)) {
                // The subject of a passive stands right before its verb
                // ("the army said 8 were killed": not the army).
                let in_actor = |i: usize| w.mine.iter().any(|&k| actors[k].toks.0 <= i && i < actors[k].toks.1);
                let adjacent = |r: usize| {
                    (actors[r].toks.1..vg).all(|i| {
                        matches!(toks[i].tag, Tag::Adv | Tag::Comma | Tag::Prep | Tag::Det)
                            || in_actor(i)
                            || s.in_parenthesis_before(i, vg)
                            || (toks[i].tag == Tag::Word && !self.is_verb(&toks[i].lower))
                    })
                };
                if let Some((r, how)) = s.subject(t, 0).filter(|(r, _)| adjacent(*r)) {
                    recipient.push(r);
                    roles.push(format!("recipient: {how} (passive)"));
                }
            } else {
                let exclude: Vec<usize> = actor.into_iter().collect();
                if let Some(r) = s.object(h.trigger.1, h.core_end, ce.max(h.end), &exclude) {
                    recipient.push(r);
                    roles.push("recipient: the first actor after the trigger in its clause".into());
                } else if matches!(
                    p.event,
                    EventType::Threaten
                        | EventType::Request
                        | EventType::Accuse
                        | EventType::Reject
                        | EventType::Protest
                ) {
                    // "threatened to stop talks if the United States …",
                    // "blocked a road to show their disapproval of the US":
                    // the target of words and protests may come later.
                    let speakers: Vec<usize> = w.frames.iter().filter_map(|f| f.speaker).collect();
                    let later = s.actors_in(ce, toks.len()).into_iter().find(|k| {
                        !exclude.contains(k)
                            && !speakers.contains(k)
                            && actors[*k].code.is_some()
                            && actor.is_none_or(|a| actors[a].code != actors[*k].code)
                    });
                    if let Some(r) = later {
                        recipient.push(r);
                        roles.push(
                            "recipient: the first actor named after the clause (target of words or protest)".into(),
                        );
                    }
                }
            }
            let actor_list = expand(actors, actor);
            let mut recipient_list = expand(actors, recipient.first().copied());
            recipient_list.retain(|r| !actor_list.contains(r));
            // Political actors only: "Arsenal attacked Chelsea" codes nothing.
            let political = |v: &[usize]| {
                v.iter().any(|&k| actors[k].is_political() && (actors[k].code.is_some() || actors[k].sector.is_some()))
            };
            if !political(&actor_list) && !political(&recipient_list) {
                continue;
            }
            let mut d = status::decide(toks, &cues, &h, vg, (cs, ce), &is_verb);
            // In reported speech "would" is the future of the past: "they
            // said they would meet" reports an intention.
            if d.status == Status::Speculative {
                let only_would = d
                    .cues
                    .iter()
                    .filter(|(_, st)| *st == Status::Speculative)
                    .all(|(ci, _)| matches!(&*toks[cues[*ci].start].lower, "would" | "'d"));
                let reported = w.frames.iter().any(|f| f.covers.0 <= t && t < f.covers.1);
                if only_would && reported {
                    d.status = Status::Intended;
                }
            }
            let governed = d.cues.iter().any(|(ci, _)| cues[*ci].scope == CueScope::Complement);
            let participle_clause =
                t > 0 && toks[t].lower.ends_with("ing") && matches!(toks[vg.saturating_sub(1)].tag, Tag::Comma);
            let subordinate = cs > 0 && matches!(toks[cs - 1].tag, Tag::Sub) && !toks[cs - 1].is("that");
            let after_sub = s.in_adverbial_clause(cs, vg);
            // Embedded: a gerund after a preposition ("a proposal for
            // signing"), or an event noun in the subject or an apposition
            // before the clause's verb ("Pakistan, a U.S. ally in the war
            // against terrorism, has refused").
            let gerund_after_prep = toks[t].lower.ends_with("ing") && t > 0 && toks[t - 1].tag == Tag::Prep;
            let first_finite = (0..toks.len()).find(|&j| s.is_finite_verb(j));
            let noun_before_verb = noun_trigger && first_finite.is_some_and(|v| t < v);
            let depth = u8::from(governed)
                + u8::from(participle_clause)
                + u8::from(subordinate || after_sub)
                + u8::from(embedded[ki])
                + u8::from(gerund_after_prep)
                + u8::from(noun_before_verb);
            w.candidates.push(Candidate {
                pattern: Some(id),
                rule: None,
                hit: h,
                event: p.event,
                actor: actor_list,
                recipient: recipient_list,
                roles,
                status: d.status,
                cues: d.cues.iter().map(|(c, _)| *c).collect(),
                depth,
                notes: Vec::new(),
                converted_from: None,
            });
        }
        for (m, v, sp) in demands {
            let recipient = s.subject(v, 0).map(|r| r.0);
            let actor_list = expand(actors, Some(sp));
            let mut recipient_list = expand(actors, recipient);
            recipient_list.retain(|r| !actor_list.contains(r));
            if recipient_list.is_empty() && actor_list.iter().all(|&k| actors[k].code.is_none()) {
                continue;
            }
            w.candidates.push(Candidate {
                pattern: None,
                rule: Some("\"must\"/\"should\" in reported speech: the speaker demands it of the subject"),
                hit: Hit {
                    start: m,
                    end: v + 1,
                    trigger: (m, m + 1),
                    form: None,
                    recipient: None,
                    actor: None,
                    words: 1,
                    gaps: 0,
                    core_end: m + 1,
                },
                event: EventType::Request,
                actor: actor_list,
                recipient: recipient_list,
                roles: vec![
                    "actor: the speaker of the reported speech".into(),
                    "recipient: the subject of the demanded act".into(),
                ],
                status: Status::Reported,
                cues: Vec::new(),
                depth: 0,
                notes: Vec::new(),
                converted_from: None,
            });
        }
        w.cues = cues;

        // Refusals: a cooperative act someone will not do, refuses or fails
        // to do is PLOVER's REJECT.
        let mut refusals = Vec::new();
        for c in &mut w.candidates {
            if c.status != Status::Negated || !is_coop(c.event) {
                continue;
            }
            let vg = s.verb_group_start(c.hit.trigger.0);
            let modal_not =
                toks[vg..c.hit.trigger.0].iter().any(|x| matches!(&*x.lower, "will" | "would" | "wo" | "shall"))
                    && toks[vg..c.hit.trigger.0].iter().any(|x| x.tag == Tag::Neg);
            let refusing = c.cues.iter().filter_map(|&ci| w.cues.get(ci)).any(|h| {
                h.kind == CueKind::Negation
                    && h.scope == CueScope::Complement
                    && matches!(
                        &*toks[h.start].lower,
                        "refuse"
                            | "refused"
                            | "refuses"
                            | "refusing"
                            | "decline"
                            | "declined"
                            | "declines"
                            | "fail"
                            | "failed"
                            | "fails"
                            | "has"
                            | "have"
                            | "had"
                            | "rule"
                            | "ruled"
                            | "rules"
                    )
            });
            if modal_not || refusing {
                let mut r = Candidate {
                    pattern: c.pattern,
                    rule: Some("refusing a cooperative act is a REJECT"),
                    hit: c.hit.clone(),
                    event: EventType::Reject,
                    actor: c.actor.clone(),
                    recipient: c.recipient.clone(),
                    roles: c.roles.clone(),
                    status: Status::Reported,
                    cues: c.cues.clone(),
                    depth: c.depth,
                    notes: vec![format!("refuses to {}", c.event)],
                    converted_from: Some(c.event),
                };
                r.depth = c.depth;
                c.depth += 1;
                refusals.push(r);
            }
        }
        w.candidates.extend(refusals);

        // 4. Intentions: a promised cooperative act is PLOVER's AGREE; a
        // stated conflictual intention in someone's words is a THREATEN.
        let mut extra = Vec::new();
        for c in &mut w.candidates {
            let modal = toks[s.verb_group_start(c.hit.trigger.0)..c.hit.trigger.0]
                .iter()
                .any(|x| matches!(&*x.lower, "will" | "would" | "'ll" | "shall"));
            // A promise is made to someone: "will resign" stays an intended
            // RETREAT; "will send aid to Nepal" is an AGREE.
            if c.status == Status::Intended
                && is_coop(c.event)
                && c.event != EventType::Agree
                && !c.recipient.is_empty()
                && !condition_after(toks, c.hit.end, true)
            {
                c.notes.push(format!("an intention to {}: coded AGREE (CAMEO {})", c.event, intent_cameo(c.event)));
                c.converted_from = Some(c.event);
                c.event = EventType::Agree;
            } else if matches!(c.status, Status::Intended | Status::Speculative | Status::Conditional)
                && (modal || c.status == Status::Intended)
                && !matches!(
                    c.event,
                    EventType::Threaten | EventType::Request | EventType::Accuse | EventType::Reject | EventType::Agree
                )
                && ((!is_coop(c.event) && (!w.frames.is_empty() || condition_after(toks, c.hit.end, false)))
                    || condition_after(toks, c.hit.end, true))
            {
                let mut th = Candidate {
                    pattern: c.pattern,
                    rule: Some("a stated conflictual intention in reported speech is a threat"),
                    hit: c.hit.clone(),
                    event: EventType::Threaten,
                    actor: c.actor.clone(),
                    recipient: c.recipient.clone(),
                    roles: c.roles.clone(),
                    status: Status::Reported,
                    cues: c.cues.clone(),
                    depth: c.depth,
                    notes: vec![format!("a stated intention to {} in reported speech: a threat", c.event)],
                    converted_from: Some(c.event),
                };
                th.depth = th.depth.saturating_sub(1);
                c.depth += 1;
                extra.push(th);
            }
        }
        w.candidates.extend(extra);
        // An AGREE and the intention it introduces are one event.
        let n = w.candidates.len();
        let mut drop = vec![false; n];
        for a in 0..n {
            for b in 0..n {
                if a == b || drop[a] || drop[b] {
                    continue;
                }
                let (ca, cb) = (&w.candidates[a], &w.candidates[b]);
                if ca.event == EventType::Agree
                    && cb.event == EventType::Agree
                    && ca.converted_from.is_none()
                    && cb.converted_from.is_some()
                    && ca.hit.trigger.0 < cb.hit.trigger.0
                    && cb.hit.trigger.0 - ca.hit.trigger.1 <= 6
                {
                    drop[a] = true;
                }
            }
        }
        // The same event named twice ("a bombing … killed"): keep the main one.
        for a in 0..n {
            for b in 0..n {
                if a == b || drop[a] || drop[b] {
                    continue;
                }
                let (ca, cb) = (&w.candidates[a], &w.candidates[b]);
                let same = ca.event == cb.event
                    && ca.actor == cb.actor
                    && ca.recipient == cb.recipient
                    && ca.status == cb.status;
                if same && (cb.depth, cb.hit.trigger.0) < (ca.depth, ca.hit.trigger.0) {
                    drop[a] = true;
                }
            }
        }
        let mut k = 0;
        w.candidates.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
        w.candidates.sort_by_key(|c| (c.depth, c.hit.trigger.0));
        // A real sentence holds a handful of events; text that repeats an
        // event word hundreds of times ("met again met again …") would
        // otherwise become hundreds of events, each carrying the sentence.
        w.candidates.truncate(MAX_EVENTS_PER_SENTENCE);
    }

    /// Direct quotes and their speakers, document-wide.
    fn quotes(&self, doc: &Document, work: &[SentWork], actors: &[Actor]) -> Vec<QuoteInfo> {
        let mut out: Vec<QuoteInfo> = Vec::new();
        for (gi, seg) in doc.segments.iter().enumerate() {
            if !seg.kind.is_coded() {
                continue;
            }
            let mut last_speaker: Option<usize> = None;
            for q in speech::find_quotes(&doc.text, seg.span) {
                // Sentences touching the quote, and their frames outside it.
                let mut speaker = None;
                let mut cue = None;
                for w in work.iter().filter(|w| w.segment == gi && w.span.overlaps(q.outer)) {
                    for f in &w.frames {
                        let cue_span = Span::new(w.toks[f.cue.0].span.start, w.toks[f.cue.1 - 1].span.end);
                        if q.outer.contains(cue_span) {
                            continue;
                        }
                        if let Some(sp) = f.speaker {
                            if !q.outer.contains(actors[sp].span) {
                                speaker = Some(sp);
                                cue = Some(doc.slice(cue_span).to_string());
                            }
                        }
                    }
                }
                // A quote that opens its sentence with no speaker of its own
                // continues the previous speaker's words.
                let opens_sentence = work.iter().any(|w| w.segment == gi && w.span.start == q.outer.start);
                if speaker.is_none() && opens_sentence {
                    speaker = last_speaker;
                    if speaker.is_some() {
                        cue = Some("(continues the previous quote)".into());
                    }
                }
                last_speaker = speaker.or(last_speaker);
                out.push(QuoteInfo { span: q.inner, direct: true, speaker, cue });
            }
            // Reported speech without quote marks.
            for w in work.iter().filter(|w| w.segment == gi) {
                for f in &w.frames {
                    if f.covers.0 >= f.covers.1 || f.covers.1 > w.toks.len() {
                        continue;
                    }
                    let span = Span::new(w.toks[f.covers.0].span.start, w.toks[f.covers.1 - 1].span.end);
                    if out.iter().any(|q| q.direct && q.span.contains(span)) {
                        continue;
                    }
                    let cue_span = Span::new(w.toks[f.cue.0].span.start, w.toks[f.cue.1 - 1].span.end);
                    out.push(QuoteInfo {
                        span,
                        direct: false,
                        speaker: f.speaker,
                        cue: Some(doc.slice(cue_span).to_string()),
                    });
                }
            }
        }
        out.sort_by_key(|q| q.span.start);
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        &self,
        doc: &Document,
        w: &SentWork,
        actors: &[Actor],
        quotes: &[QuoteInfo],
        doc_date: Option<Date>,
        events: &mut Vec<Event>,
        alleged_so_far: &mut Vec<String>,
    ) {
        let toks = &w.toks;
        let kind = doc.segments.get(w.segment).map(|g| g.kind).unwrap_or(SegmentKind::Article);
        let sentence_text = doc.slice(w.span).to_string();
        let date = when::event_date(toks, doc_date);
        let first_id = events.len();
        // Counts (dead, injured, arrested, crowd size) tied to the events.
        let quantities = magnitude::numbers(toks);
        let phrases = |ks: &[usize]| -> Vec<magnitude::Phrase> {
            ks.iter()
                .map(|&k| magnitude::Phrase {
                    toks: actors[k].toks,
                    person: actors[k].kind == MentionKind::Person
                        || (!actors[k].plural && actors[k].kind == MentionKind::Sector),
                })
                .collect()
        };
        let parts: Vec<(Vec<magnitude::Phrase>, Vec<magnitude::Phrase>)> =
            w.candidates.iter().map(|c| (phrases(&c.actor), phrases(&c.recipient))).collect();
        let sites: Vec<magnitude::Site> = w
            .candidates
            .iter()
            .zip(&parts)
            .map(|(c, (a, r))| magnitude::Site { trigger: c.hit.trigger, event: c.event, actors: a, recipients: r })
            .collect();
        let mags = if quantities.is_empty() {
            vec![magnitude::Magnitudes::default(); sites.len()]
        } else {
            magnitude::attach_all(toks, &sites, &quantities)
        };
        // Who gives a figure: the speaker of the reported speech around it.
        let figure_speaker = |tok: usize| -> Option<String> {
            w.frames
                .iter()
                .filter(|f| f.covers.0 <= tok && tok < f.covers.1)
                .min_by_key(|f| f.covers.1 - f.covers.0)
                .and_then(|f| f.speaker)
                .map(|k| doc.slice(actors[k].span).to_string())
        };
        let sentence_tone = tone::Tone::default_lexicon().counts_tokens(toks).tone();
        let doc_id = doc.doc_id().to_string();
        let mut ids: Vec<String> = Vec::new();
        for (n, c) in w.candidates.iter().enumerate() {
            let p = c.pattern.map(|k| &self.lex.patterns[k as usize]);
            let trig = Span::new(toks[c.hit.trigger.0].span.start, toks[c.hit.trigger.1 - 1].span.end);
            let whole = Span::new(toks[c.hit.start].span.start, toks[c.hit.end.max(c.hit.trigger.1) - 1].span.end);
            let id = format!("{}-{}-{}", doc_id, w.index, n);
            // Who says so.
            let said_by = if kind == SegmentKind::Comment {
                let author = doc.segments.get(w.segment).and_then(|g| g.author.clone());
                Some(ActorRef {
                    entity_text: author.clone().unwrap_or_else(|| "anonymous commenter".into()),
                    code: None,
                    sector: None,
                    identifier: None,
                    name: author,
                    kind: "commenter".into(),
                    span: None,
                })
            } else {
                let q =
                    quotes.iter().filter(|q| q.span.contains(trig) && q.speaker.is_some()).min_by_key(|q| q.span.len());
                match q.and_then(|q| q.speaker) {
                    Some(k) => Some(actor_ref(doc, actors, k)),
                    None => doc.outlet.as_ref().map(|o| ActorRef {
                        entity_text: o.name.clone(),
                        code: Some(o.country.clone()),
                        sector: Some("JRN".into()),
                        identifier: Some(o.domain.clone()),
                        name: Some(o.name.clone()),
                        kind: "outlet".into(),
                        span: None,
                    }),
                }
            };
            let cameo = match (c.converted_from, c.event) {
                (Some(from), EventType::Agree) => Some(intent_cameo(from).to_string()),
                (Some(_), EventType::Threaten) => Some("138".to_string()),
                (Some(_), EventType::Reject) => Some("120".to_string()),
                (_, EventType::Request) if p.is_none() => Some("100".to_string()),
                _ => p.and_then(|p| p.cameo.clone()),
            };
            let goldstein = cameo.as_deref().and_then(|k| self.lex.cameo(k)).and_then(|e| e.goldstein);
            let mut explanation = Explanation {
                trigger: trig,
                trigger_text: doc.slice(trig).to_string(),
                pattern: match (p, c.rule) {
                    (Some(p), _) => p.pattern.text.clone(),
                    (None, Some(r)) => format!("rule: {r}"),
                    (None, None) => String::new(),
                },
                pattern_source: p.map(|p| p.source.to_string()).unwrap_or_else(|| "sitrep-coder".into()),
                roles: c.roles.clone(),
                cues: c
                    .cues
                    .iter()
                    .filter_map(|&ci| w.cues.get(ci))
                    .map(|h| {
                        let span = status::cue_span(toks, h);
                        Cue { text: doc.slice(span).to_string(), kind: h.kind.as_str().to_string(), span }
                    })
                    .collect(),
                notes: c
                    .notes
                    .iter()
                    .cloned()
                    .chain(c.rule.filter(|_| p.is_some()).map(|r| format!("rule: {r}")))
                    .collect(),
            };
            for &k in c.actor.iter().chain(c.recipient.iter()) {
                let a = &actors[k];
                if a.via != Via::Lexicon {
                    explanation.notes.push(format!(
                        "{:?} ({}) refers to {}",
                        doc.slice(a.span),
                        a.via.as_str(),
                        a.name.clone().or_else(|| a.code.clone()).unwrap_or_default()
                    ));
                }
            }
            explanation.notes.push(format!("date: {}", date.note));
            if let Some(m) = mags.get(n) {
                for f in &m.figures {
                    explanation.notes.push(format!("{} {:?}: {}", f.role.as_str(), f.quantity.text, f.rule));
                }
            }
            let mode = p.and_then(|p| p.mode.clone()).filter(|_| c.converted_from.is_none());
            let event_loc = when::event_place(self.lex, &doc.text, toks, c.hit.trigger.0);
            let mut actor_refs: Vec<ActorRef> = c.actor.iter().map(|&k| actor_ref(doc, actors, k)).collect();
            let mut recipient_refs: Vec<ActorRef> = c.recipient.iter().map(|&k| actor_ref(doc, actors, k)).collect();
            // A sector without a country takes the country of the place
            // the event happens in; an event without a recipient is done
            // to that place's country (a curfew in Algiers).
            if let Some(loc) = &event_loc {
                // Only sectors that belong where they are (police,
                // civilians, officials): armed forces, rebels and strikes
                // may be foreign to the place.
                let local = |sec: &str| !matches!(sec, "MIL" | "REB" | "UAF" | "SPY" | "PRM" | "ISM" | "IMG");
                for r in actor_refs.iter_mut().chain(recipient_refs.iter_mut()) {
                    if r.code.is_none() && r.sector.as_deref().is_some_and(local) {
                        r.code = Some(loc.country.clone());
                        explanation
                            .notes
                            .push(format!("{:?} takes the country of the place, {}", r.entity_text, loc.name));
                    }
                }
                // "A roadside bombing near Samarra killed …": an unnamed
                // attacker is an unidentified force of the place's country.
                if actor_refs.is_empty()
                    && matches!(c.event, EventType::Assault | EventType::Coerce | EventType::Protest)
                {
                    let sector = if c.event == EventType::Protest { "CVL" } else { "UAF" };
                    actor_refs.push(ActorRef {
                        entity_text: format!("unidentified actor in {}", loc.name),
                        code: Some(loc.country.clone()),
                        sector: Some(sector.into()),
                        identifier: None,
                        name: None,
                        kind: "unidentified".into(),
                        span: None,
                    });
                    explanation.roles.push(format!("actor: unnamed, placed in {} ({sector})", loc.name));
                }
                if recipient_refs.is_empty()
                    && !actor_refs.iter().any(|a| a.code.as_deref() == Some(loc.country.as_str()))
                {
                    recipient_refs.push(ActorRef {
                        entity_text: loc.name.clone(),
                        code: Some(loc.country.clone()),
                        sector: None,
                        identifier: None,
                        name: Some(loc.name.clone()),
                        kind: "place".into(),
                        span: None,
                    });
                    explanation
                        .roles
                        .push(format!("recipient: the country of the place the event happens in ({})", loc.name));
                }
            }
            events.push(Event {
                id: id.clone(),
                date: date.date.map(|d| d.to_string()),
                actor: actor_refs,
                recipient: recipient_refs,
                event: c.event,
                mode,
                context: p.map(|p| p.context.clone()).unwrap_or_default(),
                event_text: doc.slice(whole).to_string(),
                text: sentence_text.clone(),
                event_loc,
                doc_id: doc_id.clone(),
                segment: kind,
                status: c.status,
                said_by,
                cameo,
                quad_code: c.event.quad().code(),
                goldstein,
                related: Vec::new(),
                dead: mags.get(n).and_then(|m| m.dead.clone()),
                injured: mags.get(n).and_then(|m| m.injured.clone()),
                arrested: mags.get(n).and_then(|m| m.arrested.clone()),
                size: mags.get(n).and_then(|m| m.size.clone()),
                figures: mags
                    .get(n)
                    .map(|m| {
                        m.figures
                            .iter()
                            .map(|f| {
                                let mut value = f.quantity.magnitude();
                                value.said_by = figure_speaker(f.quantity.toks.0);
                                sitrep_core::Figure { role: f.role.as_str().to_string(), value }
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                tone: Some(sentence_tone),
                sentence: w.index,
                explanation,
            });
            ids.push(id);
        }
        // Links: an accusation or denial and the events it governs; a
        // denial of "the allegations" and the alleged events before it.
        let new = first_id..events.len();
        for a in new.clone() {
            let ea = events[a].event;
            let ta = events[a].explanation.trigger;
            if !matches!(ea, EventType::Accuse | EventType::Reject) {
                continue;
            }
            let mut linked = Vec::new();
            for b in new.clone() {
                if a == b {
                    continue;
                }
                let eb = &events[b];
                let governed = eb.explanation.cues.iter().any(|c| {
                    c.span.overlaps(ta) || c.span.end <= eb.explanation.trigger.start && c.span.start >= ta.start
                });
                let fits = match ea {
                    EventType::Accuse => eb.status == Status::Alleged,
                    _ => eb.status == Status::Denied,
                };
                if governed && fits && eb.explanation.trigger.start > ta.start {
                    linked.push(b);
                }
            }
            if ea == EventType::Reject && linked.is_empty() {
                let refers_back = toks.iter().any(|t| {
                    matches!(
                        &*t.lower,
                        "allegation"
                            | "allegations"
                            | "accusation"
                            | "accusations"
                            | "claim"
                            | "claims"
                            | "charges"
                            | "reports"
                            | "report"
                    )
                });
                if refers_back {
                    let ids_back: Vec<String> = alleged_so_far.iter().rev().take(3).cloned().collect();
                    events[a].related.extend(ids_back.iter().cloned());
                    for id in ids_back {
                        if let Some(e) = events.iter_mut().find(|e| e.id == id) {
                            e.related.push(events_id(a, first_id, &ids));
                        }
                    }
                }
            }
            for b in linked {
                let (ida, idb) = (events[a].id.clone(), events[b].id.clone());
                events[a].related.push(idb);
                events[b].related.push(ida);
            }
        }
        for e in &events[first_id..] {
            if e.status == Status::Alleged {
                alleged_so_far.push(e.id.clone());
            }
        }
    }
}

/// A condition after the act: "… unless X" (with `unless_only`), or
/// "… if X" too: what makes a stated intention a threat.
fn condition_after(toks: &[Tok], from: usize, unless_only: bool) -> bool {
    toks.iter().skip(from).any(|t| t.lower == "unless" || (!unless_only && t.lower == "if"))
}

fn events_id(a: usize, first: usize, ids: &[String]) -> String {
    ids.get(a - first).cloned().unwrap_or_default()
}

/// Quoted or reported speech with its speaker (an actor index).
struct QuoteInfo {
    span: Span,
    direct: bool,
    speaker: Option<usize>,
    cue: Option<String>,
}

/// The actor and the actors coordinated with it ("Ukraine and Western
/// countries"), or the members of "the two countries".
fn expand(actors: &[Actor], first: Option<usize>) -> Vec<usize> {
    let Some(k) = first else { return Vec::new() };
    if !actors[k].members.is_empty() {
        return actors[k].members.clone();
    }
    let mut out = vec![k];
    let mut c = actors[k].conj_next;
    while let Some(n) = c {
        if out.contains(&n) || out.len() > 8 {
            break;
        }
        out.push(n);
        c = actors[n].conj_next;
    }
    out
}

fn actor_ref(doc: &Document, actors: &[Actor], k: usize) -> ActorRef {
    let a = &actors[k];
    ActorRef {
        entity_text: doc.slice(a.span).to_string(),
        code: a.code.clone(),
        sector: a.sector.clone(),
        identifier: a.identifier.clone(),
        name: a.name.clone(),
        kind: match a.kind {
            MentionKind::Pronoun => "pronoun".into(),
            k => k.as_str().into(),
        },
        span: Some(a.span),
    }
}

/// Codes a document with a coder built for the call. Prefer building one
/// [`Coder`] and reusing it: building indexes the lexicon.
pub fn code_document(lexicon: &Lexicon, doc: &mut Document) {
    Coder::new(lexicon).code(doc);
}
