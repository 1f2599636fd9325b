//! The subcommands, one module each.

mod analyze;
mod bench;
mod code;
mod eval;
mod explain;
mod lexicon;
mod repair;
// The event store's commands.
mod actors;
mod claims;
mod events;
mod export;
mod filters;
mod ingest;
mod recode;
mod serve;
mod show;
mod stats;
mod table;

use crate::cli::{Cli, Command};

/// Runs the parsed command; the exit status on success.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Analyze { json, input, lexicon } => analyze::run(json, &input, &lexicon),
        Command::Repair { input, explain } => repair::run(&input, explain),
        Command::Lexicon { command } => lexicon::run(command),
        Command::Explain { text, date, json, lexicon } => explain::run(&text, date.as_deref(), json, &lexicon),
        Command::Eval { file, modality, actors, verbose, lexicon } => {
            eval::run(&file, modality, actors, verbose, &lexicon)
        }
        Command::Code { format, documents, input, lexicon } => code::run(&format, documents, &input, &lexicon),
        Command::Ingest { store, input, lexicon } => ingest::run(&store, &input, &lexicon),
        Command::Recode { store, all, lexicon } => recode::run(&store, all, &lexicon),
        Command::Events { store, filter, limit, format } => events::run(&store, &filter, limit, &format),
        Command::Claims { store, limit, format } => claims::run(&store, limit, &format),
        Command::Actors { store, filter, limit, format } => actors::run(&store, &filter, limit, &format),
        Command::Show { store, doc_id, json } => show::run(&store, &doc_id, json),
        Command::Stats { store, json } => stats::run(&store, json),
        Command::Export { store, format, out, filter } => export::run(&store, &format, out.as_deref(), &filter),
        Command::Serve { store, addr, lexicon } => serve::run(&store.db, &addr, &lexicon),
        Command::Bench { input, lexicon, repeat } => bench::run(&input, &lexicon, repeat),
    }
}
