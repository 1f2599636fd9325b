//! `sitrep lexicon check` and `sitrep lexicon lookup`.

use crate::cli::LexiconCommand;
use crate::pipeline;
use anyhow::Context;
use sitrep_core::Date;

pub fn run(cmd: LexiconCommand) -> anyhow::Result<i32> {
    match cmd {
        LexiconCommand::Check { json, lexicon } => {
            let report = sitrep_lexicon::check(&lexicon.lexicon);
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!("lexicon {}", report.version);
                for (k, v) in &report.counts {
                    println!("  {k:<16} {v:>7}");
                }
                for w in &report.warnings {
                    println!("warning: {w}");
                }
                for e in &report.errors {
                    println!("error: {e}");
                }
                println!("{} error(s), {} warning(s)", report.errors.len(), report.warnings.len());
            }
            Ok(if report.errors.is_empty() { 0 } else { 1 })
        }
        LexiconCommand::Lookup { phrase, date, context, json, lexicon } => {
            let lex = pipeline::load_lexicon(&lexicon)?;
            let date = match &date {
                Some(d) => {
                    Some(Date::parse_loose(d).with_context(|| format!("--date {d:?} is not a date (YYYY-MM-DD)"))?)
                }
                None => None,
            };
            let res = lex.lookup_in_context(&phrase, &context, date);
            match (res, json) {
                (Some(r), true) => println!("{}", serde_json::to_string(&r)?),
                (None, true) => println!("null"),
                (Some(r), false) => {
                    println!("{phrase:?} →");
                    println!("  code:       {}", r.code.as_deref().unwrap_or("-"));
                    println!("  sector:     {}", r.sector.as_deref().unwrap_or("-"));
                    println!("  kind:       {}", r.kind.as_str());
                    if let Some(n) = &r.name {
                        println!("  name:       {n}");
                    }
                    if let Some(o) = &r.office {
                        println!("  office:     {o}");
                    }
                    if let Some(i) = &r.identifier {
                        println!("  identifier: {i}");
                    }
                    println!("  matched:    {:?}", phrase.get(r.start..r.end).unwrap_or(""));
                    println!("  entry:      {}", r.entry);
                }
                (None, false) => println!("{phrase:?} → no match in the lexicon"),
            }
            Ok(0)
        }
    }
}
