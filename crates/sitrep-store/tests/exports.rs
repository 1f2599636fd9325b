//! Each export's layout: GDELT 2.0 (61 columns, names and types checked
//! against the codebook and the sample rows in ../shared/reference/gdelt,
//! read at run time), PLOVER JSONL (the fields of `sitrep code`), CSV (read
//! back by Python's csv module) and Parquet (read back by pyarrow).

mod common;

use common::*;
use sitrep_core::Event;
use sitrep_store::export::{flat, gdelt, ExportFormat};
use sitrep_store::query::EventFilter;
use sitrep_store::{IngestContext, Store, ToneFns};
use std::process::Command;

const GDELT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/gdelt");

fn filled_store(db: &TempDb) -> Store {
    let store = Store::open(&db.path).unwrap();
    // A stand-in scorer: the store records what it is given.
    store.set_tone(ToneFns { document: |d| d.text.len() as f64 / 100.0, sentence: |s| -(s.len() as f64) / 100.0 });
    let copy = format!("GENEVA (Wire) - {} Markets were calm.", WIRE.replace("Tuesday", "Wednesday"));
    let docs = vec![
        consult_doc("a", WIRE, Some("https://www.reuters.com/world/a"), Some("2024-03-01")),
        consult_doc("b", &copy, Some("https://www.bbc.co.uk/news/b"), Some("2024-03-01")),
        consult_doc("c", OTHER, None, Some("2016-07-01")),
        contested_doc(),
    ];
    store.write_batch(&docs, &IngestContext { lexicon: lexicon() }).unwrap();
    store.refresh().unwrap();
    store
}

/// The codebook's (name, type) pairs.
fn codebook() -> Vec<(String, String)> {
    let text =
        std::fs::read_to_string(format!("{GDELT}/gdeltPyR_GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"))
            .expect("read the GDELT codebook");
    text.lines()
        .skip(1)
        .filter_map(|l| {
            let mut it = l.splitn(3, ',');
            Some((it.next()?.to_string(), it.next()?.to_string()))
        })
        .collect()
}

/// True when a field is empty or parses as the codebook's type.
fn fits(value: &str, ty: &str) -> bool {
    value.is_empty()
        || match ty {
            "INTEGER" => value.parse::<i64>().is_ok(),
            "FLOAT" => value.parse::<f64>().is_ok(),
            _ => true,
        }
}

#[test]
fn gdelt_columns_are_the_codebooks_and_the_samples() {
    let names: Vec<String> = codebook().into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.len(), 61);
    assert_eq!(names, gdelt::COLUMNS.to_vec());
    let sample = std::fs::read_to_string(format!("{GDELT}/gdeltPyR_events2_sample_61col.with_header.tsv")).unwrap();
    let header: Vec<&str> = sample.lines().next().unwrap().split('\t').collect();
    assert_eq!(header, gdelt::COLUMNS.to_vec());
}

#[test]
fn gdelt_rows_have_61_fields_of_the_codebooks_types() {
    let book = codebook();
    let db = TempDb::new("gdelt");
    let store = filled_store(&db);
    let mut buf = Vec::new();
    let n = store.export(ExportFormat::Gdelt, &EventFilter::default(), None, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len() as u64, n);
    assert_eq!(n, 6, "one record per event per story: 2 consults (a+b one story, c) and the 4 claim events");
    // The checker accepts GDELT's own rows...
    let sample = std::fs::read_to_string(format!("{GDELT}/gdeltPyR_events2_sample_61col.export.CSV")).unwrap();
    for line in sample.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 61);
        for (v, (name, ty)) in f.iter().zip(&book) {
            assert!(fits(v, ty), "sample {name} = {v:?} is not {ty}");
        }
    }
    // ...and ours.
    for r in &rows {
        assert_eq!(r.len(), 61, "{r:?}");
        for (v, (name, ty)) in r.iter().zip(&book) {
            assert!(fits(v, ty), "{name} = {v:?} is not {ty}");
        }
        assert_eq!(r[59].len(), 14, "DATEADDED is YYYYMMDDHHMMSS");
        assert!(r[35] == "0" || r[35] == "1", "Actor1Geo_Type {}", r[35]);
    }
    let col = |name: &str| gdelt::COLUMNS.iter().position(|c| *c == name).unwrap();
    let consult = rows.iter().find(|r| r[col("SOURCEURL")] == "https://www.reuters.com/world/a").unwrap();
    let get = |name: &str| consult[col(name)];
    assert_eq!((get("SQLDATE"), get("MonthYear"), get("Year")), ("20240301", "202403", "2024"));
    assert_eq!((get("Actor1Code"), get("Actor1CountryCode"), get("Actor2Code")), ("USA", "USA", "RUS"));
    assert_eq!((get("EventCode"), get("EventBaseCode"), get("EventRootCode")), ("040", "040", "04"));
    assert_eq!((get("QuadClass"), get("GoldsteinScale")), ("1", "1.0"));
    assert_eq!((get("NumMentions"), get("NumSources"), get("NumArticles")), ("2", "2", "2"));
    assert_eq!((get("Actor1Geo_Type"), get("Actor1Geo_CountryCode"), get("Actor2Geo_CountryCode")), ("1", "US", "RS"));
    assert_eq!((get("ActionGeo_Type"), get("ActionGeo_FullName")), ("4", "Geneva, Switzerland"));
    assert_eq!(get("AvgTone").parse::<f64>().unwrap(), WIRE.len() as f64 / 100.0, "the document's tone");
    assert_eq!(
        (get("ActionGeo_CountryCode"), get("ActionGeo_Lat"), get("ActionGeo_FeatureID")),
        ("SZ", "46.2022", "2660646")
    );
    // FractionDate is computed as GDELT computes it: the sample's own rows
    // are reproduced from their SQLDATE.
    for line in sample.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let d = f[1];
        let (y, m, day): (i32, u32, u32) = (d[..4].parse().unwrap(), d[4..6].parse().unwrap(), d[6..].parse().unwrap());
        let ours = format!("{:.4}", f64::from(y) + f64::from((m - 1) * 30 + day) / 365.0);
        assert_eq!(ours, f[4], "FractionDate of {d}");
    }
    let c = rows.iter().find(|r| r[col("SQLDATE")] == "20160701").unwrap();
    assert_eq!(c[col("FractionDate")], "2016.4959");
}

#[test]
fn plover_lines_are_the_events_as_sitrep_code_writes_them() {
    let db = TempDb::new("plover");
    let store = filled_store(&db);
    let mut buf = Vec::new();
    let all = EventFilter { all_mentions: true, ..Default::default() };
    let n = store.export(ExportFormat::Plover, &all, None, &mut buf).unwrap();
    assert_eq!(n, 7);
    let text = String::from_utf8(buf).unwrap();
    let original = contested_doc();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let e: Event = serde_json::from_value(v.clone()).unwrap();
        let expected = serde_json::to_value(&e).unwrap();
        assert_eq!(v, expected, "the line has exactly the fields of a serialised event");
        if let Some(o) = original.events.iter().find(|x| x.id == e.id) {
            assert_eq!(&e, o);
        }
    }
}

fn python_ok(module: &str) -> bool {
    Command::new("python3").args(["-c", &format!("import {module}")]).status().map(|s| s.success()).unwrap_or(false)
}

/// Whether a test that needs a Python module may skip: only outside CI.
fn may_skip(module: &str) -> bool {
    if python_ok(module) {
        return false;
    }
    assert!(std::env::var_os("CI").is_none(), "CI must have python3 with {module} (python3 -m pip install {module})");
    eprintln!("skipped: python3 with {module} is not installed here");
    true
}

#[test]
fn csv_reads_back_with_pythons_csv_module() {
    if may_skip("csv") {
        return;
    }
    let db = TempDb::new("csv");
    let store = filled_store(&db);
    let path = db.dir.join("events.csv");
    let n =
        store.export(ExportFormat::Csv, &EventFilter::default(), None, std::fs::File::create(&path).unwrap()).unwrap();
    let script = "import csv, json, sys\n\
        rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))\n\
        print(json.dumps({'header': rows[0], 'rows': len(rows) - 1, 'widths': sorted({len(r) for r in rows}), \
        'texts': [r[rows[0].index('text')] for r in rows[1:]]}))";
    let out = Command::new("python3").args(["-c", script, path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let header: Vec<&str> = v["header"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    let expected: Vec<&str> = flat::COLUMNS.iter().map(|c| c.name).collect();
    assert_eq!(header, expected);
    assert_eq!(v["rows"].as_u64().unwrap(), n);
    assert_eq!(v["widths"], serde_json::json!([flat::COLUMNS.len()]));
    // A sentence with commas survives the quoting.
    assert!(v["texts"].as_array().unwrap().iter().any(|t| t.as_str().unwrap().contains(", officials")));
}

#[test]
fn parquet_reads_back_with_pyarrow_with_its_types() {
    if may_skip("pyarrow") {
        return;
    }
    let db = TempDb::new("parquet");
    let store = filled_store(&db);
    let path = db.dir.join("events.parquet");
    let all = EventFilter { all_mentions: true, ..Default::default() };
    let n = store.export(ExportFormat::Parquet, &all, None, std::fs::File::create(&path).unwrap()).unwrap();
    let script = "import json, sys, pyarrow.parquet as pq\n\
        t = pq.read_table(sys.argv[1])\n\
        d = t.to_pylist()\n\
        print(json.dumps({'rows': t.num_rows, 'types': {f.name: str(f.type) for f in t.schema}, \
        'dates': sorted({str(r['date']) for r in d}), 'actors': [r['actor_codes'] for r in d], \
        'story_record': sorted({r['story_record'] for r in d})}))";
    let out = Command::new("python3").args(["-c", script, path.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"].as_u64().unwrap(), n);
    assert_eq!(n, 7);
    let types = &v["types"];
    assert_eq!(types.as_object().unwrap().len(), flat::COLUMNS.len());
    assert_eq!(types["date"], "date32[day]");
    assert_eq!(types["actor_codes"], "list<item: string>");
    assert_eq!(types["related"], "list<item: string>");
    assert_eq!(types["quad_code"], "int64");
    assert_eq!(types["goldstein"], "double");
    assert_eq!(types["story_record"], "bool");
    assert_eq!(types["event"], "string");
    assert_eq!(v["dates"], serde_json::json!(["2016-07-01", "2024-03-01", "2024-11-01"]));
    let actors = v["actors"].as_array().unwrap();
    assert!(actors.contains(&serde_json::json!(["UKR", "WST"])), "{actors:?}");
    assert!(actors.contains(&serde_json::json!(["USA"])), "{actors:?}");
    assert_eq!(v["story_record"], serde_json::json!([false, true]));
}
