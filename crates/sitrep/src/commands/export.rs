//! `sitrep export`: stored events as PLOVER JSONL, GDELT 2.0 TSV, CSV or
//! Parquet, to a file or standard output. A file is written beside its
//! final name and renamed when complete, so an interrupted export never
//! leaves a truncated file behind.

use super::filters;
use crate::cli::{EventFilterArgs, StoreArgs};
use anyhow::Context;
use sitrep_store::export::ExportFormat;
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn run(store: &StoreArgs, format: &str, out: Option<&Path>, filter: &EventFilterArgs) -> anyhow::Result<i32> {
    let format: ExportFormat = format.parse().map_err(|e: String| anyhow::anyhow!("--format: {e}"))?;
    let f = filters::event_filter(filter)?;
    let store = filters::open_existing(store)?;
    let n = match out {
        Some(path) => {
            let tmp = path.with_file_name(format!(
                ".{}.partial",
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export".into())
            ));
            let file = std::fs::File::create(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            let n = match store.export(format, &f, None, &mut w) {
                Ok(n) => n,
                Err(e) => {
                    drop(w);
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e.into());
                }
            };
            w.flush().with_context(|| format!("{}: write", tmp.display()))?;
            drop(w);
            std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))?;
            n
        }
        None => {
            if format == ExportFormat::Parquet && std::io::stdout().is_terminal() {
                anyhow::bail!("Parquet is binary: give --out FILE or redirect standard output");
            }
            let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            let n = store.export(format, &f, None, &mut w)?;
            w.flush()?;
            n
        }
    };
    let target = out.map(|p| p.display().to_string()).unwrap_or_else(|| "standard output".into());
    eprintln!("sitrep: exported {n} events to {target}");
    Ok(0)
}
