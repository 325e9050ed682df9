//! Reads inputs as `dateline analyze` reads them, without analysing: how fast the reader
//! streams a large file (a web archive, a JSON Lines dump) and what it yields. For the reading
//! benchmark in docs/scale.md:
//!
//!     cargo run --release -p dateline-ingest --example read -- big.warc.gz

use dateline_ingest::{Item, Reader};
use std::time::Instant;

fn main() {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    if inputs.is_empty() {
        eprintln!("usage: read PATH...");
        std::process::exit(2);
    }
    let started = Instant::now();
    let (mut articles, mut skipped, mut ignored, mut bytes) = (0u64, 0u64, 0u64, 0u64);
    for item in Reader::new(&inputs, 32 * 1024 * 1024) {
        match item {
            Item::Article(a) => {
                articles += 1;
                bytes += a.bytes.len() as u64;
            }
            Item::Skipped(_) => skipped += 1,
            Item::Ignored(_) => ignored += 1,
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let on_disk: u64 = inputs
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    println!(
        "{articles} articles ({:.1} MB of pages), {skipped} skipped, {ignored} ignored in {seconds:.2} s: {:.1} MB/s of input on disk, {:.1} MB/s of pages",
        bytes as f64 / 1048576.0,
        on_disk as f64 / 1048576.0 / seconds,
        bytes as f64 / 1048576.0 / seconds
    );
}
