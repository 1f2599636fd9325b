//! `sitrep repair`: the repaired text of one file, line breaks kept.
//!
//! The text goes to stdout with exactly the lines it had, so it can be
//! compared line by line with a reference (the mojibake benchmark does).
//! `--explain` lists on stderr the charset the bytes were decoded from and
//! every change: its byte offset in the output, the rule, and the text
//! before and after (escaped, so control characters show).

use anyhow::Context;
use std::io::{Read, Write};

pub fn run(input: &str, explain: bool) -> anyhow::Result<i32> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().read_to_end(&mut bytes).context("reading stdin")?;
    } else {
        bytes = std::fs::read(input).with_context(|| format!("{input}: cannot read"))?;
    }
    let decoded = sitrep_repair::decode(&bytes, None);
    let repaired = sitrep_repair::repair(&decoded.text);
    let mut out = std::io::stdout().lock();
    out.write_all(repaired.text.as_bytes()).context("writing stdout")?;
    out.flush().context("writing stdout")?;
    if explain {
        let mut err = std::io::stderr().lock();
        let name = if input == "-" { "stdin" } else { input };
        let replaced = if decoded.had_errors { ", malformed bytes replaced with U+FFFD" } else { "" };
        writeln!(err, "# {name}: decoded as {}{replaced}; {} repairs", decoded.charset, repaired.repairs.len())?;
        writeln!(err, "# offset\trule\tbefore -> after")?;
        for r in &repaired.repairs {
            writeln!(err, "{}\t{}\t{:?} -> {:?}", r.offset, r.rule, r.before, r.after)?;
        }
    }
    Ok(0)
}
