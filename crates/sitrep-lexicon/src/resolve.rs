//! Resolving a phrase to an actor: which state, organisation, group or
//! person it names, in which sector, at a given date.
//!
//! The rules, in order: a person wins (their office at the date; `ELI`
//! once out of office or with "former"); then an armed group or party; an
//! organisation; a group of states; a state (by name, adjective, demonym,
//! capital or seat of power); a place (its country). A sector phrase in
//! the same phrase sets the sector ("Russian MPs" → RUS LEG); a title
//! followed by a known surname names that person ("President Putin").

use crate::entries::{Office, SectorRole};
use crate::names::{NameMatch, NameRef, NameRole, Target};
use crate::Lexicon;
use sitrep_core::{Date, MentionKind};

/// What a phrase resolves to, and the entry that says so.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Resolution {
    pub code: Option<String>,
    pub sector: Option<String>,
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

impl Lexicon {
    /// What `phrase` resolves to at `date` (today's offices when `None`).
    pub fn lookup(&self, phrase: &str, date: Option<Date>) -> Option<Resolution> {
        let matches = self.find_names(phrase);
        self.resolve_matches(phrase, &matches, date, true)
    }

    /// Like [`Lexicon::lookup`], with a context (the sentence or the
    /// document's country) that supplies the country when the phrase names
    /// none ("the National Guard" in a Saudi context).
    pub fn lookup_in_context(&self, phrase: &str, context: &str, date: Option<Date>) -> Option<Resolution> {
        let mut r = self.lookup(phrase, date);
        if r.as_ref().is_none_or(|r| r.code.is_none()) && !context.trim().is_empty() {
            if let Some(c) = self.lookup(context, date).and_then(|c| c.code) {
                match r.as_mut() {
                    Some(r) => r.code = Some(c),
                    None => {
                        r = Some(Resolution {
                            code: Some(c),
                            sector: None,
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
        }
        r
    }

    /// A known surname of one to three capitalised words starting at byte
    /// `from` (after spaces): the person and the span.
    fn surname_at(&self, text: &str, from: usize, date: Option<Date>) -> Option<(u32, usize, usize)> {
        let rest = &text[from..];
        let start = from + (rest.len() - rest.trim_start().len());
        let mut end = start;
        let mut best = None;
        for _ in 0..3 {
            let tail = &text[end..];
            let skip = tail.len() - tail.trim_start().len();
            let w_start = end + skip;
            let word: &str =
                text[w_start..].split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')).next().unwrap_or("");
            if word.is_empty()
                || !(word.chars().next().is_some_and(char::is_uppercase)
                    || matches!(word, "bin" | "al" | "el" | "van" | "von" | "de" | "da" | "al-" | "le"))
            {
                break;
            }
            end = w_start + word.len();
            if let Some(i) = self.person_by_surname(&text[start..end], date) {
                best = Some((i, start, end));
            }
        }
        best
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

    /// Among people sharing a name, the one in office at `date`, else the
    /// first.
    fn pick_person(&self, refs: &[NameRef], date: Option<Date>) -> Option<u32> {
        let people: Vec<u32> = refs
            .iter()
            .filter_map(|r| match r.target {
                Target::Person(i) => Some(i),
                _ => None,
            })
            .collect();
        people
            .iter()
            .copied()
            .find(|&i| self.standing(i, date).is_some_and(|s| s.office.is_some()))
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
        let mut sector: Option<(String, usize, SectorRole, String)> = None; // (code, phrase length, role, entry)
        let mut former = false;
        let mut title: Option<(usize, usize)> = None;
        for m in matches {
            for r in self.names.refs(m.surface) {
                if let Target::Sector(i) = r.target {
                    let s = &self.sectors[i as usize];
                    if s.role == SectorRole::Modifier && s.sector == "ELI" {
                        former = true;
                        continue;
                    }
                    if s.role == SectorRole::Title {
                        title = Some((m.start, m.end));
                    }
                    let len = m.end - m.start;
                    if sector.as_ref().is_none_or(|(_, l, _, _)| len >= *l) {
                        sector = Some((s.sector.clone(), len, s.role, s.source.to_string()));
                    }
                }
            }
        }
        let sector_code = sector.as_ref().map(|(c, _, _, _)| c.clone());
        let sector_entry = sector.as_ref().map(|(_, _, _, e)| e.clone());

        let title_text = title.map(|(a, b)| &text[a..b]);
        // 1. A person named in full.
        for m in matches {
            if let Some(i) = self.pick_person(self.names.refs(m.surface), date) {
                return self.person_resolution(i, date, former, title_text, m.start, m.end);
            }
        }
        // 1b. A title followed by a known surname ("President Putin",
        // "Crown Prince bin Salman"), or, where allowed, a surname alone.
        let starts: Vec<usize> = match (title, bare_surname) {
            (Some((_, te)), _) => vec![te],
            (None, true) => uncovered_capitalised(text, matches),
            (None, false) => Vec::new(),
        };
        for from in starts {
            if let Some((i, a, b)) = self.surname_at(text, from, date) {
                return self.person_resolution(i, date, former, title_text, a, b);
            }
        }
        // 2–4. Armed groups and parties, organisations, groups of states.
        for m in matches {
            for r in self.names.refs(m.surface) {
                match r.target {
                    Target::NonState(i) => {
                        let n = &self.nonstate[i as usize];
                        return Some(Resolution {
                            code: Some(n.country.clone()),
                            sector: Some(n.sector.clone()),
                            kind: if n.party { MentionKind::Party } else { MentionKind::ArmedGroup },
                            identifier: Some(n.identifier.clone()),
                            name: Some(n.name.clone()),
                            office: None,
                            entry: format!("{} {}", n.source, n.identifier),
                            start: m.start,
                            end: m.end,
                        });
                    }
                    Target::Org(i) => {
                        let o = &self.organisations[i as usize];
                        return Some(Resolution {
                            code: Some(o.code.clone()),
                            sector: sector_code.clone().or_else(|| o.sector.clone()),
                            kind: if o.code == "NGO" { MentionKind::Ngo } else { MentionKind::Igo },
                            identifier: Some(o.identifier.clone()),
                            name: Some(o.name.clone()),
                            office: None,
                            entry: format!("{} {}", o.source, o.identifier),
                            start: m.start,
                            end: m.end,
                        });
                    }
                    Target::Group(i) => {
                        let g = &self.groups[i as usize];
                        return Some(Resolution {
                            code: Some(g.code.clone()),
                            sector: sector_code.clone(),
                            kind: MentionKind::Group,
                            identifier: None,
                            name: Some(g.name.clone()),
                            office: None,
                            entry: format!("{} {}", g.source, g.code),
                            start: m.start,
                            end: m.end,
                        });
                    }
                    _ => {}
                }
            }
        }
        // 5. A state.
        for m in matches {
            if let Some((i, role)) = self.pick_state(self.names.refs(m.surface), date) {
                let s = &self.states[i as usize];
                let own = match role {
                    NameRole::Capital => Some("GOV".to_string()),
                    NameRole::Metonym(k) => s.metonyms.get(k as usize).map(|(_, sec)| sec.clone()),
                    _ => None,
                };
                let sec =
                    if former && sector_code.is_some() { Some("ELI".to_string()) } else { sector_code.clone().or(own) };
                return Some(Resolution {
                    code: Some(s.code.clone()),
                    sector: sec,
                    kind: MentionKind::State,
                    identifier: None,
                    name: Some(s.name.clone()),
                    office: None,
                    entry: format!("{} {}", s.source, s.code),
                    start: m.start,
                    end: m.end,
                });
            }
        }
        // 6. A place: its country.
        for m in matches {
            for r in self.names.refs(m.surface) {
                if let Target::Place(i) = r.target {
                    let p = &self.places[i as usize];
                    return Some(Resolution {
                        code: Some(p.country.clone()),
                        sector: sector_code.clone(),
                        kind: MentionKind::Place,
                        identifier: None,
                        name: Some(p.name.clone()),
                        office: None,
                        entry: format!("{} {}", p.source, p.geonameid),
                        start: m.start,
                        end: m.end,
                    });
                }
            }
        }
        // 7. A sector alone.
        let (code, len, _, entry) = sector?;
        let m = matches.iter().find(|m| m.end - m.start == len)?;
        Some(Resolution {
            code: None,
            sector: Some(if former { "ELI".into() } else { code }),
            kind: MentionKind::Sector,
            identifier: None,
            name: None,
            office: None,
            entry: sector_entry.unwrap_or(entry),
            start: m.start,
            end: m.end,
        })
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

/// Start offsets of capitalised words not inside any match.
fn uncovered_capitalised(text: &str, matches: &[NameMatch]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev_alnum = false;
    for (i, c) in text.char_indices() {
        let alnum = c.is_alphanumeric();
        if alnum && !prev_alnum && c.is_uppercase() && !matches.iter().any(|m| m.start <= i && i < m.end) {
            out.push(i);
        }
        prev_alnum = alnum || c == '\'' || c == '-';
    }
    out
}
