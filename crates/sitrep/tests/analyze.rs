//! End-to-end tests of `sitrep analyze`: the real binary on whole pages.
//!
//! Pages: the project's own example (`examples/scraped-thread.txt`), the
//! fixtures beside this file, and the seed page read at run time from
//! `../shared/seed` (never copied into the repository). What a test expects
//! of the seed page is read from the page itself: its layout is dotted
//! separator lines, the article, the page's own URL, then one comment per
//! line, so the expected parts are the lines between those separators.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/nk-russia-support.rt.txt");
const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/scraped-thread.txt");

fn fixture(name: &str) -> String {
    let p: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "fixtures", name].iter().collect();
    p.to_string_lossy().into_owned()
}

/// Runs the binary; returns (exit code, stdout, stderr).
fn sitrep(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep")).args(args).output().expect("run sitrep");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `sitrep analyze --json PATH...`: one object per document.
fn analyze(paths: &[&str]) -> Vec<Value> {
    let mut args = vec!["analyze", "--json"];
    args.extend_from_slice(paths);
    let (code, stdout, stderr) = sitrep(&args);
    assert_eq!(code, 0, "sitrep analyze failed: {stderr}");
    stdout.lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect()
}

fn segments<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
    doc["segments"].as_array().expect("segments").iter().filter(|s| s["kind"] == kind).collect()
}

fn seg_text(s: &Value) -> &str {
    s["text"].as_str().expect("segment text")
}

/// Letters, digits and single spaces only: compares a page line with its
/// segment whether or not the mojibake in it has been repaired yet.
fn plain(s: &str) -> String {
    let kept: String = s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page in the seed's layout: the article lines, the URL line and the
/// comment lines, read from the page.
struct ThreadPage {
    article: Vec<String>,
    url: String,
    comments: Vec<String>,
}

fn read_thread_page(path: &str) -> ThreadPage {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let text = String::from_utf8_lossy(&bytes);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let is_sep = |l: &str| l.len() >= 3 && l.chars().all(|c| c == '.');
    let seps: Vec<usize> = (0..lines.len()).filter(|&i| is_sep(lines[i])).collect();
    assert!(seps.len() >= 3, "{path}: expected the separator layout");
    let nonblank = |a: usize, b: usize| lines[a..b].iter().filter(|l| !l.is_empty()).map(|l| l.to_string()).collect();
    let url_lines: Vec<String> = nonblank(seps[1] + 1, seps[2]);
    assert_eq!(url_lines.len(), 1, "{path}: one URL line between the separators");
    ThreadPage {
        article: nonblank(seps[0] + 1, seps[1]),
        url: url_lines[0].clone(),
        comments: nonblank(seps[2] + 1, lines.len()),
    }
}

/// What every thread page in the seed's layout must give.
fn check_thread_page(path: &str, expected_comments: usize) -> Value {
    let page = read_thread_page(path);
    assert_eq!(page.comments.len(), expected_comments, "{path}: the page itself");
    let docs = analyze(&[path]);
    assert_eq!(docs.len(), 1);
    let doc = docs[0].clone();

    let article = segments(&doc, "article");
    assert_eq!(article.len(), 1, "one article");
    assert_eq!(plain(seg_text(article[0])), plain(&page.article.join(" ")));

    let links = segments(&doc, "link");
    assert_eq!(links.len(), 1, "one link line");
    assert_eq!(seg_text(links[0]), page.url);
    assert_eq!(doc["doc"]["url"], page.url.as_str(), "the page's own URL line is the document's URL");

    let comments = segments(&doc, "comment");
    let got: Vec<String> = comments.iter().map(|s| plain(seg_text(s))).collect();
    let want: Vec<String> = page.comments.iter().map(|l| plain(l)).collect();
    assert_eq!(got, want, "one comment per line, in order");
    assert!(segments(&doc, "title").is_empty(), "the page has no headline line");

    // Every link sits in its segment; the source is the link line, the
    // URLs in comments are citations.
    let segs = doc["segments"].as_array().expect("segments");
    for l in doc["links"].as_array().expect("links") {
        let seg = &segs[l["segment"].as_u64().expect("segment index") as usize];
        assert!(seg["start"].as_u64() <= l["start"].as_u64() && l["end"].as_u64() <= seg["end"].as_u64());
        let role = if seg["kind"] == "comment" { "citation" } else { "source" };
        assert_eq!(l["role"], role, "{l}");
    }
    doc
}

fn citations(doc: &Value) -> Vec<String> {
    doc["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter(|l| l["role"] == "citation")
        .map(|l| l["url"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn seed_page_parts_links_and_url() {
    let doc = check_thread_page(SEED, 5);
    let cited = citations(&doc);
    assert_eq!(cited.len(), 1);
    assert!(cited[0].contains("tampafp.com"), "{cited:?}");
    // The citation is in the first comment.
    let first_comment = segments(&doc, "comment")[0];
    let link = &doc["links"].as_array().expect("links")[1];
    assert!(first_comment["start"].as_u64() <= link["start"].as_u64());
    assert!(link["end"].as_u64() <= first_comment["end"].as_u64());
    assert!(doc["sentences"].as_array().is_some_and(|s| s.len() >= 10));
}

#[test]
fn example_page_parts_links_and_url() {
    let doc = check_thread_page(EXAMPLE, 4);
    let cited = citations(&doc);
    assert_eq!(cited.len(), 1);
    // The comment's URL is a citation, never the document's source.
    assert_ne!(doc["doc"]["url"], cited[0].as_str());
}

#[test]
fn seed_page_outlet_is_rt() {
    let doc = &analyze(&[SEED])[0];
    let o = &doc["doc"]["outlet"];
    assert_eq!(o["domain"], "rt.com");
    assert_eq!(o["country"], "RUS");
    assert_eq!(o["ownership"], "state");
    assert!(o["name"].as_str().is_some_and(|n| n.contains("RT")), "{o}");
}

#[test]
fn example_page_outlet_is_turkish() {
    let doc = &analyze(&[EXAMPLE])[0];
    assert_eq!(doc["doc"]["outlet"]["country"], "TUR");
}

/// Repaired text: no `â` left from UTF-8 read as Latin-1, every repair
/// recorded where its result stands in the text.
fn check_repaired(doc: &Value) {
    let text = doc["doc"]["text"].as_str().expect("text");
    assert!(!text.contains('â'), "mojibake left: {text}");
    let repairs = doc["repairs"].as_array().expect("repairs");
    assert!(!repairs.is_empty());
    for r in repairs {
        let at = r["offset"].as_u64().expect("offset") as usize;
        let after = r["after"].as_str().expect("after");
        assert_eq!(text.get(at..at + after.len()), Some(after), "{r}");
    }
    for s in doc["segments"].as_array().expect("segments") {
        let (a, b) = (s["start"].as_u64().unwrap_or(0) as usize, s["end"].as_u64().unwrap_or(0) as usize);
        assert_eq!(text.get(a..b), s["text"].as_str());
    }
}

#[test]
fn seed_page_mojibake_is_repaired() {
    let doc = &analyze(&[SEED])[0];
    check_repaired(doc);
    let text = doc["doc"]["text"].as_str().expect("text");
    assert!(text.contains("Pyongyang’s") || text.contains("Pyongyang's"));
}

#[test]
fn example_page_mojibake_is_repaired() {
    let doc = &analyze(&[EXAMPLE])[0];
    check_repaired(doc);
    // The lossy apostrophes in the last comment are back.
    let last = segments(doc, "comment").last().map(|s| seg_text(s)).unwrap_or("");
    assert!(last.contains("n’t") || last.contains("n't"), "{last}");
}

#[test]
fn forum_thread_with_headers_markers_and_chrome() {
    let doc = &analyze(&[&fixture("forum-thread.txt")])[0];
    let titles = segments(doc, "title");
    assert_eq!(titles.len(), 1);
    assert_eq!(seg_text(titles[0]), "Ceasefire talks stall in Geneva");
    assert_eq!(doc["doc"]["title"], "Ceasefire talks stall in Geneva");
    assert_eq!(doc["doc"]["author"], "Marta Keller");
    assert_eq!(segments(doc, "article").len(), 1);
    let comments: Vec<(&str, &str)> =
        segments(doc, "comment").iter().map(|s| (seg_text(s), s["author"].as_str().unwrap_or(""))).collect();
    assert_eq!(
        comments,
        vec![
            ("This was always going to fail. See https://blog.example.org/why-talks-fail for the history.", "ann_k"),
            ("Nobody in either capital wanted a deal.\nNot this year anyway.", "bob1979"),
            ("They will be back at the table next month.", "Cara Diaz"),
            ("Geneva again, same result.", "dmitri_v"),
        ]
    );
    // A "Read more" link is not the page's source, nor is a comment's link.
    assert_eq!(doc["doc"]["url"], Value::Null);
    assert_eq!(citations(doc), vec!["https://blog.example.org/why-talks-fail".to_string()]);
    // Abbreviations and quotes: the article is three sentences.
    let article_idx = doc["segments"].as_array().expect("segments").iter().position(|s| s["kind"] == "article");
    let sentences: Vec<&str> = doc["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .filter(|s| s["segment"].as_u64().map(|x| x as usize) == article_idx)
        .map(|s| s["text"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(sentences.len(), 3, "{sentences:#?}");
    assert!(sentences[1].ends_with("\"within weeks.\""));
}

#[test]
fn wire_story_is_title_and_article_only() {
    let doc = &analyze(&[&fixture("wire-story.txt")])[0];
    let kinds: Vec<&str> =
        doc["segments"].as_array().expect("segments").iter().map(|s| s["kind"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds, vec!["title", "article"]);
    let sentences: Vec<&str> =
        doc["sentences"].as_array().expect("sentences").iter().map(|s| s["text"].as_str().unwrap_or("")).collect();
    // Title, then: "BRUSSELS … said." / "The package … U.K." / "It takes … Jan. 15." /
    // "\"We will not stand by." / "Iran must stop,\" the chief said." / "Tehran …" / "Iran's …"
    assert_eq!(sentences.len(), 8, "{sentences:#?}");
    assert!(sentences[2].contains("Gen. Hossein Salami") && sentences[2].ends_with("the U.K."));
    assert!(sentences[3].ends_with("Jan. 15."));
    assert!(sentences[7].ends_with("\"illegal and unjustified.\""));
}

#[test]
fn several_inputs_give_one_json_line_each() {
    let docs = analyze(&[EXAMPLE, &fixture("wire-story.txt"), &fixture("forum-thread.txt")]);
    assert_eq!(docs.len(), 3);
    let ids: std::collections::HashSet<&str> = docs.iter().map(|d| d["doc"]["id"].as_str().unwrap_or("")).collect();
    assert_eq!(ids.len(), 3);
    for d in &docs {
        assert_eq!(d["doc"]["id"].as_str().map(str::len), Some(32));
    }
}

#[test]
fn readable_summary_names_the_parts() {
    let (code, out, err) = sitrep(&["analyze", EXAMPLE]);
    assert_eq!(code, 0, "{err}");
    let page = read_thread_page(EXAMPLE);
    assert!(out.contains(&page.url));
    assert!(out.contains("1 article, 1 link, 4 comments"), "{out}");
    assert!(out.contains("comment 4"));
    assert!(out.contains("citation"));
    assert!(out.contains("source"));
}
