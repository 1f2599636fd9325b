//! The lossy case: UTF-8 read as Latin-1 with the C1 controls dropped.
//!
//! Scraped pages often hold text that went through a Latin-1 decoder and a
//! filter that deleted the C1 control characters it produced. Curly quotes,
//! apostrophes and dashes are all `E2 80 xx` with `xx` in the C1 range, so
//! every one of them becomes a bare `â`: `Pyongyang’s` → `Pyongyangâs`,
//! `“gave` → `âgave`, `war.”` → `war.â`, ` – ` → ` â `. No charset
//! round trip can bring them back (the bytes are gone), and ftfy leaves
//! such text alone. The character can still be told from its context:
//!
//! - between letters it is an apostrophe (`donât`, `Pyongyangâs`);
//! - between spaces a dash (en dash, or em dash where the rest of the text
//!   prefers em dashes); between digits an en dash (`1990â95`);
//! - before a word, after a space, an opening quote; after a word or
//!   punctuation, before a space, a closing quote;
//! - quotes are paired within the line: an opening quote inside an open
//!   double quote that will be closed is a single quote, a closing mark
//!   after `s` that is followed by a later closing mark is a possessive
//!   apostrophe (`the playersâ union`), and the top-level quote style
//!   (double or single) is what the rest of the text uses.
//!
//! A bare `â` is only treated as damage where the evidence is strong: a line
//! needs at least one `â` in a place no real word puts it (between spaces,
//! next to punctuation, at the end of a word, in `nât`/`âs`/`âre`/`âll`/`âve`),
//! or the document must have such lines and this line must hold no intact
//! typographic punctuation (which a lossy decoder could not have produced).
//! Real `â` in French, Portuguese, Romanian or Vietnamese sits inside words,
//! and in damaged text a real `â` would read `Ã¢`, not `â`.
//!
//! The partial sequences whose last byte survived are fixed wherever they
//! appear, as they stand for nothing else: `â¦` → `…`, `â¬` → `€`, and
//! `â¢` → `•` (before a word) or `™` (after one).

use crate::edits::Edit;
use memchr::memmem;

/// What the rest of the document tells about its typography.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DocStyle {
    /// The dash that stands between spaces: '–' or '—'.
    pub dash: char,
    /// True when top-level quotes are single (‘…’) rather than double (“…”).
    pub top_single: bool,
    /// True when some line of the document is clearly lossy.
    pub doc_lossy: bool,
}

impl DocStyle {
    /// Scans `text` for lossy damage and typographic habits; `None` when the
    /// text has no `â` at all (the fast path).
    pub fn scan(text: &str) -> Option<DocStyle> {
        let bytes = text.as_bytes();
        let a_hat = "â".as_bytes();
        memmem::find(bytes, a_hat)?;
        let count =
            |forms: &[&str]| -> usize { forms.iter().map(|f| memmem::find_iter(bytes, f.as_bytes()).count()).sum() };
        // Intact, Windows-1252 mojibake and Latin-1-with-C1 forms.
        let en = count(&["–", "â€“", "â\u{80}\u{93}"]);
        let em = count(&["—", "â€”", "â\u{80}\u{94}"]);
        let ldq = count(&["“", "â€œ", "â\u{80}\u{9C}"]);
        let lsq = count(&["‘", "â€˜", "â\u{80}\u{98}"]);
        let mut doc_lossy = false;
        let finder = memmem::Finder::new(a_hat);
        let mut from = 0;
        // Each line holding an `â`, once.
        while let Some(found) = finder.find(&bytes[from..]) {
            let pos = from + found;
            let start = memchr::memrchr(b'\n', &bytes[..pos]).map_or(0, |p| p + 1);
            let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |p| pos + p);
            let chars: Vec<char> = text[start..end].chars().collect();
            if candidates(&chars).iter().any(|c| c.strong) {
                doc_lossy = true;
                break;
            }
            from = end;
        }
        Some(DocStyle { dash: if em > en { '—' } else { '–' }, top_single: lsq > ldq, doc_lossy })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Apostrophe,
    Dash,
    Open,
    Close,
    Ellipsis,
    Euro,
    Bullet,
    TradeMark,
}

#[derive(Debug, Clone, Copy)]
struct Cand {
    /// Index of the `â` in the line's chars.
    idx: usize,
    /// Chars replaced (1, or 2 with a surviving last byte).
    len: usize,
    role: Role,
    strong: bool,
}

/// What surrounds a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Word,
    Space,
    Open,
    Close,
    Quote,
    Other,
}

/// A character that a UTF-8 continuation byte becomes in Latin-1 or
/// Windows-1252: if one follows `â`, the sequence is not the lossy kind.
fn continuation_like(c: char) -> bool {
    ('\u{80}'..='\u{BF}').contains(&c) || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
}

/// Whether `chars[i]` is an `â` whose continuation bytes were dropped: not
/// followed by a continuation-like character, nor by the shapes ftfy's own
/// repairs handle (`â?¬`, where `?` stands for a lost byte, and `â €`, where
/// a space stands for a no-break space), nor in the middle of other mojibake.
fn is_bare(chars: &[char], i: usize) -> bool {
    if chars[i] != 'â' || in_garble(chars, i) {
        return false;
    }
    let next = chars.get(i + 1).copied();
    let after = chars.get(i + 2).copied();
    match next {
        Some(c) if continuation_like(c) || c == '\u{FFFD}' => false,
        Some('?' | ' ') => !after.is_some_and(|c| continuation_like(c) && c != '\u{A0}' || c == '\u{FFFD}'),
        _ => true,
    }
}

/// True when the character before `i` is a continuation-like character that
/// does not end a complete two-byte sequence (`Ã©` does; `ã‚` does not):
/// then `â` continues a garble rather than standing for lost punctuation.
fn in_garble(chars: &[char], i: usize) -> bool {
    if i == 0 || !continuation_like(chars[i - 1]) {
        return false;
    }
    !(i >= 2 && ('\u{C2}'..='\u{DF}').contains(&chars[i - 2]))
}

fn ctx_of(chars: &[char], i: Option<usize>) -> Ctx {
    let Some(i) = i else { return Ctx::Space };
    let Some(&c) = chars.get(i) else { return Ctx::Space };
    if c.is_whitespace() {
        Ctx::Space
    } else if c == 'â' && is_bare(chars, i) {
        Ctx::Quote
    } else if c.is_alphanumeric() {
        Ctx::Word
    } else if "([{/-–—".contains(c) {
        Ctx::Open
    } else if ".,;:!?)]}%".contains(c) {
        Ctx::Close
    } else if "\"'“”‘’«»".contains(c) {
        Ctx::Quote
    } else if ('\u{A0}'..='\u{BF}').contains(&c) && i > 0 && ('\u{C2}'..='\u{DF}').contains(&chars[i - 1]) {
        // The tail of a surviving two-byte sequence such as `Ã©`: a letter.
        Ctx::Word
    } else {
        Ctx::Other
    }
}

const PRONOUNS: [&str; 9] = ["i", "you", "we", "they", "he", "she", "it", "who", "there"];

/// Whether the letters after an apostrophe-shaped `â` make an English
/// contraction or possessive (`âs`, `nât`, `âre`, `âve`, `âll`, `Iâm`, `weâd`).
fn contraction(chars: &[char], i: usize) -> bool {
    let mut j = i + 1;
    while j < chars.len() && chars[j].is_alphabetic() {
        j += 1;
    }
    let suffix: String = chars[i + 1..j].iter().flat_map(|c| c.to_lowercase()).collect();
    let mut k = i;
    while k > 0 && chars[k - 1].is_alphabetic() {
        k -= 1;
    }
    let word: String = chars[k..i].iter().flat_map(|c| c.to_lowercase()).collect();
    match suffix.as_str() {
        "s" | "re" | "ve" | "ll" => true,
        "t" => word.ends_with('n'),
        "m" => word == "i",
        "d" => PRONOUNS.contains(&word.as_str()),
        _ => false,
    }
}

/// Whether the line holds letters a Latin-1 reading of UTF-8 cannot
/// produce: letters above U+00FF (`ı`, `ş`, Cyrillic), or Latin-1 letters
/// that are no UTF-8 lead byte (`À`, `Á`, `õ`..`ÿ`, as in `ü`, `ö`). Such a
/// line was decoded right, and its `â` are real (Turkish `hâlâ`).
fn decoded_right(chars: &[char]) -> bool {
    chars.iter().any(|&c| (c > '\u{FF}' && c.is_alphabetic()) || matches!(c, 'À' | 'Á' | 'õ'..='ÿ'))
}

/// Finds the lossy candidates of a line and what each looks like.
fn candidates(chars: &[char]) -> Vec<Cand> {
    let mut out = Vec::new();
    if decoded_right(chars) {
        return out;
    }
    for i in 0..chars.len() {
        if chars[i] != 'â' {
            continue;
        }
        let next = chars.get(i + 1).copied();
        let p = ctx_of(chars, i.checked_sub(1));
        if in_garble(chars, i) {
            continue;
        }
        match next {
            Some('¦') => {
                out.push(Cand { idx: i, len: 2, role: Role::Ellipsis, strong: true });
                continue;
            }
            Some('¬') => {
                out.push(Cand { idx: i, len: 2, role: Role::Euro, strong: true });
                continue;
            }
            Some('¢') => {
                let role = if p == Ctx::Word { Role::TradeMark } else { Role::Bullet };
                out.push(Cand { idx: i, len: 2, role, strong: true });
                continue;
            }
            _ => {}
        }
        if !is_bare(chars, i) {
            continue;
        }
        let n = ctx_of(chars, Some(i + 1));
        let digit = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_digit());
        let real_space = |k: Option<usize>| k.and_then(|k| chars.get(k)).is_some_and(|c| c.is_whitespace());
        let (role, strong) = match (p, n) {
            (Ctx::Word, Ctx::Word) => {
                if digit(i - 1) && digit(i + 1) {
                    (Role::Dash, true)
                } else {
                    (Role::Apostrophe, contraction(chars, i))
                }
            }
            (Ctx::Space | Ctx::Open, Ctx::Space) => {
                // After a full stop at the end of a line: a quotation that
                // opens here and runs on (a dash does not follow a full stop).
                let after_stop = i + 1 == chars.len()
                    && i >= 2
                    && chars[i - 1] == ' '
                    && matches!(chars[i - 2], '.' | '!' | '?' | ':');
                if after_stop {
                    (Role::Open, true)
                } else {
                    (Role::Dash, real_space(i.checked_sub(1)) || real_space(Some(i + 1)))
                }
            }
            (Ctx::Space | Ctx::Open | Ctx::Quote, _) => {
                // ’90s: an apostrophe before a decade.
                if digit(i + 1) && digit(i + 2) && chars.get(i + 3) == Some(&'s') {
                    (Role::Apostrophe, false)
                } else {
                    (Role::Open, p == Ctx::Quote && chars[i - 1] == 'â')
                }
            }
            (Ctx::Close, Ctx::Word) => (Role::Open, true),
            (Ctx::Word | Ctx::Close, Ctx::Space | Ctx::Close | Ctx::Quote) => (Role::Close, true),
            (Ctx::Other, Ctx::Space | Ctx::Close | Ctx::Quote) => (Role::Close, false),
            (Ctx::Word, _) => (Role::Close, false),
            _ => (Role::Apostrophe, false),
        };
        out.push(Cand { idx: i, len: 1, role, strong });
    }
    out
}

/// Words after a closing quote that show it was one (`…,â he said`).
const SPEECH: [&str; 16] = [
    "he",
    "she",
    "they",
    "we",
    "i",
    "it",
    "said",
    "says",
    "added",
    "told",
    "according",
    "explained",
    "insisted",
    "warned",
    "argued",
    "asked",
];

fn next_word(chars: &[char], mut j: usize) -> String {
    while j < chars.len() && !chars[j].is_alphanumeric() {
        if !chars[j].is_whitespace() {
            return String::new();
        }
        j += 1;
    }
    let mut w = String::new();
    while j < chars.len() && chars[j].is_alphanumeric() {
        w.extend(chars[j].to_lowercase());
        j += 1;
    }
    w
}

/// The edits repairing the lossy punctuation of `line`, or nothing when the
/// line does not show strong enough evidence.
pub(crate) fn repair_line(line: &str, style: &DocStyle) -> Vec<Edit> {
    let chars: Vec<char> = line.chars().collect();
    let cands = candidates(&chars);
    if cands.is_empty() {
        return Vec::new();
    }
    let strong = cands.iter().any(|c| c.strong);
    let intact = chars.iter().any(|c| "’‘“”–—".contains(*c));
    if !strong && (!style.doc_lossy || intact) {
        return Vec::new();
    }
    let mut offsets: Vec<usize> = line.char_indices().map(|(o, _)| o).collect();
    offsets.push(line.len());
    let (top_open, top_close, inner_open, inner_close) =
        if style.top_single { ('‘', '’', '“', '”') } else { ('“', '”', '‘', '’') };

    // A closing mark after `s` and before a word may be a possessive
    // (`the playersâ union`); any other closing mark surely closes a quote.
    let ambiguous: Vec<bool> = cands
        .iter()
        .map(|c| {
            c.role == Role::Close
                && c.idx > 0
                && matches!(chars[c.idx - 1], 's' | 'S')
                && chars.get(c.idx + 1).is_some_and(|x| x.is_whitespace())
                && chars.get(c.idx + 2).is_some_and(|x| x.is_alphanumeric())
                && !SPEECH.contains(&next_word(&chars, c.idx + 1).as_str())
        })
        .collect();
    // Sure closing marks after candidate `k`, before the next opening mark.
    let sure_closers_after = |k: usize| {
        (k + 1..cands.len())
            .take_while(|&j| cands[j].role != Role::Open)
            .filter(|&j| cands[j].role == Role::Close && !ambiguous[j])
            .count()
    };

    // Stack of open quotes: true for the top-level style, false for nested.
    let mut stack: Vec<bool> = Vec::new();
    let mut edits = Vec::new();
    for (k, c) in cands.iter().enumerate() {
        let (after, rule): (char, &str) = match c.role {
            Role::Apostrophe => ('’', "lossy-c1-apostrophe"),
            Role::Dash => {
                let between_digits = c.idx > 0 && chars[c.idx - 1].is_ascii_digit();
                (if between_digits { '–' } else { style.dash }, "lossy-c1-dash")
            }
            Role::Ellipsis => ('…', "lossy-c1-ellipsis"),
            Role::Euro => ('€', "lossy-c1-euro"),
            Role::Bullet => ('•', "lossy-c1-bullet"),
            Role::TradeMark => ('™', "lossy-c1-trademark"),
            Role::Open => {
                // Nest only when enough sure closing marks follow to close
                // this quote and the open ones; otherwise the open quote was
                // left open (a quotation running on past a paragraph).
                if !stack.is_empty() && sure_closers_after(k) < stack.len() + 1 {
                    stack.clear();
                }
                let top = stack.last().is_none_or(|&t| !t);
                stack.push(top);
                (if top { top_open } else { inner_open }, "lossy-c1-quote")
            }
            Role::Close => {
                let next_is_close = cands.get(k + 1).is_some_and(|x| x.idx == c.idx + 1 && x.role == Role::Close);
                if ambiguous[k] && sure_closers_after(k) >= stack.len() {
                    // Nothing left open that needs this mark: a possessive.
                    ('’', "lossy-c1-apostrophe")
                } else if stack.is_empty() {
                    // A quotation that began before this line.
                    (top_close, "lossy-c1-quote")
                } else if next_is_close && stack.len() == 1 {
                    ('’', "lossy-c1-apostrophe")
                } else {
                    let top = stack.pop().unwrap_or(true);
                    (if top { top_close } else { inner_close }, "lossy-c1-quote")
                }
            }
        };
        let start = offsets[c.idx];
        let end = offsets[(c.idx + c.len).min(chars.len())];
        edits.push(Edit { start, end, after: after.to_string(), rule: rule.to_string() });
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::splice;

    const PLAIN: DocStyle = DocStyle { dash: '–', top_single: false, doc_lossy: false };

    fn fix(s: &str) -> String {
        splice(s, &repair_line(s, &PLAIN))
    }

    #[test]
    fn apostrophes_quotes_and_dashes_from_context() {
        assert_eq!(fix("Pyongyangâs image"), "Pyongyang’s image");
        assert_eq!(fix("leader âgave us an order in their holy war.â"), "leader “gave us an order in their holy war.”");
        assert_eq!(fix("losing money fast â only four"), "losing money fast – only four");
        assert_eq!(fix("from 1990â95 it grew"), "from 1990–95 it grew");
        assert_eq!(fix("âItâs all about transparency,â he said."), "“It’s all about transparency,” he said.");
    }

    #[test]
    fn nested_and_unclosed_quotes() {
        assert_eq!(
            fix("He said: âMy friend said âIf you had a gunâ. Fine.â"),
            "He said: “My friend said ‘If you had a gun’. Fine.”"
        );
        assert_eq!(fix("âEvery day counts. âIt is clear.â"), "“Every day counts. “It is clear.”");
    }

    #[test]
    fn possessive_plurals() {
        assert_eq!(fix("Delta Air Linesâ Comair unit â after chaos"), "Delta Air Lines’ Comair unit – after chaos");
        assert_eq!(fix("âThe playersâ union agreed,â he said."), "“The players’ union agreed,” he said.");
    }

    #[test]
    fn partial_sequences() {
        assert_eq!(fix("waitâ¦ what"), "wait… what");
        assert_eq!(fix("costs 5â¬"), "costs 5€");
        assert_eq!(fix("â¢ item"), "• item");
    }

    #[test]
    fn real_circumflex_words_are_left_alone() {
        for s in ["l’âge d’or", "un château", "România", "Tâm and Lâm", "pâte", "âme"] {
            assert_eq!(fix(s), s, "{s}");
        }
    }

    #[test]
    fn lines_decoded_right_keep_their_circumflexes() {
        for s in ["Türkiye hâlâ, dedi.", "Kâzım’ın dükkânı, hâlâ açık.", "Erdoğan hâlâ burada."] {
            assert_eq!(fix(s), s, "{s}");
        }
    }

    #[test]
    fn weak_evidence_needs_a_lossy_document() {
        let lossy = DocStyle { doc_lossy: true, ..PLAIN };
        assert_eq!(splice("âunlikely", &repair_line("âunlikely", &lossy)), "“unlikely");
        assert_eq!(fix("âunlikely"), "âunlikely");
        // A line with intact typography is not lossy on weak evidence.
        assert_eq!(splice("“x” âge", &repair_line("“x” âge", &lossy)), "“x” âge");
    }

    #[test]
    fn document_style_picks_dash_and_quotes() {
        let s = DocStyle::scan("a — b — c\n‘single’ and ‘more’\nx â y").unwrap();
        assert_eq!(s.dash, '—');
        assert!(s.top_single);
        assert!(s.doc_lossy);
        assert_eq!(DocStyle::scan("no circumflex here"), None);
        assert!(!DocStyle::scan("un château").unwrap().doc_lossy);
    }
}
