//! Runs the extractor on one saved page and prints what a document's
//! analysis would hold, in the shape `sitrep analyze --json` uses
//! (`{"doc": {...}, "segments": [{"kind", "text", "author"}, ...]}`), so the
//! HTML scorer can measure this crate before the whole pipeline is wired.
//!
//! `cargo run --release -p sitrep-html --example extract -- [analyze --json] PAGE.html`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().skip(1).rfind(|a| !a.starts_with("--") && a != "analyze") else {
        eprintln!("usage: extract [analyze --json] PAGE.html");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::FAILURE;
        }
    };
    let html = decode(&bytes);
    let ex = sitrep_html::extract(&html, None);
    let mut segments = Vec::new();
    if let Some(t) = &ex.title {
        segments.push(serde_json::json!({"kind": "title", "text": t}));
    }
    for b in &ex.article {
        segments.push(serde_json::json!({"kind": "article", "text": b.text, "block": format!("{:?}", b.kind)}));
    }
    for c in &ex.comments {
        segments.push(serde_json::json!({"kind": "comment", "text": c.text, "author": c.author, "date": c.date}));
    }
    let out = serde_json::json!({
        "doc": {
            "title": ex.title, "author": ex.author, "date": ex.date,
            "url": ex.canonical_url, "language": ex.language, "site_name": ex.site_name,
        },
        "segments": segments,
    });
    // A closed pipe (`| head`) is not an error worth a panic.
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{out}");
    ExitCode::SUCCESS
}

/// BOM, then the page's declared charset, then UTF-8 (lossy).
fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let declared = sitrep_html::sniff_charset(bytes).and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    match declared {
        Some(enc) if enc != encoding_rs::UTF_8 => enc.decode_without_bom_handling(bytes).0.into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}
