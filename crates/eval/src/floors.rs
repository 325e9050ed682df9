//! Regression floors: a TSV of `dataset <TAB> metric <TAB> minimum F1`. CI checks today's scores
//! against it; floors only ever go up.

use crate::{Error, Result, Score};
use std::path::Path;

#[derive(Debug, Clone, PartialEq)]
pub struct Floor {
    pub dataset: String,
    pub metric: String,
    pub min_f1: f64,
}

pub fn read_floors(path: &Path) -> Result<Vec<Floor>> {
    let raw = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |reason: String| Error::Format {
            path: path.to_path_buf(),
            reason: format!("line {}: {reason}", i + 1),
        };
        if f.len() != 3 {
            return Err(bad(format!(
                "expected dataset, metric and minimum F1 separated by tabs, got {} fields",
                f.len()
            )));
        }
        let min_f1 = f[2]
            .trim()
            .parse()
            .map_err(|_| bad(format!("{:?} is not a number", f[2])))?;
        out.push(Floor {
            dataset: f[0].trim().to_string(),
            metric: f[1].trim().to_string(),
            min_f1,
        });
    }
    Ok(out)
}

/// Messages for every floor that today's scores miss (a floor whose line was not scored is
/// reported too, so a renamed metric cannot silently drop its guard).
pub fn check_floors(floors: &[Floor], scores: &[Score]) -> Vec<String> {
    floors
        .iter()
        .filter_map(|fl| {
            let hit = scores
                .iter()
                .find(|s| s.dataset == fl.dataset && s.metric == fl.metric);
            match hit {
                None => Some(format!(
                    "{} / {}: not scored in this run",
                    fl.dataset, fl.metric
                )),
                Some(s) if s.f1 + 1e-9 < fl.min_f1 => Some(format!(
                    "{} / {}: F1 {:.3} is below the floor {:.3}",
                    fl.dataset, fl.metric, s.f1, fl.min_f1
                )),
                Some(_) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(f1: f64) -> Score {
        Score {
            dataset: "d".into(),
            metric: "m".into(),
            items: 1,
            precision: f1,
            recall: f1,
            f1,
            anchor: None,
            note: String::new(),
        }
    }

    #[test]
    fn floors_fail_below_and_when_missing() {
        let floors = vec![Floor {
            dataset: "d".into(),
            metric: "m".into(),
            min_f1: 0.9,
        }];
        assert!(check_floors(&floors, &[score(0.95)]).is_empty());
        assert_eq!(check_floors(&floors, &[score(0.5)]).len(), 1);
        assert_eq!(
            check_floors(&floors, &[]),
            vec!["d / m: not scored in this run".to_string()]
        );
    }
}
