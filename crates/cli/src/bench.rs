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
    #[arg(long, short = 'j', value_name = "N", value_parser = crate::corpus_cmd::threads_arg)]
    pub threads: Option<usize>,

    /// Also write the figures as JSON to FILE (read by scripts/bench-peers.sh).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,

    #[command(flatten)]
    pub lexicon: crate::analyze::LexiconArg,
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
            given: Default::default(),
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
    /// Each language model alone, in tokens per second on one thread (parser on every sentence).
    models: Vec<ModelRow>,
    peak_rss_mb: Option<f64>,
}

#[derive(Serialize)]
struct ModelRow {
    name: String,
    tokens: usize,
    seconds: f64,
    tokens_per_sec: f64,
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
        models: model_rates(&loaded),
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
        let json = engine::to_json(doc.record, false, false);
        times[names.len() + 2] += t.elapsed();
        std::hint::black_box(json);
    }
    let mut labels = vec!["ingest".to_string(), "tokenize".to_string()];
    labels.extend(names.iter().map(|n| format!("stage: {n}")));
    labels.push("serialize".to_string());
    labels.into_iter().zip(times).collect()
}

/// Each language model timed alone over the sentences of the English inputs: the features of
/// every token, the tagger, the recogniser (on the tagger's tags) and the parser on every
/// sentence (the pipeline parses only the sentences a stage asks a tree for).
fn model_rates(loaded: &[Loaded]) -> Vec<ModelRow> {
    let Ok(model) = dateline_nlp::model() else {
        return Vec::new();
    };
    let pipeline = dateline_extract::pipeline();
    let mut forms: Vec<Vec<String>> = Vec::new();
    for l in loaded {
        let Ok(mut doc) = build_document(l.item(), &Options::default()) else {
            continue;
        };
        if doc.record.language != "en" {
            continue;
        }
        doc.tokenize();
        pipeline.run_stage("sentences", &mut doc);
        for s in &doc.record.sentences {
            let a = doc.tokens.partition_point(|t| t.start < s.0);
            let b = doc.tokens.partition_point(|t| t.start < s.1);
            forms.push(
                doc.tokens[a..b]
                    .iter()
                    .map(|t| t.text(doc.text()).to_string())
                    .collect(),
            );
        }
    }
    let tokens: usize = forms.iter().map(Vec::len).sum();
    let t = Instant::now();
    let atoms: Vec<Vec<dateline_nlp::Atoms>> = forms
        .iter()
        .map(|s| s.iter().map(|f| model.atoms(f)).collect())
        .collect();
    let features = t.elapsed();
    let mut scratch = dateline_nlp::tagger::Scratch::default();
    let t = Instant::now();
    let tags: Vec<Vec<u16>> = atoms
        .iter()
        .map(|a| {
            let mut tags = Vec::new();
            dateline_nlp::tagger::tag(&model.tagger, a, &mut tags, &mut scratch);
            tags
        })
        .collect();
    let tagger = t.elapsed();
    let mut scratch = dateline_nlp::ner::Scratch::default();
    let mut ents = Vec::new();
    let t = Instant::now();
    for (a, tg) in atoms.iter().zip(&tags) {
        dateline_nlp::ner::decode(&model.ner, &model.scheme, a, tg, &mut ents, &mut scratch);
    }
    let recogniser = t.elapsed();
    let root = model.labels.deps.get("ROOT").unwrap_or(0) as usize;
    let mut scratch = dateline_nlp::parser::Scratch::default();
    let (mut heads, mut deps) = (Vec::new(), Vec::new());
    let t = Instant::now();
    for (a, tg) in atoms.iter().zip(&tags) {
        dateline_nlp::parser::parse(
            &model.parser,
            root,
            a,
            tg,
            &mut heads,
            &mut deps,
            &mut scratch,
        );
    }
    let parser = t.elapsed();
    [
        ("token features", features),
        ("tagger", tagger),
        ("recogniser", recogniser),
        ("parser (every sentence)", parser),
    ]
    .into_iter()
    .map(|(name, d)| ModelRow {
        name: name.to_string(),
        tokens,
        seconds: d.as_secs_f64(),
        tokens_per_sec: tokens as f64 / d.as_secs_f64().max(1e-9),
    })
    .collect()
}

fn whole(loaded: &[Loaded], threads: usize) -> Duration {
    let options = Options::default();
    let items = loaded.iter().map(|l| Item::Article(l.item()));
    let t = Instant::now();
    let mut n = 0usize;
    engine::run(items, &options, Render::JSON, threads, |o| {
        if let Outcome::Rendered { text, .. } = o {
            n += text.len();
        }
        std::ops::ControlFlow::Continue(())
    });
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
    if !r.models.is_empty() {
        println!(
            "{:<24} {:>10} {:>12} {:>9}",
            "model (1 thread)", "tokens", "tokens/s", "seconds"
        );
        for m in &r.models {
            println!(
                "{:<24} {:>10} {:>12.0} {:>9.3}",
                m.name, m.tokens, m.tokens_per_sec, m.seconds
            );
        }
    }
    match r.peak_rss_mb {
        Some(mb) => println!(
            "peak memory of a streaming `dateline analyze` over the same inputs: {mb:.1} MB"
        ),
        None => println!("peak memory: not measured with --limit (analyze streams whole inputs)"),
    }
}
