//! Text decoding: any bytes decode (UTF-8, a Windows-1252 fallback) or are refused by name.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = dateline_ingest::decode("fuzz", data) {
        let text = dateline_ingest::normalize_newlines(decoded.text);
        assert!(!text.contains('\r'));
    }
});
