//! Property test: arbitrary bytes and arbitrary Unicode, read as any input format, never panic,
//! and every span of the resulting record lies in the text on character boundaries.

use dateline_ingest::{build_document, spans_valid, Format, Options, RawItem};
use proptest::prelude::*;

fn analyse(bytes: Vec<u8>, format: Format) {
    let item = RawItem {
        origin: "prop".to_string(),
        path: None,
        format,
        bytes,
        default_id: "prop".to_string(),
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
    fn newsy_text_never_panics(text in "([A-Z]{2,8}, (Oct\\.|October|7) [0-9]{1,2}\\. /[A-Z]{2,5}/\\. )?([A-Za-z’'“”\"<>.…,!? \n-]|U\\.S\\.|Dr\\.|<\\.\\.\\.>|\n\n){0,300}") {
        analyse(text.into_bytes(), Format::Text);
    }
}
