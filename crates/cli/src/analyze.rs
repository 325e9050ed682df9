//! `dateline analyze`: inputs in, JSON Lines records out, in input order.

use crate::engine::{self, Outcome};
use crate::summary::Summary;
use anyhow::{Context, Result};
use clap::Args;
use dateline_ingest::{parse_published_arg, Options, Reader};
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Lexicon extensions, for the commands that analyse articles (and only those: the query
/// commands read what was stored).
#[derive(Args, Default)]
pub struct LexiconArg {
    /// Directory of lexicon files that extend the built-in tables (same file names as
    /// crates/lexicon/data, e.g. agencies.tsv); rows are added, nothing is recompiled.
    #[arg(long = "lexicon", value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// What `analyze` and `tag` both read and how.
#[derive(Args)]
pub struct InputArgs {
    /// Files or directories to read: .txt, .html/.htm, .jsonl (one article per line), any of them
    /// gzipped (.gz); directories are walked recursively; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,

    /// Write the output to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = crate::corpus_cmd::threads_arg)]
    pub threads: Option<usize>,

    /// Skip any article (or JSON line) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_bytes: u64,

    /// No progress display and no summary line.
    #[arg(long, short)]
    pub quiet: bool,

    #[command(flatten)]
    pub lexicon: LexiconArg,
}

#[derive(Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output: digest (a short human summary per article; the default on a terminal) or json
    /// (JSON Lines records; the default in pipes and files, and with --pretty or --no-text).
    #[arg(long, value_name = "FORMAT", value_parser = ["digest", "json"])]
    pub format: Option<String>,

    /// Indent each JSON record for reading (the output is then no longer one record per line).
    #[arg(long)]
    pub pretty: bool,

    /// Leave the article text out of the records (spans still refer to it).
    #[arg(long)]
    pub no_text: bool,

    /// Publication date for every article (e.g. 2024-01-23); overrides dates found in the input.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
}

/// `dateline tag`: the inputs of `analyze`, printed as CoNLL-U sentences.
#[derive(Args)]
pub struct TagArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run_tag(args: TagArgs) -> Result<ExitCode> {
    let analyze = AnalyzeArgs {
        input: args.input,
        format: None,
        pretty: false,
        no_text: false,
        published: None,
    };
    run_as(analyze, true)
}

pub fn run(args: AnalyzeArgs) -> Result<ExitCode> {
    run_as(args, false)
}

fn run_as(args: AnalyzeArgs, conllu: bool) -> Result<ExitCode> {
    let published = args
        .published
        .as_deref()
        .map(parse_published_arg)
        .transpose()?;
    let options = Options {
        published,
        max_bytes: args.input.max_bytes,
    };
    let threads = args
        .input
        .threads
        .unwrap_or_else(engine::default_threads)
        .max(1);
    let mut out: Box<dyn Write> = match &args.input.out {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    // Records written to the terminal would be cut by the spinner's line: progress only when
    // they go to a file or a pipe.
    let records_on_terminal = args.input.out.is_none() && std::io::stdout().is_terminal();
    let show_progress =
        !args.input.quiet && std::io::stderr().is_terminal() && !records_on_terminal;
    let mut summary = Summary::new(show_progress);
    let mut seen_ids = HashSet::new();
    let started = Instant::now();
    let reader = Reader::new(&args.input.paths, args.input.max_bytes);
    let render = if conllu {
        engine::Render::Conllu
    } else {
        record_render(&args, records_on_terminal)
    };
    let mut write_error = None;
    engine::run(reader, &options, render, threads, |outcome| {
        match emit(outcome, &mut out, &mut summary, &mut seen_ids) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                write_error = Some(e);
                ControlFlow::Break(())
            }
        }
    });
    let written = match write_error {
        Some(e) => Err(e),
        None => out.flush(),
    };
    if let Err(e) = written {
        // A reader that has seen enough (`| head`) closes the pipe: end quietly, as `head`'s
        // other writers do. Any other write failure stops the run at once, named.
        summary.clear();
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        let target = match &args.input.out {
            Some(path) => path.display().to_string(),
            None => "standard output".to_string(),
        };
        return Err(crate::Failure::new(format!("writing records to {target}: {e}")).into());
    }
    summary.finish(started.elapsed(), args.input.quiet);
    Ok(if summary.analyzed == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// JSON unless a digest was asked for, or records go to a terminal and nothing asked for JSON
/// (`--format json`, `--pretty`, `--no-text`).
fn record_render(args: &AnalyzeArgs, records_on_terminal: bool) -> engine::Render {
    let digest = match args.format.as_deref() {
        Some(format) => format == "digest",
        None => records_on_terminal && !args.pretty && !args.no_text,
    };
    if digest {
        engine::Render::Digest(crate::digest::Layout {
            width: if records_on_terminal {
                crate::terminal::width()
            } else {
                // A digest written to a file or a pipe is read later, at any width.
                usize::MAX
            },
            color: records_on_terminal && console::colors_enabled(),
        })
    } else {
        engine::Render::Json {
            pretty: args.pretty,
            no_text: args.no_text,
        }
    }
}

/// A 128-bit fingerprint of an id: 16 bytes per article keep the duplicate check nearly flat in
/// memory on huge inputs, and a false match is astronomically unlikely.
fn id_key(id: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut a = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut a);
    let mut b = std::collections::hash_map::DefaultHasher::new();
    (id, 0x5eed_u32).hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

fn emit(
    outcome: Outcome,
    out: &mut dyn Write,
    summary: &mut Summary,
    seen: &mut HashSet<u128>,
) -> std::io::Result<()> {
    match outcome {
        Outcome::Rendered { id, text, english } => {
            // Record ids are unique within one output; a second article with the same id (the
            // same story as .txt and in a .jsonl, say) is reported, not written twice.
            if !seen.insert(id_key(&id)) {
                summary.skip(
                    "duplicate id",
                    &format!("{id}: an article with this id was already written"),
                );
                return Ok(());
            }
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
            summary.analyzed(english);
        }
        // Not asked for by the writer; should one come, it is written as compact JSON.
        Outcome::Analysed(record) => {
            let english = record.language == "en";
            let text = engine::to_json(*record, false, false);
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
            summary.analyzed(english);
        }
        Outcome::Skipped(e) => summary.skip(e.class(), &e.to_string()),
        Outcome::Ignored(path) => summary.ignored(&path),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: AnalyzeArgs,
    }

    fn render(line: &[&str], on_terminal: bool) -> engine::Render {
        let cli = Cli::parse_from(std::iter::once("analyze").chain(line.iter().copied()));
        record_render(&cli.args, on_terminal)
    }

    #[test]
    fn a_terminal_gets_the_digest_unless_json_is_asked_for() {
        assert!(matches!(render(&["x"], true), engine::Render::Digest(_)));
        assert!(matches!(render(&["x"], false), engine::Render::Json { .. }));
        for json in [
            &["--pretty", "x"][..],
            &["--no-text", "x"],
            &["--format", "json", "x"],
        ] {
            assert!(matches!(render(json, true), engine::Render::Json { .. }));
        }
        let engine::Render::Digest(layout) = render(&["--format", "digest", "x"], false) else {
            panic!("--format digest gives the digest in a pipe too");
        };
        assert!(!layout.color && layout.width == usize::MAX);
    }
}
