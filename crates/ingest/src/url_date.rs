//! Publication dates written in article urls: `/2025/03/02/`, `/2015/6/20/`, `/2025/0427/`,
//! `/2015-02/15/`, `/20190510-un-calls...`, `/20070912/`, `/2007/apr/16/`, and the month alone in
//! `/2023/08/slug`, and ids that begin with a date (`/202504195149`). Only the path is read
//! (never the query), only years 1990–2039, and only real calendar days.

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
                match day_of(next).and_then(|day| Date::new(year, month, day)) {
                    Some(date) => date.iso(),
                    None => format!("{year:04}-{month:02}"),
                },
            );
        }
        let Some(year) = year_of(part) else {
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

fn year_of(part: &str) -> Option<i32> {
    let year: i32 = part.parse().ok().filter(|_| part.len() == 4)?;
    (1990..2040).contains(&year).then_some(year)
}

/// `20190510`, `20190510-slug`, `20190510.html`, and ids made of a date and a number
/// (`202504195149`: a date, then at most six more digits, as a time or sequence).
fn eight_digits(part: &str) -> Option<String> {
    let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
    if !(8..=14).contains(&digits.len()) {
        return None;
    }
    let rest = &part[digits.len()..];
    if !(rest.is_empty() || rest.starts_with(['-', '.', '_'])) {
        return None;
    }
    let year = year_of(&digits[..4])?;
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
    match day_of(after) {
        Some(day) => Date::new(year, month, day).map(|d| d.iso()),
        None => Some(format!("{year:04}-{month:02}")),
    }
}

fn month_of(part: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    if let Some(i) = NAMES.iter().position(|m| part.eq_ignore_ascii_case(m)) {
        return Some(i as u8 + 1);
    }
    let month: u8 = part
        .parse()
        .ok()
        .filter(|_| (1..=2).contains(&part.len()))?;
    (1..=12).contains(&month).then_some(month)
}

fn day_of(part: &str) -> Option<u8> {
    let day: u8 = part
        .parse()
        .ok()
        .filter(|_| (1..=2).contains(&part.len()))?;
    (1..=31).contains(&day).then_some(day)
}

/// `2015-02/15`: a year-month segment.
fn split_year_month(part: &str) -> Option<(i32, u8)> {
    let (y, m) = part.split_once('-')?;
    Some((year_of(y)?, month_of(m)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(url: &str) -> Option<String> {
        date_from_url(url)
    }

    #[test]
    fn dates_in_paths() {
        assert_eq!(
            d("https://x.com/world-news/2025/03/02/two-killed"),
            Some("2025-03-02".into())
        );
        assert_eq!(
            d("https://x.com/news/2015/6/20/al-shabab"),
            Some("2015-06-20".into())
        );
        assert_eq!(
            d("https://x.ie/news/middle-east/2025/0427/1509736-gaza"),
            Some("2025-04-27".into())
        );
        assert_eq!(
            d("https://x.com/en/20190510-un-calls-talks"),
            Some("2019-05-10".into())
        );
        assert_eq!(
            d("http://x.ru/world/20070912/78269057.html"),
            Some("2007-09-12".into())
        );
        assert_eq!(
            d("https://x.com/world/2007/apr/16/name"),
            Some("2007-04-16".into())
        );
        assert_eq!(
            d("https://x.com/2023/08/niger-junta-orders"),
            Some("2023-08".into())
        );
        assert_eq!(
            d("http://x.cn/2015-02/15/content_34826346.htm"),
            Some("2015-02-15".into())
        );
    }

    #[test]
    fn ids_hosts_queries_and_impossible_days_are_not_dates() {
        assert_eq!(
            d("https://x.com/en/202504195149"),
            Some("2025-04-19".into())
        );
        assert_eq!(d("https://x.com/en/202599195149"), None);
        assert_eq!(d("https://x.com/en/2025041951491234"), None);
        assert_eq!(d("https://x.com/3814492/nicaragua-frees-222"), None);
        assert_eq!(d("https://2019.example.com/story"), None);
        assert_eq!(d("https://x.com/story?date=2020/01/19"), None);
        assert_eq!(d("https://x.com/2023/02/30/slug"), None);
        assert_eq!(d("https://x.com/1850/03/02/history"), None);
        assert_eq!(d("not a url"), None);
    }
}
