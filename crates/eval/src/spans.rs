//! Span matching shared by the TIMEX and entity scorers: strict (same offsets) and relaxed
//! (overlapping) one-to-one matches, and attribute agreement on the relaxed matches.

use crate::score::Counts;
use dateline_core::Span;

/// A gold or predicted annotation: a span with a label (type) and a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Labeled {
    pub span: Span,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SpanScores {
    pub strict: Counts,
    pub relaxed: Counts,
    /// Relaxed matches whose label agrees, over all gold and predicted items.
    pub label: Counts,
    /// Relaxed matches whose value agrees, over all gold and predicted items.
    pub value: Counts,
    /// Strict matches whose label agrees.
    pub strict_label: Counts,
}

impl SpanScores {
    pub fn add(&mut self, gold: &[Labeled], pred: &[Labeled]) {
        let strict = matches(gold, pred, |g, p| g.span == p.span);
        let relaxed = matches(gold, pred, |g, p| g.span.overlaps(&p.span));
        let label_ok = relaxed
            .iter()
            .filter(|(g, p)| gold[*g].label == pred[*p].label)
            .count();
        let value_ok = relaxed
            .iter()
            .filter(|(g, p)| gold[*g].value == pred[*p].value)
            .count();
        let strict_label_ok = strict
            .iter()
            .filter(|(g, p)| gold[*g].label == pred[*p].label)
            .count();
        let (ng, np) = (gold.len() as f64, pred.len() as f64);
        for (counts, tp) in [
            (&mut self.strict, strict.len()),
            (&mut self.relaxed, relaxed.len()),
            (&mut self.label, label_ok),
            (&mut self.value, value_ok),
            (&mut self.strict_label, strict_label_ok),
        ] {
            counts.tp += tp as f64;
            counts.fp += np - tp as f64;
            counts.fn_ += ng - tp as f64;
        }
    }
}

/// Greedy one-to-one matching in document order.
fn matches(
    gold: &[Labeled],
    pred: &[Labeled],
    ok: impl Fn(&Labeled, &Labeled) -> bool,
) -> Vec<(usize, usize)> {
    let mut used = vec![false; pred.len()];
    let mut out = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(pi) = (0..pred.len()).find(|&pi| !used[pi] && ok(g, &pred[pi])) {
            used[pi] = true;
            out.push((gi, pi));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(s: usize, e: usize, label: &str, value: &str) -> Labeled {
        Labeled {
            span: Span(s, e),
            label: label.into(),
            value: value.into(),
        }
    }

    #[test]
    fn strict_relaxed_and_values() {
        let gold = [l(0, 5, "DATE", "2013-03-22"), l(10, 20, "DURATION", "P1M")];
        let pred = [
            l(0, 5, "DATE", "2013-03-22"),
            l(12, 20, "DURATION", "P2M"),
            l(30, 35, "DATE", "x"),
        ];
        let mut s = SpanScores::default();
        s.add(&gold, &pred);
        assert_eq!((s.strict.tp, s.strict.fp, s.strict.fn_), (1.0, 2.0, 1.0));
        assert_eq!((s.relaxed.tp, s.relaxed.fp, s.relaxed.fn_), (2.0, 1.0, 0.0));
        assert_eq!(s.value.tp, 1.0);
        assert_eq!(s.label.tp, 2.0);
    }
}
