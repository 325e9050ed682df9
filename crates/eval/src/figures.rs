//! UCDP GED: where a source headline states a death toll, is that figure extracted as a KILL
//! figure with the right count, and is its as-of date right? Headlines are analysed with the
//! source date as the publication date.
//!
//! Gold selection: a headline (sources are split on ';') counts when it contains the event's
//! `best`, `low` or `high` fatality number, in digits or as a number word, within four words of
//! a death word. The fatality numbers are UCDP's, so the gold is the coders', not ours.

use crate::error::Error;
use crate::run::analyze_text;
use crate::score::Counts;
use crate::{Result, Score};
use std::path::Path;

const DEATH_WORDS: &[&str] = &[
    "killed",
    "dead",
    "died",
    "die",
    "dies",
    "deaths",
    "death",
    "perished",
    "killing",
    "kills",
    "slain",
    "massacred",
    "executed",
    "bodies",
    "toll",
    "lives",
];
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

struct Case {
    headline: String,
    count: f64,
    date: Option<String>,
    window: (String, String),
}

pub fn ucdp(dir: &Path, limit: Option<usize>) -> Result<Vec<Score>> {
    let path = dir.join("ged231-global-sample-1000.csv");
    let raw = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    let cases: Vec<Case> = parse_csv(&raw)
        .into_iter()
        .flat_map(|row| cases_of(&row))
        .take(limit.unwrap_or(usize::MAX))
        .collect();
    let (mut figures, mut dates) = (Counts::default(), Counts::default());
    for case in &cases {
        let record = analyze_text("ucdp", &case.headline, case.date.as_deref());
        let kills: Vec<_> = record
            .iter()
            .flat_map(|r| r.figures.iter().filter(|f| f.kind == "KILL"))
            .collect();
        let right = kills
            .iter()
            .find(|f| [f.count, f.low, f.high].contains(&Some(case.count)));
        figures.tp += f64::from(u8::from(right.is_some()));
        figures.fn_ += f64::from(u8::from(right.is_none()));
        figures.fp += kills.len().saturating_sub(usize::from(right.is_some())) as f64;
        let dated = right
            .and_then(|f| f.as_of.clone())
            .is_some_and(|d| d >= case.window.0 && d <= case.window.1);
        dates.tp += f64::from(u8::from(dated));
        dates.fn_ += f64::from(u8::from(!dated));
        dates.fp += f64::from(u8::from(right.is_some_and(|f| f.as_of.is_some()) && !dated));
    }
    let line = |metric: &str, c: Counts| Score {
        dataset: "ucdp-ged".to_string(),
        metric: metric.to_string(),
        items: cases.len(),
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
        anchor: None,
        note: "headlines of the 1,000-event global sample that state the event's fatality figure"
            .to_string(),
    };
    Ok(vec![
        line("figures: KILL count in headline", figures),
        line("figures: as-of date of that count", dates),
    ])
}

fn cases_of(row: &std::collections::HashMap<String, String>) -> Vec<Case> {
    let get = |k: &str| row.get(k).map(String::as_str).unwrap_or("");
    let numbers: Vec<f64> = ["best", "low", "high"]
        .iter()
        .filter_map(|k| get(k).parse().ok())
        .collect();
    let dates: Vec<&str> = get("source_date").split(';').collect();
    let window = (
        get("date_start").to_string(),
        get("source_date")
            .split(';')
            .max()
            .unwrap_or("")
            .max(get("date_end"))
            .to_string(),
    );
    get("source_headline")
        .split(';')
        .enumerate()
        .filter_map(|(i, h)| {
            let count = numbers.iter().copied().find(|&n| states_toll(h, n))?;
            let date = dates
                .get(i)
                .or(dates.first())
                .filter(|d| d.len() == 10)
                .map(|d| d.to_string());
            Some(Case {
                headline: h.trim().to_string(),
                count,
                date,
                window: window.clone(),
            })
        })
        .collect()
}

/// The headline writes `n` (digits or a word) within four words of a death word.
fn states_toll(headline: &str, n: f64) -> bool {
    let words: Vec<String> = headline
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let is_n = |w: &str| {
        w.parse::<f64>().ok() == Some(n)
            || NUMBER_WORDS.iter().position(|x| *x == w).map(|i| i as f64) == Some(n)
    };
    words.iter().enumerate().any(|(i, w)| {
        is_n(w)
            && words[i.saturating_sub(4)..(i + 5).min(words.len())]
                .iter()
                .any(|x| DEATH_WORDS.contains(&x.as_str()))
    })
}

/// A small CSV reader (quoted fields with doubled quotes and embedded newlines).
fn parse_csv(raw: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    let mut iter = rows.into_iter();
    let header = iter.next().unwrap_or_default();
    iter.map(|r| header.iter().cloned().zip(r).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_stated_tolls() {
        assert!(states_toll(
            "15 Afghan Taliban killed in 24 hours: MoI",
            15.0
        ));
        assert!(states_toll("Civilian killed; two dead in shelling", 2.0));
        assert!(!states_toll("Bombardment targets Idlib and Hama", 3.0));
        assert!(!states_toll("24 hours of calm, 1 killed", 24.0));
    }

    #[test]
    fn reads_quoted_csv() {
        let rows = parse_csv("a,b\n1,\"x, \"\"y\"\"\nz\"\n");
        assert_eq!(rows[0]["b"], "x, \"y\"\nz");
    }
}
