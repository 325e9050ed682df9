//! TempEval-3 platinum (TimeML): time expressions in 20 news documents, scored as TempEval-3
//! does: strict and relaxed span F1, and type and value F1 over the relaxed matches. Each
//! document is analysed with its creation time (DCT) as the publication date.

use crate::error::{read_file, Error};
use crate::run::analyze_text;
use crate::spans::{Labeled, SpanScores};
use crate::xml::{inner, tags, unescape};
use crate::{Result, Score};
use dateline_core::{Record, Span};
use std::path::Path;

/// A TimeML document: its text with tags removed, the gold TIMEX3 spans, and the DCT.
pub struct TimemlDoc {
    pub name: String,
    pub text: String,
    pub timexes: Vec<Labeled>,
    pub dct: Option<String>,
}

pub fn read_timeml(path: &Path) -> Result<TimemlDoc> {
    let raw = String::from_utf8_lossy(&read_file(path)?).replace("\r\n", "\n");
    let bad = |reason: &str| Error::Format {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let body = inner(&raw, "TEXT").ok_or_else(|| bad("no <TEXT> element"))?;
    let dct = inner(&raw, "DCT").and_then(|d| {
        tags(d)
            .find(|t| t.name == "TIMEX3")
            .and_then(|t| t.attr("value").map(str::to_string))
    });
    let (text, timexes) = strip_timeml(body);
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(TimemlDoc {
        name,
        text,
        timexes,
        dct,
    })
}

/// Removes tags, keeping the TIMEX3 spans as byte offsets into the stripped text.
fn strip_timeml(body: &str) -> (String, Vec<Labeled>) {
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut pos = 0;
    for tag in tags(body) {
        text.push_str(&unescape(&body[pos..tag.start]));
        pos = tag.end;
        if tag.name != "TIMEX3" {
            continue;
        }
        if tag.closing {
            if let Some((start, label, value)) = open.take() {
                timexes.push(Labeled {
                    span: Span(start, text.len()),
                    label,
                    value,
                });
            }
        } else {
            let label = tag.attr("type").unwrap_or("").to_string();
            open = Some((
                text.len(),
                label,
                tag.attr("value").unwrap_or("").to_string(),
            ));
        }
    }
    text.push_str(&unescape(&body[pos..]));
    (text, timexes)
}

/// Our time expressions as labeled spans.
pub fn predicted_times(record: &Record) -> Vec<Labeled> {
    record
        .times
        .iter()
        .map(|t| Labeled {
            span: t.span,
            label: t.kind.clone(),
            value: t.value.clone().unwrap_or_default(),
        })
        .collect()
}

pub fn tempeval3(dir: &Path, limit: Option<usize>) -> Result<Vec<Score>> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join("tml"))
        .map_err(|source| Error::Io {
            path: dir.join("tml"),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tml"))
        .collect();
    files.sort();
    files.truncate(limit.unwrap_or(usize::MAX));
    let mut scores = SpanScores::default();
    let mut gold_count = 0;
    for path in &files {
        let doc = read_timeml(path)?;
        let predicted = analyze_text(&doc.name, &doc.text, doc.dct.as_deref())
            .map(|r| predicted_times(&r))
            .unwrap_or_default();
        gold_count += doc.timexes.len();
        scores.add(&doc.timexes, &predicted);
    }
    Ok(timex_scores(
        "tempeval3-platinum",
        gold_count,
        files.len(),
        &scores,
        true,
    ))
}

/// The four TIMEX lines of a results table; HeidelTime's published figures as anchors when asked.
pub fn timex_scores(
    dataset: &str,
    gold: usize,
    docs: usize,
    s: &SpanScores,
    anchors: bool,
) -> Vec<Score> {
    let anchor = |v: f64| anchors.then(|| ("HeidelTime".to_string(), v));
    let line = |metric: &str, c: crate::Counts, a: Option<(String, f64)>| Score {
        dataset: dataset.to_string(),
        metric: metric.to_string(),
        items: gold,
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
        anchor: a,
        note: format!("{docs} documents; items = gold TIMEX3"),
    };
    vec![
        line("timex: strict span", s.strict, anchor(0.8134)),
        line("timex: relaxed span", s.relaxed, anchor(0.9030)),
        line("timex: type (relaxed matches)", s.label, None),
        line("timex: value (relaxed matches)", s.value, anchor(0.7761)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_keeps_timex_offsets() {
        let (text, t) = strip_timeml("It <EVENT eid=\"e1\">began</EVENT> <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2013-03-22\">Friday</TIMEX3> &amp; ended.");
        assert_eq!(text, "It began Friday & ended.");
        assert_eq!(t[0].span.slice(&text), "Friday");
        assert_eq!(t[0].value, "2013-03-22");
    }
}
