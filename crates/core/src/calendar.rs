//! Proleptic Gregorian calendar arithmetic for resolving dates: day numbers, weekdays, ISO
//! weeks, adding days and months. Pure functions, no time zone.

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let ok = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
    }

    /// Parses the `YYYY-MM-DD` start of `s`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        // `get`, not indexing: a byte of a multi-byte character may sit where a digit should
        // ("2024-02-1ÿ", found by fuzzing).
        Date::new(
            s.get(..4)?.parse().ok()?,
            s.get(5..7)?.parse().ok()?,
            s.get(8..10)?.parse().ok()?,
        )
    }

    /// Days since 1970-01-01.
    pub fn days(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// ISO weekday: Monday 1 ... Sunday 7.
    pub fn weekday(&self) -> u8 {
        ((self.days() + 3).rem_euclid(7) + 1) as u8
    }

    pub fn add_days(&self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Adds months, clamping the day to the target month's length.
    pub fn add_months(&self, n: i32) -> Date {
        let total = self.year * 12 + i32::from(self.month) - 1 + n;
        let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// ISO 8601 week-numbering year and week.
    pub fn iso_week(&self) -> (i32, u8) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let first = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        (
            thursday.year,
            ((thursday.days() - first.days()) / 7 + 1) as u8,
        )
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_where_a_digit_should_be_is_no_date() {
        assert_eq!(Date::parse("2024-02-1ÿÿ"), None);
        assert_eq!(Date::parse("2024-0ÿ-11"), None);
        assert_eq!(Date::parse("202ÿ-02-11"), None);
        assert_eq!(Date::parse("2024-02-11"), Date::new(2024, 2, 11));
    }

    #[test]
    fn round_trips_and_weekdays() {
        let d = Date::new(2024, 4, 11).unwrap();
        assert_eq!(Date::from_days(d.days()), d);
        assert_eq!(d.weekday(), 4, "2024-04-11 was a Thursday");
        assert_eq!(Date::new(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(d.add_days(-1).iso(), "2024-04-10");
        assert_eq!(
            Date::new(2024, 1, 31).unwrap().add_months(1).iso(),
            "2024-02-29"
        );
        assert_eq!(Date::new(2013, 3, 22).unwrap().iso_week(), (2013, 12));
        assert_eq!(Date::new(2021, 1, 1).unwrap().iso_week(), (2020, 53));
        assert_eq!(Date::parse("2023-10-07x").unwrap().iso(), "2023-10-07");
        assert!(Date::new(2023, 2, 29).is_none());
    }
}
