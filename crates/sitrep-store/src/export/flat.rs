//! One flat row per event, the shape shared by the CSV and Parquet
//! exports: PLOVER's fields with actors and places spread into columns,
//! and the store's counts (story, cluster, NumMentions, …) beside them.

use crate::query::StoredEvent;
use sitrep_core::{ActorRef, Magnitude};

/// The type of a column (for Parquet; CSV writes them all as text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Float,
    Bool,
    Date,
    TextList,
}

/// A column of the flat table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
}

const fn col(name: &'static str, kind: Kind) -> Column {
    Column { name, kind }
}

/// The columns, in order.
pub const COLUMNS: &[Column] = &[
    col("id", Kind::Text),
    col("doc_id", Kind::Text),
    col("date", Kind::Date),
    col("event", Kind::Text),
    col("mode", Kind::Text),
    col("context", Kind::TextList),
    col("cameo", Kind::Text),
    col("quad_code", Kind::Int),
    col("goldstein", Kind::Float),
    col("status", Kind::Text),
    col("segment", Kind::Text),
    col("actor_codes", Kind::TextList),
    col("actor_sectors", Kind::TextList),
    col("actor_names", Kind::TextList),
    col("recipient_codes", Kind::TextList),
    col("recipient_sectors", Kind::TextList),
    col("recipient_names", Kind::TextList),
    col("said_by", Kind::Text),
    col("said_by_code", Kind::Text),
    col("event_text", Kind::Text),
    col("text", Kind::Text),
    col("event_loc", Kind::Text),
    col("event_loc_country", Kind::Text),
    col("event_loc_lat", Kind::Float),
    col("event_loc_lon", Kind::Float),
    col("related", Kind::TextList),
    col("dead_min", Kind::Int),
    col("dead_max", Kind::Int),
    col("injured_min", Kind::Int),
    col("injured_max", Kind::Int),
    col("arrested_min", Kind::Int),
    col("arrested_max", Kind::Int),
    col("size_min", Kind::Int),
    col("size_max", Kind::Int),
    col("story", Kind::Int),
    col("cluster", Kind::Int),
    col("story_record", Kind::Bool),
    col("num_mentions", Kind::Int),
    col("num_sources", Kind::Int),
    col("num_articles", Kind::Int),
    col("url", Kind::Text),
    col("outlet", Kind::Text),
    col("outlet_country", Kind::Text),
    col("ownership", Kind::Text),
    col("tone", Kind::Float),
    col("sentence_tone", Kind::Float),
    col("lexicon_version", Kind::Text),
];

/// A value of one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(bool),
    /// Days since 1970-01-01.
    Date(Option<i32>),
    TextList(Vec<String>),
}

/// One event as a row of [`COLUMNS`].
#[derive(Debug, Clone, PartialEq)]
pub struct FlatEvent(pub Vec<Cell>);

fn codes(v: &[ActorRef]) -> Vec<String> {
    v.iter().map(|a| a.code.clone().unwrap_or_default()).collect()
}

fn sectors(v: &[ActorRef]) -> Vec<String> {
    v.iter().map(|a| a.sector.clone().unwrap_or_default()).collect()
}

fn names(v: &[ActorRef]) -> Vec<String> {
    v.iter().map(|a| a.name.clone().unwrap_or_else(|| a.entity_text.clone())).collect()
}

fn mag(m: &Option<Magnitude>) -> (Option<i64>, Option<i64>) {
    (m.as_ref().and_then(|m| m.min).map(|v| v as i64), m.as_ref().and_then(|m| m.max).map(|v| v as i64))
}

impl From<&StoredEvent> for FlatEvent {
    fn from(se: &StoredEvent) -> FlatEvent {
        use Cell::*;
        let e = &se.event;
        let day = se.day.as_deref().and_then(sitrep_core::Date::parse).map(|d| d.to_days() as i32);
        let (dmin, dmax) = mag(&e.dead);
        let (imin, imax) = mag(&e.injured);
        let (amin, amax) = mag(&e.arrested);
        let (smin, smax) = mag(&e.size);
        let loc = e.event_loc.as_ref();
        FlatEvent(vec![
            Text(Some(e.id.clone())),
            Text(Some(e.doc_id.clone())),
            Date(day),
            Text(Some(e.event.as_str().to_string())),
            Text(e.mode.clone()),
            TextList(e.context.clone()),
            Text(e.cameo.clone()),
            Int(Some(i64::from(e.quad_code))),
            Float(e.goldstein.map(f64::from)),
            Text(Some(e.status.as_str().to_string())),
            Text(Some(e.segment.as_str().to_string())),
            TextList(codes(&e.actor)),
            TextList(sectors(&e.actor)),
            TextList(names(&e.actor)),
            TextList(codes(&e.recipient)),
            TextList(sectors(&e.recipient)),
            TextList(names(&e.recipient)),
            Text(e.said_by.as_ref().map(|a| a.name.clone().unwrap_or_else(|| a.entity_text.clone()))),
            Text(e.said_by.as_ref().and_then(|a| a.code.clone())),
            Text(Some(e.event_text.clone())),
            Text(Some(e.text.clone())),
            Text(loc.map(|l| l.name.clone())),
            Text(loc.map(|l| l.country.clone())),
            Float(loc.and_then(|l| l.lat)),
            Float(loc.and_then(|l| l.lon)),
            TextList(e.related.clone()),
            Int(dmin),
            Int(dmax),
            Int(imin),
            Int(imax),
            Int(amin),
            Int(amax),
            Int(smin),
            Int(smax),
            Int(Some(se.story)),
            Int(se.cluster),
            Bool(se.story_record),
            Int(Some(se.num_mentions)),
            Int(Some(se.num_sources)),
            Int(Some(se.num_articles)),
            Text(se.url.clone()),
            Text(se.outlet.as_ref().map(|o| o.domain.clone())),
            Text(se.outlet.as_ref().map(|o| o.country.clone())),
            Text(se.outlet.as_ref().map(|o| o.ownership.as_str().to_string())),
            Float(se.tone),
            Float(se.sentence_tone),
            Text(Some(se.lexicon_version.clone())),
        ])
    }
}

impl FlatEvent {
    /// The cells as CSV text: empty for missing values, lists joined by `; `.
    pub fn csv_fields(&self) -> impl Iterator<Item = String> + '_ {
        self.0.iter().map(|c| match c {
            Cell::Text(v) => v.clone().unwrap_or_default(),
            Cell::Int(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Float(v) => v.map(|x| x.to_string()).unwrap_or_default(),
            Cell::Bool(b) => if *b { "true" } else { "false" }.to_string(),
            Cell::Date(v) => v.map(|d| sitrep_core::Date::from_days(i64::from(d)).to_string()).unwrap_or_default(),
            Cell::TextList(v) => v.join("; "),
        })
    }
}

/// Appends one RFC 4180 line: fields with a comma, quote or line break are
/// quoted, quotes doubled; lines end in CRLF as the RFC says.
pub fn csv_line(fields: impl Iterator<Item = String>, out: &mut String) {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let mut s = String::new();
        csv_line(["a".to_string(), "b,c".into(), "say \"hi\"".into(), "".into()].into_iter(), &mut s);
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\",\r\n");
    }
}
