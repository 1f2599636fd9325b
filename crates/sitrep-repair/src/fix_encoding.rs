//! Undoing UTF-8 that was decoded in the wrong charset.
//!
//! The approach is ftfy's `fix_encoding` (MIT licence), written anew on the
//! maps in [`crate::charmap`]:
//!
//! 1. Text that is ASCII, or not [`is_bad`], is left alone.
//! 2. Otherwise, for each charset in [`Charmap::ORDER`] that could have
//!    produced the text: encode it back to bytes, put back no-break spaces a
//!    program turned into plain spaces (`restore_byte_a0`), turn sequences
//!    that lost a byte to U+FFFD into one U+FFFD (`lossy`), and decode as
//!    UTF-8 (or CESU-8). The first charset that decodes wins.
//! 3. Failing that, fix the UTF-8-looking stretches one by one, so a line
//!    that mixes good and broken text gets only its broken parts fixed.
//! 4. Failing that, Latin-1 that was meant as Windows-1252, then C1
//!    controls read as Windows-1252.
//!
//! Repeating the step undoes doubled and tripled mojibake.

use crate::badness::is_bad;
use crate::charmap::{decode_windows_1252_strict, Charmap};
use crate::classes::{class, CONT, CONT_STRICT, FIRST2, FIRST3, FIRST4};
use crate::edits::{diff_edits, Edit};

/// At most this many fixes are stacked on one text (tripled mojibake needs 3).
const MAX_ROUNDS: usize = 8;

/// One step of the fix: the edits (in `text`'s byte offsets), or `None`
/// when the text is left as it is.
pub(crate) fn fix_step(text: &str) -> Option<Vec<Edit>> {
    let (fixed, rule, fine) = step_text(text)?;
    if fixed == text {
        return None;
    }
    match fine {
        Some(edits) => Some(edits),
        None => Some(diff_edits(text, &fixed, &rule)),
    }
}

/// Repeats [`fix_step`] until nothing changes; returns the text and the
/// rules of the steps taken (for fixing a stretch inside a line).
pub(crate) fn fix_encoding(text: &str) -> (String, Vec<String>) {
    let mut cur = text.to_string();
    let mut rules = Vec::new();
    for _ in 0..MAX_ROUNDS {
        match step_text(&cur) {
            Some((fixed, rule, _)) if fixed != cur => {
                rules.push(rule);
                cur = fixed;
            }
            _ => break,
        }
    }
    (cur, rules)
}

/// One step: the fixed text, the rule, and fine-grained edits when the step
/// produced them itself (embedded fixes).
fn step_text(text: &str) -> Option<(String, String, Option<Vec<Edit>>)> {
    if text.is_ascii() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    if !is_bad(&chars) {
        return None;
    }
    let mut latin1_possible = false;
    for map in Charmap::ORDER {
        let Some(mut bytes) = map.encode(text) else { continue };
        if map == Charmap::Latin1 {
            latin1_possible = true;
        }
        let mut rule = format!("utf8-as-{}", map.name());
        if map != Charmap::MacRoman && find_altered(&bytes) {
            let restored = restore_byte_a0(&bytes);
            if restored != bytes {
                rule.push_str("+nbsp");
                bytes = restored;
            }
        }
        if map.sloppy() {
            let replaced = replace_lossy(&bytes);
            if replaced != bytes {
                rule.push_str("+lossy");
                bytes = replaced;
            }
        }
        if let Some(fixed) = decode_utf8_variants(&bytes) {
            return Some((fixed, rule, None));
        }
    }
    if let Some(edits) = decode_embedded(text, &chars) {
        let fixed = crate::edits::splice(text, &edits);
        return Some((fixed, "embedded-utf8".to_string(), Some(edits)));
    }
    if latin1_possible {
        let bytes: Vec<u8> = chars.iter().map(|&c| c as u32 as u8).collect();
        if let Some(fixed) = decode_windows_1252_strict(&bytes) {
            if fixed != text {
                return Some((fixed, "latin-1-as-windows-1252".to_string(), None));
            }
        }
    }
    if chars.iter().any(|&c| is_c1(c)) {
        return Some((fix_c1_controls(text), "c1-as-windows-1252".to_string(), None));
    }
    None
}

#[inline]
pub(crate) fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// C1 controls read as the Windows-1252 characters of the same byte, as
/// browsers do (undefined bytes stay as they are).
pub(crate) fn fix_c1_controls(text: &str) -> String {
    text.chars().map(|c| if is_c1(c) { Charmap::Windows1252.decode_byte(c as u32 as u8) } else { c }).collect()
}

/// Decodes UTF-8, also accepting CESU-8 surrogate pairs and Java's `C0 80`.
fn decode_utf8_variants(bytes: &[u8]) -> Option<String> {
    if !bytes.iter().any(|&b| b == 0xED || b == 0xC0) {
        return String::from_utf8(bytes.to_vec()).ok();
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == 0xED && i + 6 <= bytes.len() {
            let s = &bytes[i..i + 6];
            if (0xA0..=0xAF).contains(&s[1])
                && (0x80..=0xBF).contains(&s[2])
                && s[3] == 0xED
                && (0xB0..=0xBF).contains(&s[4])
                && (0x80..=0xBF).contains(&s[5])
            {
                let hi = 0xD000 | ((s[1] as u32 & 0x3F) << 6) | (s[2] as u32 & 0x3F);
                let lo = 0xD000 | ((s[4] as u32 & 0x3F) << 6) | (s[5] as u32 & 0x3F);
                let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                let c = char::from_u32(cp)?;
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                i += 6;
                continue;
            }
        }
        if b == 0xC0 && bytes.get(i + 1) == Some(&0x80) {
            out.push(0);
            i += 2;
            continue;
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[inline]
fn cont(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// A continuation byte that is not 0x85 or 0xA0 (which a space may stand in for).
#[inline]
fn cont_not_space_like(b: u8) -> bool {
    matches!(b, 0x80..=0x84 | 0x86..=0x9F | 0xA1..=0xBF)
}

/// Length of a UTF-8 sequence at `i` that would be valid had a 0xA0 byte
/// not been turned into a space.
fn altered_at(b: &[u8], i: usize) -> Option<usize> {
    let g = |k: usize| b.get(i + k).copied();
    let b0 = b[i];
    if matches!(b0, 0xC2 | 0xC3 | 0xC5 | 0xCE | 0xD0 | 0xD9) && g(1) == Some(b' ') {
        return Some(2);
    }
    if matches!(b0, 0xE2 | 0xE3) && g(1) == Some(b' ') && g(2).is_some_and(cont_not_space_like) {
        return Some(3);
    }
    if (0xE0..=0xE3).contains(&b0) && g(1).is_some_and(cont_not_space_like) && g(2) == Some(b' ') {
        return Some(3);
    }
    if b0 == 0xF0 {
        let c1 = g(1)?;
        let c2 = g(2)?;
        let c3 = g(3)?;
        let ok = |x: u8| cont(x) || x == b' ';
        let spaces = [c1, c2, c3].iter().filter(|&&x| x == b' ').count();
        if spaces == 1 && ok(c1) && ok(c2) && ok(c3) {
            return Some(4);
        }
    }
    None
}

fn find_altered(b: &[u8]) -> bool {
    (0..b.len()).any(|i| altered_at(b, i).is_some())
}

/// Puts back the 0xA0 bytes that became spaces inside UTF-8 sequences.
/// A lone `Ã ` (à followed by a space that swallowed the no-break space) is
/// read as `à ` unless it starts a Portuguese `às`, `àquele`, `àquela`, `àquilo`.
fn restore_byte_a0(b: &[u8]) -> Vec<u8> {
    let mut tmp = Vec::with_capacity(b.len() + 8);
    let mut i = 0;
    while i < b.len() {
        if b[i] == 0xC3 && b.get(i + 1) == Some(&b' ') {
            let rest = &b[i + 2..];
            let exception = rest.starts_with(b" ")
                || rest.starts_with(b"quele")
                || rest.starts_with(b"quela")
                || rest.starts_with(b"quilo")
                || rest.starts_with(b"s ");
            if !exception {
                tmp.extend_from_slice(&[0xC3, 0xA0, b' ']);
                i += 2;
                continue;
            }
        }
        tmp.push(b[i]);
        i += 1;
    }
    let mut out = Vec::with_capacity(tmp.len());
    let mut i = 0;
    while i < tmp.len() {
        if let Some(n) = altered_at(&tmp, i) {
            out.extend(tmp[i..i + n].iter().map(|&x| if x == b' ' { 0xA0 } else { x }));
            i += n;
        } else {
            out.push(tmp[i]);
            i += 1;
        }
    }
    out
}

/// Length of a UTF-8 sequence at `i` whose continuation bytes were lost
/// (0x1A stands for a byte that became U+FFFD; an ASCII `?` may too, once).
fn lossy_at(b: &[u8], i: usize) -> Option<usize> {
    let g = |k: usize| b.get(i + k).copied();
    let sub = |x: Option<u8>| x == Some(0x1A);
    let subq = |x: Option<u8>| x == Some(0x1A) || x == Some(b'?');
    let subc = |x: Option<u8>| x.is_some_and(|v| v == 0x1A || cont(v));
    let subqc = |x: Option<u8>| x.is_some_and(|v| v == 0x1A || v == b'?' || cont(v));
    let in_range = |x: Option<u8>, lo: u8, hi: u8| x.is_some_and(|v| (lo..=hi).contains(&v));
    let b0 = b[i];
    if (0xC2..=0xDF).contains(&b0) && sub(g(1)) {
        return Some(2);
    }
    if (0xC2..=0xC3).contains(&b0) && g(1) == Some(b'?') {
        return Some(2);
    }
    if b0 == 0xED && in_range(g(1), 0xA0, 0xAF) && g(3) == Some(0xED) && in_range(g(4), 0xB0, 0xBF) {
        if subq(g(2)) && subqc(g(5)) {
            return Some(6);
        }
        if subqc(g(2)) && subq(g(5)) {
            return Some(6);
        }
    }
    if (0xE0..=0xEF).contains(&b0) {
        if subq(g(1)) && subc(g(2)) {
            return Some(3);
        }
        if subc(g(1)) && subq(g(2)) {
            return Some(3);
        }
    }
    if (0xF0..=0xF4).contains(&b0) {
        if subq(g(1)) && subc(g(2)) && subc(g(3)) {
            return Some(4);
        }
        if subc(g(1)) && subq(g(2)) && subc(g(3)) {
            return Some(4);
        }
        if subc(g(1)) && subc(g(2)) && subq(g(3)) {
            return Some(4);
        }
    }
    if b0 == 0x1A {
        return Some(1);
    }
    None
}

/// Replaces each UTF-8 sequence that lost bytes with one U+FFFD.
fn replace_lossy(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if let Some(n) = lossy_at(b, i) {
            out.extend_from_slice("\u{FFFD}".as_bytes());
            i += n;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The end (exclusive, in chars) of a run of UTF-8-looking sequences starting at `i`.
fn utf8_run(chars: &[char], i: usize) -> usize {
    let is = |k: usize, bit: u32| chars.get(k).is_some_and(|&c| class(c) & bit != 0);
    let mut j = i;
    loop {
        if is(j, FIRST2) && is(j + 1, CONT) {
            j += 2;
        } else if is(j, FIRST3) && is(j + 1, CONT) && is(j + 2, CONT) {
            j += 3;
        } else if is(j, FIRST4) && is(j + 1, CONT) && is(j + 2, CONT) && is(j + 3, CONT) {
            j += 4;
        } else {
            return j;
        }
    }
}

/// Fixes each stretch that looks like UTF-8 mojibake on its own, when the
/// whole text cannot be re-decoded at once. Returns the edits, if any.
fn decode_embedded(text: &str, chars: &[char]) -> Option<Vec<Edit>> {
    // Byte offset of each char, and the end.
    let mut offsets: Vec<usize> = text.char_indices().map(|(o, _)| o).collect();
    offsets.push(text.len());
    let mut edits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if i > 0 && class(chars[i - 1]) & CONT_STRICT != 0 {
            i += 1;
            continue;
        }
        let end = utf8_run(chars, i);
        if end == i {
            i += 1;
            continue;
        }
        let piece = &chars[i..end];
        if piece.len() < chars.len() && is_bad(piece) {
            let s = &text[offsets[i]..offsets[end]];
            let (fixed, rules) = fix_encoding(s);
            if fixed != s {
                let rule = format!("embedded-{}", rules.join("+"));
                edits.push(Edit { start: offsets[i], end: offsets[end], after: fixed, rule });
            }
        }
        i = end;
    }
    if edits.is_empty() {
        None
    } else {
        Some(edits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        fix_encoding(s).0
    }

    #[test]
    fn utf8_read_as_windows_1252_and_latin1() {
        assert_eq!(fix("Pyongyangâ€™s"), "Pyongyang’s");
        assert_eq!(fix("Pyongyangâ\u{80}\u{99}s"), "Pyongyang’s");
        assert_eq!(fix("cafÃ©"), "café");
    }

    #[test]
    fn doubled_and_tripled() {
        assert_eq!(fix("PyongyangÃ¢â‚¬â„¢s"), "Pyongyang’s");
        assert_eq!(fix("nÃƒÂ©"), "né");
        assert_eq!(fix("doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t"), "doesn’t");
    }

    #[test]
    fn other_charsets() {
        assert_eq!(fix("РґРѕСЂРѕРіРµ #С„СѓС‚Р±РѕР»"), "дороге #футбол");
        assert_eq!(fix("g√¢teaux pour un r√©gime"), "gâteaux pour un régime");
        assert_eq!(fix("─îe┼ítina"), "Čeština");
    }

    #[test]
    fn mixed_good_and_bad_in_one_line() {
        assert_eq!(fix("l’humanitÃ© and cafÃ©"), "l’humanité and café");
    }

    #[test]
    fn no_break_space_restored() {
        assert_eq!(fix("voilÃ le travail"), "voilà le travail");
    }

    #[test]
    fn lossy_sequences_become_one_replacement_character() {
        assert_eq!(fix("â€œlossyâ€\u{FFFD}"), "“lossy\u{FFFD}");
    }

    #[test]
    fn cesu8_emoji() {
        assert_eq!(fix("hi í\u{a0}½í¸\u{8d}"), "hi 😍");
    }

    #[test]
    fn good_text_left_alone() {
        for s in ["café", "Ångström", "naïve", "“Quoted” – it’s fine", "Ελληνικά", "日本語", "NESTLÉ®"]
        {
            assert_eq!(fix(s), s);
        }
    }

    #[test]
    fn latin1_meant_as_windows_1252() {
        assert_eq!(fix("\u{84}Handwerk überall\u{93}"), "„Handwerk überall“");
    }
}
