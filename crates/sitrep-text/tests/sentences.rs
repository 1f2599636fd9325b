//! The sentence splitter on hand-written hard cases of news text.
//!
//! Each case is a paragraph and the sentences a careful reader would cut it
//! into. The tests print the score and every miss (`-- --nocapture`). The
//! first set was written with the splitter and must stay at 95% or more;
//! the second was written after it, scored without changes (20/20 when
//! written), and must stay at 85% or more.

use sitrep_core::Span;
use sitrep_text::sentence::{split, LineBreaks};

const CASES: &[(&str, &[&str])] = &[
    // Titles and honorifics before names.
    (
        "Gen. Valery Gerasimov met Lt. Col. Ivan Petrov. They spoke for an hour.",
        &["Gen. Valery Gerasimov met Lt. Col. Ivan Petrov.", "They spoke for an hour."],
    ),
    ("Mr. and Mrs. Smith arrived with Dr. Jones and Prof. Lee.", &["Mr. and Mrs. Smith arrived with Dr. Jones and Prof. Lee."]),
    ("Sen. Maria Cantwell and Rep. John Doe voted no. The bill failed.", &["Sen. Maria Cantwell and Rep. John Doe voted no.", "The bill failed."]),
    ("Gov. Ann Lee visited St. Petersburg and Mt. Elbrus.", &["Gov. Ann Lee visited St. Petersburg and Mt. Elbrus."]),
    // Acronyms.
    ("The U.S. and the U.K. backed the U.N. resolution.", &["The U.S. and the U.K. backed the U.N. resolution."]),
    (
        "The resolution was drafted by the U.S. It passed 13-0.",
        &["The resolution was drafted by the U.S.", "It passed 13-0."],
    ),
    ("U.S. President Joe Biden spoke first.", &["U.S. President Joe Biden spoke first."]),
    ("The E.U. foreign ministers met in Brussels. No deal was reached.", &["The E.U. foreign ministers met in Brussels.", "No deal was reached."]),
    // Initials.
    ("George W. Bush met John F. Kennedy Jr. in the film.", &["George W. Bush met John F. Kennedy Jr. in the film."]),
    ("The report by J. R. Smith was leaked. It named three officials.", &["The report by J. R. Smith was leaked.", "It named three officials."]),
    // Dates and months.
    ("The talks began on Jan. 5 and ended on Feb. 12, 2024.", &["The talks began on Jan. 5 and ended on Feb. 12, 2024."]),
    ("The vote is set for Nov. 5. Turnout is expected to be high.", &["The vote is set for Nov. 5.", "Turnout is expected to be high."]),
    ("The decree took effect in Sept. 2023 after months of delay.", &["The decree took effect in Sept. 2023 after months of delay."]),
    // Companies.
    ("Shares of Acme Corp. fell 3.5% on Monday. The firm declined to comment.", &["Shares of Acme Corp. fell 3.5% on Monday.", "The firm declined to comment."]),
    ("Apple Inc. Chief Executive Tim Cook visited Beijing.", &["Apple Inc. Chief Executive Tim Cook visited Beijing."]),
    ("The deal with Rosneft Ltd. was signed. It is worth $1.2bn.", &["The deal with Rosneft Ltd. was signed.", "It is worth $1.2bn."]),
    ("The contract went to Smith & Co. It was the largest this year.", &["The contract went to Smith & Co.", "It was the largest this year."]),
    // Numbers.
    ("Inflation rose to 3.5 per cent from 3.1 per cent. Prices of 1,000 goods were tracked.", &["Inflation rose to 3.5 per cent from 3.1 per cent.", "Prices of 1,000 goods were tracked."]),
    ("Resolution No. 2334 was adopted. It condemned the settlements.", &["Resolution No. 2334 was adopted.", "It condemned the settlements."]),
    ("The army lost 1.2 million shells in 2023. In 2024 it lost more.", &["The army lost 1.2 million shells in 2023.", "In 2024 it lost more."]),
    ("The meeting ended at 10 p.m. on Friday.", &["The meeting ended at 10 p.m. on Friday."]),
    // Quotes.
    (
        "Choe said Kim \u{201c}gave us an order to support the army in its holy war.\u{201d} Lavrov thanked her.",
        &["Choe said Kim \u{201c}gave us an order to support the army in its holy war.\u{201d}", "Lavrov thanked her."],
    ),
    (
        "\u{201c}We will not stand by. Iran must stop,\u{201d} the minister said.",
        &["\u{201c}We will not stand by.", "Iran must stop,\u{201d} the minister said."],
    ),
    ("\"Why now?\" he asked. \"Because the time is right.\"", &["\"Why now?\" he asked.", "\"Because the time is right.\""]),
    ("He called the claims \"absurd.\" The ministry agreed.", &["He called the claims \"absurd.\"", "The ministry agreed."]),
    ("She said: 'We are ready.' Talks begin today.", &["She said: 'We are ready.'", "Talks begin today."]),
    ("The envoy (who arrived on Monday.) left early. Nobody knew why.", &["The envoy (who arrived on Monday.) left early.", "Nobody knew why."]),
    ("The spokesman said \u{00ab}no comment.\u{00bb} The press left.", &["The spokesman said \u{00ab}no comment.\u{00bb}", "The press left."]),
    // Ellipses, exclamations, questions.
    ("The talks... may resume. Or not.", &["The talks... may resume.", "Or not."]),
    ("Is this the end? Nobody knows! The markets fell\u{2026} Then they rose.", &["Is this the end?", "Nobody knows!", "The markets fell\u{2026}", "Then they rose."]),
    // URLs and e-mail.
    ("Read the statement at www.mid.ru/en/foreign_policy. It is in English.", &["Read the statement at www.mid.ru/en/foreign_policy.", "It is in English."]),
    ("The report (https://example.org/a.pdf) was published on Monday.", &["The report (https://example.org/a.pdf) was published on Monday."]),
    ("Write to press@un.org for details. Replies take a week.", &["Write to press@un.org for details.", "Replies take a week."]),
    // Latin and other abbreviations.
    ("Some states, e.g. France and Germany, objected. Others, i.e. the rest, agreed.", &["Some states, e.g. France and Germany, objected.", "Others, i.e. the rest, agreed."]),
    ("Fuel, food, medicine etc. were delivered. The convoy returned.", &["Fuel, food, medicine etc. were delivered.", "The convoy returned."]),
    ("Russia vs. Ukraine was on the agenda.", &["Russia vs. Ukraine was on the agenda."]),
    // Lines and headlines.
    ("Russia and North Korea sign defence pact\nThe treaty was ratified last week.", &["Russia and North Korea sign defence pact", "The treaty was ratified last week."]),
    ("BREAKING: Ceasefire announced\nBoth sides confirmed the truce.", &["BREAKING: Ceasefire announced", "Both sides confirmed the truce."]),
    // Wrapped wire copy.
    (
        "The ministry said the exercise would\ninvolve 40 ships and last until the\nend of the month.\n    It gave no further details.",
        &["The ministry said the exercise would\ninvolve 40 ships and last until the\nend of the month.", "It gave no further details."],
    ),
    // Lower-case continuation after a period-final abbreviation.
    ("The U.N. envoy met the P.M. on Tuesday.", &["The U.N. envoy met the P.M. on Tuesday."]),
];

/// Written after the splitter was finished and scored once without any
/// change to the splitter: a fairer measure of how it does on cases it
/// was not tuned on.
const LATER_CASES: &[(&str, &[&str])] = &[
    (
        "The Kremlin said Mr Putin, 71, would attend. Ms Lee declined.",
        &["The Kremlin said Mr Putin, 71, would attend.", "Ms Lee declined."],
    ),
    (
        "Prime Minister Narendra Modi arrived at 9.30am. He was greeted by officials.",
        &["Prime Minister Narendra Modi arrived at 9.30am.", "He was greeted by officials."],
    ),
    (
        "The plan costs \u{00a3}2.5bn. Critics say it's too little.",
        &["The plan costs \u{00a3}2.5bn.", "Critics say it's too little."],
    ),
    (
        "It was, he said, 'a disaster'. Officials disagreed.",
        &["It was, he said, 'a disaster'.", "Officials disagreed."],
    ),
    ("Forces advanced 5km. Ukraine denied it.", &["Forces advanced 5km.", "Ukraine denied it."]),
    ("The Dow rose 0.8% to 38,500.12. The Nasdaq fell.", &["The Dow rose 0.8% to 38,500.12.", "The Nasdaq fell."]),
    (
        "Col. Gen. Alexander Dvornikov took command. He replaced Gen. Zhuravlev.",
        &["Col. Gen. Alexander Dvornikov took command.", "He replaced Gen. Zhuravlev."],
    ),
    (
        "A spokesman for Hamas, Abu Obeida, said: \"The battle continues.\" Israel struck Gaza.",
        &["A spokesman for Hamas, Abu Obeida, said: \"The battle continues.\"", "Israel struck Gaza."],
    ),
    (
        "The U.S.-led coalition struck targets in Syria. Iran condemned the strikes.",
        &["The U.S.-led coalition struck targets in Syria.", "Iran condemned the strikes."],
    ),
    (
        "Ambassador Linda Thomas-Greenfield said the U.S. would veto. The vote was postponed.",
        &["Ambassador Linda Thomas-Greenfield said the U.S. would veto.", "The vote was postponed."],
    ),
    (
        "He arrived in Washington, D.C. The visit was unannounced.",
        &["He arrived in Washington, D.C.", "The visit was unannounced."],
    ),
    ("Talks are scheduled for Oct. 3-4 in Doha.", &["Talks are scheduled for Oct. 3-4 in Doha."]),
    (
        "The agreement (see Art. 5) binds all members. It has never been invoked.",
        &["The agreement (see Art. 5) binds all members.", "It has never been invoked."],
    ),
    ("What happens next? That depends on Moscow.", &["What happens next?", "That depends on Moscow."]),
    (
        "Protesters chanted \"Down with the regime!\" Police fired tear gas.",
        &["Protesters chanted \"Down with the regime!\"", "Police fired tear gas."],
    ),
    (
        "The ship, the M.V. Galaxy Leader, was seized. Its crew is held in Yemen.",
        &["The ship, the M.V. Galaxy Leader, was seized.", "Its crew is held in Yemen."],
    ),
    (
        "Officials said about 1,200 people were evacuated... Many more remain.",
        &["Officials said about 1,200 people were evacuated...", "Many more remain."],
    ),
    (
        "The Jan. 6 committee released its report. Trump rejected it.",
        &["The Jan. 6 committee released its report.", "Trump rejected it."],
    ),
    (
        "Reuters could not independently verify the report. Russia's defence ministry did not respond.",
        &["Reuters could not independently verify the report.", "Russia's defence ministry did not respond."],
    ),
    ("The No. 2 official at the embassy was expelled.", &["The No. 2 official at the embassy was expelled."]),
];

/// Exact paragraphs out of `cases`, with the misses described.
fn score(cases: &[(&str, &[&str])]) -> (usize, Vec<String>) {
    let mut ok = 0;
    let mut misses = Vec::new();
    for (text, want) in cases {
        let got: Vec<&str> = split(text, Span::new(0, text.len()), LineBreaks::Auto)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        if got == *want {
            ok += 1;
        } else {
            misses.push(format!("  {text:?}\n    want {want:?}\n    got  {got:?}"));
        }
    }
    (ok, misses)
}

#[test]
fn later_cases_score() {
    let (ok, misses) = score(LATER_CASES);
    println!("sentence splitter, later cases: {ok}/{} exact", LATER_CASES.len());
    for m in &misses {
        println!("{m}");
    }
    assert!(ok * 100 >= LATER_CASES.len() * 85, "{ok}/{} exact:\n{}", LATER_CASES.len(), misses.join("\n"));
}

#[test]
fn hard_cases_score() {
    let (ok, misses) = score(CASES);
    println!("sentence splitter: {ok}/{} hard cases exact", CASES.len());
    for m in &misses {
        println!("{m}");
    }
    assert!(ok * 100 >= CASES.len() * 95, "{ok}/{} exact:\n{}", CASES.len(), misses.join("\n"));
}

#[test]
fn headlines_break_at_lines_in_hard_mode() {
    let t = "Kim vows support\nPutin thanks Pyongyang";
    let got = split(t, Span::new(0, t.len()), LineBreaks::Hard);
    assert_eq!(got.len(), 2);
}
