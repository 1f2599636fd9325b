//! Does this text look like mojibake?
//!
//! [`is_bad`] answers with a list of unlikely character sequences, after
//! ftfy's `badness` heuristic (MIT licence): an accented small letter
//! followed by a currency sign, a C1 control, `Ã` before `©`, `â€`, Cyrillic
//! `вЂ`, a box-drawing character next to an accented letter, and so on.
//! Real text in any language rarely has these; UTF-8 read in the wrong
//! charset has them everywhere. The heuristic decides both whether to try a
//! fix and, inside mixed lines, which stretches to fix.

use crate::classes::*;

/// Anything a badness pattern may start with.
const ANCHOR1: u32 = BAD | LOWER_ACC | UPPER_ACC | BOX | START | END | CURRENCY | NUMERIC | LAW;

/// True when `text` contains at least one sequence that is far more likely
/// mojibake than intended text.
pub fn is_bad(text: &[char]) -> bool {
    (0..text.len()).any(|i| bad_at(text, i))
}

#[inline]
fn at(t: &[char], i: usize) -> Option<char> {
    t.get(i).copied()
}

#[inline]
fn cl(t: &[char], i: usize) -> u32 {
    t.get(i).map_or(0, |&c| class(c))
}

#[inline]
fn has(t: &[char], i: usize, bits: u32) -> bool {
    cl(t, i) & bits != 0
}

#[inline]
fn is(t: &[char], i: usize, set: &str) -> bool {
    at(t, i).is_some_and(|c| set.contains(c))
}

/// Whether some badness pattern matches starting at `i`.
fn bad_at(t: &[char], i: usize) -> bool {
    let c0 = t[i];
    let k0 = class(c0);
    if k0 & C1 != 0 {
        return true;
    }
    // Patterns anchored on an ASCII letter or punctuation.
    if c0.is_ascii() {
        // All of them have a non-ASCII character among the next three.
        if !(1..=3).any(|k| t.get(i + k).is_some_and(|c| !c.is_ascii())) {
            return false;
        }
        if c0.is_ascii_alphabetic() && has(t, i + 1, LOWER_COMMON | UPPER_COMMON) && has(t, i + 2, BAD) {
            return true;
        }
        if c0.is_ascii_lowercase() {
            if has(t, i + 1, UPPER_ACC) && has(t, i + 2, START | CURRENCY) {
                return true;
            }
            // [a-z]\s?[ÃÂ][ ]
            if is(t, i + 1, "ÃÂ") && at(t, i + 2) == Some(' ') {
                return true;
            }
            if at(t, i + 1).is_some_and(is_space) && is(t, i + 2, "ÃÂ") && at(t, i + 3) == Some(' ') {
                return true;
            }
        }
        // [a-z.,?!END] Â [ START END]
        if (c0.is_ascii_lowercase() || ".,?!".contains(c0))
            && at(t, i + 1) == Some('Â')
            && (at(t, i + 2) == Some(' ') || has(t, i + 2, START | END))
        {
            return true;
        }
        // \s [UPPER_ACC] [CURRENCY]
        if is_space(c0) && has(t, i + 1, UPPER_ACC) && has(t, i + 2, CURRENCY) {
            return true;
        }
        return false;
    }
    // No pattern starts with a non-ASCII character outside every class,
    // other than whitespace.
    if k0 == 0 && !is_space(c0) {
        return false;
    }
    if is_space(c0) && has(t, i + 1, UPPER_ACC) && has(t, i + 2, CURRENCY) {
        return true;
    }
    if i == 0 && "ÃÂ".contains(c0) && at(t, 1) == Some(' ') {
        return true;
    }
    let k1 = cl(t, i + 1);
    if k0 & ANCHOR1 != 0 && k1 & BAD != 0 {
        return true;
    }
    if k0 & BAD != 0 && k1 & (LOWER_ACC | UPPER_ACC | BOX | START | END | CURRENCY | NUMERIC | LAW) != 0 {
        return true;
    }
    if k0 & (LOWER_ACC | LOWER_COMMON | BOX | END | CURRENCY | NUMERIC) != 0 && k1 & UPPER_ACC != 0 {
        return true;
    }
    if k0 & (BOX | END | CURRENCY | NUMERIC) != 0 && k1 & LOWER_ACC != 0 {
        return true;
    }
    if k0 & (LOWER_ACC | BOX | END) != 0 && k1 & CURRENCY != 0 {
        return true;
    }
    if k0 & (UPPER_ACC | BOX) != 0 && k1 & (NUMERIC | LAW) != 0 {
        return true;
    }
    if k0 & (LOWER_ACC | UPPER_ACC | BOX | CURRENCY | END) != 0 && k1 & START != 0 && has(t, i + 2, NUMERIC) {
        return true;
    }
    if k0 & (LOWER_ACC | UPPER_ACC | CURRENCY | NUMERIC | BOX | LAW) != 0 && k1 & END != 0 && has(t, i + 2, START) {
        return true;
    }
    if k0 & (CURRENCY | NUMERIC | BOX) != 0 && k1 & START != 0 {
        return true;
    }
    if k0 & BOX != 0 && k1 & (KAOMOJI | END) != 0 {
        return true;
    }
    if k0 & (LOWER_ACC | UPPER_ACC | CURRENCY | NUMERIC | START | END | LAW) != 0 && k1 & BOX != 0 {
        return true;
    }
    if k0 & (LOWER_ACC | UPPER_ACC) != 0 && k1 & (START | END) != 0 && at(t, i + 2).is_some_and(is_word) {
        return true;
    }
    // [END] Â [ START END]: the punctuation-led form of the Â pattern.
    if k0 & END != 0 && at(t, i + 1) == Some('Â') && (at(t, i + 2) == Some(' ') || has(t, i + 2, START | END)) {
        return true;
    }
    // The rest start with one particular character, all of them triggers
    // except the low single quote.
    if k0 & TRIGGER == 0 && c0 != '‚' {
        return false;
    }
    if "Œœ".contains(c0) && at(t, i + 1).is_some_and(|c| !c.is_ascii_alphabetic()) {
        return true;
    }
    if k0 & UPPER_ACC != 0 && at(t, i + 1) == Some('°') {
        return true;
    }
    if "ÂÃÎÐ".contains(c0) && (is(t, i + 1, "€œŠš¢£Ÿž\u{A0}\u{AD}®©°·»–—´") || k1 & (START | END) != 0)
    {
        return true;
    }
    if c0 == '×' && is(t, i + 1, "²³") {
        return true;
    }
    if "ØÙ".contains(c0) {
        let arabic_tail = |j: usize| has(t, j, COMMON | CURRENCY | BAD | NUMERIC | START) || is(t, j, "ŸŠ®°µ»");
        if arabic_tail(i + 1) && is(t, i + 2, "ØÙ") && arabic_tail(i + 3) {
            return true;
        }
    }
    if c0 == 'à' && is(t, i + 1, "²µ¹¼½¾") {
        return true;
    }
    if c0 == '√' && is(t, i + 1, "±∂†≠®™´≤≥¥µø") {
        return true;
    }
    if c0 == '≈' && is(t, i + 1, "°¢") {
        return true;
    }
    if c0 == '‚' {
        if at(t, i + 1) == Some('Ä') && is(t, i + 2, "ìîïòôúùû†°¢π") {
            return true;
        }
        if is(t, i + 1, "âó") && is(t, i + 2, "àä°ê") {
            return true;
        }
    }
    if c0 == 'в' && at(t, i + 1) == Some('Ђ') {
        return true;
    }
    if "ВГРС".contains(c0)
        && (has(t, i + 1, C1 | BAD | START | END | CURRENCY) || is(t, i + 1, "°µ"))
        && is(t, i + 2, "ВГРС")
    {
        return true;
    }
    if c0 == 'Г'
        && at(t, i + 1) == Some('ў')
        && at(t, i + 2) == Some('В')
        && at(t, i + 3) == Some('Ђ')
        && at(t, i + 4) == Some('В')
        && i + 5 < t.len()
        && at(t, i + 6).is_some_and(|c| c.is_ascii_alphabetic() || c == ' ')
    {
        return true;
    }
    if c0 == 'Ã' && is(t, i + 1, "\u{A0}¡") {
        return true;
    }
    if c0 == 'β' && at(t, i + 1) == Some('€') && is(t, i + 2, "™\u{A0}Ά\u{AD}®°") {
        return true;
    }
    if "ΒΓΞΟ".contains(c0)
        && (has(t, i + 1, C1 | BAD | START | END | CURRENCY) || is(t, i + 1, "°"))
        && is(t, i + 2, "ΒΓΞΟ")
    {
        return true;
    }
    if c0 == 'ā' && at(t, i + 1) == Some('€') {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(s: &str) -> bool {
        is_bad(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn mojibake_is_bad() {
        assert!(bad("Pyongyangâ€™s"));
        assert!(bad("cafÃ©"));
        assert!(bad("Â£5"));
        assert!(bad("С„СѓС‚Р±РѕР»"));
        assert!(bad("x\u{85}y"));
        assert!(bad("voilÃ le"));
    }

    #[test]
    fn good_text_is_not_bad() {
        for s in [
            "café",
            "Ångström",
            "naïve",
            "Pyongyang’s “holy war” – said",
            "£5 and 10€",
            "дороге Из-под",
            "Ελληνικά",
            "4288×…",
            "NESTLÉ® requiere",
            "2012—∞",
        ] {
            assert!(!bad(s), "{s}");
        }
    }
}
