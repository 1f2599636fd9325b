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

/// The readable summary: where the document came from, what was repaired,
/// its parts (boilerplate counted, not shown), its links and their roles,
/// and the events coded in it.
fn write_summary(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    use sitrep_core::SegmentKind;
    let mut header = format!("── {} ", doc.origin.path);
    if let Some(r) = &doc.origin.record {
        header.push_str(&format!("[{r}] "));
    }
    let pad = 72usize.saturating_sub(header.chars().count());
    writeln!(out, "{header}{}", "─".repeat(pad))?;
    let charset = doc.origin.charset.as_deref().unwrap_or("?");
    writeln!(out, "  id        {} ({}, {charset})", doc.id, doc.origin.format)?;
    let field = |out: &mut dyn Write, name: &str, v: &Option<String>| -> std::io::Result<()> {
        match v {
            Some(v) => writeln!(out, "  {name:<9} {v}"),
            None => Ok(()),
        }
    };
    field(out, "title", &doc.title)?;
    field(out, "url", &doc.url)?;
    if let Some(o) = &doc.outlet {
        writeln!(out, "  outlet    {} — {}, {} ({})", o.name, o.country, o.ownership.as_str(), o.domain)?;
    }
    field(out, "author", &doc.author)?;
    field(out, "date", &doc.date)?;

    // Repairs: count by rule, then the first few changes.
    if doc.repairs.is_empty() {
        writeln!(out, "  repairs   none")?;
    } else {
        let mut rules: Vec<(&str, usize)> = Vec::new();
        for r in &doc.repairs {
            match rules.iter_mut().find(|(k, _)| *k == r.rule) {
                Some((_, n)) => *n += 1,
                None => rules.push((&r.rule, 1)),
            }
        }
        let by_rule: Vec<String> = rules.iter().map(|(k, n)| format!("{k} ×{n}")).collect();
        writeln!(out, "  repairs   {} ({})", doc.repairs.len(), by_rule.join(", "))?;
        for r in doc.repairs.iter().take(SHOW_REPAIRS) {
            writeln!(out, "            {:?} → {:?} at byte {}", r.before, r.after, r.offset)?;
        }
        if doc.repairs.len() > SHOW_REPAIRS {
            writeln!(out, "            … and {} more (--json lists all)", doc.repairs.len() - SHOW_REPAIRS)?;
        }
    }

    // Segments: a count by kind, then each part that is not boilerplate.
    let count = |k: SegmentKind| doc.segments.iter().filter(|s| s.kind == k).count();
    let kinds =
        [SegmentKind::Title, SegmentKind::Article, SegmentKind::Link, SegmentKind::Comment, SegmentKind::Boilerplate];
    let parts: Vec<String> = kinds
        .iter()
        .filter(|k| count(**k) > 0)
        .map(|k| {
            let n = count(*k);
            let name = k.as_str();
            if n == 1 || *k == SegmentKind::Boilerplate {
                format!("{n} {name}")
            } else {
                format!("{n} {name}s")
            }
        })
        .collect();
    writeln!(
        out,
        "  segments  {} — {} sentences, {} tokens",
        if parts.is_empty() { "none".to_string() } else { parts.join(", ") },
        doc.sentences.len(),
        doc.tokens.len()
    )?;
    let mut comment_no = 0;
    for (i, s) in doc.segments.iter().enumerate() {
        let label = match s.kind {
            SegmentKind::Boilerplate => continue,
            SegmentKind::Comment => {
                comment_no += 1;
                format!("comment {comment_no}")
            }
            k => k.as_str().to_string(),
        };
        let sentences = doc.sentences.iter().filter(|x| x.segment == i).count();
        let mut note = String::new();
        if let Some(a) = &s.author {
            note.push_str(&format!(" — {a}"));
        }
        if s.kind == SegmentKind::Link && doc.url.as_deref().is_some_and(|u| doc.slice(s.span).contains(u)) {
            note.push_str(" ← the document's source");
        } else if sentences > 1 {
            note.push_str(&format!(" ({sentences} sentences)"));
        }
        writeln!(out, "    {label:<11} {}{note}", short(doc.slice(s.span), 64))?;
    }

    // Links and their roles.
    if !doc.links.is_empty() {
        writeln!(out, "  links     {}", doc.links.len())?;
        for l in &doc.links {
            let role = match doc.link_role(l) {
                "citation" => "citation (in a comment)",
                "source" => "source",
                _ => "link",
            };
            writeln!(out, "    {role:<24}{}", short(&l.url, 80))?;
        }
    }

    if !doc.mentions.is_empty() || !doc.events.is_empty() {
        writeln!(out, "  mentions  {}, events {}", doc.mentions.len(), doc.events.len())?;
    }
    for e in &doc.events {
        let who = |v: &[sitrep_core::ActorRef]| {
            v.iter().map(|a| a.code.clone().unwrap_or_else(|| a.entity_text.clone())).collect::<Vec<_>>().join("+")
        };
        writeln!(out, "    {} {} → {} [{}] “{}”", e.event, who(&e.actor), who(&e.recipient), e.status, e.event_text)?;
    }
    writeln!(out)
}

/// How many repairs the readable summary shows.
const SHOW_REPAIRS: usize = 5;

/// `text` on one line, cut to `max` characters.
fn short(text: &str, max: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
