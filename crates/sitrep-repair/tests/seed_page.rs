//! The seed page: a scraped RT article and its comments, read as Latin-1
//! with the C1 bytes dropped (`Pyongyangâs`). Read at run time from
//! `../shared/seed`, never copied into the repository.

use std::path::PathBuf;

fn seed() -> String {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/seed/nk-russia-support.rt.txt"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    sitrep_repair::decode(&bytes, None).text
}

#[test]
fn lossy_punctuation_is_repaired_and_lines_are_kept() {
    let raw = seed();
    let r = sitrep_repair::repair(&raw);
    assert_eq!(r.text.lines().count(), raw.lines().count());
    assert_eq!(r.text.matches('\n').count(), raw.matches('\n').count());
    for want in [
        "Pyongyang’s image",
        "“gave us an order",
        "holy war.”",
        "nobody’s business",
        "that’s the view",
        "Doesn’t mean",
        "can’t continue",
    ] {
        assert!(r.text.contains(want), "missing {want:?}");
    }
    // No bare `â` is left next to a letter, space or punctuation.
    assert!(!r.text.contains('â'), "an â is left: {}", r.text.lines().find(|l| l.contains('â')).unwrap_or(""));
}

#[test]
fn undamaged_lines_are_left_alone() {
    let raw = seed();
    let r = sitrep_repair::repair(&raw);
    for (a, b) in raw.lines().zip(r.text.lines()) {
        if !a.contains('â') {
            assert_eq!(a, b);
        }
    }
}

#[test]
fn every_record_points_at_its_text() {
    let r = sitrep_repair::repair(&seed());
    assert!(r.repairs.len() >= 10);
    let mut last = 0;
    for rep in &r.repairs {
        assert!(rep.offset >= last, "records out of order");
        last = rep.offset;
        assert_eq!(r.text.get(rep.offset..rep.offset + rep.after.len()), Some(rep.after.as_str()), "{rep:?}");
        assert!(rep.rule.starts_with("lossy-c1-"), "{rep:?}");
        assert_eq!(rep.before, "â");
    }
}
