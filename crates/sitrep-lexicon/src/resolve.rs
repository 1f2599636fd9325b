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
        self.resolve_matches(phrase, &matches, date)
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
                let last = p.offices.iter().filter(|o| ended_before(o, d)).max_by_key(|o| o.valid.to)?;
                Some(Standing { code: last.country.clone(), sector: "ELI".into(), office: None })
            }
            None => {
                let last = p.offices.iter().max_by_key(|o| o.valid.to)?;
                Some(Standing { code: last.country.clone(), sector: "ELI".into(), office: None })
            }
        }
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
    pub fn resolve_matches(&self, text: &str, matches: &[NameMatch], date: Option<Date>) -> Option<Resolution> {
        let mut sector: Option<(String, usize, SectorRole, String)> = None; // (code, phrase length, role, entry)
        let mut former = false;
        let mut title_end: Option<usize> = None;
        for m in matches {
            for r in self.names.refs(m.surface) {
                if let Target::Sector(i) = r.target {
                    let s = &self.sectors[i as usize];
                    if s.role == SectorRole::Modifier && s.sector == "ELI" {
                        former = true;
                        continue;
                    }
                    if s.role == SectorRole::Title {
                        title_end = Some(m.end);
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

        // 1. A person named in full.
        for m in matches {
            for r in self.names.refs(m.surface) {
                if let Target::Person(i) = r.target {
                    return self.person_resolution(i, date, former, m.start, m.end);
                }
            }
        }
        // 1b. A title followed by a known surname ("President Putin").
        if let Some(te) = title_end {
            let rest = &text[te..];
            let word: String = rest.trim_start().chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
            if word.chars().next().is_some_and(char::is_uppercase) {
                if let Some(i) = self.person_by_surname(&word, date) {
                    let start = te + (rest.len() - rest.trim_start().len());
                    return self.person_resolution(i, date, former, start, start + word.len());
                }
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
                    NameRole::Demonym => Some("CVL".to_string()),
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
        start: usize,
        end: usize,
    ) -> Option<Resolution> {
        let p = &self.people[i as usize];
        let st = self.standing(i, date)?;
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
