//! Article, metadata and comment extraction on arbitrary (lossily decoded)
//! markup.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = sitrep_html::extract(&html, Some("https://example.org/news/2024/story.html"));
    let _ = sitrep_html::extract(&html, None);
});
