//! HTML extraction: any page (nested, broken, huge) gives a body or a note, never a crash.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::ingest(data, dateline_ingest::Format::Html);
});
