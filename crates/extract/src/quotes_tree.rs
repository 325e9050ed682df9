//! Speakers read from the dependency tree, for quotations whose sentence has no cue next to
//! them: a quotation inside a clause ("The bloc “strongly condemns” the air strike", "called the
//! moves “reckless”") is said by the subject of the speech verb it hangs
//! under, or else by the subject of the nearest verb above it.

use crate::clauses::{Clause, View};
use crate::language::Tree;
use crate::quotes::Speakers;
use dateline_core::{Document, Span};
use dateline_lexicon::Lexicon;

/// A speaker found: an entity named at a token, the latest fitting speaker by its id, or that
/// speaker referred to by the word at a token ("he", "the statement", "the bloc").
pub enum Speaker {
    Named(usize, usize),
    Salient(String),
    Referred(String, usize),
}

impl Clause<'_> {
    /// The organisation a definite common noun at token `cue` stands for: the latest one named
    /// before it whose name has the noun ("the council" after "the Security Council"), else one
    /// named after it, else the latest organisation that spoke, else the first organisation
    /// the sentence names ("The Association ... “condemns” ..., the bloc said").
    fn latest_organisation(&self, cue: usize, noun: &str, salience: &Speakers) -> Option<Speaker> {
        let entities = &self.doc.record.entities;
        let organisation = |e: usize| matches!(entities[e].kind.as_str(), "organization" | "group");
        let has_noun = |k: usize| {
            let e = self.index.entity_at(k)?;
            (organisation(e) && entities[e].name.to_lowercase().contains(noun)).then_some(e)
        };
        let named = (0..cue)
            .rev()
            .find_map(has_noun)
            .or_else(|| (cue..self.doc.tokens.len()).find_map(has_noun));
        if let Some(e) = named {
            return Some(Speaker::Salient(entities[e].id.clone()));
        }
        if let Some(id) = &salience.organization {
            return Some(Speaker::Salient(id.clone()));
        }
        let view = self.view;
        (view.start..cue).find_map(|k| {
            let e = self.index.entity_at(k).filter(|&e| organisation(e))?;
            Some(Speaker::Named(e, k))
        })
    }
}

/// The verb the quotation `q` hangs under that says who speaks: the nearest speech verb or
/// quoting verb ("decried the moves as “reckless”", "accused them of freeing “terrorists”")
/// above it in the tree, outside the quotation.
pub fn governing_verb(clause: &Clause, q: Span) -> Option<usize> {
    let (view, t) = (clause.view, clause.tree()?);
    let first = quote_token(view, q)?;
    let outside = |k: usize| !q.contains(view.tokens[k].start);
    verbs_above(view, t, clause.doc, first)
        .into_iter()
        .find(|&v| outside(v) && (is_speech(view, v) || is_quoting(view, v)))
}

/// The speaker the tree gives for a quotation with no cue next to it: the subject of the verb
/// it hangs under ("The bloc “strongly condemns”"), nearest first, never a subject inside it.
pub fn speaker(clause: &Clause, q: Span, salience: &Speakers) -> Option<Speaker> {
    let (view, t) = (clause.view, clause.tree()?);
    if let Some(verb) = governing_verb(clause, q) {
        return cue_speaker(clause, verb, salience);
    }
    let first = quote_token(view, q)?;
    let outside = |k: usize| !q.contains(view.tokens[k].start);
    verbs_above(view, t, clause.doc, first)
        .into_iter()
        .find_map(|verb| {
            let subject = subject_of(view, t, verb).filter(|&k| outside(k))?;
            resolve_phrase(clause, subject, verb, salience)
        })
}

/// The first token of the quotation, when it lies in the sentence.
fn quote_token(view: &View, q: Span) -> Option<usize> {
    let first = view.tokens.partition_point(|t| t.start < q.0);
    (first < view.end && first >= view.start).then_some(first)
}

/// The subject of `verb`, the one nearest to it when the parse gives two.
fn subject_of(view: &View, t: &Tree, verb: usize) -> Option<usize> {
    let own = (view.start..view.end)
        .filter(|&k| k != verb && t.head(k) == verb && t.dep(k) == "nsubj")
        .min_by_key(|&k| k.abs_diff(verb));
    // "Erdogan told him ... and called on ...": a coordinated verb shares the first's subject.
    let head = t.head(verb);
    match own {
        None if t.dep(verb) == "conj" && head != verb && (view.start..view.end).contains(&head) => {
            subject_of(view, t, head)
        }
        found => found,
    }
}

/// Who the tree says speaks through the cue at token `cue`: the subject of the speech verb
/// ("Umerov replied", "said White House spokeswoman Jen Psaki"), or the object of "according
/// to". The subject is an entity itself, one named inside it ("a spokesman at the foreign
/// ministry"), a pronoun or "the statement" (the latest fitting speaker), or a definite common
/// noun for an organisation named before ("the regional bloc said").
pub fn cue_speaker(clause: &Clause, cue: usize, salience: &Speakers) -> Option<Speaker> {
    let (view, t) = (clause.view, clause.tree()?);
    let subject = if view.lower(cue) == "according" {
        (view.start..view.end).find(|&k| t.head(k) == cue + 1 && t.dep(k) == "pobj")
    } else {
        subject_of(view, t, cue)
    };
    match subject {
        Some(subject) => resolve_phrase(clause, subject, cue, salience),
        None => phrase_before(clause, cue),
    }
}

/// The entity opening the phrase just before a cue the parse left without a subject: ", the
/// task force on the border said".
fn phrase_before(clause: &Clause, cue: usize) -> Option<Speaker> {
    let view = clause.view;
    let entities = &clause.doc.record.entities;
    let tags = &clause.doc.parse.tags;
    let mut found = None;
    for k in (view.start..cue).rev().take(12) {
        let stop = matches!(view.word(k), "," | ";" | ":" | "“" | "”" | "\"")
            || tags.get(k).is_some_and(|tag| tag.starts_with("VB"));
        if stop {
            break;
        }
        if let Some(e) = clause.index.entity_at(k) {
            if matches!(
                entities[e].kind.as_str(),
                "person" | "organization" | "group" | "country"
            ) {
                found = Some(Speaker::Named(e, k));
            }
        }
    }
    found
}

/// The entity a noun phrase headed by `head` stands for.
fn resolve_phrase(
    clause: &Clause,
    head: usize,
    cue: usize,
    salience: &Speakers,
) -> Option<Speaker> {
    Some(match resolve_head(clause, head, cue, salience)? {
        Speaker::Salient(id) => Speaker::Referred(id, head),
        found => found,
    })
}

fn resolve_head(clause: &Clause, head: usize, cue: usize, salience: &Speakers) -> Option<Speaker> {
    let (view, t, index) = (clause.view, clause.tree()?, clause.index);
    if let Some(e) = index.entity_at(head) {
        return Some(Speaker::Named(e, head));
    }
    let word = bare(view.lower(head));
    match word {
        "he" | "she" => return salience.person.clone().map(Speaker::Salient),
        "it" | "they" | "we" => return salience.organization.clone().map(Speaker::Salient),
        _ => {}
    }
    // A word inside the phrase names it: "a spokesman at Oman's foreign ministry", "the army's
    // statement", "the EU member states".
    let inside = descendants(t, head)
        .into_iter()
        .filter(|&k| k != head)
        .find_map(|k| index.entity_at(k).map(|e| Speaker::Named(e, k)));
    if inside.is_some() {
        return inside;
    }
    let lexicon = Lexicon::global();
    if lexicon.listed("organisation_noun", word) && definite(view, t, head) {
        return clause.latest_organisation(cue, word, salience);
    }
    if lexicon.listed("statement_noun", word) {
        // "the army's statement": the possessor issued it.
        let possessor = (view.start..head).find(|&k| t.head(k) == head && t.dep(k) == "poss");
        if let Some(p) =
            possessor.filter(|&p| lexicon.listed("organisation_noun", bare(view.lower(p))))
        {
            return clause.latest_organisation(cue, bare(view.lower(p)), salience);
        }
        let issuer = salience
            .statement
            .as_ref()
            .or(salience.organization.as_ref());
        return issuer.cloned().map(Speaker::Salient);
    }
    None
}

/// "the council", "the army's": a common noun made definite by an article or a possessive.
fn definite(view: &View, t: &Tree, head: usize) -> bool {
    bare(view.lower(head)) != view.lower(head)
        || (view.start..head).any(|k| t.head(k) == head && view.lower(k) == "the")
}

/// A word without its possessive ending.
fn bare(word: &str) -> &str {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
}

/// The tokens of the phrase headed by `head`, without the clauses hanging on it.
fn descendants(t: &Tree, head: usize) -> Vec<usize> {
    t.subtree(head, 24, |k| {
        !matches!(t.dep(k), "relcl" | "acl" | "ccomp" | "advcl")
    })
}

/// The verbs on the path from token `k` up to the root, nearest first.
fn verbs_above(view: &View, t: &Tree, doc: &Document, mut k: usize) -> Vec<usize> {
    let mut verbs = Vec::new();
    for _ in 0..24 {
        if doc
            .parse
            .tags
            .get(k)
            .is_some_and(|tag| tag.starts_with("VB"))
        {
            verbs.push(k);
        }
        let h = t.head(k);
        if h == k || h < view.start || h >= view.end {
            break;
        }
        k = h;
    }
    verbs
}

fn is_speech(view: &View, k: usize) -> bool {
    Lexicon::global().speech_verbs.contains(view.lower(k))
}

fn is_quoting(view: &View, k: usize) -> bool {
    Lexicon::global().listed("quoting_verb", view.lower(k))
}

#[cfg(test)]
mod tests {
    fn speakers(text: &str) -> Vec<Option<String>> {
        let doc = crate::analysed_up_to(text, "quotes");
        doc.record
            .quotes
            .iter()
            .filter(|q| q.direct)
            .map(|q| {
                let id = q.speaker.as_ref()?;
                doc.record
                    .entities
                    .iter()
                    .find(|e| &e.id == id)
                    .map(|e| e.name.clone())
            })
            .collect()
    }

    #[test]
    fn a_quotation_inside_a_clause_is_said_by_its_subject() {
        let found = speakers(
            "The Kenyan government “strongly condemns” the attack on the convoy near Garissa.",
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .as_deref()
                .is_some_and(|n| n.contains("government")),
            "{found:?}"
        );
    }

    #[test]
    fn a_quotation_without_a_cue_continues_the_last_speaker() {
        let found = speakers(
            "“The road is closed,” Tamsin Okoro said on Monday. “We cannot reach the villages.”",
        );
        assert_eq!(found.len(), 2);
        assert!(
            found[0].as_deref().is_some_and(|n| n.contains("Okoro")),
            "{found:?}"
        );
        assert_eq!(found[1], found[0]);
    }

    #[test]
    fn a_long_opening_clause_does_not_hide_the_subject_of_the_cue() {
        let found = speakers(
            "When reporters asked whether the next round would open new topics or settle old ones, Tamsin Okoro replied: “We will tell you soon.”",
        );
        assert!(
            found[0].as_deref().is_some_and(|n| n.contains("Okoro")),
            "{found:?}"
        );
    }

    #[test]
    fn according_to_names_the_source() {
        let found =
            speakers("According to the Kenya Red Cross, the bridge was “swept away” overnight.");
        assert!(
            found[0].as_deref().is_some_and(|n| n.contains("Red Cross")),
            "{found:?}"
        );
    }

    #[test]
    fn a_definite_noun_stands_for_the_organisation_named_before() {
        let found = speakers(
            "The UN Security Council met in New York on Monday. “The truce must hold,” the council said.",
        );
        assert!(
            found[0].as_deref().is_some_and(|n| n.contains("Council")),
            "{found:?}"
        );
    }

    #[test]
    fn the_statement_is_its_issuers() {
        let found = speakers(
            "The Kenyan interior ministry said in a statement that roads were closed. Officials from the Kenya Red Cross visited the camps. “Curfews remain in force,” the statement said.",
        );
        assert!(
            found
                .last()
                .cloned()
                .flatten()
                .is_some_and(|n| n.contains("ministry")),
            "{found:?}"
        );
    }

    #[test]
    fn a_quoting_verb_nearer_than_the_cue_speaks() {
        let found = speakers(
            "Kenya's interior ministry said the convoy had been stopped, while Uganda decried the move as “reckless”.",
        );
        assert!(
            found[0].as_deref().is_some_and(|n| n.contains("Uganda")),
            "{found:?}"
        );
    }

    #[test]
    fn a_quotation_opened_in_an_earlier_sentence_takes_the_cue_there() {
        let found = speakers(
            "Tamsin Okoro said on Monday “We reached the camp this morning. The roads are closed.”",
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0].as_deref().is_some_and(|n| n.contains("Okoro")),
            "{found:?}"
        );
    }
}
