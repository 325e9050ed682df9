//! Charts drawn on the server as SVG (no script, nothing fetched): a figure series over time
//! with one line per source, and the network of who did what to whom. Every string from an
//! article is escaped; every number placed is computed here.

use crate::pages::{escape, url_encoded};
use dateline_store::Table;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Line colours, chosen to stay apart for readers with the common colour deficiencies.
const PALETTE: &[&str] = &[
    "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d31", "#444444",
];

/// One figure placed in its series.
pub struct Point {
    pub date: String,
    /// Days since 1970-01-01 of the date's first day; None when the figure is undated.
    pub day: Option<i64>,
    pub count: f64,
    pub qualifier: String,
    pub object: String,
    pub given_by: String,
    pub outlet: String,
    pub article: String,
    pub disagrees: bool,
    /// The value the same source gave before, when this one differs from it.
    pub revises: Option<f64>,
}

/// A casualty or damage series: one kind of figure about one side, in one unit.
pub struct Series {
    pub kind: String,
    pub country: String,
    pub unit: String,
    pub points: Vec<Point>,
}

impl Series {
    pub fn title(&self) -> String {
        let side = match self.country.as_str() {
            "" => "side not given".to_string(),
            c => c.to_string(),
        };
        format!("{} · {} · {}", self.kind, side, self.unit)
    }

    /// The sources in the order they first speak, each with its points in date order.
    fn lines(&self) -> Vec<(&str, Vec<&Point>)> {
        let mut lines: Vec<(&str, Vec<&Point>)> = Vec::new();
        for p in self.points.iter().filter(|p| p.day.is_some()) {
            match lines.iter_mut().find(|(s, _)| *s == p.given_by) {
                Some((_, points)) => points.push(p),
                None => lines.push((&p.given_by, vec![p])),
            }
        }
        for (_, points) in &mut lines {
            points.sort_by_key(|p| p.day);
        }
        lines
    }
}

/// The rows of `figure_points` as series, those with most dated figures first.
pub fn series(table: &Table) -> Vec<Series> {
    let col = |name: &str| table.columns.iter().position(|c| c == name);
    let get = |row: &[String], name: &str| col(name).map_or(String::new(), |i| row[i].clone());
    let mut by_key: BTreeMap<(String, String, String), Vec<Point>> = BTreeMap::new();
    for row in &table.rows {
        let Ok(count) = get(row, "count").parse::<f64>() else {
            continue;
        };
        let date = get(row, "date");
        let point = Point {
            day: day_number(&date),
            date,
            count,
            qualifier: get(row, "qualifier"),
            object: get(row, "object"),
            given_by: get(row, "given by"),
            outlet: get(row, "outlet"),
            article: get(row, "article"),
            disagrees: get(row, "flag") == "disagrees",
            revises: None,
        };
        let key = (get(row, "kind"), get(row, "country"), get(row, "unit"));
        by_key.entry(key).or_default().push(point);
    }
    let mut all: Vec<Series> = by_key
        .into_iter()
        .map(|((kind, country, unit), points)| {
            let mut s = Series {
                kind,
                country,
                unit,
                points,
            };
            mark_changes(&mut s.points);
            s
        })
        .collect();
    // Series that can be drawn first: most dated figures, then most figures.
    all.sort_by_key(|s| {
        let dated = s.points.iter().filter(|p| p.day.is_some()).count();
        std::cmp::Reverse((dated, s.points.len()))
    });
    all
}

/// Marks revisions (a source giving another count of the same thing than it gave before) and
/// disagreements (two sources giving different counts of the same thing on the same day),
/// beside the store's own flag. Counts of different things ("soldiers", "civilians") are
/// parts of a toll, neither revisions nor disputes.
fn mark_changes(points: &mut [Point]) {
    points.sort_by(|a, b| a.day.cmp(&b.day).then(a.given_by.cmp(&b.given_by)));
    let mut last: BTreeMap<(String, String), f64> = BTreeMap::new();
    for p in points.iter_mut().filter(|p| p.day.is_some()) {
        let key = (p.given_by.clone(), p.object.to_lowercase());
        if let Some(before) = last.insert(key, p.count) {
            if before != p.count {
                p.revises = Some(before);
            }
        }
    }
    // Who said what of each thing on each day, so a point looks only at its own day's counts.
    let mut told: BTreeMap<(i64, String), Vec<(String, f64)>> = BTreeMap::new();
    for p in points.iter() {
        if let Some(day) = p.day {
            let key = (day, p.object.to_lowercase());
            told.entry(key)
                .or_default()
                .push((p.given_by.clone(), p.count));
        }
    }
    for p in points.iter_mut() {
        let Some(day) = p.day else {
            continue;
        };
        let said = &told[&(day, p.object.to_lowercase())];
        p.disagrees |= said
            .iter()
            .any(|(by, c)| *by != p.given_by && *c != p.count);
    }
}

/// Days since 1970-01-01 of "YYYY-MM-DD", "YYYY-MM" (its first day) or "YYYY" (January 1st).
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10.min(date.len()))?.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: i64 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1..=9999).contains(&year) {
        return None;
    }
    // Days from the civil calendar (the proleptic Gregorian count, March-based years).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A count for people: whole numbers with thousands separators.
pub fn count_text(n: f64) -> String {
    if n.fract() != 0.0 {
        return format!("{n}");
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 {
        out.insert(0, '-');
    }
    out
}

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 200.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// A series as a line chart: time across, the count up, one line per source; a revised value
/// is drawn as a diamond, a disputed one ringed in red, and each point tells its figure.
pub fn series_chart(s: &Series) -> String {
    let lines = s.lines();
    let days: Vec<i64> = lines
        .iter()
        .flat_map(|(_, p)| p.iter().flat_map(|p| p.day))
        .collect();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        escape(&s.title())
    );
    if days.is_empty() {
        svg.push_str("<text x=\"20\" y=\"40\">no dated figures in this series</text></svg>");
        return svg;
    }
    let (first, last) = (*days.iter().min().unwrap(), *days.iter().max().unwrap());
    let top = s
        .points
        .iter()
        .map(|p| p.count)
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.1;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |day: i64| match last > first {
        true => LEFT + (day - first) as f64 / (last - first) as f64 * plot_w,
        false => LEFT + plot_w / 2.0,
    };
    let y = |count: f64| TOP + plot_h - count / top * plot_h;
    axes(&mut svg, s, &y, top);
    let date_of = |day: i64| {
        s.points
            .iter()
            .find(|p| p.day == Some(day))
            .map_or(String::new(), |p| p.date.clone())
    };
    for (day, anchor) in [(first, "start"), (last, "end")] {
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            x(day),
            HEIGHT - 12.0,
            escape(&date_of(day))
        );
        if first == last {
            break;
        }
    }
    for (i, (source, points)) in lines.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let _ = write!(
            svg,
            "<g class=\"series-line\" data-source=\"{}\" stroke=\"{colour}\" fill=\"{colour}\">",
            escape(source)
        );
        // A source's counts of one thing are joined over time; its counts of different
        // things ("soldiers", "civilians") are parts of the toll, not a change, and stay apart.
        let mut objects: Vec<String> = points.iter().map(|p| p.object.to_lowercase()).collect();
        objects.sort();
        objects.dedup();
        for object in objects {
            let path: Vec<String> = points
                .iter()
                .filter(|p| p.object.to_lowercase() == object)
                .map(|p| format!("{:.1},{:.1}", x(p.day.unwrap()), y(p.count)))
                .collect();
            if path.len() > 1 {
                let _ = write!(
                    svg,
                    "<polyline points=\"{}\" fill=\"none\" stroke-width=\"2\"/>",
                    path.join(" ")
                );
            }
        }
        for p in points {
            point_mark(&mut svg, p, x(p.day.unwrap()), y(p.count));
        }
        let _ = write!(
            svg,
            "<text class=\"legend-entry\" x=\"{:.1}\" y=\"{:.1}\" stroke=\"none\">{}</text></g>",
            WIDTH - RIGHT + 14.0,
            TOP + 14.0 + i as f64 * 16.0,
            escape(&clipped(source, 28))
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The count axis with three labelled ticks.
fn axes(svg: &mut String, s: &Series, y: &dyn Fn(f64) -> f64, top: f64) {
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{:.1}\"/>\
         <line class=\"axis\" x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
        HEIGHT - BOTTOM,
        HEIGHT - BOTTOM,
        WIDTH - RIGHT,
        HEIGHT - BOTTOM
    );
    for share in [0.0, 0.5, 1.0] {
        let value = (top / 1.1 * share).round();
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LEFT - 6.0,
            y(value) + 4.0,
            count_text(value)
        );
    }
    let _ = write!(
        svg,
        "<text class=\"tick\" x=\"{LEFT}\" y=\"{:.1}\">{}</text>",
        TOP - 4.0,
        escape(&s.unit)
    );
}

/// One figure: a dot, a diamond for a revised value, a red ring for a disputed one; its title
/// tells the figure, who gave it and where.
fn point_mark(svg: &mut String, p: &Point, x: f64, y: f64) {
    let mut classes = vec!["point"];
    if p.revises.is_some() {
        classes.push("revision");
    }
    if p.disagrees {
        classes.push("disagrees");
    }
    let mut title = format!(
        "{} {} {} ({}) · {} · {} · {}",
        p.date,
        p.qualifier.replace('_', " "),
        count_text(p.count),
        p.object,
        p.given_by,
        p.outlet,
        p.article
    );
    if let Some(before) = p.revises {
        let _ = write!(title, " · revised from {}", count_text(before));
    }
    if p.disagrees {
        title.push_str(" · another source gives another value");
    }
    let shape = match p.revises.is_some() {
        true => format!("<path d=\"M{x:.1},{:.1} l5,5 l-5,5 l-5,-5 z\"/>", y - 5.0),
        false => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\"/>"),
    };
    let ring = match p.disagrees {
        true => format!("<circle class=\"ring\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"8\" fill=\"none\" stroke=\"#c00\" stroke-width=\"2\"/>"),
        false => String::new(),
    };
    let _ = write!(
        svg,
        "<a href=\"/articles/{}\" class=\"{}\"><title>{}</title>{shape}{ring}</a>",
        url_encoded(&p.article),
        classes.join(" "),
        escape(&title)
    );
}

fn clipped(s: &str, chars: usize) -> String {
    match s.chars().count() > chars {
        true => s.chars().take(chars - 1).collect::<String>() + "…",
        false => s.to_string(),
    }
}

/// One pair's events of one type, from the `network` rows.
struct Edge {
    source: usize,
    target: usize,
    kind: String,
    events: usize,
    directed: bool,
}

/// Actors taking part in the network, at most this many: a circle holds about this many names
/// legibly.
pub const NETWORK_NODES: usize = 30;

/// Who did what to whom: actors on a circle, sized by how often the corpus mentions them,
/// joined by one line per pair and event type (coloured by type, thicker with more events,
/// an arrow from the one who acted to the one acted on). Each actor and each line links to
/// the events behind it.
pub fn network_chart(table: &Table) -> String {
    let col = |name: &str| table.columns.iter().position(|c| c == name);
    let get = |row: &[String], name: &str| col(name).map_or(String::new(), |i| row[i].clone());
    let mut names: Vec<(String, f64)> = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    for row in &table.rows {
        let mut index =
            |name: String, mentions: String| match names.iter().position(|(n, _)| *n == name) {
                Some(i) => Some(i),
                None if names.len() < NETWORK_NODES => {
                    names.push((name, mentions.parse().unwrap_or(1.0)));
                    Some(names.len() - 1)
                }
                None => None,
            };
        let s = index(get(row, "source"), get(row, "source mentions"));
        let t = index(get(row, "target"), get(row, "target mentions"));
        if let (Some(source), Some(target)) = (s, t) {
            edges.push(Edge {
                source,
                target,
                kind: get(row, "type"),
                events: get(row, "events").parse().unwrap_or(1),
                directed: get(row, "directed") == "true",
            });
        }
    }
    let mut kinds: Vec<String> = edges.iter().map(|e| e.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    draw_network(&names, &edges, &kinds)
}

fn draw_network(names: &[(String, f64)], edges: &[Edge], kinds: &[String]) -> String {
    let (w, h, cx, cy, r) = (900.0, 640.0, 450.0, 320.0, 230.0);
    let mut svg = format!(
        "<svg class=\"network\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"actor network\"><defs>"
    );
    let colour = |kind: &str| {
        let i = kinds.iter().position(|k| k == kind).unwrap_or(0);
        PALETTE[i % PALETTE.len()]
    };
    for (i, kind) in kinds.iter().enumerate() {
        let _ = write!(
            svg,
            "<marker id=\"arrow-{i}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>",
            colour(kind)
        );
    }
    svg.push_str("</defs>");
    if names.is_empty() {
        svg.push_str(
            "<text x=\"20\" y=\"40\">no events between two actors in this period</text></svg>",
        );
        return svg;
    }
    let most = names.iter().map(|(_, m)| *m).fold(1.0, f64::max);
    let place = |i: usize| {
        let angle =
            i as f64 / names.len() as f64 * std::f64::consts::TAU - std::f64::consts::FRAC_PI_2;
        (cx + r * angle.cos(), cy + r * angle.sin(), angle)
    };
    let radius = |i: usize| 5.0 + 16.0 * (names[i].1 / most).sqrt();
    for e in edges {
        let (x1, y1, _) = place(e.source);
        let (x2, y2, _) = place(e.target);
        // Stop the line at the target's rim, so the arrow shows.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let back = radius(e.target) + 2.0;
        let (ex, ey) = (x2 - dx / len * back, y2 - dy / len * back);
        let k = kinds.iter().position(|k| *k == e.kind).unwrap_or(0);
        let arrow = match e.directed {
            true => format!(" marker-end=\"url(#arrow-{k})\""),
            false => String::new(),
        };
        let (a, b) = (&names[e.source].0, &names[e.target].0);
        let _ = write!(
            svg,
            "<a class=\"edge\" data-type=\"{}\" href=\"/events?actor={}&amp;with={}&amp;type={}\"><title>{} {} {}: {} {} event{}</title>\
             <line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{ex:.1}\" y2=\"{ey:.1}\" stroke=\"{}\" stroke-width=\"{:.1}\" stroke-opacity=\"0.75\"{arrow}/></a>",
            escape(&e.kind),
            escape(&url_encoded(a)),
            escape(&url_encoded(b)),
            escape(&url_encoded(&e.kind)),
            escape(a),
            if e.directed { "→" } else { "and" },
            escape(b),
            e.events,
            escape(&e.kind),
            if e.events == 1 { "" } else { "s" },
            colour(&e.kind),
            1.5 + (e.events as f64).log2() * 1.5,
        );
    }
    for (i, (name, mentions)) in names.iter().enumerate() {
        let (x, y, angle) = place(i);
        let (lx, ly) = (
            x + (radius(i) + 6.0) * angle.cos(),
            y + (radius(i) + 6.0) * angle.sin() + 4.0,
        );
        let anchor = if angle.cos() < -0.2 {
            "end"
        } else if angle.cos() > 0.2 {
            "start"
        } else {
            "middle"
        };
        let _ = write!(
            svg,
            "<a class=\"node\" href=\"/events?actor={}\"><title>{}: {} mentions</title>\
             <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\"/><text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text></a>",
            escape(&url_encoded(name)),
            escape(name),
            mentions,
            radius(i),
            escape(&clipped(name, 24))
        );
    }
    for (i, kind) in kinds.iter().enumerate() {
        let _ = write!(
            svg,
            "<g class=\"legend-entry\"><rect x=\"12\" y=\"{:.1}\" width=\"14\" height=\"4\" fill=\"{}\"/><text x=\"32\" y=\"{:.1}\">{}</text></g>",
            14.0 + i as f64 * 16.0,
            colour(kind),
            20.0 + i as f64 * 16.0,
            escape(kind)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(columns: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
            total: None,
        }
    }

    #[test]
    fn days_count_from_1970_and_partial_dates_take_their_first_day() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(day_number("2024-02"), day_number("2024-02-01"));
        assert_eq!(day_number("2024"), day_number("2024-01-01"));
        assert_eq!(day_number("2024-13-01"), None);
        assert_eq!(day_number(""), None);
        assert_eq!(day_number("XXXX-W12"), None);
    }

    #[test]
    fn a_source_that_changes_its_count_revises_and_two_sources_on_one_day_disagree() {
        let columns = [
            "kind", "country", "unit", "object", "date", "count", "given by", "article", "flag",
        ];
        let t = table(
            &columns,
            &[
                &[
                    "KILL",
                    "XXA",
                    "people",
                    "people",
                    "2024-03-01",
                    "10",
                    "ministry",
                    "a",
                    "",
                ],
                &[
                    "KILL",
                    "XXA",
                    "people",
                    "people",
                    "2024-03-02",
                    "14",
                    "ministry",
                    "b",
                    "",
                ],
                &[
                    "KILL",
                    "XXA",
                    "people",
                    "People",
                    "2024-03-02",
                    "9",
                    "monitor",
                    "c",
                    "",
                ],
                &[
                    "KILL",
                    "XXA",
                    "people",
                    "soldiers",
                    "2024-03-02",
                    "4",
                    "monitor",
                    "f",
                    "",
                ],
                &[
                    "KILL", "XXA", "people", "people", "", "12", "agency", "d", "",
                ],
                &[
                    "DAMAGE",
                    "XXA",
                    "items",
                    "homes",
                    "2024-03-02",
                    "3",
                    "agency",
                    "e",
                    "",
                ],
            ],
        );
        let all = series(&t);
        assert_eq!(all.len(), 2);
        let kill = &all[0];
        assert_eq!(kill.points.len(), 5);
        let by = |a: &str| kill.points.iter().find(|p| p.article == a).unwrap();
        assert_eq!(by("a").revises, None);
        assert_eq!(by("b").revises, Some(10.0));
        assert!(by("b").disagrees && by("c").disagrees && !by("a").disagrees);
        // Soldiers are a part of the toll, not another count of it.
        assert!(by("f").revises.is_none() && !by("f").disagrees);
        let svg = series_chart(kill);
        // Two sources with dated figures: two lines; the undated figure is not drawn.
        assert_eq!(svg.matches("class=\"series-line\"").count(), 2);
        assert_eq!(svg.matches("class=\"point revision disagrees\"").count(), 1);
        // The ministry's two counts of people are joined; the monitor's people and soldiers
        // are not.
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(!svg.contains("agency"));
    }

    #[test]
    fn network_names_are_escaped_and_edges_link_to_the_pair() {
        let columns = [
            "source",
            "target",
            "type",
            "events",
            "directed",
            "source mentions",
            "target mentions",
        ];
        let t = table(
            &columns,
            &[
                &[
                    "<script>x</script>",
                    "B & C",
                    "ACCUSE",
                    "3",
                    "true",
                    "9",
                    "4",
                ],
                &["B & C", "D", "CONSULT", "1", "false", "4", "1"],
            ],
        );
        let svg = network_chart(&t);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert_eq!(svg.matches("class=\"edge\"").count(), 2);
        assert_eq!(svg.matches("class=\"node\"").count(), 3);
        assert!(svg.contains("href=\"/events?actor=B%20%26%20C&amp;with=D&amp;type=CONSULT\""));
        assert_eq!(svg.matches("marker-end").count(), 1);
    }

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(count_text(33300.0), "33,300");
        assert_eq!(count_text(1000000.0), "1,000,000");
        assert_eq!(count_text(85.5), "85.5");
        assert_eq!(count_text(0.0), "0");
    }
}
