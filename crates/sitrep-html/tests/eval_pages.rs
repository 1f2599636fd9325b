//! Every real page of the HTML evaluation set (`shared/eval/html`, read at
//! run time, never copied) yields an article and a title, and nearly every
//! one a date or canonical URL (a few pages carry neither).
//! The quality figure itself (shingle F1 against the gold text) is measured
//! by `shared/eval/scorers/score_html.py`, not here.

use std::io::Read;

#[test]
fn every_eval_page_yields_an_article_and_title() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/eval/html/pages");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("{dir}: not present, skipping");
        return;
    };
    let mut pages = 0;
    let mut failures = Vec::new();
    let mut dated = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let mut bytes = Vec::new();
        let file = std::fs::File::open(&path).expect("open eval page");
        flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).expect("gunzip eval page");
        let html = String::from_utf8_lossy(&bytes);
        let ex = sitrep_html::extract(&html, None);
        pages += 1;
        let words: usize = ex.article.iter().map(|b| b.text.split_whitespace().count()).sum();
        if ex.date.is_some() || ex.canonical_url.is_some() {
            dated += 1;
        }
        if words < 30 || ex.title.is_none() {
            failures.push(format!("{}: {words} words, title {:?}", path.display(), ex.title));
        }
    }
    assert!(pages > 0, "{dir}: no pages");
    assert!(failures.is_empty(), "{} of {pages} pages:\n{}", failures.len(), failures.join("\n"));
    assert!(dated * 10 >= pages * 9, "only {dated} of {pages} pages have a date or URL");
}
