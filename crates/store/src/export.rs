//! Exports: our records (JSON Lines), PLOVER JSON records, GDELT 2.0 event rows (61 tab-
//! separated columns), GKG 2.1 rows (27 columns) and a CSV of events. docs/exports.md maps each
//! field.

use crate::{Result, Store};
use rusqlite::params;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Plover,
    GdeltEvents,
    GdeltMentions,
    Gkg,
    Csv,
}

impl ExportFormat {
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "jsonl" => Self::Jsonl,
            "plover" => Self::Plover,
            "gdelt-events" => Self::GdeltEvents,
            "gdelt-mentions" => Self::GdeltMentions,
            "gkg" => Self::Gkg,
            "csv" => Self::Csv,
            _ => return None,
        })
    }
}

/// Number of columns of a GDELT 2.0 event row and of a GKG 2.1 row.
pub const GDELT_EVENT_COLUMNS: usize = 61;
pub const GKG_COLUMNS: usize = 27;

/// What an export wrote, and what it left out and why.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Exported {
    pub rows: usize,
    pub left_out: usize,
    pub why_left_out: &'static str,
}

impl Exported {
    fn all(rows: usize) -> Exported {
        Exported {
            rows,
            ..Exported::default()
        }
    }
}

/// Writes the corpus in `format`. Event rows (PLOVER, GDELT events and mentions, CSV) are of
/// events with `status` (`occurred`, `planned`, `negated`, `hypothetical`, or `all`).
pub fn export(
    store: &Store,
    format: ExportFormat,
    status: &str,
    out: &mut dyn Write,
) -> Result<Exported> {
    Ok(match format {
        ExportFormat::Jsonl => Exported::all(records(store, out)?),
        ExportFormat::Plover => plover(store, status, out)?,
        ExportFormat::GdeltEvents => gdelt_events(store, status, out)?,
        ExportFormat::GdeltMentions => gdelt_mentions(store, status, out)?,
        ExportFormat::Gkg => crate::gkg::gkg(store, out)?,
        ExportFormat::Csv => {
            // A name or a sentence broken over lines would break a line-per-row reader.
            let filters = crate::Filters {
                status: (status != "all").then(|| status.to_string()),
                ..crate::Filters::default()
            };
            let mut table = store.events(&filters)?;
            for cell in table.rows.iter_mut().flatten() {
                if cell.contains(['\n', '\r']) {
                    *cell = cell.split_whitespace().collect::<Vec<_>>().join(" ");
                }
            }
            out.write_all(table.render("csv").as_bytes())?;
            Exported::all(table.rows.len())
        }
    })
}

fn records(store: &Store, out: &mut dyn Write) -> Result<usize> {
    let mut stmt = store
        .connection()
        .prepare("SELECT record_id, record FROM articles ORDER BY id")?;
    let mut n = 0;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (id, record) = row?;
        // A damaged page can leave a record readable but no longer JSON: stop rather than
        // write a line no reader can parse.
        if serde_json::from_str::<serde::de::IgnoredAny>(&record).is_err() {
            return Err(crate::Error::Record {
                id,
                reason: "the stored record is not valid JSON: the database is damaged (see `dateline check`)".into(),
            });
        }
        out.write_all(record.as_bytes())?;
        out.write_all(b"\n")?;
        n += 1;
    }
    Ok(n)
}

/// One corpus event with what the exports need.
struct EventRow {
    id: i64,
    kind: String,
    mode: Option<String>,
    cameo: Option<String>,
    date: Option<String>,
    place: Option<String>,
    text: Option<String>,
    mentions: i64,
    sources: i64,
    articles: i64,
    url: Option<String>,
    /// Publication date of the first report, when it is a whole day.
    published: Option<String>,
    /// Title and outlet of the first report.
    title: Option<String>,
    outlet: Option<String>,
    status: String,
}

/// (name, code, country, sector) of the event's participants in one role.
fn participants(
    store: &Store,
    event: i64,
    role: &str,
) -> Result<Vec<(String, String, String, String)>> {
    let mut stmt = store.connection().prepare_cached(
        "SELECT n.name, COALESCE(n.code, ''), COALESCE(n.country, ''), COALESCE(n.sector, '')
         FROM event_participants p JOIN entities n ON n.id = p.entity WHERE p.event = ?1 AND p.role = ?2 ORDER BY n.id",
    )?;
    let rows = stmt.query_map(params![event, role], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The corpus events of a status (`all` for every status) with what the exports need.
fn event_rows(store: &Store, status: &str) -> Result<Vec<EventRow>> {
    let mut stmt = store.connection().prepare(
        concat!(
        "SELECT e.id, e.type, e.mode, e.cameo, e.date, e.place, e.text,
            (SELECT COUNT(*) FROM event_mentions m WHERE m.event = e.id),
",
            event_sources!(),
            ",
            (SELECT COUNT(DISTINCT m.article) FROM event_mentions m WHERE m.event = e.id),
            (SELECT COALESCE(a.url, 'file:' || a.path) FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id ORDER BY a.id LIMIT 1),
            (SELECT a.published FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id ORDER BY a.id LIMIT 1),
            (SELECT a.title FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id ORDER BY a.id LIMIT 1),
            (SELECT a.outlet FROM event_mentions m JOIN articles a ON a.id = m.article WHERE m.event = e.id ORDER BY a.id LIMIT 1),
            e.status
         FROM events e WHERE ?1 IN ('all', e.status) ORDER BY e.id"),
    )?;
    let rows = stmt.query_map([status], |r| {
        Ok(EventRow {
            id: r.get(0)?,
            kind: r.get(1)?,
            mode: r.get(2)?,
            cameo: r.get(3)?,
            date: r.get(4)?,
            place: r.get(5)?,
            text: r.get(6)?,
            mentions: r.get(7)?,
            sources: r.get(8)?,
            articles: r.get(9)?,
            url: r.get(10)?,
            published: r.get(11)?,
            title: r.get(12)?,
            outlet: r.get(13)?,
            status: r.get(14)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// One tab-separated row; tabs and line breaks inside values become spaces.
pub(crate) fn write_row(out: &mut dyn Write, cols: &[String]) -> Result<()> {
    let cleaned: Vec<String> = cols.iter().map(|c| c.replace(['\t', '\n'], " ")).collect();
    writeln!(out, "{}", cleaned.join("\t"))?;
    Ok(())
}

/// PLOVER JSON records as the PLOVER manual (0.7b1, "JSON Data Fields") specifies them: the
/// required `id`, `date` (a whole day), `source` (actor objects) and `event` (a list), with
/// `recipient`, `mode` (only the manual's modes for the category), `event_loc`, `event_text`,
/// `quad_code`, `event_scale` and `cite_info`. Events without a day, without a coded source, or
/// of a category that needs a recipient and has none are left out and counted.
fn plover(store: &Store, status: &str, out: &mut dyn Write) -> Result<Exported> {
    let events = event_rows(store, status)?;
    let mut written = 0;
    for e in &events {
        let source = plover_actors(participants(store, e.id, "actor")?);
        let recipient = plover_actors(participants(store, e.id, "recipient")?);
        let day = e
            .date
            .as_deref()
            .filter(|d| gdelt_day(Some(d)).is_some())
            .or(e
                .published
                .as_deref()
                .filter(|d| gdelt_day(Some(d)).is_some()));
        let needs_recipient = matches!(e.kind.as_str(), "COOPERATE" | "AID" | "SANCTION");
        let (Some(day), false, false) = (
            day,
            source.is_empty(),
            needs_recipient && recipient.is_empty(),
        ) else {
            continue;
        };
        let manual_mode = e
            .mode
            .as_deref()
            .filter(|m| plover_modes(&e.kind).contains(m));
        let mut rec = serde_json::json!({
            "id": format!("dateline-{}", e.id),
            "date": day,
            "source": source,
            "event": [e.kind],
            "event_text": e.text.as_ref().map(|t| vec![t]),
            "event_loc": e.place.as_ref().map(|p| serde_json::json!({"name": p})),
            "mode": manual_mode.map(|m| vec![m]),
            "quad_code": plover_quad(&e.kind),
            // The manual's contexts for what did not (yet) happen; occurred events have none.
            "context": match e.status.as_str() {
                "planned" => Some(["future"]),
                "hypothetical" => Some(["hypothetical"]),
                "negated" => Some(["negation"]),
                _ => None,
            },
            "event_scale": schrodt_score(&e.kind),
            "cite_info": {
                "url": e.url,
                "title": e.title,
                "publication": e.outlet,
                "language": "en",
                "coder": concat!("dateline ", env!("CARGO_PKG_VERSION")),
                "codebook": "plover-0.7b1",
            },
            "cameo": e.cameo,
            "num_mentions": e.mentions,
            "num_sources": e.sources,
        });
        if !recipient.is_empty() {
            rec["recipient"] = serde_json::Value::from(recipient);
        }
        if manual_mode.is_none() && e.mode.is_some() {
            // dateline's own mode, which the manual does not list for this category.
            rec["dateline_mode"] = serde_json::Value::from(e.mode.clone());
        }
        drop_nulls(&mut rec);
        writeln!(out, "{rec}")?;
        written += 1;
    }
    Ok(Exported {
        rows: written,
        left_out: events.len() - written,
        why_left_out: "events without a day, without a coded source actor, or of a category that needs a recipient (COOPERATE, AID, SANCTION) without one",
    })
}

/// Optional fields without a value are left out rather than written as null.
fn drop_nulls(value: &mut serde_json::Value) {
    if let serde_json::Value::Object(map) = value {
        map.retain(|_, v| !v.is_null());
        map.values_mut().for_each(drop_nulls);
    } else if let serde_json::Value::Array(items) = value {
        items.iter_mut().for_each(drop_nulls);
    }
}

/// PLOVER actor objects: `code` the 3-letter country or non-state code (the CAMEO code's first
/// element), `sector` the rest of the code (else the entity's sector), `actor_text` and
/// `identifier_text` the name. Actors without any code are left out.
fn plover_actors(people: Vec<(String, String, String, String)>) -> Vec<serde_json::Value> {
    people
        .into_iter()
        .filter_map(|(name, code, country, sector)| {
            let top = code
                .get(..3)
                .map(str::to_string)
                .or((!country.is_empty()).then_some(country))?;
            let rest = code.get(3..).filter(|r| !r.is_empty()).map(str::to_string);
            let sector = rest.or((!sector.is_empty()).then_some(sector));
            Some(serde_json::json!({
                "code": top,
                "sector": sector,
                "actor_text": name,
                "identifier_text": name,
            }))
        })
        .collect()
}

/// The modes the PLOVER manual lists for a category (AGREE, SUPPORT, CONCEDE, COOPERATE and
/// ACCUSE have none). DEMAND takes both tables the manual gives it.
fn plover_modes(category: &str) -> &'static [&'static str] {
    match category {
        "CONSULT" => &["visit", "third-party", "multilateral", "phone"],
        "AID" => &["economic", "military", "humanitarian", "asylum"],
        "RETREAT" => &[
            "withdraw",
            "release",
            "return",
            "disarm",
            "ceasefire",
            "access",
            "resign",
        ],
        "DEMAND" => &[
            "economic",
            "military",
            "humanitarian",
            "asylum",
            "assist",
            "change",
            "yield",
            "meet",
        ],
        "REJECT" => &["assist", "change", "yield", "meet"],
        "THREATEN" => &[
            "restrict",
            "ban",
            "arrest",
            "relations",
            "expel",
            "territory",
            "violence",
        ],
        "PROTEST" => &[
            "demo",
            "riot",
            "strike-gen",
            "strike-lim",
            "strike-hun",
            "boycott",
            "obstruct",
        ],
        "SANCTION" => &["convict", "cancel", "expel", "withdraw", "sever"],
        "MOBILIZE" => &["troops", "weapons", "police"],
        "COERCE" => &[
            "confiscate",
            "restrict",
            "ban",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
        ],
        "ASSAULT" => &[
            "abduct",
            "beat",
            "torture",
            "execute",
            "sexual",
            "assassinate",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "heavy-weapons",
        ],
        _ => &[],
    }
}

/// The manual's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal
/// conflict, 4 material conflict. REQUEST (the GSR's category for appeals, which the manual
/// does not code) is verbal cooperation, as CAMEO's appeals are.
fn plover_quad(category: &str) -> Option<u8> {
    Some(match category {
        "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" | "REQUEST" => 1,
        "COOPERATE" | "AID" | "RETREAT" | "INVESTIGATE" => 2,
        "DEMAND" | "ACCUSE" | "REJECT" | "SANCTION" | "THREATEN" => 3,
        "PROTEST" | "MOBILIZE" | "COERCE" | "ASSAULT" => 4,
        _ => return None,
    })
}

/// The manual's conflict-cooperation score ("Schrodt score") of a category.
fn schrodt_score(category: &str) -> Option<f64> {
    Some(match category {
        "ASSAULT" => -9.3,
        "COERCE" => -7.2,
        "PROTEST" => -6.6,
        "MOBILIZE" => -5.3,
        "SANCTION" => -5.2,
        "THREATEN" => -5.1,
        "DEMAND" => -5.0,
        "REJECT" => -4.2,
        "ACCUSE" => -2.0,
        "CONSULT" => 2.1,
        "AGREE" => 4.2,
        "SUPPORT" => 4.6,
        "CONCEDE" => 5.0,
        "COOPERATE" => 6.8,
        "AID" => 7.4,
        "RETREAT" => 7.6,
        _ => return None,
    })
}

/// CAMEO root code's QuadClass (1 verbal cooperation ... 4 material conflict).
fn quad_class(cameo: &str) -> &'static str {
    match cameo.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(1..=5) => "1",
        Some(6..=8) => "2",
        Some(9..=13) => "3",
        Some(14..=20) => "4",
        _ => "",
    }
}

/// A whole day as GDELT writes it (`YYYYMMDD`), from an ISO date; None for a week, month,
/// year or anything else.
fn gdelt_day(date: Option<&str>) -> Option<(String, dateline_core::calendar::Date)> {
    let date = date?;
    let day = dateline_core::calendar::Date::parse(date).filter(|_| date.len() == 10)?;
    Some((
        format!("{:04}{:02}{:02}", day.year, day.month, day.day),
        day,
    ))
}

/// GoldsteinScale (conflict -10 to cooperation +10) of a CAMEO code, from GDELT's table of
/// every code (`data/goldstein.tsv`); a code it lacks takes its 3-, then 2-digit prefix's value.
fn goldstein(cameo: &str) -> Option<f64> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static str, f64>> =
        std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        include_str!("../data/goldstein.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (code, value) = l.split_once('\t')?;
                Some((code, value.trim().parse().ok()?))
            })
            .collect()
    });
    [
        cameo,
        cameo.get(..3).unwrap_or(""),
        cameo.get(..2).unwrap_or(""),
    ]
    .iter()
    .find_map(|code| table.get(code).copied())
}

/// The day an event row of `gdelt-events` is dated to (its own day, else its first report's
/// publication day) as `YYYYMMDD`; None when the events table leaves it out.
fn event_day(e: &EventRow) -> Option<String> {
    gdelt_day(e.date.as_deref())
        .or_else(|| gdelt_day(e.published.as_deref()))
        .map(|(d, _)| d)
}

/// GDELT 2.0 Mentions table: one 16-column row per report of each event the events table
/// holds. Offsets are in characters; the sentence is counted from 1 in the article.
fn gdelt_mentions(store: &Store, status: &str, out: &mut dyn Write) -> Result<Exported> {
    let events: std::collections::HashMap<i64, String> = event_rows(store, status)?
        .iter()
        .filter_map(|e| Some((e.id, event_day(e)?)))
        .collect();
    let mut stmt = store.connection().prepare(
        "SELECT m.event, m.start, a.id, a.record, a.published, a.url, a.outlet, a.path
         FROM event_mentions m JOIN articles a ON a.id = m.article ORDER BY a.id, m.start",
    )?;
    let mut rows = stmt.query([])?;
    let mut current: Option<(i64, dateline_core::Record)> = None;
    let mut written = 0;
    while let Some(row) = rows.next()? {
        let event: i64 = row.get(0)?;
        let Some(event_day) = events.get(&event) else {
            continue;
        };
        let start = row.get::<_, i64>(1)? as usize;
        let article: i64 = row.get(2)?;
        if current.as_ref().is_none_or(|(id, _)| *id != article) {
            let json: String = row.get(3)?;
            let record = serde_json::from_str(&json).map_err(|e| crate::Error::Record {
                id: article.to_string(),
                reason: format!("the stored record does not parse ({e}): see `dateline check`"),
            })?;
            current = Some((article, record));
        }
        let Some((_, record)) = current.as_ref() else {
            continue;
        };
        let published: Option<String> = row.get(4)?;
        let url: Option<String> = row.get(5)?;
        let outlet: Option<String> = row.get(6)?;
        let path: Option<String> = row.get(7)?;
        let mention_day = gdelt_day(published.as_deref()).map_or(event_day.clone(), |(d, _)| d);
        let sentence = record
            .sentences
            .iter()
            .position(|s| s.contains(start))
            .map_or(0, |i| i + 1);
        let host = url.as_deref().and_then(crate::gkg::host_of);
        let mut cols = vec![String::new(); 16];
        cols[0] = event.to_string();
        cols[1] = format!("{event_day}000000");
        cols[2] = format!("{mention_day}000000");
        cols[3] = "1".into();
        cols[4] = host.or(outlet).unwrap_or_else(|| "file".into());
        cols[5] = url.unwrap_or_else(|| format!("file:{}", path.unwrap_or_default()));
        cols[6] = sentence.to_string();
        cols[9] = record
            .text
            .get(..start)
            .map_or(0, |s| s.chars().count())
            .to_string();
        cols[10] = "1".into();
        // dateline does not score its confidence in a report: every report it keeps is one the
        // text states, written as GDELT's highest value.
        cols[11] = "100".into();
        cols[12] = record.text.chars().count().to_string();
        cols[13] = "0".into();
        write_row(out, &cols)?;
        written += 1;
    }
    Ok(Exported::all(written))
}

/// ActionGeo (columns 52-59): type, full name, FIPS country, ADM1, (no ADM2), latitude,
/// longitude and feature id of a place the geography table knows; the bare name otherwise.
fn action_geo(cols: &mut [String], place: &str) {
    match crate::geo::place(place) {
        Some(g) => {
            cols[51] = g.kind.to_string();
            cols[52] = g.full_name.clone();
            cols[53] = g.fips.clone();
            cols[54] = g.adm1.clone();
            cols[56] = g.latitude.clone();
            cols[57] = g.longitude.clone();
            cols[58] = g.feature_id.clone();
        }
        None => cols[52] = place.to_string(),
    }
}

/// An actor's country as its CAMEO code says it (`USAGOV`: USA), so the two columns never
/// disagree; the entity's own country for codes that lead with no country (`IGOUNO`, `GOV`).
fn actor_country(code: &str, country: String) -> String {
    const NOT_COUNTRIES: &[&str] = &[
        "IGO", "NGO", "MNC", "IMG", "INT", "UIS", "SPY", "REB", "MIL", "GOV", "PTY", "COP", "JUD",
        "BUS", "CVL", "MED", "EDU", "ELI", "LAB", "LEG", "REL", "AGR", "CRM", "HLH", "REF", "MOD",
        "RAD", "OPP", "SET", "UAF",
    ];
    match code.get(..3) {
        Some(lead)
            if lead.bytes().all(|b| b.is_ascii_uppercase()) && !NOT_COUNTRIES.contains(&lead) =>
        {
            lead.to_string()
        }
        _ => country,
    }
}

/// GDELT 2.0 event table rows: 61 tab-separated columns, empty where we have no value. An event
/// dated to a day keeps its date; one without gets its first report's publication day (as
/// GDELT dates events by their articles); one with neither is left out and counted.
fn gdelt_events(store: &Store, status: &str, out: &mut dyn Write) -> Result<Exported> {
    let events = event_rows(store, status)?;
    let mut written = 0;
    for e in &events {
        let published = gdelt_day(e.published.as_deref());
        let Some((date, day)) = gdelt_day(e.date.as_deref()).or_else(|| published.clone()) else {
            continue;
        };
        let mut cols = vec![String::new(); GDELT_EVENT_COLUMNS];
        cols[0] = e.id.to_string();
        cols[1] = date.clone();
        cols[2] = date[..6].to_string();
        cols[3] = date[..4].to_string();
        // GDELT's FractionDate: the year plus (month * 30 + day) / 365.
        let fraction =
            f64::from(day.year) + (f64::from(day.month) * 30.0 + f64::from(day.day)) / 365.0;
        cols[4] = format!("{fraction:.4}");
        for (base, role) in [(5, "actor"), (15, "recipient")] {
            if let Some((name, code, country, sector)) =
                participants(store, e.id, role)?.into_iter().next()
            {
                cols[base + 1] = name.to_uppercase();
                cols[base + 2] = actor_country(&code, country);
                cols[base] = code;
                cols[base + 7] = sector;
            }
        }
        let cameo = e.cameo.clone().unwrap_or_default();
        cols[25] = "1".into();
        cols[26] = cameo.clone();
        cols[27] = cameo.get(..3).unwrap_or(&cameo).to_string();
        cols[28] = cameo.get(..2).unwrap_or(&cameo).to_string();
        cols[29] = quad_class(&cameo).into();
        cols[30] = goldstein(&cameo)
            .map(|g| format!("{g:.1}"))
            .unwrap_or_default();
        cols[31] = e.mentions.to_string();
        cols[32] = e.sources.to_string();
        cols[33] = e.articles.to_string();
        // No tone lexicon yet: 0 is GDELT's neutral value (docs/exports.md).
        cols[34] = "0".into();
        if let Some(place) = &e.place {
            action_geo(&mut cols, place);
        }
        // DATEADDED: when the first report was published, at midnight (dateline keeps no
        // ingestion time per event).
        cols[59] = format!("{}000000", published.map_or(date, |(d, _)| d));
        cols[60] = e.url.clone().unwrap_or_default();
        write_row(out, &cols)?;
        written += 1;
    }
    Ok(Exported {
        rows: written,
        left_out: events.len() - written,
        why_left_out:
            "events with no day in their own date or their first report's publication date",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goldstein_values_come_from_the_cameo_table_by_code_then_prefix() {
        assert_eq!(goldstein("042"), Some(1.9));
        assert_eq!(goldstein("0874"), Some(10.0));
        assert_eq!(goldstein("130"), Some(-4.4));
        // A code the table lacks takes its prefix's value.
        assert_eq!(goldstein("0429"), Some(1.9));
        assert_eq!(goldstein("xx"), None);
    }

    #[test]
    fn plover_categories_have_the_manuals_quad_codes_and_modes() {
        assert_eq!(plover_quad("RETREAT"), Some(2));
        assert_eq!(plover_quad("SANCTION"), Some(3));
        assert!(plover_modes("ASSAULT").contains(&"heavy-weapons"));
        assert!(!plover_modes("AGREE").contains(&"humanitarian"));
        assert!(plover_modes("COERCE").contains(&"ban"));
    }
}
