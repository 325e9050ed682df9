//! Gold readers and scorers for the evaluation sets in `../shared/data`. Each data set has one
//! module; [`evaluate`] runs one by name and returns its scores.

mod error;
mod extraction;
mod report;
mod score;

pub use error::{Error, Result};
pub use report::{markdown_table, text_table};
pub use score::{Counts, Score};

use std::path::Path;

/// Data sets `dateline eval` knows, in the order they run.
pub const DATASETS: &[&str] = &[
    "scrapinghub-article-extraction-benchmark",
    "trafilatura-eval-en",
];

/// Scores dateline on one data set found under `data_dir`.
pub fn evaluate(dataset: &str, data_dir: &Path, limit: Option<usize>) -> Result<Vec<Score>> {
    let dir = data_dir.join(dataset);
    if !dir.is_dir() {
        return Err(Error::MissingData(dir));
    }
    match dataset {
        "scrapinghub-article-extraction-benchmark" => extraction::scrapinghub(&dir, limit),
        "trafilatura-eval-en" => extraction::trafilatura_eval(&dir, limit),
        other => Err(Error::UnknownDataset(other.to_string())),
    }
}
