//! Places recognised expressions on the calendar: TIMEX3 values against the publication date
//! (deictic and relative expressions) or the article's narrative date (anaphoric ones). A year
//! the evidence does not give stays `XXXX`.

use super::recognize::{Found, Meaning};
use dateline_core::calendar::Date;

/// What an expression is resolved against.
pub struct Context {
    pub published: Option<Date>,
    /// The latest day-precise date the narrative has reached.
    pub narrative: Option<Date>,
    /// The sentence speaks of the future ("will", "plans to", "next").
    pub future: bool,
    /// The expression stands inside a direct quotation.
    pub quoted: bool,
    /// Full dates (day, month, year) met so far outside future talk.
    pub stated: Vec<Date>,
}

/// (value, anchor): the TIMEX3 value and the date it was computed from, if any.
pub fn value(f: &Found, ctx: &Context) -> (Option<String>, Option<String>) {
    let dct = ctx.published;
    let anchor_dct = || dct.map(|d| d.iso());
    let (base, anchor) = match &f.meaning {
        Meaning::Date { year, month, day } => dated(*year, *month, *day, ctx),
        Meaning::Weekday { weekday, offset } => {
            (weekday_value(*weekday, *offset, ctx), anchor_dct())
        }
        Meaning::Deictic { unit, offset } => {
            (dct.map(|d| deictic_value(unit, *offset, d)), anchor_dct())
        }
        Meaning::Ago { n, unit } => (dct.map(|d| ago_value(*n, unit, d)), anchor_dct()),
        Meaning::Ref(r) => {
            // "today" inside a quoted statement is the statement's day, the date the narrative
            // has reached ("lodged a protest on Saturday ... “The Government, today, has
            // lodged protest”"), not the day the article came out.
            let day_word = matches!(r.as_str(), "TODAY" | "YESTERDAY" | "TOMORROW" | "TONIGHT");
            // Only a day in the week before publication can be the statement's day.
            let statement_day = ctx.narrative.filter(|n| {
                dct.is_some_and(|d| n.iso() <= d.iso() && n.add_days(7).iso() >= d.iso())
            });
            let base = match statement_day {
                Some(day) if ctx.quoted && day_word => Some(day),
                _ => dct,
            };
            let anchor = (!r.ends_with("_REF"))
                .then(|| base.map(|d| d.iso()))
                .flatten();
            (reference_value(r, base), anchor)
        }
        Meaning::Anaphor { days } => {
            let reference = ctx.narrative.or(dct);
            (
                reference.map(|d| d.add_days(*days).iso()),
                reference.map(|d| d.iso()),
            )
        }
        Meaning::Literal(v) => (Some(v.clone()), None),
        Meaning::Quarter(q) => (dct.map(|d| format!("{}-Q{q}", d.year)), anchor_dct()),
    };
    let value = match (&base, &f.time) {
        (Some(v), Some(t)) if v.len() >= 10 || v.starts_with("XXXX") => Some(format!("{v}T{t}")),
        (None, Some(t)) => Some(format!("XXXX-XX-XXT{t}")),
        _ => base,
    };
    (value, anchor)
}

/// Absolute dates; a missing year comes from the publication date, moved back a year when the
/// date would otherwise lie well after publication (a January article mentioning "October 7").
fn dated(
    year: Option<i32>,
    month: Option<u8>,
    day: Option<u8>,
    ctx: &Context,
) -> (Option<String>, Option<String>) {
    let Some(m) = month else {
        return (year.map(|y| format!("{y:04}")), None);
    };
    if let Some(y) = year {
        return (
            Some(match day {
                Some(d) => format!("{y:04}-{m:02}-{d:02}"),
                None => format!("{y:04}-{m:02}"),
            }),
            None,
        );
    }
    let Some(dct) = ctx.published else {
        return (
            Some(match day {
                Some(d) => format!("XXXX-{m:02}-{d:02}"),
                None => format!("XXXX-{m:02}"),
            }),
            None,
        );
    };
    let y = infer_year(m, day.unwrap_or(15), dct, ctx.future);
    let value = match day {
        Some(d) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{y:04}-{m:02}"),
    };
    (Some(value), Some(dct.iso()))
}

fn infer_year(month: u8, day: u8, dct: Date, future: bool) -> i32 {
    let candidate = |y: i32| {
        Date::new(
            y,
            month,
            day.min(dateline_core::calendar::days_in_month(y, month)),
        )
    };
    let this_year = candidate(dct.year).map_or(0, |d| d.days() - dct.days());
    if !future && this_year > 60 {
        dct.year - 1
    } else if future && this_year < -60 {
        dct.year + 1
    } else {
        dct.year
    }
}

/// The weekday's date nearest the publication date: the latest one on or before it in past
/// narration, the first one on or after it in future narration; "last"/"next" go one further.
fn weekday_value(weekday: u8, offset: i32, ctx: &Context) -> Option<String> {
    let Some(dct) = ctx.published else {
        return Some(format!("XXXX-WXX-{weekday}"));
    };
    let diff = i64::from(weekday) - i64::from(dct.weekday());
    let back = (-diff).rem_euclid(7);
    let ahead = diff.rem_euclid(7);
    let days = match offset {
        o if o < 0 => -(if back == 0 { 7 } else { back }),
        o if o > 0 => {
            if ahead == 0 {
                7
            } else {
                ahead
            }
        }
        _ if ctx.future => ahead,
        _ => -back,
    };
    Some(dct.add_days(days).iso())
}

fn deictic_value(unit: &str, offset: i32, dct: Date) -> String {
    match unit {
        "Y" => format!("{:04}", dct.year + offset),
        "M" => {
            let d = dct.add_months(offset);
            format!("{:04}-{:02}", d.year, d.month)
        }
        "W" => week_value(dct.add_days(7 * i64::from(offset))),
        "WE" => format!("{}-WE", week_value(dct.add_days(7 * i64::from(offset)))),
        "D" => dct.add_days(i64::from(offset)).iso(),
        "Q" => {
            let d = dct.add_months(3 * offset);
            format!("{:04}-Q{}", d.year, (d.month - 1) / 3 + 1)
        }
        "CE" => format!("{:02}", dct.year / 100 + offset),
        u if u.starts_with("month:") => {
            let m: u8 = u[6..].parse().unwrap_or(1);
            let y = match offset {
                o if o < 0 => {
                    if m < dct.month {
                        dct.year
                    } else {
                        dct.year - 1
                    }
                }
                _ => {
                    if m > dct.month {
                        dct.year
                    } else {
                        dct.year + 1
                    }
                }
            };
            format!("{y:04}-{m:02}")
        }
        u if u.starts_with("season:") => {
            let season = &u[7..];
            let first_month = match season {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            let y = match offset {
                o if o < 0 => {
                    if first_month + 2 < dct.month {
                        dct.year
                    } else {
                        dct.year - 1
                    }
                }
                o if o > 0 => {
                    if first_month > dct.month {
                        dct.year
                    } else {
                        dct.year + 1
                    }
                }
                _ => dct.year,
            };
            format!("{y:04}-{season}")
        }
        _ => dct.iso(),
    }
}

fn week_value(d: Date) -> String {
    let (y, w) = d.iso_week();
    format!("{y:04}-W{w:02}")
}

fn ago_value(n: i64, unit: &str, dct: Date) -> String {
    match unit {
        "Y" => format!("{:04}", dct.year as i64 - n),
        "M" => {
            let d = dct.add_months(-(n as i32));
            format!("{:04}-{:02}", d.year, d.month)
        }
        "W" => week_value(dct.add_days(-7 * n)),
        "DE" => format!("{:04}", dct.year as i64 - 10 * n),
        _ => dct.add_days(-n).iso(),
    }
}

fn reference_value(r: &str, dct: Option<Date>) -> Option<String> {
    match r {
        "PRESENT_REF" | "PAST_REF" | "FUTURE_REF" => Some(r.to_string()),
        "TODAY" => dct.map(|d| d.iso()),
        "YESTERDAY" => dct.map(|d| d.add_days(-1).iso()),
        "TOMORROW" => dct.map(|d| d.add_days(1).iso()),
        "TONIGHT" => dct.map(|d| format!("{}TNI", d.iso())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(dct: &str, future: bool) -> Context {
        Context {
            published: Date::parse(dct),
            narrative: None,
            quoted: false,
            stated: Vec::new(),
            future,
        }
    }

    #[test]
    fn weekdays_resolve_to_the_right_week() {
        // 2024-04-11 is a Thursday.
        let c = ctx("2024-04-11", false);
        assert_eq!(weekday_value(3, 0, &c).unwrap(), "2024-04-10");
        assert_eq!(weekday_value(4, 0, &c).unwrap(), "2024-04-11");
        assert_eq!(weekday_value(5, 0, &c).unwrap(), "2024-04-05");
        assert_eq!(
            weekday_value(1, 0, &ctx("2024-04-11", true)).unwrap(),
            "2024-04-15"
        );
        assert_eq!(weekday_value(5, -1, &c).unwrap(), "2024-04-05");
        assert_eq!(weekday_value(4, -1, &c).unwrap(), "2024-04-04");
        assert_eq!(weekday_value(4, 1, &c).unwrap(), "2024-04-18");
    }

    #[test]
    fn missing_years_come_from_publication() {
        let jan = ctx("2024-01-23", false);
        assert_eq!(
            dated(None, Some(10), Some(7), &jan).0.unwrap(),
            "2023-10-07"
        );
        assert_eq!(
            dated(None, Some(1), Some(20), &jan).0.unwrap(),
            "2024-01-20"
        );
        let none = Context {
            published: None,
            narrative: None,
            quoted: false,
            stated: Vec::new(),
            future: false,
        };
        assert_eq!(
            dated(None, Some(10), Some(7), &none).0.unwrap(),
            "XXXX-10-07"
        );
    }

    #[test]
    fn deictic_units() {
        let d = Date::parse("2013-03-22").unwrap();
        assert_eq!(deictic_value("W", 0, d), "2013-W12");
        assert_eq!(deictic_value("W", -1, d), "2013-W11");
        assert_eq!(deictic_value("M", -1, d), "2013-02");
        assert_eq!(deictic_value("Y", 1, d), "2014");
        assert_eq!(deictic_value("month:7", -1, d), "2012-07");
        assert_eq!(deictic_value("season:SU", -1, d), "2012-SU");
        assert_eq!(ago_value(2, "Y", d), "2011");
    }
}
