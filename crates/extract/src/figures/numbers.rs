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
    /// Lowest value of a vague quantity ("hundreds of": 200).
    pub low: Option<f64>,
    pub percent: bool,
}

pub struct Words<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub end: usize,
}

impl<'a> Words<'a> {
    pub fn get(&self, i: usize) -> &'a str {
        if i < self.end {
            self.tokens[i].text(self.text)
        } else {
            ""
        }
    }

    pub fn lower(&self, i: usize) -> String {
        self.get(i).to_lowercase()
    }
}

/// The number starting at token `i`, unless it is a year, date, label or measure.
pub fn number_at(w: &Words, i: usize, times: &[Span]) -> Option<Number> {
    let tok = &w.tokens[i];
    if times.iter().any(|t| t.contains(tok.start)) {
        return None;
    }
    let before = if i > 0 { w.lower(i - 1) } else { String::new() };
    if Lexicon::global().listed("label_before", &before) {
        return None;
    }
    let (mut value, mut low, mut k) = match tok.kind {
        TokenKind::Number => (Some(digits(w.get(i))?), None, i + 1),
        TokenKind::Word => word_number(w, i)?,
        _ => return None,
    };
    if let Some((kind, scale)) = Lexicon::global().numbers.get(&w.lower(k)) {
        if kind == "scale" && value.is_some() {
            value = value.map(|v| v * scale);
            k += 1;
        }
    }
    let mut percent = false;
    if w.get(k) == "%" || w.lower(k) == "percent" {
        percent = true;
        k += 1;
    } else if w.lower(k) == "per" && w.lower(k + 1) == "cent" {
        percent = true;
        k += 2;
    }
    if Lexicon::global().listed("measure_after", &w.lower(k)) && !percent {
        return None;
    }
    if low.is_some() && w.lower(k) == "of" {
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
    if let Some(v) = hyphenated(&lower) {
        return Some((Some(v), None, i + 1));
    }
    let (kind, v) = numbers.get(&lower)?;
    match kind.as_str() {
        "vague" => Some((None, Some(*v), i + 1)),
        "cardinal" if lower == "a" || lower == "an" => {
            let (k2, v2) = numbers.get(&w.lower(i + 1))?;
            (k2 == "scale" || w.lower(i + 1) == "dozen").then_some((Some(*v2), None, i + 2))
        }
        "cardinal" => {
            if w.lower(i + 1) == "dozen" {
                return Some((Some(v * 12.0), None, i + 2));
            }
            // "Thirty four" written without its hyphen is one number.
            let tens = *v >= 20.0 && *v < 100.0 && v % 10.0 == 0.0;
            let ones = numbers
                .get(&w.lower(i + 1))
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
        let w = Words {
            text,
            tokens: &tokens,
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
    }
}
