//! Exports of matching events, written as a stream (one event in memory at
//! a time, one row group for Parquet):
//!
//! - [`ExportFormat::Plover`]: JSONL, each line the event exactly as
//!   `sitrep code` writes it;
//! - [`ExportFormat::Gdelt`]: GDELT 2.0 event table, 61 tab-separated
//!   columns, no header ([`gdelt`] says how each column is filled and
//!   which stay empty);
//! - [`ExportFormat::Csv`]: one flat row per event ([`flat`] columns, lists
//!   joined by `; `), with a header;
//! - [`ExportFormat::Parquet`]: the same columns with their types (dates as
//!   Date32, lists as lists of strings).

pub mod flat;
pub mod gdelt;
pub mod parquet;

use crate::query::EventFilter;
use crate::{Result, Store, StoreError};
use std::io::Write;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Plover,
    Gdelt,
    Csv,
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "plover" | "jsonl" | "json" => Ok(ExportFormat::Plover),
            "gdelt" | "tsv" => Ok(ExportFormat::Gdelt),
            "csv" => Ok(ExportFormat::Csv),
            "parquet" => Ok(ExportFormat::Parquet),
            _ => Err(format!("unknown export format {s:?} (one of plover, gdelt, csv, parquet)")),
        }
    }
}

fn io_err(what: &str, e: std::io::Error) -> StoreError {
    StoreError::Io(format!("{what}: {e}"))
}

impl Store {
    /// Writes the matching events (the first `limit` of them, if given) to
    /// `out` in `format`; returns how many.
    pub fn export<W: Write + Send>(
        &self,
        format: ExportFormat,
        filter: &EventFilter,
        limit: Option<u64>,
        mut out: W,
    ) -> Result<u64> {
        match format {
            ExportFormat::Plover => {
                let n = self.for_each_event_page(filter, 0, limit, |se| {
                    serde_json::to_writer(&mut out, &se.event)
                        .map_err(|e| StoreError::Io(format!("write the export: {e}")))?;
                    out.write_all(b"\n").map_err(|e| io_err("write the export", e))
                })?;
                out.flush().map_err(|e| io_err("write the export", e))?;
                Ok(n)
            }
            ExportFormat::Gdelt => {
                let mut line = String::new();
                let n = self.for_each_event_page(filter, 0, limit, |se| {
                    line.clear();
                    for (i, f) in gdelt::row(&se).iter().enumerate() {
                        if i > 0 {
                            line.push('\t');
                        }
                        line.push_str(f);
                    }
                    line.push('\n');
                    out.write_all(line.as_bytes()).map_err(|e| io_err("write the export", e))
                })?;
                out.flush().map_err(|e| io_err("write the export", e))?;
                Ok(n)
            }
            ExportFormat::Csv => {
                let mut line = String::new();
                flat::csv_line(flat::COLUMNS.iter().map(|c| c.name.to_string()), &mut line);
                out.write_all(line.as_bytes()).map_err(|e| io_err("write the export", e))?;
                let n = self.for_each_event_page(filter, 0, limit, |se| {
                    line.clear();
                    let row = flat::FlatEvent::from(&se);
                    flat::csv_line(row.csv_fields(), &mut line);
                    out.write_all(line.as_bytes()).map_err(|e| io_err("write the export", e))
                })?;
                out.flush().map_err(|e| io_err("write the export", e))?;
                Ok(n)
            }
            ExportFormat::Parquet => parquet::write(self, filter, limit, out),
        }
    }
}
