//! What every target does with an input: build the document as `analyze` would, and check
//! that whatever came out points into the text on character boundaries.

use dateline_ingest::{build_document, Format, Options, RawItem};

pub fn ingest(bytes: &[u8], format: Format) -> Option<dateline_core::Document> {
    let item = RawItem {
        origin: "fuzz".into(),
        path: Some("fuzz".into()),
        format,
        bytes: bytes.to_vec(),
        default_id: "fuzz".into(),
        given: Default::default(),
    };
    let doc = build_document(item, &Options::default()).ok()?;
    assert!(
        dateline_ingest::spans_valid(&doc),
        "ingest made a span outside the text"
    );
    Some(doc)
}
