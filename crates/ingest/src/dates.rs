//! Calendar dates as metadata writes them ("2023-10-10T08:00:00Z", "26-FEB-1987 15:01:01.79",
//! "Tue, 10 Oct 2023 09:00:00 GMT", "October 10, 2023") to ISO `YYYY-MM-DD`. Relative phrases in
//! article prose are the times stage's job, not this one's.

use dateline_lexicon::Lexicon;

/// Parses a metadata date; None when no unambiguous calendar date is there.
pub fn parse_date(raw: &str) -> Option<String> {
    let pieces: Vec<&str> = raw
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .take(8)
        .collect();
    let (y, m, d) = ymd_numeric(&pieces).or_else(|| with_month_name(&pieces))?;
    iso(y, m, d)
}

/// A four-digit year of a story a publication date could belong to (1990–2039): found in urls
/// and date lines, where any four digits could be an id.
pub fn news_year(word: &str) -> Option<i32> {
    let year: i32 = word.parse().ok().filter(|_| word.len() == 4)?;
    (1990..2040).contains(&year).then_some(year)
}

/// A day of the month written in one or two digits.
pub fn day_number(word: &str) -> Option<u8> {
    let day: u8 = word
        .parse()
        .ok()
        .filter(|_| (1..=2).contains(&word.len()))?;
    (1..=31).contains(&day).then_some(day)
}

/// A month by its name or short name (`months.tsv`, any case).
pub fn month_name(word: &str) -> Option<u8> {
    Lexicon::global().months.get(&word.to_lowercase()).copied()
}

/// Builds `YYYY-MM-DD` after checking the day exists.
pub fn iso(year: i32, month: u8, day: u8) -> Option<String> {
    if !(1..=9999).contains(&year) {
        return None;
    }
    dateline_core::calendar::Date::new(year, month, day).map(|d| d.iso())
}

/// "2023-10-10", "2023/10/10T...", "20231010".
fn ymd_numeric(p: &[&str]) -> Option<(i32, u8, u8)> {
    let first = *p.first()?;
    if first.len() == 8 && first.bytes().all(|b| b.is_ascii_digit()) {
        let y = first[..4].parse().ok()?;
        return Some((y, first[4..6].parse().ok()?, first[6..8].parse().ok()?));
    }
    if first.len() != 4 || p.len() < 3 {
        return None;
    }
    let y = first.parse().ok()?;
    let m = p[1].parse().ok()?;
    // "2023-10-10T08" splits into "10T08": keep the leading digits.
    let day_digits: String = p[2].chars().take_while(char::is_ascii_digit).collect();
    Some((y, m, day_digits.parse().ok()?))
}

/// A month name plus a day and a four-digit year in any order ("26 FEB 1987", "Oct 10, 2023").
fn with_month_name(p: &[&str]) -> Option<(i32, u8, u8)> {
    let months = &Lexicon::global().months;
    let month = p
        .iter()
        .find_map(|w| months.get(&w.to_lowercase()).copied())?;
    let numbers: Vec<u32> = p.iter().filter_map(|w| w.parse().ok()).collect();
    let year = numbers.iter().find(|&&n| (1000..=9999).contains(&n))?;
    let day = numbers.iter().find(|&&n| (1..=31).contains(&n))?;
    Some((*year as i32, month, *day as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_metadata_forms() {
        for (raw, want) in [
            ("2023-10-10", "2023-10-10"),
            ("2023-10-10T08:00:00+03:00", "2023-10-10"),
            ("2024/01/23", "2024-01-23"),
            ("20240123", "2024-01-23"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26"),
            ("Tue, 10 Oct 2023 09:00:00 GMT", "2023-10-10"),
            ("October 10, 2023", "2023-10-10"),
            ("Oct. 7, 2023", "2023-10-07"),
        ] {
            assert_eq!(parse_date(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn rejects_impossible_or_partial_dates() {
        for raw in ["2023-02-30", "October 10", "yesterday", "", "2023-13-01"] {
            assert_eq!(parse_date(raw), None, "{raw}");
        }
    }
}
