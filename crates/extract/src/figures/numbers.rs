//! Numbers as news writes them: "33,300", "1.2 million", "five", "twenty-six", "two dozen",
//! "hundreds of", "85 per cent", "55%". Years, dates, money, ages and ordinal labels ("day 186")
//! are not counts.

use dateline_core::{Span, Token, TokenKind};
use dateline_lexicon::Lexicon;

#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    pub start: usize,
    /// One past the last token of the number (including "per cent", "%").
    pub end: usize,
    pub value: Option<f64>,
    /// Lowest value of a vague quantity ("hundreds of": 200) or of a range ("500 to 1,000").
    pub low: Option<f64>,
    /// Highest value of a range ("between 20 and 30", "10,000-15,000"); a range has no value.
    pub high: Option<f64>,
    pub percent: bool,
}

/// The tokens of one sentence as the figures stage reads them: the text, the document's tokens
/// and their lowercased forms (`Document::lower`, made once per document), and where the
/// sentence ends; nothing past the end is read.
pub struct Words<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub lowered: &'a [String],
    pub end: usize,
}

impl<'a> Words<'a> {
    /// The sentence of `view` (the per-sentence view the other stages share).
    pub fn of(view: &crate::clauses::View<'a>) -> Self {
        Words {
            text: view.text,
            tokens: view.tokens,
            lowered: view.lowered,
            end: view.end,
        }
    }

    pub fn get(&self, i: usize) -> &'a str {
        if i < self.end {
            self.tokens[i].text(self.text)
        } else {
            ""
        }
    }

    pub fn lower(&self, i: usize) -> &'a str {
        if i < self.end {
            self.lowered.get(i).map_or("", String::as_str)
        } else {
            ""
        }
    }
}

/// The number starting at token `i`, unless it is a year, date, label or measure.
pub fn number_at(w: &Words, i: usize, times: &[Span]) -> Option<Number> {
    let tok = &w.tokens[i];
    if times.iter().any(|t| t.contains(tok.start)) {
        return None;
    }
    let before = if i > 0 { w.lower(i - 1) } else { "" };
    if Lexicon::global().listed("label_before", before) {
        return None;
    }
    if let Some((low, high)) = hyphen_range(w.get(i)).filter(|_| counts_people(w, i + 1)) {
        return measured(w, i, i + 1, (None, Some(low), Some(high)));
    }
    let (value, low, k) = single(w, i)?;
    // "500 to 1,000", "between 20 and 30": one figure with a low and a high end.
    let joins = match w.lower(k) {
        "to" | "-" | "–" => true,
        "and" => before == "between",
        _ => false,
    };
    if let (true, Some(v), None) = (joins, value, low) {
        let second = w.tokens.get(k + 1).filter(|_| k + 1 < w.end);
        let is_count = second.is_some_and(|t| t.kind != TokenKind::Punct);
        if let Some((Some(high), None, end)) = is_count.then(|| single(w, k + 1)).flatten() {
            if high > v && counts_people(w, end) {
                return measured(w, i, end, (None, Some(v), Some(high)));
            }
        }
    }
    measured(w, i, k, (value, low, None))
}

/// One number at token `i` with its scale word ("1.2 million"): (value, vague low, next token).
fn single(w: &Words, i: usize) -> Option<(Option<f64>, Option<f64>, usize)> {
    let (mut value, low, mut k) = match w.tokens[i].kind {
        TokenKind::Number => (Some(digits(w.get(i))?), None, i + 1),
        TokenKind::Word => word_number(w, i)?,
        _ => return None,
    };
    if let Some((kind, scale)) = Lexicon::global().numbers.get(w.lower(k)) {
        if kind == "scale" && value.is_some() {
            value = value.map(|v| v * scale);
            k += 1;
        }
    }
    Some((value, low, k))
}

/// A range counts only when people or a figure's cue follow it ("500 to 1,000 people",
/// "between 20 and 30 dead"): "slipping five to 165", "two to 12 liters", "aged 15 to 17" and
/// "1985-1986" are prices, measures, ages and years.
fn counts_people(w: &Words, k: usize) -> bool {
    let lex = Lexicon::global();
    let next = w.lower(k);
    lex.listed("people_noun", next) || lex.figure_cues.contains_key(next)
}

/// "10,000-15,000" written as one token.
fn hyphen_range(s: &str) -> Option<(f64, f64)> {
    let (a, b) = s.split_once(['-', '–'])?;
    let (low, high) = (digits(a)?, digits(b)?);
    (high > low && !a.is_empty() && !b.is_empty()).then_some((low, high))
}

/// The number from token `i` to `k` with what follows it: a percent sign, a unit of measure
/// (then it is no count), "of" after a vague quantity.
fn measured(
    w: &Words,
    i: usize,
    mut k: usize,
    (mut value, mut low, high): (Option<f64>, Option<f64>, Option<f64>),
) -> Option<Number> {
    let mut percent = false;
    if w.get(k) == "%" || w.lower(k) == "percent" {
        percent = true;
        k += 1;
    } else if w.lower(k) == "per" && w.lower(k + 1) == "cent" {
        percent = true;
        k += 2;
    }
    if Lexicon::global().listed("measure_after", w.lower(k)) && !percent {
        return None;
    }
    if low.is_some() && high.is_none() && w.lower(k) == "of" {
        k += 1;
    }
    if low.is_some() {
        value = None;
    } else {
        low = None;
    }
    Some(Number {
        start: i,
        end: k,
        value,
        low,
        high,
        percent,
    })
}

/// "33,300" and "1.2" to numbers; "4th" and "1990s" are not counts.
fn digits(s: &str) -> Option<f64> {
    if s.contains(|c: char| c.is_alphabetic()) || s.matches(['-', '/', ':']).count() > 0 {
        return None;
    }
    s.replace(',', "").parse().ok()
}

/// Word numbers: (value, vague low bound, next token).
fn word_number(w: &Words, i: usize) -> Option<(Option<f64>, Option<f64>, usize)> {
    let numbers = &Lexicon::global().numbers;
    let lower = w.lower(i);
    if let Some(v) = hyphenated(lower) {
        return Some((Some(v), None, i + 1));
    }
    let (kind, v) = numbers.get(lower)?;
    match kind.as_str() {
        "vague" => Some((None, Some(*v), i + 1)),
        "cardinal" if lower == "a" || lower == "an" => {
            let (k2, v2) = numbers.get(w.lower(i + 1))?;
            (k2 == "scale" || w.lower(i + 1) == "dozen").then_some((Some(*v2), None, i + 2))
        }
        "cardinal" => {
            if w.lower(i + 1) == "dozen" {
                return Some((Some(v * 12.0), None, i + 2));
            }
            // "Thirty four" written without its hyphen is one number.
            let tens = *v >= 20.0 && *v < 100.0 && v % 10.0 == 0.0;
            let ones = numbers
                .get(w.lower(i + 1))
                .filter(|(k, o)| k == "cardinal" && *o >= 1.0 && *o < 10.0);
            if let Some((_, o)) = ones.filter(|_| tens) {
                return Some((Some(v + o), None, i + 2));
            }
            Some((Some(*v), None, i + 1))
        }
        _ => None,
    }
}

/// "twenty-six" to 26.
fn hyphenated(lower: &str) -> Option<f64> {
    let (tens, ones) = lower.split_once('-')?;
    let numbers = &Lexicon::global().numbers;
    let t = numbers
        .get(tens)
        .filter(|(k, v)| k == "cardinal" && *v >= 20.0)?
        .1;
    let o = numbers
        .get(ones)
        .filter(|(k, v)| k == "cardinal" && *v < 10.0)?
        .1;
    Some(t + o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::tokenize;

    fn num(text: &str) -> Option<Number> {
        let tokens = tokenize(text, &[Span(0, text.len())]);
        let lowered: Vec<String> = tokens.iter().map(|t| t.text(text).to_lowercase()).collect();
        let w = Words {
            text,
            tokens: &tokens,
            lowered: &lowered,
            end: tokens.len(),
        };
        number_at(&w, 0, &[])
    }

    #[test]
    fn reads_news_numbers() {
        assert_eq!(num("33,300 people").unwrap().value, Some(33300.0));
        assert_eq!(num("1.2 million people").unwrap().value, Some(1_200_000.0));
        assert_eq!(num("twenty-six dead").unwrap().value, Some(26.0));
        assert_eq!(num("two dozen dead").unwrap().value, Some(24.0));
        assert_eq!(num("Thirty four workers").unwrap().value, Some(34.0));
        assert_eq!(num("twenty people").unwrap().value, Some(20.0));
        let h = num("hundreds of people").unwrap();
        assert_eq!((h.value, h.low, h.end), (None, Some(200.0), 2));
        let p = num("85 per cent of").unwrap();
        assert!(p.percent && p.end == 3);
        assert!(num("55% of").unwrap().percent);
        assert!(num("30 dollars").is_none());
        let range = |text: &str| num(text).map(|n| (n.value, n.low, n.high, n.end));
        assert_eq!(
            range("500 to 1,000 people"),
            Some((None, Some(500.0), Some(1000.0), 3))
        );
        assert_eq!(
            range("10,000-15,000 people"),
            Some((None, Some(10000.0), Some(15000.0), 1))
        );
        assert_eq!(
            range("five to six dead"),
            Some((None, Some(5.0), Some(6.0), 3))
        );
        // Prices, measures and years are no ranges of a count.
        assert_eq!(range("five to 165."), Some((Some(5.0), None, None, 1)));
        assert_eq!(range("1985-1986 arms sales"), None);
        // Not a range: the second number is lower, or "to" leads elsewhere.
        assert_eq!(range("30 to 20"), Some((Some(30.0), None, None, 1)));
        assert_eq!(range("30 to the"), Some((Some(30.0), None, None, 1)));
    }
}
