//! Actor mentions: the lexicon's names grouped into phrases and resolved
//! ("Russian President Vladimir Putin" → RUS GOV, "Russian MPs" → RUS
//! LEG), and coreference inside the document: pronouns, role nouns ("the
//! minister", "the two countries") and surnames after a first full mention.

use crate::words::{Tag, Tok};
use sitrep_core::{Date, MentionKind, Span};
use sitrep_lexicon::names::{NameMatch, NameRole, Target};
use sitrep_lexicon::Lexicon;

/// How an actor mention was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Lexicon,
    Pronoun,
    RoleNoun,
    Surname,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Lexicon => "lexicon",
            Via::Pronoun => "pronoun",
            Via::RoleNoun => "role noun",
            Via::Surname => "surname",
        }
    }
}

/// A resolved actor mention.
#[derive(Debug, Clone)]
pub struct Actor {
    pub span: Span,
    pub code: Option<String>,
    pub sector: Option<String>,
    pub kind: MentionKind,
    pub identifier: Option<String>,
    pub name: Option<String>,
    pub office: Option<String>,
    pub entry: String,
    pub person: Option<u32>,
    pub plural: bool,
    pub via: Via,
    /// The actor this one refers back to.
    pub antecedent: Option<usize>,
    /// For "the two countries": the actors it stands for.
    pub members: Vec<usize>,
    pub sentence: usize,
    /// Token range in its sentence.
    pub toks: (usize, usize),
    /// The next actor in a coordination ("A and B").
    pub conj_next: Option<usize>,
    /// Whether the group named only an adjective of a state (no head).
    pub adjective_only: bool,
    /// "we", "us", "our": resolved later from the speaker of the quote
    /// around them.
    pub first_person: bool,
}

impl Actor {
    /// True for actors that can act in politics (not a bare place).
    pub fn is_political(&self) -> bool {
        self.kind != MentionKind::Place || self.sector.is_some()
    }
}

const JOINABLE_MAX: usize = 24;

/// Hyphenated modifiers that make the name before them a sponsor or a
/// place, not the actor: "Russian-backed", "Kurdish-led". ("British-flagged",
/// "Iranian-owned" name the owner, who is the actor or recipient.)
const SPONSOR_SUFFIXES: &[&str] = &[
    "-backed",
    "-led",
    "-occupied",
    "-controlled",
    "-held",
    "-based",
    "-allied",
    "-supported",
    "-funded",
    "-sponsored",
    "-born",
    "-aligned",
    "-leaning",
    "-friendly",
    "-brokered",
    "-mediated",
    "-supplied",
    "-trained",
    "-armed",
    "-linked",
    "-affiliated",
];

/// Whether the text between two matches lets them form one phrase.
fn joinable(between: &str, is_verb: &dyn Fn(&str) -> bool) -> bool {
    let b = between.trim();
    if b.is_empty() || b == "'s" || b == "’s" || b == "-" {
        return true;
    }
    // "Taiwan's Vice Foreign Minister", "Algeria's leading human rights
    // activist": a possessive and up to three more words.
    if let Some(rest) = b.strip_prefix("'s ").or_else(|| b.strip_prefix("’s ")) {
        let words: Vec<&str> = rest.split_whitespace().collect();
        return words.len() <= 3
            && words.iter().all(|w| {
                let w = w.to_lowercase();
                w.chars().all(|c| c.is_alphabetic() || c == '-') && !crate::words::is_function_word(&w)
            });
    }
    if between.len() > JOINABLE_MAX || b.contains(char::is_whitespace) {
        return false;
    }
    let w = b.to_lowercase();
    w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !crate::words::is_function_word(&w)
        && !matches!(
            w.as_str(),
            "and"
                | "or"
                | "but"
                | "of"
                | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "with"
                | "to"
                | "from"
                | "that"
                | "which"
                | "who"
                | "as"
                | "than"
                | "the"
                | "a"
                | "an"
                | "said"
                | "says"
                | "told"
                | "after"
                | "before"
                | "into"
                | "against"
                | "over"
                | "between"
                | "while"
                | "when"
                | "if"
                | "is"
                | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "will"
                | "would"
                | "not"
        )
        && !is_verb(&w)
}

/// How many sentences back a surname finds its first full mention.
const SURNAME_WINDOW: usize = 400;
/// How many sentences back a pronoun or role noun finds its antecedent.
const PRONOUN_WINDOW: usize = 40;

/// Finds and resolves the actors of one sentence, appending to `actors`.
#[allow(clippy::too_many_arguments)]
pub fn sentence_actors(
    lex: &Lexicon,
    text: &str,
    toks: &[Tok],
    sent_span: Span,
    sentence: usize,
    date: Option<Date>,
    is_verb: &dyn Fn(&str) -> bool,
    actors: &mut Vec<Actor>,
) {
    let local = &text[sent_span.start..sent_span.end];
    let matches: Vec<NameMatch> = lex
        .find_names(local)
        .into_iter()
        .map(|m| NameMatch { start: m.start + sent_span.start, end: m.end + sent_span.start, surface: m.surface })
        .collect();
    // Group adjacent matches into phrases. "Russian-backed separatists",
    // "Israeli-occupied West Bank": the sponsor before "-backed", "-led",
    // … is not the actor, and the phrase after it stands alone.
    let mut groups: Vec<Vec<NameMatch>> = Vec::new();
    let mut sponsors: Vec<(usize, NameMatch)> = Vec::new(); // (end of the sponsor word, match)
    for m in matches {
        let after = &text[m.end..];
        if let Some(sfx) = SPONSOR_SUFFIXES.iter().find(|s| after.starts_with(**s)) {
            sponsors.push((m.end + sfx.len(), m));
            continue;
        }
        match groups.last_mut() {
            Some(g) if joinable(&text[g.last().map_or(m.start, |l| l.end)..m.start], is_verb) => g.push(m),
            _ => groups.push(vec![m]),
        }
    }
    let first_new = actors.len();
    for g in &groups {
        let Some(mut r) = lex.resolve_matches(text, g, date, false) else { continue };
        // "Serbian President Vojislav Kostunica": a state named with a person
        // picks, among the person's offices, the one held for that state.
        if r.kind == MentionKind::Person {
            let named: Vec<&str> = g
                .iter()
                .flat_map(|m| lex.names().refs(m.surface))
                .filter_map(|x| match x.target {
                    Target::State(i) if matches!(x.role, NameRole::Adjective | NameRole::Name) => {
                        Some(lex.states[i as usize].code.as_str())
                    }
                    _ => None,
                })
                .collect();
            if let Some(person) = r.identifier.as_deref().and_then(|id| lex.people.iter().find(|p| p.id == id)) {
                if let Some(o) = person
                    .offices
                    .iter()
                    .rev()
                    .find(|o| named.contains(&o.country.as_str()) && Some(&o.country) != r.code.as_ref())
                {
                    r.code = Some(o.country.clone());
                    if r.sector.as_deref() != Some("ELI") {
                        r.sector = Some(o.sector.clone());
                    }
                }
            }
        }
        let start = g[0].start;
        let mut end = g[g.len() - 1].end;
        // A sector word modifying another noun is not an actor: "air
        // defence systems", "police station", "army base".
        if r.kind == MentionKind::Sector && r.code.is_none() {
            let next = toks.iter().find(|t| t.span.start >= end);
            if next.is_some_and(|t| {
                t.tag == Tag::Word
                    && !t.cap
                    && t.lower.chars().all(char::is_alphabetic)
                    && !is_verb(&t.lower)
                    && !t.lower.ends_with("ing")
                    && !t.lower.ends_with("ed")
            }) {
                continue;
            }
        }
        // A title followed by a surname the resolver used extends the phrase.
        if r.end > end && r.end <= sent_span.end {
            end = r.end;
        }
        let names = lex.names();
        let adjective_only = g.iter().all(|m| names.refs(m.surface).iter().any(|x| x.role == NameRole::Adjective))
            && g.iter().all(|m| names.refs(m.surface).iter().all(|x| !matches!(x.target, Target::Sector(_))));
        let person = match (r.kind, &r.identifier) {
            (MentionKind::Person, Some(id)) => lex.people.iter().position(|p| &p.id == id).map(|i| i as u32),
            _ => None,
        };
        let last_word = text[start..end].rsplit(' ').next().unwrap_or("");
        let plural = matches!(r.kind, MentionKind::Group)
            || (r.kind == MentionKind::Sector || r.kind == MentionKind::State && r.sector.is_some())
                && last_word.ends_with('s')
                && !last_word.ends_with("ss")
            || g.iter().any(|m| {
                text[m.start..m.end].ends_with('s') && names.refs(m.surface).iter().any(|x| x.role == NameRole::Demonym)
            });
        let mut a = Actor {
            span: Span::new(start, end),
            code: r.code,
            sector: r.sector,
            kind: r.kind,
            identifier: r.identifier,
            name: r.name,
            office: r.office,
            entry: r.entry,
            person,
            plural,
            via: Via::Lexicon,
            antecedent: None,
            members: Vec::new(),
            sentence,
            toks: tok_range(toks, Span::new(start, end)),
            conj_next: None,
            adjective_only,
            first_person: false,
        };
        // "the minister", "the president": a role noun referring back.
        if a.kind == MentionKind::Sector && a.toks.0 > 0 && toks[a.toks.0 - 1].is("the") {
            let role = text[start..end].to_lowercase();
            if let Some(ant) = actors[..first_new.min(actors.len())].iter().rposition(|p| {
                p.person.is_some() && p.office.as_deref().is_some_and(|o| o.to_lowercase().contains(&role))
            }) {
                a = refer(&actors[ant], ant, a.span, sentence, a.toks, Via::RoleNoun);
            }
        }
        actors.push(a);
    }
    // "Vietnamese-led forces": a sponsor before a head that names no
    // country of its own gives it the sponsor's country.
    for (sp_end, m) in sponsors {
        let head = actors[first_new..]
            .iter()
            .position(|a| a.span.start > sp_end && a.span.start <= sp_end + 1 && a.code.is_none());
        if let Some(k) = head {
            let k = first_new + k;
            if let Some(r) = lex.resolve_matches(text, &[m], date, false) {
                actors[k].code = r.code;
                actors[k].entry = format!("{} + {}", actors[k].entry, r.entry);
            }
        } else {
            // No actor after the sponsor: the words after it ("forces",
            // "troops") may be a plain noun the lexicon knows only as a
            // sector; the sponsor then names the side.
            let next_word = text[sp_end..].trim_start().split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
            if matches!(
                next_word,
                "forces" | "troops" | "coalition" | "alliance" | "militias" | "fighters" | "rebels" | "army"
            ) {
                if let Some(r) = lex.resolve_matches(text, &[m], date, false) {
                    let word_start = sp_end + (text[sp_end..].len() - text[sp_end..].trim_start().len());
                    let span = Span::new(m.start, word_start + next_word.len());
                    actors.push(Actor {
                        span,
                        code: r.code,
                        sector: Some(
                            if matches!(next_word, "rebels" | "fighters" | "militias") { "REB" } else { "MIL" }.into(),
                        ),
                        kind: r.kind,
                        identifier: r.identifier,
                        name: r.name,
                        office: None,
                        entry: r.entry,
                        person: None,
                        plural: true,
                        via: Via::Lexicon,
                        antecedent: None,
                        members: Vec::new(),
                        sentence,
                        toks: tok_range(toks, span),
                        conj_next: None,
                        adjective_only: false,
                        first_person: false,
                    });
                }
            }
        }
    }
    // Surnames of people already named, and pronouns and role nouns.
    // Antecedents are looked for in a window of recent sentences, so that
    // a very long input (a whole CSV file read as one text) stays linear.
    let window = |n: usize| actors.partition_point(|a| a.sentence + n < sentence);
    let (surname_lo, pronoun_lo) = (window(SURNAME_WINDOW), window(PRONOUN_WINDOW));
    let mut extra: Vec<Actor> = Vec::new();
    let covered = |i: usize, acts: &[Actor]| acts[first_new..].iter().any(|a| a.toks.0 <= i && i < a.toks.1);
    let mut i = 0;
    while i < toks.len() {
        if covered(i, actors) {
            i += 1;
            continue;
        }
        let t = &toks[i];
        // Surnames (one to three words).
        if t.cap && t.tag == Tag::Word {
            let mut found = None;
            for n in 1..=3usize.min(toks.len() - i) {
                let span = Span::new(toks[i].span.start, toks[i + n - 1].span.end);
                let s = &text[span.start..span.end];
                if let Some(ant) = actors[surname_lo..]
                    .iter()
                    .rposition(|a| {
                        a.person.is_some_and(|p| lex.people[p as usize].surname.eq_ignore_ascii_case(s))
                            && a.via != Via::Pronoun
                    })
                    .map(|k| k + surname_lo)
                {
                    found = Some((ant, span, n));
                }
            }
            if let Some((ant, span, n)) = found {
                extra.push(refer(&actors[ant], ant, span, sentence, (i, i + n), Via::Surname));
                i += n;
                continue;
            }
            // A surname alone on first mention names the one person of that
            // surname in office at the date ("Putin offered to …").
            // Not when the word is part of a longer name ("Mohammed Mamoun").
            let name_word =
                |j: usize| toks.get(j).is_some_and(|x| x.cap && x.tag == Tag::Word && !is_calendar_word(&x.lower));
            let in_longer_name = name_word(i + 1) || (i > 0 && name_word(i - 1) && !covered(i - 1, actors));
            if t.text.chars().count() >= 4 && !is_calendar_word(&t.lower) && !in_longer_name {
                if let Some(p) = lex.person_by_surname(t.text, date) {
                    if let Some(st) = lex.standing(p, date).filter(|st| st.office.is_some()) {
                        let person = &lex.people[p as usize];
                        extra.push(Actor {
                            span: t.span,
                            code: Some(st.code.clone()),
                            sector: Some(st.sector.clone()),
                            kind: MentionKind::Person,
                            identifier: Some(person.id.clone()),
                            name: Some(person.name.clone()),
                            office: st.office.map(|o| o.office.clone()),
                            entry: st.office.map(|o| format!("{} {}", o.source, person.id)).unwrap_or_default(),
                            person: Some(p),
                            plural: false,
                            via: Via::Surname,
                            antecedent: None,
                            members: Vec::new(),
                            sentence,
                            toks: (i, i + 1),
                            conj_next: None,
                            adjective_only: false,
                            first_person: false,
                        });
                        i += 1;
                        continue;
                    }
                }
            }
        }
        // "the two countries", "both sides": the last two states.
        if (t.is("the") || t.is("both")) && i + 1 < toks.len() {
            let two = t.is("both") || (i + 2 < toks.len() && (toks[i + 1].is("two") || toks[i + 1].is("both")));
            let noun_at = if t.is("both") { i + 1 } else { i + 2 };
            if two
                && noun_at < toks.len()
                && matches!(
                    &*toks[noun_at].lower,
                    "countries"
                        | "nations"
                        | "sides"
                        | "states"
                        | "governments"
                        | "neighbours"
                        | "neighbors"
                        | "leaders"
                )
            {
                let mut members: Vec<usize> = Vec::new();
                for (k, a) in actors.iter().enumerate().skip(pronoun_lo).rev() {
                    if a.kind == MentionKind::State
                        && a.code.is_some()
                        && !members.iter().any(|&m| actors[m].code == a.code)
                    {
                        members.push(k);
                        if members.len() == 2 {
                            break;
                        }
                    }
                }
                if members.len() == 2 {
                    members.reverse();
                    let span = Span::new(toks[i].span.start, toks[noun_at].span.end);
                    let mut a = refer(&actors[members[0]], members[0], span, sentence, (i, noun_at + 1), Via::RoleNoun);
                    a.members = members;
                    a.plural = true;
                    extra.push(a);
                    i = noun_at + 1;
                    continue;
                }
            }
        }
        // Pronouns.
        if matches!(&*t.lower, "we" | "us" | "our" | "ours" | "ourselves") {
            extra.push(Actor {
                span: t.span,
                code: None,
                sector: None,
                kind: MentionKind::Pronoun,
                identifier: None,
                name: None,
                office: None,
                entry: String::new(),
                person: None,
                plural: true,
                via: Via::Pronoun,
                antecedent: None,
                members: Vec::new(),
                sentence,
                toks: (i, i + 1),
                conj_next: None,
                adjective_only: false,
                first_person: true,
            });
            i += 1;
            continue;
        }
        if matches!(t.tag, Tag::Pron | Tag::PossPron) {
            let w = &*t.lower;
            // Antecedents come before the pronoun.
            let all: Vec<&Actor> = actors[pronoun_lo..]
                .iter()
                .chain(extra.iter())
                .filter(|a| a.span.start < t.span.start && a.via != Via::Pronoun || a.sentence < sentence)
                .collect();
            let ant = match w {
                "he" | "him" | "his" | "she" | "her" | "himself" | "herself" => {
                    all.iter().rposition(|a| a.person.is_some() || a.kind == MentionKind::Person)
                }
                "it" | "its" | "itself" => all.iter().rposition(|a| {
                    !a.plural
                        && matches!(
                            a.kind,
                            MentionKind::State
                                | MentionKind::Igo
                                | MentionKind::Ngo
                                | MentionKind::ArmedGroup
                                | MentionKind::Party
                        )
                }),
                "they" | "them" | "their" | "themselves" => all
                    .iter()
                    .rposition(|a| a.plural || !a.members.is_empty() || a.conj_next.is_some())
                    .or_else(|| all.iter().rposition(|a| matches!(a.kind, MentionKind::State | MentionKind::Group))),
                _ => None,
            };
            if let Some(k) = ant {
                let src = all[k];
                let ant_idx = actors[pronoun_lo..]
                    .iter()
                    .position(|a| std::ptr::eq(a, src))
                    .map_or(usize::MAX, |k| k + pronoun_lo);
                let mut a = refer(src, ant_idx, t.span, sentence, (i, i + 1), Via::Pronoun);
                if matches!(w, "they" | "them" | "their" | "themselves") {
                    a.plural = true;
                    if src.conj_next.is_some() && ant_idx != usize::MAX {
                        // "Russia and North Korea … they": both.
                        let mut members = vec![ant_idx];
                        let mut c = src.conj_next;
                        while let Some(n) = c {
                            members.push(n);
                            c = actors[n].conj_next;
                        }
                        a.members = members;
                    }
                }
                if ant_idx == usize::MAX {
                    a.antecedent = None;
                }
                extra.push(a);
            }
        }
        i += 1;
    }
    actors.extend(extra);
    // Keep this sentence's actors in text order and link coordinations.
    actors[first_new..].sort_by_key(|a| a.span.start);
    link_coordination(toks, &mut actors[first_new..], first_new);
    distribute_heads(&mut actors[first_new..]);
    absorb_of_phrases(toks, actors, first_new);
}

/// "the prime ministers of Greece and Turkey", "the government of
/// Syria": a sector phrase followed by "of" and states or organisations
/// names those states' sector. The phrase takes the first one's code and
/// copies are chained for the others.
///
/// "Security forces in Guinea", "demonstrators in Baghdad": a sector
/// phrase followed by "in"/"from" a state or place belongs to it.
fn absorb_of_phrases(toks: &[Tok], actors: &mut Vec<Actor>, first_new: usize) {
    let n = actors.len();
    for k in first_new..n {
        if actors[k].code.is_some() || actors[k].kind != MentionKind::Sector || k + 1 >= n {
            continue;
        }
        let end = actors[k].toks.1;
        let next = k + 1;
        // "of/in/from" then determiners or numbers: "doctors from two
        // American aid groups".
        let (from, to) = (end.min(toks.len()), actors[next].toks.0.min(toks.len()));
        if from > to {
            continue;
        }
        let between: Vec<&str> =
            toks[from..to].iter().filter(|t| !matches!(t.tag, Tag::Det | Tag::Num)).map(|t| &*t.lower).collect();
        // "its troops from Chad": owned by the possessor, not from Chad.
        let owned = actors[k].toks.0 > 0 && toks[actors[k].toks.0 - 1].tag == Tag::PossPron;
        if owned {
            continue;
        }
        let of = matches!(between.as_slice(), ["of"]);
        let located = matches!(between.as_slice(), ["in"] | ["from"] | ["based", "in"]);
        if !of && !located {
            continue;
        }
        let target_ok = match actors[next].kind {
            MentionKind::State | MentionKind::Group => true,
            MentionKind::Igo | MentionKind::Ngo | MentionKind::Person => of,
            MentionKind::Place => true,
            _ => false,
        };
        if !target_ok {
            continue;
        }
        let sector = actors[k].sector.clone();
        let mut partners = vec![next];
        let mut c = actors[next].conj_next;
        while let Some(p) = c {
            if partners.len() > 6 {
                break;
            }
            partners.push(p);
            c = actors[p].conj_next;
        }
        let head = actors[k].clone();
        let mut prev = k;
        for (i, &p) in partners.iter().enumerate() {
            let src = actors[p].clone();
            let mut a = head.clone();
            a.code = src.code.clone();
            a.kind = if src.kind == MentionKind::Place { MentionKind::State } else { src.kind };
            a.name = src.name.clone();
            a.identifier = src.identifier.clone();
            a.entry = format!("{} + {}", head.entry, src.entry);
            a.sector = sector.clone().or(src.sector.clone());
            if i == 0 {
                actors[k] = a;
                actors[k].conj_next = None;
            } else {
                a.conj_next = None;
                actors.push(a);
                let idx = actors.len() - 1;
                actors[prev].conj_next = Some(idx);
                prev = idx;
            }
        }
    }
}

fn refer(src: &Actor, idx: usize, span: Span, sentence: usize, toks: (usize, usize), via: Via) -> Actor {
    Actor {
        span,
        via,
        antecedent: Some(idx),
        sentence,
        toks,
        conj_next: None,
        members: if src.members.is_empty() { Vec::new() } else { src.members.clone() },
        adjective_only: false,
        first_person: false,
        ..src.clone()
    }
}

/// The token range covering `span`.
pub fn tok_range(toks: &[Tok], span: Span) -> (usize, usize) {
    let s = toks.iter().position(|t| t.span.end > span.start).unwrap_or(toks.len());
    let e = toks.iter().rposition(|t| t.span.start < span.end).map(|i| i + 1).unwrap_or(s);
    (s, e.max(s))
}

/// Links "A and B", "A, B and C", "A as well as B". A comma links only
/// inside a list that ends with "and"/"or" ("Sudan, Foreign Minister X
/// said" is an apposition, not a list).
fn link_coordination(toks: &[Tok], acts: &mut [Actor], offset: usize) {
    #[derive(PartialEq)]
    enum Link {
        None,
        Comma,
        And,
    }
    let n = acts.len();
    let mut links: Vec<Link> = Vec::with_capacity(n);
    for k in 0..n.saturating_sub(1) {
        let (a_end, b_start) = (acts[k].toks.1, acts[k + 1].toks.0);
        if b_start < a_end {
            links.push(Link::None);
            continue;
        }
        let between: Vec<&str> = toks[a_end..b_start].iter().map(|t| &*t.lower).collect();
        links.push(match between.as_slice() {
            ["and"]
            | [",", "and"]
            | ["and", "the"]
            | [",", "and", "the"]
            | ["as", "well", "as"]
            | ["or"]
            | ["and", "its"]
            | ["and", "their"] => Link::And,
            [","] => Link::Comma,
            _ => Link::None,
        });
    }
    for k in 0..links.len() {
        let ok = match links[k] {
            Link::And => true,
            Link::Comma => links[k + 1..].iter().take_while(|l| **l != Link::None).any(|l| *l == Link::And),
            Link::None => false,
        };
        if ok {
            acts[k].conj_next = Some(offset + k + 1);
        }
    }
}

/// "Hungarian and Romanian officials": the adjective-only actor takes the
/// sector of the head it shares.
fn distribute_heads(acts: &mut [Actor]) {
    for k in (0..acts.len().saturating_sub(1)).rev() {
        if acts[k].adjective_only && acts[k].sector.is_none() && acts[k].conj_next.is_some() {
            if let Some(sec) = acts[k + 1].sector.clone() {
                acts[k].sector = Some(sec);
                acts[k].plural = acts[k + 1].plural;
            }
        }
    }
}

fn is_calendar_word(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
    )
}
