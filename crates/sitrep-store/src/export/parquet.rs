//! Parquet export: the [`flat`](super::flat) columns with their types
//! (Utf8, Int64, Float64, Boolean, Date32, List<Utf8>), zstd-compressed,
//! written in row groups of [`ROW_GROUP`] events so memory stays bounded.
//! Readable by pyarrow, pandas and polars.

use super::flat::{Cell, FlatEvent, Kind, COLUMNS};
use crate::query::EventFilter;
use crate::{Result, Store, StoreError};
use arrow_array::builder::{BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Events per row group.
pub const ROW_GROUP: usize = 8192;

/// The Arrow schema of the export.
pub fn schema() -> Schema {
    Schema::new(
        COLUMNS
            .iter()
            .map(|c| {
                let t = match c.kind {
                    Kind::Text => DataType::Utf8,
                    Kind::Int => DataType::Int64,
                    Kind::Float => DataType::Float64,
                    Kind::Bool => DataType::Boolean,
                    Kind::Date => DataType::Date32,
                    Kind::TextList => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                };
                Field::new(c.name, t, !matches!(c.kind, Kind::TextList | Kind::Bool))
            })
            .collect::<Vec<_>>(),
    )
}

enum Builder {
    Text(StringBuilder),
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Date(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Float => Builder::Float(Float64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::TextList => Builder::List(ListBuilder::new(StringBuilder::new())),
        }
    }

    fn append(&mut self, cell: &Cell) {
        match (self, cell) {
            (Builder::Text(b), Cell::Text(v)) => b.append_option(v.as_deref()),
            (Builder::Int(b), Cell::Int(v)) => b.append_option(*v),
            (Builder::Float(b), Cell::Float(v)) => b.append_option(*v),
            (Builder::Bool(b), Cell::Bool(v)) => b.append_value(*v),
            (Builder::Date(b), Cell::Date(v)) => b.append_option(*v),
            (Builder::List(b), Cell::TextList(v)) => {
                for s in v {
                    b.values().append_value(s);
                }
                b.append(true);
            }
            // The flat row and the schema come from the same COLUMNS list;
            // a mismatch would be a bug here, and writes a null.
            (Builder::Text(b), _) => b.append_null(),
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Float(b), _) => b.append_null(),
            (Builder::Bool(b), _) => b.append_value(false),
            (Builder::Date(b), _) => b.append_null(),
            (Builder::List(b), _) => b.append(true),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Int(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Bool(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::List(b) => Arc::new(b.finish()),
        }
    }
}

fn perr(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(format!("write the Parquet export: {e}"))
}

/// Writes the matching events as Parquet to `out`.
pub fn write<W: Write + Send>(store: &Store, filter: &EventFilter, limit: Option<u64>, out: W) -> Result<u64> {
    let schema = Arc::new(schema());
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(ROW_GROUP))
        .build();
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(perr)?;
    let mut builders: Vec<Builder> = COLUMNS.iter().map(|c| Builder::new(c.kind)).collect();
    let mut pending = 0usize;
    let flush = |builders: &mut Vec<Builder>, writer: &mut ArrowWriter<W>| -> Result<()> {
        let arrays: Vec<ArrayRef> = builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(perr)?;
        writer.write(&batch).map_err(perr)
    };
    let n = store.for_each_event_page(filter, 0, limit, |se| {
        let row = FlatEvent::from(&se);
        for (b, cell) in builders.iter_mut().zip(row.0.iter()) {
            b.append(cell);
        }
        pending += 1;
        if pending == ROW_GROUP {
            flush(&mut builders, &mut writer)?;
            pending = 0;
        }
        Ok(())
    })?;
    if pending > 0 || n == 0 {
        flush(&mut builders, &mut writer)?;
    }
    writer.close().map_err(perr)?;
    Ok(n)
}
