//! Results as a terminal table and as the page docs/quality.md.

use crate::Score;

pub fn text_table(scores: &[Score]) -> String {
    let mut out = format!(
        "{:<40} {:<42} {:>6} {:>6} {:>6} {:>6}  {}\n",
        "dataset", "metric", "items", "P", "R", "F1", "anchor"
    );
    for s in scores {
        out += &format!(
            "{:<40} {:<42} {:>6} {:>6.3} {:>6.3} {:>6.3}  {}\n",
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

/// The whole docs/quality.md page: how it was made, the table, and what each line measures.
pub fn quality_page(scores: &[Score], date: &str, command: &str) -> String {
    format!(
        "# Quality\n\nScores of dateline against the public evaluation sets in `../shared/data`.\n\
         This page is generated; do not edit it by hand. Regenerate it with:\n\n```sh\n{command}\n```\n\n\
         Generated on {date}. A score of 0.000 means the stage that fills that field does not exist \
         yet (see the open issues), not that it was skipped.\n\n{}\n{}",
        markdown_table(scores),
        include_str!("quality-notes.md")
    )
}

fn anchor(s: &Score) -> String {
    match &s.anchor {
        Some((who, value)) => format!("{who} {value:.3}"),
        None => "-".to_string(),
    }
}
