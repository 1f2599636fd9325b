//! # sitrep-repair: bytes in any charset to clean Unicode text
//!
//! Web text arrives in many charsets and, too often, already broken:
//! UTF-8 read as Windows-1252 (`Pyongyangâ€™s`), read twice
//! (`PyongyangÃ¢â‚¬â„¢s`), read as Latin-1 with the C1 bytes kept
//! (`Pyongyangâ\u{80}\u{99}s`) or dropped (`Pyongyangâs`), with HTML
//! entities and stray control characters. This crate
//!
//! - [`decode`]s raw bytes: BOM, then a declared charset, then valid
//!   UTF-8, then detection (chardetng); it never fails and says which
//!   charset it used and whether bytes had to be replaced;
//! - [`repair`]s the decoded text, leaving good text alone, and records
//!   every change as a [`sitrep_core::Repair`] (offset in the output,
//!   before, after, rule), so nothing is rewritten silently.
//!
//! ```
//! let bytes = "Pyongyangâ€™s “holy war” – naïve".as_bytes();
//! let decoded = sitrep_repair::decode(bytes, None);
//! let repaired = sitrep_repair::repair(&decoded.text);
//! assert_eq!(repaired.text, "Pyongyang’s “holy war” – naïve");
//! assert_eq!(repaired.repairs[0].before, "â€™");
//! assert_eq!(repaired.repairs[0].rule, "embedded-utf8-as-windows-1252");
//! ```
//!
//! ## What repair does, line by line
//!
//! 1. HTML character references (`&eacute;`, `&#8217;`) in lines without
//!    markup ([`entities`](crate::entities)).
//! 2. The lossy case, where the C1 bytes of UTF-8 read as Latin-1 were
//!    dropped and every curly quote, apostrophe and dash became a bare `â`:
//!    inferred from context, only where the evidence is strong (see the
//!    `lossy` module).
//! 3. Mojibake: UTF-8 decoded as Latin-1, Windows-1250/1251/1252/1253/1254/
//!    1257, ISO-8859-2, MacRoman or CP437, once or several times, whole
//!    lines or only stretches of them, with no-break spaces turned into
//!    spaces or bytes lost to U+FFFD; Latin-1 meant as Windows-1252; stray
//!    C1 controls read as Windows-1252 (the `fix_encoding` module, after
//!    ftfy's `fix_encoding`).
//! 4. NFC normalisation.
//!
//! Then, in documents that show the lossy damage, letters that lost their
//! second byte (`ErdoÄan`) are restored where exactly one reading is a word
//! the document itself uses elsewhere (`Erdoğan`).
//!
//! Repair never joins or splits lines: the output has the same line breaks
//! as the input, so line-aligned benchmarks and offsets stay meaningful.
//! Each line is repaired on its own (very long lines in 1 MB pieces), with
//! what the whole document shows about quote and dash style.
//!
//! ## What repair does not do
//!
//! Quotes are **kept curly**: `“` stays `“` (ftfy's `fix_text` straightens
//! them, its `fix_encoding` does not). Later stages find quotations by their
//! marks, and curly marks say which side opens. Likewise ligatures (`ﬁ`),
//! full-width forms and control characters other than C1 are left as they
//! are: those are not damage, and other stages can normalise them if they
//! need to. Clean text takes a fast path: a line that is ASCII without `&`,
//! or whose non-ASCII characters cannot take part in mojibake (curly
//! quotes, dashes, letters not used in any charset mix-up), is copied as is.

mod badness;
mod charmap;
mod classes;
mod decode;
mod edits;
mod entities;
mod fix_encoding;
mod lossy;
mod vocab;

pub use decode::{decode, Decoded};
use edits::{diff_edits, Tracker};
use lossy::DocStyle;
use sitrep_core::Repair;

/// Repaired text and the changes made to it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Repaired {
    pub text: String,
    /// Changes in order of their offset in `text`.
    pub repairs: Vec<Repair>,
}

/// Lines longer than this are repaired in pieces, to bound the work and
/// memory spent on one (200 MB single-line files exist).
const MAX_PIECE: usize = 1 << 20;

/// Rounds of the whole fix (entities, re-decoding, NFC) before giving up on
/// text that keeps changing.
const MAX_ROUNDS: usize = 3;

/// Repairs mojibake in `text`, keeping its line breaks.
pub fn repair(text: &str) -> Repaired {
    let style = DocStyle::scan(text);
    let mut out = String::with_capacity(text.len());
    let mut repairs = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (line, nl) = match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(i) => (&rest[..i], &rest[i..=i]),
            None => (rest, ""),
        };
        rest = &rest[line.len() + nl.len()..];
        for piece in pieces(line) {
            let needs = Needs::of(piece);
            if needs.any() {
                repair_piece(piece, needs, style.as_ref(), &mut out, &mut repairs);
            } else {
                out.push_str(piece);
            }
        }
        out.push_str(nl);
    }
    if style.is_some_and(|s| s.doc_lossy) {
        vocab::restore_lost_letters(&mut out, &mut repairs);
    }
    Repaired { text: out, repairs }
}

/// Splits a line into pieces of at most about [`MAX_PIECE`] bytes, at
/// whitespace where there is some near the limit.
fn pieces(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= MAX_PIECE {
            let piece = rest;
            rest = "";
            return Some(piece);
        }
        let mut cut = MAX_PIECE;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let window_start = cut.saturating_sub(4096);
        if let Some(sp) = rest.as_bytes()[window_start..cut].iter().rposition(|b| b.is_ascii_whitespace()) {
            cut = window_start + sp + 1;
        }
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// What a piece of text could need, from one pass over its bytes. This is
/// the fast path for clean text: no allocation.
#[derive(Debug, Clone, Copy, Default)]
struct Needs {
    /// An `&` (HTML character references).
    amp: bool,
    /// A character that can take part in mojibake.
    trigger: bool,
    /// A character NFC may change.
    denormal: bool,
}

impl Needs {
    fn of(piece: &str) -> Needs {
        let amp = memchr::memchr(b'&', piece.as_bytes()).is_some();
        if piece.is_ascii() {
            return Needs { amp, ..Needs::default() };
        }
        let mut n = Needs { amp, ..Needs::default() };
        for c in piece.chars().filter(|c| !c.is_ascii()) {
            n.trigger |= classes::class(c) & classes::TRIGGER != 0;
            n.denormal |= may_denormalise(c);
        }
        n
    }

    fn any(self) -> bool {
        self.amp || self.trigger || self.denormal
    }
}

/// Characters that NFC may change (or that may combine with a neighbour).
/// Everything below U+0300 is stable, and so is most punctuation.
#[inline]
fn may_denormalise(c: char) -> bool {
    c >= '\u{300}' && !matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '€' | '™')
}

/// Repairs one piece of one line, appending the text to `out` and the
/// records (with offsets into `out`) to `repairs`.
fn repair_piece(piece: &str, needs: Needs, style: Option<&DocStyle>, out: &mut String, repairs: &mut Vec<Repair>) {
    let lossy = style.is_some() && piece.contains('â');
    if !needs.amp && !lossy && !needs.denormal {
        // The common case of accented text: nothing looks like mojibake.
        let chars: Vec<char> = piece.chars().collect();
        if !badness::is_bad(&chars) {
            out.push_str(piece);
            return;
        }
    }
    let mut tracker = Tracker::new(piece);
    for round in 0..MAX_ROUNDS {
        let before_round = tracker.current();
        if before_round.contains('&') {
            tracker.apply(&entities::unescape(&before_round));
        }
        if round == 0 {
            if let Some(style) = style {
                let cur = tracker.current();
                if cur.contains('â') {
                    tracker.apply(&lossy::repair_line(&cur, style));
                }
            }
        }
        for _ in 0..8 {
            let cur = tracker.current();
            match fix_encoding::fix_step(&cur) {
                Some(edits) => tracker.apply(&edits),
                None => break,
            }
        }
        let cur = tracker.current();
        if !cur.is_ascii() && !unicode_normalization::is_nfc(&cur) {
            use unicode_normalization::UnicodeNormalization;
            let nfc: String = cur.nfc().collect();
            tracker.apply(&diff_edits(&cur, &nfc, "nfc"));
        }
        if tracker.current() == before_round {
            break;
        }
    }
    let base = out.len();
    tracker.write_current(out);
    tracker.records(base, repairs);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(s: &str) -> String {
        repair(s).text
    }

    #[test]
    fn good_text_is_left_alone() {
        for s in [
            "café, Ångström, naïve, façade, Øresund, São Paulo, Dvořák, Łódź",
            "He said “yes” – and ‘no’ — it’s 5€ or £4… ™ ® © °C ½ × 2",
            "Ελληνικά, русский язык, العربية, עברית, 日本語, 한국어, हिन्दी",
            "Windows-1252 punctuation is fine: „Gänsefüßchen“ and «guillemets» ‹x›",
            "plain ASCII with an & ampersand and AT&T",
            "",
            "\n\n",
        ] {
            let r = repair(s);
            assert_eq!(r.text, s);
            assert!(r.repairs.is_empty(), "{s}: {:?}", r.repairs);
        }
    }

    #[test]
    fn line_breaks_are_kept_exactly() {
        let s = "a â€™ b\r\n\ncafÃ©\nend";
        let r = repair(s);
        assert_eq!(r.text, "a ’ b\r\n\ncafé\nend");
    }

    #[test]
    fn each_change_is_recorded_at_its_output_offset() {
        let s = "ok\nPyongyangâ€™s cafÃ© &amp; more\nthe warâs end";
        let r = repair(s);
        assert_eq!(r.text, "ok\nPyongyang’s café & more\nthe war’s end");
        assert_eq!(r.repairs.len(), 4);
        for rep in &r.repairs {
            assert_eq!(&r.text[rep.offset..rep.offset + rep.after.len()], rep.after);
        }
        let rules: Vec<&str> = r.repairs.iter().map(|x| x.rule.as_str()).collect();
        assert_eq!(rules, ["utf8-as-windows-1252", "utf8-as-windows-1252", "html-entity", "lossy-c1-apostrophe"]);
    }

    #[test]
    fn mixed_damage_in_one_file() {
        let s = "Pyongyang’s\nPyongyangâ€™s\nPyongyangâ\u{80}\u{99}s\nPyongyangâs\nPyongyangÃ¢â‚¬â„¢s";
        let r = repair(s);
        assert_eq!(r.text, "Pyongyang’s\n".repeat(5).trim_end());
    }

    #[test]
    fn each_rule_names_itself() {
        let cases = [
            ("cafÃ©", "café", "utf8-as-latin-1"),
            ("Pyongyangâ€™s", "Pyongyang’s", "utf8-as-windows-1252"),
            ("Pyongyangâ\u{80}\u{99}s", "Pyongyang’s", "utf8-as-latin-1"),
            ("nÃƒÂ©", "né", "utf8-as-windows-1252>utf8-as-latin-1"),
            ("РґРѕСЂРѕРіРµ #С„СѓС‚Р±РѕР»", "дороге #футбол", "utf8-as-windows-1251"),
            ("naïve and cafÃ©", "naïve and café", "embedded-utf8-as-latin-1"),
            ("\u{84}quoted\u{93} über", "„quoted“ über", "latin-1-as-windows-1252"),
            ("Jos&#233; &amp; co", "José & co", "html-entity"),
            ("cafe\u{301}", "café", "nfc"),
            ("the warâs end", "the war’s end", "lossy-c1-apostrophe"),
            ("fast â only", "fast – only", "lossy-c1-dash"),
            ("waitâ¦ what", "wait… what", "lossy-c1-ellipsis"),
        ];
        for (input, want, rule) in cases {
            let r = repair(input);
            assert_eq!(r.text, want, "{input}");
            assert_eq!(r.repairs.first().map(|x| x.rule.as_str()), Some(rule), "{input}: {:?}", r.repairs);
        }
    }

    /// Undoing every record (after → before) must give back the input.
    fn undo(r: &Repaired) -> String {
        let mut out = String::new();
        let mut pos = 0;
        for rep in &r.repairs {
            assert!(rep.offset >= pos, "records overlap: {:?}", r.repairs);
            assert_eq!(&r.text[rep.offset..rep.offset + rep.after.len()], rep.after);
            out.push_str(&r.text[pos..rep.offset]);
            out.push_str(&rep.before);
            pos = rep.offset + rep.after.len();
        }
        out.push_str(&r.text[pos..]);
        out
    }

    #[test]
    fn records_give_back_the_input() {
        let fragments = [
            "Pyongyangâ€™s ",
            "cafÃ© ",
            "nÃƒÂ© ",
            "&eacute;&amp; ",
            "the warâs end ",
            "fast â only ",
            "e\u{301} ",
            "\u{85} ",
            "naïve “quoted” – ",
            "voilÃ le ",
            "Ã¢â‚¬Å“x ",
            "РґРѕСЂРѕРіРµ #С„СѓС‚Р±РѕР» ",
            "\n",
        ];
        // A small deterministic generator, so the mixes vary but repeat.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut input = String::new();
            for _ in 0..8 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                input.push_str(fragments[(state % fragments.len() as u64) as usize]);
            }
            let r = repair(&input);
            assert_eq!(undo(&r), input);
            assert_eq!(r.text.matches('\n').count(), input.matches('\n').count());
        }
    }

    #[test]
    fn nfc_and_c1_controls() {
        assert_eq!(fixed("cafe\u{301}"), "café");
        assert_eq!(fixed("parlé\u{85} Tu"), "parlé… Tu");
    }

    #[test]
    fn long_lines_are_split_without_losing_text() {
        let word = "Pyongyangâ€™s ";
        let line = word.repeat(MAX_PIECE / word.len() + 10);
        let r = repair(&line);
        assert_eq!(r.text, "Pyongyang’s ".repeat(MAX_PIECE / word.len() + 10));
    }
}
