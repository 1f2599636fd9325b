//! Damaged copies of real inputs: thousands of variants of the WARC, feed
//! and JSONL fixtures with bytes flipped, cut, inserted, repeated, and
//! lengths rewritten, read through [`sitrep_read::read_stream`]. None may
//! panic or loop; every error must be one line naming the input. A cheap
//! stand-in for the fuzzing to come, deterministic so a failure repeats.

use flate2::write::GzEncoder;
use flate2::Compression;
use sitrep_read::{read_stream, ReadOptions};
use std::io::Write;
use std::path::Path;

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        if v.is_empty() {
            v.push(b'W');
        }
        let at = rng.below(v.len());
        match rng.below(7) {
            0 => v[at] ^= 1 << rng.below(8),
            1 => v.truncate(at),
            2 => {
                let junk: Vec<u8> = (0..1 + rng.below(64)).map(|_| rng.next() as u8).collect();
                v.splice(at..at, junk);
            }
            3 => {
                let end = (at + 1 + rng.below(2000)).min(v.len());
                let dup = v[at..end].to_vec();
                v.splice(at..at, dup);
            }
            4 => {
                let end = (at + 1 + rng.below(500)).min(v.len());
                v.drain(at..end);
            }
            5 => {
                // Rewrite a length field with another number.
                if let Some(i) =
                    find_from(&v, b"Content-Length: ", at).or_else(|| find_from(&v, b"Content-Length: ", 0))
                {
                    let start = i + 16;
                    let end = start + v[start..].iter().take_while(|b| b.is_ascii_digit()).count();
                    let n = match rng.below(4) {
                        0 => 0,
                        1 => rng.below(100_000) as u64,
                        2 => u64::MAX,
                        _ => rng.next() >> rng.below(64),
                    };
                    v.splice(start..end, n.to_string().into_bytes());
                }
            }
            _ => v[at] = [0u8, b'\n', b'\r', b'<', b'"', b'\\', b'{', 0xFF][rng.below(8)],
        }
    }
    v
}

fn find_from(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    h.get(from..)?.windows(n.len()).position(|w| w == n).map(|i| i + from)
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn read_all(name: &str, bytes: Vec<u8>) -> usize {
    let options = ReadOptions { format: None, max_doc_bytes: 1 << 20 };
    let mut items = 0;
    for item in read_stream(name, Box::new(std::io::Cursor::new(bytes)), options) {
        items += 1;
        assert!(items < 100_000, "{name}: the reader does not stop");
        if let Err(e) = item {
            let line = e.to_string();
            assert!(!line.contains('\n') && line.starts_with(name), "{line:?}");
        }
    }
    items
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let fx = Path::new(SHARED).join("fixtures");
    let mut out = Vec::new();
    for f in [
        "warc/warcio/example.warc",
        "warc/warcio/example.warc.gz",
        "warc/warcio/example-iana.org-chunked.warc",
        "warc/warcio/example.arc",
        "warc/warcio/example-wget-bad-target-uri.warc.gz",
        "feeds/feed-rs/rss2/rss_2.0_nbcny.xml",
        "feeds/feed-rs/atom/atom_example_1.xml",
        "feeds/feed-rs/rss1/rss_1.0_iso8859.xml",
        "feeds/feed-rs/jsonfeed/jsonfeed_example_1.json",
    ] {
        let name = Path::new(f).file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, std::fs::read(fx.join(f)).unwrap()));
    }
    // The first records of the Common Crawl extract, re-gzipped whole.
    let cc = std::fs::read(fx.join("warc/resiliparse/warcfile.warc")).unwrap();
    out.push(("cc.warc.gz".to_string(), gz(&cc[..39_175])));
    // Its first six records as written, one gzip member each.
    let members = std::fs::read(fx.join("warc/resiliparse/warcfile.warc.gz")).unwrap();
    out.push(("cc-members.warc.gz".to_string(), members[..31_493].to_vec()));
    let jsonl: String = (0..20)
        .map(|i| format!("{{\"id\": {i}, \"text\": \"Story {i} \\u00e9\\n line\", \"url\": \"https://x.example/{i}\", \"author\": [\"A\"]}}\n"))
        .collect();
    out.push(("docs.jsonl".to_string(), jsonl.clone().into_bytes()));
    out.push(("docs.jsonl.gz".to_string(), gz(jsonl.as_bytes())));
    out
}

#[test]
fn damaged_inputs_never_panic_or_hang() {
    // SITREP_MUTATIONS=n and SITREP_SEED=s run a longer or another search.
    let rounds = std::env::var("SITREP_MUTATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(250);
    let seed = std::env::var("SITREP_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5EED_2024);
    let mut rng = Rng(seed);
    let mut total = 0;
    for (name, bytes) in seeds() {
        assert!(read_all(&name, bytes.clone()) > 0, "{name}: the undamaged seed reads");
        for _ in 0..rounds {
            total += read_all(&name, mutate(&mut rng, &bytes));
        }
    }
    assert!(total > 0);
}
