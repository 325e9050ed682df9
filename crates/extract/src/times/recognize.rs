//! Time expression patterns on tokens. Each pattern returns the token range it covers and an
//! unresolved meaning; `resolve.rs` turns meanings into TIMEX3 values against the publication
//! date and the article's own timeline.

use dateline_core::{Token, TokenKind};
use dateline_lexicon::Lexicon;

/// What an expression means before it is placed on the calendar.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning {
    /// A calendar date, possibly without year, day or month.
    Date {
        year: Option<i32>,
        month: Option<u8>,
        day: Option<u8>,
    },
    /// A weekday; offset -1 "last", 1 "next", 0 by the sentence's tense.
    Weekday { weekday: u8, offset: i32 },
    /// "this week", "last year": the unit containing the reference date, moved by offset.
    Deictic { unit: String, offset: i32 },
    /// "two years ago": the reference date moved back by n units.
    Ago { n: i64, unit: String },
    /// today, yesterday, tomorrow, tonight, now, recently.
    Ref(String),
    /// "that day", "the next day": the narrative's date moved by days.
    Anaphor { days: i64 },
    /// A value needing no reference: durations, sets, decades, centuries.
    Literal(String),
    /// "the first quarter": quarter of the reference year.
    Quarter(u8),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
    pub meaning: Meaning,
    /// Part of day (MO, AF, EV, NI) or clock time ("15:00") to append.
    pub time: Option<String>,
}

pub struct Cursor<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Lowercased token texts.
    pub lowered: &'a [String],
    pub end: usize,
}

impl<'a> Cursor<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        if i < self.end {
            self.tokens[i].text(self.text)
        } else {
            ""
        }
    }

    fn lower(&self, i: usize) -> &'a str {
        if i < self.end {
            self.lowered.get(i).map_or("", String::as_str)
        } else {
            ""
        }
    }

    fn class(&self, i: usize) -> Option<(&'static str, &'static str)> {
        let (c, v) = Lexicon::global().time_words.get(self.lower(i))?;
        Some((c.as_str(), v.as_str()))
    }

    fn is(&self, i: usize, class: &str) -> Option<&'static str> {
        self.class(i).filter(|(c, _)| *c == class).map(|(_, v)| v)
    }

    /// A cardinal count at token i: digits or a number word ("two", "a"). Returns (value, next).
    fn count(&self, i: usize) -> Option<(i64, usize)> {
        let w = self.word(i);
        if let Ok(n) = w.replace(',', "").parse::<i64>() {
            return Some((n, i + 1));
        }
        let (kind, v) = Lexicon::global().numbers.get(self.lower(i))?;
        (kind == "cardinal").then_some((*v as i64, i + 1))
    }

    fn month(&self, i: usize) -> Option<u8> {
        let w = self.word(i);
        if !w.starts_with(char::is_uppercase) {
            return None;
        }
        Lexicon::global().months.get(self.lower(i)).copied()
    }
}

/// The longest time expression starting at token `i`.
pub fn at(c: &Cursor, i: usize) -> Option<Found> {
    if !may_start(c, i) {
        return None;
    }
    let attempts = [
        iso_date(c, i),
        month_date(c, i),
        day_month(c, i),
        weekday(c, i),
        deictic(c, i),
        ago(c, i),
        duration(c, i),
        set(c, i),
        reference(c, i),
        anaphor(c, i),
        year(c, i),
        clock(c, i),
        part_of_date(c, i),
        quarter(c, i),
    ];
    attempts
        .into_iter()
        .flatten()
        .max_by_key(|f| f.end - f.start)
}

/// Lowercase words that can open a time expression besides time and number words.
const STARTERS: &[&str] = &[
    "the", "that", "at", "every", "each", "almost", "nearly", "several", "few", "recent", "many",
    "for", "over", "within", "early", "late", "mid",
];

/// Cheap test that token `i` can begin an expression: most tokens cannot.
fn may_start(c: &Cursor, i: usize) -> bool {
    let t = &c.tokens[i];
    if t.kind == TokenKind::Number || t.has(Token::CAPITALIZED) {
        return true;
    }
    let w = c.lower(i);
    let lex = Lexicon::global();
    STARTERS.contains(&w)
        || lex.time_words.contains_key(w)
        || lex.numbers.contains_key(w)
        || w.contains('-')
}

fn found(start: usize, end: usize, kind: &'static str, meaning: Meaning) -> Option<Found> {
    Some(Found {
        start,
        end,
        kind,
        meaning,
        time: None,
    })
}

fn date(year: Option<i32>, month: Option<u8>, day: Option<u8>) -> Meaning {
    Meaning::Date { year, month, day }
}

fn iso_date(c: &Cursor, i: usize) -> Option<Found> {
    let w = c.word(i);
    let d = dateline_core::calendar::Date::parse(w).filter(|_| w.len() == 10)?;
    found(
        i,
        i + 1,
        "DATE",
        date(Some(d.year), Some(d.month), Some(d.day)),
    )
}

/// Leading "early", "late", "mid" (and "the end of") are part of the expression.
fn modifier_start(c: &Cursor, i: usize) -> usize {
    if i >= 1 && c.is(i - 1, "modifier").is_some() && c.word(i - 1).chars().all(char::is_lowercase)
    {
        return i - 1;
    }
    i
}

fn year_at(c: &Cursor, i: usize) -> Option<i32> {
    let w = c.word(i);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok())?
}

fn day_at(c: &Cursor, i: usize) -> Option<u8> {
    let w = c.word(i);
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &w[digits.len()..];
    let ok_suffix = matches!(suffix, "" | "st" | "nd" | "rd" | "th");
    (ok_suffix && !digits.is_empty() && digits.len() <= 2 && c.tokens[i].kind == TokenKind::Number)
        .then(|| digits.parse().ok().filter(|d| (1..=31).contains(d)))?
}

/// "October 7", "Oct. 7, 2023", "May 2010", "early December", "late last July".
fn month_date(c: &Cursor, i: usize) -> Option<Found> {
    let (start, mut k, last) = match c.is(i, "deictic") {
        Some(_) if c.month(i + 1).is_some() => (modifier_start(c, i), i + 1, true),
        _ => (modifier_start(c, i), i, false),
    };
    let month = c.month(k)?;
    // "May" and "March" are verbs too: alone they must be after a preposition or modifier.
    let ambiguous = matches!(c.word(k), "May" | "March");
    let abbreviated = Lexicon::global().abbreviations.contains_key(c.word(k));
    k += 1;
    if abbreviated && c.word(k) == "." && day_at(c, k + 1).is_some() {
        k += 1;
    }
    if let Some(day) = day_at(c, k) {
        let mut end = k + 1;
        let mut year = None;
        if c.word(end) == "," && year_at(c, end + 1).is_some() {
            year = year_at(c, end + 1);
            end += 2;
        } else if year_at(c, end).is_some() {
            year = year_at(c, end);
            end += 1;
        }
        return found(start, end, "DATE", date(year, Some(month), Some(day)));
    }
    if let Some(y) = year_at(c, k) {
        return found(start, k + 1, "DATE", date(Some(y), Some(month), None));
    }
    let before = if start > 0 { c.lower(start - 1) } else { "" };
    if ambiguous
        && start == i
        && !matches!(
            before,
            "in" | "since" | "until" | "by" | "of" | "from" | "through" | "last" | "next"
        )
    {
        return None;
    }
    let offset = if last { Some(c.word(i)) } else { None };
    let meaning = match offset.map(|w| w.to_lowercase()) {
        Some(w) if w == "last" => Meaning::Deictic {
            unit: format!("month:{month}"),
            offset: -1,
        },
        Some(w) if w == "next" => Meaning::Deictic {
            unit: format!("month:{month}"),
            offset: 1,
        },
        _ => date(None, Some(month), None),
    };
    found(start, k.min(c.end).max(start + 1), "DATE", meaning)
}

/// "7 October", "7 October 2023".
fn day_month(c: &Cursor, i: usize) -> Option<Found> {
    let day = day_at(c, i)?;
    let month = c.month(i + 1)?;
    let year = year_at(c, i + 2);
    let end = if year.is_some() { i + 3 } else { i + 2 };
    found(i, end, "DATE", date(year, Some(month), Some(day)))
}

/// "Wednesday", "last Friday", "Wednesday evening", "Sunday night".
fn weekday(c: &Cursor, i: usize) -> Option<Found> {
    let (offset, k) = match c.is(i, "deictic") {
        Some(v) if c.is(i + 1, "weekday").is_some() => (v.parse().unwrap_or(0), i + 1),
        _ => (0, i),
    };
    if !c.word(k).starts_with(char::is_uppercase) {
        return None;
    }
    let weekday: u8 = c.is(k, "weekday")?.parse().ok()?;
    let mut f = Found {
        start: i,
        end: k + 1,
        kind: "DATE",
        meaning: Meaning::Weekday { weekday, offset },
        time: None,
    };
    if let Some(part) = c.is(k + 1, "part") {
        f.end = k + 2;
        f.kind = "TIME";
        f.time = Some(part.to_string());
    }
    Some(f)
}

/// "this week", "last year", "the past week", "next month", "early this year", "last summer",
/// "this morning", "this fiscal year".
fn deictic(c: &Cursor, i: usize) -> Option<Found> {
    let start = modifier_start(c, i);
    let mut k = i;
    if c.lower(k) == "the" {
        k += 1;
    }
    let offset: i32 = c.is(k, "deictic")?.parse().ok()?;
    k += 1;
    if c.lower(k) == "fiscal" {
        k += 1;
    }
    if let Some(part) = c
        .is(k, "part")
        .filter(|_| offset == 0 && c.lower(i) == "this")
    {
        return Some(Found {
            start,
            end: k + 1,
            kind: "TIME",
            meaning: Meaning::Ref("TODAY".into()),
            time: Some(part.to_string()),
        });
    }
    if let Some(season) = c.is(k, "season") {
        return found(
            start,
            k + 1,
            "DATE",
            Meaning::Deictic {
                unit: format!("season:{season}"),
                offset,
            },
        );
    }
    let unit = c.is(k, "unit")?;
    let singular = !c.lower(k).ends_with('s');
    if !singular {
        return None;
    }
    if unit == "DE" {
        return found(start, k + 1, "DURATION", Meaning::Literal("P10Y".into()));
    }
    found(
        start,
        k + 1,
        "DATE",
        Meaning::Deictic {
            unit: unit.to_string(),
            offset,
        },
    )
}

/// "two years ago", "six days ago".
fn ago(c: &Cursor, i: usize) -> Option<Found> {
    let (n, k) = c.count(i)?;
    let unit = c.is(k, "unit")?;
    (c.lower(k + 1) == "ago").then_some(())?;
    found(
        i,
        k + 2,
        "DATE",
        Meaning::Ago {
            n,
            unit: unit.to_string(),
        },
    )
}

/// "six months", "a decade", "almost seven years", "four-week", "the past two years",
/// "several days", "recent weeks", "for years".
fn duration(c: &Cursor, i: usize) -> Option<Found> {
    if let Some(f) = hyphen_duration(c, i) {
        return Some(f);
    }
    let mut start = i;
    let mut k = i;
    if c.lower(k) == "the"
        && matches!(
            c.lower(k + 1),
            "past" | "next" | "last" | "previous" | "first" | "coming"
        )
    {
        k += 2;
    } else if matches!(c.lower(k), "almost" | "nearly") {
        k += 1;
    } else if c.lower(k) == "a" && c.lower(k + 1) == "mere" {
        k += 2;
    }
    let (n, after) = match c.count(k) {
        Some((n, a)) => (Some(n), a),
        None if matches!(c.lower(k), "several" | "few" | "recent" | "many") => (None, k + 1),
        None if c.is(k, "unit").is_some() && plural_unit_in_context(c, k) => {
            start = k;
            (None, k)
        }
        None => return None,
    };
    let unit = c.is(after, "unit")?;
    if unit == "WE" || (n.is_some() && c.lower(after + 1) == "ago") {
        return None;
    }
    let end = if c.lower(after + 1) == "long" {
        after + 2
    } else {
        after + 1
    };
    found(
        start,
        end,
        "DURATION",
        Meaning::Literal(duration_value(n, unit)),
    )
}

/// Bare plural units count only after "for", "in", "over", "within": "for years".
fn plural_unit_in_context(c: &Cursor, k: usize) -> bool {
    k > 0 && c.lower(k).ends_with('s') && matches!(c.lower(k - 1), "for" | "over" | "within")
}

/// A capitalised word followed by another capitalised word: the name of something ("Six-Day
/// War"), which a year or a number before it belongs to.
fn starts_a_name(c: &Cursor, i: usize) -> bool {
    c.word(i).starts_with(char::is_uppercase) && c.word(i + 1).starts_with(char::is_uppercase)
}

/// "four-week", "three-month", "10-year".
fn hyphen_duration(c: &Cursor, i: usize) -> Option<Found> {
    if starts_a_name(c, i) {
        return None;
    }
    let w = c.word(i).to_lowercase();
    let (num, unit) = w.split_once('-')?;
    let n = num.parse::<i64>().ok().or_else(|| {
        Lexicon::global()
            .numbers
            .get(num)
            .filter(|(k, _)| k == "cardinal")
            .map(|(_, v)| *v as i64)
    })?;
    let unit = Lexicon::global()
        .time_words
        .get(unit)
        .filter(|(c, _)| c == "unit")?
        .1
        .as_str();
    found(
        i,
        i + 1,
        "DURATION",
        Meaning::Literal(duration_value(Some(n), unit)),
    )
}

pub fn duration_value(n: Option<i64>, unit: &str) -> String {
    let count = n.map_or("X".to_string(), |n| n.to_string());
    match unit {
        "H" => format!("PT{count}H"),
        "MIN" => format!("PT{count}M"),
        "S" => format!("PT{count}S"),
        "DE" => n.map_or("PXDE".to_string(), |n| format!("P{}Y", n * 10)),
        "CE" => n.map_or("PXCE".to_string(), |n| format!("P{}Y", n * 100)),
        "Q" => n.map_or("PXQ".to_string(), |n| format!("P{}M", n * 3)),
        u => format!("P{count}{u}"),
    }
}

/// "every morning", "each year", "annually".
fn set(c: &Cursor, i: usize) -> Option<Found> {
    if let Some(v) = c.is(i, "set") {
        let value = if v == "P1Y" {
            "XXXX".to_string()
        } else {
            v.to_string()
        };
        return found(i, i + 1, "SET", Meaning::Literal(value));
    }
    if !matches!(c.lower(i), "every" | "each") {
        return None;
    }
    if let Some(part) = c.is(i + 1, "part") {
        return found(
            i,
            i + 2,
            "SET",
            Meaning::Literal(format!("XXXX-XX-XXT{part}")),
        );
    }
    if let Some(season) = c.is(i + 1, "season") {
        return found(i, i + 2, "SET", Meaning::Literal(format!("XXXX-{season}")));
    }
    let unit = c.is(i + 1, "unit")?;
    found(
        i,
        i + 2,
        "SET",
        Meaning::Literal(duration_value(Some(1), unit)),
    )
}

/// "now", "today", "yesterday", "recently", "the past", "at the time".
fn reference(c: &Cursor, i: usize) -> Option<Found> {
    if let Some(v) = c.is(i, "ref") {
        let kind = if v == "TONIGHT" { "TIME" } else { "DATE" };
        return found(i, i + 1, kind, Meaning::Ref(v.to_string()));
    }
    if c.lower(i) == "the"
        && c.lower(i + 1) == "past"
        && !c.word(i + 2).starts_with(|ch: char| ch.is_alphanumeric())
    {
        return found(i, i + 2, "DATE", Meaning::Ref("PAST_REF".into()));
    }
    if c.lower(i) == "at" && c.lower(i + 1) == "the" && c.lower(i + 2) == "time" {
        return found(i, i + 3, "DATE", Meaning::Ref("PAST_REF".into()));
    }
    None
}

/// "that day", "that same day", "the same day", "the next day", "the day before".
fn anaphor(c: &Cursor, i: usize) -> Option<Found> {
    let w0 = c.lower(i);
    let w1 = c.lower(i + 1);
    let w2 = c.lower(i + 2);
    let (end, days) = match (w0, w1, w2) {
        ("that", "same", "day") | ("the", "same", "day") => (i + 3, 0),
        ("that", "day", _) => (i + 2, 0),
        ("the", "next", "day") | ("the", "following", "day") => (i + 3, 1),
        ("the", "previous", "day") => (i + 3, -1),
        ("the", "day", "before") => (i + 3, -1),
        ("the", "day", "after") => (i + 3, 1),
        _ => return None,
    };
    found(i, end, "DATE", Meaning::Anaphor { days })
}

/// A four-digit year that is not the name of something ("the 1967 borders"), a decade
/// ("the 1990s") or a century ("the 20th century").
fn year(c: &Cursor, i: usize) -> Option<Found> {
    let w = c.word(i);
    if let Some(decade) = w
        .strip_suffix('s')
        .filter(|d| d.len() == 4 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()))
    {
        return found(i, i + 1, "DATE", Meaning::Literal(decade[..3].to_string()));
    }
    if let Some(n) = w
        .strip_suffix("th")
        .and_then(|d| d.parse::<i32>().ok())
        .filter(|n| (1..=21).contains(n))
    {
        if c.lower(i + 1) == "century" {
            return found(i, i + 2, "DATE", Meaning::Literal(format!("{:02}", n - 1)));
        }
    }
    let y = year_at(c, i)?;
    let next = c.lower(i + 1);
    let prev = if i > 0 { c.word(i - 1) } else { "" };
    let named = Lexicon::global().listed("year_as_name", next) || starts_a_name(c, i + 1);
    if !(1800..=2100).contains(&y) || named || prev == "$" || matches!(next, "%" | "percent") {
        return None;
    }
    found(
        modifier_start(c, i),
        i + 1,
        "DATE",
        date(Some(y), None, None),
    )
}

/// "15:00 GMT", "8 PM", "10:30 a.m.".
fn clock(c: &Cursor, i: usize) -> Option<Found> {
    let w = c.word(i);
    let (h, m) = match w.split_once(':') {
        Some((h, m)) if c.tokens[i].kind == TokenKind::Number => {
            (h.parse::<u8>().ok()?, Some(m.get(..2)?.parse::<u8>().ok()?))
        }
        _ => (w.parse::<u8>().ok()?, None),
    };
    let mut end = i + 1;
    let mut hour = h;
    match c.lower(end) {
        "p.m." | "pm" => {
            hour = if h < 12 { h + 12 } else { h };
            end += 1;
        }
        "a.m." | "am" => end += 1,
        _ if m.is_none() => return None,
        _ => {}
    }
    if matches!(c.word(end), "GMT" | "UTC") {
        end += 1;
    }
    if hour > 23 {
        return None;
    }
    let time = match m {
        Some(m) => format!("{hour:02}:{m:02}"),
        None => format!("{hour:02}"),
    };
    Some(Found {
        start: i,
        end,
        kind: "TIME",
        meaning: Meaning::Ref("TODAY".into()),
        time: Some(time),
    })
}

/// "the morning of October 7".
fn part_of_date(c: &Cursor, i: usize) -> Option<Found> {
    let k = if c.lower(i) == "the" { i + 1 } else { i };
    let part = c.is(k, "part")?;
    if c.lower(k + 1) != "of" {
        return None;
    }
    let inner = month_date(c, k + 2).or_else(|| day_month(c, k + 2))?;
    Some(Found {
        start: i,
        end: inner.end,
        kind: "TIME",
        meaning: inner.meaning,
        time: Some(part.to_string()),
    })
}

/// "the first quarter", "the fourth quarter of 2012".
fn quarter(c: &Cursor, i: usize) -> Option<Found> {
    let k = if c.lower(i) == "the" { i + 1 } else { i };
    let (kind, n) = Lexicon::global().numbers.get(c.lower(k))?;
    if kind != "ordinal" || !(1.0..=4.0).contains(n) || c.lower(k + 1) != "quarter" {
        return None;
    }
    if c.lower(k + 2) == "of" {
        if let Some(y) = year_at(c, k + 3) {
            return found(
                i,
                k + 4,
                "DATE",
                Meaning::Literal(format!("{y}-Q{}", *n as u8)),
            );
        }
    }
    found(i, k + 2, "DATE", Meaning::Quarter(*n as u8))
}
