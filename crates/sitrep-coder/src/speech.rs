//! Who says so: direct quotes (straight or curly, spanning sentences) and
//! reported speech ("X said that …", "according to X", "…, a spokesman
//! said"), each with its speaker resolved to an actor.

use crate::clause::Sentence;
use crate::status::CueHit;
use crate::words::Tag;
use sitrep_core::Span;
use sitrep_lexicon::entries::CueKind;

/// Reported speech in one sentence: the reporting cue, its speaker, and
/// the tokens it covers.
#[derive(Debug, Clone)]
pub struct Frame {
    pub cue: (usize, usize),
    pub speaker: Option<usize>,
    pub covers: (usize, usize),
}

/// The reported-speech frames of a sentence.
pub fn frames(s: &Sentence, cues: &[CueHit]) -> Vec<Frame> {
    let n = s.toks.len();
    let mut out = Vec::new();
    for c in cues.iter().filter(|c| c.kind == CueKind::Reporting) {
        let first = &s.toks[c.start].lower;
        if first == "according" {
            let speaker = s.actor_starting_at(c.end);
            out.push(Frame { cue: (c.start, c.end), speaker, covers: (0, n) });
            continue;
        }
        // A trailing attribution: "…, a spokesman said." / "“…,” said Lavrov."
        let before = (0..c.start).rev().find(|&j| {
            !matches!(
                s.toks[j].tag,
                Tag::Det | Tag::Adv | Tag::Word | Tag::Num | Tag::Have | Tag::Be | Tag::Modal | Tag::Do | Tag::Poss
            )
        });
        // "…, saying they …", "…, adding that …": a participle introduces
        // what follows; it does not attribute what came before.
        let participle = s.toks[c.start].lower.ends_with("ing");
        // The attribution ends its clause: a comma, the end of the sentence
        // or a participle soon after the verb ("…, Fidan said on Tuesday,
        // adding that …"), not a complement ("said that …").
        let clause_ends_soon = !s.toks.get(c.end).is_some_and(|t| t.is("that"))
            && (c.end..(c.end + 5).min(n + 1))
                .any(|j| j == n || matches!(s.toks[j].tag, Tag::Comma | Tag::End | Tag::Break));
        let trailing = !participle
            && before.is_some_and(|j| matches!(s.toks[j].tag, Tag::Comma | Tag::Quote))
            && (c.start > n / 2 || clause_ends_soon);
        let inverted = !participle && c.start > 0 && matches!(s.toks[c.start - 1].tag, Tag::Comma | Tag::Quote);
        let speaker = if inverted {
            s.actor_starting_at(c.end).or_else(|| s.subject(c.start, 0).map(|r| r.0))
        } else if trailing {
            // "…, the defence minister said": the phrase between the comma and the verb.
            let from = before.map_or(0, |b| b + 1);
            s.actors_in(from, c.start).last().copied().or_else(|| s.actor_starting_at(c.end))
        } else {
            s.subject(c.start, 0).map(|r| r.0).or_else(|| s.actor_starting_at(c.end))
        };
        let covers = if trailing || inverted {
            let upto = before.unwrap_or(c.start);
            (0, upto)
        } else {
            (c.end, n)
        };
        out.push(Frame { cue: (c.start, c.end), speaker, covers });
    }
    out
}

/// A quotation in the document text: the span inside the marks.
#[derive(Debug, Clone, Copy)]
pub struct QuoteSpan {
    pub inner: Span,
    pub outer: Span,
}

/// Direct quotations in `text[range]`: curly pairs, and straight double
/// quotes paired in order.
pub fn find_quotes(text: &str, range: Span) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    let s = &text[range.start..range.end];
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match c {
            '“' | '«' | '„' => open = Some(i),
            '”' | '»' => {
                if let Some(o) = open.take() {
                    let olen = s[o..].chars().next().map_or(1, char::len_utf8);
                    out.push(QuoteSpan {
                        inner: Span::new(range.start + o + olen, range.start + i),
                        outer: Span::new(range.start + o, range.start + i + c.len_utf8()),
                    });
                }
            }
            '"' => match straight.take() {
                Some(o) => out.push(QuoteSpan {
                    inner: Span::new(range.start + o + 1, range.start + i),
                    outer: Span::new(range.start + o, range.start + i + 1),
                }),
                None => straight = Some(i),
            },
            '\n' => {
                // Quotes do not run across paragraphs unopened.
                straight = None;
            }
            _ => {}
        }
    }
    out.sort_by_key(|q| q.outer.start);
    out
}
