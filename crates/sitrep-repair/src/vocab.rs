//! Letters whose second byte was dropped, restored from the document's own words.
//!
//! In the lossy case (UTF-8 read as Latin-1, C1 controls dropped) a
//! two-byte letter whose second byte was in 0x80..=0x9F loses it: `ğ`
//! (C4 9F) becomes a bare `Ä`, `Ç` (C3 87) a bare `Ã`, `ł` (C5 82) a bare
//! `Å`. Thirty-two letters share each lead byte, so the letter cannot be
//! told from the damaged word alone. But a news text names the same people
//! and places again and again, often in lines that were not damaged, or
//! that were damaged in a way that could be undone: `ErdoÄan` is `Erdoğan`
//! if, and only if, of its 32 readings exactly one is a word the document
//! already uses. That is the only evidence used here.

use sitrep_core::Repair;
use std::collections::HashSet;

/// A word with more lost letters than this is left alone (32^n readings).
const MAX_LOST: usize = 2;

/// The letter a two-byte lead (as its Latin-1 character) and a lost
/// continuation byte `cont` (0x80..=0x9F) stood for.
fn reading(lead: char, cont: u8) -> Option<char> {
    let l = lead as u32;
    if !(0xC3..=0xDF).contains(&l) {
        return None;
    }
    char::from_u32(((l & 0x1F) << 6) | (cont as u32 & 0x3F)).filter(|c| c.is_alphabetic())
}

/// A lead character followed by a letter: the shape of a lost continuation.
fn lost_at(chars: &[char], i: usize) -> bool {
    ('\u{C3}'..='\u{DF}').contains(&chars[i])
        && chars.get(i + 1).is_some_and(|c| c.is_alphabetic() && (*c as u32) >= 0x41)
        && !chars.get(i + 1).is_some_and(|c| ('\u{80}'..='\u{BF}').contains(c))
}

/// Restores lost letters in `text` where the document's vocabulary has
/// exactly one reading, updating `repairs` (offsets shift as needed).
pub(crate) fn restore_lost_letters(text: &mut String, repairs: &mut Vec<Repair>) {
    // Fast path: UTF-8 of U+00C3..=U+00DF is C3 83..=C3 9F.
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(0xC3, bytes).any(|i| bytes.get(i + 1).is_some_and(|b| (0x83..=0x9F).contains(b))) {
        return;
    }
    // Words (runs of alphanumerics) with byte offsets.
    let words: Vec<(usize, &str)> = split_words(text);
    let mut damaged: Vec<usize> = Vec::new();
    let mut vocab: HashSet<&str> = HashSet::new();
    for (k, (_, w)) in words.iter().enumerate() {
        if w.is_ascii() {
            continue;
        }
        // Real words have these shapes too (`Ärger`, `Straße`): every word
        // is vocabulary, and a damaged one only changes into another word.
        let chars: Vec<char> = w.chars().collect();
        if (0..chars.len()).any(|i| lost_at(&chars, i)) {
            damaged.push(k);
        }
        vocab.insert(w);
    }
    if damaged.is_empty() || vocab.is_empty() {
        return;
    }
    // Byte ranges already covered by a recorded repair are left alone.
    let covered =
        |start: usize, end: usize| repairs.iter().any(|r| r.offset < end && start < r.offset + r.after.len().max(1));
    let mut fixes: Vec<(usize, usize, String)> = Vec::new();
    for k in damaged {
        let (off, w) = words[k];
        if covered(off, off + w.len()) {
            continue;
        }
        let chars: Vec<char> = w.chars().collect();
        let lost: Vec<usize> = (0..chars.len()).filter(|&i| lost_at(&chars, i)).collect();
        if lost.len() > MAX_LOST {
            continue;
        }
        let mut found: Option<String> = None;
        let mut count = 0;
        let combos = 32usize.pow(lost.len() as u32);
        for combo in 0..combos {
            let mut cand = chars.clone();
            let mut ok = true;
            let mut rest = combo;
            for &i in &lost {
                match reading(chars[i], 0x80 + (rest % 32) as u8) {
                    Some(c) => cand[i] = c,
                    None => ok = false,
                }
                rest /= 32;
            }
            if !ok {
                continue;
            }
            let s: String = cand.into_iter().collect();
            if s != w && vocab.contains(s.as_str()) {
                count += 1;
                found = Some(s);
            }
        }
        if let (1, Some(s)) = (count, found) {
            fixes.push((off, off + w.len(), s));
        }
    }
    if fixes.is_empty() {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let mut shifts: Vec<(usize, isize)> = Vec::new(); // (old offset after which, cumulative delta)
    let mut delta: isize = 0;
    let mut new_records = Vec::new();
    for (start, end, after) in &fixes {
        out.push_str(&text[pos..*start]);
        let new_off = out.len();
        out.push_str(after);
        new_records.push(Repair {
            offset: new_off,
            before: text[*start..*end].to_string(),
            after: after.clone(),
            rule: "lossy-c1-letter".to_string(),
        });
        delta += after.len() as isize - (end - start) as isize;
        shifts.push((*end, delta));
        pos = *end;
    }
    out.push_str(&text[pos..]);
    for r in repairs.iter_mut() {
        let d = shifts.iter().rev().find(|(at, _)| r.offset >= *at).map_or(0, |(_, d)| *d);
        r.offset = (r.offset as isize + d) as usize;
    }
    repairs.extend(new_records);
    repairs.sort_by_key(|r| r.offset);
    *text = out;
}

fn split_words(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, &text[s..i]));
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (String, Vec<Repair>) {
        let mut t = s.to_string();
        let mut r = Vec::new();
        restore_lost_letters(&mut t, &mut r);
        (t, r)
    }

    #[test]
    fn a_lost_letter_is_restored_from_the_same_word_elsewhere() {
        let (t, r) = run("Recep Tayyip Erdoğan spoke.\nLater ErdoÄan said and Åukasz met Łukasz.");
        assert_eq!(t, "Recep Tayyip Erdoğan spoke.\nLater Erdoğan said and Łukasz met Łukasz.");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].before, "ErdoÄan");
        assert_eq!(&t[r[0].offset..r[0].offset + r[0].after.len()], "Erdoğan");
        assert_eq!(r[0].rule, "lossy-c1-letter");
    }

    #[test]
    fn without_evidence_nothing_changes() {
        for s in ["ErdoÄan alone", "Ärger und Ölpreis", "SÃO PAULO", "Ångström"] {
            assert_eq!(run(s).0, s);
        }
    }

    #[test]
    fn records_stay_in_offset_order_and_point_at_their_text() {
        let mut t = "Straße. StraÃe x".to_string();
        let mut r = vec![Repair { offset: 17, before: "y".into(), after: "x".into(), rule: "t".into() }];
        restore_lost_letters(&mut t, &mut r);
        assert_eq!(t, "Straße. Straße x");
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].offset, r[0].after.as_str()), (9, "Straße"));
        assert_eq!(&t[r[1].offset..r[1].offset + 1], "x");
    }
}
