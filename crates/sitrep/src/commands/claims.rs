//! `sitrep claims`: the claim ledger, contested claims first.

use super::filters;
use super::table::{self, Colour};
use crate::cli::StoreArgs;
use std::io::Write;

pub fn run(store: &StoreArgs, limit: Option<u64>, format: &str) -> anyhow::Result<i32> {
    let store = filters::open_existing(store)?;
    let page = store.claims(0, limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        "json" => {
            serde_json::to_writer_pretty(&mut out, &page.items)?;
            writeln!(out)?;
        }
        "table" => {
            let colour = table::colour_wanted();
            for c in &page.items {
                let mark = if c.contested { table::paint("contested", Some(Colour::Red), colour) } else { "".into() };
                writeln!(out, "{}", c.line())?;
                let seen = match (&c.first_seen, &c.last_seen) {
                    (Some(a), Some(b)) if a == b => format!("seen {a}"),
                    (Some(a), Some(b)) => format!("first seen {a}, last seen {b}"),
                    _ => "date unknown".into(),
                };
                let docs =
                    if c.documents == 1 { "1 document".to_string() } else { format!("{} documents", c.documents) };
                let line = [seen, docs, c.event.as_str().to_string(), mark]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                writeln!(out, "    {}", table::paint(&line, Some(Colour::Dim), colour))?;
            }
            let shown = page.items.len() as u64;
            if page.total > shown {
                writeln!(out, "{shown} of {} claims (--limit N for more)", page.total)?;
            } else {
                writeln!(out, "{} claims", page.total)?;
            }
        }
        other => anyhow::bail!("unknown --format {other:?} (one of table, json)"),
    }
    out.flush()?;
    Ok(0)
}
