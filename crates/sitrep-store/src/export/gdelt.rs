//! The GDELT 2.0 event table: 61 tab-separated columns per event, in the
//! order of the GDELT 2.0 Event Codebook (`COLUMNS`), no header, as
//! GDELT's `*.export.CSV` files.
//!
//! How sitrep fills them (docs/gdelt-export.md says the same for users):
//!
//! - `GLOBALEVENTID`: the store's event number (unique within the store,
//!   not across GDELT). `SQLDATE`, `MonthYear`, `Year`, `FractionDate`:
//!   the event's date, else its document's (FractionDate as GDELT computes
//!   it: year + ((month − 1) × 30 + day) / 365, four decimals).
//! - `Actor1Code`: code and sector run together (`RUSGOV`); `Actor1Name`:
//!   the person's or organisation's canonical name, else the words of the
//!   text, upper case; `Actor1CountryCode`: the code when it is a state;
//!   `Actor1KnownGroupCode`: the identifier of an IGO, NGO or armed group;
//!   `Actor1Type1Code`: the sector. Actor 2 is the first recipient.
//! - `IsRootEvent`: 1 for events in the title or the first three sentences.
//! - `EventCode`, `EventBaseCode`, `EventRootCode`: the CAMEO code and its
//!   first three and two digits; `QuadClass`: PLOVER's quad; `GoldsteinScale`:
//!   GDELT's published value for the CAMEO code (lexicon/cameo.tsv).
//! - `NumMentions`, `NumSources`, `NumArticles`: from the dedup (see
//!   [`crate::dedup`]); `AvgTone`: the document's tone when the store was
//!   given a tone scorer ([`crate::Store::set_tone`]).
//! - `Actor1Geo_*`, `Actor2Geo_*`: the actor's state at country level
//!   (type 1, FIPS 10-4 code) when the actor has a state code.
//!   `ActionGeo_*`: the event's place from the gazetteer (type 1 country,
//!   2/5 US state/world division, 3/4 US/world city), FIPS country code,
//!   coordinates, GeoNames id as FeatureID.
//! - `DATEADDED`: when the document was stored (UTC, YYYYMMDDHHMMSS);
//!   `SOURCEURL`: the document's URL, else its id.
//!
//! Left empty: `Actor*EthnicCode`, `Actor*Religion1Code`,
//! `Actor*Religion2Code`, `Actor*Type2Code`, `Actor*Type3Code` (sitrep codes
//! one sector per actor and no ethnicity or religion), all `*_ADM2Code`
//! (no GAUL codes), `*_ADM1Code` below country level (no FIPS division
//! codes), country-level latitude and longitude (no centroids), and
//! `AvgTone` when no tone scorer was given.

use crate::fips;
use crate::query::StoredEvent;
use sitrep_core::{ActorRef, Place, SegmentKind};

/// The 61 column names of a GDELT 2.0 event record, in order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Sentences (counted from the document's first, the title included)
/// whose events are GDELT "root" events.
const ROOT_SENTENCES: usize = 3;

/// A field with the characters that would break the row replaced.
fn clean(s: &str) -> String {
    s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

fn opt(v: Option<String>) -> String {
    v.map(|s| clean(&s)).unwrap_or_default()
}

/// The ten actor columns (Code … Type3Code).
fn actor_fields(a: Option<&ActorRef>) -> [String; 10] {
    let Some(a) = a else { return Default::default() };
    let code = a.code.clone().unwrap_or_default();
    let sector = a.sector.clone().unwrap_or_default();
    let is_state = fips::fips(&code).is_some();
    let full = if sector == code { code.clone() } else { format!("{code}{sector}") };
    let name = a.name.clone().unwrap_or_else(|| a.entity_text.clone()).to_uppercase();
    let group = match a.kind.as_str() {
        "igo" | "ngo" | "armed_group" | "party" => a.identifier.clone().unwrap_or_default().to_uppercase(),
        _ => String::new(),
    };
    [
        clean(&full),
        clean(&name),
        if is_state { code } else { String::new() },
        clean(&group),
        String::new(),
        String::new(),
        String::new(),
        clean(&sector),
        String::new(),
        String::new(),
    ]
}

/// The eight geography columns (Type … FeatureID) of a country.
fn country_geo(code: &str) -> [String; 8] {
    match (fips::fips(code), fips::country_name(code)) {
        (Some(f), Some(name)) => {
            ["1".into(), name.into(), f.into(), f.into(), String::new(), String::new(), String::new(), f.into()]
        }
        _ => no_geo(),
    }
}

fn no_geo() -> [String; 8] {
    [
        "0".into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// The geography columns of a gazetteer place.
fn place_geo(p: &Place) -> [String; 8] {
    let Some(f) = fips::fips(&p.country) else { return no_geo() };
    let country = fips::country_name(&p.country).unwrap_or(&p.country);
    let us = p.country == "USA";
    let kind = match p.feature.as_str() {
        "country" => return country_geo(&p.country),
        "admin1" if us => "2",
        "admin1" => "5",
        _ if us => "3",
        _ => "4",
    };
    let mut full = vec![p.name.clone()];
    if let Some(a) = p.admin1.as_deref().filter(|a| !a.is_empty() && *a != p.name) {
        full.push(a.to_string());
    }
    full.push(country.to_string());
    let coord = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
    [
        kind.into(),
        clean(&full.join(", ")),
        f.into(),
        String::new(),
        String::new(),
        coord(p.lat),
        coord(p.lon),
        p.geonameid.map(|g| g.to_string()).unwrap_or_default(),
    ]
}

/// The 61 fields of one event.
pub fn row(se: &StoredEvent) -> Vec<String> {
    let e = &se.event;
    let mut out: Vec<String> = Vec::with_capacity(61);
    out.push(se.rowid.to_string());
    match se.day.as_deref().and_then(sitrep_core::Date::parse) {
        Some(d) => {
            out.push(format!("{:04}{:02}{:02}", d.year, d.month, d.day));
            out.push(format!("{:04}{:02}", d.year, d.month));
            out.push(format!("{:04}", d.year));
            let frac = f64::from((u32::from(d.month) - 1) * 30 + u32::from(d.day)) / 365.0;
            out.push(format!("{:.4}", f64::from(d.year) + frac));
        }
        None => out.extend(std::iter::repeat_n(String::new(), 4)),
    }
    let a1 = e.actor.first();
    let a2 = e.recipient.first();
    out.extend(actor_fields(a1));
    out.extend(actor_fields(a2));
    let root = e.segment == SegmentKind::Title || (e.segment == SegmentKind::Article && e.sentence < ROOT_SENTENCES);
    out.push(if root { "1" } else { "0" }.into());
    let cameo = e.cameo.clone().unwrap_or_default();
    let base = if cameo.len() > 3 { cameo[..3].to_string() } else { cameo.clone() };
    let root_code = if cameo.len() >= 2 { cameo[..2].to_string() } else { cameo.clone() };
    out.push(clean(&cameo));
    out.push(clean(&base));
    out.push(clean(&root_code));
    out.push(if e.quad_code == 0 { String::new() } else { e.quad_code.to_string() });
    out.push(e.goldstein.map(|g| format!("{:.1}", g)).unwrap_or_default());
    out.push(se.num_mentions.max(1).to_string());
    out.push(se.num_sources.max(1).to_string());
    out.push(se.num_articles.max(1).to_string());
    out.push(se.tone.map(|t| format!("{t}")).unwrap_or_default());
    let geo_of = |a: Option<&ActorRef>| match a.and_then(|a| a.code.as_deref()) {
        Some(c) => country_geo(c),
        None => no_geo(),
    };
    out.extend(geo_of(a1));
    out.extend(geo_of(a2));
    out.extend(match &e.event_loc {
        Some(p) => place_geo(p),
        None => no_geo(),
    });
    out.push(clean(&se.added_at));
    out.push(opt(se.url.clone().or_else(|| Some(e.doc_id.clone()))));
    debug_assert_eq!(out.len(), 61);
    out
}
