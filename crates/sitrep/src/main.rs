//! # sitrep: the command-line binary
//!
//! Thin on purpose: flags are parsed here into plain option structs and
//! handed to the library crates, which never read the environment or print.
//! Each subcommand lives in its own module under `commands/`.

mod cli;
mod commands;
mod panics;
mod pipeline;

use clap::Parser;

/// mimalloc: the coder makes many small, short-lived allocations per
/// sentence; it codes about a fifth faster than with the system allocator
/// (measured with `sitrep bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    panics::install();
    let args = cli::Cli::parse();
    // Like other Unix filters, stop quietly when the reader of our output
    // goes away (`sitrep code … | head`) instead of failing to print. Not
    // for the server, which must outlive any one client.
    #[cfg(unix)]
    if !matches!(args.command, cli::Command::Serve { .. }) {
        // SAFETY: called before any other thread exists; SIG_DFL is a
        // valid disposition for SIGPIPE.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let code = match commands::run(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: {e:#}");
            2
        }
    };
    std::process::exit(code);
}
