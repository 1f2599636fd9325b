//! The reader on real, third-party files kept in ../shared/fixtures (read at
//! run time, never copied here): every WARC/ARC file, including the broken
//! ones, and every feed, checked against the feed parses the fixtures
//! ship with.

use sitrep_read::{read_inputs, BodyKind, RawDoc, ReadError, ReadOptions};
use std::path::{Path, PathBuf};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn fixture(rel: &str) -> PathBuf {
    Path::new(SHARED).join("fixtures").join(rel)
}

fn read(rel: &str) -> (Vec<RawDoc>, Vec<ReadError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for item in read_inputs(vec![fixture(rel).to_string_lossy().into_owned()], ReadOptions::default()) {
        match item {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    (docs, errors)
}

fn urls(docs: &[RawDoc]) -> Vec<&str> {
    docs.iter().map(|d| d.url.as_deref().unwrap_or("")).collect()
}

/// Every response in the Common Crawl extract, in order.
const WARCFILE_URIS: [&str; 16] = [
    "http://003338.cn/l41/481397.html",
    "http://01spb.ru/company/",
    "http://035.psb556.com/24/i/u_1090813/article.html",
    "http://037426.cn/",
    "http://041696.com/15477/list_6_4.html",
    "http://044545.com/topic/20200207/015849.html",
    "http://0513mt.com/index.php/art/detail/id/8884.html",
    "http://05925.net/index.php/vod/type/id/53.html",
    "http://06.live-radsport.ch/fahrerstatistik_801/Anthony_Ravard.html",
    "http://06.live-radsport.ch/tippspiel/stats_140_petzi.html",
    "http://0615235.com/02mjqjo%7Bibotij2.btq?odmbtt=106&tdmbtt=121",
    "http://0755krk.com/76104/list_4_1.html",
    "http://0760.jxtdw.com/area/sanxiang/",
    "http://077678u.info/erxiaoshujinguang/list_6_2.html",
    "http://0900-hovenier.nl/gelderland/oosterbeek/",
    "http://096355.com/video/11073.html?11073-0-2",
];

#[test]
fn common_crawl_extract_plain_and_gzipped() {
    let (plain, e1) = read("warc/resiliparse/warcfile.warc");
    let (gz, e2) = read("warc/resiliparse/warcfile.warc.gz");
    assert!(e1.is_empty() && e2.is_empty(), "{e1:?} {e2:?}");
    assert_eq!(urls(&plain), WARCFILE_URIS);
    assert_eq!(urls(&gz), WARCFILE_URIS);
    for (a, b) in plain.iter().zip(&gz) {
        assert_eq!(a.body, b.body, "{:?}", a.url);
        assert_eq!(a.kind, BodyKind::Html);
        assert!(a.date.as_deref().is_some_and(|d| d.starts_with("2020-08-08T")), "{:?}", a.date);
        assert_eq!(a.origin.format, "warc");
    }
    // Charsets come from the HTTP Content-Type.
    assert_eq!(plain[1].charset.as_deref(), Some("windows-1251"));
    assert_eq!(plain[3].charset.as_deref(), Some("gb2312"));
    assert_eq!(plain[0].charset, None);
    // Records are named by number and offset (gzip: the member's offset).
    assert_eq!(plain[0].origin.record.as_deref(), Some("record 3 (offset 1428)"));
    assert_eq!(gz[0].origin.record.as_deref(), Some("record 3 (gzip member at offset 940)"));
    assert_eq!(plain[1].body.len(), 104567);
}

#[test]
fn clueweb_quirks() {
    let (docs, errors) = read("warc/resiliparse/clueweb-quirk.warc.gz");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 29);
    for d in &docs {
        assert!(d.url.as_deref().unwrap().starts_with("http://www.uraharajuku.st/shopdetail/"));
        assert_eq!(d.charset.as_deref(), Some("EUC-JP"));
        // `Content-Encoding: gzip` is declared but the payload was stored
        // decoded: it is kept as it is.
        assert!(d.body.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html")));
    }
}

#[test]
fn records_that_are_not_pages_give_nothing_and_no_error() {
    for f in [
        "warc/resiliparse/block-sized-records.warc",
        "warc/resiliparse/block-sized-records.warc.gz",
        "warc/warcio/example-digest.warc",
        "warc/warcio/example-space-in-target-uri.warc.gz",
        "warc/warcio/post-test.warc.gz",
    ] {
        let (docs, errors) = read(f);
        assert!(docs.is_empty() && errors.is_empty(), "{f}: {docs:?} {errors:?}");
    }
}

#[test]
fn lz4_is_refused_clearly() {
    for f in ["warc/resiliparse/block-sized-records.warc.lz4", "warc/resiliparse/warcfile.warc.lz4"] {
        let (docs, errors) = read(f);
        assert!(docs.is_empty());
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().contains("LZ4-compressed data"), "{}", errors[0]);
    }
}

#[test]
fn truncated_gzip_warc_is_an_error_for_its_record() {
    let (docs, errors) = read("warc/resiliparse/clipped.warc.gz");
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    let e = errors[0].to_string();
    assert!(e.ends_with("clipped.warc.gz: record 1 (gzip member at offset 0): gzip data ends early (truncated file) near file offset 18184"), "{e}");
}

#[test]
fn warcio_examples() {
    for f in ["warc/warcio/example.warc", "warc/warcio/example.warc.gz"] {
        let (docs, errors) = read(f);
        assert!(errors.is_empty(), "{errors:?}");
        // warcinfo ×2, response, request, revisit, request: one page.
        assert_eq!(urls(&docs), ["http://example.com/"]);
        assert_eq!(docs[0].date.as_deref(), Some("2017-03-06T04:02:06Z"));
        // The payload was `Content-Encoding: gzip`; it is decoded.
        assert_eq!(docs[0].body.len(), 1270);
        assert!(docs[0].body.starts_with(b"<!doctype html>"));
    }
    let (docs, errors) = read("warc/warcio/example-resource.warc.gz");
    assert!(errors.is_empty());
    assert_eq!(urls(&docs), ["http://example.com/"]);
    assert_eq!((docs[0].kind, docs[0].charset.as_deref(), docs[0].body.len()), (BodyKind::Html, Some("utf-8"), 1303));

    let (docs, errors) = read("warc/warcio/example-iana.org-chunked.warc");
    assert!(errors.is_empty());
    assert_eq!(urls(&docs), ["http://www.iana.org/"]);
    assert_eq!(docs[0].body.len(), 7223, "dechunked");
    assert!(docs[0].body.starts_with(b"<!doctype html>") && docs[0].body.ends_with(b"</html>\n"));

    // wget wraps the URI in <>; its log and arguments (metadata:// resources) are not pages.
    let (docs, errors) = read("warc/warcio/example-wget-bad-target-uri.warc.gz");
    assert!(errors.is_empty());
    assert_eq!(urls(&docs), ["http://example.com/"]);
}

#[test]
fn whole_file_gzip_and_misaligned_members_are_read() {
    // One gzip member for the whole file (warcio refuses these).
    let (docs, errors) = read("warc/warcio/example-bad-non-chunked.warc.gz");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(urls(&docs), ["http://example.com/"]);
    // A `.bad` extension: the content says WARC. Its 302 response is skipped.
    let (docs, errors) = read("warc/warcio/example-bad.warc.gz.bad");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(urls(&docs), ["http://example.com?example=1"]);
    // Gzip members that do not start at record boundaries, and a
    // Content-Length one line end short.
    let (docs, errors) = read("warc/warcio/example-wrong-chunks.warc.gz");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(urls(&docs), ["http://example.com/"]);
    assert!(docs[0].body.trim_ascii_end().ends_with(b"</html>"));
}

#[test]
fn a_record_whose_length_lies_is_reported() {
    // The response's Content-Length is two bytes short of its block.
    let (docs, errors) = read("warc/warcio/example-trunc.warc");
    assert!(docs.is_empty());
    assert_eq!(errors.len(), 1);
    let e = errors[0].to_string();
    assert!(
        e.contains("example-trunc.warc: record 3 (offset 1197): record does not end where Content-Length 973 says"),
        "{e}"
    );
}

#[test]
fn arc_files() {
    for f in ["warc/warcio/example.arc", "warc/warcio/example.arc.gz"] {
        let (docs, errors) = read(f);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(urls(&docs), ["http://example.com/"]);
        assert_eq!(docs[0].origin.format, "arc");
        assert_eq!(docs[0].date.as_deref(), Some("2014-02-16T05:02:21Z"));
        assert_eq!(docs[0].body.len(), 1270);
    }
    // A URL with spaces; the archive length counts CRLFs the file lost, but
    // the HTTP message is whole.
    let (docs, errors) = read("warc/warcio/example-space-in-url.arc");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        urls(&docs),
        ["http://example.com/index.cfm?FuseAction=Email&EmailTitle=Examples%20From%20The%20Live%20Web&IsPopUp=False"]
    );
    let (docs, errors) = read("warc/warcio/bad.arc");
    assert!(docs.is_empty());
    let got: Vec<String> =
        errors.iter().map(|e| format!("{}: {}", e.record.as_deref().unwrap_or(""), e.reason)).collect();
    assert_eq!(
        got,
        [
            "record 1 (offset 0): bad ARC Archive-length \"-1\"",
            "record 2 (offset 134): bad ARC Archive-length \"-1\"",
            "record 3 (offset 202): no HTTP status line (starts with \"\\n\")",
            "record 4 (offset 262): bad ARC Archive-length \"abc\"",
        ]
    );
}

#[test]
fn every_warc_fixture_is_covered() {
    // Guards the tests above: a new fixture must get expectations.
    let covered = [
        "LICENSE",
        "block-sized-records.warc",
        "block-sized-records.warc.gz",
        "block-sized-records.warc.lz4",
        "clipped.warc.gz",
        "clueweb-quirk.warc.gz",
        "warcfile.warc",
        "warcfile.warc.gz",
        "warcfile.warc.lz4",
        "bad.arc",
        "example-bad-non-chunked.warc.gz",
        "example-bad.warc.gz.bad",
        "example-digest.warc",
        "example-iana.org-chunked.warc",
        "example-resource.warc.gz",
        "example-space-in-target-uri.warc.gz",
        "example-space-in-url.arc",
        "example-trunc.warc",
        "example-wget-bad-target-uri.warc.gz",
        "example-wrong-chunks.warc.gz",
        "example.arc",
        "example.arc.gz",
        "example.warc",
        "example.warc.gz",
        "post-test.warc.gz",
    ];
    for dir in ["warc/resiliparse", "warc/warcio"] {
        for entry in std::fs::read_dir(fixture(dir)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(covered.contains(&name.as_str()), "no expectations for {dir}/{name}");
        }
    }
    // The whole tree in one run: 16 + 16 + 29 + 11 pages from warcio, the
    // three text files (SOURCE.txt, two LICENSEs), and the errors.
    let (docs, errors) = read("warc");
    let pages = docs.iter().filter(|d| d.origin.format != "text").count();
    assert_eq!(pages, 16 + 16 + 29 + 11);
    assert_eq!(docs.len() - pages, 3);
    assert_eq!(errors.len(), 2 + 1 + 4 + 1, "{errors:#?}");
}

// ---- feeds ----------------------------------------------------------------

fn expected_url(entry: &serde_json::Value) -> Option<String> {
    let links = entry["links"].as_array()?;
    links
        .iter()
        .find(|l| l["rel"].is_null() || l["rel"] == "alternate")
        .or(links.first())
        .and_then(|l| l["href"].as_str())
        .map(str::to_string)
}

/// The visible text of HTML (tags dropped, white space collapsed), so that
/// an XHTML item keeps matching whether or not its wrapping `<div>` is kept.
fn visible(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn nonblank(v: &serde_json::Value) -> Option<String> {
    v.as_str().filter(|s| !s.trim().is_empty()).map(str::to_string)
}

/// What the item's text should be: full content, else summary, else a
/// media description, else the title.
fn expected_body(entry: &serde_json::Value) -> Option<(String, bool)> {
    let html = |ct: &serde_json::Value| ct.as_str().is_some_and(|c| c.contains("html"));
    if let Some(b) = nonblank(&entry["content"]["body"]) {
        return Some((b, html(&entry["content"]["content_type"])));
    }
    if let Some(s) = nonblank(&entry["summary"]["content"]) {
        return Some((s, html(&entry["summary"]["content_type"])));
    }
    for m in entry["media"].as_array().into_iter().flatten() {
        if let Some(d) = nonblank(&m["description"]["content"]) {
            return Some((d, html(&m["description"]["content_type"])));
        }
    }
    nonblank(&entry["title"]["content"]).map(|t| (t, false))
}

#[test]
fn feeds_match_their_expected_parses() {
    let mut checked = 0;
    let mut items = 0;
    for dir in ["atom", "jsonfeed", "rss0", "rss1", "rss2"] {
        let base = fixture("feeds/feed-rs").join(dir);
        let mut names: Vec<String> =
            std::fs::read_dir(&base).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        for name in names.iter().filter(|n| !n.ends_with(".serde.json")) {
            let stem = name.rsplit_once('.').unwrap().0;
            let expected_path = base.join(format!("{stem}.serde.json"));
            let (docs, errors) = read(&format!("feeds/feed-rs/{dir}/{name}"));
            let Ok(expected) = std::fs::read_to_string(&expected_path) else {
                // No expected parse: the fixture is invalid on purpose.
                assert!(docs.is_empty() && errors.len() == 1, "{name}: {errors:?}");
                assert!(errors[0].reason.starts_with("not a readable feed"), "{}", errors[0]);
                continue;
            };
            let expected: serde_json::Value = serde_json::from_str(&expected).unwrap();
            let entries = expected["entries"].as_array().unwrap();
            assert!(errors.is_empty(), "{name}: {errors:?}");
            assert_eq!(docs.len(), entries.len(), "{name}: item count");
            for (i, (d, e)) in docs.iter().zip(entries).enumerate() {
                let what = format!("{name} item {}", i + 1);
                assert_eq!(d.title, nonblank(&e["title"]["content"]), "{what}: title");
                assert_eq!(d.url, expected_url(e), "{what}: link");
                let date = nonblank(&e["published"]).or(nonblank(&e["updated"]));
                assert_eq!(d.date, date, "{what}: date");
                let (body, html) = expected_body(e).unwrap();
                let got = String::from_utf8_lossy(&d.body);
                if html {
                    assert_eq!(visible(&got), visible(&body), "{what}: text");
                } else {
                    assert_eq!(got, body, "{what}: text");
                }
                assert_eq!(d.kind == BodyKind::Html, html, "{what}: kind");
                assert_eq!(d.origin.record.as_deref(), Some(format!("item {}", i + 1).as_str()));
                items += 1;
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 64, "feeds with an expected parse");
    assert!(items >= 90, "{items}");
}

#[test]
fn non_feed_xml_is_one_clear_error() {
    for name in ["xml_iso8859.xml", "xml_sample_1.xml", "xml_sample_2.xml"] {
        let (docs, errors) = read(&format!("feeds/feed-rs/xml/{name}"));
        assert!(docs.is_empty());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].reason, "not a feed: no RSS, Atom, RDF or JSON Feed root");
    }
}

#[test]
fn trafilatura_feeds() {
    let (docs, errors) = read("feeds/trafilatura/feed.json");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(docs.len(), 25);
    assert!(docs.iter().all(|d| d.url.as_deref().is_some_and(|u| u.starts_with("https://www.npr.org/"))));
    assert!(docs.iter().all(|d| d.kind == BodyKind::Html && d.date.is_some() && d.title.is_some()));
    let (docs, errors) = read("feeds/trafilatura/feed1.atom");
    assert!(errors.is_empty());
    assert_eq!(docs.len(), 2);
    let (docs, errors) = read("feeds/trafilatura/feed2.rss");
    assert!(errors.is_empty());
    assert_eq!(urls(&docs), ["http://www.example.com/blog/post/1"]);
}
