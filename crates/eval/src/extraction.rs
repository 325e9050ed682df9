//! Body extraction from HTML: the ScrapingHub article-extraction benchmark (mean precision and
//! recall over 4-word shingles, the benchmark's own metric) and trafilatura's English evaluation
//! pages (must-include and must-exclude snippets).

use crate::error::{read_file, read_json, Error};
use crate::score::{harmonic, mean, Counts};
use crate::{Result, Score};
use dateline_ingest::html::read_html;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

pub fn scrapinghub(dir: &Path, limit: Option<usize>) -> Result<Vec<Score>> {
    let gold_path = dir.join("ground-truth.json");
    let gold = read_json(&gold_path)?;
    let items = gold.as_object().ok_or_else(|| Error::Format {
        path: gold_path.clone(),
        reason: "expected an object of items".to_string(),
    })?;
    let mut keys: Vec<&String> = items.keys().collect();
    keys.sort();
    keys.truncate(limit.unwrap_or(usize::MAX));
    let mut per_doc = Vec::new();
    for key in &keys {
        let html = read_file(&dir.join("html").join(format!("{key}.html.gz")))?;
        let predicted = read_html(&String::from_utf8_lossy(&html)).body;
        let truth = items[*key]["articleBody"].as_str().unwrap_or("");
        per_doc.push(shingle_counts(truth, &predicted, 4));
    }
    let (p, r) = mean_precision_recall(&per_doc);
    Ok(vec![Score {
        dataset: "scrapinghub-article-extraction-benchmark".to_string(),
        metric: "body: 4-gram shingle P/R/F1".to_string(),
        items: keys.len(),
        precision: p,
        recall: r,
        f1: harmonic(p, r),
        anchor: Some(("trafilatura 2.0.0".to_string(), 0.958)),
        note: "mean of per-page precision and recall, the benchmark's metric".to_string(),
    }])
}

pub fn trafilatura_eval(dir: &Path, limit: Option<usize>) -> Result<Vec<Score>> {
    let gold = read_json(&dir.join("evaldata-en.json"))?;
    let entries = crate::dates::sorted_entries(&gold, limit);
    let mut counts = Counts::default();
    let mut snippets = 0;
    for (_, entry) in &entries {
        let Some(file) = entry["file"].as_str() else {
            continue;
        };
        let html = read_file(&dir.join("html").join(format!("{file}.gz")))?;
        let body = squash(&read_html(&String::from_utf8_lossy(&html)).body);
        for snippet in strings(&entry["with"]) {
            snippets += 1;
            if body.contains(&squash(snippet)) {
                counts.tp += 1.0;
            } else {
                counts.fn_ += 1.0;
            }
        }
        for snippet in strings(&entry["without"]) {
            snippets += 1;
            if body.contains(&squash(snippet)) {
                counts.fp += 1.0;
            }
        }
    }
    Ok(vec![Score {
        dataset: "trafilatura-eval-en".to_string(),
        metric: "body: must-include/must-exclude snippets".to_string(),
        items: snippets,
        precision: counts.precision(),
        recall: counts.recall(),
        f1: counts.f1(),
        anchor: None,
        note: format!(
            "{} pages; a kept must-exclude snippet is a false positive",
            entries.len()
        ),
    }])
}

fn strings(v: &Value) -> impl Iterator<Item = &str> {
    v.as_array().into_iter().flatten().filter_map(Value::as_str)
}

/// Whitespace runs to one space, so line wrapping does not decide a match.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `\w+` tokens: runs of letters, digits and underscores.
fn word_tokens(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Shingle multiset overlap of one page, normalised to sum to 1 so long pages weigh the same.
pub fn shingle_counts(truth: &str, predicted: &str, n: usize) -> Counts {
    let t = shingles(&word_tokens(truth), n);
    let p = shingles(&word_tokens(predicted), n);
    let mut c = Counts::default();
    for (key, &tc) in &t {
        let pc = p.get(key).copied().unwrap_or(0) as f64;
        c.tp += (tc as f64).min(pc);
        c.fn_ += (tc as f64 - pc).max(0.0);
    }
    for (key, &pc) in &p {
        let tc = t.get(key).copied().unwrap_or(0) as f64;
        c.fp += (pc as f64 - tc).max(0.0);
    }
    let total = c.tp + c.fp + c.fn_;
    if total > 0.0 {
        c = Counts {
            tp: c.tp / total,
            fp: c.fp / total,
            fn_: c.fn_ / total,
        };
    }
    c
}

fn shingles<'a>(tokens: &[&'a str], n: usize) -> HashMap<Vec<&'a str>, usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let n = n.min(tokens.len());
    for w in tokens.windows(n) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Mean per-page precision (pages with a prediction) and recall (pages with a gold body).
fn mean_precision_recall(docs: &[Counts]) -> (f64, f64) {
    let page_score = |c: &Counts, other: f64| {
        if c.fp == 0.0 && c.fn_ == 0.0 {
            1.0
        } else if c.tp == 0.0 && other == 0.0 {
            0.0
        } else {
            c.tp / (c.tp + other)
        }
    };
    let p: Vec<f64> = docs
        .iter()
        .filter(|c| c.tp + c.fp > 0.0)
        .map(|c| page_score(c, c.fp))
        .collect();
    let r: Vec<f64> = docs
        .iter()
        .filter(|c| c.tp + c.fn_ > 0.0)
        .map(|c| page_score(c, c.fn_))
        .collect();
    (mean(&p), mean(&r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_score_overlap() {
        let c = shingle_counts("a b c d e", "a b c d e", 4);
        assert_eq!((c.tp, c.fp, c.fn_), (1.0, 0.0, 0.0));
        let c = shingle_counts("a b c d e", "a b c d x y", 4);
        // truth shingles: abcd, bcde; predicted: abcd, bcdx, cdxy.
        assert!(
            (c.tp - 0.25).abs() < 1e-9 && (c.fp - 0.5).abs() < 1e-9 && (c.fn_ - 0.25).abs() < 1e-9
        );
        let (p, r) = mean_precision_recall(&[c]);
        assert!((p - 1.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
    }

    #[test]
    fn short_texts_make_one_shingle() {
        let c = shingle_counts("hello world", "hello world", 4);
        assert_eq!(c.tp, 1.0);
    }
}
