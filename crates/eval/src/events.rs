//! Event coding: the PLOVER gold standard records (event type and source/target actors on single
//! sentences) and the PETRARCH2 validation records (CAMEO event codes, text only: the parse trees
//! PETRARCH2 needs are not used).

use crate::error::{read_file, read_json, Error};
use crate::run::analyze_text;
use crate::score::Counts;
use crate::xml::{tags, unescape};
use crate::{Result, Score};
use dateline_core::{Event, Record};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// PLOVER type names of older gold records, in the 2021 names the table uses.
fn plover_2021(name: &str) -> &str {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

pub fn plover(dir: &Path, limit: Option<usize>) -> Result<Vec<Score>> {
    let gold = read_json(&dir.join("PLOVER_GSR_CAMEO.json"))?;
    let records: Vec<&Value> = gold
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["event"] != "DOCUMENT" && r["text"].is_string())
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    let (mut types, mut sources, mut targets) =
        (Counts::default(), Counts::default(), Counts::default());
    let mut correct_type = 0;
    for r in &records {
        let text = r["text"].as_str().unwrap_or("");
        let want = plover_2021(r["event"].as_str().unwrap_or(""));
        let record = analyze_text("plover", text, r["date"].as_str());
        let main = record.as_ref().and_then(|rec| {
            rec.events
                .iter()
                .find(|e| e.kind == want)
                .or(rec.events.first())
        });
        let hit = main.is_some_and(|e| e.kind == want);
        correct_type += usize::from(hit);
        types.tp += f64::from(u8::from(hit));
        types.fn_ += f64::from(u8::from(!hit));
        types.fp += record.as_ref().map_or(0, |rec| {
            rec.events.iter().filter(|e| e.kind != want).count()
        }) as f64;
        let (rec, ev) = (record.as_ref(), main);
        add_actor_counts(
            &mut sources,
            &actor_texts(&r["source"]),
            &predicted_texts(rec, ev, |e| &e.actors),
        );
        add_actor_counts(
            &mut targets,
            &actor_texts(&r["target"]),
            &predicted_texts(rec, ev, |e| &e.recipients),
        );
    }
    let n = records.len();
    let line = |metric: &str, c: Counts| Score {
        dataset: "plover-gsr".to_string(),
        metric: metric.to_string(),
        items: n,
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
        anchor: None,
        note: String::new(),
    };
    let mut type_line = line("events: type", types);
    type_line.note = format!(
        "type accuracy {:.3} ({correct_type}/{n} sentences)",
        correct_type as f64 / n.max(1) as f64
    );
    Ok(vec![
        type_line,
        line("events: source actors", sources),
        line("events: target actors", targets),
    ])
}

fn actor_texts(v: &Value) -> Vec<String> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["actorText"].as_str())
        .map(str::to_lowercase)
        .collect()
}

/// Mention texts of the entities in the chosen role of the event.
fn predicted_texts(
    record: Option<&Record>,
    event: Option<&Event>,
    role: impl Fn(&Event) -> &Vec<String>,
) -> Vec<String> {
    let (Some(rec), Some(ev)) = (record, event) else {
        return Vec::new();
    };
    role(ev)
        .iter()
        .filter_map(|id| rec.entities.iter().find(|e| &e.id == id))
        .map(|e| {
            e.mentions
                .first()
                .map_or(e.name.clone(), |m| {
                    dateline_extract::entities::names::without_article(m.slice(&rec.text))
                        .to_string()
                })
                .to_lowercase()
        })
        .collect()
}

/// An actor matches when either text contains the other ("Hungarian" and "Hungarian officials").
fn add_actor_counts(c: &mut Counts, gold: &[String], pred: &[String]) {
    let matched = gold
        .iter()
        .filter(|g| {
            pred.iter()
                .any(|p| p.contains(g.as_str()) || g.contains(p.as_str()))
        })
        .count();
    c.tp += matched as f64;
    c.fn_ += (gold.len() - matched) as f64;
    c.fp += pred.len().saturating_sub(matched) as f64;
}

/// One validation record: its sentence and the expected codes (empty when no event is expected).
struct PetrarchRecord {
    date: Option<String>,
    text: String,
    codes: BTreeSet<String>,
}

fn petrarch_records(path: &Path) -> Result<Vec<PetrarchRecord>> {
    let raw = String::from_utf8_lossy(&read_file(path)?).into_owned();
    let mut out = Vec::new();
    let mut current: Option<PetrarchRecord> = None;
    let mut skip = false;
    let mut text_start = None;
    for tag in tags(&raw) {
        match (tag.name, tag.closing) {
            ("Sentence", false) => {
                let date = tag
                    .attr("date")
                    .filter(|d| d.len() == 8)
                    .map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]));
                current = Some(PetrarchRecord {
                    date,
                    text: String::new(),
                    codes: BTreeSet::new(),
                });
                skip = false;
            }
            ("EventCoding", false) => {
                skip |= tag.attr("error").is_some();
                if let (Some(c), Some(code)) = (current.as_mut(), tag.attr("eventcode")) {
                    c.codes.insert(code.to_string());
                }
            }
            ("Text", false) => text_start = Some(tag.end),
            ("Text", true) => {
                if let (Some(c), Some(s)) = (current.as_mut(), text_start.take()) {
                    c.text = unescape(
                        raw[s..tag.start]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                            .as_str(),
                    );
                }
            }
            ("Sentence", true) => {
                if let Some(c) = current.take().filter(|_| !skip) {
                    out.push(c);
                }
            }
            _ => {}
        }
    }
    if out.is_empty() {
        return Err(Error::Format {
            path: path.to_path_buf(),
            reason: "no <Sentence> records".to_string(),
        });
    }
    Ok(out)
}

pub fn petrarch(dir: &Path, limit: Option<usize>) -> Result<Vec<Score>> {
    let mut records = petrarch_records(&dir.join("PETR.UnitTest.records.xml"))?;
    records.truncate(limit.unwrap_or(usize::MAX));
    let mut codes = Counts::default();
    let mut agree = 0;
    for r in &records {
        let predicted: BTreeSet<String> = analyze_text("petrarch", &r.text, r.date.as_deref())
            .map(|rec| rec.events.iter().filter_map(|e| e.cameo.clone()).collect())
            .unwrap_or_default();
        let tp = predicted.intersection(&r.codes).count();
        codes.tp += tp as f64;
        codes.fp += (predicted.len() - tp) as f64;
        codes.fn_ += (r.codes.len() - tp) as f64;
        agree += usize::from(predicted == r.codes);
    }
    Ok(vec![Score {
        dataset: "petrarch2-validation".to_string(),
        metric: "events: CAMEO code per sentence".to_string(),
        items: records.len(),
        precision: codes.precision(),
        recall: codes.recall(),
        f1: codes.f1(),
        anchor: None,
        note: format!(
            "exact code-set agreement {:.3} ({agree}/{} records); error records excluded",
            agree as f64 / records.len().max(1) as f64,
            records.len()
        ),
    }])
}
