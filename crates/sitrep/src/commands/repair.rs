//! `sitrep repair`: the repaired text of one file, line breaks kept.

use anyhow::Context;
use std::io::{Read, Write};

pub fn run(input: &str, explain: bool) -> anyhow::Result<i32> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().read_to_end(&mut bytes).context("stdin")?;
    } else {
        bytes = std::fs::read(input).with_context(|| input.to_string())?;
    }
    let decoded = sitrep_repair::decode(&bytes, None);
    let repaired = sitrep_repair::repair(&decoded.text);
    let mut out = std::io::stdout().lock();
    out.write_all(repaired.text.as_bytes())?;
    out.flush()?;
    if explain {
        let mut err = std::io::stderr().lock();
        for r in &repaired.repairs {
            writeln!(err, "{}\t{:?}\t{:?}\t{}", r.offset, r.before, r.after, r.rule)?;
        }
    }
    Ok(0)
}
