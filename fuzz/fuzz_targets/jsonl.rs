//! One JSON Lines record: any line is an article, or refused with its reason.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::ingest(data, dateline_ingest::Format::Jsonl);
});
