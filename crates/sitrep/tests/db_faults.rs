//! Database faults, on the real binary: a store on a read-only file
//! system, a disk that fills up during an ingest, a store written by a newer
//! schema version, and two processes ingesting into one file at once. Each
//! must end in a one-line error naming the store (or success), never a
//! panic, and never a store that differs from what a clean run leaves.
//!
//! The file-system cases need a real read-only or full file system: they
//! mount a small tmpfs, which needs root (CAP_SYS_ADMIN). As root,
//! `chmod` does not stop writes, so permissions alone prove nothing; where
//! mounting is not allowed, those cases print why and check nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;
use common::Dir;

const BIN: &str = env!("CARGO_BIN_EXE_sitrep");

/// A tmpfs of `size` mounted at a fresh directory, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    /// Mounts one, or says why it cannot.
    fn mount(name: &str, size: &str) -> Result<Tmpfs, String> {
        let dir = std::env::temp_dir().join(format!("sitrep-tmpfs-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0755"), "tmpfs"])
            .arg(&dir)
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            let _ = std::fs::remove_dir(&dir);
            return Err(format!("mount -t tmpfs failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
        }
        Ok(Tmpfs(dir))
    }

    fn remount(&self, opts: &str) {
        let out = Command::new("mount").args(["-o", &format!("remount,{opts}")]).arg(&self.0).output().unwrap();
        assert!(out.status.success(), "remount {opts}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

fn sitrep(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN).args(args).stdin(Stdio::null()).output().expect("run sitrep");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A failure as the binary must report it: exit 2, no panic, the last
/// line naming the store.
fn assert_clean_failure(code: i32, err: &str, db: &str, case: &str) {
    assert_eq!(code, 2, "{case}: {err}");
    assert!(!err.contains("panicked") && !err.contains("internal error"), "{case}: {err}");
    let last = err.lines().last().unwrap_or("");
    assert!(last.starts_with("sitrep: ") && last.contains(db), "{case}: {err}");
}

/// `n` JSONL documents of a few sentences each, different texts.
fn corpus(path: &Path, n: usize, tag: &str) {
    let actors = ["Russia", "Ukraine", "The United States", "China", "Iran", "Israel", "The European Union", "Turkey"];
    let verbs = ["accused", "met", "criticised", "threatened", "praised", "sanctioned", "attacked", "thanked"];
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let (a, b, v) = (actors[i % 8], actors[(i / 8 + 1 + i) % 8], verbs[(i / 3) % 8]);
        let text = format!(
            "{a} {v} {b} on Monday, officials said ({tag} report {i}). {b} said it would respond. \
             Talks are due to resume in Geneva next week, according to diplomats ({i})."
        );
        let doc = serde_json::json!({
            "id": format!("{tag}{i}"),
            "url": format!("https://example.org/{tag}/{i}"),
            "date": format!("2024-{:02}-{:02}", 1 + (i / 28) % 12, 1 + i % 28),
            "text": text,
        });
        serde_json::to_writer(&mut f, &doc).unwrap();
        f.write_all(b"\n").unwrap();
    }
    f.flush().unwrap();
}

/// The rows that matter, keyed by content, not row id (two ingests at
/// once interleave their batches, so row ids differ from a clean run's;
/// `added_at` and the `runs` log differ by design).
fn dump(db: &Path) -> Vec<String> {
    let store = sitrep_store::Store::open_existing(db).unwrap();
    let c = store.connection();
    let mut rows = Vec::new();
    for sql in [
        "SELECT id || ' ' || ifnull(source_id, '') || ' ' || ifnull(url, '') || ' ' || ifnull(date, '') FROM documents ORDER BY id",
        "SELECT d.id || ' ' || e.event || ' ' || ifnull(e.cameo, '') FROM events e JOIN documents d ON d.rowid = e.doc \
         ORDER BY d.id, e.rowid",
        "SELECT d.id || ' ' || s.url FROM sightings s JOIN documents d ON d.rowid = s.doc ORDER BY d.id, s.url",
    ] {
        let mut st = c.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
        let got = st.query_map([], |r| r.get::<_, String>(0)).unwrap().collect::<Result<Vec<_>, _>>().unwrap();
        rows.push(format!("-- {sql}"));
        rows.extend(got);
    }
    rows
}

/// Equal dumps, or the rows that differ.
fn assert_same(got: &[String], clean: &[String]) {
    let extra: Vec<&String> = got.iter().filter(|r| !clean.contains(r)).take(5).collect();
    let missing: Vec<&String> = clean.iter().filter(|r| !got.contains(r)).take(5).collect();
    assert!(
        got == clean,
        "{} rows against {} of a clean run; extra {extra:?}; missing {missing:?}",
        got.len(),
        clean.len()
    );
}

fn integrity_ok(db: &Path) -> bool {
    let store = sitrep_store::Store::open_existing(db).unwrap();
    let r: String = store.connection().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    r == "ok"
}

#[test]
fn a_store_on_a_read_only_file_system() {
    let tmp = match Tmpfs::mount("ro", "16m") {
        Ok(t) => t,
        Err(why) => {
            eprintln!("SKIPPED a_store_on_a_read_only_file_system: {why}");
            return;
        }
    };
    let dir = Dir::new("ro");
    let input = dir.join("in.jsonl");
    corpus(&input, 20, "ro");
    let more = dir.join("more.jsonl");
    corpus(&more, 5, "more");
    let db = tmp.0.join("ro.db");
    let db_s = db.to_str().unwrap();
    let (code, _, err) = sitrep(&["ingest", "--db", db_s, input.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let before = dump(&db);
    tmp.remount("ro");

    // Writing fails with one line naming the store; nothing changes.
    let (code, _, err) = sitrep(&["ingest", "--db", db_s, more.to_str().unwrap()]);
    assert_clean_failure(code, &err, "ro.db", "ingest into a read-only store");
    // A new store cannot be created there either.
    let fresh = tmp.0.join("new.db");
    let (code, _, err) = sitrep(&["ingest", "--db", fresh.to_str().unwrap(), more.to_str().unwrap()]);
    assert_clean_failure(code, &err, "new.db", "create a store on a read-only file system");

    // Reading: the queries either answer or fail cleanly.
    for cmd in [["stats", "--json", ""], ["events", "--format", "json"]] {
        let args: Vec<&str> = [cmd[0], "--db", db_s, cmd[1], cmd[2]].into_iter().filter(|a| !a.is_empty()).collect();
        let (code, out, err) = sitrep(&args);
        let cmd = cmd[0];
        if code == 0 {
            assert!(!out.is_empty(), "{cmd}: {err}");
        } else {
            assert_clean_failure(code, &err, "ro.db", cmd);
        }
        eprintln!("{cmd} on a read-only file system: exit {code}: {}", err.trim());
    }
    tmp.remount("rw");
    assert_eq!(dump(&db), before, "a failed write changed the store");
    assert!(integrity_ok(&db));
}

#[test]
fn a_disk_that_fills_up_during_an_ingest() {
    let tmp = match Tmpfs::mount("full", "4m") {
        Ok(t) => t,
        Err(why) => {
            eprintln!("SKIPPED a_disk_that_fills_up_during_an_ingest: {why}");
            return;
        }
    };
    let dir = Dir::new("full");
    let small = dir.join("small.jsonl");
    corpus(&small, 10, "small");
    // Far more than 4 MB of store.
    let big = dir.join("big.jsonl");
    corpus(&big, 3000, "big");
    let db = tmp.0.join("full.db");
    let db_s = db.to_str().unwrap();
    let (code, _, err) = sitrep(&["ingest", "--db", db_s, small.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let before = dump(&db);

    let (code, _, err) = sitrep(&["ingest", "--db", db_s, big.to_str().unwrap()]);
    assert_clean_failure(code, &err, "full.db", "ingest on a full disk");
    let last = err.lines().last().unwrap().to_lowercase();
    assert!(last.contains("full") || last.contains("space"), "the reason is not said: {err}");

    // What was committed before is intact and readable; the store is whole.
    assert!(integrity_ok(&db));
    let after = dump(&db);
    assert!(after.len() >= before.len());
    for row in &before {
        assert!(after.contains(row), "lost {row}");
    }
    let (code, _, err) = sitrep(&["stats", "--db", db_s, "--json"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_store_from_a_newer_sitrep() {
    let dir = Dir::new("newer");
    let input = dir.join("in.jsonl");
    corpus(&input, 5, "n");
    let db = dir.join("newer.db");
    let db_s = db.to_str().unwrap();
    let (code, _, err) = sitrep(&["ingest", "--db", db_s, input.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let version = sitrep_store::schema::SCHEMA_VERSION + 1;
    {
        let c = sitrep_store::rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(&format!("PRAGMA user_version = {version}")).unwrap();
    }
    let size = std::fs::metadata(&db).unwrap().len();
    let more = dir.join("more.jsonl");
    corpus(&more, 5, "m");
    for cmd in [vec!["ingest", more.to_str().unwrap()], vec!["stats"], vec!["events"], vec!["recode"]] {
        let mut args = cmd.clone();
        args.extend(["--db", db_s]);
        let (code, _, err) = sitrep(&args);
        assert_clean_failure(code, &err, "newer.db", cmd[0]);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("newer") && err.contains(&version.to_string()), "{err}");
    }
    let c = sitrep_store::rusqlite::Connection::open(&db).unwrap();
    let v: i32 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, version, "the version was rewritten");
    assert_eq!(std::fs::metadata(&db).unwrap().len(), size, "the newer store was written to");
}

/// Runs two ingests of `a` and `b` into `db` at once; each must succeed or
/// fail cleanly (a failed one is run again afterwards).
fn ingest_at_once(db: &Path, a: &Path, b: &Path) {
    let spawn = |input: &Path| {
        Command::new(BIN)
            .args(["ingest", "--db", db.to_str().unwrap(), input.to_str().unwrap()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children = [spawn(a), spawn(b)];
    let mut again = Vec::new();
    for (child, input) in children.into_iter().zip([a, b]) {
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        let code = out.status.code().unwrap_or(-1);
        eprintln!("concurrent ingest of {}: exit {code}: {}", input.display(), err.trim());
        if code != 0 {
            assert_clean_failure(code, &err, db.file_name().unwrap().to_str().unwrap(), "concurrent ingest");
            again.push(input);
        }
    }
    for input in again {
        let (code, _, err) = sitrep(&["ingest", "--db", db.to_str().unwrap(), input.to_str().unwrap()]);
        assert_eq!(code, 0, "the rerun after a clean failure: {err}");
    }
}

#[test]
fn two_processes_ingesting_into_one_file_at_once() {
    let dir = Dir::new("two");
    let a = dir.join("a.jsonl");
    let b = dir.join("b.jsonl");
    corpus(&a, 2000, "a");
    corpus(&b, 2000, "b");

    // The same input twice at once: the rows of one clean run.
    let clean = dir.join("clean.db");
    let (code, _, err) = sitrep(&["ingest", "--db", clean.to_str().unwrap(), a.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let same = dir.join("same.db");
    ingest_at_once(&same, &a, &a);
    assert!(integrity_ok(&same));
    assert_same(&dump(&same), &dump(&clean));

    // Different inputs at once: the rows of a clean run of both.
    let (code, _, err) = sitrep(&["ingest", "--db", clean.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let both = dir.join("both.db");
    ingest_at_once(&both, &a, &b);
    assert!(integrity_ok(&both));
    assert_same(&dump(&both), &dump(&clean));
}
