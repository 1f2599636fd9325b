//! Keeping account of every change, so nothing is rewritten silently.
//!
//! Each repair stage (entities, lossy punctuation, re-decoding, C1, NFC)
//! reports its changes as [`Edit`]s against the text it was given. A
//! [`Tracker`] composes them: it keeps the line as a list of pieces, either
//! untouched stretches of the original or changed stretches with the
//! original text they replace and the rules that changed them. When a
//! later stage changes text an earlier one produced (doubled mojibake, NFC
//! after decoding), the two records merge into one whose `before` is the
//! original text and whose rule lists both steps.

use sitrep_core::Repair;

/// One change made by one stage: bytes `start..end` of its input become `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub start: usize,
    pub end: usize,
    pub after: String,
    pub rule: String,
}

/// Applies sorted, non-overlapping `edits` to `text`.
pub(crate) fn splice(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    for e in edits {
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.after);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// The edits that turn `a` into `b`, as small as the change allows.
///
/// Re-decoding keeps ASCII characters as they are, so when both texts have
/// the same ASCII characters in the same order, each stretch of non-ASCII
/// text between them is compared on its own (one record per damaged word).
/// Otherwise one edit covers everything between the common prefix and suffix.
pub(crate) fn diff_edits(a: &str, b: &str, rule: &str) -> Vec<Edit> {
    let asc = |s: &str| -> Vec<(usize, u8)> { s.bytes().enumerate().filter(|(_, c)| c.is_ascii()).collect() };
    let aa = asc(a);
    let ba = asc(b);
    let mut edits = Vec::new();
    if aa.len() == ba.len() && aa.iter().zip(&ba).all(|(x, y)| x.1 == y.1) {
        let mut a_prev = 0;
        let mut b_prev = 0;
        for k in 0..=aa.len() {
            let (a_end, b_end) = if k < aa.len() { (aa[k].0, ba[k].0) } else { (a.len(), b.len()) };
            if a[a_prev..a_end] != b[b_prev..b_end] {
                edits.push(Edit {
                    start: a_prev,
                    end: a_end,
                    after: b[b_prev..b_end].to_string(),
                    rule: rule.to_string(),
                });
            }
            a_prev = a_end + 1;
            b_prev = b_end + 1;
        }
        return edits;
    }
    let prefix = a.char_indices().zip(b.chars()).take_while(|((_, x), y)| x == y).map(|((_, x), _)| x.len_utf8()).sum();
    let a_rest = &a[prefix..];
    let b_rest = &b[prefix..];
    let suffix: usize =
        a_rest.chars().rev().zip(b_rest.chars().rev()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let suffix = suffix.min(a_rest.len()).min(b_rest.len());
    edits.push(Edit {
        start: prefix,
        end: a.len() - suffix,
        after: b[prefix..b.len() - suffix].to_string(),
        rule: rule.to_string(),
    });
    edits
}

#[derive(Debug, Clone)]
enum Piece {
    /// Original bytes `start..end`, unchanged.
    Same { start: usize, end: usize },
    /// Original bytes `start..end` replaced by `text`.
    Changed { start: usize, end: usize, text: String, rules: Vec<String> },
}

impl Piece {
    fn len(&self) -> usize {
        match self {
            Piece::Same { start, end } => end - start,
            Piece::Changed { text, .. } => text.len(),
        }
    }
}

/// The changes made to one line so far, against its original text.
#[derive(Debug)]
pub(crate) struct Tracker<'a> {
    orig: &'a str,
    pieces: Vec<Piece>,
}

impl<'a> Tracker<'a> {
    pub fn new(orig: &'a str) -> Self {
        Tracker { orig, pieces: vec![Piece::Same { start: 0, end: orig.len() }] }
    }

    /// The text with all edits so far.
    pub fn current(&self) -> String {
        let mut s = String::with_capacity(self.orig.len() + 16);
        self.write_current(&mut s);
        s
    }

    /// Appends the current text to `out`.
    pub fn write_current(&self, out: &mut String) {
        for p in &self.pieces {
            match p {
                Piece::Same { start, end } => out.push_str(&self.orig[*start..*end]),
                Piece::Changed { text, .. } => out.push_str(text),
            }
        }
    }

    /// Applies `edits` (sorted, non-overlapping), given in offsets of
    /// [`Tracker::current`]. One pass over the pieces and the edits.
    pub fn apply(&mut self, edits: &[Edit]) {
        if edits.is_empty() {
            return;
        }
        let cur = self.current();
        let n = self.pieces.len();
        let mut starts = Vec::with_capacity(n);
        let mut ends = Vec::with_capacity(n);
        let mut pos = 0;
        for p in &self.pieces {
            starts.push(pos);
            pos += p.len();
            ends.push(pos);
        }
        let is_changed = |k: usize| matches!(self.pieces[k], Piece::Changed { .. });

        // Group the edits: an edit reaching into a changed piece widens to
        // the whole piece, and edits sharing a changed piece become one.
        struct Group {
            start: usize,
            end: usize,
            members: Vec<usize>,
        }
        let mut groups: Vec<Group> = Vec::new();
        for (i, e) in edits.iter().enumerate() {
            let first = ends.partition_point(|&x| x <= e.start);
            let last = starts.partition_point(|&x| x < e.end.max(e.start + 1)).saturating_sub(1);
            let mut gs = e.start;
            let mut ge = e.end;
            if first < n && first <= last {
                if is_changed(first) && starts[first] < gs {
                    gs = starts[first];
                }
                if is_changed(last) && ends[last] > ge {
                    ge = ends[last];
                }
            }
            match groups.last_mut() {
                Some(g) if gs < g.end => {
                    g.end = g.end.max(ge);
                    g.members.push(i);
                }
                _ => groups.push(Group { start: gs, end: ge, members: vec![i] }),
            }
        }

        let old = std::mem::take(&mut self.pieces);
        let mut k = 0; // current piece
        let mut off = 0; // bytes of piece k already emitted (Same pieces only)
        let mut new_pieces: Vec<Piece> = Vec::with_capacity(old.len() + 2 * groups.len());
        for g in &groups {
            // Untouched text before the group.
            while k < n && ends[k] <= g.start {
                push_rest(&mut new_pieces, &old[k], off);
                k += 1;
                off = 0;
            }
            if k < n && starts[k] + off < g.start {
                if let Piece::Same { start, .. } = old[k] {
                    let cut = g.start - starts[k];
                    new_pieces.push(Piece::Same { start: start + off, end: start + cut });
                    off = cut;
                }
            }
            // The covered pieces.
            let mut orig_lo: Option<usize> = None;
            let mut orig_hi = 0;
            let mut rules: Vec<String> = Vec::new();
            while k < n && starts[k] + off < g.end {
                match &old[k] {
                    Piece::Same { start, .. } => {
                        let hi = (g.end - starts[k]).min(ends[k] - starts[k]);
                        orig_lo.get_or_insert(start + off);
                        orig_hi = start + hi;
                        if starts[k] + hi < ends[k] {
                            off = hi;
                            break;
                        }
                    }
                    Piece::Changed { start, end, rules: r, .. } => {
                        orig_lo.get_or_insert(*start);
                        orig_hi = *end;
                        for x in r {
                            if !rules.contains(x) {
                                rules.push(x.clone());
                            }
                        }
                    }
                }
                k += 1;
                off = 0;
            }
            let orig_lo = match orig_lo {
                Some(lo) => lo,
                None => {
                    // Pure insertion: at the original position of the cursor.
                    let lo = match old.get(k) {
                        Some(Piece::Same { start, .. }) => start + off,
                        _ => new_pieces.last().map_or(0, |p| match p {
                            Piece::Same { end, .. } | Piece::Changed { end, .. } => *end,
                        }),
                    };
                    orig_hi = lo;
                    lo
                }
            };
            let mut after = String::new();
            let mut p = g.start;
            for &i in &g.members {
                let e = &edits[i];
                after.push_str(&cur[p..e.start]);
                after.push_str(&e.after);
                p = e.end;
                if !rules.contains(&e.rule) || g.members.len() == 1 {
                    rules.push(e.rule.clone());
                }
            }
            after.push_str(&cur[p..g.end]);
            new_pieces.push(Piece::Changed { start: orig_lo, end: orig_hi.max(orig_lo), text: after, rules });
        }
        while k < n {
            push_rest(&mut new_pieces, &old[k], off);
            k += 1;
            off = 0;
        }
        self.pieces = new_pieces;
    }

    /// The records of all changes, with offsets shifted by `base` (the line's
    /// offset in the whole output).
    pub fn records(&self, base: usize, out: &mut Vec<Repair>) {
        let mut pos = base;
        for p in &self.pieces {
            if let Piece::Changed { start, end, text, rules } = p {
                let before = &self.orig[*start..*end];
                if before != text {
                    out.push(Repair {
                        offset: pos,
                        before: before.to_string(),
                        after: text.clone(),
                        rule: rules.join(">"),
                    });
                }
            }
            pos += p.len();
        }
    }
}

/// Pushes piece `p` minus its first `off` bytes (which were already emitted).
fn push_rest(out: &mut Vec<Piece>, p: &Piece, off: usize) {
    match p {
        Piece::Same { start, end } => {
            if start + off < *end {
                out.push(Piece::Same { start: start + off, end: *end });
            }
        }
        Piece::Changed { .. } => out.push(p.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, after: &str, rule: &str) -> Edit {
        Edit { start, end, after: after.to_string(), rule: rule.to_string() }
    }

    #[test]
    fn diff_pairs_non_ascii_stretches() {
        let e = diff_edits("a â€™ b Ã©", "a ’ b é", "r");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0], edit(2, 10, "’", "r"));
        assert_eq!(&"a â€™ b Ã©"[e[1].start..e[1].end], "Ã©");
    }

    #[test]
    fn diff_falls_back_to_one_edit() {
        let e = diff_edits("xÃ y", "xày", "r");
        assert_eq!(e, vec![edit(1, 4, "à", "r")]);
    }

    #[test]
    fn tracker_merges_stacked_edits_into_one_record() {
        let orig = "say ÃƒÂ© now";
        let mut t = Tracker::new(orig);
        t.apply(&diff_edits(orig, "say Ã© now", "w1252"));
        let cur = t.current();
        assert_eq!(cur, "say Ã© now");
        t.apply(&diff_edits(&cur, "say é now", "w1252"));
        assert_eq!(t.current(), "say é now");
        let mut recs = Vec::new();
        t.records(10, &mut recs);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].offset, 14);
        assert_eq!(recs[0].before, "ÃƒÂ©");
        assert_eq!(recs[0].after, "é");
        assert_eq!(recs[0].rule, "w1252>w1252");
    }

    #[test]
    fn tracker_keeps_separate_edits_separate_and_offsets_right() {
        let orig = "aâ b &amp; c";
        let mut t = Tracker::new(orig);
        t.apply(&[edit(1, 3, "’", "q"), edit(6, 11, "&", "e")]);
        assert_eq!(t.current(), "a’ b & c");
        let mut recs = Vec::new();
        t.records(0, &mut recs);
        assert_eq!(recs.len(), 2);
        assert_eq!((recs[0].offset, recs[0].after.as_str()), (1, "’"));
        assert_eq!((recs[1].offset, recs[1].before.as_str()), (7, "&amp;"));
        let out = t.current();
        assert_eq!(&out[recs[1].offset..recs[1].offset + 1], "&");
    }
}
