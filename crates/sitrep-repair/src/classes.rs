//! Character classes for spotting mojibake.
//!
//! Only a few hundred characters take part in UTF-8 mojibake: accented
//! Latin capitals and small letters, currency and math signs, C1 controls,
//! box drawing, some Greek and Cyrillic. The badness heuristic
//! ([`crate::badness`]) looks at unlikely neighbours among them, and the
//! embedded-UTF-8 detector ([`crate::fix_encoding`]) at letters that would be
//! UTF-8 lead or continuation bytes in a single-byte charset. Each character
//! gets a bit set of classes, looked up in a table built once.
//!
//! The grouping follows ftfy's `badness` categories (MIT licence); the table
//! itself is built here from the character lists and the charsets in
//! [`crate::charmap`].

use crate::charmap::Charmap;
use std::sync::OnceLock;

pub const C1: u32 = 1 << 0;
pub const BAD: u32 = 1 << 1;
pub const LAW: u32 = 1 << 2;
pub const CURRENCY: u32 = 1 << 3;
pub const START: u32 = 1 << 4;
pub const END: u32 = 1 << 5;
pub const NUMERIC: u32 = 1 << 6;
pub const KAOMOJI: u32 = 1 << 7;
pub const UPPER_ACC: u32 = 1 << 8;
pub const LOWER_ACC: u32 = 1 << 9;
pub const UPPER_COMMON: u32 = 1 << 10;
pub const LOWER_COMMON: u32 = 1 << 11;
pub const BOX: u32 = 1 << 12;
pub const COMMON: u32 = 1 << 13;
/// Would be a UTF-8 lead byte of a 2-, 3- or 4-byte sequence in some charset.
pub const FIRST2: u32 = 1 << 14;
pub const FIRST3: u32 = 1 << 15;
pub const FIRST4: u32 = 1 << 16;
/// Would be a UTF-8 continuation byte in some charset (or a space for 0xA0).
pub const CONT: u32 = 1 << 17;
/// Continuation that rarely stands for itself next to mojibake.
pub const CONT_STRICT: u32 = 1 << 18;
/// Takes part in some badness pattern as its anchor: a line without any such
/// character cannot look bad, which is the fast path for clean text.
pub const TRIGGER: u32 = 1 << 19;

/// Highest code point held in the table; the few classed characters above
/// it are handled in [`class`].
const TABLE_END: u32 = 0x2600;

/// The class bits of `c`.
#[inline]
pub fn class(c: char) -> u32 {
    let cp = c as u32;
    if cp < 0x80 {
        return if c == ' ' { CONT } else { 0 };
    }
    if cp < TABLE_END {
        return table()[cp as usize];
    }
    match c {
        '\u{F8FF}' => START,
        '\u{FFFD}' => BAD | TRIGGER,
        'ﬁ' | 'ﬂ' => LOWER_ACC | TRIGGER,
        _ => 0,
    }
}

fn table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(build)
}

/// Sets `bit` on every character of `spec`, where `a-b` (three chars, the
/// middle one an ASCII hyphen) is an inclusive range.
fn mark(t: &mut [u32], bit: u32, spec: &str) {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if i + 2 < chars.len() && chars[i + 1] == '-' {
            for cp in chars[i] as u32..=chars[i + 2] as u32 {
                if cp < TABLE_END {
                    t[cp as usize] |= bit;
                }
            }
            i += 3;
        } else {
            let cp = chars[i] as u32;
            if cp < TABLE_END {
                t[cp as usize] |= bit;
            }
            i += 1;
        }
    }
}

fn build() -> Vec<u32> {
    let mut t = vec![0u32; TABLE_END as usize];
    mark(&mut t, COMMON, "\u{A0}\u{AD}·´–—―…’");
    mark(&mut t, C1, "\u{80}-\u{9F}");
    mark(&mut t, BAD, "¦¤¨¬¯¸ƒˆˇ˘˛˜†‡‰⌐◊ªº");
    mark(&mut t, LAW, "¶§");
    mark(&mut t, CURRENCY, "¢£¥₧€");
    mark(&mut t, START, "¡«¿©΄΅‘‚“„•‹");
    mark(&mut t, END, "®»˝”›™");
    mark(&mut t, NUMERIC, "²³¹±¼½¾×µ÷⁄∂∆∏∑√∞∩∫≈≠≡≤≥№");
    mark(&mut t, KAOMOJI, "Ò-ÖÙ-Üò-öø-üŐŌŪŲ°");
    mark(&mut t, UPPER_ACC, "À-ÑØÜÝĂĀĄĆČĎĐĘĚĒĖĞĢİĪĶĹĽŁĻŃŇŅŒŘŚŞŠŢŤŮŰŸŹŻŽҐ");
    mark(&mut t, LOWER_ACC, "ßà-ñăąāćčďđęěēėğģįīķĺľłļœŕśşšťüźżžґ");
    mark(&mut t, UPPER_COMMON, "ÞΑ-ΩΆΈΉΊΌΎΏΪΫЁ-Я");
    mark(&mut t, LOWER_COMMON, "α-ωάέήίΰа-џ");
    mark(&mut t, BOX, "│┌┐┘├┤┬┼═-╬▀▄█▌▐░▒▓");

    // Everything that anchors a badness pattern. Common punctuation (curly
    // quotes, dashes, ellipsis, no-break space) only matters next to one of
    // these, so a line holding nothing else is left alone unread.
    for v in t.iter_mut() {
        if *v
            & (C1
                | BAD
                | LAW
                | CURRENCY
                | NUMERIC
                | KAOMOJI
                | UPPER_ACC
                | LOWER_ACC
                | UPPER_COMMON
                | LOWER_COMMON
                | BOX)
            != 0
        {
            *v |= TRIGGER;
        }
    }
    mark(&mut t, TRIGGER, "ŒœØÙ°×à√≈‚вГРСβΒΓΞΟāÂÃÎÐ");

    // Lead and continuation letters of UTF-8 read as a single-byte charset.
    for map in Charmap::CLUE_SOURCES {
        for b in 0x80..=0xFFu8 {
            let cp = map.decode_byte(b) as u32;
            if cp >= TABLE_END {
                continue;
            }
            let bit = match b {
                0x80..=0xBF => CONT | CONT_STRICT,
                0xC2..=0xDF => FIRST2,
                0xE0..=0xEF => FIRST3,
                0xF0 | 0xF3 => FIRST4,
                _ => 0,
            };
            t[cp as usize] |= bit;
        }
    }
    // Punctuation that is continuation-like but usually stands for itself.
    for c in ['–', '—', '―', '‘', '’', '‚', '“', '”', '„', '•', '…'] {
        t[c as usize] &= !CONT_STRICT;
    }
    t
}

/// Python's idea of whitespace, which the patterns were written for.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// A word character (`\w`): letters, digits, marks and the underscore.
#[inline]
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_typical_characters() {
        assert_ne!(class('Ã') & UPPER_ACC, 0);
        assert_ne!(class('Ã') & FIRST2, 0);
        assert_ne!(class('â') & FIRST3, 0);
        assert_ne!(class('©') & START, 0);
        assert_ne!(class('©') & CONT, 0);
        assert_ne!(class('\u{9D}') & C1, 0);
        assert_eq!(class('’') & (TRIGGER | CONT_STRICT), 0);
        assert_ne!(class('’') & CONT, 0);
        assert_ne!(class('€') & CURRENCY, 0);
        assert_eq!(class('a'), 0);
        assert_eq!(class(' '), CONT);
        assert_ne!(class('ð') & FIRST4, 0);
    }
}
