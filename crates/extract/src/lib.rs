//! Extraction stages, one file each, run in the order of [`stages`]. Each stage appends
//! annotations that point into the document's fixed text. English extraction runs only on English
//! documents (see [`analyze`]).

/// A rule test: one text run through the pipeline up to the named stage (the stages after it
/// never run), then a check of what that stage produced. `doc` names the analysed document:
///
/// ```ignore
/// stage_test!(labour_strikes_are_protests, "events",
///     "Dockworkers went on a nationwide strike on Monday.",
///     |doc| assert_eq!(doc.record.events[0].kind, "PROTEST"));
/// ```
#[cfg(test)]
macro_rules! stage_test {
    ($name:ident, $stage:literal, $text:expr, |$doc:ident| $check:expr) => {
        #[test]
        fn $name() {
            let $doc = crate::analysed_up_to($text, $stage);
            $check;
        }
    };
}

mod captions;
pub mod clauses;
pub mod entities;
pub mod events;
mod events_sense;
mod events_tree;
pub mod figures;
pub mod language;
pub mod quotes;
mod quotes_tree;
#[cfg(test)]
mod rule_tests;
pub mod sentences;
pub mod stances;
pub mod times;

use dateline_core::{Document, Pipeline, Stage};

/// The extraction stages in the order they run.
pub fn stages() -> Vec<Box<dyn Stage>> {
    vec![
        Box::new(sentences::Sentences),
        Box::new(language::Language::default()),
        Box::new(entities::Entities),
        Box::new(times::Times),
        Box::new(figures::Figures),
        Box::new(quotes::Quotes),
        Box::new(events::Events),
        Box::new(stances::Stances),
    ]
}

pub fn pipeline() -> Pipeline {
    Pipeline::new(stages())
}

/// The pipeline with a dependency parse of every sentence (for `dateline tag`).
pub fn pipeline_parsing_everything() -> Pipeline {
    let mut stages = stages();
    for stage in stages.iter_mut() {
        if stage.name() == "language" {
            *stage = Box::new(language::Language {
                layers: dateline_nlp::Layers::Everything,
            });
        }
    }
    Pipeline::new(stages)
}

/// Tokenises and runs the pipeline; non-English documents keep only their ingestion fields.
pub fn analyze(pipeline: &Pipeline, doc: &mut Document) {
    if doc.record.language != "en" {
        return;
    }
    doc.tokenize();
    pipeline.run(doc);
}

/// A document of `text` run through the pipeline up to and including the stage `upto`, for
/// tests that check one stage alone.
#[cfg(test)]
pub(crate) fn analysed_up_to(text: &str, upto: &str) -> Document {
    analysed_titled(text, None, upto)
}

/// As `analysed_up_to`, with the headline the reader found (the text's first line).
#[cfg(test)]
pub(crate) fn analysed_titled(text: &str, title: Option<&str>, upto: &str) -> Document {
    let record = dateline_core::Record {
        text: text.to_string(),
        title: title.map(str::to_string),
        language: "en".to_string(),
        ..dateline_core::Record::default()
    };
    let mut doc = Document::new(record, &[]);
    doc.tokenize();
    let stages = stages();
    assert!(
        stages.iter().any(|s| s.name() == upto),
        "no stage named {upto}"
    );
    for stage in stages {
        let name = stage.name();
        if let Err(e) = stage.run(&mut doc) {
            panic!("stage {name}: {e}");
        }
        if name == upto {
            break;
        }
    }
    doc
}
