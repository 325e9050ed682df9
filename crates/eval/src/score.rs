//! Score records and counting helpers shared by the scorers.

use serde::Serialize;

/// One line of a results table.
#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub dataset: String,
    pub metric: String,
    /// Items scored (documents, snippets, expressions...), as the metric counts them.
    pub items: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// A published reference figure (F1 unless the note says otherwise) and whose it is.
    pub anchor: Option<(String, f64)>,
    pub note: String,
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        harmonic(self.precision(), self.recall())
    }
}

pub fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

pub fn harmonic(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

pub fn mean(xs: &[f64]) -> f64 {
    ratio(xs.iter().sum(), xs.len() as f64)
}
