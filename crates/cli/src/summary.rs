//! Progress on standard error while a run goes, and the one-line summary at its end.

use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

/// The rate in whole articles a second ("8651/s", not indicatif's "8,650.9361/s").
fn whole_rate(state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{:.0}/s", state.per_sec());
}

/// Skip messages printed per reason before the rest are only counted.
const MESSAGES_PER_CLASS: u64 = 20;

pub struct Summary {
    pub analyzed: u64,
    non_english: u64,
    skipped: BTreeMap<&'static str, u64>,
    ignored: u64,
    bar: Option<ProgressBar>,
}

impl Summary {
    pub fn new(show_progress: bool) -> Self {
        let bar = show_progress.then(|| {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} articles  {rate}  {elapsed}  {msg}")
                    .map(|style| style.with_key("rate", whole_rate))
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Summary {
            analyzed: 0,
            non_english: 0,
            skipped: BTreeMap::new(),
            ignored: 0,
            bar,
        }
    }

    pub fn analyzed(&mut self, english: bool) {
        self.analyzed += 1;
        if !english {
            self.non_english += 1;
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Counts a skipped input and says why, naming it.
    pub fn skip(&mut self, class: &'static str, message: &str) {
        let count = self.skipped.entry(class).or_default();
        *count += 1;
        // A feed with thousands of bad lines of one kind should not bury the terminal.
        match *count {
            n if n <= MESSAGES_PER_CLASS => self.say(&format!("dateline: skipped {message}")),
            n if n == MESSAGES_PER_CLASS + 1 => self.say(&format!(
                "dateline: more inputs skipped as {class}; they are counted in the summary"
            )),
            _ => {}
        }
    }

    pub fn ignored(&mut self, path: &Path) {
        self.ignored += 1;
        let _ = path;
    }

    fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Takes the progress display off the terminal (before an error message).
    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    pub fn finish(&self, elapsed: Duration, quiet: bool) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if !quiet {
            eprintln!("{}", self.line(elapsed));
        }
        // Said even with --quiet: the run did nothing, and the exit status alone tells no why.
        if let Some(why) = self.why_nothing() {
            eprintln!("dateline: error: no article analysed: {why}");
        }
    }

    /// Why a run analysed no article, when it analysed none.
    fn why_nothing(&self) -> Option<String> {
        if self.analyzed > 0 {
            return None;
        }
        let skipped: u64 = self.skipped.values().sum();
        Some(if skipped > 0 {
            format!("all {skipped} inputs were skipped (the reasons are above)")
        } else if self.ignored > 0 {
            format!(
                "the {} files read are in no article format (.txt, .html, .htm, .jsonl, or any of \
                 them gzipped)",
                self.ignored
            )
        } else {
            "the paths hold no files (.txt, .html, .htm, .jsonl, or any of them gzipped)".into()
        })
    }

    fn line(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let total_skipped: u64 = self.skipped.values().sum();
        let noun = if self.analyzed == 1 {
            "article"
        } else {
            "articles"
        };
        let mut line = format!("dateline: {} {noun} analysed", self.analyzed);
        if self.non_english > 0 {
            line += &format!(" ({} not English)", self.non_english);
        }
        line += &format!(", {total_skipped} skipped");
        if total_skipped > 0 {
            let why: Vec<String> = self
                .skipped
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            line += &format!(" ({})", why.join(", "));
        }
        if self.ignored > 0 {
            line += &format!(", {} files ignored (not an article format)", self.ignored);
        }
        let rate = if secs > 0.0 {
            self.analyzed as f64 / secs
        } else {
            0.0
        };
        line + &format!(" in {secs:.2} s ({rate:.0} articles/s)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_that_analysed_nothing_says_why() {
        let mut empty = Summary::new(false);
        assert!(empty.why_nothing().unwrap().contains("hold no files"));
        empty.ignored(Path::new("notes.docx"));
        assert!(empty.why_nothing().unwrap().contains("no article format"));
        empty.analyzed(true);
        assert_eq!(empty.why_nothing(), None);
    }
}
