//! The CSV reader on arbitrary bytes (gzip is undone first when the bytes
//! start with its magic): every item is a document or a one-line error
//! naming the input, and the stream ends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_read::{read_stream, InputFormat, ReadOptions};

fuzz_target!(|data: &[u8]| {
    // A small limit so that the over-the-limit paths are reached too.
    let options = ReadOptions { format: Some(InputFormat::Csv), max_doc_bytes: 1 << 12 };
    for item in read_stream("fuzz.csv", Box::new(std::io::Cursor::new(data.to_vec())), options) {
        match item {
            Ok(doc) => assert!(doc.body.len() <= 1 << 12, "a row over the limit was kept"),
            Err(e) => {
                let line = e.to_string();
                assert!(line.starts_with("fuzz.csv: "), "{line}");
                assert!(!line.contains('\n'), "{line}");
            }
        }
    }
});
