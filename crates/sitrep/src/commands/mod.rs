//! The subcommands, one module each.

mod analyze;
mod code;
mod lexicon;
mod repair;

use crate::cli::{Cli, Command};

/// Runs the parsed command; the exit status on success.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Analyze { json, input, lexicon } => analyze::run(json, &input, &lexicon),
        Command::Repair { input, explain } => repair::run(&input, explain),
        Command::Lexicon { command } => lexicon::run(command),
        Command::Code { format, input, lexicon } => code::run(&format, &input, &lexicon),
    }
}
