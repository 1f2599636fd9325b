//! How many: the killed, wounded and arrested, and how many took part,
//! read from the words around an event and never invented.
//!
//! Conflict researchers count. ACLED's value is its fatality counts, and
//! PLOVER gives events the fields `dead`, `injured`, `arrested` and `size`.
//! This module fills them in three steps:
//!
//! 1. [`numbers`] finds every quantity of a sentence — digits ("1,000",
//!    "1.5 million", "5bn"), words ("twelve", "twenty-five", "a hundred"),
//!    vague amounts ("dozens", "a handful", "tens of thousands") with the
//!    words that bound them ("at least", "more than", "up to", "nearly",
//!    "about", "between … and …") — as a [`Quantity`] with a lower and
//!    upper bound. Vague amounts get bounds, never a point value ("dozens"
//!    is 24 to 99). Each quantity is also classed: dates, years, times,
//!    ages ("a 12-year-old", "aged 30"), money ("$12 million", "€5bn"),
//!    measures ("12 km", "three days"), percentages, ordinals, labels
//!    ("Resolution 2334") and counts of things ("12 tanks") are kept apart
//!    from counts that can be people ([`Kind::Count`]).
//! 2. [`figures`] ties counts to a role through the words around them:
//!    "12 were killed", "killing at least 12", "the death toll rose to 30",
//!    "injured 30", "45 protesters were arrested", "thousands rallied",
//!    "a crowd of 5,000", "killing or wounding 50" (combined casualties go
//!    to `size`, as PLOVER has it), and an elided figure after a second
//!    speaker ("the army said 12").
//! 3. [`attach_all`] hands each figure to the event it belongs to (the
//!    nearest event of a type that can have it) and adds what depends on
//!    the event: the count of a protest's actors ("Up to 1,000 students
//!    began a hunger strike"), the count of the recipients of other events
//!    ("expelled two diplomats", "tortured scores of refugees"), and a
//!    single victim or detainee ("killed a policeman", "arrested the
//!    opposition leader").
//!
//! Every figure keeps its token positions, so a caller can give each its
//! own speaker: when "the health ministry said 30 were killed; the army
//! said 12", both figures are in [`Magnitudes::figures`].
//!
//! ```
//! use sitrep_coder::{magnitude, words};
//! use sitrep_core::EventType;
//! let doc = sitrep_text::build_text_document("An airstrike killed at least 12 civilians and injured 30.");
//! let (toks, _) = words::sentence_tokens(&doc, doc.sentences[0].span, 0);
//! let q = magnitude::numbers(&toks);
//! let m = magnitude::attach(&toks, (2, 3), EventType::Assault, &q);
//! let dead = m.dead.unwrap();
//! assert_eq!((dead.min, dead.max, dead.text.as_str()), (Some(12), None, "at least 12"));
//! assert_eq!(m.injured.unwrap().min, Some(30));
//! ```

use crate::words::{Tag, Tok};
use sitrep_core::{EventType, Magnitude, Span};

/// What a quantity counts, as far as the words around it tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A count that can be of people: the only kind tied to roles.
    Count,
    /// "in 2014", "the 2024 election".
    Year,
    /// "12 March", "March 12", "the 1990s", "12/11/2024".
    Date,
    /// "10:30", "9 pm".
    Time,
    /// "a 12-year-old", "aged 30", "Smith, 30,", "30 years old".
    Age,
    /// "$12 million", "12 million dollars", "€5bn".
    Money,
    /// Distances, weights, durations: "12 km", "30 miles", "three days".
    Measure,
    /// "30%", "12 percent".
    Percent,
    /// "12th", "21st".
    Ordinal,
    /// A name with a number: "Resolution 2334", "Flight 17", "No. 10".
    Label,
    /// A count of things, not people: "12 tanks", "300 votes".
    Things,
}

/// A quantity found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    /// Lower bound, when the words give one.
    pub min: Option<u64>,
    /// Upper bound, when the words give one.
    pub max: Option<u64>,
    /// Hedged: "about 20", "some 200", "nearly 40", "30-odd".
    pub approx: bool,
    /// A vague amount ("dozens", "a handful"): the bounds come from the word.
    pub vague: bool,
    pub kind: Kind,
    /// Token range in the sentence, bounding words included.
    pub toks: (usize, usize),
    /// Byte span in the document.
    pub span: Span,
    /// The phrase as written ("at least 12", "Hundreds of thousands").
    pub text: String,
    /// The number itself names a crowd ("a 1,000-strong crowd").
    pub crowd: bool,
}

impl Quantity {
    /// The PLOVER magnitude object.
    pub fn magnitude(&self) -> Magnitude {
        Magnitude { min: self.min, max: self.max, text: self.text.clone(), said_by: None }
    }

    pub fn is_count(&self) -> bool {
        self.kind == Kind::Count
    }
}

/// The role a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Dead,
    Injured,
    Arrested,
    /// How many took part or were targeted, or dead and wounded together.
    Size,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Dead => "dead",
            Role::Injured => "injured",
            Role::Arrested => "arrested",
            Role::Size => "size",
        }
    }

    /// Whether an event of type `e` can carry this role.
    pub fn fits(self, e: EventType) -> bool {
        match self {
            Role::Dead | Role::Injured => matches!(e, EventType::Assault | EventType::Coerce | EventType::Protest),
            Role::Arrested => matches!(e, EventType::Coerce | EventType::Protest),
            Role::Size => true,
        }
    }
}

/// A quantity tied to a role, with the words that tie it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub role: Role,
    pub quantity: Quantity,
    /// Token range of the words that give the role ("were killed",
    /// "death toll"), when there are such words.
    pub cue: Option<(usize, usize)>,
    /// Which rule tied it, for the event's explanation.
    pub rule: &'static str,
}

impl Figure {
    /// Token range of the figure and its cue together.
    pub fn reach(&self) -> (usize, usize) {
        match self.cue {
            Some((a, b)) => (a.min(self.quantity.toks.0), b.max(self.quantity.toks.1)),
            None => self.quantity.toks,
        }
    }
}

/// The magnitudes of one event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Magnitudes {
    pub dead: Option<Magnitude>,
    pub injured: Option<Magnitude>,
    pub arrested: Option<Magnitude>,
    pub size: Option<Magnitude>,
    /// Every figure given to the event, in text order, including other
    /// figures for the same role (a second speaker's count).
    pub figures: Vec<Figure>,
}

impl Magnitudes {
    pub fn is_empty(&self) -> bool {
        self.figures.is_empty()
    }

    fn slot(&mut self, role: Role) -> &mut Option<Magnitude> {
        match role {
            Role::Dead => &mut self.dead,
            Role::Injured => &mut self.injured,
            Role::Arrested => &mut self.arrested,
            Role::Size => &mut self.size,
        }
    }
}

/// A phrase naming one of an event's participants, as the coder found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// Token range in the sentence.
    pub toks: (usize, usize),
    /// One person (a named person, "the deputy chief"), not a group.
    pub person: bool,
}

/// An event of the sentence, as the coder's event assembly knows it.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    /// Token range of the trigger.
    pub trigger: (usize, usize),
    pub event: EventType,
    pub actors: &'a [Phrase],
    pub recipients: &'a [Phrase],
}

// ---------------------------------------------------------------------
// Word lists. Lower case; the tokenizer keeps hyphenated words whole.

const SMALL: &[(&str, u64)] = &[
    ("zero", 0),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

const SCALES: &[(&str, u64)] = &[
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
    ("trillion", 1_000_000_000_000),
    ("mn", 1_000_000),
    ("mln", 1_000_000),
    ("bn", 1_000_000_000),
    ("bln", 1_000_000_000),
];

/// Plural amounts: at least two of the unit, fewer than the next order
/// with a name of its own.
const PLURAL_AMOUNTS: &[(&str, u64, u64)] = &[
    ("dozens", 24, 99),
    ("scores", 40, 99),
    ("hundreds", 200, 999),
    ("thousands", 2_000, 9_999),
    ("millions", 2_000_000, 9_999_999),
    ("billions", 2_000_000_000, 9_999_999_999),
];

/// "a handful", "a few", "several", "a couple": small vague amounts.
const FEW_AMOUNTS: &[(&str, u64, u64)] = &[("handful", 2, 9), ("few", 2, 9), ("couple", 2, 3)];

const MIN_MODS: &[&[&str]] = &[
    &["at", "least"],
    &["no", "fewer", "than"],
    &["no", "less", "than"],
    &["not", "less", "than"],
    &["not", "fewer", "than"],
    &["more", "than"],
    &["well", "over"],
    &["over"],
    &["upwards", "of"],
    &["in", "excess", "of"],
    &["above"],
    &["a", "minimum", "of"],
];

const MAX_MODS: &[&[&str]] = &[
    &["up", "to"],
    &["at", "most"],
    &["no", "more", "than"],
    &["not", "more", "than"],
    &["fewer", "than"],
    &["less", "than"],
    &["under"],
    &["below"],
    &["as", "many", "as"],
    &["a", "maximum", "of"],
];

/// Upper bounds that also hedge: the figure is close to the number.
const NEAR_MODS: &[&[&str]] = &[&["nearly"], &["almost"], &["close", "to"], &["just", "under"], &["not", "quite"]];

const APPROX_MODS: &[&[&str]] = &[
    &["about"],
    &["around"],
    &["roughly"],
    &["approximately"],
    &["some"],
    &["an", "estimated"],
    &["estimated"],
    &["an", "approximate"],
    &["approx."],
    &["circa"],
    &["perhaps"],
    &["possibly"],
];

/// Whether a word names a month ("March", "Sept.", "dec"): the core's
/// month names, except the bare three-letter forms that are also words
/// ("mar", "jun", "jul"), which count only with their full stop.
fn is_month(w: &str) -> bool {
    !matches!(w, "mar" | "jun" | "jul") && sitrep_core::date::month_number(w).is_some()
}

const CURRENCY_SIGNS: &[&str] = &[
    "$", "€", "£", "¥", "₹", "₽", "₩", "₪", "₦", "₺", "us$", "a$", "c$", "hk$", "nz$", "r$", "usd", "eur", "gbp", "rs",
    "rs.", "inr", "rmb", "cny", "jpy",
];

const CURRENCY_WORDS: &[&str] = &[
    "dollar",
    "dollars",
    "euro",
    "euros",
    "pound",
    "pounds",
    "sterling",
    "yuan",
    "renminbi",
    "rupee",
    "rupees",
    "rouble",
    "roubles",
    "ruble",
    "rubles",
    "yen",
    "franc",
    "francs",
    "shekel",
    "shekels",
    "dinar",
    "dinars",
    "dirham",
    "dirhams",
    "riyal",
    "riyals",
    "rial",
    "rials",
    "lira",
    "liras",
    "peso",
    "pesos",
    "won",
    "naira",
    "rand",
    "cent",
    "cents",
    "pence",
    "bitcoin",
    "bitcoins",
    "hryvnia",
    "hryvnias",
    "taka",
    "baht",
    "ringgit",
    "kwacha",
    "shilling",
    "shillings",
    "birr",
    "afghanis",
    "kyat",
    "manat",
    "tenge",
    "lari",
    "zloty",
    "zlotys",
    "forint",
    "kroner",
    "krona",
    "kronor",
    "usd",
    "eur",
    "gbp",
    "dlrs",
    "dlr",
    "cts",
    "stg",
    "ecu",
    "ecus",
];

const PERCENT_WORDS: &[&str] = &["%", "percent", "pc", "pct", "percentage", "per", "basis"];

const TIME_MARKERS: &[&str] =
    &["am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "bst", "est", "edt", "cet", "o'clock", "hrs", "hours'"];

/// Durations: a number before one of these counts time, not people.
const TIME_UNITS: &[&str] = &[
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hour",
    "hours",
    "minute",
    "minutes",
    "mins",
    "second",
    "seconds",
    "decade",
    "decades",
    "century",
    "centuries",
    "night",
    "nights",
    "weekend",
    "weekends",
    "times",
    "term",
    "terms",
    "round",
    "rounds",
];

const UNITS: &[&str] = &[
    "km",
    "kms",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "mile",
    "miles",
    "metre",
    "metres",
    "meter",
    "meters",
    "ft",
    "feet",
    "foot",
    "inch",
    "inches",
    "cm",
    "mm",
    "yard",
    "yards",
    "kg",
    "kilo",
    "kilos",
    "kilogram",
    "kilograms",
    "gram",
    "grams",
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "lb",
    "lbs",
    "acre",
    "acres",
    "hectare",
    "hectares",
    "ha",
    "sq",
    "square",
    "litre",
    "litres",
    "liter",
    "liters",
    "gallon",
    "gallons",
    "barrel",
    "barrels",
    "bpd",
    "mw",
    "gw",
    "kw",
    "megawatts",
    "gigawatts",
    "degree",
    "degrees",
    "°",
    "°c",
    "°f",
    "mph",
    "kph",
    "km/h",
    "knots",
    "magnitude",
    "points",
    "point",
    "mb",
    "gb",
    "tb",
];

/// Things counted in news that are not people.
const THINGS: &[&str] = &[
    "vote",
    "votes",
    "seat",
    "seats",
    "ballot",
    "ballots",
    "tank",
    "tanks",
    "vehicle",
    "vehicles",
    "car",
    "cars",
    "truck",
    "trucks",
    "lorries",
    "bus",
    "buses",
    "home",
    "homes",
    "house",
    "houses",
    "building",
    "buildings",
    "school",
    "schools",
    "hospital",
    "hospitals",
    "village",
    "villages",
    "town",
    "towns",
    "city",
    "cities",
    "district",
    "districts",
    "province",
    "provinces",
    "country",
    "countries",
    "nation",
    "nations",
    "state",
    "states",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "shell",
    "shells",
    "mortar",
    "mortars",
    "drone",
    "drones",
    "aircraft",
    "plane",
    "planes",
    "jet",
    "jets",
    "helicopter",
    "helicopters",
    "ship",
    "ships",
    "vessel",
    "vessels",
    "boat",
    "boats",
    "weapon",
    "weapons",
    "gun",
    "guns",
    "rifle",
    "rifles",
    "bomb",
    "bombs",
    "mine",
    "mines",
    "bullet",
    "bullets",
    "warhead",
    "warheads",
    "goal",
    "goals",
    "page",
    "pages",
    "article",
    "articles",
    "law",
    "laws",
    "bill",
    "bills",
    "resolution",
    "resolutions",
    "incident",
    "incidents",
    "attack",
    "attacks",
    "airstrike",
    "airstrikes",
    "strike",
    "strikes",
    "raid",
    "raids",
    "operation",
    "operations",
    "meeting",
    "meetings",
    "talk",
    "talks",
    "session",
    "sessions",
    "word",
    "words",
    "item",
    "items",
    "project",
    "projects",
    "company",
    "companies",
    "firm",
    "firms",
    "bank",
    "banks",
    "product",
    "products",
    "letter",
    "letters",
    "document",
    "documents",
    "file",
    "files",
    "post",
    "posts",
    "tweet",
    "tweets",
    "video",
    "videos",
    "photo",
    "photos",
    "image",
    "images",
    "report",
    "reports",
    "dose",
    "doses",
    "test",
    "tests",
    "flight",
    "flights",
    "train",
    "trains",
    "road",
    "roads",
    "bridge",
    "bridges",
    "position",
    "positions",
    "checkpoint",
    "checkpoints",
    "base",
    "bases",
    "camp",
    "camps",
    "site",
    "sites",
    "target",
    "targets",
    "facility",
    "facilities",
    "area",
    "areas",
    "region",
    "regions",
    "zone",
    "zones",
    "case",
    "cases",
    "charge",
    "charges",
    "count",
    "counts",
    "share",
    "shares",
    "barrels",
    "page",
    "step",
    "steps",
    "option",
    "options",
    "point",
    "issue",
    "issues",
    "demand",
    "demands",
    "condition",
    "conditions",
    "agreement",
    "agreements",
    "deal",
    "deals",
];

/// "two thirds", "three quarters": a share, not a count.
const FRACTIONS: &[&str] = &[
    "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth", "sixths", "eighth",
    "eighths", "tenth", "tenths",
];

/// Words before a number that name it: "Resolution 2334", "Flight 17".
const LABEL_WORDS: &[&str] = &[
    "no.",
    "no",
    "nos.",
    "number",
    "resolution",
    "article",
    "flight",
    "route",
    "chapter",
    "section",
    "page",
    "room",
    "highway",
    "paragraph",
    "item",
    "level",
    "phase",
    "grade",
    "version",
    "category",
    "stage",
    "line",
    "block",
    "unit",
    "channel",
    "gate",
    "terminal",
    "platform",
    "brigade",
    "division",
    "regiment",
    "battalion",
    "corps",
    "district",
    "zone",
    "sector",
    "group",
    "g",
    "covid",
    "covid-",
    "apollo",
    "top",
    "vol.",
    "p.",
    "pp.",
    "no.10",
];

/// Words after a time that mark "today", not an object of the verb.
const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "overnight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "last",
    "this",
    "earlier",
    "later",
    "so",
    "too",
    "as",
    "while",
    "when",
    "after",
    "before",
];

const CROWD_NOUNS: &[&str] = &[
    "protesters",
    "protestors",
    "demonstrators",
    "marchers",
    "strikers",
    "rioters",
    "picketers",
    "participants",
    "rally-goers",
    "mourners",
];

/// Nouns before "of N": "a crowd of 5,000".
const CROWD_HEADS: &[&str] = &[
    "crowd",
    "crowds",
    "rally",
    "rallies",
    "march",
    "gathering",
    "demonstration",
    "protest",
    "turnout",
    "throng",
    "procession",
];

/// Verbs that make their subject's count a crowd: "thousands rallied".
const CROWD_VERBS: &[&str] = &[
    "rallied",
    "rally",
    "rallying",
    "marched",
    "march",
    "marching",
    "protested",
    "protest",
    "protesting",
    "demonstrated",
    "demonstrate",
    "demonstrating",
    "gathered",
    "gather",
    "gathering",
    "assembled",
    "converged",
    "converging",
    "attended",
    "thronged",
    "poured",
    "flooded",
    "packed",
    "filled",
    "chanted",
    "chanting",
    "blocked",
    "blocking",
    "joined",
    "staged",
    "struck",
    "walked",
];

/// Forms where the count before them is the dead, whatever follows.
const DEAD_AFTER: &[&str] =
    &["dead", "died", "die", "dies", "perished", "deaths", "fatalities", "corpses", "martyred", "slain"];

/// Nouns that count the role when they follow the number closely.
const ROLE_NOUNS: &[&str] =
    &["deaths", "fatalities", "corpses", "injuries", "arrests", "detentions", "detainees", "casualties"];

/// Verbs that take their victim as object: passive after a count ("12
/// were killed"), active before one ("killed 12").
const DEAD_VERBS: &[&str] =
    &["killed", "murdered", "executed", "massacred", "assassinated", "beheaded", "lynched", "slaughtered"];
const DEAD_ACTIVE: &[&str] = &[
    "killed",
    "killing",
    "kill",
    "kills",
    "slew",
    "murdered",
    "murdering",
    "executed",
    "executing",
    "massacred",
    "massacring",
    "assassinated",
    "slaughtered",
    "slaughtering",
    "beheaded",
];
const INJURED_AFTER: &[&str] = &["injuries", "hospitalised", "hospitalized"];
const INJURED_VERBS: &[&str] = &["wounded", "injured", "hurt", "maimed"];
const INJURED_ACTIVE: &[&str] = &[
    "wounded", "wounding", "wound", "wounds", "injured", "injuring", "injure", "injures", "hurt", "hurting", "maimed",
];
const ARRESTED_AFTER: &[&str] = &["arrests", "detentions", "detainees"];
const ARRESTED_VERBS: &[&str] = &["arrested", "detained", "held", "apprehended", "jailed", "imprisoned"];
const ARRESTED_ACTIVE: &[&str] = &[
    "arrested",
    "arresting",
    "arrest",
    "arrests",
    "detained",
    "detaining",
    "detain",
    "detains",
    "held",
    "holding",
    "apprehended",
    "apprehending",
];

/// "the deaths of 12", "the arrest of 45", "a crowd of 5,000".
const NOUN_OF: &[(&str, Role)] = &[
    ("deaths", Role::Dead),
    ("killing", Role::Dead),
    ("killings", Role::Dead),
    ("murder", Role::Dead),
    ("murders", Role::Dead),
    ("execution", Role::Dead),
    ("executions", Role::Dead),
    ("massacre", Role::Dead),
    ("lives", Role::Dead),
    ("wounding", Role::Injured),
    ("arrest", Role::Arrested),
    ("arrests", Role::Arrested),
    ("detention", Role::Arrested),
    ("detentions", Role::Arrested),
];

/// Reporting verbs before an elided figure: "the army said 12".
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "put",
    "puts",
    "estimated",
    "estimates",
    "counted",
    "reported",
    "gave",
    "claimed",
    "claims",
    "cited",
];

/// Collective nouns: "the police" is not one person.
const COLLECTIVE: &[&str] = &[
    "police",
    "people",
    "military",
    "army",
    "government",
    "regime",
    "militia",
    "group",
    "family",
    "crowd",
    "public",
    "population",
    "staff",
    "personnel",
    "crew",
    "team",
    "opposition",
    "youth",
    "clergy",
    "press",
    "media",
    "leadership",
    "administration",
    "navy",
    "force",
    "unit",
    "delegation",
    "village",
    "town",
    "city",
    "country",
    "camp",
    "convoy",
    "building",
    "house",
    "home",
    "school",
    "hospital",
    "base",
    "area",
    "alliance",
    "coalition",
    "union",
    "federation",
    "association",
    "movement",
    "organisation",
    "organization",
    "committee",
    "council",
    "network",
    "bloc",
    "faction",
    "party",
    "front",
    "league",
    "mob",
    "throng",
    "gang",
    "band",
    "number",
    "majority",
    "minority",
    "host",
    "wave",
    "series",
    "string",
    "handful",
    "dozen",
    "couple",
    "total",
];

fn in_list(w: &str, list: &[&str]) -> bool {
    list.contains(&w)
}

fn lookup(w: &str, list: &[(&str, u64)]) -> Option<u64> {
    list.iter().find(|(k, _)| *k == w).map(|(_, v)| *v)
}

/// Whether the words of `pat` start at `i`.
fn words_at(toks: &[Tok], i: usize, pat: &[&str]) -> bool {
    pat.iter().enumerate().all(|(k, w)| toks.get(i + k).is_some_and(|t| t.lower == *w))
}

/// The longest pattern of `pats` starting at `i`: its length.
fn longest_at(toks: &[Tok], i: usize, pats: &[&[&str]]) -> usize {
    pats.iter().filter(|p| words_at(toks, i, p)).map(|p| p.len()).max().unwrap_or(0)
}

fn lower<'a>(toks: &'a [Tok], i: usize) -> &'a str {
    toks.get(i).map_or("", |t| &*t.lower)
}

/// The phrase of tokens `a..b` as written, single-spaced.
fn phrase(toks: &[Tok], a: usize, b: usize) -> String {
    let mut s = String::new();
    for k in a..b {
        if k > a && toks[k].span.start > toks[k - 1].span.end {
            s.push(' ');
        }
        s.push_str(toks[k].text);
    }
    s
}

// ---------------------------------------------------------------------
// Step 1: quantities.

/// A number's value as written, before the words around it bound it.
#[derive(Debug, Clone, Copy)]
struct Core {
    lo: u64,
    hi: u64,
    vague: bool,
    approx: bool,
    /// "30-plus", "or more": only a lower bound.
    open: bool,
    end: usize,
    hint: Option<Kind>,
    crowd: bool,
    /// A bare four-digit number (a year, unless the words say otherwise).
    yearish: bool,
    /// The lone word "one".
    one: bool,
}

impl Core {
    fn exact(v: u64, end: usize) -> Core {
        Core {
            lo: v,
            hi: v,
            vague: false,
            approx: false,
            open: false,
            end,
            hint: None,
            crowd: false,
            yearish: false,
            one: false,
        }
    }
    fn vague(lo: u64, hi: u64, end: usize) -> Core {
        Core { vague: true, ..Core::exact(lo, end).with_hi(hi) }
    }
    fn with_hi(mut self, hi: u64) -> Core {
        self.hi = hi;
        self
    }
    fn times(mut self, m: u64) -> Core {
        self.lo = self.lo.saturating_mul(m);
        self.hi = self.hi.saturating_mul(m);
        self
    }
}

/// A written number: "1,000", "1.5", "12th", "5bn", "10:30".
/// Returns the value and a kind when the form alone decides it.
fn digits(text: &str) -> Option<(f64, Option<Kind>)> {
    if text.contains(':') {
        return Some((0.0, Some(Kind::Time)));
    }
    if text.contains('/') {
        return Some((0.0, Some(Kind::Date)));
    }
    let cut = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (body, suffix) = text.split_at(cut);
    let body: String = body.chars().filter(|&c| c != ',').collect();
    let v: f64 = body.parse().ok()?;
    let (mult, hint) = match suffix {
        "" => (1.0, None),
        "st" | "nd" | "rd" | "th" => (1.0, Some(Kind::Ordinal)),
        "s" => (1.0, Some(Kind::Date)),
        "k" => (1e3, None),
        "m" | "mn" | "mln" => (1e6, None),
        "b" | "bn" | "bln" => (1e9, None),
        "tn" | "trn" => (1e12, None),
        _ => return None,
    };
    Some((v * mult, hint))
}

fn small_word(w: &str) -> Option<u64> {
    // Every number word is lower-case letters, hyphens and at most
    // "seventy-seven" long: most words are ruled out without a lookup.
    if w.len() > 13 || !w.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    static SMALL_MAP: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u64>> = std::sync::OnceLock::new();
    let map = SMALL_MAP.get_or_init(|| SMALL.iter().copied().collect());
    if let Some(&v) = map.get(w) {
        return Some(v);
    }
    let (tens, unit) = w.split_once('-')?;
    let t = lookup(tens, SMALL).filter(|t| *t >= 20 && t % 10 == 0)?;
    let u = lookup(unit, SMALL).filter(|u| (1..10).contains(u))?;
    Some(t + u)
}

fn scale_word(w: &str) -> Option<u64> {
    lookup(w, SCALES)
}

/// A plain number token or number word: its value.
fn plain_value(w: &str) -> Option<u64> {
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        let (v, hint) = digits(w)?;
        if hint.is_some() || v.fract() != 0.0 {
            return None;
        }
        return Some(v as u64);
    }
    small_word(w)
}

/// Scale words after a core: "1.5 million", "several hundred thousand",
/// "hundreds of thousands", "two dozen".
fn scaled(toks: &[Tok], mut c: Core, value: Option<f64>) -> Core {
    let mut v = value;
    loop {
        let w = lower(toks, c.end);
        if let Some(s) = scale_word(w) {
            if let Some(x) = v.as_mut() {
                *x *= s as f64;
            }
            c = c.times(s);
            c.end += 1;
            continue;
        }
        if w == "dozen" {
            if let Some(x) = v.as_mut() {
                *x *= 12.0;
            }
            c = c.times(12);
            c.end += 1;
            continue;
        }
        // "hundreds of thousands", "tens of millions"
        if c.vague && w == "of" {
            let next = lower(toks, c.end + 1);
            if let Some((_, lo, hi)) = PLURAL_AMOUNTS.iter().find(|(k, _, _)| *k == next) {
                if *lo >= 2_000 {
                    let unit = lo / 2;
                    c.lo = c.lo.saturating_mul(unit);
                    c.hi = (c.hi + 1).saturating_mul(unit).saturating_sub(1).max(*hi);
                    c.end += 2;
                    continue;
                }
            }
        }
        break;
    }
    // "two hundred and fifty", "one hundred twenty"
    if let Some(x) = v.as_mut() {
        if *x >= 100.0 && !c.vague && c.end > 0 && scale_word(lower(toks, c.end - 1)).is_some() {
            let and = usize::from(lower(toks, c.end) == "and");
            if let Some(s) = small_word(lower(toks, c.end + and)).filter(|s| *s > 0 && *s < 100) {
                *x += s as f64;
                c.end += and + 1;
            }
        }
    }
    if let Some(x) = v {
        if x.fract() != 0.0 {
            // "3.5": a measure, not a head count.
            c.hint = c.hint.or(Some(Kind::Measure));
        }
        c.lo = x as u64;
        c.hi = x as u64;
    }
    c
}

/// The number starting at token `i`, if one does.
fn core_at(toks: &[Tok], i: usize) -> Option<Core> {
    let t = toks.get(i)?;
    let w: &str = &t.lower;
    // Number words ("twelve", "dozens") are tagged Num too; only digits
    // take this path.
    if let Some((v, hint)) = (t.tag == Tag::Num).then(|| digits(w)).flatten() {
        let yearish = hint.is_none() && w.len() == 4 && !w.contains(['.', ',']) && (1000.0..=2100.0).contains(&v);
        let mut c = Core::exact(0, i + 1);
        c.hint = hint;
        if hint.is_some() {
            return Some(c);
        }
        c.yearish = yearish;
        let c = scaled(toks, c, Some(v));
        return Some(Core { yearish: yearish && c.end == i + 1, ..c });
    }
    if let Some(v) = small_word(w) {
        let c = scaled(toks, Core::exact(v, i + 1), Some(v as f64));
        return Some(Core { one: w == "one" && c.end == i + 1, ..c });
    }
    if let Some((_, lo, hi)) = PLURAL_AMOUNTS.iter().find(|(k, _, _)| *k == w) {
        return Some(scaled(toks, Core::vague(*lo, *hi, i + 1), None));
    }
    if w == "tens" && lower(toks, i + 1) == "of" {
        let next = lower(toks, i + 2);
        if let Some(unit) = match next {
            "thousands" => Some(10_000u64),
            "millions" => Some(10_000_000),
            _ => None,
        } {
            return Some(Core::vague(2 * unit, 10 * unit - 1, i + 3));
        }
    }
    if w == "several" {
        return Some(scaled(toks, Core::vague(3, 9, i + 1), None));
    }
    if w == "a" || w == "an" {
        let next = lower(toks, i + 1);
        if let Some(s) = scale_word(next) {
            return Some(scaled(toks, Core::exact(s, i + 2), Some(s as f64)));
        }
        if next == "dozen" {
            return Some(scaled(toks, Core::exact(12, i + 2), Some(12.0)));
        }
        if next == "score" && lower(toks, i + 2) == "of" {
            return Some(Core::exact(20, i + 2));
        }
        if let Some((_, lo, hi)) = FEW_AMOUNTS.iter().find(|(k, _, _)| *k == next) {
            let c = Core::vague(*lo, *hi, i + 2);
            return Some(if next == "few" { scaled(toks, c, None) } else { c });
        }
    }
    if w == "half" && lower(toks, i + 1) == "a" {
        if let Some(s) = scale_word(lower(toks, i + 2)).or((lower(toks, i + 2) == "dozen").then_some(12)) {
            return Some(Core::exact(s / 2, i + 3));
        }
    }
    if t.tag == Tag::Word && w.contains('-') {
        return hyphenated(w, i);
    }
    None
}

/// One hyphenated token: "twenty-five" is handled by [`small_word`];
/// here "20-30", "1,000-strong", "30-odd", "12-year-old", "24-hour".
fn hyphenated(w: &str, i: usize) -> Option<Core> {
    let (first, rest) = w.split_once('-')?;
    let a = plain_value(first)?;
    if let Some(b) = plain_value(rest) {
        if b > a && !rest.contains('-') {
            return Some(Core { lo: a, hi: b, ..Core::exact(a, i + 1) });
        }
        // "3-1": a score.
        return Some(Core { hint: Some(Kind::Measure), ..Core::exact(a, i + 1) });
    }
    let mut c = Core::exact(a, i + 1);
    match rest {
        "strong" => c.crowd = true,
        "odd" | "some" => {
            c.approx = true;
            c.open = true;
        }
        "plus" => c.open = true,
        r if r.contains("old") => c.hint = Some(Kind::Age),
        _ => c.hint = Some(Kind::Measure),
    }
    Some(c)
}

/// Every quantity of a sentence, in order.
pub fn numbers(toks: &[Tok]) -> Vec<Quantity> {
    let mut out = Vec::new();
    // Where a number itself stands; a quantity starts at most a few words
    // before one ("no fewer than $ 12"), so most sentences need no more.
    let cores: Vec<usize> = (0..toks.len()).filter(|&i| core_at(toks, i).is_some()).collect();
    let mut i = 0;
    while i < toks.len() {
        if !cores.iter().any(|&c| c >= i && c <= i + MAX_LEAD) {
            i += 1;
            continue;
        }
        match quantity_at(toks, i) {
            Some(q) => {
                i = q.toks.1;
                out.push(q);
            }
            None => i += 1,
        }
    }
    out
}

/// The most words a quantity has before its number: the longest bounding
/// phrase (three words, "no more than") and a currency sign, with room.
const MAX_LEAD: usize = 6;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Bound {
    None,
    Min,
    Max,
    Near,
    Approx,
    Between,
}

fn quantity_at(toks: &[Tok], i: usize) -> Option<Quantity> {
    // Bounding words before the number.
    let (bound, mlen) = [
        (Bound::Min, longest_at(toks, i, MIN_MODS)),
        (Bound::Max, longest_at(toks, i, MAX_MODS)),
        (Bound::Near, longest_at(toks, i, NEAR_MODS)),
        (Bound::Approx, longest_at(toks, i, APPROX_MODS)),
        (Bound::Between, usize::from(toks[i].lower == "between")),
    ]
    .into_iter()
    .max_by_key(|(_, n)| *n)
    .filter(|(_, n)| *n > 0)
    .unwrap_or((Bound::None, 0));
    let mut at = i + mlen;
    let mut money = false;
    if toks.get(at).is_some_and(|t| in_list(&t.lower, CURRENCY_SIGNS)) {
        money = true;
        at += 1;
    }
    let core = match core_at(toks, at) {
        Some(c) => c,
        None if mlen > 0 => return None,
        None => return None,
    };
    // A lone "one" that is a pronoun: "no one", "one another", "the one".
    if core.one && mlen == 0 {
        let prev = if i > 0 { lower(toks, i - 1) } else { "" };
        let next = lower(toks, core.end);
        if matches!(prev, "no" | "any" | "every" | "each" | "the" | "this" | "that" | "which" | "some")
            || matches!(next, "another" | "'s" | "who" | "day")
        {
            return None;
        }
    }
    // "some" and "estimated" alone before a non-number are not bounds;
    // "over"/"under" before a vague word ("over dozens") are rare enough.
    let mut c = core;
    let mut end = c.end;
    // Ranges: "20 to 30", "one or two", "between 20 and 30".
    let joiner = lower(toks, end);
    let prev_is_from = i > 0 && lower(toks, i - 1) == "from";
    if (bound == Bound::Between && joiner == "and")
        || (bound != Bound::Between && !prev_is_from && matches!(joiner, "to" | "or" | "-" | "–"))
    {
        let skip_sign = usize::from(toks.get(end + 1).is_some_and(|t| in_list(&t.lower, CURRENCY_SIGNS)));
        if let Some(c2) = core_at(toks, end + 1 + skip_sign).filter(|c2| c2.hint.is_none() && c2.hi > c.lo) {
            c.hi = c2.hi;
            c.vague |= c2.vague;
            c.yearish = false;
            c.one = false;
            end = c2.end;
        }
    }
    // Words after: "or more", "or so", "plus".
    if words_at(toks, end, &["or", "more"]) || words_at(toks, end, &["and", "more"]) {
        c.open = true;
        end += 2;
    } else if words_at(toks, end, &["or", "so"]) {
        c.approx = true;
        end += 2;
    } else if lower(toks, end) == "plus" {
        c.open = true;
        end += 1;
    }
    let (mut min, mut max, mut approx) = (Some(c.lo), Some(c.hi), c.approx);
    match bound {
        Bound::Min => max = None,
        Bound::Max => min = None,
        Bound::Near => {
            min = None;
            approx = true;
        }
        Bound::Approx => approx = true,
        Bound::None | Bound::Between => {}
    }
    if c.open {
        max = None;
    }
    let kind = if money { Kind::Money } else { classify(toks, i, at, end, &c, bound) };
    let span = Span::new(toks[i].span.start, toks[end - 1].span.end);
    Some(Quantity {
        min,
        max,
        approx,
        vague: c.vague,
        kind,
        toks: (i, end),
        span,
        text: phrase(toks, i, end),
        crowd: c.crowd,
    })
}

/// What the quantity `start..end` (number from `at`) counts.
fn classify(toks: &[Tok], start: usize, at: usize, end: usize, c: &Core, bound: Bound) -> Kind {
    if let Some(h) = c.hint {
        return h;
    }
    let prev = if at > 0 { lower(toks, at - 1) } else { "" };
    let next = lower(toks, end);
    let next2 = lower(toks, end + 1);
    if in_list(next, CURRENCY_WORDS) {
        return Kind::Money;
    }
    if in_list(next, FRACTIONS) {
        // "two thirds of the deaths"
        return Kind::Measure;
    }
    if in_list(next, PERCENT_WORDS) && (next != "per" || next2 == "cent") && (next != "basis" || next2 == "points") {
        return Kind::Percent;
    }
    if in_list(next, TIME_MARKERS) || (next == "local" && next2 == "time") {
        return Kind::Time;
    }
    if matches!(prev, "aged" | "age" | "ages")
        || (matches!(next, "years" | "year") && matches!(next2, "old" | "of"))
        || (next == "-year-old")
    {
        return Kind::Age;
    }
    // "Smith, 30, was …" and "Smith (30)"
    if start >= 2 && start == at && c.lo == c.hi && c.lo < 120 {
        let p = &toks[start - 1];
        let pp = &toks[start - 2];
        let closes = matches!(next, "," | ")");
        if closes && ((p.text == "," && pp.cap && pp.tag == Tag::Word) || (p.text == "(" && pp.cap)) {
            return Kind::Age;
        }
    }
    if is_month(prev) || is_month(next) || (next == "of" && is_month(next2)) || (prev == "the" && next == "of") {
        // "March 12", "12 March", "the 12th of", "the 12 of March"
        if !c.vague && c.hi <= 31 || c.yearish {
            return Kind::Date;
        }
    }
    if c.yearish {
        let modified = bound != Bound::None;
        let people_next = toks.get(end).is_some_and(|t| {
            t.tag == Tag::Word && !t.cap && (t.lower.ends_with('s') || matches!(&*t.lower, "people" | "men" | "women"))
        });
        let prep_before = start > 0 && toks[start - 1].tag == Tag::Prep;
        if !(modified || (people_next && !prep_before)) {
            return Kind::Year;
        }
    }
    if start == at && in_list(prev, LABEL_WORDS) {
        return Kind::Label;
    }
    if start == at
        && at > 0
        && toks[at - 1].cap
        && toks[at - 1].tag == Tag::Word
        && !c.vague
        && {
            // "Resolution 2334", "Boeing 737", "Apollo 11": a capitalised
            // word directly before a bare number names it, unless the word
            // starts the sentence.
            at >= 2 && !toks[at - 2].is_boundary()
        }
        && !toks[at - 1].text.chars().all(|ch| ch.is_uppercase() || ch == '.')
    {
        return Kind::Label;
    }
    // What follows: a unit, a duration, or a thing.
    let mut k = end;
    let mut seen = 0;
    while let Some(t) = toks.get(k) {
        if seen >= 3 || t.tag != Tag::Word {
            break;
        }
        let w: &str = &t.lower;
        if seen == 0 && (in_list(w, UNITS) || w.starts_with("km")) {
            return Kind::Measure;
        }
        if seen == 0 && in_list(w, TIME_UNITS) {
            return Kind::Measure;
        }
        if in_list(w, THINGS) {
            return Kind::Things;
        }
        if in_list(w, CROWD_NOUNS) || matches!(w, "people" | "civilians" | "persons" | "others") {
            break;
        }
        k += 1;
        seen += 1;
    }
    Kind::Count
}

// ---------------------------------------------------------------------
// Step 2: figures.

/// A token range in the sentence.
type Range = (usize, usize);

/// A role word at `j` that counts what stands before it: its role and
/// length. Verbs that can also be active ("killed") count only in a
/// passive or reduced form: "12 were killed", "12 killed in", not "five
/// gunmen killed three".
fn role_after(toks: &[Tok], j: usize, near: bool) -> Option<(Role, usize)> {
    let w = lower(toks, j);
    // Nouns of the role count only next to the number: "12 deaths", "30
    // injuries", not "one of the bodies".
    if in_list(w, ROLE_NOUNS) && !near {
        return None;
    }
    // "shot dead", "gunned down" … as a verb phrase: like DEAD_VERBS.
    if matches!(w, "shot" | "gunned" | "beaten" | "stabbed" | "hacked" | "burned" | "burnt")
        && matches!(lower(toks, j + 1), "dead" | "down")
    {
        return victim_form(toks, j, j + 2).then_some((Role::Dead, 2));
    }
    if w == "lost" && matches!(lower(toks, j + 1), "their" | "his" | "her") && lower(toks, j + 2) == "lives" {
        return Some((Role::Dead, 3));
    }
    if in_list(w, DEAD_AFTER) {
        return Some((Role::Dead, 1));
    }
    // "12 bodies were found", not "two public bodies".
    if w == "bodies" && near {
        let found = (j + 1..j + 4).any(|k| {
            matches!(
                lower(toks, k),
                "found" | "recovered" | "discovered" | "pulled" | "retrieved" | "lay" | "lying" | "dumped" | "exhumed"
            )
        });
        return found.then_some((Role::Dead, 1));
    }
    if in_list(w, DEAD_VERBS) {
        return victim_form(toks, j, j + 1).then_some((Role::Dead, 1));
    }
    if in_list(w, INJURED_AFTER) {
        return Some((Role::Injured, 1));
    }
    if in_list(w, INJURED_VERBS) {
        return victim_form(toks, j, j + 1).then_some((Role::Injured, 1));
    }
    if in_list(w, ARRESTED_AFTER) {
        return Some((Role::Arrested, 1));
    }
    if matches!(w, "rounded" | "picked") && lower(toks, j + 1) == "up" {
        return victim_form(toks, j, j + 2).then_some((Role::Arrested, 2));
    }
    if matches!(w, "into" | "in") && lower(toks, j + 1) == "custody" {
        return Some((Role::Arrested, 2));
    }
    if w == "held" {
        // "were held", "held by", "held hostage"; not "held up a banner".
        let aux = j > 0 && (toks[j - 1].tag == Tag::Be || toks[j - 1].lower == "been");
        let after = matches!(lower(toks, j + 1), "by" | "in" | "hostage" | "captive" | "prisoner" | "incommunicado");
        return (aux || after).then_some((Role::Arrested, 1));
    }
    if in_list(w, ARRESTED_VERBS) {
        return victim_form(toks, j, j + 1).then_some((Role::Arrested, 1));
    }
    if w == "casualties" {
        return Some((Role::Size, 1));
    }
    if w == "took" && words_at(toks, j + 1, &["to", "the", "streets"]) {
        return Some((Role::Size, 4));
    }
    if w == "turned" && lower(toks, j + 1) == "out" {
        return Some((Role::Size, 2));
    }
    if in_list(w, CROWD_VERBS) && toks.get(j).is_some_and(|t| !t.cap) {
        return Some((Role::Size, 1));
    }
    None
}

/// Whether the verb at `j` (ending before `after`) has its victim before
/// it: after a form of be/get, or with no object after it.
fn victim_form(toks: &[Tok], j: usize, after: usize) -> bool {
    let mut p = j;
    while p > 0 && toks[p - 1].tag == Tag::Adv {
        p -= 1;
    }
    if p > 0 && (toks[p - 1].tag == Tag::Be || matches!(lower(toks, p - 1), "got" | "get" | "gets" | "getting")) {
        return true;
    }
    match toks.get(after) {
        None => true,
        Some(n) => match n.tag {
            Tag::Det | Tag::Num | Tag::PossPron | Tag::Pron => false,
            Tag::Word => in_list(&n.lower, TIME_WORDS) || is_month(&n.lower),
            _ => true,
        },
    }
}

/// A verb before a count whose object the count is: "killed 12",
/// "injuring 30", "arrested 45", "shot dead 3", "rounded up 45".
fn role_before(toks: &[Tok], r: usize) -> Option<(Role, (usize, usize))> {
    let w = lower(toks, r);
    if r > 0 && w == "dead" && matches!(lower(toks, r - 1), "shot" | "gunned" | "beaten" | "stabbed" | "hacked") {
        return Some((Role::Dead, (r - 1, r + 1)));
    }
    if r > 0 && w == "up" && matches!(lower(toks, r - 1), "rounded" | "rounding" | "round" | "rounds") {
        return Some((Role::Arrested, (r - 1, r + 1)));
    }
    if in_list(w, DEAD_ACTIVE) {
        return Some((Role::Dead, (r, r + 1)));
    }
    if in_list(w, INJURED_ACTIVE) {
        return Some((Role::Injured, (r, r + 1)));
    }
    if in_list(w, ARRESTED_ACTIVE) {
        // "held above 50": a level, not detainees.
        if matches!(w, "held" | "holding") && matches!(lower(toks, r + 1), "above" | "below" | "over" | "under" | "at")
        {
            return None;
        }
        return Some((Role::Arrested, (r, r + 1)));
    }
    if w == "of" && r > 0 {
        let head = lower(toks, r - 1);
        if let Some((_, role)) = NOUN_OF.iter().find(|(k, _)| *k == head) {
            return Some((*role, (r - 1, r + 1)));
        }
        if in_list(head, CROWD_HEADS) {
            return Some((Role::Size, (r - 1, r + 1)));
        }
    }
    if w == "by" && r > 0 && matches!(lower(toks, r - 1), "attended" | "joined") {
        return Some((Role::Size, (r - 1, r + 1)));
    }
    None
}

/// A toll, crowd or casualty noun a few words before the count: "the
/// death toll rose to 30", "the death toll from the attack reached 30",
/// "the crowd was estimated at 10,000", "casualties: 50".
fn toll_before(toks: &[Tok], q0: usize) -> Option<(Role, (usize, usize))> {
    if q0 == 0 {
        return None;
    }
    let link = &toks[q0 - 1];
    let linking = matches!(link.tag, Tag::Be | Tag::To)
        || link.text == ":"
        || matches!(
            &*link.lower,
            "at" | "of"
                | "reached"
                | "reaches"
                | "hit"
                | "hits"
                | "topped"
                | "tops"
                | "passed"
                | "exceeded"
                | "surpassed"
                | "stood"
                | "stands"
                | "numbered"
                | "numbering"
                | "now"
                | "swelled"
        );
    if !linking {
        return None;
    }
    let mut k = q0 - 1;
    for _ in 0..8 {
        if k == 0 {
            return None;
        }
        k -= 1;
        let t = &toks[k];
        if matches!(t.tag, Tag::End | Tag::Break | Tag::Sub | Tag::Num | Tag::Quote) {
            return None;
        }
        let w: &str = &t.lower;
        let role = match w {
            "toll" => Some(match lower(toks, k.wrapping_sub(1)) {
                "casualty" => Role::Size,
                "injury" => Role::Injured,
                _ => Role::Dead,
            }),
            "turnout" | "crowd" | "crowds" | "casualties" => Some(Role::Size),
            "fatalities" | "deaths" => Some(Role::Dead),
            _ => None,
        };
        if let Some(role) = role {
            let from = if k > 0 && matches!(lower(toks, k - 1), "death" | "casualty" | "injury") { k - 1 } else { k };
            return Some((role, (from, k + 1)));
        }
    }
    None
}

/// The role of the words after a count: scans the counted noun phrase
/// ("12 Iraqi civilians"), auxiliaries ("have been") and shared
/// predicates ("12 soldiers and 3 civilians were killed") to the role
/// word. Returns the role, its cue and whether a crowd noun was the head.
fn scan_after(toks: &[Tok], q: &Quantity, all: &[Quantity]) -> (Option<(Role, Range)>, Option<Range>) {
    let mut j = q.toks.1;
    let mut steps = 0;
    let mut crowd: Option<(usize, usize)> = None;
    let mut head: Option<&str> = None;
    let mut passed_prep = false;
    while j < toks.len() && steps < 10 {
        if let Some((role, len)) = role_after(toks, j, j <= q.toks.1 + 1) {
            let cue = (j, j + len);
            // "one of the last areas held by": things are not people.
            if head.is_some_and(|h| in_list(h, THINGS) || in_list(h, TIME_UNITS) || in_list(h, UNITS)) {
                return (None, None);
            }
            // "people live in a densely packed corner": a protest verb
            // after a prepositional phrase needs its auxiliary.
            let aux = j > 0 && matches!(toks[j - 1].tag, Tag::Be | Tag::Have | Tag::Modal);
            if role == Role::Size && len == 1 && in_list(lower(toks, j), CROWD_VERBS) && passed_prep && !aux {
                return (None, crowd);
            }
            // "killed or wounded", "dead and injured": together.
            let c = j + len;
            if matches!(lower(toks, c), "or" | "and") && role != Role::Size {
                if let Some((r2, l2)) = role_after(toks, c + 1, false).or_else(|| role_after_plain(toks, c + 1)) {
                    if r2 != role && r2 != Role::Size {
                        return (Some((Role::Size, (j, c + 1 + l2))), crowd);
                    }
                }
            }
            return (Some((role, cue)), crowd);
        }
        let t = &toks[j];
        if in_list(&t.lower, CROWD_NOUNS) && crowd.is_none() {
            crowd = Some((j, j + 1));
        }
        if t.tag == Tag::Word && !passed_prep {
            head = Some(&*t.lower);
        }
        if t.tag == Tag::Prep && t.lower != "of" {
            passed_prep = true;
        }
        match t.tag {
            Tag::Word | Tag::Adv | Tag::Poss | Tag::PossPron | Tag::Be | Tag::Have | Tag::Modal | Tag::Det => {}
            Tag::Pron if j > 0 && toks[j - 1].lower == "of" => {}
            Tag::Prep => {
                if matches!(&*t.lower, "than" | "after" | "before" | "since" | "until" | "till" | "during" | "like") {
                    break;
                }
            }
            Tag::Conj => {
                // A second count sharing the predicate.
                match all.iter().find(|o| o.toks.0 == j + 1 && o.is_count()) {
                    Some(o) => {
                        j = o.toks.1;
                        steps += 1;
                        continue;
                    }
                    None => break,
                }
            }
            Tag::Comma => {
                // A parenthesis: "12 people, including three children, were killed".
                if matches!(lower(toks, j + 1), "including" | "among" | "mostly" | "most" | "many" | "all") {
                    match (j + 1..toks.len().min(j + 12)).find(|&k| toks[k].tag == Tag::Comma) {
                        Some(k) => {
                            j = k + 1;
                            steps += 1;
                            continue;
                        }
                        None => break,
                    }
                }
                break;
            }
            _ => break,
        }
        j += 1;
        steps += 1;
    }
    (None, crowd)
}

/// "wounded" after "killed or": the second word of a pair needs no
/// passive check.
fn role_after_plain(toks: &[Tok], j: usize) -> Option<(Role, usize)> {
    let w = lower(toks, j);
    if in_list(w, DEAD_VERBS) || in_list(w, DEAD_ACTIVE) {
        Some((Role::Dead, 1))
    } else if in_list(w, INJURED_VERBS) || in_list(w, INJURED_ACTIVE) {
        Some((Role::Injured, 1))
    } else {
        None
    }
}

/// Every count of the sentence tied to a role by the words around it,
/// whatever event it belongs to. The event-dependent rules (the count of
/// a protest's actors, of an event's recipients, one victim) are in
/// [`attach_all`].
pub fn figures(toks: &[Tok], quantities: &[Quantity]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for q in quantities.iter().filter(|q| q.is_count()) {
        let fig = |role, cue, rule| Figure { role, quantity: q.clone(), cue, rule };
        // "a 1,000-strong crowd" (not "a 30,000-strong border force").
        let crowd_next = in_list(lower(toks, q.toks.1), CROWD_HEADS) || in_list(lower(toks, q.toks.1), CROWD_NOUNS);
        if q.crowd && crowd_next {
            out.push(fig(Role::Size, None, "a crowd's strength (\"1,000-strong\")"));
            continue;
        }
        // An active verb right before: the count is its object.
        let mut r = q.toks.0;
        while r > 0 && (toks[r - 1].tag == Tag::Adv || matches!(&*toks[r - 1].lower, "another" | "additional")) {
            r -= 1;
        }
        if r >= 3 && words_at(toks, r - 3, &["a", "total", "of"]) {
            r -= 3;
        }
        if r > 0 {
            if let Some((mut role, cue)) = role_before(toks, r - 1) {
                let mut cue = cue;
                // "killing or wounding 50": dead and wounded together.
                if cue.0 >= 2 && matches!(lower(toks, cue.0 - 1), "or" | "and") {
                    if let Some((r0, _)) = role_before(toks, cue.0 - 2) {
                        if r0 != role && r0 != Role::Size && role != Role::Size {
                            role = Role::Size;
                            cue = (cue.0 - 2, cue.1);
                        }
                    }
                }
                let rule = if role == Role::Size && cue.1 - cue.0 >= 3 {
                    "count after \"killing or wounding\": dead and wounded together"
                } else if role == Role::Size {
                    "count after a crowd word (\"a crowd of\", \"attended by\")"
                } else {
                    "count after a verb or noun of the role (\"killed 12\", \"the arrest of 45\")"
                };
                out.push(fig(role, Some(cue), rule));
                continue;
            }
        }
        if let Some((role, cue)) = toll_before(toks, q.toks.0) {
            out.push(fig(role, Some(cue), "count after a toll or crowd noun (\"the death toll rose to 30\")"));
            continue;
        }
        let (after, crowd) = scan_after(toks, q, quantities);
        if let Some((role, cue)) = after {
            let combined = (cue.0..cue.1).any(|k| matches!(lower(toks, k), "casualties" | "or" | "and"));
            let rule = match role {
                Role::Size if combined => {
                    "count before \"casualties\" or \"killed or wounded\": dead and wounded together"
                }
                Role::Size => "count before a protest verb (\"thousands rallied\")",
                _ => "count before a word of the role (\"12 were killed\", \"30 injured\")",
            };
            out.push(fig(role, Some(cue), rule));
            continue;
        }
        if let Some(cue) = crowd {
            out.push(fig(Role::Size, Some(cue), "count of protesters (\"thousands of protesters\")"));
            continue;
        }
        // An elided figure: "the ministry said 30 were killed; the army said 12".
        let mut p = q.toks.0;
        while p > 0 && matches!(toks[p - 1].tag, Tag::Adv | Tag::Sub) && toks[p - 1].lower != "as" {
            p -= 1;
        }
        let after_report = p > 0 && in_list(lower(toks, p - 1), REPORTING);
        let ends_clause = toks.get(q.toks.1).is_none_or(|t| {
            matches!(t.tag, Tag::End | Tag::Break | Tag::Comma | Tag::Conj | Tag::Quote)
                || matches!(&*t.lower, "people" | "others" | "had" | "were" | "was" | "instead")
        });
        if after_report && ends_clause {
            if let Some(prev) = out.iter().rev().find(|f| f.role != Role::Size || f.rule.contains("dead and wounded")) {
                let role = prev.role;
                out.push(fig(role, None, "elided figure after a reporting verb (\"the army said 12\")"));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------
// Step 3: figures to events.

fn gap(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// The singular noun phrase starting at `j` ("a policeman", "the deputy
/// chief of …"): its end, when it is one person or thing.
fn singular_np(toks: &[Tok], j: usize) -> Option<usize> {
    let det = lower(toks, j);
    let indefinite = matches!(det, "a" | "an" | "one");
    if !indefinite && !matches!(det, "the" | "his" | "her" | "its") {
        return None;
    }
    let mut k = j + 1;
    let mut head: Option<usize> = None;
    while let Some(t) = toks.get(k) {
        if t.tag != Tag::Word && t.tag != Tag::Poss {
            break;
        }
        if t.tag == Tag::Word {
            head = Some(k);
        }
        k += 1;
        if k - j > 6 {
            return None;
        }
    }
    let h = head?;
    let w: &str = &toks[h].lower;
    if in_list(w, COLLECTIVE) || in_list(w, THINGS) || in_list(w, TIME_UNITS) {
        return None;
    }
    let plural = w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is");
    if plural && !indefinite {
        return None;
    }
    if plural && indefinite && !matches!(det, "one") {
        // "a dozen …" and "a number of …" are not here (they are counts or vague).
        return None;
    }
    Some(k)
}

fn one(toks: &[Tok], a: usize, b: usize) -> Quantity {
    Quantity {
        min: Some(1),
        max: Some(1),
        approx: false,
        vague: false,
        kind: Kind::Count,
        toks: (a, b),
        span: Span::new(toks[a].span.start, toks[b - 1].span.end),
        text: phrase(toks, a, b),
        crowd: false,
    }
}

/// The magnitudes of one event from the sentence's quantities, when the
/// event's actor and recipient phrases are not at hand. See [`attach_all`].
pub fn attach(toks: &[Tok], trigger: (usize, usize), event: EventType, quantities: &[Quantity]) -> Magnitudes {
    let site = Site { trigger, event, actors: &[], recipients: &[] };
    attach_all(toks, &[site], quantities).pop().unwrap_or_default()
}

/// The magnitudes of each event of a sentence (`sites`, in any order),
/// from the sentence's `quantities` ([`numbers`]). Each figure goes to one
/// event: the nearest whose type can carry its role ([`Role::fits`]).
/// Then, per event: the count of a protest's actors, of the recipients of
/// another event, and a single victim or detainee. When a role has
/// several figures (two speakers' counts), the field takes the one
/// nearest the trigger and [`Magnitudes::figures`] keeps them all.
pub fn attach_all(toks: &[Tok], sites: &[Site], quantities: &[Quantity]) -> Vec<Magnitudes> {
    let mut out: Vec<Magnitudes> = vec![Magnitudes::default(); sites.len()];
    let figs = figures(toks, quantities);
    let mut used: Vec<(usize, usize)> = figs.iter().map(|f| f.quantity.toks).collect();
    for f in figs {
        let anchor = f.reach();
        let best = sites
            .iter()
            .enumerate()
            .filter(|(_, s)| f.role.fits(s.event))
            .filter(|(_, s)| f.role != Role::Size || size_fits(&f, s.event))
            .min_by_key(|(k, s)| (gap(anchor, s.trigger), *k));
        if let Some((k, _)) = best {
            out[k].figures.push(f);
        }
    }
    for (k, s) in sites.iter().enumerate() {
        let m = &mut out[k];
        let has = |m: &Magnitudes, r: Role| m.figures.iter().any(|f| f.role == r);
        // A protest's actors: "Up to 1,000 students began a hunger strike".
        if matches!(s.event, EventType::Protest | EventType::Mobilize) && !has(m, Role::Size) {
            if let Some(f) = actor_count(toks, s, quantities, &used) {
                used.push(f.quantity.toks);
                m.figures.push(f);
            } else if let Some(f) = one_actor(toks, s) {
                m.figures.push(f);
            }
        }
        // Other events' recipients: "expelled two diplomats".
        if !matches!(s.event, EventType::Protest | EventType::Mobilize) && !has(m, Role::Size) {
            let arrested = m.figures.iter().find(|f| f.role == Role::Arrested).cloned();
            if let Some(f) = arrested {
                m.figures.push(Figure {
                    role: Role::Size,
                    rule: "the number arrested is the number the event was done to",
                    ..f
                });
            } else if !has(m, Role::Dead) && !has(m, Role::Injured) {
                if let Some(f) = recipient_count(toks, s, quantities, &used) {
                    used.push(f.quantity.toks);
                    m.figures.push(f);
                }
            }
        }
        // One victim or detainee: "killed a policeman", "a journalist was arrested".
        for role in [Role::Dead, Role::Injured, Role::Arrested] {
            if role.fits(s.event) && !has(m, role) {
                if let Some(f) = single(toks, s, role) {
                    m.figures.push(f);
                }
            }
        }
    }
    // Events of one type in one sentence are mostly one act told twice
    // ("attacked the camp, killing 156"; "a bombing … killed one soldier"):
    // an event without a figure for a role takes its sibling's.
    let own: Vec<Magnitudes> = out.clone();
    for (k, s) in sites.iter().enumerate() {
        for role in [Role::Dead, Role::Injured, Role::Arrested, Role::Size] {
            if out[k].figures.iter().any(|f| f.role == role) {
                continue;
            }
            let shared: Vec<Figure> = sites
                .iter()
                .enumerate()
                .filter(|(j, o)| *j != k && o.event == s.event)
                .flat_map(|(j, _)| own[j].figures.iter().filter(|f| f.role == role).cloned())
                .collect();
            out[k].figures.extend(shared);
        }
    }
    for (k, s) in sites.iter().enumerate() {
        let m = &mut out[k];
        m.figures.sort_by_key(|f| (f.quantity.toks.0, f.role.as_str()));
        m.figures.dedup();
        for role in [Role::Dead, Role::Injured, Role::Arrested, Role::Size] {
            let pick = m
                .figures
                .iter()
                .filter(|f| f.role == role)
                .min_by_key(|f| gap(f.reach(), s.trigger))
                .map(|f| f.quantity.magnitude());
            *m.slot(role) = pick;
        }
    }
    out
}

/// Crowd sizes go to protests and to the events done to a crowd;
/// combined casualties to violent events.
fn size_fits(f: &Figure, e: EventType) -> bool {
    if f.rule.contains("dead and wounded") {
        matches!(e, EventType::Assault | EventType::Coerce | EventType::Protest)
    } else {
        matches!(e, EventType::Protest | EventType::Mobilize | EventType::Coerce | EventType::Assault)
    }
}

/// The count of a protest's actors: a count inside or just before an
/// actor phrase, or the count that opens the trigger's clause.
fn actor_count(toks: &[Tok], s: &Site, qs: &[Quantity], used: &[(usize, usize)]) -> Option<Figure> {
    let free = |q: &&Quantity| q.is_count() && !used.contains(&q.toks) && q.toks.1 <= s.trigger.0;
    let fig = |q: &Quantity, rule| Figure { role: Role::Size, quantity: q.clone(), cue: None, rule };
    for q in qs.iter().filter(free) {
        let counts_actor = s.actors.iter().any(|a| {
            (a.toks.0 <= q.toks.0 && q.toks.1 <= a.toks.1)
                || (q.toks.1 <= a.toks.0
                    && a.toks.0 - q.toks.1 <= 3
                    && (q.toks.1..a.toks.0).all(|k| matches!(toks[k].tag, Tag::Word | Tag::Det | Tag::Prep)))
        });
        if counts_actor {
            return Some(fig(q, "count of the protest's actors"));
        }
    }
    // The count that opens the clause the trigger is in.
    let q = qs.iter().rfind(|q| free(q))?;
    let opens = q.toks.0 == 0
        || matches!(toks[q.toks.0 - 1].tag, Tag::Comma | Tag::Conj | Tag::Break | Tag::Sub | Tag::Quote | Tag::End);
    let clear = (q.toks.1..s.trigger.0).all(|k| !matches!(toks[k].tag, Tag::End | Tag::Break | Tag::Sub | Tag::Num));
    (opens && clear).then(|| fig(q, "count that opens the protest's clause"))
}

/// One person protesting: a subject that opens with "a"/"an" and a
/// singular noun ("A member of parliament started a hunger strike"), or a
/// single actor who is one person ("Sidhoum staged a hunger strike").
fn one_actor(toks: &[Tok], s: &Site) -> Option<Figure> {
    let before: Vec<&Phrase> = s.actors.iter().filter(|a| a.toks.1 <= s.trigger.0).collect();
    let first = before.iter().map(|a| a.toks.0).min()?;
    let fig = |a: usize, b: usize, rule| Figure { role: Role::Size, quantity: one(toks, a, b), cue: None, rule };
    let start = (0..=first)
        .rev()
        .find(|&k| k == 0 || toks[k - 1].is_boundary() || matches!(toks[k - 1].tag, Tag::Sub | Tag::Conj))
        .unwrap_or(0);
    let coordinated = (start..s.trigger.0).any(|k| toks[k].tag == Tag::Conj);
    if !coordinated && matches!(lower(toks, start), "a" | "an" | "one") {
        if let Some(end) = singular_np(toks, start) {
            return Some(fig(start, end, "one person's protest (a singular subject)"));
        }
    }
    match before[..] {
        [a] if a.person && !coordinated => Some(fig(a.toks.0, a.toks.1, "one person's protest (the actor)")),
        _ => None,
    }
}

/// The count of an event's recipients: a count right after the trigger
/// ("expelled two diplomats", "tortured scores of refugees") or just
/// before a recipient phrase.
fn recipient_count(toks: &[Tok], s: &Site, qs: &[Quantity], used: &[(usize, usize)]) -> Option<Figure> {
    let free = |q: &&Quantity| q.is_count() && !used.contains(&q.toks);
    for q in qs.iter().filter(free) {
        let after_trigger = q.toks.0 >= s.trigger.1
            && q.toks.0 - s.trigger.1 <= 2
            && (s.trigger.1..q.toks.0).all(|k| matches!(toks[k].tag, Tag::Det | Tag::Adv | Tag::Prep));
        let counts_recipient = s.recipients.iter().any(|a| {
            (a.toks.0 <= q.toks.0 && q.toks.1 <= a.toks.1)
                || (q.toks.1 <= a.toks.0
                    && a.toks.0 - q.toks.1 <= 3
                    && (q.toks.1..a.toks.0).all(|k| matches!(toks[k].tag, Tag::Word | Tag::Det | Tag::Prep)))
        });
        if after_trigger || counts_recipient {
            return Some(Figure { role: Role::Size, quantity: q.clone(), cue: None, rule: "count of the recipients" });
        }
    }
    None
}

/// A single victim or detainee of the trigger verb: "killed a policeman",
/// "killed the deputy chief", "arrested the opposition leader", "a
/// journalist was arrested".
fn single(toks: &[Tok], s: &Site, role: Role) -> Option<Figure> {
    let (t0, t1) = s.trigger;
    let verb = (t0..t1).find(|&k| {
        let w = lower(toks, k);
        match role {
            Role::Dead => in_list(w, DEAD_ACTIVE),
            Role::Injured => in_list(w, INJURED_ACTIVE),
            Role::Arrested => in_list(w, ARRESTED_ACTIVE),
            Role::Size => false,
        }
    })?;
    let fig = |q, rule| Figure { role, quantity: q, cue: Some((verb, verb + 1)), rule };
    // Active: the object right after the verb.
    if let Some(end) = singular_np(toks, verb + 1) {
        return Some(fig(one(toks, verb + 1, end), "one victim or detainee after the verb"));
    }
    if let [r] = s.recipients {
        if r.person && r.toks.0 == verb + 1 {
            return Some(fig(one(toks, r.toks.0, r.toks.1), "one person after the verb"));
        }
    }
    // Passive: "a policeman was killed".
    let mut p = verb;
    while p > 0 && matches!(toks[p - 1].tag, Tag::Be | Tag::Have | Tag::Adv) {
        p -= 1;
    }
    if p < verb && toks[p..verb].iter().any(|t| t.tag == Tag::Be) {
        let start = (0..p).rev().take(7).find(|&k| matches!(lower(toks, k), "a" | "an"))?;
        if singular_np(toks, start) == Some(p)
            && (start == 0 || toks[start - 1].breaks_np() || toks[start - 1].is_boundary())
        {
            return Some(fig(one(toks, start, p), "one victim or detainee before a passive verb"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::sentence_tokens;

    fn qs(text: &str) -> Vec<(Option<u64>, Option<u64>, Kind, String)> {
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        numbers(&toks).into_iter().map(|q| (q.min, q.max, q.kind, q.text)).collect()
    }

    fn count(text: &str) -> (Option<u64>, Option<u64>, String) {
        let v: Vec<_> = qs(text).into_iter().filter(|q| q.2 == Kind::Count).collect();
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        (v[0].0, v[0].1, v[0].3.clone())
    }

    /// Magnitudes of the event whose trigger is the first token `trigger`.
    fn mags(text: &str, trigger: &str, event: EventType) -> Magnitudes {
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let t = toks.iter().position(|t| t.lower == trigger).expect("trigger in sentence");
        attach(&toks, (t, t + 1), event, &numbers(&toks))
    }

    fn m(x: &Option<Magnitude>) -> (Option<u64>, Option<u64>, &str) {
        x.as_ref().map_or((None, None, ""), |m| (m.min, m.max, m.text.as_str()))
    }

    #[test]
    fn digits_and_words() {
        assert_eq!(count("Police detained 12 men."), (Some(12), Some(12), "12".into()));
        assert_eq!(count("Police detained twelve men."), (Some(12), Some(12), "twelve".into()));
        assert_eq!(count("They freed twenty-five men."), (Some(25), Some(25), "twenty-five".into()));
        assert_eq!(count("It hit 1,500 people."), (Some(1500), Some(1500), "1,500".into()));
        assert_eq!(count("It hit 1.5 million people."), (Some(1_500_000), Some(1_500_000), "1.5 million".into()));
        assert_eq!(
            count("It hit two hundred and fifty people."),
            (Some(250), Some(250), "two hundred and fifty".into())
        );
        assert_eq!(count("It hit a hundred people."), (Some(100), Some(100), "a hundred".into()));
        assert_eq!(count("It hit a dozen people."), (Some(12), Some(12), "a dozen".into()));
        assert_eq!(count("It hit half a dozen people."), (Some(6), Some(6), "half a dozen".into()));
        assert_eq!(count("It hit two dozen people."), (Some(24), Some(24), "two dozen".into()));
    }

    #[test]
    fn vague_amounts_get_bounds_not_points() {
        assert_eq!(count("Dozens were hurt."), (Some(24), Some(99), "Dozens".into()));
        assert_eq!(count("They held hundreds."), (Some(200), Some(999), "hundreds".into()));
        assert_eq!(count("A handful stayed."), (Some(2), Some(9), "A handful".into()));
        assert_eq!(count("Scores of people fled."), (Some(40), Some(99), "Scores".into()));
        assert_eq!(count("Tens of thousands marched."), (Some(20_000), Some(99_999), "Tens of thousands".into()));
        assert_eq!(
            count("Hundreds of thousands marched."),
            (Some(200_000), Some(999_999), "Hundreds of thousands".into())
        );
        assert_eq!(count("Several hundred marched."), (Some(300), Some(900), "Several hundred".into()));
        assert_eq!(count("A few dozen marched."), (Some(24), Some(108), "A few dozen".into()));
    }

    #[test]
    fn bounding_words() {
        assert_eq!(count("At least 30 died."), (Some(30), None, "At least 30".into()));
        assert_eq!(count("More than 1,000 died."), (Some(1000), None, "More than 1,000".into()));
        assert_eq!(count("Up to 5,000 died."), (None, Some(5000), "Up to 5,000".into()));
        assert_eq!(count("Nearly 40 died."), (None, Some(40), "Nearly 40".into()));
        assert_eq!(count("About 20 died."), (Some(20), Some(20), "About 20".into()));
        assert_eq!(count("Some 200 died."), (Some(200), Some(200), "Some 200".into()));
        assert_eq!(count("Between 20 and 30 died."), (Some(20), Some(30), "Between 20 and 30".into()));
        assert_eq!(count("They killed 20 to 30 people."), (Some(20), Some(30), "20 to 30".into()));
        assert_eq!(count("They killed 20-30 people."), (Some(20), Some(30), "20-30".into()));
        assert_eq!(count("They killed one or two people."), (Some(1), Some(2), "one or two".into()));
        assert_eq!(count("They killed 30 or more people."), (Some(30), None, "30 or more".into()));
        assert_eq!(count("They killed 30-odd people."), (Some(30), None, "30-odd".into()));
        assert_eq!(count("At least a dozen died."), (Some(12), None, "At least a dozen".into()));
    }

    #[test]
    fn traps_are_not_counts() {
        let kinds = |t: &str| qs(t).into_iter().map(|q| (q.3, q.2)).collect::<Vec<_>>();
        assert_eq!(kinds("A 12-year-old was hurt."), vec![("12-year-old".into(), Kind::Age)]);
        assert_eq!(kinds("Smith, aged 30, was hurt."), vec![("30".into(), Kind::Age)]);
        assert_eq!(kinds("John Smith, 30, was hurt."), vec![("30".into(), Kind::Age)]);
        assert_eq!(kinds("He is 30 years old."), vec![("30".into(), Kind::Age)]);
        assert_eq!(kinds("It cost $12 million."), vec![("$12 million".into(), Kind::Money)]);
        assert_eq!(kinds("It cost 12 million dollars."), vec![("12 million".into(), Kind::Money)]);
        assert_eq!(kinds("It cost €5bn."), vec![("€5bn".into(), Kind::Money)]);
        assert_eq!(kinds("It cost more than $5bn."), vec![("more than $5bn".into(), Kind::Money)]);
        assert_eq!(kinds("It is 12 km away."), vec![("12".into(), Kind::Measure)]);
        assert_eq!(kinds("They walked 30 miles."), vec![("30".into(), Kind::Measure)]);
        assert_eq!(kinds("Turnout was 30%."), vec![("30".into(), Kind::Percent)]);
        assert_eq!(kinds("Turnout was 30 per cent."), vec![("30".into(), Kind::Percent)]);
        assert_eq!(kinds("It happened in 2014."), vec![("2014".into(), Kind::Year)]);
        assert_eq!(kinds("The 2024 election was tense."), vec![("2024".into(), Kind::Year)]);
        assert_eq!(kinds("It happened on 12 March."), vec![("12".into(), Kind::Date)]);
        assert_eq!(kinds("It happened on March 12."), vec![("12".into(), Kind::Date)]);
        assert_eq!(kinds("It happened at 10:30."), vec![("10:30".into(), Kind::Time)]);
        assert_eq!(kinds("It happened at 9 pm."), vec![("9".into(), Kind::Time)]);
        assert_eq!(kinds("It lasted three days."), vec![("three".into(), Kind::Measure)]);
        assert_eq!(kinds("They destroyed 12 tanks."), vec![("12".into(), Kind::Things)]);
        assert_eq!(kinds("The bill won 300 votes."), vec![("300".into(), Kind::Things)]);
        assert_eq!(kinds("It passed Resolution 2334."), vec![("2334".into(), Kind::Label)]);
        assert_eq!(kinds("It was the 12th attack."), vec![("12th".into(), Kind::Ordinal)]);
        assert_eq!(kinds("It began in the 1990s."), vec![("1990s".into(), Kind::Date)]);
        assert_eq!(kinds("A 24-hour strike began."), vec![("24-hour".into(), Kind::Measure)]);
        assert!(qs("No one was hurt and they blamed one another.").is_empty());
        // Not years: a bounded or counted four-digit number.
        assert_eq!(kinds("Some 2000 people fled."), vec![("Some 2000".into(), Kind::Count)]);
    }

    #[test]
    fn casualties_killed_and_injured() {
        let x = mags("An airstrike killed at least 12 civilians and injured 30.", "killed", EventType::Assault);
        assert_eq!(m(&x.dead), (Some(12), None, "at least 12"));
        assert_eq!(m(&x.injured), (Some(30), Some(30), "30"));
        assert_eq!(x.size, None);
        let x = mags(
            "At least three Iraqi civilians have been killed in a suicide bombing.",
            "bombing",
            EventType::Assault,
        );
        assert_eq!(m(&x.dead), (Some(3), None, "At least three"));
        let x = mags("The bombing left 12 dead and 30 wounded.", "bombing", EventType::Assault);
        assert_eq!((m(&x.dead).0, m(&x.injured).0), (Some(12), Some(30)));
        let x = mags("Twelve people lost their lives in the attack.", "attack", EventType::Assault);
        assert_eq!(m(&x.dead).0, Some(12));
        let x = mags("The death toll from the attack rose to 30.", "attack", EventType::Assault);
        assert_eq!(m(&x.dead).0, Some(30));
        let x = mags("Rebels shelled the town, killing about 20 people.", "shelled", EventType::Assault);
        assert_eq!(m(&x.dead), (Some(20), Some(20), "about 20"));
        let x = mags("Gunmen wounded two soldiers.", "wounded", EventType::Assault);
        assert_eq!(m(&x.injured).0, Some(2));
        assert_eq!(x.dead, None);
        let x = mags("The shelling killed or wounded 50 people.", "shelling", EventType::Assault);
        assert_eq!((x.dead.clone(), m(&x.size).0), (None, Some(50)));
        let x = mags("Soldiers fired on the camp, killing or wounding 50.", "fired", EventType::Assault);
        assert_eq!((x.dead.clone(), x.injured.clone(), m(&x.size).0), (None, None, Some(50)));
        let x = mags("The clashes left 12 soldiers and three civilians dead.", "clashes", EventType::Assault);
        assert!(x.figures.iter().filter(|f| f.role == Role::Dead).count() == 2, "{x:?}");
    }

    #[test]
    fn no_role_without_the_words_for_it() {
        let none = |text: &str| {
            let doc = sitrep_text::build_text_document(text);
            let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
            let f = figures(&toks, &numbers(&toks));
            assert!(f.is_empty(), "{text}: {f:?}");
        };
        none("Two thirds of the deaths were babies.");
        none("Turkey, one of the bodies sponsoring the talks, urged it to attend.");
        none("A couple of young men held up a banner.");
        none("Up to 3 million people live in a densely packed corner of the country.");
        none("It will build a 30,000-strong border force.");
        none("The margin will stay unchanged at 70,000, to be set at 70,000 from March 2.");
        none("It issued six mln dlrs of notes due March one.");
        none("Rebels hold one of the last areas held by the group.");
        none("The two sides met for 12 hours.");
        none("It covers information held by about 100,000 public bodies.");
        none("Officials at the two bodies generating income will be questioned.");
        none("The index held above 50 in March.");
    }

    #[test]
    fn bodies_found_and_crowds_turning_out() {
        let x = mags("Police said 12 bodies were found near the river after the attack.", "attack", EventType::Assault);
        assert_eq!(m(&x.dead).0, Some(12));
        let x = mags("More than 1,000 people turned out to protest.", "protest", EventType::Protest);
        assert_eq!(m(&x.size), (Some(1000), None, "More than 1,000"));
        assert!(x.figures[0].rule.contains("protest verb"), "{:?}", x.figures);
    }

    #[test]
    fn the_killers_count_is_not_the_dead() {
        let x = mags("Five gunmen killed three policemen.", "killed", EventType::Assault);
        assert_eq!(m(&x.dead).0, Some(3));
        assert_eq!(x.figures.iter().filter(|f| f.role == Role::Dead).count(), 1, "{x:?}");
    }

    #[test]
    fn arrests_and_crowds() {
        let x = mags("Police arrested 45 protesters.", "arrested", EventType::Coerce);
        assert_eq!(m(&x.arrested).0, Some(45));
        assert_eq!(m(&x.size).0, Some(45));
        let x = mags("More than 100 people were detained after the march.", "detained", EventType::Coerce);
        assert_eq!(m(&x.arrested), (Some(100), None, "More than 100"));
        let x = mags("Police rounded up dozens of activists.", "rounded", EventType::Coerce);
        assert_eq!(m(&x.arrested), (Some(24), Some(99), "dozens"));
        let x = mags("Thousands rallied in Tbilisi.", "rallied", EventType::Protest);
        assert_eq!(m(&x.size), (Some(2000), Some(9999), "Thousands"));
        let x = mags(
            "Thousands of farmers from across the country were converging on the capital.",
            "converging",
            EventType::Protest,
        );
        assert_eq!(m(&x.size).0, Some(2000));
        let x = mags("A crowd of 5,000 gathered outside parliament.", "gathered", EventType::Protest);
        assert_eq!(m(&x.size).0, Some(5000));
        let x = mags("Tens of thousands of protesters filled the square.", "filled", EventType::Protest);
        assert_eq!(m(&x.size).0, Some(20_000));
        let x = mags("A 1,000-strong crowd marched on the palace.", "marched", EventType::Protest);
        assert_eq!(m(&x.size).0, Some(1000));
        let x = mags("Up to 1,000 students began a hunger strike on Monday.", "strike", EventType::Protest);
        assert_eq!(m(&x.size), (None, Some(1000), "Up to 1,000"));
    }

    #[test]
    fn traps_are_never_casualties() {
        for (text, trigger) in [
            ("A 12-year-old was killed in the attack.", "attack"),
            ("The attack in 2014 killed a man aged 30.", "attack"),
            ("The attack caused $12 million in damage and killed nobody.", "attack"),
            ("Rebels attacked a convoy 12 km from the town.", "attacked"),
            ("Shelling killed civilians for three days.", "shelling"),
            ("The raid on 12 March destroyed 30 tanks.", "raid"),
            ("Polls show 30% support for the strikes.", "strikes"),
        ] {
            let x = mags(text, trigger, EventType::Assault);
            assert!(
                x.figures.iter().all(|f| f.quantity.min != Some(12)
                    && f.quantity.min != Some(30)
                    && f.quantity.min != Some(2014)
                    && f.quantity.min != Some(3)),
                "{text}: {:?}",
                x.figures
            );
        }
    }

    #[test]
    fn recipient_counts_and_single_victims() {
        let x = mags("Switzerland expelled two Russian diplomats.", "expelled", EventType::Sanction);
        assert_eq!(m(&x.size).0, Some(2));
        let x = mags("Security forces tortured scores of refugees.", "tortured", EventType::Assault);
        assert_eq!(m(&x.size), (Some(40), Some(99), "scores"));
        let x = mags("Gunmen killed a policeman in Kabul.", "killed", EventType::Assault);
        assert_eq!(m(&x.dead), (Some(1), Some(1), "a policeman"));
        let x = mags("Guerrillas killed the deputy chief of the militia.", "killed", EventType::Assault);
        assert_eq!(m(&x.dead).0, Some(1));
        let x = mags("Police arrested the opposition leader.", "arrested", EventType::Coerce);
        assert_eq!(m(&x.arrested).0, Some(1));
        let x = mags("A journalist was arrested in Minsk.", "arrested", EventType::Coerce);
        assert_eq!(m(&x.arrested), (Some(1), Some(1), "A journalist"));
        // Plural or collective objects are not one.
        let x = mags("Gunmen killed the villagers.", "killed", EventType::Assault);
        assert_eq!(x.dead, None);
        let x = mags("Police arrested the crowd.", "arrested", EventType::Coerce);
        assert_eq!(x.arrested, None);
    }

    #[test]
    fn conflicting_figures_are_all_kept() {
        let text = "The health ministry said 30 were killed in the strike; the army said 12.";
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let t = toks.iter().position(|t| t.lower == "strike").expect("trigger");
        let x = attach(&toks, (t, t + 1), EventType::Assault, &numbers(&toks));
        let dead: Vec<&str> =
            x.figures.iter().filter(|f| f.role == Role::Dead).map(|f| f.quantity.text.as_str()).collect();
        assert_eq!(dead, vec!["30", "12"]);
        // The field takes the figure nearest the trigger.
        assert_eq!(m(&x.dead).0, Some(30));
        let x = mags("Officials said 30 people died, but witnesses put the toll at 50.", "died", EventType::Assault);
        let dead: Vec<Option<u64>> =
            x.figures.iter().filter(|f| f.role == Role::Dead).map(|f| f.quantity.min).collect();
        assert_eq!(dead, vec![Some(30), Some(50)]);
    }

    #[test]
    fn figures_go_to_the_nearest_event_that_can_have_them() {
        let text = "Police arrested 45 people as thousands rallied in the capital.";
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let arr = toks.iter().position(|t| t.lower == "arrested").expect("arrested");
        let ral = toks.iter().position(|t| t.lower == "rallied").expect("rallied");
        let sites = [
            Site { trigger: (arr, arr + 1), event: EventType::Coerce, actors: &[], recipients: &[] },
            Site { trigger: (ral, ral + 1), event: EventType::Protest, actors: &[], recipients: &[] },
        ];
        let v = attach_all(&toks, &sites, &numbers(&toks));
        assert_eq!(m(&v[0].arrested).0, Some(45));
        assert_eq!(m(&v[1].size).0, Some(2000));
        assert_eq!(v[1].arrested, None);
        assert_eq!(m(&v[0].size).0, Some(45));
    }

    fn sites_at<'a>(toks: &[Tok], words: &[(&str, EventType)]) -> Vec<Site<'a>> {
        words
            .iter()
            .map(|(w, e)| {
                let t = toks.iter().position(|t| t.lower == *w).expect("trigger in sentence");
                Site { trigger: (t, t + 1), event: *e, actors: &[], recipients: &[] }
            })
            .collect()
    }

    #[test]
    fn one_act_told_twice_shares_its_figures() {
        let text = "Militiamen attacked the camp, killing at least 156 people.";
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let sites = sites_at(&toks, &[("attacked", EventType::Assault), ("killing", EventType::Assault)]);
        let v = attach_all(&toks, &sites, &numbers(&toks));
        assert_eq!(m(&v[0].dead).0, Some(156));
        assert_eq!(m(&v[1].dead).0, Some(156));
        // Two acts with their own figures keep them apart.
        let text = "Gunmen killed three people in Kabul and a bomb killed five in Kandahar.";
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let t: Vec<usize> = toks.iter().enumerate().filter(|(_, t)| t.lower == "killed").map(|(k, _)| k).collect();
        let sites: Vec<Site> = t
            .iter()
            .map(|&k| Site { trigger: (k, k + 1), event: EventType::Assault, actors: &[], recipients: &[] })
            .collect();
        let v = attach_all(&toks, &sites, &numbers(&toks));
        assert_eq!((m(&v[0].dead).0, m(&v[1].dead).0), (Some(3), Some(5)));
        assert_eq!(v[0].figures.len(), 1, "{:?}", v[0].figures);
    }

    #[test]
    fn one_person_protesting() {
        let text = "A member of parliament started a hunger strike.";
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let t = toks.iter().position(|t| t.lower == "strike").expect("trigger");
        let actors = [Phrase { toks: (0, 4), person: false }];
        let site = Site { trigger: (t, t + 1), event: EventType::Protest, actors: &actors, recipients: &[] };
        let v = attach_all(&toks, &[site], &numbers(&toks));
        assert_eq!(m(&v[0].size), (Some(1), Some(1), "A member"));
        // Without the actor phrase nothing is assumed.
        let x = attach(&toks, (t, t + 1), EventType::Protest, &numbers(&toks));
        assert_eq!(x.size, None);
        // A named person (the coder knows the actor is one person).
        let text = "Sidhoum staged a hunger strike in prison.";
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let actors = [Phrase { toks: (0, 1), person: true }];
        let site = Site { trigger: (4, 5), event: EventType::Protest, actors: &actors, recipients: &[] };
        assert_eq!(m(&attach_all(&toks, &[site], &numbers(&toks))[0].size), (Some(1), Some(1), "Sidhoum"));
        // A group of people is not one.
        let text = "A group of students started a hunger strike.";
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = sentence_tokens(&doc, doc.sentences[0].span, 0);
        let actors = [Phrase { toks: (3, 4), person: false }];
        let site = Site { trigger: (6, 7), event: EventType::Protest, actors: &actors, recipients: &[] };
        assert_eq!(attach_all(&toks, &[site], &numbers(&toks))[0].size, None);
    }
}
