//! `sitrep explain "A sentence."`: the whole trace of the coder for a
//! person — tokens, mentions and what they resolved to, the patterns that
//! fired, how each role was found, the status cues, and the events.

use crate::cli::LexiconArgs;
use crate::pipeline;
use sitrep_core::Date;

pub fn run(text: &str, date: Option<&str>, json: bool, lexicon: &LexiconArgs) -> anyhow::Result<i32> {
    let lex = pipeline::load_lexicon(lexicon)?;
    let coder = sitrep_coder::Coder::new(&lex);
    let mut doc = sitrep_text::build_text_document(text);
    if let Some(d) = date {
        let parsed = Date::parse_loose(d).ok_or_else(|| anyhow::anyhow!("--date {d:?} is not a date (YYYY-MM-DD)"))?;
        doc.date = Some(parsed.to_string());
    }
    coder.code(&mut doc);
    if json {
        println!("{}", serde_json::to_string_pretty(&doc.analyze_json())?);
        return Ok(0);
    }
    if !doc.repairs.is_empty() {
        println!("repairs:");
        for r in &doc.repairs {
            println!("  {:>5}  {:?} → {:?}  ({})", r.offset, r.before, r.after, r.rule);
        }
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        println!("sentence {si}: {}", doc.slice(s.span));
        let toks: Vec<&str> =
            doc.tokens.iter().filter(|t| s.span.contains(t.span)).map(|t| doc.slice(t.span)).collect();
        println!("  tokens:   {}", toks.join(" · "));
        for m in doc.mentions.iter().filter(|m| s.span.contains(m.span)) {
            let ante =
                m.antecedent.and_then(|a| doc.mentions.get(a)).map(|a| format!(" → refers to {:?}", doc.slice(a.span)));
            println!(
                "  mention:  {:<28} {} {} [{}]{}  ({})",
                format!("{:?}", doc.slice(m.span)),
                m.code.as_deref().unwrap_or("-"),
                m.sector.as_deref().unwrap_or("-"),
                m.kind.as_str(),
                ante.unwrap_or_default(),
                m.entry
            );
        }
        for q in doc.quotes.iter().filter(|q| s.span.overlaps(q.span)) {
            println!(
                "  speech:   {} by {} ({})",
                if q.direct { "quote" } else { "reported" },
                q.speaker_text.as_deref().unwrap_or("?"),
                q.cue.as_deref().unwrap_or("-")
            );
        }
        for e in doc.events.iter().filter(|e| e.sentence == si) {
            let who = |v: &[sitrep_core::ActorRef]| {
                if v.is_empty() {
                    return "-".to_string();
                }
                v.iter()
                    .map(|a| {
                        format!("{} {}", a.code.as_deref().unwrap_or("?"), a.sector.as_deref().unwrap_or(""))
                            .trim()
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(" + ")
            };
            println!(
                "  EVENT {} {} → {}  status={}  cameo={}  mode={}",
                e.event,
                who(&e.actor),
                who(&e.recipient),
                e.status,
                e.cameo.as_deref().unwrap_or("-"),
                e.mode.as_deref().unwrap_or("-")
            );
            let x = &e.explanation;
            println!("      trigger {:?}  pattern `{}`  ({})", x.trigger_text, x.pattern, x.pattern_source);
            println!("      text    {:?}", e.event_text);
            for r in &x.roles {
                println!("      role    {r}");
            }
            for c in &x.cues {
                println!("      cue     {:?} ({})", c.text, c.kind);
            }
            for n in &x.notes {
                println!("      note    {n}");
            }
            if let Some(s) = &e.said_by {
                println!("      said by {} ({})", s.entity_text, s.kind);
            }
            if !e.related.is_empty() {
                println!("      related {}", e.related.join(", "));
            }
        }
    }
    if doc.events.is_empty() {
        println!("no events");
    }
    Ok(0)
}
