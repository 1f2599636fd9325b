//! Tests of loading, overriding and resolving, on small lexicons written
//! here (the default lexicon's own tests are in `tests/default_lexicon.rs`).

use super::*;
use load::SourceFile;
use sitrep_core::{Date, MentionKind};

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

/// A small lexicon for the resolution rules: states with institutions and a
/// territory, sector words of every role, armed groups, outlets, regions.
fn rules() -> Vec<SourceFile> {
    vec![
        file(
            "states.tsv",
            0,
            "code\tname\tnames\tadjectives\tdemonyms\tcapitals\tmetonyms\tfrom\tto\tkind\tiso2\tsovereign\n\
             USA\tUnited States\tUS\tAmerican\tAmericans\tWashington\tPentagon=MIL|Defense Department\t\t\tmember\n\
             EST\tEstonia\t\tEstonian\tEstonians\tTallinn\tRiigikogu=LEG\t\t\tmember\n\
             JPN\tJapan\t\tJapanese\tJapanese\tTokyo\tSelf-Defense Forces=MIL\t\t\tmember\n\
             CHN\tChina\t\tChinese\tChinese\tBeijing\t\t\t\tmember\n\
             RUS\tRussia\t\tRussian\tRussians\tMoscow\t\t\t\tmember\n\
             COL\tColombia\t\tColombian\tColombians\tBogota\t\t\t\tmember\n\
             SYR\tSyria\t\tSyrian\tSyrians\tDamascus\t\t\t\tmember\n\
             MAR\tMorocco\t\tMoroccan\tMoroccans\tRabat\t\t\t\tmember\n\
             SOM\tSomalia\t\tSomali\tSomalis\tMogadishu\t\t\t\tmember\n\
             MOZ\tMozambique\t\tMozambican\tMozambicans\tMaputo\t\t\t\tmember\n\
             PRI\tPuerto Rico\t\tPuerto Rican\tPuerto Ricans\t\t\t\t\tterritory\tPR\tUSA\n\
             ESH\tWestern Sahara\t\tSahrawi\tSahrawis\t\t\t\t\tterritory\tEH\tMAR=PRE\n",
        ),
        file(
            "sectors.tsv",
            0,
            "phrases\tsector\trole\toverrides\n\
             government|authorities\tGOV\tnoun\n\
             department|defense department|ministry\tGOV\torg\n\
             officials|official|leader|chairman\tGOV\tgeneric\n\
             president|Sen.\tGOV\ttitle\n\
             officers|officer\tCOP\tgeneric\n\
             police\tCOP\tnoun\n\
             intelligence agency\tSPY\tnoun\n\
             troops|soldiers\tMIL\tnoun\n\
             commanders\tMIL\ttitle\n\
             militias|self-defense forces\tPRM\tnoun\n\
             parents|men|people|community leader|protesters\tCVL\tnoun\n\
             schoolchildren|students\tEDU\tnoun\n\
             company\tBUS\tnoun\n\
             lawmakers\tLEG\tnoun\n\
             Jewish|Shiite\tREL\tmodifier\n\
             rebel\tREB\tmodifier\tGOV|CVL|UNK|MIL\n\
             antiwar\tOPP\tmodifier\n\
             paramilitary\tPRM\tmodifier\n\
             former\tELI\tmodifier\n\
             men|people\tUNK\tcounted\n\
             island|region\tUNK\tplace\n",
        ),
        file(
            "armed_groups.tsv",
            0,
            "identifier\tname\tnames\tcountry\tsector\tfrom\tto\n\
             HEZ\tHezbollah\t\tSYR\tREB|ISM\t1982\t\n\
             ASWJ_MOZ\tAhlu Sunna Mozambique\tAhlu Sunna\tMOZ\tREB|ISM\t2017\t\n\
             ASWJ_SOM\tAhlu Sunna Somalia\tAhlu Sunna\tSOM\tPRM\t1991\t\n",
        ),
        file(
            "outlets.tsv",
            0,
            "domain\tname\tcountry\townership\taliases\tactor_names\n\
             xinhua.example\tXinhua\tCHN\tstate\t\tXinhua\n\
             paper.example\tDaily Paper\tUSA\tprivate\t\tDaily Paper\n",
        ),
        file(
            "regions.tsv",
            0,
            "name\tnames\tkind\tcountry\n\
             South China Sea\t\tsea\t\n\
             Golan Heights\tGolan\tregion\tSYR\n",
        ),
        file(
            "places/cities.tsv",
            0,
            "geonameid\tname\tnames\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\n\
             1\tSanta Marta\t\tcity\tCOL\t\t11.24\t-74.2\t500000\n\
             2\tAleppo\t\tcity\tSYR\t\t36.2\t37.15\t2000000\n\
             3\tSan Juan\t\tcity\tPRI\t\t18.46\t-66.1\t300000\n\
             4\tKursk\t\tadmin1\tRUS\t\t51.7\t36.2\t1000000\n",
        ),
        file(
            "people/p.tsv",
            0,
            "id\tname\tvariants\tsurname\tcountry\toffice\tsector\tfrom\tto\n\
             juan-carlos\tJuan Carlos\t\tJuan Carlos\tCOL\tPresident\tGOV\t2000\t\n\
             he-li\tHe Li\t\tHe\tCHN\tVice Premier\tGOV\t2020\t\n",
        ),
    ]
}

fn full(r: Option<Resolution>) -> (Option<String>, Option<String>, Option<String>) {
    let r = r.expect("resolves");
    (r.code, r.sector, r.sector2)
}

fn s3(c: Option<&str>, s: Option<&str>, s2: Option<&str>) -> (Option<String>, Option<String>, Option<String>) {
    (c.map(str::to_string), s.map(str::to_string), s2.map(str::to_string))
}

#[test]
fn the_head_noun_decides_and_generic_roles_yield() {
    let l = lex(rules());
    // The last noun is the head.
    assert_eq!(full(l.lookup("schoolchildren's parents", None)), s3(None, Some("CVL"), None));
    // A generic role yields to a specific noun, before or after it.
    assert_eq!(full(l.lookup("an intelligence agency officer", None)), s3(None, Some("SPY"), None));
    assert_eq!(full(l.lookup("chairman of the company", None)), s3(None, Some("BUS"), None));
    // Alone, a generic role keeps its sector.
    assert_eq!(full(l.lookup("officials", None)), s3(None, Some("GOV"), None));
    assert_eq!(full(l.lookup("Chinese officers", None)), s3(Some("CHN"), Some("COP"), None));
}

#[test]
fn modifiers_override_only_the_sectors_they_name() {
    let l = lex(rules());
    assert_eq!(full(l.lookup("a Jewish community leader", None)), s3(None, Some("REL"), None));
    assert_eq!(full(l.lookup("antiwar protesters", None)), s3(None, Some("OPP"), None));
    // Not over an armed noun, by default.
    assert_eq!(full(l.lookup("Shiite militias", None)), s3(None, Some("PRM"), None));
    // With `overrides` naming MIL.
    assert_eq!(full(l.lookup("rebel commanders", None)), s3(None, Some("REB"), None));
    // Alone.
    assert_eq!(full(l.lookup("paramilitary organization", None)), s3(None, Some("PRM"), None));
    assert_eq!(full(l.lookup("former officials", None)), s3(None, Some("ELI"), None));
}

#[test]
fn counted_people_are_unidentified() {
    let l = lex(rules());
    assert_eq!(full(l.lookup("two men", None)), s3(None, Some("UNK"), None));
    assert_eq!(full(l.lookup("20 men", None)), s3(None, Some("UNK"), None));
    assert_eq!(full(l.lookup("dozens of people", None)), s3(None, Some("UNK"), None));
    assert_eq!(full(l.lookup("people", None)), s3(None, Some("CVL"), None));
    assert_eq!(full(l.lookup("Russian men", None)), s3(Some("RUS"), Some("CVL"), None));
    // Other nouns are not counted.
    assert_eq!(full(l.lookup("two Chinese soldiers", None)), s3(Some("CHN"), Some("MIL"), None));
}

#[test]
fn places_pronouns_and_cities_in_phrase_lookups() {
    let l = lex(rules());
    // A state's unnamed place: a place, coded UNK in a lookup.
    let r = l.lookup("a Syrian island", None).unwrap();
    assert_eq!((r.code.as_deref(), r.sector.as_deref(), r.kind), (Some("SYR"), Some("UNK"), MentionKind::Place));
    // ... but the resolver gives the coder a place with no sector.
    let m = l.find_names("a Syrian island");
    let r = l.resolve_matches("a Syrian island", &m, None, false).unwrap();
    assert_eq!((r.kind, r.sector), (MentionKind::Place, None));
    // A named place with a place noun stays a place.
    assert_eq!(full(l.lookup("the Kursk region", None)), s3(Some("RUS"), None, None));
    // A city alone stands for its people.
    assert_eq!(full(l.lookup("Aleppo", None)), s3(Some("SYR"), Some("CVL"), None));
    assert_eq!(full(l.lookup("Aleppo police", None)), s3(Some("SYR"), Some("COP"), None));
    // A pronoun alone, even one that is somebody's surname.
    let r = l.lookup("He", None).unwrap();
    assert_eq!((r.code, r.sector.as_deref(), r.kind), (None, Some("UNK"), MentionKind::Pronoun));
}

#[test]
fn named_institutions_keep_their_sector() {
    let l = lex(rules());
    assert_eq!(full(l.lookup("Pentagon officials", None)), s3(Some("USA"), Some("MIL"), Some("GOV")));
    assert_eq!(full(l.lookup("president of the Riigikogu", None)), s3(Some("EST"), Some("LEG"), Some("GOV")));
    assert_eq!(full(l.lookup("Estonian lawmakers", None)), s3(Some("EST"), Some("LEG"), None));
    // A GOV metonym or a capital gives way to the words.
    assert_eq!(full(l.lookup("Washington's troops", None)), s3(Some("USA"), Some("MIL"), None));
    // A metonym that also spells a sector phrase: the state's institution
    // for its own state, the sector phrase with another state's name.
    assert_eq!(full(l.lookup("Defense Department", None)), s3(Some("USA"), Some("GOV"), None));
    assert_eq!(full(l.lookup("Colombia's Defense Department", None)), s3(Some("COL"), Some("GOV"), None));
    assert_eq!(full(l.lookup("Japan's Self-Defense Forces", None)), s3(Some("JPN"), Some("MIL"), None));
    // A place right before it names whose institution it is.
    assert_eq!(full(l.lookup("Santa Marta Self-Defense Forces", None)), s3(Some("COL"), Some("PRM"), None));
}

#[test]
fn sponsors_are_not_the_actors_state() {
    let l = lex(rules());
    assert_eq!(full(l.lookup("Russian-backed militias", None)), s3(None, Some("PRM"), None));
    assert_eq!(full(l.lookup("pro-Russian militias", None)), s3(None, Some("PRM"), None));
    assert_eq!(full(l.lookup("Russian militias", None)), s3(Some("RUS"), Some("PRM"), None));
    let r = l.lookup_in_context("Russian-backed militias", "in Syria", None).unwrap();
    assert_eq!(r.code.as_deref(), Some("SYR"));
}

#[test]
fn armed_groups_list_sectors_and_take_their_institutions() {
    let l = lex(rules());
    assert_eq!(full(l.lookup("Hezbollah", None)), s3(Some("SYR"), Some("REB"), Some("ISM")));
    assert_eq!(full(l.lookup("Hezbollah fighters", None)), s3(Some("SYR"), Some("REB"), Some("ISM")));
    assert_eq!(full(l.lookup("Hezbollah officials", None)), s3(Some("SYR"), Some("REB"), Some("ISM")));
    assert_eq!(full(l.lookup("Hezbollah lawmakers", None)), s3(Some("SYR"), Some("LEG"), Some("REB")));
    assert_eq!(l.nonstate[0].sectors, ["REB", "ISM"]);
}

#[test]
fn a_context_country_picks_among_namesake_groups() {
    let l = lex(rules());
    // Without context: the one active at the date, else the first.
    assert_eq!(l.lookup("Ahlu Sunna", None).unwrap().identifier.as_deref(), Some("ASWJ_MOZ"));
    assert_eq!(l.lookup("Ahlu Sunna", d("2000-01-01")).unwrap().identifier.as_deref(), Some("ASWJ_SOM"));
    let r = l.lookup_in_context("Ahlu Sunna", "Somalia", None).unwrap();
    assert_eq!((r.code.as_deref(), r.sector.as_deref()), (Some("SOM"), Some("PRM")));
}

#[test]
fn dependencies_fold_into_their_sovereign() {
    let l = lex(rules());
    let r = l.lookup("Puerto Rico", None).unwrap();
    assert_eq!((r.code.as_deref(), r.identifier.as_deref()), (Some("USA"), Some("PRI")));
    assert_eq!(full(l.lookup("Puerto Rican police", None)), s3(Some("USA"), Some("COP"), None));
    // Places in the territory too.
    assert_eq!(l.lookup("San Juan", None).unwrap().code.as_deref(), Some("USA"));
    // With a sector: Western Sahara is Morocco, PRE.
    assert_eq!(full(l.lookup("Western Sahara", None)), s3(Some("MAR"), Some("PRE"), None));
    assert_eq!(full(l.lookup("Sahrawi authorities", None)), s3(Some("MAR"), Some("GOV"), Some("PRE")));
}

#[test]
fn regions_are_places_not_states() {
    let l = lex(rules());
    let r = l.lookup("the South China Sea", None).unwrap();
    assert_eq!((r.code, r.kind), (None, MentionKind::Place));
    let r = l.lookup("Golan Heights", None).unwrap();
    assert_eq!((r.code.as_deref(), r.kind), (Some("SYR"), MentionKind::Place));
    // Longer names win over the state inside them; the state elsewhere
    // in a phrase still resolves.
    assert_eq!(l.lookup("Chinese ships in the South China Sea", None).unwrap().code.as_deref(), Some("CHN"));
}

#[test]
fn state_outlets_act_for_their_state() {
    let l = lex(rules());
    assert_eq!(full(l.lookup("Xinhua", None)), s3(Some("CHN"), Some("GOV"), Some("JRN")));
    assert_eq!(full(l.lookup("Daily Paper", None)), s3(Some("USA"), Some("JRN"), None));
}

#[test]
fn a_surname_must_end_the_capitalised_run() {
    let l = lex(rules());
    // "Juan Carlos" is a known surname, but "Juan Carlos Quintero" is
    // somebody else; "He" starts a Chinese name that is not He Li's.
    assert!(l.lookup("Juan Carlos Quintero", None).is_none_or(|r| r.identifier.as_deref() != Some("juan-carlos")));
    assert!(l.lookup("He Zhihua", None).is_none_or(|r| r.identifier.as_deref() != Some("he-li")));
    assert_eq!(l.lookup("President Juan Carlos", None).unwrap().identifier.as_deref(), Some("juan-carlos"));
    // A title before an unknown name keeps its sector.
    assert_eq!(full(l.lookup("Sen. Carlos Quintero", None)), s3(None, Some("GOV"), None));
}

#[test]
fn bad_new_columns_are_errors_with_file_and_line() {
    let mut files = tiny();
    files.push(file(
        "states.tsv",
        1,
        "code\tname\tkind\tsovereign\nGUM\tGuam\tterritory\tXYZ\nASM\tAmerican Samoa\tterritory\tRUS=NOPE\n",
    ));
    files.push(file(
        "sectors.tsv",
        1,
        "phrases\tsector\trole\toverrides\nbrave\tCVL\tmodifier\tQQQ\ncops\tCOP\tnoun\tCVL\n",
    ));
    files.push(file("regions.tsv", 1, "name\tkind\tcountry\nAtlantis\tisland\tATL\n"));
    files.push(file("armed_groups.tsv", 1, "identifier\tname\tcountry\tsector\nX\tX Front\tRUS\tREB|NOPE\n"));
    let l = load::load(&files);
    let msgs: Vec<String> = l.errors.iter().map(|e| e.to_string()).collect();
    let has = |prefix: &str, needle: &str| msgs.iter().any(|m| m.starts_with(prefix) && m.contains(needle));
    assert!(has("L1/states.tsv:2:", "unknown sovereign state \"XYZ\""), "{msgs:?}");
    assert!(has("L1/states.tsv:3:", "unknown sector \"NOPE\""), "{msgs:?}");
    assert!(has("L1/sectors.tsv:2:", "unknown sector \"QQQ\" in `overrides`"), "{msgs:?}");
    assert!(has("L1/sectors.tsv:3:", "only for modifiers"), "{msgs:?}");
    assert!(has("L1/regions.tsv:2:", "unknown country \"ATL\""), "{msgs:?}");
    assert!(has("L1/armed_groups.tsv:2:", "unknown sector \"NOPE\""), "{msgs:?}");
}

#[test]
fn namesake_places_go_to_the_context_or_the_most_populous() {
    let mut files = rules();
    files.push(file(
        "places/more.tsv",
        0,
        "geonameid\tname\tnames\tkind\tcountry\tadmin1\tlat\tlon\tpopulation\n\
         10\tNewtown\t\tcity\tUSA\t\t40.0\t-75.0\t90000\n\
         11\tNewtown\t\tadmin1\tCOL\t\t5.0\t-74.0\t20000\n",
    ));
    let l = lex(files);
    assert_eq!(l.lookup("Newtown", None).unwrap().code.as_deref(), Some("USA"));
    assert_eq!(l.lookup_in_context("Newtown", "Colombian officials said", None).unwrap().code.as_deref(), Some("COL"));
}

#[test]
fn a_groups_display_name_is_not_matched_unless_listed() {
    let mut files = rules();
    files.push(file(
        "groups.tsv",
        0,
        "code\tname\tnames\tmembers\nMEA\tMiddle East\tMiddle Eastern countries\t\nWST\tthe West\tthe West|Western countries\t\n",
    ));
    files.push(file("regions.tsv", 1, "name\tnames\tkind\nMiddle East\tthe Middle East\tregion\n"));
    let l = lex(files);
    assert_eq!(l.lookup("Middle Eastern countries", None).unwrap().code.as_deref(), Some("MEA"));
    assert_eq!(l.lookup("the Middle East", None).unwrap().kind, MentionKind::Place);
    assert_eq!(l.lookup("the West", None).unwrap().code.as_deref(), Some("WST"));
}

#[test]
fn a_sector_list_gives_a_second_sector() {
    let mut files = rules();
    files.push(file("sectors.tsv", 1, "phrases\tsector\trole\nstate media\tGOV|JRN\tnoun\n"));
    let l = lex(files);
    assert_eq!(full(l.lookup("Chinese state media", None)), s3(Some("CHN"), Some("GOV"), Some("JRN")));
    assert_eq!(full(l.lookup("state media", None)), s3(None, Some("GOV"), Some("JRN")));
}

#[test]
fn a_bare_surname_after_an_unknown_name_is_someone_else() {
    let mut files = rules();
    files.push(file(
        "people/q.tsv",
        0,
        "id\tname\tvariants\tsurname\tcountry\toffice\tsector\tfrom\tto\n\
         khan-imran\tImran Khan\t\t\tSYR\tPrime Minister\tGOV\t2018\t\n",
    ));
    let l = lex(files);
    assert_eq!(l.lookup("Khan", None).unwrap().identifier.as_deref(), Some("khan-imran"));
    assert_eq!(l.lookup("Mr Khan", None).unwrap().identifier.as_deref(), Some("khan-imran"));
    assert!(l.lookup("Ahmed Khan", None).is_none_or(|r| r.identifier.is_none()));
}
