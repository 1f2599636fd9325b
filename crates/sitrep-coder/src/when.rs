//! When and where: an event's date from the sentence's time expressions
//! resolved against the document date ("on Friday", "yesterday", "on 12
//! June"), and its place from the gazetteer ("in Moscow", "near Idlib").
//!
//! A date is given only to the day the text supports. Vague expressions
//! ("last week", "in June") leave the date empty and say why; a sentence
//! without any time expression takes the document's date, as news event
//! data conventionally does.

use crate::words::{Tag, Tok};
use sitrep_core::date::month_number;
use sitrep_core::{Date, Place};
use sitrep_lexicon::names::Target;
use sitrep_lexicon::Lexicon;

/// The date of an event and a note on how it was found.
pub struct EventDate {
    pub date: Option<Date>,
    pub note: String,
}

const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Resolves the time expressions of a sentence against `doc_date`.
pub fn event_date(toks: &[Tok], doc_date: Option<Date>) -> EventDate {
    for (i, t) in toks.iter().enumerate() {
        let w = &*t.lower;
        let prev = i.checked_sub(1).map(|p| &*toks[p].lower).unwrap_or("");
        if let Some(wd) = WEEKDAYS.iter().position(|d| *d == w) {
            let Some(d) = doc_date else {
                return EventDate { date: None, note: format!("{:?} without a document date", t.text) };
            };
            let back = (i64::from(d.weekday()) - wd as i64).rem_euclid(7);
            let date = if prev == "next" || prev == "coming" {
                d.add_days((wd as i64 - i64::from(d.weekday())).rem_euclid(7))
            } else {
                d.add_days(-back)
            };
            return EventDate { date: Some(date), note: format!("{:?} relative to the document date {d}", t.text) };
        }
        match w {
            "yesterday" | "today" | "tonight" | "tomorrow" => {
                let Some(d) = doc_date else {
                    return EventDate { date: None, note: format!("{w:?} without a document date") };
                };
                let off = match w {
                    "yesterday" => -1,
                    "tomorrow" => 1,
                    _ => 0,
                };
                return EventDate {
                    date: Some(d.add_days(off)),
                    note: format!("{w:?} relative to the document date {d}"),
                };
            }
            "week" | "month" | "year" | "weekend" if matches!(prev, "last" | "this" | "next" | "earlier" | "past") => {
                return EventDate { date: None, note: format!("\"{prev} {w}\" does not give a day") };
            }
            _ => {}
        }
        if let Some(m) = month_number(&t.lower) {
            if t.lower.len() < 3 || !t.cap {
                continue;
            }
            // "12 June 2024", "June 12, 2024", "June 12", "in June".
            let num = |j: usize| {
                toks.get(j)
                    .filter(|x| x.tag == Tag::Num)
                    .and_then(|x| x.lower.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u32>().ok())
            };
            let day = num(i + 1)
                .filter(|d| (1..=31).contains(d))
                .or_else(|| i.checked_sub(1).and_then(num).filter(|d| (1..=31).contains(d)));
            let year = toks
                .iter()
                .skip(i + 1)
                .take(3)
                .filter(|x| x.tag == Tag::Num)
                .find_map(|x| x.lower.parse::<i32>().ok().filter(|y| (1800..=2200).contains(y)));
            let year = year
                .or_else(|| doc_date.map(|d| if u32::from(m) > u32::from(d.month) + 1 { d.year - 1 } else { d.year }));
            match (day, year) {
                (Some(dd), Some(y)) => {
                    if let Some(date) = Date::new(y, m, dd as u8) {
                        return EventDate { date: Some(date), note: format!("{:?} in the text", t.text) };
                    }
                }
                _ => return EventDate { date: None, note: format!("{:?} does not give a day", t.text) },
            }
        }
    }
    match doc_date {
        Some(d) => EventDate { date: Some(d), note: "no time expression: the document date".into() },
        None => EventDate { date: None, note: "no time expression and no document date".into() },
    }
}

/// The place of an event: a gazetteer place or country named after "in",
/// "at", "near", "outside" in the sentence, nearest to the trigger.
pub fn event_place(lex: &Lexicon, text: &str, toks: &[Tok], trigger: usize) -> Option<Place> {
    let mut best: Option<(usize, Place)> = None;
    for (i, t) in toks.iter().enumerate() {
        if !matches!(&*t.lower, "in" | "at" | "near" | "outside" | "inside" | "into" | "across") || i + 1 >= toks.len()
        {
            continue;
        }
        let mut j = i + 1;
        while j < toks.len() && matches!(toks[j].tag, Tag::Det) {
            j += 1;
        }
        // "near the town of Samarra", "in the capital city of Algiers".
        if toks.get(j).is_some_and(|t| t.is("capital")) && toks.get(j + 1).is_some_and(|t| t.is("city")) {
            j += 1;
        }
        if toks.get(j).is_some_and(|t| {
            matches!(
                &*t.lower,
                "town"
                    | "city"
                    | "village"
                    | "province"
                    | "region"
                    | "capital"
                    | "district"
                    | "state"
                    | "port"
                    | "enclave"
                    | "area"
                    | "governorate"
            )
        }) && toks.get(j + 1).is_some_and(|t| t.is("of"))
        {
            j += 2;
        }
        let Some(start_tok) = toks.get(j) else { continue };
        if !start_tok.cap {
            continue;
        }
        let from = start_tok.span.start;
        let to = toks[j..(j + 4).min(toks.len())].last().map_or(from, |x| x.span.end);
        let piece = &text[from..to];
        // The first place named in the next few words ("in Christian east
        // Beirut").
        let Some(m) = lex.find_names(piece).into_iter().find(|m| {
            lex.names().refs(m.surface).iter().any(|r| {
                matches!(r.target, Target::Place(_))
                    || (matches!(r.target, Target::State(_)) && r.role == sitrep_lexicon::names::NameRole::Name)
            })
        }) else {
            continue;
        };
        let names = lex.names();
        // A name that is a state's ("Gaza", "Georgia") is that state, as
        // the mention resolves it, unless the place is inside it (the city
        // of Kuwait): not a province of the same name elsewhere.
        let state_named = names.refs(m.surface).iter().find_map(|r| match r.target {
            Target::State(s) if r.role == sitrep_lexicon::names::NameRole::Name => Some(&lex.states[s as usize].code),
            _ => None,
        });
        let mut place = None;
        for r in names.refs(m.surface) {
            match r.target {
                Target::Place(p) if state_named.is_none_or(|c| *c == lex.places[p as usize].country) => {
                    let p = &lex.places[p as usize];
                    place = Some(Place {
                        name: p.name.clone(),
                        country: p.country.clone(),
                        admin1: p.admin1.clone(),
                        lat: Some(p.lat),
                        lon: Some(p.lon),
                        feature: p.kind.clone(),
                        geonameid: p.geonameid.parse().ok(),
                    });
                    break;
                }
                Target::State(s) if place.is_none() && r.role == sitrep_lexicon::names::NameRole::Name => {
                    let s = &lex.states[s as usize];
                    place = Some(Place {
                        name: s.name.clone(),
                        country: s.code.clone(),
                        admin1: None,
                        lat: None,
                        lon: None,
                        feature: "country".into(),
                        geonameid: None,
                    });
                }
                _ => {}
            }
        }
        if let Some(p) = place {
            let dist = i.abs_diff(trigger);
            if best.as_ref().is_none_or(|(d, _)| dist < *d) {
                best = Some((dist, p));
            }
        }
    }
    best.map(|(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::sentence_tokens;

    fn date_of(s: &str, doc: &str) -> Option<Date> {
        let d = sitrep_text::build_text_document(s);
        let (toks, _) = sentence_tokens(&d, d.sentences[0].span, 0);
        event_date(&toks, Date::parse(doc)).date
    }

    #[test]
    fn relative_and_absolute_dates() {
        // 2024-11-02 was a Saturday.
        assert_eq!(date_of("They met in Moscow on Friday.", "2024-11-02"), Date::new(2024, 11, 1));
        assert_eq!(date_of("They met on Saturday.", "2024-11-02"), Date::new(2024, 11, 2));
        assert_eq!(date_of("They met yesterday.", "2024-11-02"), Date::new(2024, 11, 1));
        assert_eq!(date_of("They signed it on 19 June 2024.", "2024-11-02"), Date::new(2024, 6, 19));
        assert_eq!(date_of("They signed it on June 19.", "2024-11-02"), Date::new(2024, 6, 19));
        assert_eq!(date_of("They signed it in June.", "2024-11-02"), None);
        assert_eq!(date_of("It was ratified last week.", "2024-11-02"), None);
        assert_eq!(date_of("They met.", "2024-11-02"), Date::new(2024, 11, 2));
        assert_eq!(date_of("They met on Friday.", "not a date"), None);
    }
}
