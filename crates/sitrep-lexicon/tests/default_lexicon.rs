//! The default lexicon, as built into the binary: it validates with no
//! error, holds the counts the issue asks for, and resolves the kinds of
//! phrases news uses (states, metonyms, adjectives, people at two dates,
//! groups, sectors); a user directory overrides it, and a malformed user
//! file is reported with its file and line.

use sitrep_core::{Date, MentionKind};
use sitrep_lexicon::{Lexicon, Resolution};
use std::path::PathBuf;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::load_default().expect("the default lexicon loads"))
}

fn d(s: &str) -> Option<Date> {
    Date::parse(s)
}

/// (code, sector) of a lookup.
fn cs(phrase: &str, date: Option<Date>) -> (Option<String>, Option<String>) {
    let r: Resolution = lex().lookup(phrase, date).unwrap_or_else(|| panic!("{phrase:?} resolves"));
    (r.code, r.sector)
}

fn want(code: Option<&str>, sector: Option<&str>) -> (Option<String>, Option<String>) {
    (code.map(str::to_string), sector.map(str::to_string))
}

/// A fresh directory under the system's temporary directory.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-lexicon-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temporary directory");
    dir
}

#[test]
fn check_passes_with_the_counts_of_the_issue() {
    let report = sitrep_lexicon::check(&[]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let c = |k: &str| report.counts.get(k).copied().unwrap_or(0);
    assert!(c("states") >= 240, "states {}", c("states"));
    assert!(c("organisations") >= 150, "organisations {}", c("organisations"));
    assert!(c("armed_groups") >= 100, "armed groups {}", c("armed_groups"));
    assert!(c("people") >= 1500, "people {}", c("people"));
    assert!(c("event_patterns") >= 1500, "patterns {}", c("event_patterns"));
    for k in ["groups", "sectors", "places", "outlets", "regions"] {
        assert!(c(k) > 0, "{k}");
    }
}

#[test]
fn states_by_name_short_form_adjective_and_demonym() {
    assert_eq!(cs("North Korea", None), want(Some("PRK"), None));
    assert_eq!(cs("DPRK", None), want(Some("PRK"), None));
    assert_eq!(cs("U.S.", None), want(Some("USA"), None));
    assert_eq!(cs("North Korean troops", None), want(Some("PRK"), Some("MIL")));
    assert_eq!(cs("Russians", None), want(Some("RUS"), None));
    // Historic names follow the date.
    assert_eq!(cs("Burma", d("1985-06-01")).0.as_deref(), Some("BUR"));
    assert_eq!(cs("Burma", d("2015-06-01")).0.as_deref(), Some("MMR"));
    // Dependencies fold into their controlling state.
    assert_eq!(cs("Puerto Rico", None).0.as_deref(), Some("USA"));
    assert_eq!(cs("Hong Kong", None).0.as_deref(), Some("HKG"));
}

#[test]
fn metonyms_and_named_institutions() {
    assert_eq!(cs("the Kremlin", None), want(Some("RUS"), Some("GOV")));
    assert_eq!(cs("Pyongyang's", None), want(Some("PRK"), Some("GOV")));
    assert_eq!(cs("the Pentagon", None), want(Some("USA"), Some("MIL")));
    assert_eq!(cs("Downing Street", None), want(Some("GBR"), Some("GOV")));
    assert_eq!(cs("the Knesset", None), want(Some("ISR"), Some("LEG")));
    assert_eq!(cs("members of SANDF", None), want(Some("ZAF"), Some("MIL")));
    assert_eq!(cs("Kyiv's forces", None), want(Some("UKR"), Some("MIL")));
    let r = lex().lookup("Pentagon officials", None).unwrap();
    assert_eq!((r.sector.as_deref(), r.sector2.as_deref()), (Some("MIL"), Some("GOV")));
}

#[test]
fn people_resolve_by_date() {
    // Putin: Prime Minister in 2010, President in 2024.
    let r = lex().lookup("Vladimir Putin", d("2010-06-01")).unwrap();
    assert_eq!((r.code.as_deref(), r.office.as_deref()), (Some("RUS"), Some("Prime Minister")));
    let r = lex().lookup("President Putin", d("2024-11-01")).unwrap();
    assert_eq!(
        (r.code.as_deref(), r.sector.as_deref(), r.office.as_deref()),
        (Some("RUS"), Some("GOV"), Some("President"))
    );
    // Merkel: in office in 2010, a former official in 2022.
    assert_eq!(cs("Angela Merkel", d("2010-06-01")), want(Some("DEU"), Some("GOV")));
    assert_eq!(cs("Angela Merkel", d("2022-06-01")), want(Some("DEU"), Some("ELI")));
    assert_eq!(cs("Foreign Minister Choe Son-hui", d("2024-11-01")), want(Some("PRK"), Some("GOV")));
}

#[test]
fn groups_organisations_and_armed_groups() {
    let r = lex().lookup("Western countries", None).unwrap();
    assert_eq!((r.code.as_deref(), r.kind), (Some("WST"), MentionKind::Group));
    assert_eq!(cs("NATO", None).0.as_deref(), Some("IGO"));
    assert_eq!(cs("International Court of Justice", None), want(Some("UNO"), Some("JUD")));
    let r = lex().lookup("Hamas fighters", None).unwrap();
    assert_eq!((r.code.as_deref(), r.sector.as_deref(), r.sector2.as_deref()), (Some("PSE"), Some("REB"), Some("ISM")));
    assert_eq!(cs("Houthi rebels", None), want(Some("YEM"), Some("REB")));
    // A state news agency speaks for its state.
    let r = lex().lookup("KCNA", None).unwrap();
    assert_eq!((r.code.as_deref(), r.sector.as_deref(), r.sector2.as_deref()), (Some("PRK"), Some("GOV"), Some("JRN")));
}

#[test]
fn sectors_with_and_without_a_state() {
    assert_eq!(cs("Russian MPs", None), want(Some("RUS"), Some("LEG")));
    assert_eq!(cs("ordinary Kazakhs", None), want(Some("KAZ"), Some("CVL")));
    assert_eq!(cs("the Syrian government", None), want(Some("SYR"), Some("GOV")));
    assert_eq!(cs("Israeli air strikes", None), want(Some("ISR"), Some("MIL")));
    assert_eq!(cs("lawmakers", None), want(None, Some("LEG")));
    assert_eq!(cs("a Muslim cleric", None), want(None, Some("REL")));
    assert_eq!(cs("three men", None), want(None, Some("UNK")));
    assert_eq!(cs("a former minister", None), want(None, Some("ELI")));
}

#[test]
fn seas_and_regions_are_not_states() {
    for p in ["South China Sea", "Indian Ocean", "Persian Gulf", "Taiwan Strait", "Jordan River"] {
        let r = lex().lookup(p, None).unwrap();
        assert_eq!((r.code, r.kind), (None, MentionKind::Place), "{p}");
    }
    let r = lex().lookup("the West Bank", None).unwrap();
    assert_eq!((r.code.as_deref(), r.kind), (Some("PSE"), MentionKind::Place));
}

#[test]
fn a_user_directory_overrides_a_default_entry() {
    let dir = temp_dir("override");
    // Re-code "the Kremlin" as LEG and add a new state-level name.
    let states = "code\tname\tnames\tadjectives\tdemonyms\tcapitals\tmetonyms\tfrom\tto\tkind\tiso2\n\
                  RUS\tRussia\tRussian Federation|Rossiya\tRussian\tRussians\tMoscow\tKremlin=LEG\t1991-12-26\t\tmember\tRU\n";
    std::fs::write(dir.join("states.tsv"), states).expect("write");
    let l = Lexicon::load(std::slice::from_ref(&dir)).expect("loads with the user directory");
    let r = l.lookup("the Kremlin", None).unwrap();
    assert_eq!((r.code.as_deref(), r.sector.as_deref()), (Some("RUS"), Some("LEG")));
    assert!(r.entry.contains(&dir.display().to_string()), "{}", r.entry);
    assert_eq!(l.lookup("Rossiya", None).unwrap().code.as_deref(), Some("RUS"));
    // The default is untouched without the directory.
    assert_eq!(lex().lookup("the Kremlin", None).unwrap().sector.as_deref(), Some("GOV"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_malformed_user_file_names_its_file_and_line() {
    let dir = temp_dir("malformed");
    std::fs::create_dir_all(dir.join("people")).expect("mkdir");
    let people = "# my people\nid\tname\tcountry\tsector\tfrom\n\
                  doe-jane\tJane Doe\tGBR\tGOV\t2020-02-30\n";
    std::fs::write(dir.join("people/mine.tsv"), people).expect("write");
    std::fs::write(dir.join("sectors.tsv"), "phrases\tsector\trole\nbrave people\tCVL\tnoun\textra\n").expect("write");
    let errors = Lexicon::load(std::slice::from_ref(&dir)).expect_err("a bad user file fails to load").0;
    let shown: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    let people_file = dir.join("people/mine.tsv").display().to_string();
    let sectors_file = dir.join("sectors.tsv").display().to_string();
    assert!(shown.iter().any(|m| m.starts_with(&format!("{people_file}:3:")) && m.contains("bad date")), "{shown:?}");
    assert!(shown.iter().any(|m| m.starts_with(&format!("{sectors_file}:2:")) && m.contains("stray tab")), "{shown:?}");
    // `check` reports the same, without failing.
    let report = sitrep_lexicon::check(std::slice::from_ref(&dir));
    assert!(report.errors.iter().any(|m| m.contains(&people_file)), "{:?}", report.errors);
    let _ = std::fs::remove_dir_all(&dir);
}
