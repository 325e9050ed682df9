//! The corpus store: articles with their records in an embedded SQLite database (created and
//! migrated by dateline itself), full-text search (FTS5), near-duplicate clusters (MinHash/LSH),
//! corpus entities merged by key, events merged across reports, and the queries and exports
//! built on them. Each ingest batch is one transaction, so a killed ingest leaves the database
//! as it was after the last whole batch, and the next run stores what is missing.

mod corpus;
mod error;
mod export;
mod hashing;
mod minhash;
mod query;
mod schema;

pub use error::{Error, Result};
pub use export::{export, ExportFormat};
pub use query::{Filters, Table};

use dateline_core::Record;
use rusqlite::Connection;
use std::path::Path;

/// An open corpus database.
pub struct Store {
    conn: Connection,
}

/// What one ingest batch did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchReport {
    pub stored: usize,
    pub already_stored: usize,
    /// Articles already stored with less metadata, which this batch's copy replaced.
    pub replaced: usize,
    pub near_duplicates: usize,
}

impl Store {
    /// Opens (creating and migrating when needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| Error::open(path, e))?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        )
        .map_err(|e| Error::open(path, e))?;
        let mut store = Store { conn };
        schema::migrate(&mut store.conn).map_err(|e| Error::open(path, e))?;
        Ok(store)
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT MAX(version) FROM schema_version", [], |r| r.get(0))?)
    }

    /// Stores a batch of records in one transaction. Records need their `text`.
    pub fn ingest(&mut self, records: &[Record]) -> Result<BatchReport> {
        let tx = self.conn.transaction()?;
        let mut report = BatchReport::default();
        for record in records {
            match corpus::add_article(&tx, record)? {
                corpus::Added::Stored { near_duplicate } => {
                    report.stored += 1;
                    report.near_duplicates += usize::from(near_duplicate);
                }
                corpus::Added::AlreadyStored => report.already_stored += 1,
                corpus::Added::Replaced => report.replaced += 1,
            }
        }
        tx.commit()?;
        Ok(report)
    }

    /// Integrity and consistency: SQLite's own check, and every index row pointing at a stored
    /// article. Returns counts of articles, entities, events and problems found.
    pub fn check(&self) -> Result<Vec<(String, i64)>> {
        let integrity: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let mut out = vec![("integrity ok".to_string(), i64::from(integrity == "ok"))];
        for (name, sql) in [
            ("articles", "SELECT COUNT(*) FROM articles"),
            ("entities", "SELECT COUNT(*) FROM entities"),
            ("events", "SELECT COUNT(*) FROM events"),
            ("event mentions", "SELECT COUNT(*) FROM event_mentions"),
            ("orphan event mentions", "SELECT COUNT(*) FROM event_mentions WHERE article NOT IN (SELECT id FROM articles)"),
            ("orphan figures", "SELECT COUNT(*) FROM figures WHERE article NOT IN (SELECT id FROM articles)"),
            ("events without mentions", "SELECT COUNT(*) FROM events WHERE id NOT IN (SELECT event FROM event_mentions)"),
            ("articles without signature", "SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article FROM signatures)"),
            ("search rows", "SELECT COUNT(*) FROM articles_fts"),
            ("actor counts out of step", "SELECT COUNT(*) FROM entities n WHERE n.articles <> (SELECT COUNT(*) FROM entity_mentions m WHERE m.entity = n.id) OR n.mentions <> (SELECT COALESCE(SUM(m.mentions), 0) FROM entity_mentions m WHERE m.entity = n.id)"),
        ] {
            out.push((name.to_string(), self.conn.query_row(sql, [], |r| r.get(0))?));
        }
        Ok(out)
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
