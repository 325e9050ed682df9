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
    #[arg(required_unless_present = "check_only", value_name = "FILE")]
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

    /// Rows of each weight table, as a power of two (more rows: fewer collisions, a bigger file
    /// and slower scoring once the tables outgrow the processor's cache).
    #[arg(long, default_value_t = 18, value_parser = clap::value_parser!(u32).range(10..=22))]
    pub bits: u32,

    /// Rows of the tagger's table, if not --bits.
    #[arg(long, value_parser = clap::value_parser!(u32).range(10..=22))]
    pub tagger_bits: Option<u32>,

    /// Rows of the recogniser's table, if not --bits.
    #[arg(long, value_parser = clap::value_parser!(u32).range(10..=22))]
    pub recogniser_bits: Option<u32>,

    /// Rows of the parser's table, if not --bits.
    #[arg(long, value_parser = clap::value_parser!(u32).range(10..=22))]
    pub parser_bits: Option<u32>,

    /// Train nothing: measure the shipped model's agreement with the --dev file.
    #[arg(long, requires = "dev")]
    pub check_only: bool,

    /// Word clusters to learn from the training text (0: none).
    #[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u64).range(0..=4096))]
    pub clusters: u64,
}

pub fn run(args: TrainArgs) -> Result<ExitCode> {
    if args.check_only {
        return check(&args);
    }
    let started = Instant::now();
    let options = Options {
        train: args.train,
        dev: args.dev,
        epochs: args.epochs,
        bits: [
            args.tagger_bits.unwrap_or(args.bits),
            args.recogniser_bits.unwrap_or(args.bits),
            args.parser_bits.unwrap_or(args.bits),
        ],
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

/// Agreement of the shipped model with a held-out CoNLL-U file.
fn check(args: &TrainArgs) -> Result<ExitCode> {
    let model = dateline_nlp::model().map_err(|e| anyhow::anyhow!("{e}"))?;
    let Some(dev) = &args.dev else {
        anyhow::bail!("--check-only needs --dev FILE");
    };
    let mut labels = model.labels.clone();
    let sentences = dateline_nlp::conllu::read(dev, &mut labels, false, &model.clusters)?;
    let report = dateline_nlp::train::evaluate(model, &sentences);
    for line in report.lines() {
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}
