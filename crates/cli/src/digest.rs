//! The digest `analyze` prints on a terminal: what each article says in a few lines (headline,
//! date and place, people, events as who → did what → to whom, quotations with speakers,
//! figures with qualifier and source, stances), instead of thousands of lines of offsets.
//! Everything shown is read from the record; nothing is added.

use dateline_core::{Event, EventStatus, Figure, Quote, Record, Stance};

/// Items shown per section before "+N more": the digest is a glance, the JSON is the record.
const SHOWN: usize = 6;
/// The width of the section labels ("Figures  ").
const LABEL: usize = 10;
/// Characters of a quotation shown before it is cut.
const QUOTE_CHARS: usize = 110;

/// How the digest is laid out: the terminal's width and whether to use bold and colour.
#[derive(Clone, Copy)]
pub struct Layout {
    pub width: usize,
    pub color: bool,
}

/// The digest of one record: a heading line, then one labelled section per kind of finding;
/// every line fits `layout.width`.
pub fn render(record: &Record, layout: Layout) -> String {
    let names = Names(record);
    let mut lines = vec![heading(record, layout), about(record)];
    if record.language != "en" {
        lines.push(format!(
            "{:LABEL$}language {}: only English articles are analysed further",
            "", record.language
        ));
    }
    let sections: [(&str, Vec<String>); 7] = [
        ("People", people(record)),
        ("Groups", others(record, &["organization", "group"])),
        ("Places", others(record, &["location", "country"])),
        (
            "Events",
            record.events.iter().map(|e| event(e, &names)).collect(),
        ),
        (
            "Quotes",
            record
                .quotes
                .iter()
                .map(|q| quote(q, record, &names))
                .collect(),
        ),
        (
            "Figures",
            record.figures.iter().map(|f| figure(f, &names)).collect(),
        ),
        (
            "Stances",
            record.stances.iter().map(|s| stance(s, &names)).collect(),
        ),
    ];
    for (label, items) in sections {
        section(&mut lines, label, items, layout);
    }
    let mut out = String::new();
    for line in lines {
        out.push_str(&console::truncate_str(&line, layout.width.max(20), "…"));
        out.push('\n');
    }
    out
}

/// Entity ids resolved to the names a reader knows.
struct Names<'a>(&'a Record);

impl Names<'_> {
    /// A person's shortest one-word name the article uses ("Lavrov" reads better in an event
    /// line than "Sergei Viktorovich Lavrov"; the People line gives the full name); other
    /// entities by their name.
    fn short(&self, id: &str) -> String {
        let Some(entity) = self.0.entities.iter().find(|e| e.id == id) else {
            return id.to_string();
        };
        if entity.kind != "person" {
            return entity.name.clone();
        }
        entity
            .aliases
            .iter()
            .filter(|a| !a.contains(' ') && entity.name.split(' ').any(|w| w == a.as_str()))
            .min_by_key(|a| a.len())
            .unwrap_or(&entity.name)
            .clone()
    }

    fn list(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|id| self.short(id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn heading(record: &Record, layout: Layout) -> String {
    let headline = record
        .title
        .clone()
        .or_else(|| first_sentence(record))
        .unwrap_or_default();
    let id = if layout.color {
        console::style(&record.id).bold().cyan().to_string()
    } else {
        record.id.clone()
    };
    let headline = if layout.color {
        console::style(headline).bold().to_string()
    } else {
        headline
    };
    format!("{id}  {headline}")
}

/// The first sentence stands in for a headline when the article has no title.
fn first_sentence(record: &Record) -> Option<String> {
    let span = record.sentences.first()?;
    let text = span
        .slice(&record.text)
        .split_whitespace()
        .collect::<Vec<_>>();
    Some(text.join(" "))
}

/// Date, dateline and source on one line: "published 2024-03-04 (dateline) · CAIRO (TASS) · path".
fn about(record: &Record) -> String {
    let mut parts = Vec::new();
    match &record.published {
        Some(date) => parts.push(format!("published {date}")),
        None => parts.push("no publication date".to_string()),
    }
    if let Some(dateline) = &record.dateline {
        let mut text = dateline.place.clone().unwrap_or_default();
        if let Some(agency) = &dateline.agency {
            text = format!("{text} ({agency})").trim().to_string();
        }
        if let Some(day) = &dateline.month_day {
            text = format!("{text} {}", day.trim_start_matches("--"))
                .trim()
                .to_string();
        }
        if !text.is_empty() {
            parts.push(format!("dateline {text}"));
        }
    }
    let source = &record.source;
    if let Some(place) = source.outlet.as_ref().or(source.url.as_ref()) {
        parts.push(place.clone());
    } else if let Some(path) = &source.path {
        parts.push(path.clone());
    }
    format!("{:LABEL$}{}", "", parts.join(" · "))
}

/// "Sameh Shoukry (foreign minister, EGY)".
fn people(record: &Record) -> Vec<String> {
    record
        .entities
        .iter()
        .filter(|e| e.kind == "person")
        .map(|e| {
            let mut about: Vec<&str> = e.roles.iter().map(String::as_str).collect();
            about.extend(e.country.as_deref());
            if about.is_empty() {
                e.name.clone()
            } else {
                format!("{} ({})", e.name, about.join(", "))
            }
        })
        .collect()
}

/// Names of the entities of the given kinds, joined on one line: they are context, not findings.
fn others(record: &Record, kinds: &[&str]) -> Vec<String> {
    let names: Vec<&str> = record
        .entities
        .iter()
        .filter(|e| kinds.contains(&e.kind.as_str()))
        .map(|e| e.name.as_str())
        .collect();
    if names.is_empty() {
        Vec::new()
    } else {
        vec![names.join(" · ")]
    }
}

/// "Shoukry, Safadi → CONSULT (visit) → League of Arab States · in Cairo · 2024-03-04".
fn event(event: &Event, names: &Names) -> String {
    let actors = if event.actors.is_empty() {
        "(no actor named)".to_string()
    } else {
        names.list(&event.actors)
    };
    let mut line = format!("{actors} → {}", event.kind);
    if let Some(mode) = &event.mode {
        line.push_str(&format!(" ({mode})"));
    }
    if !event.recipients.is_empty() {
        line.push_str(&format!(" → {}", names.list(&event.recipients)));
    }
    if let Some(place) = &event.place {
        line.push_str(&format!(" · in {place}"));
    }
    if let Some(date) = &event.date {
        line.push_str(&format!(" · {date}"));
    }
    if event.status != EventStatus::Occurred {
        line.push_str(&format!(" [{}]", event.status.as_str()));
    }
    line
}

/// `Ministry: "We call on ..."`; reported speech is shown without quotation marks.
fn quote(quote: &Quote, record: &Record, names: &Names) -> String {
    let speaker = match (&quote.speaker, &quote.speaker_text) {
        (Some(id), _) => names.short(id),
        (None, Some(text)) => text.clone(),
        (None, None) => "(speaker not found)".to_string(),
    };
    let words: Vec<&str> = quote.span.slice(&record.text).split_whitespace().collect();
    let said = cut(&words.join(" "), QUOTE_CHARS);
    let said = said.trim_matches(|c| matches!(c, '"' | '“' | '”'));
    if quote.direct {
        format!("{speaker}: “{said}”")
    } else {
        format!("{speaker}: {said}")
    }
}

/// "KILL more than 30,000 people (PSE) — the health authorities in Gaza, as of 2024-03-03".
fn figure(figure: &Figure, names: &Names) -> String {
    let amount = match (figure.count, figure.low, figure.high) {
        (None, Some(low), Some(high)) => format!("{}–{}", number(low), number(high)),
        (Some(count), _, _) => number(count),
        (None, Some(low), None) => number(low),
        (None, None, Some(high)) => number(high),
        (None, None, None) => "?".to_string(),
    };
    let qualifier = match figure.qualifier.as_str() {
        "exact" | "range" => String::new(),
        other => format!("{} ", other.replace('_', " ")),
    };
    let mut line = format!("{} {qualifier}{amount} {}", figure.kind, figure.unit);
    if let Some(country) = &figure.country {
        line.push_str(&format!(" ({country})"));
    }
    let source = match (&figure.source, &figure.source_entity) {
        (Some(text), _) => Some(text.clone()),
        (None, Some(id)) => Some(names.short(id)),
        (None, None) => None,
    };
    if let Some(source) = source {
        line.push_str(&format!(" — {source}"));
    }
    if let Some(date) = &figure.as_of {
        line.push_str(&format!(", as of {date}"));
    }
    line
}

/// "Shoukry: call for ceasefire".
fn stance(stance: &Stance, names: &Names) -> String {
    format!(
        "{}: {} {}",
        names.short(&stance.actor),
        stance.stance.replace('_', " "),
        stance.issue
    )
}

/// Up to `SHOWN` items under a label, then "+N more"; nothing at all for an empty section.
fn section(lines: &mut Vec<String>, label: &str, items: Vec<String>, layout: Layout) {
    let total = items.len();
    for (i, item) in items.into_iter().take(SHOWN).enumerate() {
        let label = if i == 0 { label } else { "" };
        let padded = format!("{label:LABEL$}");
        let padded = if layout.color && !label.is_empty() {
            console::style(padded).dim().to_string()
        } else {
            padded
        };
        lines.push(format!("{padded}{item}"));
    }
    if total > SHOWN {
        lines.push(format!(
            "{:LABEL$}+{} more (--format json for all)",
            "",
            total - SHOWN
        ));
    }
}

/// A whole number with thousands separators ("30,000"); fractions keep one decimal.
fn number(value: f64) -> String {
    if value.fract() != 0.0 {
        return format!("{value:.1}");
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// The first `max` characters of `text`, cut at a word and ended with "…" when it is longer.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let at_word = head
        .rfind(' ')
        .filter(|&i| i > max / 2)
        .unwrap_or(head.len());
    format!("{}…", head[..at_word].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{Entity, Span};

    fn person(id: &str, name: &str, alias: &str, role: &str) -> Entity {
        Entity {
            id: id.into(),
            kind: "person".into(),
            name: name.into(),
            aliases: vec![alias.into()],
            roles: vec![role.into()],
            country: Some("KEN".into()),
            sector: Some("GOV".into()),
            code: Some("KENGOV".into()),
            mentions: vec![],
            key: None,
        }
    }

    fn record() -> Record {
        let text = "Kenyan minister Amina Kiprop met Daniel Mwangi in Nairobi. \
                    \"We agreed on the corridor,\" Kiprop said."
            .to_string();
        let quote_start = text.find('"').unwrap();
        let quote_end = text.rfind('"').unwrap() + 1;
        Record {
            id: "k1".into(),
            text,
            title: Some("Kenya and Uganda agree on a corridor".into()),
            published: Some("2024-05-02".into()),
            language: "en".into(),
            entities: vec![
                person("e1", "Amina Kiprop", "Kiprop", "foreign minister"),
                person("e2", "Daniel Mwangi", "Mwangi", "envoy"),
            ],
            events: vec![Event {
                id: "v1".into(),
                kind: "CONSULT".into(),
                mode: Some("meet".into()),
                cameo: Some("043".into()),
                actors: vec!["e1".into()],
                recipients: vec!["e2".into()],
                place: Some("Nairobi".into()),
                date: Some("2024-05-01".into()),
                date_basis: None,
                span: Span(0, 58),
                status: EventStatus::Occurred,
            }],
            quotes: vec![Quote {
                span: Span(quote_start, quote_end),
                speaker: Some("e1".into()),
                speaker_text: Some("Kiprop".into()),
                cue: Some("said".into()),
                direct: true,
            }],
            figures: vec![Figure {
                span: Span(0, 0),
                kind: "KILL".into(),
                count: Some(12000.0),
                low: Some(12000.0),
                high: None,
                qualifier: "more_than".into(),
                unit: "people".into(),
                object: None,
                country: None,
                source: Some("the health ministry".into()),
                source_entity: None,
                as_of: None,
                evidence: Span(0, 0),
                gkg: None,
            }],
            ..Record::default()
        }
    }

    const PLAIN: Layout = Layout {
        width: 100,
        color: false,
    };

    #[test]
    fn a_digest_says_who_did_what_to_whom_and_who_said_it() {
        let digest = render(&record(), PLAIN);
        assert!(
            digest.starts_with("k1  Kenya and Uganda agree on a corridor\n"),
            "{digest}"
        );
        assert!(digest.contains("published 2024-05-02"), "{digest}");
        assert!(
            digest.contains("Amina Kiprop (foreign minister, KEN)"),
            "{digest}"
        );
        assert!(
            digest.contains("Kiprop → CONSULT (meet) → Mwangi · in Nairobi · 2024-05-01"),
            "{digest}"
        );
        assert!(
            digest.contains("Kiprop: “We agreed on the corridor,”"),
            "{digest}"
        );
        assert!(
            digest.contains("KILL more than 12,000 people — the health ministry"),
            "{digest}"
        );
    }

    #[test]
    fn every_line_fits_the_width_and_long_sections_say_how_many_more() {
        let mut record = record();
        let event = record.events[0].clone();
        record.events = (0..9).map(|_| event.clone()).collect();
        let narrow = Layout {
            width: 40,
            color: false,
        };
        let digest = render(&record, narrow);
        assert!(
            digest.lines().all(|l| console::measure_text_width(l) <= 40),
            "{digest}"
        );
        assert!(digest.contains("+3 more"), "{digest}");
        assert_eq!(digest.matches("CONSULT").count(), SHOWN, "{digest}");
    }

    #[test]
    fn events_that_did_not_happen_say_so_and_an_empty_section_is_left_out() {
        let mut record = record();
        record.events[0].status = EventStatus::Planned;
        record.stances.clear();
        let digest = render(&record, PLAIN);
        assert!(digest.contains("[planned]"), "{digest}");
        assert!(!digest.contains("Stances"), "{digest}");
    }

    #[test]
    fn numbers_read_as_written_in_news() {
        assert_eq!(number(30000.0), "30,000");
        assert_eq!(number(800.0), "800");
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(cut("one two three four", 9), "one two…");
    }
}
