//! The corpus store: articles with their records in an embedded SQLite database (created and
//! migrated by dateline itself), full-text search (FTS5), near-duplicate clusters (MinHash/LSH),
//! corpus entities merged by key, events merged across reports, and the queries and exports
//! built on them. Each ingest batch is one transaction, so a killed ingest leaves the database
//! as it was after the last whole batch, and the next run stores what is missing.

/// How many outlets report event `e`: distinct outlet keys of its articles (`outlets`), the
/// file or record for an article stored before the keys were kept. One expression for the
/// query rows and the exports, so both count alike.
macro_rules! event_sources {
    () => {
        "(SELECT COUNT(DISTINCT COALESCE(a.source, a.outlet, a.path, a.record_id)) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id)"
    };
}

mod corpus;
mod error;
mod export;
mod geo;
mod gkg;
mod hashing;
mod identity;
mod matching;
mod minhash;
mod outlets;
#[cfg(feature = "parquet")]
mod parquet_export;
mod query;
mod schema;

pub use error::{Error, Result};
pub use export::{export, ExportFormat, Exported};
#[cfg(feature = "parquet")]
pub use parquet_export::export_parquet;
pub use query::{Filters, Narrowing, Table, FACET_MATCHES};

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
    /// Opens the database at `path` for writing, creating and migrating it when needed. A file
    /// that is not a dateline database (another program's SQLite file, or no SQLite file at all)
    /// is refused untouched.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| Error::open(path, e))?;
        // Wait a little for another writer, then say the database is locked.
        conn.busy_timeout(std::time::Duration::from_secs(2))
            .map_err(|e| Error::open(path, e))?;
        schema::claim(&conn, path)?;
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        )
        .map_err(|e| Error::open(path, e))?;
        let mut store = Store { conn };
        schema::migrate(&mut store.conn).map_err(|e| Error::open(path, e))?;
        Ok(store)
    }

    /// Opens an existing database for reading only, so queries work on read-only media and
    /// never change the file. A database made by an older dateline is brought up to date first
    /// when it can be written.
    pub fn open_read(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| Error::open(path, e))?;
        let conn = match schema::claim(&conn, path) {
            Ok(()) => conn,
            // A WAL database on read-only media cannot make its shared-memory file; opened as
            // immutable it is read as it stands.
            Err(Error::Open { .. }) => {
                let uri = format!("file:{}?immutable=1", uri_path(path));
                let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                    .map_err(|e| Error::open(path, e))?;
                schema::claim(&conn, path)?;
                conn
            }
            Err(other) => return Err(other),
        };
        if schema::is_empty(&conn).map_err(|e| Error::open(path, e))? {
            return Err(Error::NotOurs {
                path: path.to_path_buf(),
                what: "an empty database: nothing was ingested into it".into(),
            });
        }
        if schema::outdated(&conn).map_err(|e| Error::open(path, e))? {
            drop(conn);
            let store = Store::open(path)?;
            drop(store);
            return Store::open_read(path);
        }
        Ok(Store { conn })
    }

    /// Fails unless SQLite's quick check passes and the database takes a write lock now: what
    /// `ingest` makes sure of before it analyses anything.
    pub fn ready_to_write(&self, path: &Path) -> Result<()> {
        let verdict: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| Error::open(path, e))?;
        if verdict != "ok" {
            return Err(Error::Corrupt {
                path: path.to_path_buf(),
                detail: verdict,
            });
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE; COMMIT;")
            .map_err(|e| Error::open(path, e))
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

    /// Integrity and consistency: SQLite's own check, every row that points at an article,
    /// entity or event pointing at a stored one, every text matching its content hash and
    /// every stored record parsing. Returns (what, count) pairs; a check the database cannot
    /// answer (a damaged page) is a finding too, `<what> unreadable` with count -1, and
    /// `problems` lists what was found, in words.
    pub fn check(&self) -> Result<Vec<(String, i64)>> {
        let mut out = Vec::new();
        let integrity_ok = self.integrity_findings().is_empty();
        out.push(("integrity ok".to_string(), i64::from(integrity_ok)));
        let counts = [
            ("articles", "SELECT COUNT(*) FROM articles"),
            ("entities", "SELECT COUNT(*) FROM entities"),
            ("events", "SELECT COUNT(*) FROM events"),
            ("event mentions", "SELECT COUNT(*) FROM event_mentions"),
            ("search rows", "SELECT COUNT(*) FROM articles_fts"),
        ];
        let orphans = [
            ("orphan entity mentions", "SELECT COUNT(*) FROM entity_mentions WHERE article NOT IN (SELECT id FROM articles) OR entity NOT IN (SELECT id FROM entities)"),
            ("orphan event mentions", "SELECT COUNT(*) FROM event_mentions WHERE article NOT IN (SELECT id FROM articles) OR event NOT IN (SELECT id FROM events)"),
            ("orphan event participants", "SELECT COUNT(*) FROM event_participants WHERE event NOT IN (SELECT id FROM events) OR entity NOT IN (SELECT id FROM entities)"),
            ("orphan figures", "SELECT COUNT(*) FROM figures WHERE article NOT IN (SELECT id FROM articles) OR (event IS NOT NULL AND event NOT IN (SELECT id FROM events))"),
            ("orphan quotes", "SELECT COUNT(*) FROM quotes WHERE article NOT IN (SELECT id FROM articles) OR (speaker IS NOT NULL AND speaker NOT IN (SELECT id FROM entities))"),
            ("orphan stances", "SELECT COUNT(*) FROM stances WHERE article NOT IN (SELECT id FROM articles) OR entity NOT IN (SELECT id FROM entities)"),
            ("orphan signatures", "SELECT COUNT(*) FROM signatures WHERE article NOT IN (SELECT id FROM articles)"),
            ("events without mentions", "SELECT COUNT(*) FROM events WHERE id NOT IN (SELECT event FROM event_mentions)"),
            ("articles without signature", "SELECT COUNT(*) FROM articles WHERE id NOT IN (SELECT article FROM signatures)"),
            ("actor counts out of step", "SELECT COUNT(*) FROM entities n WHERE n.articles <> (SELECT COUNT(*) FROM entity_mentions m WHERE m.entity = n.id) OR n.mentions <> (SELECT COALESCE(SUM(m.mentions), 0) FROM entity_mentions m WHERE m.entity = n.id)"),
        ];
        for (name, sql) in counts.iter().chain(&orphans) {
            match self.conn.query_row(sql, [], |r| r.get::<_, i64>(0)) {
                Ok(n) => out.push((name.to_string(), n)),
                Err(_) => out.push((format!("{name} unreadable"), -1)),
            }
        }
        match self.article_problems() {
            Ok((hashes, records)) => {
                out.push(("texts not matching their hash".to_string(), hashes));
                out.push(("records that do not parse".to_string(), records));
            }
            Err(_) => out.push(("articles unreadable".to_string(), -1)),
        }
        Ok(out)
    }

    /// Whether a (what, count) pair of `check` is a problem: integrity not ok, a check that
    /// could not be read, or any orphan, mismatch or unparsable record.
    pub fn is_problem(what: &str, count: i64) -> bool {
        const TOTALS: &[&str] = &[
            "articles",
            "entities",
            "events",
            "event mentions",
            "search rows",
        ];
        match what {
            "integrity ok" => count != 1,
            _ if TOTALS.contains(&what) => count < 0,
            _ => count != 0,
        }
    }

    /// SQLite's own findings when its integrity check fails, in its words (at most 20).
    pub fn integrity_findings(&self) -> Vec<String> {
        match self
            .conn
            .prepare("PRAGMA integrity_check(20)")
            .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
        {
            Ok(lines) if lines == ["ok"] => Vec::new(),
            Ok(lines) => lines,
            Err(e) => vec![e.to_string()],
        }
    }

    /// Articles whose text no longer matches its content hash, and whose stored record is not
    /// a record any more (a damaged page can leave both readable but wrong).
    fn article_problems(&self) -> rusqlite::Result<(i64, i64)> {
        let mut stmt = self
            .conn
            .prepare("SELECT hash, text, record FROM articles")?;
        let mut rows = stmt.query([])?;
        let (mut hashes, mut records) = (0, 0);
        while let Some(row) = rows.next()? {
            let hash: String = row.get(0)?;
            let text: String = row.get(1).unwrap_or_default();
            if hashing::content_hash(&text) != hash {
                hashes += 1;
            }
            let record: String = row.get(2).unwrap_or_default();
            if serde_json::from_str::<Record>(&record).is_err() {
                records += 1;
            }
        }
        Ok((hashes, records))
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// A path as the path part of an SQLite `file:` URI (`?` and `#` would end it).
fn uri_path(path: &Path) -> String {
    path.to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dateline-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn record(id: &str, text: &str) -> Record {
        Record {
            id: id.into(),
            text: text.into(),
            language: "en".into(),
            ..Record::default()
        }
    }

    #[test]
    fn another_programs_file_is_refused_untouched() {
        let dir = scratch("foreign");
        let foreign = dir.join("notes.db");
        {
            let conn = Connection::open(&foreign).unwrap();
            conn.execute_batch("CREATE TABLE notes(x); INSERT INTO notes VALUES (1);")
                .unwrap();
        }
        let not_sqlite = dir.join("words.db");
        std::fs::write(
            &not_sqlite,
            "these are words, not a database, and long enough to tell",
        )
        .unwrap();
        for path in [&foreign, &not_sqlite] {
            let before = std::fs::read(path).unwrap();
            for result in [Store::open(path).err(), Store::open_read(path).err()] {
                let message = result.expect("refused").to_string();
                assert!(message.contains("is not a dateline corpus"), "{message}");
            }
            assert_eq!(std::fs::read(path).unwrap(), before, "{}", path.display());
        }
        // An empty file is a new corpus to ingest into, but nothing to query.
        let empty = dir.join("empty.db");
        std::fs::write(&empty, "").unwrap();
        assert!(Store::open_read(&empty).is_err());
        assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
        let store = Store::open(&empty).unwrap();
        let id: i64 = store
            .connection()
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(id, schema::APPLICATION_ID);
    }

    #[test]
    fn check_finds_changed_texts_broken_records_and_orphans() {
        let dir = scratch("check");
        let path = dir.join("c.db");
        let mut store = Store::open(&path).unwrap();
        store
            .ingest(&[
                record("k1", "Talks resumed in Kampala on Monday."),
                record("k2", "Talks ended in Nairobi on Friday."),
            ])
            .unwrap();
        let problems = |store: &Store| -> Vec<(String, i64)> {
            store
                .check()
                .unwrap()
                .into_iter()
                .filter(|(what, n)| Store::is_problem(what, *n))
                .collect()
        };
        assert_eq!(problems(&store), vec![]);
        store
            .connection()
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 UPDATE articles SET text = 'Talks resumed in Entebbe on Monday.' WHERE record_id = 'k1';
                 UPDATE articles SET record = substr(record, 2) WHERE record_id = 'k2';
                 INSERT INTO quotes(article, speaker, text, direct) VALUES (99, NULL, 'x', 1);",
            )
            .unwrap();
        let found = problems(&store);
        for expected in [
            ("texts not matching their hash", 1),
            ("records that do not parse", 1),
            ("orphan quotes", 1),
        ] {
            assert!(
                found.contains(&(expected.0.to_string(), expected.1)),
                "{expected:?} in {found:?}"
            );
        }
        let mut out = Vec::new();
        let err = export::export(&store, ExportFormat::Jsonl, "occurred", &mut out).unwrap_err();
        assert!(err.to_string().contains("k2"), "{err}");
    }

    #[test]
    fn a_locked_database_is_reported_within_seconds() {
        let dir = scratch("locked");
        let path = dir.join("l.db");
        Store::open(&path).unwrap();
        let holder = Connection::open(&path).unwrap();
        holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
        let started = std::time::Instant::now();
        let store = Store::open(&path).unwrap();
        let err = store.ready_to_write(&path).unwrap_err().to_string();
        assert!(
            err.contains("locked") && err.contains("writing to it"),
            "{err}"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
}
