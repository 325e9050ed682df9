//! Progress on standard error while a run goes, and the one-line summary at its end.

use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

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
                ProgressStyle::with_template(
                    "{spinner} {pos} articles  {per_sec}  {elapsed}  {msg}",
                )
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

    pub fn finish(&self, elapsed: Duration, quiet: bool) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if quiet {
            return;
        }
        eprintln!("{}", self.line(elapsed));
    }

    fn line(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64();
        let total_skipped: u64 = self.skipped.values().sum();
        let mut line = format!("dateline: {} articles analysed", self.analyzed);
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
