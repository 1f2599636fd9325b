//! Near-duplicate detection: the same wire story on many sites.
//!
//! A document's article text is cut into overlapping three-word shingles
//! (lower-cased, punctuation dropped), and summarised by a MinHash
//! signature of [`HASHES`] values. Two signatures agree in a fraction of
//! places that estimates the Jaccard similarity of the shingle sets
//! (Broder 1997). To find candidates without comparing every pair, the
//! signature is cut into [`BANDS`] bands of [`ROWS`] values (locality
//! sensitive hashing): documents that share any whole band are candidates,
//! and a candidate is a near duplicate when its estimated similarity is at
//! least [`THRESHOLD`]. With 16 bands of 4 rows a pair at similarity 0.7 is
//! a candidate with probability 0.99, at 0.5 with 0.64, at 0.2 with 0.03.
//!
//! Band keys are stored in the database (`lsh` table), so finding the
//! story of a new document costs [`BANDS`] index look-ups however many
//! documents the store holds, and nothing is kept in memory between runs.
//! An ingest keeps its own documents' keys in memory while it runs and
//! writes them sorted at the end ([`crate::Store::defer_lsh`]): keys are
//! random, and writing each with its document dirtied a page of the index
//! per key in every transaction.
//!
//! Texts with fewer than [`MIN_SHINGLES`] shingles get no signature: they
//! are too short for the estimate to mean anything, and only exact copies
//! (same content hash) are linked.

use sitrep_core::{Document, SegmentKind};

/// Values in a signature.
pub const HASHES: usize = 64;
/// Bands the signature is cut into for candidate look-up.
pub const BANDS: usize = 16;
/// Values per band.
pub const ROWS: usize = HASHES / BANDS;
/// Least estimated Jaccard similarity of two near duplicates.
pub const THRESHOLD: f64 = 0.5;
/// Shingles a text needs to get a signature.
pub const MIN_SHINGLES: usize = 12;
/// Words per shingle.
pub const SHINGLE: usize = 3;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u32; HASHES]);

/// splitmix64's finaliser: a fast, well-mixing bijection on u64.
#[inline(always)]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The text dedup looks at: the article segments (not the title, which
/// sites rewrite, nor comments and boilerplate), or the whole text when
/// the document has no article segment.
pub fn dedup_text(doc: &Document) -> String {
    let parts: Vec<&str> =
        doc.segments.iter().filter(|s| s.kind == SegmentKind::Article).map(|s| doc.slice(s.span)).collect();
    if parts.is_empty() {
        doc.text.clone()
    } else {
        parts.join("\n")
    }
}

/// Hashes of the text's word shingles (duplicates kept; MinHash ignores them).
///
/// A shingle's hash is xxh3 of its lower-cased words joined by single
/// spaces. The words are lower-cased once into one buffer, joined that way,
/// so each shingle is a slice of it and nothing is allocated per word.
pub fn shingles(text: &str) -> Vec<u64> {
    let mut joined = String::with_capacity(text.len());
    // Byte offset in `joined` where each word starts.
    let mut starts: Vec<usize> = Vec::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !starts.is_empty() {
            joined.push(' ');
        }
        starts.push(joined.len());
        if w.is_ascii() {
            joined.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            joined.push_str(&w.to_lowercase());
        }
    }
    if starts.len() < SHINGLE {
        return Vec::new();
    }
    (0..=starts.len() - SHINGLE)
        .map(|i| {
            // The shingle ends where the word after it starts, less its space.
            let end = starts.get(i + SHINGLE).map_or(joined.len(), |&s| s - 1);
            xxhash_rust::xxh3::xxh3_64(&joined.as_bytes()[starts[i]..end])
        })
        .collect()
}

/// The MinHash signature of a text, or `None` when it is too short.
/// The signature of a document's article text ([`dedup_text`]); `None`
/// when it is too short to compare.
pub fn document_signature(doc: &sitrep_core::Document) -> Option<Signature> {
    signature(&dedup_text(doc))
}

pub fn signature(text: &str) -> Option<Signature> {
    let sh = shingles(text);
    if sh.len() < MIN_SHINGLES {
        return None;
    }
    let mut sig = [u32::MAX; HASHES];
    take_minima(&mut sig, &sh);
    Some(Signature(sig))
}

/// Lowers each slot of `sig` to its hash function's least value over the
/// shingles: 64 hashes per shingle, the costliest part of an ingest's
/// preparation. Where the processor has 64-bit vector multiplies
/// (AVX-512DQ) the same loop is compiled for them, eight slots at a time;
/// the values are the same either way.
fn take_minima(sig: &mut [u32; HASHES], shingles: &[u64]) {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx512f") && std::is_x86_feature_detected!("avx512dq") {
        // SAFETY: the processor has the features the function is compiled for.
        unsafe { take_minima_avx512(sig, shingles) };
        return;
    }
    take_minima_portable(sig, shingles);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
unsafe fn take_minima_avx512(sig: &mut [u32; HASHES], shingles: &[u64]) {
    take_minima_portable(sig, shingles);
}

#[inline(always)]
fn take_minima_portable(sig: &mut [u32; HASHES], shingles: &[u64]) {
    for &s in shingles {
        for (slot, seed) in sig.iter_mut().zip(SEEDS.iter()) {
            // One hash function per slot: the shingle hash mixed with a
            // per-slot seed.
            let v = (mix(s ^ seed) >> 32) as u32;
            *slot = (*slot).min(v);
        }
    }
}

/// Seeds for the [`HASHES`] hash functions (splitmix64 of 1..=64, fixed so
/// that signatures stored by one run compare with the next).
const SEEDS: [u64; HASHES] = {
    let mut out = [0u64; HASHES];
    let mut i = 0;
    let mut state: u64 = 0x5349_5452_4550_0001;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out[i] = z ^ (z >> 31);
        i += 1;
    }
    out
};

impl Signature {
    /// The estimated Jaccard similarity of the two shingle sets.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(other.0.iter()).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// The band keys: one 64-bit key per band, including the band's index
    /// so that equal values in different bands do not collide.
    pub fn bands(&self) -> [i64; BANDS] {
        let mut out = [0i64; BANDS];
        // xxh3 of the band's index then its values, little-endian.
        let mut buf = [0u8; 4 + 4 * ROWS];
        for (b, chunk) in self.0.chunks(ROWS).enumerate() {
            buf[..4].copy_from_slice(&(b as u32).to_le_bytes());
            for (slot, v) in buf[4..].chunks_exact_mut(4).zip(chunk) {
                slot.copy_from_slice(&v.to_le_bytes());
            }
            out[b] = xxhash_rust::xxh3::xxh3_64(&buf) as i64;
        }
        out
    }

    /// Little-endian bytes, as stored.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// The signature stored as bytes, or `None` if they are not one.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != HASHES * 4 {
            return None;
        }
        let mut sig = [0u32; HASHES];
        for (i, c) in b.chunks_exact(4).enumerate() {
            sig[i] = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        Some(Signature(sig))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The finance ministers of the seven largest industrial nations met in Paris on Sunday \
        and agreed to stabilise the dollar near its current levels, officials said after the talks. \
        The ministers said further falls in the currency would be against their common interest, and \
        they pledged closer cooperation on interest rates over the coming months.";

    #[test]
    fn identical_texts_are_fully_similar() {
        let a = signature(STORY).unwrap();
        let b = signature(STORY).unwrap();
        assert_eq!(a.similarity(&b), 1.0);
        assert_eq!(a.bands(), b.bands());
    }

    #[test]
    fn a_reworded_copy_is_a_near_duplicate_and_another_story_is_not() {
        let copy = format!("PARIS (Wire) - {} Markets were closed.", STORY.replace("Sunday", "Saturday"));
        let other = "Heavy rain flooded parts of the capital overnight, closing schools and roads, and the \
            weather service warned of more storms across the northern provinces later in the week, \
            while rescue teams searched for two fishermen missing off the coast since Friday.";
        let a = signature(STORY).unwrap();
        let b = signature(&copy).unwrap();
        let c = signature(other).unwrap();
        assert!(a.similarity(&b) >= THRESHOLD, "copy similarity {}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.2, "other similarity {}", a.similarity(&c));
        // A near duplicate shares at least one band with high probability;
        // for this pair it does.
        assert!(a.bands().iter().any(|x| b.bands().contains(x)));
    }

    #[test]
    fn band_keys_are_those_stored_stores_hold() {
        // The definition earlier stores' `lsh` keys were written with: the
        // band's index then its values, streamed into xxh3.
        let sig = signature(STORY).unwrap();
        let streamed: Vec<i64> = sig
            .0
            .chunks(ROWS)
            .enumerate()
            .map(|(b, chunk)| {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                h.update(&(b as u32).to_le_bytes());
                for v in chunk {
                    h.update(&v.to_le_bytes());
                }
                h.digest() as i64
            })
            .collect();
        assert_eq!(sig.bands().to_vec(), streamed);
    }

    #[test]
    fn shingle_hashes_are_those_of_the_joined_lower_cased_words() {
        let text = "Ünited NATIONS, said: Ça va -- the end. ΑΘΗΝΑ İstanbul";
        let words: Vec<String> =
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect();
        // The definition stored signatures were made with: a streamed hash
        // of the words and the spaces between them.
        let expected: Vec<u64> = words
            .windows(SHINGLE)
            .map(|w| {
                let mut h = xxhash_rust::xxh3::Xxh3::new();
                for (i, word) in w.iter().enumerate() {
                    if i > 0 {
                        h.update(b" ");
                    }
                    h.update(word.as_bytes());
                }
                h.digest()
            })
            .collect();
        assert_eq!(shingles(text), expected);
        assert!(shingles("two words").is_empty());
        assert_eq!(shingles("a b c").len(), 1);
    }

    #[test]
    fn vector_and_portable_minima_agree() {
        let sh = shingles(&STORY.repeat(3));
        let mut a = [u32::MAX; HASHES];
        let mut b = [u32::MAX; HASHES];
        take_minima(&mut a, &sh);
        take_minima_portable(&mut b, &sh);
        assert_eq!(a, b);
        // And both are the per-slot minimum of the mixed hashes.
        let slot7 = sh.iter().map(|&s| (mix(s ^ SEEDS[7]) >> 32) as u32).min();
        assert_eq!(Some(a[7]), slot7);
    }

    #[test]
    fn short_texts_get_no_signature() {
        assert!(signature("Talks resume in Geneva on Monday.").is_none());
        assert!(signature("").is_none());
    }

    #[test]
    fn bytes_round_trip() {
        let a = signature(STORY).unwrap();
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a));
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let a = signature(STORY).unwrap();
        let b = signature(&STORY.to_uppercase().replace(',', " ;")).unwrap();
        assert_eq!(a.similarity(&b), 1.0);
    }
}
