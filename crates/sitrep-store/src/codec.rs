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
}
