//! `dateline train`: builds the language model file from silver CoNLL-U files and reports its
//! agreement with held-out sentences.

use anyhow::{Context, Result};
use clap::Args;
use dateline_nlp::train::{train, Options};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Args)]
pub struct TrainArgs {
    /// CoNLL-U training files (tag in XPOS, head, relation, `NER=` in MISC), as written by
    /// scripts/silver/make_silver.py.
    #[arg(required = true, value_name = "FILE")]
    pub train: Vec<PathBuf>,

    /// Held-out CoNLL-U file to measure agreement on after training.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,

    /// Where to write the model.
    #[arg(
        long,
        short,
        value_name = "FILE",
        default_value = "crates/nlp/model/en.dlm"
    )]
    pub out: PathBuf,

    /// Passes over the training sentences.
    #[arg(long, default_value_t = 5)]
    pub epochs: usize,

    /// Rows of each weight table, as a power of two (more rows: fewer collisions, bigger file).
    #[arg(long, default_value_t = 18, value_parser = clap::value_parser!(u32).range(10..=22))]
    pub bits: u32,

    /// Word clusters to learn from the training text (0: none).
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(0..=4096))]
    pub clusters: u64,
}

pub fn run(args: TrainArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let options = Options {
        train: args.train,
        dev: args.dev,
        epochs: args.epochs,
        bits: args.bits,
        clusters: args.clusters as usize,
    };
    let (model, report) = train(&options, |line| {
        eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64())
    })?;
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB) in {:.0} s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if let Some(report) = report {
        for line in report.lines() {
            println!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
