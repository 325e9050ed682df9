//! Schema and migrations. `schema_version` records every migration applied; a database made by
//! an older dateline is brought up to date when opened.

use rusqlite::Connection;

/// Migrations in order; the position + 1 is the version each brings the database to.
const MIGRATIONS: &[&str] = &[r#"
CREATE TABLE articles(
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    path TEXT, url TEXT, outlet TEXT, title TEXT, published TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,
    cluster INTEGER NOT NULL
);
CREATE INDEX articles_cluster ON articles(cluster);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
CREATE TABLE signatures(article INTEGER PRIMARY KEY REFERENCES articles(id), sig BLOB NOT NULL);
CREATE TABLE lsh(band INTEGER NOT NULL, bucket INTEGER NOT NULL, article INTEGER NOT NULL REFERENCES articles(id),
    PRIMARY KEY(band, bucket, article)) WITHOUT ROWID;
CREATE TABLE entities(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL,
    country TEXT, sector TEXT, code TEXT);
CREATE TABLE aliases(entity INTEGER NOT NULL REFERENCES entities(id), alias TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY(entity, alias)) WITHOUT ROWID;
CREATE INDEX aliases_alias ON aliases(alias);
CREATE TABLE entity_mentions(entity INTEGER NOT NULL REFERENCES entities(id), article INTEGER NOT NULL REFERENCES articles(id),
    mentions INTEGER NOT NULL, PRIMARY KEY(entity, article)) WITHOUT ROWID;
CREATE TABLE events(id INTEGER PRIMARY KEY, type TEXT NOT NULL, mode TEXT, cameo TEXT, date TEXT, place TEXT,
    status TEXT NOT NULL, text TEXT);
CREATE INDEX events_type ON events(type, date);
CREATE TABLE event_participants(event INTEGER NOT NULL REFERENCES events(id), entity INTEGER NOT NULL REFERENCES entities(id),
    role TEXT NOT NULL, PRIMARY KEY(event, entity, role)) WITHOUT ROWID;
CREATE INDEX participants_entity ON event_participants(entity);
CREATE TABLE event_mentions(event INTEGER NOT NULL REFERENCES events(id), article INTEGER NOT NULL REFERENCES articles(id),
    start INTEGER NOT NULL, end INTEGER NOT NULL, PRIMARY KEY(event, article, start)) WITHOUT ROWID;
CREATE TABLE figures(article INTEGER NOT NULL REFERENCES articles(id), kind TEXT NOT NULL, count REAL, low REAL, high REAL,
    qualifier TEXT, unit TEXT, object TEXT, country TEXT, source TEXT, as_of TEXT, start INTEGER, end INTEGER);
CREATE INDEX figures_kind ON figures(kind, country);
CREATE TABLE quotes(article INTEGER NOT NULL REFERENCES articles(id), speaker INTEGER REFERENCES entities(id),
    speaker_text TEXT, text TEXT NOT NULL, direct INTEGER NOT NULL, start INTEGER, end INTEGER);
CREATE TABLE stances(article INTEGER NOT NULL REFERENCES articles(id), entity INTEGER NOT NULL REFERENCES entities(id),
    issue TEXT NOT NULL, stance TEXT NOT NULL, start INTEGER, end INTEGER);
"#];

pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.execute_batch("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL, applied TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)")?;
    let current: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_version(version) VALUES (?1)",
            [i as i64 + 1],
        )?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_records_the_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let versions: i64 = conn
            .query_row("SELECT COUNT(*) FROM schema_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(versions, MIGRATIONS.len() as i64);
        conn.execute("INSERT INTO articles(record_id, hash, text, record, cluster) VALUES ('a', 'h', 't', '{}', 1)", []).unwrap();
    }
}
