//! The warc reader on arbitrary bytes (gzip is undone first when the bytes
//! start with its magic): every item is a document or a one-line error
//! naming the input, and the stream ends.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sitrep_read::{read_stream, InputFormat, ReadOptions};

fuzz_target!(|data: &[u8]| {
    // A small limit so that the over-the-limit paths are reached too.
    let options = ReadOptions { format: Some(InputFormat::Warc), max_doc_bytes: 1 << 16 };
    for item in read_stream("fuzz.warc", Box::new(std::io::Cursor::new(data.to_vec())), options) {
        if let Err(e) = item {
            let line = e.to_string();
            assert!(line.starts_with("fuzz.warc: "), "{line}");
            assert!(!line.contains('\n'), "{line}");
        }
    }
});
