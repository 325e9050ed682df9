//! Mention finding, one sentence at a time: lexicon phrases first (longest match), then runs of
//! capitalised tokens classified by their words and context, then nominal descriptions ("the
//! top diplomat"). Sentence-initial capitals and Title Case headlines do not create names unless
//! a lexicon or an earlier full name supports them.

use super::gazetteer::{strip_possessive, Entry, GAZETTEER};
use super::recognised::{
    dateline_places, is_article, nominal_org, overrides, recognised_at, recognised_run,
};
use crate::language::Tree;
use dateline_core::{Parse, Span, Token, TokenKind};
use dateline_lexicon::Lexicon;
use std::cell::OnceCell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Person,
    Organization,
    Group,
    Location,
    Country,
}

impl Kind {
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Group => "group",
            Kind::Location => "location",
            Kind::Country => "country",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub span: Span,
    pub first_tok: usize,
    pub end_tok: usize,
    pub kind: Kind,
    pub entry: Option<Entry>,
    /// Country from a demonym or country name next to the mention.
    pub country: Option<String>,
    /// Roles as written.
    pub roles: Vec<String>,
    /// An organisation mention the person belongs to ("UN" in "UN Special Coordinator").
    pub affiliation: Option<usize>,
    /// Role a description requires of its referent ("top diplomat" requires "foreign minister").
    pub description: Option<String>,
    /// Index of the mention this one defines as an acronym ("IDF" after "Israel Defense Forces").
    pub acronym_of: Option<usize>,
    /// A capitalised word that is a name only if an earlier or later full name supports it.
    pub weak: bool,
    /// Followed by a speech verb or a possessive ("Ford said", "Ford's"): it acts, so it names
    /// something even when the article names it once.
    pub acts: bool,
}

impl Mention {
    pub(super) fn new(span: Span, first_tok: usize, end_tok: usize, kind: Kind) -> Self {
        Mention {
            span,
            first_tok,
            end_tok,
            kind,
            entry: None,
            country: None,
            roles: Vec::new(),
            affiliation: None,
            description: None,
            acronym_of: None,
            weak: false,
            acts: false,
        }
    }
}

/// Context for one sentence.
pub(super) struct Sentence<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) title_case: bool,
    /// The recogniser's BILOU tag per document token (empty without the language layer).
    pub(super) ents: &'a [&'static str],
    /// Tags and entity tags per document token (empty without the language layer).
    parse: &'a Parse,
    /// The sentence's dependency tree, parsed the first time a title is looked for in it.
    tree: OnceCell<Option<Tree>>,
}

/// The mentions of every sentence, and the trees parsed on the way (for titles), so that later
/// stages need not parse those sentences again.
pub fn find(
    text: &str,
    tokens: &[Token],
    sentences: &[Span],
    parse: &Parse,
) -> (Vec<Mention>, Vec<Tree>) {
    let mut out = Vec::new();
    let mut trees = Vec::new();
    for s in sentences {
        let start = tokens.partition_point(|t| t.start < s.0);
        let end = tokens.partition_point(|t| t.start < s.1);
        let sentence = Sentence {
            text,
            tokens,
            start,
            end,
            title_case: is_title_case(text, &tokens[start..end]),
            ents: &parse.ents,
            parse,
            tree: OnceCell::new(),
        };
        scan_sentence(&sentence, &mut out);
        trees.extend(sentence.tree.into_inner().flatten());
    }
    (out, trees)
}

/// A headline in Title Case: most words capitalised.
fn is_title_case(text: &str, tokens: &[Token]) -> bool {
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word && t.text(text).len() > 3)
        .collect();
    words.len() >= 4
        && words.iter().filter(|t| t.has(Token::CAPITALIZED)).count() * 10 >= words.len() * 7
}

fn scan_sentence(s: &Sentence, out: &mut Vec<Mention>) {
    let first_of_sentence = out.len();
    let mut i = s.start;
    while i < s.end {
        if let Some(end) = dateline_places(s, i, out) {
            i = end;
            continue;
        }
        if let Some(n) = super::nominal::at(s.text, s.tokens, i, s.end) {
            i = nominal_org(s, n, out);
            continue;
        }
        let recognised = recognised_at(s, i).filter(|_| !is_article(word(s, i)));
        let gazetteer = GAZETTEER.match_at(s.text, s.tokens, i, s.end);
        if let Some(r) = recognised.filter(|r| overrides(i, *r, gazetteer)) {
            i = recognised_run(s, i, r, out);
        } else if let Some((n, entry, span)) = gazetteer {
            if let Some(end) = place_led_org(s, i, n, entry) {
                classify_run(s, i, end, None, out);
                i = end;
                continue;
            }
            if !matches!(entry, Entry::Demonym(_)) {
                let mut m = Mention::new(span, i, i + n, kind_of(entry));
                m.entry = Some(entry);
                out.push(m);
            }
            i += n;
        } else if let Some(next) = description_at(s, i, out) {
            i = next;
        } else if let Some(r) = recognised {
            i = recognised_run(s, i, r, out);
        } else if is_name_token(s, i) {
            i = name_run(s, i, out);
        } else {
            i += 1;
        }
    }
    // What follows looks only at this sentence's mentions (from `first_of_sentence` on): a
    // look over every mention of the article for each would be quadratic on a long one.
    for k in first_of_sentence..out.len() {
        attach_acronym(s, out, k, first_of_sentence);
        head_of(s, out, k);
        include_article(s, out, k, first_of_sentence);
        if out[k].kind == Kind::Person && out[k].description.is_none() {
            roles_left(s, out, k, first_of_sentence);
            roles_right(s, &mut out[k]);
            if out[k].roles.is_empty() {
                roles_from_parse(s, &mut out[k]);
            }
        }
    }
}

pub fn kind_of(entry: Entry) -> Kind {
    let lex = Lexicon::global();
    match entry {
        Entry::Country(_) => Kind::Country,
        Entry::Capital(_) | Entry::Place(_) => Kind::Location,
        Entry::Seat(_) => Kind::Organization,
        Entry::Org(i) if lex.orgs[i].kind == "group" => Kind::Group,
        Entry::Org(_) => Kind::Organization,
        Entry::Person(_) => Kind::Person,
        Entry::Demonym(_) => Kind::Country,
    }
}

pub(super) fn word<'a>(s: &Sentence<'a>, i: usize) -> &'a str {
    s.tokens.get(i).map_or("", |t| t.text(s.text))
}

/// Capitalised word, or a particle-prefixed one ("al-Maliki"), that is not a function word.
pub(super) fn is_name_token(s: &Sentence, i: usize) -> bool {
    let t = &s.tokens[i];
    if t.kind != TokenKind::Word {
        return false;
    }
    let w = strip_possessive(t.text(s.text));
    if w.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let nw = &Lexicon::global().name_words;
    let particle_prefixed = w
        .split_once('-')
        .is_some_and(|(p, rest)| nw.particles.contains(p) && rest.starts_with(char::is_uppercase));
    // "Iran-backed", "Russian-occupied": a capitalised word joined to a lowercase one is an
    // adjective.
    let adjective = w
        .rsplit_once('-')
        .is_some_and(|(_, last)| last.starts_with(char::is_lowercase));
    (t.has(Token::CAPITALIZED) || particle_prefixed)
        && !adjective
        && !nw.not_names.contains(w)
        && !nw.event_prefixes.contains(w)
        && !is_demonym_compound(w)
        && !Lexicon::global().months.contains_key(&w.to_lowercase())
}

/// "Singapore Airlines", "China Eastern Airlines": a place name that begins an organisation's
/// name. Returns the end of the organisation's name.
fn place_led_org(s: &Sentence, i: usize, n: usize, entry: Entry) -> Option<usize> {
    if !matches!(
        entry,
        Entry::Country(_) | Entry::Capital(_) | Entry::Place(_)
    ) {
        return None;
    }
    let heads = &Lexicon::global().name_words.org_heads;
    let mut j = i + n;
    let mut found = None;
    while j < s.end
        && j < i + n + 4
        && (is_name_token(s, j) || word(s, j).starts_with(|c: char| c.is_uppercase()))
    {
        if heads.contains(strip_possessive(word(s, j))) {
            found = Some(j + 1);
        }
        j += 1;
    }
    found
}

/// "Palestinian-Israeli", "Russian-Iraqi": adjectives, not names.
fn is_demonym_compound(w: &str) -> bool {
    w.contains('-')
        && w.split('-').all(|part| {
            let span = Span(0, part.len());
            let toks = dateline_core::tokenize(part, &[span]);
            toks.len() == 1
                && matches!(
                    GAZETTEER.match_at(part, &toks, 0, 1),
                    Some((1, Entry::Demonym(_) | Entry::Country(_), _))
                )
        })
}

/// Collects a run of name tokens from `i`, splits off titles, classifies what is left, and
/// returns the index after the run.
fn name_run(s: &Sentence, i: usize, out: &mut Vec<Mention>) -> usize {
    let nw = &Lexicon::global().name_words;
    let mut j = i;
    while j < s.end {
        let claimed = j > i && GAZETTEER.match_at(s.text, s.tokens, j, s.end).is_some();
        let new_line = s.tokens[j].has(Token::PARAGRAPH_BEFORE)
            || s.tokens[j].has(Token::NEWLINE_BEFORE) && s.tokens[j].has(Token::ALL_CAPS);
        if claimed || new_line && j > i {
            break;
        }
        // A name the recogniser reads here starts a mention of its own; what came before it
        // in the run ("Senior General", "Major") is a title, linked by `roles_left`.
        if j > i && recognised_at(s, j).is_some() {
            return j;
        }
        if is_name_token(s, j) || (j > i && is_inner_particle(s, j)) {
            j += 1;
            if word(s, j - 1).ends_with("'s") || word(s, j - 1).ends_with("’s") {
                break;
            }
        } else if j > i && nw.joiners.contains(word(s, j)) && joinable(s, j) {
            j += 1;
        } else {
            break;
        }
    }
    while j > i && nw.joiners.contains(word(s, j - 1)) {
        j -= 1;
    }
    let mut start = i;
    // "General Motors" is a company, not a general: titles are split off only from names that
    // are not organisations.
    let org_like = (i..j).any(|k| nw.org_heads.contains(strip_possessive(word(s, k))));
    while start < j && !org_like {
        match GAZETTEER.role_at(s.text, s.tokens, start, j) {
            Some(n) => start += n,
            None => break,
        }
    }
    if start < j && !s.title_case {
        classify_run(s, start, j, None, out);
    }
    j.max(i + 1)
}

/// "bin" in "Mohammed bin Salman", "al" in "Abu al Rub".
fn is_inner_particle(s: &Sentence, j: usize) -> bool {
    let nw = &Lexicon::global().name_words;
    nw.particles.contains(word(s, j)) && j + 1 < s.end && is_name_token(s, j + 1)
}

/// A joiner continues an organisation's name: "Ministry of Foreign Affairs".
fn joinable(s: &Sentence, j: usize) -> bool {
    let nw = &Lexicon::global().name_words;
    let prev = strip_possessive(word(s, j - 1));
    let mut k = j + 1;
    while k < s.end && nw.joiners.contains(word(s, k)) {
        k += 1;
    }
    let next_is_name = k < s.end
        && is_name_token(s, k)
        && GAZETTEER.match_at(s.text, s.tokens, k, s.end).is_none();
    nw.org_heads.contains(prev) && next_is_name
}

pub(super) fn classify_run(
    s: &Sentence,
    start: usize,
    end: usize,
    forced: Option<Kind>,
    out: &mut Vec<Mention>,
) {
    let lex = Lexicon::global();
    let nw = &lex.name_words;
    // The lexicon's head words know better than the recogniser that a run ending in a place's
    // or an organisation's head word ("... Delta", "... Group") is no person.
    let tail = strip_possessive(word(s, end - 1));
    let forced = forced.filter(|k| {
        *k != Kind::Person || !(nw.place_heads.contains(tail) || nw.org_heads.contains(tail))
    });
    // A given name inside the run starts a person's name; what precedes it qualifies a title
    // ("Special Coordinator for the Middle East Peace Process Tor Wennesland").
    let given = (start..end)
        .find(|&k| lex.given_names.contains(word(s, k)))
        .filter(|&g| g > start && end - g >= 2 && forced.is_none());
    if let Some(g) = given {
        let head = strip_possessive(word(s, g - 1));
        if nw.org_heads.contains(head) || nw.place_heads.contains(head) {
            classify_run(s, start, g, None, out);
        }
        return classify_run(s, g, end, None, out);
    }
    let span = run_span(s, start, end);
    let last = strip_possessive(word(s, end - 1));
    let single = end - start == 1;
    let after_event_prefix = start > s.start && nw.event_prefixes.contains(word(s, start - 1))
        || end - start > 1 && nw.event_prefixes.contains(word(s, start));
    let has_head = |heads: &dateline_lexicon::Set<String>| {
        (start..end).any(|k| heads.contains(strip_possessive(word(s, k))))
    };
    let before_lexicon_person = matches!(
        GAZETTEER.match_at(s.text, s.tokens, end.min(s.end - 1), s.end),
        Some((_, Entry::Person(_), _))
    ) && end < s.end;
    // Names of operations, wars and treaties, and the words that qualify a title before a
    // known person ("... Peace Process Tor Wennesland"), are not entities.
    if after_event_prefix
        || (nw.event_heads.contains(last) && forced != Some(Kind::Person))
        || (before_lexicon_person
            && forced.is_none()
            && !has_head(&nw.org_heads)
            && !has_head(&nw.place_heads))
    {
        return;
    }
    let sentence_initial = start == s.start || (start == s.start + 1 && is_quote(word(s, s.start)));
    let kind = if let Some(kind) = forced {
        kind
    } else if has_head(&nw.org_heads) {
        Kind::Organization
    } else if nw.place_heads.contains(last) && !single {
        Kind::Location
    } else if single {
        single_word_kind(s, start)
    } else if looks_personal(s, start, end) {
        Kind::Person
    } else {
        Kind::Organization
    };
    if single && nw.org_heads.contains(last) {
        return;
    }
    let mut m = Mention::new(span, start, end, kind);
    let next = word(s, end).to_lowercase();
    m.acts = single
        && (lex.speech_verbs.contains(&next)
            || word(s, end - 1).ends_with("'s")
            || word(s, end - 1).ends_with("’s"));
    // The recogniser's reading is evidence of its own: a name it found is not weak.
    m.weak = forced.is_none()
        && single
        && (sentence_initial || kind != Kind::Person)
        && !is_acronym(word(s, start));
    if kind == Kind::Organization && !single {
        extend_with_country(s, &mut m);
    }
    out.push(m);
}

/// Evidence that a capitalised run no table knows is a person: a known given name, a name
/// particle ("al-Ansari", "bin"), or a title or honorific right before it.
fn looks_personal(s: &Sentence, start: usize, end: usize) -> bool {
    let lex = Lexicon::global();
    let nw = &lex.name_words;
    let given = lex.given_names.contains(word(s, start));
    let particle = (start..end).any(|k| {
        let w = word(s, k);
        nw.particles.contains(w)
            || w.split_once('-')
                .is_some_and(|(p, _)| nw.particles.contains(p))
    });
    let honorific = start > s.start + 1
        && word(s, start - 1) == "."
        && matches!(
            word(s, start - 2),
            "Mr" | "Mrs" | "Ms" | "Dr" | "Prof" | "Gen" | "Sen" | "Rep" | "Gov"
        )
        || start > s.start && matches!(word(s, start - 1), "Mr" | "Mrs" | "Ms" | "Dr");
    let titled = start > s.start && role_ending_at(s, start - 1).is_some();
    given || particle || honorific || titled
}

/// A lone capitalised word: an acronym is an organisation, a word after "in"/"at" a place;
/// otherwise a person's surname if one is known, else an organisation.
fn single_word_kind(s: &Sentence, i: usize) -> Kind {
    let w = word(s, i);
    let prev = if i > s.start {
        word(s, i - 1).to_lowercase()
    } else {
        String::new()
    };
    if is_acronym(w) {
        Kind::Organization
    } else if matches!(prev.as_str(), "in" | "near" | "across") {
        Kind::Location
    } else {
        Kind::Person
    }
}

fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
}

fn is_quote(w: &str) -> bool {
    matches!(w, "\"" | "“" | "‘" | "'" | "(")
}

fn run_span(s: &Sentence, start: usize, end: usize) -> Span {
    let last = &s.tokens[end - 1];
    let t = last.text(s.text);
    // "Apple Inc.": the period of an abbreviation that ends a name belongs to it.
    let abbreviated = Lexicon::global().abbreviations.contains_key(t)
        && s.tokens
            .get(end)
            .is_some_and(|n| n.text(s.text) == "." && !n.has(Token::SPACE_BEFORE));
    if abbreviated {
        return Span(s.tokens[start].start, s.tokens[end].end);
    }
    Span(
        s.tokens[start].start,
        last.end - (t.len() - strip_possessive(t).len()),
    )
}

/// "Russian Foreign Ministry": the demonym before an organisation's name belongs to it.
fn extend_with_country(s: &Sentence, m: &mut Mention) {
    if m.first_tok == s.start {
        return;
    }
    let k = m.first_tok - 1;
    if let Some((1, entry @ (Entry::Demonym(c) | Entry::Country(c)), _)) =
        GAZETTEER.match_at(s.text, s.tokens, k, s.end)
    {
        let _ = entry;
        m.country = Some(Lexicon::global().countries[c].iso3.clone());
        m.span = Span(s.tokens[k].start, m.span.1);
        m.first_tok = k;
    }
}

/// "the top diplomat", "the Russian minister", "the ministry": a lowercase description after
/// "the" (with an optional country adjective) that is not followed by a name.
fn description_at(s: &Sentence, i: usize, out: &mut Vec<Mention>) -> Option<usize> {
    // "Police said ...": at a sentence's start an organisation's description needs no
    // article.
    let bare = i == s.start && !word(s, i).eq_ignore_ascii_case("the");
    if !word(s, i).eq_ignore_ascii_case("the") && !bare {
        return None;
    }
    let mut k = if bare { i } else { i + 1 };
    let mut country = None;
    if let Some((1, Entry::Demonym(c), _)) = GAZETTEER.match_at(s.text, s.tokens, k, s.end) {
        country = Some(Lexicon::global().countries[c].iso3.clone());
        k += 1;
    }
    let lex = Lexicon::global();
    let found = lex.descriptions.iter().filter_map(|d| {
        let words: Vec<&str> = d.phrase.split(' ').collect();
        let same = |n: usize, w: &str| {
            let here = word(s, k + n);
            here == w || (bare && n == 0 && here.to_lowercase() == w)
        };
        let fits = k + words.len() <= s.end
            && (!bare || d.kind != "person")
            && words.iter().enumerate().all(|(n, w)| same(n, w));
        fits.then_some((words.len(), d))
    });
    let (n, d) = found.max_by_key(|(n, _)| *n)?;
    let after = k + n;
    if after < s.end && is_name_token(s, after) {
        return None;
    }
    let kind = if d.kind == "person" {
        Kind::Person
    } else {
        Kind::Organization
    };
    let first = if bare { i } else { i + 1 };
    let mut m = Mention::new(
        Span(s.tokens[first].start, s.tokens[after - 1].end),
        first,
        after,
        kind,
    );
    m.description = Some(d.role.clone());
    m.country = country;
    out.push(m);
    Some(after)
}

/// "the head of the Russian Foreign Ministry": the person who leads the organisation just named.
fn head_of(s: &Sentence, out: &mut Vec<Mention>, k: usize) {
    let m = &out[k];
    if !matches!(m.kind, Kind::Organization) || m.description.is_some() {
        return;
    }
    let mut i = m.first_tok;
    if i > s.start && word(s, i - 1).eq_ignore_ascii_case("the") {
        i -= 1;
    }
    if i < s.start + 2
        || word(s, i - 1) != "of"
        || !matches!(word(s, i - 2).to_lowercase().as_str(), "head" | "chief")
    {
        return;
    }
    let name = m.span.slice(s.text).to_lowercase();
    let role = if name.contains("foreign") {
        "foreign minister"
    } else if name.contains("ministry") {
        "minister"
    } else {
        ""
    };
    let mut d = Mention::new(
        Span(s.tokens[i - 2].start, m.span.1),
        i - 2,
        m.end_tok,
        Kind::Person,
    );
    d.description = Some(role.to_string());
    d.country = m.country.clone();
    out.push(d);
}

/// "the United States", "the Senate", "the Swiss National Bank": a definite article before a
/// name that is not a person's is part of the name's extent, as news corpora mark it.
fn include_article(s: &Sentence, out: &mut [Mention], k: usize, from: usize) {
    let m = &out[k];
    if m.kind == Kind::Person || m.description.is_some() || m.first_tok <= s.start {
        return;
    }
    let t = m.first_tok - 1;
    let taken = out[from..]
        .iter()
        .any(|o| o.first_tok <= t && t < o.end_tok);
    if word(s, t).eq_ignore_ascii_case("the") && !taken {
        out[k].span = Span(s.tokens[t].start, out[k].span.1);
        out[k].first_tok = t;
    }
}

/// "Israel Defense Forces (IDF)": the acronym in brackets names the same thing.
fn attach_acronym(s: &Sentence, out: &mut [Mention], k: usize, from: usize) {
    let end = out[k].end_tok;
    // "KORVELLA CITY (AP) —": the agency of a dateline is not the place's acronym.
    if s.tokens[out[k].first_tok].has(Token::ALL_CAPS) && out[k].kind == Kind::Location {
        return;
    }
    if end + 2 >= s.end
        || word(s, end) != "("
        || word(s, end + 2) != ")"
        || !is_acronym(word(s, end + 1))
    {
        return;
    }
    if let Some(acr) = out[from..]
        .iter()
        .position(|m| m.first_tok == end + 1)
        .map(|p| p + from)
    {
        if acr != k {
            out[acr].acronym_of = Some(k);
            out[acr].weak = false;
            out[acr].kind = out[k].kind;
        }
    }
}

/// Titles, country and affiliation written before a person's name: "Iraqi Deputy Prime Minister
/// and Foreign Minister Fuad Hussein", "UN Special Coordinator for the ... Tor Wennesland", "the
/// spokesman for the Palestinian President, Nabil Abu Rudeina".
fn roles_left(s: &Sentence, out: &mut [Mention], k: usize, from: usize) {
    let lex = Lexicon::global();
    let mut i = out[k].first_tok;
    let mut roles: Vec<(String, bool)> = Vec::new();
    let mut crossed_joiner = false;
    let mut crossed_comma = false;
    let mut last_was_role = false;
    while i > s.start {
        let prev = i - 1;
        let w = word(s, prev);
        if w == "," && !crossed_comma && roles.is_empty() && i == out[k].first_tok {
            if prev == s.start || role_ending_at(s, prev - 1).is_none() {
                break;
            }
            crossed_comma = true;
            i = prev;
            continue;
        }
        if let Some((n, start)) = role_ending_at(s, prev) {
            let _ = n;
            let written = s.text[s.tokens[start].start..s.tokens[prev].end].to_string();
            roles.push((written, crossed_joiner));
            i = start;
            last_was_role = true;
            continue;
        }
        if let Some(m) = out[from..]
            .iter()
            .position(|m| m.end_tok == i && m.first_tok < i)
            .map(|p| p + from)
        {
            if out[m].kind == Kind::Person {
                break;
            }
            match out[m].entry {
                Some(Entry::Country(c) | Entry::Demonym(c) | Entry::Capital(c)) => {
                    out[k].country.get_or_insert(lex.countries[c].iso3.clone());
                }
                Some(Entry::Place(p)) if lex.places[p].country.is_some() => {
                    out[k].country = out[k].country.take().or(lex.places[p].country.clone());
                }
                _ if matches!(out[m].kind, Kind::Organization | Kind::Group) && last_was_role => {
                    out[k].affiliation.get_or_insert(m);
                }
                _ => {}
            }
            i = out[m].first_tok;
            last_was_role = false;
            continue;
        }
        if let Some((1, Entry::Demonym(c) | Entry::Country(c), _)) =
            GAZETTEER.match_at(s.text, s.tokens, prev, s.end)
        {
            out[k].country.get_or_insert(lex.countries[c].iso3.clone());
            i = prev;
            continue;
        }
        last_was_role = false;
        let lw = w.to_lowercase();
        if matches!(lw.as_str(), "for" | "of" | "on") {
            crossed_joiner = true;
        } else if !(lw == "the" || lw == "and" || s.tokens[prev].has(Token::CAPITALIZED)) {
            break;
        }
        i = prev;
    }
    // Titles after "for"/"of" qualify the head title ("spokesman for the ... President").
    let head_roles: Vec<String> = match roles.iter().rposition(|(_, crossed)| *crossed) {
        Some(_) => roles
            .iter()
            .filter(|(_, c)| *c)
            .map(|(r, _)| r.clone())
            .collect(),
        None => roles.iter().map(|(r, _)| r.clone()).collect(),
    };
    let mut ordered: Vec<String> = head_roles.into_iter().rev().collect();
    out[k].roles.append(&mut ordered);
}

/// Titles from the dependency tree when no lexicon role matched (see `titles.rs`).
fn roles_from_parse(s: &Sentence, m: &mut Mention) {
    let mut view = super::titles::View {
        text: s.text,
        tokens: s.tokens,
        parse: s.parse,
        tree: None,
        start: s.start,
        end: s.end,
    };
    if !super::titles::worth_parsing(&view, m.first_tok, m.end_tok) {
        return;
    }
    view.tree = s
        .tree
        .get_or_init(|| crate::language::tree(s.text, s.tokens, s.parse, s.start, s.end))
        .as_ref();
    m.roles = super::titles::titles(&view, m.first_tok, m.end_tok);
}

/// A role whose last token is `end`: (token count, first token).
fn role_ending_at(s: &Sentence, end: usize) -> Option<(usize, usize)> {
    (end.saturating_sub(4).max(s.start)..=end).find_map(|start| {
        GAZETTEER
            .role_at(s.text, s.tokens, start, end + 1)
            .filter(|n| start + n == end + 1)
            .map(|n| (n, start))
    })
}

/// ", the Russian foreign minister," after a name.
fn roles_right(s: &Sentence, m: &mut Mention) {
    let mut i = m.end_tok;
    if word(s, i) != "," {
        return;
    }
    i += 1;
    if word(s, i).eq_ignore_ascii_case("the") {
        i += 1;
    }
    if let Some((1, Entry::Demonym(c), _)) = GAZETTEER.match_at(s.text, s.tokens, i, s.end) {
        m.country
            .get_or_insert(Lexicon::global().countries[c].iso3.clone());
        i += 1;
    }
    if let Some(n) = GAZETTEER.role_at(s.text, s.tokens, i, s.end) {
        let written = s.text[s.tokens[i].start..s.tokens[i + n - 1].end].to_string();
        m.roles.push(written);
    }
}
