//! Prints what `sitrep-read` makes of its inputs, one line per document or
//! error: a tool for checking the reader on real files.
//!
//! `cargo run -p sitrep-read --example read_dump -- [--format F] PATH...`

use sitrep_read::{read_inputs, ReadOptions};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut options = ReadOptions::default();
    if args.first().map(String::as_str) == Some("--format") && args.len() > 1 {
        options.format = args[1].parse().ok();
        args.drain(..2);
    }
    let (mut docs, mut errors) = (0, 0);
    for item in read_inputs(args, options) {
        match item {
            Ok(d) => {
                docs += 1;
                println!(
                    "DOC {} [{}] {:?} {:?} url={:?} date={:?} title={:?} charset={:?} {} bytes",
                    d.origin.path,
                    d.origin.format,
                    d.origin.record.as_deref().unwrap_or(""),
                    d.kind,
                    d.url,
                    d.date,
                    d.title,
                    d.charset,
                    d.body.len()
                );
            }
            Err(e) => {
                errors += 1;
                println!("ERR {e}");
            }
        }
    }
    println!("{docs} documents, {errors} errors");
}
