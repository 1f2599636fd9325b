//! `sitrep eval`: the coder's figures on a gold standard, computed the way
//! the project's scorers compute them, in one process.
//!
//! - PLOVER gold records (`plover-gsr-dev.json` layout): each sentence's
//!   first event against the gold event type (old labels mapped: FIGHT =
//!   ASSAULT, DEMAND = REQUEST, DISAPPROVE and INVESTIGATE = ACCUSE), actor
//!   and recipient codes.
//! - `--modality`: contrast pairs; an item passes when every expected event
//!   is found with an allowed status and no forbidden event is stated as
//!   plain fact.
//! - `--actors`: phrase → country and sector through the lexicon lookup.

use crate::cli::LexiconArgs;
use crate::pipeline;
use anyhow::Context;
use serde_json::Value;
use sitrep_core::{Date, Document, Event, EventType};
use std::collections::BTreeSet;

const IGO_NAMES: &[&str] = &[
    "IGO", "UNO", "UN", "NATO", "NAT", "EU", "EUR", "AU", "ARL", "OPEC", "ASEAN", "WHO", "IAEA", "ICC", "OSCE", "IMF",
    "WBK",
];

fn legacy(c: &str) -> &str {
    match c {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        "KOS" | "RKS" | "KSV" => "XKX",
        other => other,
    }
}

/// The set of codes a list of PLOVER entity objects names (IGOs also as "IGO").
fn codes(v: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for a in v.as_array().into_iter().flatten() {
        let Some(c) = a.get("code").and_then(Value::as_str) else { continue };
        let c = c.trim().to_ascii_uppercase();
        if c.is_empty() {
            continue;
        }
        let c3: String = c.chars().take(3).collect();
        if c.starts_with("IGO") || IGO_NAMES.contains(&c.as_str()) {
            out.insert("IGO".to_string());
        }
        out.insert(legacy(&c3).to_string());
    }
    out
}

fn event_codes(list: &[sitrep_core::ActorRef]) -> BTreeSet<String> {
    codes(&serde_json::to_value(list).unwrap_or(Value::Null))
}

fn code_text(coder: &sitrep_coder::Coder, id: &str, text: &str, date: Option<&str>) -> Document {
    let mut doc = sitrep_text::build_text_document(text);
    doc.source_id = Some(id.to_string());
    doc.date = date.map(str::to_string);
    coder.code(&mut doc);
    doc
}

pub fn run(
    file: &std::path::Path,
    modality: bool,
    actors: bool,
    verbose: bool,
    lexicon: &LexiconArgs,
) -> anyhow::Result<i32> {
    let shown = file.display().to_string();
    let text = std::fs::read_to_string(file).with_context(|| format!("{shown}: cannot read"))?;
    let lex = pipeline::load_lexicon(lexicon)?;
    if actors {
        return eval_actors(&lex, &text, &shown, verbose);
    }
    let coder = sitrep_coder::Coder::new(&lex);
    if modality {
        eval_modality(&coder, &text, &shown, verbose)
    } else {
        eval_plover(&coder, &text, &shown, verbose)
    }
}

fn eval_plover(coder: &sitrep_coder::Coder, text: &str, shown: &str, verbose: bool) -> anyhow::Result<i32> {
    let gold: Value =
        serde_json::from_str(text).with_context(|| format!("{shown}: not a JSON array of PLOVER records"))?;
    let records: Vec<&Value> = gold
        .as_array()
        .with_context(|| format!("{shown}: not a JSON array"))?
        .iter()
        .filter(|r| r["event"] != "DOCUMENT")
        .collect();
    let (mut cov, mut ev, mut src, mut tgt, mut ntgt, mut trip, mut events) = (0, 0, 0, 0, 0, 0, 0);
    for r in &records {
        let id = r["id"].as_str().unwrap_or("");
        let doc = code_text(coder, id, r["text"].as_str().unwrap_or(""), r["date"].as_str());
        events += doc.events.len();
        let Some(e) = doc.events.first() else {
            if verbose {
                println!("NONE  {id}: {}", r["text"].as_str().unwrap_or(""));
            }
            continue;
        };
        cov += 1;
        let gold_type = r["event"].as_str().and_then(|s| s.parse::<EventType>().ok());
        let ok_e = gold_type == Some(e.event);
        let ok_s = !codes(&r["source"]).is_disjoint(&event_codes(&e.actor));
        let has_t = r["target"].as_array().is_some_and(|t| !t.is_empty());
        let ok_t = !has_t || !codes(&r["target"]).is_disjoint(&event_codes(&e.recipient));
        if has_t {
            ntgt += 1;
            tgt += usize::from(ok_t);
        }
        ev += usize::from(ok_e);
        src += usize::from(ok_s);
        trip += usize::from(ok_e && ok_s && ok_t);
        if verbose && !(ok_e && ok_s && ok_t) {
            println!(
                "MISS  {id}: gold {} {:?}→{:?}, got {} {:?}→{:?}: {}",
                r["event"].as_str().unwrap_or("?"),
                codes(&r["source"]),
                codes(&r["target"]),
                e.event,
                event_codes(&e.actor),
                event_codes(&e.recipient),
                r["text"].as_str().unwrap_or("")
            );
        }
    }
    let n = records.len().max(1) as f64;
    println!("sentences={} coverage={:.3} events_per_sentence={:.2}", records.len(), cov as f64 / n, events as f64 / n);
    println!(
        "plover: event={:.3} actor={:.3} recipient={:.3} all_three={:.3}",
        ev as f64 / n,
        src as f64 / n,
        tgt as f64 / ntgt.max(1) as f64,
        trip as f64 / n
    );
    Ok(0)
}

fn matches_spec(e: &Event, spec: &Value) -> bool {
    let types: Vec<EventType> =
        spec["event"].as_array().into_iter().flatten().filter_map(|t| t.as_str()?.parse().ok()).collect();
    if !types.contains(&e.event) {
        return false;
    }
    let want = |k: &str, alt: &str| spec.get(k).or_else(|| spec.get(alt)).and_then(Value::as_str).map(str::to_string);
    if let Some(a) = want("actor", "source") {
        if !event_codes(&e.actor).contains(&a) {
            return false;
        }
    }
    if let Some(r) = want("recipient", "target") {
        if !event_codes(&e.recipient).contains(&r) {
            return false;
        }
    }
    true
}

fn eval_modality(coder: &sitrep_coder::Coder, text: &str, shown: &str, verbose: bool) -> anyhow::Result<i32> {
    let (mut ok_n, mut n) = (0, 0);
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let item: Value = serde_json::from_str(line).with_context(|| format!("{shown}:{}: not JSON", i + 1))?;
        let id = item["id"].as_str().unwrap_or("");
        let doc = code_text(coder, id, item["text"].as_str().unwrap_or(""), None);
        let expect_ok = item["expect"].as_array().into_iter().flatten().all(|spec| {
            doc.events.iter().any(|e| {
                matches_spec(e, spec)
                    && spec["status"].as_array().into_iter().flatten().any(|s| s.as_str() == Some(e.status.as_str()))
            })
        });
        let forbid_ok =
            item["forbid"].as_array().into_iter().flatten().all(|spec| {
                !doc.events.iter().any(|e| matches_spec(e, spec) && e.status == sitrep_core::Status::Reported)
            });
        let ok = expect_ok && forbid_ok;
        n += 1;
        ok_n += usize::from(ok);
        if verbose || !ok {
            println!("{} {id} {}", if ok { "ok  " } else { "MISS" }, item["text"].as_str().unwrap_or(""));
        }
    }
    println!("modality: {ok_n}/{n}");
    Ok(0)
}

fn eval_actors(lex: &sitrep_lexicon::Lexicon, text: &str, shown: &str, verbose: bool) -> anyhow::Result<i32> {
    let cases: Value = serde_json::from_str(text).with_context(|| format!("{shown}: not a JSON array of cases"))?;
    let (mut nc, mut okc, mut ns, mut oks) = (0, 0, 0, 0);
    for c in cases.as_array().into_iter().flatten() {
        let args = c["args"].as_array().cloned().unwrap_or_default();
        let phrase = args.first().and_then(Value::as_str).unwrap_or("");
        let context = args.get(1).and_then(Value::as_str).unwrap_or("");
        let date = args.get(2).and_then(Value::as_str).and_then(Date::parse_loose);
        let r = lex.lookup_in_context(phrase, context, date);
        let code = r.as_ref().and_then(|r| r.code.clone()).unwrap_or_default();
        let sector = r.as_ref().and_then(|r| r.sector.clone()).unwrap_or_default();
        let exp = &c["expect"];
        if let Some(want) = exp.get("country") {
            let want = want.as_str().unwrap_or("");
            let ok = code == want || (want == "IGO" && matches!(code.as_str(), "IGO" | "UNO" | "EUR"));
            nc += 1;
            okc += usize::from(ok);
            if verbose && !ok {
                println!("MISS country {phrase:?}: want {want:?}, got {code:?}");
            }
        }
        if let Some(want) = exp.get("code_1") {
            let want = want.as_str().unwrap_or("");
            let ok = sector == want;
            ns += 1;
            oks += usize::from(ok);
            if verbose && !ok {
                println!("MISS sector  {phrase:?}: want {want:?}, got {sector:?}");
            }
        }
    }
    println!(
        "actors: country={:.3} ({okc}/{nc}) sector={:.3} ({oks}/{ns})",
        okc as f64 / nc.max(1) as f64,
        oks as f64 / ns.max(1) as f64
    );
    Ok(0)
}
