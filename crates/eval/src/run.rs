//! Runs the dateline pipeline on a gold text exactly as `dateline analyze` would.

use dateline_core::Record;
use dateline_ingest::{build_document, Format, Options, RawItem};
use std::sync::OnceLock;

/// Analyses `text` (plain text) with `published` as the publication date.
pub fn analyze_text(id: &str, text: &str, published: Option<&str>) -> Option<Record> {
    static PIPELINE: OnceLock<dateline_core::Pipeline> = OnceLock::new();
    let pipeline = PIPELINE.get_or_init(dateline_extract::pipeline);
    let item = RawItem {
        origin: id.to_string(),
        path: None,
        format: Format::Text,
        bytes: text.as_bytes().to_vec(),
        default_id: id.to_string(),
        given: Default::default(),
    };
    let options = Options {
        published: published.map(str::to_string),
        ..Options::default()
    };
    let mut doc = build_document(item, &options).ok()?;
    dateline_extract::analyze(pipeline, &mut doc);
    Some(doc.record)
}
