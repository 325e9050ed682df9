//! Organisations named by a common noun: "Kenya's interior ministry", "the Ukrainian foreign
//! ministry", "Israeli forces", "the country's health ministry". A country (possessive or
//! demonym) or "the country's" before up to two lowercase modifiers and a lowercase head word of
//! a state body ("ministry", "army", "police", "office"; `name_words.tsv` with their sector). The
//! organisation gets the country and the head word's sector; capitalised names are left to the
//! name rules.

use super::gazetteer::{strip_possessive, Entry, GAZETTEER};
use dateline_core::Token;
use dateline_lexicon::Lexicon;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Head words of state bodies (government, military, legislature, courts, police), lowercased:
/// "the Palestinian group" or "state news" name no particular organisation.
static HEADS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    Lexicon::global()
        .name_words
        .org_head_sectors
        .iter()
        .filter(|(_, sector)| {
            matches!(
                sector.as_str(),
                "GOV" | "MIL" | "LEG" | "JUD" | "COP" | "REB"
            )
        })
        .map(|(w, _)| w.to_lowercase())
        .chain(
            Lexicon::global()
                .word_lists
                .get("state_body")
                .into_iter()
                .flatten()
                .cloned(),
        )
        .collect()
});

/// A nominal organisation found at a token.
pub struct Nominal {
    /// Tokens of a lexicon country written as a possessor ("Kenya's"), to be a mention of its own.
    pub possessor: Option<(usize, usize)>,
    /// The organisation's tokens (with a demonym before it: "Ukrainian foreign ministry").
    pub first: usize,
    pub end: usize,
    /// ISO code of the country, when the text names it.
    pub country: Option<String>,
}

/// The nominal organisation starting at token `i` of a sentence ending at `end`, if any.
pub fn at(text: &str, tokens: &[Token], i: usize, end: usize) -> Option<Nominal> {
    let word = |k: usize| {
        tokens
            .get(k)
            .filter(|_| k < end)
            .map_or("", |t| t.text(text))
    };
    let country_at = |k: usize| match GAZETTEER.match_at(text, tokens, k, end) {
        Some((n, Entry::Country(c) | Entry::Demonym(c), _)) => Some((n, c)),
        _ => None,
    };
    let iso = |c: usize| Lexicon::global().countries[c].iso3.clone();
    let article = word(i).eq_ignore_ascii_case("the");
    // Most tokens can start no such phrase; they are passed without a lexicon look-up.
    if !article && !tokens.get(i).is_some_and(|t| t.has(Token::CAPITALIZED)) {
        return None;
    }
    let stands_for_country =
        Lexicon::global().listed("country_possessor", &word(i + 1).to_lowercase());
    let (possessor, first, country, rest) = if article && stands_for_country {
        (None, i + 2, None, i + 2)
    } else {
        let at = if article { i + 1 } else { i };
        let (n, c) = country_at(at)?;
        let last = word(at + n - 1);
        if strip_possessive(last) != last {
            (Some((at, at + n)), at + n, Some(iso(c)), at + n)
        } else {
            (None, at, Some(iso(c)), at + n)
        }
    };
    let head = head_after(word, rest)?;
    Some(Nominal {
        possessor,
        first,
        end: head + 1,
        country,
    })
}

/// The head word after at most two lowercase modifiers from `k`.
fn head_after<'a>(word: impl Fn(usize) -> &'a str, k: usize) -> Option<usize> {
    (k..k + 3).find_map(|h| {
        let w = word(h);
        let lowercase = !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '-');
        // "Australia said the government": a verb or function word ends the phrase.
        let joins_clauses = Lexicon::global().speech_verbs.contains(w)
            || Lexicon::global().listed("function_word", w);
        if !lowercase || joins_clauses {
            return Some(None);
        }
        // The last head word of a run wins: "state news agency".
        let next_is_head = HEADS.contains(word(h + 1));
        (HEADS.contains(w) && !next_is_head).then_some(Some(h))
    })?
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{tokenize, Span};

    fn found(text: &str) -> Option<(String, Option<String>)> {
        let tokens = tokenize(text, &[Span(0, text.len())]);
        let n = at(text, &tokens, 0, tokens.len())?;
        let span = &text[tokens[n.first].start..tokens[n.end - 1].end];
        Some((span.to_string(), n.country))
    }

    #[test]
    fn countries_and_demonyms_before_a_head_word() {
        assert_eq!(
            found("Kenya's interior ministry said"),
            Some(("interior ministry".into(), Some("KEN".into())))
        );
        assert_eq!(
            found("the Ukrainian foreign ministry said"),
            Some(("Ukrainian foreign ministry".into(), Some("UKR".into())))
        );
        assert_eq!(
            found("Israeli forces fired"),
            Some(("Israeli forces".into(), Some("ISR".into())))
        );
        assert_eq!(
            found("the country's health ministry said"),
            Some(("health ministry".into(), None))
        );
    }

    #[test]
    fn agents_of_a_state_or_an_armed_group() {
        assert_eq!(
            found("Israeli soldiers arrested"),
            Some(("Israeli soldiers".into(), Some("ISR".into())))
        );
        assert_eq!(
            found("Afghan rebels have kidnapped"),
            Some(("Afghan rebels".into(), Some("AFG".into())))
        );
        assert_eq!(
            found("Senior Hungarian officials"),
            None,
            "a modifier before the demonym is no part of the phrase"
        );
        assert_eq!(
            found("Hungarian officials agreed"),
            Some(("Hungarian officials".into(), Some("HUN".into())))
        );
    }

    #[test]
    fn not_across_a_verb_or_article() {
        assert_eq!(found("Australia said the government"), None);
        assert_eq!(found("Kenya and the police"), None);
    }

    #[test]
    fn not_without_a_head_word_or_with_a_capitalised_name() {
        assert_eq!(found("Russian foreign minister Lavrov"), None);
        assert_eq!(found("the Russian Foreign Ministry said"), None);
        assert_eq!(found("Kenya's long and difficult road"), None);
        assert_eq!(found("the Palestinian group Hamas"), None);
        assert_eq!(
            found("Belarusian state news agency"),
            Some(("Belarusian state news agency".into(), Some("BLR".into())))
        );
    }
}
