//! `dateline bench`: throughput of each stage (one thread) and of the whole pipeline (one thread
//! and all cores) over a real corpus held in memory, plus the peak memory of a streaming
//! `dateline analyze` run over the same inputs in a child process.

use crate::engine::{self, Outcome, Render};
use anyhow::{bail, Context, Result};
use clap::Args;
use dateline_ingest::{build_document, Format, Item, Options, RawItem, Reader};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct BenchArgs {
    /// Inputs to measure on (anything `analyze` reads).
    #[arg(value_name = "PATH", default_value = "../shared/data/reuters-21578")]
    pub paths: Vec<String>,

    /// Use at most N articles.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Threads for the all-cores run (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Also write the figures as JSON to FILE (read by scripts/bench-peers.sh).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

/// An input held in memory so that reading files is not timed.
struct Loaded {
    origin: String,
    format: Format,
    bytes: Vec<u8>,
}

impl Loaded {
    fn item(&self) -> RawItem {
        RawItem {
            origin: self.origin.clone(),
            path: None,
            format: self.format,
            bytes: self.bytes.clone(),
            default_id: self.origin.clone(),
        }
    }
}

#[derive(Serialize)]
struct Row {
    name: String,
    threads: usize,
    seconds: f64,
    articles_per_sec: f64,
    mb_per_sec: f64,
}

#[derive(Serialize)]
struct Report {
    inputs: Vec<String>,
    articles: usize,
    megabytes: f64,
    cores: usize,
    rows: Vec<Row>,
    peak_rss_mb: Option<f64>,
}

pub fn run(args: BenchArgs) -> Result<ExitCode> {
    // Measured first, while this process is small: a child's peak counts what it inherits.
    let peak_rss_mb = streaming_peak(&args.paths, args.limit);
    let loaded = load(&args.paths, args.limit)?;
    let articles = loaded.len();
    let megabytes = loaded.iter().map(|l| l.bytes.len()).sum::<usize>() as f64 / 1e6;
    let threads = args.threads.unwrap_or_else(engine::default_threads).max(1);
    eprintln!("dateline bench: {articles} articles, {megabytes:.1} MB in memory; measuring ...");
    let rate = |name: &str, t: usize, d: Duration| Row {
        name: name.to_string(),
        threads: t,
        seconds: d.as_secs_f64(),
        articles_per_sec: articles as f64 / d.as_secs_f64().max(1e-9),
        mb_per_sec: megabytes / d.as_secs_f64().max(1e-9),
    };
    let mut rows: Vec<Row> = stage_times(&loaded)
        .into_iter()
        .map(|(n, d)| rate(&n, 1, d))
        .collect();
    rows.push(rate("whole pipeline", 1, whole(&loaded, 1)));
    if threads > 1 {
        rows.push(rate("whole pipeline", threads, whole(&loaded, threads)));
    }
    let report = Report {
        inputs: args.paths.clone(),
        articles,
        megabytes,
        cores: threads,
        rows,
        peak_rss_mb,
    };
    print_report(&report);
    if let Some(path) = &args.json {
        std::fs::write(path, serde_json::to_string_pretty(&report)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn load(paths: &[String], limit: Option<usize>) -> Result<Vec<Loaded>> {
    let loaded: Vec<Loaded> = Reader::new(paths, 32 * 1024 * 1024)
        .filter_map(|item| match item {
            Item::Article(raw) => Some(Loaded {
                origin: raw.origin,
                format: raw.format,
                bytes: raw.bytes,
            }),
            _ => None,
        })
        // Inputs that would be skipped (bad JSON lines, binary files) are not articles to time.
        .filter(|l| build_document(l.item(), &Options::default()).is_ok())
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    if loaded.is_empty() {
        bail!("no articles found in {}", paths.join(" "));
    }
    Ok(loaded)
}

/// Time spent in ingestion, tokenisation, each stage and serialisation, on one thread.
fn stage_times(loaded: &[Loaded]) -> Vec<(String, Duration)> {
    let pipeline = dateline_extract::pipeline();
    let names = pipeline.stage_names();
    let mut times = vec![Duration::ZERO; names.len() + 3];
    let options = Options::default();
    for l in loaded {
        let item = l.item();
        let t = Instant::now();
        let Ok(mut doc) = build_document(item, &options) else {
            continue;
        };
        times[0] += t.elapsed();
        if doc.record.language == "en" {
            let t = Instant::now();
            doc.tokenize();
            times[1] += t.elapsed();
            for (i, name) in names.iter().enumerate() {
                let t = Instant::now();
                pipeline.run_stage(name, &mut doc);
                times[2 + i] += t.elapsed();
            }
        }
        let t = Instant::now();
        let json = engine::to_json(
            doc.record,
            Render {
                pretty: false,
                no_text: false,
                conllu: false,
            },
        );
        times[names.len() + 2] += t.elapsed();
        std::hint::black_box(json);
    }
    let mut labels = vec!["ingest".to_string(), "tokenize".to_string()];
    labels.extend(names.iter().map(|n| format!("stage: {n}")));
    labels.push("serialize".to_string());
    labels.into_iter().zip(times).collect()
}

fn whole(loaded: &[Loaded], threads: usize) -> Duration {
    let options = Options::default();
    let items = loaded.iter().map(|l| Item::Article(l.item()));
    let t = Instant::now();
    let mut n = 0usize;
    engine::run(
        items,
        &options,
        Render {
            pretty: false,
            no_text: false,
            conllu: false,
        },
        threads,
        |o| {
            if let Outcome::Record { json, .. } = o {
                n += json.len();
            }
        },
    );
    std::hint::black_box(n);
    t.elapsed()
}

/// Peak resident memory of `dateline analyze` streaming the same inputs, in MB.
fn streaming_peak(paths: &[String], limit: Option<usize>) -> Option<f64> {
    if limit.is_some() {
        return None;
    }
    let exe = std::env::current_exe().ok()?;
    let status = std::process::Command::new(exe)
        .arg("analyze")
        .arg("-q")
        .args(["--out", "/dev/null"])
        .args(paths)
        .status()
        .ok()?;
    status.code()?;
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0;
    ok.then(|| usage.ru_maxrss as f64 / 1024.0)
}

fn print_report(r: &Report) {
    println!(
        "dateline bench: {} articles, {:.1} MB, inputs {}",
        r.articles,
        r.megabytes,
        r.inputs.join(" ")
    );
    println!(
        "{:<22} {:>7} {:>12} {:>10} {:>9}",
        "what", "threads", "articles/s", "MB/s", "seconds"
    );
    for row in &r.rows {
        println!(
            "{:<22} {:>7} {:>12.0} {:>10.2} {:>9.3}",
            row.name, row.threads, row.articles_per_sec, row.mb_per_sec, row.seconds
        );
    }
    match r.peak_rss_mb {
        Some(mb) => println!(
            "peak memory of a streaming `dateline analyze` over the same inputs: {mb:.1} MB"
        ),
        None => println!("peak memory: not measured with --limit (analyze streams whole inputs)"),
    }
}
