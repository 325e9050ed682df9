//! Names the recogniser found, and the two kinds of name the entity rules settle before it: a
//! dateline's capitalised places and organisations named by a common noun. Works on the
//! sentence view of `mentions.rs`.

use super::gazetteer::{strip_possessive, Entry, GAZETTEER};
use super::mentions::{classify_run, is_name_token, kind_of, word, Kind, Mention, Sentence};
use dateline_core::{Span, Token, TokenKind};
use dateline_lexicon::Lexicon;

/// "KORVELLA/BRANDSBY (Reuters) -", "KORVELLA, Norland —" at the start of a line: the capitalised
/// words of a dateline are places, whatever the recogniser says (never an organisation that
/// could act). Returns the token after them.
pub(super) fn dateline_places(s: &Sentence, i: usize, out: &mut Vec<Mention>) -> Option<usize> {
    let t = &s.tokens[i];
    let line_start = i == 0 || t.has(Token::NEWLINE_BEFORE) || t.has(Token::REGION_START);
    if !line_start || !t.has(Token::ALL_CAPS) {
        return None;
    }
    let mut places = Vec::new();
    let mut j = i;
    loop {
        let from = j;
        while j < s.end && s.tokens[j].has(Token::ALL_CAPS) && s.tokens[j].kind == TokenKind::Word {
            j += 1;
        }
        if j == from || j - from > 4 {
            return None;
        }
        places.push((from, j));
        if word(s, j) == "/" {
            j += 1;
            continue;
        }
        break;
    }
    if !matches!(word(s, j), "," | "(" | "-" | "—" | "–" | ":") {
        return None;
    }
    for (a, b) in places {
        out.push(Mention::new(
            Span(s.tokens[a].start, s.tokens[b - 1].end),
            a,
            b,
            Kind::Location,
        ));
    }
    Some(j)
}

/// Mentions for a nominal organisation: the country written as its possessor, then the
/// organisation with that country. Returns the token after it.
pub(super) fn nominal_org(
    s: &Sentence,
    n: super::nominal::Nominal,
    out: &mut Vec<Mention>,
) -> usize {
    if let Some((a, b)) = n.possessor {
        if let Some((_, entry, span)) = GAZETTEER.match_at(s.text, s.tokens, a, s.end) {
            let mut m = Mention::new(span, a, b, kind_of(entry));
            m.entry = Some(entry);
            out.push(m);
        }
    }
    let span = Span(s.tokens[n.first].start, s.tokens[n.end - 1].end);
    let mut m = Mention::new(span, n.first, n.end, Kind::Organization);
    m.country = n.country;
    out.push(m);
    n.end
}

/// A name the recogniser reads from token `i` to `end`.
#[derive(Clone, Copy)]
pub(super) struct Recognised {
    end: usize,
    kind: Kind,
    /// The recogniser's entity starts at `i`; otherwise `i` is the rest of an entity whose
    /// first words the lexicon took, and the recogniser's type no longer says much.
    whole: bool,
}

/// The entity the recogniser has at token `i`. Nationalities and religions (NORP) are left
/// to the lexicon.
pub(super) fn recognised_at(s: &Sentence, i: usize) -> Option<Recognised> {
    let tag = *s.ents.get(i)?;
    let (prefix, ty) = tag.split_once('-')?;
    let kind = match ty {
        "PERSON" => Kind::Person,
        "ORG" => Kind::Organization,
        "GPE" | "LOC" => Kind::Location,
        _ => return None,
    };
    let end = match prefix {
        "U" | "L" => i + 1,
        _ => {
            let mut j = i + 1;
            while j < s.end && s.ents.get(j).is_some_and(|t| t.starts_with("I-")) {
                j += 1;
            }
            if j >= s.end || !s.ents.get(j).is_some_and(|t| t.starts_with("L-")) {
                return None;
            }
            j + 1
        }
    };
    // An entity the recogniser began on an article ("the Foreign Ministry") is whole from its
    // next word, where the lexicon gets its say first.
    let after_article = i > s.start
        && is_article(word(s, i - 1))
        && s.ents.get(i - 1).is_some_and(|t| t.starts_with("B-"));
    let whole = matches!(prefix, "B" | "U") || after_article;
    Some(Recognised { end, kind, whole })
}

pub(super) fn is_article(w: &str) -> bool {
    matches!(w, "the" | "The" | "a" | "A" | "an" | "An")
}

/// The recogniser wins over a lexicon place at the same token when it reads a longer person's
/// name there ("Lisbon Mwangi"): the lexicon matched only part of it. Countries, capitals,
/// organisations and people in the lexicon win ("Palestine Bashar al-Assad" is two names).
pub(super) fn overrides(i: usize, r: Recognised, gazetteer: Option<(usize, Entry, Span)>) -> bool {
    match gazetteer {
        None => false,
        Some((n, entry, _)) => {
            r.whole && r.kind == Kind::Person && matches!(entry, Entry::Place(_)) && r.end > i + n
        }
    }
}

/// Is a lexicon place, country or demonym at token `k` (taking `n` tokens)?
fn lexicon_place_at(s: &Sentence, k: usize) -> Option<usize> {
    match GAZETTEER.match_at(s.text, s.tokens, k, s.end) {
        Some((
            n,
            Entry::Country(_) | Entry::Capital(_) | Entry::Demonym(_) | Entry::Place(_),
            _,
        )) => Some(n),
        _ => None,
    }
}

/// A name the recogniser found. Titles it swept in are split off a person's name (they are
/// linked as roles); a lexicon place inside a person's or place's name ends it there ("the
/// Middle East Mikhail Bogdanov", "Sisi Egypt's"), and the main loop takes the place next.
/// Returns the token after what was used.
pub(super) fn recognised_run(
    s: &Sentence,
    i: usize,
    r: Recognised,
    out: &mut Vec<Mention>,
) -> usize {
    let mut start = i;
    let mut end = r.end;
    if r.kind == Kind::Person {
        while let Some(n) = GAZETTEER.role_at(s.text, s.tokens, start, end) {
            if start + n >= end {
                break;
            }
            start += n;
        }
    }
    if r.kind != Kind::Organization {
        if let Some(k) = (start + 1..end).find(|&k| lexicon_place_at(s, k).is_some()) {
            end = k;
        }
    }
    // A name does not run through a slash or a bracket ("Tomas Weller /AFP", "League for
    // Democracy (NL"), into a capitalised line ("refugees\nKORVELLA:"), or through an
    // abbreviated title ("Norland Gov.", which qualifies the title of the name after it).
    let stop = |k: usize| {
        matches!(word(s, k), "/" | "(" | ")" | "|")
            || s.tokens[k].has(Token::NEWLINE_BEFORE) && s.tokens[k].has(Token::ALL_CAPS)
            || Lexicon::global().listed("title_abbreviation", &word(s, k).to_lowercase())
                && word(s, k + 1) == "."
    };
    if let Some(k) = (start + 1..end).find(|&k| stop(k)) {
        end = k;
    }
    // "Amina Kiprop’s Alliance for Reform": a possessor inside an organisation's name is
    // a name of its own (a person unless the lexicon knows the place), and the organisation
    // is what follows it.
    let possessive = |k: usize| {
        let w = word(s, k);
        w.ends_with("’s") || w.ends_with("'s")
    };
    let owner = (r.kind == Kind::Organization && r.whole)
        .then(|| (start..end.saturating_sub(1)).find(|&k| possessive(k)))
        .flatten()
        .filter(|&k| k + 1 - start <= 3 && is_name_token(s, start) && is_name_token(s, k + 1))
        // "the Attorney General’s Office", "the Auditor General’s Office": an office of a title is
        // one name.
        .filter(|&k| {
            end - (k + 1) >= 2 && GAZETTEER.role_at(s.text, s.tokens, start, k + 1).is_none()
        })
        // "the People’s Unity Party", "the Workers’ Party": a collective is part of the name.
        .filter(|&k| {
            !(start..=k).any(|j| {
                let w = strip_possessive(word(s, j)).to_lowercase();
                Lexicon::global().listed("collective_possessor", &w)
            })
        });
    if let Some(k) = owner {
        let kind = lexicon_place_at(s, start).is_none().then_some(Kind::Person);
        classify_run(s, start, k + 1, kind, out);
        classify_run(s, k + 1, end, Some(Kind::Organization), out);
        return end;
    }
    let forced = r.whole.then_some(r.kind);
    let trusted = (r.kind == Kind::Person || !s.title_case) && is_name_token(s, start);
    if start < end && trusted {
        classify_run(s, start, end, forced, out);
    }
    end
}

#[cfg(test)]
mod tests {
    /// (kind, name) of every entity the pipeline finds in `text`.
    fn entities(text: &str) -> Vec<(String, String)> {
        crate::analysed_up_to(text, "entities")
            .record
            .entities
            .iter()
            .map(|e| (e.kind.clone(), e.name.clone()))
            .collect()
    }

    fn has(found: &[(String, String)], kind: &str, name: &str) -> bool {
        found.iter().any(|(k, n)| k == kind && n == name)
    }

    #[test]
    fn dateline_words_are_places_and_the_agency_is_no_acronym_of_them() {
        let found =
            entities("Storm warning\nKORVELLA/BRANDSBY (Reuters) - Officials met on Monday.");
        assert!(has(&found, "location", "KORVELLA"), "{found:?}");
        assert!(has(&found, "location", "BRANDSBY"), "{found:?}");
        assert!(
            !has(&found, "organization", "KORVELLA") && !has(&found, "organization", "BRANDSBY")
        );
    }

    #[test]
    fn head_words_overrule_a_person_reading() {
        let found = entities("There were clashes in the volatile oil-rich Kasai Delta on Sunday.");
        assert!(has(&found, "location", "Kasai Delta"), "{found:?}");
        assert!(!found.iter().any(|(k, _)| k == "person"), "{found:?}");
    }

    #[test]
    fn a_name_stops_at_a_slash() {
        let found = entities(
            "Residents fled the town on Sunday, photographer Tomasz Weller /AFP reported.",
        );
        assert!(!found.iter().any(|(_, n)| n.contains('/')), "{found:?}");
    }
}
