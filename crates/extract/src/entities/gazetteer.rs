//! Phrase index over the lexicon: countries, demonyms, capitals, seats of government, places,
//! organisations and people, matched on tokens (case-sensitive, longest first), and roles
//! (case-insensitive). Built once per process.

use dateline_core::{tokenize, Span, Token};
use dateline_lexicon::Lexicon;
use dateline_lexicon::Map as HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Country(usize),
    Demonym(usize),
    Capital(usize),
    Seat(usize),
    Place(usize),
    Org(usize),
    Person(usize),
}

impl Entry {
    /// Which entry wins when one phrase names several things ("Kremlin": organisation over seat).
    fn rank(&self) -> u8 {
        match self {
            Entry::Org(_) => 6,
            Entry::Person(_) => 5,
            Entry::Country(_) => 4,
            Entry::Place(_) => 3,
            Entry::Capital(_) => 2,
            Entry::Seat(_) => 1,
            Entry::Demonym(_) => 0,
        }
    }
}

pub struct Gazetteer {
    /// First token of a phrase to (phrase tokens, entry), longest phrase first.
    phrases: HashMap<String, Vec<(Vec<String>, Entry)>>,
    /// Lowercased first token of a role to role token lists, longest first.
    roles: HashMap<String, Vec<Vec<String>>>,
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::build(Lexicon::global()));

fn words(phrase: &str) -> Vec<String> {
    tokenize(phrase, &[Span(0, phrase.len())])
        .iter()
        .map(|t| t.text(phrase).to_string())
        .collect()
}

impl Gazetteer {
    fn build(lex: &Lexicon) -> Self {
        let mut g = Gazetteer {
            phrases: HashMap::default(),
            roles: HashMap::default(),
        };
        for (i, c) in lex.countries.iter().enumerate() {
            c.names.iter().for_each(|n| g.add(n, Entry::Country(i)));
            c.demonyms.iter().for_each(|n| g.add(n, Entry::Demonym(i)));
            c.capitals.iter().for_each(|n| g.add(n, Entry::Capital(i)));
            c.seats.iter().for_each(|n| g.add(n, Entry::Seat(i)));
        }
        for (i, p) in lex.places.iter().enumerate() {
            p.names.iter().for_each(|n| g.add(n, Entry::Place(i)));
        }
        for (i, o) in lex.orgs.iter().enumerate() {
            o.names.iter().for_each(|n| g.add(n, Entry::Org(i)));
        }
        for (i, p) in lex.people.iter().enumerate() {
            p.names.iter().for_each(|n| g.add(n, Entry::Person(i)));
        }
        for role in lex.roles.keys() {
            let w = words(role);
            if let Some(first) = w.first() {
                g.roles
                    .entry(first.to_lowercase())
                    .or_default()
                    .push(w.iter().map(|x| x.to_lowercase()).collect());
            }
        }
        for list in g.phrases.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(b.1.rank().cmp(&a.1.rank())));
        }
        for list in g.roles.values_mut() {
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        g
    }

    fn add(&mut self, phrase: &str, entry: Entry) {
        let w = words(phrase);
        if let Some(first) = w.first() {
            self.phrases
                .entry(first.clone())
                .or_default()
                .push((w, entry));
        }
    }

    /// The longest lexicon phrase starting at token `i` and ending before `end`: its token count,
    /// entry, and span (a final possessive "'s" left out).
    pub fn match_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        end: usize,
    ) -> Option<(usize, Entry, Span)> {
        if i >= end.min(tokens.len()) {
            return None;
        }
        let first = tokens[i].text(text);
        let key = strip_possessive(first);
        let candidates = self
            .phrases
            .get(first)
            .into_iter()
            .chain(self.phrases.get(key))
            .flatten();
        for (phrase, entry) in candidates {
            if i + phrase.len() > end {
                continue;
            }
            if let Some(span) = phrase_span(text, tokens, i, phrase) {
                return Some((phrase.len(), *entry, span));
            }
        }
        None
    }

    /// Token count of the longest role starting at token `i` (any case).
    pub fn role_at(&self, text: &str, tokens: &[Token], i: usize, end: usize) -> Option<usize> {
        if i >= end.min(tokens.len()) {
            return None;
        }
        let first = tokens[i].text(text).to_lowercase();
        self.roles.get(&first)?.iter().find_map(|role| {
            let fits = i + role.len() <= end
                && role
                    .iter()
                    .enumerate()
                    .all(|(k, w)| tokens[i + k].text(text).eq_ignore_ascii_case(w));
            fits.then_some(role.len())
        })
    }
}

/// Span of `phrase` at token `i` if every token matches (the last may carry a possessive).
fn phrase_span(text: &str, tokens: &[Token], i: usize, phrase: &[String]) -> Option<Span> {
    let last = phrase.len() - 1;
    for (k, word) in phrase.iter().enumerate() {
        let tok = &tokens[i + k];
        let t = tok.text(text);
        let ok = t == word || (k == last && strip_possessive(t) == word);
        if !ok || (k > 0 && tok.has(Token::PARAGRAPH_BEFORE)) {
            return None;
        }
    }
    let end_tok = &tokens[i + last];
    let end_text = end_tok.text(text);
    let trimmed = strip_possessive(end_text);
    Some(Span(
        tokens[i].start,
        end_tok.end - (end_text.len() - trimmed.len()),
    ))
}

/// "Egypt's" to "Egypt"; other words unchanged.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<Token> {
        tokenize(text, &[Span(0, text.len())])
    }

    #[test]
    fn longest_match_and_possessive() {
        let text = "the Gaza Strip and Egypt's border";
        let t = toks(text);
        let (n, e, span) = GAZETTEER.match_at(text, &t, 1, t.len()).unwrap();
        assert_eq!((n, span.slice(text)), (2, "Gaza Strip"));
        assert!(matches!(e, Entry::Place(_)));
        let (_, e, span) = GAZETTEER.match_at(text, &t, 4, t.len()).unwrap();
        assert_eq!(span.slice(text), "Egypt");
        assert!(matches!(e, Entry::Country(_)));
    }

    #[test]
    fn organisation_beats_seat_and_roles_ignore_case() {
        let text = "the Kremlin said; Deputy Prime Minister";
        let t = toks(text);
        assert!(matches!(
            GAZETTEER.match_at(text, &t, 1, t.len()).unwrap().1,
            Entry::Org(_)
        ));
        assert_eq!(GAZETTEER.role_at(text, &t, 4, t.len()), Some(3));
    }
}
