//! The corpus-wide pages: the overview a newcomer lands on, the figures charts, the actor
//! network and the stances grid. Each is drawn from query tables (the same rows the API
//! serves); every string from an article is escaped.

use crate::charts::{self, Series};
use crate::pages::{cell, escape, filter_form, or_dash, shell, url_encoded, Asked};
use dateline_store::Table;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What the overview shows: the latest events, the largest figure series, the network of the
/// whole corpus and the latest articles.
pub struct Overview<'a> {
    pub events: &'a Table,
    pub figures: &'a Table,
    pub network: &'a Table,
    pub articles: &'a Table,
}

pub fn overview_page(o: &Overview) -> String {
    let articles = o.articles.total.unwrap_or(o.articles.rows.len());
    let events = o.events.total.unwrap_or(o.events.rows.len());
    let header = format!(
        "<p class=\"meta\">{articles} articles · {events} events · {} figures</p>",
        o.figures.rows.len()
    );
    let mut body = String::from("<section class=\"overview-events\"><h2><a href=\"/events\">Timeline</a></h2><ol class=\"compact\">");
    for row in &o.events.rows {
        let _ = write!(
            body,
            "<li><a href=\"/events?actor={}\"><time>{}</time> {} · {} → {}</a>{}</li>",
            escape(&url_encoded(first_name(cell(o.events, row, "actors")))),
            escape(or_dash(cell(o.events, row, "date"))),
            escape(cell(o.events, row, "type")),
            escape(or_dash(cell(o.events, row, "actors"))),
            escape(or_dash(cell(o.events, row, "recipients"))),
            match cell(o.events, row, "place") {
                "" => String::new(),
                p => format!(" · {}", escape(p)),
            }
        );
    }
    body.push_str("</ol></section><section class=\"overview-figures\"><h2><a href=\"/figures\">Figures</a></h2>");
    match charts::series(o.figures).first() {
        Some(s) => series_block(&mut body, s),
        None => body.push_str("<p>No figures stored.</p>"),
    }
    body.push_str(
        "</section><section class=\"overview-network\"><h2><a href=\"/network\">Network</a></h2>",
    );
    body.push_str(&charts::network_chart(o.network));
    body.push_str("</section><section class=\"overview-articles\"><h2>Latest articles</h2><ol class=\"compact\">");
    for row in &o.articles.rows {
        article_item(&mut body, o.articles, row);
    }
    body.push_str("</ol></section>");
    shell("Overview", &header, "grid", &body)
}

/// The first of "A; B; C".
fn first_name(names: &str) -> &str {
    names.split("; ").next().unwrap_or("")
}

fn article_item(body: &mut String, table: &Table, row: &[String]) {
    let id = cell(table, row, "article");
    let title = match cell(table, row, "title") {
        "" => id,
        t => t,
    };
    let _ = write!(
        body,
        "<li><a href=\"/articles/{}\">{}</a> <span class=\"meta\">{} · {} · {} events · {} quotations · {} figures</span></li>",
        escape(&url_encoded(id)),
        escape(title),
        escape(or_dash(cell(table, row, "published"))),
        escape(or_dash(cell(table, row, "outlet"))),
        escape(cell(table, row, "event count")),
        escape(cell(table, row, "quote count")),
        escape(cell(table, row, "figure count")),
    );
}

/// Series a figures page draws at most (the others are listed with links).
const CHARTS: usize = 12;

/// The figures page: a form (kind, side), one chart per series with the most figures, each
/// with the table of its values (who gave each, revisions, disagreements, the article).
pub fn figures_page(points: &Table, p: &Asked) -> String {
    let all = charts::series(points);
    let fields = [("Kind", "kind", 10), ("Side (country code)", "country", 4)];
    let header = format!(
        "{}<p class=\"meta\">{} series from {} figures{}. One line per source (the source a figure names, else the outlet); \
         <span class=\"key-revision\">◆</span> a source's revised value, <span class=\"key-disagrees\">◯</span> another source gives another value.</p>",
        filter_form("/figures", &fields, p),
        all.len(),
        points.rows.len(),
        match all.len() > CHARTS {
            true => format!(", the {CHARTS} largest drawn"),
            false => String::new(),
        }
    );
    let mut body = String::new();
    for s in all.iter().take(CHARTS) {
        series_block(&mut body, s);
    }
    if all.len() > CHARTS {
        body.push_str("<h2>More series</h2><ul>");
        for s in &all[CHARTS..] {
            let _ = write!(
                body,
                "<li><a href=\"/figures?kind={}&amp;country={}\">{}</a> ({} figures)</li>",
                escape(&url_encoded(&s.kind)),
                escape(&url_encoded(&s.country)),
                escape(&s.title()),
                s.points.len()
            );
        }
        body.push_str("</ul>");
    }
    shell("Figures", &header, "one", &body)
}

/// A series' chart and the table of its values.
fn series_block(body: &mut String, s: &Series) {
    let _ = write!(
        body,
        "<section class=\"series\" data-series=\"{}\"><h3>{}</h3>{}<table class=\"values\"><tr><th>date</th><th>figure</th><th>of</th><th>given by</th><th>outlet</th><th></th></tr>",
        escape(&s.title()),
        escape(&s.title()),
        charts::series_chart(s)
    );
    for p in &s.points {
        let mut notes = Vec::new();
        if let Some(before) = p.revises {
            notes.push(format!("revised from {}", charts::count_text(before)));
        }
        if p.disagrees {
            notes.push("disputed".to_string());
        }
        if p.day.is_none() {
            notes.push("undated: not drawn".to_string());
        }
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td><a href=\"/articles/{}\">{}</a></td><td class=\"notes\">{}</td></tr>",
            escape(or_dash(&p.date)),
            escape(&p.qualifier.replace('_', " ")),
            charts::count_text(p.count),
            escape(&p.object),
            escape(&p.given_by),
            escape(&url_encoded(&p.article)),
            escape(&p.outlet),
            escape(&notes.join("; "))
        );
    }
    body.push_str("</table></section>");
}

/// The network page: the period and type asked, the graph, and the pairs as a table.
pub fn network_page(edges: &Table, p: &Asked) -> String {
    let fields = [
        ("Since", "since", 10),
        ("Until", "until", 10),
        ("Type", "type", 9),
        ("Around", "actor", 0),
    ];
    let header = format!(
        "{}<p class=\"meta\">{} pairs; the {} actors most mentioned among the first pairs are drawn, sized by mentions. \
         A line per pair and event type, an arrow from the one who acted to the one acted on.</p>",
        filter_form("/network", &fields, p),
        edges.total.unwrap_or(edges.rows.len()),
        charts::NETWORK_NODES
    );
    let mut body = charts::network_chart(edges);
    body.push_str("<table class=\"values\"><tr><th>actor</th><th></th><th>actor</th><th>type</th><th>events</th></tr>");
    for row in &edges.rows {
        let (a, b) = (cell(edges, row, "source"), cell(edges, row, "target"));
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><a href=\"/events?actor={}&amp;with={}&amp;type={}\">{}</a></td></tr>",
            escape(a),
            if cell(edges, row, "directed") == "true" { "→" } else { "and" },
            escape(b),
            escape(cell(edges, row, "type")),
            escape(&url_encoded(a)),
            escape(&url_encoded(b)),
            escape(&url_encoded(cell(edges, row, "type"))),
            escape(cell(edges, row, "events"))
        );
    }
    body.push_str("</table>");
    shell("Network", &header, "one", &body)
}

/// Actors and issues the stances grid holds at most (the most evidenced first).
const GRID_ACTORS: usize = 40;
const GRID_ISSUES: usize = 16;

/// The statements of one actor on one issue, by stance.
type Statements<'a> = BTreeMap<&'a str, Vec<&'a Vec<String>>>;

/// The stances of `stance_evidence` rows by actor and issue, with the actors and issues most
/// stated first.
struct Grid<'a> {
    table: &'a Table,
    cells: BTreeMap<(&'a str, &'a str), Statements<'a>>,
    actors: Vec<&'a str>,
    issues: Vec<&'a str>,
    actor_count: usize,
    issue_count: usize,
}

impl<'a> Grid<'a> {
    fn new(table: &'a Table) -> Self {
        let mut cells: BTreeMap<(&str, &str), Statements> = BTreeMap::new();
        let mut actors: BTreeMap<&str, usize> = BTreeMap::new();
        let mut issues: BTreeMap<&str, usize> = BTreeMap::new();
        for row in &table.rows {
            let (a, i) = (cell(table, row, "actor"), cell(table, row, "issue"));
            let stance = cell(table, row, "stance");
            cells
                .entry((a, i))
                .or_default()
                .entry(stance)
                .or_default()
                .push(row);
            *actors.entry(a).or_default() += 1;
            *issues.entry(i).or_default() += 1;
        }
        Grid {
            table,
            cells,
            actor_count: actors.len(),
            issue_count: issues.len(),
            actors: most_stated(&actors, GRID_ACTORS),
            issues: most_stated(&issues, GRID_ISSUES),
        }
    }

    /// The table: a row per actor, a column per issue, each cell its stances and counts.
    fn table_html(&self, body: &mut String) {
        body.push_str("<div class=\"grid-scroll\"><table class=\"stances\"><tr><th></th>");
        for i in &self.issues {
            let _ = write!(body, "<th scope=\"col\">{}</th>", escape(i));
        }
        body.push_str("</tr>");
        for (n, a) in self.actors.iter().enumerate() {
            let _ = write!(body, "<tr><th scope=\"row\">{}</th>", escape(a));
            for (m, i) in self.issues.iter().enumerate() {
                let Some(stances) = self.cells.get(&(*a, *i)) else {
                    body.push_str("<td></td>");
                    continue;
                };
                let said: Vec<String> = stances
                    .iter()
                    .map(|(s, rows)| {
                        format!(
                            "<span class=\"stance-{}\">{} {}</span>",
                            escape(s),
                            escape(&s.replace('_', " ")),
                            rows.len()
                        )
                    })
                    .collect();
                let _ = write!(
                    body,
                    "<td><a href=\"#cell-{n}-{m}\">{}</a></td>",
                    said.join(" ")
                );
            }
            body.push_str("</tr>");
        }
        body.push_str("</table></div>");
    }

    /// Under the table, each cell's statements: the words read as the stance, and the article.
    fn evidence_html(&self, body: &mut String) {
        body.push_str("<h2>Evidence</h2>");
        for (n, a) in self.actors.iter().enumerate() {
            for (m, i) in self.issues.iter().enumerate() {
                let Some(stances) = self.cells.get(&(*a, *i)) else {
                    continue;
                };
                let _ = write!(
                    body,
                    "<section class=\"evidence\" id=\"cell-{n}-{m}\"><h3>{} on {}</h3><ul>",
                    escape(a),
                    escape(i)
                );
                for (s, rows) in stances {
                    for row in rows {
                        let id = cell(self.table, row, "article");
                        let _ = write!(
                            body,
                            "<li><b>{}</b> · <q>{}</q> · <a href=\"/articles/{}\">{}</a> {}</li>",
                            escape(&s.replace('_', " ")),
                            escape(cell(self.table, row, "evidence")),
                            escape(&url_encoded(id)),
                            escape(id),
                            escape(cell(self.table, row, "published"))
                        );
                    }
                }
                body.push_str("</ul></section>");
            }
        }
    }
}

/// The `n` keys with the highest counts (ties in name order).
fn most_stated<'a>(counts: &BTreeMap<&'a str, usize>, n: usize) -> Vec<&'a str> {
    let mut v: Vec<(&str, usize)> = counts.iter().map(|(k, c)| (*k, *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(n).map(|(k, _)| k).collect()
}

/// The stances page: actors down, issues across, each cell the stances taken with the number
/// of statements, linked to the evidence listed below the grid (the words and the article).
pub fn stances_page(evidence: &Table, p: &Asked) -> String {
    let grid = Grid::new(evidence);
    let header = format!(
        "{}<p class=\"meta\">{} statements of {} actors on {} issues{}</p>",
        filter_form(
            "/stances",
            &[("Actor", "actor", 0), ("Issue", "issue", 0)],
            p
        ),
        evidence.rows.len(),
        grid.actor_count,
        grid.issue_count,
        match grid.actor_count > GRID_ACTORS || grid.issue_count > GRID_ISSUES {
            true => format!(
                "; the grid holds the {GRID_ACTORS} actors and {GRID_ISSUES} issues most stated"
            ),
            false => String::new(),
        }
    );
    let mut body = String::new();
    grid.table_html(&mut body);
    grid.evidence_html(&mut body);
    shell("Stances", &header, "one", &body)
}
