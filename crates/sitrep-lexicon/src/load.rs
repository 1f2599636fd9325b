//! Loading: files → validated entries, merged in layers (the defaults,
//! then each `--lexicon DIR` in order; a later entry with the same key
//! replaces an earlier one). Every problem is collected with its file and
//! line, so `sitrep lexicon check` can list them all at once.

use crate::entries::*;
use crate::fasthash::FxHashMap;
use crate::inflect::Irregular;
use crate::pattern;
use crate::tsv::{Record, Table};
use crate::LexiconError;
use sitrep_core::{Date, EventType, Ownership};
use std::collections::{HashMap, HashSet};

/// One lexicon file to load: its path relative to its directory, its
/// text, and its layer (0 for the defaults).
pub struct SourceFile {
    pub rel: String,
    pub display: String,
    /// Borrowed for the files built into the binary, owned for user files.
    pub text: std::borrow::Cow<'static, str>,
    pub layer: usize,
}

/// What kind of file a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FileKind {
    Verbs,
    Cameo,
    States,
    Groups,
    Organisations,
    ArmedGroups,
    Parties,
    People,
    Sectors,
    Places,
    Outlets,
    Regions,
    Patterns,
    Cues,
}

fn file_kind(rel: &str) -> Option<FileKind> {
    let rel = rel.trim_start_matches("./");
    let dir = rel.split('/').next().unwrap_or("");
    let nested = rel.contains('/');
    Some(match (dir, nested) {
        ("people", true) | ("people.tsv", false) => FileKind::People,
        ("patterns", true) | ("patterns.tsv", false) => FileKind::Patterns,
        ("places", true) | ("places.tsv", false) => FileKind::Places,
        ("states.tsv", false) => FileKind::States,
        ("groups.tsv", false) => FileKind::Groups,
        ("organisations.tsv", false) | ("organizations.tsv", false) => FileKind::Organisations,
        ("armed_groups.tsv", false) => FileKind::ArmedGroups,
        ("parties.tsv", false) => FileKind::Parties,
        ("sectors.tsv", false) => FileKind::Sectors,
        ("outlets.tsv", false) => FileKind::Outlets,
        ("regions.tsv", false) => FileKind::Regions,
        ("cues.tsv", false) => FileKind::Cues,
        ("verbs.tsv", false) => FileKind::Verbs,
        ("cameo.tsv", false) => FileKind::Cameo,
        _ => return None,
    })
}

/// Entries of one kind keyed for merging: a later layer replaces, the same
/// layer twice is a duplicate.
pub struct Keyed<T> {
    pub items: Vec<T>,
    index: FxHashMap<String, (usize, usize, Source)>,
    removed: Vec<bool>,
}

impl<T> Default for Keyed<T> {
    fn default() -> Self {
        Keyed { items: Vec::new(), index: FxHashMap::default(), removed: Vec::new() }
    }
}

impl<T> Keyed<T> {
    fn insert(&mut self, key: String, layer: usize, source: &Source, item: T, errors: &mut Vec<LexiconError>) {
        match self.index.get(&key) {
            Some((_, l, first)) if *l == layer => {
                errors.push(LexiconError::at(
                    &source.file,
                    source.line,
                    format!("duplicate key {key:?} (first defined at {first})"),
                ));
            }
            Some((i, _, _)) => {
                let i = *i;
                self.removed[i] = true;
                self.items.push(item);
                self.removed.push(false);
                self.index.insert(key, (self.items.len() - 1, layer, source.clone()));
            }
            None => {
                self.items.push(item);
                self.removed.push(false);
                self.index.insert(key, (self.items.len() - 1, layer, source.clone()));
            }
        }
    }

    /// The surviving entries, in load order.
    pub fn finish(self) -> Vec<T> {
        self.items.into_iter().zip(self.removed).filter(|(_, r)| !r).map(|(t, _)| t).collect()
    }
}

/// Everything loaded, before compilation into matchers.
#[derive(Default)]
pub struct Loaded {
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
    pub irregular: HashMap<String, Irregular>,
    pub cameo: HashMap<String, CameoEntry>,
    pub errors: Vec<LexiconError>,
    pub warnings: Vec<String>,
}

fn date_field(r: &Record, col: &str, end: bool, src: &Source, errors: &mut Vec<LexiconError>) -> Option<Date> {
    let v = r.opt(col)?;
    let d = if end { Date::parse_end(v) } else { Date::parse(v) };
    if d.is_none() {
        errors.push(LexiconError::at(
            &src.file,
            src.line,
            format!("bad date {v:?} in column {col} (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ));
    }
    d
}

fn validity(r: &Record, src: &Source, errors: &mut Vec<LexiconError>) -> Validity {
    let v = Validity { from: date_field(r, "from", false, src, errors), to: date_field(r, "to", true, src, errors) };
    if let (Some(f), Some(t)) = (v.from, v.to) {
        if f > t {
            errors.push(LexiconError::at(&src.file, src.line, format!("`from` {f} is after `to` {t}")));
        }
    }
    v
}

fn strings(v: Vec<&str>) -> Vec<String> {
    v.into_iter().map(str::to_string).collect()
}

const STATE_COLS: &[&str] = &[
    "code",
    "name",
    "names",
    "adjectives",
    "demonyms",
    "capitals",
    "metonyms",
    "from",
    "to",
    "kind",
    "iso2",
    "sovereign",
    "note",
];
const GROUP_COLS: &[&str] = &["code", "name", "names", "members", "sector", "note"];
const ORG_COLS: &[&str] = &["identifier", "code", "name", "names", "sector", "country", "members", "note"];
const NONSTATE_COLS: &[&str] = &["identifier", "name", "names", "country", "sector", "from", "to", "note"];
const PEOPLE_COLS: &[&str] =
    &["id", "name", "variants", "surname", "country", "office", "sector", "from", "to", "org", "note"];
const SECTOR_COLS: &[&str] = &["phrases", "sector", "role", "overrides", "note"];
const REGION_COLS: &[&str] = &["name", "names", "kind", "country", "note"];
const PLACE_COLS: &[&str] =
    &["geonameid", "name", "names", "kind", "country", "admin1", "lat", "lon", "population", "note"];
const OUTLET_COLS: &[&str] = &["domain", "name", "country", "ownership", "aliases", "actor_names", "note"];
const PATTERN_COLS: &[&str] = &["pattern", "event", "mode", "context", "cameo", "note"];
const CUE_COLS: &[&str] = &["phrase", "cue", "scope", "note"];
const VERB_COLS: &[&str] = &["lemma", "third", "past", "participle", "gerund", "note"];
const CAMEO_COLS: &[&str] = &["cameo", "label", "event", "mode", "context", "goldstein", "note"];

/// Loads `files` (all layers) into entries, collecting every error.
pub fn load(files: &[SourceFile]) -> Loaded {
    load_with(files, |_| ()).0
}

/// Like [`load`], running `during` on the entries other than the event
/// patterns and cues while a second thread parses those (the longest
/// part of loading): [`crate::Lexicon::load`] compiles the name matcher
/// there. `during` sees the entries before cross-file validation.
pub(crate) fn load_with<R>(files: &[SourceFile], during: impl FnOnce(&Loaded) -> R) -> (Loaded, R) {
    let mut out = Loaded::default();
    let mut tables: Vec<(FileKind, &SourceFile, Table<'_>)> = Vec::new();
    for f in files {
        let Some(kind) = file_kind(&f.rel) else {
            out.errors.push(LexiconError::at(
                &f.display,
                0,
                "unknown lexicon file: expected states.tsv, groups.tsv, organisations.tsv, armed_groups.tsv, parties.tsv, \
                 sectors.tsv, outlets.tsv, regions.tsv, cues.tsv, verbs.tsv, cameo.tsv, or files under people/, places/, patterns/"
                    .to_string(),
            ));
            continue;
        };
        let (cols, req): (&[&str], &[&str]) = match kind {
            FileKind::States => (STATE_COLS, &["code", "name"]),
            FileKind::Groups => (GROUP_COLS, &["code", "names"]),
            FileKind::Organisations => (ORG_COLS, &["identifier", "code", "name"]),
            FileKind::ArmedGroups | FileKind::Parties => (NONSTATE_COLS, &["identifier", "name", "country", "sector"]),
            FileKind::People => (PEOPLE_COLS, &["id", "name", "country", "sector"]),
            FileKind::Sectors => (SECTOR_COLS, &["phrases", "sector"]),
            FileKind::Places => (PLACE_COLS, &["geonameid", "name", "country", "lat", "lon"]),
            FileKind::Outlets => (OUTLET_COLS, &["domain", "name", "country", "ownership"]),
            FileKind::Regions => (REGION_COLS, &["name", "kind"]),
            FileKind::Patterns => (PATTERN_COLS, &["pattern", "event"]),
            FileKind::Cues => (CUE_COLS, &["phrase", "cue"]),
            FileKind::Verbs => (VERB_COLS, &["lemma"]),
            FileKind::Cameo => (CAMEO_COLS, &["cameo", "label"]),
        };
        match Table::parse(&f.display, &f.text, cols, req) {
            Ok(t) => tables.push((kind, f, t)),
            Err(e) => out.errors.push(e),
        }
    }
    // Verbs and CAMEO codes first: patterns need them.
    tables.sort_by_key(|(k, f, _)| (*k, f.layer));

    let mut maps = Maps::default();

    // Verbs and CAMEO codes come first (the sort above); the patterns and
    // cues, which need the verbs, are then parsed on a second thread while
    // this one loads the rest.
    let split =
        tables.iter().position(|(k, _, _)| !matches!(k, FileKind::Verbs | FileKind::Cameo)).unwrap_or(tables.len());
    let (first, rest) = tables.split_at(split);
    load_tables(first, &mut out, &mut maps);
    let pattern_tables: Vec<&(FileKind, &SourceFile, Table<'_>)> =
        rest.iter().filter(|(k, _, _)| matches!(k, FileKind::Patterns | FileKind::Cues)).collect();
    let irregular = std::mem::take(&mut out.irregular);
    let (pats, during_result) = std::thread::scope(|scope| {
        let worker = scope.spawn(|| load_patterns(&pattern_tables, &irregular));
        load_tables(rest, &mut out, &mut maps);
        maps.finish(&mut out);
        let r = during(&out);
        (worker.join(), r)
    });
    out.irregular = irregular;
    match pats {
        Ok((patterns, cues, errs)) => {
            out.patterns = patterns;
            out.cues = cues;
            out.errors.extend(errs);
        }
        Err(_) => out.errors.push(LexiconError::at("patterns", 0, "the pattern loader failed".into())),
    }
    validate(&mut out);
    (out, during_result)
}

/// The entries being loaded, keyed for merging.
#[derive(Default)]
struct Maps {
    states: Keyed<State>,
    groups: Keyed<Group>,
    orgs: Keyed<Organisation>,
    nonstate: Keyed<NonState>,
    people: FxHashMap<String, (usize, Person, Source)>,
    people_order: Vec<String>,
    sectors: Keyed<SectorEntry>,
    places: Keyed<Place>,
    outlets: Keyed<OutletEntry>,
    regions: Keyed<Region>,
    verb_layer: HashMap<String, (usize, Source)>,
}

impl Maps {
    fn finish(&mut self, out: &mut Loaded) {
        let m = std::mem::take(self);
        let mut people = m.people;
        out.states = m.states.finish();
        out.groups = m.groups.finish();
        out.organisations = m.orgs.finish();
        out.nonstate = m.nonstate.finish();
        out.people = m.people_order.into_iter().filter_map(|id| people.remove(&id).map(|(_, p, _)| p)).collect();
        out.sectors = m.sectors.finish();
        out.places = m.places.finish();
        out.outlets = m.outlets.finish();
        out.regions = m.regions.finish();
    }
}

/// Loads every table but the patterns and cues into the keyed maps.
fn load_tables(tables: &[(FileKind, &SourceFile, Table<'_>)], out: &mut Loaded, maps: &mut Maps) {
    let Maps { states, groups, orgs, nonstate, people, people_order, sectors, places, outlets, regions, verb_layer } =
        maps;
    let errors = &mut out.errors;
    for (kind, f, table) in tables {
        let file: std::sync::Arc<str> = f.display.as_str().into();
        for r in table.records() {
            let src = Source { file: file.clone(), line: r.line };
            let err =
                |errors: &mut Vec<LexiconError>, msg: String| errors.push(LexiconError::at(&src.file, src.line, msg));
            match kind {
                FileKind::Verbs => {
                    let lemma = r.get("lemma").to_lowercase();
                    if lemma.is_empty() {
                        err(errors, "empty lemma".into());
                        continue;
                    }
                    if let Some((l, first)) = verb_layer.get(&lemma) {
                        if *l == f.layer {
                            err(errors, format!("duplicate verb {lemma:?} (first defined at {first})"));
                            continue;
                        }
                    }
                    verb_layer.insert(lemma.clone(), (f.layer, src.clone()));
                    let low = |c: &str| r.list(c).into_iter().map(str::to_lowercase).collect::<Vec<_>>();
                    out.irregular.insert(
                        lemma,
                        Irregular {
                            third: low("third"),
                            past: low("past"),
                            participle: low("participle"),
                            gerund: low("gerund"),
                        },
                    );
                }
                FileKind::Cameo => {
                    let code = r.get("cameo").to_string();
                    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) || code.len() > 4 {
                        err(errors, format!("bad CAMEO code {code:?}"));
                        continue;
                    }
                    let event = match r.opt("event") {
                        Some(e) => match e.parse::<EventType>() {
                            Ok(t) => Some(t),
                            Err(m) => {
                                err(errors, m);
                                None
                            }
                        },
                        None => None,
                    };
                    let goldstein = match r.opt("goldstein") {
                        Some(g) => match g.parse::<f32>() {
                            Ok(v) if (-10.0..=10.0).contains(&v) => Some(v),
                            _ => {
                                err(errors, format!("bad Goldstein value {g:?} (a number from -10 to 10)"));
                                None
                            }
                        },
                        None => None,
                    };
                    out.cameo.insert(
                        code.clone(),
                        CameoEntry {
                            code,
                            label: r.get("label").to_string(),
                            event,
                            mode: r.opt("mode").map(str::to_string),
                            context: strings(r.list("context")),
                            goldstein,
                            source: src.clone(),
                        },
                    );
                }
                FileKind::States => {
                    let code = r.get("code").to_string();
                    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                        err(errors, format!("bad state code {code:?} (three capital letters)"));
                        continue;
                    }
                    let metonyms = r
                        .list("metonyms")
                        .into_iter()
                        .map(|m| match m.split_once('=') {
                            Some((name, sec)) => (name.trim().to_string(), sec.trim().to_string()),
                            None => (m.to_string(), "GOV".to_string()),
                        })
                        .collect();
                    // `sovereign`: CODE or CODE=SECTOR.
                    let sovereign = r.opt("sovereign").map(|v| match v.split_once('=') {
                        Some((c, sec)) => (c.trim().to_string(), Some(sec.trim().to_string())),
                        None => (v.to_string(), None),
                    });
                    let st = State {
                        code: code.clone(),
                        name: r.get("name").to_string(),
                        names: strings(r.list("names")),
                        adjectives: strings(r.list("adjectives")),
                        demonyms: strings(r.list("demonyms")),
                        capitals: strings(r.list("capitals")),
                        metonyms,
                        valid: validity(&r, &src, errors),
                        kind: r.get("kind").to_string(),
                        iso2: r.opt("iso2").map(str::to_string),
                        sovereign: sovereign.as_ref().map(|(c, _)| c.clone()),
                        sovereign_sector: sovereign.and_then(|(_, s)| s),
                        source: src.clone(),
                    };
                    states.insert(code, f.layer, &src, st, errors);
                }
                FileKind::Groups => {
                    let code = r.get("code").to_string();
                    let names = strings(r.list("names"));
                    let g = Group {
                        code: code.clone(),
                        name: r.opt("name").map(str::to_string).or_else(|| names.first().cloned()).unwrap_or_default(),
                        names,
                        members: strings(r.list("members")),
                        source: src.clone(),
                    };
                    groups.insert(code, f.layer, &src, g, errors);
                }
                FileKind::Organisations => {
                    let id = r.get("identifier").to_string();
                    let o = Organisation {
                        identifier: id.clone(),
                        code: r.get("code").to_string(),
                        name: r.get("name").to_string(),
                        names: strings(r.list("names")),
                        sector: r.opt("sector").map(str::to_string),
                        country: r.opt("country").map(str::to_string),
                        source: src.clone(),
                    };
                    orgs.insert(id, f.layer, &src, o, errors);
                }
                FileKind::ArmedGroups | FileKind::Parties => {
                    let id = r.get("identifier").to_string();
                    // `sector` may list several, primary first: REB|ISM.
                    let sectors = strings(r.list("sector"));
                    let n = NonState {
                        identifier: id.clone(),
                        name: r.get("name").to_string(),
                        names: strings(r.list("names")),
                        country: r.get("country").to_string(),
                        sector: sectors.first().cloned().unwrap_or_default(),
                        sectors,
                        valid: validity(&r, &src, errors),
                        party: *kind == FileKind::Parties,
                        source: src.clone(),
                    };
                    nonstate.insert(id, f.layer, &src, n, errors);
                }
                FileKind::People => {
                    let id = r.get("id").to_string();
                    if id.is_empty()
                        || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
                    {
                        err(errors, format!("bad person id {id:?} (lower-case ASCII letters, digits, '-')"));
                        continue;
                    }
                    let name = r.get("name").to_string();
                    let office = Office {
                        country: r.get("country").to_string(),
                        office: r.get("office").to_string(),
                        sector: r.get("sector").to_string(),
                        valid: validity(&r, &src, errors),
                        org: r.opt("org").map(str::to_string),
                        source: src.clone(),
                    };
                    match people.get_mut(&id) {
                        Some((layer, p, first)) if *layer == f.layer => {
                            if !name.is_empty() && name != p.name {
                                err(
                                    errors,
                                    format!("person {id:?} is named {name:?} here but {:?} at {first}", p.name),
                                );
                            }
                            for v in r.list("variants") {
                                if !p.variants.iter().any(|x| x == v) {
                                    p.variants.push(v.to_string());
                                }
                            }
                            if let Some(s) = r.opt("surname") {
                                p.surname = s.to_string();
                            }
                            p.offices.push(office);
                        }
                        _ => {
                            let surname = r
                                .opt("surname")
                                .map(str::to_string)
                                .unwrap_or_else(|| name.split_whitespace().last().unwrap_or("").to_string());
                            let p = Person {
                                id: id.clone(),
                                name,
                                variants: strings(r.list("variants")),
                                surname,
                                offices: vec![office],
                            };
                            if people.insert(id.clone(), (f.layer, p, src.clone())).is_none() {
                                people_order.push(id);
                            }
                        }
                    }
                }
                FileKind::Sectors => {
                    let role = match r.opt("role").unwrap_or("noun") {
                        "noun" => SectorRole::Noun,
                        "title" => SectorRole::Title,
                        "modifier" => SectorRole::Modifier,
                        "org" => SectorRole::Org,
                        "counted" => SectorRole::Counted,
                        "generic" => SectorRole::Generic,
                        "place" => SectorRole::Place,
                        other => {
                            err(errors, format!("unknown sector role {other:?} (noun, title, modifier, org, generic, counted or place)"));
                            continue;
                        }
                    };
                    // Phrases keep their case: upper-case letters must be
                    // upper case in the text ("General", not "general strike").
                    let phrases: Vec<String> = strings(r.list("phrases"));
                    let codes = strings(r.list("sector"));
                    let sector = codes.first().cloned().unwrap_or_default();
                    let key = phrases.join("|").to_lowercase();
                    let overrides = strings(r.list("overrides"));
                    if !overrides.is_empty() && role != SectorRole::Modifier {
                        err(errors, "`overrides` is only for modifiers".into());
                    }
                    let e = SectorEntry { phrases, sector, sectors: codes, role, overrides, source: src.clone() };
                    sectors.insert(key, f.layer, &src, e, errors);
                }
                FileKind::Places => {
                    let (lat, lon) = match (r.get("lat").parse::<f64>(), r.get("lon").parse::<f64>()) {
                        (Ok(a), Ok(b)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b) => (a, b),
                        _ => {
                            err(errors, "bad coordinates (lat -90..90, lon -180..180)".into());
                            continue;
                        }
                    };
                    let id = r.get("geonameid").to_string();
                    let p = Place {
                        geonameid: id.clone(),
                        name: r.get("name").to_string(),
                        names: strings(r.list("names")),
                        kind: r.opt("kind").unwrap_or("city").to_string(),
                        country: r.get("country").to_string(),
                        admin1: r.opt("admin1").map(str::to_string),
                        lat,
                        lon,
                        population: r.get("population").parse().unwrap_or(0),
                        source: src.clone(),
                    };
                    places.insert(id, f.layer, &src, p, errors);
                }
                FileKind::Outlets => {
                    let domain = r.get("domain").to_ascii_lowercase();
                    let ownership = match r.get("ownership").parse::<Ownership>() {
                        Ok(o) => o,
                        Err(m) => {
                            err(errors, m);
                            continue;
                        }
                    };
                    let o = OutletEntry {
                        domain: domain.clone(),
                        name: r.get("name").to_string(),
                        country: r.get("country").to_string(),
                        ownership,
                        aliases: r.list("aliases").into_iter().map(str::to_ascii_lowercase).collect(),
                        actor_names: strings(r.list("actor_names")),
                        source: src.clone(),
                    };
                    outlets.insert(domain, f.layer, &src, o, errors);
                }
                FileKind::Regions => {
                    let name = r.get("name").to_string();
                    let reg = Region {
                        name: name.clone(),
                        names: strings(r.list("names")),
                        kind: r.get("kind").to_string(),
                        country: r.opt("country").map(str::to_string),
                        source: src.clone(),
                    };
                    regions.insert(name, f.layer, &src, reg, errors);
                }
                // Loaded on their own thread (load_patterns).
                FileKind::Patterns | FileKind::Cues => {}
            }
        }
    }
}

/// Parses the patterns and cues (`tables` holds only those), with the
/// verbs' irregular forms.
#[allow(clippy::type_complexity)]
fn load_patterns(
    tables: &[&(FileKind, &SourceFile, Table<'_>)],
    irregular: &HashMap<String, Irregular>,
) -> (Vec<EventPattern>, Vec<CueEntry>, Vec<LexiconError>) {
    let mut patterns: Keyed<EventPattern> = Keyed::default();
    let mut cues: Keyed<CueEntry> = Keyed::default();
    let mut errs = Vec::new();
    let errors = &mut errs;
    for (kind, f, table) in tables.iter().copied() {
        let file: std::sync::Arc<str> = f.display.as_str().into();
        for r in table.records() {
            let src = Source { file: file.clone(), line: r.line };
            let err =
                |errors: &mut Vec<LexiconError>, msg: String| errors.push(LexiconError::at(&src.file, src.line, msg));
            match kind {
                FileKind::Patterns => {
                    let text = r.get("pattern").split_whitespace().collect::<Vec<_>>().join(" ");
                    let pat = match pattern::parse(&text, irregular) {
                        Ok(p) => p,
                        Err(m) => {
                            err(errors, format!("pattern {text:?}: {m}"));
                            continue;
                        }
                    };
                    let event = match r.get("event").parse::<EventType>() {
                        Ok(e) => e,
                        Err(m) => {
                            err(errors, m);
                            continue;
                        }
                    };
                    let p = EventPattern {
                        pattern: pat,
                        event,
                        mode: r.opt("mode").map(str::to_string),
                        context: strings(r.list("context")),
                        cameo: r.opt("cameo").map(str::to_string),
                        source: src.clone(),
                    };
                    patterns.insert(text, f.layer, &src, p, errors);
                }
                FileKind::Cues => {
                    let text = r.get("phrase").split_whitespace().collect::<Vec<_>>().join(" ");
                    let Some(cue) = CueKind::parse(r.get("cue")) else {
                        err(errors, format!("unknown cue {:?}", r.get("cue")));
                        continue;
                    };
                    let scope = match r.opt("scope").unwrap_or("clause") {
                        "clause" => CueScope::Clause,
                        "complement" => CueScope::Complement,
                        "sentence" => CueScope::Sentence,
                        other => {
                            err(errors, format!("unknown cue scope {other:?} (clause, complement or sentence)"));
                            continue;
                        }
                    };
                    let pat = match pattern::parse(&text, irregular) {
                        Ok(p) => p,
                        Err(m) => {
                            err(errors, format!("cue {text:?}: {m}"));
                            continue;
                        }
                    };
                    let key = format!("{text}\t{}", cue.as_str());
                    cues.insert(key, f.layer, &src, CueEntry { pattern: pat, cue, scope, source: src.clone() }, errors);
                }
                _ => {}
            }
        }
    }
    (patterns.finish(), cues.finish(), errs)
}

/// Cross-file checks: codes that must exist, sectors, group cycles.
fn validate(l: &mut Loaded) {
    let mut errors = Vec::new();
    let states: HashSet<&str> = l.states.iter().map(|s| s.code.as_str()).collect();
    let groups: HashMap<&str, &Group> = l.groups.iter().map(|g| (g.code.as_str(), g)).collect();
    let country_ok = |c: &str| states.contains(c) || SPECIAL_CODES.contains(&c);
    let sector_ok = |s: &str| SECTOR_CODES.contains(&s);
    let have_states = !l.states.is_empty();
    let e =
        |errors: &mut Vec<LexiconError>, src: &Source, m: String| errors.push(LexiconError::at(&src.file, src.line, m));

    for s in &l.states {
        for (m, sec) in &s.metonyms {
            if !sector_ok(sec) {
                e(&mut errors, &s.source, format!("metonym {m:?}: unknown sector {sec:?}"));
            }
        }
        if let Some(c) = &s.sovereign {
            if !states.contains(c.as_str()) || c == &s.code {
                e(&mut errors, &s.source, format!("{}: unknown sovereign state {c:?}", s.code));
            }
        }
        if let Some(sec) = &s.sovereign_sector {
            if !sector_ok(sec) {
                e(&mut errors, &s.source, format!("{}: unknown sector {sec:?} after the sovereign", s.code));
            }
        }
    }
    for r in &l.regions {
        if let Some(c) = &r.country {
            if have_states && !country_ok(c) {
                e(&mut errors, &r.source, format!("region {}: unknown country {c:?}", r.name));
            }
        }
    }
    for g in &l.groups {
        for m in &g.members {
            if have_states && !country_ok(m) && !groups.contains_key(m.as_str()) {
                e(&mut errors, &g.source, format!("group {}: unknown member {m:?}", g.code));
            }
        }
        if states.contains(g.code.as_str()) {
            e(&mut errors, &g.source, format!("group code {} is also a state code", g.code));
        }
        // Cycles through member groups.
        let mut stack = vec![(g.code.as_str(), 0usize)];
        let mut seen = HashSet::new();
        while let Some((c, depth)) = stack.pop() {
            if let Some(gg) = groups.get(c) {
                for m in &gg.members {
                    if m == &g.code {
                        e(&mut errors, &g.source, format!("group {} contains itself (through {c})", g.code));
                        stack.clear();
                        break;
                    }
                    if groups.contains_key(m.as_str()) && seen.insert(m.as_str()) && depth < 64 {
                        stack.push((m.as_str(), depth + 1));
                    }
                }
            }
        }
    }
    for o in &l.organisations {
        if !SPECIAL_CODES.contains(&o.code.as_str()) {
            e(
                &mut errors,
                &o.source,
                format!("organisation {}: code {:?} is not one of {}", o.identifier, o.code, SPECIAL_CODES.join(", ")),
            );
        }
        if let Some(s) = &o.sector {
            if !sector_ok(s) {
                e(&mut errors, &o.source, format!("organisation {}: unknown sector {s:?}", o.identifier));
            }
        }
    }
    for n in &l.nonstate {
        if have_states && !country_ok(&n.country) {
            e(&mut errors, &n.source, format!("{}: unknown country {:?}", n.identifier, n.country));
        }
        if n.sectors.is_empty() {
            e(&mut errors, &n.source, format!("{}: no sector", n.identifier));
        }
        for sec in &n.sectors {
            if !sector_ok(sec) {
                e(&mut errors, &n.source, format!("{}: unknown sector {sec:?}", n.identifier));
            }
        }
    }
    for p in &l.people {
        for o in &p.offices {
            if have_states && !country_ok(&o.country) {
                e(&mut errors, &o.source, format!("{}: unknown country {:?}", p.id, o.country));
            }
            if !sector_ok(&o.sector) {
                e(&mut errors, &o.source, format!("{}: unknown sector {:?}", p.id, o.sector));
            }
        }
    }
    let mut phrase_owner: HashMap<&str, &SectorEntry> = HashMap::new();
    for s in &l.sectors {
        for sec in &s.sectors {
            if !sector_ok(sec) {
                e(&mut errors, &s.source, format!("unknown sector {sec:?}"));
            }
        }
        if s.sectors.is_empty() {
            e(&mut errors, &s.source, "no sector".into());
        }
        for o in &s.overrides {
            if !sector_ok(o) {
                e(&mut errors, &s.source, format!("unknown sector {o:?} in `overrides`"));
            }
        }
        // Counted nouns ("two men") repeat phrases of other entries.
        if s.role == SectorRole::Counted {
            continue;
        }
        for p in &s.phrases {
            if let Some(first) = phrase_owner.insert(p.as_str(), s) {
                if first.sector != s.sector && first.source.file == s.source.file {
                    e(
                        &mut errors,
                        &s.source,
                        format!("phrase {p:?} is {} here but {} at {}", s.sector, first.sector, first.source),
                    );
                }
            }
        }
    }
    for p in &l.places {
        if have_states && !country_ok(&p.country) {
            e(&mut errors, &p.source, format!("place {}: unknown country {:?}", p.name, p.country));
        }
    }
    for o in &l.outlets {
        if have_states && !country_ok(&o.country) {
            e(&mut errors, &o.source, format!("outlet {}: unknown country {:?}", o.domain, o.country));
        }
    }
    let have_cameo = !l.cameo.is_empty();
    for p in &l.patterns {
        if let Some(c) = &p.cameo {
            match l.cameo.get(c) {
                None if have_cameo => e(
                    &mut errors,
                    &p.source,
                    format!("pattern {:?}: CAMEO code {c} is not in cameo.tsv", p.pattern.text),
                ),
                Some(entry) => {
                    if let Some(t) = entry.event {
                        if t != p.event {
                            l.warnings.push(format!(
                                "{}: pattern {:?} is {} but CAMEO {c} maps to {t}",
                                p.source, p.pattern.text, p.event
                            ));
                        }
                    }
                }
                None => {}
            }
        }
    }
    l.errors.extend(errors);
}
