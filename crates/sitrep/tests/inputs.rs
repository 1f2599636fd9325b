//! End-to-end tests of the input side of the binary: every input kind,
//! stdin, `--input-format`, `--max-doc-mb`, bad input on stderr and the
//! exit status (non-zero only when nothing could be read). Third-party
//! fixtures are read at run time from ../shared/fixtures; the rest is
//! written by the tests.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures");

/// Runs `sitrep analyze --json ARGS` with `stdin` on standard input;
/// returns (exit code, documents, stderr lines).
fn analyze(args: &[&str], stdin: Option<Stdio>) -> (i32, Vec<Value>, Vec<String>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    cmd.arg("analyze").arg("--json").args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(stdin.unwrap_or(Stdio::null()));
    let out = cmd.output().expect("run sitrep");
    let docs = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let errors = String::from_utf8_lossy(&out.stderr).lines().map(str::to_string).collect();
    (out.status.code().unwrap_or(-1), docs, errors)
}

fn analyze_stdin(args: &[&str], input: &[u8]) -> (i32, Vec<Value>, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("analyze")
        .arg("--json")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sitrep");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    let docs = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let errors = String::from_utf8_lossy(&out.stderr).lines().map(str::to_string).collect();
    (out.status.code().unwrap_or(-1), docs, errors)
}

struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let d = std::env::temp_dir().join(format!("sitrep-inputs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_string_lossy().into_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn jsonl_on_stdin_with_a_bad_line() {
    let input = b"{\"id\": \"a1\", \"text\": \"Talks resumed in Doha on Monday.\", \"url\": \"https://example.org/a\", \"date\": \"2024-05-01\", \"title\": \"Talks\"}\n{\"text\": \"cut\n{\"id\": \"a3\", \"html\": \"<html><body><article><p>Second story about the talks in Doha, which went on for a long time.</p></article></body></html>\"}\n";
    let (code, docs, errors) = analyze_stdin(&["-"], input);
    assert_eq!(code, 0);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["doc"]["url"], "https://example.org/a");
    assert_eq!(docs[0]["doc"]["date"], "2024-05-01");
    assert_eq!(docs[0]["doc"]["title"], "Talks");
    assert_eq!(docs[0]["doc"]["input"]["record"], "line 1");
    assert_eq!(docs[1]["doc"]["input"]["record"], "line 3");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("sitrep: -: line 2: invalid JSON"), "{}", errors[0]);
}

#[test]
fn csv_rows_on_stdin_and_from_a_file() {
    // Recognised on stdin by its header; each row is a document.
    let input = b"label,title,description\n\
2,Talks resume,\"Envoys met in Doha on Monday, officials said.\"\n\
3,Markets rally,\"Shares rose, \"\"strongly\"\", in Tokyo.\"\n";
    let (code, docs, errors) = analyze_stdin(&["-"], input);
    assert_eq!(code, 0, "{errors:?}");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["doc"]["input"]["format"], "csv");
    assert_eq!(docs[0]["doc"]["title"], "Talks resume");
    assert_eq!(docs[1]["doc"]["input"]["record"], "line 3");
    assert!(docs[1]["doc"]["text"].as_str().unwrap().contains("Shares rose, \"strongly\", in Tokyo."));
    // A .csv file whose header names no text column is one clear error.
    let s = Scratch::new("csv");
    let (code, docs, errors) = analyze(&[&s.file("numbers.csv", b"a,b\n1,2\n")], None);
    assert_eq!((code, docs.len(), errors.len()), (1, 0, 1), "{errors:?}");
    assert!(errors[0].contains("numbers.csv: line 1: CSV header names no text column"), "{}", errors[0]);
}

#[test]
fn gzipped_warc_on_stdin() {
    let f = std::fs::File::open(format!("{FIXTURES}/warc/warcio/example.warc.gz")).unwrap();
    let (code, docs, errors) = analyze(&["-"], Some(Stdio::from(f)));
    assert_eq!(code, 0, "{errors:?}");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["doc"]["url"], "http://example.com/");
    assert_eq!(docs[0]["doc"]["date"], "2017-03-06T04:02:06Z");
    assert_eq!(docs[0]["doc"]["input"]["format"], "warc");
    assert!(docs[0]["doc"]["text"].as_str().unwrap().contains("Example Domain"));
}

#[test]
fn feed_items_and_broken_warc_records() {
    let feed = format!("{FIXTURES}/feeds/feed-rs/rss2/rss_2.0_nbcny.xml");
    let trunc = format!("{FIXTURES}/warc/warcio/example-trunc.warc");
    let (code, docs, errors) = analyze(&[&feed, &trunc], None);
    assert_eq!(code, 0);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["doc"]["input"]["record"], "item 1");
    assert!(docs[0]["doc"]["url"].as_str().unwrap().starts_with("https://www.nbcnewyork.com/news/local/"));
    assert!(docs[0]["doc"]["text"].as_str().unwrap().contains("Manhattan sidewalk"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0].ends_with("example-trunc.warc: record 3 (offset 1197): record does not end where Content-Length 973 says (followed by \"\\0\\0\\r\\n\\r\\nWARC/1.0\\r\\nWARC-Typ\")"), "{}", errors[0]);
}

#[test]
fn input_format_and_max_doc_mb_flags() {
    let s = Scratch::new("flags");
    let page = s.file("page.txt", b"<p>Officials met in Geneva.</p>\n");
    let (_, docs, _) = analyze(&[&page], None);
    assert_eq!(docs[0]["doc"]["input"]["format"], "text");
    let (_, docs, _) = analyze(&["--input-format", "html", &page], None);
    assert_eq!(docs[0]["doc"]["input"]["format"], "html");
    assert_eq!(docs[0]["doc"]["text"], "Officials met in Geneva.");

    let big = s.file("big.txt", &b"word ".repeat(300_000));
    let (code, docs, errors) = analyze(&["--max-doc-mb", "1", &big, &page], None);
    assert_eq!((code, docs.len()), (0, 1));
    assert!(errors[0].ends_with("big.txt: document of 1500000 bytes is over the limit of 1048576 bytes"), "{errors:?}");

    let (code, _, errors) = analyze(&["--input-format", "pdf", &page], None);
    assert_ne!(code, 0);
    assert!(errors.iter().any(|e| e.contains("unknown input format \"pdf\"")), "{errors:?}");
}

#[test]
fn exit_status_is_non_zero_only_when_nothing_was_read() {
    let s = Scratch::new("exit");
    let empty = s.file("empty.txt", b"");
    let binary = s.file("x.bin", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let good = s.file("good.txt", b"The envoy arrived in Cairo.\n");
    let (code, docs, errors) = analyze(&[&empty, &binary], None);
    assert_eq!((code, docs.len(), errors.len()), (1, 0, 2), "{errors:?}");
    let (code, docs, errors) = analyze(&[&empty, &binary, &good], None);
    assert_eq!((code, docs.len(), errors.len()), (0, 1, 2));
}

#[test]
fn a_directory_is_read_in_order_without_hidden_files() {
    let s = Scratch::new("dir");
    std::fs::create_dir_all(s.0.join("b")).unwrap();
    std::fs::create_dir_all(s.0.join(".cache")).unwrap();
    s.file("a.txt", b"First text about talks.\n");
    s.file("b/c.jsonl", b"{\"text\": \"Inside a folder.\"}\n{\"text\": \"Second line.\"}\n");
    s.file(".hidden.txt", b"Never read.\n");
    s.file(".cache/x.txt", b"Never read either.\n");
    let dir = s.0.to_string_lossy().into_owned();
    let (code, docs, errors) = analyze(&[&dir], None);
    assert_eq!(code, 0);
    assert!(errors.is_empty(), "{errors:?}");
    let texts: Vec<&str> = docs.iter().map(|d| d["doc"]["text"].as_str().unwrap().trim()).collect();
    assert_eq!(texts, ["First text about talks.", "Inside a folder.", "Second line."]);
}
