//! Byte spans into a document's repaired text: the one span type of sitrep.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into [`crate::Document::text`].
///
/// Offsets are bytes, not characters, so slicing is O(1) and spans are
/// stable across layers. Every constructor keeps `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; the two are swapped if given backwards.
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Span { start, end }
        } else {
            Span { start: end, end: start }
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies wholly inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The span shifted by `delta` bytes (used when a sub-text is analysed
    /// on its own and its spans are mapped back into the whole document).
    pub fn shift(&self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_orders_its_ends() {
        assert_eq!(Span::new(5, 2), Span { start: 2, end: 5 });
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(0, 10);
        let b = Span::new(5, 15);
        assert!(a.overlaps(b));
        assert!(!a.contains(b));
        assert!(a.contains(Span::new(2, 3)));
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 6)));
        assert_eq!(a.cover(b), Span::new(0, 15));
        assert_eq!(Span::new(1, 2).shift(10), Span::new(11, 12));
    }
}
