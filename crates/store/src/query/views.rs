//! Queries for the server's views: who did what to whom (the actor network), every figure as a
//! point of its series, the evidence behind each stance, and the facets of a search. Each is a
//! table like the query commands' tables, so the API serves them as JSON rows too.

use super::{figures_from, fts_query, id_list, search_error, Filters, Select, Table};
use crate::{Result, Store};
use rusqlite::types::Value;

/// Matches a search counts facets over at most: a word found in every article of a large
/// store still answers quickly, and the page says the counts are of the first matches.
pub const FACET_MATCHES: usize = 10_000;

/// What a search page narrows its matches by (empty fields do not narrow).
#[derive(Debug, Clone, Default)]
pub struct Narrowing {
    pub since: Option<String>,
    pub until: Option<String>,
    pub outlet: Option<String>,
    pub actor: Option<String>,
    pub actor_keys: Vec<String>,
    pub kind: Option<String>,
    pub place: Option<String>,
}

impl Store {
    /// Dated events, the latest first (the overview's timeline); the count is of all events.
    pub fn latest_events(&self, f: &Filters) -> Result<Table> {
        let mut select = self.events_query(f)?;
        select.count_from = Some(select.from.clone());
        // Undated events are left out, so the date index read backwards gives the order.
        select.from += " AND e.date IS NOT NULL";
        select.order = " ORDER BY e.date IS NULL DESC, e.date DESC, e.id DESC";
        self.select(select, f)
    }

    /// Stored articles, the most recently published first: id, title, date, outlet, url and
    /// how many events, quotations and figures each holds.
    pub fn articles(&self, f: &Filters) -> Result<Table> {
        let select = Select {
            columns: &[
                "article",
                "title",
                "published",
                "outlet",
                "url",
                "event count",
                "quote count",
                "figure count",
            ],
            fields: "a.record_id, COALESCE(a.title, ''), COALESCE(a.published, ''), COALESCE(a.outlet, a.source, a.path, ''),
                COALESCE(a.url, ''),
                (SELECT COUNT(DISTINCT m.event) FROM event_mentions m WHERE m.article = a.id),
                (SELECT COUNT(*) FROM quotes q WHERE q.article = a.id),
                (SELECT COUNT(*) FROM figures g WHERE g.article = a.id)",
            from: "FROM articles a".to_string(),
            group: "",
            // Undated articles sort last (NULL is least), and the publication index read
            // backwards gives the order: a first page reads a page of rows.
            order: " ORDER BY a.published DESC, a.id DESC",
            args: Vec::new(),
            count_from: None,
        };
        self.select(select, f)
    }

    /// Pairs of actors with the events between them, by event type: the one who acted and the
    /// one acted on (`directed`), or two who acted together (talks, a clash), each pair once.
    /// Filters: actor (either side), type, since, until, place, status.
    pub fn network(&self, f: &Filters) -> Result<Table> {
        let (filter, args) = self.event_filter(f)?;
        let select = Select {
            columns: &[
                "source", "target", "type", "events", "directed", "source mentions",
                "target mentions", "source kind", "target kind",
            ],
            fields: "s.name, t.name, e.type, COUNT(DISTINCT e.id), CASE r.role WHEN 'recipient' THEN 'true' ELSE 'false' END,
                s.mentions, t.mentions, s.kind, t.kind",
            from: format!(
                "FROM events e JOIN event_participants p ON p.event = e.id AND p.role = 'actor'
                 JOIN event_participants r ON r.event = e.id
                   AND (r.role = 'recipient' OR (r.role = 'actor' AND r.entity > p.entity)) AND r.entity <> p.entity
                 JOIN entities s ON s.id = p.entity JOIN entities t ON t.id = r.entity WHERE 1=1{filter}"
            ),
            group: " GROUP BY p.entity, r.entity, e.type, r.role",
            order: " ORDER BY COUNT(DISTINCT e.id) DESC, s.mentions + t.mentions DESC, s.name, t.name",
            args,
            count_from: None,
        };
        self.select(select, f)
    }

    /// Every figure as a point of its series (kind and side), dated by its as-of date or else
    /// by its story's publication date, with who gave it (the source named, else the outlet).
    /// Filters: kind, country.
    pub fn figure_points(&self, f: &Filters) -> Result<Table> {
        let (from, args) = figures_from(f);
        let fields = format!(
            "f.kind, COALESCE(f.country, ''), COALESCE(f.object, ''),
             COALESCE(f.as_of, substr(a.published, 1, 10), ''),
             CASE WHEN f.as_of IS NOT NULL THEN 'as of' WHEN a.published IS NOT NULL THEN 'published' ELSE '' END,
             f.qualifier, COALESCE(f.count, f.low, f.high), f.unit,
             COALESCE(f.source, a.outlet, a.source, a.path, ''), COALESCE(a.outlet, a.source, a.path, ''),
             a.record_id, COALESCE(f.event, ''), {}",
            figure_disagrees!()
        );
        let select = Select {
            columns: &[
                "kind",
                "country",
                "object",
                "date",
                "dated by",
                "qualifier",
                "count",
                "unit",
                "given by",
                "outlet",
                "article",
                "event",
                "flag",
            ],
            fields: &fields,
            from,
            group: "",
            order: " ORDER BY f.kind, f.country, 4, f.rowid",
            args,
            count_from: None,
        };
        self.select(select, f)
    }

    /// Each stance with the sentence it was read from and its article. Filters: actor, issue.
    pub fn stance_evidence(&self, f: &Filters) -> Result<Table> {
        let (from, args) = self.stances_from(f)?;
        let select = Select {
            columns: &[
                "actor",
                "issue",
                "stance",
                "evidence",
                "published",
                "article",
            ],
            // Spans are byte offsets: the text is cut as bytes, then read as text again.
            fields: "n.name, s.issue, s.stance,
                COALESCE(CAST(substr(CAST(a.text AS BLOB), s.start + 1, s.end - s.start) AS TEXT), ''),
                COALESCE(a.published, ''), a.record_id",
            from,
            group: "",
            order: " ORDER BY s.issue, n.name, a.published IS NULL, a.published, a.id, s.start",
            args,
            count_from: None,
        };
        self.select(select, f)
    }

    /// The matches of a full-text search (words, or FTS5 with `raw`, as `search` takes them)
    /// narrowed by date, outlet, actor, event type and place, best first, with snippets marked
    /// as `search_marked` marks them, and the number of matches in all.
    pub fn search_narrowed(
        &self,
        query: &str,
        raw: bool,
        narrow: &Narrowing,
        limit: usize,
        marks: (&str, &str),
    ) -> Result<Table> {
        let Some(fts) = fts_query(query, raw) else {
            return self.search_marked(query, limit, raw, marks);
        };
        self.narrowed_matches(&fts, narrow, limit, marks)
            .map_err(|e| search_error(e, query, raw))
    }

    fn narrowed_matches(
        &self,
        fts: &str,
        narrow: &Narrowing,
        limit: usize,
        marks: (&str, &str),
    ) -> Result<Table> {
        let (filter, args) = self.narrowing(narrow)?;
        let mut counted = vec![Value::Text(fts.to_string())];
        counted.extend(args);
        let mut listed = vec![
            Value::Text(marks.0.to_string()),
            Value::Text(marks.1.to_string()),
        ];
        listed.extend(counted.iter().cloned());
        listed.push(Value::Integer(limit as i64));
        let sql = format!(
            "SELECT a.record_id, COALESCE(a.title, ''), COALESCE(a.published, ''), COALESCE(a.outlet, a.path, ''),
                    snippet(articles_fts, 1, ?, ?, '…', 14)
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?{filter} ORDER BY rank LIMIT ?"
        );
        let columns = ["article", "title", "published", "source", "snippet"];
        let mut table = self.table(&sql, listed, &columns)?;
        let count = format!(
            "SELECT COUNT(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?{filter}"
        );
        let total: i64 =
            self.connection()
                .query_row(&count, rusqlite::params_from_iter(counted), |r| r.get(0))?;
        table.total = Some(total as usize);
        Ok(table)
    }

    /// The facets of a narrowed search: for each of month, outlet, actor, event type and
    /// place, its most frequent values among the first `FACET_MATCHES` matches and how many
    /// matching articles have each.
    pub fn search_facets(
        &self,
        query: &str,
        raw: bool,
        narrow: &Narrowing,
        per_facet: usize,
    ) -> Result<Table> {
        let mut table = Table {
            columns: vec!["facet".into(), "value".into(), "articles".into()],
            rows: Vec::new(),
            total: None,
        };
        let Some(fts) = fts_query(query, raw) else {
            return Ok(table);
        };
        self.facet_counts(&fts, narrow, per_facet, &mut table)
            .map_err(|e| search_error(e, query, raw))?;
        Ok(table)
    }

    fn facet_counts(
        &self,
        fts: &str,
        narrow: &Narrowing,
        per_facet: usize,
        table: &mut Table,
    ) -> Result<()> {
        let (filter, args) = self.narrowing(narrow)?;
        let hits = format!(
            "WITH hits AS (SELECT a.id AS id, a.published AS published, COALESCE(a.source, a.outlet, a.path, '') AS outlet
               FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
               WHERE articles_fts MATCH ?{filter} LIMIT {FACET_MATCHES})"
        );
        let facets = [
            ("month", "SELECT substr(published, 1, 7), COUNT(*) FROM hits WHERE published IS NOT NULL GROUP BY 1"),
            ("outlet", "SELECT outlet, COUNT(*) FROM hits WHERE outlet <> '' GROUP BY 1"),
            ("actor", "SELECT n.name, COUNT(*) FROM hits h JOIN entity_mentions m ON m.article = h.id
                JOIN entities n ON n.id = m.entity WHERE n.kind IN ('person', 'organization', 'group', 'country') GROUP BY n.id"),
            ("type", "SELECT e.type, COUNT(DISTINCT h.id) FROM hits h JOIN event_mentions m ON m.article = h.id
                JOIN events e ON e.id = m.event GROUP BY e.type"),
            ("place", "SELECT e.place, COUNT(DISTINCT h.id) FROM hits h JOIN event_mentions m ON m.article = h.id
                JOIN events e ON e.id = m.event WHERE e.place IS NOT NULL GROUP BY e.place"),
        ];
        for (facet, counts) in facets {
            // Months read best in order; the other facets most frequent first.
            let order = match facet {
                "month" => "1 DESC",
                _ => "2 DESC, 1",
            };
            let sql = format!("{hits} {counts} ORDER BY {order} LIMIT {per_facet}");
            let mut all = vec![Value::Text(fts.to_string())];
            all.extend(args.iter().cloned());
            let part = self.table(&sql, all, &["value", "articles"])?;
            for row in part.rows {
                table
                    .rows
                    .push(vec![facet.to_string(), row[0].clone(), row[1].clone()]);
            }
        }
        Ok(())
    }

    /// The conditions a narrowing puts on the matched articles `a`, with their parameters.
    fn narrowing(&self, n: &Narrowing) -> Result<(String, Vec<Value>)> {
        let mut sql = String::new();
        let mut args = Vec::new();
        // A month or a day: "2024-01" reaches to the month's last day.
        if let Some(since) = &n.since {
            sql += " AND a.published >= ?";
            args.push(Value::Text(since.clone()));
        }
        if let Some(until) = &n.until {
            sql += " AND a.published < ?";
            args.push(Value::Text(format!("{until}\u{10ffff}")));
        }
        if let Some(outlet) = &n.outlet {
            sql += " AND COALESCE(a.source, a.outlet, a.path, '') = ?";
            args.push(Value::Text(outlet.clone()));
        }
        let f = Filters {
            actor: n.actor.clone(),
            actor_keys: n.actor_keys.clone(),
            ..Filters::default()
        };
        if let Some(ids) = self.actor_ids(&f)? {
            sql += &format!(
                " AND a.id IN (SELECT article FROM entity_mentions WHERE entity IN ({}))",
                id_list(&ids)
            );
        }
        if let Some(kind) = &n.kind {
            sql += " AND a.id IN (SELECT m.article FROM event_mentions m JOIN events e ON e.id = m.event WHERE e.type = ?)";
            args.push(Value::Text(kind.to_uppercase()));
        }
        if let Some(place) = &n.place {
            // Articles that place an event there or name the place. The places are found
            // first, so their mentions are read through the (entity, article) key instead of
            // every mention being scanned.
            let names = self.place_names(place)?;
            let marks = vec!["?"; names.len()].join(",");
            let mut ids: Vec<i64> = Vec::new();
            let mut stmt = self.connection().prepare(&format!(
                "SELECT id FROM entities WHERE kind IN ('location', 'country') AND name COLLATE NOCASE IN ({marks})"
            ))?;
            for id in stmt.query_map(rusqlite::params_from_iter(&names), |r| r.get(0))? {
                ids.push(id?);
            }
            sql += &format!(
                " AND a.id IN (SELECT m.article FROM event_mentions m JOIN events e ON e.id = m.event
                   WHERE e.place COLLATE NOCASE IN ({marks})
                   UNION SELECT article FROM entity_mentions WHERE entity IN ({}))",
                id_list(&ids)
            );
            args.extend(names.into_iter().map(Value::Text));
        }
        Ok((sql, args))
    }
}
