use serde::{Deserialize, Serialize};

/// A byte range `[start, end)` into a document's `text`. Serialised as a two-element array.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span(pub usize, pub usize);

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span(start, end)
    }
    pub fn start(&self) -> usize {
        self.0
    }
    pub fn end(&self) -> usize {
        self.1
    }
    pub fn len(&self) -> usize {
        self.1.saturating_sub(self.0)
    }
    pub fn is_empty(&self) -> bool {
        self.1 <= self.0
    }
    pub fn contains(&self, pos: usize) -> bool {
        self.0 <= pos && pos < self.1
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.0 < other.1 && other.0 < self.1
    }
    /// The span of `sorted` (in text order, not overlapping) that contains `pos`, found by
    /// binary search: look-ups per token stay cheap when an entity is named thousands of times.
    pub fn containing(sorted: &[Span], pos: usize) -> Option<Span> {
        let after = sorted.partition_point(|s| s.0 <= pos);
        sorted[..after].last().filter(|s| s.contains(pos)).copied()
    }

    /// The slice of `text` this span covers, or "" when it does not fit (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.0..self.1).unwrap_or("")
    }
    /// True when the span lies inside `text` and both ends fall on character boundaries.
    pub fn is_valid_in(&self, text: &str) -> bool {
        self.0 <= self.1
            && self.1 <= text.len()
            && text.is_char_boundary(self.0)
            && text.is_char_boundary(self.1)
    }

    /// The non-blank lines of `text`, each without its line break.
    pub fn lines_of(text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices('\n').chain([(text.len(), "")]) {
            if !text[start..i].trim().is_empty() {
                spans.push(Span(start, i));
            }
            start = i + 1;
        }
        spans
    }
}
