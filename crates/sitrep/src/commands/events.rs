//! `sitrep events`: stored events that match the filters, as a table, a
//! JSON array (the events as `sitrep code` writes them) or CSV.

use super::filters;
use super::table::{self, Col, Colour, Table};
use crate::cli::{EventFilterArgs, StoreArgs};
use sitrep_core::{ActorRef, Status};
use sitrep_store::export::ExportFormat;
use sitrep_store::query::StoredEvent;
use std::io::Write;

/// Rows a table shows unless `--limit` says otherwise.
const TABLE_ROWS: u64 = 50;

pub fn run(store: &StoreArgs, filter: &EventFilterArgs, limit: Option<u64>, format: &str) -> anyhow::Result<i32> {
    let f = filters::event_filter(filter)?;
    let store = filters::open_existing(store)?;
    // Not locked: the CSV export needs a writer it can send between threads.
    let mut out = std::io::BufWriter::new(std::io::stdout());
    match format {
        "table" => {
            let page = store.events(&f, 0, Some(limit.unwrap_or(TABLE_ROWS)))?;
            let colour = table::colour_wanted();
            write_table(&mut out, &page.items, colour)?;
            let shown = page.items.len() as u64;
            if page.total > shown {
                writeln!(
                    out,
                    "{} of {} events (--limit N for more, --format csv or json for all)",
                    table::thousands(shown as i64),
                    table::thousands(page.total as i64)
                )?;
            } else {
                writeln!(out, "{} events", table::thousands(page.total as i64))?;
            }
        }
        "json" => {
            out.write_all(b"[")?;
            let mut first = true;
            store.for_each_event_page(&f, 0, limit, |se: StoredEvent| {
                let sep: &[u8] = if first { b"\n" } else { b",\n" };
                first = false;
                out.write_all(sep)
                    .and_then(|_| serde_json::to_writer(&mut out, &se.event).map_err(std::io::Error::from))
                    .map_err(|e| sitrep_store::StoreError::Io(format!("write: {e}")))
            })?;
            out.write_all(if first { b"]\n" } else { b"\n]\n" })?;
        }
        "csv" => {
            store.export(ExportFormat::Csv, &f, limit, &mut out)?;
        }
        other => anyhow::bail!("unknown --format {other:?} (one of table, json, csv)"),
    }
    out.flush()?;
    Ok(0)
}

fn who(v: &[ActorRef]) -> String {
    let parts: Vec<String> = v
        .iter()
        .map(|a| {
            let mut s = a.code.clone().unwrap_or_else(|| a.entity_text.clone());
            if let Some(sec) = &a.sector {
                if a.code.is_some() && Some(sec) != a.code.as_ref() {
                    s.push_str(sec);
                }
            }
            s
        })
        .collect();
    if parts.is_empty() {
        "–".into()
    } else {
        parts.join("+")
    }
}

pub fn status_colour(s: Status) -> Option<Colour> {
    match s {
        Status::Reported => Some(Colour::Green),
        Status::Alleged | Status::Speculative => Some(Colour::Yellow),
        Status::Denied | Status::Negated => Some(Colour::Red),
        Status::Intended | Status::Conditional => Some(Colour::Blue),
    }
}

fn write_table(out: &mut impl Write, items: &[StoredEvent], colour: bool) -> std::io::Result<()> {
    let mut t = Table::new(vec![
        Col { header: "DATE", max: 10, right: false },
        Col { header: "EVENT", max: 9, right: false },
        Col { header: "ACTOR", max: 16, right: false },
        Col { header: "RECIPIENT", max: 16, right: false },
        Col { header: "STATUS", max: 11, right: false },
        Col { header: "CAMEO", max: 5, right: false },
        Col { header: "ART", max: 4, right: true },
        Col { header: "OUTLET", max: 16, right: false },
        Col { header: "TEXT", max: 200, right: false },
    ]);
    for se in items {
        let e = &se.event;
        let quad = if e.quad_code >= 3 { Some(Colour::Red) } else { Some(Colour::Green) };
        let text = if e.event_text.is_empty() { e.text.clone() } else { format!("“{}” {}", e.event_text, e.text) };
        t.row(vec![
            (se.day.clone().unwrap_or_else(|| "–".into()), None),
            (e.event.as_str().to_string(), quad),
            (who(&e.actor), None),
            (who(&e.recipient), None),
            (e.status.as_str().to_string(), status_colour(e.status)),
            (e.cameo.clone().unwrap_or_default(), None),
            (se.num_articles.to_string(), None),
            (se.outlet.as_ref().map(|o| o.domain.clone()).unwrap_or_else(|| "–".into()), Some(Colour::Dim)),
            (text, None),
        ]);
    }
    t.write(out, colour, table::width())
}
