//! Stances: for each actor and issue (`issues.tsv`: ceasefire, two-state solution, 1967 borders,
//! ...), whether the actor calls for it, supports it or opposes it, from the cue before the issue
//! (`stance_cues.tsv`). The actor is the clause's subject, the participants of the previous
//! event for "they"/"both sides", or the speaker of the quotation the position is stated in.

use crate::clauses::{MentionIndex, View};
use crate::quotes::sentence_view;
use dateline_core::{Document, Span, Stage, Stance};

pub struct Stances;

impl Stage for Stances {
    fn name(&self) -> &'static str {
        "stances"
    }

    fn run(&self, doc: &mut Document) -> dateline_core::Result<()> {
        let index = MentionIndex::build(&doc.record.entities, &doc.tokens);
        let mut out: Vec<Stance> = Vec::new();
        let mut last_actors: Vec<String> = Vec::new();
        for s in doc.record.sentences.clone() {
            let view = sentence_view(doc, s);
            for (issue, at, len) in issues_in(&view) {
                let Some((stance, cue)) = stance_before(&view, at) else {
                    continue;
                };
                let actors = actors_for(&view, &index, doc, cue, &last_actors);
                if actors.is_empty() {
                    continue;
                }
                last_actors = actors.clone();
                let span = view.span(cue, at + len);
                for actor in actors {
                    let known = out
                        .iter()
                        .any(|x| x.actor == actor && x.issue == issue && x.stance == stance);
                    if !known {
                        out.push(Stance {
                            actor,
                            issue: issue.clone(),
                            stance: stance.clone(),
                            span,
                        });
                    }
                }
            }
        }
        doc.record.stances = out;
        Ok(())
    }
}

/// Issue phrases in the sentence: (issue, first token, length), longest phrase at each token.
fn issues_in(view: &View) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut k = view.start;
    while k < view.end {
        match crate::clauses::ISSUES.longest_at(view.lowered, k, view.end) {
            Some((n, issue)) => {
                out.push((issue.clone(), k, n));
                k += n;
            }
            None => k += 1,
        }
    }
    out
}

/// The nearest stance cue within ten tokens before the issue, in the same clause.
fn stance_before(view: &View, at: usize) -> Option<(String, usize)> {
    let floor = at.saturating_sub(10).max(view.start);
    (floor..at).rev().find_map(|k| {
        if matches!(view.word(k), ";" | "." | "”" | "“") {
            return Some(None);
        }
        crate::clauses::STANCE_CUES
            .longest_at(view.lowered, k, at)
            .map(|(_, stance)| Some((stance.clone(), k)))
    })?
}

/// Who holds the position: the clause's subjects, the subject of the main clause ("Both sides
/// stressed that ..."), "they"/"both sides" (the actors just seen), or the speaker of the
/// quotation it sits in.
fn actors_for(
    view: &View,
    index: &MentionIndex,
    doc: &Document,
    cue: usize,
    last: &[String],
) -> Vec<String> {
    let entities = &doc.record.entities;
    let holders = |list: Vec<usize>| {
        list.into_iter()
            .filter(|e| {
                matches!(
                    entities[*e].kind.as_str(),
                    "person" | "organization" | "group" | "country"
                )
            })
            .map(|e| entities[e].id.clone())
            .collect::<Vec<String>>()
    };
    let plural = |from: usize, to: usize| {
        (from..to).any(|t| {
            matches!(
                view.lower(t),
                "they" | "both" | "two" | "sides" | "ministers"
            )
        })
    };
    // "Both sides", "the two": the participants of the latest event with several of them.
    let at = view.tokens[cue].start;
    let group: Vec<String> = doc
        .record
        .events
        .iter()
        .filter(|e| e.span.0 <= at && e.actors.len() + e.recipients.len() >= 2)
        .max_by_key(|e| e.span.0)
        .map(|e| e.actors.iter().chain(&e.recipients).cloned().collect())
        .unwrap_or_else(|| last.to_vec());
    let last = group.as_slice();
    let subjects = holders(view.subjects(index, entities, cue));
    if !subjects.is_empty() {
        return subjects;
    }
    let from = view.clause_start(cue);
    if plural(from, cue) && !last.is_empty() {
        return last.to_vec();
    }
    if from > view.start && view.lower(from - 1) == "that" {
        let main = holders(view.subjects(index, entities, from - 1));
        if !main.is_empty() {
            return main;
        }
        if plural(view.start, from) && !last.is_empty() {
            return last.to_vec();
        }
    }
    let quoted = doc
        .record
        .quotes
        .iter()
        .filter(|q| q.direct && q.span.contains(at))
        .find_map(|q| q.speaker.clone());
    if let Some(speaker) = quoted {
        // In a quotation that speaks of "they" or the ministers, the position is theirs.
        return if quote_refers_to_previous(view, doc, at) && !last.is_empty() {
            last.to_vec()
        } else {
            vec![speaker]
        };
    }
    Vec::new()
}

/// A quotation whose previous sentence named the positions' holders ("Lavrov and Hussein
/// emphasized ... They called on ... The outcome should be ...") keeps them.
fn quote_refers_to_previous(_view: &View, doc: &Document, at: usize) -> bool {
    let quote = doc
        .record
        .quotes
        .iter()
        .find(|q| q.direct && q.span.contains(at));
    quote.is_some_and(|q| q.span.0 + 1 < at && sentences_before(doc, q.span, at) > 0)
}

fn sentences_before(doc: &Document, quote: Span, at: usize) -> usize {
    doc.record
        .sentences
        .iter()
        .filter(|s| s.0 >= quote.0 && s.1 <= at)
        .count()
}
