//! Results as a terminal table and as the Markdown table of docs/quality.md.

use crate::Score;

pub fn text_table(scores: &[Score]) -> String {
    let mut out = format!(
        "{:<42} {:<34} {:>6} {:>6} {:>6} {:>6}  {}\n",
        "dataset", "metric", "items", "P", "R", "F1", "anchor"
    );
    for s in scores {
        out += &format!(
            "{:<42} {:<34} {:>6} {:>6.3} {:>6.3} {:>6.3}  {}\n",
            s.dataset,
            s.metric,
            s.items,
            s.precision,
            s.recall,
            s.f1,
            anchor(s)
        );
    }
    out
}

pub fn markdown_table(scores: &[Score]) -> String {
    let mut out = String::from(
        "| data set | metric | items | precision | recall | F1 | anchor | note |\n|---|---|---:|---:|---:|---:|---|---|\n",
    );
    for s in scores {
        out += &format!(
            "| {} | {} | {} | {:.3} | {:.3} | {:.3} | {} | {} |\n",
            s.dataset,
            s.metric,
            s.items,
            s.precision,
            s.recall,
            s.f1,
            anchor(s),
            s.note
        );
    }
    out
}

fn anchor(s: &Score) -> String {
    match &s.anchor {
        Some((who, value)) => format!("{who} {value:.3}"),
        None => "-".to_string(),
    }
}
