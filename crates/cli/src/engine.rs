//! Parallel analysis with output in input order and bounded memory: a reader thread feeds
//! workers through a bounded queue, and a fixed number of permits caps how many articles are in
//! flight (read but not yet written), so one slow article never lets the reorder buffer grow.

use dateline_core::Record;
use dateline_ingest::{build_document, Item, Options};
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

/// What one input became.
pub enum Outcome {
    /// The record written out as the sink asked (JSON or CoNLL-U), by the worker thread.
    Rendered {
        id: String,
        text: String,
        english: bool,
    },
    /// The record itself, for sinks that store it (`ingest`): no JSON in between.
    Analysed(Box<Record>),
    Skipped(dateline_ingest::Error),
    Ignored(PathBuf),
}

/// What the workers hand the sink for each analysed article.
#[derive(Clone, Copy)]
pub enum Render {
    /// A JSON record; with `no_text` the text is left out (spans still refer to it).
    Json { pretty: bool, no_text: bool },
    /// CoNLL-U sentences (`dateline tag`).
    Conllu,
    /// The typed record.
    Typed,
    /// The human digest `analyze` prints on a terminal.
    Digest(crate::digest::Layout),
}

impl Render {
    /// Compact JSON with the text, as `analyze` writes by default.
    pub const JSON: Render = Render::Json {
        pretty: false,
        no_text: false,
    };
}

pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Reads, analyses and hands every outcome to `sink` in input order. When the sink breaks
/// (its output failed: a full disk, a closed pipe, a locked database), reading and analysis stop
/// at once: no more input is read and no article in flight is analysed further.
pub fn run(
    reader: impl Iterator<Item = Item> + Send,
    options: &Options,
    render: Render,
    threads: usize,
    mut sink: impl FnMut(Outcome) -> ControlFlow<()>,
) {
    let in_flight = threads * 32;
    let (permit_tx, permit_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = permit_tx.send(());
    }
    let (work_tx, work_rx) = sync_channel::<(u64, Item)>(threads * 4);
    let (done_tx, done_rx) = sync_channel::<(u64, Outcome)>(threads * 4);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let pipeline = if matches!(render, Render::Conllu) {
        dateline_extract::pipeline_parsing_everything()
    } else {
        dateline_extract::pipeline()
    };
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let stop = &stop;
        scope.spawn(move || {
            for (seq, item) in reader.enumerate() {
                if stop.load(Ordering::Relaxed)
                    || permit_rx.recv().is_err()
                    || work_tx.send((seq as u64, item)).is_err()
                {
                    break;
                }
            }
        });
        for _ in 0..threads {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let pipeline = &pipeline;
            scope.spawn(move || worker(&work_rx, &done_tx, pipeline, options, render, stop));
        }
        // Only the workers hold the work queue now, so the reader's send fails once they end.
        drop(work_rx);
        drop(done_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        'outcomes: for (seq, outcome) in done_rx {
            pending.insert(seq, outcome);
            while let Some(outcome) = pending.remove(&next) {
                if sink(outcome).is_break() {
                    stop.store(true, Ordering::Relaxed);
                    break 'outcomes;
                }
                next += 1;
                let _ = permit_tx.send(());
            }
        }
        // Leaving the loop dropped the results queue: a worker's next send fails and it ends;
        // without permits the reader ends too.
        drop(permit_tx);
    });
}

fn worker(
    work_rx: &Mutex<Receiver<(u64, Item)>>,
    done_tx: &std::sync::mpsc::SyncSender<(u64, Outcome)>,
    pipeline: &dateline_core::Pipeline,
    options: &Options,
    render: Render,
    stop: &AtomicBool,
) {
    loop {
        let next = match work_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, item)) = next else { return };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let outcome = process(item, pipeline, options, render);
        if done_tx.send((seq, outcome)).is_err() {
            return;
        }
    }
}

pub fn process(
    item: Item,
    pipeline: &dateline_core::Pipeline,
    options: &Options,
    render: Render,
) -> Outcome {
    let raw = match item {
        Item::Article(raw) => raw,
        Item::Skipped(e) => return Outcome::Skipped(e),
        Item::Ignored(p) => return Outcome::Ignored(p),
    };
    let mut doc = match build_document(raw, options) {
        Ok(doc) => doc,
        Err(e) => return Outcome::Skipped(e),
    };
    dateline_extract::analyze(pipeline, &mut doc);
    let english = doc.record.language == "en";
    let id = doc.record.id.clone();
    let text = match render {
        Render::Typed => return Outcome::Analysed(Box::new(doc.record)),
        Render::Conllu => crate::conllu::render(&doc),
        Render::Json { pretty, no_text } => to_json(doc.record, pretty, no_text),
        Render::Digest(layout) => crate::digest::render(&doc.record, layout),
    };
    Outcome::Rendered { id, text, english }
}

/// Serialises a record; with `no_text` the text is left out (spans still refer to it).
pub fn to_json(mut record: Record, pretty: bool, no_text: bool) -> String {
    if no_text {
        record.text.clear();
    }
    let result = if pretty {
        serde_json::to_string_pretty(&record)
    } else {
        serde_json::to_string(&record)
    };
    // Records hold only strings, numbers and arrays, which always serialise.
    result.unwrap_or_else(|e| format!("{{\"id\":{:?},\"error\":{:?}}}", record.id, e.to_string()))
}
