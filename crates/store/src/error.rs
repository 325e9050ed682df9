use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("record {id}: {reason}")]
    Record { id: String, reason: String },
    #[error("no actor matches {0:?} (try `dateline actors`)")]
    UnknownActor(String),
    #[error("the search {query:?} is not valid full-text syntax: {reason} (drop --raw to search for the words)")]
    SearchSyntax { query: String, reason: String },
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    pub fn open(path: &Path, source: rusqlite::Error) -> Self {
        Error::Open {
            path: path.to_path_buf(),
            source,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
