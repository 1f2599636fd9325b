//! Status cues and their scope: what makes an event `negated`, `denied`,
//! `alleged`, `conditional`, `speculative` or `intended` rather than
//! `reported`.
//!
//! Cues come from `lexicon/cues.tsv`. A `clause` cue applies to the
//! clause it is in (modals and negation only inside the verb group); a
//! `complement` cue applies to what follows it ("denied bombing", "fears
//! that …", "pledged to support") until an independent clause begins; a
//! `sentence` cue applies to the whole sentence.

use crate::matcher::{match_at, Hit};
use crate::words::{Tag, Tok};
use rustc_hash::FxHashMap;
use sitrep_core::{Span, Status};
use sitrep_lexicon::entries::{CueKind, CueScope};
use sitrep_lexicon::Lexicon;

/// A cue found in a sentence.
#[derive(Debug, Clone)]
pub struct CueHit {
    pub kind: CueKind,
    pub scope: CueScope,
    pub start: usize,
    pub end: usize,
    /// Index into `Lexicon::cues`, or `None` for a cue the coder adds
    /// itself (the complement of a request or threat).
    pub entry: Option<u32>,
}

/// Cue patterns indexed by their trigger words.
pub struct CueIndex {
    by_word: FxHashMap<Box<str>, Vec<u32>>,
}

impl CueIndex {
    pub fn new(lex: &Lexicon) -> CueIndex {
        let mut by_word: FxHashMap<Box<str>, Vec<u32>> = FxHashMap::default();
        for (i, c) in lex.cues.iter().enumerate() {
            let mut words = c.pattern.elems[c.pattern.trigger].first_words();
            words.sort();
            words.dedup();
            for w in words {
                by_word.entry(w.into_boxed_str()).or_default().push(i as u32);
            }
        }
        CueIndex { by_word }
    }

    /// Every cue in the sentence; overlapping cues of the same kind keep the longest.
    pub fn find(&self, lex: &Lexicon, toks: &[Tok], actor_end: &[Option<usize>]) -> Vec<CueHit> {
        let mut out: Vec<CueHit> = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            let Some(ids) = self.by_word.get(&*t.lower) else { continue };
            for &id in ids {
                let c = &lex.cues[id as usize];
                if let Some(h) = match_at(&c.pattern, toks, actor_end, i) {
                    out.push(CueHit { kind: c.cue, scope: c.scope, start: h.start, end: h.end, entry: Some(id) });
                }
            }
        }
        out.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
        let mut kept: Vec<CueHit> = Vec::new();
        for c in out {
            if kept.iter().any(|k| k.kind == c.kind && k.start <= c.start && c.end <= k.end) {
                continue;
            }
            kept.push(c);
        }
        kept
    }
}

/// Whether a complement cue ending at `from` still governs token `to`: no
/// sentence break, semicolon, "but", or new coordinated verb phrase
/// ("… and are concerned that …") in between.
pub fn governs(toks: &[Tok], from: usize, to: usize, is_verb: &dyn Fn(&str) -> bool) -> bool {
    if from > to {
        return false;
    }
    let mut i = from;
    while i < to {
        let t = &toks[i];
        match t.tag {
            Tag::End | Tag::Break => return false,
            Tag::Conj if t.is("but") || t.is("yet") => return false,
            Tag::Conj => {
                if let Some(n) = toks.get(i + 1) {
                    if matches!(n.tag, Tag::Be | Tag::Have | Tag::Modal | Tag::Do) {
                        return false;
                    }
                    if n.tag == Tag::Word && is_verb(&n.lower) && !n.lower.ends_with("ing") && i + 1 < to {
                        return false;
                    }
                }
            }
            Tag::Comma => {
                // "…, saying …", "…, adding that …": a new participle clause.
                if let Some(n) = toks.get(i + 1) {
                    if n.lower.ends_with("ing") && is_verb(&n.lower) {
                        return false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    true
}

/// The status of an event, and the cues that decided it.
pub struct StatusDecision {
    pub status: Status,
    pub cues: Vec<(usize, Status)>,
}

fn rank(s: Status) -> u8 {
    match s {
        Status::Denied => 7,
        Status::Negated => 6,
        Status::Alleged => 5,
        Status::Conditional => 4,
        Status::Speculative => 3,
        Status::Intended => 2,
        Status::Reported => 0,
    }
}

/// Decides the status of the event matched by `hit`, whose verb group
/// starts at `vg` and whose clause spans `clause`.
pub fn decide(
    toks: &[Tok],
    cues: &[CueHit],
    hit: &Hit,
    vg: usize,
    clause: (usize, usize),
    is_verb: &dyn Fn(&str) -> bool,
) -> StatusDecision {
    let (ts, te) = hit.trigger;
    let mut found: Vec<(usize, Status)> = Vec::new();
    for (ci, c) in cues.iter().enumerate() {
        // A cue that is the trigger itself ("accused") does not qualify it.
        if c.start < te && ts < c.end {
            continue;
        }
        let in_vg = c.start >= vg && c.end <= ts;
        let just_before = c.end == ts || (c.end + 1 == ts && matches!(toks[c.end].tag, Tag::Det | Tag::Adv));
        let in_match = c.start >= te && c.end <= hit.end;
        let in_clause = c.start >= clause.0 && c.end <= clause.1;
        let status = match (c.scope, c.kind) {
            (CueScope::Clause, CueKind::Negation) => (in_vg || just_before || in_match).then_some(Status::Negated),
            (CueScope::Clause, CueKind::Speculative) => {
                let modal = toks[c.start].tag == Tag::Modal;
                (if modal { in_vg } else { in_clause || just_before }).then_some(Status::Speculative)
            }
            (CueScope::Clause, CueKind::Intended) => {
                let modal = toks[c.start].tag == Tag::Modal;
                (if modal { in_vg } else { in_clause || just_before }).then_some(Status::Intended)
            }
            // "reportedly" qualifies its clause; "suspected", "alleged" only the
            // noun they stand before ("an alleged attack").
            (CueScope::Clause, CueKind::Alleged) => {
                let adverb = toks[c.start].lower.ends_with("ly");
                (if adverb { in_clause || just_before } else { just_before }).then_some(Status::Alleged)
            }
            (CueScope::Clause, CueKind::Conditional) => {
                let modal = toks[c.start].tag == Tag::Modal;
                if modal {
                    in_vg.then_some(Status::Conditional)
                } else {
                    (c.end <= ts).then_some(Status::Conditional)
                }
            }
            (CueScope::Complement, kind) => {
                if c.end <= ts && governs(toks, c.end, ts, is_verb) {
                    match kind {
                        CueKind::Negation => Some(Status::Negated),
                        CueKind::Speculative => Some(Status::Speculative),
                        CueKind::Alleged | CueKind::Accusation => Some(Status::Alleged),
                        CueKind::Intended => Some(Status::Intended),
                        CueKind::Conditional => Some(Status::Conditional),
                        CueKind::Denial => Some(Status::Denied),
                        CueKind::Reporting | CueKind::Confirmation | CueKind::Nonconfirmation => None,
                    }
                } else {
                    None
                }
            }
            (CueScope::Sentence, CueKind::Alleged) => Some(Status::Alleged),
            (CueScope::Sentence, CueKind::Speculative) => Some(Status::Speculative),
            (CueScope::Sentence, CueKind::Conditional) => Some(Status::Conditional),
            _ => None,
        };
        if let Some(s) = status {
            found.push((ci, s));
        }
    }
    let status = found.iter().map(|(_, s)| *s).max_by_key(|s| rank(*s)).unwrap_or(Status::Reported);
    StatusDecision { status, cues: found }
}

/// The span of a cue in the text.
pub fn cue_span(toks: &[Tok], c: &CueHit) -> Span {
    let s = toks[c.start].span.start;
    let e = toks[c.end.saturating_sub(1).max(c.start)].span.end;
    Span::new(s, e)
}
