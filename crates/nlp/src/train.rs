//! `dateline train`: the tagger, then the entity recogniser (on the tagger's own tags, as at run
//! time), then the parser, each for a fixed number of passes over the training sentences in a
//! fixed pseudo-random order, so the same files and options rebuild the same model byte for byte.
//! Agreement with the held-out sentences is measured after training.

use crate::clusters::{Clusters, Learn};
use crate::conllu::{self, LabelSets, Sentence};
use crate::model::Model;
use crate::weights::Trainer;
use crate::{ner, parser, tagger, Error, Result};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub struct Options {
    pub train: Vec<PathBuf>,
    pub dev: Option<PathBuf>,
    pub epochs: usize,
    /// Rows of each table as a power of two: tagger, recogniser, parser.
    pub bits: [u32; 3],
    /// Word clusters learned from the training text (0: none).
    pub clusters: usize,
}

/// Agreement with held-out sentences.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub sentences: usize,
    pub tokens: usize,
    pub pos_correct: usize,
    pub uas_correct: usize,
    pub las_correct: usize,
    /// Per entity type: (true positives, predicted, gold).
    pub entities: BTreeMap<String, (usize, usize, usize)>,
}

impl Report {
    pub fn lines(&self) -> Vec<String> {
        let t = self.tokens.max(1) as f64;
        let mut lines = vec![
            format!(
                "held-out sentences {}, tokens {}",
                self.sentences, self.tokens
            ),
            format!("POS accuracy {:.4}", self.pos_correct as f64 / t),
            format!(
                "UAS {:.4}  LAS {:.4}",
                self.uas_correct as f64 / t,
                self.las_correct as f64 / t
            ),
        ];
        let (mut tp, mut pred, mut gold) = (0, 0, 0);
        for (ty, (a, b, c)) in &self.entities {
            lines.push(format!("entities {ty}: {}", prf(*a, *b, *c)));
            tp += a;
            pred += b;
            gold += c;
        }
        lines.push(format!("entities all: {}", prf(tp, pred, gold)));
        lines
    }
}

fn prf(tp: usize, pred: usize, gold: usize) -> String {
    let p = tp as f64 / pred.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    format!("P {p:.3} R {r:.3} F1 {f:.3} (gold {gold})")
}

/// A small deterministic generator for the training order.
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn order(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
        v
    }
}

/// Trains all three models. `progress` receives one line per pass.
pub fn train(opts: &Options, mut progress: impl FnMut(&str)) -> Result<(Model, Option<Report>)> {
    let clusters = learn_clusters(opts, &mut progress)?;
    let mut labels = LabelSets::default();
    labels.deps.id("ROOT", true);
    labels.ents.id("O", true);
    let mut sentences = Vec::new();
    for path in &opts.train {
        sentences.extend(conllu::read(path, &mut labels, true, &clusters)?);
    }
    if sentences.is_empty() {
        return Err(Error::Training("no sentences in the training files".into()));
    }
    let tokens: usize = sentences.iter().map(|s| s.atoms.len()).sum();
    progress(&format!(
        "{} sentences, {tokens} tokens, {} tags, {} relations, {} entity tags",
        sentences.len(),
        labels.tags.len(),
        labels.deps.len(),
        labels.ents.len()
    ));
    let mut shuffle = Shuffle(0x9e37_79b9_7f4a_7c15);
    let tagger = train_tagger(opts, &labels, &sentences, &mut shuffle, &mut progress);
    // Later models learn from the tags the tagger will give them at run time.
    let mut scratch = tagger::Scratch::default();
    let predicted: Vec<Vec<u16>> = sentences
        .iter()
        .map(|s| {
            let mut tags = Vec::new();
            tagger::tag(&tagger, &s.atoms, &mut tags, &mut scratch);
            tags
        })
        .collect();
    let scheme = ner::Scheme::new(&labels.ents.names);
    let ner = train_ner(
        opts,
        &labels,
        &scheme,
        &sentences,
        &predicted,
        &mut shuffle,
        &mut progress,
    );
    let parser = train_parser(
        opts,
        &labels,
        &sentences,
        &predicted,
        &mut shuffle,
        &mut progress,
    );
    let model = Model::assemble(labels.clone(), clusters, tagger, ner, parser);
    let report = match &opts.dev {
        Some(path) => {
            let mut dev_labels = labels;
            let dev = conllu::read(path, &mut dev_labels, false, &model.clusters)?;
            Some(evaluate(&model, &dev))
        }
        None => None,
    };
    Ok((model, report))
}

/// Clusters of the words of the training files (the text only; labels play no part).
fn learn_clusters(opts: &Options, progress: &mut impl FnMut(&str)) -> Result<Clusters> {
    if opts.clusters == 0 {
        return Ok(Clusters::default());
    }
    let mut text = Vec::new();
    for path in &opts.train {
        text.extend(conllu::forms(path)?);
    }
    let learn = Learn {
        classes: opts.clusters,
        min_count: 3,
        passes: 8,
    };
    let clusters = Clusters::learn(&text, &learn, |line| progress(line));
    progress(&format!(
        "{} words in {} clusters",
        clusters.len(),
        opts.clusters
    ));
    Ok(clusters)
}

fn train_tagger(
    opts: &Options,
    labels: &LabelSets,
    sentences: &[Sentence],
    shuffle: &mut Shuffle,
    progress: &mut impl FnMut(&str),
) -> crate::weights::Table {
    let mut trainer = Trainer::new(opts.bits[0], labels.tags.len());
    let mut scratch = tagger::Scratch::default();
    for epoch in 0..opts.epochs {
        let (mut right, mut total) = (0, 0);
        for i in shuffle.order(sentences.len()) {
            let s = &sentences[i];
            right += tagger::train_sentence(&mut trainer, &s.atoms, &s.tags, &mut scratch);
            total += s.atoms.len();
        }
        progress(&format!(
            "tagger pass {}: {:.4}",
            epoch + 1,
            right as f64 / total.max(1) as f64
        ));
    }
    trainer.finish()
}

fn train_ner(
    opts: &Options,
    labels: &LabelSets,
    scheme: &ner::Scheme,
    sentences: &[Sentence],
    tags: &[Vec<u16>],
    shuffle: &mut Shuffle,
    progress: &mut impl FnMut(&str),
) -> crate::weights::Table {
    let mut trainer = Trainer::new(opts.bits[1], labels.ents.len());
    let mut scratch = ner::Scratch::default();
    for epoch in 0..opts.epochs {
        let (mut right, mut total) = (0, 0);
        for i in shuffle.order(sentences.len()) {
            let s = &sentences[i];
            right += ner::train_sentence(
                &mut trainer,
                scheme,
                &s.atoms,
                &tags[i],
                &s.ents,
                &mut scratch,
            );
            total += s.atoms.len();
        }
        progress(&format!(
            "recogniser pass {}: {:.4}",
            epoch + 1,
            right as f64 / total.max(1) as f64
        ));
    }
    trainer.finish()
}

fn train_parser(
    opts: &Options,
    labels: &LabelSets,
    sentences: &[Sentence],
    tags: &[Vec<u16>],
    shuffle: &mut Shuffle,
    progress: &mut impl FnMut(&str),
) -> crate::weights::Table {
    let mut trainer = Trainer::new(opts.bits[2], parser::classes(labels.deps.len()));
    let mut scratch = parser::Scratch::default();
    let usable: Vec<usize> = (0..sentences.len())
        .filter(|&i| parser::projective(&sentences[i].heads))
        .collect();
    progress(&format!(
        "parser: {} of {} sentences are projective",
        usable.len(),
        sentences.len()
    ));
    for epoch in 0..opts.epochs {
        let (mut right, mut total) = (0, 0);
        for k in shuffle.order(usable.len()) {
            let s = &sentences[usable[k]];
            let step = parser::Step {
                atoms: &s.atoms,
                tags: &tags[usable[k]],
                heads: &s.heads,
                labels: &s.deps,
                // Learn the gold path first, then from the model's own mistakes.
                explore: epoch > 0,
            };
            let (r, t) = parser::train_sentence(&mut trainer, &step, &mut scratch);
            right += r;
            total += t;
        }
        progress(&format!(
            "parser pass {}: {:.4}",
            epoch + 1,
            right as f64 / total.max(1) as f64
        ));
    }
    trainer.finish()
}

/// Agreement of a model with annotated sentences.
pub fn evaluate(model: &Model, sentences: &[Sentence]) -> Report {
    let mut report = Report::default();
    let mut out = crate::Analysis::default();
    let mut scratch = crate::Scratch::default();
    for s in sentences {
        model.analyze(&s.atoms, crate::Layers::Everything, &mut out, &mut scratch);
        report.sentences += 1;
        report.tokens += s.atoms.len();
        for i in 0..s.atoms.len() {
            report.pos_correct += usize::from(out.tags[i] == s.tags[i]);
            let gold_head = if s.heads[i] == 0 {
                i as u32
            } else {
                s.heads[i] - 1
            };
            if out.heads[i] == gold_head {
                report.uas_correct += 1;
                report.las_correct += usize::from(out.deps[i] == s.deps[i]);
            }
        }
        count_entities(model, &s.ents, &out.ents, &mut report);
    }
    report
}

fn count_entities(model: &Model, gold: &[u16], pred: &[u16], report: &mut Report) {
    let names = &model.labels.ents.names;
    let g = spans(names, gold);
    let p = spans(names, pred);
    for (ty, _, _) in &g {
        report.entities.entry(ty.clone()).or_default().2 += 1;
    }
    for span in &p {
        let entry = report.entities.entry(span.0.clone()).or_default();
        entry.1 += 1;
        if g.contains(span) {
            entry.0 += 1;
        }
    }
}

/// Entity spans (type, first token, last token) of a BILOU sequence.
pub fn spans(names: &[String], tags: &[u16]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, &t) in tags.iter().enumerate() {
        let name = names.get(t as usize).map_or("O", String::as_str);
        let (prefix, ty) = name.split_once('-').unwrap_or(("O", ""));
        match prefix {
            "U" => out.push((ty.to_string(), i, i)),
            "B" => open = Some(i),
            "L" => {
                if let Some(start) = open.take() {
                    out.push((ty.to_string(), start, i));
                }
            }
            "I" => {}
            _ => open = None,
        }
    }
    out
}
