//! Dependency parser: greedy arc-eager transitions (a root node before the first token; SHIFT,
//! REDUCE, LEFT-ARC and RIGHT-ARC with a relation), an averaged perceptron choosing each
//! transition, trained with the dynamic oracle of Goldberg and Nivre (2012), so the parser learns
//! to recover from its own mistakes. Tokens left without a head at the end hang on the root.

use crate::features::Atoms;
use crate::hash::{feat, feat2, feat3};
use crate::weights::{best, Table, Trainer};

const SHIFT: usize = 0;
const REDUCE: usize = 1;
const NONE: usize = usize::MAX;

/// Number of transitions for `labels` relations.
pub fn classes(labels: usize) -> usize {
    2 + 2 * labels
}

/// The parser's configuration. Node 0 is the root; token `i` of the sentence is node `i + 1`.
pub struct State {
    stack: Vec<usize>,
    next: usize,
    n: usize,
    pub heads: Vec<usize>,
    pub labels: Vec<u16>,
    lmost: Vec<usize>,
    rmost: Vec<usize>,
    nleft: Vec<u8>,
    nright: Vec<u8>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            stack: vec![0],
            next: 1,
            n,
            heads: vec![NONE; n + 1],
            labels: vec![0; n + 1],
            lmost: vec![NONE; n + 1],
            rmost: vec![NONE; n + 1],
            nleft: vec![0; n + 1],
            nright: vec![0; n + 1],
        }
    }

    fn done(&self) -> bool {
        self.next > self.n
    }

    fn s0(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn valid(&self, action: usize) -> bool {
        let s0 = self.s0();
        match action {
            SHIFT => !self.done(),
            REDUCE => self.stack.len() > 1 && self.heads[s0] != NONE,
            a if a % 2 == 0 => !self.done() && s0 != 0 && self.heads[s0] == NONE,
            _ => !self.done(),
        }
    }

    fn attach(&mut self, head: usize, dep: usize, label: usize) {
        self.heads[dep] = head;
        self.labels[dep] = label as u16;
        if dep < head {
            if self.lmost[head] == NONE || dep < self.lmost[head] {
                self.lmost[head] = dep;
            }
            self.nleft[head] = self.nleft[head].saturating_add(1);
        } else {
            if self.rmost[head] == NONE || dep > self.rmost[head] {
                self.rmost[head] = dep;
            }
            self.nright[head] = self.nright[head].saturating_add(1);
        }
    }

    fn apply(&mut self, action: usize) {
        let s0 = self.s0();
        match action {
            SHIFT => {
                self.stack.push(self.next);
                self.next += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            a if a % 2 == 0 => {
                self.attach(self.next, s0, (a - 2) / 2);
                self.stack.pop();
            }
            a => {
                self.attach(s0, self.next, (a - 3) / 2);
                self.stack.push(self.next);
                self.next += 1;
            }
        }
    }

    /// Hangs every token still without a head on the root.
    fn finish(&mut self, root_label: usize) {
        for i in 1..=self.n {
            if self.heads[i] == NONE {
                self.heads[i] = 0;
                self.labels[i] = root_label as u16;
            }
        }
    }

    /// Features of the configuration; `tags` are the part-of-speech numbers per token.
    fn features(&self, atoms: &[Atoms], tags: &[u16], out: &mut Vec<u64>) {
        out.clear();
        let none = 0x5eed_u64;
        let word = |node: usize| {
            if node == NONE || node > self.n {
                none
            } else if node == 0 {
                1
            } else {
                atoms[node - 1].lower
            }
        };
        let tag = |node: usize| {
            if node == NONE || node > self.n {
                none
            } else if node == 0 {
                2
            } else {
                u64::from(tags[node - 1])
            }
        };
        let label = |node: usize| {
            if node == NONE || node > self.n || self.heads[node] == NONE {
                none
            } else {
                u64::from(self.labels[node])
            }
        };
        let s0 = self.s0();
        let s1 = if self.stack.len() > 1 {
            self.stack[self.stack.len() - 2]
        } else {
            NONE
        };
        let (n0, n1, n2) = (self.next, self.next + 1, self.next + 2);
        let s0h = if self.heads[s0] == NONE {
            NONE
        } else {
            self.heads[s0]
        };
        let (s0l, s0r, n0l) = (
            self.lmost[s0],
            self.rmost[s0],
            self.lmost.get(n0).copied().unwrap_or(NONE),
        );
        let dist = if n0 <= self.n {
            (n0 - s0).min(6) as u64
        } else {
            7
        };
        let (s0w, s0t, n0w, n0t) = (word(s0), tag(s0), word(n0), tag(n0));
        let n0shape = if n0 <= self.n {
            atoms[n0 - 1].shape
        } else {
            none
        };
        out.extend_from_slice(&[
            feat(0, 1),
            feat(1, s0w),
            feat(2, s0t),
            feat2(3, s0w, s0t),
            feat(4, n0w),
            feat(5, n0t),
            feat2(6, n0w, n0t),
            feat(7, word(n1)),
            feat(8, tag(n1)),
            feat2(9, word(n1), tag(n1)),
            feat(10, tag(n2)),
            feat2(11, s0w, n0w),
            feat2(12, s0t, n0t),
            feat3(13, s0w, s0t, n0t),
            feat3(14, s0t, n0w, n0t),
            feat2(15, s0w, n0t),
            feat2(16, n0t, tag(n1)),
            feat3(17, n0t, tag(n1), tag(n2)),
            feat3(18, s0t, n0t, tag(n1)),
            feat3(19, tag(s0h), s0t, n0t),
            feat3(20, s0t, tag(s0l), n0t),
            feat3(21, s0t, tag(s0r), n0t),
            feat3(22, s0t, n0t, tag(n0l)),
            feat2(23, s0w, dist),
            feat3(24, s0t, n0t, dist),
            feat2(25, label(s0), s0t),
            feat3(26, s0t, label(s0l), label(s0r)),
            feat2(27, n0t, label(n0l)),
            feat3(28, tag(s1), s0t, n0t),
            feat(29, word(s1)),
            feat2(30, s0t, u64::from(self.nright[s0])),
            feat2(31, n0t, u64::from(self.nleft.get(n0).copied().unwrap_or(0))),
            feat2(32, n0shape, s0t),
            feat2(33, word(s0h), n0t),
            feat3(34, s0t, n0t, u64::from(self.heads[s0] == NONE)),
        ]);
    }
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    features: Vec<u64>,
    scores: Vec<f32>,
}

/// Parses a sentence: `heads[i]` is the token index of token i's head (i itself for a root)
/// and `deps[i]` its relation number.
pub fn parse(
    table: &Table,
    root_label: usize,
    atoms: &[Atoms],
    tags: &[u16],
    heads: &mut Vec<u32>,
    deps: &mut Vec<u16>,
    scratch: &mut Scratch,
) {
    let n = atoms.len();
    let mut state = State::new(n);
    while !state.done() {
        state.features(atoms, tags, &mut scratch.features);
        scratch.scores.clear();
        scratch.scores.resize(table.classes, 0.0);
        table.score(&scratch.features, &mut scratch.scores);
        let action = best(&scratch.scores, |a| state.valid(a)).unwrap_or(SHIFT);
        state.apply(action);
    }
    state.finish(root_label);
    heads.clear();
    deps.clear();
    for i in 1..=n {
        let h = state.heads[i];
        heads.push(if h == 0 {
            (i - 1) as u32
        } else {
            (h - 1) as u32
        });
        deps.push(state.labels[i]);
    }
}

/// What following each kind of transition would lose of the gold tree (labels aside).
struct Costs {
    shift: u32,
    reduce: u32,
    left: u32,
    right: u32,
}

fn costs(state: &State, gold_heads: &[usize]) -> Costs {
    let s0 = state.s0();
    let b = state.next;
    let n = state.n;
    let in_stack = |k: usize| state.stack.contains(&k);
    let buffer_after = |from: usize| from..=n;
    let open_in_stack_dep_of = |h: usize| {
        state
            .stack
            .iter()
            .filter(|&&k| k != 0 && state.heads[k] == NONE && gold_heads[k] == h)
            .count() as u32
    };
    let mut c = Costs {
        shift: 0,
        reduce: 0,
        left: 0,
        right: 0,
    };
    if b <= n {
        c.shift = u32::from(in_stack(gold_heads[b])) + open_in_stack_dep_of(b);
        let gb = gold_heads[b];
        c.right = u32::from(gb != s0 && (in_stack(gb) || gb > b)) + open_in_stack_dep_of(b);
    }
    let deps_in_buffer = buffer_after(b).filter(|&k| gold_heads[k] == s0).count() as u32;
    c.reduce = deps_in_buffer;
    if s0 != 0 {
        let gs = gold_heads[s0];
        c.left = deps_in_buffer + u32::from(gs != b && gs > b);
    }
    c
}

fn cost_of(
    action: usize,
    c: &Costs,
    state: &State,
    gold_heads: &[usize],
    gold_labels: &[u16],
) -> u32 {
    let s0 = state.s0();
    let b = state.next;
    match action {
        SHIFT => c.shift,
        REDUCE => c.reduce,
        a if a % 2 == 0 => {
            let wrong = gold_heads[s0] == b && gold_labels[s0] as usize != (a - 2) / 2;
            c.left + u32::from(wrong)
        }
        a => {
            let wrong = gold_heads[b] == s0 && gold_labels[b] as usize != (a - 3) / 2;
            c.right + u32::from(wrong)
        }
    }
}

/// True when no two arcs of the tree cross (the oracle assumes it).
pub fn projective(heads: &[u32]) -> bool {
    let arcs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .map(|(i, &h)| {
            let (d, h) = (i + 1, h as usize);
            (d.min(h), d.max(h))
        })
        .collect();
    arcs.iter()
        .all(|&(a, b)| arcs.iter().all(|&(c, d)| !(a < c && c < b && b < d)))
}

/// Training options for one sentence.
pub struct Step<'a> {
    pub atoms: &'a [Atoms],
    pub tags: &'a [u16],
    /// CoNLL-U heads: 1-based, 0 for the root.
    pub heads: &'a [u32],
    pub labels: &'a [u16],
    /// Follow the model's own (possibly wrong) transitions: the dynamic oracle's exploration.
    pub explore: bool,
}

/// One training pass over a sentence with the dynamic oracle; returns (correct, total)
/// transition choices.
pub fn train_sentence(trainer: &mut Trainer, step: &Step, scratch: &mut Scratch) -> (usize, usize) {
    let n = step.atoms.len();
    let mut gold_heads = vec![0usize; n + 1];
    let mut gold_labels = vec![0u16; n + 1];
    for i in 0..n {
        gold_heads[i + 1] = step.heads[i] as usize;
        gold_labels[i + 1] = step.labels[i];
    }
    let mut state = State::new(n);
    let (mut right_choices, mut total) = (0, 0);
    while !state.done() {
        state.features(step.atoms, step.tags, &mut scratch.features);
        scratch.scores.clear();
        scratch.scores.resize(trainer.classes, 0.0);
        trainer.score(&scratch.features, &mut scratch.scores);
        let c = costs(&state, &gold_heads);
        let cost = |a: usize| cost_of(a, &c, &state, &gold_heads, &gold_labels);
        let guess = best(&scratch.scores, |a| state.valid(a)).unwrap_or(SHIFT);
        let least = (0..trainer.classes)
            .filter(|&a| state.valid(a))
            .map(cost)
            .min()
            .unwrap_or(0);
        let gold = best(&scratch.scores, |a| state.valid(a) && cost(a) == least).unwrap_or(SHIFT);
        trainer.tick();
        total += 1;
        if cost(guess) > least {
            trainer.update(&scratch.features, gold, 1.0);
            trainer.update(&scratch.features, guess, -1.0);
        } else {
            right_choices += 1;
        }
        state.apply(if step.explore { guess } else { gold });
    }
    (right_choices, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_arcs_are_not_projective() {
        // 1 <- 2 (root), 3 -> 1 crosses nothing; 1 -> 3 with 2 -> 4 crosses.
        assert!(projective(&[2, 0, 2]));
        assert!(!projective(&[3, 0, 0, 2]));
    }

    #[test]
    fn learns_a_small_tree() {
        let words = ["Lavrov", "met", "Hussein", "."];
        let none = crate::clusters::Clusters::default();
        let atoms: Vec<Atoms> = words
            .iter()
            .map(|w| crate::features::atoms(w, &none))
            .collect();
        let tags = [0u16, 1, 0, 2];
        let heads = [2u32, 0, 2, 2];
        let labels = [0u16, 1, 2, 3];
        let mut t = Trainer::new(12, classes(4));
        let mut scratch = Scratch::default();
        for epoch in 0..10 {
            let step = Step {
                atoms: &atoms,
                tags: &tags,
                heads: &heads,
                labels: &labels,
                explore: epoch > 2,
            };
            train_sentence(&mut t, &step, &mut scratch);
        }
        let table = t.finish();
        let (mut h, mut d) = (Vec::new(), Vec::new());
        parse(&table, 1, &atoms, &tags, &mut h, &mut d, &mut scratch);
        assert_eq!(h, [1, 1, 1, 1]);
        assert_eq!(d, [0, 1, 2, 3]);
    }
}
