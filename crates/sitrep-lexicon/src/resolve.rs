//! Resolving a phrase to an actor: which state, organisation, group or
//! person it names, in which sector, at a given date.
//!
//! The rules, in order: a person wins (their office at the date; `ELI`
//! once out of office or with "former"); then an armed group or party, an
//! outlet named as an actor, an organisation, a group of states; a state
//! (by name, adjective, demonym, capital or seat of power); a place (its
//! country); a region (the state it lies in, if any).
//!
//! The sector of a phrase comes from its sector words (`sectors.tsv`):
//!
//! - the **head** is the last noun or institution ("schoolchildren's
//!   parents" → CVL); titles and generic heads ("officials", "officer",
//!   "president" of something) yield to a more specific word ("a national
//!   intelligence agency officer" → SPY);
//! - a **modifier** before the head replaces the head's sector when the
//!   head's sector is one the modifier overrides ("a Jewish community
//!   leader" → REL over CVL; "rebel commanders" → REB over MIL); a
//!   modifier alone is the sector ("paramilitary organization" → PRM);
//! - a **counted** noun after a number names unidentified people ("two
//!   men" → UNK); "former" and its kin make any sector ELI;
//! - a named institution keeps its own sector and a sector word with it
//!   becomes the second sector ("president of the Riigikogu" → EST LEG,
//!   GOV; "Pentagon officials" → USA MIL); an armed group keeps its own
//!   sectors unless the phrase names one of its institutions ("Taliban
//!   government" → AFG GOV, REB).
//!
//! Codes of dependencies are folded into their controlling state (Puerto
//! Rico → USA), as PLOVER prescribes; a context country chooses among
//! armed groups of the same name in different countries.

use crate::entries::{Office, SectorRole};
use crate::names::{NameMatch, NameRef, NameRole, Target};
use crate::Lexicon;
use sitrep_core::{Date, MentionKind};

/// What a phrase resolves to, and the entry that says so.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Resolution {
    pub code: Option<String>,
    pub sector: Option<String>,
    /// A second sector code where the phrase carries two (PLOVER allows
    /// several): ISM of a militant religious group coded REB, JRN of a
    /// state news agency coded GOV, GOV of "officials" of a military
    /// institution, PRE of a breakaway entity's government.
    pub sector2: Option<String>,
    pub kind: MentionKind,
    pub identifier: Option<String>,
    pub name: Option<String>,
    /// The office of a person at the date.
    pub office: Option<String>,
    /// `file:line key` of the lexicon entry that decided the code.
    pub entry: String,
    /// Byte span, in the phrase, of the name that decided it.
    pub start: usize,
    pub end: usize,
}

/// A person's standing at a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing<'a> {
    pub code: String,
    pub sector: String,
    /// The office held at the date; `None` when out of office.
    pub office: Option<&'a Office>,
}

/// How to resolve a group of names.
#[derive(Debug, Clone, Copy, Default)]
pub struct ResolveOptions<'a> {
    /// Offices and states at this date (today's when `None`).
    pub date: Option<Date>,
    /// A capitalised word that is a known surname names that person even
    /// without a title (phrase lookups; the coder instead resolves
    /// surnames against people already named in the document).
    pub bare_surname: bool,
    /// The country of the surrounding text: among armed groups or people
    /// of the same name, the one of this country wins.
    pub prefer_country: Option<&'a str>,
}

/// The sector words of a phrase, weighed.
#[derive(Debug, Default)]
struct Sectors {
    /// The head: (sector, entry, generic?).
    head: Option<(String, String, bool)>,
    /// A modifier that overrides the head (or stands alone).
    modifier: Option<(String, String)>,
    /// "two men": unidentified people.
    counted: Option<String>,
    /// "former", "ex-": ELI.
    former: bool,
    /// A geographic unit noun ("island", "regions").
    place_noun: bool,
    /// The head's second sector ("state media": GOV, JRN).
    head2: Option<String>,
    /// The span of a title ("President", "Sen.").
    title: Option<(usize, usize)>,
}

impl Sectors {
    /// The sector the words give, with its entry.
    fn code(&self) -> Option<(String, String)> {
        if let Some(e) = &self.counted {
            return Some(("UNK".into(), e.clone()));
        }
        match (&self.modifier, &self.head) {
            (Some((m, e)), _) => Some((m.clone(), e.clone())),
            (None, Some((h, e, _))) => Some((h.clone(), e.clone())),
            (None, None) => None,
        }
    }

    /// The sector, or ELI when "former" qualifies one.
    fn final_code(&self) -> Option<String> {
        let c = self.code().map(|(c, _)| c);
        if self.former && c.is_some() {
            Some("ELI".into())
        } else {
            c
        }
    }

    /// The second sector the words give: the head's, when the head gives
    /// the sector.
    fn second(&self) -> Option<String> {
        if self.counted.is_some() || self.modifier.is_some() || self.former {
            None
        } else {
            self.head2.clone()
        }
    }

    /// Whether the sector comes from a specific (non-generic) word or a
    /// modifier or a count, rather than a title or generic head.
    fn specific(&self) -> bool {
        self.counted.is_some() || self.modifier.is_some() || self.head.as_ref().is_some_and(|(_, _, g)| !*g)
    }
}

/// Number words that count people ("two men", "dozens of people").
const COUNT_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "dozen",
    "dozens",
    "several",
    "scores",
    "a few",
    "some",
];

/// Whether the word just before byte `at` counts something: digits
/// ("20 men", "1,500 people") or a number word ("two", "dozens of").
fn counted_before(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    let word_start = |s: &str| {
        s.char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == ',' || c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    let mut w = &before[word_start(before)..];
    let mut rest = &before[..before.len() - w.len()];
    if w.eq_ignore_ascii_case("of") {
        let r = rest.trim_end();
        w = &r[word_start(r)..];
        rest = &r[..r.len() - w.len()];
    }
    if !w.is_empty()
        && w.chars().all(|c| c.is_ascii_digit() || c == ',')
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    let lw = w.to_lowercase();
    let last = lw.rsplit('-').next().unwrap_or("");
    if COUNT_WORDS.contains(&lw.as_str()) || COUNT_WORDS.contains(&last) {
        return lw != "some" || rest.trim_end().is_empty();
    }
    // "a few men"
    lw == "few" && rest.trim_end().to_lowercase().ends_with('a')
}

/// Whether the name at `[start, end)` is a sponsor or target of the
/// actor rather than the actor's own state: "Iranian-backed",
/// "Moscow-aligned", "pro-Russian", "anti-American".
fn sponsor_form(text: &str, start: usize, end: usize) -> bool {
    const AFTER: &[&str] = &[
        "backed",
        "aligned",
        "allied",
        "sponsored",
        "supported",
        "funded",
        "financed",
        "trained",
        "armed",
        "affiliated",
        "linked",
        "friendly",
        "leaning",
        "oriented",
        "installed",
        "appointed",
        "controlled",
    ];
    let after = text[end..].trim_start_matches(['-', '\u{2010}', '\u{2011}', '\u{2013}']);
    let dashed = after.len() < text.len() - end;
    let word = after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("").to_lowercase();
    if dashed && AFTER.contains(&word.as_str()) {
        return true;
    }
    // Only the few characters before the name matter ("anti-", "pro-").
    let mut from = start.saturating_sub(16);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let window = text[from..start].to_lowercase();
    let before = window.trim_end_matches(['-', '\u{2010}', '\u{2011}', '\u{2013}']);
    let dashed_before = before.len() < window.len();
    dashed_before
        && (before.ends_with("pro") || before.ends_with("anti"))
        && !before.trim_end_matches("pro").trim_end_matches("anti").ends_with(|c: char| c.is_alphanumeric())
}

/// Pronouns: a phrase that is only one of these is an unidentified actor.
const PRONOUNS: &[&str] =
    &["he", "she", "they", "him", "her", "them", "we", "us", "i", "me", "you", "it", "someone", "somebody"];

impl Lexicon {
    /// What `phrase` resolves to at `date` (today's offices when `None`).
    pub fn lookup(&self, phrase: &str, date: Option<Date>) -> Option<Resolution> {
        self.lookup_phrase(phrase, ResolveOptions { date, bare_surname: true, prefer_country: None })
    }

    /// Like [`Lexicon::lookup`], with a context (the sentence or the
    /// document's country) that supplies the country when the phrase names
    /// none ("the National Guard" in a Saudi context), and chooses among
    /// armed groups or people of the same name in different countries.
    pub fn lookup_in_context(&self, phrase: &str, context: &str, date: Option<Date>) -> Option<Resolution> {
        let ctx = if context.trim().is_empty() { None } else { self.lookup(context, date).and_then(|c| c.code) };
        let mut r =
            self.lookup_phrase(phrase, ResolveOptions { date, bare_surname: true, prefer_country: ctx.as_deref() });
        let pronoun = r.as_ref().is_some_and(|r| r.kind == MentionKind::Pronoun);
        if let (Some(c), false) = (ctx, pronoun) {
            match r.as_mut() {
                Some(r) if r.code.is_none() => r.code = Some(c),
                Some(_) => {}
                None => {
                    r = Some(Resolution {
                        code: Some(c),
                        sector: None,
                        sector2: None,
                        kind: MentionKind::State,
                        identifier: None,
                        name: None,
                        office: None,
                        entry: format!("context {context:?}"),
                        start: 0,
                        end: 0,
                    })
                }
            }
        }
        r
    }

    /// A whole phrase named as an actor: the names in it, resolved, plus
    /// what only a whole phrase shows — a pronoun alone is an unidentified
    /// actor, a city alone stands for its people (CVL), and a geographic
    /// unit of a state ("a Syrian island", "regions across Indonesia") is
    /// an unidentified actor there (UNK).
    fn lookup_phrase(&self, phrase: &str, opts: ResolveOptions<'_>) -> Option<Resolution> {
        let trimmed = phrase.trim();
        let is_pronoun = PRONOUNS.contains(&trimmed.to_lowercase().as_str())
            && trimmed.chars().skip(1).all(|c| !c.is_uppercase() || trimmed.chars().count() == 1);
        if is_pronoun {
            let start = phrase.len() - phrase.trim_start().len();
            return Some(Resolution {
                code: None,
                sector: Some("UNK".into()),
                sector2: None,
                kind: MentionKind::Pronoun,
                identifier: None,
                name: None,
                office: None,
                entry: "pronoun".into(),
                start,
                end: start + trimmed.len(),
            });
        }
        let matches = self.find_names(phrase);
        let mut r = self.resolve_with(phrase, &matches, opts)?;
        if r.kind == MentionKind::Place && r.sector.is_none() {
            let place_noun = matches.iter().any(|m| {
                self.names.refs_at(phrase, m).iter().any(|x| match x.target {
                    Target::Sector(i) => self.sectors[i as usize].role == SectorRole::Place,
                    _ => false,
                })
            });
            let city = matches.iter().any(|m| {
                m.start == r.start
                    && self.names.refs_at(phrase, m).iter().any(|x| match x.target {
                        Target::Place(i) => self.places[i as usize].kind == "city",
                        _ => false,
                    })
            });
            let from_state = matches.iter().any(|m| {
                m.start == r.start && self.names.refs_at(phrase, m).iter().any(|x| matches!(x.target, Target::State(_)))
            });
            if place_noun && from_state {
                r.sector = Some("UNK".into());
            } else if city && !place_noun {
                r.sector = Some("CVL".into());
            }
        }
        Some(r)
    }

    /// A known surname of one to three capitalised words starting at byte
    /// `from` (after spaces): the person and the span. The surname must
    /// end the run of capitalised words: "Juan Carlos" in "Juan Carlos
    /// Jobet" and "He" in "He Zhihua" are other people's names.
    fn surname_at(&self, text: &str, from: usize, date: Option<Date>) -> Option<(u32, usize, usize)> {
        let rest = &text[from..];
        let start = from + (rest.len() - rest.trim_start().len());
        let mut end = start;
        let mut best = None;
        let mut words = 0;
        for _ in 0..4 {
            let tail = &text[end..];
            let skip = tail.len() - tail.trim_start().len();
            if skip > 1 && words > 0 {
                break;
            }
            let w_start = end + skip;
            let word: &str =
                text[w_start..].split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')).next().unwrap_or("");
            if word.is_empty()
                || !(word.chars().next().is_some_and(char::is_uppercase)
                    || matches!(word, "bin" | "al" | "el" | "van" | "von" | "de" | "da" | "al-" | "le"))
            {
                break;
            }
            let word = word.strip_suffix("'s").unwrap_or(word);
            end = w_start + word.len();
            words += 1;
            if words <= 3 {
                if let Some(i) = self.person_by_surname(&text[start..end], date) {
                    best = Some((i, start, end));
                }
            }
        }
        best.filter(|&(_, _, e)| e == end)
    }

    /// The office a person held at `date` (the current or last one when
    /// `date` is `None`), or their standing out of office.
    pub fn standing(&self, person: u32, date: Option<Date>) -> Option<Standing<'_>> {
        let p = self.people.get(person as usize)?;
        let first = p.offices.first()?;
        let at = |o: &'_ Office| match date {
            Some(d) => o.valid.contains(d),
            None => o.valid.is_current(),
        };
        if let Some(o) = p.offices.iter().find(|o| at(o)) {
            return Some(Standing { code: o.country.clone(), sector: o.sector.clone(), office: Some(o) });
        }
        let ended_before = |o: &Office, d: Date| o.valid.to.is_some_and(|t| t < d);
        let began_after = |o: &Office, d: Date| o.valid.from.is_some_and(|f| f > d);
        match date {
            Some(d) if p.offices.iter().all(|o| began_after(o, d)) => {
                Some(Standing { code: first.country.clone(), sector: first.sector.clone(), office: None })
            }
            Some(d) => {
                // Between or after terms: their country, as a former official.
                let past: Vec<&Office> = p.offices.iter().filter(|o| ended_before(o, d)).collect();
                Some(Standing { code: self.home_country(&past)?, sector: "ELI".into(), office: None })
            }
            None => {
                let all: Vec<&Office> = p.offices.iter().collect();
                Some(Standing { code: self.home_country(&all)?, sector: "ELI".into(), office: None })
            }
        }
    }

    /// The country a former official belongs to: that of their latest
    /// office held for a state (not an organisation), else the latest.
    fn home_country(&self, offices: &[&Office]) -> Option<String> {
        let latest = |it: &mut dyn Iterator<Item = &&Office>| {
            it.max_by_key(|o| o.valid.to.or(o.valid.from)).map(|o| o.country.clone())
        };
        latest(&mut offices.iter().filter(|o| self.state(&o.country).is_some())).or_else(|| latest(&mut offices.iter()))
    }

    /// The office named by a title before a person's name ("Prime
    /// Minister Scott Morrison"), when the person held one so titled.
    fn titled_office(&self, person: u32, title: &str) -> Option<&Office> {
        let t = title.to_lowercase();
        let p = self.people.get(person as usize)?;
        p.offices
            .iter()
            .filter(|o| {
                let o = o.office.to_lowercase();
                !o.is_empty() && (o.contains(&t) || t.contains(&o))
            })
            .max_by_key(|o| o.valid.from)
    }

    /// Among people sharing a name, the one in office at `date` (of the
    /// preferred country first), else one of the preferred country, else
    /// the first.
    fn pick_person(&self, refs: &[NameRef], date: Option<Date>, prefer: Option<&str>) -> Option<u32> {
        let people: Vec<u32> = refs
            .iter()
            .filter_map(|r| match r.target {
                Target::Person(i) => Some(i),
                _ => None,
            })
            .collect();
        let standing: Vec<(u32, Option<Standing<'_>>)> = people.iter().map(|&i| (i, self.standing(i, date))).collect();
        let in_office = |s: &Option<Standing<'_>>| s.as_ref().is_some_and(|s| s.office.is_some());
        let of_pref = |s: &Option<Standing<'_>>| prefer.is_some_and(|c| s.as_ref().is_some_and(|s| s.code == c));
        standing
            .iter()
            .find(|(_, s)| in_office(s) && of_pref(s))
            .or_else(|| standing.iter().find(|(_, s)| in_office(s)))
            .or_else(|| standing.iter().find(|(_, s)| of_pref(s)))
            .map(|(i, _)| *i)
            .or_else(|| people.first().copied())
    }

    /// The state a match names at `date`: the state valid then, else the
    /// current one, else the first.
    fn pick_state(&self, refs: &[NameRef], date: Option<Date>) -> Option<(u32, NameRole)> {
        let states: Vec<(u32, NameRole)> = refs
            .iter()
            .filter_map(|r| match r.target {
                Target::State(i) => Some((i, r.role)),
                _ => None,
            })
            .collect();
        let valid = |i: u32| {
            let v = &self.states[i as usize].valid;
            match date {
                Some(d) => v.contains(d),
                None => v.is_current(),
            }
        };
        states.iter().copied().find(|(i, _)| valid(*i)).or_else(|| states.first().copied())
    }

    /// Among armed groups and parties sharing a name: the one of the
    /// preferred country, else one active at `date`, else the first.
    fn pick_nonstate(&self, refs: &[NameRef], date: Option<Date>, prefer: Option<&str>) -> Option<u32> {
        let groups: Vec<u32> = refs
            .iter()
            .filter_map(|r| match r.target {
                Target::NonState(i) => Some(i),
                _ => None,
            })
            .collect();
        let active = |i: u32| {
            let v = &self.nonstate[i as usize].valid;
            match date {
                Some(d) => v.contains(d),
                None => v.is_current(),
            }
        };
        groups
            .iter()
            .copied()
            .find(|&i| prefer.is_some_and(|c| self.nonstate[i as usize].country == c))
            .or_else(|| groups.iter().copied().find(|&i| active(i)))
            .or_else(|| groups.first().copied())
    }

    /// Weighs the sector words of `matches` (see the module comment).
    fn sectors_of(&self, text: &str, matches: &[NameMatch]) -> Sectors {
        let mut s = Sectors::default();
        // Modifiers seen so far, waiting for a head: (sector, overrides, entry).
        let mut pending: Vec<(String, Vec<String>, String)> = Vec::new();
        for m in matches {
            let refs = self.names.refs_at(text, m);
            let entries: Vec<&crate::entries::SectorEntry> = refs
                .iter()
                .filter_map(|r| match r.target {
                    Target::Sector(i) => Some(&self.sectors[i as usize]),
                    _ => None,
                })
                .collect();
            if entries.is_empty() {
                continue;
            }
            if let Some(c) = entries.iter().find(|e| e.role == SectorRole::Counted) {
                if counted_before(text, m.start) {
                    s.counted = Some(c.source.to_string());
                    continue;
                }
            }
            for e in entries {
                let entry = e.source.to_string();
                match e.role {
                    SectorRole::Counted => {}
                    SectorRole::Place => s.place_noun = true,
                    SectorRole::Modifier if e.sector == "ELI" => s.former = true,
                    SectorRole::Modifier => {
                        pending.push((e.sector.clone(), e.overrides.clone(), entry));
                    }
                    SectorRole::Title | SectorRole::Noun | SectorRole::Org | SectorRole::Generic => {
                        let generic = matches!(e.role, SectorRole::Title | SectorRole::Generic);
                        if e.role == SectorRole::Title {
                            s.title = Some((m.start, m.end));
                        }
                        // A specific word replaces any head; a generic one
                        // only a generic head.
                        let replace = !generic || s.head.as_ref().is_none_or(|(_, _, g)| *g);
                        if replace {
                            s.head = Some((e.sector.clone(), entry, generic));
                            s.head2 = e.sectors.get(1).cloned();
                            // Modifiers before this head apply to it.
                            for (ms, over, me) in pending.drain(..) {
                                let applies = if over.is_empty() {
                                    matches!(e.sector.as_str(), "GOV" | "CVL" | "UNK")
                                } else {
                                    over.iter().any(|o| o == &e.sector)
                                };
                                if applies || ms == e.sector {
                                    s.modifier = Some((ms, me));
                                } else if !generic {
                                    s.modifier = None;
                                }
                            }
                        }
                    }
                }
            }
        }
        // A modifier with no head after it stands alone ("paramilitary
        // organization"), unless a head came before it.
        if s.head.is_none() {
            if let Some((ms, _, me)) = pending.pop() {
                s.modifier = Some((ms, me));
            }
        }
        s
    }

    /// Resolves the names found in one phrase.
    ///
    /// With `bare_surname`, a capitalised word that is a known surname
    /// names that person even without a title (for phrase lookups; the
    /// coder instead resolves surnames against people already named in
    /// the document).
    pub fn resolve_matches(
        &self,
        text: &str,
        matches: &[NameMatch],
        date: Option<Date>,
        bare_surname: bool,
    ) -> Option<Resolution> {
        self.resolve_with(text, matches, ResolveOptions { date, bare_surname, prefer_country: None })
    }

    /// [`Lexicon::resolve_matches`] with all options.
    pub fn resolve_with(&self, text: &str, matches: &[NameMatch], opts: ResolveOptions<'_>) -> Option<Resolution> {
        let mut r = self.resolve_inner(text, matches, opts)?;
        self.fold_dependency(&mut r);
        Some(r)
    }

    /// Folds a dependency's code into its controlling state, keeping the
    /// territory as the identifier (Puerto Rico → USA, "PRI").
    fn fold_dependency(&self, r: &mut Resolution) {
        let Some(st) = r.code.as_deref().and_then(|c| self.state(c)) else { return };
        let Some(sov) = st.sovereign.clone() else { return };
        if r.identifier.is_none() {
            r.identifier = Some(st.code.clone());
        }
        if let Some(sec) = &st.sovereign_sector {
            match &r.sector {
                None => r.sector = Some(sec.clone()),
                Some(s) if s != sec && r.sector2.is_none() => r.sector2 = Some(sec.clone()),
                _ => {}
            }
        }
        r.code = Some(sov);
    }

    fn resolve_inner(&self, text: &str, matches: &[NameMatch], opts: ResolveOptions<'_>) -> Option<Resolution> {
        let date = opts.date;
        let words = self.sectors_of(text, matches);
        let sector_code = words.final_code();
        let specific = words.specific();
        let former = words.former;

        let title_text = words.title.map(|(a, b)| &text[a..b]);
        // 1. A person named in full.
        for m in matches {
            if let Some(i) = self.pick_person(&self.names.refs_at(text, m), date, opts.prefer_country) {
                return self.person_resolution(i, date, former, title_text, m.start, m.end);
            }
        }
        // 1b. A title followed by a known surname ("President Putin",
        // "Crown Prince bin Salman"), or, where allowed, a surname alone.
        let starts: Vec<usize> = match (words.title, opts.bare_surname) {
            (Some((_, te)), _) => vec![te],
            (None, true) => uncovered_capitalised(text, matches),
            (None, false) => Vec::new(),
        };
        for from in starts {
            if let Some((i, a, b)) = self.surname_at(text, from, date) {
                return self.person_resolution(i, date, former, title_text, a, b);
            }
        }
        let res = |code: Option<String>, sector: Option<String>, sector2: Option<String>, kind, m: &NameMatch| {
            let sector2 = sector2.filter(|s2| sector.as_ref() != Some(s2));
            Resolution {
                code,
                sector,
                sector2,
                kind,
                identifier: None,
                name: None,
                office: None,
                entry: String::new(),
                start: m.start,
                end: m.end,
            }
        };
        // 2–4. Armed groups and parties, outlets, organisations, groups of states.
        for m in matches {
            let refs = self.names.refs_at(text, m);
            if let Some(i) = self.pick_nonstate(&refs, date, opts.prefer_country) {
                let n = &self.nonstate[i as usize];
                // The group's institutions ("Taliban government", "Hezbollah
                // lawmakers") take the institution's sector.
                let institutional = specific
                    && words.modifier.is_none()
                    && matches!(sector_code.as_deref(), Some("GOV" | "LEG" | "JUD" | "COP"));
                let (sector, sector2) = if former && sector_code.is_some() {
                    (Some("ELI".to_string()), Some(n.sector.clone()))
                } else if institutional {
                    (sector_code.clone(), Some(n.sector.clone()))
                } else {
                    (Some(n.sector.clone()), n.sectors.get(1).cloned())
                };
                let kind = if n.party { MentionKind::Party } else { MentionKind::ArmedGroup };
                let mut r = res(Some(n.country.clone()), sector, sector2, kind, m);
                r.identifier = Some(n.identifier.clone());
                r.name = Some(n.name.clone());
                r.entry = format!("{} {}", n.source, n.identifier);
                return Some(r);
            }
            for r in refs.iter() {
                match r.target {
                    Target::Outlet(i) => {
                        let o = &self.outlets[i as usize];
                        let state = o.ownership == sitrep_core::Ownership::State;
                        let (own, own2) = if state { ("GOV", Some("JRN")) } else { ("JRN", None) };
                        let (sector, sector2) = if specific {
                            (sector_code.clone(), Some(own.to_string()))
                        } else {
                            (Some(own.to_string()), own2.map(str::to_string))
                        };
                        let mut r = res(Some(o.country.clone()), sector, sector2, MentionKind::State, m);
                        r.identifier = Some(o.domain.clone());
                        r.name = Some(o.name.clone());
                        r.entry = format!("{} {}", o.source, o.domain);
                        return Some(r);
                    }
                    Target::Org(i) => {
                        let o = &self.organisations[i as usize];
                        // The body's own sector beats a title or generic head
                        // ("WHO officials" MED); a specific word beats it ("UN
                        // peacekeepers" MIL).
                        let sector = if specific || o.sector.is_none() || former {
                            sector_code.clone().or_else(|| o.sector.clone())
                        } else {
                            o.sector.clone()
                        };
                        let kind = if o.code == "NGO" { MentionKind::Ngo } else { MentionKind::Igo };
                        let sector2 = if specific { words.second() } else { None };
                        let mut r = res(Some(o.code.clone()), sector, sector2, kind, m);
                        r.identifier = Some(o.identifier.clone());
                        r.name = Some(o.name.clone());
                        r.entry = format!("{} {}", o.source, o.identifier);
                        return Some(r);
                    }
                    Target::Group(i) => {
                        let g = &self.groups[i as usize];
                        let mut r =
                            res(Some(g.code.clone()), sector_code.clone(), words.second(), MentionKind::Group, m);
                        r.name = Some(g.name.clone());
                        r.entry = format!("{} {}", g.source, g.code);
                        return Some(r);
                    }
                    _ => {}
                }
            }
        }
        // 5. A state: a named institution with its own sector if the
        // phrase has one ("Russia's Baltic Fleet"), else the first.
        // A state named as a sponsor or target ("Iranian-backed militias",
        // "pro-Russian", "anti-American") is not the actor's state.
        let states: Vec<(usize, u32, NameRole)> = matches
            .iter()
            .enumerate()
            .filter(|(_, m)| !sponsor_form(text, m.start, m.end))
            .filter_map(|(k, m)| self.pick_state(&self.names.refs_at(text, m), date).map(|(i, role)| (k, i, role)))
            .collect();
        let institution_of = |i: u32, role: NameRole| match role {
            NameRole::Metonym(x) => {
                self.states[i as usize].metonyms.get(x as usize).is_some_and(|(_, sec)| sec != "GOV")
            }
            _ => false,
        };
        let chosen = states.iter().find(|(_, i, role)| institution_of(*i, *role)).or_else(|| states.first());
        if let Some(&(k, i, role)) = chosen {
            let m = &matches[k];
            let s = &self.states[i as usize];
            let own = match role {
                NameRole::Capital => Some("GOV".to_string()),
                NameRole::Metonym(x) => s.metonyms.get(x as usize).map(|(_, sec)| sec.clone()),
                _ => None,
            };
            // A named institution with its own sector keeps it; the other
            // sector words become the second sector. Sector words spelled
            // by the institution's own name ("Self-Defense Forces" is also
            // any "self-defense forces") are not other words.
            let institution = own.as_deref().is_some_and(|o| o != "GOV");
            let (rest, own_words) = if institution {
                let others: Vec<NameMatch> =
                    matches.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, x)| *x).collect();
                (self.sectors_of(text, &others), self.sectors_of(text, std::slice::from_ref(m)))
            } else {
                (Sectors::default(), Sectors::default())
            };
            let rest_code = if institution { rest.final_code() } else { sector_code.clone() };
            let (mut sector, sector2) = if former && rest_code.is_some() {
                (Some("ELI".to_string()), own.clone())
            } else if institution {
                (own.clone(), rest_code)
            } else if sector_code.is_some() {
                (sector_code.clone(), words.second())
            } else {
                (own, None)
            };
            // A place right before an institution's name names whose
            // institution it is ("Santa Marta Self-Defense Forces"); the
            // sector is then what the words say of any body of that name (a
            // local self-defense force is a paramilitary).
            let mut code = s.code.clone();
            if matches!(role, NameRole::Metonym(_)) && k > 0 {
                let prev = &matches[k - 1];
                if text[prev.end..m.start].chars().all(|c| c == ' ') {
                    if let Some(c) = self.names.refs_at(text, prev).iter().find_map(|x| match x.target {
                        Target::Place(p) => Some(self.places[p as usize].country.clone()),
                        _ => None,
                    }) {
                        code = c;
                        if let Some(sec) = own_words.final_code() {
                            sector = Some(sec);
                        }
                    }
                }
            }
            // A state's unnamed place ("a Syrian island") is a place.
            let kind = if words.place_noun && sector.is_none() { MentionKind::Place } else { MentionKind::State };
            let mut r = res(Some(code), sector, sector2, kind, m);
            r.name = Some(s.name.clone());
            r.entry = format!("{} {}", s.source, s.code);
            return Some(r);
        }
        // 6. A place: its country. Of places sharing a name, the one in
        // the context's country, else the most populous ("Manchester").
        for m in matches {
            let refs = self.names.refs_at(text, m);
            let places = refs.iter().filter_map(|x| match x.target {
                Target::Place(i) => Some(&self.places[i as usize]),
                _ => None,
            });
            let best = places.max_by_key(|p| (opts.prefer_country.is_some_and(|c| p.country == c), p.population));
            if let Some(p) = best {
                let mut r = res(Some(p.country.clone()), sector_code.clone(), words.second(), MentionKind::Place, m);
                r.name = Some(p.name.clone());
                r.entry = format!("{} {}", p.source, p.geonameid);
                return Some(r);
            }
        }
        // 7. A region: the state it lies in, if one.
        for m in matches {
            for x in self.names.refs_at(text, m).iter() {
                if let Target::Region(i) = x.target {
                    let g = &self.regions[i as usize];
                    let mut r = res(g.country.clone(), sector_code.clone(), words.second(), MentionKind::Place, m);
                    r.name = Some(g.name.clone());
                    r.entry = format!("{} {}", g.source, g.name);
                    return Some(r);
                }
            }
        }
        // 8. Sector words alone.
        let (code, entry) = words.code()?;
        let entry_line = |m: &NameMatch| {
            self.names.refs_at(text, m).iter().any(|x| match x.target {
                Target::Sector(i) => self.sectors[i as usize].source.to_string() == entry,
                _ => false,
            })
        };
        let m = matches.iter().rev().find(|m| entry_line(m)).or_else(|| matches.last())?;
        let mut r = res(None, Some(if former { "ELI".into() } else { code }), words.second(), MentionKind::Sector, m);
        r.entry = entry;
        Some(r)
    }

    fn person_resolution(
        &self,
        i: u32,
        date: Option<Date>,
        former: bool,
        title: Option<&str>,
        start: usize,
        end: usize,
    ) -> Option<Resolution> {
        let p = &self.people[i as usize];
        let mut st = self.standing(i, date)?;
        // Undated text that gives the person a title they held: that office.
        if date.is_none() && !former {
            if let Some(o) = title.and_then(|t| self.titled_office(i, t)) {
                st = Standing { code: o.country.clone(), sector: o.sector.clone(), office: Some(o) };
            }
        }
        let src = st.office.map(|o| o.source.to_string()).unwrap_or_else(|| p.offices[0].source.to_string());
        Some(Resolution {
            code: Some(st.code),
            sector: Some(if former { "ELI".into() } else { st.sector }),
            sector2: None,
            kind: MentionKind::Person,
            identifier: Some(p.id.clone()),
            name: Some(p.name.clone()),
            office: st.office.map(|o| o.office.clone()),
            entry: format!("{src} {}", p.id),
            start,
            end,
        })
    }

    /// The person a surname names at `date`: the one in office then if
    /// exactly one is, else the only person with that surname.
    pub fn person_by_surname(&self, surname: &str, date: Option<Date>) -> Option<u32> {
        let ids = self.surname_index.get(&surname.to_lowercase())?;
        if ids.len() == 1 {
            return ids.first().copied();
        }
        let in_office: Vec<u32> =
            ids.iter().copied().filter(|&i| self.standing(i, date).is_some_and(|s| s.office.is_some())).collect();
        (in_office.len() == 1).then(|| in_office[0])
    }
}

/// Start offsets of capitalised words not inside any match that could
/// begin a name: not a pronoun or function word ("He", "The"), and not
/// preceded by another capitalised word the lexicon does not know ("Khan"
/// in "Ahmed Khan" is not Imran Khan).
fn uncovered_capitalised(text: &str, matches: &[NameMatch]) -> Vec<usize> {
    let covered = |i: usize| matches.iter().any(|m| m.start <= i && i < m.end);
    let mut out = Vec::new();
    let mut prev_alnum = false;
    // Start of the previous word, if it was a capitalised word outside every match.
    let mut prev_unknown_cap: Option<usize> = None;
    let mut word_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let alnum = c.is_alphanumeric();
        if alnum && !prev_alnum {
            let word = text[i..].split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            let gap = word_start.map_or("", |w| {
                let prev_end = w + text[w..].find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len() - w);
                if prev_end <= i {
                    &text[prev_end..i]
                } else {
                    ""
                }
            });
            let after_unknown = prev_unknown_cap.is_some() && gap.chars().all(|c| c == ' ');
            let is_cap = c.is_uppercase();
            if is_cap && !covered(i) && !crate::NOT_NAMES.contains(&word) && !after_unknown {
                out.push(i);
            }
            prev_unknown_cap = (is_cap && !covered(i) && !crate::NOT_NAMES.contains(&word)).then_some(i);
            word_start = Some(i);
        }
        prev_alnum = alnum || c == '\'' || c == '-';
    }
    out
}
