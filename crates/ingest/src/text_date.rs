//! A publication date written as a line of its own near the top of the text: a source or
//! timestamp line ("Norpress, March 3, 2021", "Mar 2, 2021, 9:10 AM | Updated: Mar 3, 2021"),
//! a date line ("Wednesday, March 3, 2021") or a date opening the first paragraph ("March 3,
//! 2021 (KORVELLA) – ..."). Only full dates with a year count; when a line has two (published
//! and updated), the later one is the version the text is.

use crate::dates::{day_number, iso, month_name, news_year};
use dateline_lexicon::Lexicon;

/// Lines looked at, from the top.
const TOP_LINES: usize = 12;
/// A date counts when it starts within this many bytes of its line's start.
const NEAR_LINE_START: usize = 40;

/// The date of the first line near the top that carries one.
pub fn date_line(text: &str) -> Option<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(TOP_LINES)
        .find_map(line_date)
}

/// The latest full date starting near the line's start, after nothing but a name or a weekday
/// ("Norpress, ", "Wednesday, "): a date after "On" (`event_date_before` in `word_lists.tsv`)
/// or a lowercase word is what the text reports, not when it was written.
fn line_date(line: &str) -> Option<String> {
    let words = words(line);
    let leads = |k: usize| {
        words[..k].iter().all(|(_, w)| {
            w.starts_with(char::is_uppercase)
                && !Lexicon::global().listed("event_date_before", &w.to_lowercase())
        })
    };
    let first = (0..words.len())
        .take_while(|&k| words[k].0 <= NEAR_LINE_START)
        .find(|&k| date_at(&words, k).is_some() && leads(k))?;
    // Later dates on the same line (an "Updated:" stamp) may follow anywhere.
    (first..words.len())
        .filter_map(|k| date_at(&words, k))
        .max()
}

/// The words of a line (letters and digits) with their byte offsets.
fn words(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// "February 15 2015", "Feb 9 2023", "15 February 2015" starting at word `k`.
fn date_at(words: &[(usize, &str)], k: usize) -> Option<String> {
    let word = |i: usize| words.get(i).map_or("", |w| w.1);
    let (month, day, year) = (month_name, day_number, news_year);
    if let (Some(m), Some(d), Some(y)) = (month(word(k)), day(word(k + 1)), year(word(k + 2))) {
        return iso(y, m, d);
    }
    if let (Some(d), Some(m), Some(y)) = (day(word(k)), month(word(k + 1)), year(word(k + 2))) {
        return iso(y, m, d);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_timestamp_and_date_lines() {
        assert_eq!(
            date_line("Headline\nNorpress, March 3, 2021 Share this:\nBody."),
            Some("2021-03-03".into())
        );
        assert_eq!(
            date_line("Title\n\nMar 2, 2021, 9:10 AM | Updated: Mar 3, 2021, 6:52 pm\nBody"),
            Some("2021-03-03".into())
        );
        assert_eq!(
            date_line("Title\n\nWednesday, March 3, 2021\n\nBody."),
            Some("2021-03-03".into())
        );
        assert_eq!(
            date_line("Title\nMarch 3, 2021 (KORVELLA) – A ferry left on February 20, 2021."),
            Some("2021-03-03".into())
        );
        assert_eq!(
            date_line("Title\n12 March 2021\nThe court ruled."),
            Some("2021-03-12".into())
        );
    }

    #[test]
    fn dates_deep_in_a_line_or_without_a_year_do_not_count() {
        assert_eq!(
            date_line("People walk past a damaged bridge in Korvella, the capital, Nov. 19, 2024."),
            None
        );
        assert_eq!(
            date_line("KORVELLA, September 12 (Norpress) - The former mayor"),
            None
        );
        assert_eq!(date_line("On 12 March 2021 the court ruled."), None);
        assert_eq!(date_line("The court ruled on 12 March 2021."), None);
        assert_eq!(date_line(""), None);
    }
}
