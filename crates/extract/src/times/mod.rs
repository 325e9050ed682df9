//! Times: time expressions (TIMEX3 types DATE, TIME, DURATION, SET) with calendar values.
//! Absolute dates take a missing year from the publication date; relative ones ("last week",
//! "Wednesday evening", "two days ago") resolve against it; anaphoric ones ("that same day",
//! "the next day") against the article's own narrative date. Years used as names ("the 1967
//! borders") are left alone, as are ordinals ("day 186").

mod recognize;
mod resolve;

use dateline_core::calendar::Date;
use dateline_core::{tokenize, Document, Span, Stage, TimeExpr, Token};
use dateline_lexicon::Lexicon;
use recognize::{Cursor, Found, Meaning};
use resolve::Context;

pub struct Times;

impl Stage for Times {
    fn name(&self) -> &'static str {
        "times"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let published = doc.record.published.as_deref().and_then(Date::parse);
        let (mut times, stated) = times_against(doc, published);
        // Without a publication date, "Tuesday" and "last year" are read against the latest
        // full date the article states outside future talk (a photo caption's "May 3,
        // 2024"): the story was written on or after it. The publication date stays empty.
        if published.is_none() {
            if let Some(latest) = stated.into_iter().max_by_key(|d| d.days()) {
                times = times_against(doc, Some(latest)).0;
            }
        }
        // In text order, so later stages find a sentence's expressions by binary search.
        times.sort_by_key(|t| t.span);
        doc.record.times = times;
        Ok(())
    }
}

/// Every time expression of the document, resolved against `anchor` (the publication date),
/// and the full dates (day, month and year) it states outside future talk.
fn times_against(doc: &Document, anchor: Option<Date>) -> (Vec<TimeExpr>, Vec<Date>) {
    let text = &doc.record.text;
    let mut ctx = Context {
        published: anchor,
        narrative: None,
        future: false,
        quoted: false,
        stated: Vec::new(),
    };
    let mut times = dateline_times(text, doc.record.dateline.as_ref().map(|d| d.span), &mut ctx);
    let quotations = crate::quotes::quotation_spans(text, &doc.regions);
    for s in &doc.record.sentences {
        let start = doc.tokens.partition_point(|t| t.start < s.0);
        let end = doc.tokens.partition_point(|t| t.start < s.1);
        let words = Words {
            text,
            tokens: &doc.tokens,
            lowered: &doc.lower,
            quotations: &quotations,
        };
        let stated = ctx.stated.len();
        times.extend(scan(&words, start, end, &mut ctx));
        // "file pictures created on June 8, 2021": the day a picture was taken, not a day
        // the story was written after.
        if archive_picture(&doc.lower[start..end]) {
            ctx.stated.truncate(stated);
        }
    }
    (times, ctx.stated)
}

/// Whether a sentence speaks of a file picture ("file photo", "file pictures").
fn archive_picture(lowered: &[String]) -> bool {
    lowered
        .windows(2)
        .any(|w| w[0] == "file" && Lexicon::global().listed("archive_picture", &w[1]))
}

/// Whether the clause around the time expression at token `i` speaks of the future: a
/// future word ("will", "plans to", "next") in its clause before it or just after it ("talks
/// will be held on Saturday", "on Saturday will discuss"), but not one further on ("told
/// reporters on Saturday that Pakistan “will welcome ...”").
fn speaks_of_future(lowered: &[String], start: usize, end: usize, i: usize) -> bool {
    let clause = (start..i)
        .rev()
        .find(|&k| matches!(lowered[k].as_str(), "," | ";" | ":" | "“" | "”" | "\""))
        .map_or(start, |k| k + 1);
    lowered[clause..(i + 3).min(end)]
        .iter()
        .any(|w| Lexicon::global().listed("future", w))
}

/// The date in a dateline ("MOSCOW, October 10.") is a time expression too.
fn dateline_times(text: &str, span: Option<Span>, ctx: &mut Context) -> Vec<TimeExpr> {
    let Some(span) = span else { return Vec::new() };
    let tokens = tokenize(text, &[span]);
    let lowered = lowercase(text, &tokens);
    let words = Words {
        text,
        tokens: &tokens,
        lowered: &lowered,
        quotations: &[],
    };
    scan(&words, 0, tokens.len(), ctx)
}

/// The text's tokens, lowercased, and its quotation spans.
struct Words<'a> {
    text: &'a str,
    tokens: &'a [Token],
    lowered: &'a [String],
    quotations: &'a [Span],
}

fn scan(words: &Words, start: usize, end: usize, ctx: &mut Context) -> Vec<TimeExpr> {
    let (text, tokens, lowered) = (words.text, words.tokens, words.lowered);
    let cursor = Cursor {
        text,
        tokens,
        lowered,
        end,
    };
    let mut out = Vec::new();
    let mut i = start;
    while i < end {
        match recognize::at(&cursor, i) {
            Some(found) => {
                ctx.future = speaks_of_future(lowered, start, end, i);
                ctx.quoted = words.quotations.iter().any(|q| q.contains(tokens[i].start));
                out.push(expression(text, tokens, &found, ctx));
                if let Meaning::Date {
                    year: Some(y),
                    month: Some(m),
                    day: Some(d),
                } = found.meaning
                {
                    if !ctx.future {
                        ctx.stated.extend(Date::new(y, m, d));
                    }
                }
                advance_narrative(&found, out.last(), ctx);
                i = found.end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The date a sentence is about: its first day- or month-precise DATE or TIME that does not
/// open a period ("since October 7", "from a 7 October attack" start periods, not dates of what
/// the sentence reports). Figures take their as-of date and events their date from here.
pub fn sentence_date(text: &str, times: &[TimeExpr], sentence: Span) -> Option<String> {
    starting_in(times, sentence)
        .iter()
        .filter(|t| matches!(t.kind.as_str(), "DATE" | "TIME"))
        .filter(|t| !opens_period(text, t.span.0))
        .filter_map(|t| t.value.as_deref())
        .find(|v| v.len() >= 7 && v.as_bytes()[0].is_ascii_digit())
        .map(|v| v[..v.len().min(10)].to_string())
}

/// The expressions that start inside `span`, found by binary search in `times` (in text order,
/// as the record keeps them): per-sentence look-ups stay linear over a long article.
pub fn starting_in(times: &[TimeExpr], span: Span) -> &[TimeExpr] {
    let from = times.partition_point(|t| t.span.0 < span.0);
    let to = times.partition_point(|t| t.span.0 < span.1);
    &times[from..to.max(from)]
}

/// The word before `at` (past an article) starts a period: "since", "from", "until"...
fn opens_period(text: &str, at: usize) -> bool {
    let last_word = |s: &str| {
        s.rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase()
    };
    let before = text[..at].trim_end();
    let mut word = last_word(before);
    if word == "a" || word == "the" {
        word = last_word(before[..before.len() - word.len()].trim_end());
    }
    Lexicon::global().listed("period_start", &word)
}

fn lowercase(text: &str, tokens: &[Token]) -> Vec<String> {
    tokens.iter().map(|t| t.text(text).to_lowercase()).collect()
}

fn expression(text: &str, tokens: &[Token], f: &Found, ctx: &Context) -> TimeExpr {
    let span = Span(tokens[f.start].start, tokens[f.end - 1].end);
    let (value, anchor) = resolve::value(f, ctx);
    TimeExpr {
        span,
        text: span.slice(text).to_string(),
        kind: f.kind.to_string(),
        value,
        anchor,
    }
}

/// A day-precise date moves the narrative on; "that same day" then refers to it.
fn advance_narrative(f: &Found, t: Option<&TimeExpr>, ctx: &mut Context) {
    let day_precise = matches!(
        f.meaning,
        Meaning::Date { day: Some(_), .. } | Meaning::Weekday { .. } | Meaning::Ref(_)
    );
    if let (true, Some(value)) = (day_precise, t.and_then(|t| t.value.as_deref())) {
        if let Some(d) = Date::parse(value) {
            ctx.narrative = Some(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn times(text: &str, published: &str) -> Vec<(String, String, String)> {
        let tokens = tokenize(text, &[Span(0, text.len())]);
        let mut ctx = Context {
            published: Date::parse(published),
            narrative: None,
            future: false,
            quoted: false,
            stated: Vec::new(),
        };
        let lowered = lowercase(text, &tokens);
        let quotations = crate::quotes::quotation_spans(text, &[Span(0, text.len())]);
        let words = Words {
            text,
            tokens: &tokens,
            lowered: &lowered,
            quotations: &quotations,
        };
        scan(&words, 0, tokens.len(), &mut ctx)
            .into_iter()
            .map(|t| (t.text, t.kind, t.value.unwrap_or_default()))
            .collect()
    }

    fn t(text: &str, kind: &str, value: &str) -> (String, String, String) {
        (text.to_string(), kind.to_string(), value.to_string())
    }

    #[test]
    fn today_in_a_quoted_statement_is_the_statements_day() {
        let found = times(
            "Kenya protested to Uganda on Saturday. “The government today lodged a protest,” the ministry said.",
            "2021-03-15",
        );
        assert!(
            found.contains(&t("today", "DATE", "2021-03-13")),
            "{found:?}"
        );
    }

    /// The whole stage on an article without a publication date: (text, value) of each time.
    fn staged(text: &str) -> Vec<(String, String)> {
        let doc = crate::analysed_up_to(text, "times");
        assert_eq!(doc.record.published, None);
        let times = doc.record.times.iter();
        times
            .map(|t| (t.text.clone(), t.value.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn without_a_publication_date_the_latest_stated_date_anchors_the_rest() {
        let found = staged(
            "A damaged building in Ruvala, May 7, 2024. Strikes hit the city early Tuesday. \
             Talks resumed in late September, as they did last year.",
        );
        let value = |w: &str| found.iter().find(|(t, _)| t == w).map(|(_, v)| v.as_str());
        assert_eq!(value("Tuesday"), Some("2024-05-07"), "{found:?}");
        assert_eq!(value("late September"), Some("2023-09"), "{found:?}");
        assert_eq!(value("last year"), Some("2023"), "{found:?}");
        // A date announced for the future is no anchor: the weekday keeps its week open.
        let found = staged("Elections will be held on March 3, 2030. Crowds gathered on Monday.");
        let monday = found.iter().find(|(t, _)| t.ends_with("Monday"));
        assert_eq!(
            monday.map(|(_, v)| v.as_str()),
            Some("XXXX-WXX-1"),
            "{found:?}"
        );
    }

    #[test]
    fn absolute_and_yearless_dates() {
        assert_eq!(
            times("It began on October 7 and on 7 October 2023.", "2024-01-23"),
            [
                t("October 7", "DATE", "2023-10-07"),
                t("7 October 2023", "DATE", "2023-10-07")
            ]
        );
        assert_eq!(
            times(
                "On January 20, he spoke. Oct. 7, 2023 was the day.",
                "2024-01-23"
            ),
            [
                t("January 20", "DATE", "2024-01-20"),
                t("Oct. 7, 2023", "DATE", "2023-10-07")
            ]
        );
        assert_eq!(
            times("Talks resume in May 2010 and early December.", "2013-03-22"),
            [
                t("May 2010", "DATE", "2010-05"),
                t("early December", "DATE", "2012-12")
            ]
        );
    }

    #[test]
    fn relative_and_anaphoric() {
        assert_eq!(
            times("They met on Wednesday evening.", "2024-04-11"),
            [t("Wednesday evening", "TIME", "2024-04-10TEV")]
        );
        assert_eq!(
            times("It escalated on the morning of October 7. That same day, Israel responded. Earlier that day, he spoke.", "2024-01-23"),
            [t("the morning of October 7", "TIME", "2023-10-07TMO"), t("That same day", "DATE", "2023-10-07"), t("that day", "DATE", "2023-10-07")]
        );
        assert_eq!(
            times("last week, two days ago, this month, now", "2013-03-22"),
            [
                t("last week", "DATE", "2013-W11"),
                t("two days ago", "DATE", "2013-03-20"),
                t("this month", "DATE", "2013-03"),
                t("now", "DATE", "PRESENT_REF")
            ]
        );
    }

    #[test]
    fn durations_sets_and_names() {
        assert_eq!(
            times(
                "for six months, a decade, almost seven years, every morning",
                "2013-03-22"
            ),
            [
                t("six months", "DURATION", "P6M"),
                t("a decade", "DURATION", "P10Y"),
                t("almost seven years", "DURATION", "P7Y"),
                t("every morning", "SET", "XXXX-XX-XXTMO")
            ]
        );
        assert!(times("a state within the 1967 borders, on day 186", "2024-04-11").is_empty());
        assert!(times("before the 1967 Six-Day War.", "2024-01-23").is_empty());
        assert_eq!(
            times("in 2010 and the 1990s", "2013-03-22"),
            [t("2010", "DATE", "2010"), t("1990s", "DATE", "199")]
        );
    }
}

#[cfg(test)]
mod future_tests {
    use super::speaks_of_future;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn only_the_clause_of_the_date_counts() {
        let past = words("Sharif told reporters on Saturday that Pakistan “ will welcome talks");
        let at = past.iter().position(|w| w == "Saturday").unwrap();
        assert!(!speaks_of_future(&past, 0, past.len(), at));
        let future = words("talks will be held on Saturday in Doha");
        let at = future.iter().position(|w| w == "Saturday").unwrap();
        assert!(speaks_of_future(&future, 0, future.len(), at));
    }
}
