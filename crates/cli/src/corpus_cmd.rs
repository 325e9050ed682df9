//! Corpus commands: `ingest` into the store, the queries, `export` and `check`.

use crate::engine::{self, Outcome, Render};
use crate::summary::Summary;
use anyhow::{bail, Context, Result};
use clap::Args;
use dateline_core::Record;
use dateline_ingest::{Options, Reader};
use dateline_store::{export, ExportFormat, Filters, Store};
use std::io::{IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Records stored per transaction: a killed ingest loses at most this many, which the next run
/// stores again.
const BATCH: usize = 200;

#[derive(Args)]
pub struct DbArg {
    /// The corpus database: `ingest` makes it, the other commands read it.
    #[arg(
        long,
        value_name = "FILE",
        default_value = "dateline.db",
        global = true
    )]
    pub db: PathBuf,
}

#[derive(Args)]
pub struct IngestArgs {
    /// Inputs, as for `analyze`.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub db: DbArg,
    /// Publication date for every article.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = crate::corpus_cmd::threads_arg)]
    pub threads: Option<usize>,
    /// No progress display and no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// The inputs are records `dateline analyze` wrote (JSON Lines, gzipped or not, `-` for
    /// standard input): stored as they are, not analysed again (the merge stage of a
    /// distributed run, contrib/spark).
    #[arg(long, conflicts_with = "published")]
    pub records: bool,
    #[command(flatten)]
    pub lexicon: crate::analyze::LexiconArg,
}

#[derive(Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Output: table (default on a terminal), json (default otherwise) or csv.
    #[arg(long, value_name = "FORMAT", value_parser = ["table", "json", "csv"])]
    pub format: Option<String>,
    /// Show at most N rows.
    #[arg(long, value_name = "N", value_parser = limit_arg)]
    pub limit: Option<usize>,
}

pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let published = args
        .published
        .as_deref()
        .map(dateline_ingest::parse_published_arg)
        .transpose()?;
    let options = Options {
        published,
        max_bytes: 32 * 1024 * 1024,
    };
    let existed = args.db.db.exists();
    let mut store = Store::open(&args.db.db)?;
    // A damaged or locked database is reported before any article is analysed.
    store.ready_to_write(&args.db.db)?;
    let threads = args.threads.unwrap_or_else(engine::default_threads).max(1);
    let mut summary = Summary::new(!args.quiet && std::io::stderr().is_terminal());
    let started = Instant::now();
    let (totals, failure) = match args.records {
        true => store_records(&mut store, &args.paths, &mut summary),
        false => store_inputs(&mut store, &args.paths, &options, threads, &mut summary),
    };
    if let Some(e) = failure {
        summary.clear();
        let db = args.db.db.display();
        let stored = totals.stored;
        return Err(crate::Failure::new(format!(
            "storing into {db}: {e:#} ({stored} articles stored before, kept; rerun to add the rest)"
        ))
        .into());
    }
    summary.finish(started.elapsed(), args.quiet);
    if totals.stored == 0 && !existed {
        // A run that stored nothing leaves no empty database behind to be mistaken for a corpus.
        drop(store);
        remove_database(&args.db.db);
        if !args.quiet {
            eprintln!(
                "dateline: nothing stored; {} not created",
                args.db.db.display()
            );
        }
        return Ok(ExitCode::from(1));
    }
    if !args.quiet {
        eprintln!(
            "dateline: {} stored in {}, {} already stored, {} replaced by a copy with more metadata, {} near-duplicates of stored articles",
            totals.stored,
            args.db.db.display(),
            totals.already,
            totals.replaced,
            totals.near
        );
    }
    Ok(if summary.analyzed == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Removes a database file and the journal files SQLite keeps beside it.
fn remove_database(path: &std::path::Path) {
    let _ = std::fs::remove_file(path);
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(side));
    }
}

mod dateline_store_totals {
    use dateline_core::Record;
    use dateline_store::Store;

    #[derive(Default)]
    pub struct Totals {
        pub stored: usize,
        pub already: usize,
        pub replaced: usize,
        pub near: usize,
    }

    impl Totals {
        pub fn flush(&mut self, store: &mut Store, batch: &mut Vec<Record>) -> anyhow::Result<()> {
            if batch.is_empty() {
                return Ok(());
            }
            let report = store.ingest(batch)?;
            self.stored += report.stored;
            self.already += report.already_stored;
            self.replaced += report.replaced;
            self.near += report.near_duplicates;
            batch.clear();
            Ok(())
        }
    }
}

/// What an ingest tells as it goes: each article analysed, each input skipped (with the reason,
/// naming the input) and each file ignored. The command line shows it as progress and a
/// summary; the server collects it for its answer.
pub trait Seen {
    fn analyzed(&mut self, english: bool);
    fn skip(&mut self, class: &'static str, message: &str);
    fn ignored(&mut self, path: &std::path::Path);
}

impl Seen for Summary {
    fn analyzed(&mut self, english: bool) {
        Summary::analyzed(self, english)
    }
    fn skip(&mut self, class: &'static str, message: &str) {
        Summary::skip(self, class, message)
    }
    fn ignored(&mut self, path: &std::path::Path) {
        Summary::ignored(self, path)
    }
}

pub use dateline_store_totals::Totals;

/// Analyses the inputs and stores their records, `BATCH` to a transaction; the totals, and the
/// failure that stopped the run if the store failed (what was stored before it stays).
pub fn store_inputs(
    store: &mut Store,
    paths: &[String],
    options: &Options,
    threads: usize,
    seen: &mut dyn Seen,
) -> (Totals, Option<anyhow::Error>) {
    let mut batch: Vec<Record> = Vec::with_capacity(BATCH);
    let mut totals = Totals::default();
    let mut failure: Option<anyhow::Error> = None;
    engine::run(
        Reader::new(paths, options.max_bytes),
        options,
        Render::Typed,
        threads,
        |outcome| {
            match outcome {
                Outcome::Analysed(record) => {
                    seen.analyzed(record.language == "en");
                    batch.push(*record);
                    if batch.len() >= BATCH {
                        if let Err(e) = totals.flush(store, &mut batch) {
                            // A full disk or a failing database stops the run at once.
                            failure = Some(e);
                            return ControlFlow::Break(());
                        }
                    }
                }
                // Only the typed rendering was asked for.
                Outcome::Rendered { id, .. } => {
                    failure = Some(anyhow::anyhow!("record {id} came rendered, not typed"));
                    return ControlFlow::Break(());
                }
                Outcome::Skipped(e) => seen.skip(e.class(), &e.to_string()),
                Outcome::Ignored(p) => seen.ignored(&p),
            }
            ControlFlow::Continue(())
        },
    );
    if failure.is_none() {
        failure = totals.flush(store, &mut batch).err();
    }
    (totals, failure)
}

/// Stores records as `dateline analyze` wrote them, line by line, `BATCH` to a transaction; a
/// line that is not a record is named and skipped.
pub fn store_records(
    store: &mut Store,
    paths: &[String],
    seen: &mut dyn Seen,
) -> (Totals, Option<anyhow::Error>) {
    let mut batch: Vec<Record> = Vec::with_capacity(BATCH);
    let mut totals = Totals::default();
    for path in paths {
        let reader: Box<dyn std::io::BufRead> = match open_records(path) {
            Ok(r) => r,
            Err(e) => {
                seen.skip("unreadable", &format!("{path}: {e}"));
                continue;
            }
        };
        for (n, line) in std::io::BufRead::lines(reader).enumerate() {
            let line = match line {
                Ok(l) if l.trim().is_empty() => continue,
                Ok(l) => l,
                Err(e) => {
                    seen.skip("unreadable", &format!("{path}:{}: {e}", n + 1));
                    break;
                }
            };
            match serde_json::from_str::<Record>(&line) {
                Ok(record) => {
                    seen.analyzed(record.language == "en");
                    batch.push(record);
                }
                Err(e) => seen.skip(
                    "not a record",
                    &format!("{path}:{}: not a record: {e}", n + 1),
                ),
            }
            if batch.len() >= BATCH {
                if let Err(e) = totals.flush(store, &mut batch) {
                    return (totals, Some(e));
                }
            }
        }
    }
    let failure = totals.flush(store, &mut batch).err();
    (totals, failure)
}

fn open_records(path: &str) -> std::io::Result<Box<dyn std::io::BufRead>> {
    use std::io::BufReader;
    if path == "-" {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = std::fs::File::open(path)?;
    Ok(match path.ends_with(".gz") {
        true => Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file))),
        false => Box::new(BufReader::new(file)),
    })
}

/// Rows a table shows on a terminal when no --limit was given.
const TERMINAL_ROWS: usize = 40;

fn print(table: &dateline_store::Table, q: &QueryArgs) -> Result<ExitCode> {
    print_to(table, q).context("writing the rows to standard output")
}

fn print_to(table: &dateline_store::Table, q: &QueryArgs) -> Result<ExitCode> {
    let terminal = std::io::stdout().is_terminal();
    let chosen = q
        .format
        .clone()
        .unwrap_or_else(|| if terminal { "table" } else { "json" }.into());
    let mut out = std::io::stdout().lock();
    if chosen == "table" && terminal {
        // On a terminal: the lines fit its width and the first rows show; a pipe or a file
        // gets every row whole.
        let width = Some(crate::terminal::width());
        out.write_all(table.text_within(width).as_bytes())?;
        let more = table.total.unwrap_or(0).saturating_sub(table.rows.len());
        if more > 0 {
            writeln!(
                out,
                "… {more} more (use --limit N, or --format csv for all)"
            )?;
        }
    } else {
        out.write_all(table.render(&chosen).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

fn open(db: &DbArg) -> Result<Store> {
    if !db.db.exists() {
        bail!(
            "no corpus database at {} (run `dateline ingest PATH --db {}` first)",
            db.db.display(),
            db.db.display()
        );
    }
    Ok(Store::open_read(&db.db)?)
}

/// Spelling keys of an actor name, so "Sergei Lavrov" finds the entity keyed by "Sergey Lavrov".
pub fn actor_keys(name: &Option<String>) -> Vec<String> {
    name.iter()
        .map(|n| {
            format!(
                "person:{}",
                dateline_extract::entities::names::person_key(n)
            )
        })
        .collect()
}

pub fn filters(q: &QueryArgs, actor: Option<String>) -> Filters {
    Filters {
        actor_keys: actor_keys(&actor),
        actor,
        limit: q.limit.or(table_on_terminal(q).then_some(TERMINAL_ROWS)),
        ..Filters::default()
    }
}

/// A table printed to a terminal shows its first rows unless --limit says how many: only those
/// are fetched, and the rest are counted for the "N more" line.
fn table_on_terminal(q: &QueryArgs) -> bool {
    std::io::stdout().is_terminal() && q.format.as_deref().is_none_or(|f| f == "table")
}

pub fn search(q: QueryArgs, query: String, raw: bool) -> Result<ExitCode> {
    let store = open(&q.db)?;
    print(&store.search(&query, q.limit.unwrap_or(20), raw)?, &q)
}

pub fn run_query(q: &QueryArgs, f: Filters, which: &str) -> Result<ExitCode> {
    let store = open(&q.db)?;
    let table = match which {
        "events" => store.events(&f)?,
        "event reports" => store.event_reports(&f)?,
        "actors" => store.actors(&f)?,
        "figures" => store.figures(&f)?,
        "quotes" => store.quotes(&f)?,
        "stances" => store.stances(&f)?,
        _ => store.timeline(&f)?,
    };
    print(&table, q)
}

pub fn export_cmd(
    db: DbArg,
    format: String,
    status: &str,
    out: Option<PathBuf>,
) -> Result<ExitCode> {
    let store = open(&db)?;
    if format == "parquet" {
        return parquet_cmd(&store, status, out);
    }
    let Some(fmt) = ExportFormat::parse(&format) else {
        bail!("unknown export format {format:?}: jsonl, plover, gdelt-events, gdelt-mentions, gkg or csv");
    };
    let mut sink: Box<dyn Write> = match &out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let done = export(&store, fmt, status, &mut sink)?;
    sink.flush()?;
    let rows = done.rows;
    if done.left_out > 0 {
        let (n, why) = (done.left_out, done.why_left_out);
        eprintln!("dateline: exported {rows} rows as {format}; {n} left out: {why}");
    } else {
        eprintln!("dateline: exported {rows} rows as {format}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `export --format parquet --out DIR`: four Parquet files (docs/exports.md).
fn parquet_cmd(store: &Store, status: &str, out: Option<PathBuf>) -> Result<ExitCode> {
    let Some(dir) = out else {
        bail!("--format parquet writes four files: name their directory with --out DIR");
    };
    parquet_files(store, status, &dir)
}

#[cfg(feature = "parquet")]
fn parquet_files(store: &Store, status: &str, dir: &std::path::Path) -> Result<ExitCode> {
    let written = dateline_store::export_parquet(store, status, dir)
        .with_context(|| format!("exporting Parquet into {}", dir.display()))?;
    for (name, rows) in written {
        eprintln!("dateline: {rows} rows in {}", dir.join(name).display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(not(feature = "parquet"))]
fn parquet_files(_: &Store, _: &str, _: &std::path::Path) -> Result<ExitCode> {
    bail!("this dateline was built without Parquet export: build it with `cargo build --release --features parquet`")
}

pub fn check(db: DbArg) -> Result<ExitCode> {
    let store = match open(&db) {
        Ok(store) => store,
        // Damage that keeps the database from opening is the report, not a bare error.
        Err(e) => match e.downcast_ref::<dateline_store::Error>() {
            Some(dateline_store::Error::Open { reason, .. }) => {
                let mut out = std::io::stdout().lock();
                writeln!(out, "integrity ok: 0\nintegrity: {reason}")
                    .context("writing the report to standard output")?;
                return Ok(ExitCode::from(1));
            }
            _ => return Err(e),
        },
    };
    let mut rows = store.check()?;
    let ok = !rows
        .iter()
        .any(|(name, value)| Store::is_problem(name, *value));
    let findings = if ok {
        Vec::new()
    } else {
        store.integrity_findings()
    };
    // A damaged schema table cannot say its version: that is a finding, not a stop.
    rows.push((
        "schema version".into(),
        store.schema_version().unwrap_or(-1),
    ));
    let mut out = std::io::stdout().lock();
    for (name, value) in &rows {
        writeln!(out, "{name}: {value}").context("writing the report to standard output")?;
    }
    for finding in &findings {
        writeln!(out, "integrity: {finding}").context("writing the report to standard output")?;
    }
    out.flush()
        .context("writing the report to standard output")?;
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A `--limit`: a whole number of rows from 1 to a billion (SQLite counts in 64 bits; a larger
/// number is a typo, not a wish).
pub fn limit_arg(s: &str) -> std::result::Result<usize, String> {
    whole_number(s, 1, 1_000_000_000)
}

/// `--threads`: 1 to 1024 workers.
pub fn threads_arg(s: &str) -> std::result::Result<usize, String> {
    whole_number(s, 1, 1024)
}

fn whole_number(s: &str, min: usize, max: usize) -> std::result::Result<usize, String> {
    match s.trim().parse::<u128>() {
        Ok(n) if (min as u128..=max as u128).contains(&n) => Ok(n as usize),
        Ok(_) => Err(format!(
            "{s} is out of range: give a number from {min} to {max}"
        )),
        Err(_) => Err(format!("{s:?} is not a whole number")),
    }
}

/// A `--since`/`--until` date: a year, a month or a day as the records write them.
pub fn date_arg(s: &str) -> std::result::Result<String, String> {
    let bad = || format!("{s:?} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i32>().ok())
            .flatten()
    };
    let year = parts.first().and_then(|p| number(p, 4)).ok_or_else(bad)?;
    if let Some(month) = parts.get(1) {
        let month = number(month, 2)
            .filter(|m| (1..=12).contains(m))
            .ok_or_else(bad)?;
        if let Some(day) = parts.get(2) {
            let last = i32::from(dateline_core::calendar::days_in_month(year, month as u8));
            number(day, 2)
                .filter(|d| (1..=last).contains(d))
                .ok_or_else(bad)?;
        }
    }
    if parts.len() > 3 {
        return Err(bad());
    }
    Ok(s.to_string())
}

/// A `--kind` of figure: one the lexicon knows (KILL, WOUND, ...), any case.
pub fn figure_kind_arg(s: &str) -> std::result::Result<String, String> {
    one_of(s, dateline_lexicon::FIGURE_KINDS, "figure kind")
}

/// A `--type` of event: a PLOVER type, any case.
pub fn event_type_arg(s: &str) -> std::result::Result<String, String> {
    one_of(s, dateline_lexicon::PLOVER_TYPES, "event type")
}

/// `s` in capitals when it is one of `known`, else the error that lists them.
fn one_of(s: &str, known: &[&str], what: &str) -> std::result::Result<String, String> {
    let upper = s.to_uppercase();
    if known.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(format!("unknown {what} {s:?}: {}", known.join(", ")))
    }
}
