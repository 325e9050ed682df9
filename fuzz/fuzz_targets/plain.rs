//! Plain text: the crawl header, dateline, headline and boilerplate scanner on any text.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = dateline_ingest::plain::scan(text);
    }
    common::ingest(data, dateline_ingest::Format::Text);
});
