//! Charset detection and mojibake repair on arbitrary bytes: an optional
//! first line `charset=LABEL` is the container's declared charset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (declared, body) = match data.strip_prefix(b"charset=") {
        Some(rest) => match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (std::str::from_utf8(&rest[..i]).ok(), &rest[i + 1..]),
            None => (None, data),
        },
        None => (None, data),
    };
    let sniffed = sitrep_html::sniff_charset(body);
    let decoded = sitrep_repair::decode(body, declared.or(sniffed.as_deref()));
    let repaired = sitrep_repair::repair(&decoded.text);
    // Repairing repaired text must not panic either.
    let _ = sitrep_repair::repair(&repaired.text);
});
