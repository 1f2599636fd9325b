//! The name matcher: every name, variant, adjective, demonym, capital,
//! metonym, organisation, armed group, person, sector phrase and place in
//! one Aho-Corasick automaton, scanned once over a text.
//!
//! Matching is ASCII-case-insensitive in the automaton; each hit is then
//! checked against the lexicon's case rule (letters written upper case in
//! the lexicon must be upper case in the text) and word boundaries, and
//! the longest leftmost valid hits are kept.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// What a surface form points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    State(u32),
    Group(u32),
    Org(u32),
    NonState(u32),
    Person(u32),
    Sector(u32),
    Place(u32),
}

/// How the surface names its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameRole {
    Name,
    Adjective,
    Demonym,
    Capital,
    /// A seat of power; the index of the metonym in the state's list.
    Metonym(u16),
    /// A sector phrase (its role is in the sector entry).
    SectorPhrase,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NameRef {
    pub target: Target,
    pub role: NameRole,
}

/// A hit in a text: the byte span and the surface's references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameMatch {
    pub start: usize,
    pub end: usize,
    pub surface: u32,
}

/// Builds the matcher from (surface, reference) pairs.
#[derive(Default)]
pub struct NamesBuilder {
    surfaces: Vec<String>,
    index: HashMap<String, u32>,
    refs: Vec<Vec<NameRef>>,
}

fn fold_diacritics(s: &str) -> String {
    s.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect()
}

impl NamesBuilder {
    fn add_one(&mut self, surface: String, r: NameRef) {
        let id = match self.index.get(&surface) {
            Some(&i) => i,
            None => {
                let i = self.surfaces.len() as u32;
                self.surfaces.push(surface.clone());
                self.refs.push(Vec::new());
                self.index.insert(surface, i);
                i
            }
        };
        let refs = &mut self.refs[id as usize];
        if !refs.contains(&r) {
            refs.push(r);
        }
    }

    /// Adds `surface` and its spelling variants: straight/curly
    /// apostrophes, hyphen/space between name parts, diacritics folded.
    pub fn add(&mut self, surface: &str, r: NameRef) {
        let s = surface.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return;
        }
        let mut forms = vec![s.clone()];
        let folded = fold_diacritics(&s);
        if folded != s {
            forms.push(folded);
        }
        let mut extra = Vec::new();
        for f in &forms {
            if f.contains('-') {
                extra.push(f.replace('-', " "));
            }
        }
        forms.extend(extra);
        let mut extra = Vec::new();
        for f in &forms {
            if f.contains('\'') {
                extra.push(f.replace('\'', "’"));
            }
            if f.contains('’') {
                extra.push(f.replace('’', "'"));
            }
        }
        forms.extend(extra);
        for f in forms {
            self.add_one(f, r);
        }
    }

    pub fn build(self) -> Result<Names, String> {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&self.surfaces)
            .map_err(|e| format!("building the name matcher: {e}"))?;
        Ok(Names { ac, surfaces: self.surfaces, refs: self.refs })
    }
}

/// The compiled matcher.
pub struct Names {
    ac: AhoCorasick,
    surfaces: Vec<String>,
    refs: Vec<Vec<NameRef>>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

impl Names {
    pub fn len(&self) -> usize {
        self.surfaces.len()
    }

    pub fn is_empty(&self) -> bool {
        self.surfaces.is_empty()
    }

    pub fn refs(&self, surface: u32) -> &[NameRef] {
        &self.refs[surface as usize]
    }

    pub fn surface(&self, surface: u32) -> &str {
        &self.surfaces[surface as usize]
    }

    /// The surface id of an exact name, if the lexicon has it.
    pub fn lookup_exact(&self, s: &str) -> Option<u32> {
        self.surfaces.iter().position(|x| x == s).map(|i| i as u32)
    }

    fn valid(&self, text: &str, start: usize, end: usize, surface: u32) -> bool {
        let pat = self.surfaces[surface as usize].as_bytes();
        let got = &text.as_bytes()[start..end];
        if pat.iter().zip(got).any(|(p, g)| p.is_ascii_uppercase() && !g.is_ascii_uppercase()) {
            return false;
        }
        let before_ok = text[..start].chars().next_back().is_none_or(|c| !is_word_char(c));
        // A name ending in a period ("U.S.") may be followed by anything.
        let after_ok = pat.last() == Some(&b'.') || text[end..].chars().next().is_none_or(|c| !is_word_char(c));
        before_ok && after_ok
    }

    /// Every valid hit, overlapping ones included, in order of start.
    pub fn find_all(&self, text: &str) -> Vec<NameMatch> {
        let mut out = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let id = m.pattern().as_u32();
            if self.valid(text, s, e, id) {
                out.push(NameMatch { start: s, end: e, surface: id });
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        out
    }

    /// The longest leftmost non-overlapping valid hits.
    pub fn find(&self, text: &str) -> Vec<NameMatch> {
        let all = self.find_all(text);
        let mut out: Vec<NameMatch> = Vec::with_capacity(all.len());
        for m in all {
            if out.last().is_none_or(|l| m.start >= l.end) {
                out.push(m);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Names {
        let mut b = NamesBuilder::default();
        for (i, s) in list.iter().enumerate() {
            b.add(s, NameRef { target: Target::State(i as u32), role: NameRole::Name });
        }
        b.build().unwrap()
    }

    fn hits(n: &Names, t: &str) -> Vec<String> {
        n.find(t).iter().map(|m| t[m.start..m.end].to_string()).collect()
    }

    #[test]
    fn case_rule_and_boundaries() {
        let n = names(&["US", "Turkey", "the West", "North Korea", "North Korean", "U.S."]);
        assert_eq!(hits(&n, "the US and us"), ["US"]);
        assert_eq!(hits(&n, "Turkey, not turkey"), ["Turkey"]);
        assert_eq!(hits(&n, "The West and the west bank"), ["The West"]);
        assert_eq!(hits(&n, "North Korean troops in North Korea's"), ["North Korean", "North Korea"]);
        assert_eq!(hits(&n, "USA"), Vec::<String>::new());
        assert_eq!(hits(&n, "U.S.-led talks"), ["U.S."]);
    }

    #[test]
    fn spelling_variants() {
        let n = names(&["Kim Jong-un", "Côte d'Ivoire", "Erdoğan"]);
        assert_eq!(hits(&n, "Kim Jong Un met"), ["Kim Jong Un"]);
        assert_eq!(hits(&n, "Kim Jong-Un met"), ["Kim Jong-Un"]);
        assert_eq!(hits(&n, "in Côte d’Ivoire"), ["Côte d’Ivoire"]);
        assert_eq!(hits(&n, "Erdogan said"), ["Erdogan"]);
    }
}
