//! Documents and the stage pipeline. Every stage appends annotations that point into the fixed
//! text; a stage that fails or panics leaves a diagnostic and the next stage still runs.

use crate::{tokenize, Error, Record, Span, Token};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// An article being analysed: its record plus working state that is not serialised.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub record: Record,
    /// Parts of `text` that are article prose: the text minus boilerplate, crawl header and
    /// dateline. Sorted and non-overlapping.
    pub regions: Vec<Span>,
    pub tokens: Vec<Token>,
    /// Each token's text, lowercased, computed once for the stages that match words.
    pub lower: Vec<String>,
    /// The learned language layer's reading of the tokens (empty until the language stage runs).
    pub parse: Parse,
}

/// Part of speech, dependency tree and entity tags, one entry per token. Labels are the
/// language model's own names (Penn Treebank tags, ClearNLP-style relations, BILOU entity tags);
/// the model lives for the whole process, so they are `'static`.
#[derive(Debug, Clone, Default)]
pub struct Parse {
    pub tags: Vec<&'static str>,
    /// Index of each token's head within the document's tokens; the token itself for a root
    /// (and for every token of a sentence that was not parsed).
    pub heads: Vec<u32>,
    /// Relation to the head; `_` for tokens of sentences that were not parsed.
    pub deps: Vec<&'static str>,
    /// BILOU tags: `O`, `B-PERSON`, `I-ORG`, `L-GPE`, `U-NORP`...
    pub ents: Vec<&'static str>,
}

impl Parse {
    /// True when the language stage filled in this token.
    pub fn has(&self, token: usize) -> bool {
        token < self.tags.len()
    }

    /// True when this token's sentence has a dependency tree.
    pub fn has_tree(&self, token: usize) -> bool {
        self.deps.get(token).is_some_and(|d| *d != "_")
    }
}

impl Document {
    /// Builds a document whose content regions are `text` minus the `excluded` spans.
    pub fn new(record: Record, excluded: &[Span]) -> Self {
        let regions = complement(record.text.len(), excluded);
        Document {
            record,
            regions,
            tokens: Vec::new(),
            lower: Vec::new(),
            parse: Parse::default(),
        }
    }

    /// Tokenises the content regions once; later stages read `tokens`.
    pub fn tokenize(&mut self) {
        self.tokens = tokenize(&self.record.text, &self.regions);
        self.lower = self
            .tokens
            .iter()
            .map(|t| t.text(&self.record.text).to_lowercase())
            .collect();
    }

    pub fn text(&self) -> &str {
        &self.record.text
    }
}

/// The spans of `0..len` not covered by `excluded` (which may be unsorted or overlapping).
pub fn complement(len: usize, excluded: &[Span]) -> Vec<Span> {
    let mut cuts: Vec<Span> = excluded.to_vec();
    cuts.sort();
    let mut regions = Vec::new();
    let mut pos = 0;
    for cut in cuts {
        if cut.0 > pos {
            regions.push(Span(pos, cut.0.min(len)));
        }
        pos = pos.max(cut.1);
    }
    if pos < len {
        regions.push(Span(pos, len));
    }
    regions.retain(|r| !r.is_empty());
    regions
}

/// One step of analysis. Stages are built once and shared by all worker threads.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn run(&self, doc: &mut Document) -> crate::Result<()>;
}

/// An ordered list of stages.
#[derive(Default)]
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    pub fn new(stages: Vec<Box<dyn Stage>>) -> Self {
        Pipeline { stages }
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage; failures and panics become diagnostics on the document.
    pub fn run(&self, doc: &mut Document) {
        for stage in &self.stages {
            if let Err(e) = run_guarded(stage.as_ref(), doc) {
                doc.record.diagnose(stage.name(), e.to_string());
            }
        }
    }

    /// Runs only the stage called `name` (for per-stage benchmarks).
    pub fn run_stage(&self, name: &str, doc: &mut Document) -> bool {
        match self.stages.iter().find(|s| s.name() == name) {
            Some(stage) => {
                if let Err(e) = run_guarded(stage.as_ref(), doc) {
                    doc.record.diagnose(stage.name(), e.to_string());
                }
                true
            }
            None => false,
        }
    }
}

fn run_guarded(stage: &dyn Stage, doc: &mut Document) -> crate::Result<()> {
    // A bug in one stage must cost one annotation, not the batch: catch the panic here.
    match catch_unwind(AssertUnwindSafe(|| stage.run(doc))) {
        Ok(result) => result,
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(Error::Panic {
                stage: stage.name(),
                message,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complement_cuts_excluded_spans() {
        assert_eq!(
            complement(10, &[Span(6, 8), Span(0, 2), Span(1, 3)]),
            vec![Span(3, 6), Span(8, 10)]
        );
        assert_eq!(complement(4, &[]), vec![Span(0, 4)]);
    }

    struct Failing;
    impl Stage for Failing {
        fn name(&self) -> &'static str {
            "failing"
        }
        fn run(&self, _doc: &mut Document) -> crate::Result<()> {
            panic!("boom")
        }
    }

    #[test]
    fn a_panicking_stage_becomes_a_diagnostic() {
        let pipeline = Pipeline::new(vec![Box::new(Failing)]);
        let mut doc = Document::default();
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        pipeline.run(&mut doc);
        std::panic::set_hook(hook);
        assert_eq!(doc.record.diagnostics.len(), 1);
        assert!(doc.record.diagnostics[0].message.contains("boom"));
    }
}
