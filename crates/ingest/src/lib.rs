//! Ingestion: inputs (text, HTML, JSON Lines, gzip, directories, stdin) become documents with a
//! fixed text, metadata, boilerplate spans and a language. See ARCHITECTURE.md.

pub mod dates;
mod decode;
mod error;
mod feed;
pub mod html;
mod json;
mod lang;
pub mod plain;
mod reader;
mod text_date;
pub mod url_date;
mod warc;

pub use decode::{binary_reason, decode, normalize_newlines};
pub use error::{Error, Result};
pub use reader::{container_of, format_of, Container, Given, Item, RawItem, Reader};

use dateline_core::{Dateline, Document, PublishedBasis, Record, Source, Span, SCHEMA};

/// How an input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
}

/// Settings that apply to every input of a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// `--published`: overrides every other publication date.
    pub published: Option<String>,
    /// Inputs (and JSON lines) larger than this are skipped.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            published: None,
            max_bytes: 32 * 1024 * 1024,
        }
    }
}

/// What an input supplies before the text itself is looked at.
#[derive(Debug, Default)]
struct Supplied {
    id: Option<String>,
    title: Option<String>,
    published: Option<String>,
    url: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    crawled: Option<String>,
    summary_only: bool,
    notes: Vec<String>,
}

/// The items of a feed or web archive held in memory, as the reader yields them from a file
/// (for tests and fuzzing; files are streamed by `Reader`).
pub fn container_items(
    container: reader::Container,
    name: &str,
    bytes: &[u8],
    max_bytes: u64,
) -> Vec<Item> {
    match container {
        reader::Container::Feed => feed::items(name, "fuzz", bytes).into(),
        reader::Container::Warc => {
            let input: Box<dyn std::io::BufRead + Send> =
                Box::new(std::io::Cursor::new(bytes.to_vec()));
            let mut records =
                warc::Records::new(name.to_string(), "fuzz".into(), input, max_bytes, false);
            std::iter::from_fn(|| records.next()).collect()
        }
    }
}

/// Turns one raw item into a document ready for the extraction stages.
pub fn build_document(item: RawItem, opts: &Options) -> Result<Document> {
    let (text, supplied) = match item.format {
        Format::Jsonl => json::read_line(&item.origin, &item.bytes)?,
        Format::Text => {
            let d = decode(&item.origin, &item.bytes)?;
            (
                d.text,
                Supplied {
                    notes: d.note.into_iter().collect(),
                    ..Supplied::default()
                },
            )
        }
        Format::Html => {
            let d = decode(&item.origin, &item.bytes)?;
            let (body, mut s) = from_html(&d.text);
            s.notes.extend(d.note);
            (body, s)
        }
    };
    if text.trim().is_empty() {
        return Err(Error::Empty { input: item.origin });
    }
    let supplied = with_given(supplied, *item.given);
    let id = supplied.id.clone().unwrap_or(item.default_id);
    Ok(assemble(text, id, item.path, supplied, opts))
}

/// What a feed item states (id, title, url, date, outlet) stands above what its content's
/// markup says; a WARC record's url stands above the page's own, its fetch date only below
/// every other date.
fn with_given(mut s: Supplied, g: reader::Given) -> Supplied {
    s.id = g.id.or(s.id);
    s.title = g.title.or(s.title);
    s.url = g.url.or(s.url);
    s.published = g.published.or(s.published);
    s.outlet = g.outlet.or(s.outlet);
    s.author = g.author;
    s.crawled = g.crawled;
    s.summary_only = g.summary_only;
    s.notes.extend(g.notes);
    s
}

fn from_html(html: &str) -> (String, Supplied) {
    let a = html::read_html(html);
    let supplied = Supplied {
        title: a.title,
        published: a.published,
        url: a.url,
        outlet: a.outlet,
        notes: a.notes,
        ..Supplied::default()
    };
    (normalize_newlines(a.body), supplied)
}

fn assemble(
    text: String,
    id: String,
    path: Option<String>,
    s: Supplied,
    opts: &Options,
) -> Document {
    let meta = plain::scan(&text);
    let mut record = Record {
        schema: SCHEMA.to_string(),
        id,
        source: Source {
            path,
            url: s.url,
            outlet: s.outlet,
            author: s.author,
            summary_only: s.summary_only,
        },
        title: s.title.or(meta.title.clone()),
        boilerplate: meta.boilerplate.clone(),
        dateline: meta.dateline.clone(),
        ..Record::default()
    };
    for note in &s.notes {
        record.diagnose("ingest", note.clone());
    }
    settle_published(&mut record, opts, (s.published, s.crawled), &meta, &text);
    let mut excluded = meta.boilerplate.clone();
    excluded.extend(meta.dateline.as_ref().map(|d| d.span));
    record.text = text;
    let mut doc = Document::new(record, &excluded);
    set_language(&mut doc);
    doc
}

/// Publication date by trust: `--published`, supplied metadata, crawl header, a dateline with a
/// year, a date in the url, a date line near the top of the text. A dateline without a year
/// leaves the date empty and says so; nothing is guessed.
fn settle_published(
    record: &mut Record,
    opts: &Options,
    (supplied, crawled): (Option<String>, Option<String>),
    meta: &plain::TextMeta,
    text: &str,
) {
    let header = meta.header.as_ref().map(|(_, d)| d.clone());
    let (published, basis) = if let Some(p) = &opts.published {
        (Some(p.clone()), PublishedBasis::Argument)
    } else if let Some(p) = supplied {
        (Some(p), PublishedBasis::Metadata)
    } else if let Some(h) = header {
        (Some(h), PublishedBasis::Header)
    } else if let Some(d) = &meta.dateline_date {
        (Some(d.clone()), PublishedBasis::Dateline)
    } else if let Some(d) = record
        .source
        .url
        .as_deref()
        .and_then(url_date::date_from_url)
    {
        (Some(d), PublishedBasis::Url)
    } else if let Some(d) = text_date::date_line(text) {
        (Some(d), PublishedBasis::Text)
    } else if let Some(d) = crawled {
        (Some(d), PublishedBasis::Crawl)
    } else if meta
        .dateline
        .as_ref()
        .is_some_and(|d| d.month_day.is_some())
    {
        (None, PublishedBasis::DatelineWithoutYear)
    } else {
        (None, PublishedBasis::None)
    };
    record.published = published;
    record.published_basis = basis;
    check_dateline_agrees(record);
}

fn check_dateline_agrees(record: &mut Record) {
    let Some(Dateline {
        month_day: Some(md),
        ..
    }) = record.dateline.clone()
    else {
        return;
    };
    match &record.published {
        None => record.diagnose(
            "ingest",
            format!("dateline gives {md} but nothing states the year; publication date left empty"),
        ),
        Some(p) if p.len() >= 10 && p[4..10] != md[1..] => record.diagnose(
            "ingest",
            format!("dateline gives {md} but the publication date is {p}"),
        ),
        _ => {}
    }
}

fn set_language(doc: &mut Document) {
    let mut sample = String::new();
    for r in &doc.regions {
        sample.push_str(r.slice(&doc.record.text));
        sample.push(' ');
        if sample.len() > 2000 {
            break;
        }
    }
    let cut = floor_char_boundary(&sample, 2000);
    let (language, _) = lang::identify(&sample[..cut]);
    if language != "en" {
        doc.record.diagnose(
            "language",
            format!("language is {language}, not English; English extraction skipped"),
        );
    }
    doc.record.language = language;
}

/// The largest char boundary at or below `i`.
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    (0..=i).rev().find(|&j| s.is_char_boundary(j)).unwrap_or(0)
}

/// Checks a `--published` value and returns it as ISO.
pub fn parse_published_arg(value: &str) -> Result<String> {
    dates::parse_date(value).ok_or_else(|| Error::BadDate {
        input: "--published".to_string(),
        value: value.to_string(),
        reason: "expected a calendar date such as 2024-01-23".to_string(),
    })
}

/// The article ids the record spans point at are valid: used by tests and debug checks.
pub fn spans_valid(doc: &Document) -> bool {
    let text = &doc.record.text;
    let r = &doc.record;
    r.sentences
        .iter()
        .chain(&r.boilerplate)
        .chain(&doc.regions)
        .all(|s| s.is_valid_in(text))
        && r.dateline
            .as_ref()
            .is_none_or(|d: &Dateline| d.span.is_valid_in(text))
        && doc
            .tokens
            .iter()
            .all(|t| Span(t.start, t.end).is_valid_in(text))
}

/// Every annotation points into the text on character boundaries (entity mentions, times,
/// figures and their evidence, quotations, events, stances), and every entity an annotation
/// names is in the record.
pub fn annotations_valid(r: &dateline_core::Record) -> bool {
    let text = &r.text;
    let ok = |s: &dateline_core::Span| s.is_valid_in(text);
    let known = |id: &String| r.entities.iter().any(|e| &e.id == id);
    r.entities.iter().all(|e| e.mentions.iter().all(ok))
        && r.times.iter().all(|t| ok(&t.span))
        && r.figures.iter().all(|f| ok(&f.span) && ok(&f.evidence))
        && r.quotes
            .iter()
            .all(|q| ok(&q.span) && q.speaker.as_ref().is_none_or(known))
        && r.events
            .iter()
            .all(|e| ok(&e.span) && e.actors.iter().chain(&e.recipients).all(known))
        && r.stances.iter().all(|s| ok(&s.span) && known(&s.actor))
}

#[cfg(test)]
mod published_tests {
    use super::*;

    fn published(line: &str) -> (Option<String>, PublishedBasis) {
        let item = RawItem {
            origin: "test".into(),
            path: None,
            format: Format::Jsonl,
            bytes: line.as_bytes().to_vec(),
            default_id: "test".into(),
            given: Box::default(),
        };
        let doc = build_document(item, &Options::default()).unwrap();
        (doc.record.published, doc.record.published_basis)
    }

    #[test]
    fn the_url_then_a_date_line_when_nothing_better_says() {
        let url = r#"{"id":"a","url":"https://x.com/world/2021/03/03/ferry","text":"A ferry sank off the coast on Wednesday, officials said."}"#;
        assert_eq!(
            published(url),
            (Some("2021-03-03".into()), PublishedBasis::Url)
        );
        let line = r#"{"id":"b","text":"Ferry sinks\nNorpress, March 4, 2021\nA ferry sank off the coast on Wednesday, officials said."}"#;
        assert_eq!(
            published(line),
            (Some("2021-03-04".into()), PublishedBasis::Text)
        );
        let both = r#"{"id":"c","url":"https://x.com/2021/03/03/ferry","published":"2021-03-05","text":"Norpress, March 4, 2021\nA ferry sank."}"#;
        assert_eq!(
            published(both),
            (Some("2021-03-05".into()), PublishedBasis::Metadata)
        );
    }
}
