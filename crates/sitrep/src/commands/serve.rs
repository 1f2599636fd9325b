//! `sitrep serve`: the HTTP API and web UI over a store (`sitrep-server`).
//!
//! The binary's part: load the lexicon, read `SITREP_TOKEN` (ingest over
//! HTTP is off without it), bind the address (loopback unless told
//! otherwise) and say where it listens and who can reach it, then serve
//! until Ctrl-C or SIGTERM.

use crate::cli::LexiconArgs;
use crate::pipeline;
use anyhow::Context;
use sitrep_server::{App, Config};
use std::path::Path;

pub fn run(db: &Path, addr: &str, lexicon: &LexiconArgs) -> anyhow::Result<i32> {
    let token = std::env::var("SITREP_TOKEN").ok().filter(|t| !t.trim().is_empty());
    // The server runs until the process ends, and so does its lexicon.
    let lex: &'static sitrep_lexicon::Lexicon = Box::leak(Box::new(pipeline::load_lexicon(lexicon)?));
    let mut config = Config::new(db);
    config.token = token;
    let app = App::new(config, lex)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("start the runtime")?;
    runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::bind(addr).await.with_context(|| format!("--addr {addr}: cannot listen there"))?;
        let local = listener.local_addr().context("read the bound address")?;
        eprintln!("sitrep: serving {} at http://{local}/", db.display());
        if local.ip().is_loopback() {
            eprintln!(
                "sitrep: listening on loopback only: other machines cannot reach it (--addr 0.0.0.0:PORT to share)"
            );
        } else {
            eprintln!("sitrep: listening on {local}: other machines CAN reach it, and it has no login");
        }
        eprintln!(
            "sitrep: POST /api/ingest is {}",
            if app.ingest_enabled() { "on (SITREP_TOKEN is set)" } else { "off (set SITREP_TOKEN to allow it)" }
        );
        sitrep_server::serve(listener, app, stop_signal()).await?;
        eprintln!("sitrep: stopped");
        Ok(0)
    })
}

/// Completes on Ctrl-C or SIGTERM.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
