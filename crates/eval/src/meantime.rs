//! MEANTIME (English Wikinews, CAT XML): named entities (PER, ORG, LOC proper-name mentions,
//! scored by span and by span with type) and time expressions. The text is rebuilt from the
//! gold tokens (one paragraph per gold sentence, spaces between tokens except before closing
//! punctuation), so every gold token has a byte span in the text dateline analyses.

use crate::error::{read_file, Error};
use crate::run::analyze_text;
use crate::spans::{Labeled, SpanScores};
use crate::tempeval::{predicted_times, timex_scores};
use crate::xml::{tags, unescape, Tag};
use crate::{Result, Score};
use dateline_core::{Record, Span};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

struct MeantimeDoc {
    name: String,
    text: String,
    entities: Vec<Labeled>,
    timexes: Vec<Labeled>,
    dct: Option<String>,
}

/// A markable being read: its tag and the spans of its anchor tokens.
struct Markable {
    kind: String,
    m_id: String,
    attrs: HashMap<String, String>,
    spans: Vec<Span>,
}

fn read_doc(path: &Path) -> Result<MeantimeDoc> {
    let raw = String::from_utf8_lossy(&read_file(path)?).into_owned();
    let (text, token_spans) = rebuild_text(&raw);
    let markables = read_markables(&raw, &token_spans);
    let refers = refers_to(&raw);
    let types: HashMap<&str, &str> = markables
        .iter()
        .filter(|m| m.kind == "ENTITY")
        .filter_map(|m| Some((m.m_id.as_str(), m.attrs.get("ent_type")?.as_str())))
        .collect();
    let mut entities = Vec::new();
    let mut timexes = Vec::new();
    let mut dct = None;
    for m in &markables {
        let Some(span) = cover(&m.spans) else {
            if m.kind == "TIMEX3"
                && m.attrs
                    .get("functionInDocument")
                    .is_some_and(|f| f == "CREATION_TIME")
            {
                dct = m.attrs.get("value").cloned();
            }
            continue;
        };
        match m.kind.as_str() {
            "ENTITY_MENTION" if m.attrs.get("syntactic_type").is_some_and(|t| t == "NAM") => {
                let ty = refers
                    .get(m.m_id.as_str())
                    .and_then(|target| types.get(target.as_str()));
                if let Some(&ty @ ("PER" | "ORG" | "LOC")) = ty {
                    entities.push(Labeled {
                        span,
                        label: ty.to_string(),
                        value: String::new(),
                    });
                }
            }
            "TIMEX3"
                if m.attrs
                    .get("functionInDocument")
                    .is_some_and(|f| f == "CREATION_TIME") =>
            {
                dct = m.attrs.get("value").cloned();
            }
            "TIMEX3" => timexes.push(Labeled {
                span,
                label: m.attrs.get("type").cloned().unwrap_or_default(),
                value: m.attrs.get("value").cloned().unwrap_or_default(),
            }),
            _ => {}
        }
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(MeantimeDoc {
        name,
        text,
        entities,
        timexes,
        dct,
    })
}

/// Text from the `<token>` elements and each token's span in it, keyed by t_id.
fn rebuild_text(raw: &str) -> (String, HashMap<String, Span>) {
    let mut text = String::new();
    let mut spans = HashMap::new();
    let mut sentence = None;
    let mut open: Option<Tag> = None;
    for tag in tags(raw) {
        if tag.name != "token" {
            continue;
        }
        if !tag.closing {
            open = Some(tag);
            continue;
        }
        let Some(start_tag) = open.take() else {
            continue;
        };
        let word = unescape(&raw[start_tag.end..tag.start]);
        let s = start_tag.attr("sentence").map(str::to_string);
        if !text.is_empty() {
            if s != sentence {
                text.push_str("\n\n");
            } else if !glued(&word) {
                text.push(' ');
            }
        }
        sentence = s;
        let start = text.len();
        text.push_str(&word);
        if let Some(id) = start_tag.attr("t_id") {
            spans.insert(id.to_string(), Span(start, text.len()));
        }
    }
    (text, spans)
}

/// Tokens written without a space before them.
fn glued(word: &str) -> bool {
    matches!(
        word,
        "," | "."
            | ":"
            | ";"
            | "?"
            | "!"
            | ")"
            | "%"
            | "'s"
            | "n't"
            | "'"
            | "'re"
            | "'ve"
            | "'ll"
            | "'d"
            | "'m"
    )
}

fn read_markables(raw: &str, token_spans: &HashMap<String, Span>) -> Vec<Markable> {
    let Some(start) = raw.find("<Markables>") else {
        return Vec::new();
    };
    let end = raw.find("</Markables>").unwrap_or(raw.len());
    let mut out: Vec<Markable> = Vec::new();
    let mut open = false;
    for tag in tags(&raw[start..end]) {
        match (tag.name, tag.closing) {
            ("Markables", _) => {}
            ("token_anchor", false) => {
                let span = tag.attr("t_id").and_then(|id| token_spans.get(id));
                if let (true, Some(m), Some(span)) = (open, out.last_mut(), span) {
                    m.spans.push(*span);
                }
            }
            (_, true) => open = false,
            (name, false) => {
                let attrs: HashMap<String, String> = tag
                    .attrs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect();
                let m_id = attrs.get("m_id").cloned().unwrap_or_default();
                out.push(Markable {
                    kind: name.to_string(),
                    m_id,
                    attrs,
                    spans: Vec::new(),
                });
                open = !tag.self_closing;
            }
        }
    }
    out
}

/// REFERS_TO relations: mention m_id to instance m_id.
fn refers_to(raw: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut in_refers = false;
    let mut sources: Vec<String> = Vec::new();
    for tag in tags(raw) {
        match (tag.name, tag.closing) {
            ("REFERS_TO", false) => in_refers = true,
            ("REFERS_TO", true) => in_refers = false,
            ("source", false) if in_refers => sources.extend(tag.attr("m_id").map(str::to_string)),
            ("target", false) if in_refers => {
                for s in sources.drain(..) {
                    out.insert(s, tag.attr("m_id").unwrap_or_default().to_string());
                }
            }
            _ => {}
        }
    }
    out
}

fn cover(spans: &[Span]) -> Option<Span> {
    let start = spans.iter().map(|s| s.0).min()?;
    let end = spans.iter().map(|s| s.1).max()?;
    Some(Span(start, end))
}

/// A peer's predictions: document id to PER/ORG/LOC spans.
fn read_peer(path: &Path) -> Result<HashMap<String, Vec<Labeled>>> {
    let raw = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = HashMap::new();
    for (i, line) in raw
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let bad = |reason: String| Error::Format {
            path: path.to_path_buf(),
            reason: format!("line {}: {reason}", i + 1),
        };
        let v: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
        let id = v["id"]
            .as_str()
            .ok_or_else(|| bad("no id".to_string()))?
            .to_string();
        let mut spans: Vec<Labeled> = v["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let s = e["span"].as_array()?;
                let span = Span(s.first()?.as_u64()? as usize, s.get(1)?.as_u64()? as usize);
                Some(Labeled {
                    span,
                    label: e["label"].as_str()?.to_string(),
                    value: String::new(),
                })
            })
            .collect();
        spans.sort_by_key(|l| l.span);
        out.insert(id, spans);
    }
    Ok(out)
}

/// Our entity mentions as PER/ORG/LOC labeled spans.
fn predicted_entities(record: &Record) -> Vec<Labeled> {
    let mut out = Vec::new();
    for e in &record.entities {
        let label = match e.kind.as_str() {
            "person" => "PER",
            "organization" | "group" => "ORG",
            "location" | "country" => "LOC",
            _ => continue,
        };
        // Descriptions ("the top diplomat") are mentions too, but the gold here is proper names.
        let named = e.mentions.iter().filter(|m| {
            m.slice(&record.text)
                .starts_with(|c: char| !c.is_lowercase())
        });
        out.extend(named.map(|m| Labeled {
            span: *m,
            label: label.to_string(),
            value: String::new(),
        }));
    }
    out.sort_by_key(|l| l.span);
    out
}

fn documents(dir: &Path, limit: Option<usize>) -> Result<Vec<PathBuf>> {
    let root = dir.join("intra_cross-doc_annotation");
    let mut files = Vec::new();
    let topics = std::fs::read_dir(&root).map_err(|source| Error::Io {
        path: root.clone(),
        source,
    })?;
    for topic in topics.filter_map(|e| e.ok()) {
        let entries = std::fs::read_dir(topic.path()).map_err(|source| Error::Io {
            path: topic.path(),
            source,
        })?;
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "xml")),
        );
    }
    files.sort();
    files.truncate(limit.unwrap_or(usize::MAX));
    Ok(files)
}

pub fn meantime(dir: &Path, options: &crate::Options) -> Result<Vec<Score>> {
    let files = documents(dir, options.limit)?;
    let peer = match &options.peer_entities {
        Some((name, path)) => Some((name.clone(), read_peer(path)?)),
        None => None,
    };
    let mut exported = String::new();
    let mut peer_scores = SpanScores::default();
    let mut ents = SpanScores::default();
    let mut times = SpanScores::default();
    let (mut n_ent, mut n_time) = (0, 0);
    for path in &files {
        let doc = read_doc(path)?;
        let record = analyze_text(&doc.name, &doc.text, doc.dct.as_deref());
        let (pe, pt) = record
            .map(|r| (predicted_entities(&r), predicted_times(&r)))
            .unwrap_or_default();
        n_ent += doc.entities.len();
        n_time += doc.timexes.len();
        if let Some((_, predictions)) = &peer {
            peer_scores.add(
                &doc.entities,
                predictions.get(&doc.name).map_or(&[][..], Vec::as_slice),
            );
        }
        exported += &serde_json::json!({"id": doc.name, "text": doc.text}).to_string();
        exported.push('\n');
        ents.add(&doc.entities, &pe);
        times.add(&doc.timexes, &pt);
    }
    let line = |metric: &str, c: crate::Counts| Score {
        dataset: "meantime-en".to_string(),
        metric: metric.to_string(),
        items: n_ent,
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
        anchor: None,
        note: format!(
            "{} documents; gold = NAM mentions of PER/ORG/LOC entities",
            files.len()
        ),
    };
    let mut scores = vec![
        line("entities: exact span + type", ents.strict_label),
        line("entities: exact span", ents.strict),
    ];
    if let Some((name, _)) = &peer {
        scores[0].anchor = Some((name.clone(), peer_scores.strict_label.f1()));
        scores[1].anchor = Some((name.clone(), peer_scores.strict.f1()));
        let mut p = line(
            &format!("entities: exact span + type ({name})"),
            peer_scores.strict_label,
        );
        p.note = "the peer on the same texts, same scorer".to_string();
        scores.push(p);
    }
    if let Some(path) = &options.export_texts {
        std::fs::write(path, exported).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
    }
    scores.extend(timex_scores(
        "meantime-en",
        n_time,
        files.len(),
        &times,
        false,
    ));
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<Document doc_id="1">
<token number="0" sentence="0" t_id="1">Airbus</token>
<token number="1" sentence="0" t_id="2">wins</token>
<token number="0" sentence="1" t_id="3">Boeing</token>
<token number="1" sentence="1" t_id="4">'s</token>
<token number="2" sentence="1" t_id="5">loss</token>
<token number="3" sentence="1" t_id="6">.</token>
<Markables>
<ENTITY_MENTION m_id="10" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="11" syntactic_type="NAM"><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY m_id="20" ent_type="ORG"/>
<ENTITY m_id="21" ent_type="PRO"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="10"/><source m_id="12"/><target m_id="20"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="11"/><target m_id="21"/></REFERS_TO>
</Relations></Document>"#;

    #[test]
    fn rebuilds_text_and_reads_typed_mentions() {
        let dir = std::env::temp_dir().join(format!("dateline-meantime-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("d.xml");
        std::fs::write(&path, DOC).unwrap();
        let doc = read_doc(&path).unwrap();
        assert_eq!(doc.text, "Airbus wins\n\nBoeing's loss.");
        assert_eq!(doc.entities.len(), 1, "PRO entities are not scored");
        assert_eq!(doc.entities[0].span.slice(&doc.text), "Airbus");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
