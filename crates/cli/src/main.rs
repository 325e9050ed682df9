//! The `dateline` command line.

mod analyze;
mod bench;
mod charts;
mod conllu;
mod corpus_cmd;
mod digest;
mod engine;
mod eval_cmd;
mod pages;
mod panels;
mod serve;
mod summary;
mod terminal;
mod train_cmd;
mod upload;
mod upload_routes;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// dateline turns news articles into a sourced record of events, quotations, figures and
/// positions, every annotation traceable to the exact characters of the article.
#[derive(Parser)]
#[command(name = "dateline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles and write one JSON record per article (JSON Lines).
    Analyze(analyze::AnalyzeArgs),
    /// Print each sentence as CoNLL-U: part of speech, head, relation and entity tag per token.
    Tag(analyze::TagArgs),
    /// Train the language layer (tagger, recogniser, parser) from CoNLL-U files.
    Train(train_cmd::TrainArgs),
    /// Score dateline against the public evaluation sets in ../shared/data.
    Eval(eval_cmd::EvalArgs),
    /// Measure throughput per stage and for the whole pipeline, and peak memory.
    Bench(bench::BenchArgs),
    /// Analyse articles and store them in the corpus database (idempotent, crash-safe).
    Ingest(corpus_cmd::IngestArgs),
    /// Full-text search over stored articles: words as written, "phrases" in double quotes, --raw for FTS5 syntax.
    Search {
        /// Words to find, all of them, as written ("U.N.", "cease-fire", "Erdogan's"); a
        /// "quoted phrase" must appear as one
        query: String,
        /// Take QUERY as SQLite FTS5 syntax (OR, NOT, NEAR(...), prefix*, column filters)
        #[arg(long)]
        raw: bool,
        #[command(flatten)]
        q: corpus_cmd::QueryArgs,
    },
    /// Corpus events, merged across reports, in date order.
    Events {
        /// Events with this participant (name, alias or CAMEO code).
        #[arg(long)]
        actor: Option<String>,
        /// And this second participant too (a pair's events; with --actor).
        #[arg(long, requires = "actor")]
        with: Option<String>,
        /// PLOVER type (CONSULT, REQUEST, ...).
        #[arg(long = "type", value_parser = corpus_cmd::event_type_arg)]
        kind: Option<String>,
        /// From this date on (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_parser = corpus_cmd::date_arg)]
        since: Option<String>,
        /// Up to this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, value_parser = corpus_cmd::date_arg)]
        until: Option<String>,
        /// Place name.
        #[arg(long)]
        place: Option<String>,
        /// One row per report of each event: its article, outlet, url, publication date, the
        /// date it gives the event and the sentence that tells it.
        #[arg(long)]
        reports: bool,
        #[command(flatten)]
        q: corpus_cmd::QueryArgs,
    },
    /// Corpus actors with article and mention counts.
    Actors {
        #[command(flatten)]
        q: corpus_cmd::QueryArgs,
    },
    /// Figure series by kind, side and object, with sources and disagreements.
    Figures {
        /// KILL, WOUND, DISPLACE, ...
        #[arg(long, value_parser = corpus_cmd::figure_kind_arg)]
        kind: Option<String>,
        /// Side (ISO alpha-3).
        #[arg(long)]
        country: Option<String>,
        #[command(flatten)]
        q: corpus_cmd::QueryArgs,
    },
    /// Quotations with their speakers.
    Quotes {
        /// Only this speaker (name, alias or code).
        #[arg(long)]
        speaker: Option<String>,
        #[command(flatten)]
        q: corpus_cmd::QueryArgs,
    },
    /// Positions of actors on issues.
    Stances {
        /// Only this issue (e.g. ceasefire).
        #[arg(long)]
        issue: Option<String>,
        /// Only this actor.
        #[arg(long)]
        actor: Option<String>,
        #[command(flatten)]
        q: corpus_cmd::QueryArgs,
    },
    /// An actor's events, quotations and stances in date order.
    Timeline {
        /// The actor: a name, alias, surname or CAMEO code.
        actor: String,
        #[command(flatten)]
        q: corpus_cmd::QueryArgs,
    },
    /// Export the corpus: jsonl, plover, gdelt-events, gdelt-mentions, gkg, csv or parquet.
    Export {
        /// What to write.
        #[arg(long, value_name = "FORMAT", value_parser = ["jsonl", "plover", "gdelt-events", "gdelt-mentions", "gkg", "csv", "parquet"])]
        format: String,
        /// Write to FILE instead of standard output (parquet: a directory, required).
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Which events the event rows hold (plover, gdelt-events, gdelt-mentions, csv): those
        /// that occurred, or those planned, negated, hypothetical, or all of them.
        #[arg(long, value_name = "STATUS", default_value = "occurred",
              value_parser = ["occurred", "planned", "negated", "hypothetical", "all"])]
        status: String,
        #[command(flatten)]
        db: corpus_cmd::DbArg,
    },
    /// Check the database's integrity and consistency.
    Check {
        #[command(flatten)]
        db: corpus_cmd::DbArg,
    },
    /// Serve the corpus as pages and a JSON API (read-only unless --allow-ingest; docs/api.md).
    Serve(serve::ServeArgs),
}

/// A failure while running (output could not be written, the database failed), as opposed to a
/// mistake in the command line: exit status 3 instead of 2.
#[derive(Debug)]
pub struct Failure(String);

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure(message.into())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Failure {}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => match exit_status(&e) {
            // The reader of a pipe has seen enough (`| head`): end quietly, as `head`'s other
            // writers do.
            None => ExitCode::SUCCESS,
            Some(status) => {
                eprintln!("dateline: error: {e:#}");
                ExitCode::from(status)
            }
        },
    }
}

/// 2 for a mistake in the command line, 3 for a failure while running (output that could not
/// be written, a database that failed), None for a closed pipe.
fn exit_status(e: &anyhow::Error) -> Option<u8> {
    for cause in e.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return (io.kind() != std::io::ErrorKind::BrokenPipe).then_some(3);
        }
        if cause.is::<Failure>() {
            return Some(3);
        }
        if let Some(store) = cause.downcast_ref::<dateline_store::Error>() {
            use dateline_store::Error::{NotOurs, SearchSyntax, UnknownActor};
            return Some(match store {
                UnknownActor(_) | SearchSyntax { .. } | NotOurs { .. } => 2,
                dateline_store::Error::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe => {
                    return None
                }
                _ => 3,
            });
        }
    }
    Some(2)
}

/// The lexicon extensions the command was given, for those that analyse articles.
fn lexicon_dir(command: &Command) -> Option<&PathBuf> {
    match command {
        Command::Analyze(a) => a.input.lexicon.dir.as_ref(),
        Command::Tag(a) => a.input.lexicon.dir.as_ref(),
        Command::Ingest(a) => a.lexicon.dir.as_ref(),
        Command::Eval(a) => a.lexicon.dir.as_ref(),
        Command::Bench(a) => a.lexicon.dir.as_ref(),
        _ => None,
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(dir) = lexicon_dir(&cli.command) {
        let lex = dateline_lexicon::Lexicon::with_extensions(dir)
            .with_context(|| format!("loading lexicon extensions from {}", dir.display()))?;
        dateline_lexicon::Lexicon::install(lex);
    }
    match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Tag(args) => analyze::run_tag(args),
        Command::Train(args) => train_cmd::run(args),
        Command::Eval(args) => eval_cmd::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Ingest(args) => corpus_cmd::ingest(args),
        Command::Search { query, raw, q } => corpus_cmd::search(q, query, raw),
        Command::Events {
            actor,
            with,
            kind,
            since,
            until,
            place,
            reports,
            q,
        } => {
            let mut f = corpus_cmd::filters(&q, actor);
            (f.kind, f.since, f.until, f.place) = (kind, since, until, place);
            f.with_keys = corpus_cmd::actor_keys(&with);
            f.with = with;
            let which = if reports { "event reports" } else { "events" };
            corpus_cmd::run_query(&q, f, which)
        }
        Command::Actors { q } => corpus_cmd::run_query(&q, corpus_cmd::filters(&q, None), "actors"),
        Command::Figures { kind, country, q } => {
            let mut f = corpus_cmd::filters(&q, None);
            (f.kind, f.country) = (kind, country);
            corpus_cmd::run_query(&q, f, "figures")
        }
        Command::Quotes { speaker, q } => {
            corpus_cmd::run_query(&q, corpus_cmd::filters(&q, speaker), "quotes")
        }
        Command::Stances { issue, actor, q } => {
            let mut f = corpus_cmd::filters(&q, actor);
            f.issue = issue;
            corpus_cmd::run_query(&q, f, "stances")
        }
        Command::Timeline { actor, q } => {
            corpus_cmd::run_query(&q, corpus_cmd::filters(&q, Some(actor)), "timeline")
        }
        Command::Export {
            format,
            out,
            status,
            db,
        } => corpus_cmd::export_cmd(db, format, &status, out),
        Command::Check { db } => corpus_cmd::check(db),
        Command::Serve(args) => serve::run(args),
    }
}
