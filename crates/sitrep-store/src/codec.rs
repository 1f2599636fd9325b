//! Compression of the store's record columns (event JSON, document
//! layers).
//!
//! One event's JSON is about a kilobyte, most of it field names and values
//! every event shares, which a general compressor cannot find in a single
//! small record. zstd with a *dictionary* can: the dictionary is the JSON
//! of the first records the store was given (plus a built-in sample), kept
//! in the store's `codec` table, so every later record compresses against
//! text that looks like it — about ten to one for events. Stores made from
//! a first batch of at least [`MIN_SAMPLES`] records also keep entropy
//! tables computed from that batch in the dictionary
//! ([`finalize_dictionary`]). The dictionary is made once, in the same
//! transaction as the first batch, and never changes, so every reader of
//! the file decodes with the bytes it was encoded with; stores made before
//! the tables were added keep their plain dictionary.

use std::cell::RefCell;
use std::io;
use std::sync::atomic::{AtomicU64, Ordering};

/// zstd level: the fastest; the dictionary does most of the work.
const LEVEL: i32 = 1;
/// Largest dictionary kept.
pub const DICTIONARY_BYTES: usize = 48 << 10;
/// Largest record a decoder will produce (a guard against damaged data).
const MAX_RECORD: usize = 1 << 30;

/// A sample of the shapes every store holds, at the head of each dictionary.
const BUILT_IN: &str = r#"{"id":"","date":null,"actor":[{"entity_text":"","code":null,"sector":null,"name":"","kind":"state","span":{"start":0,"end":0}}],"recipient":[],"event":"","mode":null,"context":[],"event_text":"","text":"","event_loc":null,"doc_id":"","segment":"article","status":"reported","said_by":null,"cameo":null,"quad_code":1,"goldstein":null,"related":[],"sentence":0,"explanation":{"trigger":{"start":0,"end":0},"trigger_text":"","pattern":"","pattern_source":"lexicon/patterns/","roles":["actor: subject of the clause","recipient: object"],"cues":[{"text":"","kind":"reporting","start":0,"end":0}],"notes":[]}}"#;

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

/// Samples needed at least for [`finalize_dictionary`] to add statistics.
pub const MIN_SAMPLES: usize = 32;

/// `content` (from [`make_dictionary`]) with zstd's header and entropy
/// tables (Huffman for literals, FSE for sequences), computed from
/// `samples` compressed against it. A raw dictionary has no tables, so
/// every record built its own: with them a small record is coded with the
/// dictionary's (and is smaller), which on the corpus ingest saved about
/// 0.1 CPU-s and a tenth of the records' bytes. `content` as it is with
/// fewer than [`MIN_SAMPLES`] samples (statistics of a few records would
/// fit later ones badly) or when zstd cannot make it.
pub fn finalize_dictionary(content: Vec<u8>, samples: &[&[u8]]) -> Vec<u8> {
    use zstd::zstd_safe::zstd_sys;
    if samples.len() < MIN_SAMPLES {
        return content;
    }
    let sizes: Vec<usize> = samples.iter().map(|s| s.len()).collect();
    let flat: Vec<u8> = samples.concat();
    let mut out = vec![0u8; content.len() + (16 << 10)];
    let params = zstd_sys::ZDICT_params_t { compressionLevel: LEVEL, notificationLevel: 0, dictID: 0 };
    // SAFETY: every pointer and length pair is one live buffer, `out` is
    // writable for its length, and `sizes` sums to `flat.len()`.
    let n = unsafe {
        zstd_sys::ZDICT_finalizeDictionary(
            out.as_mut_ptr().cast(),
            out.len(),
            content.as_ptr().cast(),
            content.len(),
            flat.as_ptr().cast(),
            sizes.as_ptr(),
            sizes.len() as u32,
            params,
        )
    };
    // SAFETY: a pure function of the number.
    if unsafe { zstd_sys::ZDICT_isError(n) } != 0 {
        return content;
    }
    out.truncate(n);
    // Used only once it reads back what it wrote.
    let works = Codec::new(&out)
        .and_then(|mut c| {
            let packed = c.pack(samples[0])?;
            c.unpack(&packed)
        })
        .is_ok_and(|back| back == samples[0]);
    if works {
        out
    } else {
        content
    }
}

/// A compressor and decompressor sharing one dictionary.
pub struct Codec {
    compressor: zstd::bulk::Compressor<'static>,
    decompressor: zstd::bulk::Decompressor<'static>,
}

impl Codec {
    pub fn new(dictionary: &[u8]) -> io::Result<Codec> {
        Ok(Codec {
            compressor: compressor(dictionary)?,
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

/// A compressor with `dictionary`, writing frames without its id (the
/// store has one dictionary: four bytes a record saved).
fn compressor(dictionary: &[u8]) -> io::Result<zstd::bulk::Compressor<'static>> {
    let mut c = zstd::bulk::Compressor::with_dictionary(LEVEL, dictionary)?;
    c.set_parameter(zstd::zstd_safe::CParameter::DictIdFlag(false))?;
    Ok(c)
}

/// A store's dictionary, for compressing records on any thread: each
/// thread keeps one compressor loaded with it, made for its first record
/// and reused for every later one. (Before, a compressor was made for each
/// piece of work a batch was split into, and making zstd contexts alone
/// was about half a percent of an ingest's CPU in a profile.)
pub struct PackDictionary {
    bytes: Vec<u8>,
    /// Which dictionary a thread's compressor holds: unique per value.
    id: u64,
}

static NEXT_DICTIONARY: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static PACKER: RefCell<Option<(u64, zstd::bulk::Compressor<'static>)>> = const { RefCell::new(None) };
}

impl PackDictionary {
    /// For `dictionary` (a store's, from [`crate::Store::codec_dictionary`]).
    pub fn new(dictionary: &[u8]) -> io::Result<PackDictionary> {
        // A dictionary zstd cannot load fails here, once.
        zstd::dict::EncoderDictionary::try_copy(dictionary, LEVEL)?;
        Ok(PackDictionary { bytes: dictionary.to_vec(), id: NEXT_DICTIONARY.fetch_add(1, Ordering::Relaxed) })
    }

    /// Compresses `data` as [`Codec::pack`] of the same dictionary does,
    /// with this thread's compressor.
    pub fn pack(&self, data: &[u8]) -> io::Result<Vec<u8>> {
        PACKER.with(|cell| {
            let mut slot = cell.borrow_mut();
            match slot.as_mut() {
                Some((id, c)) if *id == self.id => c.compress(data),
                _ => {
                    let mut c = compressor(&self.bytes)?;
                    let out = c.compress(data);
                    *slot = Some((self.id, c));
                    out
                }
            }
        })
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
    fn a_finalized_dictionary_compresses_better_and_reads_back() {
        let record = |i: usize| {
            format!(
                r#"{{"id":"d-{i}-0","event":"{}","status":"reported","actor":[{{"entity_text":"Country {}","code":"C{:02}","kind":"state"}}],"text":"Officials in city {} met on day {} to talk about trade and borders."}}"#,
                ["CONSULT", "ACCUSE", "AID", "THREATEN"][i % 4],
                i % 37,
                i % 91,
                i * 7 % 113,
                i % 28
            )
        };
        let records: Vec<String> = (0..600).map(record).collect();
        let content = make_dictionary(records[..40].iter().map(|s| s.as_bytes()));
        let stats: Vec<&[u8]> = records[40..400].iter().map(|s| s.as_bytes()).collect();
        let finalized = finalize_dictionary(content.clone(), &stats);
        assert_eq!(finalized[..4], [0x37, 0xA4, 0x30, 0xEC], "zstd's dictionary magic number");
        assert!(finalized.ends_with(&content));
        let (mut raw, mut fin) = (Codec::new(&content).unwrap(), Codec::new(&finalized).unwrap());
        let packer = PackDictionary::new(&finalized).unwrap();
        let (mut raw_bytes, mut fin_bytes) = (0, 0);
        for r in &records[400..] {
            let (a, b) = (raw.pack(r.as_bytes()).unwrap(), fin.pack(r.as_bytes()).unwrap());
            assert_eq!(fin.unpack(&b).unwrap(), r.as_bytes());
            assert_eq!(packer.pack(r.as_bytes()).unwrap(), b);
            raw_bytes += a.len();
            fin_bytes += b.len();
        }
        assert!(fin_bytes < raw_bytes, "finalized {fin_bytes} bytes, raw {raw_bytes}");
        // Too few samples for statistics: the content as it was.
        assert!(finalize_dictionary(content.clone(), &stats[..MIN_SAMPLES - 1]) == content);
        assert!(finalize_dictionary(content.clone(), &[]) == content);
    }

    #[test]
    fn a_packer_of_the_same_dictionary_writes_what_the_codec_reads() {
        let sample = br#"{"id":"d-1-0","event":"ACCUSE","status":"alleged","actor":[{"entity_text":"Ukraine","code":"UKR","kind":"state"}]}"#;
        let dict = make_dictionary([&sample[..]]);
        let p = PackDictionary::new(&dict).unwrap();
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
        // A second dictionary on the same thread: its own compressor.
        let p2 = PackDictionary::new(&dict).unwrap();
        let mut codec = Codec::new(&dict).unwrap();
        for r in [&rec[..], &long[..], samples[7].as_bytes()] {
            assert_eq!(p2.pack(r).unwrap(), codec.pack(r).unwrap());
            assert_eq!(codec.unpack(&p2.pack(r).unwrap()).unwrap(), r.to_vec());
        }
        // And back to the first: what the first dictionary's codec reads.
        let first = Codec::new(&make_dictionary([&sample[..]])).unwrap().unpack(&p.pack(rec).unwrap()).unwrap();
        assert_eq!(first, rec.to_vec());
        assert!(PackDictionary::new(b"").is_ok_and(|d| d.pack(rec).is_ok()));
    }
}
