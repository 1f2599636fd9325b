//! `sitrep stats`: what the store holds.

use super::filters;
use super::table::thousands;
use crate::cli::StoreArgs;
use std::io::Write;

pub fn run(store: &StoreArgs, json: bool) -> anyhow::Result<i32> {
    let store = filters::open_existing(store)?;
    let s = store.stats()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &s)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(0);
    }
    writeln!(out, "{} (schema {}, {:.1} MB)", s.path, s.schema_version, s.file_bytes as f64 / 1e6)?;
    let row = |out: &mut dyn Write, k: &str, v: i64| writeln!(out, "  {k:<22} {:>12}", thousands(v));
    row(&mut out, "documents", s.documents)?;
    row(&mut out, "articles (URLs)", s.articles)?;
    row(&mut out, "stories", s.stories)?;
    row(&mut out, "events", s.events)?;
    row(&mut out, "events (one per story)", s.story_events)?;
    row(&mut out, "clusters", s.clusters)?;
    row(&mut out, "claims", s.claims)?;
    row(&mut out, "contested claims", s.contested_claims)?;
    row(&mut out, "outlets", s.outlets)?;
    if let (Some(a), Some(b)) = (&s.first_day, &s.last_day) {
        writeln!(out, "  dates                  {a} … {b}")?;
    }
    for (title, list) in [
        ("by event type", &s.by_event),
        ("by status", &s.by_status),
        ("by quad class", &s.by_quad),
        ("articles by outlet ownership", &s.by_ownership),
        ("documents by lexicon version", &s.lexicon_versions),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "  {title}")?;
        for c in list {
            writeln!(out, "    {:<20} {:>12}", c.label, thousands(c.count))?;
        }
    }
    if s.dirty {
        writeln!(out, "  note: an ingest was interrupted; run it again to finish clusters and claims")?;
    }
    out.flush()?;
    Ok(0)
}
