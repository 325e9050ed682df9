//! Queries over the corpus, each returning a table that the command line prints as an aligned
//! table, JSON or CSV.

use crate::{Error, Result, Store};
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use rusqlite::OptionalExtension;

/// Whether another story gives another count for the same series on the same date, or for the
/// same event (the tolls of one bombing from several outlets): the flag of a figure `f` of
/// article `a`. `IS` compares missing sides and objects as equal and, unlike COALESCE, lets the
/// figures_series index find the other values of the same series and date.
macro_rules! figure_disagrees {
    () => {
        "CASE WHEN EXISTS (SELECT 1 FROM figures g JOIN articles b ON b.id = g.article
             WHERE g.kind = f.kind AND g.country IS f.country AND g.object IS f.object
               AND g.as_of = f.as_of AND COALESCE(g.count, -1) <> COALESCE(f.count, -1) AND b.cluster <> a.cluster)
          OR (f.event IS NOT NULL AND EXISTS (SELECT 1 FROM figures g JOIN articles b ON b.id = g.article
             WHERE g.event = f.event AND g.kind = f.kind AND g.object IS f.object
               AND COALESCE(g.count, -1) <> COALESCE(f.count, -1) AND b.cluster <> a.cluster))
        THEN 'disagrees' ELSE '' END"
    };
}

mod views;
pub use views::{Narrowing, FACET_MATCHES};

/// Rows with named columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Rows that matched before `--limit` cut them, when a limit was given.
    pub total: Option<usize>,
}

/// A query in parts, so the rows it matches can be counted without fetching them: the count
/// reads only the `FROM ... WHERE` part (with `group`), never the select list's sub-queries.
struct Select<'a> {
    columns: &'a [&'a str],
    /// The select list.
    fields: &'a str,
    /// `FROM ... WHERE ...`.
    from: String,
    /// ` GROUP BY ...` or "".
    group: &'a str,
    /// ` ORDER BY ...`.
    order: &'a str,
    args: Vec<Value>,
    /// A shorter `FROM ... WHERE ...` that matches as many rows, for the count (no joins that
    /// every row passes); None counts over `from`.
    count_from: Option<String>,
}

/// Query filters; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// A name, alias or CAMEO code.
    pub actor: Option<String>,
    /// Spelling keys of the actor name (`person:...`), so variants no article used still match.
    pub actor_keys: Vec<String>,
    pub kind: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub place: Option<String>,
    pub country: Option<String>,
    pub issue: Option<String>,
    /// Event status: occurred, planned, negated or hypothetical.
    pub status: Option<String>,
    pub limit: Option<usize>,
    /// Rows to skip before the first one returned (a page of a listing; with `limit`).
    pub offset: Option<usize>,
    /// Only these stored events (the reports of a page of events).
    pub event_ids: Vec<i64>,
    /// A second actor: only events both took part in (a pair's events).
    pub with: Option<String>,
    pub with_keys: Vec<String>,
}

impl Table {
    pub fn render(&self, format: &str) -> String {
        match format {
            "json" => self.json(),
            "csv" => self.csv(),
            _ => self.text(),
        }
    }

    fn text(&self) -> String {
        self.text_within(None)
    }

    /// The table as aligned text. Within `width` (a terminal's columns) the widest columns
    /// shrink until the lines fit, and a cell cut short ends in "…"; without a width (a pipe or
    /// a file) every cell is whole.
    pub fn text_within(&self, width: Option<usize>) -> String {
        let mut widths: Vec<usize> = (0..self.columns.len())
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| r[c].chars().count())
                    .chain([self.columns[c].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        if let Some(limit) = width {
            let gaps = 2 * widths.len().saturating_sub(1);
            // A column keeps at least its header's first letters and room for an ellipsis.
            let floor = |c: usize| self.columns[c].chars().count().clamp(4, 8);
            while widths.iter().sum::<usize>() + gaps > limit {
                let widest = (0..widths.len())
                    .filter(|&c| widths[c] > floor(c))
                    .max_by_key(|&c| widths[c]);
                let Some(c) = widest else { break };
                widths[c] -= 1;
            }
        }
        let line = |cells: &[String]| {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, &w)| {
                    let cell = if c.chars().count() > w {
                        c.chars().take(w.saturating_sub(1)).collect::<String>() + "…"
                    } else {
                        c.replace('\n', " ")
                    };
                    format!("{cell:<w$}")
                })
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let mut out = line(&self.columns) + "\n";
        for r in &self.rows {
            out += &(line(r) + "\n");
        }
        out
    }

    /// Rows as JSON objects typed as the records are: counts are numbers, lists of names are
    /// arrays, a missing value is null, and keys are snake_case (`as_of`, `reported_in`).
    fn json(&self) -> String {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                serde_json::Value::Object(
                    self.columns
                        .iter()
                        .zip(r)
                        .map(|(c, v)| (c.replace(' ', "_"), typed(c, v)))
                        .collect(),
                )
            })
            .collect();
        serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n"
    }

    fn csv(&self) -> String {
        let field = |s: &String| {
            if s.contains([',', '"', '\n']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.clone()
            }
        };
        let mut out = self.columns.iter().map(field).collect::<Vec<_>>().join(",") + "\n";
        for r in &self.rows {
            out += &(r.iter().map(field).collect::<Vec<_>>().join(",") + "\n");
        }
        out
    }
}

impl Select<'_> {
    fn sql(&self, f: &Filters) -> String {
        format!(
            "SELECT {} {}{}{}{}",
            self.fields,
            self.from,
            self.group,
            self.order,
            limit_clause(f)
        )
    }
}

impl Store {
    /// Runs a query with the filters' limit; with a limit, also counts every matching row.
    fn select(&self, q: Select, f: &Filters) -> Result<Table> {
        let sql = q.sql(f);
        let mut table = self.table(&sql, q.args.clone(), q.columns)?;
        if f.limit.is_some() {
            let count = if q.group.is_empty() {
                format!(
                    "SELECT COUNT(*) {}",
                    q.count_from.as_ref().unwrap_or(&q.from)
                )
            } else {
                format!("SELECT COUNT(*) FROM (SELECT 1 {}{})", q.from, q.group)
            };
            let total: i64 =
                self.connection()
                    .query_row(&count, params_from_iter(q.args), |r| r.get(0))?;
            table.total = Some(total as usize);
        }
        Ok(table)
    }

    fn table(&self, sql: &str, args: Vec<Value>, columns: &[&str]) -> Result<Table> {
        let mut stmt = self.connection().prepare(sql)?;
        let n = stmt.column_count();
        let rows = stmt.query_map(params_from_iter(args), |row| {
            (0..n)
                .map(|i| {
                    let v: Value = row.get(i)?;
                    Ok(match v {
                        Value::Null => String::new(),
                        Value::Integer(i) => i.to_string(),
                        Value::Real(f) => format_number(f),
                        Value::Text(t) => t,
                        Value::Blob(_) => "<blob>".to_string(),
                    })
                })
                .collect::<rusqlite::Result<Vec<String>>>()
        })?;
        let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
            total: None,
        })
    }

    /// A place as written and every name and alias of the places and countries it names.
    fn place_names(&self, place: &str) -> Result<Vec<String>> {
        let mut names = vec![place.to_string()];
        let mut stmt = self.connection().prepare(
            "WITH named AS (SELECT entity FROM aliases WHERE alias = ?1 COLLATE NOCASE
                            UNION SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE)
             SELECT n.name FROM entities n JOIN named ON named.entity = n.id
               WHERE n.kind IN ('location', 'country')
             UNION SELECT a.alias FROM aliases a JOIN named ON named.entity = a.entity
               JOIN entities n ON n.id = a.entity WHERE n.kind IN ('location', 'country')",
        )?;
        for row in stmt.query_map([place], |r| r.get::<_, String>(0))? {
            names.push(row?);
        }
        names.sort_unstable();
        names.dedup();
        Ok(names)
    }

    /// Entity ids an actor filter names (aliases, names, codes, spelling keys).
    fn actor_ids(&self, f: &Filters) -> Result<Option<Vec<i64>>> {
        let Some(name) = &f.actor else {
            return Ok(None);
        };
        let mut ids: Vec<i64> = Vec::new();
        let mut stmt = self.connection().prepare(
            "SELECT entity FROM aliases WHERE alias = ?1 COLLATE NOCASE
             UNION SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE OR code = ?1
             UNION SELECT id FROM entities WHERE kind = 'person' AND name LIKE '% ' || ?1",
        )?;
        for row in stmt.query_map([name], |r| r.get::<_, i64>(0))? {
            ids.push(row?);
        }
        let mut by_key = self
            .connection()
            .prepare("SELECT id FROM entities WHERE key = ?1")?;
        for key in &f.actor_keys {
            for row in by_key.query_map([key], |r| r.get::<_, i64>(0))? {
                ids.push(row?);
            }
        }
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Err(Error::UnknownActor(name.clone()));
        }
        Ok(Some(ids))
    }

    /// Full-text search with snippets. The query is words ("U.N.", "Erdogan's", "cease-fire")
    /// and "quoted phrases", every one required, punctuation harmless; with `raw` it is FTS5
    /// syntax as written (OR, NEAR, prefix*), and a mistake in it is a `SearchSyntax` error.
    /// Words with no letter or digit in them search for nothing: an empty table.
    pub fn search(&self, query: &str, limit: usize, raw: bool) -> Result<Table> {
        self.search_marked(query, limit, raw, ("[", "]"))
    }

    /// `search` with the snippet's matches between the given marks (a page marks them with
    /// characters no article holds, then turns them into highlights after escaping).
    pub fn search_marked(
        &self,
        query: &str,
        limit: usize,
        raw: bool,
        marks: (&str, &str),
    ) -> Result<Table> {
        let columns = ["article", "title", "published", "source", "snippet"];
        let Some(fts) = fts_query(query, raw) else {
            return Ok(Table {
                columns: columns.iter().map(|c| c.to_string()).collect(),
                rows: Vec::new(),
                total: None,
            });
        };
        self.table(
            "SELECT a.record_id, COALESCE(a.title, ''), COALESCE(a.published, ''), COALESCE(a.outlet, a.path, ''),
                    snippet(articles_fts, 1, ?3, ?4, '…', 14)
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2",
            vec![
                Value::Text(fts),
                Value::Integer(limit as i64),
                Value::Text(marks.0.to_string()),
                Value::Text(marks.1.to_string()),
            ],
            &columns,
        )
        .map_err(|e| search_error(e, query, raw))
    }

    /// The stored record of an article, as JSON, by its record id.
    pub fn article(&self, record_id: &str) -> Result<Option<String>> {
        Ok(self
            .connection()
            .query_row(
                "SELECT record FROM articles WHERE record_id = ?1 ORDER BY id LIMIT 1",
                [record_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Corpus events in date order, counted as GDELT counts them.
    pub fn events(&self, f: &Filters) -> Result<Table> {
        let select = self.events_query(f)?;
        self.select(select, f)
    }

    /// Every report of the events `events` lists, one row each: the outlet, url and date of
    /// the report and the sentence it tells the event in, so one merged event can be checked
    /// report by report.
    pub fn event_reports(&self, f: &Filters) -> Result<Table> {
        let (filter, args) = self.event_filter(f)?;
        let select = Select {
            columns: &[
                "event", "date", "type", "actors", "recipients", "article", "outlet", "url",
                "published", "reported date", "date basis", "figures", "evidence",
            ],
            fields: "e.id, COALESCE(e.date, ''), e.type,
               (SELECT group_concat(n.name, '; ') FROM event_participants p JOIN entities n ON n.id = p.entity WHERE p.event = e.id AND p.role = 'actor'),
               (SELECT group_concat(n.name, '; ') FROM event_participants p JOIN entities n ON n.id = p.entity WHERE p.event = e.id AND p.role = 'recipient'),
               a.record_id, COALESCE(a.outlet, a.source, ''), COALESCE(a.url, ''), COALESCE(a.published, ''),
               COALESCE(m.date, ''), COALESCE(m.date_basis, ''),
               (SELECT group_concat(lower(g.kind) || ' ' || g.qualifier || ' ' || CAST(COALESCE(g.count, g.low, g.high) AS INTEGER), '; ')
                  FROM figures g WHERE g.article = a.id AND g.event = e.id AND g.start >= m.start AND g.end <= m.end),
               CAST(substr(CAST(a.text AS BLOB), m.start + 1, m.end - m.start) AS TEXT)",
            // CROSS JOIN keeps events first, so their date index gives the order and only each
            // event's few reports are sorted: a first page reads a page of rows, not all.
            from: format!(
                "FROM events e CROSS JOIN event_mentions m ON m.event = e.id JOIN articles a ON a.id = m.article WHERE 1=1{filter}"
            ),
            group: "",
            order: " ORDER BY e.date IS NULL, e.date, e.id, a.published IS NULL, a.published, a.id, m.start",
            args,
            count_from: None,
        };
        self.select(select, f)
    }

    /// The conditions `events` and `event_reports` share, on the events table `e`.
    fn event_filter(&self, f: &Filters) -> Result<(String, Vec<Value>)> {
        let mut from = String::new();
        let mut args: Vec<Value> = Vec::new();
        if !f.event_ids.is_empty() {
            // Integers, so splicing them is safe.
            from += &format!(" AND e.id IN ({})", id_list(&f.event_ids));
        }
        let partner = Filters {
            actor: f.with.clone(),
            actor_keys: f.with_keys.clone(),
            ..Filters::default()
        };
        for ids in [self.actor_ids(f)?, self.actor_ids(&partner)?]
            .into_iter()
            .flatten()
        {
            from += &format!(
                " AND e.id IN (SELECT event FROM event_participants WHERE entity IN ({}))",
                id_list(&ids)
            );
        }
        for (value, clause) in [
            (&f.kind, " AND e.type = ?"),
            (&f.since, " AND e.date >= ?"),
            (&f.until, " AND e.date <= ?"),
            (&f.status, " AND e.status = ?"),
        ] {
            if let Some(v) = value {
                from += clause;
                args.push(Value::Text(v.to_uppercase_if(clause.contains("type"))));
            }
        }
        if let Some(place) = &f.place {
            // "Gaza" finds the events placed in "Gaza Strip": every name and alias of the
            // places and countries the word names.
            let names = self.place_names(place)?;
            let marks = vec!["?"; names.len()].join(",");
            from += &format!(" AND e.place COLLATE NOCASE IN ({marks})");
            args.extend(names.into_iter().map(Value::Text));
        }
        Ok((from, args))
    }

    fn events_query(&self, f: &Filters) -> Result<Select<'static>> {
        let (filter, args) = self.event_filter(f)?;
        let from = format!("FROM events e WHERE 1=1{filter}");
        let select = Select {
            columns: &[
                "event",
                "date",
                "type",
                "mode",
                "cameo",
                "actors",
                "recipients",
                "place",
                "status",
                "mentions",
                "sources",
                "articles",
                "reported in",
            ],
            fields: concat!(
                "e.id, COALESCE(e.date, ''), e.type, COALESCE(e.mode, ''), COALESCE(e.cameo, ''),
               (SELECT group_concat(n.name, '; ') FROM event_participants p JOIN entities n ON n.id = p.entity WHERE p.event = e.id AND p.role = 'actor'),
               (SELECT group_concat(n.name, '; ') FROM event_participants p JOIN entities n ON n.id = p.entity WHERE p.event = e.id AND p.role = 'recipient'),
               COALESCE(e.place, ''), e.status,
               (SELECT COUNT(*) FROM event_mentions m WHERE m.event = e.id),
",
               event_sources!(),
               ",
               (SELECT COUNT(DISTINCT m.article) FROM event_mentions m WHERE m.event = e.id),
               (SELECT group_concat(DISTINCT a.record_id) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id)"),
            from,
            group: "",
            order: " ORDER BY e.date IS NULL, e.date, e.id",
            args,
            count_from: None,
        };
        Ok(select)
    }

    /// Every actor with the number of articles and mentions, most written about first (the
    /// counts are kept with each entity as articles are stored).
    pub fn actors(&self, f: &Filters) -> Result<Table> {
        let select = self.actors_query(f)?;
        self.select(select, f)
    }

    fn actors_query(&self, _: &Filters) -> Result<Select<'static>> {
        let select = Select {
            columns: &[
                "name", "kind", "code", "country", "articles", "mentions", "aliases",
            ],
            fields: "n.name, n.kind, COALESCE(n.code, ''), COALESCE(n.country, ''), n.articles, n.mentions,
                (SELECT group_concat(alias, '; ') FROM aliases WHERE entity = n.id AND alias <> n.name)",
            from: "FROM entities n".to_string(),
            group: "",
            order: " ORDER BY n.articles DESC, n.name",
            args: Vec::new(),
            count_from: None,
        };
        Ok(select)
    }

    /// Figures grouped by kind, side and object, in as-of order, with the source of each value;
    /// values on the same date from different outlets that disagree are flagged.
    pub fn figures(&self, f: &Filters) -> Result<Table> {
        let select = self.figures_query(f)?;
        self.select(select, f)
    }

    fn figures_query(&self, f: &Filters) -> Result<Select<'static>> {
        let (from, args) = figures_from(f);
        let select = Select {
            columns: &[
                "kind",
                "country",
                "object",
                "as of",
                "qualifier",
                "count",
                "unit",
                "source",
                "outlet",
                "article",
                "event",
                "flag",
            ],
            fields: concat!(
                "f.kind, COALESCE(f.country, ''), COALESCE(f.object, ''), COALESCE(f.as_of, ''), f.qualifier,
                COALESCE(f.count, f.low, f.high), f.unit, COALESCE(f.source, ''), COALESCE(a.outlet, a.source, a.path, ''), a.record_id,
                f.event,
                ",
                figure_disagrees!()
            ),
            from,
            group: "",
            order: " ORDER BY f.kind, f.country, f.object, f.as_of",
            args,
            count_from: None,
        };
        Ok(select)
    }

    pub fn quotes(&self, f: &Filters) -> Result<Table> {
        let select = self.quotes_query(f)?;
        self.select(select, f)
    }

    fn quotes_query(&self, f: &Filters) -> Result<Select<'static>> {
        // Without a speaker, articles are walked in date order (CROSS JOIN fixes the order of
        // the join) so the first page needs no sort of every quote; with one, that speaker's
        // quotes are found first through their index.
        let (from, count_from) = match self.actor_ids(f)? {
            Some(ids) => {
                let list = id_list(&ids);
                (
                    format!("FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN entities n ON n.id = q.speaker WHERE q.speaker IN ({list})"),
                    format!("FROM quotes q WHERE q.speaker IN ({list})"),
                )
            }
            None => (
                "FROM articles a CROSS JOIN quotes q ON a.id = q.article LEFT JOIN entities n ON n.id = q.speaker".to_string(),
                "FROM quotes q".to_string(),
            ),
        };
        let select = Select {
            columns: &["speaker", "direct", "text", "published", "article"],
            fields: "COALESCE(n.name, q.speaker_text, ''), CASE q.direct WHEN 1 THEN 'true' ELSE 'false' END, q.text,
                COALESCE(a.published, ''), a.record_id",
            from,
            group: "",
            order: " ORDER BY a.published, a.id, q.start",
            args: Vec::new(),
            count_from: Some(count_from),
        };
        Ok(select)
    }

    pub fn stances(&self, f: &Filters) -> Result<Table> {
        let select = self.stances_query(f)?;
        self.select(select, f)
    }

    fn stances_query(&self, f: &Filters) -> Result<Select<'static>> {
        let (from, args) = self.stances_from(f)?;
        let select = Select {
            columns: &["actor", "issue", "stance", "articles", "first", "last"],
            fields: "n.name, s.issue, s.stance, COUNT(DISTINCT s.article), MIN(COALESCE(a.published, '')), MAX(COALESCE(a.published, ''))",
            from,
            group: " GROUP BY n.id, s.issue, s.stance",
            order: " ORDER BY s.issue, COUNT(DISTINCT s.article) DESC",
            args,
            count_from: None,
        };
        Ok(select)
    }

    /// An actor's events, quotations and stances in date order.
    pub fn timeline(&self, f: &Filters) -> Result<Table> {
        let select = self.timeline_query(f)?;
        self.select(select, f)
    }

    fn timeline_query(&self, f: &Filters) -> Result<Select<'static>> {
        let ids = self.actor_ids(f)?.unwrap_or_default();
        let list = id_list(&ids);
        let select = Select {
            columns: &["date", "what", "detail", "article"],
            fields: "date, what, detail, article",
            from: format!(
                "FROM (
               SELECT COALESCE(e.date, '') AS date, 'event ' || e.type AS what,
                  COALESCE(e.text, '') AS detail,
                  (SELECT group_concat(DISTINCT a.record_id) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id) AS article
               FROM events e WHERE e.id IN (SELECT event FROM event_participants WHERE entity IN ({list}))
               UNION ALL
               SELECT COALESCE(a.published, ''), 'quote', q.text, a.record_id FROM quotes q JOIN articles a ON a.id = q.article WHERE q.speaker IN ({list})
               UNION ALL
               SELECT COALESCE(a.published, ''), 'stance ' || s.stance, s.issue, a.record_id FROM stances s JOIN articles a ON a.id = s.article WHERE s.entity IN ({list})
             )"
            ),
            group: "",
            order: " ORDER BY date = '', date",
            args: Vec::new(),
            count_from: None,
        };
        Ok(select)
    }
}

/// Entity ids from this database, joined for an `IN (...)`: integers, so splicing them is safe.
/// The figures `f` of articles `a` a filter keeps (kind, country), with their parameters.
fn figures_from(f: &Filters) -> (String, Vec<Value>) {
    let mut from = String::from("FROM figures f JOIN articles a ON a.id = f.article WHERE 1=1");
    let mut args = Vec::new();
    if let Some(k) = &f.kind {
        from += " AND f.kind = ?";
        args.push(Value::Text(k.to_uppercase()));
    }
    if let Some(c) = &f.country {
        from += " AND f.country = ?";
        args.push(Value::Text(c.to_uppercase()));
    }
    (from, args)
}

impl Store {
    /// The stances `s` (with entity `n` and article `a`) a filter keeps (issue, actor), with
    /// their parameters.
    fn stances_from(&self, f: &Filters) -> Result<(String, Vec<Value>)> {
        let mut from = String::from(
            "FROM stances s JOIN entities n ON n.id = s.entity JOIN articles a ON a.id = s.article WHERE 1=1",
        );
        let mut args = Vec::new();
        if let Some(i) = &f.issue {
            from += " AND s.issue = ? COLLATE NOCASE";
            args.push(Value::Text(i.clone()));
        }
        if let Some(ids) = self.actor_ids(f)? {
            from += &format!(" AND s.entity IN ({})", id_list(&ids));
        }
        Ok((from, args))
    }
}

/// A raw search's SQLite complaint as a mistake in the query (it is the user's FTS5 syntax).
fn search_error(e: Error, query: &str, raw: bool) -> Error {
    match e {
        Error::Sql(rusqlite::Error::SqliteFailure(_, Some(reason))) if raw => Error::SearchSyntax {
            query: query.to_string(),
            reason,
        },
        other => other,
    }
}

/// The FTS5 query a search runs: as written with `raw`, else the words (None: nothing to find).
fn fts_query(query: &str, raw: bool) -> Option<String> {
    match raw {
        true => Some(query.to_string()),
        false => fts_words(query),
    }
}

fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

fn limit_clause(f: &Filters) -> String {
    match (f.limit, f.offset) {
        (Some(l), Some(o)) => format!(" LIMIT {l} OFFSET {o}"),
        (Some(l), None) => format!(" LIMIT {l}"),
        (None, Some(o)) => format!(" LIMIT -1 OFFSET {o}"),
        (None, None) => String::new(),
    }
}

fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

trait Upper {
    fn to_uppercase_if(&self, yes: bool) -> String;
}

impl Upper for String {
    fn to_uppercase_if(&self, yes: bool) -> String {
        if yes {
            self.to_uppercase()
        } else {
            self.clone()
        }
    }
}

/// What a query column holds, by its name: the one rule by which JSON rows and Parquet files
/// type it. Counts (`mentions`, `sources`, `articles`, `events`, …) are integers, figure values
/// numbers, `direct` and `directed` booleans; `actors`, `recipients` and `aliases` (kept as
/// "a; b") and `reported in` ("a,b") are lists. Article ids stay strings, as in the records,
/// even when they are digits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ColumnKind {
    /// Items separated by this character.
    List(char),
    Bool,
    Int,
    Float,
    Text,
}

pub(crate) fn column_kind(column: &str) -> ColumnKind {
    match column {
        "actors" | "recipients" | "aliases" => ColumnKind::List(';'),
        "reported in" => ColumnKind::List(','),
        "direct" | "directed" => ColumnKind::Bool,
        "event" | "mentions" | "sources" | "articles" | "events" | "event count"
        | "quote count" | "figure count" | "source mentions" | "target mentions" => ColumnKind::Int,
        "count" | "low" | "high" => ColumnKind::Float,
        _ => ColumnKind::Text,
    }
}

/// The items of a list cell.
pub(crate) fn list_items(cell: &str, separator: char) -> impl Iterator<Item = &str> {
    cell.split(separator)
        .map(str::trim)
        .filter(|x| !x.is_empty())
}

/// One cell as JSON, typed by its column (`column_kind`); an empty cell is null, an empty list
/// an empty array, and a cell that does not parse as its kind stays a string.
fn typed(column: &str, cell: &str) -> serde_json::Value {
    use serde_json::Value;
    match column_kind(column) {
        ColumnKind::List(sep) => Value::Array(
            list_items(cell, sep)
                .map(|x| Value::String(x.to_string()))
                .collect(),
        ),
        _ if cell.is_empty() => Value::Null,
        ColumnKind::Bool => Value::Bool(cell == "true"),
        ColumnKind::Int => cell
            .parse::<i64>()
            .map_or_else(|_| Value::String(cell.to_string()), Value::from),
        ColumnKind::Float => cell
            .parse::<f64>()
            .map_or_else(|_| Value::String(cell.to_string()), Value::from),
        ColumnKind::Text => Value::String(cell.to_string()),
    }
}

/// The FTS5 query for words typed as they come: each "quoted phrase" and each word outside
/// quotes becomes a phrase of its own (FTS5 splits it with the index's own tokenizer, so "U.N."
/// and "cease-fire" match as written), all of them required. An unmatched quote is only
/// punctuation. None when nothing in the query has a letter or digit.
pub fn fts_words(query: &str) -> Option<String> {
    let mut pieces: Vec<String> = Vec::new();
    let mut rest = query;
    while !rest.is_empty() {
        let (outside, inside) = match rest.split_once('"') {
            // A phrase only when its closing quote follows; a last odd quote is punctuation.
            Some((before, after)) if after.contains('"') => {
                let (phrase, next) = after.split_once('"').unwrap_or((after, ""));
                rest = next;
                (before, Some(phrase))
            }
            _ => {
                let all = rest;
                rest = "";
                (all, None)
            }
        };
        pieces.extend(outside.split_whitespace().map(str::to_string));
        pieces.extend(inside.map(str::to_string));
    }
    let phrases: Vec<String> = pieces
        .iter()
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .map(|p| format!("\"{}\"", p.replace('"', "")))
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

#[cfg(test)]
mod tests {
    use super::fts_words;
    use crate::Store;
    use dateline_core::Record;

    /// The first page of each listing a user opens with comes from an index in order: no sort
    /// of every row (what made `quotes` slow on 100,000 articles), whatever the store holds.
    /// `actors` picks its top rows from the entity table itself, where the counts are kept.
    #[test]
    fn first_pages_are_read_in_index_order_not_sorted() {
        let dir = std::env::temp_dir().join(format!("dateline-plan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("plan.db")).unwrap();
        let page = super::Filters {
            limit: Some(40),
            ..Default::default()
        };
        let kill = super::Filters {
            kind: Some("KILL".into()),
            ..page.clone()
        };
        let queries = [
            ("events", store.events_query(&page).unwrap(), &page),
            ("figures", store.figures_query(&page).unwrap(), &page),
            (
                "figures --kind KILL",
                store.figures_query(&kill).unwrap(),
                &kill,
            ),
            ("quotes", store.quotes_query(&page).unwrap(), &page),
        ];
        for (name, select, filters) in queries {
            let plan: Vec<String> = store
                .connection()
                .prepare(&format!("EXPLAIN QUERY PLAN {}", select.sql(filters)))
                .unwrap()
                .query_map(rusqlite::params_from_iter(select.args.clone()), |r| {
                    r.get::<_, String>(3)
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            assert!(
                !plan.iter().any(|step| step.contains("B-TREE FOR ORDER BY")),
                "{name} sorts every row: {plan:#?}"
            );
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    /// A new, empty store in a folder of its own (removed by the test when it ends).
    fn fresh_store(name: &str) -> (std::path::PathBuf, Store) {
        let dir = std::env::temp_dir().join(format!("dateline-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join(format!("{name}.db"))).unwrap();
        (dir, store)
    }

    /// A limited listing says how many rows matched in all (the "N more" of a terminal), and
    /// the counts kept with each actor follow what is stored.
    #[test]
    fn a_page_knows_how_many_rows_matched() {
        let (dir, mut store) = fresh_store("page");
        let entity = |id: &str, key: &str, name: &str| dateline_core::Entity {
            id: id.into(),
            kind: "person".into(),
            name: name.into(),
            aliases: vec![],
            roles: vec![],
            country: None,
            sector: None,
            code: None,
            mentions: vec![dateline_core::Span(0, 1), dateline_core::Span(2, 3)],
            key: Some(key.into()),
        };
        let records: Vec<Record> = (0..3)
            .map(|i| Record {
                id: format!("a{i}"),
                text: format!("Story {i} about Amina Kiprop and Daniel Mwangi."),
                language: "en".into(),
                entities: if i == 0 {
                    vec![entity("e1", "person:k", "Amina Kiprop")]
                } else {
                    vec![
                        entity("e1", "person:k", "Amina Kiprop"),
                        entity("e2", "person:m", "Daniel Mwangi"),
                    ]
                },
                ..Record::default()
            })
            .collect();
        store.ingest(&records).unwrap();
        let page = super::Filters {
            limit: Some(1),
            ..Default::default()
        };
        let actors = store.actors(&page).unwrap();
        assert_eq!(actors.total, Some(2));
        assert_eq!(
            actors.rows,
            vec![vec!["Amina Kiprop", "person", "", "", "3", "6", ""]]
        );
        assert_eq!(
            store.actors(&super::Filters::default()).unwrap().total,
            None
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_table_fits_a_terminal_and_stays_whole_elsewhere() {
        let table = super::Table {
            total: None,
            columns: vec!["date".into(), "actors".into(), "text".into()],
            rows: vec![vec![
                "2024-01-23".into(),
                "Tamsin Okoro; Daniel Mwangi".into(),
                "A quotation long enough to need cutting on any narrow terminal screen".into(),
            ]],
        };
        let narrow = table.text_within(Some(50));
        assert!(narrow.lines().all(|l| l.chars().count() <= 50), "{narrow}");
        assert!(narrow.contains('…'), "{narrow}");
        let whole = table.text_within(None);
        assert!(whole.contains("any narrow terminal screen"), "{whole}");
    }

    #[test]
    fn words_as_written_become_required_phrases() {
        assert_eq!(fts_words("U.N.").as_deref(), Some("\"U.N.\""));
        assert_eq!(fts_words("Erdogan's").as_deref(), Some("\"Erdogan's\""));
        assert_eq!(fts_words("\"Security").as_deref(), Some("\"Security\""));
        assert_eq!(fts_words("cease-fire").as_deref(), Some("\"cease-fire\""));
        assert_eq!(
            fts_words("\"humanitarian truce\" Gaza").as_deref(),
            Some("\"humanitarian truce\" \"Gaza\"")
        );
        assert_eq!(fts_words("*"), None);
        assert_eq!(fts_words("  -- . ''"), None);
    }

    /// Any string searches (rows or none), never an SQL error: a deterministic spread of
    /// printable and odd characters, FTS5 operators among them.
    #[test]
    fn any_string_searches_without_an_sql_error() {
        let (dir, mut store) = fresh_store("search");
        let record = Record {
            id: "a1".into(),
            text: "The U.N. called for a cease-fire; Erdogan's aides met the Security Council."
                .into(),
            language: "en".into(),
            ..Record::default()
        };
        store.ingest(&[record]).unwrap();
        for query in ["U.N.", "Erdogan's", "\"Security", "cease-fire", "Council"] {
            let found = store.search(query, 5, false).unwrap();
            assert_eq!(found.rows.len(), 1, "{query}");
        }
        let alphabet: Vec<char> = "aZ9 .,'\"*-+:^()NEAROT{}[]~\\/éß€\t".chars().collect();
        let mut seed: u64 = 0x9e37_79b9;
        for _ in 0..2000 {
            let len = (seed % 12) as usize;
            let query: String = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            assert!(store.search(&query, 5, false).is_ok(), "{query:?}");
        }
        let bad = store.search("\"unclosed", 5, true).unwrap_err().to_string();
        assert!(bad.contains("not valid full-text syntax"), "{bad}");
        assert_eq!(bad.matches("unterminated").count(), 1, "{bad}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// One event, many reports: the store's merging across outlets, on made-up stories.
#[cfg(test)]
mod merging_tests {
    use super::*;
    use dateline_core::{Entity, Event, EventStatus, Record, Source, Span, TimeExpr};

    pub(super) fn person(id: &str, key: &str, name: &str, mentions: usize) -> Entity {
        Entity {
            id: id.into(),
            kind: "person".into(),
            name: name.into(),
            aliases: vec![],
            roles: vec![],
            country: None,
            sector: None,
            code: None,
            mentions: vec![Span(0, 1); mentions],
            key: Some(key.into()),
        }
    }

    /// A report of a call between e1 and e2 from `url`, on `date` or on the weekday `hint`.
    fn report(
        id: &str,
        url: &str,
        published: Option<&str>,
        date: Option<&str>,
        hint: Option<&str>,
        people: Vec<Entity>,
    ) -> Record {
        let text = format!("Report {id}: the two leaders held a call on Thursday.");
        let times = hint
            .map(|h| TimeExpr {
                span: Span(35, 43),
                text: String::new(),
                kind: "DATE".into(),
                value: Some(h.into()),
                anchor: None,
            })
            .into_iter()
            .collect();
        let ids: Vec<String> = people.iter().map(|e| e.id.clone()).collect();
        Record {
            id: id.into(),
            source: Source {
                url: Some(url.into()),
                ..Source::default()
            },
            published: published.map(String::from),
            language: "en".into(),
            events: vec![Event {
                id: "v1".into(),
                kind: "CONSULT".into(),
                mode: Some("call".into()),
                cameo: Some("040".into()),
                actors: ids,
                recipients: vec![],
                place: None,
                date: date.map(String::from),
                date_basis: None,
                span: Span(0, text.len()),
                status: EventStatus::Occurred,
            }],
            entities: people,
            times,
            text,
            ..Record::default()
        }
    }

    fn leaders() -> Vec<Entity> {
        vec![
            person("e1", "person:mn|krp", "Amina Kiprop", 3),
            person("e2", "person:dnl|mwng", "Daniel Mwangi", 2),
        ]
    }

    /// A record naming only the given people, one mention each beyond their count.
    fn naming(id: &str, people: Vec<Entity>) -> Record {
        Record {
            id: id.into(),
            text: format!("Story {id}."),
            language: "en".into(),
            entities: people,
            ..Record::default()
        }
    }

    #[test]
    fn a_bare_surname_joins_the_person_spelled_so_not_one_keyed_alike() {
        let dir = std::env::temp_dir().join(format!("dateline-names-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open(&dir.join("n.db")).unwrap();
        // "Regan" and "Reagan" share a spelling key; only the name as written tells them apart.
        store
            .ingest(&[
                naming(
                    "a",
                    vec![person("e1", "person:dnld|rgn", "Donald Regan", 3)],
                ),
                naming(
                    "b",
                    vec![person("e1", "person:dnld|rgn", "Donald Regan", 3)],
                ),
                naming(
                    "c",
                    vec![person("e1", "person:rnld|rgn", "Ronald Reagan", 1)],
                ),
                naming("d", vec![person("e1", "person:|rgn", "Reagan", 2)]),
            ])
            .unwrap();
        let actors = store.actors(&Filters::default()).unwrap();
        let articles = |name: &str| {
            actors
                .rows
                .iter()
                .find(|r| r[0] == name)
                .map(|r| r[4].clone())
        };
        assert_eq!(
            articles("Ronald Reagan").as_deref(),
            Some("2"),
            "{:?}",
            actors.rows
        );
        assert_eq!(articles("Donald Regan").as_deref(), Some("2"));
        assert_eq!(articles("Reagan"), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn reports_of_one_call_from_three_outlets_are_one_event_with_three_sources() {
        let dir = std::env::temp_dir().join(format!("dateline-merge-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open(&dir.join("m.db")).unwrap();
        let bare = vec![
            person("e1", "person:|krp", "Kiprop", 2),
            person("e2", "person:dnl|mwng", "Daniel Mwangi", 2),
        ];
        store
            .ingest(&[
                report(
                    "a",
                    "https://www.first.example.com/x",
                    Some("2024-03-08"),
                    Some("2024-03-07"),
                    None,
                    leaders(),
                ),
                report(
                    "b",
                    "https://news.second.example.org/y",
                    Some("2024-03-07"),
                    Some("2024-03-07"),
                    None,
                    leaders(),
                ),
                // An undated report whose "Thursday" fits 2024-03-07, naming one by surname.
                report(
                    "c",
                    "https://third.example.co.uk/z",
                    None,
                    None,
                    Some("XXXX-WXX-4"),
                    bare,
                ),
                // The same leaders' call a year later, and an undated report of a Tuesday.
                report(
                    "d",
                    "https://www.first.example.com/w",
                    Some("2025-03-04"),
                    Some("2025-03-04"),
                    None,
                    leaders(),
                ),
                report(
                    "e",
                    "https://fourth.example.net/v",
                    None,
                    None,
                    Some("XXXX-WXX-2"),
                    leaders(),
                ),
            ])
            .unwrap();
        let events = store.events(&Filters::default()).unwrap();
        let column = |name: &str| events.columns.iter().position(|c| c == name).unwrap();
        let rows: Vec<(String, String, String)> = events
            .rows
            .iter()
            .map(|r| {
                (
                    r[column("date")].clone(),
                    r[column("sources")].clone(),
                    r[column("reported in")].clone(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                ("2024-03-07".into(), "3".into(), "a,b,c".into()),
                ("2025-03-04".into(), "2".into(), "d,e".into()),
            ]
        );
        // Each report of the first event, with its outlet and the sentence that tells it.
        let reports = store.event_reports(&Filters::default()).unwrap();
        let at = |name: &str| reports.columns.iter().position(|c| c == name).unwrap();
        let outlets: Vec<&str> = reports.rows[..3]
            .iter()
            .map(|r| r[at("outlet")].as_str())
            .collect();
        assert_eq!(outlets, ["example.org", "example.com", "example.co.uk"]);
        assert!(reports
            .rows
            .iter()
            .all(|r| r[at("evidence")].ends_with("held a call on Thursday.")));
        assert_eq!(reports.rows[2][at("reported date")], "");
        // "Kiprop" was filed under the full name, not as a person of its own.
        let actors = store.actors(&Filters::default()).unwrap();
        assert!(
            actors.rows.iter().all(|r| r[0] != "Kiprop"),
            "{:?}",
            actors.rows
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The tolls of one event from several outlets, side by side.
#[cfg(test)]
mod event_figures_tests {
    use super::*;
    use dateline_core::{Event, EventStatus, Figure, Record, Source, Span};

    /// A report of an attack on Governor Kiprop with its toll, from `url`.
    fn attack(id: &str, url: &str, killed: f64) -> Record {
        let text = format!("Gunmen attacked the convoy of Governor Amina Kiprop on Monday, killing {killed} people.");
        let figure_at = text.find("killing").unwrap();
        Record {
            id: id.into(),
            source: Source {
                url: Some(url.into()),
                ..Source::default()
            },
            published: Some("2024-05-06".into()),
            language: "en".into(),
            entities: vec![super::merging_tests::person(
                "e1",
                "person:mn|krp",
                "Amina Kiprop",
                1,
            )],
            events: vec![Event {
                id: "v1".into(),
                kind: "ASSAULT".into(),
                mode: None,
                cameo: Some("190".into()),
                actors: vec![],
                recipients: vec!["e1".into()],
                place: None,
                date: Some("2024-05-06".into()),
                date_basis: None,
                span: Span(0, text.len()),
                status: EventStatus::Occurred,
            }],
            figures: vec![Figure {
                span: Span(figure_at, text.len() - 1),
                kind: "KILL".into(),
                count: Some(killed),
                low: None,
                high: None,
                qualifier: "exact".into(),
                unit: "people".into(),
                object: Some("people".into()),
                country: None,
                source: None,
                source_entity: None,
                as_of: None,
                evidence: Span(0, text.len()),
                gkg: None,
            }],
            text,
            ..Record::default()
        }
    }

    #[test]
    fn one_attack_told_by_two_outlets_keeps_both_tolls_and_flags_them() {
        let dir = std::env::temp_dir().join(format!("dateline-tolls-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = Store::open(&dir.join("t.db")).unwrap();
        store
            .ingest(&[
                attack("a", "https://one.example.com/a", 3.0),
                attack("b", "https://two.example.org/b", 4.0),
            ])
            .unwrap();
        let reports = store.event_reports(&Filters::default()).unwrap();
        let at = |name: &str| reports.columns.iter().position(|c| c == name).unwrap();
        let tolls: Vec<(&str, &str)> = reports
            .rows
            .iter()
            .map(|r| (r[at("outlet")].as_str(), r[at("figures")].as_str()))
            .collect();
        assert_eq!(
            tolls,
            [
                ("example.com", "kill exact 3"),
                ("example.org", "kill exact 4")
            ]
        );
        let figures = store.figures(&Filters::default()).unwrap();
        let flag = figures.columns.iter().position(|c| c == "flag").unwrap();
        let event = figures.columns.iter().position(|c| c == "event").unwrap();
        assert!(
            figures.rows.iter().all(|r| r[flag] == "disagrees"),
            "{:?}",
            figures.rows
        );
        assert_eq!(figures.rows[0][event], figures.rows[1][event]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
