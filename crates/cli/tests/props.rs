//! Property test: arbitrary bytes and arbitrary Unicode, read as any input format, never panic,
//! and every span of the resulting record (sentences, boilerplate, regions, dateline, tokens,
//! mentions, times, figures, quotations, events, stances) lies in the text on character
//! boundaries, naming only entities the record has.

use dateline_ingest::{annotations_valid, build_document, spans_valid, Format, Options, RawItem};
use proptest::prelude::*;

fn analyse(bytes: Vec<u8>, format: Format) {
    let item = RawItem {
        origin: "prop".to_string(),
        path: None,
        format,
        bytes,
        default_id: "prop".to_string(),
        given: Default::default(),
    };
    let pipeline = dateline_extract::pipeline();
    if let Ok(mut doc) = build_document(item, &Options::default()) {
        dateline_extract::analyze(&pipeline, &mut doc);
        assert!(parse_valid(&doc), "language layer out of bounds");
        doc.tokenize();
        assert!(
            spans_valid(&doc),
            "span out of bounds for {:?}",
            doc.record.text
        );
        assert!(
            annotations_valid(&doc.record),
            "annotation out of bounds or naming no entity for {:?}",
            doc.record.text
        );
        assert!(doc
            .record
            .diagnostics
            .iter()
            .all(|d| !d.message.contains("panicked")));
    }
}

/// The language layer covers every token or none, and every head is a token of the same
/// sentence.
fn parse_valid(doc: &dateline_core::Document) -> bool {
    let p = &doc.parse;
    let n = doc.tokens.len();
    if p.tags.is_empty() {
        return p.heads.is_empty() && p.deps.is_empty() && p.ents.is_empty();
    }
    let sizes = p.tags.len() == n && p.heads.len() == n && p.deps.len() == n && p.ents.len() == n;
    let sentence_of = |i: usize| {
        let start = doc.tokens[i].start;
        doc.record
            .sentences
            .iter()
            .position(|s| s.0 <= start && start < s.1)
    };
    sizes
        && p.heads.iter().enumerate().all(|(i, &h)| {
            (h as usize) < n && (h as usize == i || sentence_of(h as usize) == sentence_of(i))
        })
}

fn formats() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::Text), Just(Format::Html), Just(Format::Jsonl)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), format in formats()) {
        analyse(bytes, format);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}", format in formats()) {
        analyse(text.into_bytes(), format);
    }

    #[test]
    fn news_sentences_keep_every_annotation_in_bounds(text in "((Kenya|Uganda|Nairobi|Tamsin Okoro|The ministry|Police|Israeli troops|He|The bloc|Russia’s army)( said| attacked| met| killed| called on| condemned| was detained by| held talks with| struck| shelled)( Kenya| Uganda| Nairobi| at least 12 people| dozens of civilians| “[a-z ,.]{0,24}”| on Monday| in Nairobi| a strike| Thirty four soldiers)( on Sunday| today| according to the UN| the statement said|, officials said)?[.] ?(\n\n)?){1,12}") {
        analyse(text.into_bytes(), Format::Text);
    }

    #[test]
    fn newsy_text_never_panics(text in "([A-Z]{2,8}, (Oct\\.|October|7) [0-9]{1,2}\\. /[A-Z]{2,5}/\\. )?([A-Za-z’'“”\"<>.…,!? \n-]|U\\.S\\.|Dr\\.|<\\.\\.\\.>|\n\n){0,300}") {
        analyse(text.into_bytes(), Format::Text);
    }
}

/// One sentence of invented news, for the long inputs.
const NEWS_SENTENCE: &str = "(Kenya|Uganda|Nairobi|Tamsin Okoro|The ministry|Police|He)( said| attacked| met| killed| called on| held talks with)( Kenya| Uganda| at least 12 people| “[a-z ,.]{0,24}”| on Monday)( on Sunday|, officials said)?[.] ?(\n\n)?";

proptest! {
    // Inputs up to 64 KB: fewer cases, each a long article.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn long_arbitrary_inputs_up_to_64_kb_keep_every_span_in_bounds(bytes in proptest::collection::vec(any::<u8>(), 0..65_536), format in formats()) {
        analyse(bytes, format);
    }

    #[test]
    fn long_news_up_to_64_kb_keeps_every_annotation_in_bounds(sentences in proptest::collection::vec(NEWS_SENTENCE, 0..1_200)) {
        let text = sentences.concat();
        prop_assume!(text.len() <= 65_536);
        analyse(text.into_bytes(), Format::Text);
    }
}
