//! The closed vocabularies of the field: PLOVER event types and quad
//! classes, sitrep's event statuses, and the kinds of page segments.
//!
//! These are enums rather than strings so a typo is a compile error, and
//! each has one canonical spelling on the wire (PLOVER's upper-case type
//! names, lower-case statuses and segment kinds).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The sixteen event types of the PLOVER manual (draft 0.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Accuse,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// The quad class of the manual's numeric table ("Quad categories in
    /// PLOVER"): 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    pub fn quad(self) -> Quad {
        use EventType::*;
        match self {
            Agree | Consult | Support | Concede => Quad::VerbalCooperation,
            Cooperate | Aid | Retreat => Quad::MaterialCooperation,
            Request | Accuse | Reject | Sanction | Threaten => Quad::VerbalConflict,
            Protest | Mobilize | Coerce | Assault => Quad::MaterialConflict,
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses current names and the older labels found in PLOVER gold files
/// (FIGHT, DEMAND, DISAPPROVE, INVESTIGATE), case-insensitively.
impl FromStr for EventType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let up = s.trim().to_ascii_uppercase();
        let t = match up.as_str() {
            "FIGHT" => EventType::Assault,
            "DEMAND" => EventType::Request,
            "DISAPPROVE" | "INVESTIGATE" => EventType::Accuse,
            other => *EventType::ALL
                .iter()
                .find(|t| t.as_str() == other)
                .ok_or_else(|| format!("unknown PLOVER event type {s:?}"))?,
        };
        Ok(t)
    }
}

/// PLOVER's four quad classes (the `quad_code` field, and GDELT's QuadClass).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quad {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

impl Quad {
    pub fn code(self) -> u8 {
        match self {
            Quad::VerbalCooperation => 1,
            Quad::MaterialCooperation => 2,
            Quad::VerbalConflict => 3,
            Quad::MaterialConflict => 4,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Quad::VerbalCooperation => "verbal cooperation",
            Quad::MaterialCooperation => "material cooperation",
            Quad::VerbalConflict => "verbal conflict",
            Quad::MaterialConflict => "material conflict",
        }
    }

    pub fn is_conflict(self) -> bool {
        matches!(self, Quad::VerbalConflict | Quad::MaterialConflict)
    }
}

/// How sure the text is that an event happened: sitrep's answer to
/// "accusations, denials, threats and treaty clauses are not facts".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The text states it happened or is happening.
    #[default]
    Reported,
    /// Promised, pledged, planned, or in the future tense.
    Intended,
    /// Depends on a condition: if-clauses, treaty obligations.
    Conditional,
    /// Claimed by someone and not confirmed (accusations, "reportedly").
    Alleged,
    /// The claim a denial refers to.
    Denied,
    /// Stated not to have happened ("did not deploy").
    Negated,
    /// Possible, feared, considered ("may", "could", "is considering").
    Speculative,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Reported,
        Status::Intended,
        Status::Conditional,
        Status::Alleged,
        Status::Denied,
        Status::Negated,
        Status::Speculative,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Intended => "intended",
            Status::Conditional => "conditional",
            Status::Alleged => "alleged",
            Status::Denied => "denied",
            Status::Negated => "negated",
            Status::Speculative => "speculative",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let low = s.trim().to_ascii_lowercase();
        Status::ALL.iter().copied().find(|st| st.as_str() == low).ok_or_else(|| {
            format!(
                "unknown status {s:?} (one of reported, intended, conditional, alleged, denied, negated, speculative)"
            )
        })
    }
}

/// The parts a scraped page is cut into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    Title,
    Article,
    Comment,
    Link,
    Boilerplate,
}

impl SegmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Title => "title",
            SegmentKind::Article => "article",
            SegmentKind::Comment => "comment",
            SegmentKind::Link => "link",
            SegmentKind::Boilerplate => "boilerplate",
        }
    }

    /// Segments whose sentences are coded for events.
    pub fn is_coded(self) -> bool {
        matches!(self, SegmentKind::Title | SegmentKind::Article | SegmentKind::Comment)
    }
}

impl fmt::Display for SegmentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SegmentKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "title" => Ok(SegmentKind::Title),
            "article" => Ok(SegmentKind::Article),
            "comment" => Ok(SegmentKind::Comment),
            "link" => Ok(SegmentKind::Link),
            "boilerplate" => Ok(SegmentKind::Boilerplate),
            _ => Err(format!("unknown segment kind {s:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_labels_map_to_current_types() {
        assert_eq!("FIGHT".parse::<EventType>().unwrap(), EventType::Assault);
        assert_eq!("demand".parse::<EventType>().unwrap(), EventType::Request);
        assert_eq!("DISAPPROVE".parse::<EventType>().unwrap(), EventType::Accuse);
        assert!("WAR".parse::<EventType>().is_err());
    }

    #[test]
    fn every_type_round_trips_and_has_a_quad() {
        for t in EventType::ALL {
            assert_eq!(t.as_str().parse::<EventType>().unwrap(), t);
            assert!((1..=4).contains(&t.quad().code()));
        }
        assert_eq!(EventType::Assault.quad().code(), 4);
        assert_eq!(EventType::Agree.quad().code(), 1);
    }

    #[test]
    fn statuses_serialise_lower_case() {
        assert_eq!(serde_json::to_string(&Status::Alleged).unwrap(), "\"alleged\"");
        assert_eq!("Denied".parse::<Status>().unwrap(), Status::Denied);
    }
}
