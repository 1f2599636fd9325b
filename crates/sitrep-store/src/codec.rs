//! Compression of the store's JSON columns (event records, document
//! layers).
//!
//! One event's JSON is about a kilobyte, most of it field names and values
//! every event shares, which a general compressor cannot find in a single
//! small record. zstd with a *dictionary* can: the dictionary is the JSON
//! of the first records the store was given (plus a built-in sample), kept
//! in the store's `codec` table, so every later record compresses against
//! text that looks like it — about ten to one for events. The dictionary is
//! made once, in the same transaction as the first batch, and never
//! changes, so every reader of the file decodes with the bytes it was
//! encoded with.

use std::io;

/// zstd level: the fastest; the dictionary does most of the work.
const LEVEL: i32 = 1;
/// Largest dictionary kept.
pub const DICTIONARY_BYTES: usize = 48 << 10;
/// Largest record a decoder will produce (a guard against damaged data).
const MAX_RECORD: usize = 1 << 30;

/// A sample of the shapes every store holds, at the head of each dictionary.
const BUILT_IN: &str = r#"{"id":"","date":null,"actor":[{"entity_text":"","code":null,"sector":null,"name":"","kind":"state","span":{"start":0,"end":0}}],"recipient":[],"event":"","mode":null,"context":[],"event_text":"","text":"","event_loc":null,"doc_id":"","segment":"article","status":"reported","said_by":null,"cameo":null,"quad_code":1,"goldstein":null,"related":[],"sentence":0,"explanation":{"trigger":{"start":0,"end":0},"trigger_text":"","pattern":"","pattern_source":"lexicon/patterns/","roles":["actor: subject of the clause","recipient: object"],"cues":[{"text":"","kind":"reporting","start":0,"end":0}],"notes":[]}}{"repairs":[],"segments":[{"kind":"title","start":0,"end":0},{"kind":"article","start":0,"end":0},{"kind":"comment","start":0,"end":0,"author":""}],"sentences":[{"start":0,"end":0,"segment":1}],"links":[],"mentions":[{"start":0,"end":0,"code":null,"sector":null,"kind":"state","entry":"states.tsv:"}],"quotes":[]}"#;

/// Builds a dictionary from sample records (the first batch's JSON).
pub fn make_dictionary<'a>(samples: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut dict = BUILT_IN.as_bytes().to_vec();
    for s in samples {
        if dict.len() + s.len() > DICTIONARY_BYTES {
            break;
        }
        dict.extend_from_slice(s);
    }
    dict
}

/// A compressor and decompressor sharing one dictionary.
pub struct Codec {
    compressor: zstd::bulk::Compressor<'static>,
    decompressor: zstd::bulk::Decompressor<'static>,
}

impl Codec {
    pub fn new(dictionary: &[u8]) -> io::Result<Codec> {
        Ok(Codec {
            compressor: zstd::bulk::Compressor::with_dictionary(LEVEL, dictionary)?,
            decompressor: zstd::bulk::Decompressor::with_dictionary(dictionary)?,
        })
    }

    pub fn pack(&mut self, data: &[u8]) -> io::Result<Vec<u8>> {
        self.compressor.compress(data)
    }

    pub fn unpack(&mut self, data: &[u8]) -> io::Result<Vec<u8>> {
        self.decompressor.decompress(data, MAX_RECORD)
    }
}

/// A store's dictionary digested once for compression (a zstd `CDict`):
/// [`Packer`]s made from it, one per thread, compress without loading the
/// dictionary again for each record, which for records of a kilobyte was
/// most of the cost.
pub struct PackDictionary(zstd::dict::EncoderDictionary<'static>);

impl PackDictionary {
    /// Digests `dictionary` (a store's, from [`crate::Store::codec_dictionary`]).
    pub fn new(dictionary: &[u8]) -> io::Result<PackDictionary> {
        zstd::dict::EncoderDictionary::try_copy(dictionary, LEVEL).map(PackDictionary)
    }

    /// A compressor for one thread.
    pub fn packer(&self) -> io::Result<Packer<'_>> {
        zstd::bulk::Compressor::with_prepared_dictionary(&self.0).map(Packer)
    }
}

/// Compresses records with a [`PackDictionary`]; [`Codec::unpack`] of the
/// same dictionary reads them.
pub struct Packer<'d>(zstd::bulk::Compressor<'d>);

impl Packer<'_> {
    pub fn pack(&mut self, data: &[u8]) -> io::Result<Vec<u8>> {
        self.0.compress(data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_shrink_against_the_dictionary() {
        let sample = br#"{"id":"d-1-0","event":"ACCUSE","status":"alleged","actor":[{"entity_text":"Ukraine","code":"UKR","kind":"state"}]}"#;
        let dict = make_dictionary([&sample[..]]);
        let mut c = Codec::new(&dict).unwrap();
        let rec = br#"{"id":"d-2-0","event":"ACCUSE","status":"alleged","actor":[{"entity_text":"Russia","code":"RUS","kind":"state"}]}"#;
        let packed = c.pack(rec).unwrap();
        assert!(packed.len() * 2 < rec.len(), "{} → {}", rec.len(), packed.len());
        assert_eq!(c.unpack(&packed).unwrap(), rec.to_vec());
        assert!(c.unpack(b"not zstd").is_err());
    }

    #[test]
    fn a_packer_of_the_same_dictionary_writes_what_the_codec_reads() {
        let sample = br#"{"id":"d-1-0","event":"ACCUSE","status":"alleged","actor":[{"entity_text":"Ukraine","code":"UKR","kind":"state"}]}"#;
        let dict = make_dictionary([&sample[..]]);
        let prepared = PackDictionary::new(&dict).unwrap();
        let mut p = prepared.packer().unwrap();
        let rec = br#"{"id":"d-2-0","event":"REJECT","status":"denied","actor":[{"entity_text":"Russia","code":"RUS","kind":"state"}]}"#;
        let packed = p.pack(rec).unwrap();
        assert!(packed.len() < rec.len(), "{} → {}", rec.len(), packed.len());
        let mut codec = Codec::new(&dict).unwrap();
        assert_eq!(codec.unpack(&packed).unwrap(), rec.to_vec());
        // The same bytes as the codec's own compression: which thread packed
        // a record never shows in the store.
        let long: Vec<u8> = rec.iter().copied().cycle().take(20_000).collect();
        for r in [&rec[..], &long[..], b""] {
            assert_eq!(p.pack(r).unwrap(), codec.pack(r).unwrap());
        }
        // And with a dictionary of full size.
        let samples: Vec<String> = (0..2000)
            .map(|i| {
                format!(r#"{{"id":"d-{i}-0","event":"CONSULT","sentence":{i},"text":"Talks number {i} went on."}}"#)
            })
            .collect();
        let dict = make_dictionary(samples.iter().map(|s| s.as_bytes()));
        assert!(dict.len() > DICTIONARY_BYTES - 200);
        let prepared = PackDictionary::new(&dict).unwrap();
        let mut p = prepared.packer().unwrap();
        let mut codec = Codec::new(&dict).unwrap();
        for r in [&rec[..], &long[..], samples[7].as_bytes()] {
            assert_eq!(p.pack(r).unwrap(), codec.pack(r).unwrap());
        }
    }
}
