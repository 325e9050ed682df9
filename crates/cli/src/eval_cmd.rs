//! `dateline eval`: runs the scorers and prints (and optionally writes) the results table.

use anyhow::{Context, Result};
use clap::Args;
use dateline_eval::{evaluate, markdown_table, text_table, DATASETS};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct EvalArgs {
    /// Data sets to score (default: all). Known: see `dateline eval --list`.
    #[arg(value_name = "DATASET")]
    pub datasets: Vec<String>,

    /// Directory holding the data sets.
    #[arg(long, value_name = "DIR", default_value = "../shared/data")]
    pub data: PathBuf,

    /// Score only the first N items of each data set (a quick check, not a result).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Write the results as Markdown to FILE (docs/quality.md regenerates this way).
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,

    /// List the known data sets and exit.
    #[arg(long)]
    pub list: bool,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    if args.list {
        for d in DATASETS {
            println!("{d}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let chosen: Vec<String> = if args.datasets.is_empty() {
        DATASETS.iter().map(|s| s.to_string()).collect()
    } else {
        args.datasets.clone()
    };
    let mut scores = Vec::new();
    for name in &chosen {
        eprintln!("dateline eval: scoring {name} ...");
        let started = std::time::Instant::now();
        let s =
            evaluate(name, &args.data, args.limit).with_context(|| format!("evaluating {name}"))?;
        eprintln!(
            "dateline eval: {name} done in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        scores.extend(s);
    }
    print!("{}", text_table(&scores));
    if let Some(path) = &args.write {
        std::fs::write(path, markdown_table(&scores))
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
