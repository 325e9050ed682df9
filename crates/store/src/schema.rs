//! Schema and migrations. `schema_version` records every migration applied; a database made by
//! an older dateline is brought up to date when opened.

use rusqlite::Connection;
use std::path::Path;

/// Migrations in order; the position + 1 is the version each brings the database to.
const MIGRATIONS: &[&str] = &[
    r#"
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
"#,
    // 2: every look-up by article (exports, the article pages of the query commands) and by the
    // entity a quote or stance names uses an index instead of scanning the table.
    r#"
CREATE INDEX IF NOT EXISTS entity_mentions_article ON entity_mentions(article);
CREATE INDEX IF NOT EXISTS event_mentions_article ON event_mentions(article);
CREATE INDEX IF NOT EXISTS figures_article ON figures(article);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS stances_article ON stances(article);
CREATE INDEX IF NOT EXISTS stances_entity ON stances(entity);
CREATE INDEX IF NOT EXISTS lsh_article ON lsh(article);
"#,
    // 3: the first page of every query is quick on a store of 100,000 articles: actors by the
    // article count kept with each entity (not counted over every mention at each query; not
    // indexed either, since every stored mention would move the entity in such an index, and
    // picking the top rows of the entity table is a few milliseconds), figures by series and date, quotes by publication date, events by date with
    // the undated last.
    r#"
ALTER TABLE entities ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
UPDATE entities SET
    articles = (SELECT COUNT(*) FROM entity_mentions m WHERE m.entity = entities.id),
    mentions = (SELECT COALESCE(SUM(m.mentions), 0) FROM entity_mentions m WHERE m.entity = entities.id);
DROP INDEX IF EXISTS figures_kind;
CREATE INDEX figures_series ON figures(kind, country, object, as_of);
CREATE INDEX articles_published ON articles(published, id);
CREATE INDEX events_order ON events(date IS NULL, date);
"#,
    // 4: one event, many reports. Full-named people are filed under their name parts, so a
    // bare surname in a later article finds them (`identity`). Each article keeps the key of
    // its outlet (the url's registered domain, else the outlet named, else its file; filled
    // from the stored records by `fill_sources`), so an event counts its sources by outlet.
    // Each report keeps the date it gives the event (and where the date came from) and its
    // participants (entity ids, comma-
    // separated), so an event whose report is replaced is rebuilt from the reports it keeps;
    // an undated event keeps what its reports say of its day (a weekday or a day of a year not
    // given) to tell it from the same actors' events on other days. A figure told in an event
    // report's sentence is linked to the event (stored from now on; older figures stay unlinked),
    // so the tolls of one event from several outlets stand side by side.
    r#"
ALTER TABLE articles ADD COLUMN source TEXT;
ALTER TABLE events ADD COLUMN hint TEXT;
CREATE TABLE person_parts(part TEXT NOT NULL, entity INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY(part, entity)) WITHOUT ROWID;
INSERT OR IGNORE INTO person_parts SELECT substr(key, instr(key, '|') + 1), id FROM entities
    WHERE key LIKE 'person:_%|_%';
INSERT OR IGNORE INTO person_parts SELECT substr(key, 8, instr(key, '|') - 8), id FROM entities
    WHERE key LIKE 'person:_%|_%';
ALTER TABLE event_mentions ADD COLUMN date TEXT;
ALTER TABLE event_mentions ADD COLUMN date_basis TEXT;
ALTER TABLE event_mentions ADD COLUMN actors TEXT;
ALTER TABLE event_mentions ADD COLUMN recipients TEXT;
ALTER TABLE figures ADD COLUMN event INTEGER REFERENCES events(id);
CREATE INDEX figures_event ON figures(event);
UPDATE event_mentions SET date = (SELECT e.date FROM events e WHERE e.id = event_mentions.event);
"#,
];

/// The migration after which articles need their outlet keys filled from their records.
const SOURCES_ADDED: usize = 4;

/// Marks a database as dateline's (`PRAGMA application_id`, "DLNE"), so another program's
/// SQLite file is never taken for a corpus.
pub const APPLICATION_ID: i64 = 0x444c_4e45;

/// Checks that the database is dateline's before anything is written: marked as ours, empty
/// (a new file, marked now when writable), or made by a dateline from before the mark (a
/// `schema_version` and an `articles` table). Anything else is refused untouched.
pub fn claim(conn: &Connection, path: &Path) -> crate::Result<()> {
    let id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => crate::Error::NotOurs {
                path: path.to_path_buf(),
                what: "not an SQLite database".into(),
            },
            _ => crate::Error::open(path, e),
        })?;
    if id == APPLICATION_ID {
        return Ok(());
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| crate::Error::open(path, e))?;
    let ours_before_the_mark =
        tables.iter().any(|t| t == "schema_version") && tables.iter().any(|t| t == "articles");
    if id != 0 || !(tables.is_empty() || ours_before_the_mark) {
        let what = if id != 0 {
            format!("an SQLite database of another program, application id {id:#x}")
        } else {
            let shown: Vec<&str> = tables.iter().take(5).map(String::as_str).collect();
            format!("an SQLite database with other tables: {}", shown.join(", "))
        };
        return Err(crate::Error::NotOurs {
            path: path.to_path_buf(),
            what,
        });
    }
    if !conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
        conn.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))
            .map_err(|e| crate::Error::open(path, e))?;
    }
    Ok(())
}

/// Whether the database has no tables at all (a new or empty file).
pub fn is_empty(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table')",
        [],
        |r| r.get(0),
    )
}

/// Whether the database lacks migrations this dateline has.
pub fn outdated(conn: &Connection) -> rusqlite::Result<bool> {
    let has_versions: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'schema_version')",
        [],
        |r| r.get(0),
    )?;
    if !has_versions {
        return Ok(true);
    }
    let current: i64 = conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )?;
    Ok(current < MIGRATIONS.len() as i64)
}

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
        if i + 1 == SOURCES_ADDED {
            fill_sources(&tx)?;
        }
        tx.execute(
            "INSERT INTO schema_version(version) VALUES (?1)",
            [i as i64 + 1],
        )?;
        tx.commit()?;
    }
    Ok(())
}

/// Gives every stored article its outlet key, read from its stored record, a thousand records
/// at a time so a large store is never held in memory.
fn fill_sources(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut page =
        tx.prepare("SELECT id, record FROM articles WHERE id > ?1 ORDER BY id LIMIT 1000")?;
    let mut update = tx.prepare("UPDATE articles SET source = ?1 WHERE id = ?2")?;
    let mut after = i64::MIN;
    loop {
        let rows: Vec<(i64, String)> = page
            .query_map([after], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let Some(&(last, _)) = rows.last() else {
            return Ok(());
        };
        for (id, json) in rows {
            // A record that no longer parses keeps no key; `check` reports it.
            if let Ok(record) = serde_json::from_str::<dateline_core::Record>(&json) {
                update.execute(rusqlite::params![crate::outlets::source_key(&record), id])?;
            }
        }
        after = last;
    }
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

    /// A store made before the counts were kept gets them from its mentions when opened.
    #[test]
    fn an_older_store_gets_its_actor_counts_when_migrated() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE schema_version(version INTEGER NOT NULL, applied TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)").unwrap();
        for (i, sql) in MIGRATIONS[..2].iter().enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.execute(
                "INSERT INTO schema_version(version) VALUES (?1)",
                [i as i64 + 1],
            )
            .unwrap();
        }
        conn.execute_batch(
            "INSERT INTO articles(id, record_id, hash, text, record, cluster) VALUES (1, 'a', 'h1', 't', '{}', 1), (2, 'b', 'h2', 't', '{}', 2);
             INSERT INTO entities(id, key, kind, name) VALUES (7, 'person:k|m', 'person', 'Amina Kiprop');
             INSERT INTO entity_mentions(entity, article, mentions) VALUES (7, 1, 3), (7, 2, 2);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let counts: (i64, i64) = conn
            .query_row(
                "SELECT articles, mentions FROM entities WHERE id = 7",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(counts, (2, 5));
    }

    /// A store made before outlets were kept gets each article's outlet from its record.
    #[test]
    fn an_older_store_gets_its_outlet_keys_when_migrated() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE schema_version(version INTEGER NOT NULL, applied TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)").unwrap();
        for (i, sql) in MIGRATIONS[..3].iter().enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.execute(
                "INSERT INTO schema_version(version) VALUES (?1)",
                [i as i64 + 1],
            )
            .unwrap();
        }
        let mut record = dateline_core::Record {
            id: "a".into(),
            text: "t".into(),
            ..dateline_core::Record::default()
        };
        record.source.url = Some("https://news.example.co.uk/story".into());
        let json = serde_json::to_string(&record).unwrap();
        conn.execute(
            "INSERT INTO articles(id, record_id, hash, text, record, cluster) VALUES (1, 'a', 'h1', 't', ?1, 1), (2, 'b', 'h2', 't', '{}', 2)",
            [json],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let sources: Vec<Option<String>> = conn
            .prepare("SELECT source FROM articles ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(sources, [Some("example.co.uk".to_string()), None]);
    }

    /// Every table that points at an article finds an article's rows through an index: the
    /// query plan never scans the whole table (an export reads each article's rows).
    #[test]
    fn look_ups_by_article_use_an_index() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'article'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert!(tables.len() >= 7, "{tables:?}");
        for (table, column) in tables
            .iter()
            .map(|t| (t.as_str(), "article"))
            .chain([("quotes", "speaker"), ("stances", "entity")])
        {
            let sql = format!("EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE {column} = 1");
            let plan: Vec<String> = conn
                .prepare(&sql)
                .unwrap()
                .query_map([], |r| r.get::<_, String>(3))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let uses_index = plan
                .iter()
                .any(|step| step.contains("USING") && !step.starts_with("SCAN"));
            assert!(uses_index, "{table}.{column}: {plan:?}");
        }
    }
}
