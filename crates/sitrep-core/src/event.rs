//! The coded event: a PLOVER record plus what sitrep adds to it — how sure
//! the text is (`status`), who says so (`said_by`), which events it is
//! linked to (`related`), and an [`Explanation`] of how it was found.
//!
//! Field names follow the PLOVER manual's JSON table (`actor`, `recipient`,
//! `event`, `mode`, `context`, `event_text`, `event_loc`, `quad_code`).

use crate::ontology::{EventType, SegmentKind, Status};
use crate::span::Span;
use serde::{Deserialize, Serialize};

/// An actor or recipient as PLOVER's entity object.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActorRef {
    /// The text the actor was found as ("Russian MPs", "she").
    pub entity_text: String,
    /// ISO3 for states, `IGO`/`NGO`/`UNO`/`EUR`, or a group code.
    pub code: Option<String>,
    /// Sector code (GOV, MIL, LEG, REB, …).
    pub sector: Option<String>,
    /// Specific identifier: organisation acronym, person or group id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identifier: Option<String>,
    /// Canonical name from the lexicon ("Sergey Lavrov").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// state, group, igo, ngo, armed_group, party, person, sector, outlet, commenter.
    pub kind: String,
    /// Where in the document text the actor was named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A status or role cue the coder relied on ("denied", "may", "if").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub text: String,
    /// negation, speculative, alleged, intended, conditional, denial, reporting, …
    pub kind: String,
    #[serde(flatten)]
    pub span: Span,
}

/// How an event was found, so a reader can check it against the sentence.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Explanation {
    /// The trigger word or phrase.
    pub trigger: Span,
    pub trigger_text: String,
    /// The pattern that fired, as written in the lexicon.
    pub pattern: String,
    /// Where the pattern is defined (`file:line`).
    pub pattern_source: String,
    /// How the actor and recipient were chosen ("actor: subject of 'accused'").
    pub roles: Vec<String>,
    /// The cues that set the status.
    pub cues: Vec<Cue>,
    /// Anything else worth knowing (coreference used, date resolution).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub notes: Vec<String>,
}

/// A place from the gazetteer, in GeoNames' terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// ISO3 of the country the place is in.
    pub country: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Coordinates from the gazetteer; none for a whole country.
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// country, admin1 or city.
    pub feature: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u64>,
}

/// A count from the text ("at least 12", "dozens"), with bounds and never a
/// made-up point value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Magnitude {
    pub min: Option<u64>,
    pub max: Option<u64>,
    pub text: String,
    /// Who gives this figure, when the sentence attributes it ("the health
    /// ministry said 30 were killed").
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub said_by: Option<String>,
}

/// One figure given for an event: its role (dead, injured, arrested,
/// size) and value. An event keeps every figure, so conflicting counts
/// from different speakers are all there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub role: String,
    #[serde(flatten)]
    pub value: Magnitude,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique within the data set: `<doc id>-<sentence>-<n>`.
    pub id: String,
    /// `YYYY-MM-DD` when the text and document date allow it; never invented.
    pub date: Option<String>,
    pub actor: Vec<ActorRef>,
    pub recipient: Vec<ActorRef>,
    pub event: EventType,
    pub mode: Option<String>,
    pub context: Vec<String>,
    /// The words that carry the event ("accused … of").
    pub event_text: String,
    /// The sentence.
    pub text: String,
    pub event_loc: Option<Place>,
    /// The input's id for JSONL input, else the document's content hash.
    pub doc_id: String,
    pub segment: SegmentKind,
    pub status: Status,
    /// Whose statement the event comes from.
    pub said_by: Option<ActorRef>,
    /// CAMEO event code ("112").
    pub cameo: Option<String>,
    pub quad_code: u8,
    /// Goldstein scale value of the CAMEO code, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goldstein: Option<f32>,
    /// Ids of linked events (an accusation and what it alleges).
    pub related: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dead: Option<Magnitude>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injured: Option<Magnitude>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrested: Option<Magnitude>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<Magnitude>,
    /// Every figure found for the event, including conflicting ones.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub figures: Vec<Figure>,
    /// Tone of the event's sentence, in the style of GDELT's AvgTone.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub tone: Option<f32>,
    /// Index of the sentence in the document.
    pub sentence: usize,
    pub explanation: Explanation,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_serialises_with_plover_field_names() {
        let e = Event {
            id: "d-0-0".into(),
            date: None,
            actor: vec![ActorRef {
                entity_text: "Germany".into(),
                code: Some("DEU".into()),
                kind: "state".into(),
                ..Default::default()
            }],
            recipient: vec![],
            event: EventType::Aid,
            mode: None,
            context: vec![],
            event_text: "delivered".into(),
            text: "Germany delivered aid.".into(),
            event_loc: None,
            doc_id: "d".into(),
            segment: SegmentKind::Article,
            status: Status::Reported,
            said_by: None,
            cameo: Some("070".into()),
            quad_code: 2,
            goldstein: None,
            related: vec![],
            dead: None,
            injured: None,
            arrested: None,
            size: None,
            figures: vec![],
            tone: None,
            sentence: 0,
            explanation: Explanation::default(),
        };
        let v = serde_json::to_value(&e).unwrap();
        for k in [
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "mode",
            "context",
            "event_text",
            "text",
            "event_loc",
            "doc_id",
            "segment",
            "status",
            "said_by",
            "cameo",
            "quad_code",
            "related",
            "explanation",
        ] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        assert_eq!(v["event"], "AID");
        assert_eq!(v["actor"][0]["code"], "DEU");
    }
}
