//! One person across the corpus: a bare surname ("Khan", "Xi") is the person of that name the
//! article or the corpus means, under the full name's key.
//!
//! Person keys are `person:GIVEN|SURNAME` spelling skeletons; a bare name is `person:|NAME`.
//! The bare name joins, in order:
//! 1. the one person in the same article whose surname (or, for names written surname first
//!    such as "Xi Jinping", whose given part) it is; when several share it, the one mentioned
//!    at least twice as often as any other ("Khan" in a story about Imran Khan that also quotes
//!    his lawyer Gohar Khan);
//! 2. else the one person in the whole corpus with that name part, or the one written about in
//!    at least twice as many articles as any other bearing it.
//!
//! Two full names are never joined: "Imran Khan" and "Gohar Khan" stay two people, and a bare
//! "Khan" in an article naming neither joins nobody once the corpus knows both.

use dateline_core::{Entity, Record};
use rusqlite::{params, Transaction};
use std::collections::HashMap;

/// The bare name of a `person:|NAME` key.
fn bare_name(key: &str) -> Option<&str> {
    key.strip_prefix("person:|").filter(|n| !n.is_empty())
}

/// The given and surname parts of a full person key.
fn full_parts(key: &str) -> Option<(&str, &str)> {
    let (given, surname) = key.strip_prefix("person:")?.split_once('|')?;
    (!given.is_empty() && !surname.is_empty()).then_some((given, surname))
}

/// The entity's key as the corpus files it (its own key, or `kind:name` without one).
pub fn own_key(e: &Entity) -> String {
    e.key
        .clone()
        .unwrap_or_else(|| format!("{}:{}", e.kind, e.name.to_lowercase()))
}

/// For each entity of the record under a bare name that resolves, the full key it joins.
pub fn resolve(tx: &Transaction, record: &Record) -> rusqlite::Result<HashMap<String, String>> {
    let mut joined = HashMap::new();
    for e in &record.entities {
        let key = own_key(e);
        let Some(name) = bare_name(&key) else {
            continue;
        };
        let written = e.name.as_str();
        let target = in_article(record, name, written)
            .map_or_else(|| in_corpus(tx, name, written), |k| Ok(Some(k)))?;
        if let Some(full) = target {
            joined.insert(e.id.clone(), full);
        }
    }
    Ok(joined)
}

/// The full key of the article's person the bare name means, by the rule in the module comment.
fn in_article(record: &Record, name: &str, written: &str) -> Option<String> {
    let mut bearers: Vec<(String, usize)> = Vec::new();
    for e in &record.entities {
        let key = own_key(e);
        if let Some((given, surname)) = full_parts(&key) {
            let spelled = spelled_in(written, std::iter::once(e.name.as_str()));
            if (surname == name || given == name) && spelled {
                match bearers.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, n)) => *n += e.mentions.len(),
                    None => bearers.push((key, e.mentions.len())),
                }
            }
        }
    }
    bearers.sort_by_key(|b| std::cmp::Reverse(b.1));
    match bearers.as_slice() {
        [(one, _)] => Some(one.clone()),
        [(first, n), (_, m), ..] if *n >= 2 * m => Some(first.clone()),
        _ => None,
    }
}

/// The full key of the corpus person with that name part: the only one, or one written about
/// in at least twice as many articles as any other (the corpus's "Biden" beside a one-off
/// misreading that ends in "Biden"), as in an article.
fn in_corpus(tx: &Transaction, name: &str, written: &str) -> rusqlite::Result<Option<String>> {
    let mut stmt = tx.prepare_cached(
        "SELECT e.key, e.articles, e.name
         FROM person_parts p JOIN entities e ON e.id = p.entity
         WHERE p.part = ?1 ORDER BY e.articles DESC, e.id LIMIT 8",
    )?;
    let people: Vec<(String, i64)> = stmt
        .query_map([name], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?))
        })?
        .filter_map(|row| match row {
            Ok((key, articles, names)) => {
                spelled_in(written, std::iter::once(names.as_str())).then_some(Ok((key, articles)))
            }
            Err(e) => Some(Err(e)),
        })
        .collect::<rusqlite::Result<_>>()?;
    Ok(match people.as_slice() {
        [(one, _)] => Some(one.clone()),
        [(first, n), (_, m), ..] if *n >= 2 * (*m).max(1) => Some(first.clone()),
        _ => None,
    })
}

/// Whether the bare name is written as a word of the person's name: the spelling key joins
/// "Reagan" and "Regan", which a surname alone must not. Only the name counts, not aliases a
/// story gave it, so one story's confusion does not spread.
fn spelled_in<'a>(written: &str, names: impl Iterator<Item = &'a str>) -> bool {
    let bare = written.trim().to_lowercase();
    let bare = bare
        .strip_prefix("mr ")
        .or_else(|| bare.strip_prefix("ms "))
        .unwrap_or(&bare)
        .to_string();
    names.into_iter().any(|n| {
        n.to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '-')
            .any(|w| w == bare)
    })
}

/// Files a full-named person under its name parts, so later bare names can find it.
pub fn file_parts(tx: &Transaction, key: &str, entity: i64) -> rusqlite::Result<()> {
    if let Some((given, surname)) = full_parts(key) {
        let mut stmt =
            tx.prepare_cached("INSERT OR IGNORE INTO person_parts(part, entity) VALUES (?1, ?2)")?;
        stmt.execute(params![surname, entity])?;
        stmt.execute(params![given, entity])?;
    }
    Ok(())
}
