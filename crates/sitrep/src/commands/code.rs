//! `sitrep code`: events as PLOVER JSONL, the main event of each sentence first.

use crate::cli::{InputArgs, LexiconArgs};
use crate::pipeline::{self, Stage};
use std::io::Write;

pub fn run(format: &str, input: &InputArgs, lexicon: &LexiconArgs) -> anyhow::Result<i32> {
    if format != "jsonl" {
        anyhow::bail!("unknown --format {format:?} (sitrep code writes jsonl)");
    }
    let lex = pipeline::load_lexicon(lexicon)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let summary = pipeline::run(input, &lex, Stage::Code, |doc| {
        for e in &doc.events {
            serde_json::to_writer(&mut out, e)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(summary.exit_code())
}
