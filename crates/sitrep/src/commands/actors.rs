//! `sitrep actors`: the most active actors and dyads, with how many of
//! their events are cooperation and how many conflict.

use super::filters;
use super::table::{self, Col, Colour, Table};
use crate::cli::{EventFilterArgs, StoreArgs};
use std::io::Write;

pub fn run(store: &StoreArgs, filter: &EventFilterArgs, limit: u64, format: &str) -> anyhow::Result<i32> {
    let f = filters::event_filter(filter)?;
    let store = filters::open_existing(store)?;
    let actors = store.actors(&f, limit)?;
    let dyads = store.dyads(&f, limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        "json" => {
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "actors": actors, "dyads": dyads }))?;
            writeln!(out)?;
        }
        "table" => {
            let colour = table::colour_wanted();
            let num = |h: &'static str| Col { header: h, max: 11, right: true };
            let mut t = Table::new(vec![
                Col { header: "ACTOR", max: 12, right: false },
                Col { header: "NAME", max: 32, right: false },
                num("EVENTS"),
                num("AS ACTOR"),
                num("AS RECIP."),
                num("COOP."),
                num("CONFLICT"),
            ]);
            for a in &actors {
                t.row(vec![
                    (a.key.clone(), Some(Colour::Bold)),
                    (a.name.clone(), None),
                    (table::thousands(a.events), None),
                    (table::thousands(a.as_actor), None),
                    (table::thousands(a.as_recipient), None),
                    (table::thousands(a.cooperation), Some(Colour::Green)),
                    (table::thousands(a.conflict), Some(Colour::Red)),
                ]);
            }
            t.write(&mut out, colour, table::width())?;
            writeln!(out)?;
            let mut t = Table::new(vec![
                Col { header: "ACTOR", max: 24, right: false },
                Col { header: "RECIPIENT", max: 24, right: false },
                num("EVENTS"),
                num("COOP."),
                num("CONFLICT"),
            ]);
            for d in &dyads {
                t.row(vec![
                    (format!("{} ({})", d.actor_name, d.actor), None),
                    (format!("{} ({})", d.recipient_name, d.recipient), None),
                    (table::thousands(d.events), None),
                    (table::thousands(d.cooperation), Some(Colour::Green)),
                    (table::thousands(d.conflict), Some(Colour::Red)),
                ]);
            }
            t.write(&mut out, colour, table::width())?;
        }
        other => anyhow::bail!("unknown --format {other:?} (one of table, json)"),
    }
    out.flush()?;
    Ok(0)
}
