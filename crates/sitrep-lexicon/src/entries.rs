//! The entries of each lexicon file, as loaded: plain structs a reader can
//! follow from the file's columns.

use crate::pattern::Pattern;
use sitrep_core::{Date, EventType, Ownership};

/// Where an entry was defined: `file:line`, shown in explanations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Source {
    /// Shared by every entry of the file.
    pub file: std::sync::Arc<str>,
    pub line: usize,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A validity interval; open ends are unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Validity {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Validity {
    pub fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }

    /// True when the interval reaches today (no end date).
    pub fn is_current(&self) -> bool {
        self.to.is_none()
    }
}

#[derive(Debug, Clone)]
pub struct State {
    pub code: String,
    pub name: String,
    pub names: Vec<String>,
    pub adjectives: Vec<String>,
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
    /// Seats of power, with the sector they stand for (GOV unless given).
    pub metonyms: Vec<(String, String)>,
    pub valid: Validity,
    pub kind: String,
    pub iso2: Option<String>,
    /// For a dependency PLOVER folds into its controlling state (Puerto
    /// Rico, Greenland, the Falklands): that state's code, and the sector
    /// its actors carry there, if any (Western Sahara: MAR, PRE).
    pub sovereign: Option<String>,
    pub sovereign_sector: Option<String>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub code: String,
    pub name: String,
    pub names: Vec<String>,
    pub members: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub identifier: String,
    /// UNO, EUR, IGO, NGO or MNC.
    pub code: String,
    pub name: String,
    pub names: Vec<String>,
    pub sector: Option<String>,
    pub country: Option<String>,
    pub source: Source,
}

/// An armed group or a political party.
#[derive(Debug, Clone)]
pub struct NonState {
    pub identifier: String,
    pub name: String,
    pub names: Vec<String>,
    /// Home country ISO3, or IMG for transnational groups.
    pub country: String,
    /// The primary sector (the first of `sectors`).
    pub sector: String,
    /// Every sector of the group, primary first (`REB|ISM`: a militant
    /// religious group is REB in PLOVER and ISM in the scheme).
    pub sectors: Vec<String>,
    pub valid: Validity,
    pub party: bool,
    pub source: Source,
}

/// One office a person held.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    pub country: String,
    pub office: String,
    pub sector: String,
    pub valid: Validity,
    pub org: Option<String>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub variants: Vec<String>,
    /// The name news uses alone after a first full mention.
    pub surname: String,
    /// Offices in the order of the file.
    pub offices: Vec<Office>,
}

/// How a sector phrase is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectorRole {
    /// A group of people: "troops", "MPs".
    Noun,
    /// An office before a name: "President".
    Title,
    /// Changes the sector of what follows: "former".
    Modifier,
    /// An institution: "the Defence Ministry".
    Org,
    /// A role any body has ("officials", "spokesman", "officer"): its
    /// sector holds only when nothing more specific is in the phrase ("a
    /// national intelligence agency officer" is SPY, "officials" GOV).
    Generic,
    /// A noun that, counted ("two men", "20 people"), names unidentified
    /// people; uncounted it is ignored (other entries give its sector).
    Counted,
    /// A geographic unit ("island", "regions"): with a state it makes a
    /// place, not an actor ("a Syrian island").
    Place,
}

#[derive(Debug, Clone)]
pub struct SectorEntry {
    pub phrases: Vec<String>,
    /// The primary sector (the first of `sectors`).
    pub sector: String,
    /// Every sector the phrases carry, primary first (`GOV|JRN`: state
    /// media are an organ of the state and media).
    pub sectors: Vec<String>,
    pub role: SectorRole,
    /// For a modifier: the sectors of the nouns it overrides ("Jewish
    /// community leader": REL over CVL); empty means GOV, CVL and UNK.
    pub overrides: Vec<String>,
    pub source: Source,
}

/// A sea, strait, gulf, continent or region: a place that is not a state
/// ("South China Sea", "Strait of Hormuz", "the Sahel").
#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    pub names: Vec<String>,
    /// sea, ocean, strait, gulf, bay, lake, river, continent, region, ...
    pub kind: String,
    /// The state it lies in, when it lies in one ("West Bank": PSE).
    pub country: Option<String>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub geonameid: String,
    pub name: String,
    pub names: Vec<String>,
    /// admin1 or city.
    pub kind: String,
    pub country: String,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct OutletEntry {
    pub domain: String,
    pub name: String,
    pub country: String,
    pub ownership: Ownership,
    pub aliases: Vec<String>,
    /// Names under which the outlet acts in text ("KCNA", "Xinhua"):
    /// a state outlet resolves to its state, GOV, with JRN second.
    pub actor_names: Vec<String>,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct EventPattern {
    pub pattern: Pattern,
    pub event: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub cameo: Option<String>,
    pub source: Source,
}

/// What a cue says about the clause it governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueKind {
    Negation,
    Speculative,
    Alleged,
    Intended,
    Conditional,
    Denial,
    Accusation,
    Reporting,
    Confirmation,
    Nonconfirmation,
}

impl CueKind {
    pub const ALL: [CueKind; 10] = [
        CueKind::Negation,
        CueKind::Speculative,
        CueKind::Alleged,
        CueKind::Intended,
        CueKind::Conditional,
        CueKind::Denial,
        CueKind::Accusation,
        CueKind::Reporting,
        CueKind::Confirmation,
        CueKind::Nonconfirmation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Negation => "negation",
            CueKind::Speculative => "speculative",
            CueKind::Alleged => "alleged",
            CueKind::Intended => "intended",
            CueKind::Conditional => "conditional",
            CueKind::Denial => "denial",
            CueKind::Accusation => "accusation",
            CueKind::Reporting => "reporting",
            CueKind::Confirmation => "confirmation",
            CueKind::Nonconfirmation => "nonconfirmation",
        }
    }

    pub fn parse(s: &str) -> Option<CueKind> {
        CueKind::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

/// What a cue applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueScope {
    Clause,
    Complement,
    Sentence,
}

#[derive(Debug, Clone)]
pub struct CueEntry {
    pub pattern: Pattern,
    pub cue: CueKind,
    pub scope: CueScope,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct CameoEntry {
    pub code: String,
    pub label: String,
    pub event: Option<EventType>,
    pub mode: Option<String>,
    pub context: Vec<String>,
    pub goldstein: Option<f32>,
    pub source: Source,
}

/// The sector codes sitrep accepts: the PLOVER manual's sector table and
/// the CAMEO agent codes still in use.
pub const SECTOR_CODES: &[&str] = &[
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK", "AGR", "BUS", "CRM", "CVL", "EDU",
    "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC", "HLH", "HRI", "ENV", "IGO", "NGO", "MNC", "ISM",
    "IMG", "MOD", "RAD", "INS", "SEP", "DEV", "ATH",
];

/// Codes allowed in a country field besides the states' codes.
pub const SPECIAL_CODES: &[&str] = &["IGO", "NGO", "UNO", "EUR", "MNC", "ISM", "IMG"];
