//! Tokens (words, numbers, punctuation, symbols, URLs) with byte offsets.
//!
//! The lexicon matchers and the coder work on tokens, so the choices made
//! here decide what a pattern can match. They follow the Penn Treebank
//! conventions most coders know, with two deliberate choices:
//!
//! - **Hyphenated words stay one token**: `Jong-un`, `Son-hui`,
//!   `Korea-Russia`, `well-known`, so a name like "Kim Jong-un" is the
//!   three tokens a person would write. [`hyphen_parts`] splits a token at
//!   its hyphens when a matcher wants the parts (`Korea` in `Korea-Russia`).
//! - **Clitics are their own tokens**: the possessive `'s`/`’s` (so
//!   `Pyongyang’s` is `Pyongyang` + `’s`, and the lexicon matches the bare
//!   name), `'re`, `'ve`, `'ll`, `'d`, `'m`, and `n't` (`doesn’t` is
//!   `does` + `n’t`, `can't` is `ca` + `n't`, as in the Treebank). A bare
//!   plural possessive apostrophe (`countries'`) is punctuation.
//!   [`is_possessive`] and [`is_negation`] recognise them in either
//!   apostrophe.
//!
//! Other choices: a URL is one [`TokenKind::Url`] token; abbreviations the
//! sentence splitter knows (`Gen.`, `Jan.`, `Inc.`), single capital
//! initials (`W.`) and dotted acronyms (`U.S.`) keep their period; numbers
//! keep their inner separators (`3.5`, `1,000`, `10:30`, `12/11/2024`) and
//! ordinal, decade or magnitude suffixes (`21st`, `1990s`, `1.13bn`); `...` and runs of `-` are
//! one punctuation token; letters and digits mixed otherwise (`5G`, `F-16`)
//! are words.

use crate::links::url_end;
use crate::sentence::is_known_abbreviation;
use sitrep_core::{Document, Span, Token, TokenKind};

/// ASCII byte classes.
const SPACE: u8 = 0;
const ALPHA: u8 = 1;
const DIGIT: u8 = 2;
const PUNCT: u8 = 4;
const SYMBOL: u8 = 8;
const HIGH: u8 = 16;

const fn class_table() -> [u8; 256] {
    let mut t = [HIGH; 256];
    let mut i = 0;
    while i < 128 {
        let c = i as u8;
        t[i] = if c.is_ascii_whitespace() || c < b' ' || c == 0x7f {
            SPACE
        } else if c.is_ascii_alphabetic() || c == b'_' {
            ALPHA
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            match c {
                b'.' | b',' | b';' | b':' | b'!' | b'?' | b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}'
                | b'-' | b'/' => PUNCT,
                _ => SYMBOL,
            }
        };
        i += 1;
    }
    t
}

static CLASS: [u8; 256] = class_table();

/// What a character is, for tokenizing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Space,
    Word,
    Digit,
    Punct,
    Symbol,
}

#[inline(always)]
fn char_class(text: &str, i: usize) -> (CharClass, usize) {
    let b = text.as_bytes()[i];
    match CLASS[b as usize] {
        SPACE => (CharClass::Space, 1),
        ALPHA => (CharClass::Word, 1),
        DIGIT => (CharClass::Digit, 1),
        PUNCT => (CharClass::Punct, 1),
        SYMBOL => (CharClass::Symbol, 1),
        _ => {
            let Some(ch) = text[i..].chars().next() else { return (CharClass::Space, 1) };
            (unicode_class(ch), ch.len_utf8())
        }
    }
}

fn unicode_class(ch: char) -> CharClass {
    if ch.is_alphabetic() || matches!(ch, '\u{0300}'..='\u{036F}') {
        CharClass::Word
    } else if ch.is_numeric() {
        CharClass::Digit
    } else if ch.is_whitespace() || ch == '\u{FEFF}' || ch == '\u{200B}' {
        CharClass::Space
    } else if matches!(ch,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00AB}' | '\u{00BB}' | '\u{00A1}' | '\u{00BF}'
        | '\u{00B7}' | '\u{00AD}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}')
    {
        CharClass::Punct
    } else {
        CharClass::Symbol
    }
}

/// True for the characters that join the parts of a hyphenated word.
fn is_hyphen(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    match b.get(i) {
        Some(b'-') => Some(1),
        // U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x90) | Some(0x91)) => Some(3),
        _ => None,
    }
}

/// Byte length of an apostrophe (`'` or `’`) at `i`, if there is one.
fn apostrophe_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i) {
        Some(b'\'') => Some(1),
        Some(0xE2) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x99) => Some(3),
        _ => None,
    }
}

fn is_word_char(text: &str, i: usize) -> bool {
    i < text.len() && matches!(char_class(text, i).0, CharClass::Word | CharClass::Digit)
}

/// Tokenizes `text[span]`, appending to `out`.
pub fn tokenize_into(text: &str, span: Span, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let end = span.end.min(b.len());
    let mut i = span.start;
    while i < end {
        if CLASS[b[i] as usize] == SPACE {
            i += b[i..end].iter().position(|&c| CLASS[c as usize] != SPACE).unwrap_or(end - i);
            continue;
        }
        let (class, len) = char_class(text, i);
        match class {
            CharClass::Space => i += len,
            CharClass::Word | CharClass::Digit => {
                // Cheap test before the URL recogniser: "http" or "www.".
                let maybe_url = b.len() > i + 3
                    && matches!(
                        [b[i] | 0x20, b[i + 1] | 0x20, b[i + 2] | 0x20, b[i + 3] | 0x20],
                        [b'h', b't', b't', b'p'] | [b'w', b'w', b'w', b'.']
                    );
                if maybe_url {
                    if let Some(e) = url_end(text, i).filter(|&e| e <= end) {
                        out.push(Token { span: Span::new(i, e), kind: TokenKind::Url });
                        i = e;
                        continue;
                    }
                }
                i = word(text, i, end, out);
            }
            CharClass::Punct => {
                let c = b[i];
                let mut e = i + len;
                if c == b'.' || c == b'-' {
                    while e < end && b[e] == c {
                        e += 1;
                    }
                }
                out.push(Token { span: Span::new(i, e), kind: TokenKind::Punct });
                i = e;
            }
            CharClass::Symbol => {
                out.push(Token { span: Span::new(i, i + len), kind: TokenKind::Symbol });
                i += len;
            }
        }
    }
}

/// Scans the word or number starting at `start`, pushes its token(s), and
/// returns where scanning goes on. Plain ASCII words ending in a space or
/// ordinary punctuation (most of them) take a fast path.
#[inline]
fn word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let mut mask = 0u8;
    let run = b[start..end].iter().position(|&c| {
        let k = CLASS[c as usize];
        mask |= k;
        k != ALPHA && k != DIGIT
    });
    let mut i = run.map_or(end, |r| start + r);
    mask &= ALPHA | DIGIT;
    let plain_end = if i >= end {
        true
    } else {
        match b[i] {
            c if CLASS[c as usize] == SPACE => true,
            b';' | b'!' | b'?' | b'"' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => true,
            // 1,000 and 10:30 and 3.5 go the slow way; "word," and "word:" not.
            b',' | b':' | b'/' => mask != DIGIT || i + 1 >= end || !b[i + 1].is_ascii_digit(),
            // A period before a space or the end: the word ends, keeping
            // the period when it is an initial or a known abbreviation.
            b'.' if i + 1 >= end || CLASS[b[i + 1] as usize] == SPACE => {
                let w = &text[start..i];
                let initial = i - start == 1 && b[start].is_ascii_uppercase();
                if initial || is_known_abbreviation(w) {
                    i += 1;
                }
                true
            }
            _ => false,
        }
    };
    if !plain_end {
        return word_slow(text, start, end, out);
    }
    let kind = if mask == DIGIT || (mask & DIGIT != 0 && b[start].is_ascii_digit() && is_number(&text[start..i])) {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    out.push(Token { span: Span::new(start, i), kind });
    i
}

/// The general case of [`word`]: Unicode letters, inner separators,
/// hyphens, apostrophes, acronyms.
fn word_slow(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    let mut all_digits = true;
    let mut letters = 0usize;
    loop {
        // A run of letters and digits: ASCII fast, the rest by character.
        while i < end {
            match CLASS[b[i] as usize] {
                ALPHA => {
                    all_digits = false;
                    letters += 1;
                    i += 1;
                    continue;
                }
                DIGIT => {
                    i += 1;
                    continue;
                }
                HIGH => {}
                _ => break,
            }
            let (c, len) = char_class(text, i);
            match c {
                CharClass::Word => {
                    all_digits = false;
                    letters += 1;
                }
                CharClass::Digit => {}
                _ => break,
            }
            i += len;
        }
        if i >= end {
            break;
        }
        // Number separators between digits: 3.5, 1,000, 10:30, 12/11/2024.
        if all_digits && matches!(b[i], b'.' | b',' | b':' | b'/') && i + 1 < end && b[i + 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        // Dotted acronyms: U.S., U.K., a.m.
        if b[i] == b'.' && letters == 1 && i - start == 1 && i + 2 < end {
            if let Some(acr_end) = dotted_acronym(b, start, end) {
                return push_word(text, start, acr_end, out);
            }
        }
        // Hyphenated words stay whole.
        if let Some(h) = is_hyphen(text, i) {
            if is_word_char(text, i + h) && i + h < end {
                all_digits = false;
                i += h;
                continue;
            }
        }
        // Apostrophes: clitics split off, names (O'Brien) kept whole.
        if let Some(a) = apostrophe_len(b, i) {
            let after = i + a;
            let clitic_end = word_run_end(text, after, end);
            if clitic_end > after {
                let tail = &text[after..clitic_end];
                let at_word_end = !is_word_char(text, clitic_end) || clitic_end >= end;
                if at_word_end && is_clitic_tail(tail) {
                    if tail.eq_ignore_ascii_case("t") && i > start + 1 && matches!(b[i - 1], b'n' | b'N') {
                        // does|n't, ca|n't
                        push_word(text, start, i - 1, out);
                        out.push(Token { span: Span::new(i - 1, clitic_end), kind: TokenKind::Word });
                    } else {
                        push_word(text, start, i, out);
                        out.push(Token { span: Span::new(i, clitic_end), kind: TokenKind::Word });
                    }
                    return clitic_end;
                }
                if !at_word_end || tail.chars().all(|c| c.is_alphabetic()) {
                    all_digits = false;
                    i = after;
                    continue;
                }
            }
        }
        break;
    }
    // Abbreviations and initials keep their period.
    if i < end && b[i] == b'.' {
        let w = &text[start..i];
        let initial = w.len() == 1 && b[start].is_ascii_uppercase();
        if initial || is_known_abbreviation(w) {
            return push_word(text, start, i + 1, out);
        }
    }
    push_word(text, start, i, out)
}

fn word_run_end(text: &str, mut i: usize, end: usize) -> usize {
    while i < end {
        let (c, len) = char_class(text, i);
        if !matches!(c, CharClass::Word | CharClass::Digit) {
            break;
        }
        i += len;
    }
    i
}

fn is_clitic_tail(t: &str) -> bool {
    ["s", "re", "ve", "ll", "d", "m", "t"].iter().any(|c| t.eq_ignore_ascii_case(c))
}

/// `U.S.` style: single letters each followed by a period; at least two.
fn dotted_acronym(b: &[u8], start: usize, end: usize) -> Option<usize> {
    let mut i = start;
    let mut n = 0;
    while i + 1 < end && b[i].is_ascii_alphabetic() && b[i + 1] == b'.' {
        i += 2;
        n += 1;
    }
    let next_is_word = i < end && b[i].is_ascii_alphanumeric();
    (n >= 2 && !next_is_word).then_some(i)
}

fn push_word(text: &str, start: usize, end: usize, out: &mut Vec<Token>) -> usize {
    let first_digit = text.as_bytes().get(start).is_some_and(u8::is_ascii_digit);
    let kind = if first_digit && is_number(&text[start..end]) { TokenKind::Number } else { TokenKind::Word };
    out.push(Token { span: Span::new(start, end), kind });
    end
}

/// Digits with inner separators, optionally an ordinal or decade suffix.
fn is_number(w: &str) -> bool {
    let b = w.as_bytes();
    if b.first().is_none_or(|c| !c.is_ascii_digit()) {
        return false;
    }
    let digits_end = b.iter().position(|c| !(c.is_ascii_digit() || matches!(c, b'.' | b',' | b':' | b'/')));
    match digits_end {
        None => true,
        Some(p) => {
            let suffix = &w[p..];
            ["st", "nd", "rd", "th", "s", "bn", "m", "mn", "k", "tn"].iter().any(|s| suffix.eq_ignore_ascii_case(s))
        }
    }
}

/// Tokenizes `text[span]`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, span, &mut out);
    out
}

/// True for the possessive clitic `'s`/`’s` (and a bare plural-possessive
/// apostrophe).
pub fn is_possessive(token_text: &str) -> bool {
    matches!(token_text, "'s" | "’s" | "'S" | "’S" | "'" | "’")
}

/// True for the negation clitic `n't`/`n’t`.
pub fn is_negation(token_text: &str) -> bool {
    matches!(token_text.to_ascii_lowercase().as_str(), "n't" | "n’t")
}

/// The parts of a hyphenated token as spans (`Korea-Russia` → `Korea`,
/// `Russia`); the token itself when it has no hyphen.
pub fn hyphen_parts(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    let mut i = span.start;
    while i < span.end {
        if let Some(h) = is_hyphen(text, i) {
            if i > start {
                out.push(Span::new(start, i));
            }
            i += h;
            start = i;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if span.end > start {
        out.push(Span::new(start, span.end));
    }
    out
}

/// Fills `doc.tokens` for every sentence.
pub fn tokenize_document(doc: &mut Document) {
    let mut out = Vec::with_capacity(doc.text.len() / 5);
    for s in &doc.sentences {
        tokenize_into(&doc.text, s.span, &mut out);
    }
    doc.tokens = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text, Span::new(0, text.len()))
            .into_iter()
            .map(|t| (&text[t.span.start..t.span.end], t.kind))
            .collect()
    }

    fn words(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn hyphenated_names_stay_whole_and_possessives_split() {
        assert_eq!(
            words("Kim Jong-un backed Pyongyang’s and Moscow's plan."),
            vec!["Kim", "Jong-un", "backed", "Pyongyang", "’s", "and", "Moscow", "'s", "plan", "."]
        );
    }

    #[test]
    fn negation_and_other_clitics() {
        assert_eq!(
            words("Doesn’t mean they can't, we'll see"),
            vec!["Does", "n’t", "mean", "they", "ca", "n't", ",", "we", "'ll", "see"]
        );
        assert!(is_negation("n’t") && is_negation("N'T") && !is_negation("not"));
        assert!(is_possessive("’s") && !is_possessive("s"));
    }

    #[test]
    fn names_with_apostrophes_and_plural_possessives() {
        assert_eq!(
            words("O'Brien's view; the countries' aims"),
            vec!["O'Brien", "'s", "view", ";", "the", "countries", "'", "aims"]
        );
    }

    #[test]
    fn numbers_keep_separators() {
        let t = toks("3.5 per cent of 1,000 at 10:30 on 12/11/2024, the 21st in the 1990s; 5G");
        let nums: Vec<&str> = t.iter().filter(|(_, k)| *k == TokenKind::Number).map(|(w, _)| *w).collect();
        assert_eq!(nums, vec!["3.5", "1,000", "10:30", "12/11/2024", "21st", "1990s"]);
        assert!(t.contains(&("5G", TokenKind::Word)));
    }

    #[test]
    fn abbreviations_initials_and_acronyms_keep_their_period() {
        assert_eq!(
            words("Gen. Smith met George W. Bush in the U.S. on Jan. 5."),
            vec!["Gen.", "Smith", "met", "George", "W.", "Bush", "in", "the", "U.S.", "on", "Jan.", "5", "."]
        );
        assert_eq!(words("U.S.-led talks"), vec!["U.S.", "-", "led", "talks"]);
    }

    #[test]
    fn urls_symbols_and_punctuation() {
        let t = toks("See https://rt.com/a-b/. $5 (50%) ... — “yes” 🙂");
        assert_eq!(t[1], ("https://rt.com/a-b/", TokenKind::Url));
        assert_eq!(t[2], (".", TokenKind::Punct));
        assert_eq!(t[3], ("$", TokenKind::Symbol));
        assert!(t.contains(&("...", TokenKind::Punct)));
        assert!(t.contains(&("—", TokenKind::Punct)));
        assert!(t.contains(&("“", TokenKind::Punct)));
        assert!(t.contains(&("%", TokenKind::Symbol)));
        assert_eq!(t.last(), Some(&("🙂", TokenKind::Symbol)));
    }

    #[test]
    fn unicode_words() {
        assert_eq!(words("Erdoğan и Лавров"), vec!["Erdoğan", "и", "Лавров"]);
    }

    #[test]
    fn hyphen_parts_split_compounds() {
        let t = "Korea-Russia";
        let parts: Vec<&str> = hyphen_parts(t, Span::new(0, t.len())).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(parts, vec!["Korea", "Russia"]);
    }

    #[test]
    fn spans_point_into_the_text_for_a_sub_span() {
        let t = "xx Hello, world";
        let v = tokenize(t, Span::new(3, t.len()));
        assert_eq!(&t[v[0].span.start..v[0].span.end], "Hello");
        assert_eq!(v.len(), 3);
    }
}
