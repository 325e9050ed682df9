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
