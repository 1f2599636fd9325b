//! `sitrep analyze`: one analysis object (or a readable summary) per document.

use crate::cli::{InputArgs, LexiconArgs};
use crate::pipeline::{self, Stage};
use sitrep_core::Document;
use std::io::Write;

pub fn run(json: bool, input: &InputArgs, lexicon: &LexiconArgs) -> anyhow::Result<i32> {
    let lex = pipeline::load_lexicon(lexicon)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = pipeline::run(input, &lex, Stage::Code, |doc| {
        if json {
            serde_json::to_writer(&mut out, &doc.analyze_json())?;
            writeln!(out)?;
        } else {
            write_summary(&mut out, doc)?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(summary.exit_code())
}

fn write_summary(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    writeln!(out, "document {} ({})", doc.id, doc.origin.path)?;
    if let Some(t) = &doc.title {
        writeln!(out, "  title:   {t}")?;
    }
    if let Some(u) = &doc.url {
        writeln!(out, "  url:     {u}")?;
    }
    if let Some(o) = &doc.outlet {
        writeln!(out, "  outlet:  {} ({}, {})", o.name, o.country, o.ownership.as_str())?;
    }
    if let Some(d) = &doc.date {
        writeln!(out, "  date:    {d}")?;
    }
    writeln!(out, "  repairs: {}", doc.repairs.len())?;
    for s in &doc.segments {
        let text = doc.slice(s.span);
        let short: String = text.chars().take(70).collect();
        let more = if text.chars().count() > 70 { "…" } else { "" };
        writeln!(out, "  [{:<11}] {}{}", s.kind.as_str(), short.replace('\n', " "), more)?;
    }
    writeln!(
        out,
        "  sentences: {}, links: {}, mentions: {}, events: {}",
        doc.sentences.len(),
        doc.links.len(),
        doc.mentions.len(),
        doc.events.len()
    )?;
    for e in &doc.events {
        let who = |v: &[sitrep_core::ActorRef]| {
            v.iter().map(|a| a.code.clone().unwrap_or_else(|| a.entity_text.clone())).collect::<Vec<_>>().join("+")
        };
        writeln!(out, "    {} {} → {} [{}] “{}”", e.event, who(&e.actor), who(&e.recipient), e.status, e.event_text)?;
    }
    writeln!(out)
}
