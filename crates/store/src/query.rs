//! Queries over the corpus, each returning a table that the command line prints as an aligned
//! table, JSON or CSV.

use crate::{Error, Result, Store};
use rusqlite::params_from_iter;
use rusqlite::types::Value;

/// Rows with named columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
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
    pub limit: Option<usize>,
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
        let widths: Vec<usize> = (0..self.columns.len())
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| r[c].chars().count().min(60))
                    .chain([self.columns[c].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: &[String]| {
            cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| {
                    let cut: String = c.chars().take(60).collect();
                    format!("{cut:<w$}")
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

    fn json(&self) -> String {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| {
                serde_json::Value::Object(
                    self.columns
                        .iter()
                        .cloned()
                        .zip(r.iter().map(|v| serde_json::Value::String(v.clone())))
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

impl Store {
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
        })
    }

    /// Entity ids an actor filter names (aliases, names, codes, spelling keys).
    fn actor_ids(&self, f: &Filters) -> Result<Option<Vec<i64>>> {
        let Some(name) = &f.actor else {
            return Ok(None);
        };
        let mut ids: Vec<i64> = Vec::new();
        let mut stmt = self.connection().prepare(
            "SELECT entity FROM aliases WHERE alias = ?1 COLLATE NOCASE
             UNION SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE OR code = ?1",
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

    /// Full-text search with phrase queries ("\"humanitarian truce\"") and snippets.
    pub fn search(&self, query: &str, limit: usize) -> Result<Table> {
        self.table(
            "SELECT a.id, a.record_id, COALESCE(a.title, ''), COALESCE(a.published, ''), COALESCE(a.outlet, a.path, ''),
                    snippet(articles_fts, 1, '[', ']', '…', 14)
             FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
             WHERE articles_fts MATCH ?1 ORDER BY rank LIMIT ?2",
            vec![Value::Text(query.to_string()), Value::Integer(limit as i64)],
            &["article", "id", "title", "published", "source", "snippet"],
        )
    }

    /// Corpus events in date order, counted as GDELT counts them.
    pub fn events(&self, f: &Filters) -> Result<Table> {
        let mut sql = String::from(
            "SELECT COALESCE(e.date, ''), e.type, COALESCE(e.mode, ''), COALESCE(e.cameo, ''),
               (SELECT group_concat(n.name, '; ') FROM event_participants p JOIN entities n ON n.id = p.entity WHERE p.event = e.id AND p.role = 'actor'),
               (SELECT group_concat(n.name, '; ') FROM event_participants p JOIN entities n ON n.id = p.entity WHERE p.event = e.id AND p.role = 'recipient'),
               COALESCE(e.place, ''), e.status,
               (SELECT COUNT(*) FROM event_mentions m WHERE m.event = e.id),
               (SELECT COUNT(DISTINCT COALESCE(a.outlet, a.path, a.record_id)) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id),
               (SELECT COUNT(DISTINCT m.article) FROM event_mentions m WHERE m.event = e.id),
               (SELECT group_concat(DISTINCT a.record_id) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id)
             FROM events e WHERE 1=1",
        );
        let mut args: Vec<Value> = Vec::new();
        if let Some(ids) = self.actor_ids(f)? {
            let list = ids
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",");
            sql += &format!(
                " AND e.id IN (SELECT event FROM event_participants WHERE entity IN ({list}))"
            );
        }
        for (value, clause) in [
            (&f.kind, " AND e.type = ?"),
            (&f.since, " AND e.date >= ?"),
            (&f.until, " AND e.date <= ?"),
            (&f.place, " AND e.place = ? COLLATE NOCASE"),
        ] {
            if let Some(v) = value {
                sql += clause;
                args.push(Value::Text(v.to_uppercase_if(clause.contains("type"))));
            }
        }
        sql += " ORDER BY e.date IS NULL, e.date, e.id";
        sql += &limit_clause(f);
        self.table(
            &sql,
            args,
            &[
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
        )
    }

    /// Every actor with the number of articles and mentions.
    pub fn actors(&self, f: &Filters) -> Result<Table> {
        let sql = format!(
            "SELECT n.name, n.kind, COALESCE(n.code, ''), COALESCE(n.country, ''),
                COUNT(m.article), COALESCE(SUM(m.mentions), 0),
                (SELECT group_concat(alias, '; ') FROM aliases WHERE entity = n.id AND alias <> n.name)
             FROM entities n LEFT JOIN entity_mentions m ON m.entity = n.id
             GROUP BY n.id ORDER BY COUNT(m.article) DESC, n.name{}",
            limit_clause(f)
        );
        self.table(
            &sql,
            vec![],
            &[
                "name", "kind", "code", "country", "articles", "mentions", "aliases",
            ],
        )
    }

    /// Figures grouped by kind, side and object, in as-of order, with the source of each value;
    /// values on the same date from different outlets that disagree are flagged.
    pub fn figures(&self, f: &Filters) -> Result<Table> {
        let mut sql = String::from(
            "SELECT f.kind, COALESCE(f.country, ''), COALESCE(f.object, ''), COALESCE(f.as_of, ''), f.qualifier,
                COALESCE(f.count, f.low, f.high), f.unit, COALESCE(f.source, ''), COALESCE(a.outlet, a.path, ''), a.record_id,
                CASE WHEN EXISTS (SELECT 1 FROM figures g JOIN articles b ON b.id = g.article
                     WHERE g.kind = f.kind AND COALESCE(g.country,'') = COALESCE(f.country,'') AND COALESCE(g.object,'') = COALESCE(f.object,'')
                       AND g.as_of = f.as_of AND COALESCE(g.count, -1) <> COALESCE(f.count, -1) AND b.cluster <> a.cluster)
                THEN 'disagrees' ELSE '' END
             FROM figures f JOIN articles a ON a.id = f.article WHERE 1=1",
        );
        let mut args = Vec::new();
        if let Some(k) = &f.kind {
            sql += " AND f.kind = ?";
            args.push(Value::Text(k.to_uppercase()));
        }
        if let Some(c) = &f.country {
            sql += " AND f.country = ?";
            args.push(Value::Text(c.to_uppercase()));
        }
        sql += " ORDER BY f.kind, f.country, f.object, f.as_of";
        sql += &limit_clause(f);
        self.table(
            &sql,
            args,
            &[
                "kind",
                "side",
                "object",
                "as of",
                "qualifier",
                "count",
                "unit",
                "source",
                "outlet",
                "article",
                "flag",
            ],
        )
    }

    pub fn quotes(&self, f: &Filters) -> Result<Table> {
        let mut sql = String::from(
            "SELECT COALESCE(n.name, q.speaker_text, ''), CASE q.direct WHEN 1 THEN 'direct' ELSE 'indirect' END, q.text,
                COALESCE(a.published, ''), a.record_id
             FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN entities n ON n.id = q.speaker WHERE 1=1",
        );
        if let Some(ids) = self.actor_ids(f)? {
            sql += &format!(
                " AND q.speaker IN ({})",
                ids.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            );
        }
        sql += " ORDER BY a.published, a.id, q.start";
        sql += &limit_clause(f);
        self.table(
            &sql,
            vec![],
            &["speaker", "kind", "quote", "published", "article"],
        )
    }

    pub fn stances(&self, f: &Filters) -> Result<Table> {
        let mut sql = String::from(
            "SELECT n.name, s.issue, s.stance, COUNT(DISTINCT s.article), MIN(COALESCE(a.published, '')), MAX(COALESCE(a.published, ''))
             FROM stances s JOIN entities n ON n.id = s.entity JOIN articles a ON a.id = s.article WHERE 1=1",
        );
        let mut args = Vec::new();
        if let Some(i) = &f.issue {
            sql += " AND s.issue = ? COLLATE NOCASE";
            args.push(Value::Text(i.clone()));
        }
        if let Some(ids) = self.actor_ids(f)? {
            sql += &format!(
                " AND s.entity IN ({})",
                ids.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            );
        }
        sql += " GROUP BY n.id, s.issue, s.stance ORDER BY s.issue, COUNT(DISTINCT s.article) DESC";
        sql += &limit_clause(f);
        self.table(
            &sql,
            args,
            &["actor", "issue", "stance", "articles", "first", "last"],
        )
    }

    /// An actor's events, quotations and stances in date order.
    pub fn timeline(&self, f: &Filters) -> Result<Table> {
        let ids = self.actor_ids(f)?.unwrap_or_default();
        let list = ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let sql = format!(
            "SELECT date, what, detail, article FROM (
               SELECT COALESCE(e.date, '') AS date, 'event ' || e.type AS what,
                  COALESCE(e.text, '') AS detail,
                  (SELECT group_concat(DISTINCT a.record_id) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id) AS article
               FROM events e WHERE e.id IN (SELECT event FROM event_participants WHERE entity IN ({list}))
               UNION ALL
               SELECT COALESCE(a.published, ''), 'quote', q.text, a.record_id FROM quotes q JOIN articles a ON a.id = q.article WHERE q.speaker IN ({list})
               UNION ALL
               SELECT COALESCE(a.published, ''), 'stance ' || s.stance, s.issue, a.record_id FROM stances s JOIN articles a ON a.id = s.article WHERE s.entity IN ({list})
             ) ORDER BY date = '', date{}",
            limit_clause(f)
        );
        self.table(&sql, vec![], &["date", "what", "detail", "article"])
    }
}

fn limit_clause(f: &Filters) -> String {
    f.limit.map(|l| format!(" LIMIT {l}")).unwrap_or_default()
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
