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

use dateline_core::{Document, Pipeline, Span, Stage};

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

/// Bytes of prose analysed per article. A news article is a few thousand words; past a million
/// bytes (some 150,000 words) a text is a dump, and analysing all of it would hold hundreds of
/// megabytes. The rest of the text stays in the record, unannotated.
pub const PROSE_BUDGET: usize = 1_000_000;

/// Tokenises and runs the pipeline; non-English documents keep only their ingestion fields.
pub fn analyze(pipeline: &Pipeline, doc: &mut Document) {
    if doc.record.language != "en" {
        return;
    }
    keep_within_budget(doc, PROSE_BUDGET);
    doc.tokenize();
    keep_tokens_within_budget(doc, TOKEN_BUDGET);
    pipeline.run(doc);
}

/// Tokens analysed per article. A million bytes of prose is some 180,000 tokens; text made of
/// punctuation (a million quotation marks) is a token per byte, and each token costs every
/// stage memory, so the analysis stops here too.
pub const TOKEN_BUDGET: usize = 250_000;

/// Drops the tokens past `budget` (and the prose regions after them), saying so in the record.
fn keep_tokens_within_budget(doc: &mut Document, budget: usize) {
    let Some(first_dropped) = doc.tokens.get(budget).map(|t| t.start) else {
        return;
    };
    let total = doc.tokens.len();
    doc.tokens.truncate(budget);
    doc.lower.truncate(budget);
    doc.regions.retain(|r| r.0 < first_dropped);
    if let Some(last) = doc.regions.last_mut() {
        last.1 = last.1.min(first_dropped);
    }
    doc.record.diagnose(
        "budget",
        format!("{total} tokens is over the {budget}-token analysis budget: text from byte {first_dropped} on is in the record without annotations"),
    );
}

/// Cuts the prose regions after `budget` bytes, at the last paragraph break (else line break,
/// else space) before the cut, and says so in the record.
fn keep_within_budget(doc: &mut Document, budget: usize) {
    let total: usize = doc.regions.iter().map(Span::len).sum();
    if total <= budget {
        return;
    }
    let text = &doc.record.text;
    let mut left = budget;
    let mut kept = Vec::new();
    for region in &doc.regions {
        if region.len() <= left {
            kept.push(*region);
            left -= region.len();
            continue;
        }
        let mut cut = region.0 + left;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let head = &text[region.0..cut];
        let at = head
            .rfind("\n\n")
            .or_else(|| head.rfind('\n'))
            .or_else(|| head.rfind(' '))
            .unwrap_or(head.len());
        if at > 0 {
            kept.push(Span(region.0, region.0 + at));
        }
        break;
    }
    let analysed: usize = kept.iter().map(Span::len).sum();
    doc.regions = kept;
    doc.record.diagnose(
        "budget",
        format!(
            "{total} bytes of prose is over the {budget}-byte analysis budget: the first {analysed} bytes were analysed, the rest is in the text without annotations"
        ),
    );
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

#[cfg(test)]
mod budget_tests {
    use super::*;

    fn document(text: &str) -> Document {
        let record = dateline_core::Record {
            text: text.to_string(),
            language: "en".to_string(),
            ..dateline_core::Record::default()
        };
        Document::new(record, &[])
    }

    #[test]
    fn prose_over_the_budget_is_cut_at_a_paragraph_and_said() {
        let paragraph = "Talks resumed in Kampala on Monday after a week.\n\n";
        let mut doc = document(&paragraph.repeat(100));
        keep_within_budget(&mut doc, 1000);
        let kept: usize = doc.regions.iter().map(Span::len).sum();
        assert!(kept <= 1000 && kept > 900, "{kept}");
        assert!(doc.record.text[..doc.regions[0].1].ends_with("a week."));
        assert!(doc.record.diagnostics[0]
            .message
            .contains("1000-byte analysis budget"));
        let mut short = document(paragraph);
        keep_within_budget(&mut short, 1000);
        assert!(short.record.diagnostics.is_empty());
    }

    #[test]
    fn tokens_over_the_budget_are_dropped_and_said() {
        let mut doc = document(&"\" ".repeat(500));
        doc.tokenize();
        keep_tokens_within_budget(&mut doc, 100);
        assert_eq!((doc.tokens.len(), doc.lower.len()), (100, 100));
        assert!(doc.regions.iter().all(|r| r.1 <= doc.record.text.len()));
        assert_eq!(doc.regions.last().unwrap().1, 200);
        assert!(doc.record.diagnostics[0]
            .message
            .contains("100-token analysis budget"));
        // The pipeline still runs on what is left.
        let pipeline = pipeline();
        pipeline.run(&mut doc);
    }
}
