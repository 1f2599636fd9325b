//! Sentence boundaries with byte offsets.
//!
//! A hand-written splitter rather than a crate: news text has a few hard
//! cases that decide the quality (titles and abbreviations before names,
//! initials, dotted acronyms, decimals, quotes, headlines and comments
//! without a full stop, hard-wrapped wire copy), and a byte-level scanner
//! handles them at several hundred MB/s, which the text stage needs.
//!
//! The rules, in order:
//!
//! - **Line breaks.** In titles and comments every line break ends a
//!   sentence ([`LineBreaks::Hard`]). Article text is read
//!   ([`LineBreaks::Auto`]) as hard-wrapped copy (wire text) when it has
//!   three or more lines, none longer than 100 bytes and most near the
//!   longest: then only a blank line, an indented line or a short
//!   unpunctuated line (a heading) ends a sentence. Otherwise (scraped
//!   pages, one paragraph per line) every line break ends one.
//! - **Terminators.** `.`, `!`, `?`, `…` and runs of them end a sentence
//!   when followed by whitespace and then something other than a
//!   lower-case letter or `,;:`. Closing quotes and brackets after the
//!   terminator stay with the sentence (`holy war.”`).
//! - **Abbreviations.** After titles that precede names (`Mr.`, `Dr.`,
//!   `Gen.`, `Sen.`) a period never ends a sentence. After abbreviations
//!   that can also end one (`Jan.`, `Inc.`, `Corp.`, `No.`, `St.`, `Jr.`),
//!   single capital initials (`George W. Bush`) and dotted acronyms
//!   (`U.S.`, `a.m.`), it does only when the next word is a common
//!   sentence opener (`The`, `He`, `But`, …), never before a digit.
//! - **Numbers and URLs** never split, as their periods are not followed
//!   by whitespace (`3.5`, `1,000.50`, `rt.com/news`).
//! - A run-on "sentence" longer than [`MAX_SENTENCE_BYTES`] (a page with
//!   no punctuation) is cut at whitespace, so later stages get bounded
//!   input.

use sitrep_core::{Document, SegmentKind, Sentence, Span};

/// `fn $name(w: &str) -> bool` for a fixed set of words, compiled to a
/// `match`.
macro_rules! word_set {
    ($name:ident: $($w:literal),+ $(,)?) => {
        fn $name(w: &str) -> bool {
            matches!(w, $($w)|+)
        }
    };
}

/// The longest sentence handed on; longer runs are cut at whitespace.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Lines longer than this mark text as unwrapped (one paragraph per line).
const WRAP_WIDTH: usize = 100;

/// How line breaks inside a span are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineBreaks {
    /// Every line break ends a sentence (titles, comments, headlines).
    Hard,
    /// Line breaks are spaces, except before a blank or indented line or
    /// after a short unpunctuated line (hard-wrapped copy).
    Soft,
    /// `Soft` for hard-wrapped copy (three or more short lines, most near
    /// the longest), else `Hard`.
    Auto,
}

// Titles and honorifics that are always followed by a name.
word_set!(is_always_abbreviation: "Adm", "Amb", "Atty", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Det", "Dr", "Fr", "Gen", "Gov", "Hon", "Insp",
    "Lt", "Maj", "Messrs", "Mlle", "Mme", "Mr", "Mrs", "Ms", "Pres", "Prof", "Pvt", "Rep", "Reps", "Rev", "Rt", "Sen",
    "Sens", "Sgt", "Supt");

// Abbreviations that may also end a sentence.
word_set!(is_maybe_abbreviation: "Ala", "Apr", "Ariz", "Ark", "Art", "Arts", "Assn", "Aug", "Ave", "Blvd", "Bros", "Calif", "Ch", "Co", "Colo",
    "Conn", "Corp", "Cos", "Dec", "Del", "Dept", "Est", "Feb", "Fig", "Figs", "Fla", "Fri", "Ft", "Ga", "Govt", "Hwy",
    "Ill", "Inc", "Intl", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "La", "Ltd", "Mar", "Mass", "Md", "Mich", "Minn",
    "Miss", "Mo", "Mon", "Mt", "Natl", "Neb", "Nev", "No", "Nos", "Nov", "Oct", "Okla", "Ore", "Penn", "Ph.D", "Plc",
    "Rd", "Ref", "Sat", "Sec", "Sep", "Sept", "Sr", "St", "Tenn", "Tex", "Thu", "Thurs", "Tue", "Tues", "Univ", "Va",
    "Vol", "Vols", "Vt", "Wash", "Wed", "Wis", "al", "approx", "ca", "cf", "etc", "pp", "vs");

// Words that commonly open a sentence: after an ambiguous abbreviation,
// one of these means the abbreviation ended the sentence.
word_set!(is_sentence_opener: "A",
    "According",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "Asked",
    "At",
    "Before",
    "Both",
    "But",
    "By",
    "Despite",
    "During",
    "Earlier",
    "Even",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "Most",
    "No",
    "Not",
    "On",
    "One",
    "Our",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "To",
    "Under",
    "We",
    "What",
    "When",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You");

/// True for the abbreviations the splitter knows (without their period);
/// the tokenizer keeps their period on the token.
pub fn is_known_abbreviation(word: &str) -> bool {
    is_always_abbreviation(word) || is_maybe_abbreviation(word)
}

/// Splits `text[span]` into sentences.
pub fn split(text: &str, span: Span, breaks: LineBreaks) -> Vec<Span> {
    let mut out = Vec::new();
    split_into(text, span, breaks, &mut out);
    out
}

/// Splits `text[span]` into sentences, appending to `out`.
pub fn split_into(text: &str, span: Span, breaks: LineBreaks, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let end = span.end.min(b.len());
    let start = span.start.min(end);
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return;
    }
    // Line lengths decide how to read line breaks: copy is hard-wrapped
    // when it has three or more lines, none long, and most of them near
    // the longest (a wrap width).
    let mut lens = [0usize; 64];
    let mut n_lines = 0usize;
    let mut max_line = 0usize;
    let mut prev = start;
    for nl in memchr::memchr_iter(b'\n', &b[start..end]).map(|p| start + p).chain(std::iter::once(end)) {
        let len = nl - prev;
        if n_lines < lens.len() {
            lens[n_lines] = len;
        }
        n_lines += 1;
        max_line = max_line.max(len);
        prev = nl + 1;
    }
    let wrapped = max_line <= WRAP_WIDTH && n_lines >= 3 && {
        let seen = &lens[..n_lines.min(lens.len())];
        seen.iter().filter(|&&l| l * 10 >= max_line * 7).count() * 2 >= seen.len()
    };
    let breaks = match breaks {
        LineBreaks::Auto if wrapped => LineBreaks::Soft,
        LineBreaks::Auto => LineBreaks::Hard,
        other => other,
    };
    // Cut the span into units that no sentence crosses.
    let mut unit_start: Option<usize> = None;
    let mut prev_line: Option<(usize, usize)> = None;
    let mut pos = start;
    while pos < end {
        let nl = memchr::memchr(b'\n', &b[pos..end]).map_or(end, |i| pos + i);
        let line = (pos, nl);
        let blank = b[pos..nl].iter().all(|c| c.is_ascii_whitespace());
        if blank {
            if let Some(us) = unit_start.take() {
                split_unit(text, us, pos, out);
            }
        } else {
            match breaks {
                LineBreaks::Hard => split_unit(text, pos, nl, out),
                _ => {
                    let indented = matches!(b[pos], b' ' | b'\t');
                    let starts_upper = trim_ascii(&b[pos..nl]).first().is_some_and(|c| !c.is_ascii_lowercase());
                    let after_heading =
                        starts_upper && prev_line.is_some_and(|(ps, pe)| is_heading_line(&b[ps..pe], max_line));
                    if indented || after_heading {
                        if let Some(us) = unit_start.take() {
                            split_unit(text, us, pos, out);
                        }
                    }
                    unit_start.get_or_insert(pos);
                }
            }
        }
        prev_line = if blank { None } else { Some(line) };
        pos = nl + 1;
    }
    if let Some(us) = unit_start {
        split_unit(text, us, end, out);
    }
}

/// Words a wrapped line can end on but a heading does not.
const CONTINUATION_WORDS: &[&[u8]] = &[
    b"a", b"an", b"and", b"as", b"at", b"by", b"for", b"from", b"in", b"of", b"on", b"or", b"that", b"the", b"to",
    b"with",
];

/// A short line that ends without punctuation or a continuation word, in
/// wrapped text: a heading or a paragraph's last line, which a sentence
/// does not run on from.
fn is_heading_line(line: &[u8], max_line: usize) -> bool {
    let t = trim_ascii(line);
    let last_word = t.rsplit(|c| c.is_ascii_whitespace()).next().unwrap_or(t);
    !t.is_empty()
        && t.len() * 10 < max_line * 6
        && t.last().is_some_and(|c| c.is_ascii_alphanumeric())
        && !CONTINUATION_WORDS.iter().any(|w| last_word.eq_ignore_ascii_case(w))
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let s = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let e = b.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(s, |p| p + 1);
    &b[s..e]
}

/// Length of the whitespace character at `i` (ASCII, no-break and
/// typographic spaces), if there is one.
fn space_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Some(1),
        0xC2 if b.get(i + 1) == Some(&0xA0) => Some(2),
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x80..=0x8A) | Some(0xAF)) => Some(3),
        0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => Some(3),
        _ => None,
    }
}

/// Length of a closing quote or bracket at `i`.
fn closer_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' | b'\'' | b')' | b']' => Some(1),
        // ” ’ ›
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9D) | Some(0x99) | Some(0xBA)) => Some(3),
        // »
        0xC2 if b.get(i + 1) == Some(&0xBB) => Some(2),
        _ => None,
    }
}

/// Position of the next `…` in `b[from..end]`, or `end`.
fn find_ellipsis(b: &[u8], from: usize, end: usize) -> usize {
    static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…".as_bytes()));
    ELLIPSIS.find(&b[from..end]).map_or(end, |p| from + p)
}

fn is_ellipsis(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&0xE2) && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6)
}

/// Splits one unit (a stretch no sentence crosses) at its boundaries.
fn split_unit(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut sent_start = start;
    let mut i = start;
    // The next `…` at or after `i` (searched again once passed).
    let mut next_ellipsis = find_ellipsis(b, start, end);
    while i < end {
        if next_ellipsis < i {
            next_ellipsis = find_ellipsis(b, i, end);
        }
        let next_mark = memchr::memchr3(b'.', b'!', b'?', &b[i..end]).map_or(end, |p| i + p);
        i = next_mark.min(next_ellipsis);
        if i >= end {
            break;
        }
        let c = b[i];
        let term_start = i;
        let mut j = i;
        loop {
            if j < end && matches!(b[j], b'.' | b'!' | b'?') {
                j += 1;
            } else if j + 2 < end && is_ellipsis(b, j) {
                j += 3;
            } else {
                break;
            }
        }
        let single_period = c == b'.' && j == term_start + 1;
        while j < end {
            match closer_len(b, j) {
                Some(l) => j += l,
                None => break,
            }
        }
        if j < end && space_len(b, j).is_none() {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < end {
            match space_len(b, k) {
                Some(l) => k += l,
                None => break,
            }
        }
        if k >= end {
            break;
        }
        if is_boundary(text, sent_start, term_start, single_period, k) {
            push_sentence(text, sent_start, j, out);
            sent_start = k;
        }
        i = k;
    }
    push_sentence(text, sent_start, end, out);
}

/// Whether the terminator at `term` (the sentence so far started at
/// `sent_start`) ends a sentence, the next one starting at `next`.
fn is_boundary(text: &str, sent_start: usize, term: usize, single_period: bool, next: usize) -> bool {
    let Some(nc) = text[next..].chars().next() else { return true };
    if nc.is_lowercase() || matches!(nc, ',' | ';' | ':' | ')' | ']' | '}' | '%') {
        return false;
    }
    if !single_period {
        return true;
    }
    // The word before the terminator: back to the last whitespace.
    let ws = text[sent_start..term]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(sent_start, |(i, c)| sent_start + i + c.len_utf8());
    // Strip opening quotes and brackets before the word.
    let word = text[ws..term].trim_start_matches(['(', '[', '"', '\'', '“', '‘', '«']);
    if word.is_empty() {
        return true;
    }
    if is_always_abbreviation(word) {
        return false;
    }
    let wb = word.as_bytes();
    let initial = wb.len() == 1 && wb[0].is_ascii_uppercase()
        || word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let acronym =
        wb.len() >= 3 && word.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    if initial || acronym || is_maybe_abbreviation(word) {
        return next_is_opener(text, next);
    }
    true
}

/// True when the word at `i` (after any opening quote) is a common
/// sentence opener.
fn next_is_opener(text: &str, i: usize) -> bool {
    let rest = text[i..].trim_start_matches(['"', '\'', '“', '‘', '«', '(']);
    let w_end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    is_sentence_opener(&rest[..w_end])
}

/// Pushes `text[start..end]` trimmed, cut into pieces of at most
/// [`MAX_SENTENCE_BYTES`] at whitespace.
fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut s = start;
    let mut e = end;
    while s < e {
        match space_len(b, s) {
            Some(l) => s += l,
            None => break,
        }
    }
    while e > s && (b[e - 1].is_ascii_whitespace() || text[..e].ends_with('\u{a0}')) {
        e -= if b[e - 1].is_ascii_whitespace() { 1 } else { 2 };
    }
    while e - s > MAX_SENTENCE_BYTES {
        let mut cut = s + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let at_space = b[s..cut].iter().rposition(|c| c.is_ascii_whitespace()).map(|p| s + p);
        let (piece_end, next) = match at_space {
            Some(p) if p > s => (p, p + 1),
            _ => (cut, cut),
        };
        out.push(Span::new(s, piece_end));
        s = next;
        while s < e && b[s].is_ascii_whitespace() {
            s += 1;
        }
    }
    if s < e {
        out.push(Span::new(s, e));
    }
}

/// How line breaks are read in a segment of `kind`.
pub fn breaks_for(kind: SegmentKind) -> LineBreaks {
    match kind {
        SegmentKind::Article => LineBreaks::Auto,
        _ => LineBreaks::Hard,
    }
}

/// Fills `doc.sentences` for every coded segment (title, article, comment).
pub fn split_document(doc: &mut Document) {
    let mut out = Vec::with_capacity(doc.text.len() / 100);
    let mut spans = Vec::new();
    for (i, seg) in doc.segments.iter().enumerate() {
        if seg.kind.is_coded() {
            spans.clear();
            split_into(&doc.text, seg.span, breaks_for(seg.kind), &mut spans);
            out.extend(spans.iter().map(|&span| Sentence { span, segment: i }));
        }
    }
    doc.sentences = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str, breaks: LineBreaks) -> Vec<&str> {
        split(text, Span::new(0, text.len()), breaks).into_iter().map(|s| &text[s.start..s.end]).collect()
    }

    fn auto(text: &str) -> Vec<&str> {
        sents(text, LineBreaks::Auto)
    }

    #[test]
    fn titles_before_names_do_not_end_sentences() {
        assert_eq!(
            auto("Gen. Valery Gerasimov met Mr. Smith and Dr. Jones. They talked."),
            vec!["Gen. Valery Gerasimov met Mr. Smith and Dr. Jones.", "They talked."]
        );
    }

    #[test]
    fn acronyms_end_a_sentence_only_before_an_opener() {
        assert_eq!(
            auto("The U.S. Senate voted. Sanctions hit the U.S. The move angered Beijing."),
            vec!["The U.S. Senate voted.", "Sanctions hit the U.S.", "The move angered Beijing."]
        );
        assert_eq!(auto("He left at 5 p.m. Officials said so."), vec!["He left at 5 p.m. Officials said so."]);
    }

    #[test]
    fn initials_dates_and_companies() {
        assert_eq!(
            auto("George W. Bush spoke on Jan. 5 in St. Louis. Apple Inc. Chief Executive Tim Cook agreed."),
            vec!["George W. Bush spoke on Jan. 5 in St. Louis.", "Apple Inc. Chief Executive Tim Cook agreed."]
        );
        assert_eq!(
            auto("Shares of Acme Corp. fell. The firm said No. 10 would comment."),
            vec!["Shares of Acme Corp. fell.", "The firm said No. 10 would comment."]
        );
    }

    #[test]
    fn numbers_and_urls_do_not_split() {
        assert_eq!(
            auto("Growth was 3.5 per cent, or $1,000.50 a head. See rt.com/news/1.html for more."),
            vec!["Growth was 3.5 per cent, or $1,000.50 a head.", "See rt.com/news/1.html for more."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            auto("He said it was “a holy war.” Lavrov agreed. \"We won.\" She left."),
            vec!["He said it was “a holy war.”", "Lavrov agreed.", "\"We won.\"", "She left."]
        );
        assert_eq!(auto("“Why?” he asked. “Because!” she said."), vec!["“Why?” he asked.", "“Because!” she said."]);
    }

    #[test]
    fn ellipses_and_question_runs() {
        assert_eq!(auto("Wait... and see. Really?! Yes… Fine."), vec!["Wait... and see.", "Really?!", "Yes…", "Fine."]);
    }

    #[test]
    fn hard_breaks_end_headlines_and_comments() {
        assert_eq!(
            sents("Russia and North Korea sign pact\nIt's never been on the menu", LineBreaks::Hard),
            vec!["Russia and North Korea sign pact", "It's never been on the menu"]
        );
    }

    #[test]
    fn wrapped_wire_copy_joins_lines_but_keeps_paragraphs() {
        let t = "Showers continued throughout the week in\nthe Bahia cocoa zone, officials said on\nTuesday.\n    The dry period means the crop will\nbe late this year, traders said today.\nBackground\nPrices rose sharply in the last month.";
        assert_eq!(
            auto(t),
            vec![
                "Showers continued throughout the week in\nthe Bahia cocoa zone, officials said on\nTuesday.",
                "The dry period means the crop will\nbe late this year, traders said today.",
                "Background",
                "Prices rose sharply in the last month."
            ]
        );
    }

    #[test]
    fn two_short_lines_are_not_wrapped_copy() {
        assert_eq!(
            auto("Russia and North Korea sign pact\nThe treaty was ratified."),
            vec!["Russia and North Korea sign pact", "The treaty was ratified."]
        );
    }

    #[test]
    fn long_lines_are_paragraphs() {
        let long = "a".repeat(120);
        let t = format!("First paragraph {long}\nSecond paragraph without a stop");
        assert_eq!(auto(&t).len(), 2);
    }

    #[test]
    fn run_on_text_is_cut_at_whitespace() {
        let t = "word ".repeat(3000);
        let v = split(&t, Span::new(0, t.len()), LineBreaks::Hard);
        assert!(v.len() >= 3);
        assert!(v.iter().all(|s| s.len() <= MAX_SENTENCE_BYTES && !t[s.start..s.end].starts_with(' ')));
    }

    #[test]
    fn spans_are_trimmed_and_within_the_span() {
        let t = "xx  Hello there.  Bye.  yy";
        let v = split(t, Span::new(2, 23), LineBreaks::Hard);
        assert_eq!(v.iter().map(|s| &t[s.start..s.end]).collect::<Vec<_>>(), vec!["Hello there.", "Bye."]);
    }
}
