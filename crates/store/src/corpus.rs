//! Storing one article: the article and its search row, its near-duplicate cluster, and the
//! corpus-level entities, events, figures, quotes and stances it contributes.

use crate::hashing::content_hash;
use crate::identity;
use crate::matching::{self, Candidate, Report, When};
use crate::minhash;
use crate::outlets::source_key;
use crate::{Error, Result};
use dateline_core::{Entity, Event, Record};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

pub enum Added {
    Stored {
        near_duplicate: bool,
    },
    AlreadyStored,
    /// The same text was stored with less metadata; this copy took its place.
    Replaced,
}

pub fn add_article(tx: &Transaction, record: &Record) -> Result<Added> {
    if record.text.is_empty() {
        return Err(Error::Record {
            id: record.id.clone(),
            reason: "no text (was it analysed with --no-text?)".into(),
        });
    }
    let hash = content_hash(&record.text);
    let known = tx
        .query_row(
            "SELECT id, cluster, (published IS NOT NULL) + (url IS NOT NULL) + (title IS NOT NULL) + (outlet IS NOT NULL) FROM articles WHERE hash = ?1",
            [&hash],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)),
        )
        .optional()?;
    let json = serde_json::to_string(record).map_err(|e| Error::Record {
        id: record.id.clone(),
        reason: e.to_string(),
    })?;
    if let Some((article, cluster, stored_metadata)) = known {
        // The same story often arrives twice: as a bare .txt and as a dated JSON line, say. The
        // copy that says more about itself is kept, so events keep the dates it gives them.
        if metadata(record) <= stored_metadata {
            return Ok(Added::AlreadyStored);
        }
        replace(tx, record, &json, article, cluster)?;
        return Ok(Added::Replaced);
    }
    tx.execute(
        "INSERT INTO articles(record_id, hash, path, url, outlet, title, published, text, record, cluster, source) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,0,?10)",
        params![record.id, hash, record.source.path, record.source.url, record.source.outlet, record.title, record.published, record.text, json, source_key(record)],
    )?;
    let article = tx.last_insert_rowid();
    index_for_search(tx, article, record)?;
    let cluster = cluster_of(tx, article, &record.text)?;
    tx.execute(
        "UPDATE articles SET cluster = ?1 WHERE id = ?2",
        params![cluster, article],
    )?;
    let entities = add_entities(tx, record, article)?;
    let told = add_events(tx, record, article, cluster, &entities)?;
    add_facts(tx, record, article, &entities, &told)?;
    Ok(Added::Stored {
        near_duplicate: cluster != article,
    })
}

/// The article's search row (title and text).
fn index_for_search(tx: &Transaction, article: i64, record: &Record) -> Result<()> {
    tx.execute(
        "INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)",
        params![
            article,
            record.title.clone().unwrap_or_default(),
            record.text
        ],
    )?;
    Ok(())
}

/// How many of publication date, url, title and outlet a record has.
fn metadata(record: &Record) -> i64 {
    [
        &record.published,
        &record.source.url,
        &record.title,
        &record.source.outlet,
    ]
    .iter()
    .filter(|field| field.is_some())
    .count() as i64
}

/// Puts `record` in the place of the stored article with the same text: its metadata, search
/// title and record replace the old ones, and what it contributes (mentions, events, figures,
/// quotes, stances) is stored afresh. The text, its signature and its cluster stay as they are.
fn replace(
    tx: &Transaction,
    record: &Record,
    json: &str,
    article: i64,
    cluster: i64,
) -> Result<()> {
    let old_title: Option<String> =
        tx.query_row("SELECT title FROM articles WHERE id = ?1", [article], |r| {
            r.get(0)
        })?;
    // An external-content FTS5 table forgets a row only when given the values it indexed.
    tx.execute(
        "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?1, ?2, ?3)",
        params![article, old_title.unwrap_or_default(), record.text],
    )?;
    index_for_search(tx, article, record)?;
    tx.execute(
        "UPDATE articles SET record_id = ?1, path = ?2, url = ?3, outlet = ?4, title = ?5, published = ?6, record = ?7, source = ?8 WHERE id = ?9",
        params![record.id, record.source.path, record.source.url, record.source.outlet, record.title, record.published, json, source_key(record), article],
    )?;
    forget_contributions(tx, article)?;
    let entities = add_entities(tx, record, article)?;
    let told = add_events(tx, record, article, cluster, &entities)?;
    add_facts(tx, record, article, &entities, &told)
}

/// Removes what an article added beyond itself; events only it reported go with it.
fn forget_contributions(tx: &Transaction, article: i64) -> Result<()> {
    for sql in [
        "UPDATE entities SET articles = articles - 1,
            mentions = mentions - (SELECT m.mentions FROM entity_mentions m WHERE m.entity = entities.id AND m.article = ?1)
         WHERE id IN (SELECT entity FROM entity_mentions WHERE article = ?1)",
        "DELETE FROM entity_mentions WHERE article = ?1",
        "DELETE FROM figures WHERE article = ?1",
        "DELETE FROM quotes WHERE article = ?1",
        "DELETE FROM stances WHERE article = ?1",
        "CREATE TEMP TABLE IF NOT EXISTS touched_events(id INTEGER PRIMARY KEY)",
        "DELETE FROM temp.touched_events",
        "INSERT OR IGNORE INTO temp.touched_events SELECT event FROM event_mentions WHERE article = ?1",
        "DELETE FROM event_mentions WHERE article = ?1",
        "DELETE FROM event_participants WHERE event IN (SELECT id FROM temp.touched_events) AND event NOT IN (SELECT event FROM event_mentions)",
        "DELETE FROM events WHERE id IN (SELECT id FROM temp.touched_events) AND id NOT IN (SELECT event FROM event_mentions)",
    ] {
        let mut stmt = tx.prepare_cached(sql)?;
        if stmt.parameter_count() == 1 {
            stmt.execute([article])?;
        } else {
            stmt.execute([])?;
        }
    }
    rebuild_touched_events(tx)
}

/// An event that keeps other reports is rebuilt from them: its participants are theirs and its
/// date the most precise they give, so a replaced report leaves nothing of itself behind. An
/// event with a report stored before reports kept their participants is left as it is.
fn rebuild_touched_events(tx: &Transaction) -> Result<()> {
    let touched: Vec<i64> = tx
        .prepare_cached("SELECT id FROM temp.touched_events WHERE id IN (SELECT id FROM events)")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for event in touched {
        let reports: Vec<(Option<String>, Option<String>, Option<String>)> = tx
            .prepare_cached("SELECT actors, recipients, date FROM event_mentions WHERE event = ?1 ORDER BY article, start")?
            .query_map([event], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if reports.iter().any(|(a, r, _)| a.is_none() || r.is_none()) {
            continue;
        }
        tx.execute("DELETE FROM event_participants WHERE event = ?1", [event])?;
        for (actors, recipients, _) in &reports {
            for (list, role) in [(actors, "actor"), (recipients, "recipient")] {
                for id in list
                    .iter()
                    .flat_map(|l| l.split(','))
                    .filter_map(|x| x.parse::<i64>().ok())
                {
                    tx.execute(
                        "INSERT OR IGNORE INTO event_participants(event, entity, role) VALUES (?1,?2,?3)",
                        params![event, id, role],
                    )?;
                }
            }
        }
        let date =
            reports
                .iter()
                .filter_map(|(_, _, d)| d.as_deref())
                .fold(None::<&str>, |best, d| match best {
                    Some(b) if b.len() >= d.len() => Some(b),
                    _ => Some(d),
                });
        tx.execute(
            "UPDATE events SET date = ?1 WHERE id = ?2",
            params![date, event],
        )?;
    }
    Ok(())
}

/// The cluster of the most similar earlier article when it is a near-duplicate, else its own id.
fn cluster_of(tx: &Transaction, article: i64, text: &str) -> Result<i64> {
    let sig = minhash::signature(text);
    tx.execute(
        "INSERT INTO signatures(article, sig) VALUES (?1, ?2)",
        params![article, minhash::to_blob(&sig)],
    )?;
    let mut candidates: Vec<i64> = Vec::new();
    {
        let mut find =
            tx.prepare_cached("SELECT article FROM lsh WHERE band = ?1 AND bucket = ?2")?;
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO lsh(band, bucket, article) VALUES (?1, ?2, ?3)",
        )?;
        for (band, bucket) in minhash::buckets(&sig).into_iter().enumerate() {
            let rows = find.query_map(params![band as i64, bucket], |r| r.get::<_, i64>(0))?;
            for row in rows {
                candidates.push(row?);
            }
            insert.execute(params![band as i64, bucket, article])?;
        }
    }
    candidates.sort_unstable();
    candidates.dedup();
    let mut best: Option<(f64, i64)> = None;
    for c in candidates {
        let blob: Vec<u8> =
            tx.query_row("SELECT sig FROM signatures WHERE article = ?1", [c], |r| {
                r.get(0)
            })?;
        let s = minhash::similarity(&sig, &minhash::from_blob(&blob));
        if s >= minhash::THRESHOLD && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, c));
        }
    }
    match best {
        Some((_, c)) => Ok(tx.query_row(
            "SELECT cluster FROM articles WHERE id = ?1",
            [c],
            |r| r.get(0),
        )?),
        None => Ok(article),
    }
}

/// Upserts the record's entities by key; returns record entity id to corpus entity id.
fn add_entities(tx: &Transaction, record: &Record, article: i64) -> Result<HashMap<String, i64>> {
    let mut ids = HashMap::new();
    // The article has no mentions stored yet (it is new, or its old ones were forgotten), so an
    // entity is new to it unless an earlier entity of this record shares its key.
    let mut counted = std::collections::HashSet::new();
    let mut upsert = tx.prepare_cached(
        "INSERT INTO entities(key, kind, name, country, sector, code, articles, mentions) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)
         ON CONFLICT(key) DO UPDATE SET country = COALESCE(country, excluded.country),
           sector = COALESCE(sector, excluded.sector), code = COALESCE(code, excluded.code),
           articles = articles + excluded.articles, mentions = mentions + excluded.mentions
         RETURNING id",
    )?;
    let mut alias_row =
        tx.prepare_cached("INSERT OR IGNORE INTO aliases(entity, alias) VALUES (?1, ?2)")?;
    let mut mention_row = tx.prepare_cached(
        "INSERT INTO entity_mentions(entity, article, mentions) VALUES (?1,?2,?3)
         ON CONFLICT(entity, article) DO UPDATE SET mentions = mentions + excluded.mentions",
    )?;
    // A bare surname joins the person it names (`identity`); the full names go first, so the
    // person's row is made under its full name.
    let joined = identity::resolve(tx, record)?;
    let (bare, named): (Vec<&Entity>, Vec<&Entity>) = record
        .entities
        .iter()
        .partition(|e| joined.contains_key(&e.id));
    for e in named.into_iter().chain(bare) {
        let key = joined
            .get(&e.id)
            .cloned()
            .unwrap_or_else(|| identity::own_key(e));
        let first_in_article = i64::from(counted.insert(key.clone()));
        let mentions = e.mentions.len() as i64;
        let id: i64 = upsert.query_row(
            params![
                key,
                e.kind,
                e.name,
                e.country,
                e.sector,
                e.code,
                first_in_article,
                mentions
            ],
            |r| r.get(0),
        )?;
        for alias in std::iter::once(&e.name).chain(&e.aliases) {
            alias_row.execute(params![id, alias])?;
        }
        mention_row.execute(params![id, article, mentions])?;
        identity::file_parts(tx, &key, id)?;
        ids.insert(e.id.clone(), id);
    }
    Ok(ids)
}

/// Adds the record's event reports; returns each report's sentence with the stored event it
/// tells of, so the figures told in that sentence are linked to the event.
fn add_events(
    tx: &Transaction,
    record: &Record,
    article: i64,
    cluster: i64,
    entities: &HashMap<String, i64>,
) -> Result<Vec<(dateline_core::Span, i64)>> {
    let mut told = Vec::new();
    for event in &record.events {
        let id = add_event(tx, record, event, article, cluster, entities)?;
        told.push((event.span, id));
    }
    Ok(told)
}

/// Adds an event report: a mention of the stored event it tells of (see `matching`), else a
/// new event. Returns the stored event's id.
fn add_event(
    tx: &Transaction,
    record: &Record,
    event: &Event,
    article: i64,
    cluster: i64,
    entities: &HashMap<String, i64>,
) -> Result<i64> {
    let ids = |list: &[String]| -> Vec<i64> {
        let mut v: Vec<i64> = list
            .iter()
            .filter_map(|a| entities.get(a).copied())
            .collect();
        v.dedup();
        v
    };
    let actors = ids(&event.actors);
    let recipients = ids(&event.recipients);
    let mut all: Vec<i64> = actors.iter().chain(&recipients).copied().collect();
    all.sort_unstable();
    all.dedup();
    let when = When {
        date: event.date.clone(),
        hint: event
            .date
            .is_none()
            .then(|| day_hint(record, event))
            .flatten(),
        published: record.published.iter().cloned().collect(),
    };
    let report = Report {
        when: &when,
        place: event.place.as_deref(),
        participants: all.len(),
        kind: &event.kind,
        symmetric: matching::symmetric(&event.kind),
    };
    let existing = match all.is_empty() {
        true => None,
        false => {
            let parties = Parties {
                actors: &actors,
                recipients: &recipients,
                all: &all,
            };
            matching::choose(&report, &candidates(tx, event, &parties, cluster)?)
        }
    };
    let id = match existing {
        Some(id) => {
            refine(tx, id, &when, event.place.as_deref())?;
            id
        }
        None => {
            let sentence = event.span.slice(&record.text);
            tx.execute(
                "INSERT INTO events(type, mode, cameo, date, place, status, text, hint) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
                params![event.kind, event.mode, event.cameo, event.date, event.place, event.status.as_str(), sentence, when.hint],
            )?;
            tx.last_insert_rowid()
        }
    };
    for (list, role) in [(&actors, "actor"), (&recipients, "recipient")] {
        for e in list.iter() {
            tx.execute(
                "INSERT OR IGNORE INTO event_participants(event, entity, role) VALUES (?1,?2,?3)",
                params![id, e, role],
            )?;
        }
    }
    tx.execute(
        "INSERT OR IGNORE INTO event_mentions(event, article, start, end, date, actors, recipients, date_basis) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
        params![id, article, event.span.0 as i64, event.span.1 as i64, event.date, id_list(&actors), id_list(&recipients), event.date_basis],
    )?;
    Ok(id)
}

/// What the event's sentence says of an undated event's day: a day of an unnamed year, else a
/// weekday ("on Saturday October 29th" keeps the day, which tells more).
fn day_hint(record: &Record, event: &Event) -> Option<String> {
    let hints: Vec<&str> = record
        .times
        .iter()
        .filter(|t| t.span.0 >= event.span.0 && t.span.1 <= event.span.1)
        .filter_map(|t| t.value.as_deref())
        .filter(|v| matching::is_hint(v))
        .collect();
    hints
        .iter()
        .find(|v| !v.contains('W'))
        .or(hints.first())
        .map(|v| v.to_string())
}

/// A merged report refines the stored event: a day replaces a month or a year it falls in, a
/// missing place or hint is filled. A coarser date never replaces a finer one.
fn refine(tx: &Transaction, id: i64, when: &When, place: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE events SET
            date = CASE WHEN date IS NULL OR (?1 IS NOT NULL AND length(?1) > length(date) AND substr(?1, 1, length(date)) = date) THEN ?1 ELSE date END,
            place = COALESCE(place, ?2),
            hint = COALESCE(hint, ?3)
         WHERE id = ?4",
        params![when.date, place, when.hint, id],
    )?;
    Ok(())
}

/// Stored events of the report's type and status that share a participant with it.
/// A report's participants as corpus entity ids.
struct Parties<'a> {
    actors: &'a [i64],
    recipients: &'a [i64],
    all: &'a [i64],
}

fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn candidates(
    tx: &Transaction,
    event: &Event,
    parties: &Parties,
    cluster: i64,
) -> Result<Vec<Candidate>> {
    let list = id_list(parties.all);
    let (actors, recipients) = (id_list(parties.actors), id_list(parties.recipients));
    // The participant ids are integers from this database, so splicing them is safe.
    let sql = format!(
        "SELECT e.id, e.date, e.hint, e.place, COUNT(DISTINCT p.entity),
            MAX(n.key LIKE 'person:%'),
            (SELECT COUNT(DISTINCT q.entity) FROM event_participants q WHERE q.event = e.id),
            (SELECT MIN(a.published) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id),
            (SELECT MAX(a.published) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id),
            EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id AND a.cluster = ?3),
            EXISTS (SELECT 1 FROM event_participants q WHERE q.event = e.id AND (
                (q.role = 'recipient' AND q.entity IN ({actors}) AND q.entity NOT IN ({recipients}))
                OR (q.role = 'actor' AND q.entity IN ({recipients}) AND q.entity NOT IN ({actors}))))
         FROM events e JOIN event_participants p ON p.event = e.id JOIN entities n ON n.id = p.entity
         WHERE e.type = ?1 AND e.status = ?2 AND p.entity IN ({list})
         GROUP BY e.id ORDER BY e.id"
    );
    let mut stmt = tx.prepare(&sql)?;
    let rows = stmt.query_map(params![event.kind, event.status.as_str(), cluster], |r| {
        let published: Vec<String> = [r.get::<_, Option<String>>(7)?, r.get(8)?]
            .into_iter()
            .flatten()
            .collect();
        Ok(Candidate {
            id: r.get(0)?,
            when: When {
                date: r.get(1)?,
                hint: r.get(2)?,
                published,
            },
            place: r.get(3)?,
            shared: r.get::<_, i64>(4)? as usize,
            shares_person: r.get(5)?,
            participants: r.get::<_, i64>(6)? as usize,
            in_copy: r.get(9)?,
            crossed: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds the record's figures, quotes and stances. A figure told in the sentence of an event
/// report (`told`) belongs to that event: "killing over 70 people" to the bombing.
fn add_facts(
    tx: &Transaction,
    record: &Record,
    article: i64,
    entities: &HashMap<String, i64>,
    told: &[(dateline_core::Span, i64)],
) -> Result<()> {
    for f in &record.figures {
        let event = told
            .iter()
            .find(|(s, _)| s.0 <= f.span.0 && f.span.1 <= s.1)
            .map(|(_, id)| *id);
        tx.execute(
            "INSERT INTO figures(article, kind, count, low, high, qualifier, unit, object, country, source, as_of, start, end, event)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
            params![article, f.kind, f.count, f.low, f.high, f.qualifier, f.unit, f.object, f.country, f.source, f.as_of, f.span.0 as i64, f.span.1 as i64, event],
        )?;
    }
    for q in &record.quotes {
        let speaker = q.speaker.as_ref().and_then(|s| entities.get(s));
        tx.execute(
            "INSERT INTO quotes(article, speaker, speaker_text, text, direct, start, end) VALUES (?1,?2,?3,?4,?5,?6,?7)",
            params![article, speaker, q.speaker_text, q.span.slice(&record.text), q.direct, q.span.0 as i64, q.span.1 as i64],
        )?;
    }
    for s in &record.stances {
        if let Some(entity) = entities.get(&s.actor) {
            tx.execute(
                "INSERT INTO stances(article, entity, issue, stance, start, end) VALUES (?1,?2,?3,?4,?5,?6)",
                params![article, entity, s.issue, s.stance, s.span.0 as i64, s.span.1 as i64],
            )?;
        }
    }
    Ok(())
}
