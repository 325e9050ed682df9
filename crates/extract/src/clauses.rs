//! Helpers the quotation, event and stance stages share: which entity a token belongs to, where
//! a clause starts, who its subject is, and phrase matching on lowercased tokens.

use dateline_core::{Entity, Span, Token, TokenKind};
use dateline_lexicon::Lexicon;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// First words of the lexicon's roles, lowercased.
static ROLE_STARTS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    Lexicon::global()
        .roles
        .keys()
        .filter_map(|r| r.split([' ', '-']).next())
        .map(str::to_string)
        .collect()
});

/// Demonym ("Israeli") and capital ("Nairobi") to the ISO code of the country, the first the
/// lexicon lists, built once.
static DEMONYMS: LazyLock<HashMap<String, String>> =
    LazyLock::new(|| country_names(|c| &c.demonyms));
static CAPITALS: LazyLock<HashMap<String, String>> =
    LazyLock::new(|| country_names(|c| &c.capitals));

fn country_names(
    names: impl Fn(&dateline_lexicon::Country) -> &Vec<String>,
) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for c in &Lexicon::global().countries {
        for n in names(c) {
            map.entry(n.clone()).or_insert_with(|| c.iso3.clone());
        }
    }
    map
}

/// The ISO code of the country a demonym names ("Israeli": ISR).
pub fn demonym_country(word: &str) -> Option<&'static str> {
    DEMONYMS.get(word).map(String::as_str)
}

/// The ISO code of the country whose capital this is ("Nairobi": KEN).
pub fn capital_country(name: &str) -> Option<&'static str> {
    CAPITALS.get(name).map(String::as_str)
}

/// The word can begin a title ("special", "foreign", "counterpart").
pub fn starts_role(word: &str) -> bool {
    ROLE_STARTS.contains(word)
}

/// Words before a mention that make it an object or adjunct, not a subject.
pub const PREPOSITIONS: &[&str] = &[
    "in", "of", "on", "at", "from", "with", "for", "to", "about", "by", "during", "against",
    "between", "among", "into", "over", "after", "before", "under", "around", "near", "toward",
    "towards", "through", "within", "amid", "via",
];

/// Words that open a new clause; a subject is looked for after the last one.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "while", "when", "whereas", "but", "as", "because", "although",
];

/// Entity of each token.
pub struct MentionIndex {
    by_token: Vec<Option<usize>>,
}

impl MentionIndex {
    pub fn build(entities: &[Entity], tokens: &[Token]) -> Self {
        let mut by_token = vec![None; tokens.len()];
        for (e, entity) in entities.iter().enumerate() {
            for m in &entity.mentions {
                let first = tokens.partition_point(|t| t.start < m.0);
                let last = tokens.partition_point(|t| t.start < m.1);
                for slot in by_token.iter_mut().take(last).skip(first) {
                    // Longer mentions (descriptions spanning an organisation) yield to the
                    // shorter, more specific one already placed.
                    slot.get_or_insert(e);
                }
            }
        }
        MentionIndex { by_token }
    }

    /// The latest entity named before token `before` that "he"/"she" (`personal`) or "it" can
    /// stand for: a person, else an organisation, group or country.
    pub fn latest_before(
        &self,
        entities: &[Entity],
        before: usize,
        personal: bool,
    ) -> Option<usize> {
        (0..before).rev().find_map(|k| {
            let e = self.entity_at(k)?;
            let kind = entities[e].kind.as_str();
            let fits = if personal {
                kind == "person"
            } else {
                matches!(kind, "organization" | "group" | "country")
            };
            fits.then_some(e)
        })
    }

    pub fn entity_at(&self, t: usize) -> Option<usize> {
        self.by_token.get(t).copied().flatten()
    }

    /// Distinct entities whose mentions start in `[from, to)`, in order, with their first token.
    pub fn mentions_in(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for t in from..to.min(self.by_token.len()) {
            let Some(e) = self.entity_at(t) else { continue };
            let starts_here = t == 0 || self.entity_at(t - 1) != Some(e) || t == from;
            if starts_here && !out.iter().any(|(x, _)| *x == e) {
                out.push((e, t));
            }
        }
        out
    }
}

/// One sentence as the quotation and event stages read it: its tokens, its tree (parsed once,
/// when a quotation or cue needs it) and the entities of the document.
pub struct Clause<'a> {
    pub view: &'a View<'a>,
    pub index: &'a MentionIndex,
    pub doc: &'a dateline_core::Document,
    /// The participants of the latest event told before the sentence with two or more: whom
    /// "they" and "the parties" stand for when the sentence names no one fitting.
    pub earlier: Vec<usize>,
    /// Parsed on first use: most sentences never need their tree.
    parsed: std::cell::OnceCell<Option<crate::language::Tree>>,
}

impl<'a> Clause<'a> {
    pub fn new(
        view: &'a View<'a>,
        index: &'a MentionIndex,
        doc: &'a dateline_core::Document,
    ) -> Self {
        Clause {
            view,
            index,
            doc,
            earlier: Vec::new(),
            parsed: std::cell::OnceCell::new(),
        }
    }

    /// The clause with the participants an earlier event leaves for group references.
    pub fn with_earlier(mut self, earlier: Vec<usize>) -> Self {
        self.earlier = earlier;
        self
    }

    /// The sentence's dependency tree, parsed now if no stage has parsed it yet. A "sentence"
    /// longer than 80 tokens is a table or a list run together, where a tree would cost much
    /// and tell little; the clause heuristics read it.
    pub fn tree(&self) -> Option<&crate::language::Tree> {
        self.parsed
            .get_or_init(|| {
                let v = self.view;
                if v.end - v.start > 80 {
                    return None;
                }
                crate::language::tree(v.text, v.tokens, &self.doc.parse, v.start, v.end)
            })
            .as_ref()
    }

    /// Two entities or more are mentioned in the sentence: only then can the tree tell apart
    /// who acts and who is acted on better than the clause heuristics do. A lone personal
    /// pronoun does not count (it changed no news-dev score and costs parsing time); one
    /// coordinated with a name does ("She and President Win Myint have been detained").
    pub fn names_anyone(&self) -> bool {
        let named = self.index.mentions_in(self.view.start, self.view.end).len();
        named >= 2 || named == 1 && self.pronoun_beside_and()
    }

    fn pronoun_beside_and(&self) -> bool {
        let v = self.view;
        (v.start..v.end).any(|k| {
            matches!(v.lower(k), "he" | "she")
                && (v.lower(k + 1) == "and" || k > v.start && v.lower(k - 1) == "and")
        })
    }

    /// The tree if it was parsed, for the document to keep.
    pub fn into_tree(self) -> Option<crate::language::Tree> {
        self.parsed.into_inner().flatten()
    }
}

pub struct View<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// Lowercased token texts (`Document::lower`).
    pub lowered: &'a [String],
    /// Sentence token range.
    pub start: usize,
    pub end: usize,
}

impl<'a> View<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        if i < self.tokens.len() {
            self.tokens[i].text(self.text)
        } else {
            ""
        }
    }

    pub fn lower(&self, i: usize) -> &'a str {
        self.lowered.get(i).map_or("", String::as_str)
    }

    /// True when the lowercased tokens from `i` spell `words`.
    pub fn spells(&self, i: usize, words: &[String]) -> bool {
        i + words.len() <= self.end
            && words
                .iter()
                .enumerate()
                .all(|(k, w)| self.lower(i + k) == *w)
    }

    /// Length in tokens of a phrase from `phrases` (space-separated, lowercase) starting at `i`.
    pub fn phrase_at<'p>(
        &self,
        i: usize,
        phrases: impl Iterator<Item = &'p String>,
    ) -> Option<(usize, &'p String)> {
        phrases
            .filter_map(|p| {
                let words: Vec<String> = p.split(' ').map(str::to_string).collect();
                self.spells(i, &words).then_some((words.len(), p))
            })
            .max_by_key(|(n, _)| *n)
    }

    pub fn span(&self, from: usize, to: usize) -> Span {
        Span(
            self.tokens[from].start,
            self.tokens[to.max(from + 1) - 1].end,
        )
    }

    /// Where the clause holding token `i` starts.
    pub fn clause_start(&self, i: usize) -> usize {
        let mut k = i;
        while k > self.start {
            let w = self.lower(k - 1);
            if matches!(w, ";" | ":" | "“" | "”" | "\"") || CLAUSE_OPENERS.contains(&w) {
                return k;
            }
            k -= 1;
        }
        self.start
    }

    /// The subject of the clause holding token `i`: the first group of coordinated entities near
    /// the clause start that are not objects of a preposition ("Lavrov and Hussein held talks"
    /// gives both; "Hamas subjected Israel to rocket fire" gives Hamas). An organisation that is
    /// only the affiliation in a title ("UN Special Coordinator ... Tor Wennesland") gives way to
    /// the person.
    pub fn subjects(&self, index: &MentionIndex, entities: &[Entity], i: usize) -> Vec<usize> {
        let mut from = self.clause_start(i);
        // "Calling for a halt ..., the Russian minister urged": the subject follows the opener.
        if self.lower(from).ends_with("ing") {
            if let Some(comma) = (from..i).rev().find(|&k| self.word(k) == ",") {
                from = comma + 1;
            }
        }
        let mut group: Vec<usize> = Vec::new();
        let mut last_end: Option<usize> = None;
        let mut titled = false;
        for (e, t) in index.mentions_in(from, i) {
            let person = entities[e].kind == "person";
            if !(titled && person) && self.after_preposition(t, from) {
                continue;
            }
            if last_end.is_none() && t > from + 12 {
                break;
            }
            if let Some(end) = last_end {
                let joined = if titled {
                    self.title_gap(end, t)
                } else {
                    self.coordinated(end, t)
                };
                if !joined {
                    break;
                }
            }
            let end = self.mention_end(index, e, t);
            if !person && starts_role(self.lower(end)) {
                titled = true;
                last_end = Some(end);
                continue;
            }
            titled = false;
            group.push(e);
            last_end = Some(end);
        }
        group
    }

    /// One past the last token of the mention of `e` starting at `t`.
    pub fn mention_end(&self, index: &MentionIndex, e: usize, t: usize) -> usize {
        let mut end = t + 1;
        while end < self.end && index.entity_at(end) == Some(e) {
            end += 1;
        }
        end
    }

    /// Only the words of a title stand between an affiliation and the person: "UN Special
    /// Coordinator for the Middle East Peace Process Tor Wennesland".
    fn title_gap(&self, from: usize, to: usize) -> bool {
        (from..to).all(|k| {
            matches!(self.lower(k), "for" | "of" | "the" | "and" | "on")
                || self.tokens[k].has(Token::CAPITALIZED)
        })
    }

    /// Only coordination and titles stand between two mentions: "Lavrov and Iraqi Deputy Prime
    /// Minister and Foreign Minister Fuad Hussein", "Lavrov and his Palestinian counterpart".
    fn coordinated(&self, from: usize, to: usize) -> bool {
        (from..to).all(|k| {
            let w = self.lower(k);
            matches!(
                w,
                "and" | "," | "the" | "his" | "her" | "its" | "their" | "for" | "of"
            ) || self.tokens[k].has(Token::CAPITALIZED)
                || starts_role(w)
        }) && (from..to).any(|k| matches!(self.lower(k), "and" | ","))
    }

    /// A preposition stands before the mention, past articles, names and coordination ("between
    /// Israel and Lebanon"); "of" after a plural title ("the presidents of Syria, Iran ...") does
    /// not count.
    pub fn after_preposition(&self, t: usize, floor: usize) -> bool {
        let mut k = t;
        while k > floor {
            k -= 1;
            let w = self.lower(k);
            if w == "of" && k > 0 && Lexicon::global().listed("plural_title", self.lower(k - 1)) {
                return false;
            }
            // "the spokesman for the Palestinian President, Nabil Abu Rudeina": an apposition.
            if w == "," && k == t - 1 && k > 0 && starts_role(self.lower(k - 1)) {
                return false;
            }
            if PREPOSITIONS.contains(&w) {
                return true;
            }
            let modifier = matches!(
                w,
                "the" | "a" | "an" | "his" | "her" | "its" | "their" | "and" | ","
            ) || (self.tokens[k].has(Token::CAPITALIZED)
                && self.tokens[k].kind == TokenKind::Word);
            if !modifier {
                return false;
            }
        }
        false
    }
}

/// A table of phrases indexed by first word, matched longest first on lowercased tokens.
pub struct PhraseSet<T> {
    by_first: dateline_lexicon::Map<String, Vec<(Vec<String>, T)>>,
}

impl<T> PhraseSet<T> {
    pub fn new(items: impl IntoIterator<Item = (String, T)>) -> Self {
        let mut by_first: dateline_lexicon::Map<String, Vec<(Vec<String>, T)>> = Default::default();
        for (phrase, value) in items {
            let words: Vec<String> = phrase
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            if let Some(first) = words.first() {
                by_first
                    .entry(first.clone())
                    .or_default()
                    .push((words, value));
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        PhraseSet { by_first }
    }

    /// The longest phrase starting at token `i` (ending by `end`): (token count, value).
    pub fn longest_at(&self, lowered: &[String], i: usize, end: usize) -> Option<(usize, &T)> {
        let list = self.by_first.get(lowered.get(i)?)?;
        list.iter().find_map(|(words, value)| {
            let fits = i + words.len() <= end.min(lowered.len())
                && words.iter().enumerate().all(|(k, w)| lowered[i + k] == *w);
            fits.then_some((words.len(), value))
        })
    }
}

/// Speech verbs and phrases.
pub static SPEECH: LazyLock<PhraseSet<()>> = LazyLock::new(|| {
    PhraseSet::new(
        Lexicon::global()
            .speech_verbs
            .iter()
            .map(|v| (v.clone(), ())),
    )
});

/// Event cues, to their index in the lexicon's list.
pub static EVENT_CUES: LazyLock<PhraseSet<usize>> = LazyLock::new(|| {
    PhraseSet::new(
        Lexicon::global()
            .event_cues
            .iter()
            .enumerate()
            .map(|(i, c)| (c.words.join(" "), i)),
    )
});

/// Issue phrases, to their issue.
pub static ISSUES: LazyLock<PhraseSet<String>> = LazyLock::new(|| {
    PhraseSet::new(
        Lexicon::global()
            .issues
            .iter()
            .flat_map(|(issue, phrases)| phrases.iter().map(move |p| (p.clone(), issue.clone()))),
    )
});

/// Stance cues, to their stance.
pub static STANCE_CUES: LazyLock<PhraseSet<String>> = LazyLock::new(|| {
    PhraseSet::new(
        Lexicon::global()
            .stance_cues
            .iter()
            .map(|(c, s)| (c.clone(), s.clone())),
    )
});

/// Figure cues, to (kind, GKG type).
pub static FIGURE_CUES: LazyLock<PhraseSet<(String, String)>> = LazyLock::new(|| {
    PhraseSet::new(
        Lexicon::global()
            .figure_cues
            .iter()
            .map(|(c, v)| (c.clone(), v.clone())),
    )
});

/// Qualifier phrases, to their qualifier.
pub static QUALIFIERS: LazyLock<PhraseSet<String>> = LazyLock::new(|| {
    PhraseSet::new(
        Lexicon::global()
            .qualifiers
            .iter()
            .map(|(c, v)| (c.clone(), v.clone())),
    )
});
