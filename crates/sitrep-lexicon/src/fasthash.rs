//! A small, fast, non-cryptographic hasher for the lexicon's own tables.
//!
//! Loading the default lexicon fills hash maps with tens of thousands of
//! short keys (names, identifiers, words); the standard library's SipHash,
//! built to resist hash flooding from untrusted keys, was a tenth of the
//! load time. The keys here come from the lexicon files, not from the
//! documents being read, so the multiply-rotate hash of rustc (FxHash) is
//! enough.

use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// The FxHash function (as in rustc and Firefox), over bytes.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// A `HashSet` with [`FxHasher`].
pub type FxHashSet<K> = std::collections::HashSet<K, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn equal_keys_hash_equal_and_close_keys_differ() {
        let b = FxBuild::default();
        assert_eq!(b.hash_one("Kremlin"), b.hash_one("Kremlin"));
        assert_ne!(b.hash_one("Kremlin"), b.hash_one("Kremlim"));
        // The remainder's length is mixed in: a trailing NUL changes the hash.
        assert_ne!(b.hash_one(&b"abc"[..]), b.hash_one(&b"abc\0"[..]));
        let mut m: FxHashMap<String, u32> = FxHashMap::default();
        m.insert("PRK".into(), 1);
        assert_eq!(m.get("PRK"), Some(&1));
    }
}
