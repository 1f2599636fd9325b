//! How many of the `dead`, `injured` and `size` values of the PLOVER
//! gold-standard dev records the magnitude module recovers exactly.
//!
//! Reads `../shared/eval/plover-gsr-dev.json` at run time (never copied
//! into the repository), codes each sentence that carries one of those
//! fields with the coder, and hands the sentence's events to
//! [`magnitude::attach_all`] as the coder's event assembly will. The value
//! is compared with the event of the gold type (old labels mapped: FIGHT =
//! ASSAULT), else the coder's first event:
//!
//! - **exact**: a gold number equals our bounds (`min == max == gold`), a
//!   gold phrase ("scores", "Thousands") equals our phrase, case aside;
//! - **bound**: a gold number equals one of our bounds ("more than 100"
//!   for 100, "up to 16" for 16), or a gold phrase ends our phrase;
//! - **in sentence**: some figure of the sentence for that role matches
//!   as in *bound*, whatever event it went to (what the module finds when
//!   event detection is set aside).
//!
//! Prints the figures and each miss; asserts nothing.
//!
//! Run: `cargo run --release -p sitrep-coder --example magnitudes_gsr [FILE]`

use sitrep_coder::magnitude::{self, Magnitudes, Phrase, Role, Site};
use sitrep_coder::words::sentence_tokens;
use sitrep_core::{ActorRef, EventType, Magnitude, Span};

fn gold_type(label: &str) -> Option<EventType> {
    let l = match label {
        "FIGHT" => "ASSAULT",
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        x => x,
    };
    serde_json::from_value(serde_json::Value::String(l.to_string())).ok()
}

/// (exact, bound) for one value.
fn compare(gold: &str, ours: Option<&Magnitude>) -> (bool, bool) {
    let Some(m) = ours else { return (false, false) };
    match gold.trim().parse::<u64>() {
        Ok(g) => (m.min == Some(g) && m.max == Some(g), m.min == Some(g) || m.max == Some(g)),
        Err(_) => {
            let (g, t) = (gold.trim().to_lowercase(), m.text.to_lowercase());
            (g == t, t.ends_with(&g))
        }
    }
}

fn phrase_of(toks: &[sitrep_coder::words::Tok], a: &ActorRef) -> Option<Phrase> {
    let span: Span = a.span?;
    let first = toks.iter().position(|t| t.span.end > span.start)?;
    let last = toks.iter().rposition(|t| t.span.start < span.end)?;
    // One person: a named person, or a singular sector noun ("activist").
    // The coder's event assembly knows this from its actors (`kind`,
    // `plural`); from an ActorRef, the word's ending stands in for `plural`.
    let one = a.kind == "person" || (a.kind == "sector" && !a.entity_text.ends_with('s'));
    (first <= last).then_some(Phrase { toks: (first, last + 1), person: one })
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/plover-gsr-dev.json").to_string()
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let records: Vec<serde_json::Value> = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{path}: not a JSON array of records: {e}");
            std::process::exit(1);
        }
    };
    let lex = match sitrep_lexicon::Lexicon::load_default() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("lexicon: {e}");
            std::process::exit(1);
        }
    };
    let coder = sitrep_coder::Coder::new(&lex);
    let (mut n, mut exact, mut bound, mut anywhere, mut records_with) = (0, 0, 0, 0, 0);
    for r in &records {
        let fields: Vec<(&str, String)> = ["dead", "injured", "size"]
            .into_iter()
            .filter_map(|f| {
                r[f].as_str().map(|v| (f, v.to_string())).or_else(|| r[f].as_u64().map(|v| (f, v.to_string())))
            })
            .collect();
        if fields.is_empty() {
            continue;
        }
        records_with += 1;
        let sentence = r["text"].as_str().unwrap_or("");
        let mut doc = sitrep_text::build_text_document(sentence);
        doc.date = r["date"].as_str().map(str::to_string);
        coder.code(&mut doc);
        let want = r["event"].as_str().and_then(gold_type);
        let chosen = doc.events.iter().position(|e| Some(e.event) == want).or(if doc.events.is_empty() {
            None
        } else {
            Some(0)
        });
        // The sentence of the chosen event (or the first), its tokens and events.
        let si = chosen.map_or(0, |k| doc.events[k].sentence);
        let Some(s) = doc.sentences.get(si) else { continue };
        let (toks, _) = sentence_tokens(&doc, s.span, 0);
        let quantities = magnitude::numbers(&toks);
        let in_sentence: Vec<usize> = (0..doc.events.len()).filter(|&k| doc.events[k].sentence == si).collect();
        let mut parts: Vec<(Vec<Phrase>, Vec<Phrase>)> = Vec::new();
        let mut triggers = Vec::new();
        for &k in &in_sentence {
            let e = &doc.events[k];
            let tr = e.explanation.trigger;
            let a = toks.iter().position(|t| t.span.end > tr.start).unwrap_or(0);
            let b = toks.iter().rposition(|t| t.span.start < tr.end).map_or(a + 1, |b| b + 1);
            triggers.push(((a, b), e.event));
            parts.push((
                e.actor.iter().filter_map(|x| phrase_of(&toks, x)).collect(),
                e.recipient.iter().filter_map(|x| phrase_of(&toks, x)).collect(),
            ));
        }
        let sites: Vec<Site> = triggers
            .iter()
            .zip(&parts)
            .map(|(&(trigger, event), (a, r))| Site { trigger, event, actors: a, recipients: r })
            .collect();
        let mags = magnitude::attach_all(&toks, &sites, &quantities);
        let mine: Magnitudes = chosen
            .and_then(|k| in_sentence.iter().position(|&x| x == k))
            .and_then(|i| mags.get(i).cloned())
            .unwrap_or_default();
        let figs = magnitude::figures(&toks, &quantities);
        for (field, gold) in &fields {
            n += 1;
            let ours = match *field {
                "dead" => mine.dead.as_ref(),
                "injured" => mine.injured.as_ref(),
                _ => mine.size.as_ref().or(mine.arrested.as_ref()),
            };
            let (e, b) = compare(gold, ours);
            let role = match *field {
                "dead" => Role::Dead,
                "injured" => Role::Injured,
                _ => Role::Size,
            };
            let any = b
                || mags.iter().flat_map(|m| &m.figures).chain(&figs).any(|f| {
                    (f.role == role || (role == Role::Size && f.role == Role::Arrested))
                        && compare(gold, Some(&f.quantity.magnitude())).1
                });
            exact += usize::from(e);
            bound += usize::from(b);
            anywhere += usize::from(any);
            if !e {
                println!(
                    "{} {field}: gold {gold:?}, ours {:?} [{}]{}\n    {sentence}",
                    r["id"].as_str().unwrap_or("?"),
                    ours.map(|m| (m.min, m.max, m.text.clone())),
                    chosen.map_or("no event".to_string(), |k| format!("{:?}", doc.events[k].event)),
                    if b { " (bound matches)" } else { "" },
                );
                if std::env::var_os("VERBOSE").is_some() {
                    for (k, site) in sites.iter().enumerate() {
                        let e = &doc.events[in_sentence[k]];
                        println!(
                            "      event {:?} trigger {:?} actors {:?} recipients {:?} -> {:?}",
                            e.event,
                            e.explanation.trigger_text,
                            e.actor.iter().map(|a| (&a.entity_text, &a.kind)).collect::<Vec<_>>(),
                            e.recipient.iter().map(|a| (&a.entity_text, &a.kind)).collect::<Vec<_>>(),
                            mags[k].figures.iter().map(|f| (f.role, f.quantity.text.clone())).collect::<Vec<_>>()
                        );
                        let _ = site;
                    }
                }
            }
        }
    }
    println!(
        "\n{records_with} records with dead/injured/size, {n} values: exact {exact}/{n}, bound {bound}/{n}, in sentence {anywhere}/{n}"
    );
}
