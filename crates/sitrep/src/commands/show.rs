//! `sitrep show DOC_ID`: a stored document with its articles, story,
//! segments and events (or, with `--json`, the analysis object).

use super::events::status_colour;
use super::filters;
use super::table::{self, Colour};
use crate::cli::StoreArgs;
use sitrep_core::SegmentKind;
use std::io::Write;

pub fn run(store: &StoreArgs, doc_id: &str, json: bool) -> anyhow::Result<i32> {
    let store = filters::open_existing(store)?;
    let Some(sd) = store.document(doc_id)? else {
        anyhow::bail!(
            "{}: no document {doc_id:?} (give its content hash, a prefix of it, or the input's id)",
            store.path().display()
        );
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let d = &sd.document;
    if json {
        let mut v = d.analyze_json();
        v["store"] = serde_json::to_value(&sd)?;
        serde_json::to_writer(&mut out, &v)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(0);
    }
    let colour = table::colour_wanted();
    let bold = |s: &str| table::paint(s, Some(Colour::Bold), colour);
    let dim = |s: &str| table::paint(s, Some(Colour::Dim), colour);
    writeln!(out, "{}", bold(d.title.as_deref().unwrap_or("(untitled)")))?;
    writeln!(out, "  id        {}", d.id)?;
    if let Some(s) = &d.source_id {
        writeln!(out, "  input id  {s}")?;
    }
    if let Some(u) = &d.url {
        writeln!(out, "  url       {u}")?;
    }
    if let Some(o) = &d.outlet {
        writeln!(out, "  outlet    {} — {}, {} ({})", o.name, o.country, o.ownership.as_str(), o.domain)?;
    }
    if let Some(x) = &d.date {
        writeln!(out, "  date      {x}")?;
    }
    writeln!(out, "  stored    {} with lexicon {}", stamp(&sd.added_at), sd.lexicon_version)?;
    if sd.story_documents > 1 {
        writeln!(out, "  story     #{} — {} near-duplicate documents", sd.story, sd.story_documents)?;
    }
    for a in &sd.articles {
        let url = if a.url.is_empty() { "(no URL)" } else { a.url.as_str() };
        writeln!(out, "  article   {url} {}", dim(&format!("from {}", a.origin)))?;
    }
    writeln!(out, "  segments")?;
    let mut comment = 0;
    for s in &d.segments {
        let label = match s.kind {
            SegmentKind::Boilerplate => continue,
            SegmentKind::Comment => {
                comment += 1;
                format!("comment {comment}")
            }
            k => k.as_str().to_string(),
        };
        writeln!(out, "    {label:<11} {}", table::cut(d.slice(s.span), 96))?;
    }
    writeln!(out, "  events    {}", d.events.len())?;
    for e in &d.events {
        let who = |v: &[sitrep_core::ActorRef]| {
            v.iter().map(|a| a.code.clone().unwrap_or_else(|| a.entity_text.clone())).collect::<Vec<_>>().join("+")
        };
        writeln!(
            out,
            "    {} {} → {} [{}] “{}” {}",
            bold(e.event.as_str()),
            who(&e.actor),
            who(&e.recipient),
            table::paint(e.status.as_str(), status_colour(e.status), colour),
            e.event_text,
            dim(&e.id)
        )?;
    }
    out.flush()?;
    Ok(0)
}

/// A store time stamp (`YYYYMMDDHHMMSS` in UTC, GDELT's DATEADDED form) as
/// a person reads it; anything else as it is.
fn stamp(s: &str) -> String {
    let b = s.as_bytes();
    if b.len() != 14 || !b.iter().all(u8::is_ascii_digit) {
        return s.to_string();
    }
    format!("{}-{}-{} {}:{}:{} UTC", &s[..4], &s[4..6], &s[6..8], &s[8..10], &s[10..12], &s[12..])
}

#[cfg(test)]
mod tests {
    use super::stamp;

    #[test]
    fn store_stamps_read_as_dates_and_times() {
        assert_eq!(stamp("20261128004731"), "2026-11-28 00:47:31 UTC");
        assert_eq!(stamp("2026-11-28"), "2026-11-28");
        assert_eq!(stamp("2026112800473x"), "2026112800473x");
        assert_eq!(stamp(""), "");
    }
}
