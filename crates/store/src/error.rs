use std::path::{Path, PathBuf};
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("cannot open the database {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    /// SQLite's reason, said once (not a source: its own source repeats the same words).
    #[error("database: {}", sql_reason(.0))]
    Sql(rusqlite::Error),
    #[error("record {id}: {reason}")]
    Record { id: String, reason: String },
    #[error("no actor matches {0:?} (try `dateline actors`)")]
    UnknownActor(String),
    #[error("the search {query:?} is not valid full-text syntax: {reason} (drop --raw to search for the words)")]
    SearchSyntax { query: String, reason: String },
    #[error("writing: {0}")]
    Io(#[from] std::io::Error),
    #[error("{path} is not a dateline corpus ({what}); left untouched")]
    NotOurs { path: PathBuf, what: String },
    #[error("{path} is damaged ({detail}); run `dateline check --db {path}` for a report, and restore it or ingest into a new file")]
    Corrupt { path: PathBuf, detail: String },
}

impl Error {
    /// SQLite's reason in words, once (its error repeats the text in its source chain), with
    /// what to do where that is clear.
    pub fn open(path: &Path, source: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{CannotOpen, DatabaseBusy, DatabaseLocked, ReadOnly};
        let hint = match source.sqlite_error_code() {
            Some(CannotOpen | ReadOnly) => {
                " (read-only media or a folder without write permission? queries can still read it)"
            }
            Some(DatabaseBusy | DatabaseLocked) => {
                " (another program, perhaps another dateline ingest, is writing to it)"
            }
            _ => "",
        };
        let reason = match &source {
            rusqlite::Error::SqliteFailure(e, Some(message)) if message != &e.to_string() => {
                format!("{message}{hint}")
            }
            rusqlite::Error::SqliteFailure(e, _) => format!("{e}{hint}"),
            other => format!("{other}{hint}"),
        };
        Error::Open {
            path: path.to_path_buf(),
            reason,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sql(e)
    }
}

/// The words of an SQLite error without the code number SQLite's own error appends.
fn sql_reason(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        rusqlite::Error::SqliteFailure(code, None) => code.to_string(),
        other => other.to_string(),
    }
}

pub type Result<T> = std::result::Result<T, Error>;
