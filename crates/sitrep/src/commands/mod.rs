//! The subcommands, one module each.

mod analyze;
mod code;
mod eval;
mod explain;
mod lexicon;
mod repair;

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
        Command::Code { format, input, lexicon } => code::run(&format, &input, &lexicon),
    }
}
