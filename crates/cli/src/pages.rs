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

/// One annotation drawn on the text.
struct Mark {
    span: Span,
    class: &'static str,
    label: String,
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
    let mut page = String::new();
    let title = record.title.clone().unwrap_or_else(|| record.id.clone());
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} · dateline</title>\
         <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><header><h1>{}</h1><p class=\"meta\">{}</p>\
         <p class=\"legend\"><span class=\"person\">person</span><span class=\"organization\">organisation</span>\
         <span class=\"country\">place</span><span class=\"quote\">quotation</span><span class=\"figure\">figure</span>\
         <span class=\"time\">date</span><span class=\"event\">event</span><span class=\"boilerplate\">boilerplate</span></p></header><main><article>",
        escape(&title),
        escape(&title),
        meta(record)
    );
    page.push_str(&marked_text(&record.text, &marks));
    page.push_str("</article><aside>");
    lists(record, &names, &name, &mut page);
    page.push_str("</aside></main></body></html>");
    page
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
        });
    }
    for e in &record.events {
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
        });
    }
    for q in &record.quotes {
        let speaker = q.speaker.as_deref().map(name).or(q.speaker_text.clone());
        let label = format!(
            "quotation of {}",
            speaker.unwrap_or_else(|| "an unnamed speaker".into())
        );
        marks.push(Mark {
            span: q.span,
            class: "quote",
            label,
        });
    }
    for e in &record.entities {
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
            });
        }
    }
    for t in &record.times {
        let label = format!("{} {}", t.kind, t.value.as_deref().unwrap_or("unresolved"));
        marks.push(Mark {
            span: t.span,
            class: "time",
            label,
        });
    }
    for f in &record.figures {
        let label = format!(
            "{} {} {}{}",
            f.kind,
            f.qualifier,
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
    let mut out = String::with_capacity(text.len() * 2);
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece = escape(&text[a..b]);
        let over: Vec<&&Mark> = marks
            .iter()
            .filter(|m| m.span.0 <= a && b <= m.span.1)
            .collect();
        if over.is_empty() {
            out.push_str(&piece);
            continue;
        }
        let mut classes: Vec<&str> = over.iter().map(|m| m.class).collect();
        classes.dedup();
        let labels: Vec<String> = over.iter().map(|m| m.label.clone()).collect();
        let _ = write!(
            out,
            "<span class=\"{}\" title=\"{}\">{}</span>",
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
    for e in &record.events {
        let _ = write!(
            page,
            "<li>{} · {} → {} · {} · {}</li>",
            escape(&e.kind),
            escape(&names(&e.actors)),
            escape(&names(&e.recipients)),
            escape(e.place.as_deref().unwrap_or("—")),
            escape(e.date.as_deref().unwrap_or("undated"))
        );
    }
    page.push_str("</ol><h2>Quotations</h2><ol>");
    for q in &record.quotes {
        let speaker = q
            .speaker
            .as_deref()
            .map(name)
            .or(q.speaker_text.clone())
            .unwrap_or_default();
        let said = record.text.get(q.span.0..q.span.1).unwrap_or("");
        let _ = write!(
            page,
            "<li><b>{}</b>: {}</li>",
            escape(&speaker),
            escape(said)
        );
    }
    page.push_str("</ol><h2>Figures</h2><ol>");
    for f in &record.figures {
        let _ = write!(
            page,
            "<li>{} {} {} {}</li>",
            escape(&f.kind),
            escape(&f.qualifier),
            f.count
                .or(f.low)
                .or(f.high)
                .map(|c| c.to_string())
                .unwrap_or_default(),
            escape(f.object.as_deref().unwrap_or(""))
        );
    }
    page.push_str("</ol>");
}

/// The value of a named column in a row of a query table ("" when the table lacks it).
fn cell<'a>(table: &'a dateline_store::Table, row: &'a [String], column: &str) -> &'a str {
    table
        .columns
        .iter()
        .position(|c| c == column)
        .and_then(|i| row.get(i))
        .map_or("", String::as_str)
}

/// The filters a page was asked with, written back into its form.
pub struct Asked<'a> {
    pub actor: &'a str,
    pub place: &'a str,
    pub kind: &'a str,
    pub since: &'a str,
    pub until: &'a str,
}

/// The events timeline: events in date order with their counts, each followed by its reports
/// (outlet, date, evidence sentence, a link to the annotated article).
pub fn events_page(
    events: &dateline_store::Table,
    reports: &dateline_store::Table,
    asked: &Asked,
) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Events · dateline</title>\
         <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><header><h1>Events</h1>\
         <form method=\"get\" action=\"/events\">\
         <label>Actor <input name=\"actor\" value=\"{}\"></label> <label>Place <input name=\"place\" value=\"{}\"></label> \
         <label>Type <input name=\"type\" value=\"{}\" size=\"9\"></label> <label>Since <input name=\"since\" value=\"{}\" size=\"10\"></label> \
         <label>Until <input name=\"until\" value=\"{}\" size=\"10\"></label> <button>Show</button></form>\
         <p class=\"meta\">{} events{}</p></header><main><div>",
        escape(asked.actor),
        escape(asked.place),
        escape(asked.kind),
        escape(asked.since),
        escape(asked.until),
        events.total.unwrap_or(events.rows.len()),
        if events.total.is_some_and(|t| t > events.rows.len()) {
            format!(", the first {} shown", events.rows.len())
        } else {
            String::new()
        }
    );
    for row in &events.rows {
        let id = cell(events, row, "event");
        let _ = write!(
            page,
            "<section class=\"event-entry\" id=\"event-{}\"><h2>{} · {} · {} → {}{}</h2><p class=\"meta\">{} reports · {} sources · {} articles · {}</p><ol>",
            escape(id),
            escape(or_dash(cell(events, row, "date"))),
            escape(cell(events, row, "type")),
            escape(or_dash(cell(events, row, "actors"))),
            escape(or_dash(cell(events, row, "recipients"))),
            match cell(events, row, "place") {
                "" => String::new(),
                p => format!(" · {}", escape(p)),
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
                "<li><a href=\"/articles/{}\">{}</a> · {} · {}<br>{}</li>",
                escape(&url_path_part(article)),
                escape(or_dash(cell(reports, r, "outlet"))),
                escape(or_dash(cell(reports, r, "published"))),
                escape(cell(reports, r, "figures")),
                escape(cell(reports, r, "evidence")),
            );
        }
        page.push_str("</ol></section>");
    }
    page.push_str("</div></main></body></html>");
    page
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "—"
    } else {
        s
    }
}

/// An article id as one segment of a url path (percent-encoded, so "/" or "?" in an id stay
/// part of it).
fn url_path_part(id: &str) -> String {
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

/// The search page: a form, then each matching article with its title, date, outlet and the
/// snippet with the matched words highlighted, linked to the annotated article.
pub fn search_page(query: &str, results: Option<&dateline_store::Table>) -> String {
    let mut page = String::new();
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Search · dateline</title>\
         <link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><header><h1>Search</h1>\
         <form method=\"get\" action=\"/search\"><input name=\"q\" value=\"{}\" size=\"40\"> <button>Search</button> \
         <a href=\"/events\">events</a></form></header><main><div>",
        escape(query)
    );
    if let Some(table) = results {
        let _ = write!(
            page,
            "<p class=\"meta\">{} articles</p><ol>",
            table.rows.len()
        );
        for row in &table.rows {
            let article = cell(table, row, "article");
            let title = match cell(table, row, "title") {
                "" => article,
                t => t,
            };
            let _ = write!(
                page,
                "<li><a href=\"/articles/{}\">{}</a> · {} · {}<br>{}</li>",
                escape(&url_path_part(article)),
                escape(title),
                escape(or_dash(cell(table, row, "published"))),
                escape(or_dash(cell(table, row, "source"))),
                highlighted(cell(table, row, "snippet")),
            );
        }
        page.push_str("</ol>");
    }
    page.push_str("</div></main></body></html>");
    page
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
