//! Whether a new report of an event tells of a stored event: what each says about the day, and
//! how the day, the places and the participants weigh together.
//!
//! The rule (measured on `../shared/data/news-dev/clusters.json`, docs/store.md):
//! - a stored event is a candidate when it has the report's type and status and shares at least
//!   one participant with it (one name differing or missing does not block a merge, as long as
//!   what is shared is a person, not only a country or an organisation);
//! - a participant acting in one and acted on in the other (who warned whom) makes another
//!   event, except for talks and agreements, where the sides are interchangeable;
//! - days that disagree, places that disagree, or publication dates too far apart rule a
//!   candidate out: reports of the same actors on other days stay apart;
//! - a candidate whose day agrees (within a day, or the weekday or day of the month the report
//!   gives) is taken when it shares two participants, or one person who is half of the smaller
//!   side; the one sharing most first. A month, week or year agreeing says nothing either way;
//! - an event the same article (or a near-copy of it) already reports is the same event only
//!   when two participants, or the only one, are shared: one story telling of two meetings of
//!   one minister on one day tells of two events;
//! - a candidate nothing dates either way is taken only when it shares two participants, a
//!   person among them, and no other candidate left does: an undated report never chooses
//!   between two events, and one name in common is not enough without a day. A dated report
//!   takes an undated event only when that event's reports were published in the week after its
//!   day, never one that nothing places in time.

use dateline_core::calendar::Date;

/// What a report or a stored event says about the day the event happened.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct When {
    /// The event's date at the precision the text gave (`2023-10-10`, `2023-10`, `2023`).
    pub date: Option<String>,
    /// For an undated event, what its sentence says of the day: a weekday (`XXXX-WXX-4`) or a
    /// day of an unnamed year (`XXXX-09-13`).
    pub hint: Option<String>,
    /// Publication dates of the reports: the event happened before them.
    pub published: Vec<String>,
}

/// How well two accounts of the day agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DayFit {
    /// They tell of different days.
    Conflict,
    /// Nothing says either way.
    Unknown,
    /// Compatible at a coarser precision: the same month, weekday, or day of the month.
    Loose,
    /// The same day, give or take one (time zones, "late on Monday").
    Same,
}

/// How many days before its report an undated event can have happened and still be matched
/// by publication date alone.
const REPORT_WINDOW_DAYS: i64 = 7;

pub fn day_fit(a: &When, b: &When) -> DayFit {
    let by_dates = match (&a.date, &b.date) {
        (Some(x), Some(y)) => dates_fit(x, y),
        (Some(x), None) => date_and_hint(x, b.hint.as_deref()),
        (None, Some(y)) => date_and_hint(y, a.hint.as_deref()),
        (None, None) => hints_fit(a.hint.as_deref(), b.hint.as_deref()),
    };
    if by_dates == DayFit::Conflict || !reports_fit(a, b) {
        return DayFit::Conflict;
    }
    by_dates
}

fn dates_fit(x: &str, y: &str) -> DayFit {
    match (Date::parse(x), Date::parse(y)) {
        (Some(p), Some(q)) if (p.days() - q.days()).abs() <= 1 => DayFit::Same,
        (Some(_), Some(_)) => DayFit::Conflict,
        // A month, week or year against a day or another month: the coarser must contain the
        // finer, and then says nothing for the match (a month never passes for a day).
        _ => {
            let n = if x.contains('W') || y.contains('W') {
                4
            } else {
                x.len().min(y.len())
            };
            if n >= 4 && x.get(..n) == y.get(..n) {
                DayFit::Unknown
            } else {
                DayFit::Conflict
            }
        }
    }
}

fn date_and_hint(date: &str, hint: Option<&str>) -> DayFit {
    let Some(hint) = hint else {
        return DayFit::Unknown;
    };
    if let Some(weekday) = weekday_of_hint(hint) {
        return match Date::parse(date) {
            Some(d) if d.weekday() == weekday => DayFit::Loose,
            Some(_) => DayFit::Conflict,
            None => DayFit::Unknown,
        };
    }
    // `XXXX-09-13` against `2023-09-13`, or against the month `2023-09`.
    match (
        hint.get(5..7),
        date.get(5..7),
        hint.get(8..10),
        date.get(8..10),
    ) {
        (Some(hm), Some(dm), _, _) if hm != dm => DayFit::Conflict,
        (Some(_), Some(_), Some(hd), Some(dd)) if hd != dd => DayFit::Conflict,
        (Some(_), Some(_), _, _) => DayFit::Loose,
        _ => DayFit::Unknown,
    }
}

fn hints_fit(a: Option<&str>, b: Option<&str>) -> DayFit {
    match (a, b) {
        (Some(x), Some(y)) if weekday_of_hint(x).is_some() == weekday_of_hint(y).is_some() => {
            if x == y {
                DayFit::Loose
            } else {
                DayFit::Conflict
            }
        }
        _ => DayFit::Unknown,
    }
}

/// ISO weekday (Monday 1) of a TIMEX weekday value such as `XXXX-WXX-4`.
fn weekday_of_hint(hint: &str) -> Option<u8> {
    let day = hint.strip_prefix("XXXX-WXX-")?;
    day.parse().ok().filter(|d| (1..=7).contains(d))
}

/// Whether a value is a hint worth keeping: a weekday, or a month and day of an unnamed year.
pub fn is_hint(value: &str) -> bool {
    weekday_of_hint(value).is_some()
        || (value.len() == 10
            && value.starts_with("XXXX-")
            && value
                .bytes()
                .skip(5)
                .filter(|&b| b != b'-')
                .all(|b| b.is_ascii_digit())
            && value.as_bytes().get(7) == Some(&b'-'))
}

/// An undated event is dated by its reports: it happened in the week before the earliest. A
/// dated event must not come after its reports (a day's grace), nor long before an undated
/// report of it.
fn reports_fit(a: &When, b: &When) -> bool {
    let day = |s: &String| Date::parse(s).map(|d| d.days());
    let published = |w: &When| w.published.iter().filter_map(day).collect::<Vec<i64>>();
    let (pa, pb) = (published(a), published(b));
    let event_day = |w: &When| w.date.as_ref().and_then(day);
    for (event, reports) in [(event_day(a), &pb), (event_day(b), &pa)] {
        if let Some(e) = event {
            if reports.iter().any(|&p| e > p + 1) {
                return false;
            }
        }
    }
    let a_undated = a.date.is_none();
    let b_undated = b.date.is_none();
    if a_undated || b_undated {
        // The undated side happened within the week before each of its reports; so must the
        // other side, dated or reported.
        let (undated, other) = if a_undated { (&pa, b) } else { (&pb, a) };
        let other_days: Vec<i64> = match event_day(other) {
            Some(e) => vec![e],
            None => published(other),
        };
        for &p in undated {
            if other_days
                .iter()
                .any(|&o| o < p - REPORT_WINDOW_DAYS - 1 || o > p + REPORT_WINDOW_DAYS)
            {
                return false;
            }
        }
    }
    true
}

/// A stored event a report might tell of.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub when: When,
    pub place: Option<String>,
    /// Participants shared with the report.
    pub shared: usize,
    /// Whether a person is among them (a country or an organisation is in too many events to
    /// tell one by).
    pub shares_person: bool,
    /// Participants of the stored event.
    pub participants: usize,
    /// Whether a near-duplicate of the report's article already reports it.
    pub in_copy: bool,
    /// Whether a shared participant acts in one and is acted on in the other ("the United
    /// States warned Iran", "Iran warned the United States").
    pub crossed: bool,
}

/// What the report brings to the match.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    pub when: &'a When,
    pub place: Option<&'a str>,
    /// How many participants the report names.
    pub participants: usize,
    /// The PLOVER type of the event.
    pub kind: &'a str,
    /// Whether the event is the same whoever is named first (talks, agreements).
    pub symmetric: bool,
}

/// Event types whose sides are interchangeable: "A met B" is "B met A".
pub fn symmetric(kind: &str) -> bool {
    matches!(kind, "CONSULT" | "AGREE" | "COOPERATE")
}

/// Acts of force that befall a person once on a given day: an arrest or an attack of one named
/// person on one day is the same act however many other names each report gives.
fn done_to_a_person(kind: &str) -> bool {
    matches!(kind, "COERCE" | "ASSAULT")
}

/// The stored event the report tells of, by the rule in the module comment.
pub fn choose(report: &Report, candidates: &[Candidate]) -> Option<i64> {
    // A copy of the article (or the article itself) reporting it again: the same participants,
    // two of them or the only one, are enough.
    let needed = report.participants.min(2);
    if let Some(c) = candidates.iter().find(|c| c.in_copy && c.shared >= needed) {
        return Some(c.id);
    }
    // An event this article (or a copy) reports under other participants is another event
    // the article tells of, not this one told again.
    let open: Vec<(&Candidate, DayFit)> = candidates
        .iter()
        .filter(|c| !c.in_copy)
        .filter(|c| !c.crossed || report.symmetric)
        .filter(|c| places_fit(c.place.as_deref(), report.place))
        .map(|c| (c, day_fit(&c.when, report.when)))
        .filter(|(_, fit)| *fit != DayFit::Conflict)
        .collect();
    let best = open
        .iter()
        .filter(|(c, fit)| *fit >= DayFit::Loose && enough_shared(report, c))
        .max_by_key(|(c, fit)| (*fit, c.shared, std::cmp::Reverse(c.id)));
    if let Some((c, _)) = best {
        return Some(c.id);
    }
    // A dated report says which day; it joins an undated event only when that event's reports
    // were published in the week after it (checked above), never one nothing places in time.
    let dated = report.when.date.is_some();
    let contenders: Vec<&Candidate> = open
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| c.shared >= 2 && c.shares_person)
        .filter(|c| !dated || !c.when.published.is_empty())
        .collect();
    match contenders.as_slice() {
        [c] => Some(c.id),
        _ => None,
    }
}

/// Two shared participants, or one person who is half of a smaller side of two, or the one
/// person an arrest or attack befell: "Imran Khan" arrested by the Rangers and by the
/// accountability bureau is one arrest, but the United States signing with Turkey and with
/// Honduras on one day are two signings, and two appeals to one president on one day by
/// unnamed senders are not one appeal.
fn enough_shared(report: &Report, c: &Candidate) -> bool {
    c.shared >= 2
        || (c.shared == 1
            && c.shares_person
            && (report.participants.min(c.participants) == 2 || done_to_a_person(report.kind)))
}

/// Places agree when either is unknown or they are the same name.
fn places_fit(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(date: Option<&str>, hint: Option<&str>, published: &[&str]) -> When {
        When {
            date: date.map(String::from),
            hint: hint.map(String::from),
            published: published.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn days_agree_within_one() {
        let a = when(Some("2022-07-28"), None, &["2022-07-29"]);
        assert_eq!(
            day_fit(&a, &when(Some("2022-07-29"), None, &[])),
            DayFit::Same
        );
        assert_eq!(
            day_fit(&a, &when(Some("2024-04-02"), None, &[])),
            DayFit::Conflict
        );
        assert_eq!(
            day_fit(&a, &when(Some("2022-07"), None, &[])),
            DayFit::Unknown
        );
        assert_eq!(
            day_fit(&a, &when(Some("2022-W30"), None, &[])),
            DayFit::Unknown
        );
        assert_eq!(
            day_fit(&a, &when(Some("2021-11"), None, &[])),
            DayFit::Conflict
        );
    }

    #[test]
    fn a_weekday_or_a_day_without_year_tells_days_apart() {
        // 2022-07-28 was a Thursday, 2024-04-02 a Tuesday.
        let thursday = when(None, Some("XXXX-WXX-4"), &[]);
        let call = when(Some("2022-07-28"), None, &[]);
        let other_call = when(Some("2024-04-02"), None, &[]);
        assert_eq!(day_fit(&call, &thursday), DayFit::Loose);
        assert_eq!(day_fit(&other_call, &thursday), DayFit::Conflict);
        let sept13 = when(None, Some("XXXX-09-13"), &[]);
        assert_eq!(
            day_fit(&when(Some("2023-09-13"), None, &[]), &sept13),
            DayFit::Loose
        );
        assert_eq!(
            day_fit(&when(Some("2019-04-25"), None, &[]), &sept13),
            DayFit::Conflict
        );
    }

    #[test]
    fn an_undated_report_is_held_to_its_publication_week() {
        let undated = when(None, None, &["2023-05-10"]);
        assert_eq!(
            day_fit(&when(Some("2023-05-09"), None, &[]), &undated),
            DayFit::Unknown
        );
        assert_eq!(
            day_fit(&when(Some("2023-08-05"), None, &[]), &undated),
            DayFit::Conflict
        );
        // An event cannot be reported before it happened.
        assert_eq!(
            day_fit(&when(Some("2023-05-20"), None, &[]), &undated),
            DayFit::Conflict
        );
    }

    fn candidate(id: i64, date: Option<&str>, shared: usize) -> Candidate {
        Candidate {
            id,
            when: when(date, None, &[]),
            place: None,
            shared,
            shares_person: true,
            participants: 2,
            in_copy: false,
            crossed: false,
        }
    }

    /// A report naming two parties, of a type, at no place.
    fn two_party<'a>(when: &'a When, kind: &'a str) -> Report<'a> {
        Report {
            when,
            place: None,
            participants: 2,
            kind,
            symmetric: symmetric(kind),
        }
    }

    #[test]
    fn an_undated_report_never_chooses_between_two_events() {
        let undated = When::default();
        let report = two_party(&undated, "CONSULT");
        let one = [candidate(1, Some("2022-07-28"), 2)];
        assert_eq!(choose(&report, &one), Some(1));
        let two = [
            candidate(1, Some("2022-07-28"), 2),
            candidate(2, Some("2024-04-02"), 2),
        ];
        assert_eq!(choose(&report, &two), None);
        // One shared name of two is not enough without a day.
        assert_eq!(
            choose(&report, &[candidate(1, Some("2022-07-28"), 1)]),
            None
        );
    }

    #[test]
    fn a_dated_report_does_not_join_an_event_nothing_dates() {
        let dated = when(Some("2024-04-02"), None, &["2024-04-02"]);
        let report = two_party(&dated, "CONSULT");
        assert_eq!(choose(&report, &[candidate(1, None, 2)]), None);
        // Reports published the next day place the undated event in the right week.
        let mut reported = candidate(2, None, 2);
        reported.when.published = vec!["2024-04-03".into()];
        assert_eq!(choose(&report, &[reported]), Some(2));
    }

    #[test]
    fn who_did_what_to_whom_keeps_two_warnings_apart() {
        let day = when(Some("1987-10-20"), None, &[]);
        let warning = two_party(&day, "THREATEN");
        let mut the_other_way = candidate(1, Some("1987-10-19"), 2);
        the_other_way.crossed = true;
        assert_eq!(choose(&warning, std::slice::from_ref(&the_other_way)), None);
        let talks = two_party(&day, "CONSULT");
        assert_eq!(choose(&talks, &[the_other_way]), Some(1));
        // One shared country on the same day is not one event.
        let mut country = candidate(2, Some("1987-10-20"), 1);
        country.shares_person = false;
        assert_eq!(choose(&warning, &[country]), None);
    }

    #[test]
    fn a_dated_report_takes_the_event_of_its_day() {
        let dated = when(Some("2024-04-02"), None, &["2024-04-02"]);
        let report = two_party(&dated, "CONSULT");
        let two = [
            candidate(1, Some("2022-07-28"), 2),
            candidate(2, Some("2024-04-02"), 1),
        ];
        assert_eq!(choose(&report, &two), Some(2));
        let mut elsewhere = candidate(3, Some("2024-04-02"), 2);
        elsewhere.place = Some("Lahore".into());
        let report_here = Report {
            place: Some("Islamabad"),
            ..report
        };
        assert_eq!(choose(&report_here, &[elsewhere]), None);
    }
}
