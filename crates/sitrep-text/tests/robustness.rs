//! The text stage on hostile input: every layer must point into the text,
//! on character boundaries, in order, whatever the input, and nothing may
//! panic. Inputs are generated (a fixed-seed generator mixing the pieces
//! that trip text code: multi-byte characters, separators, URLs, quotes,
//! abbreviations, markers, control characters) and pathological (a long
//! single line, many blank or separator lines, a long word).

use sitrep_core::{Document, SegmentKind};
use sitrep_text::build_text_document;

/// Checks every invariant the later stages rely on.
fn check(doc: &Document) {
    let t = &doc.text;
    let ok = |s: usize, e: usize| s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e);
    let mut prev_end = 0;
    for s in &doc.segments {
        assert!(ok(s.span.start, s.span.end), "segment {s:?}");
        assert!(s.span.start >= prev_end, "segments overlap or are out of order: {:?}", doc.segments);
        assert!(!s.span.is_empty(), "empty segment");
        assert_eq!(doc.slice(s.span), doc.slice(s.span).trim(), "segment not trimmed");
        prev_end = s.span.end;
    }
    let mut prev = 0;
    for s in &doc.sentences {
        assert!(ok(s.span.start, s.span.end) && !s.span.is_empty(), "sentence {s:?}");
        assert!(doc.segments[s.segment].span.contains(s.span), "sentence outside its segment");
        assert!(doc.segments[s.segment].kind.is_coded());
        assert!(s.span.start >= prev, "sentences out of order");
        prev = s.span.end;
    }
    let mut prev = 0;
    for k in &doc.tokens {
        assert!(ok(k.span.start, k.span.end) && !k.span.is_empty(), "token {k:?}");
        assert!(k.span.start >= prev, "tokens out of order");
        assert!(!doc.slice(k.span).chars().any(char::is_whitespace) || doc.slice(k.span).len() > 3, "token with space");
        prev = k.span.end;
    }
    for l in &doc.links {
        assert!(ok(l.span.start, l.span.end));
        assert_eq!(doc.slice(l.span), l.url);
        assert!(
            doc.segments[l.segment].span.contains(l.span),
            "link {l:?} outside its segment in {t:?}: {:?}",
            doc.segments
        );
    }
    if let Some(u) = &doc.url {
        assert!(doc.links.iter().any(|l| &l.url == u), "the page's URL is one of its links");
    }
    assert_eq!(doc.id.len(), 32);
}

/// A small fixed-seed generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[(self.next() % v.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "The",
    "U.S.",
    "Gen.",
    "Jan.",
    "3.5",
    "1,000",
    "Mr.",
    "W.",
    "said",
    "Pyongyang’s",
    "Kim Jong-un",
    "“",
    "”",
    "\"",
    "'",
    "...",
    "…",
    ".",
    "!",
    "?",
    ",",
    ":",
    "\n",
    "\n\n",
    ".....\n",
    "-----",
    "* * *",
    "https://example.org/a(b)",
    "www.x.example",
    "http://",
    "Reply",
    "3 hours ago",
    "ann_k wrote:",
    "12 Comments",
    "Share this",
    "By Ann Lee",
    "é",
    "日本",
    "🙂",
    "\u{00a0}",
    "\u{200b}",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{1b}",
    "ʼ",
    "’",
    "n’t",
    "‐",
    "Â",
    "â€™",
    "2024",
    "10:31",
    "Nov 12, 2024",
    "Source:",
    "<",
    ">",
    "(",
    ")",
    "—",
    "■",
    "«",
    "»",
    "Ÿ",
    "\u{fffd}",
];

#[test]
fn generated_pages_keep_every_invariant() {
    for seed in [0x5eed_2024_cafe_f00d_u64, 0x0123_4567_89ab_cdef, 0xdead_beef_0bad_f00d, 42] {
        generated_round(seed);
    }
}

fn generated_round(seed: u64) {
    let mut rng = Rng(seed);
    for round in 0..500 {
        let n = 1 + (rng.next() % 120) as usize;
        let mut t = String::new();
        for _ in 0..n {
            t.push_str(rng.pick(PIECES));
            if !rng.next().is_multiple_of(3) {
                t.push(' ');
            }
        }
        let doc = std::panic::catch_unwind(|| build_text_document(&t))
            .unwrap_or_else(|_| panic!("seed {seed:#x} round {round}: panicked on {t:?}"));
        check(&doc);
    }
}

#[test]
fn pathological_shapes() {
    let long_line = "word ".repeat(400_000);
    let long_word = "a".repeat(300_000);
    let blanks = "\n".repeat(100_000);
    let separators = ".....\n".repeat(50_000);
    let urls = "https://example.org/x\n".repeat(20_000);
    let markers = "Reply\n".repeat(20_000);
    let dots = ".".repeat(100_000);
    for t in [&long_line, &long_word, &blanks, &separators, &urls, &markers, &dots, &String::new()] {
        let doc = build_text_document(t);
        check(&doc);
    }
    // A run-on line is cut into bounded sentences.
    let doc = build_text_document(&long_line);
    assert!(doc.sentences.iter().all(|s| s.span.len() <= sitrep_text::sentence::MAX_SENTENCE_BYTES));
    // A page of URL lines is links, not an article.
    let doc = build_text_document(&urls);
    assert!(doc.segments.iter().all(|s| s.kind == SegmentKind::Link));
}

#[test]
fn crlf_pages_segment_like_lf_pages() {
    let lf = ".....\nThe ministry said on Monday that the exercise would involve 40 ships and last until the end of the month, according to a statement.\n.....\nhttps://news.example/navy\n.....\nBig show.\nNothing new.\n";
    let crlf = lf.replace('\n', "\r\n");
    let a = build_text_document(lf);
    let b = build_text_document(&crlf);
    check(&b);
    let kinds = |d: &Document| d.segments.iter().map(|s| s.kind).collect::<Vec<_>>();
    assert_eq!(kinds(&a), kinds(&b));
    assert_eq!(a.url, b.url);
    assert_eq!(a.sentences.len(), b.sentences.len());
}
