//! `sitrep repair` end to end: the binary on files the test writes itself.

use std::path::PathBuf;
use std::process::Command;

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-repair-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

fn sitrep(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep")).args(args).output().expect("run sitrep")
}

#[test]
fn repairs_mixed_damage_line_by_line() {
    let input = "Clean: the minister’s “red line” – café\n\
                 Windows-1252: the ministerâ€™s â€œred lineâ€\u{9d} â€“ cafÃ©\n\
                 Doubled: the ministerÃ¢â‚¬â„¢s\r\n\
                 \n\
                 Lossy: the ministerâs âred lineâ â and moreâ¦\n";
    let path = temp_file("mixed.txt", input.as_bytes());
    let out = sitrep(&["repair", path.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    assert_eq!(
        text,
        "Clean: the minister’s “red line” – café\n\
         Windows-1252: the minister’s “red line” – café\n\
         Doubled: the minister’s\r\n\
         \n\
         Lossy: the minister’s “red line” – and more…\n"
    );
}

#[test]
fn explain_lists_each_change_on_stderr() {
    let path = temp_file("explain.txt", "caf\u{c3}\u{a9} and the warâs end\n".as_bytes());
    let out = sitrep(&["repair", "--explain", path.to_str().expect("utf-8 path")]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "café and the war’s end\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("decoded as UTF-8; 2 repairs"), "{err}");
    assert!(err.contains("3\tembedded-utf8-as-latin-1\t\"Ã©\" -> \"é\""), "{err}");
    assert!(err.contains("lossy-c1-apostrophe\t\"â\" -> \"’\""), "{err}");
}

#[test]
fn legacy_charset_is_detected() {
    let path =
        temp_file("latin.txt", b"Le caf\xE9 est tr\xE8s bon, la cr\xE8me br\xFBl\xE9e aussi, \xE0 bient\xF4t.\n");
    let out = sitrep(&["repair", "--explain", path.to_str().expect("utf-8 path")]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Le café est très bon, la crème brûlée aussi, à bientôt.\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("decoded as windows-1252"));
}

#[test]
fn missing_file_is_a_one_line_error_naming_it() {
    let out = sitrep(&["repair", "/nonexistent/sitrep-no-such-file.txt"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/nonexistent/sitrep-no-such-file.txt"), "{err}");
}

#[test]
fn empty_and_binary_files_do_not_panic() {
    let empty = temp_file("empty.txt", b"");
    let out = sitrep(&["repair", empty.to_str().expect("utf-8 path")]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let junk: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let bin = temp_file("binary.bin", &junk);
    let out = sitrep(&["repair", bin.to_str().expect("utf-8 path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).matches('\n').count(),
        junk.iter().filter(|&&b| b == b'\n').count()
    );
}
