//! Part-of-speech tagger: greedy left to right, an averaged perceptron over the word, its
//! neighbours, affixes, shapes and the two tags already chosen.

use crate::features::Atoms;
use crate::hash::{feat, feat2, feat3};
use crate::weights::{best, Table, Trainer};

/// Tag number used for "before the sentence" in history features.
const START: u64 = 0xffff;

/// Features of token `i` given the tags chosen before it.
pub fn features(atoms: &[Atoms], i: usize, tags: &[u16], out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> Option<&Atoms> {
        let j = i as isize + k;
        (j >= 0).then(|| atoms.get(j as usize)).flatten()
    };
    let none = 0x5eed;
    let w = |k: isize| at(k).map_or(none, |a| a.lower);
    let tag = |k: usize| {
        if i >= k {
            u64::from(tags[i - k])
        } else {
            START
        }
    };
    let a = &atoms[i];
    let (t1, t2) = (tag(1), tag(2));
    out.push(feat(0, 1));
    out.push(feat(1, a.word));
    out.push(feat(2, a.lower));
    out.push(feat(3, a.suffix3));
    out.push(feat(4, a.suffix2));
    out.push(feat(5, a.suffix4));
    out.push(feat(6, a.prefix));
    out.push(feat(7, a.shape));
    out.push(feat(8, t1));
    out.push(feat2(9, t1, t2));
    out.push(feat2(10, t1, a.lower));
    out.push(feat(11, w(-1)));
    out.push(feat(12, w(-2)));
    out.push(feat(13, w(1)));
    out.push(feat(14, w(2)));
    out.push(feat(15, at(-1).map_or(none, |x| x.suffix3)));
    out.push(feat(16, at(1).map_or(none, |x| x.suffix3)));
    out.push(feat(17, at(1).map_or(none, |x| x.shape)));
    out.push(feat2(18, a.lower, w(1)));
    out.push(feat2(19, w(-1), a.lower));
    out.push(feat3(20, t1, a.suffix3, u64::from(i == 0)));
    out.push(feat(21, a.lex));
    out.push(feat2(22, u64::from(i == 0), a.shape));
    out.push(feat(23, a.cluster));
    out.push(feat(24, at(1).map_or(none, |x| x.cluster)));
}

/// Tags a sentence with a trained table.
pub fn tag(table: &Table, atoms: &[Atoms], tags: &mut Vec<u16>, scratch: &mut Scratch) {
    tags.clear();
    for i in 0..atoms.len() {
        features(atoms, i, tags, &mut scratch.features);
        scratch.scores.clear();
        scratch.scores.resize(table.classes, 0.0);
        table.score(&scratch.features, &mut scratch.scores);
        tags.push(best(&scratch.scores, |_| true).unwrap_or(0) as u16);
    }
}

/// Buffers reused from token to token.
#[derive(Default)]
pub struct Scratch {
    pub features: Vec<u64>,
    pub scores: Vec<f32>,
}

/// One training pass over a sentence; returns the number of correct tags.
pub fn train_sentence(
    trainer: &mut Trainer,
    atoms: &[Atoms],
    gold: &[u16],
    scratch: &mut Scratch,
) -> usize {
    let mut tags = Vec::with_capacity(atoms.len());
    let mut correct = 0;
    for (i, &want) in gold.iter().enumerate().take(atoms.len()) {
        // History from its own guesses, as at run time.
        features(atoms, i, &tags, &mut scratch.features);
        scratch.scores.clear();
        scratch.scores.resize(trainer.classes, 0.0);
        trainer.score(&scratch.features, &mut scratch.scores);
        let guess = best(&scratch.scores, |_| true).unwrap_or(0);
        trainer.tick();
        if guess != want as usize {
            trainer.update(&scratch.features, want as usize, 1.0);
            trainer.update(&scratch.features, guess, -1.0);
        } else {
            correct += 1;
        }
        tags.push(guess as u16);
    }
    correct
}
