//! Matching the lexicon's patterns (event patterns and status cues)
//! against a sentence's tokens, starting from their trigger words.
//!
//! A pattern's trigger is looked up in the lexicon's trigger index; the
//! elements after it are matched forward (optional parts, alternatives,
//! gaps of up to four words within a clause, noun-phrase slots), the
//! elements before it backward. Slots prefer a resolved actor phrase
//! starting at their position; otherwise they take a plain noun phrase.

use crate::actors::Actor;
use crate::words::{Tag, Tok};
use sitrep_lexicon::inflect::VerbForm;
use sitrep_lexicon::pattern::{Elem, Pattern, Slot};

const GAP_MAX: usize = 4;
const SLOT_MAX: usize = 8;

/// A pattern matched in a sentence.
#[derive(Debug, Clone, Default)]
pub struct Hit {
    /// Token range of the whole match.
    pub start: usize,
    pub end: usize,
    /// Token range of the trigger.
    pub trigger: (usize, usize),
    /// The verb form of the trigger, when it is a verb.
    pub form: Option<VerbForm>,
    pub recipient: Option<(usize, usize)>,
    pub actor: Option<(usize, usize)>,
    /// Words matched literally (not gaps or slots): how specific the match is.
    pub words: usize,
    /// The end of the last word matched literally: the match without a
    /// trailing slot.
    pub core_end: usize,
    pub gaps: usize,
}

struct Ctx<'a, 'd> {
    toks: &'a [Tok<'d>],
    /// For each token, the end of the actor phrase starting there (with any
    /// coordinated actors), if one does.
    actor_end: &'a [Option<usize>],
}

/// What is left to match: a slice of elements, then the rest.
struct Cont<'a> {
    head: &'a [Elem],
    tail: Option<&'a Cont<'a>>,
}

impl Cont<'_> {
    /// Whether nothing is left.
    fn is_empty(&self) -> bool {
        self.head.is_empty() && self.tail.is_none_or(|t| t.is_empty())
    }
}

#[derive(Clone, Copy, Default)]
struct State {
    pos: usize,
    words: usize,
    gaps: usize,
    recipient: Option<(usize, usize)>,
    actor: Option<(usize, usize)>,
    form: Option<VerbForm>,
    trigger_end: Option<usize>,
    lit_end: usize,
}

/// For each token, where an actor phrase (and its coordinated partners)
/// that starts there ends.
pub fn actor_ends(toks: &[Tok], actors: &[Actor], sentence_actors: &[usize]) -> Vec<Option<usize>> {
    let mut out = vec![None; toks.len() + 1];
    for &k in sentence_actors {
        let a = &actors[k];
        let mut end = a.toks.1;
        let mut c = a.conj_next;
        while let Some(n) = c {
            end = end.max(actors[n].toks.1);
            c = actors[n].conj_next;
        }
        // A determiner or possessive before the actor belongs to the phrase.
        let mut s = a.toks.0;
        out[s] = Some(out[s].map_or(end, |e: usize| e.max(end)));
        while s > 0 && matches!(toks[s - 1].tag, Tag::Det | Tag::PossPron | Tag::Num) {
            s -= 1;
            out[s] = Some(out[s].map_or(end, |e: usize| e.max(end)));
        }
    }
    out
}

fn np_token(t: &Tok) -> bool {
    !t.breaks_np() && !matches!(t.tag, Tag::Prep | Tag::Conj | Tag::Neg | Tag::Pron)
}

impl Ctx<'_, '_> {
    fn word_at(&self, e: &Elem, p: usize) -> Option<Option<Option<VerbForm>>> {
        let t = self.toks.get(p)?;
        Some(e.matches_word(&t.lower))
    }

    /// Matches `elems` from `st.pos`, pushing every way to finish.
    fn seq(&self, elems: &[Elem], st: State, out: &mut Vec<State>) {
        self.run(Some(&Cont { head: elems, tail: None }), st, out);
    }

    /// Matches the concatenation of the continuation's slices: an optional
    /// part or an alternative is tried with the rest of the pattern after
    /// it, so a gap inside `[*]` can stretch to let the next element match.
    /// The continuation lives on the call stack: matching allocates
    /// nothing but the results.
    fn run(&self, cont: Option<&Cont<'_>>, st: State, out: &mut Vec<State>) {
        let mut c = cont;
        let here = loop {
            match c {
                None => {
                    out.push(st);
                    return;
                }
                Some(x) if x.head.is_empty() => c = x.tail,
                Some(x) => break x,
            }
        };
        let (first, rest) = here.head.split_first().expect("non-empty");
        let next = Cont { head: rest, tail: here.tail };
        match first {
            Elem::Word(_) | Elem::Verb { .. } | Elem::Noun { .. } => {
                if let Some(Some(form)) = self.word_at(first, st.pos) {
                    let mut s = st;
                    s.pos += 1;
                    s.words += 1;
                    s.lit_end = s.pos;
                    if s.form.is_none() {
                        s.form = form;
                    }
                    self.run(Some(&next), s, out);
                }
            }
            Elem::Alt(alts) => {
                for a in alts {
                    self.run(Some(&Cont { head: a, tail: Some(&next) }), st, out);
                }
            }
            Elem::Opt(inner) => {
                self.run(Some(&Cont { head: inner, tail: Some(&next) }), st, out);
                self.run(Some(&next), st, out);
            }
            Elem::Gap => {
                for g in 0..=GAP_MAX {
                    let p = st.pos + g;
                    if p > self.toks.len() {
                        break;
                    }
                    if g > 0 {
                        let t = &self.toks[p - 1];
                        if matches!(t.tag, Tag::Comma | Tag::Break | Tag::End | Tag::Quote | Tag::Sub) {
                            break;
                        }
                    }
                    let mut s = st;
                    s.pos = p;
                    s.gaps += g;
                    self.run(Some(&next), s, out);
                }
            }
            Elem::Slot(slot) => {
                let p = st.pos;
                if p >= self.toks.len() {
                    return;
                }
                let is_last = next.is_empty();
                let with_slot = |end: usize| {
                    let mut s = st;
                    s.pos = end;
                    match slot {
                        Slot::Recipient => s.recipient = Some((p, end)),
                        Slot::Actor => s.actor = Some((p, end)),
                        Slot::Other => {}
                    }
                    s
                };
                // An actor phrase here.
                if let Some(end) = self.actor_end[p] {
                    let before = out.len();
                    self.run(Some(&next), with_slot(end), out);
                    if out.len() > before {
                        return;
                    }
                }
                // Otherwise a plain noun phrase, shortest first (longest when last).
                let longest = (1..=SLOT_MAX)
                    .take_while(|n| p + n <= self.toks.len() && np_token(&self.toks[p + n - 1]))
                    .last()
                    .unwrap_or(0);
                let lens = if is_last { longest..=longest } else { 1..=longest };
                for n in lens {
                    if n == 0 {
                        break;
                    }
                    let before = out.len();
                    self.run(Some(&next), with_slot(p + n), out);
                    if out.len() > before {
                        return;
                    }
                }
            }
        }
    }

    /// Matches `elems` backwards, ending just before `pos`.
    fn seq_back(&self, elems: &[Elem], pos: usize) -> Option<usize> {
        let mut p = pos;
        for e in elems.iter().rev() {
            match e {
                Elem::Opt(inner) => {
                    if let Some(q) = self.seq_back(inner, p) {
                        p = q;
                    }
                }
                Elem::Word(_) | Elem::Verb { .. } | Elem::Noun { .. } => {
                    let q = p.checked_sub(1)?;
                    self.word_at(e, q)??;
                    p = q;
                }
                Elem::Alt(alts) => {
                    p = alts.iter().find_map(|a| self.seq_back(a, p))?;
                }
                Elem::Gap | Elem::Slot(_) => return None,
            }
        }
        Some(p)
    }
}

/// Every way `pattern` matches with its trigger at token `at`; the best
/// (most words, fewest gap tokens, longest) is returned.
pub fn match_at(pattern: &Pattern, toks: &[Tok], actor_end: &[Option<usize>], at: usize) -> Option<Hit> {
    let ctx = Ctx { toks, actor_end };
    let t = pattern.trigger;
    let start = ctx.seq_back(&pattern.elems[..t], at)?;
    let mut trig = Vec::new();
    ctx.seq(&pattern.elems[t..=t], State { pos: at, ..Default::default() }, &mut trig);
    let mut best: Option<Hit> = None;
    for mut st in trig {
        st.trigger_end = Some(st.pos);
        let mut done = Vec::new();
        ctx.seq(&pattern.elems[t + 1..], st, &mut done);
        for d in done {
            let hit = Hit {
                start,
                end: d.pos,
                trigger: (at, st.pos),
                form: st.form,
                recipient: d.recipient,
                actor: d.actor,
                words: d.words + (at - start),
                gaps: d.gaps,
                core_end: d.lit_end.max(st.pos),
            };
            let better = match &best {
                None => true,
                Some(b) => {
                    (hit.words, std::cmp::Reverse(hit.gaps), hit.end) > (b.words, std::cmp::Reverse(b.gaps), b.end)
                }
            };
            if better {
                best = Some(hit);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::sentence_tokens;
    use std::collections::HashMap;

    fn run(pat: &str, sentence: &str, at_word: &str) -> Option<Hit> {
        let doc = sitrep_text::build_text_document(sentence);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let p = sitrep_lexicon::pattern::parse(pat, &HashMap::new()).unwrap();
        let at = toks.iter().position(|t| t.lower == at_word)?;
        let ends = vec![None; toks.len() + 1];
        match_at(&p, &toks, &ends, at)
    }

    #[test]
    fn matches_slots_gaps_and_alternatives() {
        let h =
            run("impose+ * sanction~ (on|against) {R}", "The EU imposed new economic sanctions on Iran.", "imposed")
                .unwrap();
        assert_eq!(h.gaps, 2);
        assert_eq!(h.recipient, Some((7, 8)));
        assert!(
            run("impose+ * sanction~ (on|against) {R}", "The EU imposed a new tax on imports.", "imposed").is_none()
        );
        let h = run("accuse+ {R} of", "Kyiv accused the Russian army of shelling.", "accused").unwrap();
        assert_eq!(h.recipient, Some((2, 5)));
        assert!(
            run("[formally] accuse+ {R} of", "They formally accused Iran of lying.", "accused").unwrap().words >= 3
        );
    }

    #[test]
    fn gaps_do_not_cross_clauses() {
        assert!(run("join+ * talk~", "They joined, however, talks.", "joined").is_none());
        assert!(run("join+ * talk~", "They joined direct talks.", "joined").is_some());
    }
}
