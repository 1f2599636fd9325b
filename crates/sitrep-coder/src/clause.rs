//! Clause structure without a parser: verb groups, clause boundaries,
//! subjects (with control through infinitives and gerunds, relative
//! pronouns and coordination), passive agents and objects.
//!
//! The heuristics are the ones a reader uses on news English: the subject
//! is the first actor of the clause not inside a prepositional phrase;
//! "X pledged to support Y" gives "support" the subject of "pledged"; "X
//! urged Y to detain" gives "detain" the object Y; "accused X of sending"
//! gives "sending" the accused X; "…, saying" and "…, killing" take the
//! main clause's subject; "which"/"who" take the phrase before them.

use crate::actors::Actor;
use crate::words::{Tag, Tok};

/// The sentence as the clause functions see it.
pub struct Sentence<'a, 'd> {
    pub toks: &'a [Tok<'d>],
    pub actors: &'a [Actor],
    /// Indices into `actors` of this sentence's actors, in text order.
    pub mine: &'a [usize],
    pub is_verb: &'a dyn Fn(&str) -> bool,
}

/// Verbs whose object controls an infinitive: "urged Mexico to detain".
const OBJECT_CONTROL: &[&str] = &[
    "urge",
    "urged",
    "urges",
    "urging",
    "ask",
    "asked",
    "asks",
    "asking",
    "call",
    "called",
    "calls",
    "calling",
    "order",
    "ordered",
    "orders",
    "tell",
    "told",
    "tells",
    "force",
    "forced",
    "forces",
    "press",
    "pressed",
    "presses",
    "pressing",
    "allow",
    "allowed",
    "allows",
    "invite",
    "invited",
    "invites",
    "encourage",
    "encouraged",
    "encourages",
    "persuade",
    "persuaded",
    "push",
    "pushed",
    "pressure",
    "pressured",
    "pressuring",
    "appeal",
    "appealed",
    "appeals",
    "warn",
    "warned",
    "warns",
    "demand",
    "demanded",
    "instruct",
    "instructed",
    "authorize",
    "authorized",
    "authorise",
    "authorised",
    "permit",
    "permitted",
    "help",
    "helped",
    "enable",
    "enabled",
    "want",
    "wants",
    "wanted",
];

/// Nouns that take an infinitive complement: "a campaign to encourage",
/// "an attempt to tarnish", "a call to withdraw".
const COMPLEMENT_NOUNS: &[&str] = &[
    "campaign",
    "campaigns",
    "attempt",
    "attempts",
    "effort",
    "efforts",
    "plan",
    "plans",
    "decision",
    "bid",
    "bids",
    "move",
    "moves",
    "order",
    "orders",
    "call",
    "calls",
    "appeal",
    "appeals",
    "request",
    "requests",
    "proposal",
    "proposals",
    "offer",
    "offers",
    "invitation",
    "invitations",
    "right",
    "need",
    "ability",
    "threat",
    "threats",
    "promise",
    "promises",
    "pledge",
    "pledges",
    "agreement",
    "deal",
    "vote",
    "initiative",
    "mission",
    "drive",
    "push",
    "pressure",
    "demand",
    "demands",
    "intention",
    "readiness",
    "willingness",
    "refusal",
    "failure",
    "permission",
    "authority",
    "mandate",
    "power",
    "chance",
    "opportunity",
    "way",
    "means",
    "attempted",
    "ultimatum",
    "commitment",
    "resolve",
    "determination",
    "instructions",
    "instruction",
    "motion",
    "law",
    "bill",
    "resolution",
];

/// Verbs whose object is the subject of a following "of/for + -ing":
/// "accused X of sending".
const OBJECT_GERUND: &[&str] = &[
    "accuse",
    "accused",
    "accuses",
    "accusing",
    "blame",
    "blamed",
    "blames",
    "suspect",
    "suspected",
    "suspects",
    "charge",
    "charged",
    "charges",
    "criticize",
    "criticized",
    "criticise",
    "criticised",
    "condemn",
    "condemned",
    "condemns",
    "thank",
    "thanked",
    "thanks",
    "praise",
    "praised",
    "praises",
    "punish",
    "punished",
    "sanction",
    "sanctioned",
    "congratulate",
    "congratulated",
    "credit",
    "credited",
    "fault",
    "faulted",
    "warn",
    "warned",
];

impl Sentence<'_, '_> {
    fn verbish(&self, i: usize) -> bool {
        let t = &self.toks[i];
        matches!(t.tag, Tag::Be | Tag::Have | Tag::Do | Tag::Modal) || (t.tag == Tag::Word && (self.is_verb)(&t.lower))
    }

    /// Where the verb group ending at `i` starts (auxiliaries, modals,
    /// negation, adverbs before the verb).
    pub fn verb_group_start(&self, i: usize) -> usize {
        let mut s = i;
        while s > 0 {
            let t = &self.toks[s - 1];
            let aux = matches!(t.tag, Tag::Be | Tag::Have | Tag::Do | Tag::Modal | Tag::Neg | Tag::Adv);
            if !aux {
                break;
            }
            s -= 1;
        }
        s
    }

    /// A passive verb group: a form of "be" (or "get") before a participle.
    pub fn is_passive(&self, vg: usize, trigger: usize) -> bool {
        let t = &self.toks[trigger];
        let participle = t.lower.ends_with("ed") || t.lower.ends_with("en") || !t.lower.ends_with("ing");
        participle && self.toks[vg..trigger].iter().any(|x| x.tag == Tag::Be || x.is("got") || x.is("get"))
    }

    /// The first token of the clause the verb group at `vg` belongs to.
    pub fn clause_start(&self, vg: usize) -> usize {
        let mut i = vg;
        while i > 0 {
            let t = &self.toks[i - 1];
            match t.tag {
                Tag::Break | Tag::End | Tag::Quote => return i,
                Tag::Sub => {
                    // "that" after a noun may be a determiner or relative;
                    // any subordinator starts a clause.
                    return i;
                }
                _ => {}
            }
            i -= 1;
        }
        0
    }

    /// The first token after the clause that starts before `from`.
    pub fn clause_end(&self, from: usize) -> usize {
        let n = self.toks.len();
        let mut i = from;
        while i < n {
            let t = &self.toks[i];
            match t.tag {
                Tag::Break | Tag::End | Tag::Sub => return i,
                Tag::Quote if i > from => return i,
                Tag::Comma => {
                    // A comma before a conjunction, a gerund or an attribution
                    // ("…, a spokesman said") ends the clause; one inside a list
                    // of actors does not.
                    let next = self.toks.get(i + 1);
                    let in_list = self.actor_ending_at(i).is_some()
                        && next.is_some_and(|_| self.actor_starting_at(i + 1).is_some());
                    if !in_list {
                        return i;
                    }
                }
                Tag::Conj if i + 1 < n && self.verbish(i + 1) => return i,
                _ => {}
            }
            i += 1;
        }
        n
    }

    /// The actor (index into `actors`) whose phrase starts at token `i`
    /// (after a determiner or possessive pronoun).
    pub fn actor_starting_at(&self, i: usize) -> Option<usize> {
        let mut j = i;
        while j < self.toks.len() && matches!(self.toks[j].tag, Tag::Det | Tag::PossPron | Tag::Num) {
            j += 1;
        }
        self.mine.iter().copied().find(|&k| self.actors[k].toks.0 == j || self.actors[k].toks.0 == i)
    }

    /// The actor whose phrase ends just before token `i`.
    pub fn actor_ending_at(&self, i: usize) -> Option<usize> {
        self.mine.iter().copied().filter(|&k| self.actors[k].toks.1 == i).min_by_key(|&k| self.actors[k].toks.0)
    }

    /// The head actor of a slot: a possessive pronoun before another
    /// actor is only its determiner ("her Russian counterpart Lavrov").
    pub fn slot_head(&self, from: usize, to: usize) -> Option<usize> {
        let inside = self.actors_in(from, to);
        let real: Vec<usize> = inside
            .iter()
            .copied()
            .filter(|&k| {
                !(self.toks[self.actors[k].toks.0].tag == Tag::PossPron
                    && self.actors[k].toks.1 - self.actors[k].toks.0 == 1)
            })
            .collect();
        real.first().or(inside.first()).copied()
    }

    /// Actors inside the token range, in order.
    pub fn actors_in(&self, from: usize, to: usize) -> Vec<usize> {
        self.mine.iter().copied().filter(|&k| self.actors[k].toks.0 >= from && self.actors[k].toks.1 <= to).collect()
    }

    /// True when the actor is the object of a preposition (inside a
    /// prepositional phrase) rather than a subject.
    fn in_pp(&self, k: usize, floor: usize) -> bool {
        let mut j = self.actors[k].toks.0;
        while j > floor {
            let t = &self.toks[j - 1];
            match t.tag {
                Tag::Det | Tag::PossPron | Tag::Num | Tag::Adv => j -= 1,
                Tag::Word | Tag::Poss if !(self.is_verb)(&t.lower) && j - 1 > floor => j -= 1,
                Tag::Prep => return true,
                _ => return false,
            }
        }
        false
    }

    /// The nearest verb-like token before `i`, not crossing a sentence break.
    fn verb_before(&self, i: usize) -> Option<usize> {
        (0..i)
            .rev()
            .take_while(|&j| !matches!(self.toks[j].tag, Tag::End | Tag::Break))
            .find(|&j| self.verbish(j) && self.toks[j].tag == Tag::Word)
    }

    /// The subject of the verb or noun at token `t`, with how it was found.
    pub fn subject(&self, t: usize, depth: usize) -> Option<(usize, &'static str)> {
        if depth > 4 {
            return None;
        }
        let vg = self.verb_group_start(t);
        let prev = vg.checked_sub(1);
        let word = &self.toks[t].lower;
        let gerund = word.ends_with("ing");
        if let Some(p) = prev {
            let pt = &self.toks[p];
            // Infinitive: control by the governing verb's object or subject.
            if pt.tag == Tag::To {
                if let Some(a) = self.actor_ending_at(p) {
                    let before = self.actors[a].toks.0;
                    let gov =
                        (0..before).rev().find(|&j| !matches!(self.toks[j].tag, Tag::Det | Tag::PossPron | Tag::Prep));
                    if let Some(g) = gov {
                        let gl = &*self.toks[g].lower;
                        let on = before > 0 && matches!(&*self.toks[before - 1].lower, "on" | "upon" | "for");
                        if OBJECT_CONTROL.contains(&gl) || on {
                            return Some((a, "object of the verb governing the infinitive"));
                        }
                    }
                }
                if p > 0 {
                    let gov = (0..p).rev().find(|&j| self.toks[j].tag != Tag::Adv).unwrap_or(p - 1);
                    let g = &self.toks[gov];
                    // "a campaign to encourage …": a noun that takes an
                    // infinitive governs it, and its owner, if named, acts.
                    // After any other noun the infinitive is a purpose
                    // ("shunned work on Monday to protest"): the clause's
                    // subject acts.
                    let governed_by_noun = g.tag == Tag::Word && COMPLEMENT_NOUNS.contains(&&*g.lower);
                    if governed_by_noun {
                        return self.actor_ending_at(gov).map(|a| (a, "owner of the noun governing the infinitive"));
                    }
                    if let Some(r) = self.subject(gov, depth + 1) {
                        return Some((r.0, "subject of the verb governing the infinitive"));
                    }
                }
            }
            // "…, saying", "…, killing": the main clause's subject.
            if gerund && matches!(pt.tag, Tag::Comma | Tag::Conj) {
                if let Some(v) = self.verb_before(p) {
                    if let Some(r) = self.subject(v, depth + 1) {
                        return Some((r.0, "subject of the main clause (participle clause)"));
                    }
                }
            }
            // "accused X of sending": the object of the governing verb.
            if gerund && pt.tag == Tag::Prep {
                if let Some(a) = self.actor_ending_at(p) {
                    let before = self.actors[a].toks.0;
                    let gov = (0..before).rev().find(|&j| !matches!(self.toks[j].tag, Tag::Det | Tag::PossPron));
                    if gov.is_some_and(|g| OBJECT_GERUND.contains(&&*self.toks[g].lower)) {
                        return Some((a, "object of the verb governing the gerund"));
                    }
                }
                if let Some(v) = self.verb_before(p) {
                    if let Some(r) = self.subject(v, depth + 1) {
                        return Some((r.0, "subject of the clause governing the gerund"));
                    }
                }
            }
            // Relative clauses: "…, which", "who".
            if matches!(&*pt.lower, "which" | "who" | "that") {
                let mut q = p;
                if q > 0 && self.toks[q - 1].tag == Tag::Comma {
                    q -= 1;
                }
                if let Some(a) = self.actor_ending_at(q) {
                    return Some((a, "antecedent of the relative pronoun"));
                }
                if matches!(&*pt.lower, "which" | "who") {
                    return None;
                }
            }
        }
        // "Speaking at a meeting with …, Choe noted": a sentence-initial
        // participle phrase takes the main clause's subject after it.
        if let Some(first) = self.toks.first() {
            if first.lower.ends_with("ing") && (self.is_verb)(&first.lower) {
                if let Some(comma) = (1..self.toks.len()).find(|&i| self.toks[i].tag == Tag::Comma) {
                    if t < comma {
                        let main =
                            (comma + 1..self.toks.len()).find(|&i| self.verbish(i) && self.toks[i].tag == Tag::Word);
                        if let Some(v) = main {
                            let cands: Vec<usize> = self
                                .actors_in(comma + 1, v)
                                .into_iter()
                                .filter(|&k| !self.in_pp(k, comma + 1))
                                .collect();
                            if let Some(&k) = cands.last() {
                                return Some((
                                    self.coordination_head(k),
                                    "subject of the main clause (opening participle)",
                                ));
                            }
                        }
                    }
                }
            }
        }
        // Verb phrase coordination: "X attacked A and killed B" — a verb
        // right after "and" has no subject of its own.
        if let Some(p) = prev {
            if self.toks[p].tag == Tag::Conj {
                if let Some(v) = self.verb_before(p) {
                    if let Some(r) = self.subject(v, depth + 1) {
                        return Some((r.0, "subject shared through coordination"));
                    }
                }
            }
        }
        let cs = self.clause_start(vg);
        // The subject is the phrase nearest before the verb that is not in a
        // prepositional phrase or a parenthetical ("Pakistan, a U.S. ally,
        // has refused"), so "Diplomats say Hungary could veto" gives
        // Hungary; a coordination is taken from its first member.
        // ... and no verb stands between it and the verb group ("the army
        // said 8 were killed": "the army" is not the subject of "killed").
        let cands: Vec<usize> = self.actors_in(cs, vg).into_iter().filter(|&k| !self.in_pp(k, cs)).collect();
        let plain: Vec<usize> = cands.iter().copied().filter(|&k| !self.in_parenthetical(k, cs, vg)).collect();
        if let Some(&k) = plain.last().or(cands.last()) {
            return Some((self.coordination_head(k), "subject of the clause"));
        }
        // Verb phrase coordination: "X attacked A and killed B".
        if let Some(p) = prev {
            if matches!(self.toks[p].tag, Tag::Conj | Tag::Comma) {
                if let Some(v) = self.verb_before(p) {
                    if let Some(r) = self.subject(v, depth + 1) {
                        return Some((r.0, "subject shared through coordination"));
                    }
                }
            }
        }
        // A clause with only a prepositional actor before the verb ("In
        // Moscow, officials …" has one): the nearest actor before the verb.
        let any = self.actors_in(cs, vg);
        any.last().map(|&k| (k, "nearest actor before the verb"))
    }

    /// True when token `i` lies inside a comma-delimited insertion that
    /// ends before `to` ("X, a key ally, has …").
    pub fn in_parenthesis_before(&self, i: usize, to: usize) -> bool {
        let open = (0..=i).rev().find(|&j| self.toks[j].tag == Tag::Comma);
        let close = (i..to).find(|&j| self.toks[j].tag == Tag::Comma);
        open.is_some() && close.is_some()
    }

    /// True when commas enclose the actor between `from` and `to`.
    fn in_parenthetical(&self, k: usize, from: usize, to: usize) -> bool {
        let (a, b) = self.actors[k].toks;
        let before = (from..a).any(|i| self.toks[i].tag == Tag::Comma);
        let after = (b..to).any(|i| self.toks[i].tag == Tag::Comma);
        before && after
    }

    /// The first member of the coordination the actor belongs to.
    pub fn coordination_head(&self, k: usize) -> usize {
        let mut k = k;
        for _ in 0..8 {
            match self.mine.iter().copied().find(|&j| self.actors[j].conj_next == Some(k)) {
                Some(j) => k = j,
                None => break,
            }
        }
        k
    }

    /// A finite verb: an auxiliary or modal, or a known verb form in -s or
    /// -ed not preceded by a determiner.
    pub fn is_finite_verb(&self, i: usize) -> bool {
        let t = &self.toks[i];
        match t.tag {
            Tag::Be | Tag::Have | Tag::Do | Tag::Modal => true,
            Tag::Word => {
                (self.is_verb)(&t.lower)
                    && (t.lower.ends_with("ed") || t.lower.ends_with('s'))
                    && !(i > 0 && matches!(self.toks[i - 1].tag, Tag::Det | Tag::PossPron | Tag::Poss | Tag::Num))
            }
            _ => false,
        }
    }

    /// True when the verb group at `vg` is in an adverbial clause: "after",
    /// "before", "because", "while", … then a subject, then the verb.
    pub fn in_adverbial_clause(&self, cs: usize, vg: usize) -> bool {
        (cs..vg).any(|j| {
            matches!(
                &*self.toks[j].lower,
                "after"
                    | "before"
                    | "since"
                    | "until"
                    | "because"
                    | "while"
                    | "when"
                    | "as"
                    | "although"
                    | "though"
                    | "once"
            ) && (j + 1..vg).all(|i| !self.verbish(i))
        })
    }

    /// The agent of a passive: the actor after "by".
    pub fn by_agent(&self, from: usize, to: usize) -> Option<usize> {
        (from..to.min(self.toks.len())).find(|&i| self.toks[i].is("by")).and_then(|i| self.actor_starting_at(i + 1))
    }

    /// The preposition heading the phrase the actor is in, if any.
    pub fn preposition_before(&self, k: usize) -> Option<&str> {
        let mut j = self.actors[k].toks.0;
        while j > 0 {
            let t = &self.toks[j - 1];
            match t.tag {
                Tag::Det | Tag::PossPron | Tag::Num | Tag::Adv => j -= 1,
                Tag::Prep => return Some(&t.lower),
                _ => return None,
            }
        }
        None
    }

    /// The first actor after `from` in the clause, other than `not`: not
    /// the agent of a passive ("by X") nor a place ("in Athens").
    ///
    /// Before `core_end` (inside the words the pattern matched, "sent
    /// troops") only actors with a country count: "rejected a Senegalese
    /// plan" has one, "sending troops" names the theme, not the recipient.
    pub fn object(&self, from: usize, core_end: usize, to: usize, not: &[usize]) -> Option<usize> {
        self.actors_in(from, to).into_iter().find(|&k| {
            !not.contains(&k)
                && (self.actors[k].toks.0 >= core_end || self.actors[k].code.is_some())
                && !matches!(
                    self.preposition_before(k),
                    Some(
                        "in" | "at"
                            | "near"
                            | "inside"
                            | "outside"
                            | "across"
                            | "around"
                            | "during"
                            | "since"
                            | "until"
                            | "like"
                            | "than"
                            | "including"
                            | "amid"
                            | "despite"
                            | "after"
                            | "before"
                    )
                )
        })
    }
}
