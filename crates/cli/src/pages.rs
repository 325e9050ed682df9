//! The server's HTML pages, rendered from stored records with every string from an article
//! escaped. The annotated article marks each annotation on the text: the text is cut at every
//! annotation boundary and each piece carries the classes of the annotations covering it, so
//! overlapping annotations (a name inside a quotation inside an event's sentence) need no nesting.

use dateline_core::{Record, Span};
use std::fmt::Write;

/// Text safe inside an element or a quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The pages every page links to, in the order of the navigation bar.
const NAVIGATION: &[(&str, &str)] = &[
    ("/", "Overview"),
    ("/search", "Search"),
    ("/events", "Events"),
    ("/figures", "Figures"),
    ("/network", "Network"),
    ("/stances", "Stances"),
    ("/ingest", "Ingest"),
    ("/api", "API"),
];

/// A whole page: the title, the navigation bar, what the header adds (a form, a summary), and
/// the body in `<main>` (`main_class` "two" puts an aside beside it).
pub fn shell(title: &str, header: &str, main_class: &str, body: &str) -> String {
    let mut page = String::with_capacity(body.len() + 1024);
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · dateline</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body>\
         <nav><b>dateline</b>",
        escape(title)
    );
    for (href, name) in NAVIGATION {
        let _ = write!(page, " <a href=\"{href}\">{name}</a>");
    }
    let _ = write!(
        page,
        "</nav><header><h1>{}</h1>{header}</header><main class=\"{main_class}\">{body}</main></body></html>",
        escape(title)
    );
    page
}

/// An error as a page: what was asked and why it cannot be answered.
pub fn error_page(status: u16, message: &str) -> String {
    shell(
        &format!("Error {status}"),
        "",
        "one",
        &format!("<p class=\"error\">{}</p>", escape(message)),
    )
}

/// One annotation drawn on the text.
struct Mark {
    span: Span,
    class: &'static str,
    label: String,
    /// The id of the annotation's entry in the lists beside the text ("" for boilerplate).
    target: String,
}

/// The page of one stored article: its text with every annotation marked, and the lists of its
/// events, quotations and figures beside it.
pub fn article_page(record: &Record) -> String {
    let name = |id: &str| {
        record
            .entities
            .iter()
            .find(|e| e.id == id)
            .map_or_else(|| id.to_string(), |e| e.name.clone())
    };
    let names = |ids: &[String]| ids.iter().map(|i| name(i)).collect::<Vec<_>>().join(", ");
    let marks = marks(record, &name, &names);
    let title = record.title.clone().unwrap_or_else(|| record.id.clone());
    let header = format!(
        "<p class=\"meta\">{}</p>\
         <p class=\"legend\"><span class=\"person\">person</span><span class=\"organization\">organisation</span>\
         <span class=\"country\">place</span><span class=\"quote\">quotation</span><span class=\"figure\">figure</span>\
         <span class=\"time\">date</span><span class=\"event\">event</span><span class=\"boilerplate\">boilerplate</span></p>",
        meta(record)
    );
    let mut body = String::from("<article>");
    body.push_str(&marked_text(&record.text, &marks));
    body.push_str("</article><aside>");
    lists(record, &names, &name, &mut body);
    body.push_str("</aside>");
    shell(&title, &header, "two", &body)
}

/// Outlet, publication date and url (a link only for http and https).
fn meta(record: &Record) -> String {
    let mut parts = vec![escape(&record.id)];
    if let Some(o) = &record.source.outlet {
        parts.push(escape(o));
    }
    if let Some(p) = &record.published {
        parts.push(escape(p));
    }
    if let Some(u) = &record.source.url {
        let web = u.starts_with("https://") || u.starts_with("http://");
        parts.push(match web {
            true => format!(
                "<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
                escape(u),
                escape(u)
            ),
            false => escape(u),
        });
    }
    parts.join(" · ")
}

fn marks(
    record: &Record,
    name: &dyn Fn(&str) -> String,
    names: &dyn Fn(&[String]) -> String,
) -> Vec<Mark> {
    let mut marks = Vec::new();
    for b in &record.boilerplate {
        marks.push(Mark {
            span: *b,
            class: "boilerplate",
            label: "boilerplate".into(),
            target: String::new(),
        });
    }
    for (i, e) in record.events.iter().enumerate() {
        let label = format!(
            "{} {}: {} → {}{}",
            e.kind,
            e.cameo.as_deref().unwrap_or(""),
            names(&e.actors),
            names(&e.recipients),
            e.date
                .as_deref()
                .map(|d| format!(" · {d}"))
                .unwrap_or_default()
        );
        marks.push(Mark {
            span: e.span,
            class: "event",
            label,
            target: format!("event-{i}"),
        });
    }
    for (i, q) in record.quotes.iter().enumerate() {
        let speaker = q.speaker.as_deref().map(name).or(q.speaker_text.clone());
        let label = format!(
            "quotation of {}",
            speaker.unwrap_or_else(|| "an unnamed speaker".into())
        );
        marks.push(Mark {
            span: q.span,
            class: "quote",
            label,
            target: format!("quote-{i}"),
        });
    }
    for (i, e) in record.entities.iter().enumerate() {
        let class = match e.kind.as_str() {
            "person" => "person",
            "organization" => "organization",
            "group" => "group",
            "country" => "country",
            _ => "location",
        };
        for m in &e.mentions {
            marks.push(Mark {
                span: *m,
                class,
                label: format!("{} ({})", e.name, e.kind),
                target: format!("entity-{i}"),
            });
        }
    }
    for (i, t) in record.times.iter().enumerate() {
        let label = format!("{} {}", t.kind, t.value.as_deref().unwrap_or("unresolved"));
        marks.push(Mark {
            span: t.span,
            class: "time",
            label,
            target: format!("time-{i}"),
        });
    }
    for (i, f) in record.figures.iter().enumerate() {
        let label = format!(
            "{}{} {} {}{}",
            f.kind,
            f.country
                .as_deref()
                .map(|c| format!(" side {c}"))
                .unwrap_or_default(),
            f.qualifier.replace('_', " "),
            f.count
                .or(f.low)
                .or(f.high)
                .map(|c| c.to_string())
                .unwrap_or_default(),
            f.source
                .as_deref()
                .map(|s| format!(" · source: {s}"))
                .unwrap_or_default()
        );
        marks.push(Mark {
            span: f.span,
            class: "figure",
            label,
            target: format!("figure-{i}"),
        });
    }
    marks
}

/// The text cut at every annotation boundary, each piece in a span with the classes and labels
/// of the annotations covering it. Spans that do not fall on character boundaries are skipped.
fn marked_text(text: &str, marks: &[Mark]) -> String {
    let valid = |s: &Span| {
        s.0 < s.1 && s.1 <= text.len() && text.is_char_boundary(s.0) && text.is_char_boundary(s.1)
    };
    let marks: Vec<&Mark> = marks.iter().filter(|m| valid(&m.span)).collect();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in &marks {
        cuts.extend([m.span.0, m.span.1]);
    }
    cuts.sort_unstable();
    cuts.dedup();
    // Marks by where they start; walking the cuts in order, the marks covering a piece are
    // those started and not yet ended (every mark boundary is a cut), so each piece looks at the
    // few marks open there, not at every mark of the article.
    let mut by_start: Vec<usize> = (0..marks.len()).collect();
    by_start.sort_by_key(|&i| marks[i].span.0);
    let mut next = 0;
    let mut open: Vec<usize> = Vec::new();
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        open.retain(|&i| marks[i].span.1 > a);
        while next < by_start.len() && marks[by_start[next]].span.0 <= a {
            open.push(by_start[next]);
            next += 1;
        }
        // In the order the marks were made, so a piece's classes read the same way everywhere.
        open.sort_unstable();
        let over: Vec<&Mark> = open.iter().map(|&i| marks[i]).collect();
        let piece = escape(&text[a..b]);
        if over.is_empty() {
            out.push_str(&piece);
            continue;
        }
        let mut classes: Vec<&str> = over.iter().map(|m| m.class).collect();
        classes.dedup();
        let labels: Vec<String> = over.iter().map(|m| m.label.clone()).collect();
        // A click opens the entry of the narrowest annotation here (a name, not the sentence
        // around it).
        let target = over
            .iter()
            .filter(|m| !m.target.is_empty())
            .min_by_key(|m| m.span.1 - m.span.0)
            .map(|m| m.target.as_str());
        let (open, close) = match target {
            Some(t) => (format!("<a href=\"#{t}\">"), "</a>"),
            None => (String::new(), ""),
        };
        let _ = write!(
            out,
            "{open}<span class=\"{}\" title=\"{}\">{}</span>{close}",
            classes.join(" "),
            escape(&labels.join("\n")),
            piece
        );
    }
    out
}

fn lists(
    record: &Record,
    names: &dyn Fn(&[String]) -> String,
    name: &dyn Fn(&str) -> String,
    page: &mut String,
) {
    page.push_str("<h2>Events</h2><ol>");
    for (i, e) in record.events.iter().enumerate() {
        let _ = write!(
            page,
            "<li id=\"event-{i}\">{} · {} → {} · {} · {}</li>",
            escape(&e.kind),
            escape(&names(&e.actors)),
            escape(&names(&e.recipients)),
            escape(e.place.as_deref().unwrap_or("—")),
            escape(e.date.as_deref().unwrap_or("undated"))
        );
    }
    page.push_str("</ol><h2>Quotations</h2><ol>");
    for (i, q) in record.quotes.iter().enumerate() {
        let speaker = q
            .speaker
            .as_deref()
            .map(name)
            .or(q.speaker_text.clone())
            .unwrap_or_default();
        let said = record.text.get(q.span.0..q.span.1).unwrap_or("");
        let _ = write!(
            page,
            "<li id=\"quote-{i}\"><b>{}</b>: {}</li>",
            escape(&speaker),
            escape(said)
        );
    }
    page.push_str("</ol><h2>Figures</h2><ol>");
    for (i, f) in record.figures.iter().enumerate() {
        let _ = write!(
            page,
            "<li id=\"figure-{i}\">{}{} {} {} {}{}</li>",
            escape(&f.kind),
            f.country
                .as_deref()
                .map(|c| format!(" ({})", escape(c)))
                .unwrap_or_default(),
            escape(&f.qualifier.replace('_', " ")),
            f.count
                .or(f.low)
                .or(f.high)
                .map(crate::charts::count_text)
                .unwrap_or_default(),
            escape(f.object.as_deref().unwrap_or("")),
            f.source
                .as_deref()
                .map(|s| format!(" · according to {}", escape(s)))
                .unwrap_or_default()
        );
    }
    page.push_str("</ol><h2>Actors and places</h2><ol>");
    for (i, e) in record.entities.iter().enumerate() {
        let _ = write!(
            page,
            "<li id=\"entity-{i}\"><a href=\"/events?actor={}\">{}</a> · {} · {} mentions</li>",
            escape(&url_encoded(&e.name)),
            escape(&e.name),
            escape(&e.kind),
            e.mentions.len()
        );
    }
    page.push_str("</ol><h2>Dates</h2><ol>");
    for (i, t) in record.times.iter().enumerate() {
        let _ = write!(
            page,
            "<li id=\"time-{i}\">{} → {}</li>",
            escape(record.text.get(t.span.0..t.span.1).unwrap_or("")),
            escape(t.value.as_deref().unwrap_or("unresolved"))
        );
    }
    page.push_str("</ol>");
}

/// The value of a named column in a row of a query table ("" when the table lacks it).
pub fn cell<'a>(table: &'a dateline_store::Table, row: &'a [String], column: &str) -> &'a str {
    table
        .columns
        .iter()
        .position(|c| c == column)
        .and_then(|i| row.get(i))
        .map_or("", String::as_str)
}

/// The parameters a page was asked with (the query string), written back into its form.
pub type Asked = std::collections::HashMap<String, String>;

/// A parameter as asked, "" when it was not.
pub fn asked<'a>(p: &'a Asked, name: &str) -> &'a str {
    p.get(name).map_or("", String::as_str)
}

/// A filter form of (label, parameter, width in characters or 0 for the default) fields, each
/// holding what was asked.
pub fn filter_form(action: &str, fields: &[(&str, &str, usize)], p: &Asked) -> String {
    let mut form = format!("<form method=\"get\" action=\"{action}\">");
    for (label, name, size) in fields {
        let size = match size {
            0 => String::new(),
            n => format!(" size=\"{n}\""),
        };
        let _ = write!(
            form,
            "<label>{label} <input name=\"{name}\" value=\"{}\"{size}></label> ",
            escape(asked(p, name))
        );
    }
    form.push_str("<button>Show</button></form>");
    form
}

/// The events timeline: events in date order with their counts, each followed by its reports
/// (outlet, date, evidence sentence, a link to the annotated article).
pub fn events_page(
    events: &dateline_store::Table,
    reports: &dateline_store::Table,
    p: &Asked,
) -> String {
    let form = filter_form(
        "/events",
        &[
            ("Actor", "actor", 0),
            ("with", "with", 0),
            ("Place", "place", 0),
            ("Type", "type", 9),
            ("Since", "since", 10),
            ("Until", "until", 10),
        ],
        p,
    );
    let header = format!("{form}<p class=\"meta\">{}</p>", shown(events, "events"));
    let mut body = String::from("<div class=\"timeline\">");
    for row in &events.rows {
        event_entry(&mut body, events, row, reports);
    }
    body.push_str("</div>");
    let title = match (asked(p, "actor"), asked(p, "with")) {
        ("", _) => "Events".to_string(),
        (a, "") => format!("Events of {a}"),
        (a, b) => format!("Events of {a} and {b}"),
    };
    shell(&title, &header, "one", &body)
}

/// "12 events" or "240 events, the first 100 shown".
fn shown(table: &dateline_store::Table, what: &str) -> String {
    let total = table.total.unwrap_or(table.rows.len());
    match total > table.rows.len() {
        true => format!("{total} {what}, the first {} shown", table.rows.len()),
        false => format!("{total} {what}"),
    }
}

/// One event of the timeline with every report of it.
fn event_entry(
    page: &mut String,
    events: &dateline_store::Table,
    row: &[String],
    reports: &dateline_store::Table,
) {
    let id = cell(events, row, "event");
    let _ = write!(
        page,
        "<section class=\"event-entry\" id=\"event-{}\"><h2><time>{}</time> · {} · {} → {}{}</h2><p class=\"meta\">{} reports · {} sources · {} articles · {}</p><ol>",
        escape(id),
        escape(or_dash(cell(events, row, "date"))),
        escape(cell(events, row, "type")),
        escape(or_dash(cell(events, row, "actors"))),
        escape(or_dash(cell(events, row, "recipients"))),
        match cell(events, row, "place") {
            "" => String::new(),
            p => format!(" · <span class=\"place\">{}</span>", escape(p)),
        },
        escape(cell(events, row, "mentions")),
        escape(cell(events, row, "sources")),
        escape(cell(events, row, "articles")),
        escape(cell(events, row, "status")),
    );
    for r in reports
        .rows
        .iter()
        .filter(|r| cell(reports, r, "event") == id)
    {
        let article = cell(reports, r, "article");
        let _ = write!(
            page,
            "<li><a href=\"/articles/{}\">{}</a> · {} · {}<br><q>{}</q></li>",
            escape(&url_encoded(article)),
            escape(or_dash(cell(reports, r, "outlet"))),
            escape(or_dash(cell(reports, r, "published"))),
            escape(cell(reports, r, "figures")),
            escape(cell(reports, r, "evidence")),
        );
    }
    page.push_str("</ol></section>");
}

pub fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

/// A value percent-encoded for a url: an article id as one segment of a path ("/" or "?" in an
/// id stay part of it), or a query parameter's value ("&" or "=" in a name stay part of it).
pub fn url_encoded(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Marks the store puts around a search match in a snippet: control characters news text does
/// not hold (one in an article's own text would only shift a highlight: everything else is
/// escaped).
pub const MATCH_START: &str = "\u{2}";
pub const MATCH_END: &str = "\u{3}";

/// What a search page was asked: the words and the facets it is narrowed by, in the order the
/// facets are shown.
#[derive(Default)]
pub struct SearchAsked {
    pub q: String,
    pub raw: bool,
    /// (facet, value): since, until, outlet, actor, type, place.
    pub narrowed: Vec<(&'static str, String)>,
}

/// The facets a search can be narrowed by: its parameter and the heading it is shown under.
pub const FACETS: &[(&str, &str)] = &[
    ("month", "Month"),
    ("outlet", "Outlet"),
    ("actor", "Actor"),
    ("type", "Event type"),
    ("place", "Place"),
];

impl SearchAsked {
    /// The link to this search with one parameter set to a value (None drops it).
    fn link(&self, name: &str, value: Option<&str>) -> String {
        let mut parts = vec![format!("q={}", url_encoded(&self.q))];
        if self.raw {
            parts.push("raw=true".into());
        }
        for (n, v) in &self.narrowed {
            if *n != name {
                parts.push(format!("{n}={}", url_encoded(v)));
            }
        }
        if let Some(v) = value {
            parts.push(format!("{name}={}", url_encoded(v)));
        }
        format!("/search?{}", parts.join("&"))
    }

    fn value(&self, name: &str) -> &str {
        self.narrowed
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The search page: a form, the facets of the matches (each value narrows the search, each
/// narrowing can be dropped), then each matching article with its title, date, outlet and the
/// snippet with the matched words highlighted, linked to the annotated article.
pub fn search_page(
    asked: &SearchAsked,
    results: Option<&dateline_store::Table>,
    facets: Option<&dateline_store::Table>,
) -> String {
    let mut header = format!(
        "<form method=\"get\" action=\"/search\"><input name=\"q\" value=\"{}\" size=\"40\" aria-label=\"words\"> \
         <label>Published since <input name=\"since\" value=\"{}\" size=\"10\"></label> \
         <label>until <input name=\"until\" value=\"{}\" size=\"10\"></label>",
        escape(&asked.q),
        escape(asked.value("since")),
        escape(asked.value("until")),
    );
    for (name, value) in &asked.narrowed {
        if !matches!(*name, "since" | "until") {
            let _ = write!(
                header,
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(value)
            );
        }
    }
    header.push_str(" <button>Search</button></form>");
    let mut body = String::from("<aside class=\"facets\">");
    facet_lists(&mut body, asked, facets);
    body.push_str("</aside><div>");
    if let Some(table) = results {
        let _ = write!(
            body,
            "<p class=\"meta\">{}</p><ol class=\"results\">",
            shown(table, "articles")
        );
        for row in &table.rows {
            let article = cell(table, row, "article");
            let title = match cell(table, row, "title") {
                "" => article,
                t => t,
            };
            let _ = write!(
                body,
                "<li><a href=\"/articles/{}\">{}</a> · {} · {}<br>{}</li>",
                escape(&url_encoded(article)),
                escape(title),
                escape(or_dash(cell(table, row, "published"))),
                escape(or_dash(cell(table, row, "source"))),
                highlighted(cell(table, row, "snippet")),
            );
        }
        body.push_str("</ol>");
    }
    body.push_str("</div>");
    shell("Search", &header, "facetted", &body)
}

/// The narrowings in force (each with a link that drops it) and each facet's values.
fn facet_lists(body: &mut String, asked: &SearchAsked, facets: Option<&dateline_store::Table>) {
    if !asked.narrowed.is_empty() {
        body.push_str("<h2>Narrowed by</h2><ul class=\"narrowed\">");
        for (name, value) in &asked.narrowed {
            let _ = write!(
                body,
                "<li>{name}: {} <a href=\"{}\" title=\"drop this\">×</a></li>",
                escape(value),
                escape(&asked.link(name, None))
            );
        }
        body.push_str("</ul>");
    }
    let Some(facets) = facets else {
        return;
    };
    for (facet, heading) in FACETS {
        let rows: Vec<&Vec<String>> = facets
            .rows
            .iter()
            .filter(|r| cell(facets, r, "facet") == *facet)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = write!(
            body,
            "<h2>{heading}</h2><ul class=\"facet\" data-facet=\"{facet}\">"
        );
        for r in rows {
            let value = cell(facets, r, "value");
            // A month narrows the dates to itself.
            let link = match *facet {
                "month" => {
                    let one = SearchAsked {
                        q: asked.q.clone(),
                        raw: asked.raw,
                        narrowed: asked
                            .narrowed
                            .iter()
                            .filter(|(n, _)| !matches!(*n, "since" | "until"))
                            .cloned()
                            .chain([("since", value.to_string()), ("until", value.to_string())])
                            .collect(),
                    };
                    one.link("", None)
                }
                name => asked.link(name, Some(value)),
            };
            let _ = write!(
                body,
                "<li><a href=\"{}\">{}</a> <span class=\"count\">{}</span></li>",
                escape(&link),
                escape(value),
                escape(cell(facets, r, "articles"))
            );
        }
        body.push_str("</ul>");
    }
}

/// A snippet escaped, its matches between `<mark>` tags; marks left unbalanced are dropped.
fn highlighted(snippet: &str) -> String {
    let mut out = String::new();
    let mut open = false;
    let mut rest = snippet;
    while let Some(i) = rest.find([
        MATCH_START.chars().next().unwrap(),
        MATCH_END.chars().next().unwrap(),
    ]) {
        out.push_str(&escape(&rest[..i]));
        let c = rest[i..].chars().next().unwrap();
        match (c.to_string() == MATCH_START, open) {
            (true, false) => {
                out.push_str("<mark>");
                open = true;
            }
            (false, true) => {
                out.push_str("</mark>");
                open = false;
            }
            _ => {}
        }
        rest = &rest[i + c.len_utf8()..];
    }
    out.push_str(&escape(rest));
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(span: (usize, usize), class: &'static str, target: &str) -> Mark {
        Mark {
            span: Span(span.0, span.1),
            class,
            label: class.to_string(),
            target: target.to_string(),
        }
    }

    #[test]
    fn overlapping_marks_cut_the_text_and_the_narrowest_one_is_the_link() {
        // A name inside an event's sentence; a quotation overlapping the sentence's end; a mark
        // that does not fall on the text is skipped.
        let text = "Kiprop said \"no\" & left.";
        let marks = [
            mark((0, 16), "event", "event-0"),
            mark((0, 6), "person", "entity-0"),
            mark((12, 24), "quote", "quote-0"),
            mark((30, 40), "figure", "figure-0"),
        ];
        let out = marked_text(text, &marks);
        assert_eq!(
            out,
            "<a href=\"#entity-0\"><span class=\"event person\" title=\"event\nperson\">Kiprop</span></a>\
             <a href=\"#event-0\"><span class=\"event\" title=\"event\"> said </span></a>\
             <a href=\"#quote-0\"><span class=\"event quote\" title=\"event\nquote\">&quot;no&quot;</span></a>\
             <a href=\"#quote-0\"><span class=\"quote\" title=\"quote\"> &amp; left.</span></a>"
        );
        assert_eq!(marked_text(text, &[]), escape(text));
    }
}
