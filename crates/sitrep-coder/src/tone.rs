//! Document and sentence tone in the style of GDELT's AvgTone: the share
//! of positive words minus the share of negative words, per 100 words.
//!
//! GDELT users lean on AvgTone to tell a hostile story from a conciliatory
//! one. The knowledge is a word list, kept as data in `lexicon/tone.tab`
//! (VADER's sentiment lexicon, MIT licence: see the file's header and
//! `scripts/make_tone.py`); this module only counts. A word counts as
//! positive or negative by the sign of its valence; its strength is kept
//! for callers who want it ([`Tone::valence`]) but, as in GDELT, does not
//! weigh the score.
//!
//! The file is named `.tab`, not `.tsv`, because `sitrep-lexicon` loads
//! every `.tsv` under `lexicon/` and rejects files it does not know; it is
//! embedded here with `include_str!` and parsed by [`Tone::parse`]. Moving
//! it into the lexicon loader (so that `--lexicon DIR` could override it)
//! needs a new file kind there.
//!
//! Scoring needs no tokens ([`Tone::counts_text`] scans bytes, for whole
//! documents) but can reuse the coder's ([`Tone::counts_tokens`], for an
//! event's sentence); both count a word as a run of letters and digits
//! joined by inner hyphens, holding at least one letter.
//!
//! ```
//! use sitrep_coder::tone;
//! let t = tone::score("Peace talks collapsed after the attack killed twelve people.");
//! assert!(t < 0.0);
//! ```

use crate::words::Tok;
use sitrep_core::{Document, SegmentKind};
use sitrep_lexicon::fasthash::FxHashMap;
use std::sync::OnceLock;

/// The default tone lexicon, as shipped in the repository.
const DEFAULT_TONE: &str = include_str!("../../../lexicon/tone.tab");

/// Longest word looked up; longer runs of letters are counted but never
/// found (no lexicon word is this long).
const MAX_WORD: usize = 40;

/// A bad line in a tone lexicon file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct ToneError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// A sentiment word list: lower-case word → valence.
#[derive(Debug, Clone, Default)]
pub struct Tone {
    words: FxHashMap<Box<[u8]>, f32>,
    /// Length in bytes of the longest word listed: longer words are not
    /// looked up.
    longest: usize,
}

/// Word counts behind a tone score, as GDELT's tone fields report them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ToneCounts {
    pub positive: u32,
    pub negative: u32,
    /// All words, found in the lexicon or not.
    pub words: u32,
}

impl ToneCounts {
    /// AvgTone: (positive − negative) / words × 100; 0 for no words.
    pub fn tone(&self) -> f32 {
        if self.words == 0 {
            return 0.0;
        }
        (self.positive as f32 - self.negative as f32) * 100.0 / self.words as f32
    }

    /// GDELT's PositiveScore: positive words per 100 words.
    pub fn positive_score(&self) -> f32 {
        self.share(self.positive)
    }

    /// GDELT's NegativeScore: negative words per 100 words.
    pub fn negative_score(&self) -> f32 {
        self.share(self.negative)
    }

    /// GDELT's Polarity: emotive words of either sign per 100 words.
    pub fn polarity(&self) -> f32 {
        self.share(self.positive + self.negative)
    }

    fn share(&self, n: u32) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            n as f32 * 100.0 / self.words as f32
        }
    }

    /// Counts of two texts together (a document from its sentences).
    pub fn add(&mut self, other: ToneCounts) {
        self.positive += other.positive;
        self.negative += other.negative;
        self.words += other.words;
    }
}

impl Tone {
    /// The lexicon shipped in `lexicon/tone.tab`, parsed once per process.
    pub fn default_lexicon() -> &'static Tone {
        static DEFAULT: OnceLock<Tone> = OnceLock::new();
        DEFAULT.get_or_init(|| {
            // The shipped file is checked by this module's tests; should it
            // ever fail to parse, score with an empty list rather than panic.
            Tone::parse(DEFAULT_TONE, "lexicon/tone.tab").unwrap_or_default()
        })
    }

    /// Parses a tone file: `#` comments and blank lines skipped, a header
    /// line naming the columns `word` and `valence`, then one word a line.
    /// `file` names the file in errors.
    pub fn parse(text: &str, file: &str) -> Result<Tone, ToneError> {
        let err = |line: usize, reason: String| ToneError { file: file.to_string(), line, reason };
        let mut words = FxHashMap::default();
        let mut cols: Option<(usize, usize)> = None;
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let Some((wc, vc)) = cols else {
                let find = |name: &str| fields.iter().position(|f| *f == name);
                match (find("word"), find("valence")) {
                    (Some(w), Some(v)) => cols = Some((w, v)),
                    _ => return Err(err(line_no, "header must name the columns `word` and `valence`".into())),
                }
                if let Some(bad) = fields.iter().find(|f| !matches!(**f, "word" | "valence" | "note")) {
                    return Err(err(line_no, format!("unknown column {bad:?}")));
                }
                continue;
            };
            let word = fields.get(wc).copied().unwrap_or("");
            if word.is_empty() {
                return Err(err(line_no, "empty word".into()));
            }
            if word.len() > MAX_WORD || word.chars().any(|c| c.is_whitespace()) {
                return Err(err(line_no, format!("{word:?}: one word of at most {MAX_WORD} bytes expected")));
            }
            let v = fields.get(vc).copied().unwrap_or("");
            let valence: f32 =
                v.parse().map_err(|_| err(line_no, format!("{word:?}: valence {v:?} is not a number")))?;
            if !valence.is_finite() {
                return Err(err(line_no, format!("{word:?}: valence {v:?} is not a number")));
            }
            let key = word.to_lowercase().into_bytes().into_boxed_slice();
            if words.insert(key, valence).is_some() {
                return Err(err(line_no, format!("{word:?} is listed twice")));
            }
        }
        if cols.is_none() {
            return Err(err(0, "no header line".into()));
        }
        let longest = words.keys().map(|k| k.len()).max().unwrap_or(0);
        Ok(Tone { words, longest })
    }

    /// Number of words in the list.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The valence of a word (any case), when the list has it.
    pub fn valence(&self, word: &str) -> Option<f32> {
        let mut buf = [0u8; MAX_WORD];
        lower_into(word.as_bytes(), &mut buf).and_then(|w| self.words.get(w).copied())
    }

    #[inline]
    fn count_word(&self, word: &[u8], buf: &mut [u8; MAX_WORD], c: &mut ToneCounts) {
        c.words += 1;
        if word.len() > self.longest {
            return;
        }
        if let Some(v) = lower_into(word, buf).and_then(|w| self.words.get(w)) {
            if *v > 0.0 {
                c.positive += 1;
            } else if *v < 0.0 {
                c.negative += 1;
            }
        }
    }

    /// Counts the words of a text and its positive and negative words.
    pub fn counts_text(&self, text: &str) -> ToneCounts {
        let b = text.as_bytes();
        let mut c = ToneCounts::default();
        let mut buf = [0u8; MAX_WORD];
        let mut i = 0;
        while i < b.len() {
            let (word, len, _) = class_at(text, i);
            if !word {
                i += len;
                continue;
            }
            let start = i;
            let mut letter = false;
            while i < b.len() {
                let (word, len, alpha) = class_at(text, i);
                if word {
                    letter |= alpha;
                    i += len;
                } else if b[i] == b'-' && i > start && i + 1 < b.len() && class_at(text, i + 1).0 {
                    i += 1;
                } else {
                    break;
                }
            }
            if letter {
                self.count_word(&b[start..i], &mut buf, &mut c);
            }
        }
        c
    }

    /// Counts over the coder's tokens of a sentence: every token holding a
    /// letter is a word.
    pub fn counts_tokens(&self, toks: &[Tok]) -> ToneCounts {
        let mut c = ToneCounts::default();
        let mut buf = [0u8; MAX_WORD];
        for t in toks {
            if t.text.chars().any(char::is_alphabetic) {
                self.count_word(t.lower.as_bytes(), &mut buf, &mut c);
            }
        }
        c
    }

    /// AvgTone of a text.
    pub fn score_text(&self, text: &str) -> f32 {
        self.counts_text(text).tone()
    }

    /// AvgTone of a sentence's tokens.
    pub fn score_tokens(&self, toks: &[Tok]) -> f32 {
        self.counts_tokens(toks).tone()
    }
}

/// At byte `i` (a character boundary) of `text`: whether the character
/// belongs in a word (a letter or digit, in any script), its length in
/// bytes, and whether it is a letter.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (bool, usize, bool) {
    let x = text.as_bytes()[i];
    if x < 0x80 {
        return (x.is_ascii_alphanumeric(), 1, x.is_ascii_alphabetic());
    }
    match text.get(i..).and_then(|s| s.chars().next()) {
        Some(ch) => (ch.is_alphanumeric(), ch.len_utf8(), ch.is_alphabetic()),
        None => (false, 1, false),
    }
}

/// `word` in ASCII lower case in `buf`, or `None` when too long to be in
/// the list. Non-ASCII bytes are kept as they are.
#[inline]
fn lower_into<'b>(word: &[u8], buf: &'b mut [u8; MAX_WORD]) -> Option<&'b [u8]> {
    if word.len() > MAX_WORD {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..word.len()])
}

/// Counts over a document's own words: its title and article segments
/// (the outlet's story, as GDELT scores it), not reader comments, link
/// lists or boilerplate. A document without segments is scored whole.
pub fn document_counts(tone: &Tone, doc: &Document) -> ToneCounts {
    let mut c = ToneCounts::default();
    let mut any = false;
    for g in doc.segments.iter().filter(|g| matches!(g.kind, SegmentKind::Title | SegmentKind::Article)) {
        c.add(tone.counts_text(doc.slice(g.span)));
        any = true;
    }
    if !any && doc.segments.is_empty() {
        c = tone.counts_text(&doc.text);
    }
    c
}

/// AvgTone of a text with the default lexicon.
pub fn score(text: &str) -> f32 {
    Tone::default_lexicon().score_text(text)
}

/// AvgTone of a sentence's tokens with the default lexicon.
pub fn score_tokens(toks: &[Tok]) -> f32 {
    Tone::default_lexicon().score_tokens(toks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Tone {
        Tone::parse("# test list\nword\tvalence\ngood\t1.9\nbad\t-2.5\nkilled\t-3.5\nwell-known\t0.5\n", "t.tab")
            .expect("parses")
    }

    #[test]
    fn avgtone_is_positive_minus_negative_per_hundred_words() {
        let t = small();
        // 9 words: 1 positive, 2 negative.
        let c = t.counts_text("A good day, a bad day: twelve were killed.");
        assert_eq!(c, ToneCounts { positive: 1, negative: 2, words: 9 });
        assert!((c.tone() - (-100.0 / 9.0)).abs() < 1e-4, "{}", c.tone());
        assert!((c.polarity() - 300.0 / 9.0).abs() < 1e-4);
        assert!((c.positive_score() - 100.0 / 9.0).abs() < 1e-4);
        assert!((c.negative_score() - 200.0 / 9.0).abs() < 1e-4);
    }

    #[test]
    fn words_are_letters_and_digits_with_inner_hyphens() {
        let t = small();
        // "12" holds no letter; "well-known" is one word; case is ignored.
        let c = t.counts_text("GOOD, well-known -- 12 12th Bad-");
        assert_eq!(c, ToneCounts { positive: 2, negative: 1, words: 4 });
    }

    #[test]
    fn empty_text_has_zero_tone() {
        let c = small().counts_text("  ... 42 !");
        assert_eq!(c.words, 0);
        assert_eq!(c.tone(), 0.0);
    }

    #[test]
    fn tokens_and_text_agree_on_plain_sentences() {
        let text = "Rebels killed twelve soldiers, but the peace talks were a great success.";
        let doc = sitrep_text::build_text_document(text);
        let (toks, _) = crate::words::sentence_tokens(&doc, doc.sentences[0].span, 0);
        let lex = Tone::default_lexicon();
        let a = lex.counts_text(text);
        let b = lex.counts_tokens(&toks);
        assert_eq!(a, b);
        assert!(a.positive >= 2 && a.negative >= 1, "{a:?}");
    }

    #[test]
    fn default_lexicon_loads_and_reads_news_words() {
        let parsed = Tone::parse(DEFAULT_TONE, "lexicon/tone.tab").expect("the shipped tone file parses");
        assert!(parsed.len() > 5000, "{}", parsed.len());
        let lex = Tone::default_lexicon();
        assert!(lex.valence("killed").is_some_and(|v| v < 0.0));
        assert!(lex.valence("Peace").is_some_and(|v| v > 0.0));
        // Dropped as neutral in news.
        assert_eq!(lex.valence("party"), None);
        assert_eq!(lex.valence("united"), None);
        assert!(score("The ceasefire brought hope and relief to grateful families.") > 0.0);
        assert!(score("The bombing killed dozens and wounded hundreds in a horrific attack.") < 0.0);
    }

    #[test]
    fn document_tone_reads_the_story_not_the_comments() {
        let mut doc = sitrep_text::build_text_document("Great peace deal signed.\n\nTerrible awful hateful comment.");
        let story = doc.text.find("Terrible").unwrap_or(doc.text.len());
        doc.segments = vec![
            sitrep_core::Segment::new(SegmentKind::Article, sitrep_core::Span::new(0, story)),
            sitrep_core::Segment::new(SegmentKind::Comment, sitrep_core::Span::new(story, doc.text.len())),
        ];
        let c = document_counts(Tone::default_lexicon(), &doc);
        assert_eq!((c.negative, c.words), (0, 4), "{c:?}");
        assert!(c.tone() > 0.0);
    }

    #[test]
    fn curly_apostrophes_and_no_break_spaces_split_words() {
        let lex = Tone::default_lexicon();
        // "didn’t" is "didn" + "t", as "didn't" is; a no-break space separates.
        assert_eq!(lex.counts_text("didn’t\u{a0}help").words, 3);
        assert_eq!(lex.counts_text("didn't help").words, 3);
    }

    #[test]
    fn bad_files_give_one_line_errors_naming_file_and_line() {
        let e = Tone::parse("word\tvalence\ngood\tvery\n", "x.tab").unwrap_err();
        assert_eq!(e.to_string(), "x.tab:2: \"good\": valence \"very\" is not a number");
        let e = Tone::parse("# c\nterm\tscore\n", "x.tab").unwrap_err();
        assert_eq!(e.line, 2);
        let e = Tone::parse("word\tvalence\ngood\t1\ngood\t2\n", "x.tab").unwrap_err();
        assert!(e.to_string().contains("listed twice"), "{e}");
        let e = Tone::parse("# only comments\n", "x.tab").unwrap_err();
        assert!(e.to_string().contains("no header"), "{e}");
        let e = Tone::parse("word\tvalence\tcolour\n", "x.tab").unwrap_err();
        assert!(e.to_string().contains("unknown column"), "{e}");
    }
}
