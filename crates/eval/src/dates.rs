//! Publication dates from HTML: the htmldate "mediacloud 2020" pages (multilingual) and the gold
//! dates of trafilatura's English evaluation pages.

use crate::error::{read_file, read_json};
use crate::score::Counts;
use crate::{Result, Score};
use dateline_ingest::html::read_html;
use serde_json::Value;
use std::path::Path;

pub fn htmldate(dir: &Path, limit: Option<usize>) -> Result<Vec<Score>> {
    let score = score_dates(
        dir,
        "eval_mediacloud_2020.json",
        "htmldate-eval-mediacloud2020",
        limit,
        false,
    )?;
    Ok(vec![score])
}

/// Gold dates of trafilatura's English pages (entries that carry one).
pub fn trafilatura_dates(dir: &Path, limit: Option<usize>) -> Result<Score> {
    score_dates(dir, "evaldata-en.json", "trafilatura-eval-en", limit, true)
}

/// Scores the dates read from the pages a gold file lists (`{key: {"file", "date"}}`); with
/// `dated_only`, pages without a gold date are left out.
fn score_dates(
    dir: &Path,
    gold_file: &str,
    dataset: &str,
    limit: Option<usize>,
    dated_only: bool,
) -> Result<Score> {
    let gold = read_json(&dir.join(gold_file))?;
    let pages: Vec<Page> = sorted_entries(&gold, limit)
        .into_iter()
        .filter_map(|(url, e)| {
            let date = e["date"].as_str().map(str::to_string);
            (!dated_only || date.is_some()).then_some(())?;
            Some(Page {
                file: format!("{}.gz", e["file"].as_str()?),
                url: url.clone(),
                want: date,
            })
        })
        .collect();
    let counts = score_pages(&dir.join("html"), &pages)?;
    Ok(date_line(
        dataset,
        "publication date (exact day)",
        pages.len(),
        counts,
    ))
}

/// The entries of a gold object in key order, the first `limit` of them.
pub fn sorted_entries(gold: &Value, limit: Option<usize>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = gold.as_object().into_iter().flatten().collect();
    entries.sort_by_key(|(k, _)| *k);
    entries.truncate(limit.unwrap_or(usize::MAX));
    entries
}

/// A page of a gold file: where it was fetched from (the gold's key) and its date.
struct Page {
    file: String,
    url: String,
    want: Option<String>,
}

/// A found date that equals the gold is a true positive; a wrong or spurious date a false
/// positive; a gold date not found (or wrong) a false negative. As in `dateline analyze`, the
/// page's metadata comes first and a date in the address it was fetched from second.
fn score_pages(html_dir: &Path, pages: &[Page]) -> Result<Counts> {
    let mut c = Counts::default();
    for Page { file, url, want } in pages {
        let html = read_file(&html_dir.join(file))?;
        let got = read_html(&String::from_utf8_lossy(&html))
            .published
            .or_else(|| dateline_ingest::url_date::date_from_url(url).filter(|d| d.len() == 10));
        match (got, want) {
            (Some(g), Some(w)) if &g == w => c.tp += 1.0,
            (Some(_), Some(_)) => {
                c.fp += 1.0;
                c.fn_ += 1.0;
            }
            (Some(_), None) => c.fp += 1.0,
            (None, Some(_)) => c.fn_ += 1.0,
            (None, None) => {}
        }
    }
    Ok(c)
}

fn date_line(dataset: &str, metric: &str, pages: usize, c: Counts) -> Score {
    Score {
        dataset: dataset.to_string(),
        metric: metric.to_string(),
        items: pages,
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
        anchor: None,
        note: format!("{} correct of {pages} pages", c.tp),
    }
}
