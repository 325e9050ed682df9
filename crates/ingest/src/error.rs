use std::path::PathBuf;
use thiserror::Error;

/// Why an input could not become a document. Every variant names the input.
#[derive(Debug, Error)]
pub enum Error {
    #[error("{input}: cannot read: {source}")]
    Io {
        input: String,
        source: std::io::Error,
    },
    #[error("{input}: binary file ({reason}), skipped")]
    Binary { input: String, reason: String },
    #[error("{input}: empty, skipped")]
    Empty { input: String },
    #[error("{input}: {size} bytes is over the {limit}-byte limit (--max-bytes), skipped")]
    TooLarge {
        input: String,
        size: u64,
        limit: u64,
    },
    #[error("{input}: malformed JSON: {reason}")]
    Json { input: String, reason: String },
    #[error("{input}: no article text (expected a \"text\", \"body\" or \"html\" field)")]
    NoText { input: String },
    #[error("{input}: not a gzip stream: {source}")]
    Gzip {
        input: String,
        source: std::io::Error,
    },
    #[error("{0}: no such file or directory")]
    Missing(PathBuf),
    #[error("{input}: {kind}, not a regular file, skipped")]
    NotRegular { input: String, kind: &'static str },
    #[error("{input}: directory already walked (a symbolic link back into the walk), skipped")]
    WalkedTwice { input: String },
    #[error("{input}: {reason}")]
    Feed { input: String, reason: String },
    #[error("{input}: {reason}")]
    Warc { input: String, reason: String },
    #[error("{input}: HTTP status {status}, no page, skipped")]
    NoPage { input: String, status: u16 },
    #[error("{input}: not HTML ({content_type}), skipped")]
    NotHtml { input: String, content_type: String },
    #[error("{input}: bad date {value:?}: {reason}")]
    BadDate {
        input: String,
        value: String,
        reason: String,
    },
}

impl Error {
    /// A short reason class for the run summary ("binary", "malformed JSON", ...).
    pub fn class(&self) -> &'static str {
        match self {
            Error::Io { .. } | Error::Missing(_) => "unreadable",
            Error::NotRegular { .. } => "not a regular file",
            Error::WalkedTwice { .. } => "walked twice",
            Error::Binary { .. } => "binary",
            Error::Empty { .. } => "empty",
            Error::TooLarge { .. } => "too large",
            Error::Json { .. } => "malformed JSON",
            Error::NoText { .. } => "no text",
            Error::Gzip { .. } => "bad gzip",
            Error::BadDate { .. } => "bad date",
            Error::Feed { .. } => "feed",
            Error::Warc { .. } => "bad WARC record",
            Error::NotHtml { .. } => "not HTML",
            Error::NoPage { .. } => "HTTP error page",
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
