//! # sitrep-lexicon: the world as data, compiled into matchers
//!
//! sitrep's knowledge of states, groups of states, organisations, armed
//! groups, parties, people and their offices, sectors, places, outlets,
//! event patterns and status cues lives in the tab-separated files of the
//! repository's `lexicon/` directory (format: `lexicon/README.md`), not in
//! code. This crate
//!
//! - loads them (the defaults are built into the binary; user directories
//!   are layered on top, a later entry with the same key winning),
//! - validates them ([`check`]: unknown codes, duplicate keys, bad dates,
//!   bad patterns, group cycles — each error names its file and line),
//! - compiles names into one Aho-Corasick matcher and patterns into a
//!   trigger index, once, at start-up,
//! - and resolves phrases to actor codes ([`Lexicon::lookup`]): "Russian
//!   MPs" → RUS LEG, "President Putin" in 2024 → RUS GOV.
//!
//! ```
//! let lex = sitrep_lexicon::Lexicon::load_default().unwrap();
//! let _ = lex.lookup("the Kremlin", None);
//! ```

pub mod entries;
pub mod fasthash;
pub mod inflect;
pub mod load;
pub mod names;
pub mod pattern;
pub mod resolve;
pub mod tsv;

use entries::*;
use load::{Loaded, SourceFile};
use names::{NameMatch, NameRef, NameRole, Names, NamesBuilder, Target};
use sitrep_core::Outlet;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

pub use resolve::Resolution;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_lexicon.rs"));
}

/// A problem in a lexicon file, with its file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct LexiconError {
    pub file: String,
    /// 1-based line; 0 when the problem is the file as a whole.
    pub line: usize,
    pub reason: String,
}

impl LexiconError {
    pub fn at(file: &str, line: usize, reason: String) -> Self {
        LexiconError { file: file.to_string(), line, reason }
    }

    fn render(&self) -> String {
        if self.line == 0 {
            format!("{}: {}", self.file, self.reason)
        } else {
            format!("{}:{}: {}", self.file, self.line, self.reason)
        }
    }
}

/// Loading failed: every error found.
#[derive(Debug, thiserror::Error)]
#[error("{} error(s) in the lexicon; the first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
pub struct LoadErrors(pub Vec<LexiconError>);

/// The result of `sitrep lexicon check`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckReport {
    pub counts: BTreeMap<&'static str, usize>,
    pub errors: Vec<String>,
    pub warnings: Vec<String>,
    /// Content hash of the files loaded: the lexicon version events record.
    pub version: String,
}

/// The compiled lexicon, immutable and shared across threads.
pub struct Lexicon {
    pub states: Vec<State>,
    pub groups: Vec<Group>,
    pub organisations: Vec<Organisation>,
    pub nonstate: Vec<NonState>,
    pub people: Vec<Person>,
    pub sectors: Vec<SectorEntry>,
    pub places: Vec<Place>,
    pub outlets: Vec<OutletEntry>,
    pub regions: Vec<Region>,
    pub patterns: Vec<EventPattern>,
    pub cues: Vec<CueEntry>,
    pub cameo: HashMap<String, CameoEntry>,
    pub irregular: HashMap<String, inflect::Irregular>,
    names: Names,
    outlet_index: HashMap<String, u32>,
    state_index: HashMap<String, u32>,
    group_index: HashMap<String, u32>,
    /// Lower-case word → patterns whose trigger can start with it.
    pub trigger_index: HashMap<String, Vec<u32>>,
    /// Lower-case word → cues whose first word it can be.
    pub cue_index: HashMap<String, Vec<u32>>,
    /// Lower-case surname → people.
    pub surname_index: HashMap<String, Vec<u32>>,
    version: String,
    warnings: Vec<String>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("version", &self.version).field("names", &self.names.len()).finish()
    }
}

fn default_files() -> Vec<SourceFile> {
    embedded::DEFAULT_FILES
        .iter()
        .map(|(rel, text)| SourceFile {
            rel: rel.to_string(),
            display: format!("lexicon/{rel}"),
            text: std::borrow::Cow::Borrowed(*text),
            layer: 0,
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "tsv") {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads the `.tsv` files of user lexicon directories, layer 1, 2, …
fn user_files(dirs: &[PathBuf]) -> Result<Vec<SourceFile>, LexiconError> {
    let mut out = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let shown = dir.display().to_string();
        if !dir.is_dir() {
            return Err(LexiconError::at(&shown, 0, "not a directory".into()));
        }
        let mut files = Vec::new();
        walk(dir, &mut files).map_err(|e| LexiconError::at(&shown, 0, e.to_string()))?;
        for f in files {
            let display = f.display().to_string();
            let bytes = std::fs::read(&f).map_err(|e| LexiconError::at(&display, 0, e.to_string()))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                LexiconError::at(
                    &display,
                    0,
                    format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
                )
            })?;
            let rel = f.strip_prefix(dir).unwrap_or(&f).to_string_lossy().replace('\\', "/");
            out.push(SourceFile { rel, display, text: text.into(), layer: i + 1 });
        }
    }
    Ok(out)
}

fn version_of(files: &[SourceFile]) -> String {
    let parts: Vec<&[u8]> = files.iter().flat_map(|f| [f.rel.as_bytes(), f.text.as_bytes()]).collect();
    sitrep_core::content_hash(&parts)[..16].to_string()
}

fn counts(l: &Loaded) -> BTreeMap<&'static str, usize> {
    let mut c = BTreeMap::new();
    c.insert("states", l.states.len());
    c.insert("groups", l.groups.len());
    c.insert("organisations", l.organisations.len());
    c.insert("armed_groups", l.nonstate.iter().filter(|n| !n.party).count());
    c.insert("parties", l.nonstate.iter().filter(|n| n.party).count());
    c.insert("people", l.people.len());
    c.insert("offices", l.people.iter().map(|p| p.offices.len()).sum());
    c.insert("sectors", l.sectors.len());
    c.insert("sector_phrases", l.sectors.iter().map(|s| s.phrases.len()).sum());
    c.insert("places", l.places.len());
    c.insert("event_patterns", l.patterns.len());
    c.insert("cues", l.cues.len());
    c.insert("verbs", l.irregular.len());
    c.insert("cameo_codes", l.cameo.len());
    c.insert("outlets", l.outlets.len());
    c.insert("regions", l.regions.len());
    c
}

/// Validates the default lexicon plus `dirs` and counts entries.
pub fn check(dirs: &[PathBuf]) -> CheckReport {
    let mut files = default_files();
    let mut errors = Vec::new();
    match user_files(dirs) {
        Ok(u) => files.extend(u),
        Err(e) => errors.push(e.to_string()),
    }
    let version = version_of(&files);
    let loaded = load::load(&files);
    let counts = counts(&loaded);
    errors.extend(loaded.errors.iter().map(|e| e.to_string()));
    let warnings = loaded.warnings.clone();
    if errors.is_empty() {
        if let Err(e) = Lexicon::compile(loaded, version.clone()) {
            errors.extend(e.0.iter().map(|e| e.to_string()));
        }
    }
    CheckReport { counts, errors, warnings, version }
}

impl Lexicon {
    /// The lexicon built into the binary.
    pub fn load_default() -> Result<Lexicon, LoadErrors> {
        Lexicon::load(&[])
    }

    /// The defaults with `dirs` layered on top, in order.
    pub fn load(dirs: &[PathBuf]) -> Result<Lexicon, LoadErrors> {
        let mut files = default_files();
        files.extend(user_files(dirs).map_err(|e| LoadErrors(vec![e]))?);
        let version = version_of(&files);
        // The name matcher is compiled while a second thread parses the
        // event patterns.
        let (loaded, names) = load::load_with(&files, compile_names);
        if !loaded.errors.is_empty() {
            return Err(LoadErrors(loaded.errors));
        }
        Lexicon::assemble(loaded, names?, version)
    }

    fn compile(l: Loaded, version: String) -> Result<Lexicon, LoadErrors> {
        let names = compile_names(&l)?;
        Lexicon::assemble(l, names, version)
    }

    fn assemble(l: Loaded, compiled: CompiledNames, version: String) -> Result<Lexicon, LoadErrors> {
        let CompiledNames { names, surname_index } = compiled;

        let mut outlet_index = HashMap::new();
        for (i, o) in l.outlets.iter().enumerate() {
            outlet_index.insert(o.domain.clone(), i as u32);
            for a in &o.aliases {
                outlet_index.entry(a.clone()).or_insert(i as u32);
            }
        }
        let state_index = l.states.iter().enumerate().map(|(i, s)| (s.code.clone(), i as u32)).collect();
        let group_index = l.groups.iter().enumerate().map(|(i, g)| (g.code.clone(), i as u32)).collect();
        let mut trigger_index: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, p) in l.patterns.iter().enumerate() {
            let mut words = p.pattern.elems[p.pattern.trigger].first_words();
            words.sort();
            words.dedup();
            for w in words {
                trigger_index.entry(w).or_default().push(i as u32);
            }
        }
        let mut cue_index: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, c) in l.cues.iter().enumerate() {
            let first = c.pattern.elems.iter().find(|e| !e.first_words().is_empty());
            if let Some(e) = first {
                let mut words = e.first_words();
                words.sort();
                words.dedup();
                for w in words {
                    cue_index.entry(w).or_default().push(i as u32);
                }
            }
        }
        Ok(Lexicon {
            states: l.states,
            groups: l.groups,
            organisations: l.organisations,
            nonstate: l.nonstate,
            people: l.people,
            sectors: l.sectors,
            places: l.places,
            outlets: l.outlets,
            regions: l.regions,
            patterns: l.patterns,
            cues: l.cues,
            cameo: l.cameo,
            irregular: l.irregular,
            names,
            outlet_index,
            state_index,
            group_index,
            trigger_index,
            cue_index,
            surname_index,
            version,
            warnings: l.warnings,
        })
    }

    /// The content hash of the files this lexicon was built from.
    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn names(&self) -> &Names {
        &self.names
    }

    /// Longest leftmost names in `text`, without the person and place
    /// names that are only part of a longer unknown name ("Juan Carlos"
    /// in "Juan Carlos Jobet", "Valencia" in "Feliciano Valencia").
    pub fn find_names(&self, text: &str) -> Vec<NameMatch> {
        let all = self.names.find(text);
        let mut keep = Vec::with_capacity(all.len());
        for (k, m) in all.iter().enumerate() {
            let weak =
                self.names.refs(m.surface).iter().all(|r| matches!(r.target, Target::Person(_) | Target::Place(_)));
            if weak {
                let before = k.checked_sub(1).map(|j| all[j].end);
                let after = all.get(k + 1).map(|n| n.start);
                if adjacent_unknown_name(text, m.start, m.end, before, after) {
                    continue;
                }
            }
            keep.push(*m);
        }
        keep
    }

    pub fn state(&self, code: &str) -> Option<&State> {
        self.state_index.get(code).map(|&i| &self.states[i as usize])
    }

    pub fn group(&self, code: &str) -> Option<&Group> {
        self.group_index.get(code).map(|&i| &self.groups[i as usize])
    }

    /// The outlet a URL belongs to: its host, then each parent domain.
    pub fn outlet_for_url(&self, url: &str) -> Option<Outlet> {
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        let host = rest.split(['/', '?', '#']).next()?;
        let host = host.rsplit('@').next()?.split(':').next()?.trim_end_matches('.').to_ascii_lowercase();
        let mut h = host.as_str();
        loop {
            if let Some(&i) = self.outlet_index.get(h) {
                let o = &self.outlets[i as usize];
                return Some(Outlet {
                    domain: o.domain.clone(),
                    name: o.name.clone(),
                    country: o.country.clone(),
                    ownership: o.ownership,
                });
            }
            match h.split_once('.') {
                Some((_, parent)) if parent.contains('.') => h = parent,
                _ => return None,
            }
        }
    }

    /// The CAMEO entry of a code.
    pub fn cameo(&self, code: &str) -> Option<&CameoEntry> {
        self.cameo.get(code)
    }
}

/// The name matcher and surname index, compiled from loaded entries.
struct CompiledNames {
    names: Names,
    surname_index: HashMap<String, Vec<u32>>,
}

fn compile_names(l: &Loaded) -> Result<CompiledNames, LoadErrors> {
    let mut b = NamesBuilder::default();
    let r = |target, role| NameRef { target, role };
    for (i, s) in l.states.iter().enumerate() {
        let t = Target::State(i as u32);
        b.add(&s.name, r(t, NameRole::Name));
        for n in &s.names {
            b.add(n, r(t, NameRole::Name));
        }
        for n in &s.adjectives {
            b.add(n, r(t, NameRole::Adjective));
        }
        for n in &s.demonyms {
            b.add(n, r(t, NameRole::Demonym));
        }
        for n in &s.capitals {
            b.add(n, r(t, NameRole::Capital));
        }
        for (k, (n, _)) in s.metonyms.iter().enumerate() {
            b.add(n, r(t, NameRole::Metonym(k as u16)));
        }
    }
    // A group's `name` is its display name; the names that match are in
    // `names` ("Middle East" is the group MEA's name, but "the Middle East"
    // alone is a place, in regions.tsv).
    for (i, g) in l.groups.iter().enumerate() {
        if g.names.is_empty() {
            b.add(&g.name, r(Target::Group(i as u32), NameRole::Name));
        }
        for n in &g.names {
            b.add(n, r(Target::Group(i as u32), NameRole::Name));
        }
    }
    for (i, o) in l.organisations.iter().enumerate() {
        let t = Target::Org(i as u32);
        b.add(&o.name, r(t, NameRole::Name));
        for n in &o.names {
            b.add(n, r(t, NameRole::Name));
        }
    }
    for (i, o) in l.nonstate.iter().enumerate() {
        let t = Target::NonState(i as u32);
        b.add(&o.name, r(t, NameRole::Name));
        for n in &o.names {
            b.add(n, r(t, NameRole::Name));
        }
    }
    let mut surname_index: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, p) in l.people.iter().enumerate() {
        let t = Target::Person(i as u32);
        b.add(&p.name, r(t, NameRole::Name));
        for n in &p.variants {
            b.add(n, r(t, NameRole::Name));
        }
        if !p.surname.is_empty() {
            surname_index.entry(p.surname.to_lowercase()).or_default().push(i as u32);
        }
    }
    for (i, s) in l.sectors.iter().enumerate() {
        for ph in &s.phrases {
            b.add(ph, r(Target::Sector(i as u32), NameRole::SectorPhrase));
        }
    }
    for (i, p) in l.places.iter().enumerate() {
        let t = Target::Place(i as u32);
        b.add(&p.name, r(t, NameRole::Name));
        for n in &p.names {
            b.add(n, r(t, NameRole::Name));
        }
    }
    for (i, g) in l.regions.iter().enumerate() {
        let t = Target::Region(i as u32);
        b.add(&g.name, r(t, NameRole::Name));
        for n in &g.names {
            b.add(n, r(t, NameRole::Name));
        }
    }
    for (i, o) in l.outlets.iter().enumerate() {
        for n in &o.actor_names {
            b.add(n, r(Target::Outlet(i as u32), NameRole::Name));
        }
    }
    let names = b.build().map_err(|e| LoadErrors(vec![LexiconError::at("lexicon", 0, e)]))?;
    Ok(CompiledNames { names, surname_index })
}

/// Capitalised words that start sentences and headings rather than names.
const NOT_NAMES: &[&str] = &[
    "A",
    "An",
    "The",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "With",
    "And",
    "But",
    "Or",
    "As",
    "After",
    "Before",
    "During",
    "When",
    "While",
    "If",
    "Since",
    "Until",
    "Under",
    "Over",
    "Into",
    "Near",
    "Outside",
    "Inside",
    "Across",
    "Against",
    "Between",
    "Meanwhile",
    "However",
    "Speaking",
    "According",
    "Former",
    "Then",
    "There",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Both",
    "All",
    "Some",
    "Many",
    "Most",
    "Several",
    "Two",
    "Three",
    "New",
    "Today",
    "Yesterday",
    "Last",
    "Next",
    "Also",
    "Not",
];

/// True when a capitalised word that no other match covers touches the
/// span `[start, end)` across a single space: the span is part of a longer
/// proper name the lexicon does not know.
fn adjacent_unknown_name(
    text: &str,
    start: usize,
    end: usize,
    prev_end: Option<usize>,
    next_start: Option<usize>,
) -> bool {
    let is_name_word = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().count() > 1
            && !NOT_NAMES.contains(&w.trim_end_matches('.'))
    };
    let before = &text[..start];
    if let Some(b) = before.strip_suffix(' ') {
        let word_start = b
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '.'))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let word = &b[word_start..];
        if is_name_word(word) && prev_end.is_none_or(|p| p <= word_start) {
            return true;
        }
    }
    let after = &text[end..];
    if let Some(a) = after.strip_prefix(' ') {
        let word = a.split(|c: char| !(c.is_alphanumeric() || c == '-')).next().unwrap_or("");
        if is_name_word(word) && next_start.is_none_or(|n| n > end + 1) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests;
