//! Weight tables of the linear models. Training keeps full-precision weights with lazily averaged
//! totals (the averaged perceptron); the shipped model keeps each row as signed bytes with one
//! scale per row, which is small on disk and in memory and loses little.

/// Rows of a hashed table: the top bits of a feature hash choose the row.
#[inline]
pub fn row_of(feature: u64, bits: u32) -> usize {
    (feature >> (64 - bits)) as usize
}

/// A trained, quantised table: `2^bits` rows of `classes` weights. Each row is stored as its
/// scale (an f32, little-endian) followed by one signed byte per class, so scoring a feature
/// touches one stretch of memory; the table is far larger than the caches, and waiting for
/// memory is what scoring costs.
#[derive(Debug, Clone)]
pub struct Table {
    pub bits: u32,
    pub classes: usize,
    data: Vec<i8>,
}

impl Table {
    /// An empty table (every weight zero).
    pub fn zeros(bits: u32, classes: usize) -> Table {
        Table {
            bits,
            classes,
            data: vec![0; (1usize << bits) * (classes + 4)],
        }
    }

    fn stride(&self) -> usize {
        self.classes + 4
    }

    pub fn rows(&self) -> usize {
        1usize << self.bits
    }

    /// A row's scale and weights.
    pub fn row(&self, row: usize) -> (f32, &[i8]) {
        let start = row * self.stride();
        let bytes = &self.data[start..start + self.stride()];
        let scale = f32::from_le_bytes([
            bytes[0] as u8,
            bytes[1] as u8,
            bytes[2] as u8,
            bytes[3] as u8,
        ]);
        (scale, &bytes[4..])
    }

    /// Sets a row's scale and weights.
    pub fn set_row(&mut self, row: usize, scale: f32, values: &[i8]) {
        let stride = self.stride();
        let bytes = &mut self.data[row * stride..(row + 1) * stride];
        for (b, s) in bytes[..4].iter_mut().zip(scale.to_le_bytes()) {
            *b = s as i8;
        }
        bytes[4..].copy_from_slice(values);
    }

    /// Adds the weights of every feature to `scores` (one entry per class).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        // Ask for every row first: the loads overlap instead of waiting one after another.
        let stride = self.stride();
        let mut touch = 0i8;
        for &f in features {
            touch ^= self.data[row_of(f, self.bits) * stride];
        }
        std::hint::black_box(touch);
        for &f in features {
            let (scale, values) = self.row(row_of(f, self.bits));
            if scale == 0.0 {
                continue;
            }
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
        let mut table = Table::zeros(self.bits, self.classes);
        let mut averaged = vec![0.0f64; self.classes];
        let mut quantised = vec![0i8; self.classes];
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
            for (q, avg) in quantised.iter_mut().zip(&averaged) {
                *q = (avg / scale).round().clamp(-127.0, 127.0) as i8;
            }
            table.set_row(row, scale as f32, &quantised);
        }
        table
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
