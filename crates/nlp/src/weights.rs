//! Weight tables of the linear models. Training keeps full-precision weights with lazily averaged
//! totals (the averaged perceptron); the shipped model keeps each row as signed bytes with one
//! scale per row, which is small on disk and in memory and loses little.

/// Rows of a hashed table: the top bits of a feature hash choose the row.
#[inline]
pub fn row_of(feature: u64, bits: u32) -> usize {
    (feature >> (64 - bits)) as usize
}

/// A trained, quantised table: `rows` rows of `classes` weights.
#[derive(Debug, Clone)]
pub struct Table {
    pub bits: u32,
    pub classes: usize,
    pub scales: Vec<f32>,
    pub values: Vec<i8>,
}

impl Table {
    /// Adds the weights of every feature to `scores` (one entry per class).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        for &f in features {
            let row = row_of(f, self.bits);
            let scale = self.scales[row];
            if scale == 0.0 {
                continue;
            }
            let start = row * self.classes;
            let values = &self.values[start..start + self.classes];
            for (s, &v) in scores.iter_mut().zip(values) {
                *s += scale * f32::from(v);
            }
        }
    }
}

/// Weights during training, with what averaging needs.
pub struct Trainer {
    pub bits: u32,
    pub classes: usize,
    weights: Vec<f32>,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    /// Number of training examples seen so far (the averaging clock).
    pub clock: u32,
}

impl Trainer {
    pub fn new(bits: u32, classes: usize) -> Trainer {
        let cells = (1usize << bits) * classes;
        Trainer {
            bits,
            classes,
            weights: vec![0.0; cells],
            totals: vec![0.0; cells],
            stamps: vec![0; cells],
            clock: 0,
        }
    }

    /// Current (not averaged) scores.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        for &f in features {
            let start = row_of(f, self.bits) * self.classes;
            for (s, w) in scores
                .iter_mut()
                .zip(&self.weights[start..start + self.classes])
            {
                *s += *w;
            }
        }
    }

    pub fn tick(&mut self) {
        self.clock += 1;
    }

    pub fn update(&mut self, features: &[u64], class: usize, delta: f32) {
        for &f in features {
            let cell = row_of(f, self.bits) * self.classes + class;
            let idle = self.clock - self.stamps[cell];
            self.totals[cell] += f64::from(idle) * f64::from(self.weights[cell]);
            self.stamps[cell] = self.clock;
            self.weights[cell] += delta;
        }
    }

    /// Averaged weights, quantised row by row.
    pub fn finish(&self) -> Table {
        let rows = 1usize << self.bits;
        let clock = f64::from(self.clock.max(1));
        let mut scales = vec![0.0f32; rows];
        let mut values = vec![0i8; rows * self.classes];
        let mut averaged = vec![0.0f64; self.classes];
        for row in 0..rows {
            let start = row * self.classes;
            let mut peak = 0.0f64;
            for (c, avg) in averaged.iter_mut().enumerate() {
                let cell = start + c;
                let idle = f64::from(self.clock - self.stamps[cell]);
                let total = self.totals[cell] + idle * f64::from(self.weights[cell]);
                *avg = total / clock;
                peak = peak.max(avg.abs());
            }
            if peak < 1e-6 {
                continue;
            }
            let scale = peak / 127.0;
            scales[row] = scale as f32;
            for (c, avg) in averaged.iter().enumerate() {
                values[start + c] = (avg / scale).round().clamp(-127.0, 127.0) as i8;
            }
        }
        Table {
            bits: self.bits,
            classes: self.classes,
            scales,
            values,
        }
    }
}

/// Index of the highest score among the allowed classes.
pub fn best(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (c, &s) in scores.iter().enumerate() {
        if allowed(c) && best.is_none_or(|(_, b)| s > b) {
            best = Some((c, s));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_quantises() {
        let mut t = Trainer::new(4, 3);
        let f = [crate::hash::feat(1, 7)];
        for _ in 0..10 {
            t.tick();
            t.update(&f, 2, 1.0);
            t.update(&f, 0, -1.0);
        }
        let table = t.finish();
        let mut scores = [0.0; 3];
        table.score(&f, &mut scores);
        assert!(scores[2] > scores[1] && scores[1] > scores[0]);
        assert_eq!(best(&scores, |_| true), Some(2));
        assert_eq!(best(&scores, |c| c != 2), Some(1));
    }
}
