//! Publication dates written in article urls: `/2025/03/02/`, `/2015/6/20/`, `/2025/0427/`,
//! `/2015-02/15/`, `/20190510-slug`, `/20070912/`, `/2007/apr/16/`, and the month alone in
//! `/2023/08/slug`, and ids that begin with a date (`/202103031234`). Only the path is read
//! (never the query), only years 1990–2039, and only real calendar days.

use crate::dates::{day_number, month_name, news_year};
use dateline_core::calendar::Date;

/// The publication date a url states, at the precision it states it (`2025-03-02`, `2023-08`).
pub fn date_from_url(url: &str) -> Option<String> {
    let path = path_of(url);
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    for (i, part) in parts.iter().enumerate() {
        if let Some(date) = eight_digits(part) {
            return Some(date);
        }
        if let Some((year, month)) = split_year_month(part) {
            let next = parts.get(i + 1).copied().unwrap_or("");
            return Some(
                match day_number(next).and_then(|day| Date::new(year, month, day)) {
                    Some(date) => date.iso(),
                    None => format!("{year:04}-{month:02}"),
                },
            );
        }
        let Some(year) = news_year(part) else {
            continue;
        };
        let next = parts.get(i + 1).copied().unwrap_or("");
        let after = parts.get(i + 2).copied().unwrap_or("");
        if let Some(date) = year_month_day(year, next, after) {
            return Some(date);
        }
    }
    None
}

/// The url without scheme, host, query and fragment.
fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("", |i| &rest[i..]);
    path.split(['?', '#']).next().unwrap_or("")
}

/// `20190510`, `20190510-slug`, `20190510.html`, and ids made of a date and a number
/// (`202103031234`: a date, then at most six more digits, as a time or sequence).
fn eight_digits(part: &str) -> Option<String> {
    let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
    if !(8..=14).contains(&digits.len()) {
        return None;
    }
    let rest = &part[digits.len()..];
    if !(rest.is_empty() || rest.starts_with(['-', '.', '_'])) {
        return None;
    }
    let year = news_year(&digits[..4])?;
    let date = Date::new(year, digits[4..6].parse().ok()?, digits[6..8].parse().ok()?)?;
    Some(date.iso())
}

/// After a year segment: `03/02`, `6/20`, `0427`, `apr/16`, `08/slug` (month only); also a
/// `2015-02` segment followed by `15`.
fn year_month_day(year: i32, next: &str, after: &str) -> Option<String> {
    if next.len() == 4 && next.chars().all(|c| c.is_ascii_digit()) {
        let date = Date::new(year, next[..2].parse().ok()?, next[2..].parse().ok()?)?;
        return Some(date.iso());
    }
    let month = month_of(next)?;
    match day_number(after) {
        Some(day) => Date::new(year, month, day).map(|d| d.iso()),
        None => Some(format!("{year:04}-{month:02}")),
    }
}

/// A month by name ("apr") or number ("04", "4").
fn month_of(part: &str) -> Option<u8> {
    if let Some(m) = month_name(part) {
        return Some(m);
    }
    let month: u8 = part
        .parse()
        .ok()
        .filter(|_| (1..=2).contains(&part.len()))?;
    (1..=12).contains(&month).then_some(month)
}

/// `2015-02/15`: a year-month segment.
fn split_year_month(part: &str) -> Option<(i32, u8)> {
    let (y, m) = part.split_once('-')?;
    Some((news_year(y)?, month_of(m)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_paths() {
        let cases = [
            ("https://x.com/world/2021/03/03/ferry-sinks", "2021-03-03"),
            ("https://x.com/news/2021/3/3/ferry-sinks", "2021-03-03"),
            (
                "https://x.ie/news/europe/2021/0303/1234567-ferry",
                "2021-03-03",
            ),
            ("https://x.com/en/20210303-ferry-sinks", "2021-03-03"),
            ("http://x.ru/world/20210303/11223344.html", "2021-03-03"),
            ("https://x.com/world/2021/mar/03/ferry", "2021-03-03"),
            ("https://x.com/2021/03/ferry-sinks", "2021-03"),
            ("http://x.cn/2021-03/03/content_1122.htm", "2021-03-03"),
            ("https://x.com/en/202103031234", "2021-03-03"),
        ];
        for (url, want) in cases {
            assert_eq!(date_from_url(url).as_deref(), Some(want), "{url}");
        }
    }

    #[test]
    fn ids_hosts_queries_and_impossible_days_are_not_dates() {
        for url in [
            "https://x.com/en/202199031234",
            "https://x.com/en/2021030312341234",
            "https://x.com/1234567/ferry-sinks-222",
            "https://2019.example.com/story",
            "https://x.com/story?date=2020/01/19",
            "https://x.com/2023/02/30/slug",
            "https://x.com/1850/03/02/history",
            "not a url",
        ] {
            assert_eq!(date_from_url(url), None, "{url}");
        }
    }
}
