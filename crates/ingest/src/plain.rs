//! What crawled wire copy carries inside its text: a crawl header (` date 2024-01-23`), a dateline
//! (`MOSCOW, October 10. /TASS/.`), a headline line, and web page furniture (comment forms, share
//! bars) around the story. All are found by span; the text itself is never changed.

use crate::dates::{iso, parse_date};
use dateline_core::{Dateline, Span};
use dateline_lexicon::{BoilerplateWhere, Lexicon};

/// Metadata found inside a plain text.
#[derive(Debug, Default, PartialEq)]
pub struct TextMeta {
    /// The crawl header and its ISO date.
    pub header: Option<(Span, String)>,
    pub dateline: Option<Dateline>,
    /// Full date in the dateline when it states a year.
    pub dateline_date: Option<String>,
    pub title: Option<String>,
    pub boilerplate: Vec<Span>,
}

pub fn scan(text: &str) -> TextMeta {
    let mut meta = TextMeta {
        header: crawl_header(text),
        ..TextMeta::default()
    };
    let body_start = meta.header.as_ref().map_or(0, |(s, _)| s.1);
    meta.boilerplate = boilerplate_lines(text);
    let first = first_content_line(text, body_start, &meta.boilerplate);
    if let Some((dl, date)) = first.and_then(|at| dateline_at(text, at)) {
        meta.dateline = Some(dl);
        meta.dateline_date = date;
    } else if let Some(at) = first {
        meta.title = headline_at(text, at);
        // A headline line may stand above the dateline, and a timestamp line or a photo
        // caption between them: the dateline opens one of the next few lines.
        let mut line = meta.title.as_ref().and_then(|_| next_line_start(text, at));
        for _ in 0..8 {
            let Some(here) = line else { break };
            if let Some((dl, date)) = dateline_at(text, here) {
                meta.dateline = Some(dl);
                meta.dateline_date = date;
                break;
            }
            line = next_line_start(text, here);
        }
    }
    if let Some((span, _)) = &meta.header {
        meta.boilerplate.insert(0, *span);
    }
    meta
}

/// ` date 2024-01-23 ` or `published: 2024-01-23` at the very start.
fn crawl_header(text: &str) -> Option<(Span, String)> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let key_len = ["date", "published", "pubdate"]
        .iter()
        .find(|k| {
            rest.get(..k.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(k))
        })?
        .len();
    let after_key = &rest[key_len..];
    let value = after_key.trim_start_matches([':', '=', ' ', '\t']);
    if value.len() == after_key.len() {
        return None;
    }
    let date_text = value.get(..10)?;
    let date = parse_date(date_text).filter(|_| date_text.as_bytes()[4] == b'-')?;
    if value[10..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    let end = text.len() - value.len() + 10;
    Some((Span(0, end), date))
}

/// Start of the first non-blank line at or after `from` that is not boilerplate.
fn first_content_line(text: &str, from: usize, boilerplate: &[Span]) -> Option<usize> {
    let mut pos = from;
    loop {
        pos += text[pos..].len() - text[pos..].trim_start().len();
        if pos >= text.len() {
            return None;
        }
        match boilerplate.iter().find(|b| b.contains(pos)) {
            Some(b) => pos = b.1,
            None => return Some(pos),
        }
    }
}

/// Start of the first non-blank line after the line that starts at `at`.
fn next_line_start(text: &str, at: usize) -> Option<usize> {
    let nl = at + text[at..].find('\n')?;
    let rest = &text[nl..];
    let skip = rest.len() - rest.trim_start().len();
    (nl + skip < text.len()).then_some(nl + skip)
}

/// The first line as a headline: short, not ending like a sentence, followed by more text.
fn headline_at(text: &str, at: usize) -> Option<String> {
    let line_end = text[at..].find('\n').map(|i| at + i)?;
    let line = text[at..line_end].trim();
    let ends_like_sentence = line.ends_with(['.', '!', '?', ',', ';', ':', '"', '”']);
    let has_more = !text[line_end..].trim().is_empty();
    let words = line.split_whitespace().count();
    (has_more && !ends_like_sentence && (2..=30).contains(&words) && line.len() <= 250)
        .then(|| line.to_string())
}

/// Lines of web furniture: runs at the head and tail of the text, and known lines anywhere.
fn boilerplate_lines(text: &str) -> Vec<Span> {
    let rules = &Lexicon::global().boilerplate;
    let lines: Vec<Span> = Span::lines_of(text);
    let is = |line: &Span, place: BoilerplateWhere| {
        let l = line.slice(text).trim().to_lowercase();
        rules.iter().any(|r| {
            (r.place == place && l.starts_with(&r.phrase))
                || (r.place == BoilerplateWhere::Line && l == r.phrase)
        })
    };
    let mut marked = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        marked[i] = is(line, BoilerplateWhere::Line);
    }
    mark_link_lists(text, &lines, &mut marked);
    for (i, line) in lines.iter().enumerate().rev() {
        if !is(line, BoilerplateWhere::Tail) && !marked[i] {
            break;
        }
        marked[i] = true;
    }
    for (i, line) in lines.iter().enumerate() {
        if !is(line, BoilerplateWhere::Head) && !marked[i] {
            break;
        }
        marked[i] = true;
    }
    merge_runs(&lines, &marked, text)
}

/// A widget of related links that a page announces as "list of 4 items": the announcing line
/// and up to that many link titles after it. A title never ends like a sentence, so the first
/// line that does is the article again (pages sometimes lose a title).
fn mark_link_lists(text: &str, lines: &[Span], marked: &mut [bool]) {
    for i in 0..lines.len() {
        let Some(count) = link_list_count(lines[i].slice(text)) else {
            continue;
        };
        marked[i] = true;
        for j in (i + 1..lines.len()).take(count.saturating_sub(1)) {
            let line = lines[j].slice(text).trim();
            if line.is_empty() || line.ends_with(['.', '!', '?', '"', '”', ':']) {
                break;
            }
            marked[j] = true;
        }
    }
}

/// N of a line opening "list of N items" (the link titles may follow on the same line).
fn link_list_count(line: &str) -> Option<usize> {
    let rest = line.trim_start().strip_prefix("list of ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if !rest[digits.len()..].starts_with(" item") {
        return None;
    }
    digits
        .parse()
        .ok()
        .filter(|&n: &usize| (1..=20).contains(&n))
}

/// Consecutive marked lines become one span.
fn merge_runs(lines: &[Span], marked: &[bool], text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut prev_marked = false;
    for (line, &m) in lines.iter().zip(marked) {
        if m {
            let trimmed = trim_span(text, *line);
            match out.last_mut() {
                Some(last) if prev_marked => last.1 = trimmed.1,
                _ => out.push(trimmed),
            }
        }
        prev_marked = m;
    }
    out
}

fn trim_span(text: &str, s: Span) -> Span {
    let slice = s.slice(text);
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    Span(s.0 + lead, s.1 - trail)
}

/// Parses a dateline starting at byte `at`: place, optional region, date and/or agency.
fn dateline_at(text: &str, at: usize) -> Option<(Dateline, Option<String>)> {
    let mut c = Cursor { text, pos: at };
    let place = c.place()?;
    let place_all_caps = !place.chars().any(char::is_lowercase);
    let save = c.pos;
    if c.eat(", ") && c.region().is_none() {
        c.pos = save;
    }
    let date = c.date();
    let agency = c.agency();
    // Without a date or agency, capitals at the start are a headline or a name, not a dateline.
    if agency.is_none() && (date.is_none() || !place_all_caps) {
        return None;
    }
    c.skip_terminators();
    let (month_day, full) = match date {
        Some((m, d, y)) => (
            Some(format!("--{m:02}-{d:02}")),
            y.and_then(|y| iso(y, m, d)),
        ),
        None => (None, None),
    };
    let dateline = Dateline {
        place: Some(title_case(&place)),
        agency,
        month_day,
        span: Span(at, c.pos),
    };
    Some((dateline, full))
}

/// "MOSCOW" to "Moscow", "NEW YORK" to "New York"; mixed-case names stay as written.
fn title_case(place: &str) -> String {
    if place.chars().any(char::is_lowercase) {
        return place.to_string();
    }
    let mut out = String::with_capacity(place.len());
    let mut at_word_start = true;
    for ch in place.chars() {
        if at_word_start {
            out.push(ch);
        } else {
            out.extend(ch.to_lowercase());
        }
        at_word_start = matches!(ch, ' ' | '-' | '.');
    }
    out
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            return true;
        }
        false
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    /// A capitalised word: letters with inner hyphens, apostrophes or periods.
    fn word(&mut self) -> Option<&str> {
        let rest = self.rest();
        let len: usize = rest
            .char_indices()
            .take_while(|&(i, ch)| ch.is_alphabetic() || (i > 0 && matches!(ch, '-' | '\'' | '.')))
            .map(|(_, ch)| ch.len_utf8())
            .sum();
        let w = &rest[..len];
        let w = w.trim_end_matches(['-', '\'']);
        if w.chars().filter(|c| c.is_alphabetic()).count() < 2
            || !w.chars().next().is_some_and(char::is_uppercase)
        {
            return None;
        }
        let start = self.pos;
        self.pos += w.len();
        Some(&self.text[start..self.pos])
    }

    /// Up to four capitalised words; the place name.
    fn place(&mut self) -> Option<String> {
        let start = self.pos;
        let mut end = start;
        for _ in 0..4 {
            if self.word().is_none() || self.is_month_word(end) {
                self.pos = end;
                break;
            }
            end = self.pos;
            if !self.eat(" ") {
                break;
            }
        }
        self.pos = end;
        let place = self.text[start..end].trim_end_matches('.');
        (end > start).then(|| place.to_string())
    }

    fn is_month_word(&self, word_start: usize) -> bool {
        let w = self.text[word_start..self.pos].trim_end_matches('.');
        Lexicon::global().months.contains_key(&w.to_lowercase())
    }

    /// ", West Bank" style region: capitalised words up to the next comma.
    fn region(&mut self) -> Option<()> {
        let save = self.pos;
        let w = self.word()?.to_string();
        if Lexicon::global()
            .months
            .contains_key(&w.trim_end_matches('.').to_lowercase())
        {
            self.pos = save;
            return None;
        }
        while self.eat(" ") {
            if self.word().is_none() {
                break;
            }
        }
        if self.eat(",") {
            self.skip_spaces();
            return Some(());
        }
        let after = self.rest().trim_start_matches(' ');
        if after.starts_with(['(', '/']) {
            return Some(());
        }
        self.pos = save;
        None
    }

    /// "October 10", "Oct. 10, 2023", "10 October 2023"; returns (month, day, year).
    fn date(&mut self) -> Option<(u8, u8, Option<i32>)> {
        let save = self.pos;
        self.eat(",");
        self.skip_spaces();
        let found = self.month_day().or_else(|| self.day_month());
        if found.is_none() {
            self.pos = save;
        }
        found
    }

    fn month_day(&mut self) -> Option<(u8, u8, Option<i32>)> {
        let save = self.pos;
        let month = self.month()?;
        self.skip_spaces();
        let Some(day) = self.number(2).filter(|d| (1..=31).contains(d)) else {
            self.pos = save;
            return None;
        };
        let year = self.year(true);
        Some((month, day as u8, year))
    }

    fn day_month(&mut self) -> Option<(u8, u8, Option<i32>)> {
        let save = self.pos;
        let day = self.number(2).filter(|d| (1..=31).contains(d))?;
        self.skip_spaces();
        let Some(month) = self.month() else {
            self.pos = save;
            return None;
        };
        let year = self.year(false);
        Some((month, day as u8, year))
    }

    fn month(&mut self) -> Option<u8> {
        let save = self.pos;
        let w = self.word()?.trim_end_matches('.').to_lowercase();
        match Lexicon::global().months.get(&w) {
            Some(&m) => {
                self.eat(".");
                Some(m)
            }
            None => {
                self.pos = save;
                None
            }
        }
    }

    fn year(&mut self, comma: bool) -> Option<i32> {
        let save = self.pos;
        if comma {
            self.eat(",");
        }
        self.skip_spaces();
        match self.number(4).filter(|y| *y >= 1000) {
            Some(y) => Some(y as i32),
            None => {
                self.pos = save;
                None
            }
        }
    }

    fn number(&mut self, max_digits: usize) -> Option<u32> {
        let digits = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > max_digits {
            return None;
        }
        let n = self.rest()[..digits].parse().ok()?;
        self.pos += digits;
        Some(n)
    }

    /// "/TASS/", "(Reuters)", "(AP)": a known agency, or any capitals between slashes.
    fn agency(&mut self) -> Option<String> {
        let save = self.pos;
        self.eat(".");
        self.skip_spaces();
        let (open, close) = match self.rest().chars().next()? {
            '/' => ('/', '/'),
            '(' => ('(', ')'),
            _ => {
                self.pos = save;
                return None;
            }
        };
        let inner_start = self.pos + open.len_utf8();
        let inner_len = self.text[inner_start..].find(close).filter(|&n| n <= 40);
        let name = inner_len.map(|n| self.text[inner_start..inner_start + n].trim());
        let known = name.and_then(|n| Lexicon::global().agencies.get(&n.to_lowercase()));
        let resolved = match (known, name) {
            (Some(a), _) => Some(a.name.clone()),
            (None, Some(n)) if open == '/' && is_caps_name(n) => Some(n.to_string()),
            _ => None,
        };
        match (resolved, inner_len) {
            (Some(agency), Some(n)) => {
                self.pos = inner_start + n + close.len_utf8();
                Some(agency)
            }
            _ => {
                self.pos = save;
                None
            }
        }
    }

    /// Dots, dashes and spaces after the dateline.
    fn skip_terminators(&mut self) {
        let rest = self.rest();
        let kept = rest.trim_start_matches(['.', ',', ' ', '\t', '-', '—', '–', ':']);
        self.pos += rest.len() - kept.len();
    }
}

fn is_caps_name(n: &str) -> bool {
    !n.is_empty()
        && n.chars().any(char::is_alphabetic)
        && n.chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tass_dateline_without_year() {
        let text = "MOSCOW, October 10. /TASS/. Russian Foreign Minister Sergey Lavrov met.";
        let m = scan(text);
        let dl = m.dateline.unwrap();
        assert_eq!(dl.place.as_deref(), Some("Moscow"));
        assert_eq!(dl.agency.as_deref(), Some("TASS"));
        assert_eq!(dl.month_day.as_deref(), Some("--10-10"));
        assert_eq!(dl.span.slice(text), "MOSCOW, October 10. /TASS/. ");
        assert_eq!(m.dateline_date, None);
    }

    #[test]
    fn a_dateline_below_the_headline_and_a_caption() {
        let text = "Ruvala frees 40 prisoners\n\nFeb 8, 2023, 4:07 PM | Updated: Feb 9, 2023\nA freed man hugs his son at the airport.\n(AP Photo/Ana Reyes)\n\nNAIROBI, Kenya (AP) — Forty prisoners were freed on Thursday.";
        let m = scan(text);
        assert_eq!(m.title.as_deref(), Some("Ruvala frees 40 prisoners"));
        let dl = m.dateline.expect("the dateline five lines down");
        assert_eq!(dl.place.as_deref(), Some("Nairobi"));
        // Not in the body: a capitalised word after the first lines is no dateline.
        let late = format!(
            "{text}\n\n{}",
            "More text.\n".repeat(9) + "KAMPALA (AP) — Later."
        );
        assert_eq!(
            scan(&late).dateline.unwrap().place.as_deref(),
            Some("Nairobi")
        );
    }

    #[test]
    fn other_dateline_forms() {
        let m = scan("NEW YORK, Oct. 7, 2023 (Reuters) - The council met.");
        let dl = m.dateline.unwrap();
        assert_eq!(dl.place.as_deref(), Some("New York"));
        assert_eq!(dl.agency.as_deref(), Some("Reuters"));
        assert_eq!(m.dateline_date.as_deref(), Some("2023-10-07"));
        let m = scan("RAMALLAH, West Bank (AP) — Officials said.");
        assert_eq!(
            m.dateline.unwrap().agency.as_deref(),
            Some("Associated Press")
        );
        let m = scan("GAZA CITY, 12 March - Residents fled.");
        assert_eq!(m.dateline.unwrap().month_day.as_deref(), Some("--03-12"));
    }

    #[test]
    fn no_dateline_in_ordinary_openings() {
        for text in [
            "Russian Foreign Minister Sergey Lavrov and his counterpart met.",
            "Putin held talks with the presidents\n\nMore text.",
            "UN officials said on Monday.",
            "NATO (the alliance) said.",
        ] {
            assert_eq!(scan(text).dateline, None, "{text}");
        }
    }

    #[test]
    fn crawl_header_is_boilerplate_with_its_date() {
        let text = " date 2024-01-23 Russian Foreign Minister Sergei Lavrov met.";
        let m = scan(text);
        let (span, date) = m.header.unwrap();
        assert_eq!(span.slice(text), " date 2024-01-23");
        assert_eq!(date, "2024-01-23");
        assert_eq!(m.boilerplate, vec![span]);
        assert_eq!(scan("date 2024-01-23x").header, None);
        assert_eq!(scan("Dated letters arrived.").header, None);
    }

    #[test]
    fn a_list_of_related_links_is_boilerplate_up_to_the_article_again() {
        let text =
            "Ministers met in Nairobi on Monday.\nKeep reading\nlist of 3 itemsFloods close \
                    roads in Kisumu\nKenya delays border reopening\n\u{201c}We met,\u{201d} a \
                    minister said.\nTalks go on.";
        let marked: Vec<&str> = scan(text)
            .boilerplate
            .iter()
            .map(|b| b.slice(text))
            .collect();
        assert_eq!(
            marked,
            ["Keep reading\nlist of 3 itemsFloods close roads in Kisumu\nKenya delays border reopening"]
        );
        assert_eq!(link_list_count("list of 4 items"), Some(4));
        assert_eq!(link_list_count("a list of 4 items"), None);
        assert_eq!(link_list_count("list of demands"), None);
    }

    #[test]
    fn headline_line_becomes_title() {
        let m = scan(
            "Putin held talks with four presidents\n\nRussian President Vladimir Putin spoke.",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Putin held talks with four presidents")
        );
        assert_eq!(scan("One sentence.\nAnother.").title, None);
        let m = scan("Talks in Ankara\n\nANKARA (AP) — Ministers met.");
        assert_eq!(m.title.as_deref(), Some("Talks in Ankara"));
        assert_eq!(m.dateline.unwrap().place.as_deref(), Some("Ankara"));
    }

    #[test]
    fn trailing_comment_form_is_boilerplate() {
        let text = "Body text ends here.\n\nLeave a Reply\n\nYour email address will not be published. Required fields are marked *\n\nBack to top button";
        let m = scan(text);
        assert_eq!(m.boilerplate.len(), 1);
        let b = m.boilerplate[0];
        assert!(b.slice(text).starts_with("Leave a Reply"));
        assert!(b.slice(text).ends_with("Back to top button"));
        assert_eq!(b.1, text.len());
    }

    #[test]
    fn known_lines_anywhere_but_prose_kept() {
        let text = "First paragraph.\nAdvertisement\nSecond paragraph mentions Leave a Reply.";
        let m = scan(text);
        assert_eq!(m.boilerplate.len(), 1);
        assert_eq!(m.boilerplate[0].slice(text), "Advertisement");
    }
}
