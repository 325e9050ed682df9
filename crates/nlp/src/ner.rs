//! Entity recogniser: BILOU tags (`B-PERSON`, `I-ORG`, `L-GPE`, `U-NORP`, `O`...) chosen for the
//! whole sentence at once by Viterbi decoding over per-token scores and tag-to-tag transition
//! weights, trained as a structured averaged perceptron. Only tag sequences that form whole
//! entities are allowed.

use crate::features::Atoms;
use crate::hash::{feat, feat2, feat3};
use crate::weights::{Table, Trainer};

/// The feature whose row holds the weights of moving from tag `prev` to each tag.
fn transition(prev: usize) -> u64 {
    feat(100, prev as u64)
}
const START: usize = 0xffff;

/// Shape of a BILOU tag set: which tags may follow which.
#[derive(Debug, Clone)]
pub struct Scheme {
    /// For each tag: (prefix letter, entity type number).
    parts: Vec<(u8, u16)>,
    /// For each tag, the tags that may come before it (computed once: Viterbi's inner loop).
    before: Vec<Vec<u16>>,
}

impl Scheme {
    pub fn new(names: &[String]) -> Scheme {
        let mut types: Vec<&str> = Vec::new();
        let parts = names
            .iter()
            .map(|n| {
                let (p, t) = n.split_once('-').unwrap_or(("O", ""));
                let ty = match types.iter().position(|x| *x == t) {
                    Some(i) => i,
                    None => {
                        types.push(t);
                        types.len() - 1
                    }
                };
                (p.as_bytes().first().copied().unwrap_or(b'O'), ty as u16)
            })
            .collect();
        let mut scheme = Scheme {
            parts,
            before: Vec::new(),
        };
        let n = scheme.parts.len();
        scheme.before = (0..n)
            .map(|cur| {
                (0..n)
                    .filter(|&prev| scheme.allowed(prev, cur))
                    .map(|p| p as u16)
                    .collect()
            })
            .collect();
        scheme
    }

    /// May tag `cur` follow tag `prev` (START before the first token)?
    pub fn allowed(&self, prev: usize, cur: usize) -> bool {
        let (cp, ct) = self.parts[cur];
        let open = prev != START && matches!(self.parts[prev].0, b'B' | b'I');
        if open {
            let pt = self.parts[prev].1;
            matches!(cp, b'I' | b'L') && ct == pt
        } else {
            matches!(cp, b'O' | b'B' | b'U')
        }
    }

    /// May the sentence end on `tag`?
    pub fn can_end(&self, tag: usize) -> bool {
        matches!(self.parts[tag].0, b'O' | b'L' | b'U')
    }
}

/// Per-token features (they do not depend on the tags chosen, which keeps Viterbi exact).
pub fn features(atoms: &[Atoms], pos: &[u16], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let none = 0x5eed;
    let at = |k: isize| -> Option<&Atoms> {
        let j = i as isize + k;
        (j >= 0).then(|| atoms.get(j as usize)).flatten()
    };
    let tag = |k: isize| {
        let j = i as isize + k;
        if j < 0 {
            none
        } else {
            pos.get(j as usize).map_or(none, |&t| u64::from(t))
        }
    };
    let w = |k: isize| at(k).map_or(none, |a| a.lower);
    let cap = |k: isize| at(k).map_or(2, |a| u64::from(a.cap));
    let lex = |k: isize| at(k).map_or(none, |a| a.lex);
    let a = &atoms[i];
    out.push(feat(0, 1));
    out.push(feat(1, a.word));
    out.push(feat(2, a.lower));
    out.push(feat(3, w(-1)));
    out.push(feat(4, w(1)));
    out.push(feat(5, w(-2)));
    out.push(feat(6, w(2)));
    out.push(feat(7, a.shape));
    out.push(feat(8, at(-1).map_or(none, |x| x.shape)));
    out.push(feat(9, at(1).map_or(none, |x| x.shape)));
    out.push(feat(10, a.suffix3));
    out.push(feat(11, a.prefix));
    out.push(feat(12, a.suffix4));
    out.push(feat(13, tag(0)));
    out.push(feat2(14, tag(-1), tag(0)));
    out.push(feat2(15, tag(0), tag(1)));
    out.push(feat2(16, a.lower, tag(0)));
    out.push(feat2(17, w(-1), a.lower));
    out.push(feat2(18, a.lower, w(1)));
    out.push(feat(19, a.lex));
    out.push(feat(20, lex(-1)));
    out.push(feat(21, lex(1)));
    out.push(feat3(22, cap(-1), cap(0), cap(1)));
    out.push(feat2(23, u64::from(i == 0), a.shape));
    out.push(feat2(24, a.shape, lex(-1)));
    out.push(feat2(25, a.shape, lex(1)));
    out.push(feat2(26, w(-1), a.shape));
    out.push(feat2(27, a.shape, w(1)));
    out.push(feat(28, lex(-2)));
    out.push(feat(29, lex(2)));
    let cluster = |k: isize| at(k).map_or(none, |a| a.cluster);
    out.push(feat(30, cluster(0)));
    out.push(feat(31, cluster(-1)));
    out.push(feat(32, cluster(1)));
    out.push(feat2(33, cluster(0), a.shape));
    out.push(feat2(34, cluster(-1), cluster(0)));
    out.push(feat2(35, cluster(0), cluster(1)));
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    features: Vec<Vec<u64>>,
    emissions: Vec<f32>,
    transitions: Vec<f32>,
    scores: Vec<f32>,
    back: Vec<u16>,
}

/// Either a trained table or a trainer: what decoding needs from the weights.
pub trait Scorer {
    fn classes(&self) -> usize;
    fn add(&self, features: &[u64], scores: &mut [f32]);
}

impl Scorer for Table {
    fn classes(&self) -> usize {
        self.classes
    }
    fn add(&self, features: &[u64], scores: &mut [f32]) {
        self.score(features, scores)
    }
}

impl Scorer for Trainer {
    fn classes(&self) -> usize {
        self.classes
    }
    fn add(&self, features: &[u64], scores: &mut [f32]) {
        self.score(features, scores)
    }
}

/// The best allowed tag sequence for a sentence.
pub fn decode(
    weights: &impl Scorer,
    scheme: &Scheme,
    atoms: &[Atoms],
    pos: &[u16],
    out: &mut Vec<u16>,
    scratch: &mut Scratch,
) {
    let n = atoms.len();
    let l = weights.classes();
    out.clear();
    if n == 0 {
        return;
    }
    prepare(weights, atoms, pos, scratch);
    scratch.scores.clear();
    scratch.scores.resize(n * l, f32::NEG_INFINITY);
    scratch.back.clear();
    scratch.back.resize(n * l, 0);
    let start_row = (l) * l;
    for c in 0..l {
        if scheme.allowed(START, c) {
            scratch.scores[c] = scratch.emissions[c] + scratch.transitions[start_row + c];
        }
    }
    for i in 1..n {
        for c in 0..l {
            let mut best = f32::NEG_INFINITY;
            let mut from = 0;
            for &p in &scheme.before[c] {
                let p = p as usize;
                let s = scratch.scores[(i - 1) * l + p];
                if s == f32::NEG_INFINITY {
                    continue;
                }
                let s = s + scratch.transitions[p * l + c];
                if s > best {
                    best = s;
                    from = p;
                }
            }
            if best > f32::NEG_INFINITY {
                scratch.scores[i * l + c] = best + scratch.emissions[i * l + c];
                scratch.back[i * l + c] = from as u16;
            }
        }
    }
    let last = (0..l)
        .filter(|&c| scheme.can_end(c))
        .max_by(|&a, &b| {
            scratch.scores[(n - 1) * l + a].total_cmp(&scratch.scores[(n - 1) * l + b])
        })
        .unwrap_or(0);
    out.resize(n, 0);
    out[n - 1] = last as u16;
    for i in (1..n).rev() {
        out[i - 1] = scratch.back[i * l + out[i] as usize];
    }
}

/// Emission scores per token and the transition matrix (row `l` is the start).
fn prepare(weights: &impl Scorer, atoms: &[Atoms], pos: &[u16], scratch: &mut Scratch) {
    let n = atoms.len();
    let l = weights.classes();
    scratch
        .features
        .resize_with(n.max(scratch.features.len()), Vec::new);
    scratch.emissions.clear();
    scratch.emissions.resize(n * l, 0.0);
    for i in 0..n {
        features(atoms, pos, i, &mut scratch.features[i]);
        weights.add(
            &scratch.features[i],
            &mut scratch.emissions[i * l..(i + 1) * l],
        );
    }
    scratch.transitions.clear();
    scratch.transitions.resize((l + 1) * l, 0.0);
    for p in 0..=l {
        let prev = if p == l { START } else { p };
        weights.add(
            &[transition(prev)],
            &mut scratch.transitions[p * l..(p + 1) * l],
        );
    }
}

/// One structured-perceptron step on a sentence; returns the number of correct tags.
pub fn train_sentence(
    trainer: &mut Trainer,
    scheme: &Scheme,
    atoms: &[Atoms],
    pos: &[u16],
    gold: &[u16],
    scratch: &mut Scratch,
) -> usize {
    let mut guess = Vec::with_capacity(atoms.len());
    decode(trainer, scheme, atoms, pos, &mut guess, scratch);
    trainer.tick();
    let mut correct = 0;
    for i in 0..atoms.len() {
        let (g, p) = (gold[i] as usize, guess[i] as usize);
        if g == p {
            correct += 1;
        } else {
            trainer.update(&scratch.features[i], g, 1.0);
            trainer.update(&scratch.features[i], p, -1.0);
        }
        let gp = if i == 0 { START } else { gold[i - 1] as usize };
        let pp = if i == 0 { START } else { guess[i - 1] as usize };
        if (gp, g) != (pp, p) {
            trainer.update(&[transition(gp)], g, 1.0);
            trainer.update(&[transition(pp)], p, -1.0);
        }
    }
    correct
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme() -> Scheme {
        let names: Vec<String> = ["O", "B-PERSON", "I-PERSON", "L-PERSON", "U-PERSON", "U-GPE"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        Scheme::new(&names)
    }

    #[test]
    fn bilou_constraints() {
        let s = scheme();
        assert!(s.allowed(START, 1) && s.allowed(START, 4) && !s.allowed(START, 2));
        assert!(s.allowed(1, 2) && s.allowed(1, 3) && !s.allowed(1, 0) && !s.allowed(1, 5));
        assert!(s.allowed(3, 0) && s.allowed(4, 5));
        assert!(!s.can_end(1) && s.can_end(3));
    }

    #[test]
    fn learns_a_person() {
        let s = scheme();
        let names: Vec<&str> = vec!["Yesterday", "Anna", "Berg", "said"];
        let none = crate::clusters::Clusters::default();
        let atoms: Vec<Atoms> = names
            .iter()
            .map(|w| crate::features::atoms(w, &none))
            .collect();
        let pos = vec![0u16; 4];
        let gold = vec![0u16, 1, 3, 0];
        let mut t = Trainer::new(10, 6);
        let mut scratch = Scratch::default();
        for _ in 0..5 {
            train_sentence(&mut t, &s, &atoms, &pos, &gold, &mut scratch);
        }
        let table = t.finish();
        let mut out = Vec::new();
        decode(&table, &s, &atoms, &pos, &mut out, &mut scratch);
        assert_eq!(out, gold);
    }
}
