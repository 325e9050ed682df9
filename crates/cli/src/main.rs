//! The `dateline` command line.

mod analyze;
mod bench;
mod engine;
mod eval_cmd;
mod summary;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// dateline turns news articles into a sourced record of events, quotations, figures and
/// positions, every annotation traceable to the exact characters of the article.
#[derive(Parser)]
#[command(name = "dateline", version, about, long_about = None)]
struct Cli {
    /// Directory of lexicon files that extend the built-in tables (same file names as
    /// crates/lexicon/data, e.g. agencies.tsv); rows are added, nothing is recompiled.
    #[arg(long, global = true, value_name = "DIR")]
    lexicon: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles and write one JSON record per article (JSON Lines).
    Analyze(analyze::AnalyzeArgs),
    /// Score dateline against the public evaluation sets in ../shared/data.
    Eval(eval_cmd::EvalArgs),
    /// Measure throughput per stage and for the whole pipeline, and peak memory.
    Bench(bench::BenchArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dateline: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(dir) = &cli.lexicon {
        let lex = dateline_lexicon::Lexicon::with_extensions(dir)
            .with_context(|| format!("loading lexicon extensions from {}", dir.display()))?;
        dateline_lexicon::Lexicon::install(lex);
    }
    match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Bench(args) => bench::run(args),
    }
}
