//! What the store commands share: opening the store named by `--db`, and
//! turning the filter flags into the store's [`EventFilter`].

use crate::cli::{EventFilterArgs, StoreArgs};
use anyhow::Context;
use sitrep_core::Date;
use sitrep_store::query::EventFilter;
use sitrep_store::Store;

/// Opens an existing store (queries never create one).
pub fn open_existing(args: &StoreArgs) -> anyhow::Result<Store> {
    Ok(Store::open_existing(&args.db)?)
}

/// The store's filter from the command-line flags; a bad value is an
/// error naming the flag.
pub fn event_filter(a: &EventFilterArgs) -> anyhow::Result<EventFilter> {
    let dyad = match &a.dyad {
        Some(d) => {
            let (x, y) = d.split_once(',').with_context(|| format!("--dyad {d:?}: give two codes, A,B"))?;
            if x.trim().is_empty() || y.trim().is_empty() {
                anyhow::bail!("--dyad {d:?}: give two codes, A,B");
            }
            Some((x.trim().to_string(), y.trim().to_string()))
        }
        None => None,
    };
    let date = |flag: &str, v: &Option<String>, end: bool| -> anyhow::Result<Option<Date>> {
        match v {
            None => Ok(None),
            Some(s) => {
                let d = if end { Date::parse_end(s) } else { Date::parse(s) };
                d.map(Some).with_context(|| format!("{flag} {s:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
            }
        }
    };
    Ok(EventFilter {
        actor: a.actor.clone(),
        recipient: a.recipient.clone(),
        dyad,
        event: a
            .event_type
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e: String| anyhow::anyhow!("--type: {e}"))?,
        status: a
            .status
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e: String| anyhow::anyhow!("--status: {e}"))?,
        since: date("--since", &a.since, false)?,
        until: date("--until", &a.until, true)?,
        outlet: a.outlet.clone(),
        ownership: a
            .ownership
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|e: String| anyhow::anyhow!("--ownership: {e}"))?,
        search: a.search.clone(),
        all_mentions: a.all_mentions,
        ..Default::default()
    })
}
