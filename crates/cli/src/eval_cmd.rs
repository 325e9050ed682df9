//! `dateline eval`: runs the scorers and prints (and optionally writes) the results table.

use anyhow::{Context, Result};
use clap::Args;
use dateline_eval::{check_floors, evaluate, quality_page, read_floors, text_table, DATASETS};
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

    /// Write the results page (Markdown) to FILE: `dateline eval --write docs/quality.md`
    /// regenerates the committed results.
    #[arg(long, value_name = "FILE")]
    pub write: Option<PathBuf>,

    /// Fail (exit 1) when an F1 falls below its floor in FILE (TSV: dataset, metric, minimum F1).
    #[arg(long, value_name = "FILE")]
    pub floors: Option<PathBuf>,

    #[command(flatten)]
    pub lexicon: crate::analyze::LexiconArg,

    /// MEANTIME: score another system's entity predictions beside dateline's, as NAME=FILE
    /// (see scripts/spacy-entities.py, which writes such a file).
    #[arg(long, value_name = "NAME=FILE")]
    pub peer_entities: Option<String>,

    /// MEANTIME: write the texts dateline analyses to FILE, for running a peer on them.
    #[arg(long, value_name = "FILE")]
    pub export_texts: Option<PathBuf>,

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
    let options = dateline_eval::Options {
        limit: args.limit,
        peer_entities: args.peer_entities.as_deref().map(parse_peer).transpose()?,
        export_texts: args.export_texts.clone(),
    };
    let mut scores = Vec::new();
    for name in &chosen {
        eprintln!("dateline eval: scoring {name} ...");
        let started = std::time::Instant::now();
        let s =
            evaluate(name, &args.data, &options).with_context(|| format!("evaluating {name}"))?;
        eprintln!(
            "dateline eval: {name} done in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        scores.extend(s);
    }
    print!("{}", text_table(&scores));
    if let Some(path) = &args.write {
        let command = "scripts/quality.sh   # or, without the spaCy anchor: dateline eval --write docs/quality.md".to_string();
        let page = quality_page(&scores, &today(), &command);
        std::fs::write(path, page).with_context(|| format!("writing {}", path.display()))?;
    }
    if let Some(path) = &args.floors {
        let floors = read_floors(path)?;
        let misses = check_floors(&floors, &scores);
        for m in &misses {
            eprintln!("dateline eval: below floor: {m}");
        }
        if !misses.is_empty() {
            return Ok(ExitCode::from(1));
        }
        eprintln!("dateline eval: all {} floors held", floors.len());
    }
    Ok(ExitCode::SUCCESS)
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    dateline_core::calendar::Date::from_days((secs / 86_400) as i64).iso()
}

fn parse_peer(value: &str) -> Result<(String, PathBuf)> {
    match value.split_once('=') {
        Some((name, file)) if !name.is_empty() && !file.is_empty() => {
            Ok((name.to_string(), PathBuf::from(file)))
        }
        _ => anyhow::bail!("--peer-entities expects NAME=FILE, got {value:?}"),
    }
}
