//! Feeds and web archives: any bytes give articles, each a valid document, or reasons; the
//! reader never loops or panics on a record it cannot read.
#![no_main]
use dateline_ingest::{build_document, container_items, spans_valid, Container, Item, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let container = match first % 2 {
        0 => Container::Feed,
        _ => Container::Warc,
    };
    for item in container_items(container, "fuzz", rest, 1 << 20) {
        if let Item::Article(raw) = item {
            if let Ok(doc) = build_document(raw, &Options::default()) {
                assert!(spans_valid(&doc));
            }
        }
    }
});
