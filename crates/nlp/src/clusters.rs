//! Word clusters learned from unlabelled text by the exchange algorithm (predictive class
//! bigrams, after Uszkoreit and Brants 2008): every word of the vocabulary goes to the class
//! that best predicts it from the word before it, pass after pass. Words used alike land
//! together — given names with given names, surnames with surnames, place heads with place
//! heads — so a name never seen in the labelled data still shares a feature with ones that were.

use dateline_lexicon::Map;

/// Word to cluster number.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    map: Map<String, u16>,
}

/// Options for learning clusters.
pub struct Learn {
    pub classes: usize,
    /// Words seen fewer times than this get no cluster.
    pub min_count: u32,
    pub passes: usize,
}

impl Clusters {
    pub fn of(&self, word: &str) -> Option<u16> {
        self.map.get(word).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Words and their clusters, sorted by word (for writing the model file).
    pub fn entries(&self) -> Vec<(&str, u16)> {
        let mut v: Vec<(&str, u16)> = self.map.iter().map(|(w, c)| (w.as_str(), *c)).collect();
        v.sort_unstable();
        v
    }

    pub fn from_entries(entries: impl IntoIterator<Item = (String, u16)>) -> Clusters {
        Clusters {
            map: entries.into_iter().collect(),
        }
    }

    /// Learns clusters from sentences of word forms. Deterministic: the same sentences and
    /// options give the same clusters.
    pub fn learn(
        sentences: &[Vec<String>],
        opts: &Learn,
        mut progress: impl FnMut(&str),
    ) -> Clusters {
        let vocab = vocabulary(sentences, opts.min_count);
        if vocab.is_empty() || opts.classes < 2 {
            return Clusters::default();
        }
        let mut state = Exchange::new(sentences, &vocab, opts.classes);
        for pass in 0..opts.passes {
            let moved = state.pass();
            progress(&format!("clusters pass {}: {moved} words moved", pass + 1));
            if moved == 0 {
                break;
            }
        }
        Clusters {
            map: vocab
                .iter()
                .enumerate()
                .map(|(i, w)| (w.clone(), state.class[i] as u16))
                .collect(),
        }
    }
}

/// Words seen at least `min_count` times, most frequent first (ties by spelling).
fn vocabulary(sentences: &[Vec<String>], min_count: u32) -> Vec<String> {
    let mut counts: Map<&str, u32> = Map::default();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut words: Vec<(&str, u32)> = counts
        .into_iter()
        .filter(|(_, n)| *n >= min_count)
        .collect();
    words.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    words.into_iter().map(|(w, _)| w.to_string()).collect()
}

/// x ln x, the unit of the class bigram likelihood.
fn xlogx(x: u32) -> f64 {
    if x == 0 {
        0.0
    } else {
        let x = f64::from(x);
        x * x.ln()
    }
}

struct Exchange {
    classes: usize,
    /// Class of each vocabulary word.
    class: Vec<usize>,
    /// For each vocabulary word: the words before it (context ids) and how often.
    before: Vec<Vec<(u32, u32)>>,
    /// How often each vocabulary word follows something.
    count: Vec<u32>,
    /// counts[context * classes + class]: how often a word of `class` follows `context`.
    counts: Vec<u32>,
    /// How often a word of each class follows something.
    class_count: Vec<u32>,
    /// x ln x for small x, looked up instead of computed.
    table: Vec<f64>,
}

impl Exchange {
    fn new(sentences: &[Vec<String>], vocab: &[String], classes: usize) -> Exchange {
        let id: Map<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i as u32))
            .collect();
        let (rare, start) = (vocab.len() as u32, vocab.len() as u32 + 1);
        let mut pairs: Map<(u32, u32), u32> = Map::default();
        for s in sentences {
            let mut prev = start;
            for w in s {
                let cur = id.get(w.as_str()).copied().unwrap_or(rare);
                if cur != rare {
                    *pairs.entry((cur, prev)).or_default() += 1;
                }
                prev = cur;
            }
        }
        let mut before = vec![Vec::new(); vocab.len()];
        for ((w, v), n) in pairs {
            before[w as usize].push((v, n));
        }
        for list in &mut before {
            list.sort_unstable();
        }
        let count: Vec<u32> = before.iter().map(|l| l.iter().map(|p| p.1).sum()).collect();
        let class: Vec<usize> = (0..vocab.len()).map(|i| i % classes).collect();
        let contexts = vocab.len() + 2;
        let mut state = Exchange {
            classes,
            class,
            before,
            count,
            counts: vec![0; contexts * classes],
            class_count: vec![0; classes],
            table: (0..1u32 << 16).map(xlogx).collect(),
        };
        for w in 0..vocab.len() {
            state.shift(w, state.class[w], true);
        }
        state
    }

    fn f(&self, x: u32) -> f64 {
        self.table
            .get(x as usize)
            .copied()
            .unwrap_or_else(|| xlogx(x))
    }

    /// Adds word `w` to, or takes it out of, class `c`.
    fn shift(&mut self, w: usize, c: usize, add: bool) {
        for &(v, n) in &self.before[w] {
            let cell = &mut self.counts[v as usize * self.classes + c];
            *cell = if add { *cell + n } else { *cell - n };
        }
        let cc = &mut self.class_count[c];
        *cc = if add {
            *cc + self.count[w]
        } else {
            *cc - self.count[w]
        };
    }

    /// One pass over the vocabulary; returns how many words changed class.
    fn pass(&mut self) -> usize {
        let mut moved = 0;
        let mut gain = vec![0.0f64; self.classes];
        for w in 0..self.class.len() {
            let old = self.class[w];
            self.shift(w, old, false);
            gain.iter_mut().for_each(|g| *g = 0.0);
            for &(v, n) in &self.before[w] {
                let row = &self.counts[v as usize * self.classes..(v as usize + 1) * self.classes];
                for (g, &k) in gain.iter_mut().zip(row) {
                    *g += self.f(k + n) - self.f(k);
                }
            }
            let mut best = old;
            let mut best_gain = f64::NEG_INFINITY;
            for (c, g) in gain.iter().enumerate() {
                let cc = self.class_count[c];
                let total = g - (self.f(cc + self.count[w]) - self.f(cc));
                if total > best_gain + 1e-9 || (c == old && total >= best_gain - 1e-9) {
                    best_gain = total;
                    best = c;
                }
            }
            self.shift(w, best, true);
            self.class[w] = best;
            moved += usize::from(best != old);
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences() -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for name in ["Anna", "Maria", "Olga", "Petra"] {
            for verb in ["said", "told", "added", "said"] {
                out.push(format!(
                    "minister {name} {verb} that the city of Ostrava was calm"
                ));
                out.push(format!(
                    "envoy {name} {verb} that the city of Brno was calm"
                ));
                out.push(format!("in Brno and Ostrava , {name} {verb} nothing"));
            }
        }
        out.iter()
            .map(|s| s.split(' ').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn words_used_alike_share_a_class() {
        let opts = Learn {
            classes: 4,
            min_count: 2,
            passes: 10,
        };
        let c = Clusters::learn(&sentences(), &opts, |_| {});
        assert_eq!(c.of("Anna"), c.of("Olga"));
        assert_eq!(c.of("Brno"), c.of("Ostrava"));
        assert_ne!(c.of("Anna"), c.of("said"));
        assert_eq!(c.of("unseen"), None);
        let again = Clusters::learn(&sentences(), &opts, |_| {});
        assert_eq!(c.entries(), again.entries());
    }
}
