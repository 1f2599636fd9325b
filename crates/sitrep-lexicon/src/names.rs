//! The name matcher: every name, variant, adjective, demonym, capital,
//! metonym, organisation, armed group, person, sector phrase and place,
//! compiled once into a trie of words and scanned once over a text.
//!
//! Names match text word for word, so the matcher works on words rather
//! than bytes: a text is cut into tokens (runs of letters and digits, and
//! single other characters such as `-`, `.`, `'`), each token is hashed in
//! ASCII lower case, and from every token a walk down the trie (edges keyed
//! by the token's hash) finds every name starting there. Each hit is then
//! checked against the name itself: same letters, and the lexicon's case
//! rule (letters written upper case in the lexicon must be upper case in
//! the text). Word boundaries come free with the tokens, and so do names
//! that end in punctuation ("U.S.", "ex-").
//!
//! Why not a byte-level Aho-Corasick automaton: with some 29,000 names,
//! building an ASCII-case-insensitive automaton took about 0.6 s of CPU and
//! a case-sensitive one over lower-cased names about 0.12 s on the build
//! machine, against a load budget of 0.1 s for the whole lexicon; the word
//! trie builds in a few milliseconds and scans at a comparable speed (see
//! `benches/lexicon.rs`).
//!
//! Tokens of a name may be separated in the text by spaces or tabs (not a
//! line break); straight and curly apostrophes are the same token.

use crate::fasthash::FxHashMap;
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
    /// A sea, strait, continent or region (`regions.tsv`).
    Region(u32),
    /// A news outlet named as an actor (`outlets.tsv` `actor_names`).
    Outlet(u32),
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
    /// Hash of a surface → its id (surfaces whose hash is taken by another
    /// surface go to `collided`).
    index: FxHashMap<u64, u32>,
    collided: HashMap<String, u32>,
    refs: Vec<Vec<NameRef>>,
}

fn fold_diacritics(s: &str) -> String {
    s.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect()
}

/// True for characters inside a word token: letters, digits and combining
/// marks.
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && unicode_normalization::char::is_combining_mark(c))
}

/// Apostrophes and quotation marks that stand for one another.
#[inline]
fn canonical(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
        c => c,
    }
}

/// The one character of a single-character token, apostrophes unified.
fn single(tok: &str) -> Option<char> {
    let mut cs = tok.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Some(canonical(c)),
        _ => None,
    }
}

/// The hash of a token, over its ASCII-lower-cased bytes (apostrophes
/// unified).
fn token_hash(tok: &str) -> u64 {
    use std::hash::Hasher;
    let mut tmp = [0u8; 4];
    let bytes = match single(tok) {
        Some(c) if !tok.is_ascii() => c.encode_utf8(&mut tmp).as_bytes(),
        _ => tok.as_bytes(),
    };
    let mut h = crate::fasthash::FxHasher::default();
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        for (d, s) in w.iter_mut().zip(c) {
            *d = s.to_ascii_lowercase();
        }
        h.write_u64(u64::from_le_bytes(w));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        for (d, s) in w.iter_mut().zip(rest) {
            *d = s.to_ascii_lowercase();
        }
        h.write_u64(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
    }
    h.finish()
}

/// One token of a text.
#[derive(Debug, Clone, Copy)]
struct Tok {
    start: u32,
    end: u32,
    /// Whether it may continue a name begun on the previous token (no line
    /// break between them).
    joined: bool,
}

/// Cuts `text` into word tokens and single-character tokens.
fn tokenize(text: &str, out: &mut Vec<Tok>) {
    let mut joined = true;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                joined = false;
            }
            continue;
        }
        let mut end = i + c.len_utf8();
        if is_word_char(c) {
            while let Some(&(j, d)) = it.peek() {
                if !is_word_char(d) {
                    break;
                }
                end = j + d.len_utf8();
                it.next();
            }
        }
        out.push(Tok { start: i as u32, end: end as u32, joined });
        joined = true;
    }
}

/// True when a text token matches a name's token: same letters (ASCII
/// case aside, apostrophes unified) and every upper-case letter of the
/// name upper case in the text.
fn token_matches(name_tok: &str, text_tok: &str) -> bool {
    let (p, t) = (name_tok.as_bytes(), text_tok.as_bytes());
    if p.len() == t.len() && p.eq_ignore_ascii_case(t) {
        return p.iter().zip(t).all(|(a, b)| !a.is_ascii_uppercase() || b.is_ascii_uppercase());
    }
    matches!((single(name_tok), single(text_tok)), (Some(a), Some(b)) if a == b)
}

impl NamesBuilder {
    fn add_one(&mut self, surface: String, r: NameRef) {
        use std::hash::BuildHasher;
        let h = crate::fasthash::FxBuild::default().hash_one(surface.as_str());
        let next = self.surfaces.len() as u32;
        let id = match self.index.get(&h) {
            Some(&i) if self.surfaces[i as usize] == surface => i,
            Some(_) => *self.collided.entry(surface.clone()).or_insert(next),
            None => {
                self.index.insert(h, next);
                next
            }
        };
        if id == next {
            self.surfaces.push(surface);
            self.refs.push(Vec::new());
        }
        let refs = &mut self.refs[id as usize];
        if !refs.contains(&r) {
            refs.push(r);
        }
    }

    /// Adds `surface` and its spelling variants: hyphen or space between
    /// name parts, diacritics folded (apostrophes need no variant).
    pub fn add(&mut self, surface: &str, r: NameRef) {
        let mut s = String::with_capacity(surface.len());
        for w in surface.split_whitespace() {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(w);
        }
        if s.is_empty() {
            return;
        }
        if !s.is_ascii() {
            let folded = fold_diacritics(&s);
            if folded != s {
                if folded.contains('-') {
                    self.add_one(folded.replace('-', " "), r);
                }
                self.add_one(folded, r);
            }
        }
        if s.contains('-') {
            self.add_one(s.replace('-', " "), r);
        }
        self.add_one(s, r);
    }

    pub fn build(self) -> Result<Names, String> {
        let mut edges: FxHashMap<(u32, u64), u32> = FxHashMap::default();
        edges.reserve(self.surfaces.len() * 2);
        let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
        let mut toks = Vec::new();
        for (i, s) in self.surfaces.iter().enumerate() {
            toks.clear();
            tokenize(s, &mut toks);
            if toks.is_empty() {
                continue;
            }
            let mut node = 0u32;
            for t in &toks {
                let h = token_hash(&s[t.start as usize..t.end as usize]);
                let next = ends.len() as u32;
                node = *edges.entry((node, h)).or_insert(next);
                if node == next {
                    ends.push(Vec::new());
                }
            }
            ends[node as usize].push(i as u32);
        }
        if ends.len() > u32::MAX as usize / 2 {
            return Err("building the name matcher: too many names".into());
        }
        let mut shared = vec![false; self.surfaces.len()];
        for e in ends.iter().filter(|e| e.len() > 1) {
            for &i in e {
                shared[i as usize] = true;
            }
        }
        Ok(Names { edges, ends, shared, surfaces: self.surfaces, refs: self.refs })
    }
}

/// The compiled matcher.
pub struct Names {
    /// (trie node, token hash) → child node; the root is node 0.
    edges: FxHashMap<(u32, u64), u32>,
    /// The surfaces whose last token leads to each node.
    ends: Vec<Vec<u32>>,
    /// Whether a surface shares its node with others (same words, other
    /// case or spelling).
    shared: Vec<bool>,
    surfaces: Vec<String>,
    refs: Vec<Vec<NameRef>>,
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

    /// The references of every surface that the text of `m` spells:
    /// surfaces with the same words share a span ("Defense Department" is
    /// a US metonym and, in any case, a sector phrase), and [`Names::find`]
    /// reports one of them.
    pub fn refs_at(&self, text: &str, m: &NameMatch) -> std::borrow::Cow<'_, [NameRef]> {
        use std::borrow::Cow;
        if !self.shared.get(m.surface as usize).copied().unwrap_or(false) {
            return Cow::Borrowed(self.refs(m.surface));
        }
        let Some(span) = text.get(m.start..m.end) else { return Cow::Borrowed(self.refs(m.surface)) };
        let mut toks = Vec::new();
        tokenize(span, &mut toks);
        let mut node = 0u32;
        for t in &toks {
            match self.edges.get(&(node, token_hash(&span[t.start as usize..t.end as usize]))) {
                Some(&n) => node = n,
                None => return Cow::Borrowed(self.refs(m.surface)),
            }
        }
        let mut out: Vec<NameRef> = self.refs(m.surface).to_vec();
        let mut scratch = Vec::new();
        for &id in &self.ends[node as usize] {
            if id != m.surface && self.valid(span, &toks, id, &mut scratch) {
                for r in self.refs(id) {
                    if !out.contains(r) {
                        out.push(*r);
                    }
                }
            }
        }
        Cow::Owned(out)
    }

    /// The surface id of an exact name, if the lexicon has it.
    pub fn lookup_exact(&self, s: &str) -> Option<u32> {
        self.surfaces.iter().position(|x| x == s).map(|i| i as u32)
    }

    /// Whether the text tokens `toks` spell `surface`.
    fn valid(&self, text: &str, toks: &[Tok], surface: u32, scratch: &mut Vec<Tok>) -> bool {
        let s = self.surfaces[surface as usize].as_str();
        scratch.clear();
        tokenize(s, scratch);
        scratch.len() == toks.len()
            && scratch.iter().zip(toks).all(|(p, t)| {
                token_matches(&s[p.start as usize..p.end as usize], &text[t.start as usize..t.end as usize])
            })
    }

    /// Every valid hit, overlapping ones included, in order of start
    /// (longest first).
    pub fn find_all(&self, text: &str) -> Vec<NameMatch> {
        let mut toks = Vec::with_capacity(text.len() / 5 + 1);
        tokenize(text, &mut toks);
        let hashes: Vec<u64> = toks.iter().map(|t| token_hash(&text[t.start as usize..t.end as usize])).collect();
        let mut out = Vec::new();
        let mut scratch = Vec::new();
        for i in 0..toks.len() {
            let first = out.len();
            let mut node = 0u32;
            for j in i..toks.len() {
                if j > i && !toks[j].joined {
                    break;
                }
                match self.edges.get(&(node, hashes[j])) {
                    Some(&n) => node = n,
                    None => break,
                }
                for &id in &self.ends[node as usize] {
                    if self.valid(text, &toks[i..=j], id, &mut scratch) {
                        out.push(NameMatch { start: toks[i].start as usize, end: toks[j].end as usize, surface: id });
                    }
                }
            }
            // Longest first; among hits of one span, the surface defined
            // first (states before sector words: "Self-Defense Forces" is
            // Japan's before it is any self-defence force).
            out[first..].sort_by(|a, b| b.end.cmp(&a.end).then(a.surface.cmp(&b.surface)));
        }
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
