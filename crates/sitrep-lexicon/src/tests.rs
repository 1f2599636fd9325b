//! Tests of loading, overriding and resolving, on small lexicons written
//! here (the default lexicon's own tests are in `tests/default_lexicon.rs`).

use super::*;
use load::SourceFile;
use sitrep_core::Date;

fn file(rel: &str, layer: usize, text: &str) -> SourceFile {
    SourceFile { rel: rel.into(), display: format!("L{layer}/{rel}"), text: text.to_string().into(), layer }
}

fn tiny() -> Vec<SourceFile> {
    vec![
        file(
            "states.tsv",
            0,
            "code\tname\tnames\tadjectives\tdemonyms\tcapitals\tmetonyms\tfrom\tto\tkind\n\
             RUS\tRussia\tRussian Federation\tRussian\tRussians\tMoscow\tthe Kremlin|the Pentagon of Russia=MIL\t1991-12-26\t\tmember\n\
             PRK\tNorth Korea\tDPRK|NK\tNorth Korean\tNorth Koreans\tPyongyang\t\t\t\tmember\n\
             KAZ\tKazakhstan\t\tKazakh|Kazakhstani\tKazakhs\tAstana\t\t\t\tmember\n\
             BUR\tBurma\t\tBurmese\t\t\t\t1948\t1989-06-17\thistoric\n\
             MMR\tMyanmar\tBurma\tMyanmar\t\tNaypyidaw\t\t1989-06-18\t\tmember\n",
        ),
        file("sectors.tsv", 0, "phrases\tsector\trole\nMPs|lawmakers\tLEG\tnoun\nPresident\tGOV\ttitle\nForeign Minister\tGOV\ttitle\nformer\tELI\tmodifier\nordinary people\tCVL\tnoun\nordinary\tCVL\tmodifier\ntroops\tMIL\tnoun\n"),
        file(
            "people/x.tsv",
            0,
            "id\tname\tvariants\tsurname\tcountry\toffice\tsector\tfrom\tto\n\
             putin-vladimir\tVladimir Putin\tVladimir Vladimirovich Putin\t\tRUS\tPresident\tGOV\t2000-05-07\t2008-05-07\n\
             putin-vladimir\t\t\t\tRUS\tPrime Minister\tGOV\t2008-05-08\t2012-05-07\n\
             putin-vladimir\t\t\t\tRUS\tPresident\tGOV\t2012-05-07\t\n\
             choe-son-hui\tChoe Son-hui\tChoe Son Hui\tChoe\tPRK\tForeign Minister\tGOV\t2022-06\t\n\
             nazarbayev-nursultan\tNursultan Nazarbayev\t\t\tKAZ\tPresident\tGOV\t1990-04-24\t2019-03-20\n",
        ),
        file("outlets.tsv", 0, "domain\tname\tcountry\townership\taliases\nrt.com\tRT\tRUS\tstate\tactualidad.rt.com\n"),
    ]
}

fn lex(files: Vec<SourceFile>) -> Lexicon {
    let l = load::load(&files);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    Lexicon::compile(l, "test".into()).unwrap()
}

fn d(s: &str) -> Option<Date> {
    Date::parse(s)
}

fn code_sector(r: Option<Resolution>) -> (Option<String>, Option<String>) {
    let r = r.expect("resolves");
    (r.code, r.sector)
}

fn cs(c: &str, s: Option<&str>) -> (Option<String>, Option<String>) {
    (Some(c.to_string()), s.map(str::to_string))
}

#[test]
fn states_adjectives_demonyms_and_metonyms() {
    let l = lex(tiny());
    assert_eq!(code_sector(l.lookup("North Korea", None)), cs("PRK", None));
    assert_eq!(code_sector(l.lookup("the Kremlin", None)), cs("RUS", Some("GOV")));
    assert_eq!(code_sector(l.lookup("the Pentagon of Russia", None)), cs("RUS", Some("MIL")));
    assert_eq!(code_sector(l.lookup("Pyongyang's image", None)), cs("PRK", Some("GOV")));
    assert_eq!(code_sector(l.lookup("ordinary Kazakhs", None)), cs("KAZ", Some("CVL")));
    assert_eq!(code_sector(l.lookup("Russian MPs", None)), cs("RUS", Some("LEG")));
    assert_eq!(code_sector(l.lookup("North Korean troops", None)), cs("PRK", Some("MIL")));
}

#[test]
fn historic_names_follow_the_date() {
    let l = lex(tiny());
    assert_eq!(code_sector(l.lookup("Burma", d("1985-01-01"))), cs("BUR", None));
    assert_eq!(code_sector(l.lookup("Burma", d("2020-01-01"))), cs("MMR", None));
}

#[test]
fn people_resolve_by_date() {
    let l = lex(tiny());
    assert_eq!(code_sector(l.lookup("President Vladimir Putin", d("2024-11-01"))), cs("RUS", Some("GOV")));
    let r = l.lookup("Vladimir Putin", d("2010-01-01")).unwrap();
    assert_eq!(r.office.as_deref(), Some("Prime Minister"));
    assert_eq!(code_sector(l.lookup("President Putin", d("2024-11-01"))), cs("RUS", Some("GOV")));
    assert_eq!(code_sector(l.lookup("Foreign Minister Choe Son-hui", d("2024-11-01"))), cs("PRK", Some("GOV")));
    assert_eq!(code_sector(l.lookup("Choe Son Hui", d("2024-11-01"))), cs("PRK", Some("GOV")));
    // Out of office: a former official.
    assert_eq!(code_sector(l.lookup("Nursultan Nazarbayev", d("2022-01-01"))), cs("KAZ", Some("ELI")));
    assert_eq!(code_sector(l.lookup("former President Nursultan Nazarbayev", d("2015-01-01"))), cs("KAZ", Some("ELI")));
    assert_eq!(
        l.person_by_surname("Choe", d("2024-01-01")).map(|i| l.people[i as usize].id.as_str()),
        Some("choe-son-hui")
    );
}

#[test]
fn sectors_alone_and_unknown_phrases() {
    let l = lex(tiny());
    assert_eq!(code_sector(l.lookup("lawmakers", None)), (None, Some("LEG".into())));
    assert!(l.lookup("a quiet afternoon", None).is_none());
}

#[test]
fn outlets_match_hosts_and_subdomains() {
    let l = lex(tiny());
    let o = l.outlet_for_url("https://www.rt.com/news/1-x/").unwrap();
    assert_eq!((o.name.as_str(), o.country.as_str(), o.ownership.as_str()), ("RT", "RUS", "state"));
    assert!(l.outlet_for_url("https://actualidad.rt.com/a").is_some());
    assert!(l.outlet_for_url("https://art.com/").is_none());
    assert!(l.outlet_for_url("not a url").is_none());
}

#[test]
fn a_later_layer_overrides_and_duplicates_in_one_layer_are_errors() {
    let mut files = tiny();
    files.push(file("outlets.tsv", 1, "domain\tname\tcountry\townership\nrt.com\tRussia Today\tRUS\tstate\n"));
    let l = lex(files);
    assert_eq!(l.outlet_for_url("http://rt.com").unwrap().name, "Russia Today");

    let mut files = tiny();
    files.push(file("more/outlets.tsv", 0, "x"));
    files.push(file("groups.tsv", 0, "code\tnames\tmembers\nWST\tthe West\tRUS|XYZ\nWST\tWestern countries\t\n"));
    let l = load::load(&files);
    let msgs: Vec<String> = l.errors.iter().map(|e| e.to_string()).collect();
    assert!(msgs.iter().any(|m| m.contains("unknown lexicon file")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("L0/groups.tsv:3") && m.contains("duplicate key")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("unknown member \"XYZ\"")), "{msgs:?}");
}

#[test]
fn malformed_files_name_file_and_line() {
    let mut files = tiny();
    files.push(file(
        "people/bad.tsv",
        1,
        "id\tname\tcountry\tsector\tfrom\nsomeone\tSome One\tRUS\tGOV\t2020-13-01\nBad Id\tX\tRUS\tGOV\n",
    ));
    files.push(file("patterns/p.tsv", 1, "pattern\tevent\nmeet+ (with\tCONSULT\nmeet+\tPARTY\n"));
    let l = load::load(&files);
    let msgs: Vec<String> = l.errors.iter().map(|e| e.to_string()).collect();
    assert!(msgs.iter().any(|m| m.starts_with("L1/people/bad.tsv:2:") && m.contains("bad date")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.starts_with("L1/people/bad.tsv:3:") && m.contains("bad person id")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.starts_with("L1/patterns/p.tsv:2:") && m.contains("unclosed")), "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.starts_with("L1/patterns/p.tsv:3:") && m.contains("unknown PLOVER event type")),
        "{msgs:?}"
    );
}

#[test]
fn group_cycles_are_errors() {
    let mut files = tiny();
    files.push(file("groups.tsv", 0, "code\tnames\tmembers\nAAA\tfirst bloc\tBBB\nBBB\tsecond bloc\tAAA\n"));
    let l = load::load(&files);
    assert!(l.errors.iter().any(|e| e.reason.contains("contains itself")), "{:?}", l.errors);
}

#[test]
fn namesakes_resolve_by_date_and_titles_by_office() {
    let mut files = tiny();
    files.push(file(
        "people/y.tsv",
        0,
        "id\tname\tvariants\tsurname\tcountry\toffice\tsector\tfrom\tto\n\
         kim-a\tKim Alpha\tAlpha\tKim\tPRK\tPremier\tGOV\t1990\t1999\n\
         kim-b\tKim Beta\tAlpha\tKim\tPRK\tPremier\tGOV\t2000\t2009\n\
         kim-b\t\t\t\tPRK\tForeign Minister\tGOV\t1995\t1999\n",
    ));
    let l = lex(files);
    // Two people share the variant "Alpha": the one in office wins.
    assert_eq!(l.lookup("Alpha", d("2005-01-01")).unwrap().identifier.as_deref(), Some("kim-b"));
    assert_eq!(l.lookup("Alpha", d("1992-01-01")).unwrap().identifier.as_deref(), Some("kim-a"));
    // Undated, a title the person held picks that office.
    assert_eq!(l.lookup("Foreign Minister Kim Beta", None).unwrap().office.as_deref(), Some("Foreign Minister"));
    // Out of office, dated: a former official of their country.
    assert_eq!(code_sector(l.lookup("Kim Beta", d("2015-01-01"))), cs("PRK", Some("ELI")));
    // A surname alone, in a lookup, names the one person in office.
    assert_eq!(l.lookup("Kim", d("2005-01-01")).unwrap().identifier.as_deref(), Some("kim-b"));
}

#[test]
fn names_inside_longer_unknown_names_are_not_taken() {
    let l = lex(tiny());
    // "Vladimir Putin" is a person; inside "Vladimir Putin Jr. Smithers" the
    // next word is an unknown capitalised name.
    assert!(l.find_names("He met Vladimir Putin Smithers there").is_empty());
    assert_eq!(l.find_names("He met Vladimir Putin there").len(), 1);
    assert_eq!(l.find_names("In Pyongyang, Vladimir Putin said").len(), 2);
}

#[test]
fn names_after_multibyte_punctuation() {
    let l = lex(tiny());
    // A curly quote or apostrophe right before a name must not split a character.
    assert_eq!(l.find_names("“Moscow’s” view: “Vladimir Putin” said").len(), 2);
    assert_eq!(l.find_names("Erdoğan, Russia’s leader").len(), 1);
}
