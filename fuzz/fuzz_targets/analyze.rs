//! The whole analysis of one article: every span of the record lies in its text on character
//! boundaries, and the record serialises to JSON that parses.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

#[path = "common.rs"]
mod common;

fn pipeline() -> &'static dateline_core::Pipeline {
    static PIPELINE: OnceLock<dateline_core::Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(dateline_extract::pipeline)
}

fuzz_target!(|data: &[u8]| {
    let Some(mut doc) = common::ingest(data, dateline_ingest::Format::Text) else {
        return;
    };
    // Short inputs are rarely identified as English; the analysis must hold for any text.
    doc.record.language = "en".into();
    dateline_extract::analyze(pipeline(), &mut doc);
    assert!(
        dateline_ingest::spans_valid(&doc),
        "a span outside the text"
    );
    assert!(
        dateline_ingest::annotations_valid(&doc.record),
        "an annotation outside the text or naming no entity"
    );
    let json = serde_json::to_string(&doc.record).expect("records serialise");
    let back: dateline_core::Record = serde_json::from_str(&json).expect("records parse");
    assert_eq!(back.text, doc.record.text);
});
