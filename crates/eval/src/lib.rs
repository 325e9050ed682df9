//! Gold readers and scorers for the evaluation sets in `../shared/data`. Each data set has one
//! module; [`evaluate`] runs one by name and returns its scores.

mod dates;
mod error;
mod events;
mod extraction;
mod figures;
mod floors;
mod meantime;
mod report;
mod run;
mod score;
mod spans;
mod tempeval;
mod xml;

pub use error::{Error, Result};
pub use floors::{check_floors, read_floors, Floor};
pub use report::{markdown_table, quality_page, text_table};
pub use score::{Counts, Score};

use std::path::{Path, PathBuf};

/// Data sets `dateline eval` knows, in the order they run.
pub const DATASETS: &[&str] = &[
    "scrapinghub-article-extraction-benchmark",
    "trafilatura-eval-en",
    "htmldate-eval-mediacloud2020",
    "tempeval3-platinum",
    "meantime-en",
    "plover-gsr",
    "petrarch2-validation",
    "ucdp-ged",
];

/// Scores dateline on one data set found under `data_dir`.
/// Settings of one evaluation run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Score only the first N items of each data set.
    pub limit: Option<usize>,
    /// MEANTIME: another system's entity predictions (JSON Lines of `{"id", "entities": [{"span",
    /// "label"}]}`, byte spans into the exported texts) to score beside dateline's.
    pub peer_entities: Option<(String, PathBuf)>,
    /// MEANTIME: write the texts dateline analyses (`{"id", "text"}` per line) to this file, so a
    /// peer can be run on exactly the same input.
    pub export_texts: Option<PathBuf>,
}

pub fn evaluate(dataset: &str, data_dir: &Path, options: &Options) -> Result<Vec<Score>> {
    let limit = options.limit;
    let dir = data_dir.join(dataset);
    if !dir.is_dir() {
        return Err(Error::MissingData(dir));
    }
    match dataset {
        "scrapinghub-article-extraction-benchmark" => extraction::scrapinghub(&dir, limit),
        "trafilatura-eval-en" => {
            let mut scores = extraction::trafilatura_eval(&dir, limit)?;
            scores.push(dates::trafilatura_dates(&dir, limit)?);
            Ok(scores)
        }
        "htmldate-eval-mediacloud2020" => dates::htmldate(&dir, limit),
        "tempeval3-platinum" => tempeval::tempeval3(&dir, limit),
        "meantime-en" => meantime::meantime(&dir, options),
        "plover-gsr" => events::plover(&dir, limit),
        "petrarch2-validation" => events::petrarch(&dir, limit),
        "ucdp-ged" => figures::ucdp(&dir, limit),
        other => Err(Error::UnknownDataset(other.to_string())),
    }
}
